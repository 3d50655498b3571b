//! Log-in, sessions and single-use links.

use std::net::IpAddr;

use super::throttle::{self, LOGIN_ACCOUNT_AT_ADDRESS, LOGIN_ADDRESS, Limit, RESET_ACCOUNT, RESET_ADDRESS};
use super::{Actor, Session, TokenPurpose, password, store, token};
use crate::audit::{AuditAction, Entry};
use crate::clock::{DAY_MS, HOUR_MS, MINUTE_MS};
use crate::db::Conn;
use crate::jobs::Job;
use crate::mail::messages;
use crate::organisations::store as org_store;
use crate::people::{Email, Language, NewPassword, Person, store as people};
use crate::{Error, Kartrekker, Result};

/// A session's last use is written at most this often, not on every request.
const SEEN_EVERY_MS: i64 = 5 * MINUTE_MS;
/// The User-Agent kept with a session is cut to this many characters.
const USER_AGENT_MAX: usize = 300;

#[derive(Debug)]
pub enum LoginOutcome {
    /// The new session's secret, for the cookie.
    LoggedIn {
        session: String,
        person: Person,
    },
    WrongCredentials,
    /// The right password for an account with two-step log-in: the browser
    /// gets this secret of a half log-in, and the code comes next (two_step/).
    SecondStep {
        challenge: String,
    },
    /// Too many failures: try again after this many minutes.
    Throttled {
        minutes: i64,
    },
    /// The right password, but an administrator deactivated the person. Said
    /// only after the password is right, so it reveals nothing to a guesser.
    Deactivated,
    /// The right password, but the person's organisation logs in through its
    /// OpenID Connect provider only (said, too, after the right password).
    UseSso {
        org_id: i64,
    },
}

#[derive(Clone, Debug)]
pub struct SessionInfo {
    pub actor: Actor,
    pub csrf: String,
}

impl Kartrekker {
    /// Logs in from `client`, unless that address, or this account at that
    /// address, has failed too often lately (throttle.rs). Every outcome is
    /// in the audit trail.
    pub async fn login(&self, email: &str, password_text: &str, client: IpAddr) -> Result<LoginOutcome> {
        let now = self.now();
        let by_address = throttle::login_address(client);
        let email = Email::parse(email).ok();
        let by_account = email.as_ref().map(|e| throttle::login_account(e.as_str(), client));
        let mut c = self.conn().await?;
        // A log-in is by account; it lands on the account's first membership
        // (docs/decisions/0015-accounts.md), the header offers the others.
        let account = match &email {
            Some(email) => people::account_by_email(&mut c, email.as_str()).await?,
            None => None,
        };
        // A membership in an organisation that refuses passwords is not
        // logged into with one (decision 0030); the instance administrator is.
        let (person, refused, hash) = match account {
            Some((id, hash)) => {
                let refusing = super::sso::store::refusing_passwords(&mut c, id).await?;
                let (allowed, refused): (Vec<Person>, Vec<Person>) = people::of_account(&mut c, id)
                    .await?
                    .into_iter()
                    .partition(|p| p.is_instance_admin || !p.org_id.is_some_and(|o| refusing.contains(&o)));
                (allowed.into_iter().next(), refused.into_iter().next(), hash)
            }
            None => (None, None, None),
        };
        let mut wait = waits_until(&mut c, &by_address, LOGIN_ADDRESS, now).await?;
        if let Some(key) = &by_account {
            wait = wait.max(waits_until(&mut c, key, LOGIN_ACCOUNT_AT_ADDRESS, now).await?);
        }
        if let Some(until) = wait {
            self.audit_sign_in(&mut c, AuditAction::LockedOut, person.as_ref(), Some(client)).await?;
            return Ok(LoginOutcome::Throttled { minutes: throttle::minutes_until(until, now) });
        }
        drop(c);
        // A malformed address needs no hashing: nothing can match it.
        let ok = email.is_some() && password::verify(password_text.to_string(), hash).await;
        let mut c = self.conn().await?;
        match (person, &by_account) {
            (None, Some(_)) if ok && refused.is_some() => {
                let refused = refused.expect("checked");
                self.audit_sign_in(&mut c, AuditAction::LoginRefusedSso, Some(&refused), Some(client)).await?;
                Ok(LoginOutcome::UseSso { org_id: refused.org_id.unwrap_or_default() })
            }
            (Some(person), Some(_)) if ok && person.deactivated => {
                self.audit_sign_in(&mut c, AuditAction::LoginRefusedDeactivated, Some(&person), Some(client)).await?;
                Ok(LoginOutcome::Deactivated)
            }
            (Some(person), Some(_)) if ok && self.has_two_step(&mut c, person.account_id).await? => {
                // The failures stay counted until the second step is right too.
                Ok(LoginOutcome::SecondStep { challenge: self.new_challenge(&mut c, person.id).await? })
            }
            (Some(person), Some(by_account)) if ok => {
                store::clear_attempts(&mut c, by_account).await?;
                people::mark_joined(&mut c, person.id, now).await?;
                let session = self.new_session(&mut c, person.id).await?;
                self.audit_sign_in(&mut c, AuditAction::Login, Some(&person), Some(client)).await?;
                Ok(LoginOutcome::LoggedIn { session, person })
            }
            (person, _) => {
                let person = person.or(refused);
                self.audit_sign_in(&mut c, AuditAction::LoginFailed, person.as_ref(), Some(client)).await?;
                let account = by_account.as_deref().zip(email.as_ref().map(Email::as_str));
                record_login_failure(&mut c, &by_address, account, now).await?;
                Ok(LoginOutcome::WrongCredentials)
            }
        }
    }

