//! Meeting kinds, agendas and their items, and the inputs of their forms,
//! checked on construction.

use crate::dates::Date;
use crate::error::FieldError;
use crate::trajectories::model::StartTime;

crate::codes! {
    /// What kind of meeting: each built-in template is one.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Kind {
        /// A 10–15-minute standing huddle at the start of the day.
        Dagstart = "dagstart",
        Dagevaluatie = "dagevaluatie",
        MoreelBeraad = "moreel_beraad",
        /// A pause after an incident or near miss.
        Stop = "stop",
        /// Multidisciplinary meeting.
        Mdo = "mdo",
        /// Vakgroep or department meeting.
        Vakgroep = "vakgroep",
    }
}

crate::codes! {
    /// How often a meeting comes back: each recurring meeting belongs to a series.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Recurrence {
        Once = "once",
        Daily = "daily",
        Weekly = "weekly",
    }
}

impl Recurrence {
    /// The days between two meetings of a series.
    pub fn step_days(self) -> Option<i64> {
        match self {
            Recurrence::Once => None,
            Recurrence::Daily => Some(1),
            Recurrence::Weekly => Some(7),
        }
    }
}

/// An agenda item with its timebox and the question that opens it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaItem {
    pub title: String,
    pub minutes: i64,
    pub prompt: String,
}

/// The built-in agendas: (item key, minutes). An item's title is the Fluent
/// message `meeting-item-<key>`, its prompt `meeting-item-<key>-prompt`,
/// written out in the language of whoever plans or copies it.
pub fn builtin(kind: Kind) -> &'static [(&'static str, i64)] {
    match kind {
        Kind::Dagstart => &[("safety", 3), ("staffing", 3), ("priorities", 4), ("verwonderpunten", 3)],
        Kind::Dagevaluatie => &[("went-well", 5), ("went-less-well", 5), ("tomorrow", 5)],
        Kind::MoreelBeraad => &[
            ("case", 10),
            ("moral-question", 5),
            ("perspectives", 15),
            ("values", 10),
            ("options", 10),
            ("conclusion", 10),
        ],
        Kind::Stop => &[("what-happened", 10), ("what-we-need", 10), ("what-we-change", 10)],
        Kind::Mdo => &[("patients", 40), ("agreements", 10), ("round", 5)],
        Kind::Vakgroep => &[("minutes-last", 5), ("announcements", 10), ("topics", 30), ("round", 5)],
    }
}

/// A built-in agenda in one language; `label` looks up a Fluent key.
pub fn builtin_agenda(kind: Kind, label: &dyn Fn(&str) -> String) -> Vec<AgendaItem> {
    builtin(kind)
        .iter()
        .map(|(key, minutes)| AgendaItem {
            title: label(&format!("meeting-item-{key}")),
            minutes: *minutes,
            prompt: label(&format!("meeting-item-{key}-prompt")),
        })
        .collect()
}

/// Which template a form chose: a built-in kind ("builtin:dagstart") or an
/// organisation's own ("org:12").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateRef {
    Builtin(Kind),
    Own(i64),
}

impl TemplateRef {
    pub fn parse(raw: &str) -> Result<TemplateRef, FieldError> {
        let err = FieldError { field: "template", key: "error-meeting-template-required" };
        match raw.trim().split_once(':') {
            Some(("builtin", code)) => Kind::from_code(code).map(TemplateRef::Builtin).ok_or(err),
            Some(("org", id)) => id.parse().map(TemplateRef::Own).map_err(|_| err),
            _ => Err(err),
        }
    }
    pub fn code(&self) -> String {
        match self {
            TemplateRef::Builtin(k) => format!("builtin:{}", k.code()),
            TemplateRef::Own(id) => format!("org:{id}"),
        }
    }
}

/// A template in a list: built in, or the organisation's own.
#[derive(Clone, Debug)]
pub struct TemplateSummary {
    pub reference: TemplateRef,
    pub kind: Kind,
    /// Empty for a built-in template: its name is `meeting-kind-<kind>`.
    pub name: String,
    pub total_minutes: i64,
}

const MAX_ITEMS: usize = 30;

