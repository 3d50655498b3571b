//! An organisation's OpenID Connect provider as its administrator sets it,
//! and why a log-in through it was refused.

use openidconnect::url::Url;

use crate::actions::model::{optional_text, text};
use crate::error::FieldError;
use crate::{Checks, Error, Result};

/// What the administrator's page shows: everything but the client secret,
/// of which only whether one is stored.
#[derive(Clone, Debug)]
pub struct SsoSettings {
    pub org_id: i64,
    /// What the log-in page's button says: "Log in with {label}".
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub email_claim: String,
    /// Just-in-time creation: an unknown address becomes a new person.
    pub create_people: bool,
    pub passwords_allowed: bool,
    pub updated_at: i64,
}

/// A log-in button on the log-in page.
#[derive(Clone, Debug)]
pub struct SsoLink {
    pub org_id: i64,
    pub label: String,
}

/// The settings as typed, checked on construction. An empty secret keeps
/// the stored one (the page never shows it, so it cannot be typed again).
#[derive(Clone, Debug)]
pub struct SsoInput {
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub email_claim: String,
    pub create_people: bool,
    pub passwords_allowed: bool,
}

/// The settings form as typed, before its checks.
pub struct SsoFields<'a> {
    pub label: &'a str,
    pub issuer: &'a str,
    pub client_id: &'a str,
    /// Empty keeps the stored secret.
    pub client_secret: &'a str,
    pub email_claim: &'a str,
    pub create_people: bool,
    pub passwords_allowed: bool,
}

impl SsoInput {
    /// Every field's problem at once; `has_secret`: one is stored already.
    pub fn parse(f: &SsoFields<'_>, has_secret: bool) -> Result<SsoInput> {
        let SsoFields { label, issuer, client_id, client_secret, email_claim, create_people, passwords_allowed } = *f;
        let mut checks = Checks::default();
        let label = checks.check(text(label, "label", 100, "sso-error-label-required"));
        let issuer = checks.check(issuer_url(issuer));
        let client_id = checks.check(text(client_id, "client_id", 200, "sso-error-client-id-required"));
        let secret = checks.check(optional_text(client_secret, "client_secret", 500));
        if secret.as_deref() == Some("") && !has_secret {
            checks.push("client_secret", "sso-error-client-secret-required");
        }
        let claim = checks.check(claim_name(email_claim));
        checks.finish()?;
        let (Some(label), Some(issuer), Some(client_id), Some(secret), Some(email_claim)) =
            (label, issuer, client_id, secret, claim)
        else {
            return Err(Error::Internal("checked SSO settings missing".into()));
        };
        Ok(SsoInput {
            label,
            issuer,
            client_id,
            client_secret: Some(secret).filter(|s| !s.is_empty()),
            email_claim,
            create_people,
            passwords_allowed,
        })
    }
}

/// The issuer as the provider's discovery document names it: https, or
/// http on this machine only (a test or development provider).
fn issuer_url(raw: &str) -> std::result::Result<String, FieldError> {
    // Kept exactly as typed: discovery compares it with the provider's own.
    let raw = raw.trim();
    let bad = FieldError { field: "issuer", key: "sso-error-issuer" };
    let url = Url::parse(raw).map_err(|_| bad.clone())?;
    let loopback = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    let fine = url.query().is_none()
        && url.fragment().is_none()
        && (url.scheme() == "https" || (url.scheme() == "http" && loopback));
    if fine { Ok(raw.to_string()) } else { Err(bad) }
}

/// A claim's name: empty means the standard `email`.
fn claim_name(raw: &str) -> std::result::Result<String, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok("email".into());
    }
    let ok = raw.len() <= 100 && raw.chars().all(|c| c.is_ascii_alphanumeric() || "_-.:/".contains(c));
    if ok { Ok(raw.to_string()) } else { Err(FieldError { field: "email_claim", key: "sso-error-claim" }) }
}

crate::codes! {
    /// Why a log-in through the provider was refused; the page says
    /// `sso-refused-{code}`, the audit trail keeps the code.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum SsoRefusal {
        /// No log-in of this browser waits for this `state` (another browser,
        /// a second use, or more than ten minutes).
        State = "state",
        /// The provider sent an error instead of a code (e.g. the person cancelled).
        Provider = "provider",
        /// The provider refused the code: used before, or too old.
        Code = "code",
        /// The ID token has expired.
        Expired = "expired",
        /// The ID token is for another application.
        Audience = "audience",
        /// The ID token is not valid otherwise: signature, issuer, nonce.
        Token = "token",
        /// The ID token carries no usable address in the configured claim.
        NoEmail = "no_email",
        /// No person of the organisation has the address, and none is made.
        Unknown = "unknown",
        /// The person was deactivated.
        Deactivated = "deactivated",
        /// The provider could not be reached or answered nonsense.
        Unavailable = "unavailable",
    }
}

impl SsoRefusal {
    /// The message's Fluent key.
    pub fn key(self) -> &'static str {
        match self {
            SsoRefusal::State => "sso-refused-state",
            SsoRefusal::Provider => "sso-refused-provider",
            SsoRefusal::Code => "sso-refused-code",
            SsoRefusal::Expired => "sso-refused-expired",
            SsoRefusal::Audience => "sso-refused-audience",
            SsoRefusal::Token => "sso-refused-token",
            SsoRefusal::NoEmail => "sso-refused-no_email",
            SsoRefusal::Unknown => "sso-refused-unknown",
            SsoRefusal::Deactivated => "sso-refused-deactivated",
            SsoRefusal::Unavailable => "sso-refused-unavailable",
        }
    }
}

#[derive(Debug)]
pub enum SsoOutcome {
    /// The new session's secret, and the local page to go to.
    LoggedIn {
        session: String,
        next: String,
    },
    Refused(SsoRefusal),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_are_https_or_loopback_http() {
        assert_eq!(
            issuer_url(" https://login.microsoftonline.com/t/v2.0 ").unwrap(),
            "https://login.microsoftonline.com/t/v2.0"
        );
        assert!(issuer_url("http://127.0.0.1:8080").is_ok());
        assert!(issuer_url("http://keycloak.example.org/realms/x").is_err());
        assert!(issuer_url("https://idp.example.org/?x=1").is_err());
        assert!(issuer_url("not a url").is_err());
    }

    #[test]
    fn the_claim_defaults_to_email() {
        assert_eq!(claim_name(" ").unwrap(), "email");
        assert_eq!(claim_name("preferred_username").unwrap(), "preferred_username");
        assert!(claim_name("e mail").is_err());
    }

    #[test]
    fn an_empty_secret_keeps_a_stored_one_only() {
        let parse = |client_secret, has| {
            let fields = SsoFields {
                label: "Entra",
                issuer: "https://idp.example.org",
                client_id: "id",
                client_secret,
                email_claim: "",
                create_people: false,
                passwords_allowed: true,
            };
            SsoInput::parse(&fields, has)
        };
        assert!(parse("", false).is_err());
        assert_eq!(parse("", true).unwrap().client_secret, None);
        assert_eq!(parse(" s3cret ", false).unwrap().client_secret.as_deref(), Some("s3cret"));
    }
}
