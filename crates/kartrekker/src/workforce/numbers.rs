//! The quantities of a business case in exact whole units: money in cents,
//! rates in basis points (1/100 of a percent), FTE and years in hundredths.
//! Typed input is read in either notation ("1.234,56" or "1,234.56"), and
//! every result is rounded once, half away from zero: no float drift.

use crate::error::FieldError;
use crate::people::Language;

/// An amount of money in euro cents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Cents(pub i64);

/// A rate in basis points: 10,000 is 100 %.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Rate(pub i64);

/// A number with two decimals (FTE, years), as hundredths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Hundredths(pub i64);

/// `n / d` rounded half away from zero; `d` is positive.
pub fn div_round(n: i128, d: i128) -> i128 {
    let q = n / d;
    let r = n % d;
    if 2 * r.abs() >= d { q + n.signum() } else { q }
}

/// Reads a typed number with at most `places` decimals as a whole number of
/// 1/10^places. Spaces and a euro sign are ignored; with both a dot and a
/// comma, the last one is the decimal sign; with one of them, it separates
/// thousands when every group after it has three digits ("80.000",
/// "1,250,000") and is the decimal sign otherwise ("7,5", "1.5").
pub fn parse_decimal(raw: &str, places: u32) -> Option<i64> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '€').collect();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, s),
    };
    if s.is_empty() {
        return None;
    }
    let decimal = match (s.rfind('.'), s.rfind(',')) {
        (Some(d), Some(c)) => Some(d.max(c)),
        (Some(i), None) | (None, Some(i)) => {
            let sep = s.as_bytes()[i] as char;
            let groups: Vec<&str> = s.split(sep).collect();
            let thousands = groups.len() > 1
                && !groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3);
            if thousands && (groups.len() > 2 || places == 0 || groups[0] != "0") { None } else { Some(i) }
        }
        (None, None) => None,
    };
    let (whole, frac) = match decimal {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s.as_str(), ""),
    };
    let whole: String = whole.chars().filter(|c| *c != '.' && *c != ',').collect();
    if whole.is_empty() && frac.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > places as usize
        || whole.len() > 15
    {
        return None;
    }
    let scale = 10_i64.pow(places);
    let w: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let f: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<width$}", width = places as usize).parse().ok()? };
    let v = w.checked_mul(scale)?.checked_add(f)?;
    Some(if negative { -v } else { v })
}

