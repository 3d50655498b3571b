//! Assembling the export: every part as JSON and as CSV, the audit entries
//! by and about the person last, all in one ZIP.

use std::io::Write;

use serde_json::{Map, Value as Json};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::store::PARTS;
use crate::audit::{AuditAction, AuditRow, Entry};
use crate::auth::Actor;
use crate::clock::DAY_MS;
use crate::dates::Date;
use crate::db::Value;
use crate::{Error, Kartrekker, Result};

/// A moment as ISO 8601 in UTC: "2026-12-03T08:15:00Z".
fn iso(ms: i64) -> String {
    let day = Date::from_ymd(1970, 1, 1).expect("the epoch").add_days(ms.div_euclid(DAY_MS));
    let s = ms.rem_euclid(DAY_MS) / 1000;
    format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

fn json(column: &str, v: &Value) -> Json {
    match v {
        Value::Int(ms) if column.ends_with("_at") || column == "at" => Json::String(iso(*ms)),
        Value::Int(i) => Json::from(*i),
        Value::Real(f) => Json::from(*f),
        Value::Text(s) => Json::String(s.clone()),
        Value::Null(_) | Value::Blob(_) => Json::Null,
    }
}

fn text(j: &Json) -> String {
    match j {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

/// One part: its name, its columns, its rows as JSON objects.
struct Table {
    name: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<Map<String, Json>>,
}

impl Table {
    fn csv(&self) -> String {
        let rows = self.rows.iter().map(|r| self.columns.iter().map(|c| text(&r[*c])).collect::<Vec<_>>());
        crate::csv_export::excel(&self.columns, rows)
    }
}

fn audit_table(rows: &[AuditRow]) -> Table {
    let columns = vec!["at", "by", "action", "subject", "about", "address"];
    let rows = rows
        .iter()
        .map(|r| {
            let mut m = Map::new();
            m.insert("at".into(), Json::String(iso(r.at)));
            m.insert("by".into(), r.actor_name.clone().map_or(Json::Null, Json::String));
            m.insert("action".into(), Json::String(r.action.code().into()));
            m.insert("subject".into(), Json::String(r.subject.clone()));
            m.insert("about".into(), r.subject_name.clone().map_or(Json::Null, Json::String));
            m.insert("address".into(), r.address.clone().map_or(Json::Null, Json::String));
            m
        })
        .collect();
    Table { name: "audit_log", columns, rows }
}

impl Kartrekker {
    /// Everything stored about the actor, as a ZIP of `data.json` and one
    /// CSV file per part. The download is itself in the audit trail (and in
    /// the file).
    pub async fn personal_data_zip(&self, actor: &Actor) -> Result<Vec<u8>> {
        let me = actor.id();
        let mut c = self.conn().await?;
        self.audit(&mut c, Entry::by(actor, AuditAction::ExportPersonalData, format!("person:{me}")).about(me)).await?;
        let mut tables = Vec::new();
        for part in PARTS {
            let rows = part.rows(&mut c, me).await?;
            let rows = rows
                .iter()
                .map(|r| part.columns.iter().zip(r).map(|(col, v)| (col.to_string(), json(col, v))).collect())
                .collect();
            tables.push(Table { name: part.name, columns: part.columns.to_vec(), rows });
        }
        tables.push(audit_table(&crate::audit::store::by_or_about(&mut c, me).await?));
        drop(c);
        let mut all = Map::new();
        all.insert("exported_at".into(), Json::String(iso(self.now())));
        for t in &tables {
            all.insert(t.name.into(), Json::Array(t.rows.iter().cloned().map(Json::Object).collect()));
        }
        let zip_error = |e: zip::result::ZipError| Error::Internal(format!("personal data zip: {e}"));
        let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let json = serde_json::to_vec_pretty(&Json::Object(all)).map_err(|e| Error::Internal(e.to_string()))?;
        let files = std::iter::once(("data.json".to_string(), json))
            .chain(tables.iter().map(|t| (format!("{}.csv", t.name), t.csv().into_bytes())));
        for (name, bytes) in files {
            zip.start_file(name, options).map_err(zip_error)?;
            zip.write_all(&bytes).map_err(|e| Error::Internal(e.to_string()))?;
        }
        Ok(zip.finish().map_err(zip_error)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn moments_are_iso_8601_in_utc() {
        assert_eq!(super::iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::iso(1_796_285_700_000), "2026-12-03T08:15:00Z");
    }
}
