//! SQL for instruments, responses and answers.

use super::definition::AnswerValue;
use super::model::{InstrumentRow, ResponseRow, ResponseStatus};
use crate::db::{AssertSqlSafe, Conn, DbError, Row, placeholder_list, placeholder_rows};

/// The owner of a shipped instrument; an organisation's own are "org:<id>".
pub const SHIPPED_OWNER: &str = "kartrekker";

pub fn org_owner(org_id: i64) -> String {
    format!("org:{org_id}")
}

pub struct NewInstrument<'a> {
    pub owner: &'a str,
    pub org_id: Option<i64>,
    pub slug: &'a str,
    pub version: i64,
    pub title_nl: &'a str,
    pub title_en: &'a str,
    pub source: &'a str,
    pub created_by: Option<i64>,
}

/// Stores an instrument version; an existing (owner, slug, version) stays as it is.
pub async fn insert_instrument(c: &mut Conn, i: &NewInstrument<'_>, now: i64) -> Result<bool, DbError> {
    let n = crate::db::query(
        "INSERT INTO instruments (owner, org_id, slug, version, title_nl, title_en, source, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (owner, slug, version) DO NOTHING",
    )
    .bind(i.owner)
    .bind(i.org_id)
    .bind(i.slug)
    .bind(i.version)
    .bind(i.title_nl)
    .bind(i.title_en)
    .bind(i.source)
    .bind(i.created_by)
    .bind(now)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n == 1)
}

macro_rules! select {
    ($rest:literal) => {
        concat!("SELECT id, org_id, slug, version, title_nl, title_en, source FROM instruments ", $rest)
    };
}

fn row(r: Row) -> Result<InstrumentRow, DbError> {
    Ok(crate::from_row!(r => InstrumentRow { id, org_id, slug, version, title_nl, title_en, source }))
}

/// The instruments an organisation can use: shipped ones and its own, every version.
pub async fn available(c: &mut Conn, org_id: i64) -> Result<Vec<InstrumentRow>, DbError> {
    let rows = crate::db::query(select!("WHERE org_id IS NULL OR org_id = $1 ORDER BY slug, version DESC"))
        .bind(org_id)
        .fetch_all(c)
        .await?;
    rows.into_iter().map(row).collect()
}

pub async fn by_id(c: &mut Conn, id: i64) -> Result<Option<InstrumentRow>, DbError> {
    crate::db::query(select!("WHERE id = $1")).bind(id).fetch_optional(c).await?.map(row).transpose()
}

/// The newest version of a shipped instrument.
pub async fn latest_shipped(c: &mut Conn, slug: &str) -> Result<Option<InstrumentRow>, DbError> {
    crate::db::query(select!("WHERE owner = 'kartrekker' AND slug = $1 ORDER BY version DESC LIMIT 1"))
        .bind(slug)
        .fetch_optional(c)
        .await?
        .map(row)
        .transpose()
}

pub async fn highest_version(c: &mut Conn, owner: &str, slug: &str) -> Result<Option<i64>, DbError> {
    crate::db::query_scalar("SELECT MAX(version) FROM instruments WHERE owner = $1 AND slug = $2")
        .bind(owner)
        .bind(slug)
        .fetch_one(c)
        .await
}

pub async fn insert_response(
    c: &mut Conn,
    instrument_id: i64,
    org_id: Option<i64>,
    respondent_id: Option<i64>,
    context: &str,
    now: i64,
) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO responses (instrument_id, org_id, respondent_id, context, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'draft', $5, $5) RETURNING id",
    )
    .bind(instrument_id)
    .bind(org_id)
    .bind(respondent_id)
    .bind(context)
    .bind(now)
    .fetch_one(c)
    .await
}

macro_rules! select_response {
    ($rest:literal) => {
        concat!("SELECT id, instrument_id, org_id, respondent_id, context, status FROM responses ", $rest)
    };
}

