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
use axum::routing::{get, post};
use kartrekker::Kartrekker;
use tokio::net::TcpListener;

use pages::{actions, admin, auth, health, home, instance, questionnaires, reflection};
pub use state::AppState;

/// Every route of the application.
pub fn router(k: Kartrekker) -> Router {
    let state = AppState { k: std::sync::Arc::new(k) };
    let pages = Router::new()
        .route("/", get(home::home))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/language", post(auth::language))
        .route("/forgot", get(auth::forgot_page).post(auth::forgot))
        .route("/invitation/{secret}", get(auth::invitation_page).post(auth::invitation))
        .route("/reset/{secret}", get(auth::reset_page).post(auth::reset))
        .route("/teams/{id}/actions", get(actions::board).post(actions::create))
        .route("/teams/{id}/actions/new", get(actions::new_action))
        .route("/teams/{id}/actions.csv", get(actions::export))
        .route("/actions/overdue", get(actions::overdue))
        .route("/actions/{id}", get(actions::detail).post(actions::edit))
        .route("/actions/move", post(actions::move_card))
        .route("/actions/{id}/updates", post(actions::add_update))
        .route("/settings", get(actions::settings).post(actions::save_settings))
        .route("/questionnaires/{id}", get(questionnaires::fill).post(questionnaires::save))
        .route("/teams/{id}/reflection", get(reflection::cycles).post(reflection::start))
        .route("/reflection/{id}", get(reflection::cycle))
        .route("/reflection/{id}/self", post(reflection::open_self))
        .route("/reflection/{id}/requests", post(reflection::request))
        .route("/reflection/{id}/feedback/{subject}", post(reflection::feedback))
        .route("/reflection/{id}/close", post(reflection::close))
        .route("/reflection/{id}/results", get(reflection::results))
        .route("/reflection/{id}/group", get(reflection::group))
        .route("/reflection/{id}/preparation", get(reflection::preparation).post(reflection::save_preparation))
        .route("/reflection/{id}/conversation", get(reflection::conversation).post(reflection::save_conversation))
        .route("/reflection/{id}/plan", get(reflection::plan).post(reflection::save_plan))
        .route("/reflection/{id}/accreditation", get(reflection::accreditation).post(reflection::correct))
        .route("/reflection/{id}/accreditation.csv", get(reflection::accreditation_csv))
        .route("/reflection/{id}/record", get(reflection::record))
        .route("/admin/instruments", get(questionnaires::instruments).post(questionnaires::upload))
        .route("/admin/instruments/{id}/try", post(questionnaires::try_out))
        .route("/admin", get(admin::overview))
        .route("/admin/settings", get(admin::settings).post(admin::save_settings))
        .route("/admin/departments", get(admin::departments).post(admin::add_department))
        .route("/admin/teams", get(admin::teams).post(admin::add_team))
        .route("/admin/teams/{id}", get(admin::team).post(admin::update_team))
        .route("/admin/departments/{id}", post(admin::rename_department))
        .route("/admin/teams/{id}/members", post(admin::add_member))
        .route("/admin/teams/{id}/members/{person}/remove", post(admin::remove_member))
        .route("/admin/people", get(admin::people).post(admin::create_person))
        .route("/admin/people/new", get(admin::new_person))
        .route("/admin/people/{id}", get(admin::person).post(admin::update_person))
        .route("/admin/people/{id}/invite", post(admin::resend_invitation))
        .route("/admin/import", get(admin::import_form).post(admin::import_check))
        .route("/admin/import/confirm", post(admin::import_confirm))
        .route("/program/trajectories", get(pages::trajectories::overview))
        .route("/teams/{id}/trajectory", get(pages::trajectories::team).post(pages::trajectories::start))
        .route("/teams/{id}/trajectory/{tid}", get(pages::trajectories::trajectory))
        .route("/teams/{id}/trajectory/{tid}/advance", post(pages::trajectories::advance))
        .route("/teams/{id}/trajectory/{tid}/work", post(pages::trajectories::work))
        .route(
            "/teams/{id}/trajectory/{tid}/intake",
            get(pages::trajectories::intake).post(pages::trajectories::answer),
        )
        .route("/teams/{id}/trajectory/{tid}/intake/anonymity", post(pages::trajectories::anonymity))
        .route("/teams/{id}/trajectory/{tid}/themes", post(pages::trajectories::add_theme))
        .route("/teams/{id}/trajectory/{tid}/answers/{aid}/theme", post(pages::trajectories::answer_theme))
        .route(
            "/teams/{id}/trajectory/{tid}/observations",
            get(pages::trajectories::observations).post(pages::trajectories::add_observation),
        )
        .route("/teams/{id}/trajectory/{tid}/observations/{oid}/theme", post(pages::trajectories::observation_theme))
        .route("/teams/{id}/trajectory/{tid}/mirror", get(pages::trajectories::mirror))
        .route("/teams/{id}/trajectory/{tid}/mirror/present/{n}", get(pages::trajectories::present))
        .route("/teams/{id}/trajectory/{tid}/mirror/agreements", post(pages::trajectories::mirror_agreement))
        .route("/teams/{id}/trajectory/{tid}/themes/{theme}/reflection", post(pages::trajectories::reflection))
        .route(
            "/teams/{id}/trajectory/{tid}/sessions/{sid}",
            get(pages::trajectories::session).post(pages::trajectories::save_session),
        )
        .route("/teams/{id}/trajectory/{tid}/sessions/{sid}/calendar.ics", get(pages::trajectories::calendar))
        .route("/teams/{id}/trajectory/{tid}/evaluation", get(pages::trajectories::current_evaluation))
        .route(
            "/teams/{id}/trajectory/{tid}/evaluations/{sid}",
            get(pages::trajectories::evaluation).post(pages::trajectories::save_evaluation),
        )
        .route("/teams/{id}/trajectory/{tid}/evaluations/{sid}/helped", post(pages::trajectories::helped))
        .route(
            "/teams/{id}/trajectory/{tid}/evaluations/{sid}/agreements",
            post(pages::trajectories::evaluation_agreement),
        )
        .route("/instance/organisations", get(instance::organisations).post(instance::create))
        .fallback(pages::errors::not_found)
        .layer(from_fn_with_state(state.clone(), context::middleware))
        // Room for the CSV upload; every other form is limited in the middleware.
        .layer(DefaultBodyLimit::max(admin::IMPORT_LIMIT + 64 * 1024));
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/static/app.css", get(health::css))
        .merge(pages)
        .with_state(state)
}

/// Serves until `shutdown` resolves; the entry point of `serve`, `demo` and the tests.
pub async fn serve(
    listener: TcpListener,
    k: Kartrekker,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(k)).with_graceful_shutdown(shutdown).await
}
