//! SQL for reflection cycles, their participants and feedback requests.

use super::model::{Cycle, Notes, Schedule, Step};
use super::results::Answers;
use crate::dates::Date;
use crate::db::{Conn, DbError, Row};
use crate::home::{BuddyPlan, CycleProgress, QuestionnaireToFill};
use crate::organisations::anonymity::Threshold;
use crate::questionnaires::AnswerValue;

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
    .bind(n.schedule.self_evaluation)
    .bind(n.schedule.preparation)
    .bind(n.schedule.conversation)
    .bind(n.schedule.action_plan)
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

fn cycle(r: &Row) -> Result<Cycle, DbError> {
    let schedule = Schedule {
        self_evaluation: r.get("self_date")?,
        preparation: r.get("preparation_date")?,
        conversation: r.get("conversation_date")?,
        action_plan: r.get("plan_date")?,
    };
    Ok(crate::from_row!(r => Cycle { id, org_id, team_id, leader_id, title, instrument_id, colleague_instrument_id,
        min_raters, schedule = schedule, feedback_closed_at, group_notes }))
}

/// A cycle, and whether a person takes part in it: one query, as every page
/// of a cycle asks both.
pub async fn with_participant(c: &mut Conn, id: i64, person_id: i64) -> Result<Option<(Cycle, bool)>, DbError> {
    let Some(r) = crate::db::query(select!(
        ", CASE WHEN EXISTS (SELECT 1 FROM reflection_participants p \
         WHERE p.cycle_id = reflection_cycles.id AND p.person_id = $2) THEN 1 ELSE 0 END AS participant",
        "WHERE id = $1"
    ))
    .bind(id)
    .bind(person_id)
    .fetch_optional(c)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some((cycle(&r)?, r.get("participant")?)))
}

