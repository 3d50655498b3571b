//! What a portfolio holds, and the inputs of its forms, checked on construction.

use crate::dates::Date;
use crate::error::FieldError;
use crate::{Checks, Error};

crate::codes! {
    /// The three levels of medical leadership.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Level {
        /// Every doctor, in daily work.
        Frontline = "frontline",
        /// Doctors in working groups and management roles: organisation and ward.
        Clinical = "clinical",
        /// Doctors whose main work is governing.
        Executive = "executive",
    }
}

crate::codes! {
    /// Where a resident stands: the basis, or the vervolgfase from about year three.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Phase {
        Basis = "basis",
        Vervolgfase = "vervolgfase",
    }
}

crate::codes! {
    /// Everyday situations that build leadership.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ActivityKind {
        WardRound = "ward_round",
        Handover = "handover",
        Multidisciplinary = "multidisciplinary",
        Teaching = "teaching",
        DepartmentMeeting = "department_meeting",
        HospitalCommittee = "hospital_committee",
        InsurerNegotiation = "insurer_negotiation",
        Chairing = "chairing",
        VerwonderVerbeter = "verwonder_verbeter",
        Finance = "finance",
    }
}

impl ActivityKind {
    /// The card that goes with the situation, offered when the resident picks none.
    pub fn card(self) -> Card {
        use ActivityKind::*;
        match self {
            WardRound | Handover | Multidisciplinary | Teaching => Card::Basis,
            DepartmentMeeting | HospitalCommittee => Card::Vervolgfase,
            InsurerNegotiation => Card::Negotiating,
            Chairing => Card::Chairing,
            VerwonderVerbeter => Card::VerwonderVerbeter,
            Finance => Card::Finance,
        }
    }
}

crate::codes! {
    /// The inspiration cards, told in our own words (locales/*/portfolio.ftl).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Card {
        Levels = "levels",
        Basis = "basis",
        Vervolgfase = "vervolgfase",
        Negotiating = "negotiating",
        FairProcess = "fair_process",
        Finance = "finance",
        VerwonderVerbeter = "verwonder_verbeter",
        Chairing = "chairing",
        WorkingTogether = "working_together",
        Talent = "talent",
        OwnProfile = "own_profile",
    }
}

impl Card {
    /// The feedback form that puts the card to work, if one does.
    pub fn form(self) -> Option<FeedbackForm> {
        match self {
            Card::Chairing => Some(FeedbackForm::Chairing),
            Card::Negotiating => Some(FeedbackForm::Negotiating),
            Card::WorkingTogether => Some(FeedbackForm::WorkingTogether),
            _ => None,
        }
    }
}

crate::codes! {
    /// Things elsewhere in Kartrekker an activity can point at, pulling in
    /// their facts (title, date, team, status) instead of retyping them.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum LinkKind {
        /// An action the resident pulls (is kartrekker of).
        Action = "action",
        /// A meeting the resident chaired or attended.
        Meeting = "meeting",
        /// An improvement project (Verwonder & Verbeter) the resident pulls.
        Project = "project",
        /// A Fair Process decision of a team the resident is a member of.
        Decision = "decision",
    }
}

crate::codes! {
    /// The short form that fits the observed situation.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum FeedbackForm {
        /// Preparation, leading, group dynamics.
        Chairing = "chairing",
        Negotiating = "negotiating",
        WorkingTogether = "working_together",
        Free = "free",
    }
}

impl FeedbackForm {
    /// The questions, as Fluent keys; their answers are stored in this order.
    pub fn questions(self) -> &'static [&'static str] {
        match self {
            FeedbackForm::Chairing => {
                &["feedback-q-chairing-preparation", "feedback-q-chairing-leading", "feedback-q-chairing-dynamics"]
            }
            FeedbackForm::Negotiating => &[
                "feedback-q-negotiating-atmosphere",
                "feedback-q-negotiating-interests",
                "feedback-q-negotiating-better",
            ],
            FeedbackForm::WorkingTogether => {
                &["feedback-q-together-pleasant", "feedback-q-together-different", "feedback-q-together-effect"]
            }
            FeedbackForm::Free => &["feedback-q-free-well", "feedback-q-free-better"],
        }
    }
}

crate::codes! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum FeedbackStatus {
        Asked = "asked",
        Answered = "answered",
        Declined = "declined",
    }
}

