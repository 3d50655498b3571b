//! The schema as the database reports it, one line per fact (column, key,
//! foreign key, index), written the same way for both backends, so that a
//! test can prove the migrations make the same schema on both engines.

use std::collections::BTreeSet;

use super::{Backend, Db, DbError, query};

/// Sorted lines such as `column people.email text NOT NULL` or
/// `index actions_team ON actions(team_id, status, updated_at)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schema(pub BTreeSet<String>);

impl Schema {
    /// The tables, from their `table` lines.
    pub fn tables(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(|l| l.strip_prefix("table ")).filter(|t| !t.contains(' '))
    }
}

pub(super) async fn read(db: &Db) -> Result<Schema, DbError> {
    let mut lines = BTreeSet::new();
    match db.backend {
        Backend::Sqlite => sqlite(db, &mut lines).await?,
        Backend::Postgres => postgres(db, &mut lines).await?,
    }
    Ok(Schema(lines))
}

const SQLITE_TABLES: &str = "SELECT name AS tbl, wr FROM pragma_table_list \
     WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'";

async fn sqlite(db: &Db, lines: &mut BTreeSet<String>) -> Result<(), DbError> {
    let mut without_rowid = BTreeSet::new();
    for r in query(SQLITE_TABLES).fetch_all(db).await? {
        let (table, wr): (String, i64) = (r.get("tbl")?, r.get("wr")?);
        lines.insert(format!("table {table}"));
        if wr == 1 {
            lines.insert(format!("table {table} WITHOUT ROWID"));
            without_rowid.insert(table);
        }
    }

    let columns = query(
        "SELECT t.name AS tbl, c.name AS col, c.type AS type, c.\"notnull\" AS not_null, \
         c.dflt_value AS dflt, c.pk AS pk, (SELECT COUNT(*) FROM pragma_table_info(t.name) k WHERE k.pk > 0) AS keys \
         FROM pragma_table_list t JOIN pragma_table_info(t.name) c \
         WHERE t.schema = 'main' AND t.type = 'table' AND t.name NOT LIKE 'sqlite_%' ORDER BY tbl, c.pk",
    )
    .fetch_all(db)
    .await?;
    let mut keys = Vec::new();
    for r in columns {
        let (table, column, ty): (String, String, String) = (r.get("tbl")?, r.get("col")?, r.get("type")?);
        let (pk, key_columns): (i64, i64) = (r.get("pk")?, r.get("keys")?);
        // INTEGER PRIMARY KEY alone names the rowid: never NULL, numbered by SQLite.
        let rowid =
            ty.eq_ignore_ascii_case("INTEGER") && pk == 1 && key_columns == 1 && !without_rowid.contains(&table);
        let default = if rowid { Some("<generated>".to_string()) } else { r.get("dflt")? };
        // SQLite lets a key column of a rowid table hold NULL unless it is
        // declared NOT NULL (a documented legacy bug); PostgreSQL never does.
        // No key is ever written NULL, so a key column counts as NOT NULL.
        let not_null = r.get::<i64>("not_null")? == 1 || pk > 0;
        lines.insert(column_line(&table, &column, sqlite_type(&ty), not_null, default.as_deref()));
        if pk > 0 {
            keys.push((table, column));
        }
    }
    for (table, cols) in group(keys) {
        lines.insert(format!("primary key {table}({})", cols.join(", ")));
    }

    let foreign = query(
        "SELECT t.name AS tbl, f.id AS id, f.\"from\" AS col, f.\"table\" AS ref_table, f.\"to\" AS ref_col, \
         f.on_delete AS on_delete, f.on_update AS on_update \
         FROM pragma_table_list t JOIN pragma_foreign_key_list(t.name) f \
         WHERE t.schema = 'main' AND t.type = 'table' AND t.name NOT LIKE 'sqlite_%' ORDER BY tbl, f.id, f.seq",
    )
    .fetch_all(db)
    .await?;
    let mut groups = Vec::new();
    for r in foreign {
        let key = (r.get::<String>("tbl")?, r.get::<i64>("id")?);
        groups.push((key, r));
    }
    for (_, rows) in group(groups) {
        let cols = |name: &str| rows.iter().map(|r| r.get::<String>(name)).collect::<Result<Vec<_>, _>>();
        lines.insert(foreign_key_line(
            &rows[0].get::<String>("tbl")?,
            &cols("col")?,
            &rows[0].get::<String>("ref_table")?,
            &cols("ref_col")?,
            &rows[0].get::<String>("on_delete")?,
            &rows[0].get::<String>("on_update")?,
        ));
    }

    // Indexes made by PRIMARY KEY (origin 'pk') are the key line above.
    let indexes = query(
        "SELECT t.name AS tbl, l.name AS idx, l.\"unique\" AS is_unique, l.origin AS origin, s.sql AS sql, \
         i.name AS col \
         FROM pragma_table_list t JOIN pragma_index_list(t.name) l JOIN pragma_index_info(l.name) i \
         LEFT JOIN sqlite_master s ON s.type = 'index' AND s.name = l.name \
         WHERE t.schema = 'main' AND t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND l.origin <> 'pk' \
         ORDER BY tbl, idx, i.seqno",
    )
    .fetch_all(db)
    .await?;
    let mut groups = Vec::new();
    for r in indexes {
        let key = r.get::<String>("idx")?;
        groups.push((key, r));
    }
    for (_, rows) in group(groups) {
        let first = &rows[0];
        let table = first.get::<String>("tbl")?;
        let cols = rows.iter().map(|r| r.get::<Option<String>>("col").map(|c| c.unwrap_or("<expression>".into())));
        let cols = cols.collect::<Result<Vec<_>, _>>()?;
        if first.get::<String>("origin")? == "u" {
            lines.insert(format!("unique {table}({})", cols.join(", ")));
            continue;
        }
        let sql = first.get::<Option<String>>("sql")?.unwrap_or_default();
        let predicate = sql.to_ascii_lowercase().find(" where ").map(|at| sql[at + 7..].to_string());
        lines.insert(index_line(
            &first.get::<String>("idx")?,
            &table,
            &cols,
            first.get::<i64>("is_unique")? == 1,
            predicate.as_deref(),
        ));
    }
    Ok(())
}

