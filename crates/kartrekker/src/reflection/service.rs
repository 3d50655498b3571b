//! Rules of the reflection cycle: who starts it, who rates whom, and results
//! from the frozen set only (see `results.rs` for the anonymity rule).

use std::sync::Arc;

use super::model::{Cycle, Schedule, parse_min_raters};
use super::results::{self, Answers, GroupResults, PersonalResults};
use super::store::{self, NewCycle, Whose};
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::db::Conn;
use crate::notifications::Event;
use crate::organisations::anonymity;
use crate::organisations::{Team, TeamRole, store as orgs};
use crate::questionnaires::store as q;
use crate::questionnaires::{Instrument, InstrumentRow};
use crate::text::Name;
use crate::{Checks, Error, Kartrekker, Result};

/// The shipped instruments a cycle uses: the self-evaluation and its colleague version.
pub const SELF_INSTRUMENT: &str = "roeping-collegialiteit";
pub const COLLEAGUE_INSTRUMENT: &str = "roeping-collegialiteit-collega";

pub(crate) fn self_context(cycle: i64) -> String {
    format!("reflection:{cycle}:self")
}

fn about_context(cycle: i64, subject: i64) -> String {
    format!("reflection:{cycle}:about:{subject}")
}

/// The cycle and, for colleague feedback, the subject of a reflection context.
fn parse_context(context: &str) -> Option<(i64, Option<i64>)> {
    let mut parts = context.strip_prefix("reflection:")?.split(':');
    let cycle = parts.next()?.parse().ok()?;
    match (parts.next()?, parts.next()) {
        ("self", None) => Some((cycle, None)),
        ("about", Some(subject)) => Some((cycle, Some(subject.parse().ok()?))),
        _ => None,
    }
}

/// A team's reflection cycles are its members' own: others, a program leader
/// too, are neither shown them nor linked to them.
pub fn sees_team_reflection(actor: &Actor, team_id: i64) -> bool {
    actor.in_team(team_id)
}

/// Team leaders, medical managers and opleiders lead the team's cycles.
fn leads(actor: &Actor, team_id: i64) -> bool {
    [TeamRole::TeamLeader, TeamRole::MedicalManager, TeamRole::Opleider]
        .iter()
        .any(|r| actor.has_team_role(team_id, *r))
}

/// Before a cycle starts: the group it would have and the minimum group
/// size; `reachable` is false when no participant could ever see a group
/// result or colleague scores, which the start page says.
#[derive(Clone, Copy, Debug)]
pub struct GroupCheck {
    pub size: i64,
    pub needed: i64,
    pub reachable: bool,
}

/// Everyone in the team, once: a new cycle's participants.
async fn team_size(c: &mut Conn, team_id: i64) -> Result<i64> {
    let mut members: Vec<i64> = orgs::members(c, team_id).await?.into_iter().map(|m| m.person_id).collect();
    members.sort_unstable();
    members.dedup();
    Ok(members.len() as i64)
}

/// What a reflection cycle adds to one of its questionnaires.
#[derive(Clone, Debug, Default)]
pub struct ContextInfo {
    /// The feedback is closed: answers no longer count, so none are taken.
    pub closed: bool,
    /// The colleague a feedback questionnaire is about.
    pub about: Option<String>,
}

#[derive(Clone, Debug)]
pub struct CycleView {
    pub cycle: Cycle,
    pub team: Team,
    pub participants: Vec<(i64, String)>,
    pub is_leader: bool,
    pub is_participant: bool,
    /// The actor's self-evaluation: (response id, submitted).
    pub own: Option<(i64, bool)>,
    /// Whom the actor asked for feedback.
    pub asked: Vec<i64>,
    /// Who asked the actor: (person id, name, response submitted).
    pub to_rate: Vec<(i64, String, bool)>,
    /// For the leader: team members who do not take part yet (id, name).
    pub candidates: Vec<(i64, String)>,
    /// Colleagues needed before their scores show: the cycle's threshold or
    /// the organisation's minimum group size, the higher.
    pub needed: i64,
}

/// The newest version of each of an organisation's own instruments.
async fn own_instruments(c: &mut Conn, org: i64) -> Result<Vec<InstrumentRow>> {
    let mut out: Vec<InstrumentRow> = Vec::new();
    // Sorted by slug, newest version first.
    for i in q::available(c, org).await? {
        if i.org_id == Some(org) && out.last().is_none_or(|l| l.slug != i.slug) {
            out.push(i);
        }
    }
    Ok(out)
}

impl CycleView {
    /// A participant's own results open once the feedback is closed; before
    /// that they are refused, so they are not linked either.
    pub fn sees_own_results(&self) -> bool {
        self.is_participant && self.cycle.feedback_closed_at.is_some()
    }
}