/// A resident's phase as the opleider set it.
#[derive(Clone, Debug)]
pub struct PhaseInfo {
    pub phase: Phase,
    pub since: Date,
    pub set_by: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Activity {
    pub id: i64,
    pub resident_id: i64,
    pub kind: ActivityKind,
    pub level: Level,
    pub phase: Phase,
    pub happened_on: Date,
    pub what: String,
    pub went_well: String,
    pub next_time: String,
    pub card: Option<Card>,
    pub link_kind: Option<LinkKind>,
    pub link_id: Option<i64>,
    pub shared: bool,
}

#[derive(Clone, Debug)]
pub struct Feedback {
    pub id: i64,
    pub resident_id: i64,
    pub resident: String,
    pub activity_id: Option<i64>,
    pub form: FeedbackForm,
    pub situation: String,
    pub giver_name: String,
    pub giver_email: String,
    pub expires_at: i64,
    pub reminded_at: Option<i64>,
    pub status: FeedbackStatus,
    pub answers: Vec<String>,
    pub answered_at: Option<i64>,
    pub reflection: String,
    pub shared: bool,
    pub created_at: i64,
}

impl Feedback {
    /// Asked, and the link can no longer be used.
    pub fn expired(&self, now: i64) -> bool {
        self.status == FeedbackStatus::Asked && self.expires_at <= now
    }
}

/// One version of the profile plan: the card's six steps.
#[derive(Clone, Debug)]
pub struct Plan {
    pub id: i64,
    pub version: i64,
    pub steps: [String; 6],
    pub shared: bool,
    pub created_at: i64,
}

/// The six steps of "maak je eigen profiel", as Fluent keys and form field names.
pub const PLAN_STEPS: [&str; 6] =
    ["kind_of_doctor", "look_around", "ask_others", "possibilities", "timing", "in_order"];

fn text(raw: &str, field: &'static str, max: usize, required: Option<&'static str>) -> Result<String, FieldError> {
    let t = raw.trim();
    match required {
        Some(key) if t.is_empty() => Err(FieldError { field, key }),
        _ if t.chars().count() > max => Err(FieldError { field, key: "error-text-too-long" }),
        _ => Ok(t.to_string()),
    }
}

fn coded<T>(raw: &str, field: &'static str, key: &'static str, from: fn(&str) -> Option<T>) -> Result<T, FieldError> {
    from(raw.trim()).ok_or(FieldError { field, key })
}

/// An activity as its form sends it.
#[derive(Clone, Debug, Default)]
pub struct ActivityInput<'a> {
    pub kind: &'a str,
    pub level: &'a str,
    pub happened_on: &'a str,
    pub what: &'a str,
    pub went_well: &'a str,
    pub next_time: &'a str,
    /// Empty: the card that goes with the kind.
    pub card: &'a str,
    /// "action:12", or empty.
    pub link: &'a str,
    pub shared: bool,
}

pub(crate) struct CheckedActivity {
    pub kind: ActivityKind,
    pub level: Level,
    pub happened_on: Date,
    pub what: String,
    pub went_well: String,
    pub next_time: String,
    pub card: Card,
    pub link: Option<(LinkKind, i64)>,
}

/// "kind:id" as a link field sends it.
pub fn parse_link(raw: &str) -> Result<Option<(LinkKind, i64)>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let bad = FieldError { field: "link", key: "error-portfolio-link" };
    let (kind, id) = raw.split_once(':').ok_or(bad.clone())?;
    Ok(Some((LinkKind::from_code(kind).ok_or(bad.clone())?, id.parse().map_err(|_| bad)?)))
}

