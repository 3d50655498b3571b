//! Rules for the trajectory: who does what, in which phase. Every change
//! names the trajectory and checks its phase, so no step is skipped by
//! editing a URL or a form. Here: the rights, the team's trajectory page,
//! starting and moving on; each step has its own file beside this one.

use super::model::{self, DEFAULT_INTERVAL_MONTHS, DEFAULT_WORK_WEEKS, Phase, Session, SessionKind, Theme, Trajectory};
use super::store::{self, Changes, NewTrajectory};
use crate::actions::service::team_access;
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::dates::Date;
use crate::db::{Conn, is_unique_violation};
use crate::notifications::Event;
use crate::organisations::anonymity;
use crate::organisations::{Member, OrgRole, Team, TeamRole, store as orgs};
use crate::people::{Person, store as people};
use crate::{Error, FieldError, Kartrekker, Result};

/// The web pages import it from here.
pub use super::overview::OVERVIEW_PAGE_SIZE;

/// The most people a trainer search shows.
pub const TRAINER_MATCHES: i64 = 20;

/// The refusal of finishing the intake while members have not answered:
/// the page asks to confirm, saying how many answered.
pub const UNANSWERED: &str = "error-trajectory-finish-unanswered";

/// What the actor may do in a trajectory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rights {
    /// In the team, in any role: agreements.
    pub member: bool,
    /// The trainer, a team leader or a medical manager: plans the sessions,
    /// records attendance, reflections and results, moves the trajectory on.
    pub lead: bool,
    /// The trainer: observations, themes and whether the intake is anonymous.
    pub trainer: bool,
    /// Answers the intake and "did this help?": in the team in a role other
    /// than trainer (a trainer who is also a nurse there takes part).
    pub respondent: bool,
    /// Starts trajectories and follows them all.
    pub program_leader: bool,
}

fn rights(actor: &Actor, team_id: i64, trainer_id: Option<i64>) -> Rights {
    let member = actor.in_team(team_id);
    let trainer = member && trainer_id == Some(actor.id());
    let manages =
        actor.has_team_role(team_id, TeamRole::TeamLeader) || actor.has_team_role(team_id, TeamRole::MedicalManager);
    Rights {
        member,
        lead: trainer || (member && manages),
        trainer,
        respondent: actor.takes_part_in(team_id),
        program_leader: actor.has(OrgRole::ProgramLeader),
    }
}

/// A trajectory as the actor may see it.
pub(super) struct Loaded {
    pub team: Team,
    pub trajectory: Trajectory,
    pub rights: Rights,
}

/// The trajectory `id` of team `team_id`, when the actor may see that team.
pub(super) async fn load(c: &mut Conn, actor: &Actor, team_id: i64, id: i64) -> Result<Loaded> {
    let (team, _) = team_access(c, actor, team_id).await?;
    let trajectory = store::by_id(c, id).await?.filter(|t| t.team_id == team_id).ok_or(Error::NotFound)?;
    let rights = rights(actor, team_id, Some(trajectory.trainer_id));
    Ok(Loaded { team, trajectory, rights })
}

pub(super) fn allow(yes: bool) -> Result<()> {
    if yes { Ok(()) } else { Err(Error::Forbidden) }
}

/// Refuses a change that belongs to another phase.
pub(super) fn in_phase(t: &Trajectory, phases: &[Phase]) -> Result<()> {
    if phases.contains(&t.phase) { Ok(()) } else { Err(Error::Refused("error-trajectory-wrong-phase")) }
}

/// The phase a form was shown in (`from`), while it is still the trajectory's:
/// a step is finished or reopened only from the page that showed it.
pub(super) fn shown_phase(t: &Trajectory, from: &str) -> Result<Phase> {
    Phase::from_code(from.trim()).filter(|p| *p == t.phase).ok_or(Error::Refused("error-trajectory-phase-changed"))
}

/// The intake's answers and the observations show to the trainer at once,
/// and to the team (and the program leader) from the mirror session on.
pub fn content_visible(rights: &Rights, phase: Phase) -> bool {
    rights.trainer || phase >= Phase::MirrorSession
}

pub(super) fn content_visible_to(l: &Loaded) -> bool {
    content_visible(&l.rights, l.trajectory.phase)
}

