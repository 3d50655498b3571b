//! SQL for trajectories, their sessions, intake answers, themes,
//! observations and the "did this help?" answers.

use super::model::{
    Answer, Observation, ObservationCategory, OverviewFilter, OverviewRow, OverviewSort, Phase, Question, Session,
    SessionKind, StartTime, Theme, Trajectory,
};
use crate::dates::Date;
use crate::db::{Conn, DbError, Row, flag};

macro_rules! trajectory_select {
    ($rest:literal) => {
        concat!(
            "SELECT tr.id, tr.org_id, tr.team_id, t.name AS team, tr.trainer_id, p.name AS trainer, tr.phase, tr.anonymous, \
             tr.work_weeks, tr.interval_months, tr.work_started_on, tr.created_at \
             FROM trajectories tr JOIN teams t ON t.id = tr.team_id JOIN people p ON p.id = tr.trainer_id ",
            $rest
        )
    };
}

fn trajectory(r: Row) -> Result<Trajectory, DbError> {
    Ok(Trajectory {
        id: r.get("id")?,
        org_id: r.get("org_id")?,
        team_id: r.get("team_id")?,
        team: r.get("team")?,
        trainer_id: r.get("trainer_id")?,
        trainer: r.get("trainer")?,
        phase: r.get("phase")?,
        anonymous: r.get("anonymous")?,
        work_weeks: r.get("work_weeks")?,
        interval_months: r.get("interval_months")?,
        work_started_on: r.get("work_started_on")?,
        created_at: r.get("created_at")?,
    })
}

pub struct NewTrajectory {
    pub org_id: i64,
    pub team_id: i64,
    pub trainer_id: i64,
    pub started_by: i64,
    pub work_weeks: i64,
    pub interval_months: i64,
}

