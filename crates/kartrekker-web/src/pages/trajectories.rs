//! The team trajectory "Leidinggeven & leidingkrijgen": the team's
//! trajectory page, intake, observations, mirror session (with a page for
//! the projector), sessions with their .ics files, evaluations, and the
//! program leader's overview of every team.

use askama::Template;
use axum::Form as Posted;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kartrekker::actions::{Action, ActionInput};
use kartrekker::dates::Date;
use kartrekker::organisations::Member;
use kartrekker::trajectories::service::{OVERVIEW_PAGE_SIZE, content_visible, open_evaluation};
use kartrekker::trajectories::{
    AgreedAction, Answer, EvaluationInput, EvaluationPage, IntakePage, MirrorPage, Observation, ObservationCategory,
    ObservationInput, ObservationsPage, OverviewFilter, OverviewSort, Phase, Rights, Session, SessionInput,
    SessionKind, SessionPage, Theme, Trajectory, TrajectoryPage,
};

use super::{notice, render, render_status, see_other};
use crate::context::{Ctx, url_escape};
use crate::error::{WebError, WebResult};
use crate::forms::Form;
use crate::state::AppState;

type Pairs = Posted<Vec<(String, String)>>;

#[derive(serde::Deserialize, Default)]
pub struct NoticeQuery {
    notice: Option<String>,
}

fn unprocessable(t: &impl Template) -> Response {
    render_status(StatusCode::UNPROCESSABLE_ENTITY, t)
}

/// "24-11-2026", or empty.
fn day(d: Option<Date>) -> String {
    d.map(|d| {
        let (y, m, dd) = d.ymd();
        format!("{dd:02}-{m:02}-{y:04}")
    })
    .unwrap_or_default()
}

fn base(team_id: i64, tid: i64) -> String {
    format!("/teams/{team_id}/trajectory/{tid}")
}

fn phase_label(c: &Ctx, p: Phase) -> String {
    c.t(&format!("trajectory-phase-{}", p.code())).to_string()
}

fn session_label(c: &Ctx, s: &Session) -> String {
    match (s.kind, s.seq) {
        (SessionKind::Evaluation, n) if n > 0 => c.ta("trajectory-re-evaluation-n", "number", n),
        (kind, _) => c.t(&format!("trajectory-session-{}", kind.code())).to_string(),
    }
}

fn member_options(c: &Ctx, members: &[Member]) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), c.t("choose").to_string())];
    out.extend(members.iter().map(|m| (m.person_id.to_string(), m.name.clone())));
    out
}

fn theme_options(c: &Ctx, themes: &[Theme]) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), c.t("trajectory-no-theme").to_string())];
    out.extend(themes.iter().map(|t| (t.id.to_string(), t.title.clone())));
    out
}

/// The trajectory's own menu.
pub struct Nav {
    pub team_id: i64,
    pub tid: i64,
    /// Observations and the mirror session show.
    pub content: bool,
    pub current: &'static str,
}

impl Nav {
    fn new(t: &Trajectory, rights: &Rights, current: &'static str) -> Option<Nav> {
        Some(Nav { team_id: t.team_id, tid: t.id, content: content_visible(rights, t.phase), current })
    }
    pub fn is(&self, page: &str) -> &'static str {
        if self.current == page { "page" } else { "false" }
    }
    pub fn base(&self) -> String {
        base(self.team_id, self.tid)
    }
}

/// A session as the phase pages show it.
pub struct SessionSummary {
    pub id: i64,
    pub label: String,
    pub date: String,
    pub time: String,
    pub minutes: i64,
    pub agenda: String,
    pub location: String,
    pub attendees: usize,
    pub done: bool,
}

impl SessionSummary {
    fn new(c: &Ctx, s: &Session) -> SessionSummary {
        SessionSummary {
            id: s.id,
            label: session_label(c, s),
            date: day(s.date),
            time: s.start_time.map(|t| t.to_string()).unwrap_or_default(),
            minutes: s.minutes,
            agenda: s.agenda.clone(),
            location: s.location.clone(),
            attendees: s.attendees.len(),
            done: s.completed_at.is_some(),
        }
    }
}

// ---------------------------------------------------------------- the team's trajectory

pub struct Step {
    pub number: usize,
    pub label: String,
    /// "done", "current" or "todo".
    pub state: &'static str,
    pub state_label: String,
}

pub struct View {
    pub tid: i64,
    pub phase: String,
    pub explain: String,
    pub trainer: String,
    pub anonymous: bool,
    pub steps: Vec<Step>,
    /// (the phase now, the button's text) when the actor may move it on.
    pub next: Option<(&'static str, String)>,
    pub lead: bool,
    pub respondent: bool,
    pub in_intake: bool,
    pub content: bool,
    pub sessions: Vec<SessionSummary>,
    pub work_weeks: i64,
    pub weeks_warning: bool,
    pub weeks_editable: bool,
    pub work_started: String,
    pub work_ends: String,
    pub participants: i64,
    pub respondents: i64,
    pub open_evaluation: Option<(i64, String, String)>,
    pub evaluating: bool,
}

#[derive(Template)]
#[template(path = "trajectories/team.html")]
struct TeamTpl<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    nav: Option<Nav>,
    team_id: i64,
    team: String,
    can_start: bool,
    trainers: Vec<(String, String)>,
    start: Form,
    view: Option<View>,
    advance: Form,
    weeks: Form,
}