pub(super) fn theme_choice(raw: &str, themes: &[Theme]) -> Result<Option<i64>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .ok()
        .filter(|id| themes.iter().any(|t| t.id == *id))
        .map(Some)
        .ok_or(FieldError { field: "theme", key: "error-trajectory-theme-choose" })
}

fn first_evaluation(sessions: &[Session]) -> Option<&Session> {
    sessions.iter().find(|s| s.kind == SessionKind::Evaluation && s.seq == 0)
}

/// The evaluation still to be held: the last one, when not yet done.
pub fn open_evaluation(sessions: &[Session]) -> Option<&Session> {
    sessions.iter().rfind(|s| s.kind == SessionKind::Evaluation).filter(|s| s.completed_at.is_none())
}

/// The team's trajectory page, or the page to start one.
#[derive(Clone, Debug)]
pub struct TrajectoryPage {
    pub team: Team,
    pub trajectory: Option<Trajectory>,
    pub rights: Rights,
    pub sessions: Vec<Session>,
    pub members: Vec<Member>,
    /// Who answered the intake, of how many who may.
    pub intake: IntakeGroup,
    pub today: Date,
}

/// The intake's group as one viewer may see it (organisations::anonymity):
/// answers, themes with their answers, and even the number who answered
/// show only once that number, the viewer not counted, reaches the
/// organisation's minimum group size.
#[derive(Clone, Copy, Debug, Default)]
pub struct IntakeGroup {
    /// How many answered; None while below the threshold.
    pub answered: Option<i64>,
    /// Who may answer: every member but those who are only trainer.
    pub respondents: i64,
    pub needed: i64,
    /// So few may answer that the answers will never show: said before the
    /// intake starts and while it runs.
    pub unreachable: bool,
}

impl IntakeGroup {
    pub fn shown(&self) -> bool {
        self.answered.is_some()
    }
}

/// The intake group of team `team` (its `members`) for `viewer`; without a
/// trajectory yet, what it would be.
pub(super) async fn intake_group(
    c: &mut Conn,
    team: &Team,
    members: &[Member],
    trajectory: Option<i64>,
    viewer: i64,
) -> Result<IntakeGroup> {
    let threshold = anonymity::threshold(c, team.org_id, 0).await?;
    let respondents = respondents(members);
    let viewer_responds = members.iter().any(|m| m.person_id == viewer && m.takes_part());
    let answered = match trajectory {
        Some(id) => {
            let n = store::participant_count(c, id).await?;
            let viewer_in = store::has_participated(c, id, viewer).await?;
            threshold.met(n, viewer_in).then_some(n)
        }
        None => None,
    };
    let unreachable = threshold.unreachable(respondents, viewer_responds);
    Ok(IntakeGroup { answered, respondents, needed: threshold.needed(), unreachable })
}

impl TrajectoryPage {
    /// The day the work on the agreements is planned to end.
    pub fn work_ends(&self) -> Option<Date> {
        let t = self.trajectory.as_ref()?;
        Some(t.work_started_on?.add_days(7 * t.work_weeks))
    }
    pub fn open_evaluation(&self) -> Option<&Session> {
        open_evaluation(&self.sessions)
    }
}

/// The members who may answer the intake: not those who are only trainer.
pub(super) fn respondents(members: &[Member]) -> i64 {
    members.iter().filter(|m| m.takes_part()).count() as i64
}

impl Kartrekker {
    /// The team's trajectory, if it has one.
    pub async fn team_trajectory(&self, actor: &Actor, team_id: i64) -> Result<TrajectoryPage> {
        let mut c = self.conn().await?;
        let (team, _) = team_access(&mut c, actor, team_id).await?;
        let trajectory = store::of_team(&mut c, team_id).await?;
        self.trajectory_page_of(&mut c, actor, team, trajectory).await
    }

