//! Kartrekker's web layer: routes, pages, translations and the CLI's server.

pub mod charts;
pub mod cli;
pub mod context;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod pages;
pub mod state;

use std::future::Future;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use kartrekker::Kartrekker;
use tokio::net::TcpListener;

use pages::{
    actions, admin, auth, errors, health, home, instance, lifecycle, notifications, questionnaires, reflection,
    trajectories,
};
pub use state::AppState;

/// Every route of the application: each area brings its own.
pub fn router(k: Kartrekker) -> Router {
    let state = AppState { k: std::sync::Arc::new(k) };
    let pages = Router::new()
        .merge(home::routes())
        .merge(auth::routes())
        .merge(actions::routes())
        .merge(questionnaires::routes())
        .merge(reflection::routes())
        .merge(admin::routes())
        .merge(lifecycle::routes())
        .merge(trajectories::routes())
        .merge(instance::routes())
        .merge(notifications::routes())
        .fallback(errors::not_found)
        .layer(from_fn_with_state(state.clone(), context::middleware))
        // Room for the CSV upload; every other form is limited in the middleware.
        .layer(DefaultBodyLimit::max(admin::IMPORT_LIMIT + 64 * 1024));
    Router::new().merge(health::routes()).merge(pages).with_state(state)
}

/// Serves until `shutdown` resolves; the entry point of `serve`, `demo` and the tests.
pub async fn serve(
    listener: TcpListener,
    k: Kartrekker,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(k)).with_graceful_shutdown(shutdown).await
}
