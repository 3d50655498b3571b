//! SQL for business-case scenarios and whom they are shared with.

use super::case::{CaseInputs, Mix};
use super::model::Scenario;
use super::numbers::{Cents, Hundredths, Rate};
use crate::db::{Conn, DbError, Row};

const SELECT: &str = "SELECT id, org_id, name, team_fte, headcount, patients_per_shift, today_bachelor, \
    today_vocational, today_support, today_patients, new_bachelor, new_vocational, new_support, new_patients, \
    cost_bachelor, cost_vocational, cost_support, transition, turnover_rate, cost_per_leaver, turnover_reduction, \
    absence_rate, absence_reduction, updated_at FROM workforce_scenarios ";

fn scenario(r: Row) -> Result<Scenario, DbError> {
    let inputs = CaseInputs {
        team_fte: Hundredths(r.get("team_fte")?),
        headcount: r.get("headcount")?,
        patients_per_shift: r.get("patients_per_shift")?,
        today: Mix {
            staff: [r.get("today_bachelor")?, r.get("today_vocational")?, r.get("today_support")?],
            patients: r.get("today_patients")?,
        },
        new: Mix {
            staff: [r.get("new_bachelor")?, r.get("new_vocational")?, r.get("new_support")?],
            patients: r.get("new_patients")?,
        },
        cost: [Cents(r.get("cost_bachelor")?), Cents(r.get("cost_vocational")?), Cents(r.get("cost_support")?)],
        transition: Hundredths(r.get("transition")?),
        turnover_rate: Rate(r.get("turnover_rate")?),
        cost_per_leaver: Cents(r.get("cost_per_leaver")?),
        turnover_reduction: Rate(r.get("turnover_reduction")?),
        absence_rate: Rate(r.get("absence_rate")?),
        absence_reduction: Rate(r.get("absence_reduction")?),
    };
    Ok(crate::from_row!(r => Scenario { id, org_id, name, inputs = inputs, updated_at }))
}

/// The twenty numbers of the inputs, in the order of the columns after `name`.
fn numbers(i: &CaseInputs) -> [i64; 20] {
    [
        i.team_fte.0,
        i.headcount,
        i.patients_per_shift,
        i.today.staff[0],
        i.today.staff[1],
        i.today.staff[2],
        i.today.patients,
        i.new.staff[0],
        i.new.staff[1],
        i.new.staff[2],
        i.new.patients,
        i.cost[0].0,
        i.cost[1].0,
        i.cost[2].0,
        i.transition.0,
        i.turnover_rate.0,
        i.cost_per_leaver.0,
        i.turnover_reduction.0,
        i.absence_rate.0,
        i.absence_reduction.0,
    ]
}

pub async fn insert(
    c: &mut Conn,
    org_id: i64,
    name: &str,
    inputs: &CaseInputs,
    by: i64,
    now: i64,
) -> Result<i64, DbError> {
    let mut q = crate::db::query_scalar(
        "INSERT INTO workforce_scenarios (org_id, name, team_fte, headcount, patients_per_shift, today_bachelor, \
         today_vocational, today_support, today_patients, new_bachelor, new_vocational, new_support, new_patients, \
         cost_bachelor, cost_vocational, cost_support, transition, turnover_rate, cost_per_leaver, \
         turnover_reduction, absence_rate, absence_reduction, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
         $22, $23, $24, $24) RETURNING id",
    )
    .bind(org_id)
    .bind(name);
    for n in numbers(inputs) {
        q = q.bind(n);
    }
    q.bind(by).bind(now).fetch_one(c).await
}

