//! The steps after the feedback: preparation, the group conversation, the
//! action plan, and the accreditation minutes with their record.

use askama::Template;
use axum::Form as Posted;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use kartrekker::reflection::Step;

use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::Form;
use crate::pages::admin::Notice;
use crate::pages::{notice, render, render_status, see_other};
use crate::state::AppState;

type Pairs = Posted<Vec<(String, String)>>;

#[derive(Template)]
#[template(path = "reflection/preparation.html")]
struct Preparation<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    id: i64,
    title: String,
    form: Form,
}

pub async fn preparation(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let a = c.require()?;
    let v = s.k.reflection_cycle(a, id).await?;
    let n = s.k.reflection_notes(a, id).await?;
    let form = Form::new()
        .with("preparation_notes", n.preparation_notes)
        .with("topics", n.topics)
        .with("intended_actions", n.intended_actions);
    Ok(render(&Preparation { notice: notice(&c, q.notice.as_deref()), c: &c, id, title: v.cycle.title, form }))
}

pub async fn save_preparation(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>, Posted(p): Pairs) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let done = form.value("go") == "done";
    let fields = [form.value("preparation_notes"), form.value("topics"), form.value("intended_actions")];
    match s.k.save_preparation(a, id, fields, done).await {
        Ok(()) if done => Ok(see_other(&format!("/reflection/{id}?notice=notice-preparation-done"))),
        Ok(()) => Ok(see_other(&format!("/reflection/{id}/preparation?notice=notice-answers-saved"))),
        Err(e) => {
            let form = form.absorb(&c, e, "preparation_notes")?;
            let title = s.k.reflection_cycle(a, id).await?.cycle.title;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &Preparation { c: &c, notice: None, id, title, form }))
        }
    }
}

#[derive(Template)]
#[template(path = "reflection/conversation.html")]
struct Conversation<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    id: i64,
    title: String,
    is_leader: bool,
    /// (Fluent key, minutes)
    agenda: Vec<(String, i64)>,
    group_notes: String,
    /// (person id, name, meaning, present)
    people: Vec<(i64, String, String, bool)>,
    form: Form,
}

async fn conversation_page(
    s: &AppState,
    c: &Ctx,
    id: i64,
    form: Form,
    notice: Option<String>,
    status: StatusCode,
) -> WebResult {
    let a = c.require()?;
    let v = s.k.reflection_cycle(a, id).await?;
    let notes = s.k.conversation_notes(a, id).await?;
    let minutes = if v.is_leader { s.k.accreditation(a, id).await? } else { Vec::new() };
    let people = notes
        .into_iter()
        .map(|(p, name, meaning)| {
            let present = minutes.iter().any(|m| m.person_id == p && m.minutes[2] > 0);
            (p, name, meaning, present)
        })
        .collect();
    let agenda =
        kartrekker::reflection::model::CONVERSATION_PARTS.iter().map(|(k, m)| (c.t(k).to_string(), *m)).collect();
    let page = Conversation {
        c,
        notice,
        id,
        title: v.cycle.title,
        is_leader: v.is_leader,
        agenda,
        group_notes: v.cycle.group_notes,
        people,
        form,
    };
    Ok(render_status(status, &page))
}

pub async fn conversation(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<Notice>,
) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    conversation_page(&s, &c, id, Form::new(), n, StatusCode::OK).await
}

