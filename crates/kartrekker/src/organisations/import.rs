//! Importing people from an HR system's export (CSV or .xlsx): the columns
//! the file has are mapped to first name, last name, e-mail, department, team,
//! profession and role — guessed from common Dutch and English headers, or as
//! the organisation mapped them last time, or as chosen on the page. Every row
//! is checked first; nothing is imported unless every row is valid, and then
//! everything is imported in one transaction (docs/decisions/0016-import.md).

use std::collections::{HashMap, HashSet};

use super::model::TeamRole;
use super::service::admin_org;
use super::store as orgs;
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::people::{Email, PersonName, Profession, store as people};
use crate::{Error, Kartrekker, Result};

pub const MAX_ROWS: usize = 5_000;

crate::codes! {
    /// What a column of the file holds.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Field {
        FirstName = "first_name",
        Infix = "infix",
        LastName = "last_name",
        Name = "name",
        Email = "email",
        Department = "department",
        Team = "team",
        Profession = "profession",
        Role = "role",
    }
}

#[derive(Clone, Debug)]
pub struct ImportRow {
    pub line: u64,
    pub name: String,
    pub email: String,
    pub profession: Profession,
    pub team_id: i64,
    pub team: String,
    pub role: TeamRole,
    /// True when the address belongs to someone already in the organisation.
    pub existing: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// Line in the file, the header being line 1.
    pub line: u64,
    /// The column's header as the file writes it (empty for a whole line).
    pub column: String,
    /// The field that column was mapped to, or the field no column was mapped to.
    pub field: Option<Field>,
    pub key: &'static str,
    /// What was found there, to show next to the reason.
    pub value: String,
}

#[derive(Clone, Debug, Default)]
pub struct ImportPreview {
    /// The file's headers and the field each one was mapped to.
    pub columns: Vec<(String, Option<Field>)>,
    pub rows: Vec<ImportRow>,
    pub errors: Vec<RowError>,
}

impl ImportPreview {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty() && !self.rows.is_empty()
    }
    pub fn new_people(&self) -> usize {
        let mut seen: Vec<&str> = self.rows.iter().filter(|r| !r.existing).map(|r| r.email.as_str()).collect();
        seen.sort();
        seen.dedup();
        seen.len()
    }
}

/// Text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252,
/// which is what Dutch Excel writes by default.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| cp1252(b)).collect(),
    }
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) { HIGH[(b - 0x80) as usize] } else { b as char }
}

/// An uploaded file as CSV text: an .xlsx (a ZIP) is read with calamine, its
/// first sheet written as CSV with one line per sheet row, so that a line
/// number is the row number Excel shows; anything else is decoded as CSV.
/// The text is what the preview sends back, so an .xlsx is read once.
pub fn file_text(bytes: &[u8]) -> std::result::Result<String, &'static str> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(decode(bytes));
    }
    check_expansion(bytes)?;
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|_| "error-import-xlsx")?;
    let sheet = book.worksheet_range_at(0).ok_or("error-import-empty")?.map_err(|_| "error-import-xlsx")?;
    let first_row = sheet.start().map_or(0, |(row, _)| row);
    let mut out = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    for _ in 0..first_row {
        out.write_record([""]).map_err(|_| "error-import-xlsx")?;
    }
    for row in sheet.rows() {
        out.write_record(row.iter().map(|cell| cell.to_string())).map_err(|_| "error-import-xlsx")?;
    }
    String::from_utf8(out.into_inner().map_err(|_| "error-import-xlsx")?).map_err(|_| "error-import-xlsx")
}

/// What an .xlsx of an HR system expands to at most: a few thousand people
/// take a few megabytes; a ZIP bomb of the 1 MB upload would take gigabytes.
const XLSX_EXPANDED_MAX: u64 = 50 * 1024 * 1024;
const XLSX_ENTRIES_MAX: usize = 1_000;

