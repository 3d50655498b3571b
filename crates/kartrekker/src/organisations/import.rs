//! Importing people from an HR system's CSV export: name, e-mail, profession,
//! team, role. Every row is checked first; nothing is imported unless every
//! row is valid, and then everything is imported in one transaction.

use std::collections::HashMap;

use super::model::TeamRole;
use super::service::admin_org;
use super::store as orgs;
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::auth::TokenPurpose;
use crate::jobs::Job;
use crate::people::{Email, PersonName, Profession, store as people};
use crate::{Error, Kartrekker, Result};

pub const MAX_ROWS: usize = 5_000;

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
    pub key: &'static str,
    /// What was found there, to show next to the reason.
    pub value: String,
}

#[derive(Clone, Debug, Default)]
pub struct ImportPreview {
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

fn column(header: &str) -> Option<&'static str> {
    match header.trim().to_lowercase().replace(['-', '_', ' '], "").as_str() {
        "name" | "naam" | "volledigenaam" => Some("name"),
        "email" | "emailadres" | "mail" => Some("email"),
        "profession" | "beroep" | "functie" => Some("profession"),
        "team" => Some("team"),
        "role" | "rol" => Some("role"),
        _ => None,
    }
}

/// Reads and checks every row against the organisation's teams and people.
pub(crate) fn check(
    text: &str,
    teams: &HashMap<String, (i64, String)>,
    known: &HashMap<String, Option<i64>>,
    org: i64,
) -> ImportPreview {
    let mut out = ImportPreview::default();
    let first = text.lines().next().unwrap_or("");
    let delim = if first.matches(';').count() >= first.matches(',').count() { b';' } else { b',' };
    let mut rdr =
        csv::ReaderBuilder::new().delimiter(delim).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(_) => {
            out.errors.push(RowError { line: 1, key: "error-import-header", value: String::new() });
            return out;
        }
    };
    let cols: Vec<Option<&str>> = headers.iter().map(column).collect();
    let idx = |name: &str| cols.iter().position(|c| *c == Some(name));
    let (Some(i_name), Some(i_email), Some(i_prof), Some(i_team), Some(i_role)) =
        (idx("name"), idx("email"), idx("profession"), idx("team"), idx("role"))
    else {
        out.errors.push(RowError {
            line: 1,
            key: "error-import-header",
            value: headers.iter().collect::<Vec<_>>().join(", "),
        });
        return out;
    };
    let mut first_seen: HashMap<String, (String, Profession)> = HashMap::new();
    for (n, rec) in rdr.records().enumerate() {
        let line = n as u64 + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| line_at(text, p.byte())).unwrap_or(line);
                out.errors.push(RowError { line, key: "error-import-unreadable", value: String::new() });
                continue;
            }
        };
        let line = rec.position().map(|p| line_at(text, p.byte())).unwrap_or(line);
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        if out.rows.len() + out.errors.len() >= MAX_ROWS {
            out.errors.push(RowError { line, key: "error-import-too-many-rows", value: MAX_ROWS.to_string() });
            break;
        }
        let get = |i: usize| rec.get(i).unwrap_or("").to_string();
        let before = out.errors.len();
        let mut err = |key: &'static str, value: String| out.errors.push(RowError { line, key, value });
        let name = PersonName::parse(&get(i_name)).map_err(|e| err(e.key, get(i_name))).ok();
        let email = Email::parse(&get(i_email)).map_err(|e| err(e.key, get(i_email))).ok();
        let profession = Profession::parse(&get(i_prof)).map_err(|e| err(e.key, get(i_prof))).ok();
        let role = TeamRole::parse(&get(i_role)).map_err(|e| err(e.key, get(i_role))).ok();
        let team = teams.get(&get(i_team).to_lowercase()).cloned();
        if team.is_none() {
            err("error-import-team-unknown", get(i_team));
        }
        let mut existing = false;
        if let Some(email) = &email {
            match known.get(email.as_str()) {
                Some(Some(o)) if *o == org => existing = true,
                Some(_) => err("error-email-taken", email.as_str().to_string()),
                None => {}
            }
            if let (Some(name), Some(prof)) = (&name, profession) {
                match first_seen.get(email.as_str()) {
                    Some((n, p)) if n != name.as_str() || *p != prof => {
                        err("error-import-conflicting-rows", email.as_str().to_string())
                    }
                    Some(_) => {}
                    None => {
                        first_seen.insert(email.as_str().to_string(), (name.as_str().to_string(), prof));
                    }
                }
            }
        }
        if out.errors.len() == before {
            let (team_id, team) = team.unwrap();
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
        out.errors.push(RowError { line: 1, key: "error-import-empty", value: String::new() });
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

impl Kartrekker {
    async fn check_import(&self, c: &mut crate::db::Conn, org: i64, text: &str) -> Result<ImportPreview> {
        let teams =
            orgs::teams(c, org).await?.into_iter().map(|(t, _)| (t.name.to_lowercase(), (t.id, t.name))).collect();
        let known = people::emails(c).await?.into_iter().collect();
        Ok(check(text, &teams, &known, org))
    }

    pub async fn preview_import(&self, actor: &Actor, text: &str) -> Result<ImportPreview> {
        let org = admin_org(actor)?;
        self.check_import(&mut self.conn().await?, org, text).await
    }

    /// Checks again inside the transaction and imports all rows, or none.
    pub async fn import_people(&self, actor: &Actor, text: &str) -> Result<ImportPreview> {
        let org = admin_org(actor)?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let preview = self.check_import(&mut tx, org, text).await?;
        if !preview.is_valid() {
            return Ok(preview);
        }
        let mut ids: HashMap<String, i64> = HashMap::new();
        for row in &preview.rows {
            let id = match ids.get(&row.email) {
                Some(id) => *id,
                None => {
                    let id = match people::by_email(&mut tx, &row.email).await? {
                        Some(p) => p.id,
                        None => {
                            let new = people::NewPerson {
                                org_id: Some(org),
                                email: &row.email,
                                name: &row.name,
                                profession: row.profession,
                                is_instance_admin: false,
                            };
                            let id = people::insert(&mut tx, &new, now).await?;
                            self.enqueue(
                                &mut tx,
                                &Job::SendLink { person_id: id, purpose: TokenPurpose::Invitation },
                                None,
                            )
                            .await?;
                            id
                        }
                    };
                    ids.insert(row.email.clone(), id);
                    id
                }
            };
            self.add_membership(&mut tx, actor, (org, row.team_id), id, row.role).await?;
        }
        self.audit(&mut tx, Entry::by(actor, AuditAction::ImportPeople, format!("rows:{}", preview.rows.len())))
            .await?;
        tx.commit().await.map_err(Error::Db)?;
        Ok(preview)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn teams() -> HashMap<String, (i64, String)> {
        HashMap::from([("interne b3".to_string(), (7, "Interne B3".to_string()))])
    }

    #[test]
    fn excel_files_in_windows_1252_are_read() {
        assert_eq!(decode(b"Zo\xEB \x80"), "Zoë €");
        assert_eq!(decode("\u{feff}Zoë".as_bytes()), "Zoë");
    }

    #[test]
    fn every_bad_row_is_named_by_its_line() {
        let csv = "rol;team;naam;e-mail;beroep\nlid;Interne B3;Sanne;sanne@x.nl;hbo-v\nlid;Interne B3;;leeg@x.nl;hbo-v\n\nkoning;Interne B3;Piet;piet@x.nl;hbo-v\n";
        let p = check(csv, &teams(), &HashMap::new(), 1);
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].team_id, 7);
        let lines: Vec<(u64, &str)> = p.errors.iter().map(|e| (e.line, e.key)).collect();
        assert_eq!(lines, vec![(3, "error-name-required"), (5, "error-role-unknown")]);
        assert!(!p.is_valid());
    }

    #[test]
    fn addresses_of_other_organisations_are_refused_and_own_people_kept() {
        let known = HashMap::from([("a@x.nl".to_string(), Some(1)), ("b@x.nl".to_string(), Some(2))]);
        let csv = "name,email,profession,team,role\nA,a@x.nl,arts,Interne B3,member\nB,b@x.nl,arts,Interne B3,member\n";
        let p = check(csv, &teams(), &known, 1);
        assert!(p.rows[0].existing);
        assert_eq!(p.errors, vec![RowError { line: 3, key: "error-email-taken", value: "b@x.nl".into() }]);
        assert_eq!(p.new_people(), 0);
    }

    #[test]
    fn a_file_without_people_or_header_is_refused() {
        assert_eq!(check("", &teams(), &HashMap::new(), 1).errors[0].key, "error-import-header");
        assert_eq!(
            check("naam;e-mail;beroep;team;rol\n", &teams(), &HashMap::new(), 1).errors[0].key,
            "error-import-empty"
        );
    }
}
