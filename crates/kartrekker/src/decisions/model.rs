//! A Fair Process decision record (KNMG card "Fair Process Leadership"):
//! the five steps, the contributions, options and revisions, and the form
//! inputs, checked on construction.

use crate::actions::model::text;
use crate::dates::Date;
use crate::error::FieldError;
use crate::{Checks, Error, Result};

/// The five steps of the card, in their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Engage,
    Explore,
    Decide,
    Execute,
    Evaluate,
}

impl Step {
    pub const ALL: [Step; 5] = [Step::Engage, Step::Explore, Step::Decide, Step::Execute, Step::Evaluate];
    pub fn code(self) -> &'static str {
        match self {
            Step::Engage => "engage",
            Step::Explore => "explore",
            Step::Decide => "decide",
            Step::Execute => "execute",
            Step::Evaluate => "evaluate",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Decision {
    pub id: i64,
    pub org_id: i64,
    pub team_id: i64,
    pub title: String,
    pub problem: String,
    /// The last day members give their input on the problem analysis.
    pub input_deadline: Date,
    pub started_by: i64,
    pub starter: String,
    pub choice: String,
    pub reasons: String,
    /// What the decision means for whom.
    pub consequences: String,
    /// What is expected of whom.
    pub expectations: String,
    pub review_date: Option<Date>,
    pub decider: Option<String>,
    pub decided_at: Option<i64>,
    pub created_at: i64,
}

impl Decision {
    pub fn decided(&self) -> bool {
        self.decided_at.is_some()
    }
    /// Members may still give or change their input.
    pub fn input_open(&self, today: Date) -> bool {
        !self.decided() && today <= self.input_deadline
    }
    /// Where the record stands: the first step not yet done.
    pub fn step(&self, today: Date, options: usize, actions: usize) -> Step {
        match (self.decided(), self.input_open(today)) {
            (false, true) => Step::Engage,
            (false, false) if options == 0 => Step::Explore,
            (false, false) => Step::Decide,
            (true, _) if actions == 0 => Step::Execute,
            (true, _) => Step::Evaluate,
        }
    }
}

/// A line in a team's list of decisions.
#[derive(Clone, Debug)]
pub struct DecisionLine {
    pub id: i64,
    pub title: String,
    pub input_deadline: Date,
    pub decided_at: Option<i64>,
    pub review_date: Option<Date>,
}

/// A member's own contribution to the problem analysis: ieders inbreng telt.
#[derive(Clone, Debug)]
pub struct Contribution {
    pub person_id: i64,
    pub name: String,
    pub text: String,
    pub updated_at: i64,
}

#[derive(Clone, Debug)]
pub struct DecisionOption {
    pub id: i64,
    pub title: String,
    pub pros: String,
    pub cons: String,
    pub interests: String,
}

#[derive(Clone, Debug)]
pub struct Revision {
    pub at: i64,
    pub who: String,
    pub reason: String,
    pub old_choice: String,
    pub new_choice: String,
}

/// A review of the decision when its review date came: it stands, with what
/// the review showed and perhaps the next review date.
#[derive(Clone, Debug)]
pub struct Review {
    pub at: i64,
    pub who: String,
    /// The review date that was due (none when reviewed without one).
    pub due_on: Option<Date>,
    pub note: String,
    pub next_review: Option<Date>,
}

/// The meeting a decision record came from.
#[derive(Clone, Debug)]
pub struct FromMeeting {
    pub id: i64,
    pub title: String,
    pub held_on: Date,
}

/// What the team leader writes to start a decision record.
#[derive(Clone, Debug, Default)]
pub struct DecisionInput<'a> {
    pub title: &'a str,
    pub problem: &'a str,
    pub input_deadline: &'a str,
}

pub(crate) struct CheckedDecision {
    pub title: String,
    pub problem: String,
    pub input_deadline: Date,
}

impl DecisionInput<'_> {
    pub(crate) fn check(&self, today: Date) -> Result<CheckedDecision> {
        let mut checks = Checks::default();
        let title = checks.check(text(self.title, "title", 200, "error-decision-title-required"));
        let problem = checks.check(text(self.problem, "problem", 4000, "error-decision-problem-required"));
        let deadline = checks.check(required_date(self.input_deadline, "input_deadline"));
        if deadline.is_some_and(|d| d < today) {
            checks.push("input_deadline", "error-date-in-past");
        }
        checks.finish()?;
        match (title, problem, deadline) {
            (Some(title), Some(problem), Some(input_deadline)) => {
                Ok(CheckedDecision { title, problem, input_deadline })
            }
            _ => Err(Error::Internal("checked decision missing".into())),
        }
    }
}

fn required_date(raw: &str, field: &'static str) -> std::result::Result<Date, FieldError> {
    match Date::parse_optional(raw, field)? {
        Some(d) => Ok(d),
        None => Err(FieldError { field, key: "error-decision-date-required" }),
    }
}

/// A member's contribution to the problem analysis.
pub(crate) fn contribution_text(raw: &str) -> std::result::Result<String, FieldError> {
    text(raw, "contribution", 4000, "error-decision-contribution-required")
}

/// An option the team explores.
#[derive(Clone, Debug, Default)]
pub struct OptionInput<'a> {
    pub title: &'a str,
    pub pros: &'a str,
    pub cons: &'a str,
    pub interests: &'a str,
}

