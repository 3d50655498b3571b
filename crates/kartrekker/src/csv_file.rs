//! CSV files people open in Dutch Excel: UTF-8 with a BOM, semicolons,
//! CRLF, quoting by the `csv` crate. A cell Excel would run as a formula
//! gets a leading apostrophe.

/// The file: a header row, then the rows.
pub fn excel<R: AsRef<str>>(head: &[&str], rows: impl IntoIterator<Item = Vec<R>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    // Writing to memory cannot fail.
    w.write_record(head.iter().map(|h| safe(h))).expect("a CSV row in memory");
    for row in rows {
        w.write_record(row.iter().map(|c| safe(c.as_ref()))).expect("a CSV row in memory");
    }
    let bytes = w.into_inner().expect("a CSV file in memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 text is UTF-8")
}

/// A cell that starts like a formula (`=`, `+`, `@`, a tab or CR, or a
/// dash before a digit, sign or parenthesis) starts with an apostrophe;
/// "- een punt" stays as it is.
fn safe(cell: &str) -> String {
    let mut chars = cell.chars();
    let formula = match chars.next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => chars.next().is_some_and(|c| !c.is_whitespace() && !c.is_alphabetic()),
        _ => false,
    };
    if formula { format!("'{cell}") } else { cell.to_string() }
}

#[cfg(test)]
mod tests {
    use super::excel;

    #[test]
    fn formulas_are_neutralised_and_ordinary_text_is_kept() {
        let out = excel(&["a", "b"], [vec!["=1+1", "- een punt"], vec!["-2+3", "x;\"y\""], vec!["@SUM(A1)", "\tTAB"]]);
        assert_eq!(out, "\u{feff}a;b\r\n'=1+1;- een punt\r\n'-2+3;\"x;\"\"y\"\"\"\r\n'@SUM(A1);'\tTAB\r\n");
    }
}
