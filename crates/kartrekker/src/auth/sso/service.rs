//! Rules of single sign-on: only an organisation's administrator sees and
//! sets its provider (never its secret); a log-in through the provider finds
//! the person by address within that organisation only, or makes them when
//! the organisation wants that, and ends in an ordinary session.

use std::net::IpAddr;

use serde_json::Value;

use super::model::{SsoFields, SsoInput, SsoLink, SsoOutcome, SsoRefusal, SsoSettings};
use super::{oidc, store};
use crate::audit::{AuditAction, Entry};
use crate::auth::{Actor, token};
use crate::clock::MINUTE_MS;
use crate::db::Conn;
use crate::organisations::service::admin_org;
use crate::people::store::{self as people, NewPerson};
use crate::people::{Email, PersonName, Profession};
use crate::{Kartrekker, Result};

/// Where every provider sends the browser back; the pending log-in says
/// which organisation it was for.
pub const CALLBACK_PATH: &str = "/login/sso/callback";
/// How long a log-in may stay at the provider.
const PENDING_MS: i64 = 10 * MINUTE_MS;

/// A log-in to send the browser on with: the provider's URL, and the secret
/// for the browser's cookie that binds the return to this browser.
#[derive(Debug)]
pub struct SsoStart {
    pub url: String,
    pub browser_secret: String,
}

/// What came back to the callback.
#[derive(Debug, Default)]
pub struct SsoReturn<'a> {
    /// The secret of the browser's cookie, if it sent one.
    pub browser_secret: Option<&'a str>,
    pub state: &'a str,
    pub code: Option<&'a str>,
    /// The provider's `error`, instead of a code.
    pub error: Option<&'a str>,
}

impl Kartrekker {
    /// The redirect URI to register at the provider.
    pub fn sso_redirect_uri(&self) -> String {
        self.link(CALLBACK_PATH)
    }

    /// The administrator's organisation's provider, if one is set.
    pub async fn sso_settings(&self, actor: &Actor) -> Result<Option<SsoSettings>> {
        let org = admin_org(actor)?;
        Ok(store::of_org(&mut self.conn().await?, org).await?.map(|(s, _)| s))
    }