impl OptionInput<'_> {
    pub(crate) fn check(&self) -> Result<[String; 4]> {
        let mut checks = Checks::default();
        let title = checks.check(text(self.title, "option_title", 200, "error-decision-option-required"));
        let pros = checks.check(text(self.pros, "pros", 2000, "error-decision-pros-required"));
        let cons = checks.check(text(self.cons, "cons", 2000, "error-decision-cons-required"));
        let interests = checks.check(text(self.interests, "interests", 2000, "error-decision-interests-required"));
        checks.finish()?;
        match (title, pros, cons, interests) {
            (Some(t), Some(p), Some(c), Some(i)) => Ok([t, p, c, i]),
            _ => Err(Error::Internal("checked option missing".into())),
        }
    }
}

/// The leader's choice, or a revision of it (which also needs a reason).
#[derive(Clone, Debug, Default)]
pub struct ChoiceInput<'a> {
    pub choice: &'a str,
    pub reasons: &'a str,
    pub consequences: &'a str,
    pub expectations: &'a str,
    pub review_date: &'a str,
}

pub(crate) struct CheckedChoice {
    pub choice: String,
    pub reasons: String,
    pub consequences: String,
    pub expectations: String,
    pub review_date: Date,
}

impl ChoiceInput<'_> {
    pub(crate) fn check(&self, checks: &mut Checks, today: Date) -> Option<CheckedChoice> {
        let choice = checks.check(text(self.choice, "choice", 2000, "error-decision-choice-required"));
        let reasons = checks.check(text(self.reasons, "reasons", 4000, "error-decision-reasons-required"));
        let consequences =
            checks.check(text(self.consequences, "consequences", 4000, "error-decision-consequences-required"));
        let expectations =
            checks.check(text(self.expectations, "expectations", 4000, "error-decision-expectations-required"));
        let review_date = checks.check(required_date(self.review_date, "review_date"));
        if review_date.is_some_and(|d| d < today) {
            checks.push("review_date", "error-date-in-past");
        }
        Some(CheckedChoice {
            choice: choice?,
            reasons: reasons?,
            consequences: consequences?,
            expectations: expectations?,
            review_date: review_date?,
        })
    }
}

/// Why a decision is revised: new information.
pub(crate) fn revision_reason(raw: &str) -> std::result::Result<String, FieldError> {
    text(raw, "reason", 2000, "error-decision-reason-required")
}

/// A review: what it showed (required) and the next review date, if any,
/// after today.
pub(crate) fn review_input(note: &str, next_review: &str, today: Date) -> Result<(String, Option<Date>)> {
    let mut checks = Checks::default();
    let note = checks.check(text(note, "note", 2000, "error-decision-review-note-required"));
    let next = checks.check(Date::parse_optional(next_review, "next_review"));
    if next.flatten().is_some_and(|d| d <= today) {
        checks.push("next_review", "error-decision-next-review-future");
    }
    checks.finish()?;
    match (note, next) {
        (Some(note), Some(next)) => Ok((note, next)),
        _ => Err(Error::Internal("checked review missing".into())),
    }
}

/// One answer to "did the process feel fair?": 1 (not at all) to 5 (fully).
pub(crate) fn fairness_score(raw: &str) -> std::result::Result<i64, FieldError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or(FieldError { field: "score", key: "error-decision-score" })
}

pub(crate) fn fairness_comment(raw: &str) -> std::result::Result<String, FieldError> {
    let t = raw.trim();
    if t.chars().count() > 2000 {
        Err(FieldError { field: "comment", key: "error-text-too-long" })
    } else {
        Ok(t.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_is_one_to_five() {
        assert!(fairness_score("0").is_err() && fairness_score("6").is_err() && fairness_score("goed").is_err());
        assert_eq!(fairness_score(" 4 "), Ok(4));
    }

    #[test]
    fn a_review_needs_a_note_and_a_next_date_after_today() {
        let today = Date::from_ymd(2026, 12, 3).unwrap();
        assert_eq!(review_input(" Werkt goed ", "", today).unwrap(), ("Werkt goed".to_string(), None));
        assert_eq!(review_input("x", "2026-12-04", today).unwrap().1, Date::from_ymd(2026, 12, 4));
        assert!(review_input("", "", today).is_err());
        assert!(review_input("x", "2026-12-03", today).is_err());
        assert!(review_input("x", "morgen", today).is_err());
    }

    #[test]
    fn the_step_follows_what_happened() {
        let today = Date::from_ymd(2026, 12, 3).unwrap();
        let mut d = Decision {
            id: 1,
            org_id: 1,
            team_id: 1,
            title: "t".into(),
            problem: "p".into(),
            input_deadline: today,
            started_by: 1,
            starter: "s".into(),
            choice: String::new(),
            reasons: String::new(),
            consequences: String::new(),
            expectations: String::new(),
            review_date: None,
            decider: None,
            decided_at: None,
            created_at: 0,
        };
        assert_eq!(d.step(today, 2, 0), Step::Engage);
        d.input_deadline = today.add_days(-1);
        assert_eq!(d.step(today, 0, 0), Step::Explore);
        assert_eq!(d.step(today, 2, 0), Step::Decide);
        d.decided_at = Some(1);
        assert_eq!(d.step(today, 2, 0), Step::Execute);
        assert_eq!(d.step(today, 2, 1), Step::Evaluate);
    }
}
