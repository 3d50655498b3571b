//! Mistakes undone, with a trace: the trainer reopens the previous step
//! (with a reason, kept in the step's history); the author or the trainer
//! changes or deletes an observation, an intake answer (while the intake
//! runs), a theme or an agreement. Every change is written to the audit log
//! in its own transaction, naming what changed but never its text: a
//! deleted observation's words are gone from the database.

use super::model::{
    Item, ObservationCategory, Phase, Question, Reopening, Trajectory, reopen_reason, text, theme_title,
};
use super::observations::observation_fields;
use super::service::{Loaded, allow, load, shown_phase};
use super::store;
use crate::actions::service::{delete_unstarted_in, reword_in};
use crate::actions::{Action, OriginKind};
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::dates::Date;
use crate::db::{Conn, is_unique_violation};
use crate::organisations::Team;
use crate::{Checks, Error, Kartrekker, Result};

/// What the actor may change or delete afterwards in a trajectory.
#[derive(Clone, Debug, Default)]
pub struct Changeable {
    /// The trainer: every observation, answer, theme and agreement.
    pub all: bool,
    /// What the actor wrote: observations and agreements.
    pub own: Vec<(Item, i64)>,
    /// The actor's own named intake answers, while they can change.
    pub own_answers: Vec<(i64, Question)>,
    /// The intake runs: its answers can change.
    pub answers_open: bool,
}

impl Changeable {
    pub fn may(&self, item: Item, id: i64) -> bool {
        match item {
            Item::Answer => self.answers_open && (self.all || self.own_answers.iter().any(|a| a.0 == id)),
            _ => self.all || self.own.contains(&(item, id)),
        }
    }
}

/// One thing to change or delete, as its form shows it.
#[derive(Clone, Debug)]
pub struct ItemPage {
    pub team: Team,
    pub trajectory: Trajectory,
    pub item: Item,
    pub id: i64,
    /// The observation's or answer's text; the theme's or agreement's title.
    pub text: String,
    /// An agreement's goal.
    pub goal: String,
    /// Where an agreement was made.
    pub agreed_in: Option<OriginKind>,
    /// An observation's date and category.
    pub observed: Option<(Date, ObservationCategory)>,
    /// The message key of why it can no longer be changed, if so.
    pub locked: Option<&'static str>,
}

/// The changed words: `text` of an observation or answer, `title` of a theme
/// or agreement, and an agreement's `goal`.
#[derive(Clone, Debug, Default)]
pub struct ItemInput<'a> {
    pub text: &'a str,
    /// An observation's date and category.
    pub date: &'a str,
    pub category: &'a str,
    pub title: &'a str,
    pub goal: &'a str,
}

/// The thing with who wrote it.
enum Target {
    Observation { text: String, observed: (Date, ObservationCategory), author: Option<i64> },
    Answer { text: String, person: Option<i64> },
    Theme { title: String },
    Agreement { action: Box<Action>, author: Option<i64> },
}

/// The item of this trajectory, when the actor may change it: its author or
/// the trainer. Another team member is refused; what is not there, or of
/// another trajectory, is not found.
async fn target(c: &mut Conn, actor: &Actor, l: &Loaded, item: Item, item_id: i64) -> Result<Target> {
    let tid = l.trajectory.id;
    let target = match item {
        Item::Observation => {
            let found = store::observation(c, tid, item_id).await?;
            found.map(|(text, date, category, author)| Target::Observation { text, observed: (date, category), author })
        }
        Item::Answer => {
            store::answer_text(c, tid, item_id).await?.map(|(text, person)| Target::Answer { text, person })
        }
        Item::Theme => {
            store::themes(c, tid).await?.into_iter().find(|t| t.id == item_id).map(|t| Target::Theme { title: t.title })
        }
        Item::Agreement => match crate::actions::store::by_id(c, item_id).await? {
            Some(action)
                if action.team_id == l.trajectory.team_id
                    && action.origin.id == Some(tid)
                    && matches!(action.origin.kind, OriginKind::MirrorSession | OriginKind::Evaluation) =>
            {
                let author = crate::actions::store::created_by(c, item_id).await?;
                Some(Target::Agreement { action: Box::new(action), author })
            }
            _ => None,
        },
    };
    let target = target.ok_or(Error::NotFound)?;
    let author = match &target {
        Target::Observation { author, .. } | Target::Agreement { author, .. } => *author,
        Target::Answer { person, .. } => *person,
        Target::Theme { .. } => None,
    };
    allow(l.rights.trainer || (l.rights.member && author == Some(actor.id())))?;
    Ok(target)
}

