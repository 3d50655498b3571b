//! What the worker queues by the calendar: reminders before and after due
//! dates, the reflection steps' deadlines, the team leaders' weekly list,
//! and the daily digests. The scheduler may run on every instance and after
//! every restart: each event becomes one job through its dedupe key.

use super::model::{Event, week_number};
use super::store;
use crate::dates::Date;
use crate::db::Conn;
use crate::jobs::Job;
use crate::reflection::{Step, store as reflection};
use crate::{Kartrekker, Result};

/// Daily digests and weekly lists go out from this hour (Dutch time).
pub const DIGEST_HOUR: i64 = 7;
/// Reflection steps are announced this many days before their date.
pub const STEP_REMINDER_DAYS: i64 = 2;

impl Kartrekker {
    /// Queues today's reminders and digests; returns how many new jobs.
    pub async fn schedule_reminders(&self) -> Result<usize> {
        let mut c = self.conn().await?;
        let mut queued = self.schedule_evaluation_reminders(&mut c).await?;
        queued += self.schedule_follow_up_reminders(&mut c).await?;
        queued += self.schedule_action_reminders(&mut c).await?;
        queued += self.schedule_step_reminders(&mut c).await?;
        queued += self.schedule_decision_reviews(&mut c).await?; // decisions
        queued += self.schedule_feedback_reminders(&mut c).await?; // portfolio
        queued += self.schedule_portfolio_nudges(&mut c).await?; // portfolio
        queued += self.schedule_pulse_rounds().await?; // pulse
        if Date::hour_nl(self.now()) >= DIGEST_HOUR {
            queued += self.schedule_team_overdue(&mut c, week_number(self.today())).await?;
            let today = self.today();
            for person_id in store::digest_people(&mut c).await? {
                let key = format!("digest:{person_id}:{today}");
                queued += self.enqueue(&mut c, &Job::Digest { person_id }, Some(&key)).await? as usize;
            }
        }
        Ok(queued)
    }

    /// Each participant who has not done a step yet hears of it two days before.
    async fn schedule_step_reminders(&self, c: &mut Conn) -> Result<usize> {
        let today = self.today();
        let until = today.add_days(STEP_REMINDER_DAYS);
        let mut queued = 0;
        for cycle in reflection::with_steps_between(c, today, until).await? {
            let participants = reflection::participants(c, cycle.id).await?;
            for step in Step::ALL {
                let date = cycle.schedule.date(step);
                if date < today || date > until {
                    continue;
                }
                let event = Event::StepDue { cycle_id: cycle.id, step: step.code().into(), date: date.to_string() };
                let key = format!("{}:{}:{date}", cycle.id, step.code());
                for (p, _) in &participants {
                    queued += self.notify(c, *p, event.clone(), &key).await? as usize;
                }
            }
        }
        Ok(queued)
    }
}
