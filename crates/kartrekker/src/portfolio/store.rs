//! SQL for the portfolio: phases, activities, feedback and plan versions.

use super::model::{Activity, Card, CardTexts, Comment, Feedback, LinkKind, Phase, PhaseInfo, Plan};
use crate::dates::Date;
use crate::db::{Conn, DbError, Row};

pub async fn phase(c: &mut Conn, resident_id: i64) -> Result<Option<PhaseInfo>, DbError> {
    let row = crate::db::query(
        "SELECT f.phase, f.since, p.name AS set_by FROM portfolio_phases f \
         LEFT JOIN people p ON p.id = f.set_by WHERE f.resident_id = $1",
    )
    .bind(resident_id)
    .fetch_optional(c)
    .await?;
    row.map(|r| Ok(crate::from_row!(r => PhaseInfo { phase, since, set_by }))).transpose()
}

pub async fn set_phase(
    c: &mut Conn,
    resident_id: i64,
    phase: Phase,
    since: Date,
    by: i64,
    now: i64,
) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO portfolio_phases (resident_id, phase, since, set_by, set_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (resident_id) DO UPDATE SET phase = $2, since = $3, set_by = $4, set_at = $5",
    )
    .bind(resident_id)
    .bind(phase)
    .bind(since)
    .bind(by)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// Whether `opleider_id` is opleider in a team where `resident_id` is a resident.
pub async fn trains(c: &mut Conn, opleider_id: i64, resident_id: i64) -> Result<bool, DbError> {
    let n: i64 = crate::db::query_scalar(
        "SELECT COUNT(*) FROM team_members o JOIN team_members r ON r.team_id = o.team_id \
         WHERE o.person_id = $1 AND o.role = 'opleider' AND r.person_id = $2 AND r.role = 'resident'",
    )
    .bind(opleider_id)
    .bind(resident_id)
    .fetch_one(c)
    .await?;
    Ok(n > 0)
}

/// A resident an opleider trains, with what they shared.
#[derive(Clone, Debug)]
pub struct ResidentRow {
    pub id: i64,
    pub name: String,
    pub phase: Option<Phase>,
    pub shared_activities: i64,
    /// The day of the latest activity, shared or not: to spot who is quiet.
    pub last_activity: Option<Date>,
}

pub async fn residents_of(c: &mut Conn, opleider_id: i64) -> Result<Vec<ResidentRow>, DbError> {
    let rows = crate::db::query(
        "SELECT p.id, p.name, f.phase, \
         (SELECT COUNT(*) FROM portfolio_activities a WHERE a.resident_id = p.id AND a.shared = 1) AS shared_activities, \
         (SELECT MAX(a.happened_on) FROM portfolio_activities a WHERE a.resident_id = p.id) AS last_activity \
         FROM people p LEFT JOIN portfolio_phases f ON f.resident_id = p.id \
         WHERE p.erased_at IS NULL AND p.id IN (SELECT r.person_id FROM team_members o \
           JOIN team_members r ON r.team_id = o.team_id AND r.role = 'resident' \
           WHERE o.person_id = $1 AND o.role = 'opleider') \
         ORDER BY p.name, p.id",
    )
    .bind(opleider_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| Ok(crate::from_row!(r => ResidentRow { id, name, phase, shared_activities, last_activity })))
        .collect()
}

pub(crate) struct NewActivity<'a> {
    pub org_id: i64,
    pub resident_id: i64,
    pub checked: &'a super::model::CheckedActivity,
    pub phase: Phase,
    pub shared: bool,
}