/// Why the item can no longer be changed: an intake answer once the intake
/// has closed (the trainer has grouped and shown them since).
fn locked(l: &Loaded, target: &Target) -> Option<&'static str> {
    (matches!(target, Target::Answer { .. }) && l.trajectory.phase != Phase::Intake)
        .then_some("error-trajectory-answer-locked")
}

/// The item, when it may be changed now.
async fn open_target(c: &mut Conn, actor: &Actor, l: &Loaded, item: Item, item_id: i64) -> Result<Target> {
    let target = target(c, actor, l, item, item_id).await?;
    match locked(l, &target) {
        Some(key) => Err(Error::Refused(key)),
        None => Ok(target),
    }
}

fn edited(item: Item) -> AuditAction {
    match item {
        Item::Observation => AuditAction::EditObservation,
        Item::Answer => AuditAction::EditAnswer,
        Item::Theme => AuditAction::EditTheme,
        Item::Agreement => AuditAction::EditAgreement,
    }
}

fn deleted(item: Item) -> AuditAction {
    match item {
        Item::Observation => AuditAction::DeleteObservation,
        Item::Answer => AuditAction::DeleteAnswer,
        Item::Theme => AuditAction::DeleteTheme,
        Item::Agreement => AuditAction::DeleteAgreement,
    }
}

fn subject(tid: i64, item: Item, item_id: i64) -> String {
    format!("trajectory:{tid}/{}:{item_id}", item.code())
}

