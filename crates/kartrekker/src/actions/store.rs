//! SQL for actions, their updates, history and notification settings.

use super::model::{Action, ActionCard, ActionFilter, Change, Origin, OriginKind, Status, Update};
use crate::dates::Date;
use crate::db::{Conn, DbError, Row};

/// The team's name for `select!` and `select_cards!`: from a join, or, for
/// the actions of the one team $1, looked up once instead of for every row.
macro_rules! with_team {
    (one_team, $select:ident, $($rest:expr),+) => {
        $select!(@columns "(SELECT t.name FROM teams t WHERE t.id = $1)", "", $($rest),+)
    };
    ($select:ident, $($rest:expr),+) => {
        $select!(@columns "t.name", "JOIN teams t ON t.id = a.team_id ", $($rest),+)
    };
}

/// The columns of an `Action`.
macro_rules! select {
    (@columns $team:literal, $join:literal, $($rest:expr),+) => {
        concat!(
            "SELECT a.id, a.org_id, a.team_id, ", $team, " AS team, a.title, a.goal, a.kartrekker_id, \
             p.name AS kartrekker, \
             CASE WHEN p.deactivated_at IS NULL THEN 0 ELSE 1 END AS kartrekker_deactivated, a.status, a.due_date, \
             a.evaluation_date, a.result, a.origin_kind, a.origin_id, a.created_at, a.updated_at \
             FROM actions a ", $join, "JOIN people p ON p.id = a.kartrekker_id ",
            $($rest),+
        )
    };
    ($($rest:expr),+) => {
        with_team!(select, $($rest),+)
    };
}

fn action(r: Row) -> Result<Action, DbError> {
    Ok(crate::from_row!(r => Action { id, org_id, team_id, team, title, goal, kartrekker_id, kartrekker,
        kartrekker_deactivated, status,
        due_date, evaluation_date, result, origin = Origin { kind: r.get("origin_kind")?, id: r.get("origin_id")? },
        created_at, updated_at }))
}

fn all(rows: Vec<Row>) -> Result<Vec<Action>, DbError> {
    rows.into_iter().map(action).collect()
}

/// The columns of an `ActionCard`.
macro_rules! select_cards {
    (@columns $team:literal, $join:literal, $($rest:expr),+) => {
        concat!(
            "SELECT a.id, a.team_id, ", $team, " AS team, a.title, p.name AS kartrekker, \
             CASE WHEN p.deactivated_at IS NULL THEN 0 ELSE 1 END AS kartrekker_deactivated, a.status, a.due_date, \
             a.origin_kind \
             FROM actions a ", $join, "JOIN people p ON p.id = a.kartrekker_id ",
            $($rest),+
        )
    };
    ($($rest:expr),+) => {
        with_team!(select_cards, $($rest),+)
    };
}

fn cards(rows: Vec<Row>) -> Result<Vec<ActionCard>, DbError> {
    rows.into_iter()
        .map(|r| {
            Ok(crate::from_row!(r => ActionCard { id, team_id, team, title, kartrekker, kartrekker_deactivated,
                status, due_date,
                origin: "origin_kind" }))
        })
        .collect()
}

pub struct NewAction<'a> {
    pub org_id: i64,
    pub team_id: i64,
    pub title: &'a str,
    pub goal: &'a str,
    pub kartrekker_id: i64,
    pub due_date: Option<Date>,
    pub evaluation_date: Option<Date>,
    pub origin: Origin,
    pub created_by: i64,
}

pub async fn insert(c: &mut Conn, a: &NewAction<'_>, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO actions (org_id, team_id, title, goal, kartrekker_id, status, due_date, evaluation_date, \
         origin_kind, origin_id, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(a.org_id)
    .bind(a.team_id)
    .bind(a.title)
    .bind(a.goal)
    .bind(a.kartrekker_id)
    .bind(a.due_date)
    .bind(a.evaluation_date)
    .bind(a.origin.kind)
    .bind(a.origin.id)
    .bind(a.created_by)
    .bind(now)
    .fetch_one(c)
    .await
}

pub async fn by_id(c: &mut Conn, id: i64) -> Result<Option<Action>, DbError> {
    crate::db::query(select!("WHERE a.id = $1")).bind(id).fetch_optional(c).await?.map(action).transpose()
}

