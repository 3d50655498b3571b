//! The sessions with the team (planning, attendance, the .ics file) and
//! the evaluations: "did this help?", results, and the next re-evaluation.

use super::model::{self, CalendarEvent, Phase, Session, SessionInput, SessionKind, Trajectory, text};
use super::service::{Loaded, Rights, allow, in_phase, load, open_evaluation};
use super::store::{self, Changes, SessionFields};
use crate::actions::{Action, Origin, OriginKind, Update};
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::dates::Date;
use crate::db::Conn;
use crate::notifications::{Event, service::session_moment};
use crate::organisations::{Member, Team, store as orgs};
use crate::{Checks, Error, Kartrekker, Result};

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
    /// The newest progress update.
    pub last_update: Option<Update>,
}

impl AgreedAction {
    /// The action with its line of `tally` (action id, yes, no), the
    /// actor's answer among `mine` and its newest update.
    pub(super) fn of(
        action: Action,
        tally: &[(i64, i64, i64)],
        mine: &[(i64, bool)],
        last_updates: &[(i64, Update)],
    ) -> AgreedAction {
        let (yes, no) = tally.iter().find(|(a, _, _)| *a == action.id).map(|(_, y, n)| (*y, *n)).unwrap_or((0, 0));
        let mine = mine.iter().find(|(a, _)| *a == action.id).map(|(_, h)| *h);
        let last_update = last_updates.iter().find(|(a, _)| *a == action.id).map(|(_, u)| u.clone());
        AgreedAction { action, yes, no, mine, last_update }
    }
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
    /// The team's actions whose "evaluate on" comes to this evaluation.
    pub to_evaluate: Vec<AgreedAction>,
    /// This is the evaluation the team works on now.
    pub current: bool,
    /// Who may pull a new agreement.
    pub members: Vec<Member>,
    /// Of the team members who vote "did this help?": (voted, all).
    pub votes: (i64, i64),
    pub today: Date,
}

/// Whether saving an evaluation also completes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Complete {
    No,
    /// Refused with [`UNVOTED`] while team members have not voted yet.
    IfAllVoted,
    /// Also when not everyone voted: the leader confirmed.
    Anyway,
}

/// Completing while team members have not voted "did this help?" yet.
pub const UNVOTED: &str = "error-trajectory-complete-unvoted";

/// Results and next steps of an evaluation, and when to look again.
#[derive(Clone, Debug, Default)]
pub struct EvaluationInput<'a> {
    pub results: &'a str,
    pub next_steps: &'a str,
    /// Months until the next re-evaluation.
    pub months: &'a str,
}

/// Of the team members who vote at an evaluation: (voted, all).
async fn votes(c: &mut Conn, team_id: i64, session_id: i64) -> Result<(i64, i64)> {
    let members = orgs::members(c, team_id).await?;
    Ok((store::helped_voters(c, session_id).await?, super::service::respondents(&members)))
}

/// The team's actions to look at in evaluation `session`: those whose
/// "evaluate on" falls after the previous evaluation, up to this one's date.
pub(super) async fn actions_to_evaluate(
    c: &mut Conn,
    team_id: i64,
    sessions: &[Session],
    session: &Session,
) -> Result<Vec<Action>> {
    let Some(until) = session.date else { return Ok(Vec::new()) };
    let previous = sessions.iter().find(|s| s.kind == SessionKind::Evaluation && s.seq + 1 == session.seq);
    let after = previous.and_then(|p| p.held_on.or(p.date)).map(|d| d.to_string()).unwrap_or_default();
    Ok(crate::actions::store::to_evaluate(c, team_id, &after, until).await?)
}