impl Kartrekker {
    /// What the actor may change or delete in this trajectory, for the
    /// links on its pages.
    pub async fn changeable(&self, actor: &Actor, team_id: i64, id: i64) -> Result<Changeable> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        let answers_open = l.trajectory.phase == Phase::Intake;
        if l.rights.trainer {
            return Ok(Changeable { all: true, answers_open, ..Changeable::default() });
        }
        if !l.rights.member {
            return Ok(Changeable::default());
        }
        let mut own: Vec<(Item, i64)> =
            store::observations_by(&mut c, id, actor.id()).await?.into_iter().map(|o| (Item::Observation, o)).collect();
        own.extend(store::agreements_by(&mut c, id, actor.id()).await?.into_iter().map(|a| (Item::Agreement, a)));
        let own_answers = if answers_open { store::answers_by(&mut c, id, actor.id()).await? } else { Vec::new() };
        Ok(Changeable { all: false, own, own_answers, answers_open })
    }

    /// An observation, answer, theme or agreement to change or delete.
    pub async fn item_page(&self, actor: &Actor, team_id: i64, id: i64, item: Item, item_id: i64) -> Result<ItemPage> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        let target = target(&mut c, actor, &l, item, item_id).await?;
        if let Target::Answer { person: Some(p), .. } = target
            && p != actor.id()
        {
            // A named answer, opened by the trainer: a read of that person's data.
            let entry = Entry::by(actor, AuditAction::ViewIntakeAnswer, subject(id, item, item_id));
            self.audit(&mut c, entry.in_org(l.trajectory.org_id).about(p)).await?;
        }
        let locked = locked(&l, &target);
        let observed = match &target {
            Target::Observation { observed, .. } => Some(*observed),
            _ => None,
        };
        let (text, goal, agreed_in) = match target {
            Target::Observation { text, .. } | Target::Answer { text, .. } => (text, String::new(), None),
            Target::Theme { title } => (title, String::new(), None),
            Target::Agreement { action, .. } => {
                let Action { title, goal, origin, .. } = *action;
                (title, goal, Some(origin.kind))
            }
        };
        let (team, trajectory) = (l.team, l.trajectory);
        Ok(ItemPage { team, trajectory, item, id: item_id, text, goal, agreed_in, observed, locked })
    }

    /// Changes the words of an observation, answer, theme or agreement.
    pub async fn edit_item(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        item: Item,
        item_id: i64,
        input: &ItemInput<'_>,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        let now = self.now();
        match open_target(&mut tx, actor, &l, item, item_id).await? {
            Target::Observation { .. } => {
                let mut checks = Checks::default();
                let fields = observation_fields(&mut checks, input.date, input.category, input.text, self.today());
                checks.finish()?;
                let Some((observed_on, category, text)) = fields else {
                    return Err(Error::Internal("checked observation missing".into()));
                };
                store::set_observation(&mut tx, item_id, &text, observed_on, category).await?;
            }
            Target::Answer { .. } => {
                let text = text(input.text, "text", 2000, Some("error-trajectory-answer-text-required"))?;
                store::set_answer_text(&mut tx, item_id, &text, now).await?;
            }
            Target::Theme { .. } => {
                let title = theme_title(input.title)?;
                store::set_theme_title(&mut tx, item_id, &title).await.map_err(|e| {
                    if is_unique_violation(&e) {
                        Error::invalid("title", "error-trajectory-theme-exists")
                    } else {
                        Error::Db(e)
                    }
                })?;
            }
            Target::Agreement { action, .. } => {
                reword_in(&mut tx, actor.id(), &action, input.title, input.goal, now).await?;
            }
        }
        let entry = Entry::by(actor, edited(item), subject(id, item, item_id)).in_org(l.trajectory.org_id);
        self.audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes an observation, answer, theme or agreement. The row goes, its
    /// text with it; the audit log keeps who deleted what and when.
    pub async fn delete_item(&self, actor: &Actor, team_id: i64, id: i64, item: Item, item_id: i64) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        match open_target(&mut tx, actor, &l, item, item_id).await? {
            Target::Observation { .. } => store::delete_observation(&mut tx, item_id).await?,
            Target::Answer { person, .. } => {
                store::delete_answer_by_id(&mut tx, item_id).await?;
                if let Some(p) = person
                    && store::answers_by(&mut tx, id, p).await?.is_empty()
                {
                    store::remove_participant(&mut tx, id, p).await?;
                }
            }
            Target::Theme { .. } => store::delete_theme(&mut tx, item_id).await?,
            Target::Agreement { action, .. } => delete_unstarted_in(&mut tx, &action).await?,
        }
        let entry = Entry::by(actor, deleted(item), subject(id, item, item_id)).in_org(l.trajectory.org_id);
        self.audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The trainer goes back one step, from `from` (the phase the form was
    /// shown in), giving a reason. What the team recorded in the later step
    /// stays; the way back is kept in the step's history.
    pub async fn reopen_step(&self, actor: &Actor, team_id: i64, id: i64, from: &str, reason: &str) -> Result<Phase> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.trainer)?;
        let t = &l.trajectory;
        let from = shown_phase(t, from)?;
        let to = from.previous().ok_or(Error::Refused("error-trajectory-cannot-reopen"))?;
        let reason = reopen_reason(reason)?;
        let now = self.now();
        if !store::set_phase(&mut tx, id, from, to, now).await? {
            return Err(Error::Refused("error-trajectory-phase-changed"));
        }
        store::insert_reopening(&mut tx, id, from, to, &reason, actor.id(), now).await?;
        let subject = format!("trajectory:{id}/{}", to.code());
        self.audit(&mut tx, Entry::by(actor, AuditAction::ReopenTrajectory, subject).in_org(t.org_id)).await?;
        tx.commit().await?;
        Ok(to)
    }

    /// The steps reopened in this trajectory, the latest first.
    pub async fn reopenings(&self, actor: &Actor, team_id: i64, id: i64) -> Result<Vec<Reopening>> {
        let mut c = self.conn().await?;
        load(&mut c, actor, team_id, id).await?;
        Ok(store::reopenings(&mut c, id).await?)
    }
}
