//! The buddy's view of a colleague's action plan.

use askama::Template;
use axum::extract::Path;
use kartrekker::reflection::BuddyPlan;

use crate::context::Ctx;
use crate::error::WebResult;
use crate::pages::render;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "reflection/buddy_plan.html")]
struct Page<'a> {
    c: &'a Ctx,
    p: BuddyPlan,
}

pub async fn plan(s: AppState, c: Ctx, Path((id, owner)): Path<(i64, i64)>) -> WebResult {
    let p = s.k.buddy_plan(c.require()?, id, owner).await?;
    Ok(render(&Page { c: &c, p }))
}
