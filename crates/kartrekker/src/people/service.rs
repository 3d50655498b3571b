//! Rules for managing the people of an organisation.

use super::model::{Email, Person, PersonName, Profession};
use super::store::{self, NewPerson};
use crate::audit::{AuditAction, Entry};
use crate::auth::{Actor, TokenPurpose};
use crate::db::{Conn, is_unique_violation};
use crate::jobs::Job;
use crate::mail::messages;
use crate::organisations::service::{admin_org, with_roles};
use crate::organisations::{OrgRole, Team, TeamRole, store as orgs};
use crate::{Checks, Error, Kartrekker, Result};

/// What an administrator sees of one person.
#[derive(Clone, Debug)]
pub struct PersonDetail {
    pub person: Person,
    pub org_roles: Vec<OrgRole>,
    pub teams: Vec<(Team, Vec<TeamRole>)>,
}

fn roles_from_codes(codes: &[String]) -> Result<Vec<OrgRole>> {
    let mut roles = Vec::new();
    for c in codes {
        roles.push(OrgRole::from_code(c).ok_or(Error::invalid("org_roles", "error-role-unknown"))?);
    }
    roles.sort();
    roles.dedup();
    Ok(roles)
}

impl Kartrekker {
    pub async fn people(&self, actor: &Actor) -> Result<Vec<Person>> {
        let org = admin_org(actor)?;
        Ok(store::of_org(&mut self.conn().await?, org).await?)
    }

