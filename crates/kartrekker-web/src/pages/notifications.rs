//! The settings page: how each kind of e-mail arrives, and the personal
//! calendar feed (its secret link, and the feed itself, which calendar
//! programs fetch without a session).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use kartrekker::notifications::{Delivery, NoticeKind};

use super::{Notice, notice, render};
use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/settings", get(settings).post(save_settings))
        .route("/settings/calendar", post(new_calendar))
        .route("/calendar/{file}", get(calendar))
}

/// One kind of e-mail on the page: (code, label, explanation).
type Kind = (String, String, String);

#[derive(Template)]
#[template(path = "notifications/settings.html")]
struct Settings<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    form: Form,
    kinds: Vec<Kind>,
    deliveries: Vec<(String, String)>,
    has_feed: bool,
    /// A link just made: shown this once.
    new_feed: Option<String>,
}

async fn settings_page(
    s: &AppState,
    c: &Ctx,
    form: Option<Form>,
    notice: Option<String>,
    new_feed: Option<String>,
) -> WebResult {
    let a = c.require()?;
    let form = match form {
        Some(f) => f,
        None => {
            s.k.notification_settings(a).await?.into_iter().fold(Form::new(), |f, (k, d)| f.with(k.code(), d.code()))
        }
    };
    let kinds = NoticeKind::ALL
        .iter()
        .map(|k| {
            let label = c.t(&format!("notice-kind-{}", k.code())).to_string();
            (k.code().to_string(), label, c.t(&format!("notice-kind-{}-help", k.code())).to_string())
        })
        .collect();
    let deliveries = Delivery::ALL
        .iter()
        .map(|d| (d.code().to_string(), c.t(&format!("delivery-{}", d.code())).to_string()))
        .collect();
    let has_feed = s.k.has_calendar_feed(a).await?;
    Ok(render(&Settings { c, notice, form, kinds, deliveries, has_feed, new_feed }))
}

pub async fn settings(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    settings_page(&s, &c, None, n, None).await
}

pub async fn save_settings(s: AppState, c: Ctx, Posted(p): Posted<Vec<(String, String)>>) -> WebResult {
    let result = s.k.set_notification_settings(c.require()?, &p).await;
    let ok = |()| "/settings?notice=notice-settings-saved".to_string();
    let first = NoticeKind::ALL[0].code();
    submit(&c, &p, first, result, ok, async |form| settings_page(&s, &c, Some(form), None, None).await).await
}

/// Makes a new feed link and shows it on the page: only its hash is kept,
/// so it cannot be shown after a redirect.
pub async fn new_calendar(s: AppState, c: Ctx) -> WebResult {
    let secret = s.k.new_calendar_feed(c.require()?).await?;
    let url = s.k.link(&format!("/calendar/{secret}.ics"));
    settings_page(&s, &c, None, None, Some(url)).await
}

pub async fn calendar(s: AppState, Path(file): Path<String>) -> WebResult {
    let secret = file.strip_suffix(".ics").ok_or(WebError::NotFound)?;
    let ics = s.k.calendar_feed(secret).await?;
    Ok(([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], ics).into_response())
}