pub(crate) async fn insert_activity(c: &mut Conn, a: &NewActivity<'_>, now: i64) -> Result<i64, DbError> {
    let x = a.checked;
    crate::db::query_scalar(
        "INSERT INTO portfolio_activities (org_id, resident_id, kind, level, phase, happened_on, what, went_well, \
         next_time, card, link_kind, link_id, shared, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(a.org_id)
    .bind(a.resident_id)
    .bind(x.kind)
    .bind(x.level)
    .bind(a.phase)
    .bind(x.happened_on)
    .bind(x.what.as_str())
    .bind(x.went_well.as_str())
    .bind(x.next_time.as_str())
    .bind(x.card)
    .bind(x.link.map(|(k, _)| k))
    .bind(x.link.map(|(_, id)| id))
    .bind(a.shared)
    .bind(now)
    .fetch_one(c)
    .await
}

/// The columns of an `Activity`.
macro_rules! select_activity {
    ($($rest:expr),+) => {
        concat!(
            "SELECT id, resident_id, kind, level, phase, happened_on, what, went_well, next_time, card, \
             link_kind, link_id, shared FROM portfolio_activities ",
            $($rest),+
        )
    };
}

fn activity(r: Row) -> Result<Activity, DbError> {
    Ok(crate::from_row!(r => Activity { id, resident_id, kind, level, phase, happened_on, what, went_well, next_time,
        card, link_kind, link_id, shared }))
}

/// A resident's activities, newest first; only the shared ones when `shared_only`.
pub async fn activities(c: &mut Conn, resident_id: i64, shared_only: bool) -> Result<Vec<Activity>, DbError> {
    crate::db::query(select_activity!(
        "WHERE resident_id = $1 AND ($2 = 0 OR shared = 1) ORDER BY happened_on DESC, id DESC"
    ))
    .bind(resident_id)
    .bind(shared_only)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(activity)
    .collect()
}

pub(crate) struct NewFeedback<'a> {
    pub org_id: i64,
    pub resident_id: i64,
    pub checked: &'a super::model::CheckedFeedback,
    pub expires_at: i64,
}

pub(crate) async fn insert_feedback(c: &mut Conn, f: &NewFeedback<'_>, now: i64) -> Result<i64, DbError> {
    let x = f.checked;
    crate::db::query_scalar(
        "INSERT INTO portfolio_feedback (org_id, resident_id, activity_id, form, situation, giver_name, giver_email, \
         expires_at, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'asked', $9) RETURNING id",
    )
    .bind(f.org_id)
    .bind(f.resident_id)
    .bind(x.activity)
    .bind(x.form)
    .bind(x.situation.as_str())
    .bind(x.giver_name.as_str())
    .bind(x.giver_email.as_str())
    .bind(f.expires_at)
    .bind(now)
    .fetch_one(c)
    .await
}

/// The columns of a `Feedback`.
macro_rules! select_feedback {
    ($($rest:expr),+) => {
        concat!(
            "SELECT f.id, f.resident_id, p.name AS resident, f.activity_id, f.form, f.situation, f.giver_name, \
             f.giver_email, f.expires_at, f.reminded_at, f.status, f.answer_1, f.answer_2, f.answer_3, \
             f.answered_at, f.reflection, f.shared, f.created_at \
             FROM portfolio_feedback f JOIN people p ON p.id = f.resident_id ",
            $($rest),+
        )
    };
}

fn feedback(r: Row) -> Result<Feedback, DbError> {
    let form: super::model::FeedbackForm = r.get("form")?;
    let mut answers = Vec::new();
    for column in ["answer_1", "answer_2", "answer_3"].iter().take(form.questions().len()) {
        answers.push(r.get(column)?);
    }
    Ok(crate::from_row!(r => Feedback { id, resident_id, resident, activity_id, form, situation, giver_name,
        giver_email, expires_at, reminded_at, status, answers = answers, answered_at, reflection, shared, created_at }))
}

pub async fn feedback_by_id(c: &mut Conn, id: i64) -> Result<Option<Feedback>, DbError> {
    crate::db::query(select_feedback!("WHERE f.id = $1")).bind(id).fetch_optional(c).await?.map(feedback).transpose()
}

pub async fn feedback_by_token(c: &mut Conn, hash: &str) -> Result<Option<Feedback>, DbError> {
    crate::db::query(select_feedback!("WHERE f.token_hash = $1"))
        .bind(hash)
        .fetch_optional(c)
        .await?
        .map(feedback)
        .transpose()
}

/// A resident's feedback requests, newest first; only the shared ones when `shared_only`.
pub async fn feedback_of(c: &mut Conn, resident_id: i64, shared_only: bool) -> Result<Vec<Feedback>, DbError> {
    crate::db::query(select_feedback!(
        "WHERE f.resident_id = $1 AND ($2 = 0 OR f.shared = 1) ORDER BY f.created_at DESC, f.id DESC"
    ))
    .bind(resident_id)
    .bind(shared_only)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(feedback)
    .collect()
}

/// A new link for a request: the earlier one stops working (only the latest e-mail works).
pub async fn set_token(c: &mut Conn, id: i64, hash: &str, reminded_at: Option<i64>) -> Result<(), DbError> {
    crate::db::query(
        "UPDATE portfolio_feedback SET token_hash = $2, reminded_at = COALESCE($3, reminded_at) \
         WHERE id = $1 AND status = 'asked'",
    )
    .bind(id)
    .bind(hash)
    .bind(reminded_at)
    .execute(c)
    .await?;
    Ok(())
}

