//! What the audit trail records: a coded action of a kind, who did it and
//! from which address, what it was about and whose personal data that is.

use std::net::IpAddr;

use crate::auth::Actor;
use crate::dates::Date;

crate::codes! {
    /// The kinds the administrator's page filters on.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum AuditKind {
        /// A read of another person's personal data.
        Read = "read",
        /// A download: CSV, the audit trail, a personal data export.
        Export = "export",
        /// An administrative change or an edit of recorded work.
        Change = "change",
        /// Log-in, failed log-in, lock-out, a password set through a link.
        SignIn = "sign_in",
        /// A request refused by a permission check or a CSRF check.
        Refused = "refused",
    }
}

crate::codes! {
    /// Every action the trail knows; the codes of older entries are kept.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum AuditAction {
        Login = "login",
        LoginFailed = "login_failed",
        LockedOut = "locked_out",
        AcceptInvitation = "invitation",
        ResetPassword = "password_reset",
        PasswordChanged = "password_changed",
        SessionEnded = "session_ended",
        SessionsEnded = "sessions_ended",
        LoginRefusedDeactivated = "login_refused_deactivated",
        ViewPerson = "view_person",
        ViewBuddyPlan = "view_buddy_plan",
        ViewIntakeAnswer = "view_intake_answer",
        ExportActions = "export_actions",
        ExportAccreditation = "export_accreditation",
        ExportAuditLog = "export_audit_log",
        ExportPersonalData = "export_personal_data",
        CreateOrganisation = "create_organisation",
        UpdateSettings = "update_settings",
        CreateDepartment = "create_department",
        RenameDepartment = "rename_department",
        CreateTeam = "create_team",
        UpdateTeam = "update_team",
        AddMember = "add_member",
        RemoveMember = "remove_member",
        CreatePerson = "create_person",
        UpdatePerson = "update_person",
        DeactivatePerson = "deactivate_person",
        DeactivatePersonImport = "deactivate_person_import",
        ReactivatePerson = "reactivate_person",
        ErasePerson = "erase_person",
        ImportPeople = "import_people",
        StartTrajectory = "start_trajectory",
        AdvanceTrajectory = "advance_trajectory",
        ReopenTrajectory = "reopen_trajectory",
        CompleteEvaluation = "complete_evaluation",
        EditObservation = "edit_observation",
        DeleteObservation = "delete_observation",
        EditAnswer = "edit_answer",
        DeleteAnswer = "delete_answer",
        EditTheme = "edit_theme",
        DeleteTheme = "delete_theme",
        EditAgreement = "edit_agreement",
        DeleteAgreement = "delete_agreement",
        AddReflectionParticipant = "reflection_participant_added",
        CorrectMinutes = "correct_minutes",
        AccessRefused = "access_refused",
        // portfolio
        ViewPortfolio = "view_portfolio",
        /// An administrator wrote an inspiration card's texts.
        EditCard = "edit_card",
        // accounts (issue 16)
        SwitchOrganisation = "switch_organisation",
        // meetings (issue 17)
        ChangeMeetingTemplate = "change_meeting_template",
        // two-step log-in (issue 20)
        TwoStepEnabled = "two_step_enabled",
        TwoStepDisabled = "two_step_disabled",
        RecoveryCodeUsed = "recovery_code_used",
        TwoStepRefused = "two_step_refused",
        // api (issue 20)
        CreateApiToken = "create_api_token",
        RevokeApiToken = "revoke_api_token",
        UseApi = "use_api",
        // single sign-on (issue 20)
        SsoLogin = "sso_login",
        SsoRefused = "sso_refused",
        SsoPersonCreated = "sso_person_created",
        LoginRefusedSso = "login_refused_sso",
        UpdateSso = "update_sso",
    }
}