/// The actions of `teams` (none private) with an id above `after`, by id,
/// at most `limit`, optionally of one status: a page of the API's list.
pub async fn of_teams_after(
    c: &mut Conn,
    teams: &[i64],
    status: Option<Status>,
    after: i64,
    limit: i64,
) -> Result<Vec<Action>, DbError> {
    if teams.is_empty() {
        return Ok(Vec::new());
    }
    let places: Vec<String> = (0..teams.len()).map(|i| format!("${}", i + 4)).collect();
    let sql = format!(
        "{}AND a.team_id IN ({}) ORDER BY a.id LIMIT $3",
        select!("WHERE a.private = 0 AND ($1 IS NULL OR a.status = $1) AND a.id > $2 "),
        places.join(", ")
    );
    let mut q = crate::db::query(crate::db::AssertSqlSafe(sql)).bind(status).bind(after).bind(limit);
    for t in teams {
        q = q.bind(*t);
    }
    all(q.fetch_all(c).await?)
}

/// Keeps an action off the team's lists (a private personal plan), or puts it back.
pub async fn set_private(c: &mut Conn, id: i64, private: bool) -> Result<(), DbError> {
    crate::db::query("UPDATE actions SET private = $1 WHERE id = $2").bind(private).bind(id).execute(c).await?;
    Ok(())
}

/// The kartrekker of a private action: the only one who sees it. None when
/// the action is not private (or not there).
pub async fn private_to(c: &mut Conn, id: i64) -> Result<Option<i64>, DbError> {
    crate::db::query_scalar("SELECT kartrekker_id FROM actions WHERE id = $1 AND private = 1")
        .bind(id)
        .fetch_optional(c)
        .await
}

/// A team's register, optionally narrowed, for `of_team` and `cards_of_team`;
/// soonest due first, undated last. In two halves, the unfinished actions and
/// the finished ones since $5, so that each half is a range of the index
/// actions_team (team_id, status, updated_at): PostgreSQL would otherwise read
/// every action of the team's years to show the few on the board.
macro_rules! of_team {
    (narrowed) => {
        "($2 IS NULL OR a.status = $2) AND ($3 IS NULL OR a.origin_kind = $3) AND ($4 IS NULL OR a.kartrekker_id = $4) \
         AND a.private = 0"
    };
    ($select:ident) => {
        concat!(
            "SELECT * FROM (",
            with_team!(
                one_team,
                $select,
                "WHERE a.team_id = $1 AND a.status IN ('open', 'in_progress') AND ",
                of_team!(narrowed)
            ),
            " UNION ALL ",
            with_team!(
                one_team,
                $select,
                "WHERE a.team_id = $1 AND a.status IN ('done', 'dropped') AND a.updated_at >= $5 AND ",
                of_team!(narrowed)
            ),
            ") u ORDER BY CASE WHEN u.due_date IS NULL THEN 1 ELSE 0 END, u.due_date, u.id"
        )
    };
}

fn of_team_query(sql: &'static str, team_id: i64, f: &ActionFilter) -> crate::db::Query {
    crate::db::query(sql)
        .bind(team_id)
        .bind(f.status)
        .bind(f.origin)
        .bind(f.kartrekker)
        .bind(f.finished_since.unwrap_or(i64::MIN))
}

/// A team's actions with every column (the export).
pub async fn of_team(c: &mut Conn, team_id: i64, f: &ActionFilter) -> Result<Vec<Action>, DbError> {
    all(of_team_query(of_team!(select), team_id, f).fetch_all(c).await?)
}

/// The cards of a team's board.
pub async fn cards_of_team(c: &mut Conn, team_id: i64, f: &ActionFilter) -> Result<Vec<ActionCard>, DbError> {
    cards(of_team_query(of_team!(select_cards), team_id, f).fetch_all(c).await?)
}

/// How many done and dropped actions `of_team` leaves out under `f.finished_since`.
pub async fn finished_before(c: &mut Conn, team_id: i64, f: &ActionFilter) -> Result<Vec<(Status, i64)>, DbError> {
    macro_rules! count {
        ($narrowed:literal) => {
            concat!(
                "SELECT a.status, COUNT(*) AS n FROM actions a \
                 WHERE a.team_id = $1 AND a.status IN ('done', 'dropped') \
                 AND a.updated_at < $2 AND a.private = 0 ",
                $narrowed,
                " GROUP BY a.status"
            )
        };
    }
    let narrowed = f.origin.is_some() || f.kartrekker.is_some();
    let q = if narrowed {
        crate::db::query(count!("AND ($3 IS NULL OR a.origin_kind = $3) AND ($4 IS NULL OR a.kartrekker_id = $4)"))
    } else {
        // Counted from the index alone (actions_team holds `private`):
        // PostgreSQL reads the rows for any condition on other columns, even
        // one that a NULL makes always true.
        crate::db::query(count!(""))
    };
    let q = q.bind(team_id).bind(f.finished_since);
    let q = if narrowed { q.bind(f.origin).bind(f.kartrekker) } else { q };
    q.fetch_all(c).await?.into_iter().map(|r| Ok((r.get("status")?, r.get("n")?))).collect()
}

