//! Server-rendered pages, one module per area, each with its `routes()`
//! (merged in `crate::router`). Handlers stay thin: they take the typed form,
//! call a service on `Kartrekker`, and redirect or render through
//! `forms::submit`.

pub mod actions;
pub mod admin;
// api (issue 20)
pub mod api;
pub mod audit;
pub mod auth;
pub mod decisions;
pub mod errors;
pub mod health;
pub mod home;
pub mod improvement;
pub mod instance;
pub mod lifecycle;
pub mod meetings;
pub mod metrics;
pub mod notifications;
pub mod portfolio;
pub mod privacy;
pub mod pulse;
pub mod questionnaires;
pub mod reflection;
pub mod sessions;
pub mod sso;
pub mod switch;
pub mod trajectories;
pub mod two_step;
pub mod workforce;

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use kartrekker::organisations::{OrgRole, TeamRole};
use kartrekker::people::Profession;
use kartrekker::spreadsheet::{FileType, Table};

use crate::context::Ctx;
use crate::error::WebError;

pub fn render(t: &impl Template) -> Response {
    render_status(StatusCode::OK, t)
}

/// A form shown again with its errors answers 422, so that tools and tests
/// can tell it from a success.
pub fn render_status<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => WebError::Internal(format!("template: {e}")).into_response(),
    }
}

/// An export as a download: `stem` plus the type's extension; CSV through
/// `kartrekker::csv_export`, the one writer that keeps formulas out, or an
/// .xlsx with real cells, its sheet named `sheet`.
pub fn table_download(stem: &str, kind: FileType, table: &Table, sheet: &str) -> Response {
    let name = format!("{stem}.{}", kind.extension());
    download(kind.content_type(), &name, table.file(kind, sheet))
}

/// A file to save: `body` as `content_type`, named `filename` (ASCII).
pub fn download(content_type: &'static str, filename: &str, body: impl IntoResponse) -> Response {
    let disposition = format!("attachment; filename=\"{filename}\"");
    ([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response()
}

/// `?notice=` after a redirect.
#[derive(serde::Deserialize, Default)]
pub struct Notice {
    pub notice: Option<String>,
}

pub fn see_other(path: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, path.to_string())]).into_response()
}

/// The message for a `?notice=` after a redirect; only known notices show.
pub fn notice(c: &Ctx, key: Option<&str>) -> Option<String> {
    let key = key?;
    NOTICES.contains(&key).then(|| c.t(key).to_string())
}

const NOTICES: &[&str] = &[
    "totp-notice-disabled",
    "sso-notice-saved",
    // improvement (Verwonder & Verbeter)
    "vv-notice-posted",
    "vv-notice-triagers-saved",
    "vv-notice-supported",
    "vv-notice-commented",
    "vv-notice-merged",
    "vv-notice-triaged",
    "vv-notice-project-started",
    "vv-notice-project-saved",
    "vv-notice-data-added",
    "vv-notice-project-closed",
    "improvement-notice-cycle-added",
    "improvement-notice-cycle-saved",
    "notice-department-added",
    "notice-team-added",
    "notice-team-saved",
    "notice-department-saved",
    "notice-member-added",
    "notice-member-removed",
    "notice-person-added",
    "notice-person-saved",
    "notice-invitation-sent",
    "notice-imported",
    "notice-person-deactivated",
    "notice-person-reactivated",
    "notice-person-erased",
    "notice-organisation-added",
    "notice-trajectory-started",
    "notice-trajectory-advanced",
    "notice-trajectory-weeks-saved",
    "notice-trajectory-answer-saved",
    "notice-trajectory-anonymity-saved",
    "notice-trajectory-theme-added",
    "notice-trajectory-grouped",
    "notice-trajectory-observation-added",
    "notice-trajectory-reflection-saved",
    "notice-trajectory-agreement-added",
    "notice-trajectory-session-saved",
    "notice-trajectory-evaluation-saved",
    "notice-trajectory-evaluation-completed",
    "notice-trajectory-helped-saved",
    "notice-trajectory-reopened",
    "notice-trajectory-item-saved",
    "notice-trajectory-item-deleted",
    "notice-action-added",
    "notice-action-saved",
    "notice-action-moved",
    "notice-update-added",
    "notice-settings-saved",
    "notice-session-ended",
    "notice-sessions-ended",
    "notice-password-changed",
    "notice-instrument-published",
    "notice-answers-saved",
    "notice-response-submitted",
    "notice-cycle-started",
    "notice-feedback-requested",
    "notice-feedback-closed",
    "notice-preparation-done",
    "notice-conversation-saved",
    "notice-plan-saved",
    "notice-minutes-saved",
    // workforce
    "notice-scenario-saved",
    "notice-scenario-shared",
    "notice-scenario-unshared",
    // portfolio
    "notice-activity-logged",
    "notice-feedback-asked",
    "notice-reflection-saved",
    "notice-plan-version-saved",
    "portfolio-notice-agreement-added",
    "portfolio-notice-comment-saved",
    "portfolio-notice-card-saved",
    "notice-phase-saved",
    // decisions
    "notice-decision-started",
    "notice-decision-input-saved",
    "notice-decision-option-added",
    "notice-decision-made",
    "notice-decision-revised",
    "notice-decision-fairness-saved",
    // meetings (issue 17)
    "notice-meeting-template-copied",
    "notice-meeting-template-saved",
    "notice-meeting-planned",
    "notice-meeting-notes-saved",
    "notice-meeting-attendance-saved",
    "notice-meeting-decision-added",
    "notice-meeting-closed",
    "notice-meeting-feedback-asked",
    "notice-meeting-feedback-given",
    // pulse
    "pulse-notice-schedule-saved",
    "pulse-notice-schedule-stopped",
    "pulse-notice-answered",
    "pulse-notice-scenario-teams-saved",
    "pulse-notice-on-agenda",
];

pub fn team_role_label(c: &Ctx, r: TeamRole) -> String {
    c.t(&format!("team-role-{}", r.code())).to_string()
}

pub fn team_roles_label(c: &Ctx, roles: &[TeamRole]) -> String {
    roles.iter().map(|r| team_role_label(c, *r)).collect::<Vec<_>>().join(", ")
}

pub fn org_role_label(c: &Ctx, r: OrgRole) -> String {
    c.t(&format!("org-role-{}", r.code())).to_string()
}

pub fn profession_label(c: &Ctx, p: Profession) -> String {
    c.t(&format!("profession-{}", p.code())).to_string()
}
