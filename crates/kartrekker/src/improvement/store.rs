//! SQL for verwonderpunten, their posters, supports and comments, the
//! team's triagers and improvement projects.

use super::model::{
    CheckedCycle, CheckedProject, ClosedProject, Comment, Cycle, CycleAction, DoneFix, Point, PointStatus, Poster,
    Project, RunningProject, TeamProjects,
};
use crate::db::{Conn, DbError, Row};

macro_rules! select_point {
    ($($rest:expr),+) => {
        concat!(
            "SELECT v.id, v.org_id, v.team_id, t.name AS team, v.title, v.body, v.anonymous, v.status, v.reason, \
             v.merged_into, v.action_id, v.project_id, v.support, v.created_at \
             FROM verwonderpunten v JOIN teams t ON t.id = v.team_id ",
            $($rest),+
        )
    };
}

fn point(r: Row) -> Result<Point, DbError> {
    Ok(crate::from_row!(r => Point { id, org_id, team_id, team, title, body, anonymous, status, reason, merged_into,
        action_id, project_id, support, created_at }))
}

pub struct NewPoint<'a> {
    pub org_id: i64,
    pub team_id: i64,
    pub title: &'a str,
    pub body: &'a str,
    pub anonymous: bool,
}

pub async fn insert_point(c: &mut Conn, p: &NewPoint<'_>, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO verwonderpunten (org_id, team_id, title, body, anonymous, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'new', $6) RETURNING id",
    )
    .bind(p.org_id)
    .bind(p.team_id)
    .bind(p.title)
    .bind(p.body)
    .bind(p.anonymous)
    .bind(now)
    .fetch_one(c)
    .await
}

/// Links a poster to a point; no time is kept with it (docs/decisions/0017).
pub async fn insert_poster(c: &mut Conn, point_id: i64, person_id: i64, anonymous: bool) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO verwonder_posters (point_id, person_id, anonymous) VALUES ($1, $2, $3) \
         ON CONFLICT (point_id, person_id) DO NOTHING",
    )
    .bind(point_id)
    .bind(person_id)
    .bind(anonymous)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn point_by_id(c: &mut Conn, id: i64) -> Result<Option<Point>, DbError> {
    crate::db::query(select_point!("WHERE v.id = $1")).bind(id).fetch_optional(c).await?.map(point).transpose()
}

/// A team's points that `viewer` may see (the anonymous ones only when
/// `sees_anonymous`, or their own), merged ones left out: waiting for triage
/// first, then by support (most first) and age (oldest first).
pub async fn points_of_team(
    c: &mut Conn,
    team_id: i64,
    viewer: i64,
    sees_anonymous: bool,
) -> Result<Vec<Point>, DbError> {
    crate::db::query(select_point!(
        "WHERE v.team_id = $1 AND v.status <> 'merged' AND (v.anonymous = 0 OR $2 = 1 OR EXISTS \
         (SELECT 1 FROM verwonder_posters p WHERE p.point_id = v.id AND p.person_id = $3)) \
         ORDER BY CASE WHEN v.status = 'new' THEN 0 ELSE 1 END, v.support DESC, v.created_at, v.id"
    ))
    .bind(team_id)
    .bind(sees_anonymous)
    .bind(viewer)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(point)
    .collect()
}

/// Per team that `person` leads: how many points wait for triage (home page).
pub async fn waiting_in_led_teams(c: &mut Conn, person: i64) -> Result<Vec<(i64, String, i64)>, DbError> {
    let rows = crate::db::query(
        "SELECT t.id, t.name, COUNT(*) AS waiting FROM team_members m JOIN teams t ON t.id = m.team_id \
         JOIN verwonderpunten v ON v.team_id = t.id AND v.status = 'new' \
         WHERE m.person_id = $1 AND m.role = 'team_leader' GROUP BY t.id, t.name ORDER BY t.name",
    )
    .bind(person)
    .fetch_all(c)
    .await?;
    rows.iter().map(|r| Ok((r.get("id")?, r.get("name")?, r.get("waiting")?))).collect()
}

/// The points `person` posted that were decided on since `since` (home page).
pub async fn answered_of_poster(
    c: &mut Conn,
    person: i64,
    since: i64,
) -> Result<Vec<(i64, String, PointStatus)>, DbError> {
    let rows = crate::db::query(
        "SELECT v.id, v.title, v.status FROM verwonder_posters p JOIN verwonderpunten v ON v.id = p.point_id \
         WHERE p.person_id = $1 AND v.status NOT IN ('new', 'merged') AND v.triaged_at >= $2 \
         ORDER BY v.triaged_at DESC, v.id",
    )
    .bind(person)
    .bind(since)
    .fetch_all(c)
    .await?;
    rows.iter().map(|r| Ok((r.get("id")?, r.get("title")?, r.get("status")?))).collect()
}

