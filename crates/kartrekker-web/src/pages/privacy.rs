//! The privacy statement (GDPR articles 13/14, ASVS 8.3.3): what is kept
//! about a person, why, who sees it, how long, and their rights. Open to
//! everyone; the figures are this installation's own settings.

use askama::Template;
use axum::Router;
use axum::routing::get;
use kartrekker::organisations::anonymity;

use super::render;
use crate::context::Ctx;
use crate::error::WebResult;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/privacy", get(privacy))
}

#[derive(Template)]
#[template(path = "privacy.html")]
struct PrivacyPage<'a> {
    c: &'a Ctx,
    group: String,
    retention: Vec<String>,
}

pub async fn privacy(s: AppState, c: Ctx) -> WebResult {
    // The organisation's own figure; before logging in, or for an instance
    // administrator (no organisation), the default and its floor.
    let group = match c.actor().filter(|a| a.org_id().is_some()) {
        Some(actor) => c.ta("privacy-group-org", "n", s.k.min_group_size(actor).await?),
        None => c.ta2("privacy-group-default", "n", anonymity::DEFAULT, "floor", anonymity::FLOOR),
    };
    let r = &s.k.config.retention;
    let retention = [
        ("privacy-keep-sessions", r.sessions_days),
        ("privacy-keep-login-failures", r.login_failures_days),
        ("privacy-keep-links", r.links_days),
        ("privacy-keep-jobs", r.jobs_days),
        ("privacy-keep-audit", r.audit_days),
    ]
    .into_iter()
    .map(|(key, days)| c.ta(key, "days", days))
    .collect();
    Ok(render(&PrivacyPage { c: &c, group, retention }))
}
