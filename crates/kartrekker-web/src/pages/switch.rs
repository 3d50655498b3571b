//! The organisation switcher: one log-in in several organisations
//! (docs/decisions/0015-accounts.md). The session moves to the account's
//! person in the chosen organisation, by a POST with the CSRF token.

use askama::Template;
use axum::Router;
use axum::routing::get;
use serde::Deserialize;

use super::{render, see_other};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::Posted;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/organisations/switch", get(page).post(switch))
}

#[derive(Template)]
#[template(path = "auth/switch.html")]
struct SwitchPage<'a> {
    c: &'a Ctx,
    /// (person id, organisation name, the current one)
    memberships: Vec<(i64, String, bool)>,
}

pub async fn page(s: AppState, c: Ctx) -> WebResult {
    let actor = c.require()?;
    let memberships =
        s.k.memberships(actor).await?.into_iter().map(|(id, name)| (id, name, id == actor.id())).collect();
    Ok(render(&SwitchPage { c: &c, memberships }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SwitchForm {
    person: i64,
}

pub async fn switch(s: AppState, c: Ctx, Posted(f): Posted<SwitchForm>) -> WebResult {
    let actor = c.require()?;
    let secret = c.session_secret.as_deref().unwrap_or_default();
    s.k.switch_organisation(actor, secret, f.person).await?;
    Ok(see_other("/"))
}
