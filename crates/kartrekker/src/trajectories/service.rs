//! Rules for the trajectory: who does what, in which phase. Every change
//! names the trajectory and checks its phase, so no step is skipped by
//! editing a URL or a form.

use super::model::{
    self, Answer, CalendarEvent, DEFAULT_INTERVAL_MONTHS, DEFAULT_WORK_WEEKS, Observation, ObservationCategory,
    OverviewFilter, OverviewRow, Phase, Question, Session, SessionInput, SessionKind, Theme, Trajectory, text,
    theme_title,
};
use super::store::{self, NewObservation, NewTrajectory, SessionFields};
use crate::actions::service::team_access;
use crate::actions::{Action, ActionInput, Origin, OriginKind};
use crate::auth::{Actor, store as audit};
use crate::dates::Date;
use crate::db::{Conn, is_unique_violation};
use crate::organisations::{Member, OrgRole, Team, TeamRole, store as orgs};
use crate::people::{Person, store as people};
use crate::{Checks, Error, FieldError, Kartrekker, Result};

/// What the actor may do in a trajectory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rights {
    /// In the team, in any role: agreements and "did this help?".
    pub member: bool,
    /// The trainer, a team leader or a medical manager: plans the sessions,
    /// records attendance, reflections and results, moves the trajectory on.
    pub lead: bool,
    /// The trainer: observations, themes and whether the intake is anonymous.
    pub trainer: bool,
    /// Answers the intake questionnaire: in the team, and not its trainer.
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
        respondent: member && !trainer,
        program_leader: actor.has(OrgRole::ProgramLeader),
    }
}

/// A trajectory as the actor may see it.
struct Loaded {
    team: Team,
    trajectory: Trajectory,
    rights: Rights,
}

/// The trajectory `id` of team `team_id`, when the actor may see that team.
async fn load(c: &mut Conn, actor: &Actor, team_id: i64, id: i64) -> Result<Loaded> {
    let (team, _) = team_access(c, actor, team_id).await?;
    let trajectory = store::by_id(c, id).await?.filter(|t| t.team_id == team_id).ok_or(Error::NotFound)?;
    let rights = rights(actor, team_id, Some(trajectory.trainer_id));
    Ok(Loaded { team, trajectory, rights })
}

fn allow(yes: bool) -> Result<()> {
    if yes { Ok(()) } else { Err(Error::Forbidden) }
}

/// Refuses a change that belongs to another phase.
fn in_phase(t: &Trajectory, phases: &[Phase]) -> Result<()> {
    if phases.contains(&t.phase) { Ok(()) } else { Err(Error::Refused("error-trajectory-wrong-phase")) }
}

/// The intake's answers and the observations show to the trainer at once,
/// and to the team (and the program leader) from the mirror session on.
pub fn content_visible(rights: &Rights, phase: Phase) -> bool {
    rights.trainer || phase >= Phase::MirrorSession
}

fn content_visible_to(l: &Loaded) -> bool {
    content_visible(&l.rights, l.trajectory.phase)
}

fn theme_choice(raw: &str, themes: &[Theme]) -> Result<Option<i64>, FieldError> {
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
    pub participants: i64,
    pub respondents: i64,
    /// The people a program leader can choose as trainer, when starting.
    pub trainer_choices: Vec<Person>,
    pub today: Date,
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
    /// Every answer without who gave it; empty when the actor may not see them yet.
    pub answers: Vec<Answer>,
    pub themes: Vec<Theme>,
    pub participants: i64,
    pub respondents: i64,
}

#[derive(Clone, Debug)]
pub struct ObservationsPage {
    pub team: Team,
    pub trajectory: Trajectory,
    pub rights: Rights,
    pub observations: Vec<Observation>,
    pub themes: Vec<Theme>,
    pub today: Date,
}

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
    pub today: Date,
}

#[derive(Clone, Debug)]
pub struct SessionPage {
    pub team: Team,
    pub trajectory: Trajectory,
    pub rights: Rights,
    pub session: Session,
    pub members: Vec<Member>,
}

/// An action agreed in the trajectory, with the answers to "did this help?".
#[derive(Clone, Debug)]
pub struct AgreedAction {
    pub action: Action,
    pub yes: i64,
    pub no: i64,
    /// The actor's own answer.
    pub mine: Option<bool>,
}