impl Kartrekker {
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
        // Planned or moved: the rest of the team hears of it, with the .ics.
        let moment = session_moment(s.date, s.start_time);
        if s.date.is_some() && moment != session_moment(session.date, session.start_time) {
            let others: Vec<i64> = members.iter().map(|m| m.person_id).filter(|p| *p != actor.id()).collect();
            let event = Event::SessionPlanned { trajectory_id: id, session_id, at: moment.clone() };
            self.notify_all(&mut tx, &others, &event, &format!("{session_id}:{moment}")).await?;
        }
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
        self.session_ics(&page.team.name, &page.session, label).ok_or(Error::NotFound)
    }

    /// The site's host name, which ids in calendars end in.
    pub(crate) fn calendar_host(&self) -> &str {
        let host = self.config.base_url.split("://").nth(1).unwrap_or("kartrekker").split(['/', ':']).next();
        host.unwrap_or("kartrekker")
    }

    /// A session's id in calendars: the same through every change of it.
    pub(crate) fn session_uid(&self, session_id: i64) -> String {
        format!("trajectory-session-{session_id}@{}", self.calendar_host())
    }

    /// A session's title in calendars: its kind and the team.
    pub(crate) fn session_summary(team: &str, s: &Session, label: &(dyn Fn(&str) -> String + Sync)) -> String {
        format!("{}: {team}", label(&format!("trajectory-session-{}", s.kind.code())))
    }

    /// A planned session as an .ics file: (file name, contents); none
    /// without a date. For the download and the e-mail's attachment.
    pub(crate) fn session_ics(
        &self,
        team: &str,
        s: &Session,
        label: &(dyn Fn(&str) -> String + Sync),
    ) -> Option<(String, String)> {
        let date = s.date?;
        let uid = self.session_uid(s.id);
        let summary = Self::session_summary(team, s, label);
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
        Some((name, model::calendar(&event)))
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
        let last_updates = crate::actions::store::last_updates(&mut c, team_id).await?;
        let agreed = |actions: Vec<Action>| -> Vec<AgreedAction> {
            actions.into_iter().map(|action| AgreedAction::of(action, &tally, &mine, &last_updates)).collect()
        };
        let origin = |kind| Origin { kind, id: Some(id) };
        let mirror = crate::actions::store::of_origin(&mut c, team_id, origin(OriginKind::MirrorSession)).await?;
        let later = crate::actions::store::of_origin(&mut c, team_id, origin(OriginKind::Evaluation)).await?;
        let to_evaluate = actions_to_evaluate(&mut c, team_id, &sessions, &session).await?;
        let members = crate::actions::service::kartrekkers(&mut c, team_id).await?;
        let votes = votes(&mut c, team_id, session_id).await?;
        Ok(EvaluationPage {
            team: l.team,
            trajectory: l.trajectory,
            rights: l.rights,
            session,
            evaluations: sessions.into_iter().filter(|s| s.kind == SessionKind::Evaluation).collect(),
            mirror_actions: agreed(mirror),
            evaluation_actions: agreed(later),
            to_evaluate: agreed(to_evaluate),
            current,
            members,
            votes,
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
    /// action; answering again changes it. Someone who is only the team's
    /// trainer does not vote.
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
        allow(l.rights.respondent)?;
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
    /// done (once every voter voted on the agreed actions, or `Anyway`): it keeps its planned date and is held on that date, or today
    /// if it had none or one still to come; the next re-evaluation is
    /// planned that many months after it was held.
    /// Returns the next one's date.
    pub async fn save_evaluation(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        session_id: i64,
        input: &EvaluationInput<'_>,
        complete: Complete,
    ) -> Result<Option<Date>> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.lead)?;
        let session = self.current_evaluation(&mut tx, &l, session_id).await?;
        let mut checks = Checks::default();
        let required = (complete != Complete::No).then_some("error-trajectory-results-required");
        let results = checks.check(text(input.results, "results", 4000, required));
        let next_steps = checks.check(text(input.next_steps, "next_steps", 4000, None));
        let months = checks.check(model::interval_months(input.months));
        checks.finish()?;
        let (Some(results), Some(next_steps), Some(months)) = (results, next_steps, months) else {
            return Err(Error::Internal("checked evaluation missing".into()));
        };
        let now = self.now();
        store::save_results(&mut tx, session_id, &results, &next_steps).await?;
        store::update(&mut tx, id, &Changes { interval_months: Some(months), ..Changes::default() }, now).await?;
        if complete == Complete::No {
            tx.commit().await?;
            return Ok(None);
        }
        if complete == Complete::IfAllVoted {
            let (voted, all) = votes(&mut tx, team_id, session_id).await?;
            let agreed = [OriginKind::MirrorSession, OriginKind::Evaluation];
            let mut any_agreed = false;
            for kind in agreed {
                let origin = Origin { kind, id: Some(id) };
                any_agreed |= !crate::actions::store::of_origin(&mut tx, team_id, origin).await?.is_empty();
            }
            if any_agreed && voted < all {
                return Err(Error::Refused(UNVOTED));
            }
        }
        // It was held on its date, or today if that date has not come yet.
        let today = self.today();
        let held_on = session.date.filter(|d| *d <= today).unwrap_or(today);
        if !store::complete_session(&mut tx, session_id, held_on, now).await? {
            return Err(Error::Refused("error-trajectory-session-closed"));
        }
        let next = held_on.add_months(months);
        store::insert_session(&mut tx, id, SessionKind::Evaluation, session.seq + 1, Some(next)).await?;
        if l.trajectory.phase == Phase::Evaluation
            && !store::set_phase(&mut tx, id, Phase::Evaluation, Phase::ReEvaluation, now).await?
        {
            return Err(Error::Refused("error-trajectory-phase-changed"));
        }
        let subject = format!("trajectory:{id}/session:{session_id}");
        let entry = Entry::by(actor, AuditAction::CompleteEvaluation, subject).in_org(l.trajectory.org_id);
        self.audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(Some(next))
    }
}
