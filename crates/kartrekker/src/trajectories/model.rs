//! The trajectory's types: phases, questions, observation categories and the
//! inputs of its forms, each checked on construction; and the .ics file of a
//! session.

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

/// What an .ics file needs of a session.
pub struct CalendarEvent<'a> {
    /// Unique and stable for the session, e.g. `trajectory-session-12@kartrekker.example`.
    pub uid: &'a str,
    pub date: Date,
    pub start: Option<StartTime>,
    pub minutes: i64,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    /// Now, in unix milliseconds.
    pub stamp_ms: i64,
}

/// Text in an iCalendar value: backslash, semicolon, comma and new lines escaped.
pub fn ics_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545 3.1), never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn utc_stamp(ms: i64) -> String {
    let day = Date::from_ymd(1970, 1, 1).map(|d| d.add_days(ms.div_euclid(86_400_000)));
    let day = day.unwrap_or_else(|| Date::today_nl(ms));
    let secs = ms.rem_euclid(86_400_000) / 1000;
    let (y, m, d) = day.ymd();
    format!("{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// One event as an iCalendar file (RFC 5545), CRLF line endings. With a
/// start time the event runs from there for its minutes (in UTC); without,
/// it takes the whole day.
pub fn calendar(e: &CalendarEvent<'_>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Kartrekker//Trajectory//NL".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", e.uid),
        format!("DTSTAMP:{}", utc_stamp(e.stamp_ms)),
    ];
    match e.start {
        Some(t) => {
            // Dutch local time to UTC; the offset of that moment decides CET or CEST.
            let local = e.date.start_ms_utc() + t.minutes() * 60_000;
            let start = local - Date::nl_offset_ms(local - 3_600_000);
            lines.push(format!("DTSTART:{}", utc_stamp(start)));
            lines.push(format!("DTEND:{}", utc_stamp(start + e.minutes * 60_000)));
        }
        None => {
            let ymd = |d: Date| d.to_string().replace('-', "");
            lines.push(format!("DTSTART;VALUE=DATE:{}", ymd(e.date)));
            lines.push(format!("DTEND;VALUE=DATE:{}", ymd(e.date.add_days(1))));
        }
    }
    lines.push(format!("SUMMARY:{}", ics_escape(e.summary)));
    if !e.description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", ics_escape(e.description)));
    }
    if !e.location.is_empty() {
        lines.push(format!("LOCATION:{}", ics_escape(e.location)));
    }
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
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

    #[test]
    fn calendar_files_follow_rfc_5545() {
        let date = Date::parse("2026-11-24", "d").unwrap();
        let e = CalendarEvent {
            uid: "trajectory-session-7@example.org",
            date,
            start: StartTime::parse_optional("09:30").unwrap(),
            minutes: 120,
            summary: "Spiegelsessie, Interne B3",
            description: "Welkom; themes\nafspraken",
            location: "",
            stamp_ms: date.start_ms_utc() + 3_600_000,
        };
        let ics = calendar(&e);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "only CRLF line endings");
        // 09:30 in November is CET, one hour ahead of UTC.
        assert!(ics.contains("\r\nDTSTART:20261124T083000Z\r\nDTEND:20261124T103000Z\r\n"), "{ics}");
        assert!(ics.contains("DTSTAMP:20261124T010000Z"));
        assert!(ics.contains("SUMMARY:Spiegelsessie\\, Interne B3\r\n"));
        assert!(ics.contains("DESCRIPTION:Welkom\\; themes\\nafspraken\r\n"));
        // Summer time is two hours ahead.
        let summer = CalendarEvent { date: Date::parse("2026-07-01", "d").unwrap(), ..e };
        assert!(calendar(&summer).contains("DTSTART:20260701T073000Z"));
        let all_day = CalendarEvent { start: None, ..summer };
        assert!(calendar(&all_day).contains("DTSTART;VALUE=DATE:20260701\r\nDTEND;VALUE=DATE:20260702\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let long = "é".repeat(100);
        let folded = fold(&format!("DESCRIPTION:{long}"));
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), format!("DESCRIPTION:{long}"));
    }
}
