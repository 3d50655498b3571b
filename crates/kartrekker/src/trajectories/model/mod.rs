//! The trajectory's types: the trajectory, its sessions, themes, answers and
//! observations; phases, questions, observation categories and the inputs of
//! its forms, each checked on construction; and the .ics file of a session.

mod calendar;

pub use calendar::{CalendarEvent, calendar, calendar_of, ics_escape};

use crate::dates::Date;
use crate::db::{Decode, Encode, Kind, Value};
use crate::error::FieldError;

crate::codes! {
    /// The five steps in order, then the periodic re-evaluations.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Phase {
        Intake = "intake",
        Observation = "observation",
        MirrorSession = "mirror_session",
        Work = "work",
        Evaluation = "evaluation",
        /// After the first evaluation: re-evaluations that schedule themselves.
        ReEvaluation = "re_evaluation",
    }
}

impl Phase {
    /// 1 to 6, the step's number.
    pub fn number(self) -> usize {
        Phase::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }
    /// The phase a plain "go on" leads to. The evaluation goes on by being
    /// completed (with its results), so it has none here.
    pub fn next(self) -> Option<Phase> {
        match self {
            Phase::Intake => Some(Phase::Observation),
            Phase::Observation => Some(Phase::MirrorSession),
            Phase::MirrorSession => Some(Phase::Work),
            Phase::Work => Some(Phase::Evaluation),
            Phase::Evaluation | Phase::ReEvaluation => None,
        }
    }
    /// An evaluation (the first or a later one) is what the team works on.
    pub fn is_evaluating(self) -> bool {
        matches!(self, Phase::Evaluation | Phase::ReEvaluation)
    }
}

crate::codes! {
    /// The two open questions of the Miniteam questionnaire.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Question {
        /// What do you run into in your daily work?
        Daily = "daily",
        /// What are you proud of in your work?
        Proud = "proud",
    }
}

crate::codes! {
    /// What an observation is about.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum ObservationCategory {
        /// The work itself.
        Work = "work",
        /// A problem the team runs into.
        Problem = "problem",
        /// The interaction between leader and staff.
        Interaction = "interaction",
    }
}

impl ObservationCategory {
    pub fn parse(s: &str) -> Result<ObservationCategory, FieldError> {
        ObservationCategory::from_code(s.trim())
            .ok_or(FieldError { field: "category", key: "error-trajectory-category-choose" })
    }
}

crate::codes! {
    /// The three sessions with the team; evaluations repeat.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum SessionKind {
        Intake = "intake",
        MirrorSession = "mirror_session",
        Evaluation = "evaluation",
    }
}

/// A session lasts at most two hours.
pub const MAX_SESSION_MINUTES: i64 = 120;
/// Work on the agreements for four to six weeks; six unless the team says otherwise.
pub const DEFAULT_WORK_WEEKS: i64 = 6;
pub const ADVISED_WORK_WEEKS: std::ops::RangeInclusive<i64> = 4..=6;
/// Re-evaluate every half year unless the team says otherwise.
pub const DEFAULT_INTERVAL_MONTHS: i64 = 6;

fn number(raw: &str, field: &'static str, key: &'static str) -> Result<i64, FieldError> {
    raw.trim().parse::<i64>().map_err(|_| FieldError { field, key })
}

/// The planned length of a session in minutes: 1 to 120.
pub fn session_minutes(raw: &str) -> Result<i64, FieldError> {
    let n = number(raw, "minutes", "error-trajectory-minutes-invalid")?;
    if n > MAX_SESSION_MINUTES {
        Err(FieldError { field: "minutes", key: "error-trajectory-session-too-long" })
    } else if n < 1 {
        Err(FieldError { field: "minutes", key: "error-trajectory-minutes-invalid" })
    } else {
        Ok(n)
    }
}

/// Weeks of work on the agreements: 1 to 26. Outside 4–6 is allowed, with a
/// warning ([`weeks_advised`]).
pub fn work_weeks(raw: &str) -> Result<i64, FieldError> {
    let n = number(raw, "weeks", "error-trajectory-weeks-invalid")?;
    if (1..=26).contains(&n) {
        Ok(n)
    } else {
        Err(FieldError { field: "weeks", key: "error-trajectory-weeks-invalid" })
    }
}

pub fn weeks_advised(weeks: i64) -> bool {
    ADVISED_WORK_WEEKS.contains(&weeks)
}

/// Months until the next re-evaluation: 1 to 24.
pub fn interval_months(raw: &str) -> Result<i64, FieldError> {
    let n = number(raw, "months", "error-trajectory-months-invalid")?;
    if (1..=24).contains(&n) {
        Ok(n)
    } else {
        Err(FieldError { field: "months", key: "error-trajectory-months-invalid" })
    }
}

/// A time of day, "HH:MM", as minutes after midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct StartTime(i64);