#[derive(Clone, Debug)]
pub struct EvaluationPage {
    pub team: Team,
    pub trajectory: Trajectory,
    pub rights: Rights,
    pub session: Session,
    /// Every evaluation of the trajectory, the first one first.
    pub evaluations: Vec<Session>,
    /// Agreed in the mirror session.
    pub mirror_actions: Vec<AgreedAction>,
    /// Agreed at evaluations.
    pub evaluation_actions: Vec<AgreedAction>,
    /// This is the evaluation the team works on now.
    pub current: bool,
    pub members: Vec<Member>,
    pub today: Date,
}

/// An observation as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct ObservationInput<'a> {
    pub date: &'a str,
    pub category: &'a str,
    pub text: &'a str,
    pub theme: &'a str,
}

/// Results and next steps of an evaluation, and when to look again.
#[derive(Clone, Debug, Default)]
pub struct EvaluationInput<'a> {
    pub results: &'a str,
    pub next_steps: &'a str,
    /// Months until the next re-evaluation.
    pub months: &'a str,
}

#[derive(Clone, Debug)]
pub struct OverviewPage {
    pub rows: Vec<OverviewRow>,
    /// How many teams match the filter, over all pages.
    pub total: i64,
    pub today: Date,
}

/// Teams on one page of the program leader's overview.
pub const OVERVIEW_PAGE_SIZE: i64 = 50;

fn respondents(members: &[Member], trainer_id: i64) -> i64 {
    members.iter().filter(|m| m.person_id != trainer_id).count() as i64
}

impl Kartrekker {
    /// The team's trajectory, if it has one; a program leader also gets the
    /// people to choose a trainer from.
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

    async fn trajectory_page_of(
        &self,
        c: &mut Conn,
        actor: &Actor,
        team: Team,
        trajectory: Option<Trajectory>,
    ) -> Result<TrajectoryPage> {
        let members = orgs::members(c, team.id).await?;
        let rights = rights(actor, team.id, trajectory.as_ref().map(|t| t.trainer_id));
        let (sessions, participants, respondents) = match &trajectory {
            Some(t) => (
                store::sessions(c, t.id).await?,
                store::participant_count(c, t.id).await?,
                respondents(&members, t.trainer_id),
            ),
            None => (Vec::new(), 0, 0),
        };
        let trainer_choices = match (&trajectory, actor.org_with(OrgRole::ProgramLeader)) {
            (None, Some(org)) => people::of_org(c, org).await?,
            _ => Vec::new(),
        };
        Ok(TrajectoryPage {
            team,
            trajectory,
            rights,
            sessions,
            members,
            participants,
            respondents,
            trainer_choices,
            today: self.today(),
        })
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
            crate::organisations::service::add_membership(
                &mut tx,
                team.org_id,
                actor.id(),
                team_id,
                trainer.id,
                TeamRole::Trainer,
                now,
            )
            .await?;
        }
        audit::audit(
            &mut tx,
            Some(team.org_id),
            Some(actor.id()),
            "start_trajectory",
            &format!("trajectory:{id}"),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Moves the trajectory on from `from`, which must be its phase now: a
    /// stale or edited form cannot skip a step. The evaluation goes on by
    /// being completed instead.
    pub async fn advance_trajectory(&self, actor: &Actor, team_id: i64, id: i64, from: &str) -> Result<Phase> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.lead)?;
        let t = &l.trajectory;
        let from = Phase::from_code(from.trim()).filter(|p| *p == t.phase);
        let from = from.ok_or(Error::Refused("error-trajectory-phase-changed"))?;
        let to = from.next().ok_or(Error::Refused("error-trajectory-complete-evaluation"))?;
        let now = self.now();
        if !store::set_phase(&mut tx, id, from, to, now).await? {
            return Err(Error::Refused("error-trajectory-phase-changed"));
        }
        if to == Phase::Work {
            let today = self.today();
            store::set_work_started(&mut tx, id, today).await?;
            let sessions = store::sessions(&mut tx, id).await?;
            if let Some(e) = first_evaluation(&sessions)
                && e.date.is_none()
            {
                store::set_session_date(&mut tx, e.id, today.add_days(7 * t.work_weeks)).await?;
            }
        }
        audit::audit(
            &mut tx,
            Some(t.org_id),
            Some(actor.id()),
            "advance_trajectory",
            &format!("trajectory:{id}/{}", to.code()),
            now,
        )
        .await?;
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
        store::set_work_weeks(&mut tx, id, weeks, self.now()).await?;
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

