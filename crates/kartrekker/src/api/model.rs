//! An API token as the administrator's list shows it, and its scopes.

use crate::error::FieldError;

crate::codes! {
    /// What a token may do: read or write, per area.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Scope {
        PeopleRead = "people:read",
        PeopleWrite = "people:write",
        ActionsRead = "actions:read",
        ActionsWrite = "actions:write",
        TrajectoriesRead = "trajectories:read",
        PulseRead = "pulse:read",
        ReflectionRead = "reflection:read",
    }
}

impl Scope {
    /// The scopes ticked on the form: at least one, each known; sorted, once each.
    pub fn parse_list(codes: &[String]) -> Result<Vec<Scope>, FieldError> {
        let mut scopes = Vec::new();
        for code in codes {
            scopes.push(Scope::from_code(code.trim()).ok_or(FieldError { field: "scopes", key: "api-error-scope" })?);
        }
        scopes.sort();
        scopes.dedup();
        if scopes.is_empty() {
            return Err(FieldError { field: "scopes", key: "api-error-scope-required" });
        }
        Ok(scopes)
    }

    /// As stored: the codes separated by spaces.
    pub fn join(scopes: &[Scope]) -> String {
        scopes.iter().map(|s| s.code()).collect::<Vec<_>>().join(" ")
    }

    /// As stored, read back; an unknown code (from a later version) is left out.
    pub fn split(stored: &str) -> Vec<Scope> {
        stored.split_whitespace().filter_map(Scope::from_code).collect()
    }
}

/// A token's name: what the administrator calls the program that uses it.
pub fn name_text(raw: &str) -> Result<String, FieldError> {
    crate::actions::model::text(raw, "name", 100, "api-error-name-required")
}

#[derive(Clone, Debug)]
pub struct ApiToken {
    pub id: i64,
    pub org_id: i64,
    pub created_by: i64,
    pub creator: String,
    pub name: String,
    pub scopes: Vec<Scope>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_checked_sorted_and_stored_as_their_codes() {
        let ticked = ["actions:write".to_string(), "people:read".to_string(), "actions:write".to_string()];
        let scopes = Scope::parse_list(&ticked).unwrap();
        assert_eq!(scopes, [Scope::PeopleRead, Scope::ActionsWrite]);
        assert_eq!(Scope::split(&Scope::join(&scopes)), scopes);
        assert_eq!(Scope::parse_list(&[]).unwrap_err().key, "api-error-scope-required");
        assert_eq!(Scope::parse_list(&["people:delete".into()]).unwrap_err().key, "api-error-scope");
    }
}
