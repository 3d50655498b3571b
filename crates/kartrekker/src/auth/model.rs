//! What a single-use link is for.

use serde::{Deserialize, Serialize};

use crate::clock::{DAY_MS, HOUR_MS};

crate::codes! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum TokenPurpose {
        Invitation = "invitation",
        PasswordReset = "password_reset",
    }
}

impl TokenPurpose {
    pub fn valid_ms(self) -> i64 {
        match self {
            TokenPurpose::Invitation => 7 * DAY_MS,
            TokenPurpose::PasswordReset => 2 * HOUR_MS,
        }
    }
    /// The path of the page that takes this link.
    pub fn path(self) -> &'static str {
        match self {
            TokenPurpose::Invitation => "/invitation",
            TokenPurpose::PasswordReset => "/reset",
        }
    }
}

/// One of a person's sessions, as the settings page lists it.
#[derive(Clone, Debug)]
pub struct Session {
    /// The SHA-256 of the cookie's secret (never shown: see `public_id`).
    pub token_hash: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub user_agent: String,
}

impl Session {
    /// Names the session in a form without giving out its hash.
    pub fn public_id(&self) -> String {
        super::token::digest(&self.token_hash)[..16].to_string()
    }

    /// "Firefox on Windows", from the User-Agent; none when it names neither.
    pub fn browser(&self) -> Option<String> {
        browser(&self.user_agent)
    }
}

/// A browser and system from a User-Agent, by the tokens the common browsers
/// send (order matters: Edge and Opera also say Chrome, Chrome also says
/// Safari). A hand-written guess, enough to tell one's own devices apart (0014).
pub fn browser(ua: &str) -> Option<String> {
    const BROWSERS: &[(&str, &str)] = &[
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ];
    const SYSTEMS: &[(&str, &str)] = &[
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ];
    let find = |list: &[(&str, &'static str)]| list.iter().find(|(token, _)| ua.contains(token)).map(|(_, n)| *n);
    match (find(BROWSERS), find(SYSTEMS)) {
        (Some(b), Some(s)) => Some(format!("{b} · {s}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_string()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::browser;

    #[test]
    fn a_user_agent_is_shortened_to_browser_and_system() {
        let cases = [
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox · Windows"),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 \
                 Safari/537.36 Edg/131.0.0.0",
                "Edge · Windows",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) \
                 Version/18.1 Mobile/15E148 Safari/604.1",
                "Safari · iPhone",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
                "Chrome · Android",
            ),
        ];
        for (ua, short) in cases {
            assert_eq!(browser(ua).as_deref(), Some(short), "{ua}");
        }
        assert_eq!(browser("curl/8.5.0"), None);
    }
}
