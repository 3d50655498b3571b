//! SQL for pulse schedules, rounds, the "has answered" marks and the
//! anonymous answers.

use std::collections::HashSet;

use super::model::{Round, Schedule};
use crate::actions::Status;
use crate::dates::Date;
use crate::db::{AssertSqlSafe, Conn, DbError, Row, placeholder_rows, query, query_scalar};
use crate::questionnaires::AnswerValue;
use crate::questionnaires::store::answer_value;

fn schedule(r: &Row) -> Result<Schedule, DbError> {
    Ok(crate::from_row!(r => Schedule { team_id, org_id, instrument_id, every_days, open_days, starts_on }))
}

pub async fn schedule_of(c: &mut Conn, team_id: i64) -> Result<Option<Schedule>, DbError> {
    let row = query(
        "SELECT team_id, org_id, instrument_id, every_days, open_days, starts_on FROM pulse_schedules WHERE team_id = $1",
    )
    .bind(team_id)
    .fetch_optional(c)
    .await?;
    row.as_ref().map(schedule).transpose()
}

pub async fn save_schedule(c: &mut Conn, s: &Schedule, set_by: i64, now: i64) -> Result<(), DbError> {
    query(
        "INSERT INTO pulse_schedules (team_id, org_id, instrument_id, every_days, open_days, starts_on, set_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (team_id) DO UPDATE SET \
         instrument_id = excluded.instrument_id, every_days = excluded.every_days, open_days = excluded.open_days, \
         starts_on = excluded.starts_on, set_by = excluded.set_by, updated_at = excluded.updated_at",
    )
    .bind(s.team_id)
    .bind(s.org_id)
    .bind(s.instrument_id)
    .bind(s.every_days)
    .bind(s.open_days)
    .bind(s.starts_on)
    .bind(set_by)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn stop_schedule(c: &mut Conn, team_id: i64) -> Result<u64, DbError> {
    Ok(query("DELETE FROM pulse_schedules WHERE team_id = $1").bind(team_id).execute(c).await?.rows_affected())
}

/// Every schedule, with the day its team's latest round opened.
pub async fn schedules(c: &mut Conn) -> Result<Vec<(Schedule, Option<Date>)>, DbError> {
    let rows = query(
        "SELECT s.team_id, s.org_id, s.instrument_id, s.every_days, s.open_days, s.starts_on, \
         (SELECT MAX(r.opens_on) FROM pulse_rounds r WHERE r.team_id = s.team_id) AS last_opens \
         FROM pulse_schedules s ORDER BY s.team_id",
    )
    .fetch_all(c)
    .await?;
    rows.iter().map(|r| Ok((schedule(r)?, r.get("last_opens")?))).collect()
}

/// Opens the round of `opens..=closes`; None when it was opened already.
pub async fn insert_round(
    c: &mut Conn,
    s: &Schedule,
    opens: Date,
    closes: Date,
    now: i64,
) -> Result<Option<i64>, DbError> {
    query_scalar(
        "INSERT INTO pulse_rounds (org_id, team_id, instrument_id, opens_on, closes_on, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (team_id, opens_on) DO NOTHING RETURNING id",
    )
    .bind(s.org_id)
    .bind(s.team_id)
    .bind(s.instrument_id)
    .bind(opens)
    .bind(closes)
    .bind(now)
    .fetch_optional(c)
    .await
}

macro_rules! select_round {
    ($rest:literal) => {
        concat!(
            "SELECT r.id, r.org_id, r.team_id, t.name AS team, r.instrument_id, r.opens_on, r.closes_on, \
             r.respondents, r.rated, r.too_high FROM pulse_rounds r JOIN teams t ON t.id = r.team_id ",
            $rest
        )
    };
}

fn round(r: Row) -> Result<Round, DbError> {
    Ok(crate::from_row!(r => Round { id, org_id, team_id, team, instrument_id, opens_on, closes_on, respondents,
        rated, too_high }))
}

pub async fn round_by_id(c: &mut Conn, id: i64) -> Result<Option<Round>, DbError> {
    query(select_round!("WHERE r.id = $1")).bind(id).fetch_optional(c).await?.map(round).transpose()
}

/// A team's rounds, oldest first.
pub async fn rounds_of_team(c: &mut Conn, team_id: i64) -> Result<Vec<Round>, DbError> {
    let rows = query(select_round!("WHERE r.team_id = $1 ORDER BY r.opens_on")).bind(team_id).fetch_all(c).await?;
    rows.into_iter().map(round).collect()
}

/// An organisation's rounds that opened from `since`, oldest first.
pub async fn rounds_of_org(c: &mut Conn, org_id: i64, since: Date) -> Result<Vec<Round>, DbError> {
    let rows = query(select_round!("WHERE r.org_id = $1 AND r.opens_on >= $2 ORDER BY r.opens_on, r.team_id"))
        .bind(org_id)
        .bind(since)
        .fetch_all(c)
        .await?;
    rows.into_iter().map(round).collect()
}

/// Rounds open on `today` in the person's teams (where they take part) that
/// they have not answered.
pub async fn to_answer(c: &mut Conn, person_id: i64, today: Date) -> Result<Vec<Round>, DbError> {
    let rows = query(select_round!(
        "WHERE r.opens_on <= $2 AND r.closes_on >= $2 AND r.team_id IN \
         (SELECT team_id FROM team_members WHERE person_id = $1 AND role <> 'trainer') \
         AND NOT EXISTS (SELECT 1 FROM pulse_marks m WHERE m.round_id = r.id AND m.person_id = $1) \
         ORDER BY r.closes_on, t.name"
    ))
    .bind(person_id)
    .bind(today)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(round).collect()
}

/// Rounds of the teams the person leads (team leader or medical manager)
/// that closed from `since` up to yesterday.
pub async fn closed_in_led_teams(
    c: &mut Conn,
    person_id: i64,
    since: Date,
    today: Date,
) -> Result<Vec<Round>, DbError> {
    let rows = query(select_round!(
        "WHERE r.team_id IN (SELECT team_id FROM team_members WHERE person_id = $1 \
         AND role IN ('team_leader', 'medical_manager')) AND r.closes_on >= $2 AND r.closes_on < $3 \
         ORDER BY r.closes_on DESC, t.name"
    ))
    .bind(person_id)
    .bind(since)
    .bind(today)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(round).collect()
}

/// How many of the organisation's teams had a round close from `since` up to yesterday.
pub async fn teams_closed_since(c: &mut Conn, org_id: i64, since: Date, today: Date) -> Result<i64, DbError> {
    query_scalar(
        "SELECT COUNT(DISTINCT team_id) FROM pulse_rounds WHERE org_id = $1 AND closes_on >= $2 AND closes_on < $3",
    )
    .bind(org_id)
    .bind(since)
    .bind(today)
    .fetch_one(c)
    .await
}

/// Waits for (and holds) the round's row: rewrites of its answers never interleave.
pub async fn lock(c: &mut Conn, id: i64) -> Result<(), DbError> {
    query("UPDATE pulse_rounds SET respondents = respondents WHERE id = $1").bind(id).execute(c).await?;
    Ok(())
}

pub async fn add_mark(c: &mut Conn, round_id: i64, person_id: i64) -> Result<bool, DbError> {
    let n = query(
        "INSERT INTO pulse_marks (round_id, person_id) VALUES ($1, $2) ON CONFLICT (round_id, person_id) DO NOTHING",
    )
    .bind(round_id)
    .bind(person_id)
    .execute(c)
    .await?;
    Ok(n.rows_affected() > 0)
}

pub async fn has_mark(c: &mut Conn, round_id: i64, person_id: i64) -> Result<bool, DbError> {
    let n: i64 = query_scalar("SELECT COUNT(*) FROM pulse_marks WHERE round_id = $1 AND person_id = $2")
        .bind(round_id)
        .bind(person_id)
        .fetch_one(c)
        .await?;
    Ok(n > 0)
}

pub async fn remove_mark(c: &mut Conn, round_id: i64, person_id: i64) -> Result<(), DbError> {
    query("DELETE FROM pulse_marks WHERE round_id = $1 AND person_id = $2")
        .bind(round_id)
        .bind(person_id)
        .execute(c)
        .await?;
    Ok(())
}

/// The rounds of `org_id` from `since` the person answered.
pub async fn answered_rounds(c: &mut Conn, person_id: i64, org_id: i64, since: Date) -> Result<HashSet<i64>, DbError> {
    let ids: Vec<i64> = query_scalar(
        "SELECT m.round_id FROM pulse_marks m JOIN pulse_rounds r ON r.id = m.round_id \
         WHERE m.person_id = $1 AND r.org_id = $2 AND r.opens_on >= $3",
    )
    .bind(person_id)
    .bind(org_id)
    .bind(since)
    .fetch_all(c)
    .await?;
    Ok(ids.into_iter().collect())
}

/// A stored anonymous answer: its random id, item and value.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub id: i64,
    pub item_id: String,
    pub value: AnswerValue,
}

