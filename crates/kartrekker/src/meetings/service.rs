//! Rules for meetings: who sees and changes what, agendas copied from a
//! template, recurring series, closing with minutes to the attendees.

use super::model::{
    AgendaItem, Attendee, Decision, Kind, Meeting, MeetingItem, Recurrence, TemplateRef, TemplateSummary, builtin,
    builtin_agenda, parse_agenda, text,
};
use super::store::{self, NewDecision, NewMeeting};
use crate::actions::service::{kartrekkers, team_access};
use crate::actions::{Access, Action, ActionInput, Origin, OriginKind};
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::dates::Date;
use crate::db::Conn;
use crate::notifications::Event;
use crate::organisations::{Member, Team};
use crate::people::Language;
use crate::trajectories::model::StartTime;
use crate::{Checks, Error, Kartrekker, Result};

/// How many past meetings a team's page lists.
const PAST_LISTED: i64 = 30;

/// A team's meetings page: what is coming and what was.
#[derive(Clone, Debug)]
pub struct TeamMeetings {
    pub team: Team,
    pub access: Access,
    pub upcoming: Vec<Meeting>,
    pub past: Vec<Meeting>,
    pub today: Date,
}

/// One template with its agenda, as its page or the copy form shows it.
#[derive(Clone, Debug)]
pub struct TemplatePage {
    pub summary: TemplateSummary,
    pub agenda: Vec<AgendaItem>,
    /// The organisation's administrator may change it (own templates only).
    pub editable: bool,
}

#[derive(Clone, Debug)]
pub struct MeetingPage {
    pub meeting: Meeting,
    pub access: Access,
    pub items: Vec<MeetingItem>,
    pub attendees: Vec<Attendee>,
    pub decisions: Vec<Decision>,
    pub actions: Vec<Action>,
    pub members: Vec<Member>,
    /// The actor chairs this meeting: they close it.
    pub chairs: bool,
    /// The actor leads the team: they may start a Fair Process decision.
    pub leads: bool,
}

/// A new meeting as its form sends it.
#[derive(Clone, Debug, Default)]
pub struct MeetingInput<'a> {
    pub template: &'a str,
    pub title: &'a str,
    pub held_on: &'a str,
    pub start_time: &'a str,
    pub chair: &'a str,
    pub recurrence: &'a str,
    /// Person ids of those invited.
    pub attendees: &'a [String],
}

fn editable(access: Access) -> Result<()> {
    if access == Access::Edit { Ok(()) } else { Err(Error::Forbidden) }
}

fn open(m: &Meeting) -> Result<()> {
    if m.is_closed() { Err(Error::Refused("error-meeting-closed")) } else { Ok(()) }
}

fn summary(kind: Kind, reference: TemplateRef, name: String, total_minutes: i64) -> TemplateSummary {
    TemplateSummary { reference, kind, name, total_minutes }
}

/// A template's agenda in the actor's organisation, in `lang` when built in.
async fn agenda_of(
    c: &mut Conn,
    org: i64,
    t: TemplateRef,
    lang: Language,
) -> Result<(TemplateSummary, Vec<AgendaItem>)> {
    match t {
        TemplateRef::Builtin(kind) => {
            let agenda = builtin_agenda(kind, &|k| crate::i18n::t(lang, k).to_string());
            let total = agenda.iter().map(|i| i.minutes).sum();
            Ok((summary(kind, t, String::new(), total), agenda))
        }
        TemplateRef::Own(id) => {
            let (kind, name) = store::template(c, org, id).await?.ok_or(Error::NotFound)?;
            let agenda = store::template_items(c, id).await?;
            let total = agenda.iter().map(|i| i.minutes).sum();
            Ok((summary(kind, t, name, total), agenda))
        }
    }
}

fn template_name(raw: &str) -> std::result::Result<String, crate::FieldError> {
    text(raw, "name", 120, Some("error-meeting-name-required"))
}

impl Kartrekker {
    /// The built-in templates and the organisation's own, for anyone in it.
    pub async fn meeting_templates(&self, actor: &Actor) -> Result<Vec<TemplateSummary>> {
        let org = actor.org_id().ok_or(Error::NotFound)?;
        let mut out: Vec<TemplateSummary> = Kind::ALL
            .iter()
            .map(|k| summary(*k, TemplateRef::Builtin(*k), String::new(), builtin(*k).iter().map(|(_, m)| m).sum()))
            .collect();
        for t in store::templates_of_org(&mut self.conn().await?, org).await? {
            out.push(summary(t.kind, TemplateRef::Own(t.id), t.name, t.total_minutes));
        }
        Ok(out)
    }

