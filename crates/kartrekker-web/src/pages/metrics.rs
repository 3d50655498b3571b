//! Operations: `/metrics` for Prometheus (README, "Metrics"), and the
//! middleware that counts every request by its route template and status.

use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kartrekker::auth::token;

use crate::state::AppState;

/// The label of a request that matched no route: its path is never a label.
const UNMATCHED: &str = "unmatched";

/// On the app's own address, merged outside the context middleware: no
/// session lookup. Answers only with the configured token.
pub fn routes() -> Router<AppState> {
    Router::new().route("/metrics", get(with_token))
}

/// The whole router of `[metrics] bind`: the page, without a token.
pub fn own_address(state: AppState) -> Router {
    Router::new().route("/metrics", get(page)).with_state(state)
}

async fn with_token(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = s.k.config.metrics.token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| token::constant_eq(g.trim(), expected)) {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], "a metrics token is needed\n")
            .into_response();
    }
    page(State(s)).await
}

async fn page(State(s): State<AppState>) -> Response {
    match s.k.metrics_page().await {
        Ok(body) => ([(header::CONTENT_TYPE, kartrekker::metrics::CONTENT_TYPE)], body).into_response(),
        Err(e) => {
            tracing::error!("metrics: {e}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// Counts a request and its time to the response head, under the matched
/// route's template (`/actions/{id}`).
pub async fn count(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned());
    let res = next.run(req).await;
    let route = route.as_deref().unwrap_or(UNMATCHED);
    s.k.metrics.request(method.as_str(), route, res.status().as_u16(), started.elapsed().as_secs_f64());
    res
}
