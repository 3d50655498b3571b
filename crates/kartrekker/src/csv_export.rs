//! The one CSV writer behind every export: for Dutch Excel (UTF-8 with BOM,
//! `;` between cells, CRLF) and safe to open there.
//!
//! A cell that a spreadsheet would read as a formula gets a leading `'`
//! (CSV injection; docs/decisions/0013). The exact rule, in `safe_cell`:
//! - a cell starting with `=`, `+`, `-`, `@`, a tab or a CR is a formula risk;
//! - except a plain number (`-5`, `+31`, `-3,5`, `0.25`), which stays a number;
//! - and except a list item, a dash and a space (`- item`), as long as the
//!   rest holds none of `( ) | ! = + @`: without those nothing can call a
//!   function, reach another sheet or start a program (DDE);
//! - everything else starting with a risky character gets the `'`.

use std::borrow::Cow;

pub struct Csv {
    out: csv::Writer<Vec<u8>>,
}

impl Default for Csv {
    fn default() -> Csv {
        Csv::new()
    }
}

impl Csv {
    pub fn new() -> Csv {
        let out = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer("\u{feff}".as_bytes().to_vec());
        Csv { out }
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let cells = cells.into_iter().map(|c| safe_cell(c.as_ref()).into_owned());
        // Into memory, with rows of any length: this cannot fail.
        self.out.write_record(cells).expect("CSV into memory");
    }

    pub fn finish(self) -> String {
        let bytes = self.out.into_inner().expect("CSV into memory");
        String::from_utf8(bytes).expect("written from UTF-8 cells")
    }
}

/// A whole file at once: a header row, then the rows.
pub fn excel<R: AsRef<str>>(head: &[&str], rows: impl IntoIterator<Item = Vec<R>>) -> String {
    let mut out = Csv::new();
    out.row(head);
    for row in rows {
        out.row(row);
    }
    out.finish()
}

/// The cell as written: with a leading `'` when a spreadsheet would run it.
pub fn safe_cell(s: &str) -> Cow<'_, str> {
    if !s.starts_with(['=', '+', '-', '@', '\t', '\r']) || is_number(s) || is_list_item(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(format!("'{s}"))
    }
}

fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (whole, fraction) = digits.split_once(['.', ',']).unwrap_or((digits, "0"));
    [whole, fraction].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_list_item(s: &str) -> bool {
    s.strip_prefix("- ").is_some_and(|rest| !rest.contains(['(', ')', '|', '!', '=', '+', '@']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_a_quote_and_numbers_and_list_items_stay() {
        for risky in ["=1+1", "+31 6 1234", "-cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1", "- =1", "- x(1)", "-"] {
            assert_eq!(safe_cell(risky), format!("'{risky}"), "{risky:?}");
        }
        for plain in ["-5", "+31", "-3,5", "0.25", "- item", "- overleg met team-leider", "Jansen", "", "a=b"] {
            assert_eq!(safe_cell(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn rows_are_semicolon_separated_quoted_where_needed_with_a_bom() {
        let mut csv = Csv::new();
        csv.row(["Naam", "Punten"]);
        csv.row(["de Vries; Anna", "=HYPERLINK(\"x\")"]);
        csv.row(["twee\nregels", "-2"]);
        assert_eq!(
            csv.finish(),
            "\u{feff}Naam;Punten\r\n\"de Vries; Anna\";\"'=HYPERLINK(\"\"x\"\")\"\r\n\"twee\nregels\";-2\r\n"
        );
    }
}
