//! Actions: what a team agreed to do, with one kartrekker; its cards, updates
//! and history, and the inputs of its forms.

use crate::dates::Date;
use crate::error::FieldError;

crate::codes! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Status {
        Open = "open",
        InProgress = "in_progress",
        Done = "done",
        Dropped = "dropped",
    }
}

impl Status {
    pub fn parse(s: &str) -> Result<Status, FieldError> {
        Status::from_code(s).ok_or(FieldError { field: "status", key: "error-status-unknown" })
    }
    /// Still to be done: reminders and "my actions" concern these only.
    pub fn is_active(self) -> bool {
        matches!(self, Status::Open | Status::InProgress)
    }
}

crate::codes! {
    /// Where an action was agreed.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum OriginKind {
        /// Added directly to the register.
        Register = "register",
        MirrorSession = "mirror_session",
        Evaluation = "evaluation",
        ReflectionPlan = "reflection_plan",
        Verwonderpunt = "verwonderpunt",
        Decision = "decision",
        Meeting = "meeting",
        /// An agreement from the resident's conversation with her opleider on her profile plan (portfolio).
        ProfilePlan = "profile_plan",
        /// After a round of the team's workload pulse.
        Pulse = "pulse",
    }
}

/// The origin with the id of the thing it came from (a trajectory, a
/// meeting, ...), to link back to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    pub kind: OriginKind,
    pub id: Option<i64>,
}

impl Origin {
    pub const REGISTER: Origin = Origin { kind: OriginKind::Register, id: None };
    /// The page the action was agreed on, where one exists.
    pub fn link(&self, team_id: i64) -> Option<String> {
        match (self.kind, self.id) {
            (OriginKind::MirrorSession | OriginKind::Evaluation, Some(id)) => {
                Some(format!("/teams/{team_id}/trajectory/{id}"))
            }
            (OriginKind::Verwonderpunt, Some(id)) => Some(format!("/verwonderpunten/{id}")),
            (OriginKind::Decision, Some(id)) => Some(format!("/decisions/{id}")),
            (OriginKind::Pulse, Some(id)) => Some(format!("/pulse/rounds/{id}")),
            _ => None,
        }
    }
}

/// An action's fields as a form sends them, checked on construction.
#[derive(Clone, Debug, Default)]
pub struct ActionInput<'a> {
    pub title: &'a str,
    pub goal: &'a str,
    /// The person id, as the form sends it.
    pub kartrekker: &'a str,
    pub due_date: &'a str,
    pub evaluation_date: &'a str,
}

pub(crate) struct CheckedInput {
    pub title: String,
    pub goal: String,
    pub kartrekker: Option<i64>,
    pub due_date: Option<Date>,
    pub evaluation_date: Option<Date>,
}

/// Trimmed text of at most `max` characters; empty is `required_key`'s error.
pub(crate) fn text(
    raw: &str,
    field: &'static str,
    max: usize,
    required_key: &'static str,
) -> Result<String, FieldError> {
    let t = optional_text(raw, field, max)?;
    if t.is_empty() { Err(FieldError { field, key: required_key }) } else { Ok(t) }
}

/// Trimmed text of at most `max` characters, which may be empty.
pub(crate) fn optional_text(raw: &str, field: &'static str, max: usize) -> Result<String, FieldError> {
    let t = raw.trim();
    if t.chars().count() > max { Err(FieldError { field, key: "error-text-too-long" }) } else { Ok(t.to_string()) }
}

impl ActionInput<'_> {
    /// Every field's problem at once; membership of the kartrekker is
    /// checked against the team by the service.
    pub(crate) fn check(&self, checks: &mut crate::Checks) -> Option<CheckedInput> {
        let title = checks.check(title_text(self.title));
        let goal = checks.check(goal_text(self.goal));
        let kartrekker = self.kartrekker.trim().parse::<i64>().ok();
        if kartrekker.is_none() {
            checks.push("kartrekker", "error-kartrekker-required");
        }
        let due_date = checks.check(Date::parse_optional(self.due_date, "due_date"));
        let evaluation_date = checks.check(Date::parse_optional(self.evaluation_date, "evaluation_date"));
        Some(CheckedInput {
            title: title?,
            goal: goal?,
            kartrekker,
            due_date: due_date?,
            evaluation_date: evaluation_date?,
        })
    }
}

/// An action's title: what is agreed, in a line.
pub(crate) fn title_text(raw: &str) -> Result<String, FieldError> {
    text(raw, "title", 200, "error-title-required")
}

pub(crate) fn goal_text(raw: &str) -> Result<String, FieldError> {
    text(raw, "goal", 2000, "error-goal-required")
}

/// A dated progress update, by anyone in the team.
pub fn update_text(raw: &str) -> Result<String, FieldError> {
    text(raw, "text", 4000, "error-update-required")
}

/// The result of an action, written when it is evaluated.
pub fn result_text(raw: &str) -> Result<String, FieldError> {
    let t = raw.trim();
    if t.chars().count() > 4000 {
        Err(FieldError { field: "result", key: "error-text-too-long" })
    } else {
        Ok(t.to_string())
    }
}

#[derive(Clone, Debug)]
pub struct Action {
    pub id: i64,
    pub org_id: i64,
    pub team_id: i64,
    pub team: String,
    pub title: String,
    pub goal: String,
    pub kartrekker_id: i64,
    pub kartrekker: String,
    /// The kartrekker can no longer log in: the action needs a new one.
    pub kartrekker_deactivated: bool,
    pub status: Status,
    pub due_date: Option<Date>,
    pub evaluation_date: Option<Date>,
    pub result: String,
    pub origin: Origin,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Action {
    pub fn is_overdue(&self, today: Date) -> bool {
        overdue(self.status, self.due_date, today)
    }
    pub fn card(&self) -> ActionCard {
        ActionCard {
            id: self.id,
            team_id: self.team_id,
            team: self.team.clone(),
            title: self.title.clone(),
            kartrekker: self.kartrekker.clone(),
            kartrekker_deactivated: self.kartrekker_deactivated,
            status: self.status,
            due_date: self.due_date,
            origin: self.origin.kind,
        }
    }
}

fn overdue(status: Status, due_date: Option<Date>, today: Date) -> bool {
    status.is_active() && due_date.is_some_and(|d| d < today)
}

/// What a card on the board, or a line in a list, shows of an action. Lists
/// read only these columns: a board has dozens of cards, and goal and result
/// are long texts it does not show.
#[derive(Clone, Debug)]
pub struct ActionCard {
    pub id: i64,
    pub team_id: i64,
    pub team: String,
    pub title: String,
    pub kartrekker: String,
    pub kartrekker_deactivated: bool,
    pub status: Status,
    pub due_date: Option<Date>,
    pub origin: OriginKind,
}

impl ActionCard {
    pub fn is_overdue(&self, today: Date) -> bool {
        overdue(self.status, self.due_date, today)
    }
}

#[derive(Clone, Debug, Default)]
pub struct ActionFilter {
    pub status: Option<Status>,
    pub origin: Option<OriginKind>,
    pub kartrekker: Option<i64>,
    /// Done and dropped actions changed before this moment (unix ms) are left out.
    pub finished_since: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct Change {
    pub at: i64,
    pub who: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Clone, Debug)]
pub struct Update {
    pub at: i64,
    pub author: String,
    pub text: String,
}
