//! A person's life in the organisation after they join: deactivated when
//! they leave (kept in history, told nothing, no log-in), reactivated when
//! they return, and erased on request (GDPR art. 17) — every step by an
//! administrator of their organisation, in one transaction each.

use super::model::Person;
use super::store::{self, lifecycle};
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::db::Conn;
use crate::notifications::Event;
use crate::organisations::import::ImportPreview;
use crate::organisations::service::admin_org;
use crate::{Error, Kartrekker, Result};

/// The organisation's active people but `actor` whose address is not in the file.
async fn missing(c: &mut Conn, actor: &Actor, org: i64, preview: &ImportPreview) -> Result<Vec<Person>> {
    let mut people = store::of_org(c, org).await?;
    people.retain(|p| !p.deactivated && p.id != actor.id() && !preview.rows.iter().any(|r| r.email == p.email));
    Ok(people)
}

/// What the erase form shows: the person and the actions someone must take over.
#[derive(Clone, Debug)]
pub struct ErasePlan {
    pub person: Person,
    /// (action id, title, team) of each open team action they pull.
    pub open_actions: Vec<(i64, String, String)>,
    /// Who may take them over: the organisation's active people but them.
    pub successors: Vec<Person>,
}

impl Kartrekker {
    /// The organisation's active people an HR file leaves out (never the
    /// administrator importing it): whom importing it may deactivate.
    pub async fn missing_from_import(&self, actor: &Actor, preview: &ImportPreview) -> Result<Vec<Person>> {
        missing(&mut self.conn().await?, actor, admin_org(actor)?, preview).await
    }

    /// Deactivates everyone `missing_from_import` names, in the import's transaction.
    pub(crate) async fn deactivate_missing(
        &self,
        tx: &mut Conn,
        actor: &Actor,
        org: i64,
        preview: &ImportPreview,
    ) -> Result<()> {
        let now = self.now();
        let gone = missing(tx, actor, org, preview).await?;
        for p in &gone {
            lifecycle::set_deactivated(tx, p.id, Some(now)).await?;
            lifecycle::end_access(tx, p.id).await?;
            let entry = Entry::by(actor, AuditAction::DeactivatePersonImport, format!("person:{}", p.id));
            self.audit(tx, entry.in_org(org).about(p.id)).await?;
        }
        Ok(())
    }

    /// The person, in the administrator's organisation; never the administrator.
    async fn other_person(&self, c: &mut Conn, actor: &Actor, id: i64) -> Result<(i64, Person)> {
        let org = admin_org(actor)?;
        let person = store::in_org(c, org, id).await?.ok_or(Error::NotFound)?;
        if person.id == actor.id() {
            return Err(Error::Refused("error-lifecycle-self"));
        }
        Ok((org, person))
    }

    /// Refuses the log-in, ends every session and voids every link at once.
    pub async fn deactivate_person(&self, actor: &Actor, id: i64) -> Result<()> {
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (org, person) = self.other_person(&mut tx, actor, id).await?;
        if !person.deactivated {
            lifecycle::set_deactivated(&mut tx, id, Some(now)).await?;
            let entry = Entry::by(actor, AuditAction::DeactivatePerson, format!("person:{id}"));
            self.audit(&mut tx, entry.in_org(org).about(id)).await?;
        }
        lifecycle::end_access(&mut tx, id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Undoes a deactivation: the person logs in with their old password
    /// (or asks for a new one) and takes part again.
    pub async fn reactivate_person(&self, actor: &Actor, id: i64) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (org, person) = self.other_person(&mut tx, actor, id).await?;
        if person.deactivated {
            lifecycle::set_deactivated(&mut tx, id, None).await?;
            let entry = Entry::by(actor, AuditAction::ReactivatePerson, format!("person:{id}"));
            self.audit(&mut tx, entry.in_org(org).about(id)).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn erase_plan(&self, actor: &Actor, id: i64) -> Result<ErasePlan> {
        let mut c = self.conn().await?;
        let (org, person) = self.other_person(&mut c, actor, id).await?;
        let open_actions = lifecycle::open_actions(&mut c, id).await?;
        let mut successors = store::of_org(&mut c, org).await?;
        successors.retain(|p| !p.deactivated && p.id != id);
        Ok(ErasePlan { person, open_actions, successors })
    }

    /// Erases a person: their name becomes a neutral label ("Oud-medewerker
    /// 3" in the installation's language, stored), their address is freed,
    /// their log-in, links, settings and personal texts are deleted, and
    /// their open actions go to `successor`, who must be an active person of
    /// the organisation when there are any. All or nothing.
    pub async fn erase_person(&self, actor: &Actor, id: i64, successor: &str, confirmed: bool) -> Result<()> {
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (org, _) = self.other_person(&mut tx, actor, id).await?;
        let open = lifecycle::open_actions(&mut tx, id).await?;
        let mut checks = crate::Checks::default();
        let successor = match successor.trim().parse::<i64>() {
            Ok(s) if s != id => store::in_org(&mut tx, org, s).await?.filter(|p| !p.deactivated),
            _ => None,
        };
        if !open.is_empty() && successor.is_none() {
            checks.push("successor", "error-erase-successor");
        }
        if !confirmed {
            checks.push("confirm", "error-erase-confirm");
        }
        checks.finish()?;
        if let Some(to) = successor.filter(|_| !open.is_empty()) {
            let old = store::by_id(&mut tx, id).await?.ok_or(Error::NotFound)?;
            for (action, _, _) in &open {
                lifecycle::hand_over(&mut tx, *action, to.id, now).await?;
                crate::actions::store::insert_history(
                    &mut tx,
                    *action,
                    actor.id(),
                    "kartrekker",
                    &old.name,
                    &to.name,
                    now,
                )
                .await?;
                self.notify(&mut tx, to.id, Event::Kartrekker { action_id: *action }, &format!("{action}:{now}"))
                    .await?;
            }
        }
        let n = lifecycle::erased_count(&mut tx, org).await? + 1;
        let label = crate::i18n::t_text(self.config.default_language, "erased-person", &[("n", &n.to_string())]);
        lifecycle::erase(&mut tx, id, org, &label, now).await?;
        self.audit(&mut tx, Entry::by(actor, AuditAction::ErasePerson, format!("person:{id}")).in_org(org).about(id))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
