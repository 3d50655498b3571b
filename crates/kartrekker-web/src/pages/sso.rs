//! Single sign-on with OpenID Connect (decision 0030): the log-in through an
//! organisation's provider (`/login/sso/{org}` out, `/login/sso/callback`
//! back) and the administrator's page that sets the provider.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use axum::routing::get;
use kartrekker::auth::sso::service::{CALLBACK_PATH, SsoReturn};
use kartrekker::auth::sso::{SsoFields, SsoOutcome, SsoRefusal};
use kartrekker::dates::Date;
use serde::{Deserialize, Serialize};

use super::auth::{Next, logged_in};
use super::{Notice, notice, render, render_status, see_other};
use crate::context::{Ctx, cookie, local_path, set_cookie};
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

/// Binds a log-in at the provider to the browser that started it: the
/// secret of its pending row. `Lax`: the provider's redirect back is a
/// top-level GET from another site.
const SSO_COOKIE: &str = "kt_sso";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(CALLBACK_PATH, get(callback))
        .route("/login/sso/{org}", get(start))
        .route("/admin/sso", get(settings).post(save))
}

#[derive(Template)]
#[template(path = "sso/refused.html")]
struct Refused<'a> {
    c: &'a Ctx,
    message: String,
}

fn refused(c: &Ctx, refusal: SsoRefusal) -> Response {
    let status = match refusal {
        SsoRefusal::Unavailable => StatusCode::BAD_GATEWAY,
        SsoRefusal::State | SsoRefusal::Provider => StatusCode::BAD_REQUEST,
        _ => StatusCode::FORBIDDEN,
    };
    render_status(status, &Refused { c, message: c.t(refusal.key()).to_string() })
}

/// Off to the organisation's provider, with a fresh state, nonce and PKCE challenge.
async fn start(s: AppState, c: Ctx, Path(org): Path<i64>, Query(q): Query<Next>) -> WebResult {
    let next = local_path(q.next.as_deref().unwrap_or("/"));
    match s.k.start_sso(org, &next).await? {
        Ok(started) => {
            let mut res = see_other(&started.url);
            res.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(SSO_COOKIE, &started.browser_secret, Some(600), "Lax", c.secure),
            );
            Ok(res)
        }
        Err(refusal) => Ok(refused(&c, refusal)),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Callback {
    state: String,
    code: Option<String>,
    error: Option<String>,
}

async fn callback(s: AppState, c: Ctx, headers: HeaderMap, Query(q): Query<Callback>) -> WebResult {
    let back = SsoReturn {
        browser_secret: cookie(&headers, SSO_COOKIE),
        state: &q.state,
        code: q.code.as_deref(),
        error: q.error.as_deref(),
    };
    let mut res = match s.k.finish_sso(&back, c.client).await? {
        SsoOutcome::LoggedIn { session, next } => logged_in(&s, &headers, &local_path(&next), &session, &c).await?,
        SsoOutcome::Refused(refusal) => refused(&c, refusal),
    };
    // Used or refused, the pending log-in is gone.
    res.headers_mut().append(header::SET_COOKIE, set_cookie(SSO_COOKIE, "", Some(0), "Lax", c.secure));
    Ok(res)
}

// ---------------------------------------------------------------- admin page

#[derive(Template)]
#[template(path = "admin/sso.html")]
struct Settings<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    form: Form,
    redirect_uri: String,
    /// When the settings were saved; none before the first time.
    updated: Option<String>,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
struct SettingsForm {
    label: String,
    issuer: String,
    client_id: String,
    /// Never shown back, not even after a mistake elsewhere on the form.
    #[serde(skip_serializing)]
    client_secret: String,
    email_claim: String,
    create_people: Option<String>,
    passwords_allowed: Option<String>,
}

async fn settings_page(s: &AppState, c: &Ctx, form: Option<Form>, notice: Option<String>) -> WebResult {
    let saved = s.k.sso_settings(c.require()?).await?;
    let updated = saved.as_ref().map(|s| Date::moment_nl(s.updated_at));
    let form = form.unwrap_or_else(|| match saved {
        Some(s) => Form::new()
            .with("label", s.label)
            .with("issuer", s.issuer)
            .with("client_id", s.client_id)
            .with("email_claim", s.email_claim)
            .with("create_people", if s.create_people { "yes" } else { "" })
            .with("passwords_allowed", if s.passwords_allowed { "yes" } else { "" }),
        None => Form::new().with("email_claim", "email").with("passwords_allowed", "yes"),
    });
    Ok(render(&Settings { c, notice, form, redirect_uri: s.k.sso_redirect_uri(), updated }))
}

async fn settings(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    settings_page(&s, &c, None, notice(&c, q.notice.as_deref())).await
}

async fn save(s: AppState, c: Ctx, Posted(f): Posted<SettingsForm>) -> WebResult {
    let fields = SsoFields {
        label: &f.label,
        issuer: &f.issuer,
        client_id: &f.client_id,
        client_secret: &f.client_secret,
        email_claim: &f.email_claim,
        create_people: f.create_people.is_some(),
        passwords_allowed: f.passwords_allowed.is_some(),
    };
    let result = s.k.save_sso_settings(c.require()?, &fields).await;
    let ok = |_| "/admin/sso?notice=sso-notice-saved".to_string();
    submit(&c, &f, "label", result, ok, async |form| settings_page(&s, &c, Some(form), None).await).await
}
