//! Log-in, log-out, language, and the pages behind single-use links.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use kartrekker::Error;
use kartrekker::auth::{LoginOutcome, TokenPurpose};
use kartrekker::people::Language;
use serde::{Deserialize, Serialize};

use super::{render, render_status, see_other};
use crate::context::{CSRF_COOKIE, Ctx, LANG_COOKIE, SESSION_COOKIE, local_path, set_cookie, url_escape};
use crate::error::WebResult;
use crate::forms::{Form, Posted};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/language", post(language))
        .route("/forgot", get(forgot_page).post(forgot))
        .route("/invitation/{secret}", get(invitation_page).post(invitation))
        .route("/reset/{secret}", get(reset_page).post(reset))
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage<'a> {
    c: &'a Ctx,
    form: Form,
    /// The organisations' providers: (where the button goes, its label).
    sso: Vec<(String, String)>,
}

/// The log-in page, with a button for each organisation's provider (decision 0030).
async fn login_form(s: &AppState, c: &Ctx, status: StatusCode, form: Form) -> WebResult {
    let next = form.value("next");
    let query = if next.is_empty() { String::new() } else { format!("?next={}", url_escape(&local_path(next))) };
    let sso =
        s.k.sso_links().await?.into_iter().map(|l| (format!("/login/sso/{}{query}", l.org_id), l.label)).collect();
    Ok(render_status(status, &LoginPage { c, form, sso }))
}

#[derive(serde::Deserialize)]
pub struct Next {
    pub next: Option<String>,
}

pub async fn login_page(s: AppState, c: Ctx, Query(q): Query<Next>) -> WebResult {
    if c.actor().is_some() {
        return Ok(see_other(&local_path(q.next.as_deref().unwrap_or("/"))));
    }
    login_form(&s, &c, StatusCode::OK, Form::new().with("next", q.next.unwrap_or_default())).await
}

/// Keeps the browser's name with a new session (Settings lists them) and
/// sets its cookie.
pub(crate) async fn logged_in(s: &AppState, headers: &HeaderMap, to: &str, secret: &str, c: &Ctx) -> WebResult {
    let ua = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    s.k.note_browser(secret, ua).await?;
    Ok(with_session(to, secret, c))
}

fn with_session(to: &str, secret: &str, c: &Ctx) -> Response {
    let mut res = see_other(to);
    let h = res.headers_mut();
    h.append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, secret, None, "Lax", c.secure));
    // The pre-login CSRF cookie has done its work; the session carries its own.
    h.append(header::SET_COOKIE, set_cookie(CSRF_COOKIE, "", Some(0), "Strict", c.secure));
    res
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    #[serde(skip_serializing)]
    password: String,
    /// Where to go after logging in.
    next: String,
}

pub async fn login(s: AppState, c: Ctx, headers: HeaderMap, Posted(f): Posted<LoginForm>) -> WebResult {
    let (status, message) = match s.k.login(&f.email, &f.password, c.client).await? {
        LoginOutcome::LoggedIn { session, .. } => {
            return logged_in(&s, &headers, &local_path(&f.next), &session, &c).await;
        }
        LoginOutcome::SecondStep { challenge } => return Ok(super::two_step::to_second_step(&c, &challenge, &f.next)),
        LoginOutcome::WrongCredentials => (StatusCode::UNPROCESSABLE_ENTITY, c.t("error-login-failed").to_string()),
        LoginOutcome::Deactivated => (StatusCode::FORBIDDEN, c.t("error-login-deactivated").to_string()),
        LoginOutcome::UseSso { .. } => (StatusCode::FORBIDDEN, c.t("sso-login-passwords-off").to_string()),
        LoginOutcome::Throttled { minutes } => {
            (StatusCode::TOO_MANY_REQUESTS, c.ta("error-login-throttled", "minutes", minutes))
        }
    };
    let mut form = Form::of(&f);
    form.add_error("email", message);
    login_form(&s, &c, status, form).await
}

/// The log-in form again with `message`, for a log-in to start over (a half
/// log-in that ran out), coming back to `next` after it.
pub(crate) async fn login_again(s: &AppState, c: &Ctx, status: StatusCode, message: String, next: &str) -> WebResult {
    let mut form = Form::new().with("next", next.to_string());
    form.add_error("email", message);
    login_form(s, c, status, form).await
}