    /// The trajectory by its id, as links from actions name it.
    pub async fn trajectory_page(&self, actor: &Actor, team_id: i64, id: i64) -> Result<TrajectoryPage> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        self.trajectory_page_of(&mut c, actor, l.team, Some(l.trajectory)).await
    }

    /// The trajectory `id` wherever its team is, when the actor may see that team: the API's detail.
    pub async fn trajectory_by_id(&self, actor: &Actor, id: i64) -> Result<TrajectoryPage> {
        let mut c = self.conn().await?;
        let team_id = store::by_id(&mut c, id).await?.ok_or(Error::NotFound)?.team_id;
        let l = load(&mut c, actor, team_id, id).await?;
        self.trajectory_page_of(&mut c, actor, l.team, Some(l.trajectory)).await
    }

    /// The trajectories of the teams the actor sees (of `team` alone, when
    /// given) with an id above `after`, by id, at most `limit`: the API's pages.
    pub async fn trajectories_after(
        &self,
        actor: &Actor,
        team: Option<i64>,
        after: i64,
        limit: i64,
    ) -> Result<Vec<Trajectory>> {
        let mut c = self.conn().await?;
        let teams = crate::actions::service::visible_teams(&mut c, actor, team).await?;
        Ok(store::of_teams_after(&mut c, &teams, after, limit).await?)
    }

    async fn trajectory_page_of(
        &self,
        c: &mut Conn,
        actor: &Actor,
        team: Team,
        trajectory: Option<Trajectory>,
    ) -> Result<TrajectoryPage> {
        let members = orgs::members(c, team.id).await?;
        let rights = rights(actor, team.id, trajectory.as_ref().map(|t| t.trainer_id));
        let sessions = match &trajectory {
            Some(t) => store::sessions(c, t.id).await?,
            None => Vec::new(),
        };
        let intake = intake_group(c, &team, &members, trajectory.as_ref().map(|t| t.id), actor.id()).await?;
        Ok(TrajectoryPage { team, trajectory, rights, sessions, members, intake, today: self.today() })
    }

    /// The people of the program leader's organisation whose name or e-mail
    /// contains `search`, to choose a trainer from: at most
    /// [`TRAINER_MATCHES`], and whether there were more. An organisation has
    /// thousands of people, so there is no list of all of them.
    pub async fn find_trainers(&self, actor: &Actor, search: &str) -> Result<(Vec<Person>, bool)> {
        let org = actor.org_with(OrgRole::ProgramLeader).ok_or(Error::Forbidden)?;
        if search.trim().is_empty() {
            return Ok((Vec::new(), false));
        }
        let mut c = self.conn().await?;
        let mut found = people::search_in_org(&mut c, org, search, TRAINER_MATCHES + 1).await?;
        let more = found.len() as i64 > TRAINER_MATCHES;
        found.truncate(TRAINER_MATCHES as usize);
        Ok((found, more))
    }

    /// A program leader starts the trajectory of a team with a trainer from
    /// the organisation, who becomes the team's trainer if not already.
    pub async fn start_trajectory(&self, actor: &Actor, team_id: i64, trainer: &str) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (team, _) = team_access(&mut tx, actor, team_id).await?;
        allow(actor.has(OrgRole::ProgramLeader))?;
        if store::of_team(&mut tx, team_id).await?.is_some() {
            return Err(Error::Refused("error-trajectory-exists"));
        }
        let trainer = match trainer.trim().parse::<i64>() {
            Ok(id) => people::in_org(&mut tx, team.org_id, id).await?,
            Err(_) => None,
        };
        let trainer = trainer.ok_or(Error::invalid("trainer", "error-trajectory-trainer-choose"))?;
        let now = self.now();
        let new = NewTrajectory {
            org_id: team.org_id,
            team_id,
            trainer_id: trainer.id,
            started_by: actor.id(),
            work_weeks: DEFAULT_WORK_WEEKS,
            interval_months: DEFAULT_INTERVAL_MONTHS,
        };
        let id = store::insert(&mut tx, &new, now).await.map_err(|e| {
            if is_unique_violation(&e) { Error::Refused("error-trajectory-exists") } else { Error::Db(e) }
        })?;
        for kind in SessionKind::ALL {
            store::insert_session(&mut tx, id, kind, 0, None).await?;
        }
        let members = orgs::members(&mut tx, team_id).await?;
        let is_trainer = members.iter().any(|m| m.person_id == trainer.id && m.roles.contains(&TeamRole::Trainer));
        if !is_trainer {
            self.add_membership(&mut tx, actor, (team.org_id, team_id), trainer.id, TeamRole::Trainer).await?;
        }
        // The intake is open from the start: everyone but the trainer answers it.
        let respondents: Vec<i64> = members.iter().map(|m| m.person_id).filter(|p| *p != trainer.id).collect();
        self.notify_all(&mut tx, &respondents, &Event::IntakeOpened { trajectory_id: id }, &id.to_string()).await?;
        let entry = Entry::by(actor, AuditAction::StartTrajectory, format!("trajectory:{id}")).in_org(team.org_id);
        self.audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Moves the trajectory on from `from`, as someone who has already
    /// confirmed leaving members unanswered (see [`Kartrekker::finish_step`]).
    pub async fn advance_trajectory(&self, actor: &Actor, team_id: i64, id: i64, from: &str) -> Result<Phase> {
        self.finish_step(actor, team_id, id, from, true).await
    }

    /// Moves the trajectory on from `from`, which must be its phase now: a
    /// stale or edited form cannot skip a step. The evaluation goes on by
    /// being completed instead. Finishing the intake while members have not
    /// answered is refused with [`UNANSWERED`] until `confirmed`.
    pub async fn finish_step(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        from: &str,
        confirmed: bool,
    ) -> Result<Phase> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.lead)?;
        let t = &l.trajectory;
        let from = shown_phase(t, from)?;
        let to = from.next().ok_or(Error::Refused("error-trajectory-complete-evaluation"))?;
        if from == Phase::Intake && !confirmed {
            let members = orgs::members(&mut tx, team_id).await?;
            if store::participant_count(&mut tx, id).await? < respondents(&members) {
                return Err(Error::Refused(UNANSWERED));
            }
        }
        let now = self.now();
        if !store::set_phase(&mut tx, id, from, to, now).await? {
            return Err(Error::Refused("error-trajectory-phase-changed"));
        }
        if to == Phase::Work {
            let today = self.today();
            store::update(&mut tx, id, &Changes { work_started_on: Some(today), ..Changes::default() }, now).await?;
            let sessions = store::sessions(&mut tx, id).await?;
            if let Some(e) = first_evaluation(&sessions)
                && e.date.is_none()
            {
                store::set_session_date(&mut tx, e.id, today.add_days(7 * t.work_weeks)).await?;
            }
        }
        if to == Phase::Evaluation
            && let Some(e) = open_evaluation(&store::sessions(&mut tx, id).await?)
        {
            let members = orgs::members(&mut tx, team_id).await?;
            let voters: Vec<i64> = members.iter().map(|m| m.person_id).filter(|p| *p != t.trainer_id).collect();
            let event = Event::EvaluationOpen { trajectory_id: id, session_id: e.id };
            self.notify_all(&mut tx, &voters, &event, &e.id.to_string()).await?;
        }
        let subject = format!("trajectory:{id}/{}", to.code());
        self.audit(&mut tx, Entry::by(actor, AuditAction::AdvanceTrajectory, subject).in_org(t.org_id)).await?;
        tx.commit().await?;
        Ok(to)
    }

    /// The weeks planned for working on the agreements. Outside 4–6 is
    /// allowed; the answer says whether the number is within the advice.
    /// While the work runs, a first evaluation still on its planned date
    /// moves along.
    pub async fn set_work_weeks(&self, actor: &Actor, team_id: i64, id: i64, weeks: &str) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.lead)?;
        let t = &l.trajectory;
        in_phase(t, &[Phase::Intake, Phase::Observation, Phase::MirrorSession, Phase::Work])?;
        let weeks = model::work_weeks(weeks)?;
        store::update(&mut tx, id, &Changes { work_weeks: Some(weeks), ..Changes::default() }, self.now()).await?;
        if let Some(start) = t.work_started_on {
            let sessions = store::sessions(&mut tx, id).await?;
            if let Some(e) = first_evaluation(&sessions)
                && e.completed_at.is_none()
                && e.date == Some(start.add_days(7 * t.work_weeks))
            {
                store::set_session_date(&mut tx, e.id, start.add_days(7 * weeks)).await?;
            }
        }
        tx.commit().await?;
        Ok(model::weeks_advised(weeks))
    }
}