async fn postgres(db: &Db, lines: &mut BTreeSet<String>) -> Result<(), DbError> {
    let tables = query(
        "SELECT table_name::text AS tbl FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    for r in tables.fetch_all(db).await? {
        lines.insert(format!("table {}", r.get::<String>("tbl")?));
    }

    let columns = query(
        "SELECT table_name::text AS tbl, column_name::text AS col, data_type::text AS type, \
         is_nullable::text AS nullable, column_default::text AS dflt \
         FROM information_schema.columns WHERE table_schema = current_schema()",
    );
    for r in columns.fetch_all(db).await? {
        let default = r
            .get::<Option<String>>("dflt")?
            .map(|d| if d.starts_with("nextval(") { "<generated>".to_string() } else { without_casts(&d) });
        lines.insert(column_line(
            &r.get::<String>("tbl")?,
            &r.get::<String>("col")?,
            postgres_type(&r.get::<String>("type")?),
            r.get::<String>("nullable")? == "NO",
            default.as_deref(),
        ));
    }

    // Keys, unique constraints and foreign keys, their columns in order.
    let columns_of = |rel: &str, keys: &str| {
        format!(
            "(SELECT string_agg(a.attname::text, ', ' ORDER BY k.n) FROM unnest(c.{keys}) WITH ORDINALITY k(attnum, n) \
             JOIN pg_attribute a ON a.attrelid = c.{rel} AND a.attnum = k.attnum)"
        )
    };
    let constraints = format!(
        "SELECT t.relname::text AS tbl, c.contype::text AS kind, {} AS cols, r.relname::text AS ref_table, \
         {} AS ref_cols, c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update \
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid LEFT JOIN pg_class r ON r.oid = c.confrelid \
         WHERE c.connamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f')",
        columns_of("conrelid", "conkey"),
        columns_of("confrelid", "confkey"),
    );
    for r in query(super::AssertSqlSafe(constraints)).fetch_all(db).await? {
        let (table, cols): (String, String) = (r.get("tbl")?, r.get("cols")?);
        let line = match r.get::<String>("kind")?.as_str() {
            "p" => format!("primary key {table}({cols})"),
            "u" => format!("unique {table}({cols})"),
            _ => foreign_key_line(
                &table,
                &[cols],
                &r.get::<String>("ref_table")?,
                &[r.get::<String>("ref_cols")?],
                postgres_action(&r.get::<String>("on_delete")?),
                postgres_action(&r.get::<String>("on_update")?),
            ),
        };
        lines.insert(line);
    }

    // Indexes other than those that serve a key or unique constraint.
    let indexes = "SELECT t.relname::text AS tbl, i.relname::text AS idx, x.indisunique AS is_unique, \
         pg_get_expr(x.indpred, x.indrelid) AS predicate, \
         (SELECT string_agg(pg_get_indexdef(x.indexrelid, k, true), ', ' ORDER BY k) \
          FROM generate_series(1, x.indnkeyatts) k) AS cols \
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
         WHERE t.relnamespace = current_schema()::regnamespace \
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)";
    for r in query(indexes).fetch_all(db).await? {
        lines.insert(index_line(
            &r.get::<String>("idx")?,
            &r.get::<String>("tbl")?,
            &[r.get::<String>("cols")?],
            r.get::<bool>("is_unique")?,
            r.get::<Option<String>>("predicate")?.as_deref(),
        ));
    }
    Ok(())
}

