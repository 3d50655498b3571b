//! Fluent translations (nl is the default, en complete) from `locales/`:
//! every text a user sees, on pages (through kartrekker-web's `Ctx`) and in
//! e-mails (`mail::messages`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
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
    if let Some(text) = SIMPLE[slot(lang)].get(key).and_then(|parts| fill(parts, args)) {
        return text;
    }
    // Numbers go in as numbers, so that plural forms ("één actie", "3 acties") work.
    let value = |v: &String| match v.parse::<i64>() {
        Ok(n) => FluentValue::from(n),
        Err(_) => FluentValue::from(v.clone()),
    };
    let map: HashMap<Cow<'static, str>, FluentValue> =
        args.iter().map(|(k, v)| (Cow::Borrowed(*k), value(v))).collect();
    LOCALES.lookup_with_args(id(lang), key, &map)
}

/// A message whose arguments are all text, none read as a number: in an
/// e-mail a title "007" stays "007". Not on a hot path, so no fast path.
pub fn t_text(lang: Language, key: &str, args: &[(&'static str, &str)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> =
        args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(*v))).collect();
    LOCALES.lookup_with_args(id(lang), key, &map)
}

/// The Fluent files of each language, for `SIMPLE`; a unit test checks the
/// list against the folders.
macro_rules! ftl_files {
    ($lang:literal) => {
        [
            include_str!(concat!("../../../locales/", $lang, "/actions.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/mail.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/main.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/questionnaires.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/reflection.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/trajectories.ftl")),
        ]
    };
}
const FTL_FILES: usize = 6;

/// Every message as Fluent writes it without arguments, per language,
/// formatted once: `t` hands out a reference, where a board page would
/// otherwise look up and copy a few hundred strings.
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

enum Part {
    Text(&'static str),
    Var(&'static str),
}

/// Messages that are only text and `{ $variable }`s, per language. Fluent
/// negotiates languages and builds two argument maps on every call, which
/// cost more than the rest of a board card; these are filled in directly.
/// Plurals and anything else go through Fluent.
static SIMPLE: LazyLock<[FxHashMap<&'static str, Vec<Part>>; LANGUAGES]> =
    LazyLock::new(|| [simple_messages(ftl_files!("nl")), simple_messages(ftl_files!("en"))]);

fn simple_messages(files: [&'static str; FTL_FILES]) -> FxHashMap<&'static str, Vec<Part>> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    let mut out = FxHashMap::default();
    for message in messages(files) {
        let Some(pattern) = message.value else { continue };
        let parts: Option<Vec<Part>> = pattern
            .elements
            .into_iter()
            .map(|element| match element {
                PatternElement::TextElement { value } => Some(Part::Text(value)),
                PatternElement::Placeable {
                    expression: Expression::Inline(InlineExpression::VariableReference { id }),
                } => Some(Part::Var(id.name)),
                _ => None,
            })
            .collect();
        if let Some(parts) = parts {
            out.insert(message.id.name, parts);
        }
    }
    out
}

/// The message with its arguments, as Fluent writes them (a number as a
/// number), or None when an argument is missing: Fluent then reports it.
fn fill(parts: &[Part], args: &[(&'static str, String)]) -> Option<String> {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Var(name) => {
                let value = &args.iter().find(|(k, _)| k == name)?.1;
                match value.parse::<i64>() {
                    Ok(n) => write!(out, "{n}").ok()?,
                    Err(_) => out.push_str(value),
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Every message filled in directly reads exactly as Fluent writes it,
    /// with text and with numbers as arguments.
    #[test]
    fn simple_messages_read_as_fluent_writes_them() {
        let mut checked = 0;
        for lang in [Language::Nl, Language::En] {
            for (key, parts) in &SIMPLE[slot(lang)] {
                let names: Vec<&'static str> = parts
                    .iter()
                    .filter_map(|p| match p {
                        Part::Var(n) => Some(*n),
                        Part::Text(_) => None,
                    })
                    .collect();
                for value in ["Zoë & <co>", "12", "007", "-3"] {
                    let args: Vec<(&'static str, String)> = names.iter().map(|n| (*n, value.to_string())).collect();
                    let fast = t_args(lang, key, &args);
                    let map: HashMap<Cow<'static, str>, FluentValue> = args
                        .iter()
                        .map(|(k, v)| {
                            let v = v
                                .parse::<i64>()
                                .map(FluentValue::from)
                                .unwrap_or_else(|_| FluentValue::from(v.clone()));
                            (Cow::Borrowed(*k), v)
                        })
                        .collect();
                    assert_eq!(fast, LOCALES.lookup_with_args(id(lang), key, &map), "{key} ({lang:?}) with {value}");
                }
                checked += 1;
            }
        }
        assert!(checked > 200, "only {checked} simple messages");
        assert!(SIMPLE[0].contains_key("move-label") && !SIMPLE[0].contains_key("board-older"));
    }

    #[test]
    fn a_missing_argument_goes_to_fluent() {
        assert!(fill(&SIMPLE[0]["move-label"], &[]).is_none());
    }
}