/// An agenda as typed: one item a line, "minutes | title | question".
pub fn parse_agenda(raw: &str) -> Result<Vec<AgendaItem>, FieldError> {
    let err = |key| FieldError { field: "agenda", key };
    let mut items = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut parts = line.splitn(3, '|').map(str::trim);
        let minutes = parts.next().and_then(|m| m.parse::<i64>().ok()).filter(|m| (1..=240).contains(m));
        let title = parts.next().unwrap_or("");
        let prompt = parts.next().unwrap_or("");
        let Some(minutes) = minutes else { return Err(err("error-meeting-agenda-line")) };
        if title.is_empty() || title.chars().count() > 200 || prompt.chars().count() > 500 {
            return Err(err("error-meeting-agenda-line"));
        }
        items.push(AgendaItem { title: title.to_string(), minutes, prompt: prompt.to_string() });
    }
    if items.is_empty() {
        return Err(err("error-meeting-agenda-required"));
    }
    if items.len() > MAX_ITEMS {
        return Err(err("error-meeting-agenda-too-long"));
    }
    Ok(items)
}

/// An agenda written back as the form shows it.
pub fn agenda_text(items: &[AgendaItem]) -> String {
    items
        .iter()
        .map(|i| {
            if i.prompt.is_empty() {
                format!("{} | {}", i.minutes, i.title)
            } else {
                format!("{} | {} | {}", i.minutes, i.title, i.prompt)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Trimmed text of at most `max` characters; empty is `required` when given.
pub(crate) fn text(
    raw: &str,
    field: &'static str,
    max: usize,
    required: Option<&'static str>,
) -> Result<String, FieldError> {
    let t = raw.trim().replace("\r\n", "\n");
    match required {
        Some(key) if t.is_empty() => Err(FieldError { field, key }),
        _ if t.chars().count() > max => Err(FieldError { field, key: "error-text-too-long" }),
        _ => Ok(t),
    }
}

#[derive(Clone, Debug)]
pub struct Meeting {
    pub id: i64,
    pub org_id: i64,
    pub team_id: i64,
    pub team: String,
    pub series_id: Option<i64>,
    pub recurrence: Option<Recurrence>,
    pub kind: Kind,
    pub title: String,
    pub held_on: Date,
    pub start_time: StartTime,
    pub chair_id: i64,
    pub chair: String,
    pub closed_at: Option<i64>,
}

impl Meeting {
    pub fn is_closed(&self) -> bool {
        self.closed_at.is_some()
    }
}

#[derive(Clone, Debug)]
pub struct MeetingItem {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub minutes: i64,
    pub prompt: String,
    pub notes: String,
    /// The pulse round whose result this item discusses.
    pub pulse_round_id: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct Attendee {
    pub person_id: i64,
    pub name: String,
    pub present: bool,
}

#[derive(Clone, Debug)]
pub struct Decision {
    pub id: i64,
    pub text: String,
    pub concerns: String,
    /// The Fair Process record the decision became, if it did.
    pub decision_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agenda_reads_one_item_a_line_and_writes_back_the_same() {
        let items = parse_agenda("3 | Veiligheid | Wat ging er mis?\n\n 4 | Bezetting \r\n").unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            (items[0].minutes, items[0].title.as_str(), items[0].prompt.as_str()),
            (3, "Veiligheid", "Wat ging er mis?")
        );
        assert_eq!(agenda_text(&items), "3 | Veiligheid | Wat ging er mis?\n4 | Bezetting");
        assert_eq!(parse_agenda("").unwrap_err().key, "error-meeting-agenda-required");
        assert_eq!(parse_agenda("tien | Veiligheid").unwrap_err().key, "error-meeting-agenda-line");
        assert_eq!(parse_agenda("0 | Veiligheid").unwrap_err().key, "error-meeting-agenda-line");
        assert_eq!(parse_agenda("5 |  ").unwrap_err().key, "error-meeting-agenda-line");
    }

    #[test]
    fn a_template_reference_names_a_kind_or_an_own_template() {
        assert_eq!(TemplateRef::parse("builtin:stop").unwrap(), TemplateRef::Builtin(Kind::Stop));
        assert_eq!(TemplateRef::parse("org:12").unwrap(), TemplateRef::Own(12));
        assert!(TemplateRef::parse("builtin:koffie").is_err() && TemplateRef::parse("").is_err());
        assert_eq!(TemplateRef::Own(3).code(), "org:3");
    }

    #[test]
    fn a_dagstart_is_a_standing_huddle_of_ten_to_fifteen_minutes() {
        let total: i64 = builtin(Kind::Dagstart).iter().map(|(_, m)| m).sum();
        assert!((10..=15).contains(&total));
    }
}
