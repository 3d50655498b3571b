//! A saved business case: a named scenario of one organisation.

use super::case::CaseInputs;
use crate::error::FieldError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub id: i64,
    pub org_id: i64,
    pub name: String,
    pub inputs: CaseInputs,
    pub updated_at: i64,
}

/// A scenario's name: one line, 1 to 120 characters.
pub fn scenario_name(raw: &str) -> Result<String, FieldError> {
    crate::text::Name::parse(raw).map(|n| n.as_str().to_string()).map_err(|e| FieldError {
        field: "name",
        key: if e.key == "error-name-required" { "error-workforce-name-required" } else { e.key },
    })
}