    /// Adds a person to the administrator's organisation and invites them by e-mail.
    pub async fn create_person(
        &self,
        actor: &Actor,
        name: &str,
        email: &str,
        profession: &str,
        org_roles: &[String],
    ) -> Result<i64> {
        let org = admin_org(actor)?;
        let mut checks = Checks::default();
        let name = checks.check(PersonName::parse(name));
        let email = checks.check(Email::parse(email));
        let profession = checks.check(Profession::parse(profession));
        let roles = roles_from_codes(org_roles);
        if roles.is_err() {
            checks.push("org_roles", "error-role-unknown");
        }
        checks.finish()?;
        let (name, email, profession, roles) = (name.unwrap(), email.unwrap(), profession.unwrap(), roles?);
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let new = NewPerson {
            org_id: Some(org),
            email: email.as_str(),
            name: name.as_str(),
            profession,
            is_instance_admin: false,
        };
        // Only a person of this organisation with the address is "taken": an
        // address used elsewhere is linked to its account, and the answer is
        // the same as for a new one (docs/decisions/0015-accounts.md).
        let id = store::insert(&mut tx, &new, now).await.map_err(|e| {
            if is_unique_violation(&e) { Error::invalid("email", "error-email-taken") } else { Error::Db(e) }
        })?;
        orgs::set_org_roles(&mut tx, id, &roles).await?;
        self.welcome(&mut tx, id).await?;
        self.audit(&mut tx, Entry::by(actor, AuditAction::CreatePerson, format!("person:{id}")).about(id)).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn person_detail(&self, actor: &Actor, id: i64) -> Result<PersonDetail> {
        let org = admin_org(actor)?;
        let mut c = self.conn().await?;
        let person = store::in_org(&mut c, org, id).await?.ok_or(Error::NotFound)?;
        let org_roles = orgs::org_roles(&mut c, id).await?;
        let (_, roles) = orgs::roles_of_person(&mut c, id).await?;
        let teams = with_roles(orgs::teams_of_person(&mut c, id).await?, &roles);
        self.audit(&mut c, Entry::by(actor, AuditAction::ViewPerson, format!("person:{id}")).about(id)).await?;
        Ok(PersonDetail { person, org_roles, teams })
    }

    /// Changes name, profession and organisation roles. An organisation keeps
    /// at least one administrator.
    pub async fn update_person(
        &self,
        actor: &Actor,
        id: i64,
        name: &str,
        profession: &str,
        org_roles: &[String],
    ) -> Result<()> {
        let org = admin_org(actor)?;
        let mut checks = Checks::default();
        let name = checks.check(PersonName::parse(name));
        let profession = checks.check(Profession::parse(profession));
        let roles = roles_from_codes(org_roles);
        if roles.is_err() {
            checks.push("org_roles", "error-role-unknown");
        }
        let mut tx = self.db.begin().await?;
        store::in_org(&mut tx, org, id).await?.ok_or(Error::NotFound)?;
        checks.finish()?;
        let roles = roles?;
        store::update(&mut tx, id, name.unwrap().as_str(), profession.unwrap()).await?;
        orgs::set_org_roles(&mut tx, id, &roles).await?;
        if orgs::count_admins(&mut tx, org).await? == 0 {
            return Err(Error::invalid("org_roles", "error-last-admin"));
        }
        self.audit(&mut tx, Entry::by(actor, AuditAction::UpdatePerson, format!("person:{id}")).about(id)).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn resend_invitation(&self, actor: &Actor, id: i64) -> Result<()> {
        let org = admin_org(actor)?;
        let mut c = self.conn().await?;
        let p = store::in_org(&mut c, org, id).await?.ok_or(Error::NotFound)?;
        if p.active || p.deactivated {
            return Err(Error::Refused("error-already-active"));
        }
        self.welcome(&mut c, id).await?;
        Ok(())
    }

    /// Tells a person new to the organisation: an invitation to choose a
    /// password, or, when their account has one already (from another
    /// organisation), that they were added, with a log-in link.
    pub(crate) async fn welcome(&self, c: &mut Conn, person_id: i64) -> Result<()> {
        let person = store::by_id(c, person_id).await?.ok_or(Error::NotFound)?;
        let job = if store::account_has_password(c, person.account_id).await? {
            Job::AddedToOrganisation { person_id }
        } else {
            Job::SendLink { person_id, purpose: TokenPurpose::Invitation }
        };
        self.enqueue(c, &job, None).await?;
        Ok(())
    }

    /// Job handler: the e-mail for `Job::AddedToOrganisation`.
    pub(crate) async fn send_added(&self, person_id: i64) -> Result<()> {
        let mut c = self.conn().await?;
        let Some(person) = store::by_id(&mut c, person_id).await?.filter(|p| !p.deactivated) else {
            return Ok(()); // deactivated or erased in the meantime: nothing to send
        };
        let Some(org) = person.org_id else { return Ok(()) };
        let org = orgs::organisation(&mut c, org).await?.map(|o| o.name).unwrap_or_default();
        drop(c);
        let lang = person.language.unwrap_or(self.config.default_language);
        let email = messages::added_to_organisation(lang, &person.email, &person.name, &org, &self.link("/login"));
        self.send_mail("added_to_organisation", &email).await
    }

    /// An instance administrator, from the command line: no organisation,
    /// and a link to choose a password. Returns the person's id and the link.
    pub async fn add_instance_admin(&self, name: &str, email: &str) -> Result<(i64, String)> {
        let mut checks = Checks::default();
        let name = checks.check(PersonName::parse(name));
        let email = checks.check(Email::parse(email));
        checks.finish()?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (name, email) = (name.unwrap(), email.unwrap());
        let new = NewPerson {
            org_id: None,
            email: email.as_str(),
            name: name.as_str(),
            profession: Profession::Other,
            is_instance_admin: true,
        };
        let id = store::insert(&mut tx, &new, now).await.map_err(|e| {
            if is_unique_violation(&e) { Error::invalid("email", "error-email-taken") } else { Error::Db(e) }
        })?;
        let secret = crate::auth::token::new_secret();
        let purpose = TokenPurpose::Invitation;
        crate::auth::store::insert_token(
            &mut tx,
            &crate::auth::token::digest(&secret),
            id,
            purpose,
            now,
            now + purpose.valid_ms(),
        )
        .await?;
        tx.commit().await?;
        Ok((id, self.link(&format!("{}/{secret}", purpose.path()))))
    }
}
