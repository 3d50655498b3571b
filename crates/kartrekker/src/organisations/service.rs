//! Rules for organisations, departments, teams and memberships.

use super::model::{Department, Member, Organisation, Team, TeamRole, UnitName};
use super::store;
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::db::{Conn, is_unique_violation};
use crate::people::{Email, PersonName, Profession, store as people};
use crate::{Checks, Error, Kartrekker, Result};

/// The organisation an administrator manages; refuses everyone else.
pub fn admin_org(actor: &Actor) -> Result<i64> {
    match actor.org_id() {
        Some(org) if actor.is_org_admin() => Ok(org),
        _ => Err(Error::Forbidden),
    }
}

fn unique(e: crate::db::DbError, field: &'static str, key: &'static str) -> Error {
    if is_unique_violation(&e) { Error::invalid(field, key) } else { Error::Db(e) }
}

/// Each team with the person's roles in it, in order.
pub(crate) fn with_roles(teams: Vec<Team>, roles: &[(i64, TeamRole)]) -> Vec<(Team, Vec<TeamRole>)> {
    teams
        .into_iter()
        .map(|t| {
            let mut rs: Vec<TeamRole> = roles.iter().filter(|(tid, _)| *tid == t.id).map(|(_, r)| *r).collect();
            rs.sort();
            (t, rs)
        })
        .collect()
}

impl Kartrekker {
    /// Instance administrators create an organisation with its first administrator,
    /// who gets an invitation.
    pub async fn create_organisation(
        &self,
        actor: &Actor,
        name: &str,
        admin_name: &str,
        admin_email: &str,
    ) -> Result<i64> {
        if !actor.is_instance_admin() {
            return Err(Error::Forbidden);
        }
        let mut checks = Checks::default();
        let name = checks.check(UnitName::parse(name));
        let admin_name =
            checks.check(PersonName::parse(admin_name).map_err(|e| crate::FieldError { field: "admin_name", ..e }));
        let admin_email =
            checks.check(Email::parse(admin_email).map_err(|e| crate::FieldError { field: "admin_email", ..e }));
        checks.finish()?;
        let (name, admin_name, admin_email) = (name.unwrap(), admin_name.unwrap(), admin_email.unwrap());
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let org = store::insert_organisation(&mut tx, name.as_str(), now)
            .await
            .map_err(|e| unique(e, "name", "error-organisation-exists"))?;
        let person = people::NewPerson {
            org_id: Some(org),
            email: admin_email.as_str(),
            name: admin_name.as_str(),
            profession: Profession::Manager,
            is_instance_admin: false,
        };
        let pid =
            people::insert(&mut tx, &person, now).await.map_err(|e| unique(e, "admin_email", "error-email-taken"))?;
        store::set_org_roles(&mut tx, pid, &[super::OrgRole::Admin]).await?;
        self.welcome(&mut tx, pid).await?;
        self.audit(
            &mut tx,
            Entry::by(actor, AuditAction::CreateOrganisation, format!("organisation:{org}")).in_org(org),
        )
        .await?;
        tx.commit().await?;
        Ok(org)
    }

    pub async fn organisations(&self, actor: &Actor) -> Result<Vec<Organisation>> {
        if !actor.is_instance_admin() {
            return Err(Error::Forbidden);
        }
        Ok(store::organisations(&mut self.conn().await?).await?)
    }

    pub async fn departments(&self, actor: &Actor) -> Result<Vec<Department>> {
        let org = admin_org(actor)?;
        Ok(store::departments(&mut self.conn().await?, org).await?)
    }

