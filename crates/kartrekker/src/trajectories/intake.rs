//! The intake: the Miniteam questionnaire, anonymous or named, and the
//! themes the trainer groups answers (and later observations) under.

use super::model::{Answer, Phase, Question, Session, SessionKind, Theme, Trajectory, text, theme_title};
use super::service::{IntakeGroup, Rights, allow, content_visible_to, in_phase, intake_group, load, theme_choice};
use super::store::{self, Changes};
use crate::auth::Actor;
use crate::db::is_unique_violation;
use crate::organisations::anonymity::unlinked_id;
use crate::organisations::{Team, store as orgs};
use crate::{Checks, Error, Kartrekker, Result};

#[derive(Clone, Debug)]
pub struct IntakePage {
    pub team: Team,
    pub trajectory: Trajectory,
    pub rights: Rights,
    pub session: Session,
    /// The actor's own answers, in a named intake.
    pub own: Vec<(Question, String)>,
    /// The actor has answered.
    pub answered: bool,
    /// Every answer without who gave it, shuffled; empty when the actor may
    /// not see them yet, or too few answered.
    pub answers: Vec<Answer>,
    pub themes: Vec<Theme>,
    pub group: IntakeGroup,
}

impl Kartrekker {
    pub async fn intake_page(&self, actor: &Actor, team_id: i64, id: i64) -> Result<IntakePage> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        let t = &l.trajectory;
        let sessions = store::sessions(&mut c, id).await?;
        let session = sessions.into_iter().find(|s| s.kind == SessionKind::Intake).ok_or(Error::NotFound)?;
        let answered = store::has_participated(&mut c, id, actor.id()).await?;
        let own = if t.anonymous { Vec::new() } else { store::own_answers(&mut c, id, actor.id()).await? };
        let members = orgs::members(&mut c, team_id).await?;
        let group = intake_group(&mut c, &l.team, &members, Some(id), actor.id()).await?;
        let shown = content_visible_to(&l) && group.shown();
        let answers = if shown { store::answers(&mut c, id).await? } else { Vec::new() };
        let themes = store::themes(&mut c, id).await?;
        Ok(IntakePage {
            group,
            team: l.team,
            trajectory: l.trajectory,
            rights: l.rights,
            session,
            own,
            answered,
            answers,
            themes,
        })
    }

    /// A team member answers the Miniteam questionnaire, during the intake.
    /// Named answers can be changed until the intake ends; anonymous answers
    /// carry no person, so they are given once and cannot be changed.
    pub async fn answer_intake(&self, actor: &Actor, team_id: i64, id: i64, daily: &str, proud: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.respondent)?;
        let t = &l.trajectory;
        in_phase(t, &[Phase::Intake])?;
        let mut checks = Checks::default();
        let daily = checks.check(text(daily, "daily", 2000, None));
        let proud = checks.check(text(proud, "proud", 2000, None));
        checks.finish()?;
        let answers = [(Question::Daily, daily.unwrap_or_default()), (Question::Proud, proud.unwrap_or_default())];
        if answers.iter().all(|(_, a)| a.is_empty()) {
            return Err(Error::invalid("daily", "error-trajectory-answer-required"));
        }
        let now = self.now();
        if t.anonymous {
            if !store::add_participant(&mut tx, id, actor.id()).await? {
                return Err(Error::Refused("error-trajectory-already-answered"));
            }
            // The mark and the answers in separate transactions: nothing
            // the database keeps per transaction ties one to the other.
            tx.commit().await?;
            let given = answers.into_iter().filter(|(_, a)| !a.is_empty());
            if let Err(e) = self.add_unlinked_answers(id, given).await {
                // Without the answers, the mark goes: the person may try again.
                let mut tx = self.db.begin().await?;
                store::remove_participant(&mut tx, id, actor.id()).await?;
                tx.commit().await?;
                return Err(e);
            }
            return Ok(());
        }
        store::add_participant(&mut tx, id, actor.id()).await?;
        for (q, a) in &answers {
            if a.is_empty() {
                store::delete_answer(&mut tx, id, actor.id(), *q).await?;
            } else if !store::update_answer(&mut tx, id, actor.id(), *q, a, now).await? {
                store::insert_answer(&mut tx, id, actor.id(), *q, a, now).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Adds anonymous answers so that no trace of who gave them remains
    /// (docs/decisions/0012): each gets a random id, and every anonymous
    /// answer of the trajectory is written again, in a random order, in one
    /// transaction. So ids, rowids, the order on disk and PostgreSQL's xmin
    /// are the same for all of them or random, never the order of answering.
    async fn add_unlinked_answers(&self, id: i64, given: impl Iterator<Item = (Question, String)>) -> Result<()> {
        use rand::seq::SliceRandom;
        let mut tx = self.db.begin().await?;
        store::lock(&mut tx, id).await?;
        let mut all = store::unlinked_answers(&mut tx, id).await?;
        all.extend(given.map(|(question, text)| Answer { id: unlinked_id(), question, text, theme_id: None }));
        all.shuffle(&mut rand::rng());
        store::delete_unlinked_answers(&mut tx, id).await?;
        for a in &all {
            store::insert_unlinked_answer(&mut tx, id, a).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The trainer chooses whether the intake is anonymous, before anyone answers.
    pub async fn set_intake_anonymity(&self, actor: &Actor, team_id: i64, id: i64, anonymous: bool) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.trainer)?;
        in_phase(&l.trajectory, &[Phase::Intake])?;
        if l.trajectory.anonymous != anonymous && store::participant_count(&mut tx, id).await? > 0 {
            return Err(Error::Refused("error-trajectory-anonymity-locked"));
        }
        store::update(&mut tx, id, &Changes { anonymous: Some(anonymous), ..Changes::default() }, self.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The trainer adds a theme to group answers and observations under,
    /// up to the mirror session.
    pub async fn add_theme(&self, actor: &Actor, team_id: i64, id: i64, title: &str) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.trainer)?;
        in_phase(&l.trajectory, &[Phase::Intake, Phase::Observation, Phase::MirrorSession])?;
        let title = theme_title(title)?;
        let theme = store::insert_theme(&mut tx, id, &title).await.map_err(|e| {
            if is_unique_violation(&e) {
                Error::invalid("title", "error-trajectory-theme-exists")
            } else {
                Error::Db(e)
            }
        })?;
        tx.commit().await?;
        Ok(theme)
    }

    /// The trainer puts an answer under a theme (or none: `theme` empty).
    pub async fn set_answer_theme(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        answer_id: i64,
        theme: &str,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.trainer)?;
        in_phase(&l.trajectory, &[Phase::Intake, Phase::Observation, Phase::MirrorSession])?;
        // Waits for a rewrite of the anonymous answers to finish.
        store::lock(&mut tx, id).await?;
        let themes = store::themes(&mut tx, id).await?;
        let theme = theme_choice(theme, &themes)?;
        if !store::set_answer_theme(&mut tx, id, answer_id, theme).await? {
            return Err(Error::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }
}
