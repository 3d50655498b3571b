//! SQL for the sessions, their attendance, and the "did this help?" answers
//! at evaluations.

use crate::dates::Date;
use crate::db::{Conn, DbError, Row, flag};
use crate::trajectories::model::{Session, SessionKind, StartTime};

/// The columns `session()` reads, of `trajectory_sessions s`: one list for
/// every query that reads whole sessions, so that a new column reaches all.
macro_rules! session_columns {
    () => {
        "s.id, s.trajectory_id, s.kind, s.seq, s.date, s.start_time, s.minutes, s.agenda, s.location, s.results, \
         s.next_steps, s.completed_at, s.held_on"
    };
}

macro_rules! session_select {
    ($rest:literal) => {
        concat!("SELECT ", session_columns!(), " FROM trajectory_sessions s ", $rest)
    };
}

fn session(r: Row) -> Result<Session, DbError> {
    Ok(crate::from_row!(r => Session { id, trajectory_id, kind, seq, date, start_time, minutes, agenda, location,
        results, next_steps, completed_at, held_on, attendees = Vec::new() }))
}

pub async fn insert_session(
    c: &mut Conn,
    trajectory_id: i64,
    kind: SessionKind,
    seq: i64,
    on: Option<Date>,
) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO trajectory_sessions (trajectory_id, kind, seq, date) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(trajectory_id)
    .bind(kind)
    .bind(seq)
    .bind(on)
    .fetch_one(c)
    .await
}

/// Every session of a trajectory with its attendance: intake, mirror
/// session, then the evaluations in order.
pub async fn sessions(c: &mut Conn, trajectory_id: i64) -> Result<Vec<Session>, DbError> {
    let rows = crate::db::query(session_select!(
        "WHERE trajectory_id = $1 ORDER BY CASE kind WHEN 'intake' THEN 0 WHEN 'mirror_session' THEN 1 ELSE 2 END, seq"
    ))
    .bind(trajectory_id)
    .fetch_all(&mut *c)
    .await?;
    let mut out: Vec<Session> = rows.into_iter().map(session).collect::<Result<_, _>>()?;
    let rows = crate::db::query(
        "SELECT a.session_id, a.person_id FROM trajectory_attendance a \
         JOIN trajectory_sessions s ON s.id = a.session_id WHERE s.trajectory_id = $1 ORDER BY a.person_id",
    )
    .bind(trajectory_id)
    .fetch_all(c)
    .await?;
    for r in rows {
        let (sid, pid): (i64, i64) = (r.get("session_id")?, r.get("person_id")?);
        if let Some(s) = out.iter_mut().find(|s| s.id == sid) {
            s.attendees.push(pid);
        }
    }
    Ok(out)
}

pub struct SessionFields<'a> {
    pub date: Option<Date>,
    pub start_time: Option<StartTime>,
    pub minutes: i64,
    pub agenda: &'a str,
    pub location: &'a str,
}