pub async fn logout(s: AppState, c: Ctx) -> WebResult {
    if let Some(secret) = &c.session_secret {
        s.k.logout(secret).await?;
    }
    let mut res = see_other("/login");
    res.headers_mut().append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", Some(0), "Lax", c.secure));
    Ok(res)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LanguageForm {
    lang: String,
    /// The page the switch was on.
    back: String,
}

pub async fn language(s: AppState, c: Ctx, Posted(f): Posted<LanguageForm>) -> WebResult {
    let lang = Language::parse(&f.lang).unwrap_or(c.lang);
    if let Some(actor) = c.actor() {
        s.k.set_language(actor, lang).await?;
    }
    let mut res = see_other(&local_path(&f.back));
    res.headers_mut()
        .append(header::SET_COOKIE, set_cookie(LANG_COOKIE, lang.code(), Some(365 * 24 * 3600), "Lax", c.secure));
    Ok(res)
}

#[derive(Template)]
#[template(path = "auth/forgot.html")]
struct ForgotPage<'a> {
    c: &'a Ctx,
    form: Form,
    sent: bool,
}

pub async fn forgot_page(c: Ctx) -> Response {
    render(&ForgotPage { c: &c, form: Form::new(), sent: false })
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

pub async fn forgot(s: AppState, c: Ctx, Posted(f): Posted<ForgotForm>) -> WebResult {
    match s.k.request_password_reset(&f.email, c.client).await {
        Ok(()) => Ok(render(&ForgotPage { c: &c, form: Form::of(&f), sent: true })),
        Err(e) => {
            let status = match e {
                Error::Refused("error-reset-throttled") => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let form = Form::of(&f).absorb(&c, e, "email")?;
            Ok(render_status(status, &ForgotPage { c: &c, form, sent: false }))
        }
    }
}

#[derive(Template)]
#[template(path = "auth/link.html")]
struct LinkPage<'a> {
    c: &'a Ctx,
    title: String,
    action: String,
    name: String,
    email: String,
    problem: Option<String>,
    form: Form,
}

fn link_page<'a>(c: &'a Ctx, purpose: TokenPurpose, secret: &str) -> LinkPage<'a> {
    LinkPage {
        c,
        title: c
            .t(match purpose {
                TokenPurpose::Invitation => "invitation-title",
                TokenPurpose::PasswordReset => "reset-title",
            })
            .to_string(),
        action: format!("{}/{}", purpose.path(), secret),
        name: String::new(),
        email: String::new(),
        problem: None,
        form: Form::new(),
    }
}

async fn show_link(s: AppState, c: Ctx, secret: String, purpose: TokenPurpose) -> WebResult {
    let mut page = link_page(&c, purpose, &secret);
    match s.k.link_person(&secret, purpose).await {
        Ok(p) => {
            page.name = p.name;
            page.email = p.email;
            Ok(render(&page))
        }
        Err(Error::Refused(key)) => {
            page.problem = Some(c.t(key).to_string());
            Ok(render_status(StatusCode::GONE, &page))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    password: String,
    password_repeat: String,
}

async fn use_link(
    s: AppState,
    c: Ctx,
    headers: HeaderMap,
    secret: String,
    purpose: TokenPurpose,
    f: PasswordForm,
) -> WebResult {
    match s.k.set_password_by_link(&secret, purpose, &f.password, &f.password_repeat, Some(c.client)).await {
        Ok(session) => logged_in(&s, &headers, "/", &session, &c).await,
        Err(Error::Refused(key)) => {
            let mut page = link_page(&c, purpose, &secret);
            page.problem = Some(c.t(key).to_string());
            Ok(render_status(StatusCode::GONE, &page))
        }
        Err(e) => {
            let mut page = link_page(&c, purpose, &secret);
            page.form = Form::of(&f).absorb(&c, e, "password")?;
            if let Ok(p) = s.k.link_person(&secret, purpose).await {
                page.name = p.name;
                page.email = p.email;
            }
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

pub async fn invitation_page(s: AppState, c: Ctx, Path(secret): Path<String>) -> WebResult {
    show_link(s, c, secret, TokenPurpose::Invitation).await
}

pub async fn invitation(
    s: AppState,
    c: Ctx,
    headers: HeaderMap,
    Path(secret): Path<String>,
    Posted(f): Posted<PasswordForm>,
) -> WebResult {
    use_link(s, c, headers, secret, TokenPurpose::Invitation, f).await
}

pub async fn reset_page(s: AppState, c: Ctx, Path(secret): Path<String>) -> WebResult {
    show_link(s, c, secret, TokenPurpose::PasswordReset).await
}

pub async fn reset(
    s: AppState,
    c: Ctx,
    headers: HeaderMap,
    Path(secret): Path<String>,
    Posted(f): Posted<PasswordForm>,
) -> WebResult {
    use_link(s, c, headers, secret, TokenPurpose::PasswordReset, f).await
}

/// `/` for someone not logged in.
pub fn to_login() -> Response {
    see_other("/login").into_response()
}
