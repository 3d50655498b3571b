//! Two-step log-in (decision 0027): the second step after the password
//! (`/login/code`), and setting it up or turning it off under Settings.
//! Until the code is right the browser holds only a half log-in (the
//! `kt_step` cookie), which no other page takes as a session.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use kartrekker::Error;
use kartrekker::auth::two_step::{SecondStep, TwoStepStatus};
use serde::{Deserialize, Serialize};

use super::auth::{Next, logged_in, login_again};
use super::{Notice, notice, render, render_status, see_other};
use crate::context::{Ctx, cookie, local_path, set_cookie, url_escape};
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

/// The secret of a half log-in: the password was right, the code is to come.
pub const STEP_COOKIE: &str = "kt_step";
/// Where an administrator without two-step log-in is sent.
pub const SET_UP: &str = "/settings/two-step";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login/code", get(code_page).post(code))
        .route(SET_UP, get(settings).post(confirm))
        .route("/settings/two-step/disable", post(disable))
}

/// What an administrator who must still set up two-step log-in may reach:
/// the set-up itself, log-out, the language and the typing keep-alive.
pub fn open_before_set_up(path: &str) -> bool {
    let path = path.split('?').next().unwrap_or_default();
    path == SET_UP
        || path.starts_with("/settings/two-step/")
        || ["/logout", "/language", "/session/alive"].contains(&path)
}

/// After the right password: the half log-in's cookie, and on to the code.
pub fn to_second_step(c: &Ctx, challenge: &str, next: &str) -> Response {
    let mut res = see_other(&format!("/login/code?next={}", url_escape(&local_path(next))));
    res.headers_mut().append(header::SET_COOKIE, set_cookie(STEP_COOKIE, challenge, Some(5 * 60), "Lax", c.secure));
    res
}

#[derive(Template)]
#[template(path = "two_step/code.html")]
struct CodePage<'a> {
    c: &'a Ctx,
    form: Form,
}

pub async fn code_page(s: AppState, c: Ctx, headers: HeaderMap, Query(q): Query<Next>) -> WebResult {
    let next = local_path(q.next.as_deref().unwrap_or("/"));
    if c.actor().is_some() {
        return Ok(see_other(&next));
    }
    match cookie(&headers, STEP_COOKIE) {
        Some(challenge) if s.k.challenge_open(challenge).await? => {
            Ok(render(&CodePage { c: &c, form: Form::new().with("next", next) }))
        }
        _ => Ok(see_other("/login")),
    }
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct CodeForm {
    #[serde(skip_serializing)]
    code: String,
    next: String,
}

pub async fn code(s: AppState, c: Ctx, headers: HeaderMap, Posted(f): Posted<CodeForm>) -> WebResult {
    let challenge = cookie(&headers, STEP_COOKIE).unwrap_or_default();
    let (status, message) = match s.k.second_step(challenge, &f.code, c.client).await? {
        SecondStep::LoggedIn { session, .. } => {
            let mut res = logged_in(&s, &headers, &local_path(&f.next), &session, &c).await?;
            res.headers_mut().append(header::SET_COOKIE, set_cookie(STEP_COOKIE, "", Some(0), "Lax", c.secure));
            return Ok(res);
        }
        SecondStep::WrongCode => (StatusCode::UNPROCESSABLE_ENTITY, c.t("totp-error-login-code-wrong").to_string()),
        SecondStep::UsedBefore => (StatusCode::UNPROCESSABLE_ENTITY, c.t("totp-error-code-used").to_string()),
        SecondStep::Throttled { minutes } => {
            (StatusCode::TOO_MANY_REQUESTS, c.ta("totp-error-throttled", "minutes", minutes))
        }
        SecondStep::Expired => {
            return login_again(
                &s,
                &c,
                StatusCode::UNPROCESSABLE_ENTITY,
                c.t("totp-error-expired").to_string(),
                &f.next,
            )
            .await;
        }
    };
    let mut form = Form::of(&f);
    form.add_error("code", message);
    Ok(render_status(status, &CodePage { c: &c, form }))
}

#[derive(Template)]
#[template(path = "two_step/settings.html")]
struct SettingsPage<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    status: TwoStepStatus,
    /// While setting up: the QR code (SVG), the secret to type, the otpauth:// address.
    qr: String,
    secret: String,
    uri: String,
    /// An administrator who must set it up before anything else.
    required: bool,
    form: Form,
}

async fn settings_page<'a>(
    s: &AppState,
    c: &'a Ctx,
    form: Form,
    notice: Option<String>,
) -> WebResult<SettingsPage<'a>> {
    let actor = c.require()?;
    let status = s.k.two_step_status(actor).await?;
    let (mut qr, mut secret, mut uri) = (String::new(), String::new(), String::new());
    if !status.enabled {
        let e = s.k.begin_two_step(actor).await?;
        qr = qr_svg(&e.uri);
        secret = e.secret.grouped();
        uri = e.uri;
    }
    let required = s.k.two_step_required(actor);
    Ok(SettingsPage { c, notice, status, qr, secret, uri, required, form })
}

pub async fn settings(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    let notice = notice(&c, q.notice.as_deref());
    Ok(render(&settings_page(&s, &c, Form::new(), notice).await?))
}

/// The QR code of `uri` as SVG, drawn here: it scales with the page (app.css)
/// and the wrapper in the template names it for screen readers.
fn qr_svg(uri: &str) -> String {
    use qrcode::render::svg;
    let Ok(code) = qrcode::QrCode::new(uri.as_bytes()) else { return String::new() };
    let image = code.render::<svg::Color>().min_dimensions(200, 200).build();
    let svg = image.find("<svg").map_or("", |at| &image[at..]);
    svg.replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1)
}

#[derive(Template)]
#[template(path = "two_step/codes.html")]
struct CodesPage<'a> {
    c: &'a Ctx,
    codes: Vec<String>,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ConfirmForm {
    #[serde(skip_serializing)]
    code: String,
}

/// The first code confirms the set-up; the recovery codes are shown this once.
pub async fn confirm(s: AppState, c: Ctx, Posted(f): Posted<ConfirmForm>) -> WebResult {
    let actor = c.require()?;
    match s.k.confirm_two_step(actor, &f.code).await {
        Ok(codes) => Ok(render(&CodesPage { c: &c, codes })),
        // Sent twice: the first one set it up and showed the codes.
        Err(Error::Refused("totp-error-already-on")) => Ok(see_other(SET_UP)),
        Err(e) => {
            let form = Form::of(&f).absorb(&c, e, "code")?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &settings_page(&s, &c, form, None).await?))
        }
    }
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct DisableForm {
    /// A current code or the password.
    #[serde(skip_serializing)]
    proof: String,
}

pub async fn disable(s: AppState, c: Ctx, Posted(f): Posted<DisableForm>) -> WebResult {
    let result = s.k.disable_two_step(c.require()?, &f.proof).await;
    let ok = |()| format!("{SET_UP}?notice=totp-notice-disabled");
    submit(&c, &f, "proof", result, ok, async |form| Ok(render(&settings_page(&s, &c, form, None).await?))).await
}