pub async fn insert(c: &mut Conn, t: &NewTrajectory, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO trajectories (org_id, team_id, trainer_id, phase, anonymous, work_weeks, interval_months, \
         started_by, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(t.org_id)
    .bind(t.team_id)
    .bind(t.trainer_id)
    .bind(Phase::Intake)
    .bind(t.work_weeks)
    .bind(t.interval_months)
    .bind(t.started_by)
    .bind(now)
    .fetch_one(c)
    .await
}

pub async fn of_team(c: &mut Conn, team_id: i64) -> Result<Option<Trajectory>, DbError> {
    crate::db::query(trajectory_select!("WHERE tr.team_id = $1"))
        .bind(team_id)
        .fetch_optional(c)
        .await?
        .map(trajectory)
        .transpose()
}

pub async fn by_id(c: &mut Conn, id: i64) -> Result<Option<Trajectory>, DbError> {
    crate::db::query(trajectory_select!("WHERE tr.id = $1"))
        .bind(id)
        .fetch_optional(c)
        .await?
        .map(trajectory)
        .transpose()
}

/// Moves on only from the phase the caller saw (compare and set): returns
/// false when the trajectory was elsewhere.
pub async fn set_phase(c: &mut Conn, id: i64, from: Phase, to: Phase, now: i64) -> Result<bool, DbError> {
    let n = crate::db::query("UPDATE trajectories SET phase = $1, updated_at = $2 WHERE id = $3 AND phase = $4")
        .bind(to)
        .bind(now)
        .bind(id)
        .bind(from)
        .execute(c)
        .await?
        .rows_affected();
    Ok(n == 1)
}

pub async fn set_work_started(c: &mut Conn, id: i64, on: Date) -> Result<(), DbError> {
    crate::db::query("UPDATE trajectories SET work_started_on = $1 WHERE id = $2").bind(on).bind(id).execute(c).await?;
    Ok(())
}

pub async fn set_anonymous(c: &mut Conn, id: i64, anonymous: bool, now: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE trajectories SET anonymous = $1, updated_at = $2 WHERE id = $3")
        .bind(flag(anonymous))
        .bind(now)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn set_work_weeks(c: &mut Conn, id: i64, weeks: i64, now: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE trajectories SET work_weeks = $1, updated_at = $2 WHERE id = $3")
        .bind(weeks)
        .bind(now)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn set_interval(c: &mut Conn, id: i64, months: i64, now: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE trajectories SET interval_months = $1, updated_at = $2 WHERE id = $3")
        .bind(months)
        .bind(now)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

macro_rules! session_select {
    ($rest:literal) => {
        concat!(
            "SELECT id, trajectory_id, kind, seq, date, start_time, minutes, agenda, location, results, next_steps, \
             completed_at FROM trajectory_sessions ",
            $rest
        )
    };
}

fn session(r: Row) -> Result<Session, DbError> {
    Ok(Session {
        id: r.get("id")?,
        trajectory_id: r.get("trajectory_id")?,
        kind: r.get("kind")?,
        seq: r.get("seq")?,
        date: r.get("date")?,
        start_time: r.get("start_time")?,
        minutes: r.get("minutes")?,
        agenda: r.get("agenda")?,
        location: r.get("location")?,
        results: r.get("results")?,
        next_steps: r.get("next_steps")?,
        completed_at: r.get("completed_at")?,
        attendees: Vec::new(),
    })
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

/// Marks an evaluation done, once: false when it was done already.
pub async fn complete_session(c: &mut Conn, id: i64, now: i64) -> Result<bool, DbError> {
    let n = crate::db::query("UPDATE trajectory_sessions SET completed_at = $1 WHERE id = $2 AND completed_at IS NULL")
        .bind(now)
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

pub async fn themes(c: &mut Conn, trajectory_id: i64) -> Result<Vec<Theme>, DbError> {
    let rows =
        crate::db::query("SELECT id, title, reflection FROM trajectory_themes WHERE trajectory_id = $1 ORDER BY id")
            .bind(trajectory_id)
            .fetch_all(c)
            .await?;
    rows.into_iter()
        .map(|r| Ok(Theme { id: r.get("id")?, title: r.get("title")?, reflection: r.get("reflection")? }))
        .collect()
}

pub async fn insert_theme(c: &mut Conn, trajectory_id: i64, title: &str) -> Result<i64, DbError> {
    crate::db::query_scalar("INSERT INTO trajectory_themes (trajectory_id, title) VALUES ($1, $2) RETURNING id")
        .bind(trajectory_id)
        .bind(title)
        .fetch_one(c)
        .await
}

/// False when the theme is not one of this trajectory's.
pub async fn set_reflection(c: &mut Conn, trajectory_id: i64, theme_id: i64, text: &str) -> Result<bool, DbError> {
    let n = crate::db::query("UPDATE trajectory_themes SET reflection = $1 WHERE id = $2 AND trajectory_id = $3")
        .bind(text)
        .bind(theme_id)
        .bind(trajectory_id)
        .execute(c)
        .await?
        .rows_affected();
    Ok(n == 1)
}

pub async fn answers(c: &mut Conn, trajectory_id: i64) -> Result<Vec<Answer>, DbError> {
    let rows = crate::db::query(
        "SELECT id, question, text, theme_id FROM trajectory_intake_answers WHERE trajectory_id = $1 \
         ORDER BY question, id",
    )
    .bind(trajectory_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Answer {
                id: r.get("id")?,
                question: r.get("question")?,
                text: r.get("text")?,
                theme_id: r.get("theme_id")?,
            })
        })
        .collect()
}

/// A person's own answers in a named intake.
pub async fn own_answers(c: &mut Conn, trajectory_id: i64, person_id: i64) -> Result<Vec<(Question, String)>, DbError> {
    let rows = crate::db::query(
        "SELECT question, text FROM trajectory_intake_answers WHERE trajectory_id = $1 AND person_id = $2",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("question")?, r.get("text")?))).collect()
}

/// Records that someone answered; false when they had already.
pub async fn add_participant(c: &mut Conn, trajectory_id: i64, person_id: i64) -> Result<bool, DbError> {
    let n = crate::db::query(
        "INSERT INTO trajectory_intake_participants (trajectory_id, person_id) VALUES ($1, $2) \
         ON CONFLICT (trajectory_id, person_id) DO NOTHING",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n == 1)
}

pub async fn has_participated(c: &mut Conn, trajectory_id: i64, person_id: i64) -> Result<bool, DbError> {
    let n: i64 = crate::db::query_scalar(
        "SELECT COUNT(*) FROM trajectory_intake_participants WHERE trajectory_id = $1 AND person_id = $2",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .fetch_one(c)
    .await?;
    Ok(n > 0)
}

pub async fn participant_count(c: &mut Conn, trajectory_id: i64) -> Result<i64, DbError> {
    crate::db::query_scalar("SELECT COUNT(*) FROM trajectory_intake_participants WHERE trajectory_id = $1")
        .bind(trajectory_id)
        .fetch_one(c)
        .await
}

pub async fn answer_count(c: &mut Conn, trajectory_id: i64) -> Result<i64, DbError> {
    crate::db::query_scalar("SELECT COUNT(*) FROM trajectory_intake_answers WHERE trajectory_id = $1")
        .bind(trajectory_id)
        .fetch_one(c)
        .await
}

/// Stores an answer. Anonymous answers (`person_id` None) carry no person
/// and no time, so they cannot be matched to the participants.
pub async fn insert_answer(
    c: &mut Conn,
    trajectory_id: i64,
    person_id: Option<i64>,
    question: Question,
    text: &str,
    now: Option<i64>,
) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO trajectory_intake_answers (trajectory_id, person_id, question, text, updated_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .bind(question)
    .bind(text)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// Changes a named answer; false when there was none to change.
pub async fn update_answer(
    c: &mut Conn,
    trajectory_id: i64,
    person_id: i64,
    question: Question,
    text: &str,
    now: i64,
) -> Result<bool, DbError> {
    let n = crate::db::query(
        "UPDATE trajectory_intake_answers SET text = $1, updated_at = $2 \
         WHERE trajectory_id = $3 AND person_id = $4 AND question = $5",
    )
    .bind(text)
    .bind(now)
    .bind(trajectory_id)
    .bind(person_id)
    .bind(question)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n > 0)
}

pub async fn delete_answer(
    c: &mut Conn,
    trajectory_id: i64,
    person_id: i64,
    question: Question,
) -> Result<(), DbError> {
    crate::db::query(
        "DELETE FROM trajectory_intake_answers WHERE trajectory_id = $1 AND person_id = $2 AND question = $3",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .bind(question)
    .execute(c)
    .await?;
    Ok(())
}

/// False when the answer is not one of this trajectory's.
pub async fn set_answer_theme(
    c: &mut Conn,
    trajectory_id: i64,
    answer_id: i64,
    theme_id: Option<i64>,
) -> Result<bool, DbError> {
    let n = crate::db::query("UPDATE trajectory_intake_answers SET theme_id = $1 WHERE id = $2 AND trajectory_id = $3")
        .bind(theme_id)
        .bind(answer_id)
        .bind(trajectory_id)
        .execute(c)
        .await?
        .rows_affected();
    Ok(n == 1)
}

pub async fn observations(c: &mut Conn, trajectory_id: i64) -> Result<Vec<Observation>, DbError> {
    let rows = crate::db::query(
        "SELECT o.id, o.observed_on, o.category, o.text, o.theme_id, COALESCE(p.name, '') AS author \
         FROM trajectory_observations o LEFT JOIN people p ON p.id = o.author_id \
         WHERE o.trajectory_id = $1 ORDER BY o.observed_on, o.id",
    )
    .bind(trajectory_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Observation {
                id: r.get("id")?,
                observed_on: r.get("observed_on")?,
                category: r.get("category")?,
                text: r.get("text")?,
                theme_id: r.get("theme_id")?,
                author: r.get("author")?,
            })
        })
        .collect()
}

pub struct NewObservation<'a> {
    pub trajectory_id: i64,
    pub observed_on: Date,
    pub category: ObservationCategory,
    pub text: &'a str,
    pub theme_id: Option<i64>,
    pub author_id: i64,
}

pub async fn insert_observation(c: &mut Conn, o: &NewObservation<'_>, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO trajectory_observations (trajectory_id, observed_on, category, text, theme_id, author_id, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(o.trajectory_id)
    .bind(o.observed_on)
    .bind(o.category)
    .bind(o.text)
    .bind(o.theme_id)
    .bind(o.author_id)
    .bind(now)
    .fetch_one(c)
    .await
}

/// False when the observation is not one of this trajectory's.
pub async fn set_observation_theme(
    c: &mut Conn,
    trajectory_id: i64,
    observation_id: i64,
    theme_id: Option<i64>,
) -> Result<bool, DbError> {
    let n = crate::db::query("UPDATE trajectory_observations SET theme_id = $1 WHERE id = $2 AND trajectory_id = $3")
        .bind(theme_id)
        .bind(observation_id)
        .bind(trajectory_id)
        .execute(c)
        .await?
        .rows_affected();
    Ok(n == 1)
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
        "SELECT action_id, COUNT(CASE WHEN helped = 1 THEN 1 END) AS yes_n, COUNT(CASE WHEN helped = 0 THEN 1 END) AS no_n \
         FROM trajectory_helped WHERE session_id = $1 GROUP BY action_id",
    )
    .bind(session_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("action_id")?, r.get("yes_n")?, r.get("no_n")?))).collect()
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

