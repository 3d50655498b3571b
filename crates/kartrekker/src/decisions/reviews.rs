//! Evaluate: when a decision's review date comes, the team's leaders hear of
//! it once (the notice kind `decision_review_due`, checked again at send
//! time) and find it on their home page until a leader reviews it (the
//! decision stands, with what the review showed and perhaps a next review
//! date) or revises it.

use super::model::review_input;
use super::service::decided_for_leader;
use super::store;
use crate::Kartrekker;
use crate::Result;
use crate::db::Conn;
use crate::notifications::Event;
use crate::organisations::{Member, TeamRole, store as orgs};

/// A review date this many days past still gets its reminder (a worker that
/// was down catches up), never older: the jobs table forgets finished jobs.
pub const REVIEW_CATCH_UP_DAYS: i64 = 7;

/// Whether a member leads the team's decisions (team leader or medical manager).
pub(crate) fn leads_team(m: &Member) -> bool {
    m.roles.contains(&TeamRole::TeamLeader) || m.roles.contains(&TeamRole::MedicalManager)
}

impl Kartrekker {
    /// Queues the review reminders of today (and of the last days, once
    /// each): one per decision, review date and leader.
    pub(crate) async fn schedule_decision_reviews(&self, c: &mut Conn) -> Result<usize> {
        let today = self.today();
        let mut queued = 0;
        for (decision_id, team_id, date) in
            store::reviews_due_between(c, today.add_days(-REVIEW_CATCH_UP_DAYS), today).await?
        {
            let event = Event::DecisionReviewDue { decision_id, review_date: date.to_string() };
            let key = format!("{decision_id}:{date}");
            for m in orgs::members(c, team_id).await?.iter().filter(|m| leads_team(m)) {
                queued += self.notify(c, m.person_id, event.clone(), &key).await? as usize;
            }
        }
        Ok(queued)
    }

    /// A leader reviews the decision: it stands. What the review showed is
    /// kept with the history; the review date moves on to `next_review`
    /// (none: no further review).
    pub async fn review_decision(
        &self,
        actor: &crate::auth::Actor,
        id: i64,
        note: &str,
        next_review: &str,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let d = decided_for_leader(&mut tx, actor, id).await?;
        let (note, next) = review_input(note, next_review, self.today())?;
        store::insert_review(&mut tx, &d, actor.id(), &note, next, self.now()).await?;
        tx.commit().await?;
        Ok(())
    }
}
