//! The Verwonder & Verbeter part of a person's home page: for a team
//! leader, the points of their teams waiting for a decision; for a poster,
//! what became of their point in the last two weeks.

use crate::Result;
use crate::clock::DAY_MS;
use crate::db::Conn;
use crate::improvement::PointStatus;

/// A decided point stays on its poster's home page this many days.
pub const ANSWERED_DAYS_SHOWN: i64 = 14;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerwonderItem {
    /// `count` points of a team the person leads wait for triage.
    Waiting { team_id: i64, team: String, count: i64 },
    /// The person's own point was decided on.
    Answered { point_id: i64, title: String, status: PointStatus },
}

pub(crate) async fn for_home(c: &mut Conn, person_id: i64, now: i64) -> Result<Vec<VerwonderItem>> {
    let mut items: Vec<VerwonderItem> = super::store::waiting_in_led_teams(c, person_id)
        .await?
        .into_iter()
        .map(|(team_id, team, count)| VerwonderItem::Waiting { team_id, team, count })
        .collect();
    let since = now - ANSWERED_DAYS_SHOWN * DAY_MS;
    items.extend(
        super::store::answered_of_poster(c, person_id, since)
            .await?
            .into_iter()
            .map(|(point_id, title, status)| VerwonderItem::Answered { point_id, title, status }),
    );
    Ok(items)
}