/// A round's answers by item and random id: a stable shuffle.
pub async fn answers(c: &mut Conn, round_id: i64) -> Result<Vec<Answer>, DbError> {
    let rows = query("SELECT id, item_id, number, text FROM pulse_answers WHERE round_id = $1 ORDER BY item_id, id")
        .bind(round_id)
        .fetch_all(c)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        if let Some(value) = answer_value(r.get("number")?, r.get("text")?) {
            out.push(Answer { id: r.get("id")?, item_id: r.get("item_id")?, value });
        }
    }
    Ok(out)
}

/// Rows per insert: well inside both databases' limit on parameters.
const CHUNK: usize = 200;

/// Writes a round's answers anew, in the order given, with its tallies.
pub async fn replace_answers(
    c: &mut Conn,
    round_id: i64,
    all: &[Answer],
    tallies: (i64, i64, i64),
) -> Result<(), DbError> {
    query("DELETE FROM pulse_answers WHERE round_id = $1").bind(round_id).execute(&mut *c).await?;
    for chunk in all.chunks(CHUNK) {
        let mut q = query(AssertSqlSafe(format!(
            "INSERT INTO pulse_answers (id, round_id, item_id, number, text) VALUES {}",
            placeholder_rows(1, chunk.len(), 5)
        )));
        for a in chunk {
            let (n, t) = match &a.value {
                AnswerValue::Number(n) => (Some(*n), None),
                AnswerValue::Text(t) => (None, Some(t.as_str())),
            };
            q = q.bind(a.id).bind(round_id).bind(a.item_id.as_str()).bind(n).bind(t);
        }
        q.execute(&mut *c).await?;
    }
    let (respondents, rated, too_high) = tallies;
    query("UPDATE pulse_rounds SET respondents = $1, rated = $2, too_high = $3 WHERE id = $4")
        .bind(respondents)
        .bind(rated)
        .bind(too_high)
        .bind(round_id)
        .execute(c)
        .await?;
    Ok(())
}

