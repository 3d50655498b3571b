//! The run chart's rules, as a pure function of the measured values in date
//! order: the median, the baseline's median, and the points that form a
//! shift or a trend (the usual run-chart rules, as in the IHI's and Life QI's
//! run charts).
//!
//! - **Shift**: 6 or more consecutive points on one side of the centre line
//!   (the baseline's median when there is a baseline, else the median). A
//!   point on the line neither breaks a shift nor counts towards it.
//! - **Trend**: 5 or more consecutive points each higher (or each lower) than
//!   the one before. A point equal to the one before neither breaks a trend
//!   nor counts towards it.

use crate::dates::Date;

pub const SHIFT: usize = 6;
pub const TREND: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The median of all points.
    pub median: Option<f64>,
    /// The median of the baseline's points (the first `baseline` points).
    pub baseline: Option<f64>,
    /// Per point: part of a shift, part of a trend.
    pub shift: Vec<bool>,
    pub trend: Vec<bool>,
}

impl Analysis {
    pub fn has_shift(&self) -> bool {
        self.shift.contains(&true)
    }
    pub fn has_trend(&self) -> bool {
        self.trend.contains(&true)
    }
}

pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

/// `values` in date order; the first `baseline` of them form the baseline (0: none).
pub fn analyse(values: &[f64], baseline: usize) -> Analysis {
    let median = median(values);
    let baseline = if baseline > 0 { self::median(&values[..baseline.min(values.len())]) } else { None };
    let mut shift = vec![false; values.len()];
    let mut trend = vec![false; values.len()];
    if let Some(centre) = baseline.or(median) {
        mark_shifts(values, centre, &mut shift);
    }
    mark_trends(values, &mut trend);
    Analysis { median, baseline, shift, trend }
}

fn mark_shifts(values: &[f64], centre: f64, marks: &mut [bool]) {
    // The points of the current run on one side: (side, indices counted).
    let mut run: Vec<usize> = Vec::new();
    let mut side = 0i8;
    let close = |run: &mut Vec<usize>, marks: &mut [bool]| {
        if run.len() >= SHIFT {
            // From its first to its last counted point, those on the line included.
            marks[run[0]..=run[run.len() - 1]].iter_mut().for_each(|m| *m = true);
        }
        run.clear();
    };
    for (i, v) in values.iter().enumerate() {
        let s = if *v > centre {
            1
        } else if *v < centre {
            -1
        } else {
            continue;
        };
        if s != side {
            close(&mut run, marks);
            side = s;
        }
        run.push(i);
    }
    close(&mut run, marks);
}

fn mark_trends(values: &[f64], marks: &mut [bool]) {
    // Indices of the run's counted points; its direction.
    let mut run: Vec<usize> = Vec::new();
    let mut dir = 0i8;
    let close = |run: &[usize], marks: &mut [bool]| {
        if run.len() >= TREND {
            marks[run[0]..=run[run.len() - 1]].iter_mut().for_each(|m| *m = true);
        }
    };
    for (i, v) in values.iter().enumerate() {
        let Some(&last) = run.last() else {
            run.push(i);
            continue;
        };
        let d = if *v > values[last] {
            1
        } else if *v < values[last] {
            -1
        } else {
            continue;
        };
        if d != dir && dir != 0 {
            close(&run, marks);
            // The turning point starts the next run.
            run = vec![last];
        }
        dir = d;
        run.push(i);
    }
    close(&run, marks);
}

/// One line of pasted data that could not be read: its number (from 1) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub key: &'static str,
}

/// Data pasted as two columns, date and value (from Excel: a tab between
/// them; a semicolon or spaces will do), a line each. Dates as 2026-03-01
/// or 1-3-2026 (`Date::parse`); values with a decimal comma or point. Empty lines are
/// skipped; every bad line is named, and then nothing is taken.
pub fn parse_pasted(text: &str) -> Result<Vec<(Date, f64)>, Vec<LineError>> {
    let mut points = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut cols = line.split(['\t', ';', ' ']).filter(|c| !c.is_empty());
        let (Some(d), Some(v), None) = (cols.next(), cols.next(), cols.next()) else {
            errors.push(LineError { line: n + 1, key: "vv-error-line-columns" });
            continue;
        };
        let Ok(date) = Date::parse(d, "data") else {
            errors.push(LineError { line: n + 1, key: "vv-error-line-date" });
            continue;
        };
        match parse_value(v) {
            Some(value) => points.push((date, value)),
            None => errors.push(LineError { line: n + 1, key: "vv-error-line-value" }),
        }
    }
    if errors.is_empty() { Ok(points) } else { Err(errors) }
}

