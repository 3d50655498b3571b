//! Reminders to the kartrekker before the due date and, once a week, while
//! the action is overdue; and the team leader's weekly list of the team's
//! overdue actions. Each (action, kind, due date, overdue week) is one job
//! through its dedupe key, so it is never sent twice; the handler looks
//! again at send time (`notifications::resolve`), so nothing is sent for an
//! action that is done, dropped or moved by then.

use super::store;
use crate::db::Conn;
use crate::notifications::model::{Event, NoticeKind, due_reminder};
use crate::organisations::{TeamRole, store as orgs};
use crate::{Kartrekker, Result};

/// The furthest ahead an organisation can ask to be reminded.
const MAX_REMINDER_DAYS: i64 = 30;

impl Kartrekker {
    /// Queues the due-soon and overdue reminders of today; returns how many new jobs.
    pub(crate) async fn schedule_action_reminders(&self, c: &mut Conn) -> Result<usize> {
        let today = self.today();
        let mut queued = 0;
        for (action_id, due, days) in store::due_until(c, today.add_days(MAX_REMINDER_DAYS)).await? {
            let Some((kind, week)) = due_reminder(due, days, today) else { continue };
            let Some(a) = store::by_id(c, action_id).await? else { continue };
            let due = due.to_string();
            let (event, key) = match kind {
                NoticeKind::Overdue => {
                    (Event::Overdue { action_id, due: due.clone() }, format!("{action_id}:{due}:{week}"))
                }
                _ => (Event::ActionDue { action_id, due: due.clone() }, format!("{action_id}:{due}")),
            };
            queued += self.notify(c, a.kartrekker_id, event, &key).await? as usize;
        }
        Ok(queued)
    }

    /// Queues this week's list of overdue actions to each team's leaders.
    pub(crate) async fn schedule_team_overdue(&self, c: &mut Conn, week: i64) -> Result<usize> {
        let mut queued = 0;
        for team_id in store::teams_with_overdue(c, self.today()).await? {
            for m in orgs::members(c, team_id).await? {
                if m.roles.contains(&TeamRole::TeamLeader) {
                    let key = format!("{team_id}:{week}");
                    queued += self.notify(c, m.person_id, Event::TeamOverdue { team_id }, &key).await? as usize;
                }
            }
        }
        Ok(queued)
    }
}