/// Consecutive items with the same key, together under it.
fn group<K: PartialEq, V>(items: Vec<(K, V)>) -> Vec<(K, Vec<V>)> {
    let mut out: Vec<(K, Vec<V>)> = Vec::new();
    for (key, item) in items {
        match out.last_mut() {
            Some((k, group)) if *k == key => group.push(item),
            _ => out.push((key, vec![item])),
        }
    }
    out
}

fn column_line(table: &str, column: &str, ty: String, not_null: bool, default: Option<&str>) -> String {
    let mut line = format!("column {table}.{column} {ty}");
    if not_null {
        line.push_str(" NOT NULL");
    }
    if let Some(d) = default {
        line.push_str(&format!(" DEFAULT {d}"));
    }
    line
}

fn foreign_key_line(table: &str, cols: &[String], to: &str, to_cols: &[String], delete: &str, update: &str) -> String {
    format!(
        "foreign key {table}({}) REFERENCES {to}({}) ON DELETE {} ON UPDATE {}",
        cols.join(", "),
        to_cols.join(", "),
        delete.to_ascii_uppercase(),
        update.to_ascii_uppercase()
    )
}

fn index_line(name: &str, table: &str, cols: &[String], unique: bool, predicate: Option<&str>) -> String {
    let unique = if unique { "unique " } else { "" };
    let mut line = format!("{unique}index {name} ON {table}({})", cols.join(", "));
    if let Some(p) = predicate {
        line.push_str(&format!(" WHERE {}", predicate_text(p)));
    }
    line
}

/// SQLite keeps the declared type name; every integer there is 64 bits,
/// so only PostgreSQL's BIGINT matches it (a 32-bit INTEGER would not).
fn sqlite_type(declared: &str) -> String {
    match declared.to_ascii_uppercase().as_str() {
        "INTEGER" | "BIGINT" | "INT" => "integer".into(),
        "TEXT" => "text".into(),
        "REAL" | "DOUBLE PRECISION" | "FLOAT" | "DOUBLE" => "real".into(),
        other => other.to_ascii_lowercase(),
    }
}

fn postgres_type(data_type: &str) -> String {
    match data_type {
        "bigint" => "integer".into(),
        "double precision" => "real".into(),
        "integer" => "int4 (32 bits)".into(),
        other => other.into(),
    }
}

/// pg_constraint's one-letter referential actions, in words.
fn postgres_action(code: &str) -> &'static str {
    match code {
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        "r" => "RESTRICT",
        _ => "NO ACTION",
    }
}

/// PostgreSQL writes defaults and predicates with casts (`''::text`).
fn without_casts(expression: &str) -> String {
    let mut out = String::new();
    let mut rest = expression;
    while let Some(at) = rest.find("::") {
        out.push_str(&rest[..at]);
        rest = rest[at + 2..].trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
        // Two-word type names.
        rest = rest.strip_prefix(" varying").or_else(|| rest.strip_prefix(" precision")).unwrap_or(rest);
    }
    out + rest
}

/// A partial index's WHERE as one comparable text: no casts, no
/// parentheses, single spaces, lower case.
fn predicate_text(p: &str) -> String {
    let p = without_casts(p).replace(['(', ')'], " ");
    p.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase().trim_end_matches(';').trim().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn casts_and_parentheses_do_not_count() {
        assert_eq!(super::without_casts("''::text"), "''");
        assert_eq!(super::without_casts("nextval('a'::regclass)"), "nextval('a')");
        assert_eq!(super::predicate_text("(status = 'open'::text)"), super::predicate_text("status = 'open'"));
        assert_eq!(
            super::predicate_text("((done_at IS NULL) AND (kind = 'mail'::character varying) AND x = 1)"),
            "done_at is null and kind = 'mail' and x = 1"
        );
    }
}