fn steps(c: &Ctx, now: Phase) -> Vec<Step> {
    Phase::ALL[..5]
        .iter()
        .map(|p| {
            let state = if *p == now {
                "current"
            } else if *p < now {
                "done"
            } else {
                "todo"
            };
            Step {
                number: p.number(),
                label: phase_label(c, *p),
                state,
                state_label: c.t(&format!("trajectory-step-{state}")).to_string(),
            }
        })
        .collect()
}

fn view(c: &Ctx, page: &TrajectoryPage) -> Option<View> {
    let t = page.trajectory.as_ref()?;
    let r = &page.rights;
    let next = t
        .phase
        .next()
        .filter(|_| r.lead)
        .map(|n| (t.phase.code(), c.ta("trajectory-advance-to", "phase", phase_label(c, n))));
    Some(View {
        tid: t.id,
        phase: phase_label(c, t.phase),
        explain: c.t(&format!("trajectory-explain-{}", t.phase.code())).to_string(),
        trainer: t.trainer.clone(),
        anonymous: t.anonymous,
        steps: steps(c, t.phase),
        next,
        lead: r.lead,
        respondent: r.respondent,
        in_intake: t.phase == Phase::Intake,
        content: content_visible(r, t.phase),
        sessions: page.sessions.iter().map(|s| SessionSummary::new(c, s)).collect(),
        work_weeks: t.work_weeks,
        weeks_warning: !kartrekker::trajectories::model::weeks_advised(t.work_weeks),
        weeks_editable: r.lead && t.phase <= Phase::Work,
        work_started: day(t.work_started_on),
        work_ends: day(page.work_ends()),
        participants: page.participants,
        respondents: page.respondents,
        open_evaluation: page.open_evaluation().map(|s| (s.id, session_label(c, s), day(s.date))),
        evaluating: t.phase.is_evaluating(),
    })
}

struct TeamForms {
    start: Form,
    advance: Form,
    weeks: Form,
}

impl Default for TeamForms {
    fn default() -> TeamForms {
        TeamForms { start: Form::new(), advance: Form::new(), weeks: Form::new() }
    }
}

fn team_tpl<'a>(c: &'a Ctx, page: TrajectoryPage, notice: Option<String>, forms: TeamForms) -> TeamTpl<'a> {
    let mut trainers = vec![(String::new(), c.t("choose").to_string())];
    trainers.extend(page.trainer_choices.iter().map(|p| (p.id.to_string(), format!("{} ({})", p.name, p.email))));
    let weeks = match &page.trajectory {
        Some(t) if forms.weeks.value("weeks").is_empty() => forms.weeks.with("weeks", t.work_weeks.to_string()),
        _ => forms.weeks,
    };
    TeamTpl {
        c,
        notice,
        nav: page.trajectory.as_ref().and_then(|t| Nav::new(t, &page.rights, "overview")),
        team_id: page.team.id,
        team: page.team.name.clone(),
        can_start: page.trajectory.is_none() && page.rights.program_leader,
        trainers,
        start: forms.start,
        view: view(c, &page),
        advance: forms.advance,
        weeks,
    }
}

