//! A session as an iCalendar file (RFC 5545).

use super::StartTime;
use crate::dates::Date;

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
    calendar_of(std::slice::from_ref(e))
}

/// Several events in one iCalendar file: a person's calendar feed.
pub fn calendar_of(events: &[CalendarEvent<'_>]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Kartrekker//Trajectory//NL".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    for e in events {
        lines.extend(event(e));
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

fn event(e: &CalendarEvent<'_>) -> Vec<String> {
    let mut lines =
        vec!["BEGIN:VEVENT".to_string(), format!("UID:{}", e.uid), format!("DTSTAMP:{}", utc_stamp(e.stamp_ms))];
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
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

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