/// A whole number with groups of three digits and the decimals after the
/// language's decimal sign: "1.234,56" in Dutch, "1,234.56" in English.
fn grouped(value: i64, places: u32, lang: Language) -> String {
    let (thousands, decimal) = match lang {
        Language::Nl => ('.', ','),
        Language::En => (',', '.'),
    };
    let scale = 10_i64.pow(places);
    let abs = value.unsigned_abs();
    let (whole, frac) = (abs / scale as u64, abs % scale as u64);
    let digits = whole.to_string();
    let mut out = String::new();
    if value < 0 {
        out.push('−');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(ch);
    }
    if places > 0 && frac != 0 {
        out.push(decimal);
        let f = format!("{frac:0>width$}", width = places as usize);
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

impl Cents {
    /// "€ 1.234,56" in Dutch, "€1,234.56" in English; whole euros without cents.
    pub fn display(self, lang: Language) -> String {
        let mut s = grouped(self.0, 2, lang);
        if self.0 % 100 != 0 {
            let decimals = s.rsplit([',', '.']).next().map_or(0, str::len);
            if decimals == 1 {
                s.push('0');
            }
        }
        match lang {
            Language::Nl => format!("€ {s}"),
            Language::En => format!("€{s}"),
        }
    }
    /// Rounded to whole euros, in the language's notation: for charts.
    pub fn euros(self, lang: Language) -> String {
        Cents(div_round(self.0 as i128, 100) as i64 * 100).display(lang)
    }
    /// As a form shows it again: "80000" or "80000,50".
    pub fn typed(self, lang: Language) -> String {
        plain(self.0, 2, lang)
    }
}

/// A number as typed back into a form: no thousands separator, the
/// language's decimal sign, no trailing zeros.
fn plain(value: i64, places: u32, lang: Language) -> String {
    let scale = 10_i64.pow(places);
    let mut s = (value / scale).to_string();
    if value < 0 && value / scale == 0 {
        s.insert(0, '-');
    }
    let frac = (value % scale).unsigned_abs();
    if frac != 0 {
        s.push(if lang == Language::Nl { ',' } else { '.' });
        let f = format!("{frac:0>width$}", width = places as usize);
        s.push_str(f.trim_end_matches('0'));
    }
    s
}

impl Rate {
    pub const FULL: Rate = Rate(10_000);
    /// "7,5 %" in Dutch, "7.5%" in English.
    pub fn display(self, lang: Language) -> String {
        let n = grouped(self.0, 2, lang);
        match lang {
            Language::Nl => format!("{n} %"),
            Language::En => format!("{n}%"),
        }
    }
    pub fn typed(self, lang: Language) -> String {
        plain(self.0, 2, lang)
    }
}

impl Hundredths {
    pub fn display(self, lang: Language) -> String {
        grouped(self.0, 2, lang)
    }
    pub fn typed(self, lang: Language) -> String {
        plain(self.0, 2, lang)
    }
}

/// Reads a field that must be there and lie in `min..=max` (in units of
/// 1/10^places); `field`'s messages are `error-workforce-{what}`.
pub(crate) fn bounded(
    raw: &str,
    places: u32,
    min: i64,
    max: i64,
    field: &'static str,
    out_of_range: &'static str,
) -> Result<i64, FieldError> {
    if raw.trim().is_empty() {
        return Err(FieldError { field, key: "error-workforce-required" });
    }
    let v = parse_decimal(raw, places).ok_or(FieldError { field, key: "error-workforce-not-a-number" })?;
    if v < min || v > max { Err(FieldError { field, key: out_of_range }) } else { Ok(v) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_read_in_both_notations() {
        assert_eq!(parse_decimal("80.000", 2), Some(8_000_000));
        assert_eq!(parse_decimal("80,000", 2), Some(8_000_000));
        assert_eq!(parse_decimal("€ 1.234,56", 2), Some(123_456));
        assert_eq!(parse_decimal("1,234.56", 2), Some(123_456));
        assert_eq!(parse_decimal("7,5", 2), Some(750));
        assert_eq!(parse_decimal("1.5", 2), Some(150));
        assert_eq!(parse_decimal("0,125", 2), None, "too many decimals");
        assert_eq!(parse_decimal("-3", 2), Some(-300));
        assert_eq!(parse_decimal("12a", 2), None);
        assert_eq!(parse_decimal("", 2), None);
        assert_eq!(parse_decimal("33", 0), Some(33));
        assert_eq!(parse_decimal("1.000", 0), Some(1000));
    }

    #[test]
    fn money_shows_in_the_notation_of_the_language() {
        assert_eq!(Cents(123_456).display(Language::Nl), "€ 1.234,56");
        assert_eq!(Cents(123_456).display(Language::En), "€1,234.56");
        assert_eq!(Cents(40_000_000).display(Language::Nl), "€ 400.000");
        assert_eq!(Cents(26_666_667).display(Language::Nl), "€ 266.666,67");
        assert_eq!(Cents(-120).display(Language::En), "€−1.20");
        assert_eq!(Cents(26_666_667).euros(Language::En), "€266,667");
        assert_eq!(Rate(750).display(Language::Nl), "7,5 %");
        assert_eq!(Rate(1500).display(Language::En), "15%");
        assert_eq!(Hundredths(150).typed(Language::Nl), "1,5");
        assert_eq!(Cents(8_000_000).typed(Language::En), "80000");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_round(4, 3), 1);
        assert_eq!(div_round(-4, 3), -1);
    }
}