impl StartTime {
    /// Reads "9:30", "09:30" or "09.30"; an empty field is no time.
    pub fn parse_optional(raw: &str) -> Result<Option<StartTime>, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Ok(None);
        }
        let err = FieldError { field: "start_time", key: "error-trajectory-time-invalid" };
        let (h, m) = s.split_once([':', '.']).ok_or(err.clone())?;
        let ok = |p: &str| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit());
        if !ok(h) || !ok(m) || m.len() != 2 {
            return Err(err);
        }
        let (h, m): (i64, i64) = (h.parse().unwrap_or(99), m.parse().unwrap_or(99));
        if h > 23 || m > 59 {
            return Err(err);
        }
        Ok(Some(StartTime(h * 60 + m)))
    }
    pub fn minutes(self) -> i64 {
        self.0
    }
}

impl std::fmt::Display for StartTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Decode for StartTime {
    fn decode(v: &Value) -> Result<Self, String> {
        match v {
            Value::Text(s) => StartTime::parse_optional(s).ok().flatten().ok_or_else(|| format!("not a time: {s:?}")),
            other => Err(format!("expected a time, found {other:?}")),
        }
    }
}

impl Encode for StartTime {
    const KIND: Kind = Kind::Text;
    fn encode(self) -> Value {
        Value::Text(self.to_string())
    }
}

/// Trimmed text of at most `max` characters; empty is an error when `required` is given.
pub(crate) fn text(
    raw: &str,
    field: &'static str,
    max: usize,
    required: Option<&'static str>,
) -> Result<String, FieldError> {
    let t = raw.trim().replace("\r\n", "\n");
    if t.is_empty()
        && let Some(key) = required
    {
        Err(FieldError { field, key })
    } else if t.chars().count() > max {
        Err(FieldError { field, key: "error-trajectory-text-too-long" })
    } else {
        Ok(t)
    }
}

/// A theme's title: one line, 1 to 120 characters.
pub fn theme_title(raw: &str) -> Result<String, FieldError> {
    let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        Err(FieldError { field: "title", key: "error-trajectory-theme-required" })
    } else if t.chars().count() > 120 {
        Err(FieldError { field: "title", key: "error-trajectory-text-too-long" })
    } else {
        Ok(t)
    }
}

/// A session's planning as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct SessionInput<'a> {
    pub date: &'a str,
    pub start_time: &'a str,
    pub minutes: &'a str,
    pub agenda: &'a str,
    pub location: &'a str,
}

pub(crate) struct CheckedSession {
    pub date: Option<Date>,
    pub start_time: Option<StartTime>,
    pub minutes: i64,
    pub agenda: String,
    pub location: String,
}

impl SessionInput<'_> {
    pub(crate) fn check(&self, checks: &mut crate::Checks) -> Option<CheckedSession> {
        let date = checks.check(Date::parse_optional(self.date, "date"));
        let start_time = checks.check(StartTime::parse_optional(self.start_time));
        let minutes = checks.check(session_minutes(self.minutes));
        let agenda = checks.check(text(self.agenda, "agenda", 4000, None));
        let location = checks.check(text(self.location, "location", 200, None));
        Some(CheckedSession {
            date: date?,
            start_time: start_time?,
            minutes: minutes?,
            agenda: agenda?,
            location: location?,
        })
    }
}

#[derive(Clone, Debug)]
pub struct Trajectory {
    pub id: i64,
    pub org_id: i64,
    pub team_id: i64,
    pub team: String,
    pub trainer_id: i64,
    pub trainer: String,
    pub phase: Phase,
    pub anonymous: bool,
    pub work_weeks: i64,
    pub interval_months: i64,
    /// The day the team started working on the agreements.
    pub work_started_on: Option<Date>,
    pub created_at: i64,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub id: i64,
    pub trajectory_id: i64,
    pub kind: SessionKind,
    /// Evaluations: 0 the first, 1, 2, ... the re-evaluations.
    pub seq: i64,
    pub date: Option<Date>,
    pub start_time: Option<StartTime>,
    pub minutes: i64,
    pub agenda: String,
    pub location: String,
    pub results: String,
    pub next_steps: String,
    pub completed_at: Option<i64>,
    /// The day a completed evaluation was held; `date` keeps the planned one.
    pub held_on: Option<Date>,
    /// Person ids of those who were there.
    pub attendees: Vec<i64>,
}

#[derive(Clone, Debug)]
pub struct Theme {
    pub id: i64,
    pub title: String,
    /// The team's reflection on it in the mirror session.
    pub reflection: String,
}

/// An intake answer; never with who gave it.