/// The open actions of the organisation, for the overview's counts.
macro_rules! open_actions {
    () => {
        "FROM actions a WHERE a.org_id = $1 AND a.status IN ('open', 'in_progress')"
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
        "(SELECT MAX(CASE WHEN s.completed_at IS NOT NULL THEN s.date END) FROM trajectory_sessions s \
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

/// `%part%` for LIKE, with LIKE's own characters taken literally.
fn like_pattern(part: &str) -> String {
    let mut out = String::from("%");
    for ch in part.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

pub async fn overview(c: &mut Conn, org_id: i64, today: Date, f: &OverviewFilter) -> Result<Vec<OverviewRow>, DbError> {
    let rows = crate::db::query(overview_query(f.sort, f.desc))
        .bind(org_id)
        .bind(today)
        .bind(f.team.trim())
        .bind(like_pattern(f.team.trim()))
        .bind(f.phase.as_str())
        .bind(f.limit)
        .bind(f.offset)
        .fetch_all(c)
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(OverviewRow {
                team_id: r.get("team_id")?,
                team: r.get("team")?,
                department: r.get("department")?,
                trajectory_id: r.get("trajectory_id")?,
                phase: r.get("phase")?,
                trainer: r.get("trainer")?,
                open: r.get("open_n")?,
                overdue: r.get("overdue_n")?,
                last_evaluation: r.get("last_evaluation")?,
                next_evaluation: r.get("next_evaluation")?,
            })
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
    .bind(like_pattern(f.team.trim()))
    .bind(f.phase.as_str())
    .fetch_one(c)
    .await
}
