//! SQL for the program leader's overview: one query per sort order, built
//! from the parts below so that each stays one static string.

use crate::dates::Date;
use crate::db::{Conn, DbError};
use crate::trajectories::model::{OverviewFilter, OverviewRow, OverviewSort};

/// The open actions of the organisation, for the overview's counts; a
/// private personal plan's actions are not the team's.
macro_rules! open_actions {
    () => {
        "FROM actions a WHERE a.org_id = $1 AND a.status IN ('open', 'in_progress') AND a.private = 0"
    };
}

/// The open and the overdue actions of team `t`, as subqueries: a page
/// counts for its own teams only.
macro_rules! open_n {
    () => {
        concat!("(SELECT COUNT(*) ", open_actions!(), " AND a.team_id = t.id)")
    };
}
macro_rules! overdue_n {
    () => {
        concat!("(SELECT COUNT(*) ", open_actions!(), " AND a.team_id = t.id AND a.due_date < $2)")
    };
}

/// The last held and the next planned evaluation of trajectory `tr`. Held
/// or not is asked inside MAX and MIN: as a condition, SQLite would look
/// among every organisation's unheld sessions instead of the trajectory's.
macro_rules! last_eval {
    () => {
        "(SELECT MAX(s.held_on) FROM trajectory_sessions s \
         WHERE s.trajectory_id = tr.id AND s.kind = 'evaluation')"
    };
}
macro_rules! next_eval {
    () => {
        "(SELECT MIN(CASE WHEN s.completed_at IS NULL THEN s.date END) FROM trajectory_sessions s \
         WHERE s.trajectory_id = tr.id AND s.kind = 'evaluation')"
    };
}

/// The teams the overview's filter lets through (of `t`, with `tr`).
macro_rules! overview_filter {
    () => {
        "t.org_id = $1 AND ($3 = '' OR LOWER(t.name) LIKE $4 ESCAPE '\\') AND ($5 = '' OR COALESCE(tr.phase, 'none') = $5)"
    };
}

/// What a row of the overview shows of team `t` but the counts, and from where.
macro_rules! overview_row {
    () => {
        "t.id AS team_id, t.name AS team, d.name AS department, tr.id AS trajectory_id, tr.phase, p.name AS trainer"
    };
    (from) => {
        "JOIN departments d ON d.id = t.department_id LEFT JOIN trajectories tr ON tr.team_id = t.id \
         LEFT JOIN people p ON p.id = tr.trainer_id"
    };
}

/// The overview's query with one ORDER BY. First the page: which 50 teams,
/// numbered in order. Then what the page shows, counted for those 50 alone
/// instead of for every team of the organisation.
macro_rules! overview_sql {
    ($order:expr) => {
        concat!(
            "WITH page AS (SELECT t.id, ROW_NUMBER() OVER (ORDER BY ",
            $order,
            ", LOWER(t.name), t.id) AS n FROM teams t LEFT JOIN trajectories tr ON tr.team_id = t.id WHERE ",
            overview_filter!(),
            " ORDER BY n LIMIT $6 OFFSET $7) SELECT ",
            overview_row!(),
            ", ",
            open_n!(),
            " AS open_n, ",
            overdue_n!(),
            " AS overdue_n, ",
            last_eval!(),
            " AS last_evaluation, ",
            next_eval!(),
            " AS next_evaluation FROM page JOIN teams t ON t.id = page.id ",
            overview_row!(from),
            " ORDER BY page.n"
        )
    };
}

/// The overview ordered by a count: every team is counted anyway, all in
/// one pass over the index.
macro_rules! overview_by_counts_sql {
    ($order:expr) => {
        concat!(
            "SELECT ",
            overview_row!(),
            ", COALESCE(ac.open_n, 0) AS open_n, COALESCE(ac.overdue_n, 0) AS overdue_n, ",
            last_eval!(),
            " AS last_evaluation, ",
            next_eval!(),
            " AS next_evaluation FROM teams t ",
            overview_row!(from),
            " LEFT JOIN (SELECT a.team_id, COUNT(*) AS open_n, COUNT(CASE WHEN a.due_date < $2 THEN 1 END) AS overdue_n ",
            open_actions!(),
            " GROUP BY a.team_id) ac ON ac.team_id = t.id WHERE ",
            overview_filter!(),
            " ORDER BY ",
            $order,
            ", LOWER(t.name), t.id LIMIT $6 OFFSET $7"
        )
    };
}

macro_rules! phase_rank {
    () => {
        "CASE COALESCE(tr.phase, 'none') WHEN 'none' THEN 0 WHEN 'intake' THEN 1 WHEN 'observation' THEN 2 \
         WHEN 'mirror_session' THEN 3 WHEN 'work' THEN 4 WHEN 'evaluation' THEN 5 ELSE 6 END"
    };
}

fn overview_query(sort: OverviewSort, desc: bool) -> &'static str {
    use OverviewSort as S;
    match (sort, desc) {
        (S::Team, false) => overview_sql!("LOWER(t.name)"),
        (S::Team, true) => overview_sql!("LOWER(t.name) DESC"),
        (S::Phase, false) => overview_sql!(phase_rank!()),
        (S::Phase, true) => overview_sql!(concat!(phase_rank!(), " DESC")),
        (S::Open, false) => overview_by_counts_sql!("COALESCE(ac.open_n, 0)"),
        (S::Open, true) => overview_by_counts_sql!("COALESCE(ac.open_n, 0) DESC"),
        (S::Overdue, false) => overview_by_counts_sql!("COALESCE(ac.overdue_n, 0)"),
        (S::Overdue, true) => overview_by_counts_sql!("COALESCE(ac.overdue_n, 0) DESC"),
        // Teams never evaluated come last either way.
        (S::LastEvaluation, false) => overview_sql!(concat!(last_eval!(), " NULLS LAST")),
        (S::LastEvaluation, true) => overview_sql!(concat!(last_eval!(), " DESC NULLS LAST")),
        (S::NextEvaluation, false) => overview_sql!(concat!(next_eval!(), " NULLS LAST")),
        (S::NextEvaluation, true) => overview_sql!(concat!(next_eval!(), " DESC NULLS LAST")),
    }
}

pub async fn overview(c: &mut Conn, org_id: i64, today: Date, f: &OverviewFilter) -> Result<Vec<OverviewRow>, DbError> {
    let rows = crate::db::query(overview_query(f.sort, f.desc))
        .bind(org_id)
        .bind(today)
        .bind(f.team.trim())
        .bind(crate::db::like_pattern(f.team.trim()))
        .bind(f.phase.as_str())
        .bind(f.limit)
        .bind(f.offset)
        .fetch_all(c)
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(crate::from_row!(r => OverviewRow { team_id, team, department, trajectory_id, phase, trainer,
                open: "open_n", overdue: "overdue_n", last_evaluation, next_evaluation }))
        })
        .collect()
}

/// How many teams the overview's filter matches, for its pages.
pub async fn overview_count(c: &mut Conn, org_id: i64, f: &OverviewFilter) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "SELECT COUNT(*) FROM teams t LEFT JOIN trajectories tr ON tr.team_id = t.id \
         WHERE t.org_id = $1 AND ($2 = '' OR LOWER(t.name) LIKE $3 ESCAPE '\\') \
         AND ($4 = '' OR COALESCE(tr.phase, 'none') = $4)",
    )
    .bind(org_id)
    .bind(f.team.trim())
    .bind(crate::db::like_pattern(f.team.trim()))
    .bind(f.phase.as_str())
    .fetch_one(c)
    .await
}
