//! SQL for the export: a list of parts, each one query on the person's id
//! (`$1`) whose columns are read by the names listed with it.

use crate::db::{Conn, DbError, Value};

/// One part of the export: a file name, its columns, and the query.
pub struct Part {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    sql: &'static str,
}

/// Everything stored about a person, part by part. Columns ending in `_at`
/// are moments (unix milliseconds).
pub const PARTS: &[Part] = &[
    Part {
        name: "profile",
        columns: &["id", "name", "email", "profession", "language", "organisation", "created_at"],
        sql: "SELECT p.id, p.name, a.email, p.profession, a.language, o.name AS organisation, p.created_at \
              FROM people p JOIN accounts a ON a.id = p.account_id LEFT JOIN organisations o ON o.id = p.org_id \
              WHERE p.id = $1",
    },
    // Two-step log-in: when it was set up and how many recovery codes are left;
    // never the secret or the codes' hashes (decision 0027).
    Part {
        name: "two_step_login",
        columns: &["enabled_at", "recovery_codes_left", "recovery_codes_used"],
        sql: "SELECT t.confirmed_at AS enabled_at, \
              (SELECT COUNT(*) FROM recovery_codes r WHERE r.account_id = t.account_id AND r.used_at IS NULL) \
                AS recovery_codes_left, \
              (SELECT COUNT(*) FROM recovery_codes r WHERE r.account_id = t.account_id AND r.used_at IS NOT NULL) \
                AS recovery_codes_used \
              FROM account_totp t JOIN people p ON p.account_id = t.account_id \
              WHERE p.id = $1 AND t.confirmed_at IS NOT NULL",
    },
    Part {
        name: "organisation_roles",
        columns: &["role"],
        sql: "SELECT role FROM org_roles WHERE person_id = $1 ORDER BY role",
    },
    Part {
        name: "team_memberships",
        columns: &["team_id", "team", "role"],
        sql: "SELECT t.id AS team_id, t.name AS team, m.role FROM team_members m JOIN teams t ON t.id = m.team_id \
              WHERE m.person_id = $1 ORDER BY t.name, m.role",
    },
    Part {
        name: "actions",
        columns: &[
            "id",
            "team",
            "title",
            "goal",
            "kartrekker",
            "you_pull_it",
            "you_created_it",
            "status",
            "due_date",
            "evaluation_date",
            "result",
            "origin",
            "created_at",
            "updated_at",
        ],
        sql: "SELECT a.id, t.name AS team, a.title, a.goal, k.name AS kartrekker, \
              CASE WHEN a.kartrekker_id = $1 THEN 1 ELSE 0 END AS you_pull_it, \
              CASE WHEN a.created_by = $1 THEN 1 ELSE 0 END AS you_created_it, a.status, a.due_date, \
              a.evaluation_date, a.result, a.origin_kind AS origin, a.created_at, a.updated_at \
              FROM actions a JOIN teams t ON t.id = a.team_id JOIN people k ON k.id = a.kartrekker_id \
              WHERE a.kartrekker_id = $1 OR a.created_by = $1 ORDER BY a.id",
    },
    Part {
        name: "action_updates",
        columns: &["id", "action_id", "author", "text", "created_at"],
        sql: "SELECT u.id, u.action_id, w.name AS author, u.text, u.created_at FROM action_updates u \
              JOIN actions a ON a.id = u.action_id LEFT JOIN people w ON w.id = u.author_id \
              WHERE u.author_id = $1 OR a.kartrekker_id = $1 OR a.created_by = $1 ORDER BY u.id",
    },
    Part {
        name: "action_changes",
        columns: &["action_id", "field", "old_value", "new_value", "at"],
        sql: "SELECT action_id, field, old_value, new_value, at FROM action_history WHERE actor_id = $1 ORDER BY id",
    },
    Part {
        name: "trajectory_observations",
        columns: &["id", "trajectory_id", "observed_on", "category", "text", "created_at"],
        sql: "SELECT id, trajectory_id, observed_on, category, text, created_at FROM trajectory_observations \
              WHERE author_id = $1 ORDER BY id",
    },
    Part {
        name: "intake_answers",
        columns: &["id", "trajectory_id", "question", "text", "updated_at"],
        sql: "SELECT id, trajectory_id, question, text, updated_at FROM trajectory_intake_answers \
              WHERE person_id = $1 ORDER BY id",
    },
    Part {
        name: "trajectory_sessions_attended",
        columns: &["session_id", "trajectory_id", "kind", "date"],
        sql: "SELECT s.id AS session_id, s.trajectory_id, s.kind, s.date FROM trajectory_attendance a \
              JOIN trajectory_sessions s ON s.id = a.session_id WHERE a.person_id = $1 ORDER BY s.id",
    },
    Part {
        name: "agreements_helped",
        columns: &["session_id", "action_id", "helped", "at"],
        sql: "SELECT session_id, action_id, helped, at FROM trajectory_helped WHERE person_id = $1 \
              ORDER BY session_id, action_id",
    },
    Part {
        name: "reflection_cycles",
        columns: &[
            "cycle_id",
            "title",
            "team",
            "preparation_notes",
            "topics",
            "intended_actions",
            "personal_meaning",
            "safeguarding",
            "buddy",
            "follow_up_date",
        ],
        sql: "SELECT c.id AS cycle_id, c.title, t.name AS team, r.preparation_notes, r.topics, r.intended_actions, \
              r.personal_meaning, r.safeguarding, b.name AS buddy, r.follow_up_date FROM reflection_participants r \
              JOIN reflection_cycles c ON c.id = r.cycle_id JOIN teams t ON t.id = c.team_id \
              LEFT JOIN people b ON b.id = r.buddy_id WHERE r.person_id = $1 ORDER BY c.id",
    },
    Part {
        name: "reflection_feedback_requests",
        columns: &["cycle_id", "about", "asked", "created_at"],
        sql: "SELECT r.cycle_id, s.name AS about, w.name AS asked, r.created_at FROM reflection_requests r \
              JOIN people s ON s.id = r.subject_id JOIN people w ON w.id = r.rater_id \
              WHERE r.subject_id = $1 OR r.rater_id = $1 ORDER BY r.cycle_id, r.created_at",
    },
    Part {
        name: "reflection_minutes",
        columns: &["cycle_id", "step", "minutes", "recorded_at"],
        sql: "SELECT cycle_id, step, minutes, recorded_at FROM reflection_minutes WHERE person_id = $1 \
              ORDER BY cycle_id, step",
    },
    Part {
        name: "questionnaire_answers",
        columns: &["response_id", "questionnaire", "context", "status", "submitted_at", "item", "number", "text"],
        sql: "SELECT r.id AS response_id, i.slug AS questionnaire, r.context, r.status, r.submitted_at, \
              a.item_id AS item, a.number, a.text FROM responses r JOIN instruments i ON i.id = r.instrument_id \
              LEFT JOIN answers a ON a.response_id = r.id WHERE r.respondent_id = $1 ORDER BY r.id, a.item_id",
    },
    Part {
        name: "notification_settings",
        columns: &["kind", "mode"],
        sql: "SELECT kind, mode FROM notification_prefs WHERE person_id = $1 ORDER BY kind",
    },
    Part {
        name: "sessions",
        columns: &["created_at", "expires_at"],
        sql: "SELECT created_at, expires_at FROM sessions WHERE person_id = $1 ORDER BY created_at",
    },
    Part {
        name: "links",
        columns: &["purpose", "created_at", "expires_at", "used_at"],
        sql: "SELECT purpose, created_at, expires_at, used_at FROM tokens WHERE person_id = $1 ORDER BY created_at",
    },
    // portfolio: all of a resident's portfolio, shared or not.
    Part {
        name: "portfolio_phase",
        columns: &["phase", "since", "set_at"],
        sql: "SELECT phase, since, set_at FROM portfolio_phases WHERE resident_id = $1",
    },
    Part {
        name: "portfolio_activities",
        columns: &[
            "id",
            "kind",
            "level",
            "phase",
            "happened_on",
            "what",
            "went_well",
            "next_time",
            "card",
            "link_kind",
            "link_id",
            "shared",
            "created_at",
        ],
        sql: "SELECT id, kind, level, phase, happened_on, what, went_well, next_time, card, link_kind, link_id, shared, \
              created_at FROM portfolio_activities WHERE resident_id = $1 ORDER BY happened_on, id",
    },
    Part {
        name: "portfolio_feedback",
        columns: &[
            "id",
            "form",
            "situation",
            "giver_name",
            "giver_email",
            "status",
            "answer_1",
            "answer_2",
            "answer_3",
            "answered_at",
            "reflection",
            "shared",
            "created_at",
        ],
        sql: "SELECT id, form, situation, giver_name, giver_email, status, answer_1, answer_2, answer_3, answered_at, \
              reflection, shared, created_at FROM portfolio_feedback WHERE resident_id = $1 ORDER BY created_at, id",
    },
    Part {
        name: "portfolio_plans",
        columns: &[
            "version",
            "kind_of_doctor",
            "look_around",
            "ask_others",
            "possibilities",
            "timing",
            "in_order",
            "shared",
            "created_at",
        ],
        sql: "SELECT version, kind_of_doctor, look_around, ask_others, possibilities, timing, in_order, shared, \
              created_at FROM portfolio_plans WHERE resident_id = $1 ORDER BY version",
    },
    Part {
        name: "portfolio_comments",
        columns: &["activity_id", "author", "text", "created_at"],
        sql: "SELECT k.activity_id, p.name AS author, k.text, k.created_at FROM portfolio_comments k \
              LEFT JOIN people p ON p.id = k.author_id WHERE k.resident_id = $1 ORDER BY k.created_at, k.id",
    },
    // improvement: the verwonderpunten one posted (anonymous ones too: they are one's own),
    // supported and commented on.
    Part {
        name: "verwonderpunten",
        columns: &["id", "team", "title", "body", "anonymous", "status", "reason", "created_at"],
        sql: "SELECT v.id, t.name AS team, v.title, v.body, p.anonymous, v.status, v.reason, v.created_at \
              FROM verwonder_posters p JOIN verwonderpunten v ON v.id = p.point_id JOIN teams t ON t.id = v.team_id \
              WHERE p.person_id = $1 ORDER BY v.id",
    },
    Part {
        name: "verwonder_supports",
        columns: &["point_id", "title", "created_at"],
        sql: "SELECT s.point_id, v.title, s.created_at FROM verwonder_supports s \
              JOIN verwonderpunten v ON v.id = s.point_id WHERE s.person_id = $1 ORDER BY s.point_id",
    },
    Part {
        name: "verwonder_comments",
        columns: &["id", "point_id", "text", "created_at"],
        sql: "SELECT id, point_id, text, created_at FROM verwonder_comments WHERE author_id = $1 ORDER BY id",
    },
    // decisions: one's input to a Fair Process decision, and whether one answered its
    // fairness question (the answer itself is stored without a name).
    Part {
        name: "decision_inputs",
        columns: &["decision_id", "decision", "text", "updated_at"],
        sql: "SELECT i.decision_id, d.title AS decision, i.text, i.updated_at FROM decision_inputs i \
              JOIN decisions d ON d.id = i.decision_id WHERE i.person_id = $1 ORDER BY i.decision_id",
    },
    Part {
        name: "decision_fairness_answered",
        columns: &["decision_id", "decision"],
        sql: "SELECT m.decision_id, d.title AS decision FROM decision_fairness_marks m \
              JOIN decisions d ON d.id = m.decision_id WHERE m.person_id = $1 ORDER BY m.decision_id",
    },
    Part {
        name: "decision_reviews",
        columns: &["decision_id", "decision", "note", "next_review", "reviewed_at"],
        sql: "SELECT r.decision_id, d.title AS decision, r.note, r.next_review, r.reviewed_at FROM decision_reviews r \
              JOIN decisions d ON d.id = r.decision_id WHERE r.reviewed_by = $1 ORDER BY r.id",
    },
    // pulse: which rounds one answered (the answers themselves carry no person and are not here).
    Part {
        name: "pulse_answered",
        columns: &["round_id", "team", "opens_on", "closes_on"],
        sql: "SELECT m.round_id, t.name AS team, r.opens_on, r.closes_on FROM pulse_marks m \
              JOIN pulse_rounds r ON r.id = m.round_id JOIN teams t ON t.id = r.team_id \
              WHERE m.person_id = $1 ORDER BY r.opens_on, m.round_id",
    },
    // meetings: the ones attended or chaired, and feedback on chairing asked of one.
    Part {
        name: "meetings",
        columns: &["id", "team", "title", "held_on", "chair", "present"],
        sql: "SELECT m.id, t.name AS team, m.title, m.held_on, \
              CASE WHEN m.chair_id = $1 THEN 1 ELSE 0 END AS chair, a.present FROM meetings m \
              JOIN teams t ON t.id = m.team_id LEFT JOIN meeting_attendees a ON a.meeting_id = m.id AND a.person_id = $1 \
              WHERE m.chair_id = $1 OR a.person_id = $1 ORDER BY m.held_on, m.id",
    },
    Part {
        name: "meeting_feedback_asked",
        columns: &["meeting_id", "answered"],
        sql: "SELECT meeting_id, answered FROM meeting_feedback_requests WHERE person_id = $1 ORDER BY meeting_id",
    },
];

impl Part {
    /// The part's rows, each value in the order of `columns`.
    pub async fn rows(&self, c: &mut Conn, person_id: i64) -> Result<Vec<Vec<Value>>, DbError> {
        let rows = crate::db::query(self.sql).bind(person_id).fetch_all(c).await?;
        rows.iter().map(|r| self.columns.iter().map(|col| r.get::<Value>(col)).collect()).collect()
    }
}
