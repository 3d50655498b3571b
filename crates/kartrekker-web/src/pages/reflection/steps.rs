//! The steps after the feedback: preparation, the group conversation, the
//! action plan, and the accreditation minutes with their record.

use askama::Template;
use axum::extract::{Path, Query};
use kartrekker::reflection::{PlanInput, PlannedAction, Step};
use kartrekker::spreadsheet::{Cell, FileType, Table};
use serde::{Deserialize, Serialize};

use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::pages::{Notice, notice, render, see_other, table_download};
use crate::state::AppState;

/// Forms whose field names carry a person's id (`meaning-{id}`, `m-{id}-{step}`).
type Pairs = Posted<Vec<(String, String)>>;

#[derive(Template)]
#[template(path = "reflection/preparation.html")]
struct Preparation<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    id: i64,
    title: String,
    /// Link to the actor's results only once they open.
    own_results: bool,
    form: Form,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PreparationForm {
    preparation_notes: String,
    topics: String,
    intended_actions: String,
    /// "done" from the button that finishes the step.
    go: String,
}

pub async fn preparation(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let a = c.require()?;
    let v = s.k.reflection_cycle(a, id).await?;
    let n = s.k.reflection_notes(a, id).await?;
    let form = Form::of(&PreparationForm {
        preparation_notes: n.preparation_notes,
        topics: n.topics,
        intended_actions: n.intended_actions,
        go: String::new(),
    });
    let own_results = v.sees_own_results();
    Ok(render(&Preparation {
        notice: notice(&c, q.notice.as_deref()),
        c: &c,
        id,
        title: v.cycle.title,
        own_results,
        form,
    }))
}

