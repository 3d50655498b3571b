//! Fluent translations (nl is the default, en complete) from `locales/`:
//! every text a user sees, on pages (through kartrekker-web's `Ctx`) and in
//! e-mails (`mail::messages`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::people::Language;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use rustc_hash::FxHashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "nl",
        // Bidi isolation marks would end up inside attributes and e-mail addresses.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static NL: LanguageIdentifier = langid!("nl");
static EN: LanguageIdentifier = langid!("en");

fn id(lang: Language) -> &'static LanguageIdentifier {
    [&NL, &EN][slot(lang)]
}

const LANGUAGES: usize = 2;

fn slot(lang: Language) -> usize {
    match lang {
        Language::Nl => 0,
        Language::En => 1,
    }
}

/// A message without arguments.
pub fn t(lang: Language, key: &str) -> &'static str {
    match PLAIN[slot(lang)].get(key) {
        Some(text) => text,
        None => {
            tracing::error!("no message {key:?}");
            "Unknown localization key"
        }
    }
}

pub fn t_args(lang: Language, key: &str, args: &[(&'static str, String)]) -> String {
    // Numbers go in as numbers, so that plural forms ("één actie", "3 acties") work.
    let value = |v: &String| match v.parse::<i64>() {
        Ok(n) => FluentValue::from(n),
        Err(_) => FluentValue::from(v.clone()),
    };
    lookup(lang, key, args.iter().map(|(k, v)| (*k, value(v))))
}

/// A message whose arguments are all text, none read as a number: in an
/// e-mail a title "007" stays "007".
pub fn t_text(lang: Language, key: &str, args: &[(&'static str, &str)]) -> String {
    lookup(lang, key, args.iter().map(|(k, v)| (*k, FluentValue::from(*v))))
}

fn lookup<'a>(lang: Language, key: &str, args: impl Iterator<Item = (&'static str, FluentValue<'a>)>) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args.map(|(k, v)| (Cow::Borrowed(k), v)).collect();
    LOCALES.lookup_with_args(id(lang), key, &map)
}

/// The Fluent files of each language, for `PLAIN` and `message_ids`; a unit
/// test checks the list against the folders.
macro_rules! ftl_files {
    ($lang:literal) => {
        [
            include_str!(concat!("../../../locales/", $lang, "/accounts.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/actions.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/api.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/audit.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/home.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/improvement.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/lifecycle.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/import.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/mail.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/main.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/meetings.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/notifications.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/privacy.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/questionnaires.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/reflection.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/portfolio.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/sessions.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/sso.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/trajectories.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/two_step.ftl")),
            // workforce
            include_str!(concat!("../../../locales/", $lang, "/workforce.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/decisions.ftl")),
            // pulse
            include_str!(concat!("../../../locales/", $lang, "/pulse.ftl")),
        ]
    };
}

/// Every message as Fluent writes it without arguments, per language,
/// formatted once: `t` hands out a reference, where a board page would
/// otherwise look up and copy a few hundred strings (kept: the board cost
/// 16-20 % more CPU without it, docs/decisions/0007).
/// Built once from our own files; a visitor's key (a notice in the URL) is
/// only looked up, so a fast hash needs no guard against chosen collisions.
static PLAIN: LazyLock<[FxHashMap<&'static str, String>; LANGUAGES]> = LazyLock::new(|| {
    let keys: Vec<&'static str> = messages(ftl_files!("nl").into_iter().chain(ftl_files!("en")))
        .filter(|m| m.value.is_some())
        .map(|m| m.id.name)
        .collect();
    [Language::Nl, Language::En].map(|lang| keys.iter().map(|key| (*key, LOCALES.lookup(id(lang), key))).collect())
});

/// Every message id of a language, as its own files have it (no fallback):
/// for tests that prove a key exists in both languages.
pub fn message_ids(lang: Language) -> Vec<&'static str> {
    let files = match lang {
        Language::Nl => ftl_files!("nl"),
        Language::En => ftl_files!("en"),
    };
    messages(files).map(|m| m.id.name).collect()
}

/// The messages of Fluent files (not their terms or comments).
fn messages(
    files: impl IntoIterator<Item = &'static str>,
) -> impl Iterator<Item = fluent_syntax::ast::Message<&'static str>> {
    files
        .into_iter()
        .flat_map(|file| fluent_syntax::parser::parse_runtime(file).unwrap_or_else(|(partial, _)| partial).body)
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_ftl_list_names_every_file_of_the_locales_folder() {
        for lang in ["nl", "en"] {
            let dir = format!("{}/../../locales/{lang}", env!("CARGO_MANIFEST_DIR"));
            let mut on_disk: Vec<String> =
                std::fs::read_dir(dir).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
            let mut listed: Vec<String> =
                if lang == "nl" { ftl_files!("nl") } else { ftl_files!("en") }.iter().map(|s| s.to_string()).collect();
            on_disk.sort();
            listed.sort();
            assert!(on_disk == listed, "locales/{lang} and ftl_files! differ");
        }
    }
}