/// ASVS 12.1.2: the sizes the ZIP's entries declare, counted before anything
/// is unpacked.
fn check_expansion(bytes: &[u8]) -> std::result::Result<(), &'static str> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| "error-import-xlsx")?;
    if zip.len() > XLSX_ENTRIES_MAX {
        return Err("error-import-xlsx-too-large");
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map_err(|_| "error-import-xlsx")?.size();
        total = total.saturating_add(size);
    }
    if total > XLSX_EXPANDED_MAX { Err("error-import-xlsx-too-large") } else { Ok(()) }
}

/// A header as compared: lower case, without spaces, dashes, dots and underscores.
pub fn header_key(header: &str) -> String {
    header.trim().to_lowercase().chars().filter(|c| !matches!(c, ' ' | '-' | '_' | '.')).collect()
}

/// The field a header names, in the words Dutch and English HR exports use.
fn guess(header: &str) -> Option<Field> {
    let f = match header_key(header).as_str() {
        "voornaam" | "roepnaam" | "firstname" | "givenname" | "forename" => Field::FirstName,
        "tussenvoegsel" | "tussenvoegsels" | "voorvoegsel" | "infix" | "prefix" => Field::Infix,
        "achternaam" | "familienaam" | "geslachtsnaam" | "lastname" | "surname" | "familyname" => Field::LastName,
        "naam" | "volledigenaam" | "naammedewerker" | "name" | "fullname" => Field::Name,
        "email" | "emailadres" | "mail" | "mailadres" | "emailaddress" | "emailwerk" | "zakelijkemail"
        | "zakelijkemailadres" => Field::Email,
        "afdeling" | "department" | "dept" | "organisatieonderdeel" => Field::Department,
        "team" | "teamnaam" | "teamname" => Field::Team,
        "beroep" | "functie" | "functienaam" | "profession" | "occupation" | "jobtitle" | "function" => {
            Field::Profession
        }
        "rol" | "teamrol" | "role" | "teamrole" => Field::Role,
        _ => return None,
    };
    Some(f)
}

/// What the organisation needs to know of everyone: a name, an address, a
/// profession, a team and a role (the department is a check when given).
const REQUIRED: [Field; 4] = [Field::Email, Field::Team, Field::Profession, Field::Role];

/// The field for every column: as chosen on the page when given (one per
/// column), else as the organisation mapped that header last time, else guessed.
fn map_columns(
    headers: &[String],
    chosen: Option<&[Option<Field>]>,
    remembered: &HashMap<String, Option<Field>>,
) -> Vec<Option<Field>> {
    match chosen {
        Some(chosen) if chosen.len() == headers.len() => chosen.to_vec(),
        _ => headers.iter().map(|h| remembered.get(&header_key(h)).copied().unwrap_or_else(|| guess(h))).collect(),
    }
}

/// Problems with the mapping itself, as errors of line 1.
fn mapping_errors(headers: &[String], fields: &[Option<Field>]) -> Vec<RowError> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (h, f) in headers.iter().zip(fields) {
        if let Some(f) = f
            && !seen.insert(*f)
        {
            out.push(RowError {
                line: 1,
                column: h.clone(),
                field: Some(*f),
                key: "error-import-column-twice",
                value: String::new(),
            });
        }
    }
    let has = |f: Field| fields.contains(&Some(f));
    let missing = REQUIRED.iter().copied().filter(|f| !has(*f));
    let name = (!has(Field::Name) && !has(Field::LastName) && !has(Field::FirstName)).then_some(Field::Name);
    for f in name.into_iter().chain(missing) {
        out.push(RowError {
            line: 1,
            column: String::new(),
            field: Some(f),
            key: "error-import-column-missing",
            value: String::new(),
        });
    }
    out
}

/// The organisation as the check needs it.
pub(crate) struct Known {
    /// Team name in lower case → (id, name, department in lower case).
    pub teams: HashMap<String, (i64, String, String)>,
    /// The addresses of the organisation's people.
    pub emails: HashSet<String>,
    /// Header key → field, as mapped at the last import.
    pub remembered: HashMap<String, Option<Field>>,
}