/// Who answers: the holder of a link, or someone with an account asked by their e-mail address.
pub enum Giver<'a> {
    Link(&'a str),
    Account { feedback_id: i64, email: &'a str },
}

/// Answers or declines: only while the request is open and unexpired, and
/// the link is spent with it (one winner).
pub async fn close(
    c: &mut Conn,
    giver: Giver<'_>,
    status: super::model::FeedbackStatus,
    answers: &[String],
    now: i64,
) -> Result<Option<i64>, DbError> {
    let a = |i: usize| answers.get(i).cloned().unwrap_or_default();
    let (hash, id, email) = match giver {
        Giver::Link(hash) => (Some(hash), None, None),
        Giver::Account { feedback_id, email } => (None, Some(feedback_id), Some(email)),
    };
    crate::db::query_scalar(
        "UPDATE portfolio_feedback SET status = $2, answer_1 = $3, answer_2 = $4, answer_3 = $5, answered_at = $6, \
         token_hash = NULL WHERE (token_hash = $1 OR (id = $7 AND giver_email = $8)) \
         AND status = 'asked' AND expires_at > $6 RETURNING id",
    )
    .bind(hash)
    .bind(status)
    .bind(a(0))
    .bind(a(1))
    .bind(a(2))
    .bind(now)
    .bind(id)
    .bind(email)
    .fetch_optional(c)
    .await
}

/// Open requests asked of this e-mail address (someone with an account), newest first.
pub async fn asked_of(c: &mut Conn, email: &str, now: i64) -> Result<Vec<Feedback>, DbError> {
    crate::db::query(select_feedback!(
        "WHERE f.giver_email = $1 AND f.status = 'asked' AND f.expires_at > $2 ORDER BY f.created_at DESC"
    ))
    .bind(email)
    .bind(now)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(feedback)
    .collect()
}

/// The opleiders of a resident: whoever is opleider in a team where they are a resident.
pub async fn opleiders_of(c: &mut Conn, resident_id: i64) -> Result<Vec<i64>, DbError> {
    crate::db::query_scalar(
        "SELECT DISTINCT o.person_id FROM team_members o JOIN team_members r ON r.team_id = o.team_id \
         WHERE r.person_id = $1 AND r.role = 'resident' AND o.role = 'opleider' AND o.person_id <> $1 ORDER BY o.person_id",
    )
    .bind(resident_id)
    .fetch_all(c)
    .await
}

/// Residents of this opleider who shared a plan version since `since`: (resident id, name, version).
pub async fn plans_shared_with(c: &mut Conn, opleider_id: i64, since: i64) -> Result<Vec<(i64, String, i64)>, DbError> {
    let rows = crate::db::query(
        "SELECT p.id, p.name, MAX(v.version) AS version FROM portfolio_plans v JOIN people p ON p.id = v.resident_id \
         WHERE v.shared = 1 AND v.created_at >= $2 AND p.erased_at IS NULL AND v.resident_id IN \
         (SELECT r.person_id FROM team_members o JOIN team_members r ON r.team_id = o.team_id AND r.role = 'resident' \
          WHERE o.person_id = $1 AND o.role = 'opleider') GROUP BY p.id, p.name ORDER BY p.name",
    )
    .bind(opleider_id)
    .bind(since)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("id")?, r.get("name")?, r.get("version")?))).collect()
}

pub async fn set_feedback_reflection(c: &mut Conn, id: i64, reflection: &str, shared: bool) -> Result<(), DbError> {
    crate::db::query("UPDATE portfolio_feedback SET reflection = $2, shared = $3 WHERE id = $1")
        .bind(id)
        .bind(reflection)
        .bind(shared)
        .execute(c)
        .await?;
    Ok(())
}

/// Open requests asked before `before`, not yet reminded and still valid at `now`.
pub async fn to_remind(c: &mut Conn, before: i64, now: i64) -> Result<Vec<i64>, DbError> {
    crate::db::query_scalar(
        "SELECT id FROM portfolio_feedback WHERE status = 'asked' AND reminded_at IS NULL \
         AND created_at <= $1 AND expires_at > $2 ORDER BY id",
    )
    .bind(before)
    .bind(now)
    .fetch_all(c)
    .await
}

