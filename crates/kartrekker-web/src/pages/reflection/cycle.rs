//! A team's cycles, starting one, and one cycle with its colleague feedback.

use askama::Template;
use axum::Form as Posted;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use kartrekker::Error;
use kartrekker::reflection::{Cycle, CycleView, Step};

use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::Form;
use crate::pages::admin::Notice;
use crate::pages::{notice, render_status, see_other};
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

pub(super) async fn cycle_page(
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
            title: c.t(&format!("step-{}", st.code())).to_string(),
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
            form.add_error("raters", c.t(key).to_string());
            cycle_page(&s, &c, id, form, None, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn close(State(s): State<AppState>, c: Ctx, Path(id): Path<i64>) -> WebResult {
    s.k.close_reflection_feedback(c.require()?, id).await?;
    Ok(see_other(&format!("/reflection/{id}?notice=notice-feedback-closed")))
}
