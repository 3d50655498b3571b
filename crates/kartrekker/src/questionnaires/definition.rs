//! Instrument definitions: versioned questionnaires written in TOML, shipped
//! in the binary or uploaded by an organisation. Parsing checks everything
//! and names the line of every mistake.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use crate::people::Language;

/// A text in Dutch and English; both are required.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub nl: String,
    pub en: String,
}

impl Texts {
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }
}

/// One point of a scale, or one option of a single choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Point {
    pub value: i64,
    pub label: Texts,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A Likert scale with a label on every point.
    Likert {
        points: Vec<Point>,
    },
    /// 0 to 10, with labels at both ends.
    ZeroToTen {
        low: Texts,
        high: Texts,
    },
    SingleChoice {
        options: Vec<Point>,
    },
    OpenText {
        max_length: usize,
    },
}

impl ItemKind {
    /// The lowest and highest value, for numeric items.
    pub fn range(&self) -> Option<(i64, i64)> {
        match self {
            ItemKind::Likert { points } => {
                Some((points.iter().map(|p| p.value).min()?, points.iter().map(|p| p.value).max()?))
            }
            ItemKind::ZeroToTen { .. } => Some((0, 10)),
            ItemKind::SingleChoice { .. } | ItemKind::OpenText { .. } => None,
        }
    }
    /// The choices a respondent picks from, with their labels.
    pub fn points(&self) -> Vec<Point> {
        match self {
            ItemKind::Likert { points } => points.clone(),
            ItemKind::SingleChoice { options } => options.clone(),
            ItemKind::ZeroToTen { low, high } => (0..=10)
                .map(|v| Point {
                    value: v,
                    label: match v {
                        0 => Texts { nl: format!("0 – {}", low.nl), en: format!("0 – {}", low.en) },
                        10 => Texts { nl: format!("10 – {}", high.nl), en: format!("10 – {}", high.en) },
                        _ => Texts { nl: v.to_string(), en: v.to_string() },
                    },
                })
                .collect(),
            ItemKind::OpenText { .. } => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub text: Texts,
    pub required: bool,
    pub kind: ItemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    pub title: Texts,
    pub intro: Option<Texts>,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    pub slug: String,
    pub version: i64,
    pub title: Texts,
    pub intro: Option<Texts>,
    pub sections: Vec<Section>,
}

/// A mistake in a definition: the line (1-based) and a Fluent key, with
/// what was found there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionError {
    pub line: usize,
    pub key: &'static str,
    pub detail: String,
}

/// An answer as stored: a number for scales and choices, text for open questions.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerValue {
    Number(i64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefinition {
    id: Spanned<String>,
    version: Spanned<i64>,
    title: Texts,
    intro: Option<Texts>,
    #[serde(default)]
    scales: BTreeMap<String, Spanned<RawScale>>,
    sections: Vec<RawSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    points: Vec<RawPoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    value: i64,
    nl: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: Spanned<String>,
    title: Texts,
    intro: Option<Texts>,
    items: Vec<RawItem>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    text: Texts,
    #[serde(default = "yes")]
    required: bool,
    scale: Option<Spanned<String>>,
    options: Option<Vec<RawPoint>>,
    low: Option<Texts>,
    high: Option<Texts>,
    max_length: Option<usize>,
}

fn slug_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 60
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Definition {
    /// Reads a TOML definition. Every mistake found is returned, each with its line.
    pub fn parse(source: &str) -> Result<Definition, Vec<DefinitionError>> {
        let line_of = |offset: usize| source[..offset.min(source.len())].matches('\n').count() + 1;
        let raw: RawDefinition = toml::from_str(source).map_err(|e| {
            vec![DefinitionError {
                line: e.span().map(|s| line_of(s.start)).unwrap_or(1),
                key: "error-definition-syntax",
                detail: e.message().to_string(),
            }]
        })?;
        let mut errors = Vec::new();
        let mut err = |span: std::ops::Range<usize>, key: &'static str, detail: &str| {
            errors.push(DefinitionError { line: line_of(span.start), key, detail: detail.to_string() })
        };
        if !slug_ok(raw.id.get_ref()) {
            err(raw.id.span(), "error-definition-id", raw.id.get_ref());
        }
        if *raw.version.get_ref() < 1 {
            err(raw.version.span(), "error-definition-version", &raw.version.get_ref().to_string());
        }
        let points = |raw: &[RawPoint]| -> Vec<Point> {
            raw.iter().map(|p| Point { value: p.value, label: Texts { nl: p.nl.clone(), en: p.en.clone() } }).collect()
        };
        for (name, scale) in &raw.scales {
            let values: HashSet<i64> = scale.get_ref().points.iter().map(|p| p.value).collect();
            if scale.get_ref().points.len() < 2 || values.len() != scale.get_ref().points.len() {
                err(scale.span(), "error-definition-scale-points", name);
            }
        }
        let mut section_ids = HashSet::new();
        let mut item_ids = HashSet::new();
        let mut sections = Vec::new();
        if raw.sections.is_empty() {
            err(raw.id.span(), "error-definition-no-sections", "");
        }
        for s in &raw.sections {
            if !slug_ok(s.id.get_ref()) || !section_ids.insert(s.id.get_ref().clone()) {
                err(s.id.span(), "error-definition-section-id", s.id.get_ref());
            }
            if s.items.is_empty() {
                err(s.id.span(), "error-definition-no-items", s.id.get_ref());
            }
            let mut items = Vec::new();
            for i in &s.items {
                if !slug_ok(i.id.get_ref()) || !item_ids.insert(i.id.get_ref().clone()) {
                    err(i.id.span(), "error-definition-item-id", i.id.get_ref());
                }
                let kind = match i.kind.get_ref().as_str() {
                    "likert" => match &i.scale {
                        Some(name) => match raw.scales.get(name.get_ref()) {
                            Some(scale) => Some(ItemKind::Likert { points: points(&scale.get_ref().points) }),
                            None => {
                                err(name.span(), "error-definition-unknown-scale", name.get_ref());
                                None
                            }
                        },
                        None => {
                            err(i.kind.span(), "error-definition-needs-scale", i.id.get_ref());
                            None
                        }
                    },
                    "zero_to_ten" => match (&i.low, &i.high) {
                        (Some(low), Some(high)) => Some(ItemKind::ZeroToTen { low: low.clone(), high: high.clone() }),
                        _ => {
                            err(i.kind.span(), "error-definition-needs-ends", i.id.get_ref());
                            None
                        }
                    },
                    "single_choice" => match &i.options {
                        Some(o)
                            if o.len() >= 2 && o.iter().map(|p| p.value).collect::<HashSet<_>>().len() == o.len() =>
                        {
                            Some(ItemKind::SingleChoice { options: points(o) })
                        }
                        _ => {
                            err(i.kind.span(), "error-definition-needs-options", i.id.get_ref());
                            None
                        }
                    },
                    "open_text" => {
                        Some(ItemKind::OpenText { max_length: i.max_length.unwrap_or(2000).clamp(1, 10_000) })
                    }
                    other => {
                        err(i.kind.span(), "error-definition-item-type", other);
                        None
                    }
                };
                if let Some(kind) = kind {
                    items.push(Item { id: i.id.get_ref().clone(), text: i.text.clone(), required: i.required, kind });
                }
            }
            sections.push(Section {
                id: s.id.get_ref().clone(),
                title: s.title.clone(),
                intro: s.intro.clone(),
                items,
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Definition {
            slug: raw.id.into_inner(),
            version: raw.version.into_inner(),
            title: raw.title,
            intro: raw.intro,
            sections,
        })
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.sections.iter().flat_map(|s| &s.items).find(|i| i.id == id)
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| &s.items)
    }
}

impl Item {
    /// Checks one answer as a form sends it. An empty answer is no answer.
    pub fn check(&self, raw: &str) -> Result<Option<AnswerValue>, &'static str> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        match &self.kind {
            ItemKind::OpenText { max_length } => {
                if raw.chars().count() > *max_length {
                    Err("error-answer-too-long")
                } else {
                    Ok(Some(AnswerValue::Text(raw.to_string())))
                }
            }
            kind => {
                let v: i64 = raw.parse().map_err(|_| "error-answer-out-of-scale")?;
                if kind.points().iter().any(|p| p.value == v) {
                    Ok(Some(AnswerValue::Number(v)))
                } else {
                    Err("error-answer-out-of-scale")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "pulse"
version = 2
title = { nl = "Werkdruk", en = "Workload" }

[scales.agree]
points = [
  { value = 1, nl = "Oneens", en = "Disagree" },
  { value = 2, nl = "Neutraal", en = "Neutral" },
  { value = 3, nl = "Eens", en = "Agree" },
]

[[sections]]
id = "load"
title = { nl = "Belasting", en = "Load" }

[[sections.items]]
id = "busy"
type = "likert"
scale = "agree"
text = { nl = "Het is druk", en = "It is busy" }

[[sections.items]]
id = "joy"
type = "zero_to_ten"
low = { nl = "geen", en = "none" }
high = { nl = "veel", en = "much" }
text = { nl = "Werkplezier", en = "Joy in work" }

[[sections.items]]
id = "why"
type = "open_text"
required = false
max_length = 20
text = { nl = "Waarom?", en = "Why?" }
"#;

    #[test]
    fn a_good_definition_reads() {
        let d = Definition::parse(GOOD).unwrap();
        assert_eq!((d.slug.as_str(), d.version), ("pulse", 2));
        assert_eq!(d.items().count(), 3);
        let busy = d.item("busy").unwrap();
        assert_eq!(busy.kind.range(), Some((1, 3)));
        assert_eq!(busy.check("3"), Ok(Some(AnswerValue::Number(3))));
        assert_eq!(busy.check("4"), Err("error-answer-out-of-scale"));
        assert_eq!(busy.check("twee"), Err("error-answer-out-of-scale"));
        assert_eq!(busy.check(""), Ok(None));
        assert_eq!(d.item("joy").unwrap().check("10"), Ok(Some(AnswerValue::Number(10))));
        assert_eq!(d.item("joy").unwrap().check("11"), Err("error-answer-out-of-scale"));
        assert_eq!(d.item("why").unwrap().check(&"x".repeat(21)), Err("error-answer-too-long"));
        assert!(!d.item("why").unwrap().required);
    }

    #[test]
    fn mistakes_name_their_line() {
        let bad =
            GOOD.replace("scale = \"agree\"", "scale = \"agreee\"").replace("type = \"open_text\"", "type = \"essay\"");
        let errors = Definition::parse(&bad).unwrap_err();
        let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.key)).collect();
        assert_eq!(found, vec![(20, "error-definition-unknown-scale"), (32, "error-definition-item-type")]);

        let syntax = Definition::parse("id = \"x\"\nversion = \n").unwrap_err();
        assert_eq!((syntax[0].line, syntax[0].key), (2, "error-definition-syntax"));

        let no_english =
            GOOD.replace("title = { nl = \"Werkdruk\", en = \"Workload\" }", "title = { nl = \"Werkdruk\" }");
        let e = Definition::parse(&no_english).unwrap_err();
        assert_eq!(e[0].line, 4, "{e:?}");

        let twice = GOOD.replace("id = \"joy\"", "id = \"busy\"");
        let e = Definition::parse(&twice).unwrap_err();
        assert_eq!((e[0].line, e[0].key, e[0].detail.as_str()), (24, "error-definition-item-id", "busy"));
    }
}

/// The instruments that ship with Kartrekker.
pub const SHIPPED: &[&str] = &[
    include_str!("../../instruments/roeping-collegialiteit.toml"),
    include_str!("../../instruments/roeping-collegialiteit-collega.toml"),
    include_str!("../../instruments/werkdrukpulse.toml"),
];

#[cfg(test)]
mod shipped_tests {
    use super::*;

    #[test]
    fn the_shipped_instruments_are_valid() {
        for source in SHIPPED {
            Definition::parse(source).unwrap_or_else(|e| panic!("{e:?}"));
        }
        for source in &SHIPPED[..2] {
            assert!(Definition::parse(source).unwrap().items().count() >= 10);
        }
        // Self and colleagues answer the same numeric items, so they compare.
        let own = Definition::parse(SHIPPED[0]).unwrap();
        let colleague = Definition::parse(SHIPPED[1]).unwrap();
        let numeric =
            |d: &Definition| d.items().filter(|i| i.kind.range().is_some()).map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(numeric(&own), numeric(&colleague));
    }
}
