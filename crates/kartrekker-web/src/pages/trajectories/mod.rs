//! The team trajectory "Leidinggeven & leidingkrijgen", one file per step
//! as in `templates/trajectories/`: the team's trajectory page, intake,
//! observations, mirror session (with a page for the projector), sessions
//! with their .ics files, evaluations, and the program leader's overview.

mod evaluation;
mod intake;
mod mirror;
mod observations;
mod overview;
mod sessions;
mod sheet;
mod team;
mod undo;

use std::collections::HashMap;

use axum::Router;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use kartrekker::actions::Action;
use kartrekker::dates::Date;
use kartrekker::organisations::Member;
use kartrekker::trajectories::service::content_visible;
use kartrekker::trajectories::{Phase, Rights, Session, SessionKind, Theme, Trajectory};

use serde::{Deserialize, Serialize};

use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{Form, submit};
use crate::pages::{Notice, notice};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/program/trajectories", get(overview::overview))
        .route("/teams/{id}/trajectory", get(team::team).post(team::start))
        .route("/teams/{id}/trajectory/{tid}", get(team::trajectory))
        .route("/teams/{id}/trajectory/{tid}/advance", post(team::advance))
        .route("/teams/{id}/trajectory/{tid}/work", post(team::work))
        .route("/teams/{id}/trajectory/{tid}/intake", get(intake::intake).post(intake::answer))
        .route("/teams/{id}/trajectory/{tid}/intake/anonymity", post(intake::anonymity))
        .route("/teams/{id}/trajectory/{tid}/themes", post(intake::add_theme))
        .route("/teams/{id}/trajectory/{tid}/answers/{aid}/theme", post(intake::answer_theme))
        .route(
            "/teams/{id}/trajectory/{tid}/observations",
            get(observations::observations).post(observations::add_observation),
        )
        .route("/teams/{id}/trajectory/{tid}/observations/{oid}/theme", post(observations::observation_theme))
        .route("/teams/{id}/trajectory/{tid}/mirror", get(mirror::mirror))
        .route("/teams/{id}/trajectory/{tid}/mirror/present/{n}", get(mirror::present))
        .route("/teams/{id}/trajectory/{tid}/mirror/present/{n}/agreements", post(mirror::present_agreement))
        .route("/teams/{id}/trajectory/{tid}/mirror/agreements", post(mirror::mirror_agreement))
        .route("/teams/{id}/trajectory/{tid}/themes/{theme}/reflection", post(mirror::reflection))
        .route("/teams/{id}/trajectory/{tid}/sessions/{sid}", get(sessions::session).post(sessions::save_session))
        .route("/teams/{id}/trajectory/{tid}/sessions/{sid}/calendar.ics", get(sessions::calendar))
        .route("/teams/{id}/trajectory/{tid}/evaluation", get(evaluation::current_evaluation))
        .route(
            "/teams/{id}/trajectory/{tid}/evaluations/{sid}",
            get(evaluation::evaluation).post(evaluation::save_evaluation),
        )
        .route("/teams/{id}/trajectory/{tid}/print", get(sheet::sheet))
        .route("/teams/{id}/trajectory/{tid}/evaluations/{sid}/helped", post(evaluation::helped))
        .route("/teams/{id}/trajectory/{tid}/evaluations/{sid}/agreements", post(evaluation::evaluation_agreement))
        .route("/teams/{id}/trajectory/{tid}/reopen", post(team::reopen))
        .merge(undo::routes())
}

/// A request about one team's trajectory, `/teams/{id}/trajectory/{tid}/…`:
/// the services, the request's context, and the two ids every step needs.
pub struct Tr {
    s: AppState,
    c: Ctx,
    team_id: i64,
    tid: i64,
}

impl FromRequestParts<AppState> for Tr {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Tr, Response> {
        let Path(ids) =
            Path::<HashMap<String, i64>>::from_request_parts(parts, s).await.map_err(IntoResponse::into_response)?;
        let c = Ctx::from_request_parts(parts, s).await.map_err(IntoResponse::into_response)?;
        let (Some(&team_id), Some(&tid)) = (ids.get("id"), ids.get("tid")) else {
            return Err(WebError::NotFound.into_response());
        };
        Ok(Tr { s: s.clone(), c, team_id, tid })
    }
}

impl Tr {
    /// A path in this trajectory: `to("/intake?notice=…")`.
    fn to(&self, rest: &str) -> String {
        format!("{}{rest}", base(self.team_id, self.tid))
    }
    /// The message for the `?notice=` of a redirect here.
    fn notice(&self, q: &Notice) -> Option<String> {
        notice(&self.c, q.notice.as_deref())
    }
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

/// The top of every step page (intake, observations, mirror, evaluation):
/// the notice, the team, the links' base and the phase. The trajectory's menu
/// (`nav`) stays a field of its own: the team page shares nav.html too.
pub struct StepHead {
    pub notice: Option<String>,
    pub team: String,
    pub base: String,
    pub phase: String,
}

impl StepHead {
    fn new(c: &Ctx, t: &Trajectory, team: &kartrekker::organisations::Team, notice: Option<String>) -> StepHead {
        StepHead { notice, team: team.name.clone(), base: base(t.team_id, t.id), phase: phase_label(c, t.phase) }
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
    /// The day a completed evaluation was held, or empty.
    pub held: String,
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
            held: day(s.held_on),
        }
    }
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

/// The theme an answer or an observation is grouped under ("" for none).
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ThemeForm {
    theme: String,
}

/// An action agreed in the mirror session or an evaluation: the register's
/// own form (its title, goal, kartrekker and due date are shown).
pub use crate::pages::actions::ActionForm as AgreementForm;

/// Adds the agreement `f` and goes back to `page` (a path in this trajectory)
/// with its notice, or shows the form `again` with the errors: the mirror
/// session, its slides and an evaluation all add agreements this way.
async fn add_agreement(t: &Tr, f: &AgreementForm, page: &str, again: impl AsyncFnOnce(Form) -> WebResult) -> WebResult {
    let result = t.s.k.add_agreement(t.c.require()?, t.team_id, t.tid, &f.input()).await;
    let ok = |_| t.to(&format!("{page}?notice=notice-trajectory-agreement-added#agreements"));
    submit(&t.c, f, "title", result, ok, again).await
}