    pub async fn create_department(&self, actor: &Actor, name: &str) -> Result<i64> {
        let org = admin_org(actor)?;
        let name = UnitName::parse(name)?;
        let mut tx = self.db.begin().await?;
        let id = store::insert_department(&mut tx, org, name.as_str())
            .await
            .map_err(|e| unique(e, "name", "error-department-exists"))?;
        self.audit(&mut tx, Entry::by(actor, AuditAction::CreateDepartment, format!("department:{id}"))).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The organisation's teams with their number of members.
    pub async fn teams(&self, actor: &Actor) -> Result<Vec<(Team, i64)>> {
        let org = admin_org(actor)?;
        Ok(store::teams(&mut self.conn().await?, org).await?)
    }

    pub async fn create_team(&self, actor: &Actor, department_id: &str, name: &str) -> Result<i64> {
        let org = admin_org(actor)?;
        let mut checks = Checks::default();
        let name = checks.check(UnitName::parse(name));
        let mut c = self.conn().await?;
        let dept = department_id.trim().parse::<i64>().ok();
        let known = store::departments(&mut c, org).await?;
        let dept = dept.filter(|d| known.iter().any(|k| k.id == *d));
        if dept.is_none() {
            checks.push("department", "error-department-choose");
        }
        checks.finish()?;
        drop(c);
        let mut tx = self.db.begin().await?;
        let id = store::insert_team(&mut tx, org, dept.unwrap(), name.unwrap().as_str())
            .await
            .map_err(|e| unique(e, "name", "error-team-exists"))?;
        self.audit(&mut tx, Entry::by(actor, AuditAction::CreateTeam, format!("team:{id}"))).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Renames a team or moves it to another department of the organisation.
    pub async fn update_team(&self, actor: &Actor, team_id: i64, department_id: &str, name: &str) -> Result<()> {
        let org = admin_org(actor)?;
        let mut tx = self.db.begin().await?;
        store::team_in_org(&mut tx, org, team_id).await?.ok_or(Error::NotFound)?;
        let mut checks = Checks::default();
        let name = checks.check(UnitName::parse(name));
        let known = store::departments(&mut tx, org).await?;
        let dept = department_id.trim().parse::<i64>().ok().filter(|d| known.iter().any(|k| k.id == *d));
        if dept.is_none() {
            checks.push("department", "error-department-choose");
        }
        checks.finish()?;
        store::update_team(
            &mut tx,
            team_id,
            dept.unwrap_or_default(),
            name.as_ref().map(UnitName::as_str).unwrap_or_default(),
        )
        .await
        .map_err(|e| unique(e, "name", "error-team-exists"))?;
        self.audit(&mut tx, Entry::by(actor, AuditAction::UpdateTeam, format!("team:{team_id}"))).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn rename_department(&self, actor: &Actor, department_id: i64, name: &str) -> Result<()> {
        let org = admin_org(actor)?;
        let name = UnitName::parse(name)?;
        let mut tx = self.db.begin().await?;
        let n = store::rename_department(&mut tx, org, department_id, name.as_str())
            .await
            .map_err(|e| unique(e, "name", "error-department-exists"))?;
        if n == 0 {
            return Err(Error::NotFound);
        }
        self.audit(&mut tx, Entry::by(actor, AuditAction::RenameDepartment, format!("department:{department_id}")))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A team and its members, for its administrator.
    pub async fn team_admin(&self, actor: &Actor, team_id: i64) -> Result<(Team, Vec<Member>)> {
        let org = admin_org(actor)?;
        let mut c = self.conn().await?;
        let team = store::team_in_org(&mut c, org, team_id).await?.ok_or(Error::NotFound)?;
        let members = store::all_members(&mut c, team_id).await?;
        Ok((team, members))
    }

    /// The teams the actor belongs to, with their roles there.
    pub async fn my_teams(&self, actor: &Actor) -> Result<Vec<(Team, Vec<TeamRole>)>> {
        let teams = store::teams_of_person(&mut self.conn().await?, actor.id()).await?;
        Ok(with_roles(teams, &actor.team_roles))
    }

    pub async fn add_member(&self, actor: &Actor, team_id: i64, person_id: &str, role: &str) -> Result<()> {
        let org = admin_org(actor)?;
        let mut c = self.conn().await?;
        store::team_in_org(&mut c, org, team_id).await?.ok_or(Error::NotFound)?;
        let mut checks = Checks::default();
        let person = match person_id.trim().parse::<i64>() {
            Ok(id) => people::in_org(&mut c, org, id).await?.filter(|p| !p.deactivated),
            Err(_) => None,
        };
        if person.is_none() {
            checks.push("person", "error-person-choose");
        }
        let role = checks
            .check(TeamRole::from_code(role).ok_or(crate::FieldError { field: "role", key: "error-role-unknown" }));
        checks.finish()?;
        let (person, role) = (person.unwrap(), role.unwrap());
        self.add_membership(&mut c, actor, (org, team_id), person.id, role).await
    }

    pub async fn remove_member(&self, actor: &Actor, team_id: i64, person_id: i64) -> Result<()> {
        let org = admin_org(actor)?;
        let mut tx = self.db.begin().await?;
        store::team_in_org(&mut tx, org, team_id).await?.ok_or(Error::NotFound)?;
        if store::remove_member(&mut tx, team_id, person_id).await? == 0 {
            return Err(Error::NotFound);
        }
        let subject = format!("team:{team_id}/person:{person_id}");
        self.audit(&mut tx, Entry::by(actor, AuditAction::RemoveMember, subject).about(person_id)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds `person_id` to the team `(org, team_id)` in `role`, in the trail.
    pub(crate) async fn add_membership(
        &self,
        c: &mut Conn,
        actor: &Actor,
        (org, team_id): (i64, i64),
        person_id: i64,
        role: TeamRole,
    ) -> Result<()> {
        store::add_member(c, team_id, person_id, role).await?;
        let subject = format!("team:{team_id}/person:{person_id}/{}", role.code());
        self.audit(c, Entry::by(actor, AuditAction::AddMember, subject).in_org(org).about(person_id)).await
    }
}