pub async fn update_session(c: &mut Conn, id: i64, f: &SessionFields<'_>) -> Result<(), DbError> {
    crate::db::query(
        "UPDATE trajectory_sessions SET date = $1, start_time = $2, minutes = $3, agenda = $4, location = $5 \
         WHERE id = $6",
    )
    .bind(f.date)
    .bind(f.start_time)
    .bind(f.minutes)
    .bind(f.agenda)
    .bind(f.location)
    .bind(id)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn set_session_date(c: &mut Conn, id: i64, on: Date) -> Result<(), DbError> {
    crate::db::query("UPDATE trajectory_sessions SET date = $1 WHERE id = $2").bind(on).bind(id).execute(c).await?;
    Ok(())
}

pub async fn set_attendance(c: &mut Conn, session_id: i64, people: &[i64]) -> Result<(), DbError> {
    crate::db::query("DELETE FROM trajectory_attendance WHERE session_id = $1")
        .bind(session_id)
        .execute(&mut *c)
        .await?;
    for p in people {
        crate::db::query("INSERT INTO trajectory_attendance (session_id, person_id) VALUES ($1, $2)")
            .bind(session_id)
            .bind(p)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

pub async fn save_results(c: &mut Conn, id: i64, results: &str, next_steps: &str) -> Result<(), DbError> {
    crate::db::query("UPDATE trajectory_sessions SET results = $1, next_steps = $2 WHERE id = $3")
        .bind(results)
        .bind(next_steps)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

/// Marks an evaluation done, held on `held_on`, once: false when it was
/// done already. Its planned date stays as it was.
pub async fn complete_session(c: &mut Conn, id: i64, held_on: Date, now: i64) -> Result<bool, DbError> {
    let n = crate::db::query(
        "UPDATE trajectory_sessions SET completed_at = $1, held_on = $2 WHERE id = $3 AND completed_at IS NULL",
    )
    .bind(now)
    .bind(held_on)
    .bind(id)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Evaluations still to be held, dated from `from` to `until`, with their
/// organisation's reminder setting: (trajectory id, date, reminder days).
pub async fn evaluations_between(c: &mut Conn, from: Date, until: Date) -> Result<Vec<(i64, Date, i64)>, DbError> {
    let rows = crate::db::query(
        "SELECT s.trajectory_id, s.date, o.reminder_days FROM trajectory_sessions s \
         JOIN trajectories t ON t.id = s.trajectory_id JOIN organisations o ON o.id = t.org_id \
         WHERE s.kind = 'evaluation' AND s.completed_at IS NULL AND s.date IS NOT NULL \
         AND s.date >= $1 AND s.date <= $2",
    )
    .bind(from)
    .bind(until)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("trajectory_id")?, r.get("date")?, r.get("reminder_days")?))).collect()
}

/// Gives or changes a person's answer to "did this help?".
pub async fn set_helped(
    c: &mut Conn,
    session_id: i64,
    action_id: i64,
    person_id: i64,
    helped: bool,
    now: i64,
) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO trajectory_helped (session_id, action_id, person_id, helped, at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (session_id, action_id, person_id) DO UPDATE SET helped = $4, at = $5",
    )
    .bind(session_id)
    .bind(action_id)
    .bind(person_id)
    .bind(flag(helped))
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// Per action: (action id, yes, no) at one evaluation.
pub async fn helped_tally(c: &mut Conn, session_id: i64) -> Result<Vec<(i64, i64, i64)>, DbError> {
    let rows = crate::db::query(
        "SELECT action_id, COUNT(CASE WHEN helped = 1 THEN 1 END) AS yes_n, \
         COUNT(CASE WHEN helped = 0 THEN 1 END) AS no_n \
         FROM trajectory_helped WHERE session_id = $1 GROUP BY action_id",
    )
    .bind(session_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("action_id")?, r.get("yes_n")?, r.get("no_n")?))).collect()
}

/// How many people voted "did this help?" at one evaluation.
pub async fn helped_voters(c: &mut Conn, session_id: i64) -> Result<i64, DbError> {
    crate::db::query_scalar("SELECT COUNT(DISTINCT person_id) FROM trajectory_helped WHERE session_id = $1")
        .bind(session_id)
        .fetch_one(c)
        .await
}

/// A person's answers at one evaluation: (action id, helped).
pub async fn my_helped(c: &mut Conn, session_id: i64, person_id: i64) -> Result<Vec<(i64, bool)>, DbError> {
    let rows =
        crate::db::query("SELECT action_id, helped FROM trajectory_helped WHERE session_id = $1 AND person_id = $2")
            .bind(session_id)
            .bind(person_id)
            .fetch_all(c)
            .await?;
    rows.into_iter().map(|r| Ok((r.get("action_id")?, r.get("helped")?))).collect()
}

/// Sessions with a date from `from` on in the trajectories of a person's
/// teams, with the team's name, by date: the person's calendar feed.
pub async fn coming_of_person(c: &mut Conn, person_id: i64, from: Date) -> Result<Vec<(String, Session)>, DbError> {
    let rows = crate::db::query(concat!(
        "SELECT ",
        session_columns!(),
        ", t.name AS team FROM trajectory_sessions s \
         JOIN trajectories tr ON tr.id = s.trajectory_id JOIN teams t ON t.id = tr.team_id \
         WHERE s.date >= $2 AND tr.team_id IN (SELECT team_id FROM team_members WHERE person_id = $1) \
         ORDER BY s.date, s.id"
    ))
    .bind(person_id)
    .bind(from)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("team")?, session(r)?))).collect()
}
