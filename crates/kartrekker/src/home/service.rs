//! Gathers a person's home from the stores of the areas it shows, on one
//! connection: one query per part, for all of the person's teams at once.

use super::model::Home;
use crate::Kartrekker;
use crate::Result;
use crate::auth::Actor;
use crate::organisations::model::takes_part;
use crate::organisations::service::with_roles;
use crate::organisations::{OrgRole, TeamRole};
use crate::{actions, meetings, organisations, reflection, trajectories};

/// "Did this help?" shows from this many days before the evaluation.
pub const VOTE_DAYS_AHEAD: i64 = 14;
/// The next sessions shown.
pub const SESSIONS_SHOWN: i64 = 5;
/// The teams that need attention shown to a program leader; the overview has all.
pub const ATTENTION_SHOWN: i64 = 10;
/// A buddy plan stays on the home page this many days after its follow-up.
pub const BUDDY_DAYS_AFTER: i64 = 14;
/// Meetings show from this many days ahead.
pub const MEETING_DAYS_AHEAD: i64 = 7;

impl Kartrekker {
    /// What needs the actor now. Every part is the actor's own or of the
    /// teams they are in, lead or train; a program leader's part is of
    /// their own organisation. Someone outside any organisation has none.
    pub async fn home(&self, actor: &Actor) -> Result<Home> {
        let Some(org) = actor.org_id() else { return Ok(Home::default()) };
        let me = actor.id();
        let today = self.today();
        let mut c = self.conn().await?;
        // A part that needs a role the actor holds in no team is empty: its
        // query is skipped (each costs a round trip, and a program leader
        // often is in no team at all).
        let holds = |roles: &[TeamRole]| actor.team_roles.iter().any(|(_, r)| roles.contains(r));
        let in_a_team = !actor.team_roles.is_empty();
        let takes_part = actor.team_roles.iter().any(|(_, r)| takes_part(&[*r]));
        let mut home = Home {
            questionnaires: reflection::store::to_fill(&mut c, me).await?,
            actions: actions::store::active_of_kartrekker(&mut c, me).await?,
            buddy_plans: reflection::store::buddy_plans(&mut c, me, today.add_days(-BUDDY_DAYS_AFTER)).await?,
            ..Home::default()
        };
        if actor.has(OrgRole::ProgramLeader) {
            home.attention = Some(trajectories::store::needing_attention(&mut c, org, today, ATTENTION_SHOWN).await?);
        }
        if takes_part {
            home.intakes = trajectories::store::intakes_to_answer(&mut c, me).await?;
            home.votes = trajectories::store::votes_open(&mut c, me, today.add_days(VOTE_DAYS_AHEAD)).await?;
            // decisions (issue 17)
            home.decisions = crate::decisions::home::for_home(&mut c, me, today, self.now()).await?;
        }
        if in_a_team {
            home.sessions = trajectories::store::upcoming_sessions(&mut c, me, today, SESSIONS_SHOWN).await?;
            let teams = organisations::store::teams_of_person(&mut c, me).await?;
            home.teams = with_roles(teams, &actor.team_roles);
            // meetings (issue 17)
            home.verwonder = crate::improvement::home::for_home(&mut c, me, self.now()).await?;
            home.meetings = meetings::store::of_attendee(&mut c, me, today, today.add_days(MEETING_DAYS_AHEAD)).await?;
            home.chair_feedback = meetings::store::feedback_to_give(&mut c, me).await?;
        }
        if holds(&[TeamRole::TeamLeader, TeamRole::MedicalManager]) {
            home.led_teams = trajectories::store::led_teams(&mut c, me, today).await?;
            // decisions: their review date has come
            home.decision_reviews = crate::decisions::store::reviews_due_of_leader(&mut c, me, today).await?;
        }
        if holds(&[TeamRole::Trainer]) {
            home.trained = trajectories::store::trained(&mut c, me, today).await?;
        }
        // Whoever may start a cycle may lead one (reflection's `leads`).
        if holds(&[TeamRole::TeamLeader, TeamRole::MedicalManager, TeamRole::Opleider]) {
            home.cycles = reflection::store::progress_of_led(&mut c, me, today).await?;
        }
        home.portfolio = self.portfolio_home(&mut c, actor).await?; // portfolio
        home.pulse = crate::pulse::home::for_home(&mut c, actor, today).await?; // pulse
        Ok(home)
    }
}
