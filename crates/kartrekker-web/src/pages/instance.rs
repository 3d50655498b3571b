//! Instance administration: the organisations on this installation.

use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::routing::get;
use kartrekker::organisations::Organisation;
use serde::{Deserialize, Serialize};

use super::{Notice, notice, render};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
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

async fn page(s: &AppState, c: &Ctx, form: Form, notice: Option<String>) -> WebResult {
    let organisations = s.k.organisations(c.require()?).await?;
    Ok(render(&Organisations { c, notice, organisations, form }))
}

pub async fn organisations(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    page(&s, &c, Form::new(), notice(&c, q.notice.as_deref())).await
}

/// A new organisation with its first administrator.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct OrganisationForm {
    name: String,
    admin_name: String,
    admin_email: String,
}

pub async fn create(s: AppState, c: Ctx, Posted(f): Posted<OrganisationForm>) -> WebResult {
    let result = s.k.create_organisation(c.require()?, &f.name, &f.admin_name, &f.admin_email).await;
    let ok = |_| "/instance/organisations?notice=notice-organisation-added".to_string();
    submit(&c, &f, "name", result, ok, async |form| page(&s, &c, form, None).await).await
}