impl ActivityInput<'_> {
    pub(crate) fn check(&self, today: Date) -> Result<CheckedActivity, Error> {
        let mut checks = Checks::default();
        let kind = checks.check(coded(self.kind, "kind", "error-portfolio-kind", ActivityKind::from_code));
        let level = checks.check(coded(self.level, "level", "error-portfolio-level", Level::from_code));
        let happened_on = checks.check(Date::parse(self.happened_on, "happened_on"));
        if happened_on.is_some_and(|d| d > today) {
            checks.push("happened_on", "error-portfolio-future");
        }
        let what = checks.check(text(self.what, "what", 2000, Some("error-portfolio-what")));
        let went_well = checks.check(text(self.went_well, "went_well", 2000, None));
        let next_time = checks.check(text(self.next_time, "next_time", 2000, None));
        let card = if self.card.trim().is_empty() {
            None
        } else {
            checks.check(coded(self.card, "card", "error-portfolio-card", Card::from_code))
        };
        let link = checks.check(parse_link(self.link));
        checks.finish()?;
        let missing = || Error::Internal("checked activity missing".into());
        let kind = kind.ok_or_else(missing)?;
        Ok(CheckedActivity {
            kind,
            level: level.ok_or_else(missing)?,
            happened_on: happened_on.ok_or_else(missing)?,
            what: what.ok_or_else(missing)?,
            went_well: went_well.ok_or_else(missing)?,
            next_time: next_time.ok_or_else(missing)?,
            card: card.unwrap_or(kind.card()),
            link: link.ok_or_else(missing)?,
        })
    }
}

/// A feedback request as its form sends it.
#[derive(Clone, Debug, Default)]
pub struct FeedbackInput<'a> {
    pub form: &'a str,
    pub situation: &'a str,
    pub giver_name: &'a str,
    pub giver_email: &'a str,
    /// An activity of the resident's own, or empty.
    pub activity: &'a str,
}

pub(crate) struct CheckedFeedback {
    pub form: FeedbackForm,
    pub situation: String,
    pub giver_name: String,
    pub giver_email: String,
    pub activity: Option<i64>,
}

impl FeedbackInput<'_> {
    pub(crate) fn check(&self) -> Result<CheckedFeedback, Error> {
        let mut checks = Checks::default();
        let form = checks.check(coded(self.form, "form", "error-portfolio-form", FeedbackForm::from_code));
        let situation = checks.check(text(self.situation, "situation", 2000, Some("error-portfolio-situation")));
        let giver_name = checks.check(text(self.giver_name, "giver_name", 200, Some("error-portfolio-giver-name")));
        let email = self.giver_email.trim().to_lowercase();
        let valid = email.len() <= 254
            && email.split_once('@').is_some_and(|(a, d)| !a.is_empty() && d.contains('.') && !d.starts_with('.'))
            && !email.chars().any(char::is_whitespace);
        if !valid {
            checks.push("giver_email", "error-portfolio-giver-email");
        }
        let activity = match self.activity.trim() {
            "" => None,
            a => checks
                .check(
                    a.parse::<i64>()
                        .map(Some)
                        .map_err(|_| FieldError { field: "activity", key: "error-portfolio-activity" }),
                )
                .flatten(),
        };
        checks.finish()?;
        let missing = || Error::Internal("checked feedback missing".into());
        Ok(CheckedFeedback {
            form: form.ok_or_else(missing)?,
            situation: situation.ok_or_else(missing)?,
            giver_name: giver_name.ok_or_else(missing)?,
            giver_email: email,
            activity,
        })
    }
}

/// The answers a giver sends: one per question of the form, at least one filled in.
pub(crate) fn check_answers(form: FeedbackForm, answers: &[&str]) -> Result<Vec<String>, Error> {
    const FIELDS: [&str; 3] = ["answer_1", "answer_2", "answer_3"];
    let mut checks = Checks::default();
    let mut out = Vec::new();
    for (i, field) in FIELDS.iter().enumerate().take(form.questions().len()) {
        out.push(checks.check(text(answers.get(i).copied().unwrap_or(""), field, 4000, None)).unwrap_or_default());
    }
    if out.iter().all(String::is_empty) {
        checks.push("answer_1", "error-portfolio-answer");
    }
    checks.finish()?;
    Ok(out)
}

/// The profile plan's six steps as the form sends them; at least one filled in.
#[derive(Clone, Debug, Default)]
pub struct PlanInput<'a> {
    pub steps: [&'a str; 6],
    pub shared: bool,
}

impl PlanInput<'_> {
    pub(crate) fn check(&self) -> Result<[String; 6], Error> {
        let mut checks = Checks::default();
        let steps: [String; 6] =
            std::array::from_fn(|i| checks.check(text(self.steps[i], PLAN_STEPS[i], 4000, None)).unwrap_or_default());
        if steps.iter().all(String::is_empty) {
            checks.push(PLAN_STEPS[0], "error-portfolio-plan-empty");
        }
        checks.finish()?;
        Ok(steps)
    }
}