pub async fn team(
    State(s): State<AppState>,
    c: Ctx,
    Path(team_id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> WebResult {
    let page = s.k.team_trajectory(c.require()?, team_id).await?;
    Ok(render(&team_tpl(&c, page, notice(&c, q.notice.as_deref()), TeamForms::default())))
}

pub async fn trajectory(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Query(q): Query<NoticeQuery>,
) -> WebResult {
    let page = s.k.trajectory_page(c.require()?, team_id, tid).await?;
    Ok(render(&team_tpl(&c, page, notice(&c, q.notice.as_deref()), TeamForms::default())))
}

pub async fn start(State(s): State<AppState>, c: Ctx, Path(team_id): Path<i64>, Posted(p): Pairs) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.start_trajectory(a, team_id, form.value("trainer")).await {
        Ok(tid) => Ok(see_other(&format!("{}?notice=notice-trajectory-started", base(team_id, tid)))),
        Err(e) => {
            let start = form.absorb(&c, e, "trainer")?;
            let page = s.k.team_trajectory(a, team_id).await?;
            Ok(unprocessable(&team_tpl(&c, page, None, TeamForms { start, ..TeamForms::default() })))
        }
    }
}

pub async fn advance(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.advance_trajectory(a, team_id, tid, form.value("from")).await {
        Ok(_) => Ok(see_other(&format!("{}?notice=notice-trajectory-advanced", base(team_id, tid)))),
        Err(e) => {
            let advance = form.absorb(&c, e, "from")?;
            let page = s.k.trajectory_page(a, team_id, tid).await?;
            Ok(unprocessable(&team_tpl(&c, page, None, TeamForms { advance, ..TeamForms::default() })))
        }
    }
}

pub async fn work(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.set_work_weeks(a, team_id, tid, form.value("weeks")).await {
        Ok(_) => Ok(see_other(&format!("{}?notice=notice-trajectory-weeks-saved", base(team_id, tid)))),
        Err(e) => {
            let weeks = form.absorb(&c, e, "weeks")?;
            let page = s.k.trajectory_page(a, team_id, tid).await?;
            Ok(unprocessable(&team_tpl(&c, page, None, TeamForms { weeks, ..TeamForms::default() })))
        }
    }
}

// ---------------------------------------------------------------- intake

pub struct AnswerRow {
    pub id: i64,
    pub question: String,
    pub text: String,
    pub theme: String,
    pub theme_title: String,
}

fn theme_title(themes: &[Theme], id: Option<i64>) -> String {
    themes.iter().find(|t| Some(t.id) == id).map(|t| t.title.clone()).unwrap_or_default()
}

fn answer_rows(c: &Ctx, answers: &[Answer], themes: &[Theme]) -> Vec<AnswerRow> {
    answers
        .iter()
        .map(|a| AnswerRow {
            id: a.id,
            question: c.t(&format!("trajectory-question-{}", a.question.code())).to_string(),
            text: a.text.clone(),
            theme: a.theme_id.map(|t| t.to_string()).unwrap_or_default(),
            theme_title: theme_title(themes, a.theme_id),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "trajectories/intake.html")]
struct IntakeTpl<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    nav: Option<Nav>,
    team: String,
    base: String,
    phase: String,
    in_intake: bool,
    anonymous: bool,
    respondent: bool,
    trainer: bool,
    answered: bool,
    can_answer: bool,
    can_group: bool,
    /// The answers show.
    content: bool,
    participants: i64,
    respondents: i64,
    session: SessionSummary,
    answer: Form,
    anonymity: Form,
    theme: Form,
    grouping: Form,
    answers: Vec<AnswerRow>,
    themes: Vec<(String, String)>,
    theme_titles: Vec<String>,
}

#[derive(Default)]
struct IntakeForms {
    answer: Option<Form>,
    anonymity: Form,
    theme: Form,
    grouping: Form,
}

fn intake_tpl<'a>(c: &'a Ctx, p: IntakePage, notice: Option<String>, forms: IntakeForms) -> IntakeTpl<'a> {
    let t = &p.trajectory;
    let in_intake = t.phase == Phase::Intake;
    let answer = forms.answer.unwrap_or_else(|| {
        let own = |q: kartrekker::trajectories::Question| {
            p.own.iter().find(|(x, _)| *x == q).map(|(_, a)| a.clone()).unwrap_or_default()
        };
        Form::new()
            .with("daily", own(kartrekker::trajectories::Question::Daily))
            .with("proud", own(kartrekker::trajectories::Question::Proud))
    });
    IntakeTpl {
        c,
        notice,
        nav: Nav::new(t, &p.rights, "intake"),
        team: p.team.name.clone(),
        base: base(t.team_id, t.id),
        phase: phase_label(c, t.phase),
        in_intake,
        anonymous: t.anonymous,
        respondent: p.rights.respondent,
        trainer: p.rights.trainer,
        answered: p.answered,
        can_answer: p.rights.respondent && in_intake && !(t.anonymous && p.answered),
        can_group: p.rights.trainer && t.phase <= Phase::MirrorSession,
        content: content_visible(&p.rights, t.phase),
        participants: p.participants,
        respondents: p.respondents,
        session: SessionSummary::new(c, &p.session),
        answer,
        anonymity: forms.anonymity,
        theme: forms.theme,
        grouping: forms.grouping,
        answers: answer_rows(c, &p.answers, &p.themes),
        themes: theme_options(c, &p.themes),
        theme_titles: p.themes.iter().map(|t| t.title.clone()).collect(),
    }
}

pub async fn intake(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Query(q): Query<NoticeQuery>,
) -> WebResult {
    let page = s.k.intake_page(c.require()?, team_id, tid).await?;
    Ok(render(&intake_tpl(&c, page, notice(&c, q.notice.as_deref()), IntakeForms::default())))
}

async fn intake_again(s: &AppState, c: &Ctx, team_id: i64, tid: i64, forms: IntakeForms) -> WebResult {
    let page = s.k.intake_page(c.require()?, team_id, tid).await?;
    Ok(unprocessable(&intake_tpl(c, page, None, forms)))
}

pub async fn answer(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.answer_intake(a, team_id, tid, form.value("daily"), form.value("proud")).await {
        Ok(()) => Ok(see_other(&format!("{}/intake?notice=notice-trajectory-answer-saved", base(team_id, tid)))),
        Err(e) => {
            let answer = Some(form.absorb(&c, e, "daily")?);
            intake_again(&s, &c, team_id, tid, IntakeForms { answer, ..IntakeForms::default() }).await
        }
    }
}

pub async fn anonymity(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let anonymous = match form.value("anonymous") {
        "yes" => true,
        "no" => false,
        _ => return Err(WebError::BadRequest),
    };
    match s.k.set_intake_anonymity(a, team_id, tid, anonymous).await {
        Ok(()) => Ok(see_other(&format!("{}/intake?notice=notice-trajectory-anonymity-saved", base(team_id, tid)))),
        Err(e) => {
            let anonymity = form.absorb(&c, e, "anonymous")?;
            intake_again(&s, &c, team_id, tid, IntakeForms { anonymity, ..IntakeForms::default() }).await
        }
    }
}

/// Adds a theme from the intake page or the observations page (`back`).
pub async fn add_theme(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let back = if form.value("back") == "observations" { "observations" } else { "intake" };
    match s.k.add_theme(a, team_id, tid, form.value("title")).await {
        Ok(_) => Ok(see_other(&format!("{}/{back}?notice=notice-trajectory-theme-added", base(team_id, tid)))),
        Err(e) => {
            let theme = form.absorb(&c, e, "title")?;
            if back == "observations" {
                observations_again(&s, &c, team_id, tid, ObservationForms { theme, ..ObservationForms::default() })
                    .await
            } else {
                intake_again(&s, &c, team_id, tid, IntakeForms { theme, ..IntakeForms::default() }).await
            }
        }
    }
}

