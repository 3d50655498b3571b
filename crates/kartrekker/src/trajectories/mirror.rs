//! The mirror session: the themes with their answers and observations, the
//! team's reflections, and agreements that become actions.

use super::model::{Answer, Observation, Phase, Session, SessionKind, Theme, Trajectory, text};
use super::service::{IntakeGroup, Rights, allow, content_visible_to, in_phase, intake_group, load};
use super::store;
use crate::actions::{Action, ActionInput, Origin, OriginKind};
use crate::auth::Actor;
use crate::dates::Date;
use crate::organisations::{Member, Team};
use crate::{Error, Kartrekker, Result};

/// A theme with what belongs to it, as the mirror session shows it.
#[derive(Clone, Debug)]
pub struct ThemeSlide {
    pub theme: Theme,
    pub answers: Vec<Answer>,
    pub observations: Vec<Observation>,
}

#[derive(Clone, Debug)]
pub struct MirrorPage {
    pub team: Team,
    pub trajectory: Trajectory,
    pub rights: Rights,
    pub session: Session,
    pub slides: Vec<ThemeSlide>,
    /// Answers and observations without a theme.
    pub other_answers: Vec<Answer>,
    pub other_observations: Vec<Observation>,
    /// The actions agreed in this mirror session.
    pub agreements: Vec<Action>,
    pub members: Vec<Member>,
    /// The intake's answers show only when enough answered.
    pub intake: IntakeGroup,
    pub today: Date,
}

impl Kartrekker {
    /// The mirror session: every theme with its answers and observations,
    /// the reflections and the agreements made.
    pub async fn mirror_page(&self, actor: &Actor, team_id: i64, id: i64) -> Result<MirrorPage> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        allow(content_visible_to(&l))?;
        let sessions = store::sessions(&mut c, id).await?;
        let session = sessions.into_iter().find(|s| s.kind == SessionKind::MirrorSession).ok_or(Error::NotFound)?;
        let themes = store::themes(&mut c, id).await?;
        let team_members = crate::organisations::store::members(&mut c, team_id).await?;
        let intake = intake_group(&mut c, &l.team, &team_members, Some(id), actor.id()).await?;
        let answers = if intake.shown() { store::answers(&mut c, id).await? } else { Vec::new() };
        let observations = store::observations(&mut c, id).await?;
        let origin = Origin { kind: OriginKind::MirrorSession, id: Some(id) };
        let agreements = crate::actions::store::of_origin(&mut c, team_id, origin).await?;
        let members = crate::actions::service::kartrekkers(&mut c, team_id).await?;
        let known = |t: Option<i64>| t.is_some_and(|t| themes.iter().any(|x| x.id == t));
        let other_answers = answers.iter().filter(|a| !known(a.theme_id)).cloned().collect();
        let other_observations = observations.iter().filter(|o| !known(o.theme_id)).cloned().collect();
        let slides = themes
            .into_iter()
            .map(|theme| ThemeSlide {
                answers: answers.iter().filter(|a| a.theme_id == Some(theme.id)).cloned().collect(),
                observations: observations.iter().filter(|o| o.theme_id == Some(theme.id)).cloned().collect(),
                theme,
            })
            .collect();
        Ok(MirrorPage {
            team: l.team,
            trajectory: l.trajectory,
            rights: l.rights,
            session,
            slides,
            other_answers,
            other_observations,
            agreements,
            members,
            intake,
            today: self.today(),
        })
    }

    /// The team's reflection on a theme, written down in the mirror session.
    pub async fn save_reflection(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        theme_id: i64,
        reflection: &str,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.lead)?;
        in_phase(&l.trajectory, &[Phase::MirrorSession])?;
        let reflection = text(reflection, "reflection", 4000, None)?;
        if !store::set_reflection(&mut tx, id, theme_id, &reflection).await? {
            return Err(Error::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    /// An agreement becomes an action with a kartrekker in one step: in the
    /// mirror session, or at an evaluation ("how do we go on").
    pub async fn add_agreement(&self, actor: &Actor, team_id: i64, id: i64, input: &ActionInput<'_>) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.member)?;
        let kind = match l.trajectory.phase {
            Phase::MirrorSession => OriginKind::MirrorSession,
            p if p.is_evaluating() => OriginKind::Evaluation,
            _ => return Err(Error::Refused("error-trajectory-wrong-phase")),
        };
        let action = self.create_action_in(&mut tx, actor, team_id, input, Origin { kind, id: Some(id) }).await?;
        tx.commit().await?;
        Ok(action)
    }
}
