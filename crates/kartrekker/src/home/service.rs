//! Gathers a person's home from the stores of the areas it shows, on one
//! connection: one query per part, for all of the person's teams at once.

use super::model::Home;
use crate::Kartrekker;
use crate::Result;
use crate::auth::Actor;
use crate::organisations::OrgRole;
use crate::organisations::service::with_roles;
use crate::{actions, organisations, reflection, trajectories};

/// "Did this help?" shows from this many days before the evaluation.
pub const VOTE_DAYS_AHEAD: i64 = 14;
/// The next sessions shown.
pub const SESSIONS_SHOWN: i64 = 5;
/// The teams that need attention shown to a program leader; the overview has all.
pub const ATTENTION_SHOWN: i64 = 10;
/// A buddy plan stays on the home page this many days after its follow-up.
pub const BUDDY_DAYS_AFTER: i64 = 14;

impl Kartrekker {
    /// What needs the actor now. Every part is the actor's own or of the
    /// teams they are in, lead or train; a program leader's part is of
    /// their own organisation. Someone outside any organisation has none.
    pub async fn home(&self, actor: &Actor) -> Result<Home> {
        let Some(org) = actor.org_id() else { return Ok(Home::default()) };
        let me = actor.id();
        let today = self.today();
        let mut c = self.conn().await?;
        let teams = organisations::store::teams_of_person(&mut c, me).await?;
        let attention = match actor.has(OrgRole::ProgramLeader) {
            true => Some(trajectories::store::needing_attention(&mut c, org, today, ATTENTION_SHOWN).await?),
            false => None,
        };
        Ok(Home {
            intakes: trajectories::store::intakes_to_answer(&mut c, me).await?,
            questionnaires: reflection::store::to_fill(&mut c, me).await?,
            votes: trajectories::store::votes_open(&mut c, me, today.add_days(VOTE_DAYS_AHEAD)).await?,
            sessions: trajectories::store::upcoming_sessions(&mut c, me, today, SESSIONS_SHOWN).await?,
            actions: actions::store::active_of_kartrekker(&mut c, me).await?,
            buddy_plans: reflection::store::buddy_plans(&mut c, me, today.add_days(-BUDDY_DAYS_AFTER)).await?,
            led_teams: trajectories::store::led_teams(&mut c, me, today).await?,
            trained: trajectories::store::trained(&mut c, me, today).await?,
            attention,
            cycles: reflection::store::progress_of_led(&mut c, me, today).await?,
            teams: with_roles(teams, &actor.team_roles),
        })
    }
}
