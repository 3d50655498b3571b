//! SQL for people.

pub mod lifecycle;

use super::model::{Language, Person, Profession};
use crate::auth::Actor;
use crate::db::{Conn, DbError, Row, flag};

/// The person columns `person()` reads, then the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        select!("", $rest)
    };
    ($extra:expr, $rest:literal) => {
        concat!(
            "SELECT people.id, people.org_id, people.account_id, a.email, people.name, people.profession, \
             a.language, a.is_instance_admin, CASE WHEN people.joined_at IS NULL THEN 0 ELSE 1 END AS active, \
             CASE WHEN people.deactivated_at IS NULL THEN 0 ELSE 1 END AS deactivated, \
             CASE WHEN people.erased_at IS NULL THEN 0 ELSE 1 END AS erased",
            $extra,
            " FROM people JOIN accounts a ON a.id = people.account_id ",
            $rest
        )
    };
}

fn person(r: &Row) -> Result<Person, DbError> {
    Ok(Person {
        id: r.get("id")?,
        org_id: r.get("org_id")?,
        account_id: r.get("account_id")?,
        email: r.get("email")?,
        name: r.get("name")?,
        profession: r.get("profession")?,
        language: r.get("language")?,
        is_instance_admin: r.get("is_instance_admin")?,
        active: r.get("active")?,
        deactivated: r.get("deactivated")?,
        erased: r.get("erased")?,
    })
}

pub struct NewPerson<'a> {
    pub org_id: Option<i64>,
    pub email: &'a str,
    pub name: &'a str,
    pub profession: Profession,
    pub is_instance_admin: bool,
}

