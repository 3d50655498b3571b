//! Organisations, departments, teams and the roles people hold in them.

use crate::error::FieldError;

/// The name of an organisation, department or team.
pub type UnitName = crate::text::Name;

/// Roles over a whole organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OrgRole {
    ProgramLeader,
    Hr,
    Admin,
}

impl OrgRole {
    pub const ALL: [OrgRole; 3] = [OrgRole::ProgramLeader, OrgRole::Hr, OrgRole::Admin];
    pub fn code(self) -> &'static str {
        match self {
            OrgRole::ProgramLeader => "program_leader",
            OrgRole::Hr => "hr",
            OrgRole::Admin => "admin",
        }
    }
    pub fn from_code(s: &str) -> Option<OrgRole> {
        OrgRole::ALL.into_iter().find(|r| r.code() == s)
    }
}

/// Roles inside one team; a person can hold several, in several teams.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TeamRole {
    Member,
    TeamLeader,
    MedicalManager,
    Trainer,
    Opleider,
}

impl TeamRole {
    pub const ALL: [TeamRole; 5] =
        [TeamRole::Member, TeamRole::TeamLeader, TeamRole::MedicalManager, TeamRole::Trainer, TeamRole::Opleider];
    pub fn code(self) -> &'static str {
        match self {
            TeamRole::Member => "member",
            TeamRole::TeamLeader => "team_leader",
            TeamRole::MedicalManager => "medical_manager",
            TeamRole::Trainer => "trainer",
            TeamRole::Opleider => "opleider",
        }
    }
    pub fn from_code(s: &str) -> Option<TeamRole> {
        TeamRole::ALL.into_iter().find(|r| r.code() == s)
    }
    /// Our codes and the Dutch and English words an HR export may use.
    pub fn parse(raw: &str) -> Result<TeamRole, FieldError> {
        let s = raw.trim().to_lowercase().replace(['-', ' '], "_");
        let r = match s.as_str() {
            "member" | "lid" | "teamlid" | "medewerker" => TeamRole::Member,
            "team_leader" | "teamleider" | "leidinggevende" => TeamRole::TeamLeader,
            "medical_manager" | "medisch_manager" => TeamRole::MedicalManager,
            "trainer" => TeamRole::Trainer,
            "opleider" | "supervisor" => TeamRole::Opleider,
            _ => return Err(FieldError { field: "role", key: "error-role-unknown" }),
        };
        Ok(r)
    }
}