#[derive(Clone, Debug)]
pub struct Answer {
    pub id: i64,
    pub question: Question,
    pub text: String,
    pub theme_id: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct Observation {
    pub id: i64,
    pub observed_on: Date,
    pub category: ObservationCategory,
    pub text: String,
    pub theme_id: Option<i64>,
    pub author: String,
}

/// A step the trainer went back to, and why: the step's history.
#[derive(Clone, Debug)]
pub struct Reopening {
    /// The step left.
    pub from: Phase,
    /// The step opened again.
    pub to: Phase,
    pub reason: String,
    pub who: String,
    pub at: i64,
}

impl Phase {
    /// The step a trainer can reopen from this one. An evaluation that was
    /// completed stays done, so re-evaluations have none.
    pub fn previous(self) -> Option<Phase> {
        match self {
            Phase::Intake | Phase::ReEvaluation => None,
            Phase::Observation => Some(Phase::Intake),
            Phase::MirrorSession => Some(Phase::Observation),
            Phase::Work => Some(Phase::MirrorSession),
            Phase::Evaluation => Some(Phase::Work),
        }
    }
}

/// Why a step is reopened: required, it goes into the step's history.
pub fn reopen_reason(raw: &str) -> Result<String, FieldError> {
    text(raw, "reason", 1000, Some("error-trajectory-reopen-reason-required"))
}

crate::codes! {
    /// What the author or the trainer can change or delete afterwards.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Item {
        Observation = "observation",
        Answer = "answer",
        Theme = "theme",
        /// An agreement of the mirror session or an evaluation: an action in the register.
        Agreement = "agreement",
    }
}

/// One team on the program leader's overview.

#[derive(Clone, Debug)]
pub struct OverviewRow {
    pub team_id: i64,
    pub team: String,
    pub department: String,
    pub trajectory_id: Option<i64>,
    pub phase: Option<Phase>,
    pub trainer: Option<String>,
    /// Open and in-progress actions of the team.
    pub open: i64,
    /// Of those, the ones past their due date.
    pub overdue: i64,
    pub last_evaluation: Option<Date>,
    pub next_evaluation: Option<Date>,
}

crate::codes! {
    /// Columns the overview sorts on; descending when `desc`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
    pub enum OverviewSort {
        #[default]
        Team = "team",
        Phase = "phase",
        Open = "open",
        Overdue = "overdue",
        LastEvaluation = "last_evaluation",
        NextEvaluation = "next_evaluation",
    }
}

#[derive(Clone, Debug, Default)]
pub struct OverviewFilter {
    /// A phase code, or "none" for teams without a trajectory; empty for all.
    pub phase: String,
    /// Part of the team's name; empty for all.
    pub team: String,
    pub sort: OverviewSort,
    pub desc: bool,
    pub limit: i64,
    pub offset: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_go_in_order_and_read_back() {
        let mut p = Phase::Intake;
        let mut seen = vec![p];
        while let Some(n) = p.next() {
            seen.push(n);
            p = n;
        }
        assert_eq!(seen, &Phase::ALL[..5]);
        for p in Phase::ALL {
            assert_eq!(Phase::from_code(p.code()), Some(p));
        }
        assert_eq!(Phase::from_code("work_on_it"), None);
        assert_eq!(Phase::MirrorSession.number(), 3);
        for p in &Phase::ALL[1..5] {
            assert_eq!(p.previous().and_then(Phase::next), Some(*p), "{p:?} reopens the step before it");
        }
        assert_eq!((Phase::Intake.previous(), Phase::ReEvaluation.previous()), (None, None));
    }

    #[test]
    fn sessions_last_at_most_two_hours() {
        assert_eq!(session_minutes("120"), Ok(120));
        assert_eq!(session_minutes(" 90 "), Ok(90));
        assert_eq!(session_minutes("121").unwrap_err().key, "error-trajectory-session-too-long");
        assert_eq!(session_minutes("0").unwrap_err().key, "error-trajectory-minutes-invalid");
        assert_eq!(session_minutes("twee uur").unwrap_err().key, "error-trajectory-minutes-invalid");
    }

    #[test]
    fn weeks_outside_four_to_six_are_allowed_with_a_warning() {
        assert_eq!(work_weeks("8"), Ok(8));
        assert!(!weeks_advised(8) && weeks_advised(4) && weeks_advised(6));
        assert!(work_weeks("0").is_err() && work_weeks("zes").is_err() && work_weeks("27").is_err());
        assert_eq!(interval_months("6"), Ok(6));
        assert!(interval_months("0").is_err());
    }

    #[test]
    fn times_read_the_dutch_way() {
        assert_eq!(StartTime::parse_optional("9:30").unwrap().unwrap().to_string(), "09:30");
        assert_eq!(StartTime::parse_optional("14.00").unwrap().unwrap().to_string(), "14:00");
        assert_eq!(StartTime::parse_optional(" ").unwrap(), None);
        for bad in ["24:00", "9", "9:5", "nu", "12:60"] {
            assert!(StartTime::parse_optional(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn categories_and_questions_are_known() {
        assert_eq!(ObservationCategory::parse("interaction"), Ok(ObservationCategory::Interaction));
        assert!(ObservationCategory::parse("opinion").is_err());
        assert_eq!(Question::from_code("proud"), Some(Question::Proud));
    }
}
