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
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit};
use axum::middleware::{from_fn_with_state, map_response_with_state};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use kartrekker::Kartrekker;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::Service;

use pages::{
    actions, admin, api, audit, auth, decisions, errors, health, home, improvement, instance, lifecycle, meetings,
    metrics, notifications, privacy, questionnaires, reflection, sessions, switch, trajectories, workforce,
};
pub use state::AppState;

/// Every route of the application: each area brings its own.
pub fn router(k: Kartrekker) -> Router {
    let state = AppState { k: Arc::new(k), api_limits: Arc::default() };
    let pages = Router::new()
        .merge(home::routes())
        .merge(auth::routes())
        .merge(actions::routes())
        .merge(questionnaires::routes())
        .merge(reflection::routes())
        .merge(admin::routes())
        .merge(audit::routes())
        .merge(lifecycle::routes())
        .merge(trajectories::routes())
        .merge(instance::routes())
        .merge(notifications::routes())
        .merge(sessions::routes())
        .merge(privacy::routes())
        .merge(workforce::routes())
        .merge(pages::portfolio::routes())
        .merge(switch::routes())
        .merge(improvement::routes())
        .merge(decisions::routes())
        .merge(meetings::routes())
        .merge(pages::two_step::routes())
        .merge(pages::pulse::routes())
        .merge(api::admin_routes())
        .merge(pages::sso::routes())
        .fallback(errors::not_found)
        .layer(from_fn_with_state(state.clone(), context::middleware))
        // Room for the CSV upload; every other form is limited in the middleware.
        .layer(DefaultBodyLimit::max(context::UPLOAD_LIMIT));
    Router::new()
        .merge(health::routes())
        .merge(metrics::routes())
        // api (issue 20): bearer tokens, outside the session and CSRF middleware.
        .merge(api::routes(state.clone()))
        .merge(pages)
        .layer(map_response_with_state(state.clone(), context::security_headers))
        .layer(from_fn_with_state(state.clone(), metrics::count))
        .with_state(state)
}

/// Serves until `shutdown` resolves; the entry point of `serve`, `demo` and the tests.
///
/// Our own accept loop rather than `axum::serve`, for the limits of
/// `[server]` in the configuration: at most `max_connections` at once (the
/// rest wait in the listen queue), and hyper's header timeout, which closes a
/// connection that has not sent a whole request head in time, be it slow or
/// idle between requests. Each request carries the peer's address
/// (`ConnectInfo`) for the context's client address.
pub async fn serve(
    listener: TcpListener,
    k: Kartrekker,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = k.config.server.clone();
    // `[metrics] bind`: the page on an address of its own, for as long as the app.
    let metrics_server = match k.config.metrics.bind.clone() {
        Some(bind) => {
            let listener = TcpListener::bind(&bind).await?;
            let own = metrics::own_address(AppState { k: Arc::new(k.clone()), api_limits: Arc::default() });
            Some(tokio::spawn(async move { axum::serve(listener, own).await }))
        }
        None => None,
    };
    let app = router(k);
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(Duration::from_secs(limits.header_timeout_secs));
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: wait a moment rather than spin.
                    tracing::warn!("accept: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(ConnectInfo(peer));
            app.clone().call(req)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("connection from {peer}: {e}");
            }
            drop(permit);
        });
    }
    drop(listener);
    if let Some(server) = metrics_server {
        server.abort();
    }
    graceful.shutdown().await;
    Ok(())
}