pub async fn answer_theme(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, answer_id)): Path<(i64, i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.set_answer_theme(a, team_id, tid, answer_id, form.value("theme")).await {
        Ok(()) => {
            Ok(see_other(&format!("{}/intake?notice=notice-trajectory-grouped#answer-{answer_id}", base(team_id, tid))))
        }
        Err(e) => {
            let grouping = form.absorb(&c, e, "theme")?;
            intake_again(&s, &c, team_id, tid, IntakeForms { grouping, ..IntakeForms::default() }).await
        }
    }
}

// ---------------------------------------------------------------- observations

pub struct ObservationRow {
    pub id: i64,
    pub date: String,
    pub text: String,
    pub theme: String,
    pub theme_title: String,
}

/// Observations under each category.
pub struct ObservationGroup {
    pub label: String,
    pub rows: Vec<ObservationRow>,
}

fn observation_groups(c: &Ctx, observations: &[Observation], themes: &[Theme]) -> Vec<ObservationGroup> {
    ObservationCategory::ALL
        .iter()
        .map(|cat| ObservationGroup {
            label: c.t(&format!("trajectory-category-{}", cat.code())).to_string(),
            rows: observations
                .iter()
                .filter(|o| o.category == *cat)
                .map(|o| ObservationRow {
                    id: o.id,
                    date: day(Some(o.observed_on)),
                    text: o.text.clone(),
                    theme: o.theme_id.map(|t| t.to_string()).unwrap_or_default(),
                    theme_title: theme_title(themes, o.theme_id),
                })
                .collect(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "trajectories/observations.html")]
struct ObservationsTpl<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    nav: Option<Nav>,
    team: String,
    base: String,
    phase: String,
    can_add: bool,
    can_group: bool,
    form: Form,
    theme: Form,
    grouping: Form,
    categories: Vec<(String, String)>,
    themes: Vec<(String, String)>,
    groups: Vec<ObservationGroup>,
    count: usize,
}

#[derive(Default)]
struct ObservationForms {
    form: Option<Form>,
    theme: Form,
    grouping: Form,
}

fn observations_tpl<'a>(
    c: &'a Ctx,
    p: ObservationsPage,
    notice: Option<String>,
    forms: ObservationForms,
) -> ObservationsTpl<'a> {
    let t = &p.trajectory;
    let mut categories = vec![(String::new(), c.t("choose").to_string())];
    categories.extend(
        ObservationCategory::ALL
            .iter()
            .map(|k| (k.code().to_string(), c.t(&format!("trajectory-category-{}", k.code())).to_string())),
    );
    ObservationsTpl {
        c,
        notice,
        nav: Nav::new(t, &p.rights, "observations"),
        team: p.team.name.clone(),
        base: base(t.team_id, t.id),
        phase: phase_label(c, t.phase),
        can_add: p.rights.trainer && t.phase == Phase::Observation,
        can_group: p.rights.trainer && matches!(t.phase, Phase::Observation | Phase::MirrorSession),
        form: forms.form.unwrap_or_else(|| Form::new().with("date", p.today.to_string())),
        theme: forms.theme,
        grouping: forms.grouping,
        categories,
        themes: theme_options(c, &p.themes),
        groups: observation_groups(c, &p.observations, &p.themes),
        count: p.observations.len(),
    }
}

async fn observations_again(s: &AppState, c: &Ctx, team_id: i64, tid: i64, forms: ObservationForms) -> WebResult {
    let page = s.k.observations_page(c.require()?, team_id, tid).await?;
    Ok(unprocessable(&observations_tpl(c, page, None, forms)))
}

pub async fn observations(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Query(q): Query<NoticeQuery>,
) -> WebResult {
    let page = s.k.observations_page(c.require()?, team_id, tid).await?;
    Ok(render(&observations_tpl(&c, page, notice(&c, q.notice.as_deref()), ObservationForms::default())))
}

pub async fn add_observation(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let input = ObservationInput {
        date: form.value("date"),
        category: form.value("category"),
        text: form.value("text"),
        theme: form.value("theme"),
    };
    match s.k.add_observation(a, team_id, tid, &input).await {
        Ok(_) => {
            Ok(see_other(&format!("{}/observations?notice=notice-trajectory-observation-added", base(team_id, tid))))
        }
        Err(e) => {
            let form = Some(form.absorb(&c, e, "text")?);
            observations_again(&s, &c, team_id, tid, ObservationForms { form, ..ObservationForms::default() }).await
        }
    }
}

pub async fn observation_theme(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, oid)): Path<(i64, i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.set_observation_theme(a, team_id, tid, oid, form.value("theme")).await {
        Ok(()) => Ok(see_other(&format!(
            "{}/observations?notice=notice-trajectory-grouped#observation-{oid}",
            base(team_id, tid)
        ))),
        Err(e) => {
            let grouping = form.absorb(&c, e, "theme")?;
            observations_again(&s, &c, team_id, tid, ObservationForms { grouping, ..ObservationForms::default() }).await
        }
    }
}

// ---------------------------------------------------------------- mirror session

pub struct SlideView {
    pub id: i64,
    pub title: String,
    /// (question, answer)
    pub answers: Vec<(String, String)>,
    /// (date, category, text)
    pub observations: Vec<(String, String, String)>,
    pub reflection: String,
}

fn answer_pairs(c: &Ctx, answers: &[Answer]) -> Vec<(String, String)> {
    answer_rows(c, answers, &[]).into_iter().map(|a| (a.question, a.text)).collect()
}

