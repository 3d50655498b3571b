//! Fluent translations (nl is the default, en complete), and the language a
//! request is answered in.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use kartrekker::people::Language;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
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

thread_local! {
    /// Messages without arguments, once looked up, per language. A lookup
    /// negotiates languages, hashes and formats anew; a board page makes
    /// hundreds. Per thread: no lock, and the messages are few.
    static PLAIN: RefCell<[HashMap<Box<str>, String>; LANGUAGES]> = RefCell::default();
}

pub fn t(lang: Language, key: &str) -> String {
    PLAIN.with_borrow_mut(|cache| {
        let cache = &mut cache[slot(lang)];
        if let Some(text) = cache.get(key) {
            return text.clone();
        }
        let text = LOCALES.lookup(id(lang), key);
        cache.insert(key.into(), text.clone());
        text
    })
}

pub fn t_args(lang: Language, key: &str, args: &[(&'static str, String)]) -> String {
    // Numbers go in as numbers, so that plural forms ("één actie", "3 acties") work.
    let value = |v: &String| match v.parse::<i64>() {
        Ok(n) => FluentValue::from(n),
        Err(_) => FluentValue::from(v.clone()),
    };
    let map: HashMap<Cow<'static, str>, FluentValue> =
        args.iter().map(|(k, v)| (Cow::Borrowed(*k), value(v))).collect();
    LOCALES.lookup_with_args(id(lang), key, &map)
}

/// The first language of an Accept-Language header that we speak.
pub fn from_accept_language(header: &str) -> Option<Language> {
    let mut langs: Vec<(f32, Language)> = header
        .split(',')
        .filter_map(|part| {
            let mut it = part.trim().split(';');
            let tag = it.next()?.trim();
            let q = it.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let primary = tag.split('-').next()?;
            Language::parse(primary).map(|l| (q, l))
        })
        .collect();
    langs.sort_by(|a, b| b.0.total_cmp(&a.0));
    langs.first().map(|(_, l)| *l)
}