    pub async fn meeting_template(&self, actor: &Actor, t: TemplateRef, lang: Language) -> Result<TemplatePage> {
        let org = actor.org_id().ok_or(Error::NotFound)?;
        let (summary, agenda) = agenda_of(&mut self.conn().await?, org, t, lang).await?;
        let editable = actor.is_org_admin() && matches!(t, TemplateRef::Own(_));
        Ok(TemplatePage { summary, agenda, editable })
    }

    /// The organisation's administrator copies a template (built in or
    /// their own) into a new one of the organisation, to edit.
    pub async fn copy_meeting_template(&self, actor: &Actor, from: &str, lang: Language) -> Result<i64> {
        let org = crate::organisations::service::admin_org(actor)?;
        let from = TemplateRef::parse(from)?;
        let mut tx = self.db.begin().await?;
        let (s, agenda) = agenda_of(&mut tx, org, from, lang).await?;
        let name = if s.name.is_empty() {
            crate::i18n::t(lang, &format!("meeting-kind-{}", s.kind.code())).to_string()
        } else {
            s.name.clone()
        };
        let copy = crate::i18n::t_text(lang, "meeting-template-copy-name", &[("name", &name)]);
        let now = self.now();
        let id = store::insert_template(&mut tx, org, s.kind, &copy, now).await?;
        store::replace_template_items(&mut tx, id, &agenda).await?;
        self.audit(
            &mut tx,
            Entry::by(actor, AuditAction::ChangeMeetingTemplate, format!("meeting_template:{id}")).in_org(org),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The administrator renames an own template and rewrites its agenda.
    pub async fn save_meeting_template(&self, actor: &Actor, id: i64, name: &str, agenda: &str) -> Result<()> {
        let org = crate::organisations::service::admin_org(actor)?;
        let mut tx = self.db.begin().await?;
        store::template(&mut tx, org, id).await?.ok_or(Error::NotFound)?;
        let mut checks = Checks::default();
        let name = checks.check(template_name(name));
        let agenda = checks.check(parse_agenda(agenda));
        checks.finish()?;
        let (Some(name), Some(agenda)) = (name, agenda) else {
            return Err(Error::Internal("checked template missing".into()));
        };
        store::rename_template(&mut tx, id, &name, self.now()).await?;
        store::replace_template_items(&mut tx, id, &agenda).await?;
        self.audit(
            &mut tx,
            Entry::by(actor, AuditAction::ChangeMeetingTemplate, format!("meeting_template:{id}")).in_org(org),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn team_meetings(&self, actor: &Actor, team_id: i64) -> Result<TeamMeetings> {
        let mut c = self.conn().await?;
        let (team, access) = team_access(&mut c, actor, team_id).await?;
        let today = self.today();
        let upcoming = store::upcoming_of_team(&mut c, team_id, today).await?;
        let past = store::past_of_team(&mut c, team_id, today, PAST_LISTED).await?;
        Ok(TeamMeetings { team, access, upcoming, past, today })
    }

    /// What the form for a new meeting needs: the team, who may chair or attend, and the templates.
    pub async fn meeting_form(&self, actor: &Actor, team_id: i64) -> Result<(Team, Vec<Member>, Vec<TemplateSummary>)> {
        let mut c = self.conn().await?;
        let (team, access) = team_access(&mut c, actor, team_id).await?;
        editable(access)?;
        let members = kartrekkers(&mut c, team_id).await?;
        drop(c);
        Ok((team, members, self.meeting_templates(actor).await?))
    }

    /// Plans a meeting of the team with a template's agenda; a recurring
    /// one starts a series.
    pub async fn plan_meeting(
        &self,
        actor: &Actor,
        team_id: i64,
        input: &MeetingInput<'_>,
        lang: Language,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (team, access) = team_access(&mut tx, actor, team_id).await?;
        editable(access)?;
        let members = kartrekkers(&mut tx, team_id).await?;
        let mut checks = Checks::default();
        let template = checks.check(TemplateRef::parse(input.template));
        let title = checks.check(text(input.title, "title", 200, None));
        let held_on = checks.check(crate::dates::Date::parse(input.held_on, "held_on"));
        if held_on.is_some_and(|d| d < self.today()) {
            checks.push("held_on", "error-date-in-past");
        }
        let start_time = match StartTime::parse_optional(input.start_time) {
            Ok(Some(t)) => Some(t),
            Ok(None) => {
                checks.push("start_time", "error-meeting-time-required");
                None
            }
            Err(e) => checks.check(Err(e)),
        };
        let chair = input.chair.trim().parse::<i64>().ok().filter(|k| members.iter().any(|m| m.person_id == *k));
        if chair.is_none() {
            checks.push("chair", "error-meeting-chair-required");
        }
        let recurrence = Recurrence::from_code(input.recurrence.trim());
        if recurrence.is_none() {
            checks.push("recurrence", "error-meeting-recurrence");
        }
        let mut attendees: Vec<i64> = Vec::new();
        for a in input.attendees {
            match a.parse::<i64>().ok().filter(|p| members.iter().any(|m| m.person_id == *p)) {
                Some(p) if !attendees.contains(&p) => attendees.push(p),
                Some(_) => {}
                None => checks.push("attendees", "error-meeting-attendee-not-member"),
            }
        }
        if input.attendees.is_empty() {
            checks.push("attendees", "error-meeting-attendees-required");
        }
        let agenda = match template {
            Some(t) => match agenda_of(&mut tx, team.org_id, t, lang).await {
                Ok(a) => Some(a),
                Err(Error::NotFound) => {
                    checks.push("template", "error-meeting-template-required");
                    None
                }
                Err(e) => return Err(e),
            },
            None => None,
        };
        checks.finish()?;
        let (Some(title), Some(held_on), Some(start_time), Some(chair), Some(recurrence), Some((summary, agenda))) =
            (title, held_on, start_time, chair, recurrence, agenda)
        else {
            return Err(Error::Internal("checked meeting missing".into()));
        };
        let title = if title.is_empty() { default_title(&summary, lang) } else { title };
        let now = self.now();
        let series_id = match recurrence {
            Recurrence::Once => None,
            r => Some(store::insert_series(&mut tx, team.org_id, team_id, r, now).await?),
        };
        if !attendees.contains(&chair) {
            attendees.push(chair);
        }
        let new = NewMeeting {
            org_id: team.org_id,
            team_id,
            series_id,
            kind: summary.kind,
            title: &title,
            held_on,
            start_time,
            chair_id: chair,
            created_by: actor.id(),
        };
        let id = store::insert_meeting(&mut tx, &new, now).await?.ok_or(Error::Internal("new series taken".into()))?;
        store::insert_items(&mut tx, id, &agenda).await?;
        for p in attendees {
            store::insert_attendee(&mut tx, id, p).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The next meeting of a recurring meeting's series, with the same
    /// agenda, chair and attendees; planned once, however often asked.
    pub async fn plan_next_in_series(&self, actor: &Actor, meeting_id: i64) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (m, access) = meeting_with_access(&mut tx, actor, meeting_id).await?;
        editable(access)?;
        let (Some(series_id), Some(step)) = (m.series_id, m.recurrence.and_then(Recurrence::step_days)) else {
            return Err(Error::NotFound);
        };
        let mut day = m.held_on.add_days(step);
        let today = self.today();
        while day < today {
            day = day.add_days(step);
        }
        if let Some(id) = store::in_series_on(&mut tx, series_id, day).await? {
            return Ok(id);
        }
        let new = NewMeeting {
            org_id: m.org_id,
            team_id: m.team_id,
            series_id: Some(series_id),
            kind: m.kind,
            title: &m.title,
            held_on: day,
            start_time: m.start_time,
            chair_id: m.chair_id,
            created_by: actor.id(),
        };
        let Some(id) = store::insert_meeting(&mut tx, &new, self.now()).await? else {
            // Planned at the same moment by someone else: theirs it is.
            drop(tx);
            let mut c = self.conn().await?;
            return store::in_series_on(&mut c, series_id, day).await?.ok_or(Error::NotFound);
        };
        let agenda: Vec<AgendaItem> = store::items(&mut tx, m.id)
            .await?
            .into_iter()
            .map(|i| AgendaItem { title: i.title, minutes: i.minutes, prompt: i.prompt })
            .collect();
        store::insert_items(&mut tx, id, &agenda).await?;
        let members = kartrekkers(&mut tx, m.team_id).await?;
        for a in store::attendees(&mut tx, m.id).await? {
            if members.iter().any(|x| x.person_id == a.person_id) {
                store::insert_attendee(&mut tx, id, a.person_id).await?;
            }
        }
        tx.commit().await?;
        Ok(id)
    }

    /// A series' meetings, latest first: its own history.
    pub async fn meeting_series(&self, actor: &Actor, series_id: i64) -> Result<(Team, Vec<Meeting>)> {
        let mut c = self.conn().await?;
        let meetings = store::of_series(&mut c, series_id).await?;
        let first = meetings.first().ok_or(Error::NotFound)?;
        let (team, _) = team_access(&mut c, actor, first.team_id).await?;
        Ok((team, meetings))
    }

    pub async fn meeting_page(&self, actor: &Actor, id: i64) -> Result<MeetingPage> {
        let mut c = self.conn().await?;
        let (meeting, access) = meeting_with_access(&mut c, actor, id).await?;
        let items = store::items(&mut c, id).await?;
        let attendees = store::attendees(&mut c, id).await?;
        let decisions = store::decisions(&mut c, id).await?;
        let origin = Origin { kind: OriginKind::Meeting, id: Some(id) };
        let actions = crate::actions::store::of_origin(&mut c, meeting.team_id, origin).await?;
        let members = kartrekkers(&mut c, meeting.team_id).await?;
        let chairs = meeting.chair_id == actor.id();
        let leads = crate::decisions::leads(actor, meeting.team_id);
        Ok(MeetingPage { meeting, access, items, attendees, decisions, actions, members, chairs, leads })
    }

    pub async fn save_meeting_notes(&self, actor: &Actor, id: i64, item_id: i64, notes: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (m, access) = meeting_with_access(&mut tx, actor, id).await?;
        editable(access)?;
        open(&m)?;
        let notes = text(notes, "notes", 8000, None)?;
        if !store::set_notes(&mut tx, id, item_id, &notes).await? {
            return Err(Error::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    /// Marks who is there: `present` holds the person ids ticked.
    pub async fn set_meeting_attendance(&self, actor: &Actor, id: i64, present: &[String]) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (m, access) = meeting_with_access(&mut tx, actor, id).await?;
        editable(access)?;
        open(&m)?;
        for a in store::attendees(&mut tx, id).await? {
            let here = present.iter().any(|p| p.trim() == a.person_id.to_string());
            if here != a.present {
                store::set_present(&mut tx, id, a.person_id, here).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// A simple decision of the meeting: what was decided and whom it concerns.
    pub async fn add_meeting_decision(&self, actor: &Actor, id: i64, decision: &str, concerns: &str) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (m, access) = meeting_with_access(&mut tx, actor, id).await?;
        editable(access)?;
        open(&m)?;
        let mut checks = Checks::default();
        let decision = checks.check(text(decision, "decision", 2000, Some("error-meeting-decision-required")));
        let concerns = checks.check(text(concerns, "concerns", 300, Some("error-meeting-concerns-required")));
        checks.finish()?;
        let (Some(decision), Some(concerns)) = (decision, concerns) else {
            return Err(Error::Internal("checked decision missing".into()));
        };
        let new =
            NewDecision { meeting_id: id, text: &decision, concerns: &concerns, decision_id: None, by: actor.id() };
        let did = store::insert_decision(&mut tx, &new, self.now()).await?;
        tx.commit().await?;
        Ok(did)
    }

    /// The open meeting in which the actor may start a Fair Process decision
    /// (a leader of its team, as for any decision record).
    pub async fn meeting_for_decision(&self, actor: &Actor, id: i64) -> Result<Meeting> {
        let mut c = self.conn().await?;
        let (m, access) = meeting_with_access(&mut c, actor, id).await?;
        editable(access)?;
        open(&m)?;
        if !crate::decisions::leads(actor, m.team_id) {
            return Err(Error::Forbidden);
        }
        Ok(m)
    }

    /// A decision taken in the meeting becomes a Fair Process record of the
    /// meeting's team (through the decisions area, which asks the members
    /// for input), listed among the meeting's decisions; both or neither.
    pub async fn start_meeting_decision(
        &self,
        actor: &Actor,
        id: i64,
        input: &crate::decisions::DecisionInput<'_>,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (m, access) = meeting_with_access(&mut tx, actor, id).await?;
        editable(access)?;
        open(&m)?;
        let decision_id = self.create_decision_in(&mut tx, actor, m.team_id, input).await?;
        let new = NewDecision {
            meeting_id: id,
            text: input.title.trim(),
            concerns: "",
            decision_id: Some(decision_id),
            by: actor.id(),
        };
        store::insert_decision(&mut tx, &new, self.now()).await?;
        tx.commit().await?;
        Ok(decision_id)
    }

    /// An action agreed in the meeting: into the register with the origin "Overleg".
    pub async fn add_meeting_action(&self, actor: &Actor, id: i64, input: &ActionInput<'_>) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (m, _) = meeting_with_access(&mut tx, actor, id).await?;
        open(&m)?;
        let origin = Origin { kind: OriginKind::Meeting, id: Some(id) };
        let action = self.create_action_in(&mut tx, actor, m.team_id, input, origin).await?;
        tx.commit().await?;
        Ok(action)
    }

    /// The chair closes the meeting; the minutes go to every other attendee.
    pub async fn close_meeting(&self, actor: &Actor, id: i64) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (m, _) = meeting_with_access(&mut tx, actor, id).await?;
        if m.chair_id != actor.id() {
            return Err(Error::Forbidden);
        }
        if !store::close(&mut tx, id, self.now()).await? {
            return Err(Error::Refused("error-meeting-closed"));
        }
        let others: Vec<i64> = store::attendees(&mut tx, id)
            .await?
            .into_iter()
            .map(|a| a.person_id)
            .filter(|p| *p != actor.id())
            .collect();
        self.notify_all(&mut tx, &others, &Event::MinutesSent { meeting_id: id }, &id.to_string()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The actor's meetings of today and the coming `days`, for the home page.
    pub async fn my_meetings(&self, actor: &Actor, days: i64) -> Result<Vec<Meeting>> {
        let today = self.today();
        Ok(store::of_attendee(&mut self.conn().await?, actor.id(), today, today.add_days(days)).await?)
    }
}

fn default_title(s: &TemplateSummary, lang: Language) -> String {
    if s.name.is_empty() {
        crate::i18n::t(lang, &format!("meeting-kind-{}", s.kind.code())).to_string()
    } else {
        s.name.clone()
    }
}

/// The meeting, if the actor may see its team; otherwise it does not exist for them.
pub(crate) async fn meeting_with_access(c: &mut Conn, actor: &Actor, id: i64) -> Result<(Meeting, Access)> {
    let m = store::by_id(c, id).await?.ok_or(Error::NotFound)?;
    if actor.org_id() != Some(m.org_id) {
        return Err(Error::NotFound);
    }
    let (_, access) = team_access(c, actor, m.team_id).await?;
    Ok((m, access))
}

/// At send time: the closed meeting whose minutes go to `person_id`, while
/// they are still one of its attendees and in its team.
pub(crate) async fn minutes_for(c: &mut Conn, meeting_id: i64, person_id: i64) -> Result<Option<Meeting>> {
    let Some(m) = store::by_id(c, meeting_id).await?.filter(Meeting::is_closed) else { return Ok(None) };
    let attended = store::attendees(c, meeting_id).await?.iter().any(|a| a.person_id == person_id);
    let member = crate::organisations::store::members(c, m.team_id).await?.iter().any(|x| x.person_id == person_id);
    Ok((attended && member).then_some(m))
}

/// The minutes as plain text in `lang`: the file the e-mail to the
/// attendees carries, so that they have them without logging in.
pub(crate) async fn minutes_text(c: &mut Conn, m: &Meeting, lang: Language) -> Result<String> {
    let t = |k: &str| crate::i18n::t(lang, k).to_string();
    let items = store::items(c, m.id).await?;
    let attendees = store::attendees(c, m.id).await?;
    let decisions = store::decisions(c, m.id).await?;
    let origin = Origin { kind: OriginKind::Meeting, id: Some(m.id) };
    let actions = crate::actions::store::of_origin(c, m.team_id, origin).await?;
    let chair = crate::i18n::t_text(lang, "meeting-chaired-by", &[("name", &m.chair)]);
    let names = |present: bool| {
        attendees.iter().filter(|a| a.present == present).map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")
    };
    let mut out = vec![
        format!("{}: {}", t("meeting-minutes-title"), m.title),
        format!("{} · {} {} · {chair}", m.team, m.held_on.dutch(), m.start_time),
        String::new(),
        format!("{}: {}", t("meeting-present"), names(true)),
        format!("{}: {}", t("meeting-absent"), names(false)),
        String::new(),
        t("meeting-agenda"),
    ];
    for i in &items {
        let notes = if i.notes.is_empty() { t("meeting-no-notes") } else { i.notes.clone() };
        out.extend([String::new(), format!("{}. {}", i.position, i.title), notes]);
    }
    out.extend([String::new(), t("meeting-decisions")]);
    for d in &decisions {
        let whom = if d.concerns.is_empty() {
            t("meeting-decision-fair-process")
        } else {
            crate::i18n::t_text(lang, "meeting-decision-concerns", &[("who", &d.concerns)])
        };
        out.push(format!("- {} ({whom})", d.text));
    }
    out.extend([String::new(), t("meeting-actions")]);
    for a in &actions {
        let due = a.due_date.map(|d| format!(", {}", d.dutch())).unwrap_or_default();
        out.push(format!("- {} ({}{due})", a.title, a.kartrekker));
    }
    Ok(out.join("\n") + "\n")
}

impl Kartrekker {
    /// A dagstart shows the team's overdue actions from the register, so
    /// that the daily rhythm and the register meet; other meetings none.
    pub async fn dagstart_overdue(&self, actor: &Actor, m: &Meeting) -> Result<Vec<crate::actions::ActionCard>> {
        if m.kind != Kind::Dagstart {
            return Ok(Vec::new());
        }
        let mut c = self.conn().await?;
        team_access(&mut c, actor, m.team_id).await?;
        let filter = crate::actions::ActionFilter::default();
        let today = self.today();
        let mut cards = crate::actions::store::cards_of_team(&mut c, m.team_id, &filter).await?;
        cards.retain(|a| a.is_overdue(today));
        Ok(cards)
    }
}

/// The chair's view of the feedback on their chairing: figures only from
/// the organisation's minimum group size.
#[derive(Clone, Debug)]
pub struct ChairFeedback {
    pub meeting: Meeting,
    pub asked: i64,
    pub answered: i64,
    pub needed: i64,
    /// Average per point (preparation, leading, group dynamics), once enough answered.
    pub averages: Option<[f64; 3]>,
    pub comments: Vec<String>,
}

/// A score of 1 to 5 as the form sends it.
fn score(raw: &str, field: &'static str) -> std::result::Result<i64, crate::FieldError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or(crate::FieldError { field, key: "error-meeting-feedback-score" })
}

impl Kartrekker {
    /// The chair asks the attendees who were present for feedback on their
    /// chairing, once the meeting is closed; returns how many were asked.
    pub async fn ask_chair_feedback(&self, actor: &Actor, id: i64) -> Result<usize> {
        let mut tx = self.db.begin().await?;
        let (m, _) = meeting_with_access(&mut tx, actor, id).await?;
        if m.chair_id != actor.id() {
            return Err(Error::Forbidden);
        }
        if !m.is_closed() {
            return Err(Error::Refused("error-meeting-feedback-not-closed"));
        }
        let others: Vec<i64> = store::attendees(&mut tx, id)
            .await?
            .into_iter()
            .filter(|a| a.present && a.person_id != actor.id())
            .map(|a| a.person_id)
            .collect();
        if others.is_empty() {
            return Err(Error::Refused("error-meeting-feedback-nobody"));
        }
        for p in &others {
            store::ask_feedback(&mut tx, id, *p).await?;
        }
        self.notify_all(&mut tx, &others, &Event::ChairFeedbackAsked { meeting_id: id }, &id.to_string()).await?;
        tx.commit().await?;
        Ok(others.len())
    }

    /// The meeting whose chairing the actor was asked about, and whether they answered.
    pub async fn chair_feedback_form(&self, actor: &Actor, id: i64) -> Result<(Meeting, bool)> {
        let mut c = self.conn().await?;
        let (m, _) = meeting_with_access(&mut c, actor, id).await?;
        let answered = store::feedback_request(&mut c, id, actor.id()).await?.ok_or(Error::NotFound)?;
        Ok((m, answered))
    }

    /// An answer on the chairing: three scores of 1 to 5 and a comment,
    /// stored apart from who answered; once per person.
    pub async fn give_chair_feedback(&self, actor: &Actor, id: i64, scores: [&str; 3], comment: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        meeting_with_access(&mut tx, actor, id).await?;
        if store::feedback_request(&mut tx, id, actor.id()).await?.is_none() {
            return Err(Error::NotFound);
        }
        let mut checks = Checks::default();
        let fields = ["preparation", "leading", "dynamics"];
        let parsed: Vec<Option<i64>> = scores.iter().zip(fields).map(|(s, f)| checks.check(score(s, f))).collect();
        let comment = checks.check(text(comment, "comment", 2000, None));
        checks.finish()?;
        let (Some(comment), [Some(a), Some(b), Some(c)]) = (comment, parsed.as_slice()) else {
            return Err(Error::Internal("checked feedback missing".into()));
        };
        if !store::mark_answered(&mut tx, id, actor.id()).await? {
            return Err(Error::Refused("error-meeting-feedback-given"));
        }
        tx.commit().await?;
        // The answer in a transaction of its own, never the mark's (docs/decisions/0019).
        if let Err(e) = self.add_unlinked_feedback(id, [*a, *b, *c], comment).await {
            let mut tx = self.db.begin().await?;
            store::unmark_answered(&mut tx, id, actor.id()).await?;
            tx.commit().await?;
            return Err(e);
        }
        Ok(())
    }

    /// Adds an answer so that no trace of its author remains, as the intake
    /// does (docs/decisions/0012): a random id, and every answer of the
    /// meeting written again in a random order in one transaction.
    async fn add_unlinked_feedback(&self, id: i64, scores: [i64; 3], comment: String) -> Result<()> {
        use rand::seq::SliceRandom;
        let mut tx = self.db.begin().await?;
        store::lock(&mut tx, id).await?;
        let mut all = store::answers(&mut tx, id).await?;
        all.push((rand::random_range(1 << 40..1 << 53), scores, comment));
        all.shuffle(&mut rand::rng());
        store::delete_answers(&mut tx, id).await?;
        for a in &all {
            store::insert_answer(&mut tx, id, a).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The feedback on the actor's chairing of a meeting: theirs alone.
    pub async fn chair_feedback(&self, actor: &Actor, id: i64) -> Result<ChairFeedback> {
        let mut c = self.conn().await?;
        let (meeting, _) = meeting_with_access(&mut c, actor, id).await?;
        if meeting.chair_id != actor.id() {
            return Err(Error::NotFound);
        }
        let asked = store::feedback_asked(&mut c, id).await?;
        let answers = store::answers(&mut c, id).await?;
        let threshold = crate::organisations::anonymity::threshold(&mut c, meeting.org_id, 0).await?;
        let answered = answers.len() as i64;
        // The chair is never asked, so never among those counted.
        let shown = threshold.met(answered, false);
        let averages = shown.then(|| {
            let mut sums = [0.0; 3];
            for (_, s, _) in &answers {
                for (sum, v) in sums.iter_mut().zip(s) {
                    *sum += *v as f64;
                }
            }
            sums.map(|s| s / answered as f64)
        });
        let comments =
            if shown { answers.into_iter().map(|(_, _, c)| c).filter(|c| !c.is_empty()).collect() } else { Vec::new() };
        Ok(ChairFeedback { meeting, asked, answered, needed: threshold.needed(), averages, comments })
    }

    /// Meetings whose chairing the actor was asked about: for the home page.
    pub async fn chair_feedback_to_give(&self, actor: &Actor) -> Result<Vec<Meeting>> {
        Ok(store::feedback_to_give(&mut self.conn().await?, actor.id()).await?)
    }
}

/// At send time: the meeting whose chair asks `person_id` for feedback, while unanswered.
pub(crate) async fn feedback_asked_of(c: &mut Conn, meeting_id: i64, person_id: i64) -> Result<Option<Meeting>> {
    if store::feedback_request(c, meeting_id, person_id).await? != Some(false) {
        return Ok(None);
    }
    Ok(store::by_id(c, meeting_id).await?)
}