pub async fn insert_plan(
    c: &mut Conn,
    resident_id: i64,
    steps: &[String; 6],
    shared: bool,
    now: i64,
) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO portfolio_plans (resident_id, version, kind_of_doctor, look_around, ask_others, possibilities, \
         timing, in_order, shared, created_at) \
         VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM portfolio_plans WHERE resident_id = $1), \
         $2, $3, $4, $5, $6, $7, $8, $9) RETURNING version",
    )
    .bind(resident_id)
    .bind(steps[0].as_str())
    .bind(steps[1].as_str())
    .bind(steps[2].as_str())
    .bind(steps[3].as_str())
    .bind(steps[4].as_str())
    .bind(steps[5].as_str())
    .bind(shared)
    .bind(now)
    .fetch_one(c)
    .await
}

fn plan(r: Row) -> Result<Plan, DbError> {
    let steps = [
        r.get("kind_of_doctor")?,
        r.get("look_around")?,
        r.get("ask_others")?,
        r.get("possibilities")?,
        r.get("timing")?,
        r.get("in_order")?,
    ];
    Ok(crate::from_row!(r => Plan { id, version, steps = steps, shared, created_at }))
}

/// A resident's plan versions, newest first; only the shared ones when `shared_only`.
pub async fn plans(c: &mut Conn, resident_id: i64, shared_only: bool) -> Result<Vec<Plan>, DbError> {
    crate::db::query(
        "SELECT id, version, kind_of_doctor, look_around, ask_others, possibilities, timing, in_order, shared, \
         created_at FROM portfolio_plans WHERE resident_id = $1 AND ($2 = 0 OR shared = 1) ORDER BY version DESC",
    )
    .bind(resident_id)
    .bind(shared_only)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(plan)
    .collect()
}

/// What a resident may link an activity to, besides the actions she pulls:
/// meetings she chaired or attended since `since`, improvement projects she
/// pulls, and decisions of her teams. (kind, id, title, day), by kind, newest first.
pub async fn link_options(
    c: &mut Conn,
    person_id: i64,
    since: Date,
) -> Result<Vec<(LinkKind, i64, String, Option<Date>)>, DbError> {
    let rows = crate::db::query(
        "SELECT 'meeting' AS kind, m.id, m.title, m.held_on AS day FROM meetings m \
         WHERE m.held_on >= $2 AND (m.chair_id = $1 OR m.id IN \
           (SELECT a.meeting_id FROM meeting_attendees a WHERE a.person_id = $1)) \
         UNION ALL SELECT 'project' AS kind, j.id, j.title, NULL AS day FROM improvement_projects j \
         WHERE j.kartrekker_id = $1 \
         UNION ALL SELECT 'decision' AS kind, d.id, d.title, NULL AS day FROM decisions d \
         WHERE d.team_id IN (SELECT t.team_id FROM team_members t WHERE t.person_id = $1) \
         ORDER BY kind, day DESC, id DESC",
    )
    .bind(person_id)
    .bind(since)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("kind")?, r.get("id")?, r.get("title")?, r.get("day")?))).collect()
}

/// Whether the person may link an activity to the thing: an action or
/// improvement project she pulls, a meeting she chaired or attended, a
/// decision of a team she is a member of.
pub async fn may_link(c: &mut Conn, person_id: i64, kind: LinkKind, id: i64) -> Result<bool, DbError> {
    let sql = match kind {
        LinkKind::Action => "SELECT COUNT(*) FROM actions WHERE id = $2 AND kartrekker_id = $1",
        LinkKind::Meeting => {
            "SELECT COUNT(*) FROM meetings m WHERE m.id = $2 AND (m.chair_id = $1 OR EXISTS \
             (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.person_id = $1))"
        }
        LinkKind::Project => "SELECT COUNT(*) FROM improvement_projects WHERE id = $2 AND kartrekker_id = $1",
        LinkKind::Decision => {
            "SELECT COUNT(*) FROM decisions d WHERE d.id = $2 AND d.team_id IN \
             (SELECT t.team_id FROM team_members t WHERE t.person_id = $1)"
        }
    };
    let n: i64 = crate::db::query_scalar(sql).bind(person_id).bind(id).fetch_one(c).await?;
    Ok(n > 0)
}

pub async fn insert_comment(
    c: &mut Conn,
    resident_id: i64,
    activity_id: Option<i64>,
    author_id: i64,
    text: &str,
    now: i64,
) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO portfolio_comments (resident_id, activity_id, author_id, text, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(resident_id)
    .bind(activity_id)
    .bind(author_id)
    .bind(text)
    .bind(now)
    .fetch_one(c)
    .await
}

