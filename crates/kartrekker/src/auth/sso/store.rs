//! SQL for single sign-on: an organisation's provider, the log-ins on their
//! way through it, and the addresses it is asked about.

use super::model::{SsoInput, SsoLink, SsoSettings};
use crate::db::{Conn, DbError, Row, flag};

fn settings(r: &Row) -> Result<SsoSettings, DbError> {
    Ok(SsoSettings {
        org_id: r.get("org_id")?,
        label: r.get("label")?,
        issuer: r.get("issuer")?,
        client_id: r.get("client_id")?,
        email_claim: r.get("email_claim")?,
        create_people: r.get("create_people")?,
        passwords_allowed: r.get("passwords_allowed")?,
        updated_at: r.get("updated_at")?,
    })
}

/// The organisation's provider, and its client secret.
pub async fn of_org(c: &mut Conn, org_id: i64) -> Result<Option<(SsoSettings, String)>, DbError> {
    let row = crate::db::query(
        "SELECT org_id, label, issuer, client_id, client_secret, email_claim, create_people, passwords_allowed, \
         updated_at FROM sso_providers WHERE org_id = $1",
    )
    .bind(org_id)
    .fetch_optional(c)
    .await?;
    row.map(|r| Ok((settings(&r)?, r.get("client_secret")?))).transpose()
}

/// Sets the organisation's provider; `None` as secret keeps the stored one.
pub async fn save(c: &mut Conn, org_id: i64, s: &SsoInput, now: i64) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO sso_providers (org_id, label, issuer, client_id, client_secret, email_claim, create_people, \
         passwords_allowed, updated_at) VALUES ($1, $2, $3, $4, COALESCE($5, ''), $6, $7, $8, $9) \
         ON CONFLICT (org_id) DO UPDATE SET label = $2, issuer = $3, client_id = $4, \
         client_secret = COALESCE($5, sso_providers.client_secret), email_claim = $6, create_people = $7, \
         passwords_allowed = $8, updated_at = $9",
    )
    .bind(org_id)
    .bind(&s.label)
    .bind(&s.issuer)
    .bind(&s.client_id)
    .bind(s.client_secret.as_deref())
    .bind(&s.email_claim)
    .bind(flag(s.create_people))
    .bind(flag(s.passwords_allowed))
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// Every organisation's log-in button, by label.
pub async fn links(c: &mut Conn) -> Result<Vec<SsoLink>, DbError> {
    let rows = crate::db::query("SELECT org_id, label FROM sso_providers ORDER BY label, org_id").fetch_all(c).await?;
    rows.iter().map(|r| Ok(SsoLink { org_id: r.get("org_id")?, label: r.get("label")? })).collect()
}

/// The organisations of an account that refuse passwords.
pub async fn refusing_passwords(c: &mut Conn, account_id: i64) -> Result<Vec<i64>, DbError> {
    let rows = crate::db::query(
        "SELECT p.org_id FROM people p JOIN sso_providers s ON s.org_id = p.org_id \
         WHERE p.account_id = $1 AND s.passwords_allowed = 0",
    )
    .bind(account_id)
    .fetch_all(c)
    .await?;
    rows.iter().map(|r| r.get("org_id")).collect()
}

/// Whether the organisation refuses passwords.
pub async fn refuses_passwords(c: &mut Conn, org_id: i64) -> Result<bool, DbError> {
    let n: i64 =
        crate::db::query_scalar("SELECT COUNT(*) FROM sso_providers WHERE org_id = $1 AND passwords_allowed = 0")
            .bind(org_id)
            .fetch_one(c)
            .await?;
    Ok(n > 0)
}

/// A log-in sent to the provider, waiting for its return.
pub struct Pending<'a> {
    pub browser_hash: &'a str,
    pub org_id: i64,
    pub state: &'a str,
    pub nonce: &'a str,
    pub pkce_verifier: &'a str,
    pub next_path: &'a str,
    pub expires_at: i64,
}

/// Keeps a pending log-in, and forgets those that ran out.
pub async fn insert_pending(c: &mut Conn, p: &Pending<'_>, now: i64) -> Result<(), DbError> {
    crate::db::query("DELETE FROM sso_logins WHERE expires_at <= $1").bind(now).execute(&mut *c).await?;
    crate::db::query(
        "INSERT INTO sso_logins (browser_hash, org_id, state, nonce, pkce_verifier, next_path, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(p.browser_hash)
    .bind(p.org_id)
    .bind(p.state)
    .bind(p.nonce)
    .bind(p.pkce_verifier)
    .bind(p.next_path)
    .bind(p.expires_at)
    .execute(c)
    .await?;
    Ok(())
}

/// A pending log-in as it comes back: (organisation, state, nonce, PKCE verifier, next page).
pub type Taken = (i64, String, String, String, String);

/// Takes the browser's pending log-in, once: of two callbacks one gets it.
pub async fn take_pending(c: &mut Conn, browser_hash: &str, now: i64) -> Result<Option<Taken>, DbError> {
    let row = crate::db::query(
        "DELETE FROM sso_logins WHERE browser_hash = $1 AND expires_at > $2 \
         RETURNING org_id, state, nonce, pkce_verifier, next_path",
    )
    .bind(browser_hash)
    .bind(now)
    .fetch_optional(c)
    .await?;
    row.map(|r| Ok((r.get("org_id")?, r.get("state")?, r.get("nonce")?, r.get("pkce_verifier")?, r.get("next_path")?)))
        .transpose()
}

/// The person with this address in the organisation (erased people keep no address).
pub async fn person_in_org(c: &mut Conn, org_id: i64, email: &str) -> Result<Option<i64>, DbError> {
    crate::db::query_scalar(
        "SELECT p.id FROM people p JOIN accounts a ON a.id = p.account_id WHERE p.org_id = $1 AND a.email = $2",
    )
    .bind(org_id)
    .bind(email)
    .fetch_optional(c)
    .await
}
