//! The buddy's view of a colleague's action plan: the buddy safeguards it,
//! so they see what was planned and how it is kept up; nobody else does.

use super::store;
use crate::actions::{Action, Origin, OriginKind};
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::dates::Date;
use crate::{Error, Kartrekker, Result};

#[derive(Clone, Debug)]
pub struct BuddyPlan {
    pub cycle_id: i64,
    pub title: String,
    pub owner: String,
    pub safeguarding: String,
    pub follow_up: Option<Date>,
    /// The plan's actions, which the owner pulls.
    pub actions: Vec<Action>,
}

impl Kartrekker {
    /// A participant's plan, for its owner and the buddy they named; to
    /// anyone else it does not exist.
    pub async fn buddy_plan(&self, actor: &Actor, id: i64, owner_id: i64) -> Result<BuddyPlan> {
        let mut c = self.conn().await?;
        let (cycle, _, _) = self.cycle_access(&mut c, actor, id).await?;
        let notes = store::notes(&mut c, id, owner_id).await?;
        if actor.id() != owner_id && notes.buddy_id != Some(actor.id()) {
            return Err(Error::NotFound);
        }
        let owner = store::participants(&mut c, id).await?.into_iter().find(|(p, _)| *p == owner_id);
        let (_, owner) = owner.ok_or(Error::NotFound)?;
        let origin = Origin { kind: OriginKind::ReflectionPlan, id: Some(id) };
        let actions = crate::actions::store::of_origin(&mut c, cycle.team_id, origin).await?;
        if actor.id() != owner_id {
            let entry = Entry::by(actor, AuditAction::ViewBuddyPlan, format!("reflection:{id}/plan:{owner_id}"));
            self.audit(&mut c, entry.in_org(cycle.org_id).about(owner_id)).await?;
        }
        Ok(BuddyPlan {
            cycle_id: id,
            title: cycle.title,
            owner,
            safeguarding: notes.safeguarding,
            follow_up: notes.follow_up_date,
            actions: actions.into_iter().filter(|a| a.kartrekker_id == owner_id).collect(),
        })
    }
}
