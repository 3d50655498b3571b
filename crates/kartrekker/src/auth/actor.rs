//! Who is asking, with every role they hold. Services decide with it.

use std::net::IpAddr;

use crate::organisations::{OrgRole, TeamRole};
use crate::people::Person;

#[derive(Clone, Debug)]
pub struct Actor {
    pub person: Person,
    /// The name of the person's organisation; none for an instance admin.
    pub organisation: Option<String>,
    pub org_roles: Vec<OrgRole>,
    /// (team id, role) for every role in every team.
    pub team_roles: Vec<(i64, TeamRole)>,
    /// Where this request came from, for the audit trail; the web layer sets it.
    pub address: Option<IpAddr>,
    /// How many organisations the person's account belongs to: more than one
    /// offers the organisation switcher.
    pub memberships: i64,
    /// The account has two-step log-in (a confirmed TOTP secret, decision 0027).
    pub two_step: bool,
    /// The organisation whose OpenID Connect provider made this session
    /// (decision 0030); none for a password, an API token or a job.
    pub sso_org: Option<i64>,
}

impl Actor {
    pub fn id(&self) -> i64 {
        self.person.id
    }
    pub fn org_id(&self) -> Option<i64> {
        self.person.org_id
    }
    pub fn has(&self, role: OrgRole) -> bool {
        self.org_roles.contains(&role)
    }
    pub fn is_org_admin(&self) -> bool {
        self.has(OrgRole::Admin)
    }
    pub fn is_instance_admin(&self) -> bool {
        self.person.is_instance_admin
    }
    pub fn in_team(&self, team_id: i64) -> bool {
        self.team_roles.iter().any(|(t, _)| *t == team_id)
    }
    pub fn has_team_role(&self, team_id: i64, role: TeamRole) -> bool {
        self.team_roles.contains(&(team_id, role))
    }
    /// Holds a role in the team that takes part in its work (not only trainer).
    pub fn takes_part_in(&self, team_id: i64) -> bool {
        self.team_roles.iter().any(|(t, r)| *t == team_id && crate::organisations::model::takes_part(&[*r]))
    }
    /// The organisation an org-level rule applies to, when the actor holds `role` there.
    pub fn org_with(&self, role: OrgRole) -> Option<i64> {
        if self.has(role) { self.org_id() } else { None }
    }
}
