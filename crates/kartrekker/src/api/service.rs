//! Rules for API tokens: only an organisation's administrator makes, lists
//! and revokes them; a token acts with its maker's rights (while they are
//! an active administrator of its organisation) narrowed to its scopes.

use super::model::{ApiToken, Scope, name_text};
use super::store::{self, NewToken};
use crate::audit::{AuditAction, Entry};
use crate::auth::{Actor, token};
use crate::organisations::service::admin_org;
use crate::{Checks, Error, Kartrekker, Result};

/// The caller of an API request: its token and the rights it acts with.
#[derive(Clone, Debug)]
pub struct ApiCaller {
    pub token: ApiToken,
    pub actor: Actor,
}

impl ApiCaller {
    /// The actor, when the token holds `scope`; otherwise Forbidden.
    pub fn with(&self, scope: Scope) -> Result<&Actor> {
        if self.token.scopes.contains(&scope) { Ok(&self.actor) } else { Err(Error::Forbidden) }
    }
}

impl Kartrekker {
    /// The administrator's organisation's tokens, newest first.
    pub async fn api_tokens(&self, actor: &Actor) -> Result<Vec<ApiToken>> {
        let org = admin_org(actor)?;
        Ok(store::of_org(&mut self.conn().await?, org).await?)
    }

    /// A new token named `name` with the ticked `scopes`: its id and its
    /// secret, which is shown this once and kept only as a hash.
    pub async fn create_api_token(&self, actor: &Actor, name: &str, scopes: &[String]) -> Result<(i64, String)> {
        let org = admin_org(actor)?;
        let mut checks = Checks::default();
        let name = checks.check(name_text(name));
        let scopes = checks.check(Scope::parse_list(scopes));
        checks.finish()?;
        let (Some(name), Some(scopes)) = (name, scopes) else {
            return Err(Error::Internal("checked token missing".into()));
        };
        let secret = token::new_secret();
        let hash = token::digest(&secret);
        let mut tx = self.db.begin().await?;
        let new = NewToken { org_id: org, created_by: actor.id(), name: &name, scopes: &scopes, token_hash: &hash };
        let id = store::insert(&mut tx, &new, self.now()).await?;
        self.audit(&mut tx, Entry::by(actor, AuditAction::CreateApiToken, format!("api_token:{id}"))).await?;
        tx.commit().await?;
        Ok((id, secret))
    }

    /// Revokes the organisation's token `id`: its next request is refused.
    pub async fn revoke_api_token(&self, actor: &Actor, id: i64) -> Result<()> {
        let org = admin_org(actor)?;
        let mut tx = self.db.begin().await?;
        if !store::revoke(&mut tx, org, id, self.now()).await? {
            return Err(Error::NotFound);
        }
        self.audit(&mut tx, Entry::by(actor, AuditAction::RevokeApiToken, format!("api_token:{id}"))).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The caller whose secret this is: a live token whose maker is still an
    /// active administrator of its organisation. Records the use.
    pub async fn api_caller(&self, secret: &str) -> Result<Option<ApiCaller>> {
        let mut c = self.conn().await?;
        let Some(token) = store::live_by_hash(&mut c, &token::digest(secret)).await? else {
            return Ok(None);
        };
        let Some(actor) = crate::people::store::actor_by_id(&mut c, token.created_by).await? else {
            return Ok(None);
        };
        if actor.person.deactivated || actor.org_id() != Some(token.org_id) || !actor.is_org_admin() {
            return Ok(None);
        }
        store::mark_used(&mut c, token.id, self.now()).await?;
        Ok(Some(ApiCaller { token, actor }))
    }

    /// Writes one API request to the audit trail: `what` is the method, the
    /// path and the answer's status, never the query or the body.
    pub async fn api_used(&self, caller: &ApiCaller, what: &str) -> Result<()> {
        let what: String = what.chars().take(300).collect();
        let subject = format!("api_token:{} {what}", caller.token.id);
        self.audit(&mut self.conn().await?, Entry::by(&caller.actor, AuditAction::UseApi, subject)).await
    }
}