    /// A log-in attempt in the trail. The person is the account tried, when
    /// it exists; an address typed for no account is not kept (it may be a
    /// password typed in the wrong field).
    pub(super) async fn audit_sign_in(
        &self,
        c: &mut Conn,
        action: AuditAction,
        person: Option<&Person>,
        address: Option<IpAddr>,
    ) -> Result<()> {
        let entry = Entry {
            org_id: person.and_then(|p| p.org_id),
            actor_id: (action == AuditAction::Login).then(|| person.map(|p| p.id)).flatten(),
            address,
            action,
            subject: person.map_or_else(|| "person:unknown".to_string(), |p| format!("person:{}", p.id)),
            subject_person_id: person.map(|p| p.id),
        };
        self.audit(c, entry).await
    }

    pub(super) async fn new_session(&self, c: &mut Conn, person_id: i64) -> Result<String> {
        self.new_session_via(c, person_id, None).await
    }

    /// A new session; `sso_org`: the organisation whose provider logged the person in.
    pub(super) async fn new_session_via(&self, c: &mut Conn, person_id: i64, sso_org: Option<i64>) -> Result<String> {
        let secret = token::new_secret();
        let now = self.now();
        let expires = now + self.config.session_idle_ms().min(self.config.session_lifetime_ms());
        let new = store::NewSession { hash: &token::digest(&secret), person_id, csrf: &token::new_secret(), sso_org };
        store::insert_session(c, &new, now, expires).await?;
        Ok(secret)
    }

    /// Keeps the browser's User-Agent with a new session, for the settings page.
    pub async fn note_browser(&self, secret: &str, user_agent: &str) -> Result<()> {
        let ua: String = user_agent.chars().filter(|c| !c.is_control()).take(USER_AGENT_MAX).collect();
        store::set_user_agent(&mut self.conn().await?, &token::digest(secret), &ua).await?;
        Ok(())
    }

    /// The person behind a session cookie, with their roles. A request moves
    /// the idle expiry on, but never past the session's lifetime.
    pub async fn session(&self, secret: &str) -> Result<Option<SessionInfo>> {
        let now = self.now();
        let hash = token::digest(secret);
        let mut c = self.conn().await?;
        let Some(found) = people::by_session(&mut c, &hash, now).await? else {
            return Ok(None);
        };
        if now - found.last_seen >= SEEN_EVERY_MS {
            let (idle, lifetime) = (self.config.session_idle_ms(), self.config.session_lifetime_ms());
            store::touch_session(&mut c, &hash, now, idle, lifetime).await?;
        }
        Ok(Some(SessionInfo { actor: found.actor, csrf: found.csrf }))
    }