pub fn parse_value(raw: &str) -> Option<f64> {
    let v: f64 = raw.trim().replace(',', ".").parse().ok()?;
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(m: &[bool]) -> Vec<usize> {
        m.iter().enumerate().filter(|(_, b)| **b).map(|(i, _)| i).collect()
    }

    #[test]
    fn the_median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn six_points_on_one_side_make_a_shift_five_do_not() {
        // Median of these 12 is 5.5: 6 below, then 6 above.
        let v = [5.0, 4.0, 5.0, 3.0, 4.0, 5.0, 7.0, 8.0, 6.0, 9.0, 7.0, 8.0];
        let a = analyse(&v, 0);
        assert_eq!(a.median, Some(5.5));
        assert_eq!(marked(&a.shift), (0..12).collect::<Vec<_>>());
        // Five on one side only: no shift.
        let v = [1.0, 1.0, 1.0, 1.0, 1.0, 9.0, 1.0, 9.0, 9.0, 9.0, 9.0, 9.0];
        assert!(!analyse(&v, 0).has_shift());
    }

    #[test]
    fn a_point_on_the_median_neither_breaks_nor_counts() {
        // Centre (baseline of the first 3) is 5: five above, one on the line, one more above.
        let v = [4.0, 5.0, 6.0, 7.0, 7.0, 5.0, 8.0, 9.0, 6.0];
        let a = analyse(&v, 3);
        assert_eq!(a.baseline, Some(5.0));
        // Above: indices 2,3,4,6,7,8 = six counted, 5 on the line in between.
        assert_eq!(marked(&a.shift), vec![2, 3, 4, 5, 6, 7, 8]);
        // Five above with one on the line: not yet a shift.
        let a = analyse(&[4.0, 5.0, 6.0, 7.0, 7.0, 5.0, 8.0, 9.0], 3);
        assert!(!a.has_shift());
    }

    #[test]
    fn the_baseline_is_the_centre_line_when_there_is_one() {
        // Six points above the baseline's median 2, while the overall median is 6.
        let v = [1.0, 2.0, 3.0, 6.0, 7.0, 6.0, 8.0, 7.0, 9.0];
        let a = analyse(&v, 3);
        assert_eq!((a.baseline, a.median), (Some(2.0), Some(6.0)));
        assert_eq!(marked(&a.shift), vec![2, 3, 4, 5, 6, 7, 8]);
        assert!(!analyse(&v, 0).has_shift());
    }

    #[test]
    fn five_rising_or_falling_make_a_trend_and_repeats_neither_break_nor_count() {
        assert_eq!(marked(&analyse(&[5.0, 1.0, 2.0, 3.0, 4.0, 5.0, 2.0], 0).trend), vec![1, 2, 3, 4, 5]);
        assert!(!analyse(&[1.0, 2.0, 3.0, 4.0, 3.0], 0).has_trend(), "four rising are not a trend");
        // A repeat (3, 3) in a fall of five counted points.
        assert_eq!(marked(&analyse(&[9.0, 7.0, 3.0, 3.0, 2.0, 1.0], 0).trend), vec![0, 1, 2, 3, 4, 5]);
        // A repeat does not make four into five.
        assert!(!analyse(&[1.0, 2.0, 2.0, 3.0, 4.0], 0).has_trend());
        // The turning point belongs to both runs.
        let a = analyse(&[1.0, 2.0, 3.0, 4.0, 5.0, 4.0, 3.0, 2.0, 1.0], 0);
        assert_eq!(marked(&a.trend), (0..9).collect::<Vec<_>>());
    }

    #[test]
    fn pasted_lines_are_read_or_named() {
        let ok = parse_pasted("2026-03-01\t12,5\n\n2-3-2026;13\n03/03/2026 14.25\n").unwrap();
        assert_eq!(ok.len(), 3);
        assert_eq!(ok[1], (Date::from_ymd(2026, 3, 2).unwrap(), 13.0));
        assert_eq!(ok[2].1, 14.25);
        let errs = parse_pasted("2026-03-01\t1\nmaandag\t2\n2026-03-03\tveel\n2026-03-04\n2026-13-01 4").unwrap_err();
        assert_eq!(
            errs,
            vec![
                LineError { line: 2, key: "vv-error-line-date" },
                LineError { line: 3, key: "vv-error-line-value" },
                LineError { line: 4, key: "vv-error-line-columns" },
                LineError { line: 5, key: "vv-error-line-date" },
            ]
        );
    }
}
