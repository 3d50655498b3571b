//! At send time, the notices of Verwonder & Verbeter: a team leader hears of
//! a new point; a poster hears that their point was decided on (and how),
//! and that its project closed.

use super::model::{PointStatus, ProjectStatus};
use super::store;
use crate::Result;
use crate::db::Conn;
use crate::notifications::Event;
use crate::organisations::TeamRole;

/// (team id, team, subject, page) when the event still holds for `person_id`
/// — the point is still as the event says and they posted it — else None.
pub(crate) async fn resolve(
    c: &mut Conn,
    person_id: i64,
    event: &Event,
) -> Result<Option<(i64, String, String, String)>> {
    let posted = async |c: &mut Conn, point: i64| -> Result<bool> {
        Ok(store::posters(c, point).await?.iter().any(|p| p.person_id == person_id))
    };
    Ok(match event {
        Event::VerwonderpuntAnswered { point_id, status } => {
            let Some(p) = store::point_by_id(c, *point_id).await? else { return Ok(None) };
            (p.status.code() == status && posted(c, p.id).await?)
                .then(|| (p.team_id, p.team, p.title, format!("/verwonderpunten/{}", p.id)))
        }
        // To a team leader, while the point still waits for a decision.
        Event::VerwonderpuntPosted { point_id } => {
            let Some(p) = store::point_by_id(c, *point_id).await? else { return Ok(None) };
            let leads = crate::organisations::store::members(c, p.team_id)
                .await?
                .iter()
                .any(|m| m.person_id == person_id && m.roles.contains(&TeamRole::TeamLeader));
            (p.status == PointStatus::New && leads)
                .then(|| (p.team_id, p.team, p.title, format!("/verwonderpunten/{}", p.id)))
        }
        Event::ProjectClosed { project_id } => {
            let Some(j) = store::project_by_id(c, *project_id).await? else { return Ok(None) };
            let Some(point) = j.point_id else { return Ok(None) };
            (j.status == ProjectStatus::Closed && posted(c, point).await?)
                .then(|| (j.team_id, j.team, j.title, format!("/verbeterprojecten/{}", j.id)))
        }
        _ => None,
    })
}
