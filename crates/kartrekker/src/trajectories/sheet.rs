//! The trajectory's schema for the ward meeting (seed 001: afspraak, doel,
//! kartrekker, status and evaluation), to print on one page per trajectory.

use super::model::{Session, SessionKind, Trajectory};
use super::service::{Rights, load};
use super::sessions::AgreedAction;
use super::store;
use crate::actions::{OriginKind, store as actions};
use crate::auth::Actor;
use crate::dates::Date;
use crate::organisations::Team;
use crate::{Kartrekker, Result};

#[derive(Clone, Debug)]
pub struct TrajectorySheet {
    pub team: Team,
    pub trajectory: Trajectory,
    pub rights: Rights,
    /// Every agreement of the trajectory (mirror session, then evaluations),
    /// with "did this help?" at the latest evaluation and the newest progress.
    pub agreements: Vec<AgreedAction>,
    /// The evaluation whose "did this help?" shows: the last one held, or
    /// else the first (still open or planned).
    pub evaluation: Option<Session>,
    pub today: Date,
}

impl Kartrekker {
    /// The schema of trajectory `id`, for whoever may see the team's trajectory.
    pub async fn trajectory_sheet(&self, actor: &Actor, team_id: i64, id: i64) -> Result<TrajectorySheet> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        let sessions = store::sessions(&mut c, id).await?;
        let evaluations: Vec<&Session> = sessions.iter().filter(|s| s.kind == SessionKind::Evaluation).collect();
        let held = evaluations.iter().rfind(|s| s.completed_at.is_some());
        let evaluation = held.or(evaluations.first()).map(|s| (*s).clone());
        let tally = match &evaluation {
            Some(e) => store::helped_tally(&mut c, e.id).await?,
            None => Vec::new(),
        };
        let last_updates = actions::last_updates(&mut c, team_id).await?;
        let mut agreements = Vec::new();
        for kind in [OriginKind::MirrorSession, OriginKind::Evaluation] {
            let origin = crate::actions::Origin { kind, id: Some(id) };
            for action in actions::of_origin(&mut c, team_id, origin).await? {
                agreements.push(AgreedAction::of(action, &tally, &[], &last_updates));
            }
        }
        Ok(TrajectorySheet {
            team: l.team,
            trajectory: l.trajectory,
            rights: l.rights,
            agreements,
            evaluation,
            today: self.today(),
        })
    }
}
