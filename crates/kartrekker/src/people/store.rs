//! SQL for people.

use crate::db::Row;

use super::model::{Language, Profession};
use crate::auth::Actor;
use crate::db::{Conn, DbError, flag};

#[derive(Clone, Debug)]
pub struct Person {
    pub id: i64,
    pub org_id: Option<i64>,
    pub email: String,
    pub name: String,
    pub profession: Profession,
    pub language: Option<Language>,
    pub is_instance_admin: bool,
    /// False until an invitation is accepted.
    pub active: bool,
}

/// The person columns `person()` reads, then the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        select!("", $rest)
    };
    ($extra:expr, $rest:literal) => {
        concat!(
            "SELECT id, org_id, email, name, profession, language, is_instance_admin, \
             CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END",
            $extra,
            " FROM people ",
            $rest
        )
    };
}

fn person(r: Row) -> Result<Person, DbError> {
    let prof: String = r.try_get(4)?;
    let lang: Option<String> = r.try_get(5)?;
    Ok(Person {
        id: r.try_get(0)?,
        org_id: r.try_get(1)?,
        email: r.try_get(2)?,
        name: r.try_get(3)?,
        profession: Profession::ALL.into_iter().find(|p| p.code() == prof).unwrap_or(Profession::Other),
        language: lang.as_deref().and_then(Language::parse),
        is_instance_admin: r.try_get::<i64>(6)? != 0,
        active: r.try_get::<i64>(7)? != 0,
    })
}

pub struct NewPerson<'a> {
    pub org_id: Option<i64>,
    pub email: &'a str,
    pub name: &'a str,
    pub profession: Profession,
    pub is_instance_admin: bool,
}

pub async fn insert(c: &mut Conn, p: &NewPerson<'_>, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO people (org_id, email, name, profession, is_instance_admin, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(p.org_id)
    .bind(p.email)
    .bind(p.name)
    .bind(p.profession.code())
    .bind(flag(p.is_instance_admin))
    .bind(now)
    .fetch_one(c)
    .await
}

/// The columns an `Actor` adds to a person's (8, 9 and 10, read by `actor()`):
/// their organisation roles and their team roles, each aggregated into one
/// column, and the organisation's name. One query instead of three round trips.
macro_rules! actor_columns {
    () => {
        ", (SELECT string_agg(o.role, ',') FROM org_roles o WHERE o.person_id = people.id), \
         (SELECT string_agg(m.team_id || ':' || m.role, ',') FROM team_members m WHERE m.person_id = people.id), \
         (SELECT o.name FROM organisations o WHERE o.id = people.org_id)"
    };
}

fn actor(r: Row) -> Result<Actor, DbError> {
    let (org, teams): (Option<String>, Option<String>) = (r.try_get(8)?, r.try_get(9)?);
    let (org_roles, team_roles) = crate::organisations::store::aggregated_roles(org.as_deref(), teams.as_deref(), 9)?;
    let organisation: Option<String> = r.try_get(10)?;
    Ok(Actor { person: person(r)?, organisation, org_roles, team_roles })
}

/// A person with their roles and organisation.
pub async fn actor_by_id(c: &mut Conn, id: i64) -> Result<Option<Actor>, DbError> {
    crate::db::query(select!(actor_columns!(), "WHERE id = $1"))
        .bind(id)
        .fetch_optional(c)
        .await?
        .map(actor)
        .transpose()
}

/// Who is behind a live session, and the session's CSRF token and expiry.
pub struct SessionPerson {
    pub actor: Actor,
    pub csrf: String,
    pub expires: i64,
}

/// Who is asking, in one query, as every request asks it.
pub async fn by_session(c: &mut Conn, token_hash: &str, now: i64) -> Result<Option<SessionPerson>, DbError> {
    let Some(r) = crate::db::query(select!(
        concat!(actor_columns!(), ", s.csrf, s.expires_at"),
        "JOIN sessions s ON s.person_id = people.id WHERE s.token_hash = $1 AND s.expires_at > $2"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(c)
    .await?
    else {
        return Ok(None);
    };
    let (csrf, expires): (String, i64) = (r.try_get(11)?, r.try_get(12)?);
    Ok(Some(SessionPerson { actor: actor(r)?, csrf, expires }))
}

pub async fn by_id(c: &mut Conn, id: i64) -> Result<Option<Person>, DbError> {
    crate::db::query(select!("WHERE id = $1")).bind(id).fetch_optional(c).await?.map(person).transpose()
}

pub async fn in_org(c: &mut Conn, org_id: i64, id: i64) -> Result<Option<Person>, DbError> {
    crate::db::query(select!("WHERE id = $1 AND org_id = $2"))
        .bind(id)
        .bind(org_id)
        .fetch_optional(c)
        .await?
        .map(person)
        .transpose()
}

pub async fn by_email(c: &mut Conn, email: &str) -> Result<Option<Person>, DbError> {
    crate::db::query(select!("WHERE email = $1")).bind(email).fetch_optional(c).await?.map(person).transpose()
}

pub async fn of_org(c: &mut Conn, org_id: i64) -> Result<Vec<Person>, DbError> {
    let rows = crate::db::query(select!("WHERE org_id = $1 ORDER BY name, id")).bind(org_id).fetch_all(c).await?;
    rows.into_iter().map(person).collect()
}

pub async fn password_hash(c: &mut Conn, id: i64) -> Result<Option<String>, DbError> {
    crate::db::query_scalar("SELECT password_hash FROM people WHERE id = $1").bind(id).fetch_one(c).await
}

pub async fn set_password_hash(c: &mut Conn, id: i64, hash: &str) -> Result<(), DbError> {
    crate::db::query("UPDATE people SET password_hash = $1 WHERE id = $2").bind(hash).bind(id).execute(c).await?;
    Ok(())
}

pub async fn set_language(c: &mut Conn, id: i64, lang: Option<Language>) -> Result<(), DbError> {
    crate::db::query("UPDATE people SET language = $1 WHERE id = $2")
        .bind(lang.map(Language::code))
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn update(c: &mut Conn, id: i64, name: &str, profession: Profession) -> Result<(), DbError> {
    crate::db::query("UPDATE people SET name = $1, profession = $2 WHERE id = $3")
        .bind(name)
        .bind(profession.code())
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn count(c: &mut Conn) -> Result<i64, DbError> {
    crate::db::query_scalar("SELECT COUNT(*) FROM people").fetch_one(c).await
}
