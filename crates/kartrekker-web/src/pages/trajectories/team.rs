//! The team's trajectory page: start, the phases, moving on, work weeks.

use askama::Template;
use axum::extract::{Path, Query};
use kartrekker::Error;
use kartrekker::dates::Date;
use kartrekker::people::Person;
use kartrekker::trajectories::service::{IntakeGroup, UNANSWERED, content_visible};
use kartrekker::trajectories::{Phase, Reopening, TrajectoryPage};
use serde::{Deserialize, Serialize};

use super::{Nav, SessionSummary, Tr, base, day, phase_label, session_label};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::pages::{Notice, notice, render};
use crate::state::AppState;

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
    pub steps: Vec<Step>,
    /// (the phase now, the button's text) when the actor may move it on.
    pub next: Option<(&'static str, String)>,
    pub respondent: bool,
    pub in_intake: bool,
    pub content: bool,
    pub sessions: Vec<SessionSummary>,
    pub work_weeks: i64,
    pub weeks_warning: bool,
    pub weeks_editable: bool,
    pub work_started: String,
    pub work_ends: String,
    pub intake: IntakeGroup,
    pub open_evaluation: Option<(i64, String, String)>,
    pub evaluating: bool,
    /// (the phase now, the button's text) when the trainer may reopen the step before.
    pub reopen: Option<(&'static str, String)>,
    /// "9 of 14 answered — finish anyway?", after finishing the intake was asked.
    pub confirm_finish: Option<String>,
}

/// A reopened step in the trajectory's history.
pub struct Reopened {
    pub date: String,
    pub who: String,
    pub to: String,
    pub from: String,
    pub reason: String,
}

fn reopened(c: &Ctx, r: &Reopening) -> Reopened {
    Reopened {
        date: day(Some(Date::today_nl(r.at))),
        who: r.who.clone(),
        to: phase_label(c, r.to),
        from: phase_label(c, r.from),
        reason: r.reason.clone(),
    }
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
    /// The intake group a new trajectory would have.
    group: IntakeGroup,
    /// The trainer search: what was looked for, the people found (as
    /// options) and whether there were more than shown.
    search: Form,
    trainers: Vec<(String, String)>,
    more_trainers: bool,
    start: Form,
    view: Option<View>,
    advance: Form,
    weeks: Form,
    reopen: Form,
    history: Vec<Reopened>,
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

fn view(c: &Ctx, page: &TrajectoryPage, confirm: bool) -> Option<View> {
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
        steps: steps(c, t.phase),
        next,
        respondent: r.respondent,
        in_intake: t.phase == Phase::Intake,
        content: content_visible(r, t.phase),
        sessions: page.sessions.iter().map(|s| SessionSummary::new(c, s)).collect(),
        work_weeks: t.work_weeks,
        weeks_warning: !kartrekker::trajectories::model::weeks_advised(t.work_weeks),
        weeks_editable: r.lead && t.phase <= Phase::Work,
        work_started: day(t.work_started_on),
        work_ends: day(page.work_ends()),
        intake: page.intake,
        open_evaluation: page.open_evaluation().map(|s| (s.id, session_label(c, s), day(s.date))),
        evaluating: t.phase.is_evaluating(),
        reopen: t
            .phase
            .previous()
            .filter(|_| r.trainer)
            .map(|p| (t.phase.code(), c.ta("trajectory-reopen-button", "phase", phase_label(c, p)))),
        confirm_finish: confirm.then(|| {
            match page.intake.answered {
                Some(n) => {
                    let args = [("answered", n.to_string()), ("total", page.intake.respondents.to_string())];
                    crate::i18n::t_args(c.lang, "trajectory-finish-confirm", &args)
                }
                // Below the minimum even the count stays hidden.
                None => c.t("trajectory-finish-confirm-few").to_string(),
            }
        }),
    })
}

#[derive(Default)]
struct TeamForms {
    /// The trainer search's results, found for `start`'s `q`.
    found: (Vec<Person>, bool),
    start: Form,
    advance: Form,
    weeks: Form,
    reopen: Form,
    /// Finishing the intake with members unanswered asks first.
    confirm_finish: bool,
}

fn team_tpl<'a>(
    c: &'a Ctx,
    page: TrajectoryPage,
    history: &[Reopening],
    notice: Option<String>,
    forms: TeamForms,
) -> TeamTpl<'a> {
    let mut trainers = vec![(String::new(), c.t("choose").to_string())];
    trainers.extend(forms.found.0.iter().map(|p| (p.id.to_string(), format!("{} ({})", p.name, p.email))));
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
        group: page.intake,
        search: Form::new().with("q", forms.start.value("q")),
        more_trainers: forms.found.1,
        trainers,
        start: forms.start,
        view: view(c, &page, forms.confirm_finish),
        advance: forms.advance,
        weeks,
        reopen: forms.reopen,
        history: history.iter().map(|r| reopened(c, r)).collect(),
    }
}

