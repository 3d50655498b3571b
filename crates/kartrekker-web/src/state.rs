use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kartrekker::Kartrekker;

/// Cloned for every extractor of every request: one counter to count up
/// instead of one per part of `Kartrekker`.
#[derive(Clone)]
pub struct AppState {
    pub k: Arc<Kartrekker>,
    /// api: each token's requests in the current window.
    pub api_limits: Arc<crate::pages::api::RateLimits>,
}

/// Handlers take the state as `s: AppState`, which keeps their signatures on one line.
impl FromRequestParts<AppState> for AppState {
    type Rejection = Infallible;
    async fn from_request_parts(_: &mut Parts, state: &AppState) -> Result<AppState, Infallible> {
        Ok(state.clone())
    }
}
