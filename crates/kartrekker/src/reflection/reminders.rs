//! Safeguarding the personal action plan: before the follow-up date the
//! participant and their buddy are reminded to look back together. One job
//! per (cycle, person, date, receiver) through its dedupe key, so it is sent
//! once; nothing is sent when the date was moved since. Each receiver
//! chooses how they get it (the kind `plan_follow_up`).

use crate::dates::Date;
use crate::db::Conn;
use crate::i18n;
use crate::jobs::Job;
use crate::mail::messages;
use crate::notifications::{Notice, NoticeKind};
use crate::organisations::store as orgs;
use crate::people::store as people;
use crate::{Kartrekker, Result};

impl Kartrekker {
    pub(crate) async fn schedule_follow_up_reminders(&self, c: &mut Conn) -> Result<usize> {
        let today = self.today();
        let mut queued = 0;
        for (cycle_id, person_id, buddy, date, days) in super::store::follow_ups(c, today.add_days(30)).await? {
            if date < today || today.days_until(date) > days {
                continue;
            }
            for receiver in std::iter::once(person_id).chain(buddy) {
                let key = format!("follow_up:{cycle_id}:{person_id}:{date}:{receiver}");
                let job = Job::PlanFollowUp { cycle_id, person_id, date: date.to_string(), receiver };
                queued += self.enqueue(c, &job, Some(&key)).await? as usize;
            }
        }
        Ok(queued)
    }

    /// Job handler: one reminder to the participant or to their buddy.
    pub(crate) async fn send_follow_up(&self, cycle_id: i64, person_id: i64, date: &str, receiver: i64) -> Result<()> {
        let mut c = self.conn().await?;
        let notes = super::store::notes(&mut c, cycle_id, person_id).await?;
        if notes.follow_up_date.map(|d| d.to_string()).as_deref() != Some(date) {
            return Ok(()); // moved or removed since
        }
        let (Some(person), Some(to)) = (
            people::by_id(&mut c, person_id).await?,
            people::by_id(&mut c, receiver).await?.filter(|p| p.active && !p.deactivated),
        ) else {
            return Ok(());
        };
        let Some((cycle, _)) = super::store::with_participant(&mut c, cycle_id, person_id).await? else {
            return Ok(());
        };
        let Some(team) = orgs::team_in_org(&mut c, cycle.org_id, cycle.team_id).await? else { return Ok(()) };
        let lang = to.language.unwrap_or(self.config.default_language);
        let own = receiver == person_id;
        // The owner goes to their plan; a buddy to the view of it a buddy may open.
        let page = if own { "/plan".to_string() } else { format!("/plans/{person_id}") };
        let path = format!("/reflection/{cycle_id}{page}");
        let day = Date::parse(date, "date").map(|d| d.dutch()).unwrap_or_default();
        let email = messages::follow_up_reminder(lang, &to.email, &to.name, &person.name, own, &day, &self.link(&path));
        let subject = if own {
            i18n::t(lang, "notice-plan-own").to_string()
        } else {
            i18n::t_text(lang, "notice-plan-of", &[("owner", &person.name)])
        };
        let kind = NoticeKind::PlanFollowUp;
        let notice = Notice { kind, team_id: team.id, team: team.name, subject, date: day, path, attachment: None };
        self.deliver(c, &to, &notice, email).await
    }
}
