//! SQL for the home page's trajectory parts: intakes to answer, "did this
//! help?" to answer, sessions to come, and where the teams a person leads,
//! trains or follows stand. One query each, for all of the person's teams.

use crate::dates::Date;
use crate::db::{Conn, DbError, Row};
use crate::home::{IntakeToAnswer, TeamStanding, UpcomingSession, VoteOpen};

/// The teams person `$1` is in, whatever the role.
macro_rules! my_teams {
    () => {
        "(SELECT team_id FROM team_members WHERE person_id = $1)"
    };
}

/// Intakes still open in the person's teams that they have not answered;
/// the trainer does not answer.
pub async fn intakes_to_answer(c: &mut Conn, person_id: i64) -> Result<Vec<IntakeToAnswer>, DbError> {
    let rows = crate::db::query(concat!(
        "SELECT tr.id, tr.team_id, t.name AS team FROM trajectories tr JOIN teams t ON t.id = tr.team_id \
         WHERE tr.phase = 'intake' AND tr.trainer_id <> $1 AND tr.team_id IN ",
        my_teams!(),
        " AND NOT EXISTS (SELECT 1 FROM trajectory_intake_participants ip \
         WHERE ip.trajectory_id = tr.id AND ip.person_id = $1) ORDER BY t.name, tr.id"
    ))
    .bind(person_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok(crate::from_row!(r => IntakeToAnswer { team_id, team, trajectory_id: "id" }))).collect()
}

/// Evaluations the person's teams work on now, dated up to `until` (or not
/// dated), with the agreed actions the person has not said "helped" or not
/// for. The trainer does not vote.
pub async fn votes_open(c: &mut Conn, person_id: i64, until: Date) -> Result<Vec<VoteOpen>, DbError> {
    let rows = crate::db::query(concat!(
        "SELECT tr.id, tr.team_id, t.name AS team, s.date, \
         (SELECT COUNT(*) FROM actions a WHERE a.team_id = tr.team_id AND a.origin_id = tr.id \
         AND a.origin_kind IN ('mirror_session', 'evaluation') AND NOT EXISTS (SELECT 1 FROM trajectory_helped h \
         WHERE h.session_id = s.id AND h.action_id = a.id AND h.person_id = $1)) AS unanswered \
         FROM trajectories tr JOIN teams t ON t.id = tr.team_id \
         JOIN trajectory_sessions s ON s.trajectory_id = tr.id AND s.kind = 'evaluation' AND s.completed_at IS NULL \
         WHERE tr.phase IN ('evaluation', 're_evaluation') AND tr.trainer_id <> $1 AND tr.team_id IN ",
        my_teams!(),
        " AND (s.date IS NULL OR s.date <= $2) AND s.seq = (SELECT MAX(s2.seq) FROM trajectory_sessions s2 \
         WHERE s2.trajectory_id = tr.id AND s2.kind = 'evaluation') ORDER BY t.name, tr.id"
    ))
    .bind(person_id)
    .bind(until)
    .fetch_all(c)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let v = VoteOpen {
            team_id: r.get("team_id")?,
            team: r.get("team")?,
            trajectory_id: r.get("id")?,
            date: r.get("date")?,
            unanswered: r.get("unanswered")?,
        };
        if v.unanswered > 0 {
            out.push(v);
        }
    }
    Ok(out)
}

/// The next `limit` sessions of the person's teams, from `today` on.
pub async fn upcoming_sessions(
    c: &mut Conn,
    person_id: i64,
    today: Date,
    limit: i64,
) -> Result<Vec<UpcomingSession>, DbError> {
    let rows = crate::db::query(concat!(
        "SELECT s.id, s.kind, s.date, s.start_time, s.location, tr.id AS trajectory_id, tr.team_id, t.name AS team \
         FROM trajectory_sessions s JOIN trajectories tr ON tr.id = s.trajectory_id JOIN teams t ON t.id = tr.team_id \
         WHERE tr.team_id IN ",
        my_teams!(),
        " AND s.completed_at IS NULL AND s.date >= $2 ORDER BY s.date, s.start_time, s.id LIMIT $3"
    ))
    .bind(person_id)
    .bind(today)
    .bind(limit)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(crate::from_row!(r => UpcomingSession { id, kind, date, start_time, location, team_id, team,
                trajectory_id }))
        })
        .collect()
}