impl AuditAction {
    pub fn kind(self) -> AuditKind {
        use AuditAction::*;
        match self {
            Login
            | LoginFailed
            | LockedOut
            | AcceptInvitation
            | ResetPassword
            | PasswordChanged
            | SessionEnded
            | SessionsEnded
            | LoginRefusedDeactivated
            | SwitchOrganisation
            | TwoStepEnabled
            | TwoStepDisabled
            | RecoveryCodeUsed
            | TwoStepRefused
            | SsoLogin
            | SsoRefused
            | SsoPersonCreated
            | LoginRefusedSso => AuditKind::SignIn,
            ViewPerson | ViewBuddyPlan | ViewIntakeAnswer | ViewPortfolio => AuditKind::Read,
            AccessRefused => AuditKind::Refused,
            ExportActions | ExportAccreditation | ExportAuditLog | ExportPersonalData => AuditKind::Export,
            _ => AuditKind::Change,
        }
    }
}

/// One entry to write. `subject` names the object ("person:7",
/// "trajectory:3/answer:12"), never its text: the trail keeps no content.
#[derive(Clone, Debug)]
pub struct Entry {
    pub org_id: Option<i64>,
    /// None before anyone is logged in (a failed log-in).
    pub actor_id: Option<i64>,
    pub address: Option<IpAddr>,
    pub action: AuditAction,
    pub subject: String,
    /// Whose personal data this is about, for "who viewed my data".
    pub subject_person_id: Option<i64>,
}

impl Entry {
    /// `actor` did `action` to `subject`, in their own organisation.
    pub fn by(actor: &Actor, action: AuditAction, subject: impl Into<String>) -> Entry {
        Entry {
            org_id: actor.org_id(),
            actor_id: Some(actor.id()),
            address: actor.address,
            action,
            subject: subject.into(),
            subject_person_id: None,
        }
    }
    /// In this organisation rather than the actor's (an instance administrator's).
    pub fn in_org(mut self, org_id: i64) -> Entry {
        self.org_id = Some(org_id);
        self
    }
    /// About this person's personal data.
    pub fn about(mut self, person_id: i64) -> Entry {
        self.subject_person_id = Some(person_id);
        self
    }
}

/// One entry as the pages show it, with the names of the people in it.
#[derive(Clone, Debug)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub action: AuditAction,
    pub subject: String,
    pub subject_person_id: Option<i64>,
    pub subject_name: Option<String>,
    pub address: Option<String>,
}

/// The administrator's filters; every one optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditFilter {
    /// Entries by this person or about them.
    pub person: Option<i64>,
    pub kind: Option<AuditKind>,
    pub from: Option<Date>,
    /// Up to and including this day.
    pub until: Option<Date>,
}

impl AuditFilter {
    /// The filters as typed into the page: a wrong value is a field error.
    pub fn parse(person: &str, kind: &str, from: &str, until: &str) -> crate::Result<AuditFilter> {
        let mut checks = crate::Checks::default();
        let person = match person.trim() {
            "" => None,
            p => checks.check(p.parse().map_err(|_| crate::FieldError { field: "person", key: "error-person-choose" })),
        };
        let kind = match kind.trim() {
            "" => None,
            k => checks
                .check(AuditKind::from_code(k).ok_or(crate::FieldError { field: "kind", key: "error-audit-kind" })),
        };
        let from = checks.check(Date::parse_optional(from, "from")).flatten();
        let until = checks.check(Date::parse_optional(until, "until")).flatten();
        if let (Some(f), Some(u)) = (from, until)
            && u < f
        {
            checks.push("until", "error-audit-until-before-from");
        }
        checks.finish()?;
        Ok(AuditFilter { person, kind, from, until })
    }
}

/// Entries shown per page.
pub const PAGE_SIZE: i64 = 50;

/// Midnight at the start of `d` in Dutch time, in unix milliseconds.
pub fn dutch_midnight(d: Date) -> i64 {
    let utc = d.start_ms_utc();
    utc - Date::nl_offset_ms(utc)
}
