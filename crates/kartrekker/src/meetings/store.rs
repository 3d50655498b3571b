//! SQL for meeting templates, meetings, their items, attendees, decisions and series.

use super::model::{AgendaItem, Attendee, Decision, Kind, Meeting, MeetingItem, Recurrence};
use crate::dates::Date;
use crate::db::{Conn, DbError, Row, query, query_scalar};
use crate::trajectories::model::StartTime;

/// An organisation's own template: id, kind, name and its agenda's minutes.
pub struct OwnTemplate {
    pub id: i64,
    pub kind: Kind,
    pub name: String,
    pub total_minutes: i64,
}

pub async fn insert_template(c: &mut Conn, org_id: i64, kind: Kind, name: &str, now: i64) -> Result<i64, DbError> {
    query_scalar(
        "INSERT INTO meeting_templates (org_id, kind, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) \
         RETURNING id",
    )
    .bind(org_id)
    .bind(kind)
    .bind(name)
    .bind(now)
    .fetch_one(c)
    .await
}

pub async fn rename_template(c: &mut Conn, id: i64, name: &str, now: i64) -> Result<(), DbError> {
    query("UPDATE meeting_templates SET name = $1, updated_at = $2 WHERE id = $3")
        .bind(name)
        .bind(now)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

/// Puts `items` in place of the template's agenda.
pub async fn replace_template_items(c: &mut Conn, template_id: i64, items: &[AgendaItem]) -> Result<(), DbError> {
    query("DELETE FROM meeting_template_items WHERE template_id = $1").bind(template_id).execute(&mut *c).await?;
    insert_agenda(
        c,
        "INSERT INTO meeting_template_items (template_id, ordinal, title, minutes, prompt) VALUES ($1, $2, $3, $4, $5)",
        template_id,
        items,
    )
    .await
}

/// Writes an agenda's items in their order under one owner (a template or
/// a meeting): `sql` inserts (owner, ordinal, title, minutes, prompt).
async fn insert_agenda(c: &mut Conn, sql: &'static str, owner: i64, items: &[AgendaItem]) -> Result<(), DbError> {
    for (n, i) in items.iter().enumerate() {
        query(sql)
            .bind(owner)
            .bind(n as i64 + 1)
            .bind(i.title.as_str())
            .bind(i.minutes)
            .bind(i.prompt.as_str())
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

pub async fn templates_of_org(c: &mut Conn, org_id: i64) -> Result<Vec<OwnTemplate>, DbError> {
    query(
        "SELECT t.id, t.kind, t.name, \
         (SELECT CAST(COALESCE(SUM(i.minutes), 0) AS BIGINT) FROM meeting_template_items i WHERE i.template_id = t.id) \
         AS total_minutes \
         FROM meeting_templates t WHERE t.org_id = $1 ORDER BY t.name, t.id",
    )
    .bind(org_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok(crate::from_row!(r => OwnTemplate { id, kind, name, total_minutes })))
    .collect()
}

/// The organisation's template `id`: its kind and name; None in another organisation.
pub async fn template(c: &mut Conn, org_id: i64, id: i64) -> Result<Option<(Kind, String)>, DbError> {
    match query("SELECT kind, name FROM meeting_templates WHERE id = $1 AND org_id = $2")
        .bind(id)
        .bind(org_id)
        .fetch_optional(c)
        .await?
    {
        Some(r) => Ok(Some((r.get("kind")?, r.get("name")?))),
        None => Ok(None),
    }
}

pub async fn template_items(c: &mut Conn, template_id: i64) -> Result<Vec<AgendaItem>, DbError> {
    query("SELECT title, minutes, prompt FROM meeting_template_items WHERE template_id = $1 ORDER BY ordinal")
        .bind(template_id)
        .fetch_all(c)
        .await?
        .into_iter()
        .map(|r| Ok(crate::from_row!(r => AgendaItem { title, minutes, prompt })))
        .collect()
}

pub async fn insert_series(
    c: &mut Conn,
    org_id: i64,
    team_id: i64,
    recurrence: Recurrence,
    now: i64,
) -> Result<i64, DbError> {
    query_scalar(
        "INSERT INTO meeting_series (org_id, team_id, recurrence, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(org_id)
    .bind(team_id)
    .bind(recurrence)
    .bind(now)
    .fetch_one(c)
    .await
}

pub struct NewMeeting<'a> {
    pub org_id: i64,
    pub team_id: i64,
    pub series_id: Option<i64>,
    pub kind: Kind,
    pub title: &'a str,
    pub held_on: Date,
    pub start_time: StartTime,
    pub chair_id: i64,
    pub created_by: i64,
}

/// The new meeting's id; None when its series already has a meeting that day.
pub async fn insert_meeting(c: &mut Conn, m: &NewMeeting<'_>, now: i64) -> Result<Option<i64>, DbError> {
    query_scalar(
        "INSERT INTO meetings (org_id, team_id, series_id, kind, title, held_on, start_time, chair_id, created_by, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (series_id, held_on) DO NOTHING RETURNING id",
    )
    .bind(m.org_id)
    .bind(m.team_id)
    .bind(m.series_id)
    .bind(m.kind)
    .bind(m.title)
    .bind(m.held_on)
    .bind(m.start_time)
    .bind(m.chair_id)
    .bind(m.created_by)
    .bind(now)
    .fetch_optional(c)
    .await
}

pub async fn in_series_on(c: &mut Conn, series_id: i64, day: Date) -> Result<Option<i64>, DbError> {
    query_scalar("SELECT id FROM meetings WHERE series_id = $1 AND held_on = $2")
        .bind(series_id)
        .bind(day)
        .fetch_optional(c)
        .await
}

pub async fn insert_items(c: &mut Conn, meeting_id: i64, items: &[AgendaItem]) -> Result<(), DbError> {
    let sql = "INSERT INTO meeting_items (meeting_id, ordinal, title, minutes, prompt) VALUES ($1, $2, $3, $4, $5)";
    insert_agenda(c, sql, meeting_id, items).await
}

pub async fn insert_attendee(c: &mut Conn, meeting_id: i64, person_id: i64) -> Result<(), DbError> {
    query("INSERT INTO meeting_attendees (meeting_id, person_id, present) VALUES ($1, $2, 1)")
        .bind(meeting_id)
        .bind(person_id)
        .execute(c)
        .await?;
    Ok(())
}

/// The columns of a `Meeting`.
macro_rules! select {
    ($($rest:expr),+) => {
        concat!(
            "SELECT m.id, m.org_id, m.team_id, t.name AS team, m.series_id, s.recurrence, m.kind, m.title, m.held_on, \
             m.start_time, m.chair_id, p.name AS chair, m.closed_at \
             FROM meetings m JOIN teams t ON t.id = m.team_id JOIN people p ON p.id = m.chair_id \
             LEFT JOIN meeting_series s ON s.id = m.series_id ",
            $($rest),+
        )
    };
}

fn meeting(r: Row) -> Result<Meeting, DbError> {
    Ok(crate::from_row!(r => Meeting { id, org_id, team_id, team, series_id, recurrence, kind, title, held_on,
        start_time, chair_id, chair, closed_at }))
}

fn all(rows: Vec<Row>) -> Result<Vec<Meeting>, DbError> {
    rows.into_iter().map(meeting).collect()
}

pub async fn by_id(c: &mut Conn, id: i64) -> Result<Option<Meeting>, DbError> {
    query(select!("WHERE m.id = $1")).bind(id).fetch_optional(c).await?.map(meeting).transpose()
}

/// The team's meetings from `from` on, soonest first.
pub async fn upcoming_of_team(c: &mut Conn, team_id: i64, from: Date) -> Result<Vec<Meeting>, DbError> {
    all(query(select!("WHERE m.team_id = $1 AND m.held_on >= $2 ORDER BY m.held_on, m.start_time, m.id LIMIT 50"))
        .bind(team_id)
        .bind(from)
        .fetch_all(c)
        .await?)
}

/// The team's meetings before `before`, latest first.
pub async fn past_of_team(c: &mut Conn, team_id: i64, before: Date, limit: i64) -> Result<Vec<Meeting>, DbError> {
    all(query(select!(
        "WHERE m.team_id = $1 AND m.held_on < $2 ORDER BY m.held_on DESC, m.start_time DESC, m.id DESC LIMIT $3"
    ))
    .bind(team_id)
    .bind(before)
    .bind(limit)
    .fetch_all(c)
    .await?)
}

/// A series' meetings, latest first: its history.
pub async fn of_series(c: &mut Conn, series_id: i64) -> Result<Vec<Meeting>, DbError> {
    all(query(select!("WHERE m.series_id = $1 ORDER BY m.held_on DESC")).bind(series_id).fetch_all(c).await?)
}

pub async fn items(c: &mut Conn, meeting_id: i64) -> Result<Vec<MeetingItem>, DbError> {
    query(
        "SELECT id, ordinal, title, minutes, prompt, notes, pulse_round_id FROM meeting_items WHERE meeting_id = $1 \
         ORDER BY ordinal",
    )
    .bind(meeting_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| {
        Ok(crate::from_row!(r => MeetingItem { id, position: "ordinal", title, minutes, prompt, notes, pulse_round_id }))
    })
    .collect()
}

/// Adds an item at the end of the agenda about a pulse round; None when the
/// round is on this meeting's agenda already.
pub async fn append_pulse_item(
    c: &mut Conn,
    meeting_id: i64,
    item: &AgendaItem,
    round_id: i64,
) -> Result<Option<i64>, DbError> {
    query_scalar(
        "INSERT INTO meeting_items (meeting_id, ordinal, title, minutes, prompt, pulse_round_id) \
         SELECT $1, COALESCE(MAX(ordinal), 0) + 1, $2, $3, $4, $5 FROM meeting_items WHERE meeting_id = $1 \
         ON CONFLICT (pulse_round_id, meeting_id) DO NOTHING RETURNING id",
    )
    .bind(meeting_id)
    .bind(item.title.as_str())
    .bind(item.minutes)
    .bind(item.prompt.as_str())
    .bind(round_id)
    .fetch_optional(c)
    .await
}

/// The meetings whose agenda holds one of the team's pulse rounds: (round, meeting), by date.
pub async fn pulse_agendas_of_team(c: &mut Conn, team_id: i64) -> Result<Vec<(i64, Meeting)>, DbError> {
    query(
        "SELECT i.pulse_round_id, m.id, m.org_id, m.team_id, t.name AS team, m.series_id, s.recurrence, m.kind, \
         m.title, m.held_on, m.start_time, m.chair_id, p.name AS chair, m.closed_at \
         FROM pulse_rounds r JOIN meeting_items i ON i.pulse_round_id = r.id JOIN meetings m ON m.id = i.meeting_id \
         JOIN teams t ON t.id = m.team_id JOIN people p ON p.id = m.chair_id \
         LEFT JOIN meeting_series s ON s.id = m.series_id \
         WHERE r.team_id = $1 AND m.team_id = $1 ORDER BY m.held_on, m.start_time, m.id",
    )
    .bind(team_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok((r.get("pulse_round_id")?, meeting(r)?)))
    .collect()
}

pub async fn attendees(c: &mut Conn, meeting_id: i64) -> Result<Vec<Attendee>, DbError> {
    query(
        "SELECT a.person_id, p.name, a.present FROM meeting_attendees a JOIN people p ON p.id = a.person_id \
         WHERE a.meeting_id = $1 ORDER BY p.name, a.person_id",
    )
    .bind(meeting_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok(crate::from_row!(r => Attendee { person_id, name, present })))
    .collect()
}

pub async fn decisions(c: &mut Conn, meeting_id: i64) -> Result<Vec<Decision>, DbError> {
    query("SELECT id, text, concerns, decision_id FROM meeting_decisions WHERE meeting_id = $1 ORDER BY id")
        .bind(meeting_id)
        .fetch_all(c)
        .await?
        .into_iter()
        .map(|r| Ok(crate::from_row!(r => Decision { id, text, concerns, decision_id })))
        .collect()
}

/// Writes an item's notes; false when the meeting has no such item.
pub async fn set_notes(c: &mut Conn, meeting_id: i64, item_id: i64, notes: &str) -> Result<bool, DbError> {
    let done = query("UPDATE meeting_items SET notes = $1 WHERE id = $2 AND meeting_id = $3")
        .bind(notes)
        .bind(item_id)
        .bind(meeting_id)
        .execute(c)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_present(c: &mut Conn, meeting_id: i64, person_id: i64, present: bool) -> Result<(), DbError> {
    query("UPDATE meeting_attendees SET present = $1 WHERE meeting_id = $2 AND person_id = $3")
        .bind(present)
        .bind(meeting_id)
        .bind(person_id)
        .execute(c)
        .await?;
    Ok(())
}

/// A decision of the meeting: a simple one, or (with `decision_id`) the
/// Fair Process record it became.
pub struct NewDecision<'a> {
    pub meeting_id: i64,
    pub text: &'a str,
    pub concerns: &'a str,
    pub decision_id: Option<i64>,
    pub by: i64,
}

pub async fn insert_decision(c: &mut Conn, d: &NewDecision<'_>, now: i64) -> Result<i64, DbError> {
    query_scalar(
        "INSERT INTO meeting_decisions (meeting_id, text, concerns, decision_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(d.meeting_id)
    .bind(d.text)
    .bind(d.concerns)
    .bind(d.decision_id)
    .bind(d.by)
    .bind(now)
    .fetch_one(c)
    .await
}

/// Closes an open meeting; false when it was closed already.
pub async fn close(c: &mut Conn, id: i64, now: i64) -> Result<bool, DbError> {
    let done = query("UPDATE meetings SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(c)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The person's meetings between `from` and `until` (both included), soonest first: for the home page.
pub async fn of_attendee(c: &mut Conn, person_id: i64, from: Date, until: Date) -> Result<Vec<Meeting>, DbError> {
    all(query(select!(
        "JOIN meeting_attendees a ON a.meeting_id = m.id AND a.person_id = $1 \
         WHERE m.held_on >= $2 AND m.held_on <= $3 AND m.closed_at IS NULL ORDER BY m.held_on, m.start_time LIMIT 20"
    ))
    .bind(person_id)
    .bind(from)
    .bind(until)
    .fetch_all(c)
    .await?)
}

/// Asks `person_id` for feedback on the chairing; asking twice asks once.
pub async fn ask_feedback(c: &mut Conn, meeting_id: i64, person_id: i64) -> Result<(), DbError> {
    query(
        "INSERT INTO meeting_feedback_requests (meeting_id, person_id, answered) VALUES ($1, $2, 0) \
         ON CONFLICT (meeting_id, person_id) DO NOTHING",
    )
    .bind(meeting_id)
    .bind(person_id)
    .execute(c)
    .await?;
    Ok(())
}

/// Whether the person was asked, and has answered.
pub async fn feedback_request(c: &mut Conn, meeting_id: i64, person_id: i64) -> Result<Option<bool>, DbError> {
    query_scalar("SELECT answered FROM meeting_feedback_requests WHERE meeting_id = $1 AND person_id = $2")
        .bind(meeting_id)
        .bind(person_id)
        .fetch_optional(c)
        .await
}

/// Marks the request answered; false when it was answered already.
pub async fn mark_answered(c: &mut Conn, meeting_id: i64, person_id: i64) -> Result<bool, DbError> {
    let done = query(
        "UPDATE meeting_feedback_requests SET answered = 1 WHERE meeting_id = $1 AND person_id = $2 AND answered = 0",
    )
    .bind(meeting_id)
    .bind(person_id)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes the meeting's row lock, so that two rewrites of its answers never interleave.
pub async fn lock(c: &mut Conn, meeting_id: i64) -> Result<(), DbError> {
    query("UPDATE meetings SET kind = kind WHERE id = $1").bind(meeting_id).execute(c).await?;
    Ok(())
}

/// Gives a request back when its answer could not be written: the person may try again.
pub async fn unmark_answered(c: &mut Conn, meeting_id: i64, person_id: i64) -> Result<(), DbError> {
    query("UPDATE meeting_feedback_requests SET answered = 0 WHERE meeting_id = $1 AND person_id = $2")
        .bind(meeting_id)
        .bind(person_id)
        .execute(c)
        .await?;
    Ok(())
}

/// One answer: its (random) id, the three scores and the comment; nothing names its author.
pub type Answer = (i64, [i64; 3], String);

/// Every answer of the meeting, to be written again.
pub async fn answers(c: &mut Conn, meeting_id: i64) -> Result<Vec<Answer>, DbError> {
    query(
        "SELECT id, preparation, leadership, dynamics, comment FROM meeting_feedback WHERE meeting_id = $1 ORDER BY id",
    )
    .bind(meeting_id)
    .fetch_all(c)
    .await?
    .into_iter()
    .map(|r| Ok((r.get("id")?, [r.get("preparation")?, r.get("leadership")?, r.get("dynamics")?], r.get("comment")?)))
    .collect()
}

pub async fn delete_answers(c: &mut Conn, meeting_id: i64) -> Result<(), DbError> {
    query("DELETE FROM meeting_feedback WHERE meeting_id = $1").bind(meeting_id).execute(c).await?;
    Ok(())
}

pub async fn insert_answer(c: &mut Conn, meeting_id: i64, a: &Answer) -> Result<(), DbError> {
    query(
        "INSERT INTO meeting_feedback (id, meeting_id, preparation, leadership, dynamics, comment) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(a.0)
    .bind(meeting_id)
    .bind(a.1[0])
    .bind(a.1[1])
    .bind(a.1[2])
    .bind(a.2.as_str())
    .execute(c)
    .await?;
    Ok(())
}

/// How many were asked for feedback on the meeting's chairing.
pub async fn feedback_asked(c: &mut Conn, meeting_id: i64) -> Result<i64, DbError> {
    query_scalar("SELECT COUNT(*) FROM meeting_feedback_requests WHERE meeting_id = $1")
        .bind(meeting_id)
        .fetch_one(c)
        .await
}

/// The closed meetings whose chairing the person was asked about and has not answered yet.
pub async fn feedback_to_give(c: &mut Conn, person_id: i64) -> Result<Vec<Meeting>, DbError> {
    all(query(select!(
        "JOIN meeting_feedback_requests f ON f.meeting_id = m.id AND f.person_id = $1 AND f.answered = 0 \
         ORDER BY m.held_on DESC LIMIT 20"
    ))
    .bind(person_id)
    .fetch_all(c)
    .await?)
}

/// The meetings the person chaired and asked feedback on, latest first: for
/// a resident's portfolio (issue 18).
pub async fn chaired_with_feedback(c: &mut Conn, person_id: i64) -> Result<Vec<Meeting>, DbError> {
    all(query(select!(
        "WHERE m.chair_id = $1 AND m.id IN (SELECT f.meeting_id FROM meeting_feedback_requests f) \
         ORDER BY m.held_on DESC LIMIT 20"
    ))
    .bind(person_id)
    .fetch_all(c)
    .await?)
}
