//! A team's cycles, starting one, and one cycle with its colleague feedback.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use kartrekker::Error;
use kartrekker::reflection::service::GroupCheck;
use kartrekker::reflection::{Cycle, CycleView, Step};
use serde::{Deserialize, Serialize};

use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::pages::{Notice, notice, render, see_other};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "reflection/cycles.html")]
struct Cycles<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    team_id: i64,
    team: String,
    cycles: Vec<Cycle>,
    can_start: bool,
    /// The built-in instrument first, then the organisation's own: (value, title).
    instruments: Vec<(String, String)>,
    group: GroupCheck,
    form: Form,
}

async fn cycles_page(s: &AppState, c: &Ctx, team_id: i64, form: Form, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let (team, cycles, can_start, group) = s.k.reflection_cycles(a, team_id).await?;
    let mut instruments = vec![(String::new(), c.t("instrument-builtin").to_string())];
    if can_start {
        let own = s.k.reflection_instruments(a).await?;
        let en = c.lang_code() == "en";
        instruments.extend(own.into_iter().map(|i| (i.id.to_string(), if en { i.title_en } else { i.title_nl })));
    }
    Ok(render(&Cycles { c, notice, team_id, team: team.name, cycles, can_start, instruments, group, form }))
}

/// A new cycle: its title, the date of each step, and how many colleagues
/// must answer before results show.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct StartForm {
    title: String,
    self_date: String,
    preparation_date: String,
    conversation_date: String,
    plan_date: String,
    min_raters: String,
    /// An organisation instrument's id; empty for the built-in one.
    instrument: String,
}

pub async fn cycles(s: AppState, c: Ctx, Path(team_id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let today = s.k.today();
    let form = StartForm {
        title: String::new(),
        self_date: today.add_days(7).to_string(),
        preparation_date: today.add_days(14).to_string(),
        conversation_date: today.add_days(21).to_string(),
        plan_date: today.add_days(28).to_string(),
        min_raters: s.k.min_group_size(c.require()?).await?.to_string(),
        instrument: String::new(),
    };
    cycles_page(&s, &c, team_id, Form::of(&form), notice(&c, q.notice.as_deref())).await
}

pub async fn start(s: AppState, c: Ctx, Path(team_id): Path<i64>, Posted(f): Posted<StartForm>) -> WebResult {
    let dates = [f.self_date.as_str(), &f.preparation_date, &f.conversation_date, &f.plan_date];
    let a = c.require()?;
    let result = s.k.start_reflection_cycle_using(a, team_id, &f.title, dates, &f.min_raters, &f.instrument).await;
    let ok = |id| format!("/reflection/{id}?notice=notice-cycle-started");
    submit(&c, &f, "title", result, ok, async |form| cycles_page(&s, &c, team_id, form, None).await).await
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
    /// Team members the leader can add: (value, label), a first "choose".
    candidates: Vec<(String, String)>,
    form: Form,
    closed: bool,
}

pub(super) async fn cycle_page(s: &AppState, c: &Ctx, id: i64, form: Form, notice: Option<String>) -> WebResult {
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
    let mut candidates = Vec::new();
    if !v.candidates.is_empty() {
        candidates.push((String::new(), c.t("choose").to_string()));
        candidates.extend(v.candidates.iter().map(|(p, n)| (p.to_string(), n.clone())));
    }
    Ok(render(&CyclePage { c, notice, v, steps, colleagues, candidates, form, closed }))
}

/// The cycle page answering 409 with why a step cannot be taken yet, next to `field`.
pub(super) async fn refused(s: &AppState, c: &Ctx, id: i64, field: &str, key: &str) -> WebResult {
    let mut form = Form::new();
    form.add_error(field, c.t(key).to_string());
    let mut page: Response = cycle_page(s, c, id, form, None).await?;
    *page.status_mut() = StatusCode::CONFLICT;
    Ok(page)
}

pub async fn cycle(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    cycle_page(&s, &c, id, Form::new(), notice(&c, q.notice.as_deref())).await
}

pub async fn open_self(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    match s.k.open_self_evaluation(c.require()?, id).await {
        Ok(response) => Ok(see_other(&format!("/questionnaires/{response}"))),
        Err(Error::Refused(key)) => refused(&s, &c, id, "self", key).await,
        Err(e) => Err(e.into()),
    }
}

/// The colleagues asked for feedback.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct RequestForm {
    /// Person ids (checkboxes).
    raters: Vec<String>,
}

pub async fn request(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<RequestForm>) -> WebResult {
    let result = s.k.request_feedback(c.require()?, id, &f.raters).await;
    let ok = |()| format!("/reflection/{id}?notice=notice-feedback-requested");
    submit(&c, &f, "raters", result, ok, async |form| cycle_page(&s, &c, id, form, None).await).await
}

/// A team member to add to the cycle.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ParticipantForm {
    person: String,
}

pub async fn add_participant(
    s: AppState,
    c: Ctx,
    Path(id): Path<i64>,
    Posted(f): Posted<ParticipantForm>,
) -> WebResult {
    let result = s.k.add_reflection_participant(c.require()?, id, &f.person).await;
    let ok = |()| format!("/reflection/{id}?notice=notice-participant-added");
    submit(&c, &f, "person", result, ok, async |form| cycle_page(&s, &c, id, form, None).await).await
}

pub async fn feedback(s: AppState, c: Ctx, Path((id, subject)): Path<(i64, i64)>) -> WebResult {
    match s.k.open_feedback(c.require()?, id, subject).await {
        Ok(response) => Ok(see_other(&format!("/questionnaires/{response}"))),
        Err(Error::Refused(key)) => refused(&s, &c, id, "raters", key).await,
        Err(e) => Err(e.into()),
    }
}

pub async fn close(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    s.k.close_reflection_feedback(c.require()?, id).await?;
    Ok(see_other(&format!("/reflection/{id}?notice=notice-feedback-closed")))
}
