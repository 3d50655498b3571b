//! Organisations, departments, teams and the roles people hold in them.

use crate::error::FieldError;

/// The name of an organisation, department or team.
pub type UnitName = crate::text::Name;

crate::codes! {
    /// Roles over a whole organisation.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
    pub enum OrgRole {
        ProgramLeader = "program_leader",
        Hr = "hr",
        Admin = "admin",
        /// The board (raad van bestuur): business cases of team models (workforce).
        Board = "board",
    }
}

crate::codes! {
    /// Roles inside one team; a person can hold several, in several teams.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
    pub enum TeamRole {
        Member = "member",
        TeamLeader = "team_leader",
        MedicalManager = "medical_manager",
        Trainer = "trainer",
        Opleider = "opleider",
        Resident = "resident",
    }
}

/// The words an HR export uses for each team role, in Dutch or English.
const TEAM_ROLE_WORDS: crate::codes::Words<TeamRole> = &[
    (TeamRole::Member, &["lid", "teamlid", "medewerker"]),
    (TeamRole::TeamLeader, &["teamleider", "leidinggevende"]),
    (TeamRole::MedicalManager, &["medisch_manager"]),
    (TeamRole::Opleider, &["supervisor"]),
    (TeamRole::Resident, &["aios", "arts_in_opleiding"]),
];

impl TeamRole {
    /// Our codes and the Dutch and English words an HR export may use.
    pub fn parse(raw: &str) -> Result<TeamRole, FieldError> {
        crate::codes::read_word(raw, TeamRole::from_code, TEAM_ROLE_WORDS)
            .ok_or(FieldError { field: "role", key: "error-role-unknown" })
    }

    /// Every word `parse` takes for this role, its code first.
    pub fn words(self) -> Vec<&'static str> {
        crate::codes::words_of(self, self.code(), TEAM_ROLE_WORDS)
    }
}

#[derive(Clone, Debug)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct Department {
    pub id: i64,
    pub org_id: i64,
    pub name: String,
    pub team_count: i64,
}

#[derive(Clone, Debug)]
pub struct Team {
    pub id: i64,
    pub org_id: i64,
    pub department_id: i64,
    pub department: String,
    pub name: String,
}

/// A person in a team, with every role they hold there.
#[derive(Clone, Debug)]
pub struct Member {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    pub roles: Vec<TeamRole>,
    /// Deactivated: listed for the administrator only.
    pub inactive: bool,
}

impl Member {
    /// Takes part in the team's work: answers the intake, votes, pulls an
    /// action. A trainer comes from outside and does not, unless they also
    /// hold another role in the team.
    pub fn takes_part(&self) -> bool {
        takes_part(&self.roles)
    }
}

/// Whether team roles make someone take part (see [`Member::takes_part`]).
pub fn takes_part(roles: &[TeamRole]) -> bool {
    roles.iter().any(|r| *r != TeamRole::Trainer)
}