/// The comments on a resident's portfolio, oldest first.
pub async fn comments(c: &mut Conn, resident_id: i64) -> Result<Vec<Comment>, DbError> {
    crate::db::query(
        "SELECT k.id, k.activity_id, p.name AS author, k.text, k.created_at FROM portfolio_comments k \
         LEFT JOIN people p ON p.id = k.author_id WHERE k.resident_id = $1 ORDER BY k.created_at, k.id",
    )
    .bind(resident_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok(crate::from_row!(r => Comment { id, activity_id, author, text, created_at })))
    .collect()
}

/// Active residents with the day of their latest activity (None: none yet)
/// and the day they became a resident's membership (their person's creation).
pub async fn residents_with_last_activity(c: &mut Conn) -> Result<Vec<(i64, Option<Date>, i64)>, DbError> {
    let rows = crate::db::query(
        "SELECT p.id, (SELECT MAX(a.happened_on) FROM portfolio_activities a WHERE a.resident_id = p.id) AS last, \
         p.created_at FROM people p WHERE p.erased_at IS NULL AND p.deactivated_at IS NULL \
         AND p.id IN (SELECT person_id FROM team_members WHERE role = 'resident') ORDER BY p.id",
    )
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("id")?, r.get("last")?, r.get("created_at")?))).collect()
}

/// The day of the resident's latest activity, if any, and when her person was made.
pub async fn last_activity(c: &mut Conn, resident_id: i64) -> Result<(Option<Date>, i64), DbError> {
    let r = crate::db::query(
        "SELECT (SELECT MAX(a.happened_on) FROM portfolio_activities a WHERE a.resident_id = p.id) AS last, \
         p.created_at FROM people p WHERE p.id = $1",
    )
    .bind(resident_id)
    .fetch_one(c)
    .await?;
    Ok((r.get("last")?, r.get("created_at")?))
}

/// Whether the person is a resident in some team.
pub async fn is_resident(c: &mut Conn, person_id: i64) -> Result<bool, DbError> {
    let n: i64 =
        crate::db::query_scalar("SELECT COUNT(*) FROM team_members WHERE person_id = $1 AND role = 'resident'")
            .bind(person_id)
            .fetch_one(c)
            .await?;
    Ok(n > 0)
}

/// The organisation's own card texts: edited built-in cards and its own, in the order made.
pub async fn org_cards(c: &mut Conn, org_id: i64) -> Result<Vec<CardTexts>, DbError> {
    crate::db::query(
        "SELECT id, code, title_nl, text_nl, title_en, text_en FROM portfolio_cards WHERE org_id = $1 ORDER BY id",
    )
    .bind(org_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok(crate::from_row!(r => CardTexts { id, builtin: "code", title_nl, text_nl, title_en, text_en })))
    .collect()
}

/// Writes a card's texts: a built-in card's (one row per organisation and
/// code), an own card by its id, or a new own card (`None`, `None`).
pub async fn put_card(
    c: &mut Conn,
    org_id: i64,
    builtin: Option<Card>,
    id: Option<i64>,
    t: &[String; 4],
    by: i64,
    now: i64,
) -> Result<Option<i64>, DbError> {
    if let (None, Some(id)) = (builtin, id) {
        return crate::db::query_scalar(
            "UPDATE portfolio_cards SET title_nl = $3, text_nl = $4, title_en = $5, text_en = $6, updated_by = $7, \
             updated_at = $8 WHERE org_id = $1 AND code IS NULL AND id = $2 RETURNING id",
        )
        .bind(org_id)
        .bind(id)
        .bind(t[0].as_str())
        .bind(t[1].as_str())
        .bind(t[2].as_str())
        .bind(t[3].as_str())
        .bind(by)
        .bind(now)
        .fetch_optional(c)
        .await;
    }
    // A built-in card has one row per organisation; an own card is new.
    crate::db::query_scalar(
        "INSERT INTO portfolio_cards (org_id, code, title_nl, text_nl, title_en, text_en, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (org_id, code) DO UPDATE SET title_nl = $3, \
         text_nl = $4, title_en = $5, text_en = $6, updated_by = $7, updated_at = $8 RETURNING id",
    )
    .bind(org_id)
    .bind(builtin)
    .bind(t[0].as_str())
    .bind(t[1].as_str())
    .bind(t[2].as_str())
    .bind(t[3].as_str())
    .bind(by)
    .bind(now)
    .fetch_optional(c)
    .await
}