fn response(r: Row) -> Result<ResponseRow, DbError> {
    Ok(crate::from_row!(r => ResponseRow { id, instrument_id, org_id, respondent_id, context,
        submitted = r.get::<ResponseStatus>("status")? == ResponseStatus::Submitted }))
}

pub async fn response_by_id(c: &mut Conn, id: i64) -> Result<Option<ResponseRow>, DbError> {
    crate::db::query(select_response!("WHERE id = $1")).bind(id).fetch_optional(c).await?.map(response).transpose()
}

pub async fn response_of(c: &mut Conn, respondent_id: i64, context: &str) -> Result<Option<ResponseRow>, DbError> {
    crate::db::query(select_response!("WHERE respondent_id = $1 AND context = $2"))
        .bind(respondent_id)
        .bind(context)
        .fetch_optional(c)
        .await?
        .map(response)
        .transpose()
}

pub async fn answers(c: &mut Conn, response_id: i64) -> Result<Vec<(String, AnswerValue)>, DbError> {
    let rows = crate::db::query("SELECT item_id, number, text FROM answers WHERE response_id = $1")
        .bind(response_id)
        .fetch_all(c)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        if let Some(value) = answer_value(r.get("number")?, r.get("text")?) {
            out.push((r.get("item_id")?, value));
        }
    }
    Ok(out)
}

/// A stored answer's value: a number, else a text (a row holds one of them).
pub(crate) fn answer_value(number: Option<i64>, text: Option<String>) -> Option<AnswerValue> {
    match (number, text) {
        (Some(n), _) => Some(AnswerValue::Number(n)),
        (None, Some(t)) => Some(AnswerValue::Text(t)),
        _ => None,
    }
}

/// Stores a page of answers in two statements at most: the emptied ones
/// removed, the others inserted or replaced.
pub async fn set_answers(
    c: &mut Conn,
    response_id: i64,
    values: &[(&str, Option<&AnswerValue>)],
) -> Result<(), DbError> {
    let emptied: Vec<&str> = values.iter().filter(|(_, v)| v.is_none()).map(|(item, _)| *item).collect();
    if !emptied.is_empty() {
        let mut q = crate::db::query(AssertSqlSafe(format!(
            "DELETE FROM answers WHERE response_id = $1 AND item_id IN ({})",
            placeholder_list(2, emptied.len())
        )))
        .bind(response_id);
        for item in emptied {
            q = q.bind(item);
        }
        q.execute(&mut *c).await?;
    }
    let given: Vec<(&str, &AnswerValue)> = values.iter().filter_map(|(item, v)| v.map(|v| (*item, v))).collect();
    if given.is_empty() {
        return Ok(());
    }
    let mut q = crate::db::query(AssertSqlSafe(format!(
        "INSERT INTO answers (response_id, item_id, number, text) VALUES {} \
         ON CONFLICT (response_id, item_id) DO UPDATE SET number = excluded.number, text = excluded.text",
        placeholder_rows(1, given.len(), 4)
    )));
    for (item, v) in given {
        let (n, t) = match v {
            AnswerValue::Number(n) => (Some(*n), None),
            AnswerValue::Text(t) => (None, Some(t.as_str())),
        };
        q = q.bind(response_id).bind(item).bind(n).bind(t);
    }
    q.execute(c).await?;
    Ok(())
}

/// Marks a draft submitted; false when it was submitted already (one winner).
pub async fn submit(c: &mut Conn, response_id: i64, now: i64) -> Result<bool, DbError> {
    let n = crate::db::query(
        "UPDATE responses SET status = 'submitted', submitted_at = $1, updated_at = $1 WHERE id = $2 AND status = 'draft'",
    )
    .bind(now)
    .bind(response_id)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n == 1)
}

pub async fn touch(c: &mut Conn, response_id: i64, now: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE responses SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(response_id)
        .execute(c)
        .await?;
    Ok(())
}
