use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use kartrekker::organisations::Team;

use super::actions::{Card, CardWords};
use super::{render, team_roles_label};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(home))
}

#[derive(Template)]
#[template(path = "home/home.html")]
struct HomePage<'a> {
    c: &'a Ctx,
    name: String,
    organisation: Option<String>,
    teams: Vec<(Team, String)>,
    cards: Vec<Card>,
    overdue: usize,
}

/// A person's teams and their actions.
pub async fn home(s: AppState, c: Ctx) -> WebResult<Response> {
    let Some(actor) = c.actor() else { return Ok(super::auth::to_login()) };
    let teams = s.k.my_teams(actor).await?.into_iter().map(|(t, r)| (t, team_roles_label(&c, &r))).collect();
    let organisation = actor.organisation.clone();
    let today = s.k.today();
    let words = CardWords::new(&c);
    let cards: Vec<Card> = s.k.my_actions(actor).await?.into_iter().map(|a| Card::new(&words, a, today)).collect();
    let overdue = cards.iter().filter(|c| c.overdue).count();
    Ok(render(&HomePage { c: &c, name: actor.person.name.clone(), organisation, teams, cards, overdue }))
}
