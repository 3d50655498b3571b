//! Reminders of the next (re-)evaluation to the trainer and the team's
//! leaders, the organisation's number of reminder days before it. Each
//! evaluation date and receiver becomes one job through its dedupe key, so
//! each e-mail is sent once, also with several instances, after a restart
//! and when another receiver's mail fails; the handler looks again at send
//! time and sends nothing for an evaluation that is done or moved. Each
//! receiver chooses how they get it (the kind `evaluation_reminder`).

use super::model::{Phase, SessionKind};
use super::service::open_evaluation;
use super::store;
use crate::db::Conn;
use crate::i18n;
use crate::jobs::Job;
use crate::mail::messages;
use crate::notifications::{Event, Notice, NoticeKind};
use crate::organisations::{TeamRole, store as orgs};
use crate::people::store as people;
use crate::{Kartrekker, Result};

/// The furthest ahead an organisation can ask to be reminded.
const MAX_REMINDER_DAYS: i64 = 30;

impl Kartrekker {
    /// Queues reminders for evaluations coming up; returns how many new jobs.
    pub(crate) async fn schedule_evaluation_reminders(&self, c: &mut Conn) -> Result<usize> {
        let today = self.today();
        let mut queued = 0;
        for (trajectory_id, date, days) in
            store::evaluations_between(c, today, today.add_days(MAX_REMINDER_DAYS)).await?
        {
            if today.days_until(date) <= days {
                let Some(t) = store::by_id(c, trajectory_id).await? else { continue };
                // A re-evaluation's vote opens for the team as it comes near
                // (the first evaluation's opens with its phase).
                if t.phase == Phase::ReEvaluation
                    && let Some(e) = open_evaluation(&store::sessions(c, t.id).await?).filter(|e| e.date == Some(date))
                {
                    let members = orgs::members(c, t.team_id).await?;
                    let voters: Vec<i64> = members.iter().map(|m| m.person_id).filter(|p| *p != t.trainer_id).collect();
                    let event = Event::EvaluationOpen { trajectory_id: t.id, session_id: e.id };
                    self.notify_all(c, &voters, &event, &e.id.to_string()).await?;
                }
                for person_id in receivers(c, t.trainer_id, t.team_id).await? {
                    let key = format!("re_evaluation:{trajectory_id}:{date}:{person_id}");
                    let job = Job::ReEvaluationReminder { trajectory_id, date: date.to_string(), person_id };
                    queued += self.enqueue(c, &job, Some(&key)).await? as usize;
                }
            }
        }
        Ok(queued)
    }

    /// Job handler: e-mails one receiver, in their own language.
    pub(crate) async fn send_evaluation_reminder(&self, trajectory_id: i64, date: &str, person_id: i64) -> Result<()> {
        let mut c = self.conn().await?;
        let Some(t) = store::by_id(&mut c, trajectory_id).await? else { return Ok(()) };
        let sessions = store::sessions(&mut c, trajectory_id).await?;
        let session = sessions.iter().find(|s| {
            s.kind == SessionKind::Evaluation
                && s.completed_at.is_none()
                && s.date.map(|d| d.to_string()).as_deref() == Some(date)
        });
        let Some(session) = session else { return Ok(()) };
        let to_evaluate = super::sessions::actions_to_evaluate(&mut c, t.team_id, &sessions, session).await?;
        let titles: Vec<String> = to_evaluate.into_iter().map(|a| a.title).collect();
        let link = self.link(&format!("/teams/{}/trajectory/{}/evaluations/{}", t.team_id, t.id, session.id));
        let (y, m, d) = session.date.map(|d| d.ymd()).unwrap_or_default();
        let day = format!("{d:02}-{m:02}-{y:04}");
        let Some(p) = people::by_id(&mut c, person_id).await?.filter(|p| p.active && !p.deactivated) else {
            return Ok(());
        };
        let lang = p.language.unwrap_or(self.config.default_language);
        let email = messages::evaluation_reminder(lang, &p.email, &p.name, &t.team, &day, session.seq, &titles, &link);
        let what = i18n::t(lang, if session.seq == 0 { "mail-evaluation-first" } else { "mail-evaluation-again" });
        let notice = Notice {
            kind: NoticeKind::EvaluationReminder,
            team_id: t.team_id,
            team: t.team.clone(),
            subject: what.to_string(),
            date: day,
            path: format!("/teams/{}/trajectory/{}/evaluations/{}", t.team_id, t.id, session.id),
            attachment: None,
        };
        self.deliver(c, &p, &notice, email).await
    }
}

/// The trainer and the team's leaders and medical managers.
async fn receivers(c: &mut Conn, trainer_id: i64, team_id: i64) -> Result<Vec<i64>> {
    let mut to = vec![trainer_id];
    for m in orgs::members(c, team_id).await? {
        let leads = m.roles.iter().any(|r| matches!(r, TeamRole::TeamLeader | TeamRole::MedicalManager));
        if leads && !to.contains(&m.person_id) {
            to.push(m.person_id);
        }
    }
    Ok(to)
}
