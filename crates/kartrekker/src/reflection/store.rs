//! SQL for reflection cycles, their participants and feedback requests.

use super::model::Schedule;
use super::results::Answers;
use crate::dates::Date;
use crate::db::{Conn, DbError};
use crate::questionnaires::AnswerValue;

#[derive(Clone, Debug)]
pub struct Cycle {
    pub id: i64,
    pub org_id: i64,
    pub team_id: i64,
    pub leader_id: Option<i64>,
    pub title: String,
    pub instrument_id: i64,
    pub colleague_instrument_id: i64,
    pub min_raters: i64,
    pub schedule: Schedule,
    pub feedback_closed_at: Option<i64>,
    pub group_notes: String,
}

pub struct NewCycle<'a> {
    pub org_id: i64,
    pub team_id: i64,
    pub leader_id: i64,
    pub title: &'a str,
    pub instrument_id: i64,
    pub colleague_instrument_id: i64,
    pub min_raters: i64,
    pub schedule: Schedule,
}

pub async fn insert(c: &mut Conn, n: &NewCycle<'_>, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO reflection_cycles (org_id, team_id, leader_id, title, instrument_id, colleague_instrument_id, \
         min_raters, self_date, preparation_date, conversation_date, plan_date, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(n.org_id)
    .bind(n.team_id)
    .bind(n.leader_id)
    .bind(n.title)
    .bind(n.instrument_id)
    .bind(n.colleague_instrument_id)
    .bind(n.min_raters)
    .bind(n.schedule.self_evaluation.to_string())
    .bind(n.schedule.preparation.to_string())
    .bind(n.schedule.conversation.to_string())
    .bind(n.schedule.action_plan.to_string())
    .bind(now)
    .fetch_one(c)
    .await
}

/// The columns `cycle()` reads, any extra ones, then the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        select!("", $rest)
    };
    ($extra:literal, $rest:literal) => {
        concat!(
            "SELECT id, org_id, team_id, leader_id, title, instrument_id, colleague_instrument_id, min_raters, \
             self_date, preparation_date, conversation_date, plan_date, feedback_closed_at, group_notes",
            $extra,
            " FROM reflection_cycles ",
            $rest
        )
    };
}

fn cycle(r: crate::db::Row) -> Result<Cycle, DbError> {
    let date = |i: usize| -> Result<Date, DbError> {
        let s: String = r.try_get(i)?;
        Date::parse(&s, "date").map_err(|_| DbError::Decode { column: i.to_string(), message: format!("bad date {s}") })
    };
    Ok(Cycle {
        id: r.try_get(0)?,
        org_id: r.try_get(1)?,
        team_id: r.try_get(2)?,
        leader_id: r.try_get(3)?,
        title: r.try_get(4)?,
        instrument_id: r.try_get(5)?,
        colleague_instrument_id: r.try_get(6)?,
        min_raters: r.try_get(7)?,
        schedule: Schedule {
            self_evaluation: date(8)?,
            preparation: date(9)?,
            conversation: date(10)?,
            action_plan: date(11)?,
        },
        feedback_closed_at: r.try_get(12)?,
        group_notes: r.try_get(13)?,
    })
}

/// A cycle, and whether a person takes part in it: one query, as every page
/// of a cycle asks both.
pub async fn with_participant(c: &mut Conn, id: i64, person_id: i64) -> Result<Option<(Cycle, bool)>, DbError> {
    let Some(r) = crate::db::query(select!(
        ", CASE WHEN EXISTS (SELECT 1 FROM reflection_participants p \
         WHERE p.cycle_id = reflection_cycles.id AND p.person_id = $2) THEN 1 ELSE 0 END",
        "WHERE id = $1"
    ))
    .bind(id)
    .bind(person_id)
    .fetch_optional(c)
    .await?
    else {
        return Ok(None);
    };
    let participant: bool = r.try_get(14)?;
    Ok(Some((cycle(r)?, participant)))
}

pub async fn of_team(c: &mut Conn, team_id: i64) -> Result<Vec<Cycle>, DbError> {
    let rows = crate::db::query(select!("WHERE team_id = $1 ORDER BY self_date DESC, id DESC"))
        .bind(team_id)
        .fetch_all(c)
        .await?;
    rows.into_iter().map(cycle).collect()
}

pub async fn add_participant(c: &mut Conn, cycle_id: i64, person_id: i64) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO reflection_participants (cycle_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(cycle_id)
    .bind(person_id)
    .execute(c)
    .await?;
    Ok(())
}