fn observation_triples(c: &Ctx, observations: &[Observation]) -> Vec<(String, String, String)> {
    observations
        .iter()
        .map(|o| {
            (
                day(Some(o.observed_on)),
                c.t(&format!("trajectory-category-{}", o.category.code())).to_string(),
                o.text.clone(),
            )
        })
        .collect()
}

fn slides(c: &Ctx, p: &MirrorPage) -> Vec<SlideView> {
    p.slides
        .iter()
        .map(|s| SlideView {
            id: s.theme.id,
            title: s.theme.title.clone(),
            answers: answer_pairs(c, &s.answers),
            observations: observation_triples(c, &s.observations),
            reflection: s.theme.reflection.clone(),
        })
        .collect()
}

/// An agreed action as a row.
pub struct ActionRow {
    pub id: i64,
    pub title: String,
    pub goal: String,
    pub kartrekker: String,
    pub status: String,
    pub due: String,
    pub overdue: bool,
}

fn action_row(c: &Ctx, a: &Action, today: Date) -> ActionRow {
    ActionRow {
        id: a.id,
        title: a.title.clone(),
        goal: a.goal.clone(),
        kartrekker: a.kartrekker.clone(),
        status: c.t(&format!("status-{}", a.status.code())).to_string(),
        due: day(a.due_date),
        overdue: a.is_overdue(today),
    }
}

#[derive(Template)]
#[template(path = "trajectories/mirror.html")]
struct MirrorTpl<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    nav: Option<Nav>,
    team: String,
    base: String,
    phase: String,
    in_session: bool,
    lead: bool,
    member: bool,
    session: SessionSummary,
    slides: Vec<SlideView>,
    other_answers: Vec<(String, String)>,
    other_observations: Vec<(String, String, String)>,
    agreements: Vec<ActionRow>,
    agreement: Form,
    members: Vec<(String, String)>,
    /// The theme whose reflection failed, with its form.
    reflection: Option<(i64, Form)>,
}

impl MirrorTpl<'_> {
    /// The reflection as typed after an error, or as stored.
    pub fn reflection_of(&self, slide: &SlideView) -> String {
        match &self.reflection {
            Some((id, f)) if *id == slide.id => f.value("reflection").to_string(),
            _ => slide.reflection.clone(),
        }
    }
    pub fn reflection_error(&self, slide: &SlideView) -> Option<String> {
        match &self.reflection {
            Some((id, f)) if *id == slide.id => f.errors.first().map(|(_, m)| m.clone()),
            _ => None,
        }
    }
}

fn mirror_tpl<'a>(
    c: &'a Ctx,
    p: MirrorPage,
    notice: Option<String>,
    agreement: Option<Form>,
    reflection: Option<(i64, Form)>,
) -> MirrorTpl<'a> {
    let t = &p.trajectory;
    MirrorTpl {
        c,
        notice,
        nav: Nav::new(t, &p.rights, "mirror"),
        team: p.team.name.clone(),
        base: base(t.team_id, t.id),
        phase: phase_label(c, t.phase),
        in_session: t.phase == Phase::MirrorSession,
        lead: p.rights.lead,
        member: p.rights.member,
        session: SessionSummary::new(c, &p.session),
        slides: slides(c, &p),
        other_answers: answer_pairs(c, &p.other_answers),
        other_observations: observation_triples(c, &p.other_observations),
        agreements: p.agreements.iter().map(|a| action_row(c, a, p.today)).collect(),
        agreement: agreement.unwrap_or_default(),
        members: member_options(c, &p.members),
        reflection,
    }
}

pub async fn mirror(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Query(q): Query<NoticeQuery>,
) -> WebResult {
    let page = s.k.mirror_page(c.require()?, team_id, tid).await?;
    Ok(render(&mirror_tpl(&c, page, notice(&c, q.notice.as_deref()), None, None)))
}

pub async fn reflection(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, theme_id)): Path<(i64, i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.save_reflection(a, team_id, tid, theme_id, form.value("reflection")).await {
        Ok(()) => Ok(see_other(&format!(
            "{}/mirror?notice=notice-trajectory-reflection-saved#theme-{theme_id}",
            base(team_id, tid)
        ))),
        Err(e) => {
            let form = form.absorb(&c, e, "reflection")?;
            let page = s.k.mirror_page(a, team_id, tid).await?;
            Ok(unprocessable(&mirror_tpl(&c, page, None, None, Some((theme_id, form)))))
        }
    }
}

fn action_input(form: &Form) -> ActionInput<'_> {
    ActionInput {
        title: form.value("title"),
        goal: form.value("goal"),
        kartrekker: form.value("kartrekker"),
        due_date: form.value("due_date"),
        evaluation_date: "",
    }
}

pub async fn mirror_agreement(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.add_agreement(a, team_id, tid, &action_input(&form)).await {
        Ok(_) => {
            Ok(see_other(&format!("{}/mirror?notice=notice-trajectory-agreement-added#agreements", base(team_id, tid))))
        }
        Err(e) => {
            let form = form.absorb(&c, e, "title")?;
            let page = s.k.mirror_page(a, team_id, tid).await?;
            Ok(unprocessable(&mirror_tpl(&c, page, None, Some(form), None)))
        }
    }
}

/// One slide of the projector page.
pub struct Slide {
    /// "title", "theme", "other" or "agreements".
    pub kind: &'static str,
    pub title: String,
    pub answers: Vec<(String, String)>,
    pub observations: Vec<(String, String, String)>,
    pub reflection: String,
    pub agreements: Vec<ActionRow>,
}