#[derive(Deserialize, Default)]
pub struct TeamQuery {
    notice: Option<String>,
    /// The trainer search, when starting a trajectory.
    q: Option<String>,
}

/// The team's trajectory page; without one, a program leader searches for
/// its trainer here (a GET form, so it works without JavaScript).
pub async fn team(s: AppState, c: Ctx, Path(team_id): Path<i64>, Query(q): Query<TeamQuery>) -> WebResult {
    let a = c.require()?;
    let page = s.k.team_trajectory(a, team_id).await?;
    let search = q.q.unwrap_or_default().chars().take(120).collect::<String>();
    let history = match &page.trajectory {
        Some(t) => s.k.reopenings(a, team_id, t.id).await?,
        None => Vec::new(),
    };
    let forms = TeamForms {
        found: found(&s, &c, &page, &search).await?,
        start: Form::new().with("q", search),
        ..TeamForms::default()
    };
    Ok(render(&team_tpl(&c, page, &history, notice(&c, q.notice.as_deref()), forms)))
}

/// The people matching `search`, when the actor may start this team's trajectory.
async fn found(s: &AppState, c: &Ctx, page: &TrajectoryPage, search: &str) -> WebResult<(Vec<Person>, bool)> {
    if page.trajectory.is_some() || !page.rights.program_leader {
        return Ok((Vec::new(), false));
    }
    Ok(s.k.find_trainers(c.require()?, search).await?)
}

pub async fn trajectory(t: Tr, Query(q): Query<Notice>) -> WebResult {
    show(&t, t.notice(&q), TeamForms::default()).await
}

/// The page, with the notice of a redirect or one of its forms as typed.
async fn show(t: &Tr, notice: Option<String>, forms: TeamForms) -> WebResult {
    let a = t.c.require()?;
    let page = t.s.k.trajectory_page(a, t.team_id, t.tid).await?;
    let history = t.s.k.reopenings(a, t.team_id, t.tid).await?;
    Ok(render(&team_tpl(&t.c, page, &history, notice, forms)))
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct StartForm {
    trainer: String,
    /// The search the trainer was found with, to show the same choice again.
    q: String,
}

pub async fn start(s: AppState, c: Ctx, Path(team_id): Path<i64>, Posted(f): Posted<StartForm>) -> WebResult {
    let a = c.require()?;
    let result = s.k.start_trajectory(a, team_id, &f.trainer).await;
    let ok = |tid| format!("{}?notice=notice-trajectory-started", base(team_id, tid));
    submit(&c, &f, "trainer", result, ok, async |start| {
        let page = s.k.team_trajectory(a, team_id).await?;
        let found = found(&s, &c, &page, &f.q).await?;
        Ok(render(&team_tpl(&c, page, &[], None, TeamForms { found, start, ..TeamForms::default() })))
    })
    .await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct AdvanceForm {
    /// The phase the button was shown in: a stale form cannot skip a step.
    from: String,
    /// "yes" once the person confirmed finishing with members unanswered.
    confirm: String,
}

pub async fn advance(t: Tr, Posted(f): Posted<AdvanceForm>) -> WebResult {
    let result = t.s.k.finish_step(t.c.require()?, t.team_id, t.tid, &f.from, f.confirm == "yes").await;
    if matches!(result, Err(Error::Refused(UNANSWERED))) {
        return show(&t, None, TeamForms { confirm_finish: true, ..TeamForms::default() }).await;
    }
    let again = async |advance| show(&t, None, TeamForms { advance, ..TeamForms::default() }).await;
    submit(&t.c, &f, "from", result, |_| t.to("?notice=notice-trajectory-advanced"), again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct WeeksForm {
    weeks: String,
}

pub async fn work(t: Tr, Posted(f): Posted<WeeksForm>) -> WebResult {
    let result = t.s.k.set_work_weeks(t.c.require()?, t.team_id, t.tid, &f.weeks).await;
    let again = async |weeks| show(&t, None, TeamForms { weeks, ..TeamForms::default() }).await;
    submit(&t.c, &f, "weeks", result, |_| t.to("?notice=notice-trajectory-weeks-saved"), again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ReopenForm {
    /// The phase the form was shown in.
    from: String,
    reason: String,
}

pub async fn reopen(t: Tr, Posted(f): Posted<ReopenForm>) -> WebResult {
    let result = t.s.k.reopen_step(t.c.require()?, t.team_id, t.tid, &f.from, &f.reason).await;
    let again = async |reopen| show(&t, None, TeamForms { reopen, ..TeamForms::default() }).await;
    submit(&t.c, &f, "reason", result, |_| t.to("?notice=notice-trajectory-reopened#history-h"), again).await
}