pub async fn of_origin(c: &mut Conn, team_id: i64, origin: Origin) -> Result<Vec<Action>, DbError> {
    let rows =
        crate::db::query(select!("WHERE a.team_id = $1 AND a.origin_kind = $2 AND a.origin_id = $3 ORDER BY a.id"))
            .bind(team_id)
            .bind(origin.kind)
            .bind(origin.id)
            .fetch_all(c)
            .await?;
    all(rows)
}

/// The actions someone pulls that came from one kind of origin, oldest first.
pub async fn of_kartrekker_from(c: &mut Conn, person_id: i64, kind: OriginKind) -> Result<Vec<Action>, DbError> {
    let rows = crate::db::query(select!("WHERE a.kartrekker_id = $1 AND a.origin_kind = $2 ORDER BY a.id"))
        .bind(person_id)
        .bind(kind)
        .fetch_all(c)
        .await?;
    all(rows)
}

/// The actions a resident's portfolio activities link to, in one query for
/// the whole portfolio (her page shows each link's facts).
pub async fn linked_from_portfolio(c: &mut Conn, resident_id: i64) -> Result<Vec<Action>, DbError> {
    let rows = crate::db::query(select!(
        "WHERE a.id IN (SELECT link_id FROM portfolio_activities WHERE resident_id = $1 AND link_kind = 'action')"
    ))
    .bind(resident_id)
    .fetch_all(c)
    .await?;
    all(rows)
}

/// The open and in-progress actions someone pulls.
pub async fn active_of_kartrekker(c: &mut Conn, person_id: i64) -> Result<Vec<ActionCard>, DbError> {
    let rows = crate::db::query(select_cards!(
        "WHERE a.kartrekker_id = $1 AND a.status IN ('open', 'in_progress') \
         ORDER BY CASE WHEN a.due_date IS NULL THEN 1 ELSE 0 END, a.due_date, a.id"
    ))
    .bind(person_id)
    .fetch_all(c)
    .await?;
    cards(rows)
}

/// Active actions past their due date, in the teams of a person.
pub async fn overdue_in_teams_of(c: &mut Conn, person_id: i64, today: Date) -> Result<Vec<ActionCard>, DbError> {
    let rows = crate::db::query(select_cards!(
        "WHERE a.status IN ('open', 'in_progress') AND a.due_date < $2 AND a.private = 0 \
         AND a.team_id IN (SELECT team_id FROM team_members WHERE person_id = $1) ORDER BY a.due_date, a.id"
    ))
    .bind(person_id)
    .bind(today)
    .fetch_all(c)
    .await?;
    cards(rows)
}

/// Active actions past their due date in a whole organisation.
pub async fn overdue_in_org(c: &mut Conn, org_id: i64, today: Date) -> Result<Vec<ActionCard>, DbError> {
    let rows = crate::db::query(select_cards!(
        "WHERE a.org_id = $1 AND a.status IN ('open', 'in_progress') AND a.due_date < $2 AND a.private = 0 \
         ORDER BY a.due_date, a.id"
    ))
    .bind(org_id)
    .bind(today)
    .fetch_all(c)
    .await?;
    cards(rows)
}

/// Active actions due on or before `until`, with their organisation's
/// reminder setting: the candidates for reminders.
pub async fn due_until(c: &mut Conn, until: Date) -> Result<Vec<(i64, Date, i64)>, DbError> {
    let rows = crate::db::query(
        "SELECT a.id, a.due_date, o.reminder_days FROM actions a JOIN organisations o ON o.id = a.org_id \
         WHERE a.status IN ('open', 'in_progress') AND a.due_date IS NOT NULL AND a.due_date <= $1",
    )
    .bind(until)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("id")?, r.get("due_date")?, r.get("reminder_days")?))).collect()
}

pub struct Fields<'a> {
    pub title: &'a str,
    pub goal: &'a str,
    pub kartrekker_id: i64,
    pub status: Status,
    pub due_date: Option<Date>,
    pub evaluation_date: Option<Date>,
    pub result: &'a str,
}