#[derive(Template)]
#[template(path = "trajectories/present.html")]
struct PresentTpl<'a> {
    c: &'a Ctx,
    team: String,
    base: String,
    date: String,
    number: usize,
    total: usize,
    prev: Option<usize>,
    next: Option<usize>,
    slide: Slide,
}

/// The mirror session for the projector: one theme at a time, large.
pub async fn present(State(s): State<AppState>, c: Ctx, Path((team_id, tid, n)): Path<(i64, i64, usize)>) -> WebResult {
    let p = s.k.mirror_page(c.require()?, team_id, tid).await?;
    let mut deck = vec![Slide {
        kind: "title",
        title: c.t("trajectory-present-title").to_string(),
        answers: Vec::new(),
        observations: Vec::new(),
        reflection: String::new(),
        agreements: Vec::new(),
    }];
    for sv in slides(&c, &p) {
        deck.push(Slide {
            kind: "theme",
            title: sv.title,
            answers: sv.answers,
            observations: sv.observations,
            reflection: sv.reflection,
            agreements: Vec::new(),
        });
    }
    if !p.other_answers.is_empty() || !p.other_observations.is_empty() {
        deck.push(Slide {
            kind: "other",
            title: c.t("trajectory-other").to_string(),
            answers: answer_pairs(&c, &p.other_answers),
            observations: observation_triples(&c, &p.other_observations),
            reflection: String::new(),
            agreements: Vec::new(),
        });
    }
    deck.push(Slide {
        kind: "agreements",
        title: c.t("trajectory-agreements").to_string(),
        answers: Vec::new(),
        observations: Vec::new(),
        reflection: String::new(),
        agreements: p.agreements.iter().map(|a| action_row(&c, a, p.today)).collect(),
    });
    let total = deck.len();
    if n >= total {
        return Err(WebError::NotFound);
    }
    let t = &p.trajectory;
    Ok(render(&PresentTpl {
        c: &c,
        team: p.team.name.clone(),
        base: base(t.team_id, t.id),
        date: day(p.session.date),
        number: n + 1,
        total,
        prev: n.checked_sub(1),
        next: (n + 1 < total).then_some(n + 1),
        slide: deck.swap_remove(n),
    }))
}

// ---------------------------------------------------------------- sessions

#[derive(Template)]
#[template(path = "trajectories/session.html")]
struct SessionTpl<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    nav: Option<Nav>,
    team: String,
    base: String,
    session: SessionSummary,
    kind: &'static str,
    can_edit: bool,
    form: Form,
    /// (person id, name)
    members: Vec<(String, String)>,
    back: String,
}

fn session_form(s: &Session) -> Form {
    Form::new()
        .with("date", s.date.map(|d| d.to_string()).unwrap_or_default())
        .with("start_time", s.start_time.map(|t| t.to_string()).unwrap_or_default())
        .with("minutes", s.minutes.to_string())
        .with("agenda", s.agenda.clone())
        .with("location", s.location.clone())
        .with_all("attendees", s.attendees.iter().map(|p| p.to_string()).collect())
}

fn session_tpl<'a>(c: &'a Ctx, p: SessionPage, notice: Option<String>, form: Option<Form>) -> SessionTpl<'a> {
    let t = &p.trajectory;
    let b = base(t.team_id, t.id);
    let back = match p.session.kind {
        SessionKind::Intake => format!("{b}/intake"),
        SessionKind::MirrorSession => format!("{b}/mirror"),
        SessionKind::Evaluation => format!("{b}/evaluations/{}", p.session.id),
    };
    SessionTpl {
        c,
        notice,
        nav: Nav::new(t, &p.rights, "sessions"),
        team: p.team.name.clone(),
        base: b,
        kind: p.session.kind.code(),
        can_edit: p.rights.lead && p.session.completed_at.is_none(),
        form: form.unwrap_or_else(|| session_form(&p.session)),
        session: SessionSummary::new(c, &p.session),
        members: p.members.iter().map(|m| (m.person_id.to_string(), m.name.clone())).collect(),
        back,
    }
}

pub async fn session(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Query(q): Query<NoticeQuery>,
) -> WebResult {
    let page = s.k.session_page(c.require()?, team_id, tid, sid).await?;
    Ok(render(&session_tpl(&c, page, notice(&c, q.notice.as_deref()), None)))
}

pub async fn save_session(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let input = SessionInput {
        date: form.value("date"),
        start_time: form.value("start_time"),
        minutes: form.value("minutes"),
        agenda: form.value("agenda"),
        location: form.value("location"),
    };
    match s.k.save_session(a, team_id, tid, sid, &input, form.values("attendees")).await {
        Ok(()) => {
            Ok(see_other(&format!("{}/sessions/{sid}?notice=notice-trajectory-session-saved", base(team_id, tid))))
        }
        Err(e) => {
            let form = form.absorb(&c, e, "date")?;
            let page = s.k.session_page(a, team_id, tid, sid).await?;
            Ok(unprocessable(&session_tpl(&c, page, None, Some(form))))
        }
    }
}

/// The session as an .ics file for a calendar.
pub async fn calendar(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
) -> WebResult {
    let a = c.require()?;
    let label = |key: &str| c.t(key).to_string();
    let (name, ics) = s.k.session_calendar(a, team_id, tid, sid, &label).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        ics,
    )
        .into_response())
}

// ---------------------------------------------------------------- evaluations

