//! Which passwords are too easy to guess: the most common ones, and ones
//! built from the person's own name, e-mail address or organisation.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The list and where it comes from: common-passwords.txt (0014).
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let text = include_str!("common-passwords.txt");
    let list = text.split_once("\n\n").map_or(text, |(_, list)| list);
    list.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
});

/// Shorter parts of a name ("de", "van", "Jan") would refuse too much.
const MIN_PART: usize = 4;

/// Lower case, letters only: "Jan-Willem de Vries!" gives "janwillemdevries".
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect()
}

/// The parts of a name, address or organisation a password must not contain:
/// each word and the whole, letters only, when long enough.
fn parts(s: &str) -> impl Iterator<Item = String> + '_ {
    let (before_at, after_at) = s.split_once('@').unwrap_or((s, ""));
    // Of an address: the local part and the first label of the domain.
    let domain = after_at.split('.').next().unwrap_or("");
    [before_at, domain]
        .into_iter()
        .flat_map(|p| p.split(|c: char| !c.is_alphabetic()).map(str::to_string).chain([p.to_string()]))
        .map(|p| letters(&p))
        .filter(|p| p.chars().count() >= MIN_PART)
}

/// Why `password` may not be used, as a Fluent key; `personal` holds the
/// person's name and e-mail address and their organisation's name.
pub fn weakness(password: &str, personal: &[&str]) -> Option<&'static str> {
    let lower = password.to_lowercase();
    let only_letters = letters(password);
    if COMMON.contains(lower.as_str()) || COMMON.contains(only_letters.as_str()) {
        return Some("error-password-common");
    }
    if personal.iter().flat_map(|p| parts(p)).any(|part| only_letters.contains(&part)) {
        return Some("error-password-personal");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::weakness;

    const ME: &[&str] = &["Jan-Willem de Vries", "jw.devries@rijnstate.nl", "Ziekenhuis Rijnstate"];

    #[test]
    fn common_passwords_are_refused_in_any_case_and_with_digits_around() {
        assert_eq!(super::COMMON.len(), 10_000);
        for pw in ["1234567890", "qwertyuiop", "QwertyUiop", "Basketball", "basketball2024!", "PASSWORD12"] {
            assert_eq!(weakness(pw, &[]), Some("error-password-common"), "{pw}");
        }
        assert_eq!(weakness("een lang genoeg wachtwoord", &[]), None);
    }

    #[test]
    fn passwords_built_from_the_name_address_or_organisation_are_refused() {
        for pw in
            ["devries2024!", "J.W. de Vries 1", "JanWillem!!99", "Rijnstate#2026", "ziekenhuis-12345", "jw.devries@x"]
        {
            assert_eq!(weakness(pw, ME), Some("error-password-personal"), "{pw}");
        }
        // Short words of a name ("de", "jan") alone do not refuse a password.
        assert_eq!(weakness("de jan maakt koffie", ME), None);
        assert_eq!(weakness("paarse olifant op de fiets", ME), None);
    }
}
