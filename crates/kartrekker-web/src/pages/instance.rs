//! Instance administration: the organisations on this installation.

use askama::Template;
use axum::Form as Posted;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use kartrekker::organisations::Organisation;

use super::admin::Notice;
use super::{notice, render_status, see_other};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::Form;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/instance/organisations", get(organisations).post(create))
}

#[derive(Template)]
#[template(path = "instance/organisations.html")]
struct Organisations<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    organisations: Vec<Organisation>,
    form: Form,
}

async fn page(s: &AppState, c: &Ctx, form: Form, notice: Option<String>, status: StatusCode) -> WebResult {
    let organisations = s.k.organisations(c.require()?).await?;
    Ok(render_status(status, &Organisations { c, notice, organisations, form }))
}

pub async fn organisations(State(s): State<AppState>, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    page(&s, &c, Form::new(), n, StatusCode::OK).await
}

pub async fn create(State(s): State<AppState>, c: Ctx, Posted(p): Posted<Vec<(String, String)>>) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.create_organisation(a, form.value("name"), form.value("admin_name"), form.value("admin_email")).await {
        Ok(_) => Ok(see_other("/instance/organisations?notice=notice-organisation-added")),
        Err(e) => {
            let form = form.absorb(&c, e, "name")?;
            page(&s, &c, form, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}
