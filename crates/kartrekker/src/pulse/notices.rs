//! At send time, the notice that a pulse round is open: only while it is
//! open, to a member who takes part in the team and has not answered yet.

use super::store;
use crate::Result;
use crate::dates::Date;
use crate::db::Conn;
use crate::organisations::store as orgs;

/// (team id, team, closing date, page) when the round still asks `person_id`.
pub(crate) async fn resolve(
    c: &mut Conn,
    person_id: i64,
    round_id: i64,
    today: Date,
) -> Result<Option<(i64, String, String, String)>> {
    let Some(r) = store::round_by_id(c, round_id).await? else { return Ok(None) };
    let takes_part = orgs::members(c, r.team_id).await?.iter().any(|m| m.person_id == person_id && m.takes_part());
    if !takes_part || !r.open_on(today) || store::has_mark(c, round_id, person_id).await? {
        return Ok(None);
    }
    Ok(Some((r.team_id, r.team, r.closes_on.dutch(), format!("/pulse/rounds/{round_id}"))))
}