/// A person in an organisation, on the account of their address: the
/// account is made when the address is new. A second person of the same
/// account in one organisation is a unique violation.
pub async fn insert(c: &mut Conn, p: &NewPerson<'_>, now: i64) -> Result<i64, DbError> {
    let account: i64 = crate::db::query_scalar(
        "INSERT INTO accounts (email, is_instance_admin, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (email) DO UPDATE SET is_instance_admin = CASE WHEN $2 = 1 THEN 1 ELSE accounts.is_instance_admin END RETURNING id",
    )
    .bind(p.email)
    .bind(flag(p.is_instance_admin))
    .bind(now)
    .fetch_one(&mut *c)
    .await?;
    crate::db::query_scalar(
        "INSERT INTO people (org_id, account_id, name, profession, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(p.org_id)
    .bind(account)
    .bind(p.name)
    .bind(p.profession)
    .bind(now)
    .fetch_one(c)
    .await
}

/// The columns an `Actor` adds to a person's (read by `actor()`):
/// their organisation roles and their team roles, each aggregated into one
/// column, and the organisation's name. One query instead of three round trips.
macro_rules! actor_columns {
    () => {
        ", (SELECT string_agg(o.role, ',') FROM org_roles o WHERE o.person_id = people.id) AS org_roles, \
         (SELECT string_agg(m.team_id || ':' || m.role, ',') FROM team_members m WHERE m.person_id = people.id) \
           AS team_roles, \
         (SELECT o.name FROM organisations o WHERE o.id = people.org_id) AS organisation, \
         (SELECT COUNT(*) FROM people m WHERE m.account_id = people.account_id AND m.org_id IS NOT NULL \
           AND m.deactivated_at IS NULL) \
           AS memberships, \
         (SELECT COUNT(*) FROM account_totp t WHERE t.account_id = people.account_id AND t.confirmed_at IS NOT NULL) \
           AS two_step"
    };
}

fn actor(r: &Row) -> Result<Actor, DbError> {
    let (org_roles, team_roles) = crate::organisations::store::aggregated_roles(r, "org_roles", "team_roles")?;
    Ok(Actor {
        person: person(r)?,
        organisation: r.get("organisation")?,
        org_roles,
        team_roles,
        memberships: r.get("memberships")?,
        two_step: r.get::<i64>("two_step")? > 0,
        address: None,
        sso_org: None,
    })
}

/// A person with their roles and organisation.
pub async fn actor_by_id(c: &mut Conn, id: i64) -> Result<Option<Actor>, DbError> {
    crate::db::query(select!(actor_columns!(), "WHERE people.id = $1"))
        .bind(id)
        .fetch_optional(c)
        .await?
        .as_ref()
        .map(actor)
        .transpose()
}

/// Who is behind a live session, and the session's CSRF token, expiry and last use.
pub struct SessionPerson {
    pub actor: Actor,
    pub csrf: String,
    pub expires: i64,
    pub last_seen: i64,
}

/// Who is asking, in one query, as every request asks it.
pub async fn by_session(c: &mut Conn, token_hash: &str, now: i64) -> Result<Option<SessionPerson>, DbError> {
    let Some(r) = crate::db::query(select!(
        concat!(actor_columns!(), ", s.csrf, s.expires_at, s.last_seen_at, s.sso_org_id"),
        "JOIN sessions s ON s.person_id = people.id WHERE s.token_hash = $1 AND s.expires_at > $2 \
         AND people.deactivated_at IS NULL"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(c)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(SessionPerson {
        actor: Actor { sso_org: r.get("sso_org_id")?, ..actor(&r)? },
        csrf: r.get("csrf")?,
        expires: r.get("expires_at")?,
        last_seen: r.get("last_seen_at")?,
    }))
}

pub async fn by_id(c: &mut Conn, id: i64) -> Result<Option<Person>, DbError> {
    crate::db::query(select!("WHERE people.id = $1")).bind(id).fetch_optional(c).await?.as_ref().map(person).transpose()
}

/// A person of the organisation, unless erased (then they are gone from every page).
pub async fn in_org(c: &mut Conn, org_id: i64, id: i64) -> Result<Option<Person>, DbError> {
    crate::db::query(select!("WHERE people.id = $1 AND people.org_id = $2 AND people.erased_at IS NULL"))
        .bind(id)
        .bind(org_id)
        .fetch_optional(c)
        .await?
        .as_ref()
        .map(person)
        .transpose()
}

/// The first person of an address (see `of_account` for the order): the
/// one a log-in lands on, deactivated only when every membership is.
pub async fn by_email(c: &mut Conn, email: &str) -> Result<Option<Person>, DbError> {
    crate::db::query(select!(
        "WHERE a.email = $1 ORDER BY CASE WHEN people.deactivated_at IS NULL THEN 0 ELSE 1 END, \
         CASE WHEN people.joined_at IS NULL THEN 1 ELSE 0 END, people.id LIMIT 1"
    ))
    .bind(email)
    .fetch_optional(c)
    .await?
    .as_ref()
    .map(person)
    .transpose()
}

/// The people of one account: those not deactivated first, of those the
/// memberships taken up first, then the oldest.
pub async fn of_account(c: &mut Conn, account_id: i64) -> Result<Vec<Person>, DbError> {
    let rows = crate::db::query(select!(
        "WHERE people.account_id = $1 ORDER BY CASE WHEN people.deactivated_at IS NULL THEN 0 ELSE 1 END, \
         CASE WHEN people.joined_at IS NULL THEN 1 ELSE 0 END, people.id"
    ))
    .bind(account_id)
    .fetch_all(c)
    .await?;
    rows.iter().map(person).collect()
}

/// An account by its address: (id, password hash).
pub async fn account_by_email(c: &mut Conn, email: &str) -> Result<Option<(i64, Option<String>)>, DbError> {
    let row = crate::db::query("SELECT id, password_hash FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_optional(c)
        .await?;
    row.map(|r| Ok((r.get("id")?, r.get("password_hash")?))).transpose()
}

/// Whether the account has chosen a password.
pub async fn account_has_password(c: &mut Conn, account_id: i64) -> Result<bool, DbError> {
    crate::db::query_scalar("SELECT COUNT(*) FROM accounts WHERE id = $1 AND password_hash IS NOT NULL")
        .bind(account_id)
        .fetch_one(c)
        .await
        .map(|n: i64| n > 0)
}

/// Marks a membership taken up, the first time only.
pub async fn mark_joined(c: &mut Conn, id: i64, now: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE people SET joined_at = $1 WHERE id = $2 AND joined_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

/// The organisation's people, the erased left out.
pub async fn of_org(c: &mut Conn, org_id: i64) -> Result<Vec<Person>, DbError> {
    let rows = crate::db::query(select!(
        "WHERE people.org_id = $1 AND people.erased_at IS NULL ORDER BY people.name, people.id"
    ))
    .bind(org_id)
    .fetch_all(c)
    .await?;
    rows.iter().map(person).collect()
}

/// At most `limit` people of the organisation whose name or e-mail address
/// contains `part` (any case), by name.
pub async fn search_in_org(c: &mut Conn, org_id: i64, part: &str, limit: i64) -> Result<Vec<Person>, DbError> {
    let rows = crate::db::query(select!(
        "WHERE people.org_id = $1 AND people.deactivated_at IS NULL \
         AND (LOWER(people.name) LIKE $2 ESCAPE '\\' OR LOWER(a.email) LIKE $2 ESCAPE '\\') \
         ORDER BY people.name, people.id LIMIT $3"
    ))
    .bind(org_id)
    .bind(crate::db::like_pattern(part.trim()))
    .bind(limit)
    .fetch_all(c)
    .await?;
    rows.iter().map(person).collect()
}

/// The password hash of the person's account (the password change checks the old one).
pub async fn password_hash(c: &mut Conn, id: i64) -> Result<Option<String>, DbError> {
    crate::db::query_scalar(
        "SELECT a.password_hash FROM people p JOIN accounts a ON a.id = p.account_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_one(c)
    .await
}

/// Sets the password of the person's account (every organisation of it)
/// and marks this membership taken up.
pub async fn set_password_hash(c: &mut Conn, id: i64, hash: &str) -> Result<(), DbError> {
    crate::db::query("UPDATE accounts SET password_hash = $1 WHERE id = (SELECT account_id FROM people WHERE id = $2)")
        .bind(hash)
        .bind(id)
        .execute(&mut *c)
        .await?;
    crate::db::query("UPDATE people SET joined_at = created_at WHERE id = $1 AND joined_at IS NULL")
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

/// The language of the person's account.
pub async fn set_language(c: &mut Conn, id: i64, lang: Option<Language>) -> Result<(), DbError> {
    crate::db::query("UPDATE accounts SET language = $1 WHERE id = (SELECT account_id FROM people WHERE id = $2)")
        .bind(lang)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn update(c: &mut Conn, id: i64, name: &str, profession: Profession) -> Result<(), DbError> {
    crate::db::query("UPDATE people SET name = $1, profession = $2 WHERE id = $3")
        .bind(name)
        .bind(profession)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn count(c: &mut Conn) -> Result<i64, DbError> {
    crate::db::query_scalar("SELECT COUNT(*) FROM people").fetch_one(c).await
}

/// The addresses of an organisation's people (never those of another), each with the person's id.
pub async fn emails_in_org(c: &mut Conn, org_id: i64) -> Result<Vec<(String, i64)>, DbError> {
    let rows = crate::db::query(
        "SELECT a.email, p.id FROM people p JOIN accounts a ON a.id = p.account_id WHERE p.org_id = $1",
    )
    .bind(org_id)
    .fetch_all(c)
    .await?;
    rows.iter().map(|r| Ok((r.get("email")?, r.get("id")?))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, query};

    /// A role code no release wrote is a decode error naming the packed
    /// column it came from, not a role silently dropped.
    #[tokio::test(flavor = "multi_thread")]
    async fn an_unknown_role_in_a_packed_column_is_a_decode_error() {
        let dir = std::env::temp_dir().join(format!("kartrekker-roles-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = Db::connect(&format!("sqlite://{}", dir.join("k.db").display())).await.unwrap();
        db.migrate().await.unwrap();
        let c = &mut db.acquire().await.unwrap();
        let org = crate::organisations::store::insert_organisation(c, "Proef", 0).await.unwrap();
        let new = NewPerson {
            org_id: Some(org),
            email: "a@proef.nl",
            name: "A",
            profession: Profession::Other,
            is_instance_admin: false,
        };
        let id = insert(c, &new, 0).await.unwrap();
        let column = |e: DbError| match e {
            DbError::Decode { column, .. } => column,
            other => panic!("{other:?}"),
        };
        query("INSERT INTO org_roles (person_id, role) VALUES ($1, 'koning')").bind(id).execute(&mut *c).await.unwrap();
        assert_eq!(column(actor_by_id(c, id).await.unwrap_err()), "org_roles");
        query("DELETE FROM org_roles").execute(&mut *c).await.unwrap();
        let dept = crate::organisations::store::insert_department(c, org, "Zorg").await.unwrap();
        let team = crate::organisations::store::insert_team(c, org, dept, "B3").await.unwrap();
        query("INSERT INTO team_members (team_id, person_id, role) VALUES ($1, $2, 'koning')")
            .bind(team)
            .bind(id)
            .execute(&mut *c)
            .await
            .unwrap();
        assert_eq!(column(actor_by_id(c, id).await.unwrap_err()), "team_roles");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
