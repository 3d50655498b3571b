//! Two-step log-in: setting it up and turning it off from Settings, the
//! second step of a log-in, and who must have it (decision 0027).

use std::net::IpAddr;

use super::model::{
    Enrolment, RECOVERY_CODES, SecondStep, TotpSecret, TwoStepStatus, looks_like_totp, new_recovery_code, recovery_hash,
};
use super::store;
use crate::audit::AuditAction;
use crate::auth::service::{record_login_failure, waits_until};
use crate::auth::throttle::{self, LOGIN_ACCOUNT_AT_ADDRESS, LOGIN_ADDRESS};
use crate::auth::{Actor, password, store as auth_store, token};
use crate::clock::MINUTE_MS;
use crate::db::Conn;
use crate::people::store as people;
use crate::{Error, Kartrekker, Result};

/// A half log-in lasts this long: time enough to open the app.
const CHALLENGE_MS: i64 = 5 * MINUTE_MS;

/// What the second step typed turned out to be.
enum Typed {
    Code,
    RecoveryCode,
    UsedBefore,
    Wrong,
}

impl Kartrekker {
    /// Must this actor set up two-step log-in before anything else? An
    /// administrator (of an organisation or of the instance) without it, unless
    /// the configuration says otherwise (the demo does).
    pub fn two_step_required(&self, actor: &Actor) -> bool {
        // A provider's log-in counts as its own MFA (decision 0030).
        self.config.two_step_for_administrators
            && !actor.two_step
            && actor.sso_org.is_none()
            && (actor.is_org_admin() || actor.is_instance_admin())
    }

    pub(crate) async fn has_two_step(&self, c: &mut Conn, account_id: i64) -> Result<bool> {
        Ok(store::secret(c, account_id).await?.is_some_and(|(_, confirmed, _)| confirmed.is_some()))
    }

    /// A half log-in for `person_id`: its secret, for a cookie.
    pub(crate) async fn new_challenge(&self, c: &mut Conn, person_id: i64) -> Result<String> {
        let secret = token::new_secret();
        let now = self.now();
        store::insert_challenge(c, &token::digest(&secret), person_id, now, now + CHALLENGE_MS).await?;
        Ok(secret)
    }

    /// Whether a half log-in with this secret is still waiting for its code.
    pub async fn challenge_open(&self, challenge: &str) -> Result<bool> {
        Ok(store::challenge(&mut self.conn().await?, &token::digest(challenge), self.now()).await?.is_some())
    }

    /// The second step of a log-in: a current code from the app (each step
    /// once) or an unused recovery code (then it is used up). Wrong codes
    /// count with wrong passwords, per address and per account at the address.
    pub async fn second_step(&self, challenge: &str, typed: &str, client: IpAddr) -> Result<SecondStep> {
        let now = self.now();
        let hash = token::digest(challenge);
        let mut tx = self.db.begin().await?;
        let person = match store::challenge(&mut tx, &hash, now).await? {
            Some(id) => people::by_id(&mut tx, id).await?.filter(|p| !p.deactivated),
            None => None,
        };
        let Some(person) = person else { return Ok(SecondStep::Expired) };
        let Some((secret, Some(_), _)) = store::secret(&mut tx, person.account_id).await? else {
            return Ok(SecondStep::Expired); // turned off in the meantime: start again
        };
        let secret = TotpSecret::parse(&secret).ok_or_else(|| Error::Internal("stored TOTP secret".into()))?;
        let by_address = throttle::login_address(client);
        let by_account = throttle::login_account(&person.email, client);
        let wait = waits_until(&mut tx, &by_address, LOGIN_ADDRESS, now)
            .await?
            .max(waits_until(&mut tx, &by_account, LOGIN_ACCOUNT_AT_ADDRESS, now).await?);
        if let Some(until) = wait {
            self.audit_sign_in(&mut tx, AuditAction::LockedOut, Some(&person), Some(client)).await?;
            tx.commit().await?;
            return Ok(SecondStep::Throttled { minutes: throttle::minutes_until(until, now) });
        }
        let outcome = if looks_like_totp(typed) {
            match secret.step_of(typed, now) {
                Some(step) if store::use_step(&mut tx, person.account_id, step).await? => Typed::Code,
                Some(_) => Typed::UsedBefore,
                None => Typed::Wrong,
            }
        } else if store::use_recovery_code(&mut tx, person.account_id, &recovery_hash(typed), now).await? {
            Typed::RecoveryCode
        } else {
            Typed::Wrong
        };
        let result = match outcome {
            Typed::Code | Typed::RecoveryCode => {
                if !store::delete_challenge(&mut tx, &hash).await? {
                    return Ok(SecondStep::Expired); // the same half log-in finished twice: one wins
                }
                if matches!(outcome, Typed::RecoveryCode) {
                    self.audit_sign_in(&mut tx, AuditAction::RecoveryCodeUsed, Some(&person), Some(client)).await?;
                }
                auth_store::clear_attempts(&mut tx, &by_account).await?;
                people::mark_joined(&mut tx, person.id, now).await?;
                let session = self.new_session(&mut tx, person.id).await?;
                self.audit_sign_in(&mut tx, AuditAction::Login, Some(&person), Some(client)).await?;
                SecondStep::LoggedIn { session, person }
            }
            Typed::UsedBefore | Typed::Wrong => {
                self.audit_sign_in(&mut tx, AuditAction::TwoStepRefused, Some(&person), Some(client)).await?;
                record_login_failure(&mut tx, &by_address, Some((&by_account, &person.email)), now).await?;
                if matches!(outcome, Typed::UsedBefore) { SecondStep::UsedBefore } else { SecondStep::WrongCode }
            }
        };
        tx.commit().await?;
        Ok(result)
    }

