//! Opening rounds by the calendar. The scheduler may run on every instance
//! and after every restart: a round's job has a dedupe key, the job is
//! claimed by one worker, and the round itself is unique per team and day.

use super::store;
use crate::dates::Date;
use crate::notifications::Event;
use crate::{Error, Kartrekker, Result};

impl Kartrekker {
    /// Queues the opening of every round whose window holds today and that
    /// is not open yet; returns how many new jobs.
    pub async fn schedule_pulse_rounds(&self) -> Result<usize> {
        let mut c = self.conn().await?;
        let today = self.today();
        let mut queued = 0;
        for (s, last) in store::schedules(&mut c).await? {
            let Some((opens, _)) = s.window_on(today) else { continue };
            if last.is_some_and(|l| l >= opens) {
                continue;
            }
            queued += self.queue_round(&mut c, s.team_id, opens).await? as usize;
        }
        Ok(queued)
    }

    /// Job handler: opens the team's round of `opens_on` when the schedule
    /// still says so, and tells the members who answer it.
    pub(crate) async fn open_pulse_round(&self, team_id: i64, opens_on: &str) -> Result<()> {
        let opens = Date::parse(opens_on, "opens_on").map_err(|_| Error::Internal(format!("bad date {opens_on}")))?;
        let mut tx = self.db.begin().await?;
        let Some(s) = store::schedule_of(&mut tx, team_id).await? else { return Ok(()) };
        // The schedule changed or the window passed meanwhile: nothing to open.
        let Some((window_opens, closes)) = s.window_on(self.today()) else { return Ok(()) };
        if window_opens != opens {
            return Ok(());
        }
        let Some(round_id) = store::insert_round(&mut tx, &s, opens, closes, self.now()).await? else {
            return Ok(());
        };
        let members = crate::organisations::store::members(&mut tx, team_id).await?;
        let answering: Vec<i64> = members.iter().filter(|m| m.takes_part()).map(|m| m.person_id).collect();
        self.notify_all(&mut tx, &answering, &Event::PulseOpen { round_id }, &round_id.to_string()).await?;
        tx.commit().await?;
        Ok(())
    }
}
