//! An administrator deactivates, reactivates and erases a person of their
//! organisation (the service: `kartrekker::people::lifecycle`).

use askama::Template;
use axum::Router;
use axum::extract::Path;
use axum::routing::{get, post};
use kartrekker::people::lifecycle::ErasePlan;
use serde::{Deserialize, Serialize};

use super::{render, see_other};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/people/{id}/deactivate", post(deactivate))
        .route("/admin/people/{id}/reactivate", post(reactivate))
        .route("/admin/people/{id}/erase", get(erase_form).post(erase))
}

pub async fn deactivate(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    s.k.deactivate_person(c.require()?, id).await?;
    Ok(see_other(&format!("/admin/people/{id}?notice=notice-person-deactivated")))
}

pub async fn reactivate(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    s.k.reactivate_person(c.require()?, id).await?;
    Ok(see_other(&format!("/admin/people/{id}?notice=notice-person-reactivated")))
}

#[derive(Template)]
#[template(path = "admin/erase.html")]
struct ErasePage<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    plan: ErasePlan,
    successors: Vec<(String, String)>,
    form: Form,
}

async fn erase_page(s: &AppState, c: &Ctx, id: i64, form: Form) -> WebResult {
    let plan = s.k.erase_plan(c.require()?, id).await?;
    let mut successors = vec![(String::new(), c.t("choose").to_string())];
    successors.extend(plan.successors.iter().map(|p| (p.id.to_string(), format!("{} ({})", p.name, p.email))));
    Ok(render(&ErasePage { c, notice: None, plan, successors, form }))
}

pub async fn erase_form(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    erase_page(&s, &c, id, Form::new()).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct EraseForm {
    successor: String,
    /// "yes" when the administrator ticked that erasing cannot be undone.
    confirm: String,
}

pub async fn erase(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<EraseForm>) -> WebResult {
    let result = s.k.erase_person(c.require()?, id, &f.successor, f.confirm == "yes").await;
    let ok = |()| "/admin/people?notice=notice-person-erased".to_string();
    submit(&c, &f, "confirm", result, ok, async |form| erase_page(&s, &c, id, form).await).await
}
