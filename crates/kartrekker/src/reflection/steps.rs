//! The cycle's later steps: preparation, the group conversation, the
//! personal action plan, and the accreditation record of minutes.

use super::model::{Cycle, Notes, Step, parse_minutes, points};
use super::store::{self, MinutesRecord, NotesPart};
use crate::actions::{Action, ActionInput, Origin, OriginKind};
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::dates::Date;
use crate::db::Conn;
use crate::notifications::Event;
use crate::questionnaires::store as q;
use crate::{Checks, Error, FieldError, Kartrekker, Result};

fn text(raw: &str, field: &'static str) -> std::result::Result<String, FieldError> {
    let t = raw.trim();
    if t.chars().count() > 4000 { Err(FieldError { field, key: "error-text-too-long" }) } else { Ok(t.to_string()) }
}

/// One participant's line in the accreditation record.
#[derive(Clone, Debug)]
pub struct MinutesLine {
    pub person_id: i64,
    pub name: String,
    /// Minutes per step, in `Step::ALL` order.
    pub minutes: [i64; 4],
}

impl MinutesLine {
    pub fn total(&self) -> i64 {
        self.minutes.iter().sum()
    }
    pub fn points(&self) -> f64 {
        points(self.total())
    }
}

/// The personal action plan as the form sends it.
#[derive(Clone, Copy)]
pub struct PlanInput<'a> {
    pub actions: &'a [PlannedAction<'a>],
    pub safeguarding: &'a str,
    pub buddy: &'a str,
    pub follow_up: &'a str,
    pub private: bool,
}

/// A participant's plan as stored.
#[derive(Clone, Debug)]
pub struct StoredPlan {
    pub actions: Vec<Action>,
    /// The preparation's intended actions, while the plan has no actions yet.
    pub intended: Vec<String>,
    pub notes: Notes,
    /// Kept off the team's board: the actions are the participant's own.
    pub private: bool,
}

/// A corrected number of minutes that is not one: whose, and for which step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinutesProblem {
    pub person_id: i64,
    pub name: String,
    pub step: Step,
    pub key: &'static str,
}

/// An action of the personal plan as the form sends it: `action` is the id
/// of the stored action it changes, empty for a new one.
pub struct PlannedAction<'a> {
    pub action: &'a str,
    pub title: &'a str,
    pub goal: &'a str,
    pub due_date: &'a str,
}

impl Kartrekker {
    /// Records the program's minutes for a step a person took part in; an
    /// earlier record (a leader's correction) stays.
    async fn record_step(&self, c: &mut Conn, by: &Actor, cycle_id: i64, person_id: i64, step: Step) -> Result<()> {
        let rec = MinutesRecord { cycle_id, person_id, step, minutes: step.minutes(), by: by.id(), now: self.now() };
        Ok(store::record_minutes(c, &rec, false).await?)
    }

    pub async fn reflection_notes(&self, actor: &Actor, id: i64) -> Result<Notes> {
        let mut c = self.conn().await?;
        let (_, _, participant) = self.cycle_access(&mut c, actor, id).await?;
        if !participant {
            return Err(Error::Forbidden);
        }
        Ok(store::notes(&mut c, id, actor.id()).await?)
    }

