//! The second step's secrets: a TOTP secret per account (RFC 6238 with the
//! values every authenticator app expects: HMAC-SHA-1, 6 digits, 30 seconds)
//! and single-use recovery codes. Pure: the time comes in, nothing is stored.

use rand::Rng;
use totp_rs::{Algorithm, Builder, Secret, Totp};

use crate::auth::token;

/// The name an authenticator app shows above the code.
pub const ISSUER: &str = "Kartrekker";
/// Seconds a code lasts.
pub const STEP_SECS: i64 = 30;
/// Recovery codes handed out at once.
pub const RECOVERY_CODES: usize = 10;
/// 160 bits, the length RFC 4226 recommends.
const SECRET_BYTES: usize = 20;
/// Recovery codes use lower-case letters and digits that cannot be mistaken
/// for one another (no 0/o, 1/l/i): 31 symbols, 10 of them ≈ 50 bits.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LEN: usize = 10;

/// A TOTP secret, as authenticator apps take it: base32 without padding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotpSecret(String);

impl TotpSecret {
    /// A fresh random secret from the operating system's source.
    pub fn generate() -> TotpSecret {
        let mut bytes = [0u8; SECRET_BYTES];
        rand::rng().fill(&mut bytes[..]);
        TotpSecret(Secret::from(bytes.to_vec()).to_base32())
    }

    /// A stored secret; none when it is not base32 of the right length.
    pub fn parse(base32: &str) -> Option<TotpSecret> {
        let bytes = Secret::try_from_base32(base32).ok()?;
        (bytes.as_bytes().len() >= 16).then(|| TotpSecret(base32.to_string()))
    }

    pub fn base32(&self) -> &str {
        &self.0
    }

    /// The secret in groups of four, easier to type into an app by hand.
    pub fn grouped(&self) -> String {
        self.0.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
    }

    fn totp(&self, account: &str) -> Totp {
        let secret = Secret::try_from_base32(&self.0).expect("checked on construction");
        Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(6)
            .with_skew(1)
            .with_step_duration(STEP_SECS as u64)
            .with_secret(secret)
            .with_issuer(Some(ISSUER))
            .with_account_name(account.replace(':', " "))
            .build_noncompliant()
    }

    /// The `otpauth://totp/...` address an app reads from the QR code.
    pub fn uri(&self, account: &str) -> String {
        self.totp(account).to_url().unwrap_or_default()
    }

    /// The 30-second step `code` belongs to, when it is right at `now_ms`
    /// give or take one step (a clock a little off, a code typed late).
    pub fn step_of(&self, code: &str, now_ms: i64) -> Option<i64> {
        let code = normalise(code);
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let step = self.totp("").check(&code, (now_ms / 1000).max(0) as u64)?;
        i64::try_from(step).ok()
    }
}

/// What someone typed, without the spaces and dashes apps and our recovery
/// codes show for legibility, in lower case.
pub fn normalise(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_lowercase).collect()
}

/// Whether `typed` looks like a TOTP code (six digits) rather than a recovery code.
pub fn looks_like_totp(typed: &str) -> bool {
    let t = normalise(typed);
    t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit())
}

/// A new recovery code as shown: "abcde-fghjk".
pub fn new_recovery_code() -> String {
    let mut rng = rand::rng();
    let chars: String =
        (0..RECOVERY_LEN).map(|_| RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())] as char).collect();
    format!("{}-{}", &chars[..RECOVERY_LEN / 2], &chars[RECOVERY_LEN / 2..])
}

/// What is stored of a recovery code: the SHA-256 of its normalised form.
pub fn recovery_hash(typed: &str) -> String {
    token::digest(&normalise(typed))
}

/// Whether an account has two-step log-in, and how many recovery codes it has left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TwoStepStatus {
    pub enabled: bool,
    pub recovery_codes_left: i64,
}

/// A set-up in progress: what the person's app needs.
#[derive(Clone, Debug)]
pub struct Enrolment {
    pub secret: TotpSecret,
    pub uri: String,
}

/// How a second step ended.
#[derive(Debug)]
pub enum SecondStep {
    LoggedIn {
        session: String,
        person: crate::people::Person,
    },
    /// Not a current code nor an unused recovery code.
    WrongCode,
    /// A right code that was used before: each code counts once.
    UsedBefore,
    Throttled {
        minutes: i64,
    },
    /// No half log-in with this secret (any more): start again with the password.
    Expired,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 secret "12345678901234567890".
    fn rfc() -> TotpSecret {
        TotpSecret::parse(&Secret::from(b"12345678901234567890".to_vec()).to_base32()).unwrap()
    }

    #[test]
    fn codes_match_rfc_6238_within_one_step_either_way() {
        let s = rfc();
        // At 59 s the 8-digit code is 94287082: its last six digits.
        assert_eq!(s.step_of("287082", 59_000), Some(1));
        assert_eq!(s.step_of("287 082", 59_000), Some(1), "spaces are allowed");
        assert_eq!(s.step_of("287082", 59_000 + 30_000), Some(1), "one step late still counts");
        assert_eq!(s.step_of("287082", 59_000 + 60_000), None, "two steps late does not");
        // At 1111111109 s: 07081804.
        assert_eq!(s.step_of("081804", 1_111_111_109_000), Some(1_111_111_109 / 30));
        assert_eq!(s.step_of("081805", 1_111_111_109_000), None);
        assert_eq!(s.step_of("abcdef", 59_000), None);
    }

    #[test]
    fn a_secret_is_160_random_bits_and_its_uri_names_issuer_and_account() {
        let (a, b) = (TotpSecret::generate(), TotpSecret::generate());
        assert_ne!(a, b);
        assert_eq!(a.base32().len(), 32);
        assert_eq!(TotpSecret::parse(a.base32()), Some(a.clone()));
        assert_eq!(TotpSecret::parse("KORT"), None);
        let uri = a.uri("an@ziekenhuis.nl");
        assert!(uri.starts_with("otpauth://totp/Kartrekker:an%40ziekenhuis.nl?secret="), "{uri}");
        assert!(uri.contains(a.base32()) && uri.contains("issuer=Kartrekker"), "{uri}");
        assert_eq!(a.grouped().replace(' ', ""), a.base32());
    }

    #[test]
    fn recovery_codes_are_random_and_typed_loosely() {
        let code = new_recovery_code();
        assert_eq!(code.len(), 11);
        assert_ne!(code, new_recovery_code());
        assert_eq!(recovery_hash(&code), recovery_hash(&code.to_uppercase().replace('-', " ")));
        assert!(!looks_like_totp(&code));
        assert!(looks_like_totp(" 123 456 "));
    }
}