/// The evaluation the team works on now, or else the last one.
pub async fn current_evaluation(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
) -> WebResult {
    let page = s.k.trajectory_page(c.require()?, team_id, tid).await?;
    let latest = open_evaluation(&page.sessions)
        .or_else(|| page.sessions.iter().rfind(|s| s.kind == SessionKind::Evaluation))
        .ok_or(WebError::NotFound)?;
    Ok(see_other(&format!("{}/evaluations/{}", base(team_id, tid), latest.id)))
}

pub struct AgreedRow {
    pub row: ActionRow,
    pub yes: i64,
    pub no: i64,
    /// "yes", "no" or "".
    pub mine: &'static str,
}

fn agreed_rows(c: &Ctx, list: &[AgreedAction], today: Date) -> Vec<AgreedRow> {
    list.iter()
        .map(|a| AgreedRow {
            row: action_row(c, &a.action, today),
            yes: a.yes,
            no: a.no,
            mine: match a.mine {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            },
        })
        .collect()
}

/// One evaluation in the list of all of them.
pub struct EvaluationLink {
    pub id: i64,
    pub label: String,
    pub date: String,
    pub done: bool,
    pub this: bool,
}

#[derive(Template)]
#[template(path = "trajectories/evaluation.html")]
struct EvaluationTpl<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    nav: Option<Nav>,
    team: String,
    base: String,
    phase: String,
    session: SessionSummary,
    current: bool,
    lead: bool,
    member: bool,
    results: String,
    next_steps: String,
    evaluations: Vec<EvaluationLink>,
    mirror_actions: Vec<AgreedRow>,
    evaluation_actions: Vec<AgreedRow>,
    form: Form,
    agreement: Form,
    helped: Form,
    members: Vec<(String, String)>,
    not_yet: bool,
}

#[derive(Default)]
struct EvaluationForms {
    form: Option<Form>,
    agreement: Form,
    helped: Form,
}

fn evaluation_tpl<'a>(
    c: &'a Ctx,
    p: EvaluationPage,
    notice: Option<String>,
    forms: EvaluationForms,
) -> EvaluationTpl<'a> {
    let t = &p.trajectory;
    let form = forms.form.unwrap_or_else(|| {
        Form::new()
            .with("results", p.session.results.clone())
            .with("next_steps", p.session.next_steps.clone())
            .with("months", t.interval_months.to_string())
    });
    EvaluationTpl {
        c,
        notice,
        nav: Nav::new(t, &p.rights, "evaluation"),
        team: p.team.name.clone(),
        base: base(t.team_id, t.id),
        phase: phase_label(c, t.phase),
        session: SessionSummary::new(c, &p.session),
        current: p.current,
        lead: p.rights.lead,
        member: p.rights.member,
        results: p.session.results.clone(),
        next_steps: p.session.next_steps.clone(),
        evaluations: p
            .evaluations
            .iter()
            .map(|e| EvaluationLink {
                id: e.id,
                label: session_label(c, e),
                date: day(e.date),
                done: e.completed_at.is_some(),
                this: e.id == p.session.id,
            })
            .collect(),
        mirror_actions: agreed_rows(c, &p.mirror_actions, p.today),
        evaluation_actions: agreed_rows(c, &p.evaluation_actions, p.today),
        form,
        agreement: forms.agreement,
        helped: forms.helped,
        members: member_options(c, &p.members),
        not_yet: t.phase < Phase::Evaluation,
    }
}

async fn evaluation_again(s: &AppState, c: &Ctx, ids: (i64, i64, i64), forms: EvaluationForms) -> WebResult {
    let page = s.k.evaluation_page(c.require()?, ids.0, ids.1, ids.2).await?;
    Ok(unprocessable(&evaluation_tpl(c, page, None, forms)))
}

pub async fn evaluation(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Query(q): Query<NoticeQuery>,
) -> WebResult {
    let page = s.k.evaluation_page(c.require()?, team_id, tid, sid).await?;
    Ok(render(&evaluation_tpl(&c, page, notice(&c, q.notice.as_deref()), EvaluationForms::default())))
}

/// Saves results and next steps; the button "complete" also closes the
/// evaluation and plans the next one.
pub async fn save_evaluation(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let input = EvaluationInput {
        results: form.value("results"),
        next_steps: form.value("next_steps"),
        months: form.value("months"),
    };
    let complete = form.value("complete") == "1";
    match s.k.save_evaluation(a, team_id, tid, sid, &input, complete).await {
        Ok(Some(_)) => Ok(see_other(&format!("{}?notice=notice-trajectory-evaluation-completed", base(team_id, tid)))),
        Ok(None) => Ok(see_other(&format!(
            "{}/evaluations/{sid}?notice=notice-trajectory-evaluation-saved",
            base(team_id, tid)
        ))),
        Err(e) => {
            let form = Some(form.absorb(&c, e, "results")?);
            evaluation_again(&s, &c, (team_id, tid, sid), EvaluationForms { form, ..EvaluationForms::default() }).await
        }
    }
}

pub async fn helped(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let action_id = form.value("action").parse::<i64>().map_err(|_| WebError::BadRequest)?;
    match s.k.answer_helped(a, team_id, tid, sid, action_id, form.value("helped")).await {
        Ok(()) => Ok(see_other(&format!(
            "{}/evaluations/{sid}?notice=notice-trajectory-helped-saved#action-{action_id}",
            base(team_id, tid)
        ))),
        Err(e) => {
            let helped = form.absorb(&c, e, "helped")?;
            evaluation_again(&s, &c, (team_id, tid, sid), EvaluationForms { helped, ..EvaluationForms::default() })
                .await
        }
    }
}