/// A reflection on feedback received.
pub(crate) fn reflection_text(raw: &str) -> Result<String, FieldError> {
    text(raw, "reflection", 4000, Some("error-portfolio-reflection"))
}

/// Activities of one quarter in one phase, counted per level (frontline,
/// clinical, executive): a bar of the opleider's chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuarterCount {
    pub year: i64,
    /// 1 to 4.
    pub quarter: i64,
    pub phase: Phase,
    pub per_level: [i64; 3],
}

/// Counts activities per quarter and phase, oldest first; a quarter in which
/// the phase changed has a bar for each phase.
pub fn per_quarter(activities: &[Activity]) -> Vec<QuarterCount> {
    let mut out: Vec<QuarterCount> = Vec::new();
    let mut sorted: Vec<&Activity> = activities.iter().collect();
    sorted.sort_by_key(|a| (a.happened_on, a.phase == Phase::Vervolgfase));
    for a in sorted {
        let (year, month, _) = a.happened_on.ymd();
        let quarter = (month - 1) / 3 + 1;
        let level = Level::ALL.iter().position(|l| *l == a.level).unwrap_or(0);
        match out.last_mut() {
            Some(q) if q.year == year && q.quarter == quarter && q.phase == a.phase => q.per_level[level] += 1,
            _ => {
                let mut per_level = [0; 3];
                per_level[level] = 1;
                out.push(QuarterCount { year, quarter, phase: a.phase, per_level });
            }
        }
    }
    out
}

/// An opleider's comment on what a resident shared: on one activity, or on the whole.
#[derive(Clone, Debug)]
pub struct Comment {
    pub id: i64,
    pub activity_id: Option<i64>,
    pub author: Option<String>,
    pub text: String,
    pub created_at: i64,
}

/// A comment as its form sends it.
pub(crate) fn comment_text(raw: &str) -> Result<String, FieldError> {
    text(raw, "text", 2000, Some("portfolio-error-comment"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn activity(day: &str, level: Level, phase: Phase) -> Activity {
        Activity {
            id: 0,
            resident_id: 1,
            kind: ActivityKind::Handover,
            level,
            phase,
            happened_on: Date::parse(day, "d").unwrap(),
            what: String::new(),
            went_well: String::new(),
            next_time: String::new(),
            card: None,
            link_kind: None,
            link_id: None,
            shared: true,
        }
    }

    #[test]
    fn activities_are_counted_per_quarter_phase_and_level_oldest_first() {
        let all = [
            activity("2026-05-02", Level::Clinical, Phase::Vervolgfase),
            activity("2026-01-10", Level::Frontline, Phase::Basis),
            activity("2026-03-31", Level::Frontline, Phase::Basis),
            activity("2026-04-01", Level::Executive, Phase::Basis),
        ];
        let q = per_quarter(&all);
        let bars: Vec<_> = q.iter().map(|x| (x.year, x.quarter, x.phase, x.per_level)).collect();
        assert_eq!(
            bars,
            [
                (2026, 1, Phase::Basis, [2, 0, 0]),
                (2026, 2, Phase::Basis, [0, 0, 1]),
                (2026, 2, Phase::Vervolgfase, [0, 1, 0]),
            ]
        );
    }
}

/// A card as an organisation's administrators wrote it, in both languages:
/// a built-in card they edited (`builtin`), or one of their own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardTexts {
    pub id: i64,
    pub builtin: Option<Card>,
    pub title_nl: String,
    pub text_nl: String,
    pub title_en: String,
    pub text_en: String,
}

/// A card's texts as the form sends them: every field required.
#[derive(Clone, Debug, Default)]
pub struct CardInput<'a> {
    pub title_nl: &'a str,
    pub text_nl: &'a str,
    pub title_en: &'a str,
    pub text_en: &'a str,
}

impl CardInput<'_> {
    pub(crate) fn check(&self) -> Result<[String; 4], Error> {
        let mut checks = Checks::default();
        let fields = [
            (self.title_nl, "title_nl", 120),
            (self.text_nl, "text_nl", 4000),
            (self.title_en, "title_en", 120),
            (self.text_en, "text_en", 4000),
        ];
        let out = fields.map(|(raw, field, max)| {
            checks.check(text(raw, field, max, Some("portfolio-error-card-empty"))).unwrap_or_default()
        });
        checks.finish()?;
        Ok(out)
    }
}
