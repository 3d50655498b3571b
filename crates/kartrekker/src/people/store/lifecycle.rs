//! SQL for deactivating, reactivating and erasing a person.

use crate::db::{Conn, DbError};

pub async fn set_deactivated(c: &mut Conn, id: i64, at: Option<i64>) -> Result<(), DbError> {
    crate::db::query("UPDATE people SET deactivated_at = $1 WHERE id = $2").bind(at).bind(id).execute(c).await?;
    Ok(())
}

/// Ends every session, voids every link and drops the unsent digest lines
/// of the person (a digest would otherwise be queued for them every day).
pub async fn end_access(c: &mut Conn, id: i64) -> Result<(), DbError> {
    for sql in [
        "DELETE FROM sessions WHERE person_id = $1",
        "DELETE FROM tokens WHERE person_id = $1",
        "DELETE FROM login_challenges WHERE person_id = $1",
        "DELETE FROM digest_entries WHERE person_id = $1 AND sent_at IS NULL",
        // api: a token acts with its maker's rights, which end here.
        "DELETE FROM api_tokens WHERE created_by = $1",
    ] {
        crate::db::query(sql).bind(id).execute(&mut *c).await?;
    }
    Ok(())
}

/// A team action someone pulls that is not done: (id, title, team name).
pub async fn open_actions(c: &mut Conn, person_id: i64) -> Result<Vec<(i64, String, String)>, DbError> {
    let rows = crate::db::query(
        "SELECT a.id, a.title, t.name AS team FROM actions a JOIN teams t ON t.id = a.team_id \
         WHERE a.kartrekker_id = $1 AND a.status IN ('open', 'in_progress') AND a.private = 0 ORDER BY a.id",
    )
    .bind(person_id)
    .fetch_all(c)
    .await?;
    rows.iter().map(|r| Ok((r.get("id")?, r.get("title")?, r.get("team")?))).collect()
}

pub async fn hand_over(c: &mut Conn, action_id: i64, to: i64, now: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE actions SET kartrekker_id = $1, updated_at = $2 WHERE id = $3")
        .bind(to)
        .bind(now)
        .bind(action_id)
        .execute(c)
        .await?;
    Ok(())
}

/// How many people of the organisation were erased before: the next label's number.
pub async fn erased_count(c: &mut Conn, org_id: i64) -> Result<i64, DbError> {
    crate::db::query_scalar("SELECT COUNT(*) FROM people WHERE org_id = $1 AND erased_at IS NOT NULL")
        .bind(org_id)
        .fetch_one(c)
        .await
}

