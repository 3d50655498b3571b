//! A form's one-time token and what claiming it found.

use crate::auth::token;

/// The one-time token of a rendered form: 32 random bytes in hex, made
/// without a database write. A posted value is taken only in that shape, so
/// that nothing else is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubmitToken(String);

impl SubmitToken {
    pub fn new() -> SubmitToken {
        SubmitToken(token::new_secret())
    }
    pub fn parse(s: &str) -> Option<SubmitToken> {
        (s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())).then(|| SubmitToken(s.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// As the page renders it in its hidden field.
impl std::fmt::Display for SubmitToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Default for SubmitToken {
    fn default() -> SubmitToken {
        SubmitToken::new()
    }
}

/// What a submit found when it claimed its token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// The first submit with this token: it runs.
    First,
    /// An earlier submit finished here: go there.
    Done(String),
    /// An earlier submit is still running.
    Running,
}

#[cfg(test)]
mod tests {
    use super::SubmitToken;

    #[test]
    fn a_token_is_taken_only_in_the_shape_a_page_renders() {
        let t = SubmitToken::new();
        assert_eq!(SubmitToken::parse(t.as_str()), Some(t.clone()));
        assert_ne!(SubmitToken::new(), t);
        assert_eq!(SubmitToken::parse(""), None);
        assert_eq!(SubmitToken::parse(&t.as_str()[1..]), None);
        assert_eq!(SubmitToken::parse(&format!("{}x", &t.as_str()[1..])), None);
    }
}
