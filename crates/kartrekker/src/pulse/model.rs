//! A team's pulse schedule and its rounds, with the rules of a period.

use crate::dates::Date;
use crate::error::FieldError;
use crate::{Checks, Result};

/// The shipped pulse instrument's id.
pub const PULSE_INSTRUMENT: &str = "werkdrukpulse";
/// The item whose highest point is "too high": the share answering it is the
/// pulse's headline, on the built-in instrument and on an organisation's own
/// that names an item so.
pub const WORKLOAD_ITEM: &str = "workload";
/// Seed 000: 41 % of the co-assistants find their workload too high — the
/// reference line beside a team's share.
pub const REFERENCE_TOO_HIGH_PERCENT: i64 = 41;
/// A round every week at the most often, every eight weeks at the least.
pub const EVERY_DAYS: std::ops::RangeInclusive<i64> = 7..=56;

/// A team's schedule: a round opens every `every_days` from `starts_on` and
/// takes answers for `open_days`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub team_id: i64,
    pub org_id: i64,
    pub instrument_id: i64,
    pub every_days: i64,
    pub open_days: i64,
    pub starts_on: Date,
}

impl Schedule {
    /// The round whose answering window holds `day`: (opens, closes).
    pub fn window_on(&self, day: Date) -> Option<(Date, Date)> {
        let since = self.starts_on.days_until(day);
        if since < 0 {
            return None;
        }
        let opens = self.starts_on.add_days(since / self.every_days * self.every_days);
        let closes = opens.add_days(self.open_days - 1);
        (day <= closes).then_some((opens, closes))
    }
}

/// A schedule as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct ScheduleInput<'a> {
    pub instrument: &'a str,
    pub every_days: &'a str,
    pub open_days: &'a str,
    pub starts_on: &'a str,
}

/// (instrument id, every, open, starts) checked; every mistake at once.
pub fn check_schedule(i: &ScheduleInput<'_>) -> Result<(i64, i64, i64, Date)> {
    let mut checks = Checks::default();
    let number = |raw: &str, field: &'static str, key: &'static str| {
        raw.trim().parse::<i64>().map_err(|_| FieldError { field, key })
    };
    let instrument = checks.check(number(i.instrument, "instrument", "pulse-error-instrument"));
    let every = checks.check(number(i.every_days, "every_days", "pulse-error-every").and_then(|n| {
        if EVERY_DAYS.contains(&n) { Ok(n) } else { Err(FieldError { field: "every_days", key: "pulse-error-every" }) }
    }));
    let open = checks.check(number(i.open_days, "open_days", "pulse-error-open").and_then(|n| {
        if n >= 1 && every.is_none_or(|e| n <= e) {
            Ok(n)
        } else {
            Err(FieldError { field: "open_days", key: "pulse-error-open" })
        }
    }));
    let starts = checks.check(Date::parse(i.starts_on, "starts_on"));
    checks.finish()?;
    match (instrument, every, open, starts) {
        (Some(i), Some(e), Some(o), Some(s)) => Ok((i, e, o, s)),
        _ => Err(crate::Error::Internal("checked schedule missing".into())),
    }
}

/// A round of a team's pulse, with its tallies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Round {
    pub id: i64,
    pub org_id: i64,
    pub team_id: i64,
    pub team: String,
    pub instrument_id: i64,
    pub opens_on: Date,
    pub closes_on: Date,
    /// How many answered.
    pub respondents: i64,
    /// How many answered the workload item, and how many of them "too high".
    pub rated: i64,
    pub too_high: i64,
}

impl Round {
    pub fn open_on(&self, day: Date) -> bool {
        self.opens_on <= day && day <= self.closes_on
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s, "d").unwrap()
    }

    #[test]
    fn a_round_opens_every_period_and_takes_answers_for_its_window() {
        let s = Schedule {
            team_id: 1,
            org_id: 1,
            instrument_id: 1,
            every_days: 14,
            open_days: 7,
            starts_on: d("2026-01-05"),
        };
        assert_eq!(s.window_on(d("2026-01-04")), None);
        assert_eq!(s.window_on(d("2026-01-05")), Some((d("2026-01-05"), d("2026-01-11"))));
        assert_eq!(s.window_on(d("2026-01-11")), Some((d("2026-01-05"), d("2026-01-11"))));
        assert_eq!(s.window_on(d("2026-01-12")), None, "between windows");
        assert_eq!(s.window_on(d("2026-01-20")), Some((d("2026-01-19"), d("2026-01-25"))));
    }

    #[test]
    fn a_schedule_is_checked_field_by_field() {
        let ok = ScheduleInput { instrument: "3", every_days: "14", open_days: "7", starts_on: "2026-01-05" };
        assert_eq!(check_schedule(&ok).unwrap(), (3, 14, 7, d("2026-01-05")));
        let bad = ScheduleInput { instrument: "3", every_days: "3", open_days: "0", starts_on: "gisteren" };
        let Err(crate::Error::Invalid(errors)) = check_schedule(&bad) else { panic!() };
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["every_days", "open_days", "starts_on"]);
        let longer = ScheduleInput { open_days: "15", ..ok };
        assert!(check_schedule(&longer).is_err(), "a window longer than the period");
    }
}