pub async fn save_conversation(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>, Posted(p): Pairs) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let meanings: Vec<(String, String)> =
        p.iter().filter_map(|(k, v)| k.strip_prefix("meaning-").map(|pid| (pid.to_string(), v.clone()))).collect();
    let present = form.values("present").to_vec();
    match s.k.save_conversation(a, id, form.value("group_notes"), &meanings, &present).await {
        Ok(()) => Ok(see_other(&format!("/reflection/{id}/conversation?notice=notice-conversation-saved"))),
        Err(e) => {
            let form = form.absorb(&c, e, "group_notes")?;
            conversation_page(&s, &c, id, form, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

#[derive(Template)]
#[template(path = "reflection/plan.html")]
struct Plan<'a> {
    c: &'a Ctx,
    id: i64,
    title: String,
    form: Form,
    buddies: Vec<(String, String)>,
    slots: Vec<usize>,
    done: Vec<String>,
}

async fn plan_page(s: &AppState, c: &Ctx, id: i64, form: Form, status: StatusCode) -> WebResult {
    let a = c.require()?;
    let v = s.k.reflection_cycle(a, id).await?;
    let mut buddies = vec![(String::new(), c.t("choose").to_string())];
    buddies.extend(v.participants.iter().filter(|(p, _)| *p != a.id()).map(|(p, n)| (p.to_string(), n.clone())));
    let origin = kartrekker::actions::Origin { kind: kartrekker::actions::OriginKind::ReflectionPlan, id: Some(id) };
    let done =
        s.k.actions_from(a, v.cycle.team_id, origin)
            .await?
            .into_iter()
            .filter(|x| x.kartrekker_id == a.id())
            .map(|x| x.title)
            .collect();
    Ok(render_status(status, &Plan { c, id, title: v.cycle.title, form, buddies, slots: vec![1, 2, 3], done }))
}

pub async fn plan(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let a = c.require()?;
    let n = s.k.reflection_notes(a, id).await?;
    let form = Form::new()
        .with("safeguarding", n.safeguarding)
        .with("buddy", n.buddy_id.map(|b| b.to_string()).unwrap_or_default())
        .with("follow_up", n.follow_up_date.map(|d| d.to_string()).unwrap_or_default());
    plan_page(&s, &c, id, form, StatusCode::OK).await
}

pub async fn save_plan(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>, Posted(p): Pairs) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let names: Vec<(String, String, String)> =
        (1..=3).map(|n| (format!("title-{n}"), format!("goal-{n}"), format!("due_date-{n}"))).collect();
    let actions: Vec<kartrekker::reflection::PlannedAction> = names
        .iter()
        .map(|(t, g, d)| kartrekker::reflection::PlannedAction {
            title: form.value(t),
            goal: form.value(g),
            due_date: form.value(d),
        })
        .collect();
    match s
        .k
        .save_action_plan(a, id, &actions, form.value("safeguarding"), form.value("buddy"), form.value("follow_up"))
        .await
    {
        Ok(_) => Ok(see_other(&format!("/reflection/{id}?notice=notice-plan-saved"))),
        Err(e) => {
            let form = form.absorb(&c, e, "safeguarding")?;
            plan_page(&s, &c, id, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// Quarter points the Dutch way: "4,75".
fn points_text(p: f64) -> String {
    format!("{p:.2}").replace('.', ",")
}

/// One participant's row: (person id, name, [(step code, minutes)], total, points).
type AccreditationLine = (i64, String, Vec<(String, i64)>, i64, String);

#[derive(Template)]
#[template(path = "reflection/accreditation.html")]
struct Accreditation<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    id: i64,
    title: String,
    is_leader: bool,
    steps: Vec<(String, String)>,
    lines: Vec<AccreditationLine>,
    form: Form,
}

async fn accreditation_page(
    s: &AppState,
    c: &Ctx,
    id: i64,
    form: Form,
    notice: Option<String>,
    status: StatusCode,
) -> WebResult {
    let a = c.require()?;
    let v = s.k.reflection_cycle(a, id).await?;
    let lines =
        s.k.accreditation(a, id)
            .await?
            .into_iter()
            .map(|l| {
                let per = Step::ALL.iter().zip(l.minutes).map(|(st, m)| (st.code().to_string(), m)).collect();
                (l.person_id, l.name.clone(), per, l.total(), points_text(l.points()))
            })
            .collect();
    let steps =
        Step::ALL.iter().map(|st| (st.code().to_string(), c.t(&format!("step-{}", st.code())).to_string())).collect();
    Ok(render_status(
        status,
        &Accreditation { c, notice, id, title: v.cycle.title, is_leader: v.is_leader, steps, lines, form },
    ))
}

pub async fn accreditation(
    State(s): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<Notice>,
) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    accreditation_page(&s, &c, id, Form::new(), n, StatusCode::OK).await
}

pub async fn correct(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>, Posted(p): Pairs) -> WebResult {
    let a = c.require()?;
    match s.k.correct_minutes(a, id, &p).await {
        Ok(()) => Ok(see_other(&format!("/reflection/{id}/accreditation?notice=notice-minutes-saved"))),
        Err(e) => {
            let form = Form::from_pairs(&p).absorb(&c, e, "minutes")?;
            accreditation_page(&s, &c, id, form, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// Everyone's minutes and points as CSV for the leader (Dutch Excel).
pub async fn accreditation_csv(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>) -> WebResult {
    use axum::http::header;
    use axum::response::IntoResponse;
    let a = c.require()?;
    let v = s.k.reflection_cycle(a, id).await?;
    if !v.is_leader {
        return Err(crate::error::WebError::Forbidden);
    }
    let mut out = String::from("\u{feff}");
    let mut head = vec![c.t("label-name")];
    head.extend(Step::ALL.iter().map(|st| c.t(&format!("step-{}", st.code()))));
    head.push(c.t("accreditation-total"));
    head.push(c.t("accreditation-points"));
    out.push_str(&head.join(";"));
    out.push_str("\r\n");
    for l in s.k.accreditation(a, id).await? {
        let mut row = vec![l.name.replace(';', ",")];
        row.extend(l.minutes.iter().map(|m| m.to_string()));
        row.push(l.total().to_string());
        row.push(points_text(l.points()));
        out.push_str(&row.join(";"));
        out.push_str("\r\n");
    }
    let disposition = format!("attachment; filename=\"accreditatie-{id}.csv\"");
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, disposition)],
        out,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "reflection/record.html")]
struct Record<'a> {
    c: &'a Ctx,
    title: String,
    team: String,
    name: String,
    steps: Vec<(String, String, i64)>,
    total: i64,
    points: String,
    printed: String,
}

/// A participant's own accreditation record, ready to print or save as PDF.
pub async fn record(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let a = c.require()?;
    let v = s.k.reflection_cycle(a, id).await?;
    let line =
        s.k.accreditation(a, id)
            .await?
            .into_iter()
            .find(|l| l.person_id == a.id())
            .ok_or(crate::error::WebError::Forbidden)?;
    let steps = Step::ALL
        .iter()
        .zip(line.minutes)
        .map(|(st, m)| (c.t(&format!("step-{}", st.code())).to_string(), v.cycle.schedule.date(*st).dutch(), m))
        .collect();
    Ok(render(&Record {
        c: &c,
        title: v.cycle.title,
        team: v.team.name,
        name: line.name.clone(),
        steps,
        total: line.total(),
        points: points_text(line.points()),
        printed: s.k.today().dutch(),
    }))
}