/// The ids of the points of a team that `person` posted, and those they support.
pub async fn mine_in_team(c: &mut Conn, team_id: i64, person: i64) -> Result<(Vec<i64>, Vec<i64>), DbError> {
    let rows = crate::db::query(
        "SELECT p.point_id, 1 AS posted FROM verwonder_posters p JOIN verwonderpunten v ON v.id = p.point_id \
         WHERE v.team_id = $1 AND p.person_id = $2 \
         UNION ALL SELECT s.point_id, 0 AS posted FROM verwonder_supports s \
         JOIN verwonderpunten v ON v.id = s.point_id WHERE v.team_id = $1 AND s.person_id = $2",
    )
    .bind(team_id)
    .bind(person)
    .fetch_all(c)
    .await?;
    let (mut posted, mut supported) = (Vec::new(), Vec::new());
    for r in rows {
        let id: i64 = r.get("point_id")?;
        if r.get::<bool>("posted")? { posted.push(id) } else { supported.push(id) }
    }
    Ok((posted, supported))
}

pub async fn posters(c: &mut Conn, point_id: i64) -> Result<Vec<Poster>, DbError> {
    crate::db::query(
        "SELECT p.person_id, pe.name, p.anonymous FROM verwonder_posters p JOIN people pe ON pe.id = p.person_id \
         WHERE p.point_id = $1 ORDER BY pe.name, p.person_id",
    )
    .bind(point_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok(crate::from_row!(r => Poster { person_id, name, anonymous })))
    .collect()
}

/// Adds a support; false when this person already supported the point.
pub async fn insert_support(c: &mut Conn, point_id: i64, person_id: i64, now: i64) -> Result<bool, DbError> {
    let done = crate::db::query(
        "INSERT INTO verwonder_supports (point_id, person_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (point_id, person_id) DO NOTHING",
    )
    .bind(point_id)
    .bind(person_id)
    .bind(now)
    .execute(&mut *c)
    .await?;
    recount(c, point_id).await?;
    Ok(done.rows_affected() == 1)
}

pub async fn has_supported(c: &mut Conn, point_id: i64, person_id: i64) -> Result<bool, DbError> {
    let n: Option<i64> =
        crate::db::query_scalar("SELECT 1 FROM verwonder_supports WHERE point_id = $1 AND person_id = $2")
            .bind(point_id)
            .bind(person_id)
            .fetch_optional(c)
            .await?;
    Ok(n.is_some())
}

/// The count the list sorts by, from the supports themselves.
async fn recount(c: &mut Conn, point_id: i64) -> Result<(), DbError> {
    crate::db::query(
        "UPDATE verwonderpunten SET support = (SELECT COUNT(*) FROM verwonder_supports s WHERE s.point_id = $1) \
         WHERE id = $1",
    )
    .bind(point_id)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn insert_comment(c: &mut Conn, point_id: i64, author: i64, text: &str, now: i64) -> Result<(), DbError> {
    crate::db::query("INSERT INTO verwonder_comments (point_id, author_id, text, created_at) VALUES ($1, $2, $3, $4)")
        .bind(point_id)
        .bind(author)
        .bind(text)
        .bind(now)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn comments(c: &mut Conn, point_id: i64) -> Result<Vec<Comment>, DbError> {
    crate::db::query(
        "SELECT m.created_at AS at, COALESCE(p.name, '') AS author, m.text FROM verwonder_comments m \
         LEFT JOIN people p ON p.id = m.author_id WHERE m.point_id = $1 ORDER BY m.created_at, m.id",
    )
    .bind(point_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok(crate::from_row!(r => Comment { at, author, text })))
    .collect()
}

/// Merges point `from` into `into`: its posters and supports carry over (a
/// poster of the one point never supports it as well), and `from` points to `into`.
pub async fn merge(c: &mut Conn, from: i64, into: i64, now: i64) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO verwonder_posters (point_id, person_id, anonymous) \
         SELECT $1, person_id, anonymous FROM verwonder_posters WHERE point_id = $2 \
         ON CONFLICT (point_id, person_id) DO NOTHING",
    )
    .bind(into)
    .bind(from)
    .execute(&mut *c)
    .await?;
    crate::db::query(
        "INSERT INTO verwonder_supports (point_id, person_id, created_at) \
         SELECT $1, person_id, created_at FROM verwonder_supports WHERE point_id = $2 \
         ON CONFLICT (point_id, person_id) DO NOTHING",
    )
    .bind(into)
    .bind(from)
    .execute(&mut *c)
    .await?;
    crate::db::query(
        "DELETE FROM verwonder_supports WHERE point_id = $1 \
         AND person_id IN (SELECT person_id FROM verwonder_posters WHERE point_id = $1)",
    )
    .bind(into)
    .execute(&mut *c)
    .await?;
    recount(c, into).await?;
    crate::db::query("UPDATE verwonderpunten SET status = 'merged', merged_into = $1, triaged_at = $2 WHERE id = $3")
        .bind(into)
        .bind(now)
        .bind(from)
        .execute(c)
        .await?;
    Ok(())
}

