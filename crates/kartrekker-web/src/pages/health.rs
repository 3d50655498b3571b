//! Probes for load balancers, and the static files built into the binary.

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::state::AppState;

/// Merged outside the context middleware: no session lookup, no CSRF check.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/static/app.css", get(css))
        .route("/static/present.js", get(present_js))
        .route("/static/alive.js", get(alive_js))
}

/// The process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The database answers.
pub async fn readyz(s: AppState) -> Response {
    if s.k.db.ping().await {
        (StatusCode::OK, "ready").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

/// A file built into the binary, cached by browsers for an hour.
fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()
}

const JS: &str = "text/javascript; charset=utf-8";

pub async fn css() -> Response {
    asset("text/css; charset=utf-8", include_str!("../../static/app.css"))
}

/// The projector page's keys (arrows, PageDown/PageUp, presentation clickers).
pub async fn present_js() -> Response {
    asset(JS, include_str!("../../static/present.js"))
}

/// Keeps the session while the person types (`/session/alive`).
pub async fn alive_js() -> Response {
    asset(JS, include_str!("../../static/alive.js"))
}