pub async fn evaluation_agreement(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.add_agreement(a, team_id, tid, &action_input(&form)).await {
        Ok(_) => Ok(see_other(&format!(
            "{}/evaluations/{sid}?notice=notice-trajectory-agreement-added#agreements",
            base(team_id, tid)
        ))),
        Err(e) => {
            let agreement = form.absorb(&c, e, "title")?;
            evaluation_again(&s, &c, (team_id, tid, sid), EvaluationForms { agreement, ..EvaluationForms::default() })
                .await
        }
    }
}

// ---------------------------------------------------------------- program leader's overview

#[derive(serde::Deserialize, Default)]
pub struct OverviewQuery {
    sort: Option<String>,
    phase: Option<String>,
    team: Option<String>,
    page: Option<i64>,
}

pub struct OverviewView {
    pub team_id: i64,
    pub team: String,
    pub department: String,
    pub link: String,
    pub phase: Option<String>,
    pub trainer: String,
    pub open: i64,
    pub overdue: i64,
    pub days_since: String,
    pub next: String,
    pub next_overdue: bool,
}

/// A column header that sorts.
pub struct Header {
    pub label: String,
    pub href: String,
    /// aria-sort: "ascending", "descending" or "none".
    pub sort: &'static str,
}

#[derive(Template)]
#[template(path = "trajectories/overview.html")]
struct OverviewTpl<'a> {
    c: &'a Ctx,
    rows: Vec<OverviewView>,
    headers: Vec<Header>,
    filter: Form,
    phases: Vec<(String, String)>,
    total: i64,
    page: i64,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
    filtered: bool,
}

pub async fn overview(State(s): State<AppState>, c: Ctx, Query(q): Query<OverviewQuery>) -> WebResult {
    let a = c.require()?;
    let raw_sort = q.sort.clone().unwrap_or_default();
    let (desc, code) = match raw_sort.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw_sort.as_str()),
    };
    let sort = OverviewSort::from_code(code).unwrap_or_default();
    let desc = desc && OverviewSort::from_code(code).is_some();
    let phase = q.phase.clone().filter(|p| p == "none" || Phase::from_code(p).is_some()).unwrap_or_default();
    let team = q.team.clone().unwrap_or_default().chars().take(120).collect::<String>();
    let page = q.page.unwrap_or(1).max(1);
    let filter = OverviewFilter {
        phase: phase.clone(),
        team: team.clone(),
        sort,
        desc,
        limit: OVERVIEW_PAGE_SIZE,
        offset: (page - 1).saturating_mul(OVERVIEW_PAGE_SIZE),
    };
    let o = s.k.trajectory_overview(a, &filter).await?;
    let pages = ((o.total + OVERVIEW_PAGE_SIZE - 1) / OVERVIEW_PAGE_SIZE).max(1);
    let query = |sort: &str, page: i64| {
        let mut parts = Vec::new();
        if !sort.is_empty() {
            parts.push(format!("sort={}", url_escape(sort)));
        }
        if !phase.is_empty() {
            parts.push(format!("phase={}", url_escape(&phase)));
        }
        if !team.trim().is_empty() {
            parts.push(format!("team={}", url_escape(team.trim())));
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            "/program/trajectories".to_string()
        } else {
            format!("/program/trajectories?{}", parts.join("&"))
        }
    };
    let current = if desc { format!("-{}", sort.code()) } else { sort.code().to_string() };
    let headers = OverviewSort::ALL
        .iter()
        .map(|col| {
            let active = *col == sort;
            let href = if active && !desc { query(&format!("-{}", col.code()), 1) } else { query(col.code(), 1) };
            Header {
                label: c.t(&format!("trajectory-column-{}", col.code())).to_string(),
                href,
                sort: match (active, desc) {
                    (false, _) => "none",
                    (true, false) => "ascending",
                    (true, true) => "descending",
                },
            }
        })
        .collect();
    let rows = o
        .rows
        .into_iter()
        .map(|r| OverviewView {
            link: format!("/teams/{}/trajectory", r.team_id),
            team_id: r.team_id,
            team: r.team,
            department: r.department,
            phase: r.phase.map(|p| phase_label(&c, p)),
            trainer: r.trainer.unwrap_or_default(),
            open: r.open,
            overdue: r.overdue,
            days_since: r
                .last_evaluation
                .map(|d| c.ta("trajectory-days", "count", d.days_until(o.today)))
                .unwrap_or_default(),
            next: day(r.next_evaluation),
            next_overdue: r.next_evaluation.is_some_and(|d| d < o.today),
        })
        .collect();
    let mut phases = vec![
        (String::new(), c.t("trajectory-filter-all").to_string()),
        ("none".into(), c.t("trajectory-none").to_string()),
    ];
    phases.extend(Phase::ALL.iter().map(|p| (p.code().to_string(), phase_label(&c, *p))));
    let filtered = !phase.is_empty() || !team.trim().is_empty();
    Ok(render(&OverviewTpl {
        c: &c,
        rows,
        headers,
        filter: Form::new().with("phase", phase.clone()).with("team", team.clone()).with("sort", current.clone()),
        phases,
        total: o.total,
        page,
        pages,
        prev: (page > 1).then(|| query(&current, page - 1)),
        next: (page < pages).then(|| query(&current, page + 1)),
        filtered,
    }))
}