pub struct Triaged<'a> {
    pub status: PointStatus,
    pub reason: &'a str,
    pub action_id: Option<i64>,
    pub project_id: Option<i64>,
}

/// Records the triage of a point still waiting; false when it no longer was
/// (triaged or merged at the same moment by someone else).
pub async fn triage(c: &mut Conn, id: i64, t: &Triaged<'_>, now: i64) -> Result<bool, DbError> {
    let done = crate::db::query(
        "UPDATE verwonderpunten SET status = $1, reason = $2, action_id = $3, project_id = $4, triaged_at = $5 \
         WHERE id = $6 AND status = 'new'",
    )
    .bind(t.status)
    .bind(t.reason)
    .bind(t.action_id)
    .bind(t.project_id)
    .bind(now)
    .bind(id)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The members a team chose to triage besides its team leaders.
pub async fn triagers(c: &mut Conn, team_id: i64) -> Result<Vec<i64>, DbError> {
    crate::db::query_scalar("SELECT person_id FROM improvement_triagers WHERE team_id = $1 ORDER BY person_id")
        .bind(team_id)
        .fetch_all(c)
        .await
}

pub async fn set_triagers(c: &mut Conn, team_id: i64, people: &[i64]) -> Result<(), DbError> {
    crate::db::query("DELETE FROM improvement_triagers WHERE team_id = $1").bind(team_id).execute(&mut *c).await?;
    for p in people {
        crate::db::query("INSERT INTO improvement_triagers (team_id, person_id) VALUES ($1, $2)")
            .bind(team_id)
            .bind(*p)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

pub struct NewProject<'a> {
    pub org_id: i64,
    pub team_id: i64,
    pub point_id: Option<i64>,
    pub title: &'a str,
    pub kartrekker_id: i64,
    pub problem: &'a str,
    pub created_by: i64,
}

pub async fn insert_project(c: &mut Conn, p: &NewProject<'_>, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO improvement_projects (org_id, team_id, point_id, title, kartrekker_id, problem, status, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8) RETURNING id",
    )
    .bind(p.org_id)
    .bind(p.team_id)
    .bind(p.point_id)
    .bind(p.title)
    .bind(p.kartrekker_id)
    .bind(p.problem)
    .bind(p.created_by)
    .bind(now)
    .fetch_one(c)
    .await
}

fn project(r: Row) -> Result<Project, DbError> {
    Ok(crate::from_row!(r => Project { id, org_id, team_id, team, point_id, title, kartrekker_id,
        kartrekker, problem, aim_what, aim_how_much, aim_by, measure_name, measure_unit, higher_is_better,
        baseline_until, status, result, created_at }))
}

pub async fn project_by_id(c: &mut Conn, id: i64) -> Result<Option<Project>, DbError> {
    crate::db::query(
        "SELECT j.id, j.org_id, j.team_id, t.name AS team, j.point_id, j.title, j.kartrekker_id, \
         p.name AS kartrekker, j.problem, j.aim_what, j.aim_how_much, j.aim_by, j.measure_name, j.measure_unit, \
         j.higher_is_better, j.baseline_until, j.status, j.result, j.created_at \
         FROM improvement_projects j JOIN teams t ON t.id = j.team_id JOIN people p ON p.id = j.kartrekker_id \
         WHERE j.id = $1",
    )
    .bind(id)
    .fetch_optional(c)
    .await?
    .map(project)
    .transpose()
}

pub async fn save_project(c: &mut Conn, id: i64, p: &CheckedProject) -> Result<(), DbError> {
    crate::db::query(
        "UPDATE improvement_projects SET aim_what = $1, aim_how_much = $2, aim_by = $3, measure_name = $4, \
         measure_unit = $5, higher_is_better = $6, baseline_until = $7 WHERE id = $8",
    )
    .bind(&p.aim_what)
    .bind(&p.aim_how_much)
    .bind(p.aim_by)
    .bind(&p.measure_name)
    .bind(&p.measure_unit)
    .bind(p.higher_is_better)
    .bind(p.baseline_until)
    .bind(id)
    .execute(c)
    .await?;
    Ok(())
}

/// The measure's points in date order.
pub async fn data(c: &mut Conn, project_id: i64) -> Result<Vec<(crate::dates::Date, f64)>, DbError> {
    crate::db::query("SELECT on_date, value FROM improvement_data WHERE project_id = $1 ORDER BY on_date")
        .bind(project_id)
        .fetch_all(c)
        .await?
        .into_iter()
        .map(|r| Ok((r.get("on_date")?, r.get("value")?)))
        .collect()
}

/// A value per date: a date entered again takes the new value.
pub async fn put_data(c: &mut Conn, project_id: i64, on: crate::dates::Date, value: f64) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO improvement_data (project_id, on_date, value) VALUES ($1, $2, $3) \
         ON CONFLICT (project_id, on_date) DO UPDATE SET value = excluded.value",
    )
    .bind(project_id)
    .bind(on)
    .bind(value)
    .execute(c)
    .await?;
    Ok(())
}