pub async fn update(c: &mut Conn, id: i64, f: &Fields<'_>, now: i64) -> Result<(), DbError> {
    crate::db::query(
        "UPDATE actions SET title = $1, goal = $2, kartrekker_id = $3, status = $4, due_date = $5, \
         evaluation_date = $6, result = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(f.title)
    .bind(f.goal)
    .bind(f.kartrekker_id)
    .bind(f.status)
    .bind(f.due_date)
    .bind(f.evaluation_date)
    .bind(f.result)
    .bind(now)
    .bind(id)
    .execute(c)
    .await?;
    Ok(())
}

/// Removes an action; its history, updates and votes go with it (cascade).
pub async fn delete(c: &mut Conn, id: i64) -> Result<(), DbError> {
    crate::db::query("DELETE FROM actions WHERE id = $1").bind(id).execute(c).await?;
    Ok(())
}

/// Who put the action in the register.
pub async fn created_by(c: &mut Conn, id: i64) -> Result<Option<i64>, DbError> {
    let by: Option<Option<i64>> =
        crate::db::query_scalar("SELECT created_by FROM actions WHERE id = $1").bind(id).fetch_optional(c).await?;
    Ok(by.flatten())
}

pub async fn insert_history(
    c: &mut Conn,
    action_id: i64,
    actor_id: i64,
    field: &str,
    old: &str,
    new: &str,
    now: i64,
) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO action_history (action_id, actor_id, at, field, old_value, new_value) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(action_id)
    .bind(actor_id)
    .bind(now)
    .bind(field)
    .bind(old)
    .bind(new)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn history(c: &mut Conn, action_id: i64) -> Result<Vec<Change>, DbError> {
    let rows = crate::db::query(
        "SELECT h.at, COALESCE(p.name, '') AS who, h.field, h.old_value, h.new_value FROM action_history h \
         LEFT JOIN people p ON p.id = h.actor_id WHERE h.action_id = $1 ORDER BY h.at DESC, h.id DESC",
    )
    .bind(action_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| Ok(crate::from_row!(r => Change { at, who, field, old: "old_value", new: "new_value" })))
        .collect()
}

pub async fn insert_update(c: &mut Conn, action_id: i64, author_id: i64, text: &str, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO action_updates (action_id, author_id, text, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(action_id)
    .bind(author_id)
    .bind(text)
    .bind(now)
    .fetch_one(c)
    .await
}

pub async fn updates(c: &mut Conn, action_id: i64) -> Result<Vec<Update>, DbError> {
    let rows = crate::db::query(
        "SELECT u.created_at, COALESCE(p.name, '') AS author, u.text \
         FROM action_updates u LEFT JOIN people p ON p.id = u.author_id \
         WHERE u.action_id = $1 ORDER BY u.created_at DESC, u.id DESC",
    )
    .bind(action_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok(crate::from_row!(r => Update { at: "created_at", author, text }))).collect()
}

/// The newest progress update of each action of a team: (action id, update).
pub async fn last_updates(c: &mut Conn, team_id: i64) -> Result<Vec<(i64, Update)>, DbError> {
    let rows = crate::db::query(
        "SELECT u.action_id, u.created_at, COALESCE(p.name, '') AS author, u.text \
         FROM action_updates u JOIN actions a ON a.id = u.action_id LEFT JOIN people p ON p.id = u.author_id \
         WHERE a.team_id = $1 AND u.id = (SELECT l.id FROM action_updates l WHERE l.action_id = u.action_id \
         ORDER BY l.created_at DESC, l.id DESC LIMIT 1)",
    )
    .bind(team_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| {
            let u = Update { at: r.get("created_at")?, author: r.get("author")?, text: r.get("text")? };
            Ok((r.get("action_id")?, u))
        })
        .collect()
}

/// The team's actions to evaluate at an evaluation: "evaluate on" after
/// `after` (the previous evaluation; "" for none) up to `until`.
pub async fn to_evaluate(c: &mut Conn, team_id: i64, after: &str, until: Date) -> Result<Vec<Action>, DbError> {
    let rows = crate::db::query(with_team!(
        one_team,
        select,
        "WHERE a.team_id = $1 AND a.evaluation_date IS NOT NULL AND a.evaluation_date > $2 \
         AND a.evaluation_date <= $3 ORDER BY a.evaluation_date, a.id"
    ))
    .bind(team_id)
    .bind(after)
    .bind(until)
    .fetch_all(c)
    .await?;
    all(rows)
}

/// Teams with an active action past its due date.
pub async fn teams_with_overdue(c: &mut Conn, today: Date) -> Result<Vec<i64>, DbError> {
    crate::db::query_scalar(
        "SELECT DISTINCT team_id FROM actions WHERE status IN ('open', 'in_progress') AND due_date < $1 ORDER BY team_id",
    )
    .bind(today)
    .fetch_all(c)
    .await
}

pub async fn reminder_days(c: &mut Conn, org_id: i64) -> Result<i64, DbError> {
    crate::db::query_scalar("SELECT reminder_days FROM organisations WHERE id = $1").bind(org_id).fetch_one(c).await
}

pub async fn set_reminder_days(c: &mut Conn, org_id: i64, days: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE organisations SET reminder_days = $1 WHERE id = $2")
        .bind(days)
        .bind(org_id)
        .execute(c)
        .await?;
    Ok(())
}
