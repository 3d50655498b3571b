//! People: names, e-mail addresses, professions, languages. Each type
//! validates on construction.

use serde::Deserialize;

use crate::error::FieldError;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Lower-cased and trimmed; one `@` with something on each side and a dot in the domain.
    pub fn parse(raw: &str) -> Result<Email, FieldError> {
        let e = raw.trim().to_lowercase();
        let err = FieldError { field: "email", key: "error-email-invalid" };
        if e.is_empty() {
            return Err(FieldError { field: "email", key: "error-email-required" });
        }
        let (local, domain) = e.split_once('@').ok_or(err.clone())?;
        let ok = !local.is_empty()
            && e.len() <= 254
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !e.chars().any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == ',');
        if ok { Ok(Email(e)) } else { Err(err) }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub type PersonName = crate::text::Name;

/// A new password: long enough to resist guessing, short enough to hash,
/// not a common one, and not built from `personal` (the person's name and
/// e-mail address, their organisation's name).
pub struct NewPassword(String);

/// ASVS 2.1.1: at least 12 characters.
pub const PASSWORD_MIN_CHARS: usize = 12;

impl NewPassword {
    pub fn parse(raw: &str, repeat: &str, personal: &[&str]) -> Result<NewPassword, FieldError> {
        let n = raw.chars().count();
        if n < PASSWORD_MIN_CHARS {
            Err(FieldError { field: "password", key: "error-password-too-short" })
        } else if n > 200 {
            Err(FieldError { field: "password", key: "error-password-too-long" })
        } else if let Some(key) = crate::auth::policy::weakness(raw, personal) {
            Err(FieldError { field: "password", key })
        } else if raw != repeat {
            Err(FieldError { field: "password_repeat", key: "error-password-mismatch" })
        } else {
            Ok(NewPassword(raw.to_string()))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::codes! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
    #[serde(rename_all = "lowercase")]
    pub enum Language {
        #[default]
        Nl = "nl",
        En = "en",
    }
}

impl Language {
    /// A language as a header, cookie or setting writes it: any case, spaces around.
    pub fn parse(s: &str) -> Option<Language> {
        Language::from_code(&s.trim().to_ascii_lowercase())
    }
}

crate::codes! {
    /// What someone is trained as; drives the workforce area's skill mix.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Profession {
        BachelorNurse = "bachelor_nurse",
        VocationalNurse = "vocational_nurse",
        CareAssistant = "care_assistant",
        Doctor = "doctor",
        Resident = "resident",
        MedicalSpecialist = "medical_specialist",
        Manager = "manager",
        Other = "other",
    }
}

/// The words an HR export uses for each profession, in Dutch or English.
const PROFESSION_WORDS: crate::codes::Words<Profession> = &[
    (Profession::BachelorNurse, &["hbo_v", "hbo_verpleegkundige", "hbov"]),
    (Profession::VocationalNurse, &["mbo_v", "mbo_verpleegkundige", "mbov"]),
    (Profession::CareAssistant, &["zorgassistent", "zorgondersteuner", "verzorgende"]),
    (Profession::Doctor, &["arts", "anios"]),
    (Profession::Resident, &["aios"]),
    (Profession::MedicalSpecialist, &["medisch_specialist", "specialist"]),
    (Profession::Manager, &["leidinggevende"]),
    (Profession::Other, &["overig", "anders"]),
];

impl Profession {
    /// Accepts our codes and the words an HR export uses, in Dutch or English.
    pub fn parse(raw: &str) -> Result<Profession, FieldError> {
        crate::codes::read_word(raw, Profession::from_code, PROFESSION_WORDS)
            .ok_or(FieldError { field: "profession", key: "error-profession-unknown" })
    }

    /// Every word `parse` takes for this profession, its code first.
    pub fn words(self) -> Vec<&'static str> {
        crate::codes::words_of(self, self.code(), PROFESSION_WORDS)
    }
}

#[derive(Clone, Debug)]
pub struct Person {
    pub id: i64,
    pub org_id: Option<i64>,
    /// The log-in this membership belongs to (docs/decisions/0015-accounts.md).
    pub account_id: i64,
    pub email: String,
    pub name: String,
    pub profession: Profession,
    pub language: Option<Language>,
    pub is_instance_admin: bool,
    /// False until this membership is taken up (its invitation accepted, or
    /// the account logged in or switched to it): an administrator never
    /// learns from it that the address is used in another organisation.
    pub active: bool,
    /// Deactivated by an administrator (or erased): cannot log in, is told
    /// nothing, cannot be chosen; stays in history.
    pub deactivated: bool,
    /// Erased: the name is a neutral label, the rest of their data gone.
    pub erased: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Sanne.Bakker@Ziekenhuis.NL ").unwrap().as_str(), "sanne.bakker@ziekenhuis.nl");
        for bad in ["", "sanne", "sanne@", "@ziekenhuis.nl", "sanne@ziekenhuis", "san ne@z.nl", "a@b@c.nl", "<a@b.nl>"]
        {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(Email::parse("").unwrap_err().key, "error-email-required");
    }

    #[test]
    fn professions_are_read_from_hr_words() {
        assert_eq!(Profession::parse("HBO-V").unwrap(), Profession::BachelorNurse);
        assert_eq!(Profession::parse("mbo v").unwrap(), Profession::VocationalNurse);
        assert_eq!(Profession::parse("AIOS").unwrap(), Profession::Resident);
        assert_eq!(Profession::parse("Medisch specialist").unwrap(), Profession::MedicalSpecialist);
        assert!(Profession::parse("astronaut").is_err());
        for p in Profession::ALL {
            assert_eq!(Profession::parse(p.code()).unwrap(), p, "every code reads back");
        }
    }

    #[test]
    fn new_passwords_need_length_and_a_matching_repeat() {
        assert_eq!(NewPassword::parse("kort", "kort", &[]).err().unwrap().key, "error-password-too-short");
        let eleven = "elf tekens!";
        assert_eq!(NewPassword::parse(eleven, eleven, &[]).err().unwrap().key, "error-password-too-short");
        assert_eq!(NewPassword::parse("lang genoeg!", "lang genoeg?", &[]).err().unwrap().field, "password_repeat");
        assert!(NewPassword::parse("lang genoeg!", "lang genoeg!", &[]).is_ok(), "twelve is enough");
        assert_eq!(NewPassword::parse("qwerty123456", "qwerty123456", &[]).err().unwrap().key, "error-password-common");
        let bram = ["Bram Bakker", "bram@ziekenhuis.nl", "Rivierenland"];
        assert_eq!(
            NewPassword::parse("Bakker!2026!", "Bakker!2026!", &bram).err().unwrap().key,
            "error-password-personal"
        );
    }

    #[test]
    fn names_fold_white_space() {
        assert_eq!(PersonName::parse("  Anne   de  Vries ").unwrap().as_str(), "Anne de Vries");
        assert!(PersonName::parse(" \t ").is_err());
        assert!(PersonName::parse(&"x".repeat(121)).is_err());
    }
}