/// Reads and checks every row against the organisation's teams and people,
/// with the columns mapped as `chosen` (one per column) or remembered or guessed.
pub(crate) fn check(text: &str, chosen: Option<&[Option<Field>]>, known: &Known) -> ImportPreview {
    let mut out = ImportPreview::default();
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delim = if first.matches(';').count() >= first.matches(',').count() { b';' } else { b',' };
    let mut rdr =
        csv::ReaderBuilder::new().delimiter(delim).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) if h.iter().any(|h| !h.is_empty()) => h.iter().map(str::to_string).collect(),
        _ => {
            out.errors.push(RowError {
                line: 1,
                column: String::new(),
                field: None,
                key: "error-import-header",
                value: String::new(),
            });
            return out;
        }
    };
    let fields = map_columns(&headers, chosen, &known.remembered);
    out.columns = headers.iter().cloned().zip(fields.iter().copied()).collect();
    out.errors = mapping_errors(&headers, &fields);
    if !out.errors.is_empty() {
        return out;
    }
    let idx = |f: Field| fields.iter().position(|c| *c == Some(f));
    let mut first_seen: HashMap<String, (String, Profession)> = HashMap::new();
    for (n, rec) in rdr.records().enumerate() {
        let line = n as u64 + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| line_at(text, p.byte())).unwrap_or(line);
                out.errors.push(RowError {
                    line,
                    column: String::new(),
                    field: None,
                    key: "error-import-unreadable",
                    value: String::new(),
                });
                continue;
            }
        };
        let line = rec.position().map(|p| line_at(text, p.byte())).unwrap_or(line);
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        if out.rows.len() + out.errors.len() >= MAX_ROWS {
            out.errors.push(RowError {
                line,
                column: String::new(),
                field: None,
                key: "error-import-too-many-rows",
                value: MAX_ROWS.to_string(),
            });
            break;
        }
        let get = |f: Field| idx(f).and_then(|i| rec.get(i)).unwrap_or("").to_string();
        let before = out.errors.len();
        // An error names its line, its column (the file's header) and what was there.
        let mut err = |f: Field, key: &'static str| {
            let column = idx(f).map(|i| headers[i].clone()).unwrap_or_default();
            out.errors.push(RowError { line, column, field: Some(f), key, value: get(f) })
        };
        let full = if idx(Field::Name).is_some() {
            get(Field::Name)
        } else {
            [get(Field::FirstName), get(Field::Infix), get(Field::LastName)]
                .iter()
                .filter(|p| !p.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let name_field = [Field::Name, Field::LastName, Field::FirstName].into_iter().find(|f| idx(*f).is_some());
        let name = PersonName::parse(&full).map_err(|e| err(name_field.unwrap_or(Field::Name), e.key)).ok();
        let email = Email::parse(&get(Field::Email)).map_err(|e| err(Field::Email, e.key)).ok();
        let profession = Profession::parse(&get(Field::Profession)).map_err(|e| err(Field::Profession, e.key)).ok();
        let role = TeamRole::parse(&get(Field::Role)).map_err(|e| err(Field::Role, e.key)).ok();
        let team = known.teams.get(&get(Field::Team).to_lowercase()).cloned();
        match &team {
            None => err(Field::Team, "error-import-team-unknown"),
            Some((_, _, dept)) => {
                let given = get(Field::Department).to_lowercase();
                if !given.is_empty() && given != *dept {
                    err(Field::Department, "error-import-team-not-in-department");
                }
            }
        }
        let mut existing = false;
        if let Some(email) = &email {
            // An address used in another organisation is a new person here,
            // linked to its account: the file's importer cannot tell.
            existing = known.emails.contains(email.as_str());
            if let (Some(name), Some(prof)) = (&name, profession) {
                match first_seen.get(email.as_str()) {
                    Some((n, p)) if n != name.as_str() || *p != prof => {
                        err(Field::Email, "error-import-conflicting-rows")
                    }
                    Some(_) => {}
                    None => {
                        first_seen.insert(email.as_str().to_string(), (name.as_str().to_string(), prof));
                    }
                }
            }
        }
        if out.errors.len() == before {
            let (team_id, team, _) = team.unwrap();
            out.rows.push(ImportRow {
                line,
                name: name.unwrap().as_str().to_string(),
                email: email.unwrap().as_str().to_string(),
                profession: profession.unwrap(),
                team_id,
                team,
                role: role.unwrap(),
                existing,
            });
        }
    }
    if out.rows.is_empty() && out.errors.is_empty() {
        out.errors.push(RowError {
            line: 1,
            column: String::new(),
            field: None,
            key: "error-import-empty",
            value: String::new(),
        });
    }
    out
}