/// Removes what the person is and wrote for themselves, in the caller's
/// transaction. What they gave to a group stays, no longer theirs: their
/// intake answers lose their author, their numeric self-evaluation stays in
/// the cycle's frozen set under the neutral label, and the feedback they
/// gave colleagues stays with those colleagues.
pub async fn erase(c: &mut Conn, id: i64, org_id: i64, label: &str, now: i64) -> Result<(), DbError> {
    let old_name: String =
        crate::db::query_scalar("SELECT name FROM people WHERE id = $1").bind(id).fetch_one(&mut *c).await?;
    let account: i64 =
        crate::db::query_scalar("SELECT account_id FROM people WHERE id = $1").bind(id).fetch_one(&mut *c).await?;
    // Names written into the actions' history as text.
    for sql in [
        "UPDATE action_history SET old_value = $1 WHERE field = 'kartrekker' AND old_value = $2 \
         AND action_id IN (SELECT id FROM actions WHERE org_id = $3)",
        "UPDATE action_history SET new_value = $1 WHERE field = 'kartrekker' AND new_value = $2 \
         AND action_id IN (SELECT id FROM actions WHERE org_id = $3)",
    ] {
        crate::db::query(sql).bind(label).bind(&old_name).bind(org_id).execute(&mut *c).await?;
    }
    end_access(c, id).await?;
    let by_person = [
        "DELETE FROM calendar_feeds WHERE person_id = $1",
        "DELETE FROM notification_prefs WHERE person_id = $1",
        "DELETE FROM digest_entries WHERE person_id = $1",
        "DELETE FROM form_submissions WHERE person_id = $1",
        "DELETE FROM org_roles WHERE person_id = $1",
        "DELETE FROM team_members WHERE person_id = $1",
        // A private plan's actions are the person's own.
        "DELETE FROM actions WHERE kartrekker_id = $1 AND private = 1",
        // Their personal plan and reflection notes, and their accreditation record.
        "UPDATE reflection_participants SET preparation_notes = '', topics = '', intended_actions = '', \
         personal_meaning = '', safeguarding = '', buddy_id = NULL, follow_up_date = NULL WHERE person_id = $1",
        "UPDATE reflection_participants SET buddy_id = NULL WHERE buddy_id = $1",
        "DELETE FROM reflection_minutes WHERE person_id = $1",
        // Feedback asked about them is about them; drafts never counted.
        "DELETE FROM reflection_requests WHERE subject_id = $1",
        "DELETE FROM responses WHERE context LIKE 'reflection:%:about:' || CAST($1 AS TEXT)",
        "DELETE FROM responses WHERE respondent_id = $1 AND status <> 'submitted'",
        // Their own free text of a self-evaluation; the numbers stay in the group's result.
        "DELETE FROM answers WHERE number IS NULL AND response_id IN \
         (SELECT id FROM responses WHERE respondent_id = $1 AND context LIKE 'reflection:%:self')",
        "UPDATE trajectory_intake_answers SET person_id = NULL, updated_at = NULL WHERE person_id = $1",
        // portfolio: a resident's portfolio is hers alone.
        "DELETE FROM portfolio_feedback WHERE resident_id = $1",
        "DELETE FROM portfolio_activities WHERE resident_id = $1",
        "DELETE FROM portfolio_plans WHERE resident_id = $1",
        "DELETE FROM portfolio_phases WHERE resident_id = $1",
        "DELETE FROM portfolio_comments WHERE resident_id = $1",
        // What an erased opleider wrote stays the resident's, without his name.
        "UPDATE portfolio_comments SET author_id = NULL WHERE author_id = $1",
        "UPDATE portfolio_cards SET updated_by = NULL WHERE updated_by = $1",
        // pulse: which rounds they answered; the anonymous answers carry no person and stay.
        "DELETE FROM pulse_marks WHERE person_id = $1",
    ];
    for sql in by_person {
        crate::db::query(sql).bind(id).execute(&mut *c).await?;
    }
    // The membership leaves its account for an account of its own with no
    // address, password or language; the account itself goes with its last
    // membership, freeing the address (decision 0015). The person's other
    // organisations keep the account, its password and its sessions.
    let placeholder: i64 = crate::db::query_scalar(
        "INSERT INTO accounts (email, is_instance_admin, created_at) VALUES ($1, 0, $2) RETURNING id",
    )
    .bind(format!("erased-{id}@erased.invalid"))
    .bind(now)
    .fetch_one(&mut *c)
    .await?;
    crate::db::query(
        "UPDATE people SET name = $1, account_id = $2, profession = 'other', \
         deactivated_at = COALESCE(deactivated_at, $3), erased_at = $3 WHERE id = $4",
    )
    .bind(label)
    .bind(placeholder)
    .bind(now)
    .bind(id)
    .execute(&mut *c)
    .await?;
    let left: i64 = crate::db::query_scalar("SELECT COUNT(*) FROM people WHERE account_id = $1")
        .bind(account)
        .fetch_one(&mut *c)
        .await?;
    if left == 0 {
        crate::db::query("DELETE FROM login_failures WHERE account = (SELECT email FROM accounts WHERE id = $1)")
            .bind(account)
            .execute(&mut *c)
            .await?;
        // Two-step log-in belongs to the account (decision 0027).
        crate::auth::two_step::store::delete(&mut *c, account).await?;
        crate::db::query("DELETE FROM accounts WHERE id = $1").bind(account).execute(c).await?;
    }
    Ok(())
}