/// (round, item, sum, count) of the numeric answers of a team's rounds.
pub async fn item_sums(c: &mut Conn, team_id: i64) -> Result<Vec<(i64, String, i64, i64)>, DbError> {
    let rows = query(
        "SELECT a.round_id, a.item_id, CAST(SUM(a.number) AS BIGINT) AS total, COUNT(a.number) AS answered FROM pulse_answers a \
         JOIN pulse_rounds r ON r.id = a.round_id WHERE r.team_id = $1 AND a.number IS NOT NULL \
         GROUP BY a.round_id, a.item_id",
    )
    .bind(team_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("round_id")?, r.get("item_id")?, r.get("total")?, r.get("answered")?))).collect()
}

/// An action agreed after a pulse round.
#[derive(Clone, Debug)]
pub struct RoundAction {
    pub id: i64,
    pub round_id: i64,
    pub title: String,
    pub kartrekker: String,
    pub status: Status,
}

/// The (non-private) actions that came from the team's pulse rounds.
pub async fn actions_of_team(c: &mut Conn, team_id: i64) -> Result<Vec<RoundAction>, DbError> {
    let rows = query(
        "SELECT a.id, a.origin_id AS round_id, a.title, p.name AS kartrekker, a.status FROM actions a \
         JOIN pulse_rounds r ON r.id = a.origin_id JOIN people p ON p.id = a.kartrekker_id \
         WHERE a.origin_kind = 'pulse' AND a.private = 0 AND a.team_id = $1 AND r.team_id = $1 ORDER BY a.id",
    )
    .bind(team_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| Ok(crate::from_row!(r => RoundAction { id, round_id, title, kartrekker, status })))
        .collect()
}

/// Teams each of the organisation's scenarios is about: (scenario, team).
pub async fn scenario_teams(c: &mut Conn, org_id: i64) -> Result<Vec<(i64, i64)>, DbError> {
    let rows = query(
        "SELECT st.scenario_id, st.team_id FROM workforce_scenario_teams st \
         JOIN workforce_scenarios s ON s.id = st.scenario_id WHERE s.org_id = $1 ORDER BY st.scenario_id, st.team_id",
    )
    .bind(org_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("scenario_id")?, r.get("team_id")?))).collect()
}

pub async fn set_scenario_teams(c: &mut Conn, scenario_id: i64, teams: &[i64]) -> Result<(), DbError> {
    query("DELETE FROM workforce_scenario_teams WHERE scenario_id = $1").bind(scenario_id).execute(&mut *c).await?;
    for t in teams {
        query("INSERT INTO workforce_scenario_teams (scenario_id, team_id) VALUES ($1, $2)")
            .bind(scenario_id)
            .bind(*t)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}