pub async fn save_preparation(
    s: AppState,
    c: Ctx,
    Path(id): Path<i64>,
    Posted(f): Posted<PreparationForm>,
) -> WebResult {
    let a = c.require()?;
    let done = f.go == "done";
    let fields = [f.preparation_notes.as_str(), &f.topics, &f.intended_actions];
    let result = s.k.save_preparation(a, id, fields, done).await;
    let ok = |()| match done {
        true => format!("/reflection/{id}?notice=notice-preparation-done"),
        false => format!("/reflection/{id}/preparation?notice=notice-answers-saved"),
    };
    submit(&c, &f, "preparation_notes", result, ok, async |form| {
        let v = s.k.reflection_cycle(a, id).await?;
        let own_results = v.sees_own_results();
        Ok(render(&Preparation { c: &c, notice: None, id, title: v.cycle.title, own_results, form }))
    })
    .await
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

async fn conversation_page(s: &AppState, c: &Ctx, id: i64, form: Form, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let v = s.k.reflection_cycle(a, id).await?;
    let notes = s.k.conversation_notes(a, id).await?;
    let attended = if v.is_leader { s.k.conversation_attendance(a, id).await? } else { Vec::new() };
    let people = notes
        .into_iter()
        .map(|(p, name, meaning)| {
            let present = attended.contains(&p);
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
    Ok(render(&page))
}

pub async fn conversation(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    conversation_page(&s, &c, id, Form::new(), notice(&c, q.notice.as_deref())).await
}

/// The group's notes, what the step meant to each participant
/// (`meaning-{person}`), and who was there (`present`).
pub async fn save_conversation(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(p): Pairs) -> WebResult {
    let form = Form::from_pairs(&p);
    let meanings: Vec<(String, String)> =
        p.iter().filter_map(|(k, v)| k.strip_prefix("meaning-").map(|pid| (pid.to_string(), v.clone()))).collect();
    let present = form.values("present");
    let result = s.k.save_conversation(c.require()?, id, form.value("group_notes"), &meanings, present).await;
    let ok = |()| format!("/reflection/{id}/conversation?notice=notice-conversation-saved");
    submit(&c, &p, "group_notes", result, ok, async |form| conversation_page(&s, &c, id, form, None).await).await
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
    /// Plan actions beyond the form's slots (from before a plan was edited in place).
    more: Vec<String>,
}

/// The three slots of the form.
const SLOTS: usize = 3;

async fn plan_page(s: &AppState, c: &Ctx, id: i64, form: Form) -> WebResult {
    let a = c.require()?;
    let v = s.k.reflection_cycle(a, id).await?;
    let mut buddies = vec![(String::new(), c.t("choose").to_string())];
    buddies.extend(v.participants.iter().filter(|(p, _)| *p != a.id()).map(|(p, n)| (p.to_string(), n.clone())));
    let more = s.k.action_plan(a, id).await?.actions.into_iter().skip(SLOTS).map(|x| x.title).collect();
    Ok(render(&Plan { c, id, title: v.cycle.title, form, buddies, slots: (1..=SLOTS).collect(), more }))
}

/// Up to three actions (`action-1`, `title-1` … `due_date-3`; `action-N` is
/// the stored action the slot changes), the safeguarding, a buddy and a
/// follow-up date.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PlanForm {
    #[serde(rename = "action-1")]
    action_1: String,
    #[serde(rename = "title-1")]
    title_1: String,
    #[serde(rename = "goal-1")]
    goal_1: String,
    #[serde(rename = "due_date-1")]
    due_date_1: String,
    #[serde(rename = "action-2")]
    action_2: String,
    #[serde(rename = "title-2")]
    title_2: String,
    #[serde(rename = "goal-2")]
    goal_2: String,
    #[serde(rename = "due_date-2")]
    due_date_2: String,
    #[serde(rename = "action-3")]
    action_3: String,
    #[serde(rename = "title-3")]
    title_3: String,
    #[serde(rename = "goal-3")]
    goal_3: String,
    #[serde(rename = "due_date-3")]
    due_date_3: String,
    safeguarding: String,
    buddy: String,
    follow_up: String,
    /// "yes" from the checkbox that keeps the plan off the team's board.
    private: String,
}

impl PlanForm {
    fn actions(&self) -> [PlannedAction<'_>; SLOTS] {
        [
            PlannedAction {
                action: &self.action_1,
                title: &self.title_1,
                goal: &self.goal_1,
                due_date: &self.due_date_1,
            },
            PlannedAction {
                action: &self.action_2,
                title: &self.title_2,
                goal: &self.goal_2,
                due_date: &self.due_date_2,
            },
            PlannedAction {
                action: &self.action_3,
                title: &self.title_3,
                goal: &self.goal_3,
                due_date: &self.due_date_3,
            },
        ]
    }
}

/// The stored plan in the form; before the first save, the intended actions
/// of the preparation as titles.
pub async fn plan(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let p = s.k.action_plan(c.require()?, id).await?;
    let mut form = Form::of(&PlanForm {
        safeguarding: p.notes.safeguarding,
        buddy: p.notes.buddy_id.map(|b| b.to_string()).unwrap_or_default(),
        follow_up: p.notes.follow_up_date.map(|d| d.to_string()).unwrap_or_default(),
        private: if p.private { "yes".into() } else { String::new() },
        ..PlanForm::default()
    });
    for (n, a) in p.actions.iter().take(SLOTS).enumerate() {
        let date = a.due_date.map(|d| d.to_string()).unwrap_or_default();
        form = form
            .with(&format!("action-{}", n + 1), a.id.to_string())
            .with(&format!("title-{}", n + 1), a.title.clone())
            .with(&format!("goal-{}", n + 1), a.goal.clone())
            .with(&format!("due_date-{}", n + 1), date);
    }
    for (n, t) in p.intended.into_iter().take(SLOTS).enumerate() {
        form = form.with(&format!("title-{}", n + 1), t);
    }
    plan_page(&s, &c, id, form).await
}

pub async fn save_plan(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<PlanForm>) -> WebResult {
    let a = c.require()?;
    let actions = f.actions();
    let plan = PlanInput {
        actions: &actions,
        safeguarding: &f.safeguarding,
        buddy: &f.buddy,
        follow_up: &f.follow_up,
        private: f.private == "yes",
    };
    let result = s.k.save_action_plan(a, id, &plan).await;
    let ok = |_| format!("/reflection/{id}?notice=notice-plan-saved");
    submit(&c, &f, "safeguarding", result, ok, async |form| plan_page(&s, &c, id, form).await).await
}

/// Quarter points the Dutch way: "4,75".
fn points_text(p: f64) -> String {
    format!("{p:.2}").replace('.', ",")
}

/// One participant's row: (person id, name, [(step code, step, minutes)], total, points).
type AccreditationLine = (i64, String, Vec<(String, String, i64)>, i64, String);

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
    /// The leader sees the others' minutes only once the feedback is closed.
    others_hidden: bool,
    form: Form,
}

async fn accreditation_page(s: &AppState, c: &Ctx, id: i64, form: Form, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let v = s.k.reflection_cycle(a, id).await?;
    let lines =
        s.k.accreditation(a, id)
            .await?
            .into_iter()
            .map(|l| {
                let per = Step::ALL
                    .iter()
                    .zip(l.minutes)
                    .map(|(st, m)| (st.code().to_string(), c.t(&format!("step-{}", st.code())).to_string(), m))
                    .collect();
                (l.person_id, l.name.clone(), per, l.total(), points_text(l.points()))
            })
            .collect();
    let steps =
        Step::ALL.iter().map(|st| (st.code().to_string(), c.t(&format!("step-{}", st.code())).to_string())).collect();
    let others_hidden = v.is_leader && v.cycle.feedback_closed_at.is_none();
    let is_leader = v.is_leader && !others_hidden;
    Ok(render(&Accreditation { c, notice, id, title: v.cycle.title, is_leader, steps, lines, others_hidden, form }))
}

pub async fn accreditation(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    accreditation_page(&s, &c, id, Form::new(), notice(&c, q.notice.as_deref())).await
}

/// The leader's corrections of everyone's minutes per step. A wrong number
/// comes back next to its field, naming the person and the step, with every
/// typed value kept.
pub async fn correct(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(p): Pairs) -> WebResult {
    let problems = match s.k.correct_minutes(c.require()?, id, &p).await {
        Ok(Ok(())) => return Ok(see_other(&format!("/reflection/{id}/accreditation?notice=notice-minutes-saved"))),
        Ok(Err(problems)) => problems,
        Err(e) => {
            let form = Form::of(&p).absorb(&c, e, "minutes")?;
            return accreditation_page(&s, &c, id, form, None).await.map(unprocessable);
        }
    };
    let mut form = Form::of(&p);
    for pr in problems {
        let args = [
            ("name", pr.name),
            ("step", c.t(&format!("step-{}", pr.step.code())).to_string()),
            ("message", c.t(pr.key).to_string()),
        ];
        form.add_error(
            &format!("m-{}-{}", pr.person_id, pr.step.code()),
            crate::i18n::t_args(c.lang, "error-minutes-of", &args),
        );
    }
    accreditation_page(&s, &c, id, form, None).await.map(unprocessable)
}

fn unprocessable(mut page: axum::response::Response) -> axum::response::Response {
    *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    page
}

/// Everyone's minutes and points for the leader, as CSV or .xlsx.
pub async fn accreditation_export(s: AppState, c: Ctx, Path(id): Path<i64>, kind: FileType) -> WebResult {
    let a = c.require()?;
    let v = s.k.reflection_cycle(a, id).await?;
    if !v.is_leader {
        return Err(crate::error::WebError::Forbidden);
    }
    let mut head = vec![c.t("label-name").to_string()];
    head.extend(Step::ALL.iter().map(|st| c.t(&format!("step-{}", st.code())).to_string()));
    head.push(c.t("accreditation-total").to_string());
    head.push(c.t("accreditation-points").to_string());
    let mut out = Table::new(head);
    for l in s.k.accreditation_export(a, id).await? {
        let mut row = vec![Cell::from(l.name.as_str())];
        row.extend(l.minutes.iter().map(|m| Cell::Int(*m)));
        row.push(Cell::Int(l.total()));
        row.push(Cell::Decimal(l.points()));
        out.row(row);
    }
    Ok(table_download(&format!("accreditatie-{id}"), kind, &out, c.t("accreditation-title")))
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
pub async fn record(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
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