    /// The actor's live sessions, the one of `current` (a cookie's secret) marked.
    pub async fn sessions(&self, actor: &Actor, current: &str) -> Result<Vec<(Session, bool)>> {
        let hash = token::digest(current);
        let list = store::sessions_of(&mut self.conn().await?, actor.id(), self.now()).await?;
        Ok(list
            .into_iter()
            .map(|s| {
                let this_one = s.token_hash == hash;
                (s, this_one)
            })
            .collect())
    }

    /// Ends one of the actor's sessions, named by its `public_id`.
    pub async fn end_session(&self, actor: &Actor, public_id: &str) -> Result<()> {
        let mut c = self.conn().await?;
        let list = store::sessions_of(&mut c, actor.id(), self.now()).await?;
        let s = list.iter().find(|s| s.public_id() == public_id).ok_or(Error::NotFound)?;
        store::delete_session_of(&mut c, actor.id(), &s.token_hash).await?;
        self.audit_own(&mut c, actor, AuditAction::SessionEnded).await?;
        Ok(())
    }

    /// Ends every session of the actor but the one of `current`.
    pub async fn end_other_sessions(&self, actor: &Actor, current: &str) -> Result<u64> {
        let mut c = self.conn().await?;
        let n = store::delete_account_sessions(&mut c, actor.id(), Some(&token::digest(current))).await?;
        self.audit_own(&mut c, actor, AuditAction::SessionsEnded).await?;
        Ok(n)
    }

    /// An audit entry of something a person did to their own log-in.
    pub(super) async fn audit_own(&self, c: &mut Conn, actor: &Actor, action: AuditAction) -> Result<()> {
        self.audit(c, Entry::by(actor, action, format!("person:{}", actor.id())).about(actor.id())).await
    }

