//! An export as a table of typed cells, written either as CSV for Dutch
//! Excel (through `csv_export`, which keeps formulas out) or as an .xlsx
//! workbook with real cells: dates as dates, numbers as numbers, a bold
//! header row with filters on, frozen at the top.
//!
//! rust_xlsxwriter writes the workbook: the file format is large and
//! exacting, and the crate is well kept and needs no C library.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::csv_export::Csv;
use crate::dates::Date;

/// One cell of an export.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number shown with two decimals ("1,25" in the CSV).
    Decimal(f64),
    Date(Option<Date>),
    /// A moment (milliseconds since 1970, UTC), shown in Dutch time.
    Moment(i64),
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}

impl From<Option<Date>> for Cell {
    fn from(d: Option<Date>) -> Cell {
        Cell::Date(d)
    }
}

impl Cell {
    /// The cell as the CSV writes it.
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Decimal(x) => format!("{x:.2}").replace('.', ","),
            Cell::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
            Cell::Moment(ms) => Date::moment_nl(*ms),
        }
    }
}

/// The two formats every export comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Csv,
    Xlsx,
}

impl FileType {
    pub fn extension(self) -> &'static str {
        match self {
            FileType::Csv => "csv",
            FileType::Xlsx => "xlsx",
        }
    }
    pub fn content_type(self) -> &'static str {
        match self {
            FileType::Csv => "text/csv; charset=utf-8",
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// A header row and rows of cells.
#[derive(Clone, Debug, Default)]
pub struct Table {
    head: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(head: impl IntoIterator<Item = String>) -> Table {
        Table { head: head.into_iter().collect(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = Cell>) {
        self.rows.push(cells.into_iter().collect());
    }

    /// The file's bytes in `kind`; `sheet` names the worksheet of an .xlsx.
    pub fn file(&self, kind: FileType, sheet: &str) -> Vec<u8> {
        match kind {
            FileType::Csv => self.csv().into_bytes(),
            // Into memory, from cells we made: a failure is a bug, not input.
            FileType::Xlsx => self.xlsx(sheet).expect("an .xlsx in memory"),
        }
    }

    pub fn csv(&self) -> String {
        let mut out = Csv::new();
        self.write_csv(&mut out);
        out.finish()
    }

    fn write_csv(&self, out: &mut Csv) {
        out.row(&self.head);
        for row in &self.rows {
            out.row(row.iter().map(Cell::text));
        }
    }

    pub fn xlsx(&self, sheet: &str) -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        self.add_to(&mut book, sheet)?;
        book.save_to_buffer()
    }

    fn add_to(&self, book: &mut Workbook, sheet: &str) -> Result<(), XlsxError> {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(sheet))?;
        let bold = Format::new().set_bold();
        let date = Format::new().set_num_format("dd-mm-yyyy");
        let moment = Format::new().set_num_format("dd-mm-yyyy hh:mm");
        let decimal = Format::new().set_num_format("0.00");
        for (col, h) in self.head.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, h, &bold)?;
        }
        for (i, row) in self.rows.iter().enumerate() {
            let r = i as u32 + 1;
            for (col, cell) in row.iter().enumerate() {
                let col = col as u16;
                match cell {
                    // A string cell is never a formula: no guard needed here.
                    Cell::Text(s) => ws.write_string(r, col, s).map(|_| ())?,
                    Cell::Int(n) => ws.write_number(r, col, *n as f64).map(|_| ())?,
                    Cell::Decimal(x) => ws.write_number_with_format(r, col, *x, &decimal).map(|_| ())?,
                    Cell::Date(None) => {}
                    Cell::Date(Some(d)) => {
                        let (y, m, day) = d.ymd();
                        let at = ExcelDateTime::from_ymd(y as u16, m as u8, day as u8)?;
                        ws.write_datetime_with_format(r, col, &at, &date)?;
                    }
                    Cell::Moment(ms) => {
                        let (y, m, day) = Date::today_nl(*ms).ymd();
                        let (hour, minute) = Date::time_nl(*ms);
                        let at = ExcelDateTime::from_ymd(y as u16, m as u8, day as u8)?.and_hms(
                            hour as u16,
                            minute as u8,
                            0,
                        )?;
                        ws.write_datetime_with_format(r, col, &at, &moment)?;
                    }
                }
            }
        }
        if !self.head.is_empty() {
            let last_col = self.head.len() as u16 - 1;
            ws.autofilter(0, 0, self.rows.len() as u32, last_col)?;
            ws.set_freeze_panes(1, 0)?;
            ws.autofit();
        }
        Ok(())
    }
}

/// An export of several tables: one worksheet each in an .xlsx; in a CSV
/// one after the other, an empty row between them.
pub fn book_file(sheets: &[(&str, &Table)], kind: FileType) -> Vec<u8> {
    match kind {
        FileType::Csv => {
            let mut out = Csv::new();
            for (i, (_, table)) in sheets.iter().enumerate() {
                if i > 0 {
                    out.row([""]);
                }
                table.write_csv(&mut out);
            }
            out.finish().into_bytes()
        }
        FileType::Xlsx => {
            let mut book = Workbook::new();
            let written: Result<Vec<u8>, XlsxError> = sheets
                .iter()
                .try_for_each(|(name, table)| table.add_to(&mut book, name))
                .and_then(|()| book.save_to_buffer());
            // Into memory, from cells we made: a failure is a bug, not input.
            written.expect("an .xlsx in memory")
        }
    }
}

/// Excel's rules for a sheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(s: &str) -> String {
    let name: String = s.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    if name.trim().is_empty() { "Export".to_string() } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new(["Titel".to_string(), "Aantal".to_string(), "Datum".to_string()]);
        t.row([Cell::from("=SOM(A1)"), Cell::Int(3), Cell::Date(Date::from_ymd(2026, 12, 3))]);
        t.row([Cell::from("- item"), Cell::Decimal(1.25), Cell::Date(None)]);
        t
    }

    #[test]
    fn the_csv_keeps_formulas_out_and_writes_dutch_numbers() {
        let csv = table().csv();
        assert_eq!(csv, "\u{feff}Titel;Aantal;Datum\r\n'=SOM(A1);3;2026-12-03\r\n- item;1,25;\r\n");
    }

    #[test]
    fn a_book_is_one_sheet_per_table_or_one_csv_with_an_empty_row_between() {
        let mut second = Table::new(["Jaar".to_string()]);
        second.row([Cell::Int(1)]);
        let csv = book_file(&[("Een", &table()), ("Twee", &second)], FileType::Csv);
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.ends_with("- item;1,25;\r\n\"\"\r\nJaar\r\n1\r\n"), "{csv}");
        let xlsx = book_file(&[("Een", &table()), ("Twee", &second)], FileType::Xlsx);
        use calamine::Reader;
        let book = calamine::Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
        assert_eq!(book.sheet_names(), ["Een", "Twee"]);
    }

    #[test]
    fn sheet_names_follow_excels_rules() {
        assert_eq!(sheet_name("Acties: Interne/B3 [oud]"), "Acties InterneB3 oud");
        assert_eq!(sheet_name("***"), "Export");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }
}