    pub async fn two_step_status(&self, actor: &Actor) -> Result<TwoStepStatus> {
        let mut c = self.conn().await?;
        let account = actor.person.account_id;
        Ok(TwoStepStatus {
            enabled: self.has_two_step(&mut c, account).await?,
            recovery_codes_left: store::recovery_codes_left(&mut c, account).await?,
        })
    }

    /// Starts setting up two-step log-in: a new secret, or the one shown
    /// before when it was not confirmed yet (a reload shows the same QR code).
    pub async fn begin_two_step(&self, actor: &Actor) -> Result<Enrolment> {
        let account = actor.person.account_id;
        let mut c = self.conn().await?;
        if store::secret(&mut c, account).await?.is_none() {
            store::insert_pending(&mut c, account, TotpSecret::generate().base32(), self.now()).await?;
        }
        match store::secret(&mut c, account).await? {
            Some((_, Some(_), _)) => Err(Error::Refused("totp-error-already-on")),
            Some((secret, None, _)) => {
                let secret = TotpSecret::parse(&secret).ok_or_else(|| Error::Internal("stored TOTP secret".into()))?;
                Ok(Enrolment { uri: secret.uri(&actor.person.email), secret })
            }
            None => Err(Error::Internal("TOTP secret not stored".into())),
        }
    }

    /// Confirms the set-up with a current code from the app; returns the
    /// recovery codes, to be shown this once (only their hashes are kept).
    pub async fn confirm_two_step(&self, actor: &Actor, code: &str) -> Result<Vec<String>> {
        let account = actor.person.account_id;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let secret = match store::secret(&mut tx, account).await? {
            Some((_, Some(_), _)) => return Err(Error::Refused("totp-error-already-on")),
            Some((secret, None, _)) => secret,
            None => return Err(Error::invalid("code", "totp-error-code-wrong")),
        };
        let secret = TotpSecret::parse(&secret).ok_or_else(|| Error::Internal("stored TOTP secret".into()))?;
        let step = secret.step_of(code, now).ok_or_else(|| Error::invalid("code", "totp-error-code-wrong"))?;
        if !store::confirm(&mut tx, account, step, now).await? {
            return Err(Error::Refused("totp-error-already-on"));
        }
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
        let hashes: Vec<String> = codes.iter().map(|c| recovery_hash(c)).collect();
        store::replace_recovery_codes(&mut tx, account, &hashes).await?;
        self.audit_own(&mut tx, actor, AuditAction::TwoStepEnabled).await?;
        tx.commit().await?;
        Ok(codes)
    }

    /// Turns two-step log-in off, proven with a current code or the password.
    pub async fn disable_two_step(&self, actor: &Actor, proof: &str) -> Result<()> {
        let account = actor.person.account_id;
        let now = self.now();
        let mut c = self.conn().await?;
        let Some((secret, Some(_), _)) = store::secret(&mut c, account).await? else {
            return Err(Error::Refused("totp-error-not-on"));
        };
        let proven = if looks_like_totp(proof) {
            let secret = TotpSecret::parse(&secret).ok_or_else(|| Error::Internal("stored TOTP secret".into()))?;
            match secret.step_of(proof, now) {
                Some(step) => store::use_step(&mut c, account, step).await?,
                None => false,
            }
        } else {
            let hash = people::password_hash(&mut c, actor.id()).await?;
            drop(c);
            let ok = password::verify(proof.to_string(), hash).await;
            c = self.conn().await?;
            ok
        };
        drop(c);
        if !proven {
            return Err(Error::invalid("proof", "totp-error-disable-wrong"));
        }
        let mut tx = self.db.begin().await?;
        store::delete(&mut tx, account).await?;
        self.audit_own(&mut tx, actor, AuditAction::TwoStepDisabled).await?;
        tx.commit().await?;
        Ok(())
    }
}