    /// A new password for someone logged in, who proves it with the current
    /// one: every other session ends, and an e-mail tells them it happened.
    pub async fn change_password(
        &self,
        actor: &Actor,
        current_session: &str,
        current: &str,
        password: &str,
        repeat: &str,
    ) -> Result<()> {
        let me = &actor.person;
        let org = actor.organisation.as_deref().unwrap_or("");
        let hash = people::password_hash(&mut self.conn().await?, me.id).await?;
        if !password::verify(current.to_string(), hash).await {
            return Err(Error::invalid("current_password", "error-password-current-wrong"));
        }
        let pw = NewPassword::parse(password, repeat, &[&me.name, &me.email, org])?;
        let hash = password::hash(pw.as_str().to_string()).await?;
        let mut tx = self.db.begin().await?;
        people::set_password_hash(&mut tx, me.id, &hash).await?;
        store::delete_account_sessions(&mut tx, me.id, Some(&token::digest(current_session))).await?;
        self.enqueue(&mut tx, &Job::PasswordChanged { person_id: me.id }, None).await?;
        self.audit_own(&mut tx, actor, AuditAction::PasswordChanged).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Job handler: tells a person their password was changed, in their language.
    pub(crate) async fn send_password_changed(&self, person_id: i64) -> Result<()> {
        let Some(person) = people::by_id(&mut self.conn().await?, person_id).await? else {
            return Ok(()); // erased in the meantime: nothing to send
        };
        let lang = person.language.unwrap_or(self.config.default_language);
        let email = messages::password_changed(lang, &person.email, &person.name, &self.link("/forgot"));
        self.send_mail("password_changed", &email).await
    }

    pub async fn actor(&self, person_id: i64) -> Result<Option<Actor>> {
        Ok(people::actor_by_id(&mut self.conn().await?, person_id).await?)
    }

    pub async fn logout(&self, secret: &str) -> Result<()> {
        store::delete_session(&mut self.conn().await?, &token::digest(secret)).await?;
        Ok(())
    }

    /// Job handler: makes a fresh link and e-mails it in the person's language.
    pub(crate) async fn send_link(&self, person_id: i64, purpose: TokenPurpose) -> Result<()> {
        let mut c = self.conn().await?;
        let Some(person) = people::by_id(&mut c, person_id).await?.filter(|p| !p.deactivated) else {
            return Ok(()); // deactivated or erased in the meantime: nothing to send
        };
        if purpose == TokenPurpose::Invitation && person.active {
            return Ok(()); // accepted an earlier invitation in the meantime
        }
        let org = match person.org_id {
            Some(id) => org_store::organisation(&mut c, id).await?.map(|o| o.name),
            None => None,
        }
        .unwrap_or_else(|| "Kartrekker".into());
        let secret = token::new_secret();
        let now = self.now();
        store::insert_token(&mut c, &token::digest(&secret), person.id, purpose, now, now + purpose.valid_ms()).await?;
        drop(c);
        let lang = person.language.unwrap_or(self.config.default_language);
        let link = self.link(&format!("{}/{secret}", purpose.path()));
        let email = match purpose {
            TokenPurpose::Invitation => {
                messages::invitation(lang, &person.email, &person.name, &org, &link, purpose.valid_ms() / DAY_MS)
            }
            TokenPurpose::PasswordReset => {
                messages::password_reset(lang, &person.email, &person.name, &link, purpose.valid_ms() / HOUR_MS)
            }
        };
        let kind = match purpose {
            TokenPurpose::Invitation => "invitation",
            TokenPurpose::PasswordReset => "password_reset",
        };
        self.send_mail(kind, &email).await
    }

    /// Who a link is for, if it can still be used; otherwise why not.
    pub async fn link_person(&self, secret: &str, purpose: TokenPurpose) -> Result<Person> {
        let mut c = self.conn().await?;
        let (person_id, expires, used) =
            store::token(&mut c, &token::digest(secret), purpose).await?.ok_or(Error::Refused("error-link-invalid"))?;
        if used.is_some() {
            return Err(Error::Refused("error-link-used"));
        }
        if expires <= self.now() {
            return Err(Error::Refused("error-link-expired"));
        }
        people::by_id(&mut c, person_id).await?.filter(|p| !p.deactivated).ok_or(Error::Refused("error-link-invalid"))
    }

    /// Sets a password through a link, once; logs the person in and ends
    /// their other sessions. Returns the new session's secret.
    pub async fn set_password_by_link(
        &self,
        secret: &str,
        purpose: TokenPurpose,
        password: &str,
        repeat: &str,
        address: Option<IpAddr>,
    ) -> Result<String> {
        let person = self.link_person(secret, purpose).await?;
        let org = match person.org_id {
            Some(id) => org_store::organisation(&mut self.conn().await?, id).await?.map(|o| o.name),
            None => None,
        };
        let pw = NewPassword::parse(password, repeat, &[&person.name, &person.email, org.as_deref().unwrap_or("")])?;
        let hash = password::hash(pw.as_str().to_string()).await?;
        let mut tx = self.db.begin().await?;
        let used = store::use_token(&mut tx, &token::digest(secret), purpose, self.now()).await?;
        if used != Some(person.id) {
            return Err(Error::Refused("error-link-used"));
        }
        store::void_tokens_of(&mut tx, person.id, self.now()).await?;
        people::set_password_hash(&mut tx, person.id, &hash).await?;
        store::delete_account_sessions(&mut tx, person.id, None).await?;
        store::clear_account_attempts(&mut tx, &person.email).await?;
        let session = self.new_session(&mut tx, person.id).await?;
        if purpose == TokenPurpose::PasswordReset {
            self.enqueue(&mut tx, &Job::PasswordChanged { person_id: person.id }, None).await?;
        }
        let action = match purpose {
            TokenPurpose::Invitation => AuditAction::AcceptInvitation,
            TokenPurpose::PasswordReset => AuditAction::ResetPassword,
        };
        let entry = Entry {
            org_id: person.org_id,
            actor_id: Some(person.id),
            address,
            action,
            subject: format!("person:{}", person.id),
            subject_person_id: Some(person.id),
        };
        self.audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(session)
    }

    /// Sends a reset link if the address is known; says nothing either way.
    /// Refused when `client` asked too often; an account that was sent
    /// several links lately gets no more for a while, in silence (its
    /// latest link still works).
    pub async fn request_password_reset(&self, email: &str, client: IpAddr) -> Result<()> {
        let email = Email::parse(email)?;
        let now = self.now();
        let by_address = throttle::reset_address(client);
        let mut c = self.conn().await?;
        if waits_until(&mut c, &by_address, RESET_ADDRESS, now).await?.is_some() {
            return Err(Error::Refused("error-reset-throttled"));
        }
        store::record_attempt(&mut c, &by_address, None, now, RESET_ADDRESS.forget_ms).await?;
        // A deactivated person gets no link, and is not told so.
        let Some(p) = people::by_email(&mut c, email.as_str()).await?.filter(|p| !p.deactivated) else {
            return Ok(());
        };
        let by_account = throttle::reset_account(email.as_str());
        if waits_until(&mut c, &by_account, RESET_ACCOUNT, now).await?.is_some() {
            return Ok(());
        }
        store::record_attempt(&mut c, &by_account, None, now, RESET_ACCOUNT.forget_ms).await?;
        let has_password = people::account_has_password(&mut c, p.account_id).await?;
        let purpose = if has_password { TokenPurpose::PasswordReset } else { TokenPurpose::Invitation };
        self.enqueue(&mut c, &Job::SendLink { person_id: p.id, purpose }, None).await?;
        Ok(())
    }

    pub async fn set_language(&self, actor: &Actor, lang: Language) -> Result<()> {
        people::set_language(&mut self.conn().await?, actor.id(), Some(lang)).await?;
        Ok(())
    }

    /// Moves the session to the actor's account's person in another
    /// organisation. From then on the session acts as that person, and sees
    /// only that organisation. Any other person is "not found".
    pub async fn switch_organisation(&self, actor: &Actor, secret: &str, person_id: i64) -> Result<()> {
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let target = people::by_id(&mut tx, person_id).await?.ok_or(Error::NotFound)?;
        if target.account_id != actor.person.account_id || target.org_id.is_none() || target.deactivated {
            return Err(Error::NotFound);
        }
        // Into an organisation that refuses passwords only through its own provider.
        if let Some(org) = target.org_id.filter(|o| actor.sso_org != Some(*o))
            && super::sso::store::refuses_passwords(&mut tx, org).await?
        {
            return Err(Error::Refused("sso-switch-refused"));
        }
        if !store::move_session(&mut tx, &token::digest(secret), actor.id(), target.id).await? {
            return Err(Error::NotFound);
        }
        people::mark_joined(&mut tx, target.id, now).await?;
        let entry = Entry::by(actor, AuditAction::SwitchOrganisation, format!("person:{}", target.id));
        self.audit(&mut tx, Entry { org_id: target.org_id, actor_id: Some(target.id), ..entry }).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The organisations the actor's account belongs to: (person id, organisation name), by name.
    pub async fn memberships(&self, actor: &Actor) -> Result<Vec<(i64, String)>> {
        Ok(org_store::memberships(&mut self.conn().await?, actor.person.account_id).await?)
    }
}

/// Counts a failed log-in (a wrong password or a wrong second step) from an
/// address, and for the account at that address: `account` is (its key, its
/// address), when the account is known.
pub(super) async fn record_login_failure(
    c: &mut Conn,
    by_address: &str,
    account: Option<(&str, &str)>,
    now: i64,
) -> Result<()> {
    store::record_attempt(c, by_address, None, now, LOGIN_ADDRESS.forget_ms).await?;
    if let Some((key, email)) = account {
        store::record_attempt(c, key, Some(email), now, LOGIN_ACCOUNT_AT_ADDRESS.forget_ms).await?;
    }
    Ok(())
}

/// Until when attempts under `scope` must wait, if they must.
pub(super) async fn waits_until(c: &mut Conn, scope: &str, limit: Limit, now: i64) -> Result<Option<i64>> {
    Ok(store::attempts(c, scope).await?.and_then(|(count, last)| limit.wait_until(count, last, now)))
}