/// The line a record starts on. The csv crate's own line count skips blank
/// lines, and a record's offset can point at the blank lines before it.
fn line_at(text: &str, byte: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut start = (byte as usize).min(bytes.len());
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    bytes[..start].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// The fields of a mapping as the page posts it: one code per column, empty for "not imported".
pub fn chosen_fields(codes: &[String]) -> Vec<Option<Field>> {
    codes.iter().map(|c| Field::from_code(c)).collect()
}

impl Kartrekker {
    async fn check_import(
        &self,
        c: &mut crate::db::Conn,
        org: i64,
        text: &str,
        chosen: Option<&[Option<Field>]>,
    ) -> Result<ImportPreview> {
        let teams = orgs::teams(c, org)
            .await?
            .into_iter()
            .map(|(t, _)| (t.name.to_lowercase(), (t.id, t.name, t.department.to_lowercase())))
            .collect();
        let emails = people::emails_in_org(c, org).await?.into_iter().map(|(email, _)| email).collect();
        let remembered = orgs::import_columns(c, org).await?.into_iter().collect();
        Ok(check(text, chosen, &Known { teams, emails, remembered }))
    }

    /// Checks a file (as `file_text` gives it) with its columns mapped as
    /// chosen on the page, or as last time, or guessed.
    pub async fn preview_import(
        &self,
        actor: &Actor,
        text: &str,
        chosen: Option<&[Option<Field>]>,
    ) -> Result<ImportPreview> {
        let org = admin_org(actor)?;
        self.check_import(&mut self.conn().await?, org, text, chosen).await
    }

    /// Checks again inside the transaction and imports all rows, or none;
    /// the organisation's mapping of these headers is kept for the next file.
    /// With `deactivate_missing`, the organisation's active people the file
    /// leaves out are deactivated in the same transaction.
    pub async fn import_people(
        &self,
        actor: &Actor,
        text: &str,
        chosen: Option<&[Option<Field>]>,
        deactivate_missing: bool,
    ) -> Result<ImportPreview> {
        let org = admin_org(actor)?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let preview = self.check_import(&mut tx, org, text, chosen).await?;
        if !preview.is_valid() {
            return Ok(preview);
        }
        let mut ids: HashMap<String, i64> = people::emails_in_org(&mut tx, org).await?.into_iter().collect();
        for row in &preview.rows {
            // The organisation's own people by address, and each new one once.
            let id = match ids.get(&row.email) {
                Some(id) => *id,
                None => {
                    let new = people::NewPerson {
                        org_id: Some(org),
                        email: &row.email,
                        name: &row.name,
                        profession: row.profession,
                        is_instance_admin: false,
                    };
                    let id = people::insert(&mut tx, &new, now).await?;
                    self.welcome(&mut tx, id).await?;
                    ids.insert(row.email.clone(), id);
                    id
                }
            };
            self.add_membership(&mut tx, actor, (org, row.team_id), id, row.role).await?;
        }
        let mapping: Vec<(String, Option<Field>)> =
            preview.columns.iter().map(|(h, f)| (header_key(h), *f)).filter(|(h, _)| !h.is_empty()).collect();
        orgs::set_import_columns(&mut tx, org, &mapping).await?;
        self.audit(&mut tx, Entry::by(actor, AuditAction::ImportPeople, format!("rows:{}", preview.rows.len())))
            .await?;
        if deactivate_missing {
            self.deactivate_missing(&mut tx, actor, org, &preview).await?;
        }
        tx.commit().await.map_err(Error::Db)?;
        Ok(preview)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_unpacked() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..51 {
            zip.write_all(&zeros).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 1024 * 1024, "it fits the upload limit: {} bytes", bytes.len());
        assert_eq!(file_text(&bytes), Err("error-import-xlsx-too-large"));
    }

    fn known(emails: &[&str]) -> Known {
        Known {
            teams: HashMap::from([(
                "interne b3".to_string(),
                (7, "Interne B3".to_string(), "interne geneeskunde".to_string()),
            )]),
            emails: emails.iter().map(|e| e.to_string()).collect(),
            remembered: HashMap::new(),
        }
    }

    #[test]
    fn excel_files_in_windows_1252_are_read() {
        assert_eq!(decode(b"Zo\xEB \x80"), "Zoë €");
        assert_eq!(decode("\u{feff}Zoë".as_bytes()), "Zoë");
    }

    #[test]
    fn every_bad_row_is_named_by_its_line_and_column() {
        let csv = "rol;team;naam;e-mail;beroep\nlid;Interne B3;Sanne;sanne@x.nl;hbo-v\nlid;Interne B3;;leeg@x.nl;hbo-v\n\nkoning;Interne B3;Piet;piet@x.nl;hbo-v\n";
        let p = check(csv, None, &known(&[]));
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].team_id, 7);
        let lines: Vec<(u64, &str, &str)> = p.errors.iter().map(|e| (e.line, e.column.as_str(), e.key)).collect();
        assert_eq!(lines, vec![(3, "naam", "error-name-required"), (5, "rol", "error-role-unknown")]);
        assert!(!p.is_valid());
    }

    #[test]
    fn own_people_are_kept_and_other_addresses_are_new_people() {
        let csv = "name,email,profession,team,role\nA,a@x.nl,arts,Interne B3,member\nB,b@x.nl,arts,Interne B3,member\n";
        let p = check(csv, None, &known(&["a@x.nl"]));
        assert!(p.errors.is_empty());
        assert!(p.rows[0].existing);
        assert!(!p.rows[1].existing);
        assert_eq!(p.new_people(), 1);
    }

    #[test]
    fn a_file_without_people_or_header_is_refused() {
        assert_eq!(check("", None, &known(&[])).errors[0].key, "error-import-header");
        assert_eq!(check("naam;e-mail;beroep;team;rol\n", None, &known(&[])).errors[0].key, "error-import-empty");
    }

    #[test]
    fn names_are_put_together_and_headers_guessed_in_dutch() {
        let csv = "Personeelsnummer;Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Afdeling;Team;Functie;Rol\n\
                   123;Jan;van der;Berg;jan@x.nl;Interne geneeskunde;Interne B3;HBO-V;lid\n";
        let p = check(csv, None, &known(&[]));
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.rows[0].name, "Jan van der Berg");
        assert_eq!(p.columns[0], ("Personeelsnummer".to_string(), None), "not imported");
        assert_eq!(p.columns[7].1, Some(Field::Profession));
    }

    #[test]
    fn a_mapping_must_name_every_field_once() {
        let csv = "Mail;Team;Werk;Rol;Naam\nj@x.nl;Interne B3;arts;lid;Jan\n";
        let missing = check(csv, None, &known(&[]));
        assert_eq!(
            missing.errors.iter().map(|e| (e.key, e.field)).collect::<Vec<_>>(),
            [("error-import-column-missing", Some(Field::Profession))]
        );
        let chosen =
            [Some(Field::Email), Some(Field::Team), Some(Field::Profession), Some(Field::Role), Some(Field::Name)];
        assert!(check(csv, Some(&chosen), &known(&[])).is_valid());
        let twice =
            [Some(Field::Email), Some(Field::Team), Some(Field::Profession), Some(Field::Role), Some(Field::Role)];
        assert_eq!(check(csv, Some(&twice), &known(&[])).errors[0].key, "error-import-column-twice");
    }

    #[test]
    fn a_team_of_another_department_is_refused() {
        let csv = "naam;e-mail;afdeling;team;beroep;rol\nJan;j@x.nl;Chirurgie;Interne B3;arts;lid\n";
        let p = check(csv, None, &known(&[]));
        assert_eq!((p.errors[0].column.as_str(), p.errors[0].key), ("afdeling", "error-import-team-not-in-department"));
    }
}
