//! SQL for decision records, their contributions, options, revisions and
//! the anonymous fairness answers.

use super::home::{DecisionItem, ReviewDue};
use super::model::{
    CheckedChoice, Contribution, Decision, DecisionLine, DecisionOption, FromMeeting, Review, Revision,
};
use crate::dates::Date;
use crate::db::{Conn, DbError, Row, query, query_scalar};

pub struct NewDecision<'a> {
    pub org_id: i64,
    pub team_id: i64,
    pub title: &'a str,
    pub problem: &'a str,
    pub input_deadline: Date,
    pub started_by: i64,
}

pub async fn insert(c: &mut Conn, d: &NewDecision<'_>, now: i64) -> Result<i64, DbError> {
    query_scalar(
        "INSERT INTO decisions (org_id, team_id, title, problem, input_deadline, started_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(d.org_id)
    .bind(d.team_id)
    .bind(d.title)
    .bind(d.problem)
    .bind(d.input_deadline)
    .bind(d.started_by)
    .bind(now)
    .fetch_one(c)
    .await
}

fn decision(r: Row) -> Result<Decision, DbError> {
    Ok(crate::from_row!(r => Decision { id, org_id, team_id, title, problem, input_deadline, started_by, starter,
        choice, reasons, consequences, expectations, review_date, decider, decided_at, created_at }))
}

pub async fn by_id(c: &mut Conn, id: i64) -> Result<Option<Decision>, DbError> {
    query(
        "SELECT d.id, d.org_id, d.team_id, d.title, d.problem, d.input_deadline, d.started_by, s.name AS starter, \
         d.choice, d.reasons, d.consequences, d.expectations, d.review_date, p.name AS decider, d.decided_at, \
         d.created_at \
         FROM decisions d JOIN people s ON s.id = d.started_by LEFT JOIN people p ON p.id = d.decided_by \
         WHERE d.id = $1",
    )
    .bind(id)
    .fetch_optional(c)
    .await?
    .map(decision)
    .transpose()
}

/// Takes the decision's row lock: a rewrite of its anonymous answers, or a
/// change of the choice, waits for another to finish.
pub async fn lock(c: &mut Conn, id: i64) -> Result<(), DbError> {
    query("UPDATE decisions SET title = title WHERE id = $1").bind(id).execute(c).await?;
    Ok(())
}

/// A team's decisions, newest first.
pub async fn of_team(c: &mut Conn, team_id: i64) -> Result<Vec<DecisionLine>, DbError> {
    let rows = query(
        "SELECT id, title, input_deadline, decided_at, review_date FROM decisions WHERE team_id = $1 \
         ORDER BY created_at DESC, id DESC",
    )
    .bind(team_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| Ok(crate::from_row!(r => DecisionLine { id, title, input_deadline, decided_at, review_date })))
        .collect()
}

/// Adds or replaces a member's own contribution.
pub async fn put_contribution(c: &mut Conn, id: i64, person_id: i64, text: &str, now: i64) -> Result<(), DbError> {
    query(
        "INSERT INTO decision_inputs (decision_id, person_id, text, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (decision_id, person_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
    )
    .bind(id)
    .bind(person_id)
    .bind(text)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn contributions(c: &mut Conn, id: i64) -> Result<Vec<Contribution>, DbError> {
    let rows = query(
        "SELECT i.person_id, p.name, i.text, i.updated_at FROM decision_inputs i JOIN people p ON p.id = i.person_id \
         WHERE i.decision_id = $1 ORDER BY i.updated_at, i.person_id",
    )
    .bind(id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok(crate::from_row!(r => Contribution { person_id, name, text, updated_at }))).collect()
}

pub async fn insert_option(
    c: &mut Conn,
    id: i64,
    [title, pros, cons, interests]: &[String; 4],
    by: i64,
    now: i64,
) -> Result<i64, DbError> {
    query_scalar(
        "INSERT INTO decision_options (decision_id, title, pros, cons, interests, added_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(id)
    .bind(title.as_str())
    .bind(pros.as_str())
    .bind(cons.as_str())
    .bind(interests.as_str())
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await
}

pub async fn options(c: &mut Conn, id: i64) -> Result<Vec<DecisionOption>, DbError> {
    let rows =
        query("SELECT id, title, pros, cons, interests FROM decision_options WHERE decision_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(c)
            .await?;
    rows.into_iter().map(|r| Ok(crate::from_row!(r => DecisionOption { id, title, pros, cons, interests }))).collect()
}

/// Writes the choice; the first time also who decided and when.
pub(crate) async fn set_choice(c: &mut Conn, id: i64, ch: &CheckedChoice, by: i64, now: i64) -> Result<(), DbError> {
    query(
        "UPDATE decisions SET choice = $2, reasons = $3, consequences = $4, expectations = $5, review_date = $6, \
         decided_by = COALESCE(decided_by, $7), decided_at = COALESCE(decided_at, $8) WHERE id = $1",
    )
    .bind(id)
    .bind(ch.choice.as_str())
    .bind(ch.reasons.as_str())
    .bind(ch.consequences.as_str())
    .bind(ch.expectations.as_str())
    .bind(ch.review_date)
    .bind(by)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn insert_revision(
    c: &mut Conn,
    id: i64,
    by: i64,
    reason: &str,
    old: &str,
    new: &str,
    now: i64,
) -> Result<(), DbError> {
    query(
        "INSERT INTO decision_revisions (decision_id, revised_by, reason, old_choice, new_choice, revised_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(by)
    .bind(reason)
    .bind(old)
    .bind(new)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn revisions(c: &mut Conn, id: i64) -> Result<Vec<Revision>, DbError> {
    let rows = query(
        "SELECT r.revised_at AS at, p.name AS who, r.reason, r.old_choice, r.new_choice FROM decision_revisions r \
         JOIN people p ON p.id = r.revised_by WHERE r.decision_id = $1 ORDER BY r.revised_at, r.id",
    )
    .bind(id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok(crate::from_row!(r => Revision { at, who, reason, old_choice, new_choice }))).collect()
}

/// A review: the decision stands; its review date moves on to `next` (or none).
pub async fn insert_review(
    c: &mut Conn,
    d: &Decision,
    by: i64,
    note: &str,
    next: Option<Date>,
    now: i64,
) -> Result<(), DbError> {
    query(
        "INSERT INTO decision_reviews (decision_id, reviewed_by, due_on, note, next_review, reviewed_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(d.id)
    .bind(by)
    .bind(d.review_date)
    .bind(note)
    .bind(next)
    .bind(now)
    .execute(&mut *c)
    .await?;
    query("UPDATE decisions SET review_date = $2 WHERE id = $1").bind(d.id).bind(next).execute(c).await?;
    Ok(())
}

pub async fn reviews(c: &mut Conn, id: i64) -> Result<Vec<Review>, DbError> {
    let rows = query(
        "SELECT r.reviewed_at AS at, p.name AS who, r.due_on, r.note, r.next_review FROM decision_reviews r \
         JOIN people p ON p.id = r.reviewed_by WHERE r.decision_id = $1 ORDER BY r.reviewed_at, r.id",
    )
    .bind(id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok(crate::from_row!(r => Review { at, who, due_on, note, next_review }))).collect()
}

/// The decided decisions whose review date lies between `from` and `until`
/// (both included): (decision id, team id, review date), for the reminders.
pub async fn reviews_due_between(c: &mut Conn, from: Date, until: Date) -> Result<Vec<(i64, i64, Date)>, DbError> {
    let rows = query(
        "SELECT id, team_id, review_date FROM decisions WHERE decided_at IS NOT NULL \
         AND review_date >= $1 AND review_date <= $2 ORDER BY review_date, id",
    )
    .bind(from)
    .bind(until)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("id")?, r.get("team_id")?, r.get("review_date")?))).collect()
}

/// The decided decisions of the teams the person leads (team leader or
/// medical manager) whose review date has come: for the home page.
pub async fn reviews_due_of_leader(c: &mut Conn, person_id: i64, today: Date) -> Result<Vec<ReviewDue>, DbError> {
    let rows = query(
        "SELECT d.id, t.name AS team, d.title, d.review_date FROM decisions d JOIN teams t ON t.id = d.team_id \
         WHERE d.decided_at IS NOT NULL AND d.review_date <= $2 \
         AND EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = d.team_id AND m.person_id = $1 \
         AND m.role IN ('team_leader', 'medical_manager')) \
         ORDER BY d.review_date, d.id LIMIT 20",
    )
    .bind(person_id)
    .bind(today)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok(crate::from_row!(r => ReviewDue { id, team, title, review_date }))).collect()
}

/// The meeting the decision record was started from, if any.
pub async fn from_meeting(c: &mut Conn, id: i64) -> Result<Option<FromMeeting>, DbError> {
    query(
        "SELECT m.id, m.title, m.held_on FROM meeting_decisions x JOIN meetings m ON m.id = x.meeting_id \
         WHERE x.decision_id = $1",
    )
    .bind(id)
    .fetch_optional(c)
    .await?
    .map(|r| Ok(crate::from_row!(r => FromMeeting { id, title, held_on })))
    .transpose()
}

/// Marks that `person_id` answered the fairness question; false when they already had.
pub async fn add_mark(c: &mut Conn, id: i64, person_id: i64) -> Result<bool, DbError> {
    let n = query(
        "INSERT INTO decision_fairness_marks (decision_id, person_id) VALUES ($1, $2) \
         ON CONFLICT (decision_id, person_id) DO NOTHING",
    )
    .bind(id)
    .bind(person_id)
    .execute(c)
    .await?;
    Ok(n.rows_affected() > 0)
}

pub async fn remove_mark(c: &mut Conn, id: i64, person_id: i64) -> Result<(), DbError> {
    query("DELETE FROM decision_fairness_marks WHERE decision_id = $1 AND person_id = $2")
        .bind(id)
        .bind(person_id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn has_mark(c: &mut Conn, id: i64, person_id: i64) -> Result<bool, DbError> {
    let n: i64 = query_scalar("SELECT COUNT(*) FROM decision_fairness_marks WHERE decision_id = $1 AND person_id = $2")
        .bind(id)
        .bind(person_id)
        .fetch_one(c)
        .await?;
    Ok(n > 0)
}

/// An anonymous answer: a random id, a score and a comment; nothing else.
#[derive(Clone, Debug)]
pub struct FairnessAnswer {
    pub id: i64,
    pub score: i64,
    pub comment: String,
}

/// The decision's anonymous answers, in a stable shuffle (their random ids).
pub async fn fairness_answers(c: &mut Conn, id: i64) -> Result<Vec<FairnessAnswer>, DbError> {
    let rows = query("SELECT id, score, comment FROM decision_fairness_answers WHERE decision_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(c)
        .await?;
    rows.into_iter().map(|r| Ok(crate::from_row!(r => FairnessAnswer { id, score, comment }))).collect()
}

pub async fn delete_fairness_answers(c: &mut Conn, id: i64) -> Result<(), DbError> {
    query("DELETE FROM decision_fairness_answers WHERE decision_id = $1").bind(id).execute(c).await?;
    Ok(())
}

pub async fn insert_fairness_answer(c: &mut Conn, id: i64, a: &FairnessAnswer) -> Result<(), DbError> {
    query("INSERT INTO decision_fairness_answers (id, decision_id, score, comment) VALUES ($1, $2, $3, $4)")
        .bind(a.id)
        .bind(id)
        .bind(a.score)
        .bind(a.comment.as_str())
        .execute(c)
        .await?;
    Ok(())
}

/// Every decided decision of a team with its answers' scores, oldest first:
/// the team's fairness trend. (decision id, title, decided at, scores)
pub async fn team_scores(c: &mut Conn, team_id: i64) -> Result<Vec<(i64, String, i64, Vec<i64>)>, DbError> {
    let rows = query(
        "SELECT d.id, d.title, d.decided_at, a.score FROM decisions d \
         LEFT JOIN decision_fairness_answers a ON a.decision_id = d.id \
         WHERE d.team_id = $1 AND d.decided_at IS NOT NULL ORDER BY d.decided_at, d.id",
    )
    .bind(team_id)
    .fetch_all(c)
    .await?;
    let mut out: Vec<(i64, String, i64, Vec<i64>)> = Vec::new();
    for r in rows {
        let (id, score): (i64, Option<i64>) = (r.get("id")?, r.get("score")?);
        if out.last().is_none_or(|l| l.0 != id) {
            out.push((id, r.get("title")?, r.get("decided_at")?, Vec::new()));
        }
        if let (Some(last), Some(s)) = (out.last_mut(), score) {
            last.3.push(s);
        }
    }
    Ok(out)
}

/// The decisions of the person's teams (where they take part) that ask
/// something of them now: input before the deadline, or a decision made
/// since `decided_since` (unix ms), with whether they contributed and
/// answered the fairness question.
pub async fn for_home(
    c: &mut Conn,
    person_id: i64,
    today: Date,
    decided_since: i64,
) -> Result<Vec<DecisionItem>, DbError> {
    let rows = query(
        "SELECT d.id, t.name AS team, d.title, d.input_deadline, d.decided_at, \
         CASE WHEN EXISTS (SELECT 1 FROM decision_inputs i WHERE i.decision_id = d.id AND i.person_id = $1) \
         THEN 1 ELSE 0 END AS contributed, \
         CASE WHEN EXISTS (SELECT 1 FROM decision_fairness_marks f WHERE f.decision_id = d.id AND f.person_id = $1) \
         THEN 1 ELSE 0 END AS answered \
         FROM decisions d JOIN teams t ON t.id = d.team_id \
         WHERE EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = d.team_id AND m.person_id = $1 \
         AND m.role <> 'trainer') \
         AND ((d.decided_at IS NULL AND d.input_deadline >= $2) OR d.decided_at >= $3) \
         ORDER BY d.input_deadline, d.id",
    )
    .bind(person_id)
    .bind(today)
    .bind(decided_since)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(crate::from_row!(r => DecisionItem { id, team, title, input_deadline, decided_at,
                contributed, answered }))
        })
        .collect()
}
