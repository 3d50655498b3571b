//! Reminders to the kartrekker before the due date and when overdue. The
//! scheduler may run on every instance and after every restart: each event
//! (action, kind, due date) becomes one job through its dedupe key, so it is
//! never sent twice. The handler looks again at send time, so nothing is sent
//! for an action that is done or dropped by then.

use super::model::{Delivery, NoticeKind};
use super::service::reminder_for;
use super::store;
use crate::dates::Date;
use crate::jobs::Job;
use crate::mail::messages;
use crate::people::store as people;
use crate::{Kartrekker, Result};

/// The furthest ahead an organisation can ask to be reminded.
const MAX_REMINDER_DAYS: i64 = 30;
/// Daily digests go out from this hour (Dutch time).
pub const DIGEST_HOUR: i64 = 7;

impl Kartrekker {
    /// Queues today's reminders and digests; returns how many new jobs.
    pub async fn schedule_reminders(&self) -> Result<usize> {
        let today = self.today();
        let mut c = self.conn().await?;
        let mut queued = self.schedule_evaluation_reminders(&mut c).await?;
        queued += self.schedule_follow_up_reminders(&mut c).await?;
        for (action_id, due, days) in store::due_until(&mut c, today.add_days(MAX_REMINDER_DAYS)).await? {
            if let Some(kind) = reminder_for(due, days, today) {
                let key = format!("reminder:{}:{action_id}:{due}", kind.code());
                let job = Job::ActionReminder { action_id, kind: kind.code().into(), due: due.to_string() };
                queued += self.enqueue(&mut c, &job, Some(&key)).await? as usize;
            }
        }
        if Date::hour_nl(self.now()) >= DIGEST_HOUR {
            for person_id in store::digest_people(&mut c).await? {
                let key = format!("digest:{person_id}:{today}");
                queued += self.enqueue(&mut c, &Job::Digest { person_id }, Some(&key)).await? as usize;
            }
        }
        Ok(queued)
    }

    /// Job handler for one reminder.
    pub(crate) async fn send_reminder(&self, action_id: i64, kind: &str, due: &str) -> Result<()> {
        let Some(kind) = NoticeKind::from_code(kind) else { return Ok(()) };
        let mut c = self.conn().await?;
        let Some(action) = store::by_id(&mut c, action_id).await? else { return Ok(()) };
        // Done, dropped or moved to another date since: this event is over.
        if !action.status.is_active() || action.due_date.map(|d| d.to_string()).as_deref() != Some(due) {
            return Ok(());
        }
        let Some(person) = people::by_id(&mut c, action.kartrekker_id).await? else { return Ok(()) };
        match store::delivery(&mut c, person.id, kind).await? {
            Delivery::Never => Ok(()),
            Delivery::DailyDigest => {
                store::insert_digest_item(&mut c, person.id, kind, action.id, self.now()).await?;
                Ok(())
            }
            Delivery::Immediately => {
                drop(c);
                let lang = person.language.unwrap_or(self.config.default_language);
                let link = format!("{}/actions/{}", self.config.base_url.trim_end_matches('/'), action.id);
                let email = messages::action_reminder(lang, &person.email, &person.name, kind, &action, &link);
                self.mailer.send(&email).await.map_err(|e| crate::Error::Internal(e.to_string()))
            }
        }
    }

    /// Job handler: one e-mail with everything a person chose to get daily.
    pub(crate) async fn send_digest(&self, person_id: i64) -> Result<()> {
        let mut c = self.conn().await?;
        let Some(person) = people::by_id(&mut c, person_id).await? else { return Ok(()) };
        let items = store::pending_digest(&mut c, person_id).await?;
        let mut lines = Vec::new();
        for (_, kind, action_id) in &items {
            if let Some(a) = store::by_id(&mut c, *action_id).await?
                && a.status.is_active()
            {
                let link = format!("{}/actions/{}", self.config.base_url.trim_end_matches('/'), a.id);
                lines.push((*kind, a, link));
            }
        }
        let ids: Vec<i64> = items.iter().map(|(id, _, _)| *id).collect();
        if !lines.is_empty() {
            let lang = person.language.unwrap_or(self.config.default_language);
            let email = messages::digest(lang, &person.email, &person.name, &lines);
            self.mailer.send(&email).await.map_err(|e| crate::Error::Internal(e.to_string()))?;
        }
        store::mark_digest_sent(&mut c, &ids, self.now()).await?;
        Ok(())
    }
}
