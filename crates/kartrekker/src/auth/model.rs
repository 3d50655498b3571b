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