pub async fn of_team(c: &mut Conn, team_id: i64) -> Result<Vec<Cycle>, DbError> {
    let rows = crate::db::query(select!("WHERE team_id = $1 ORDER BY self_date DESC, id DESC"))
        .bind(team_id)
        .fetch_all(c)
        .await?;
    rows.iter().map(cycle).collect()
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

/// (person id, name), by name. The deactivated are left out: nobody asks
/// them for feedback, names them buddy or reminds them. (The group's result
/// reads the participants' responses apart, so it stays as it was.)
pub async fn participants(c: &mut Conn, cycle_id: i64) -> Result<Vec<(i64, String)>, DbError> {
    let rows = crate::db::query(
        "SELECT p.id AS person_id, p.name FROM reflection_participants r JOIN people p ON p.id = r.person_id \
         WHERE r.cycle_id = $1 AND p.deactivated_at IS NULL ORDER BY p.name, p.id",
    )
    .bind(cycle_id)
    .fetch_all(c)
    .await?;
    rows.iter().map(|r| Ok((r.get("person_id")?, r.get("name")?))).collect()
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

pub async fn feedback_closed_at(c: &mut Conn, cycle_id: i64) -> Result<Option<i64>, DbError> {
    let closed: Option<Option<i64>> =
        crate::db::query_scalar("SELECT feedback_closed_at FROM reflection_cycles WHERE id = $1")
            .bind(cycle_id)
            .fetch_optional(c)
            .await?;
    Ok(closed.flatten())
}

/// The context of a participant's self-evaluation in cycle `r`, in SQL.
macro_rules! self_context_sql {
    () => {
        "'reflection:' || CAST(r.id AS TEXT) || ':self'"
    };
}

/// What the person still has to submit in cycles whose feedback is open:
/// their self-evaluation, then feedback colleagues asked of them.
pub async fn to_fill(c: &mut Conn, person_id: i64) -> Result<Vec<QuestionnaireToFill>, DbError> {
    let own = crate::db::query(concat!(
        "SELECT r.id, r.title, t.name AS team, r.self_date AS due, x.id AS response_id \
         FROM reflection_participants p JOIN reflection_cycles r ON r.id = p.cycle_id JOIN teams t ON t.id = r.team_id \
         LEFT JOIN responses x ON x.respondent_id = p.person_id AND x.context = ",
        self_context_sql!(),
        " WHERE p.person_id = $1 AND r.feedback_closed_at IS NULL AND (x.id IS NULL OR x.status <> 'submitted') \
         ORDER BY r.self_date, r.id"
    ))
    .bind(person_id)
    .fetch_all(&mut *c)
    .await?;
    let asked = crate::db::query(
        "SELECT r.id, r.title, t.name AS team, r.preparation_date AS due, x.id AS response_id, s.name AS about \
         FROM reflection_requests q JOIN reflection_cycles r ON r.id = q.cycle_id JOIN teams t ON t.id = r.team_id \
         JOIN people s ON s.id = q.subject_id LEFT JOIN responses x ON x.respondent_id = q.rater_id \
         AND x.context = 'reflection:' || CAST(r.id AS TEXT) || ':about:' || CAST(q.subject_id AS TEXT) \
         WHERE q.rater_id = $1 AND q.subject_id <> $1 AND r.feedback_closed_at IS NULL \
         AND (x.id IS NULL OR x.status <> 'submitted') ORDER BY r.preparation_date, r.id, s.name",
    )
    .bind(person_id)
    .fetch_all(c)
    .await?;
    let row = |r: &Row, about: Option<String>| -> Result<QuestionnaireToFill, DbError> {
        Ok(crate::from_row!(r => QuestionnaireToFill { cycle_id: "id", title, team, about = about, response_id, due }))
    };
    let mut out = Vec::new();
    for r in &own {
        out.push(row(r, None)?);
    }
    for r in &asked {
        out.push(row(r, Some(r.get("about")?))?);
    }
    Ok(out)
}

/// The colleagues' plans the person is buddy of, with a follow-up from
/// `since` on or none.
pub async fn buddy_plans(c: &mut Conn, person_id: i64, since: Date) -> Result<Vec<BuddyPlan>, DbError> {
    let rows = crate::db::query(
        "SELECT p.cycle_id, r.title, p.person_id, pe.name AS person, p.follow_up_date FROM reflection_participants p \
         JOIN reflection_cycles r ON r.id = p.cycle_id JOIN people pe ON pe.id = p.person_id \
         WHERE p.buddy_id = $1 AND (p.follow_up_date IS NULL OR p.follow_up_date >= $2) \
         ORDER BY p.follow_up_date, r.id, pe.name",
    )
    .bind(person_id)
    .bind(since)
    .fetch_all(c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(crate::from_row!(r => BuddyPlan { cycle_id, title, person_id, person, follow_up: "follow_up_date" }))
        })
        .collect()
}

/// The cycles the person leads whose plan date is from `today` on, with
/// how many of the other participants submitted their self-evaluation.
/// Led as starter or as the team's leader: a UNION, so that each part
/// uses its index instead of one scan of every cycle.
pub async fn progress_of_led(c: &mut Conn, person_id: i64, today: Date) -> Result<Vec<CycleProgress>, DbError> {
    let rows = crate::db::query(concat!(
        "SELECT r.id, r.title, t.name AS team, r.min_raters, o.min_group_size, r.feedback_closed_at, \
         (SELECT COUNT(*) FROM reflection_participants p WHERE p.cycle_id = r.id AND p.person_id <> $1) AS participants_n, \
         (SELECT COUNT(*) FROM reflection_participants p JOIN responses x ON x.respondent_id = p.person_id \
         AND x.context = ",
        self_context_sql!(),
        " AND x.status = 'submitted' WHERE p.cycle_id = r.id AND p.person_id <> $1) AS answered_n \
         FROM reflection_cycles r JOIN teams t ON t.id = r.team_id JOIN organisations o ON o.id = r.org_id \
         WHERE r.plan_date >= $2 AND r.id IN \
         (SELECT id FROM reflection_cycles WHERE leader_id = $1 UNION SELECT l.id FROM reflection_cycles l \
         WHERE l.team_id IN (SELECT team_id FROM team_members WHERE person_id = $1 \
         AND role IN ('team_leader', 'medical_manager'))) ORDER BY r.self_date, r.id"
    ))
    .bind(person_id)
    .bind(today)
    .fetch_all(c)
    .await?;
    rows.iter()
        .map(|r| {
            let closed: Option<i64> = r.get("feedback_closed_at")?;
            Ok(crate::from_row!(r => CycleProgress { cycle_id: "id", title, team, participants: "participants_n",
                answered: "answered_n", feedback_closed = closed.is_some(),
                threshold = Threshold::new(r.get("min_group_size")?, r.get("min_raters")?) }))
        })
        .collect()
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
                "SELECT r.id AS response_id, a.item_id, a.number, a.text \
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
        let rid: i64 = r.get("response_id")?;
        if out.last().is_none_or(|(last, _)| *last != rid) {
            out.push((rid, Vec::new()));
        }
        // A response without answers comes as one row of NULLs (the LEFT JOIN).
        let item: Option<String> = r.get("item_id")?;
        let value = crate::questionnaires::store::answer_value(r.get("number")?, r.get("text")?);
        if let (Some(item), Some(value), Some((_, answers))) = (item, value, out.last_mut()) {
            answers.push((item, value));
        }
    }
    Ok(out.into_iter().map(|(_, answers)| answers.into_iter().collect()).collect())
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
    Ok(crate::from_row!(r => Notes { preparation_notes, topics, intended_actions, personal_meaning, safeguarding,
        buddy_id, follow_up_date }))
}

