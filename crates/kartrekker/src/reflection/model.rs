//! The reflection cycle "calling & comradeship": its steps, their minutes,
//! and accreditation points.

use crate::dates::Date;
use crate::error::FieldError;

crate::codes! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Step {
        SelfEvaluation = "self_evaluation",
        Preparation = "preparation",
        Conversation = "conversation",
        ActionPlan = "action_plan",
    }
}

impl Step {
    /// The minutes the program sets for the step (seed 003).
    pub fn minutes(self) -> i64 {
        match self {
            Step::SelfEvaluation => 30,
            Step::Preparation => 45,
            Step::Conversation => 180,
            Step::ActionPlan => 30,
        }
    }
}

/// The group conversation's agenda: (Fluent key, minutes).
pub const CONVERSATION_PARTS: [(&str, i64); 3] =
    [("conversation-part-explain", 30), ("conversation-part-consensus", 60), ("conversation-part-feedback", 90)];

/// Accreditation: 60 minutes is one point, rounded down to quarter points.
pub fn points(minutes: i64) -> f64 {
    (minutes.max(0) / 15) as f64 / 4.0
}

/// Minutes as a leader corrects them: a whole number from 0 to 600.
pub fn parse_minutes(raw: &str, field: &'static str) -> Result<i64, FieldError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|m| (0..=600).contains(m))
        .ok_or(FieldError { field, key: "error-minutes-invalid" })
}

/// A cycle's threshold as a form sends it: at least the organisation's
/// minimum group size (`floor`), which a cycle may raise, never lower.
pub fn parse_min_raters(raw: &str, floor: i64) -> Result<i64, FieldError> {
    let err = FieldError { field: "min_raters", key: "error-min-raters" };
    let n = raw.trim().parse::<i64>().map_err(|_| err.clone())?;
    if (floor..=floor.max(20)).contains(&n) { Ok(n) } else { Err(err) }
}

/// The dates of a cycle's four steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub self_evaluation: Date,
    pub preparation: Date,
    pub conversation: Date,
    pub action_plan: Date,
}

impl Schedule {
    pub fn parse(dates: [&str; 4], checks: &mut crate::Checks) -> Option<Schedule> {
        let fields = ["self_date", "preparation_date", "conversation_date", "plan_date"];
        let parsed: Vec<Option<Date>> =
            dates.iter().zip(fields).map(|(d, f)| checks.check(Date::parse(d, f))).collect();
        let [Some(a), Some(b), Some(c), Some(d)] = parsed[..] else { return None };
        let s = Schedule { self_evaluation: a, preparation: b, conversation: c, action_plan: d };
        if !(a <= b && b <= c && c <= d) {
            checks.push("preparation_date", "error-steps-out-of-order");
            return None;
        }
        Some(s)
    }
    pub fn date(&self, step: Step) -> Date {
        match step {
            Step::SelfEvaluation => self.self_evaluation,
            Step::Preparation => self.preparation,
            Step::Conversation => self.conversation,
            Step::ActionPlan => self.action_plan,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Cycle {
    pub id: i64,
    pub org_id: i64,
    pub team_id: i64,
    pub leader_id: Option<i64>,
    pub title: String,
    pub instrument_id: i64,
    pub colleague_instrument_id: i64,
    pub min_raters: i64,
    pub schedule: Schedule,
    pub feedback_closed_at: Option<i64>,
    pub group_notes: String,
}

/// What a participant wrote for the cycle's steps.
#[derive(Clone, Debug, Default)]
pub struct Notes {
    pub preparation_notes: String,
    pub topics: String,
    pub intended_actions: String,
    pub personal_meaning: String,
    pub safeguarding: String,
    pub buddy_id: Option<i64>,
    pub follow_up_date: Option<Date>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_cycle_is_four_and_three_quarter_points() {
        let total: i64 = Step::ALL.iter().map(|s| s.minutes()).sum();
        assert_eq!(total, 285);
        assert_eq!(points(total), 4.75);
        assert_eq!(points(59), 0.75);
        assert_eq!(points(14), 0.0);
        assert_eq!(CONVERSATION_PARTS.iter().map(|p| p.1).sum::<i64>(), Step::Conversation.minutes());
    }

    #[test]
    fn the_threshold_is_never_below_three() {
        assert!(parse_min_raters("2", 3).is_err());
        assert_eq!(parse_min_raters("3", 3), Ok(3));
        assert!(parse_min_raters("4", 5).is_err(), "never below the organisation's minimum");
        assert_eq!(parse_min_raters(" 5 ", 5), Ok(5));
        assert!(parse_min_raters("drie", 3).is_err());
    }
}