    /// Sets the administrator's organisation's provider (audited).
    pub async fn save_sso_settings(&self, actor: &Actor, fields: &SsoFields<'_>) -> Result<()> {
        let org = admin_org(actor)?;
        let mut tx = self.db.begin().await?;
        let has_secret = store::of_org(&mut tx, org).await?.is_some();
        let input = SsoInput::parse(fields, has_secret)?;
        store::save(&mut tx, org, &input, self.now()).await?;
        self.audit(&mut tx, Entry::by(actor, AuditAction::UpdateSso, format!("organisation:{org}"))).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The log-in page's buttons: every organisation with a provider.
    pub async fn sso_links(&self) -> Result<Vec<SsoLink>> {
        Ok(store::links(&mut self.conn().await?).await?)
    }

    /// Starts a log-in through the organisation's provider; `next` is the
    /// local page to land on. Not found when it has none.
    pub async fn start_sso(&self, org_id: i64, next: &str) -> Result<std::result::Result<SsoStart, SsoRefusal>> {
        let Some((settings, secret)) = store::of_org(&mut self.conn().await?, org_id).await? else {
            return Err(crate::Error::NotFound);
        };
        let started = match oidc::start(&settings, &secret, &self.sso_redirect_uri()).await {
            Ok(s) => s,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let browser_secret = token::new_secret();
        let now = self.now();
        let pending = store::Pending {
            browser_hash: &token::digest(&browser_secret),
            org_id,
            state: &started.state,
            nonce: &started.nonce,
            pkce_verifier: &started.verifier,
            next_path: next,
            expires_at: now + PENDING_MS,
        };
        store::insert_pending(&mut self.conn().await?, &pending, now).await?;
        Ok(Ok(SsoStart { url: started.url, browser_secret }))
    }

    /// The browser back from the provider: a session, or why not. Every
    /// outcome is in the audit trail.
    pub async fn finish_sso(&self, back: &SsoReturn<'_>, client: IpAddr) -> Result<SsoOutcome> {
        let now = self.now();
        let taken = match back.browser_secret {
            Some(secret) => store::take_pending(&mut self.conn().await?, &token::digest(secret), now).await?,
            None => None,
        };
        let Some((org_id, state, nonce, verifier, next)) = taken else {
            return self.sso_refused(None, SsoRefusal::State, None, client).await;
        };
        if !token::constant_eq(&state, back.state) {
            return self.sso_refused(Some(org_id), SsoRefusal::State, None, client).await;
        }
        let (Some(code), None) = (back.code, back.error) else {
            return self.sso_refused(Some(org_id), SsoRefusal::Provider, None, client).await;
        };
        let Some((settings, secret)) = store::of_org(&mut self.conn().await?, org_id).await? else {
            return self.sso_refused(Some(org_id), SsoRefusal::Unavailable, None, client).await;
        };
        let redirect = self.sso_redirect_uri();
        let claims = match oidc::finish(&settings, &secret, &redirect, code, &verifier, &nonce, now).await {
            Ok(claims) => claims,
            Err(refusal) => return self.sso_refused(Some(org_id), refusal, None, client).await,
        };
        let Some(email) = claims.get(&settings.email_claim).and_then(Value::as_str).and_then(|e| Email::parse(e).ok())
        else {
            return self.sso_refused(Some(org_id), SsoRefusal::NoEmail, None, client).await;
        };
        let mut tx = self.db.begin().await?;
        let person_id = match store::person_in_org(&mut tx, org_id, email.as_str()).await? {
            Some(id) => id,
            None if settings.create_people => self.sso_create_person(&mut tx, org_id, &email, &claims, client).await?,
            None => {
                drop(tx);
                return self.sso_refused(Some(org_id), SsoRefusal::Unknown, None, client).await;
            }
        };
        let person = people::by_id(&mut tx, person_id).await?.ok_or(crate::Error::NotFound)?;
        if person.deactivated {
            drop(tx);
            return self.sso_refused(Some(org_id), SsoRefusal::Deactivated, Some(person_id), client).await;
        }
        people::mark_joined(&mut tx, person_id, now).await?;
        let session = self.new_session_via(&mut tx, person_id, Some(org_id)).await?;
        let entry = Entry {
            org_id: Some(org_id),
            actor_id: Some(person_id),
            address: Some(client),
            action: AuditAction::SsoLogin,
            subject: format!("person:{person_id}"),
            subject_person_id: Some(person_id),
        };
        self.audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(SsoOutcome::LoggedIn { session, next })
    }

    /// Just-in-time: a plain member of the organisation (no role, no team),
    /// named by the token's `name` (or the address), taken up at once.
    async fn sso_create_person(
        &self,
        c: &mut Conn,
        org_id: i64,
        email: &Email,
        claims: &serde_json::Map<String, Value>,
        client: IpAddr,
    ) -> Result<i64> {
        let name = claims
            .get("name")
            .and_then(Value::as_str)
            .and_then(|n| PersonName::parse(n).ok())
            .or_else(|| PersonName::parse(email.as_str().split('@').next().unwrap_or_default()).ok())
            .ok_or(crate::Error::Internal("no name for a new person".into()))?;
        let new = NewPerson {
            org_id: Some(org_id),
            email: email.as_str(),
            name: name.as_str(),
            profession: Profession::Other,
            is_instance_admin: false,
        };
        let id = people::insert(c, &new, self.now()).await?;
        let entry = Entry {
            org_id: Some(org_id),
            actor_id: Some(id),
            address: Some(client),
            action: AuditAction::SsoPersonCreated,
            subject: format!("person:{id}"),
            subject_person_id: Some(id),
        };
        self.audit(c, entry).await?;
        Ok(id)
    }

    /// A refused log-in, in the trail with its reason.
    async fn sso_refused(
        &self,
        org_id: Option<i64>,
        refusal: SsoRefusal,
        person_id: Option<i64>,
        client: IpAddr,
    ) -> Result<SsoOutcome> {
        let entry = Entry {
            org_id,
            actor_id: None,
            address: Some(client),
            action: AuditAction::SsoRefused,
            subject: match person_id {
                Some(id) => format!("person:{id}"),
                None => format!("sso:{}", refusal.code()),
            },
            subject_person_id: person_id,
        };
        self.audit(&mut self.conn().await?, entry).await?;
        Ok(SsoOutcome::Refused(refusal))
    }
}