/// (person id, name), by name.
pub async fn participants(c: &mut Conn, cycle_id: i64) -> Result<Vec<(i64, String)>, DbError> {
    let rows = crate::db::query(
        "SELECT p.id, p.name FROM reflection_participants r JOIN people p ON p.id = r.person_id \
         WHERE r.cycle_id = $1 ORDER BY p.name, p.id",
    )
    .bind(cycle_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

pub async fn insert_request(
    c: &mut Conn,
    cycle_id: i64,
    subject_id: i64,
    rater_id: i64,
    now: i64,
) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO reflection_requests (cycle_id, subject_id, rater_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (cycle_id, subject_id, rater_id) DO NOTHING",
    )
    .bind(cycle_id)
    .bind(subject_id)
    .bind(rater_id)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// Whom a person asked for feedback.
pub async fn raters_of(c: &mut Conn, cycle_id: i64, subject_id: i64) -> Result<Vec<i64>, DbError> {
    crate::db::query_scalar("SELECT rater_id FROM reflection_requests WHERE cycle_id = $1 AND subject_id = $2")
        .bind(cycle_id)
        .bind(subject_id)
        .fetch_all(c)
        .await
}

/// Who asked a person for feedback.
pub async fn subjects_of(c: &mut Conn, cycle_id: i64, rater_id: i64) -> Result<Vec<i64>, DbError> {
    crate::db::query_scalar("SELECT subject_id FROM reflection_requests WHERE cycle_id = $1 AND rater_id = $2")
        .bind(cycle_id)
        .bind(rater_id)
        .fetch_all(c)
        .await
}

/// Closes the feedback once: the frozen set is what was submitted before now.
pub async fn close_feedback(c: &mut Conn, cycle_id: i64, now: i64) -> Result<bool, DbError> {
    let n = crate::db::query(
        "UPDATE reflection_cycles SET feedback_closed_at = $1 WHERE id = $2 AND feedback_closed_at IS NULL",
    )
    .bind(now)
    .bind(cycle_id)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Whose responses in a context count for a result.
#[derive(Clone, Copy, Debug)]
pub enum Whose {
    /// One person's own.
    Respondent(i64),
    /// The cycle's participants'.
    Participants { cycle_id: i64 },
    /// The colleagues the subject asked, not the subject.
    AskedBy { cycle_id: i64, subject_id: i64 },
}

/// The answers of each response submitted in a context up to a moment, in
/// one query, by response.
pub async fn frozen(c: &mut Conn, context: &str, until: i64, whose: Whose) -> Result<Vec<Answers>, DbError> {
    macro_rules! frozen {
        ($whose:literal) => {
            concat!(
                "SELECT r.id, a.item_id, a.number, a.text \
                 FROM responses r LEFT JOIN answers a ON a.response_id = r.id \
                 WHERE r.context = $1 AND r.status = 'submitted' AND r.submitted_at <= $2 AND ",
                $whose,
                " ORDER BY r.id"
            )
        };
    }
    let sql = match whose {
        Whose::Respondent(_) => frozen!("r.respondent_id = $3"),
        Whose::Participants { .. } => {
            frozen!("r.respondent_id IN (SELECT person_id FROM reflection_participants WHERE cycle_id = $3)")
        }
        Whose::AskedBy { .. } => frozen!(
            "r.respondent_id <> $4 AND r.respondent_id IN \
             (SELECT rater_id FROM reflection_requests WHERE cycle_id = $3 AND subject_id = $4)"
        ),
    };
    let q = crate::db::query(sql).bind(context).bind(until);
    let q = match whose {
        Whose::Respondent(id) => q.bind(id),
        Whose::Participants { cycle_id } => q.bind(cycle_id),
        Whose::AskedBy { cycle_id, subject_id } => q.bind(cycle_id).bind(subject_id),
    };
    let rows = q.fetch_all(c).await?;
    let mut out: Vec<(i64, Vec<(String, AnswerValue)>)> = Vec::new();
    for r in rows {
        let rid: i64 = r.try_get(0)?;
        if out.last().is_none_or(|(last, _)| *last != rid) {
            out.push((rid, Vec::new()));
        }
        // A response without answers comes as one row of NULLs (the LEFT JOIN).
        let item: Option<String> = r.try_get(1)?;
        let value = crate::questionnaires::store::answer_value(r.try_get(2)?, r.try_get(3)?);
        if let (Some(item), Some(value), Some((_, answers))) = (item, value, out.last_mut()) {
            answers.push((item, value));
        }
    }
    Ok(out.into_iter().map(|(_, answers)| answers.into_iter().collect()).collect())
}

/// What a participant wrote for the cycle's steps.
#[derive(Clone, Debug, Default)]
pub struct Notes {
    pub preparation_notes: String,
    pub topics: String,
    pub intended_actions: String,
    pub personal_meaning: String,
    pub safeguarding: String,
    pub buddy_id: Option<i64>,
    pub follow_up_date: Option<Date>,
}

pub async fn notes(c: &mut Conn, cycle_id: i64, person_id: i64) -> Result<Notes, DbError> {
    let r = crate::db::query(
        "SELECT preparation_notes, topics, intended_actions, personal_meaning, safeguarding, buddy_id, follow_up_date \
         FROM reflection_participants WHERE cycle_id = $1 AND person_id = $2",
    )
    .bind(cycle_id)
    .bind(person_id)
    .fetch_optional(c)
    .await?;
    let Some(r) = r else { return Ok(Notes::default()) };
    let follow: Option<String> = r.try_get(6)?;
    Ok(Notes {
        preparation_notes: r.try_get(0)?,
        topics: r.try_get(1)?,
        intended_actions: r.try_get(2)?,
        personal_meaning: r.try_get(3)?,
        safeguarding: r.try_get(4)?,
        buddy_id: r.try_get(5)?,
        follow_up_date: Date::stored(follow),
    })
}

pub async fn save_preparation(c: &mut Conn, cycle_id: i64, person_id: i64, n: &Notes) -> Result<(), DbError> {
    crate::db::query(
        "UPDATE reflection_participants SET preparation_notes = $1, topics = $2, intended_actions = $3 \
         WHERE cycle_id = $4 AND person_id = $5",
    )
    .bind(&n.preparation_notes)
    .bind(&n.topics)
    .bind(&n.intended_actions)
    .bind(cycle_id)
    .bind(person_id)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn save_meaning(c: &mut Conn, cycle_id: i64, person_id: i64, text: &str) -> Result<(), DbError> {
    crate::db::query("UPDATE reflection_participants SET personal_meaning = $1 WHERE cycle_id = $2 AND person_id = $3")
        .bind(text)
        .bind(cycle_id)
        .bind(person_id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn save_group_notes(c: &mut Conn, cycle_id: i64, text: &str) -> Result<(), DbError> {
    crate::db::query("UPDATE reflection_cycles SET group_notes = $1 WHERE id = $2")
        .bind(text)
        .bind(cycle_id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn save_safeguarding(c: &mut Conn, cycle_id: i64, person_id: i64, n: &Notes) -> Result<(), DbError> {
    crate::db::query(
        "UPDATE reflection_participants SET safeguarding = $1, buddy_id = $2, follow_up_date = $3 \
         WHERE cycle_id = $4 AND person_id = $5",
    )
    .bind(&n.safeguarding)
    .bind(n.buddy_id)
    .bind(n.follow_up_date.map(|d| d.to_string()))
    .bind(cycle_id)
    .bind(person_id)
    .execute(c)
    .await?;
    Ok(())
}

/// Minutes spent on a step by one participant, and who recorded them when.
pub struct MinutesRecord<'a> {
    pub cycle_id: i64,
    pub person_id: i64,
    pub step: &'a str,
    pub minutes: i64,
    pub by: i64,
    pub now: i64,
}

/// Records minutes for a step; `overwrite` is the leader's correction,
/// otherwise an existing record stays.
pub async fn record_minutes(c: &mut Conn, m: &MinutesRecord<'_>, overwrite: bool) -> Result<(), DbError> {
    let sql = if overwrite {
        "INSERT INTO reflection_minutes (cycle_id, person_id, step, minutes, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (cycle_id, person_id, step) DO UPDATE SET minutes = $4, recorded_at = $5, recorded_by = $6"
    } else {
        "INSERT INTO reflection_minutes (cycle_id, person_id, step, minutes, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (cycle_id, person_id, step) DO NOTHING"
    };
    crate::db::query(sql)
        .bind(m.cycle_id)
        .bind(m.person_id)
        .bind(m.step)
        .bind(m.minutes)
        .bind(m.now)
        .bind(m.by)
        .execute(c)
        .await?;
    Ok(())
}

/// Recorded minutes: (person id, step code, minutes).
pub async fn minutes(c: &mut Conn, cycle_id: i64) -> Result<Vec<(i64, String, i64)>, DbError> {
    let rows = crate::db::query("SELECT person_id, step, minutes FROM reflection_minutes WHERE cycle_id = $1")
        .bind(cycle_id)
        .fetch_all(c)
        .await?;
    rows.into_iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).collect()
}