/// Where team `t` (with its trajectory `tr`, if any) stands, as of `$2`:
/// all but the overdue count, which each query counts its own way.
macro_rules! standing {
    () => {
        "t.id AS team_id, t.name AS team, tr.id AS trajectory_id, tr.phase, \
         (SELECT MIN(s.date) FROM trajectory_sessions s WHERE s.trajectory_id = tr.id \
         AND s.completed_at IS NULL AND s.date >= $2) AS next_session, \
         CASE WHEN tr.phase IN ('work', 'evaluation', 're_evaluation') AND NOT EXISTS \
         (SELECT 1 FROM trajectory_sessions s WHERE s.trajectory_id = tr.id AND s.kind = 'evaluation' \
         AND s.completed_at IS NULL AND s.date IS NOT NULL) THEN 1 ELSE 0 END AS unplanned"
    };
    ($from_where:literal) => {
        concat!(
            "SELECT ",
            standing!(),
            ", (SELECT COUNT(*) FROM actions a WHERE a.team_id = t.id AND a.status IN ('open', 'in_progress') \
             AND a.due_date < $2 AND a.private = 0) AS overdue_n ",
            $from_where
        )
    };
}

fn standing(r: Row) -> Result<TeamStanding, DbError> {
    Ok(crate::from_row!(r => TeamStanding { team_id, team, trajectory_id, phase, next_session, overdue: "overdue_n",
        no_evaluation_planned: "unplanned" }))
}

/// The teams the person leads: as team leader or medical manager.
pub async fn led_teams(c: &mut Conn, person_id: i64, today: Date) -> Result<Vec<TeamStanding>, DbError> {
    let rows = crate::db::query(standing!(
        "FROM teams t LEFT JOIN trajectories tr ON tr.team_id = t.id WHERE t.id IN (SELECT team_id FROM team_members \
         WHERE person_id = $1 AND role IN ('team_leader', 'medical_manager')) ORDER BY t.name, t.id"
    ))
    .bind(person_id)
    .bind(today)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(standing).collect()
}

/// The trajectories the person is trainer of.
pub async fn trained(c: &mut Conn, person_id: i64, today: Date) -> Result<Vec<TeamStanding>, DbError> {
    let rows = crate::db::query(standing!(
        "FROM trajectories tr JOIN teams t ON t.id = tr.team_id WHERE tr.trainer_id = $1 ORDER BY t.name, t.id"
    ))
    .bind(person_id)
    .bind(today)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(standing).collect()
}

/// Up to `limit` teams of the organisation that need attention: actions
/// past their date, or a trajectory at work or evaluating with no
/// evaluation dated. Most overdue first.
pub async fn needing_attention(
    c: &mut Conn,
    org_id: i64,
    today: Date,
    limit: i64,
) -> Result<Vec<TeamStanding>, DbError> {
    // Overdue counted for the whole organisation in one pass over the index
    // actions_org_open, as the overview does, rather than team by team.
    let rows = crate::db::query(concat!(
        "SELECT * FROM (SELECT ",
        standing!(),
        ", COALESCE(ac.overdue_n, 0) AS overdue_n FROM teams t LEFT JOIN trajectories tr ON tr.team_id = t.id \
         LEFT JOIN (SELECT a.team_id, COUNT(*) AS overdue_n FROM actions a WHERE a.org_id = $1 \
         AND a.status IN ('open', 'in_progress') AND a.due_date < $2 AND a.private = 0 GROUP BY a.team_id) ac ON ac.team_id = t.id \
         WHERE t.org_id = $1) x WHERE x.overdue_n > 0 OR x.unplanned = 1 \
         ORDER BY x.overdue_n DESC, LOWER(x.team), x.team_id LIMIT $3"
    ))
    .bind(org_id)
    .bind(today)
    .bind(limit)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(standing).collect()
}
