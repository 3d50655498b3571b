//! Short texts people type.

use crate::error::FieldError;

/// A one-line name (of a person, organisation, department or team): white
/// space folded, not empty, at most 120 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name(String);

impl Name {
    pub fn parse(raw: &str) -> Result<Name, FieldError> {
        let n = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if n.is_empty() {
            Err(FieldError { field: "name", key: "error-name-required" })
        } else if n.chars().count() > 120 || n.chars().any(char::is_control) {
            Err(FieldError { field: "name", key: "error-name-too-long" })
        } else {
            Ok(Name(n))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