/// Closes a running project with its result; false when it was closed already.
pub async fn close_project(c: &mut Conn, id: i64, result: &str, now: i64) -> Result<bool, DbError> {
    let done = crate::db::query(
        "UPDATE improvement_projects SET status = 'closed', result = $1, closed_at = $2 \
         WHERE id = $3 AND status = 'running'",
    )
    .bind(result)
    .bind(now)
    .bind(id)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

fn cycle(r: Row) -> Result<Cycle, DbError> {
    Ok(crate::from_row!(r => Cycle { id, project_id, starts_on, ends_on, plan, done, study, act, created_at }))
}

pub async fn insert_cycle(c: &mut Conn, project_id: i64, x: &CheckedCycle, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO improvement_cycles (project_id, starts_on, ends_on, plan, done, study, act, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(project_id)
    .bind(x.starts_on)
    .bind(x.ends_on)
    .bind(&x.plan)
    .bind(&x.done)
    .bind(&x.study)
    .bind(&x.act)
    .bind(now)
    .fetch_one(c)
    .await
}

pub async fn update_cycle(c: &mut Conn, id: i64, x: &CheckedCycle) -> Result<(), DbError> {
    crate::db::query(
        "UPDATE improvement_cycles SET starts_on = $1, ends_on = $2, plan = $3, done = $4, study = $5, act = $6 \
         WHERE id = $7",
    )
    .bind(x.starts_on)
    .bind(x.ends_on)
    .bind(&x.plan)
    .bind(&x.done)
    .bind(&x.study)
    .bind(&x.act)
    .bind(id)
    .execute(c)
    .await?;
    Ok(())
}

macro_rules! select_cycle {
    ($rest:expr) => {
        concat!(
            "SELECT id, project_id, starts_on, ends_on, plan, done, study, act, created_at FROM improvement_cycles ",
            $rest
        )
    };
}

pub async fn cycle_by_id(c: &mut Conn, id: i64) -> Result<Option<Cycle>, DbError> {
    crate::db::query(select_cycle!("WHERE id = $1")).bind(id).fetch_optional(c).await?.map(cycle).transpose()
}

/// A project's cycles in the order they ran.
pub async fn cycles(c: &mut Conn, project_id: i64) -> Result<Vec<Cycle>, DbError> {
    crate::db::query(select_cycle!("WHERE project_id = $1 ORDER BY starts_on, id"))
        .bind(project_id)
        .fetch_all(c)
        .await?
        .into_iter()
        .map(cycle)
        .collect()
}

pub async fn link_cycle_action(c: &mut Conn, cycle_id: i64, action_id: i64) -> Result<(), DbError> {
    crate::db::query("INSERT INTO improvement_cycle_actions (action_id, cycle_id) VALUES ($1, $2)")
        .bind(action_id)
        .bind(cycle_id)
        .execute(c)
        .await?;
    Ok(())
}

/// The actions of a project's cycles, in the order they were made.
pub async fn cycle_actions(c: &mut Conn, project_id: i64) -> Result<Vec<CycleAction>, DbError> {
    crate::db::query(
        "SELECT x.cycle_id, a.id, a.title, p.name AS kartrekker, a.status, a.due_date \
         FROM improvement_cycle_actions x JOIN improvement_cycles y ON y.id = x.cycle_id \
         JOIN actions a ON a.id = x.action_id JOIN people p ON p.id = a.kartrekker_id \
         WHERE y.project_id = $1 ORDER BY a.id",
    )
    .bind(project_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok(crate::from_row!(r => CycleAction { cycle_id, id, title, kartrekker, status, due_date })))
    .collect()
}

/// A team's closed projects, the latest first (the wall).
pub async fn closed_projects(c: &mut Conn, team_id: i64) -> Result<Vec<ClosedProject>, DbError> {
    crate::db::query(
        "SELECT j.id, j.title, p.name AS kartrekker, j.result, j.created_at, j.closed_at \
         FROM improvement_projects j JOIN people p ON p.id = j.kartrekker_id \
         WHERE j.team_id = $1 AND j.status = 'closed' ORDER BY j.closed_at DESC, j.id DESC",
    )
    .bind(team_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok(crate::from_row!(r => ClosedProject { id, title, kartrekker, result, created_at, closed_at })))
    .collect()
}

/// A team's quick fixes whose action is done, the latest first (the wall);
/// an anonymous point's title is left out.
pub async fn done_fixes(c: &mut Conn, team_id: i64) -> Result<Vec<DoneFix>, DbError> {
    crate::db::query(
        "SELECT a.id AS action_id, a.title, a.result, v.id AS point_id, \
         CASE WHEN v.anonymous = 0 THEN v.title END AS point, v.created_at, a.updated_at AS done_at \
         FROM verwonderpunten v JOIN actions a ON a.id = v.action_id \
         WHERE v.team_id = $1 AND v.status = 'quick_fix' AND a.status = 'done' ORDER BY a.updated_at DESC, a.id DESC",
    )
    .bind(team_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok(crate::from_row!(r => DoneFix { action_id, title, result, point_id, point, created_at, done_at })))
    .collect()
}

/// Per team of the organisation that has projects: how many run and how many closed.
pub async fn projects_per_team(c: &mut Conn, org_id: i64) -> Result<Vec<TeamProjects>, DbError> {
    crate::db::query(
        "SELECT d.name AS department, t.id AS team_id, t.name AS team, \
         SUM(CASE WHEN j.status = 'running' THEN 1 ELSE 0 END) AS running, \
         SUM(CASE WHEN j.status = 'closed' THEN 1 ELSE 0 END) AS closed \
         FROM improvement_projects j JOIN teams t ON t.id = j.team_id JOIN departments d ON d.id = t.department_id \
         WHERE j.org_id = $1 GROUP BY d.name, t.id, t.name ORDER BY d.name, t.name, t.id",
    )
    .bind(org_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok(crate::from_row!(r => TeamProjects { department, team_id, team, running, closed })))
    .collect()
}

/// The organisation's running projects, the oldest first.
pub async fn running_in_org(c: &mut Conn, org_id: i64) -> Result<Vec<RunningProject>, DbError> {
    crate::db::query(
        "SELECT j.id, j.team_id, j.title, p.name AS kartrekker, j.baseline_until \
         FROM improvement_projects j JOIN people p ON p.id = j.kartrekker_id \
         WHERE j.org_id = $1 AND j.status = 'running' ORDER BY j.created_at, j.id",
    )
    .bind(org_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok(crate::from_row!(r => RunningProject { id, team_id, title, kartrekker, baseline_until })))
    .collect()
}

/// The data points of the organisation's running projects, per project in date order.
pub async fn running_data_in_org(c: &mut Conn, org_id: i64) -> Result<Vec<(i64, crate::dates::Date, f64)>, DbError> {
    crate::db::query(
        "SELECT d.project_id, d.on_date, d.value FROM improvement_data d \
         JOIN improvement_projects j ON j.id = d.project_id \
         WHERE j.org_id = $1 AND j.status = 'running' ORDER BY d.project_id, d.on_date",
    )
    .bind(org_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok((r.get("project_id")?, r.get("on_date")?, r.get("value")?)))
    .collect()
}
