//! At send time, the notices of Fair Process decisions: a member is asked
//! for input while the decision still waits for it, and told when it is made.

use super::store;
use crate::Result;
use crate::dates::Date;
use crate::db::Conn;
use crate::notifications::Event;
use crate::organisations::store as orgs;

/// (team id, team, subject, date, page) when the event still holds for
/// `person_id` — they take part in the decision's team and the decision is
/// still as the event says — else None.
pub(crate) async fn resolve(
    c: &mut Conn,
    person_id: i64,
    event: &Event,
    today: Date,
) -> Result<Option<(i64, String, String, String, String)>> {
    let (Event::DecisionInputAsked { decision_id } | Event::DecisionMade { decision_id }) = event else {
        return Ok(None);
    };
    let Some(d) = store::by_id(c, *decision_id).await? else { return Ok(None) };
    let takes_part = orgs::members(c, d.team_id).await?.iter().any(|m| m.person_id == person_id && m.takes_part());
    let Some(team) = orgs::team_in_org(c, d.org_id, d.team_id).await? else { return Ok(None) };
    let holds = match event {
        Event::DecisionInputAsked { .. } => d.decided_at.is_none() && d.input_deadline >= today,
        _ => d.decided_at.is_some(),
    };
    let date = match event {
        Event::DecisionInputAsked { .. } => d.input_deadline.dutch(),
        _ => String::new(),
    };
    Ok((takes_part && holds).then(|| (d.team_id, team.name, d.title, date, format!("/decisions/{}", d.id))))
}
