//! Calendar dates (due dates, evaluation dates, session dates) and "today"
//! in the Netherlands. Stored as TEXT `YYYY-MM-DD`, which sorts and compares
//! correctly on both databases.

use std::fmt;

use crate::error::FieldError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i64, // since 1970-01-01
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + if m <= 2 { 1 } else { 0 }, m, d)
}

impl Date {
    pub fn from_ymd(y: i64, m: i64, d: i64) -> Option<Date> {
        if !(1..=12).contains(&m) || !(1900..=2999).contains(&y) || d < 1 {
            return None;
        }
        let date = Date { days: days_from_civil(y, m, d) };
        (date.ymd() == (y, m, d)).then_some(date)
    }
    /// Reads `YYYY-MM-DD` (what `<input type="date">` sends) or `D-M-YYYY`
    /// (how Dutch people type a date).
    pub fn parse(raw: &str, field: &'static str) -> Result<Date, FieldError> {
        let err = FieldError { field, key: "error-date-invalid" };
        let s = raw.trim();
        // Every stored date on a page comes through here: no allocation.
        let number = |p: &str| {
            let digits = !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit());
            digits.then(|| p.parse::<i64>().ok()).flatten().map(|n| (n, p.len()))
        };
        let mut parts = s.split(['-', '/', '.']).map(number);
        let (Some(Some(a)), Some(Some(b)), Some(Some(c)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(err);
        };
        let (y, m, d) = if a.1 == 4 { (a.0, b.0, c.0) } else { (c.0, b.0, a.0) };
        Date::from_ymd(y, m, d).ok_or(err)
    }
    /// An empty field is no date; anything else must be one.
    pub fn parse_optional(raw: &str, field: &'static str) -> Result<Option<Date>, FieldError> {
        if raw.trim().is_empty() { Ok(None) } else { Date::parse(raw, field).map(Some) }
    }
    pub fn ymd(self) -> (i64, i64, i64) {
        civil_from_days(self.days)
    }
    pub fn add_days(self, n: i64) -> Date {
        Date { days: self.days + n }
    }
    pub fn days_until(self, other: Date) -> i64 {
        other.days - self.days
    }
    /// The same day `n` months later, or the month's last day if it has no such day.
    pub fn add_months(self, n: i64) -> Date {
        let (y, m, d) = self.ymd();
        let total = y * 12 + (m - 1) + n;
        let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
        (0..4).find_map(|back| Date::from_ymd(ny, nm, d - back)).unwrap_or(self)
    }
    /// Midnight at the start of this day, UTC, in unix milliseconds.
    pub fn start_ms_utc(self) -> i64 {
        self.days * 86_400_000
    }
    /// How far Dutch time is ahead of UTC at `now_ms`: one hour (CET), or
    /// two from the last Sunday of March to the last Sunday of October (CEST).
    pub fn nl_offset_ms(now_ms: i64) -> i64 {
        let (y, _, _) = civil_from_days(now_ms.div_euclid(86_400_000));
        let last_sunday = |month: i64| {
            let last = days_from_civil(y, month, 31);
            last - (last + 4).rem_euclid(7) // 1970-01-01 was a Thursday
        };
        let summer_start = last_sunday(3) * 86_400_000 + 3_600_000;
        let summer_end = last_sunday(10) * 86_400_000 + 3_600_000;
        if (summer_start..summer_end).contains(&now_ms) { 2 * 3_600_000 } else { 3_600_000 }
    }
    /// Today in the Netherlands.
    pub fn today_nl(now_ms: i64) -> Date {
        Date { days: (now_ms + Date::nl_offset_ms(now_ms)).div_euclid(86_400_000) }
    }
    /// The hour of the day in the Netherlands, 0–23.
    pub fn hour_nl(now_ms: i64) -> i64 {
        (now_ms + Date::nl_offset_ms(now_ms)).rem_euclid(86_400_000) / 3_600_000
    }
    /// The hour and minute in the Netherlands.
    pub fn time_nl(now_ms: i64) -> (i64, i64) {
        let minutes = (now_ms + Date::nl_offset_ms(now_ms)).rem_euclid(86_400_000) / 60_000;
        (minutes / 60, minutes % 60)
    }
    /// "24-11-2026 09:05": a moment as Dutch people read it, in Dutch time.
    pub fn moment_nl(now_ms: i64) -> String {
        let (h, m) = Date::time_nl(now_ms);
        format!("{} {h:02}:{m:02}", Date::today_nl(now_ms).dutch())
    }
    /// "24-11-2026", the way dates are written in the Netherlands. Digit by
    /// digit, not through the formatter: every card on a board shows one.
    pub fn dutch(self) -> String {
        let (y, m, d) = self.ymd();
        if !(0..=9999).contains(&y) {
            return format!("{d:02}-{m:02}-{y:04}");
        }
        let digit = |n: i64| char::from(b'0' + n as u8);
        [d / 10, d % 10, -1, m / 10, m % 10, -1, y / 1000, y / 100 % 10, y / 10 % 10, y % 10]
            .into_iter()
            .map(|n| if n < 0 { '-' } else { digit(n) })
            .collect()
    }
    /// ISO weekday, 1 = Monday.
    pub fn weekday(self) -> i64 {
        (self.days + 3).rem_euclid(7) + 1
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`, as stored and as `<input type="date">` wants it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl std::str::FromStr for Date {
    type Err = FieldError;
    fn from_str(s: &str) -> Result<Date, FieldError> {
        Date::parse(s, "date")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_both_ways_and_refuse_nonsense() {
        assert_eq!(Date::parse("2026-11-24", "d").unwrap().to_string(), "2026-11-24");
        assert_eq!(Date::parse("24-11-2026", "d").unwrap().to_string(), "2026-11-24");
        assert_eq!(Date::parse("1/2/2027", "d").unwrap().to_string(), "2027-02-01");
        for bad in ["", "2026-02-30", "2026-13-01", "morgen", "2026-11", "24-11-26x", "2026-11-24-1", "-11-2026"] {
            assert!(Date::parse(bad, "d").is_err(), "{bad:?}");
        }
        assert_eq!(Date::parse_optional("  ", "d").unwrap(), None);
    }

    #[test]
    fn arithmetic() {
        let d = Date::parse("2026-01-31", "d").unwrap();
        assert_eq!(d.add_months(1).to_string(), "2026-02-28");
        assert_eq!(d.add_months(6).to_string(), "2026-07-31");
        assert_eq!(d.add_days(1).to_string(), "2026-02-01");
        assert_eq!(d.days_until(d.add_days(42)), 42);
        assert_eq!(Date::parse("2026-11-24", "d").unwrap().weekday(), 2, "a Tuesday");
    }

    #[test]
    fn dates_read_as_dutch_people_write_them() {
        for (iso, dutch) in [("2026-11-24", "24-11-2026"), ("2000-02-29", "29-02-2000")] {
            assert_eq!(Date::parse(iso, "d").unwrap().dutch(), dutch);
        }
        // Written digit by digit, as the formatter would: years of one to five digits.
        let base = Date::parse("2026-01-31", "d").unwrap();
        for days in (-800_000..3_000_000).step_by(997) {
            let date = base.add_days(days);
            let (y, m, d) = date.ymd();
            assert_eq!(date.dutch(), format!("{d:02}-{m:02}-{y:04}"));
        }
    }

    #[test]
    fn today_is_dutch() {
        // 2026-11-24 23:30 UTC is already the 25th in Amsterdam (CET, +1).
        let ms = Date::parse("2026-11-24", "d").unwrap().start_ms_utc() + 23 * 3_600_000 + 30 * 60_000;
        assert_eq!(Date::today_nl(ms).to_string(), "2026-11-25");
        // 2026-07-01 22:30 UTC is the 2nd in summer time (CEST, +2).
        let ms = Date::parse("2026-07-01", "d").unwrap().start_ms_utc() + 22 * 3_600_000 + 30 * 60_000;
        assert_eq!(Date::today_nl(ms).to_string(), "2026-07-02");
        let ms = Date::parse("2026-07-01", "d").unwrap().start_ms_utc() + 21 * 3_600_000;
        assert_eq!(Date::today_nl(ms).to_string(), "2026-07-01");
        assert_eq!(Date::hour_nl(ms), 23);
    }
}
