//! The cycle's later steps: preparation, the group conversation, the
//! personal action plan, and the accreditation record of minutes.

use super::model::{Notes, Step, parse_minutes, points};
use super::store::{self, MinutesRecord, NotesPart};
use crate::actions::{ActionInput, Origin, OriginKind};
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

/// An action of the personal plan as the form sends it.
pub struct PlannedAction<'a> {
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

    /// The personal action plan: actions into the register with the person
    /// as kartrekker, and how they are safeguarded (a buddy and a follow-up
    /// date). All of it, or nothing.
    pub async fn save_action_plan(
        &self,
        actor: &Actor,
        id: i64,
        actions: &[PlannedAction<'_>],
        safeguarding: &str,
        buddy: &str,
        follow_up: &str,
    ) -> Result<usize> {
        let mut tx = self.db.begin().await?;
        let (cycle, _, participant) = self.cycle_access(&mut tx, actor, id).await?;
        if !participant {
            return Err(Error::Forbidden);
        }
        let group: Vec<i64> = store::participants(&mut tx, id).await?.into_iter().map(|(p, _)| p).collect();
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
        let filled: Vec<&PlannedAction> = actions
            .iter()
            .filter(|a| !(a.title.trim().is_empty() && a.goal.trim().is_empty() && a.due_date.trim().is_empty()))
            .collect();
        if filled.is_empty() {
            checks.push("title-1", "error-plan-needs-action");
        }
        checks.finish()?;
        let me = actor.id().to_string();
        let follow = follow_up.map(|d| d.to_string()).unwrap_or_default();
        for (n, a) in actions.iter().enumerate() {
            if !filled.iter().any(|f| std::ptr::eq(*f, a)) {
                continue;
            }
            let input = ActionInput {
                title: a.title,
                goal: a.goal,
                kartrekker: &me,
                due_date: a.due_date,
                evaluation_date: &follow,
            };
            let origin = Origin { kind: OriginKind::ReflectionPlan, id: Some(id) };
            // The action fields are numbered in the form: title-1, goal-1, ...
            self.create_action_in(&mut tx, actor, cycle.team_id, &input, origin).await.map_err(|e| match e {
                Error::Invalid(fields) => Error::Invalid(
                    fields.into_iter().map(|f| FieldError { field: numbered(f.field, n + 1), key: f.key }).collect(),
                ),
                e => e,
            })?;
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
        Ok(filled.len())
    }

    /// Minutes per step per participant: recorded ones, and the
    /// self-evaluation's 30 once it is submitted. The leader sees everyone,
    /// a participant only themselves.
    pub async fn accreditation(&self, actor: &Actor, id: i64) -> Result<Vec<MinutesLine>> {
        let mut c = self.conn().await?;
        let (_, leader, _) = self.cycle_access(&mut c, actor, id).await?;
        let recorded = store::minutes(&mut c, id).await?;
        let mut out = Vec::new();
        for (p, name) in store::participants(&mut c, id).await? {
            if !leader && p != actor.id() {
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

    /// The leader corrects minutes; fields are "m-<person>-<step>".
    pub async fn correct_minutes(&self, actor: &Actor, id: i64, posted: &[(String, String)]) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (_, leader, _) = self.cycle_access(&mut tx, actor, id).await?;
        if !leader {
            return Err(Error::Forbidden);
        }
        let group: Vec<i64> = store::participants(&mut tx, id).await?.into_iter().map(|(p, _)| p).collect();
        let mut records = Vec::new();
        let mut checks = Checks::default();
        for (key, raw) in posted {
            let Some(rest) = key.strip_prefix("m-") else { continue };
            let (pid, step) = rest.split_once('-').ok_or(Error::Refused("error-form-tampered"))?;
            let pid =
                pid.parse::<i64>().ok().filter(|p| group.contains(p)).ok_or(Error::Refused("error-form-tampered"))?;
            let step = Step::from_code(step).ok_or(Error::Refused("error-form-tampered"))?;
            if let Some(m) = checks.check(parse_minutes(raw, "minutes")) {
                records.push((pid, step, m));
            }
        }
        checks.finish()?;
        for (pid, step, minutes) in records {
            let rec = MinutesRecord { cycle_id: id, person_id: pid, step, minutes, by: actor.id(), now: self.now() };
            store::record_minutes(&mut tx, &rec, true).await?;
        }
        tx.commit().await?;
        Ok(())
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