    /// Saves the preparation; with `done`, records its minutes.
    pub async fn save_preparation(&self, actor: &Actor, id: i64, fields: [&str; 3], done: bool) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (_, _, participant) = self.cycle_access(&mut tx, actor, id).await?;
        if !participant {
            return Err(Error::Forbidden);
        }
        let mut checks = Checks::default();
        let notes = checks.check(text(fields[0], "preparation_notes"));
        let topics = checks.check(text(fields[1], "topics"));
        let intended = checks.check(text(fields[2], "intended_actions"));
        checks.finish()?;
        let n = Notes {
            preparation_notes: notes.unwrap(),
            topics: topics.unwrap(),
            intended_actions: intended.unwrap(),
            ..Notes::default()
        };
        store::save_notes(&mut tx, id, actor.id(), NotesPart::Preparation, &n).await?;
        if done {
            self.record_step(&mut tx, actor, id, actor.id(), Step::Preparation).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Everyone's notes for the conversation page: (person id, name, personal meaning).
    pub async fn conversation_notes(&self, actor: &Actor, id: i64) -> Result<Vec<(i64, String, String)>> {
        let mut c = self.conn().await?;
        self.cycle_access(&mut c, actor, id).await?;
        let mut out = Vec::new();
        for (p, name) in store::participants(&mut c, id).await? {
            out.push((p, name, store::notes(&mut c, id, p).await?.personal_meaning));
        }
        Ok(out)
    }

    /// The chair records the consensus (for the group and for each person)
    /// and who took part; those present get the conversation's minutes.
    pub async fn save_conversation(
        &self,
        actor: &Actor,
        id: i64,
        group_notes: &str,
        meanings: &[(String, String)],
        present: &[String],
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (_, leader, _) = self.cycle_access(&mut tx, actor, id).await?;
        if !leader {
            return Err(Error::Forbidden);
        }
        let group: Vec<i64> = store::participants(&mut tx, id).await?.into_iter().map(|(p, _)| p).collect();
        let member = |raw: &str| raw.trim().parse::<i64>().ok().filter(|p| group.contains(p));
        let mut checks = Checks::default();
        let notes = checks.check(text(group_notes, "group_notes"));
        let mut personal = Vec::new();
        for (pid, t) in meanings {
            let p = member(pid).ok_or(Error::Refused("error-form-tampered"))?;
            if let Some(t) = checks.check(text(t, "meaning")) {
                personal.push((p, t));
            }
        }
        let mut attendees = Vec::new();
        for raw in present {
            attendees.push(member(raw).ok_or(Error::Refused("error-form-tampered"))?);
        }
        checks.finish()?;
        store::save_group_notes(&mut tx, id, &notes.unwrap_or_default()).await?;
        for (p, t) in personal {
            let n = Notes { personal_meaning: t, ..Notes::default() };
            store::save_notes(&mut tx, id, p, NotesPart::Meaning, &n).await?;
        }
        for p in attendees {
            self.record_step(&mut tx, actor, id, p, Step::Conversation).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The participant's plan actions in the register: the actions of this
    /// cycle's plan they pull, oldest first.
    async fn plan_actions(&self, c: &mut Conn, actor: &Actor, cycle: &Cycle) -> Result<Vec<Action>> {
        let origin = Origin { kind: OriginKind::ReflectionPlan, id: Some(cycle.id) };
        let all = crate::actions::store::of_origin(c, cycle.team_id, origin).await?;
        Ok(all.into_iter().filter(|a| a.kartrekker_id == actor.id()).collect())
    }

    /// The stored plan: its actions and notes; before the first save, the
    /// preparation's intended actions (one per line) stand in for actions.
    pub async fn action_plan(&self, actor: &Actor, id: i64) -> Result<StoredPlan> {
        let mut c = self.conn().await?;
        let (cycle, _, participant) = self.cycle_access(&mut c, actor, id).await?;
        if !participant {
            return Err(Error::Forbidden);
        }
        let notes = store::notes(&mut c, id, actor.id()).await?;
        let actions = self.plan_actions(&mut c, actor, &cycle).await?;
        let intended = if actions.is_empty() {
            notes
                .intended_actions
                .lines()
                .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        } else {
            Vec::new()
        };
        let mut private = false;
        for a in &actions {
            private |= crate::actions::store::private_to(&mut c, a.id).await?.is_some();
        }
        Ok(StoredPlan { actions, intended, notes, private })
    }

    /// The personal action plan: actions into the register with the person
    /// as kartrekker, and how they are safeguarded (a buddy and a follow-up
    /// date). Saving again changes the plan's actions (`action` names the
    /// one a slot shows) instead of adding new ones. A private plan's actions
    /// stay off the team's board. All of it, or nothing.
    pub async fn save_action_plan(&self, actor: &Actor, id: i64, plan: &PlanInput<'_>) -> Result<usize> {
        let PlanInput { actions, safeguarding, buddy, follow_up, private } = *plan;
        let mut tx = self.db.begin().await?;
        let (cycle, _, participant) = self.cycle_access(&mut tx, actor, id).await?;
        if !participant {
            return Err(Error::Forbidden);
        }
        let group: Vec<i64> = store::participants(&mut tx, id).await?.into_iter().map(|(p, _)| p).collect();
        let stored = self.plan_actions(&mut tx, actor, &cycle).await?;
        let mut checks = Checks::default();
        let safeguarding = checks.check(text(safeguarding, "safeguarding"));
        if safeguarding.as_deref() == Some("") {
            checks.push("safeguarding", "error-safeguarding-required");
        }
        let buddy = buddy.trim().parse::<i64>().ok();
        match buddy {
            Some(b) if b == actor.id() => checks.push("buddy", "error-buddy-self"),
            Some(b) if group.contains(&b) => {}
            _ => checks.push("buddy", "error-buddy-choose"),
        }
        let follow_up = checks.check(Date::parse(follow_up, "follow_up"));
        if follow_up.is_some_and(|d| d < self.today()) {
            checks.push("follow_up", "error-date-in-past");
        }
        // (slot number, the form's action, the stored action it edits)
        let mut slots = Vec::new();
        for (n, a) in actions.iter().enumerate() {
            let existing = match a.action.trim() {
                "" => None,
                raw => Some(
                    raw.parse::<i64>()
                        .ok()
                        .and_then(|aid| stored.iter().find(|s| s.id == aid))
                        .ok_or(Error::Refused("error-form-tampered"))?,
                ),
            };
            let empty = a.title.trim().is_empty() && a.goal.trim().is_empty() && a.due_date.trim().is_empty();
            if existing.is_some() || !empty {
                slots.push((n + 1, a, existing));
            }
        }
        if slots.is_empty() {
            checks.push("title-1", "error-plan-needs-action");
        }
        checks.finish()?;
        let me = actor.id().to_string();
        let follow = follow_up.map(|d| d.to_string()).unwrap_or_default();
        for (n, a, existing) in &slots {
            let input = ActionInput {
                title: a.title,
                goal: a.goal,
                kartrekker: &me,
                due_date: a.due_date,
                evaluation_date: &follow,
            };
            let done = match existing {
                Some(old) => self
                    .edit_action_in(&mut tx, actor, old.id, &input, old.status.code(), &old.result)
                    .await
                    .map(|_| old.id),
                None => {
                    let origin = Origin { kind: OriginKind::ReflectionPlan, id: Some(id) };
                    self.create_action_in(&mut tx, actor, cycle.team_id, &input, origin).await
                }
            };
            // The action fields are numbered in the form: title-1, goal-1, ...
            let action_id = done.map_err(|e| match e {
                Error::Invalid(fields) => Error::Invalid(
                    fields.into_iter().map(|f| FieldError { field: numbered(f.field, *n), key: f.key }).collect(),
                ),
                e => e,
            })?;
            crate::actions::store::set_private(&mut tx, action_id, private).await?;
        }
        let n = Notes {
            safeguarding: safeguarding.unwrap_or_default(),
            buddy_id: buddy,
            follow_up_date: follow_up,
            ..Notes::default()
        };
        let before = store::notes(&mut tx, id, actor.id()).await?.buddy_id;
        store::save_notes(&mut tx, id, actor.id(), NotesPart::Safeguarding, &n).await?;
        if let Some(b) = buddy.filter(|b| before != Some(*b)) {
            let event = Event::BuddyNamed { cycle_id: id, owner_id: actor.id() };
            self.notify(&mut tx, b, event, &format!("{id}:{}", actor.id())).await?;
        }
        self.record_step(&mut tx, actor, id, actor.id(), Step::ActionPlan).await?;
        tx.commit().await?;
        Ok(slots.len())
    }

    /// Minutes per step per participant: recorded ones, and the
    /// self-evaluation's 30 once it is submitted. A participant sees only
    /// themselves; the leader sees everyone once the feedback is closed,
    /// before that only themselves: the minutes would tell who has
    /// submitted their self-evaluation.
    pub async fn accreditation(&self, actor: &Actor, id: i64) -> Result<Vec<MinutesLine>> {
        let mut c = self.conn().await?;
        let (cycle, leader, _) = self.cycle_access(&mut c, actor, id).await?;
        let everyone = leader && cycle.feedback_closed_at.is_some();
        let recorded = store::minutes(&mut c, id).await?;
        let mut out = Vec::new();
        for (p, name) in store::participants(&mut c, id).await? {
            if !everyone && p != actor.id() {
                continue;
            }
            let mut minutes = [0; 4];
            for (i, step) in Step::ALL.iter().enumerate() {
                minutes[i] = match recorded.iter().find(|(rp, s, _)| *rp == p && s == step) {
                    Some((_, _, m)) => *m,
                    None if *step == Step::SelfEvaluation => {
                        let submitted = q::response_of(&mut c, p, &format!("reflection:{id}:self"))
                            .await?
                            .is_some_and(|r| r.submitted);
                        if submitted { step.minutes() } else { 0 }
                    }
                    None => 0,
                };
            }
            out.push(MinutesLine { person_id: p, name, minutes });
        }
        Ok(out)
    }

    /// Every participant's minutes for the leader's CSV download: an
    /// export of each one's data in the audit trail.
    pub async fn accreditation_export(&self, actor: &Actor, id: i64) -> Result<Vec<MinutesLine>> {
        let (_, leader, _) = self.cycle_access(&mut self.conn().await?, actor, id).await?;
        if !leader {
            return Err(Error::Forbidden);
        }
        let lines = self.accreditation(actor, id).await?;
        let mut c = self.conn().await?;
        for l in &lines {
            let entry =
                Entry::by(actor, AuditAction::ExportAccreditation, format!("reflection:{id}/person:{}", l.person_id));
            self.audit(&mut c, entry.about(l.person_id)).await?;
        }
        Ok(lines)
    }

    /// Who the leader marked present at the group conversation: the leader's
    /// own record, which says nothing about who submitted what.
    pub async fn conversation_attendance(&self, actor: &Actor, id: i64) -> Result<Vec<i64>> {
        let mut c = self.conn().await?;
        let (_, leader, _) = self.cycle_access(&mut c, actor, id).await?;
        if !leader {
            return Err(Error::Forbidden);
        }
        let recorded = store::minutes(&mut c, id).await?;
        Ok(recorded.into_iter().filter(|(_, s, m)| *s == Step::Conversation && *m > 0).map(|(p, _, _)| p).collect())
    }

    /// The leader corrects minutes; fields are "m-<person>-<step>". A wrong
    /// number changes nothing and comes back as a problem naming the person
    /// and the step.
    pub async fn correct_minutes(
        &self,
        actor: &Actor,
        id: i64,
        posted: &[(String, String)],
    ) -> Result<std::result::Result<(), Vec<MinutesProblem>>> {
        let mut tx = self.db.begin().await?;
        let (cycle, leader, _) = self.cycle_access(&mut tx, actor, id).await?;
        if !leader {
            return Err(Error::Forbidden);
        }
        if cycle.feedback_closed_at.is_none() {
            return Err(Error::Refused("error-minutes-before-close"));
        }
        let group = store::participants(&mut tx, id).await?;
        let mut records = Vec::new();
        let mut problems = Vec::new();
        for (key, raw) in posted {
            let Some(rest) = key.strip_prefix("m-") else { continue };
            let (pid, step) = rest.split_once('-').ok_or(Error::Refused("error-form-tampered"))?;
            let (pid, name) = pid
                .parse::<i64>()
                .ok()
                .and_then(|p| group.iter().find(|(g, _)| *g == p))
                .cloned()
                .ok_or(Error::Refused("error-form-tampered"))?;
            let step = Step::from_code(step).ok_or(Error::Refused("error-form-tampered"))?;
            match parse_minutes(raw, "minutes") {
                Ok(m) => records.push((pid, step, m)),
                Err(e) => problems.push(MinutesProblem { person_id: pid, name, step, key: e.key }),
            }
        }
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let mut corrected: Vec<i64> = records.iter().map(|(pid, _, _)| *pid).collect();
        corrected.sort_unstable();
        corrected.dedup();
        for (pid, step, minutes) in records {
            let rec = MinutesRecord { cycle_id: id, person_id: pid, step, minutes, by: actor.id(), now: self.now() };
            store::record_minutes(&mut tx, &rec, true).await?;
        }
        for pid in corrected {
            let entry = Entry::by(actor, AuditAction::CorrectMinutes, format!("reflection:{id}/person:{pid}"));
            self.audit(&mut tx, entry.about(pid)).await?;
        }
        tx.commit().await?;
        Ok(Ok(()))
    }
}

/// "title" of the second planned action is the form field "title-2".
fn numbered(field: &'static str, n: usize) -> &'static str {
    const NAMES: [[&str; 3]; 3] =
        [["title-1", "title-2", "title-3"], ["goal-1", "goal-2", "goal-3"], ["due_date-1", "due_date-2", "due_date-3"]];
    let row = match field {
        "title" => 0,
        "goal" => 1,
        "due_date" => 2,
        _ => return field,
    };
    NAMES[row].get(n - 1).copied().unwrap_or(field)
}