pub async fn update(c: &mut Conn, id: i64, name: &str, inputs: &CaseInputs, now: i64) -> Result<(), DbError> {
    let mut q = crate::db::query(
        "UPDATE workforce_scenarios SET name = $2, team_fte = $3, headcount = $4, patients_per_shift = $5, \
         today_bachelor = $6, today_vocational = $7, today_support = $8, today_patients = $9, new_bachelor = $10, \
         new_vocational = $11, new_support = $12, new_patients = $13, cost_bachelor = $14, cost_vocational = $15, \
         cost_support = $16, transition = $17, turnover_rate = $18, cost_per_leaver = $19, \
         turnover_reduction = $20, absence_rate = $21, absence_reduction = $22, updated_at = $23 WHERE id = $1",
    )
    .bind(id)
    .bind(name);
    for n in numbers(inputs) {
        q = q.bind(n);
    }
    q.bind(now).execute(c).await?;
    Ok(())
}

/// A scenario of the organisation `org_id`; None for another organisation's.
pub async fn in_org(c: &mut Conn, org_id: i64, id: i64) -> Result<Option<Scenario>, DbError> {
    crate::db::query(crate::db::AssertSqlSafe(format!("{SELECT}WHERE org_id = $1 AND id = $2")))
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await?
        .map(scenario)
        .transpose()
}

pub async fn of_org(c: &mut Conn, org_id: i64) -> Result<Vec<Scenario>, DbError> {
    let rows = crate::db::query(crate::db::AssertSqlSafe(format!("{SELECT}WHERE org_id = $1 ORDER BY name, id")))
        .bind(org_id)
        .fetch_all(c)
        .await?;
    rows.into_iter().map(scenario).collect()
}

/// The scenarios shared with a person.
pub async fn shared_with(c: &mut Conn, person_id: i64) -> Result<Vec<Scenario>, DbError> {
    let rows = crate::db::query(crate::db::AssertSqlSafe(format!(
        "{SELECT}WHERE id IN (SELECT scenario_id FROM workforce_scenario_shares WHERE person_id = $1) \
         ORDER BY name, id"
    )))
    .bind(person_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(scenario).collect()
}

pub async fn is_shared_with(c: &mut Conn, scenario_id: i64, person_id: i64) -> Result<bool, DbError> {
    let n: i64 = crate::db::query_scalar(
        "SELECT COUNT(*) FROM workforce_scenario_shares WHERE scenario_id = $1 AND person_id = $2",
    )
    .bind(scenario_id)
    .bind(person_id)
    .fetch_one(c)
    .await?;
    Ok(n > 0)
}

/// The people a scenario is shared with: (id, name), by name.
pub async fn shares(c: &mut Conn, scenario_id: i64) -> Result<Vec<(i64, String)>, DbError> {
    let rows = crate::db::query(
        "SELECT p.id, p.name FROM workforce_scenario_shares s JOIN people p ON p.id = s.person_id \
         WHERE s.scenario_id = $1 ORDER BY p.name, p.id",
    )
    .bind(scenario_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("id")?, r.get("name")?))).collect()
}

pub async fn share(c: &mut Conn, scenario_id: i64, person_id: i64) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO workforce_scenario_shares (scenario_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(scenario_id)
    .bind(person_id)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn unshare(c: &mut Conn, scenario_id: i64, person_id: i64) -> Result<(), DbError> {
    crate::db::query("DELETE FROM workforce_scenario_shares WHERE scenario_id = $1 AND person_id = $2")
        .bind(scenario_id)
        .bind(person_id)
        .execute(c)
        .await?;
    Ok(())
}

/// The active team leaders of an organisation, (id, name) by name: whom a
/// scenario can be shared with.
pub async fn team_leaders(c: &mut Conn, org_id: i64) -> Result<Vec<(i64, String)>, DbError> {
    let rows = crate::db::query(
        "SELECT DISTINCT p.id, p.name FROM team_members m JOIN people p ON p.id = m.person_id \
         JOIN teams t ON t.id = m.team_id \
         WHERE t.org_id = $1 AND m.role = 'team_leader' AND p.deactivated_at IS NULL ORDER BY p.name, p.id",
    )
    .bind(org_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("id")?, r.get("name")?))).collect()
}
