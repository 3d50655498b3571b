//! The background work there is, and a job as the worker claims it.

use serde::{Deserialize, Serialize};

use crate::auth::TokenPurpose;
use crate::notifications::Event;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Job {
    /// Creates a fresh single-use link and e-mails it.
    SendLink { person_id: i64, purpose: TokenPurpose },
    /// Tells a person their password was changed (whoever did it).
    PasswordChanged { person_id: i64 },
    /// Tells someone who can log in already that they were added to one more organisation.
    AddedToOrganisation { person_id: i64 },
    /// Tells one person of an event, as they chose for its kind.
    Notify { person_id: i64, event: Event },
    /// Sends a person's daily digest.
    Digest { person_id: i64 },
    /// Reminds the trainer and the team's leaders of a coming (re-)evaluation.
    ReEvaluationReminder { trajectory_id: i64, date: String, person_id: i64 },
    /// Reminds a participant (or their buddy) of the action plan's follow-up.
    PlanFollowUp { cycle_id: i64, person_id: i64, date: String, receiver: i64 },
    /// Purges what the retention periods no longer keep.
    Retention {},
    /// portfolio: e-mails a feedback giver a fresh single-use link (or the one reminder).
    PortfolioFeedbackLink { feedback_id: i64, reminder: bool },
    /// pulse: opens a team's round of `opens_on` (once, however many workers).
    PulseRound { team_id: i64, opens_on: String },
}

crate::codes! {
    /// A job's kind, stored beside its payload for the log and the admin.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum JobKind {
        SendLink = "send_link",
        PasswordChanged = "password_changed",
        AddedToOrganisation = "added_to_organisation",
        Notify = "notify",
        Digest = "digest",
        ReEvaluationReminder = "re_evaluation_reminder",
        PlanFollowUp = "plan_follow_up",
        Retention = "retention",
        PortfolioFeedbackLink = "portfolio_feedback_link",
        PulseRound = "pulse_round",
    }
}

impl Job {
    pub fn kind(&self) -> JobKind {
        match self {
            Job::SendLink { .. } => JobKind::SendLink,
            Job::PasswordChanged { .. } => JobKind::PasswordChanged,
            Job::AddedToOrganisation { .. } => JobKind::AddedToOrganisation,
            Job::Notify { .. } => JobKind::Notify,
            Job::Digest { .. } => JobKind::Digest,
            Job::ReEvaluationReminder { .. } => JobKind::ReEvaluationReminder,
            Job::PlanFollowUp { .. } => JobKind::PlanFollowUp,
            Job::Retention {} => JobKind::Retention,
            Job::PortfolioFeedbackLink { .. } => JobKind::PortfolioFeedbackLink,
            Job::PulseRound { .. } => JobKind::PulseRound,
        }
    }
}

/// A job the worker holds the lease of.
#[derive(Clone, Debug)]
pub struct ClaimedJob {
    pub id: i64,
    pub kind: JobKind,
    pub payload: String,
    pub attempts: i64,
    pub max_attempts: i64,
}
