//! One's own log-in under Settings: the sessions (end one, or all others)
//! and changing the password.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::routing::{get, post};
use kartrekker::dates::Date;
use serde::{Deserialize, Serialize};

use super::{Notice, notice, render};
use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/settings/sessions", get(sessions))
        .route("/settings/sessions/end", post(end_session))
        .route("/settings/sessions/others", post(end_others))
        .route("/settings/password", get(password_page).post(change_password))
        .route("/session/alive", get(alive))
}

/// Asked by `alive.js` while the person types, so that a long text typed in
/// one go does not outlast the idle time (30 min): reading the session in
/// `Ctx` has already moved its idle expiry on.
pub async fn alive(c: Ctx) -> StatusCode {
    if c.actor().is_some() { StatusCode::NO_CONTENT } else { StatusCode::UNAUTHORIZED }
}

/// A session as the page lists it.
struct Row {
    id: String,
    created: String,
    last_seen: String,
    browser: String,
    this_one: bool,
}

#[derive(Template)]
#[template(path = "sessions/list.html")]
struct SessionsPage<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    rows: Vec<Row>,
}

/// The cookie's secret of the session asking, with who is asking.
fn current(c: &Ctx) -> Result<(&kartrekker::auth::Actor, &str), WebError> {
    let actor = c.require()?;
    let secret = c.session_secret.as_deref().ok_or_else(|| WebError::Login(c.path.clone()))?;
    Ok((actor, secret))
}

pub async fn sessions(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    let (actor, secret) = current(&c)?;
    let rows =
        s.k.sessions(actor, secret)
            .await?
            .into_iter()
            .map(|(session, this_one)| Row {
                id: session.public_id(),
                created: Date::moment_nl(session.created_at),
                // Before the first request after log-in nothing is written yet.
                last_seen: Date::moment_nl(session.last_seen_at.max(session.created_at)),
                browser: session.browser().unwrap_or_else(|| c.t("sessions-browser-unknown").to_string()),
                this_one,
            })
            .collect();
    Ok(render(&SessionsPage { c: &c, notice: notice(&c, q.notice.as_deref()), rows }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EndForm {
    session: String,
}

pub async fn end_session(s: AppState, c: Ctx, Posted(f): Posted<EndForm>) -> WebResult {
    s.k.end_session(c.require()?, &f.session).await?;
    Ok(super::see_other("/settings/sessions?notice=notice-session-ended"))
}

pub async fn end_others(s: AppState, c: Ctx) -> WebResult {
    let (actor, secret) = current(&c)?;
    s.k.end_other_sessions(actor, secret).await?;
    Ok(super::see_other("/settings/sessions?notice=notice-sessions-ended"))
}

#[derive(Template)]
#[template(path = "sessions/password.html")]
struct PasswordPage<'a> {
    c: &'a Ctx,
    form: Form,
}

pub async fn password_page(c: Ctx) -> WebResult {
    c.require()?;
    Ok(render(&PasswordPage { c: &c, form: Form::new() }))
}

/// Nothing typed is shown again: every field is a password.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    #[serde(skip_serializing)]
    current_password: String,
    #[serde(skip_serializing)]
    password: String,
    #[serde(skip_serializing)]
    password_repeat: String,
}

pub async fn change_password(s: AppState, c: Ctx, Posted(f): Posted<PasswordForm>) -> WebResult {
    let (actor, secret) = current(&c)?;
    let result = s.k.change_password(actor, secret, &f.current_password, &f.password, &f.password_repeat).await;
    let ok = |()| "/settings/sessions?notice=notice-password-changed".to_string();
    submit(&c, &f, "password", result, ok, async |form| Ok(render(&PasswordPage { c: &c, form }))).await
}
