//! The reflection cycle "calling & comradeship": a team's cycles, one
//! cycle's steps, colleague feedback, and the results pages.

use askama::Template;
use axum::Form as Posted;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use kartrekker::Error;
use kartrekker::reflection::{Cycle, CycleView, Step};

use super::admin::Notice;
use super::{notice, render, render_status, see_other};
use crate::charts::{Series, radar};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::Form;
use crate::state::AppState;

type Pairs = Posted<Vec<(String, String)>>;

#[derive(Template)]
#[template(path = "reflection/cycles.html")]
struct Cycles<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    team_id: i64,
    team: String,
    cycles: Vec<Cycle>,
    can_start: bool,
    form: Form,
}

async fn cycles_page(
    s: &AppState,
    c: &Ctx,
    team_id: i64,
    form: Form,
    notice: Option<String>,
    status: StatusCode,
) -> WebResult {
    let (team, cycles, can_start) = s.k.reflection_cycles(c.require()?, team_id).await?;
    Ok(render_status(status, &Cycles { c, notice, team_id, team: team.name, cycles, can_start, form }))
}

pub async fn cycles(State(s): State<AppState>, c: Ctx, Path(team_id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    let today = s.k.today();
    let form = Form::new()
        .with("min_raters", "3")
        .with("self_date", today.add_days(7).to_string())
        .with("preparation_date", today.add_days(14).to_string())
        .with("conversation_date", today.add_days(21).to_string())
        .with("plan_date", today.add_days(28).to_string());
    cycles_page(&s, &c, team_id, form, n, StatusCode::OK).await
}

pub async fn start(State(s): State<AppState>, c: Ctx, Path(team_id): Path<i64>, Posted(p): Pairs) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let dates = [
        form.value("self_date"),
        form.value("preparation_date"),
        form.value("conversation_date"),
        form.value("plan_date"),
    ];
    match s.k.start_reflection_cycle(a, team_id, form.value("title"), dates, form.value("min_raters")).await {
        Ok(id) => Ok(see_other(&format!("/reflection/{id}?notice=notice-cycle-started"))),
        Err(e) => {
            let form = form.absorb(&c, e, "title")?;
            cycles_page(&s, &c, team_id, form, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// One step of the cycle as the overview shows it.
pub struct StepLine {
    pub title: String,
    pub date: String,
    pub minutes: i64,
}

#[derive(Template)]
#[template(path = "reflection/cycle.html")]
struct CyclePage<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    v: CycleView,
    steps: Vec<StepLine>,
    /// (person id, name, already asked)
    colleagues: Vec<(i64, String, bool)>,
    form: Form,
    closed: bool,
}

async fn cycle_page(
    s: &AppState,
    c: &Ctx,
    id: i64,
    form: Form,
    notice: Option<String>,
    status: StatusCode,
) -> WebResult {
    let v = s.k.reflection_cycle(c.require()?, id).await?;
    let steps = Step::ALL
        .iter()
        .map(|st| StepLine {
            title: c.t(&format!("step-{}", st.code())),
            date: v.cycle.schedule.date(*st).dutch(),
            minutes: st.minutes(),
        })
        .collect();
    let me = c.require()?.id();
    let colleagues =
        v.participants.iter().filter(|(p, _)| *p != me).map(|(p, n)| (*p, n.clone(), v.asked.contains(p))).collect();
    let closed = v.cycle.feedback_closed_at.is_some();
    Ok(render_status(status, &CyclePage { c, notice, v, steps, colleagues, form, closed }))
}

pub async fn cycle(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    cycle_page(&s, &c, id, Form::new(), n, StatusCode::OK).await
}

pub async fn open_self(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let response = s.k.open_self_evaluation(c.require()?, id).await?;
    Ok(see_other(&format!("/questionnaires/{response}")))
}

pub async fn request(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>, Posted(p): Pairs) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let raters = form.values("raters").to_vec();
    match s.k.request_feedback(a, id, &raters).await {
        Ok(()) => Ok(see_other(&format!("/reflection/{id}?notice=notice-feedback-requested"))),
        Err(e) => {
            let form = form.absorb(&c, e, "raters")?;
            cycle_page(&s, &c, id, form, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

pub async fn feedback(State(s): State<AppState>, c: Ctx, Path((id, subject)): Path<(i64, i64)>) -> WebResult {
    match s.k.open_feedback(c.require()?, id, subject).await {
        Ok(response) => Ok(see_other(&format!("/questionnaires/{response}"))),
        Err(Error::Refused(key)) => {
            let mut form = Form::new();
            form.add_error("raters", c.t(key));
            cycle_page(&s, &c, id, form, None, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn close(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>) -> WebResult {
    s.k.close_reflection_feedback(c.require()?, id).await?;
    Ok(see_other(&format!("/reflection/{id}?notice=notice-feedback-closed")))
}

fn score(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.1}").replace('.', ",")).unwrap_or_else(|| "–".into())
}

#[derive(Template)]
#[template(path = "reflection/results.html")]
struct Results<'a> {
    c: &'a Ctx,
    id: i64,
    chart: String,
    /// (label, self, colleagues)
    sections: Vec<(String, String, String)>,
    items: Vec<(String, String, String)>,
    shown: bool,
    raters: usize,
    min_raters: i64,
    /// (question, answers)
    open: Vec<(String, Vec<String>)>,
}

pub async fn results(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let a = c.require()?;
    let (own, colleague, r) = match s.k.my_reflection_results(a, id).await {
        Ok(x) => x,
        Err(Error::Refused(key)) => {
            let mut form = Form::new();
            form.add_error("results", c.t(key));
            return cycle_page(&s, &c, id, form, None, StatusCode::CONFLICT).await;
        }
        Err(e) => return Err(e.into()),
    };
    let d = &own.definition;
    let title_of = |sid: &str| {
        d.sections.iter().find(|x| x.id == sid).map(|x| x.title.get(c.lang).to_string()).unwrap_or_default()
    };
    let labels: Vec<String> = r.sections.iter().map(|x| title_of(&x.id)).collect();
    let me = c.t("results-self");
    let them = c.t("results-colleagues");
    let chart = radar(
        &c.t("results-chart-title"),
        &c.t("results-chart-description"),
        &labels,
        &[
            Series { name: &me, values: r.sections.iter().map(|x| x.self_score).collect(), class: "self" },
            Series { name: &them, values: r.sections.iter().map(|x| x.colleagues).collect(), class: "colleagues" },
        ],
        1.0,
        5.0,
    );
    let sections = r.sections.iter().map(|x| (title_of(&x.id), score(x.self_score), score(x.colleagues))).collect();
    let items = r
        .items
        .iter()
        .map(|x| {
            (
                d.item(&x.id).map(|i| i.text.get(c.lang).to_string()).unwrap_or_default(),
                score(x.self_score),
                score(x.colleagues),
            )
        })
        .collect();
    let open = r
        .open
        .iter()
        .map(|(id, texts)| {
            (colleague.definition.item(id).map(|i| i.text.get(c.lang).to_string()).unwrap_or_default(), texts.clone())
        })
        .collect();
    let min_raters = s.k.reflection_cycle(a, id).await?.cycle.min_raters;
    Ok(render(&Results { c: &c, id, chart, sections, items, shown: r.shown, raters: r.raters, min_raters, open }))
}

#[derive(Template)]
#[template(path = "reflection/group.html")]
struct Group<'a> {
    c: &'a Ctx,
    id: i64,
    title: String,
    respondents: usize,
    min_raters: i64,
    /// (section, mean, lowest, highest)
    sections: Vec<(String, String, String, String)>,
    chart: String,
}

pub async fn group(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let a = c.require()?;
    let (cycle, own, g) = match s.k.reflection_group(a, id).await {
        Ok(x) => x,
        Err(Error::Refused(key)) => {
            let mut form = Form::new();
            form.add_error("results", c.t(key));
            return cycle_page(&s, &c, id, form, None, StatusCode::CONFLICT).await;
        }
        Err(e) => return Err(e.into()),
    };
    let title_of = |sid: &str| {
        own.definition
            .sections
            .iter()
            .find(|x| x.id == sid)
            .map(|x| x.title.get(c.lang).to_string())
            .unwrap_or_default()
    };
    let labels: Vec<String> = g.sections.iter().map(|x| title_of(&x.id)).collect();
    let avg = c.t("group-mean");
    let chart = if g.sections.is_empty() {
        String::new()
    } else {
        radar(
            &c.t("group-chart-title"),
            &c.t("group-chart-description"),
            &labels,
            &[Series { name: &avg, values: g.sections.iter().map(|x| Some(x.mean)).collect(), class: "self" }],
            1.0,
            5.0,
        )
    };
    let sections = g
        .sections
        .iter()
        .map(|x| (title_of(&x.id), score(Some(x.mean)), score(Some(x.lowest)), score(Some(x.highest))))
        .collect();
    Ok(render(&Group {
        c: &c,
        id,
        title: cycle.title,
        respondents: g.respondents,
        min_raters: cycle.min_raters,
        sections,
        chart,
    }))
}