/// The part of a participant's notes that one step writes.
#[derive(Clone, Copy, Debug)]
pub enum NotesPart {
    Preparation,
    /// Written by the chair of the conversation.
    Meaning,
    Safeguarding,
}

/// Saves one part of a participant's notes; the other parts stay as they are.
pub async fn save_notes(
    c: &mut Conn,
    cycle_id: i64,
    person_id: i64,
    part: NotesPart,
    n: &Notes,
) -> Result<(), DbError> {
    let q = match part {
        NotesPart::Preparation => crate::db::query(
            "UPDATE reflection_participants SET preparation_notes = $1, topics = $2, intended_actions = $3 \
             WHERE cycle_id = $4 AND person_id = $5",
        )
        .bind(&n.preparation_notes)
        .bind(&n.topics)
        .bind(&n.intended_actions),
        NotesPart::Meaning => crate::db::query(
            "UPDATE reflection_participants SET personal_meaning = $1 WHERE cycle_id = $2 AND person_id = $3",
        )
        .bind(&n.personal_meaning),
        NotesPart::Safeguarding => crate::db::query(
            "UPDATE reflection_participants SET safeguarding = $1, buddy_id = $2, follow_up_date = $3 \
             WHERE cycle_id = $4 AND person_id = $5",
        )
        .bind(&n.safeguarding)
        .bind(n.buddy_id)
        .bind(n.follow_up_date),
    };
    q.bind(cycle_id).bind(person_id).execute(c).await?;
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

/// Follow-ups dated up to `until`: (cycle, person, buddy, date, the
/// organisation's reminder days).
pub async fn follow_ups(c: &mut Conn, until: Date) -> Result<Vec<(i64, i64, Option<i64>, Date, i64)>, DbError> {
    let rows = crate::db::query(
        "SELECT p.cycle_id, p.person_id, p.buddy_id, p.follow_up_date, o.reminder_days FROM reflection_participants p \
         JOIN reflection_cycles r ON r.id = p.cycle_id JOIN organisations o ON o.id = r.org_id \
         WHERE p.follow_up_date IS NOT NULL AND p.follow_up_date <= $1",
    )
    .bind(until)
    .fetch_all(c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.get("cycle_id")?,
                r.get("person_id")?,
                r.get("buddy_id")?,
                r.get("follow_up_date")?,
                r.get("reminder_days")?,
            ))
        })
        .collect()
}

/// Minutes spent on a step by one participant, and who recorded them when.
pub struct MinutesRecord {
    pub cycle_id: i64,
    pub person_id: i64,
    pub step: Step,
    pub minutes: i64,
    pub by: i64,
    pub now: i64,
}

/// Records minutes for a step; `overwrite` is the leader's correction,
/// otherwise an existing record stays.
pub async fn record_minutes(c: &mut Conn, m: &MinutesRecord, overwrite: bool) -> Result<(), DbError> {
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

/// Recorded minutes: (person id, step, minutes).
pub async fn minutes(c: &mut Conn, cycle_id: i64) -> Result<Vec<(i64, Step, i64)>, DbError> {
    let rows = crate::db::query("SELECT person_id, step, minutes FROM reflection_minutes WHERE cycle_id = $1")
        .bind(cycle_id)
        .fetch_all(c)
        .await?;
    rows.iter().map(|r| Ok((r.get("person_id")?, r.get("step")?, r.get("minutes")?))).collect()
}

/// Cycles with a step due from `from` to `until`: for the deadline reminders.
pub async fn with_steps_between(c: &mut Conn, from: Date, until: Date) -> Result<Vec<Cycle>, DbError> {
    let rows = crate::db::query(select!(
        "WHERE (self_date BETWEEN $1 AND $2) OR (preparation_date BETWEEN $1 AND $2) \
         OR (conversation_date BETWEEN $1 AND $2) OR (plan_date BETWEEN $1 AND $2)"
    ))
    .bind(from)
    .bind(until)
    .fetch_all(c)
    .await?;
    rows.iter().map(cycle).collect()
}
