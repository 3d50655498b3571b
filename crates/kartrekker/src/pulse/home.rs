//! The pulse on a person's home page: a round to answer (until answered or
//! closed); for a team's leaders, the results of a round that just closed;
//! for HR and the board, how many teams have new results.

use super::service::{follows_all, leads};
use super::store;
use crate::Result;
use crate::auth::Actor;
use crate::dates::Date;
use crate::db::Conn;

/// Results stay on the home page this many days after the round closed.
pub const RESULTS_DAYS_SHOWN: i64 = 14;

#[derive(Clone, Debug, Default)]
pub struct PulseHome {
    /// Open rounds the person has not answered: (round id, team, closes on).
    pub to_answer: Vec<(i64, String, Date)>,
    /// Rounds of teams the person leads that closed lately: (round id, team, opened on).
    pub results: Vec<(i64, String, Date)>,
    /// For HR and the board: teams whose round closed lately.
    pub new_results: Option<i64>,
}

impl PulseHome {
    pub fn is_empty(&self) -> bool {
        self.to_answer.is_empty() && self.results.is_empty() && self.new_results.is_none_or(|n| n == 0)
    }
}

pub(crate) async fn for_home(c: &mut Conn, actor: &Actor, today: Date) -> Result<PulseHome> {
    let mut home = PulseHome::default();
    let Some(org) = actor.org_id() else { return Ok(home) };
    if !actor.team_roles.is_empty() {
        home.to_answer =
            store::to_answer(c, actor.id(), today).await?.into_iter().map(|r| (r.id, r.team, r.closes_on)).collect();
    }
    let since = today.add_days(-RESULTS_DAYS_SHOWN);
    if actor.team_roles.iter().any(|(t, _)| leads(actor, *t)) {
        home.results = store::closed_in_led_teams(c, actor.id(), since, today)
            .await?
            .into_iter()
            .map(|r| (r.id, r.team, r.opens_on))
            .collect();
    }
    if follows_all(actor) {
        home.new_results = Some(store::teams_closed_since(c, org, since, today).await?);
    }
    Ok(home)
}
