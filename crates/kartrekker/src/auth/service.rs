//! Log-in, sessions and single-use links.

use super::{Actor, TokenPurpose, password, store, token};
use crate::clock::{DAY_MS, HOUR_MS, MINUTE_MS};
use crate::db::Conn;
use crate::jobs::Job;
use crate::mail::messages;
use crate::organisations::store as org_store;
use crate::people::{Email, Language, NewPassword, Person, store as people};
use crate::{Error, Kartrekker, Result};

/// A session lives this long after the last request.
pub const SESSION_IDLE_MS: i64 = 8 * HOUR_MS;
/// Failed log-ins allowed per address within the window before it waits.
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW_MS: i64 = 15 * MINUTE_MS;

#[derive(Debug)]
pub enum LoginOutcome {
    /// The new session's secret, for the cookie.
    LoggedIn {
        session: String,
        person: Person,
    },
    WrongCredentials,
    /// Too many failures: try again after this many minutes.
    Throttled {
        minutes: i64,
    },
    /// The right password, but an administrator deactivated the person. Said
    /// only after the password is right, so it reveals nothing to a guesser.
    Deactivated,
}

#[derive(Clone, Debug)]
pub struct SessionInfo {
    pub actor: Actor,
    pub csrf: String,
}

impl Kartrekker {
    pub async fn login(&self, email: &str, password_text: &str) -> Result<LoginOutcome> {
        let now = self.now();
        let Ok(email) = Email::parse(email) else {
            return Ok(LoginOutcome::WrongCredentials);
        };
        let mut c = self.conn().await?;
        if let Some((n, start)) = store::failures(&mut c, email.as_str()).await? {
            let until = start + FAILURE_WINDOW_MS;
            if n >= MAX_FAILURES && until > now {
                let minutes = (until - now + MINUTE_MS - 1) / MINUTE_MS;
                return Ok(LoginOutcome::Throttled { minutes });
            }
        }
        let person = people::by_email(&mut c, email.as_str()).await?;
        let hash = match &person {
            Some(p) => people::password_hash(&mut c, p.id).await?,
            None => None,
        };
        drop(c);
        let ok = password::verify(password_text.to_string(), hash).await;
        let mut c = self.conn().await?;
        match person {
            Some(person) if ok && person.deactivated => {
                store::audit(
                    &mut c,
                    person.org_id,
                    Some(person.id),
                    "login_refused_deactivated",
                    &format!("person:{}", person.id),
                    now,
                )
                .await?;
                Ok(LoginOutcome::Deactivated)
            }
            Some(person) if ok => {
                store::clear_failures(&mut c, email.as_str()).await?;
                let session = self.new_session(&mut c, person.id).await?;
                store::audit(&mut c, person.org_id, Some(person.id), "login", &format!("person:{}", person.id), now)
                    .await?;
                Ok(LoginOutcome::LoggedIn { session, person })
            }
            _ => {
                store::record_failure(&mut c, email.as_str(), now, FAILURE_WINDOW_MS).await?;
                Ok(LoginOutcome::WrongCredentials)
            }
        }
    }

    async fn new_session(&self, c: &mut Conn, person_id: i64) -> Result<String> {
        let secret = token::new_secret();
        let now = self.now();
        store::insert_session(c, &token::digest(&secret), person_id, &token::new_secret(), now, now + SESSION_IDLE_MS)
            .await?;
        Ok(secret)
    }

    /// The person behind a session cookie, with their roles; slides the expiry.
    pub async fn session(&self, secret: &str) -> Result<Option<SessionInfo>> {
        let now = self.now();
        let hash = token::digest(secret);
        let mut c = self.conn().await?;
        let Some(found) = people::by_session(&mut c, &hash, now).await? else {
            return Ok(None);
        };
        // Write only when half the idle time has passed, not on every request.
        if found.expires - now < SESSION_IDLE_MS / 2 {
            store::extend_session(&mut c, &hash, now + SESSION_IDLE_MS).await?;
        }
        Ok(Some(SessionInfo { actor: found.actor, csrf: found.csrf }))
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
        self.mailer.send(&email).await.map_err(|e| Error::Internal(e.to_string()))
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
    ) -> Result<String> {
        let person = self.link_person(secret, purpose).await?;
        let pw = NewPassword::parse(password, repeat)?;
        let hash = password::hash(pw.as_str().to_string()).await?;
        let mut tx = self.db.begin().await?;
        let used = store::use_token(&mut tx, &token::digest(secret), purpose, self.now()).await?;
        if used != Some(person.id) {
            return Err(Error::Refused("error-link-used"));
        }
        people::set_password_hash(&mut tx, person.id, &hash).await?;
        store::delete_sessions_of(&mut tx, person.id).await?;
        store::clear_failures(&mut tx, &person.email).await?;
        let session = self.new_session(&mut tx, person.id).await?;
        store::audit(
            &mut tx,
            person.org_id,
            Some(person.id),
            purpose.code(),
            &format!("person:{}", person.id),
            self.now(),
        )
        .await?;
        tx.commit().await?;
        Ok(session)
    }

    /// Sends a reset link if the address is known; says nothing either way.
    pub async fn request_password_reset(&self, email: &str) -> Result<()> {
        let email = Email::parse(email)?;
        let mut c = self.conn().await?;
        if let Some(p) = people::by_email(&mut c, email.as_str()).await?.filter(|p| !p.deactivated) {
            let purpose = if p.active { TokenPurpose::PasswordReset } else { TokenPurpose::Invitation };
            self.enqueue(&mut c, &Job::SendLink { person_id: p.id, purpose }, None).await?;
        }
        Ok(())
    }

    pub async fn set_language(&self, actor: &Actor, lang: Language) -> Result<()> {
        people::set_language(&mut self.conn().await?, actor.id(), Some(lang)).await?;
        Ok(())
    }
}