impl Kartrekker {
    /// For a response's context: whether its cycle's feedback is closed, and
    /// whom the feedback is about. None for a context outside reflection.
    pub(crate) async fn reflection_context(&self, c: &mut Conn, context: &str) -> Result<Option<ContextInfo>> {
        let Some((cycle_id, subject)) = parse_context(context) else { return Ok(None) };
        let closed = store::feedback_closed_at(c, cycle_id).await?.is_some();
        let about = match subject {
            Some(s) => crate::people::store::by_id(c, s).await?.map(|p| p.name),
            None => None,
        };
        Ok(Some(ContextInfo { closed, about }))
    }

    pub(super) async fn cycle_access(&self, c: &mut Conn, actor: &Actor, id: i64) -> Result<(Cycle, bool, bool)> {
        let (cycle, participant) = store::with_participant(c, id, actor.id()).await?.ok_or(Error::NotFound)?;
        if Some(cycle.org_id) != actor.org_id() {
            return Err(Error::NotFound);
        }
        let leader = leads(actor, cycle.team_id) || cycle.leader_id == Some(actor.id());
        if !participant && !leader {
            return Err(Error::NotFound);
        }
        Ok((cycle, leader, participant))
    }

    /// A team's cycles, whether the actor may start one, and what a new
    /// cycle's group would be.
    pub async fn reflection_cycles(&self, actor: &Actor, team_id: i64) -> Result<(Team, Vec<Cycle>, bool, GroupCheck)> {
        let org = actor.org_id().ok_or(Error::NotFound)?;
        let mut c = self.conn().await?;
        let team = orgs::team_in_org(&mut c, org, team_id).await?.ok_or(Error::NotFound)?;
        if !sees_team_reflection(actor, team_id) {
            return Err(Error::NotFound);
        }
        let size = team_size(&mut c, team_id).await?;
        let threshold = anonymity::threshold(&mut c, org, 0).await?;
        // The starter takes part, so a participant sees the fewest others.
        let check = GroupCheck { size, needed: threshold.needed(), reachable: !threshold.unreachable(size, true) };
        Ok((team, store::of_team(&mut c, team_id).await?, leads(actor, team_id), check))
    }

    /// The organisation's own published instruments a cycle can use: the
    /// newest version of each.
    pub async fn reflection_instruments(&self, actor: &Actor) -> Result<Vec<InstrumentRow>> {
        let org = actor.org_id().ok_or(Error::NotFound)?;
        own_instruments(&mut self.conn().await?, org).await
    }

    /// A leader starts a cycle for the whole team, with the built-in instrument.
    pub async fn start_reflection_cycle(
        &self,
        actor: &Actor,
        team_id: i64,
        title: &str,
        dates: [&str; 4],
        min_raters: &str,
    ) -> Result<i64> {
        self.start_reflection_cycle_using(actor, team_id, title, dates, min_raters, "").await
    }