    pub async fn intake_page(&self, actor: &Actor, team_id: i64, id: i64) -> Result<IntakePage> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        let t = &l.trajectory;
        let sessions = store::sessions(&mut c, id).await?;
        let session = sessions.into_iter().find(|s| s.kind == SessionKind::Intake).ok_or(Error::NotFound)?;
        let answered = store::has_participated(&mut c, id, actor.id()).await?;
        let own = if t.anonymous { Vec::new() } else { store::own_answers(&mut c, id, actor.id()).await? };
        let answers = if content_visible_to(&l) { store::answers(&mut c, id).await? } else { Vec::new() };
        let themes = store::themes(&mut c, id).await?;
        let participants = store::participant_count(&mut c, id).await?;
        let members = orgs::members(&mut c, team_id).await?;
        Ok(IntakePage {
            respondents: respondents(&members, t.trainer_id),
            team: l.team,
            trajectory: l.trajectory,
            rights: l.rights,
            session,
            own,
            answered,
            answers,
            themes,
            participants,
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
            for (q, a) in answers.iter().filter(|(_, a)| !a.is_empty()) {
                store::insert_answer(&mut tx, id, None, *q, a, None).await?;
            }
        } else {
            store::add_participant(&mut tx, id, actor.id()).await?;
            for (q, a) in &answers {
                if a.is_empty() {
                    store::delete_answer(&mut tx, id, actor.id(), *q).await?;
                } else if !store::update_answer(&mut tx, id, actor.id(), *q, a, now).await? {
                    store::insert_answer(&mut tx, id, Some(actor.id()), *q, a, Some(now)).await?;
                }
            }
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
        store::set_anonymous(&mut tx, id, anonymous, self.now()).await?;
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
        let themes = store::themes(&mut tx, id).await?;
        let theme = theme_choice(theme, &themes)?;
        if !store::set_answer_theme(&mut tx, id, answer_id, theme).await? {
            return Err(Error::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn observations_page(&self, actor: &Actor, team_id: i64, id: i64) -> Result<ObservationsPage> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        allow(content_visible_to(&l))?;
        let observations = store::observations(&mut c, id).await?;
        let themes = store::themes(&mut c, id).await?;
        Ok(ObservationsPage {
            team: l.team,
            trajectory: l.trajectory,
            rights: l.rights,
            observations,
            themes,
            today: self.today(),
        })
    }

    /// The trainer records what was seen on the ward, during the observation.
    pub async fn add_observation(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        input: &ObservationInput<'_>,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.trainer)?;
        in_phase(&l.trajectory, &[Phase::Observation])?;
        let themes = store::themes(&mut tx, id).await?;
        let mut checks = Checks::default();
        let observed_on = checks.check(Date::parse(input.date, "date"));
        if observed_on.is_some_and(|d| d > self.today()) {
            checks.push("date", "error-trajectory-date-in-future");
        }
        let category = checks.check(ObservationCategory::parse(input.category));
        let text = checks.check(text(input.text, "text", 4000, Some("error-trajectory-observation-required")));
        let theme = checks.check(theme_choice(input.theme, &themes));
        checks.finish()?;
        let (Some(observed_on), Some(category), Some(text), Some(theme_id)) = (observed_on, category, text, theme)
        else {
            return Err(Error::Internal("checked observation missing".into()));
        };
        let new =
            NewObservation { trajectory_id: id, observed_on, category, text: &text, theme_id, author_id: actor.id() };
        let oid = store::insert_observation(&mut tx, &new, self.now()).await?;
        tx.commit().await?;
        Ok(oid)
    }

    pub async fn set_observation_theme(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        observation_id: i64,
        theme: &str,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.trainer)?;
        in_phase(&l.trajectory, &[Phase::Observation, Phase::MirrorSession])?;
        let themes = store::themes(&mut tx, id).await?;
        let theme = theme_choice(theme, &themes)?;
        if !store::set_observation_theme(&mut tx, id, observation_id, theme).await? {
            return Err(Error::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    /// The mirror session: every theme with its answers and observations,
    /// the reflections and the agreements made.
    pub async fn mirror_page(&self, actor: &Actor, team_id: i64, id: i64) -> Result<MirrorPage> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        allow(content_visible_to(&l))?;
        let sessions = store::sessions(&mut c, id).await?;
        let session = sessions.into_iter().find(|s| s.kind == SessionKind::MirrorSession).ok_or(Error::NotFound)?;
        let themes = store::themes(&mut c, id).await?;
        let answers = store::answers(&mut c, id).await?;
        let observations = store::observations(&mut c, id).await?;
        let origin = Origin { kind: OriginKind::MirrorSession, id: Some(id) };
        let agreements = crate::actions::store::of_origin(&mut c, team_id, origin).await?;
        let members = orgs::members(&mut c, team_id).await?;
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

    pub async fn session_page(&self, actor: &Actor, team_id: i64, id: i64, session_id: i64) -> Result<SessionPage> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        let sessions = store::sessions(&mut c, id).await?;
        let session = sessions.into_iter().find(|s| s.id == session_id).ok_or(Error::NotFound)?;
        let members = orgs::members(&mut c, team_id).await?;
        Ok(SessionPage { team: l.team, trajectory: l.trajectory, rights: l.rights, session, members })
    }

    /// Plans a session (date, time, at most two hours, agenda) and records
    /// who was there. A completed evaluation stays as it was.
    pub async fn save_session(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        session_id: i64,
        input: &SessionInput<'_>,
        attendees: &[String],
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.lead)?;
        let sessions = store::sessions(&mut tx, id).await?;
        let session = sessions.iter().find(|s| s.id == session_id).ok_or(Error::NotFound)?;
        if session.completed_at.is_some() {
            return Err(Error::Refused("error-trajectory-session-closed"));
        }
        let members = orgs::members(&mut tx, team_id).await?;
        let mut checks = Checks::default();
        let checked = input.check(&mut checks);
        let mut present = Vec::new();
        for a in attendees {
            match a.trim().parse::<i64>().ok().filter(|p| members.iter().any(|m| m.person_id == *p)) {
                Some(p) if !present.contains(&p) => present.push(p),
                Some(_) => {}
                None => checks.push("attendees", "error-trajectory-attendee-unknown"),
            }
        }
        checks.finish()?;
        let s = checked.ok_or(Error::Internal("checked session missing".into()))?;
        let fields = SessionFields {
            date: s.date,
            start_time: s.start_time,
            minutes: s.minutes,
            agenda: &s.agenda,
            location: &s.location,
        };
        store::update_session(&mut tx, session_id, &fields).await?;
        store::set_attendance(&mut tx, session_id, &present).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A session as an iCalendar file: (file name, contents). `label`
    /// translates the keys of the title.
    pub async fn session_calendar(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        session_id: i64,
        label: &(dyn Fn(&str) -> String + Sync),
    ) -> Result<(String, String)> {
        let page = self.session_page(actor, team_id, id, session_id).await?;
        let s = &page.session;
        let date = s.date.ok_or(Error::NotFound)?;
        let host = self.config.base_url.split("://").nth(1).unwrap_or("kartrekker").split(['/', ':']).next();
        let uid = format!("trajectory-session-{}@{}", s.id, host.unwrap_or("kartrekker"));
        let summary = format!("{}: {}", label(&format!("trajectory-session-{}", s.kind.code())), page.team.name);
        let event = CalendarEvent {
            uid: &uid,
            date,
            start: s.start_time,
            minutes: s.minutes,
            summary: &summary,
            description: &s.agenda,
            location: &s.location,
            stamp_ms: self.now(),
        };
        let name = format!("{}-{}.ics", s.kind.code().replace('_', "-"), date);
        Ok((name, model::calendar(&event)))
    }

    pub async fn evaluation_page(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        session_id: i64,
    ) -> Result<EvaluationPage> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        let sessions = store::sessions(&mut c, id).await?;
        let session = sessions
            .iter()
            .find(|s| s.id == session_id && s.kind == SessionKind::Evaluation)
            .cloned()
            .ok_or(Error::NotFound)?;
        let current =
            l.trajectory.phase.is_evaluating() && open_evaluation(&sessions).is_some_and(|s| s.id == session_id);
        let tally = store::helped_tally(&mut c, session_id).await?;
        let mine = store::my_helped(&mut c, session_id, actor.id()).await?;
        let agreed = |actions: Vec<Action>| -> Vec<AgreedAction> {
            actions
                .into_iter()
                .map(|action| {
                    let (yes, no) =
                        tally.iter().find(|(a, _, _)| *a == action.id).map(|(_, y, n)| (*y, *n)).unwrap_or((0, 0));
                    let mine = mine.iter().find(|(a, _)| *a == action.id).map(|(_, h)| *h);
                    AgreedAction { action, yes, no, mine }
                })
                .collect()
        };
        let origin = |kind| Origin { kind, id: Some(id) };
        let mirror = crate::actions::store::of_origin(&mut c, team_id, origin(OriginKind::MirrorSession)).await?;
        let later = crate::actions::store::of_origin(&mut c, team_id, origin(OriginKind::Evaluation)).await?;
        let members = orgs::members(&mut c, team_id).await?;
        Ok(EvaluationPage {
            team: l.team,
            trajectory: l.trajectory,
            rights: l.rights,
            session,
            evaluations: sessions.into_iter().filter(|s| s.kind == SessionKind::Evaluation).collect(),
            mirror_actions: agreed(mirror),
            evaluation_actions: agreed(later),
            current,
            members,
            today: self.today(),
        })
    }

    /// The evaluation the team works on now, refused for any other.
    async fn current_evaluation(&self, c: &mut Conn, l: &Loaded, session_id: i64) -> Result<Session> {
        in_phase(&l.trajectory, &[Phase::Evaluation, Phase::ReEvaluation])?;
        let sessions = store::sessions(c, l.trajectory.id).await?;
        if !sessions.iter().any(|s| s.id == session_id && s.kind == SessionKind::Evaluation) {
            return Err(Error::NotFound);
        }
        open_evaluation(&sessions)
            .filter(|s| s.id == session_id)
            .cloned()
            .ok_or(Error::Refused("error-trajectory-session-closed"))
    }

    /// A team member's one-click answer to "did this help?" for an agreed
    /// action; answering again changes it.
    pub async fn answer_helped(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        session_id: i64,
        action_id: i64,
        helped: &str,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.member)?;
        self.current_evaluation(&mut tx, &l, session_id).await?;
        let action = crate::actions::store::by_id(&mut tx, action_id).await?;
        let agreed_here = action.is_some_and(|a| {
            a.team_id == team_id
                && a.origin.id == Some(id)
                && matches!(a.origin.kind, OriginKind::MirrorSession | OriginKind::Evaluation)
        });
        if !agreed_here {
            return Err(Error::NotFound);
        }
        let helped = match helped.trim() {
            "yes" => true,
            "no" => false,
            _ => return Err(Error::invalid("helped", "error-trajectory-helped-choose")),
        };
        store::set_helped(&mut tx, session_id, action_id, actor.id(), helped, self.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records results and next steps. With `complete`, the evaluation is
    /// done: it keeps its date (today, if it had none or one still to come)
    /// and the next re-evaluation is planned that many months later.
    /// Returns the next one's date.
    pub async fn save_evaluation(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        session_id: i64,
        input: &EvaluationInput<'_>,
        complete: bool,
    ) -> Result<Option<Date>> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.lead)?;
        let session = self.current_evaluation(&mut tx, &l, session_id).await?;
        let mut checks = Checks::default();
        let required = complete.then_some("error-trajectory-results-required");
        let results = checks.check(text(input.results, "results", 4000, required));
        let next_steps = checks.check(text(input.next_steps, "next_steps", 4000, None));
        let months = checks.check(model::interval_months(input.months));
        checks.finish()?;
        let (Some(results), Some(next_steps), Some(months)) = (results, next_steps, months) else {
            return Err(Error::Internal("checked evaluation missing".into()));
        };
        let now = self.now();
        store::save_results(&mut tx, session_id, &results, &next_steps).await?;
        store::set_interval(&mut tx, id, months, now).await?;
        if !complete {
            tx.commit().await?;
            return Ok(None);
        }
        // It was held on its date, or today if that date has not come yet.
        let today = self.today();
        let held_on = session.date.filter(|d| *d <= today).unwrap_or(today);
        if session.date != Some(held_on) {
            store::set_session_date(&mut tx, session_id, held_on).await?;
        }
        if !store::complete_session(&mut tx, session_id, now).await? {
            return Err(Error::Refused("error-trajectory-session-closed"));
        }
        let next = held_on.add_months(months);
        store::insert_session(&mut tx, id, SessionKind::Evaluation, session.seq + 1, Some(next)).await?;
        if l.trajectory.phase == Phase::Evaluation
            && !store::set_phase(&mut tx, id, Phase::Evaluation, Phase::ReEvaluation, now).await?
        {
            return Err(Error::Refused("error-trajectory-phase-changed"));
        }
        audit::audit(
            &mut tx,
            Some(l.trajectory.org_id),
            Some(actor.id()),
            "complete_evaluation",
            &format!("trajectory:{id}/session:{session_id}"),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(next))
    }

    /// The program leader's overview of every team in the organisation.
    pub async fn trajectory_overview(&self, actor: &Actor, filter: &OverviewFilter) -> Result<OverviewPage> {
        let org = actor.org_with(OrgRole::ProgramLeader).ok_or(Error::Forbidden)?;
        let mut c = self.conn().await?;
        let today = self.today();
        let total = store::overview_count(&mut c, org, filter).await?;
        let rows = store::overview(&mut c, org, today, filter).await?;
        Ok(OverviewPage { rows, total, today })
    }
}
