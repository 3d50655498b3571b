//! The reflection cycle "calling & comradeship": a team's cycles, one
//! cycle's steps, colleague feedback, and the results pages.

mod buddy;
mod cycle;
mod results;
mod steps;

use axum::Router;
use axum::routing::{get, post};
use kartrekker::spreadsheet::FileType;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/teams/{id}/reflection", get(cycle::cycles).post(cycle::start))
        .route("/reflection/{id}", get(cycle::cycle))
        .route("/reflection/{id}/self", post(cycle::open_self))
        .route("/reflection/{id}/requests", post(cycle::request))
        .route("/reflection/{id}/participants", post(cycle::add_participant))
        .route("/reflection/{id}/feedback/{subject}", post(cycle::feedback))
        .route("/reflection/{id}/close", post(cycle::close))
        .route("/reflection/{id}/results", get(results::results))
        .route("/reflection/{id}/group", get(results::group))
        .route("/reflection/{id}/preparation", get(steps::preparation).post(steps::save_preparation))
        .route("/reflection/{id}/conversation", get(steps::conversation).post(steps::save_conversation))
        .route("/reflection/{id}/plan", get(steps::plan).post(steps::save_plan))
        .route("/reflection/{id}/plans/{owner}", get(buddy::plan))
        .route("/reflection/{id}/accreditation", get(steps::accreditation).post(steps::correct))
        .route(
            "/reflection/{id}/accreditation.csv",
            get(async |s, c, id| steps::accreditation_export(s, c, id, FileType::Csv).await),
        )
        .route(
            "/reflection/{id}/accreditation.xlsx",
            get(async |s, c, id| steps::accreditation_export(s, c, id, FileType::Xlsx).await),
        )
        .route("/reflection/{id}/record", get(steps::record))
}