    /// A team leader, medical manager or opleider starts a cycle for the
    /// whole team. `instrument` is one of the organisation's own instruments
    /// (self and colleagues answer it), or empty for the built-in pair.
    pub async fn start_reflection_cycle_using(
        &self,
        actor: &Actor,
        team_id: i64,
        title: &str,
        dates: [&str; 4],
        min_raters: &str,
        instrument: &str,
    ) -> Result<i64> {
        let org = actor.org_id().ok_or(Error::NotFound)?;
        let mut tx = self.db.begin().await?;
        orgs::team_in_org(&mut tx, org, team_id).await?.ok_or(Error::NotFound)?;
        if !actor.in_team(team_id) {
            return Err(Error::NotFound);
        }
        if !leads(actor, team_id) {
            return Err(Error::Forbidden);
        }
        let mut checks = Checks::default();
        let title = checks.check(Name::parse(title).map_err(|e| crate::FieldError { field: "title", ..e }));
        let schedule = Schedule::parse(dates, &mut checks);
        let floor = anonymity::threshold(&mut tx, org, 0).await?.needed();
        let min_raters = checks.check(parse_min_raters(min_raters, floor));
        let own_choice = match instrument.trim() {
            "" => None,
            raw => {
                let chosen = raw.parse::<i64>().ok();
                let own = own_instruments(&mut tx, org).await?;
                let found = own.into_iter().find(|i| Some(i.id) == chosen).map(|i| i.id);
                if found.is_none() {
                    checks.push("instrument", "error-instrument-choose");
                }
                found
            }
        };
        checks.finish()?;
        let (instrument_id, colleague_instrument_id) = match own_choice {
            Some(id) => (id, id),
            None => {
                let own = q::latest_shipped(&mut tx, SELF_INSTRUMENT)
                    .await?
                    .ok_or(Error::Internal("instrument missing".into()))?;
                let colleague = q::latest_shipped(&mut tx, COLLEAGUE_INSTRUMENT)
                    .await?
                    .ok_or(Error::Internal("instrument missing".into()))?;
                (own.id, colleague.id)
            }
        };
        let new = NewCycle {
            org_id: org,
            team_id,
            leader_id: actor.id(),
            title: title.as_ref().map(Name::as_str).unwrap_or_default(),
            instrument_id,
            colleague_instrument_id,
            min_raters: min_raters.unwrap_or(floor),
            schedule: schedule.ok_or(Error::Internal("schedule".into()))?,
        };
        let id = store::insert(&mut tx, &new, self.now()).await?;
        let mut members: Vec<i64> = orgs::members(&mut tx, team_id).await?.into_iter().map(|m| m.person_id).collect();
        members.dedup();
        for p in &members {
            store::add_participant(&mut tx, id, *p).await?;
        }
        let others: Vec<i64> = members.into_iter().filter(|p| *p != actor.id()).collect();
        self.notify_all(&mut tx, &others, &Event::CycleStarted { cycle_id: id }, &id.to_string()).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn reflection_cycle(&self, actor: &Actor, id: i64) -> Result<CycleView> {
        let mut c = self.conn().await?;
        let (cycle, is_leader, is_participant) = self.cycle_access(&mut c, actor, id).await?;
        let team = orgs::team_in_org(&mut c, cycle.org_id, cycle.team_id).await?.ok_or(Error::NotFound)?;
        let participants = store::participants(&mut c, id).await?;
        let own = q::response_of(&mut c, actor.id(), &self_context(id)).await?.map(|r| (r.id, r.submitted));
        let asked = store::raters_of(&mut c, id, actor.id()).await?;
        let mut to_rate = Vec::new();
        for subject in store::subjects_of(&mut c, id, actor.id()).await? {
            let name = participants.iter().find(|(p, _)| *p == subject).map(|(_, n)| n.clone()).unwrap_or_default();
            let done =
                q::response_of(&mut c, actor.id(), &about_context(id, subject)).await?.is_some_and(|r| r.submitted);
            to_rate.push((subject, name, done));
        }
        let candidates = if is_leader { self.candidates(&mut c, &cycle, &participants).await? } else { Vec::new() };
        let needed = anonymity::threshold(&mut c, cycle.org_id, cycle.min_raters).await?.needed();
        Ok(CycleView { cycle, team, participants, is_leader, is_participant, own, asked, to_rate, candidates, needed })
    }

    async fn candidates(
        &self,
        c: &mut Conn,
        cycle: &Cycle,
        participants: &[(i64, String)],
    ) -> Result<Vec<(i64, String)>> {
        Ok(orgs::members(c, cycle.team_id)
            .await?
            .into_iter()
            .filter(|m| !participants.iter().any(|(p, _)| *p == m.person_id))
            .map(|m| (m.person_id, m.name))
            .collect())
    }

    /// The leader adds a team member who joined after the start (or was left
    /// out); they take part in every step from now on.
    pub async fn add_reflection_participant(&self, actor: &Actor, id: i64, person: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (cycle, leader, _) = self.cycle_access(&mut tx, actor, id).await?;
        if !leader {
            return Err(Error::Forbidden);
        }
        let participants = store::participants(&mut tx, id).await?;
        let candidates = self.candidates(&mut tx, &cycle, &participants).await?;
        let person = person
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|p| candidates.iter().any(|(c, _)| c == p))
            .ok_or(Error::invalid("person", "error-participant-choose"))?;
        store::add_participant(&mut tx, id, person).await?;
        let subject = format!("reflection:{id}:participant:{person}");
        let entry = Entry::by(actor, AuditAction::AddReflectionParticipant, subject).in_org(cycle.org_id).about(person);
        self.audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The actor's self-evaluation in this cycle, started if needed.
    pub async fn open_self_evaluation(&self, actor: &Actor, id: i64) -> Result<i64> {
        let mut c = self.conn().await?;
        let (cycle, _, participant) = self.cycle_access(&mut c, actor, id).await?;
        if !participant {
            return Err(Error::Forbidden);
        }
        if cycle.feedback_closed_at.is_some() {
            return Err(Error::Refused("error-feedback-closed"));
        }
        drop(c);
        self.open_response(actor, cycle.instrument_id, &self_context(id)).await
    }

    /// Asks colleagues from the group for feedback. A participant cannot ask
    /// themselves or anyone outside the group.
    pub async fn request_feedback(&self, actor: &Actor, id: i64, raters: &[String]) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (cycle, _, participant) = self.cycle_access(&mut tx, actor, id).await?;
        if !participant {
            return Err(Error::Forbidden);
        }
        if cycle.feedback_closed_at.is_some() {
            return Err(Error::Refused("error-feedback-closed"));
        }
        let group = store::participants(&mut tx, id).await?;
        let mut ids = Vec::new();
        for raw in raters {
            let rater = raw.trim().parse::<i64>().ok().filter(|r| group.iter().any(|(p, _)| p == r));
            match rater {
                Some(r) if r == actor.id() => return Err(Error::invalid("raters", "error-rater-self")),
                Some(r) => ids.push(r),
                None => return Err(Error::invalid("raters", "error-rater-not-in-group")),
            }
        }
        if ids.is_empty() {
            return Err(Error::invalid("raters", "error-raters-choose"));
        }
        for r in ids {
            store::insert_request(&mut tx, id, actor.id(), r, self.now()).await?;
            let event = Event::FeedbackRequested { cycle_id: id, subject_id: actor.id() };
            self.notify(&mut tx, r, event, &format!("{id}:{}", actor.id())).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The actor's feedback on a colleague who asked for it.
    pub async fn open_feedback(&self, actor: &Actor, id: i64, subject: i64) -> Result<i64> {
        let mut c = self.conn().await?;
        let (cycle, _, _) = self.cycle_access(&mut c, actor, id).await?;
        if subject == actor.id() {
            return Err(Error::Refused("error-rater-self"));
        }
        if !store::raters_of(&mut c, id, subject).await?.contains(&actor.id()) {
            return Err(Error::NotFound);
        }
        if cycle.feedback_closed_at.is_some() {
            return Err(Error::Refused("error-feedback-closed"));
        }
        drop(c);
        self.open_response(actor, cycle.colleague_instrument_id, &about_context(id, subject)).await
    }

    /// The leader closes the feedback: from now on results come from what
    /// was submitted until this moment, and nothing is added.
    pub async fn close_reflection_feedback(&self, actor: &Actor, id: i64) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (_, leader, _) = self.cycle_access(&mut tx, actor, id).await?;
        if !leader {
            return Err(Error::Forbidden);
        }
        if store::close_feedback(&mut tx, id, self.now()).await? {
            let group: Vec<i64> = store::participants(&mut tx, id).await?.into_iter().map(|(p, _)| p).collect();
            self.notify_all(&mut tx, &group, &Event::ResultsReady { cycle_id: id }, &id.to_string()).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The actor's own results: self against colleagues, from the frozen set.
    pub async fn my_reflection_results(
        &self,
        actor: &Actor,
        id: i64,
    ) -> Result<(Arc<Instrument>, Arc<Instrument>, PersonalResults)> {
        let mut c = self.conn().await?;
        let (cycle, _, participant) = self.cycle_access(&mut c, actor, id).await?;
        let closed = cycle.feedback_closed_at.ok_or(Error::Refused("error-results-not-yet"))?;
        if !participant {
            return Err(Error::Forbidden);
        }
        let own = self.instrument_by_id(&mut c, cycle.instrument_id).await?;
        let colleague = self.instrument_by_id(&mut c, cycle.colleague_instrument_id).await?;
        let mine = store::frozen(&mut c, &self_context(id), closed, Whose::Respondent(actor.id())).await?;
        let mine: Option<Answers> = mine.into_iter().next();
        let asked = Whose::AskedBy { cycle_id: id, subject_id: actor.id() };
        let ratings = store::frozen(&mut c, &about_context(id, actor.id()), closed, asked).await?;
        let r = results::personal(
            &own.definition,
            mine.as_ref(),
            &colleague.definition,
            &ratings,
            anonymity::threshold(&mut c, cycle.org_id, cycle.min_raters).await?,
        );
        Ok((own, colleague, r))
    }

    /// The group's averages and spread, from the frozen set; no individual scores.
    pub async fn reflection_group(&self, actor: &Actor, id: i64) -> Result<(Cycle, Arc<Instrument>, GroupResults)> {
        let mut c = self.conn().await?;
        let (cycle, _, _) = self.cycle_access(&mut c, actor, id).await?;
        let closed = cycle.feedback_closed_at.ok_or(Error::Refused("error-results-not-yet"))?;
        let own = self.instrument_by_id(&mut c, cycle.instrument_id).await?;
        let selves = store::frozen(&mut c, &self_context(id), closed, Whose::Participants { cycle_id: id }).await?;
        let viewer_in =
            !store::frozen(&mut c, &self_context(id), closed, Whose::Respondent(actor.id())).await?.is_empty();
        let threshold = anonymity::threshold(&mut c, cycle.org_id, cycle.min_raters).await?;
        let g = results::group(&own.definition, &selves, threshold, viewer_in);
        Ok((cycle, own, g))
    }
}
