//! At send time, the notices of Fair Process decisions: a member is asked
//! for input while the decision still waits for it, told when it is made,
//! and a leader told that its review date came while it still has.

use super::reviews::leads_team;
use super::store;
use crate::Result;
use crate::dates::Date;
use crate::db::Conn;
use crate::notifications::Event;
use crate::organisations::store as orgs;

/// (team id, team, subject, date, page) when the event still holds for
/// `person_id` — they take part in (for a review: lead) the decision's team
/// and the decision is still as the event says — else None.
pub(crate) async fn resolve(
    c: &mut Conn,
    person_id: i64,
    event: &Event,
    today: Date,
) -> Result<Option<(i64, String, String, String, String)>> {
    let (Event::DecisionInputAsked { decision_id }
    | Event::DecisionMade { decision_id }
    | Event::DecisionReviewDue { decision_id, .. }) = event
    else {
        return Ok(None);
    };
    let Some(d) = store::by_id(c, *decision_id).await? else { return Ok(None) };
    let members = orgs::members(c, d.team_id).await?;
    let Some(me) = members.iter().find(|m| m.person_id == person_id) else { return Ok(None) };
    let Some(team) = orgs::team_in_org(c, d.org_id, d.team_id).await? else { return Ok(None) };
    let (holds, date, anchor) = match event {
        Event::DecisionInputAsked { .. } => {
            (me.takes_part() && d.decided_at.is_none() && d.input_deadline >= today, d.input_deadline.dutch(), "")
        }
        // Reviewed (the date moved on) or revised since: this reminder is over.
        Event::DecisionReviewDue { review_date, .. } => {
            let due = d.review_date.filter(|r| *r <= today && r.to_string() == *review_date);
            (leads_team(me) && d.decided() && due.is_some(), due.map(Date::dutch).unwrap_or_default(), "#evaluate")
        }
        _ => (me.takes_part() && d.decided(), String::new(), ""),
    };
    Ok(holds.then(|| (d.team_id, team.name, d.title, date, format!("/decisions/{}{anchor}", d.id))))
}
