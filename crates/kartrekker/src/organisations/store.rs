//! SQL for organisations, departments, teams and memberships.

use super::import::Field;
use super::model::{Department, Member, OrgRole, Organisation, Team, TeamRole};
use crate::db::{Conn, DbError, Row};

fn team(r: Row) -> Result<Team, DbError> {
    Ok(crate::from_row!(r => Team { id, org_id, department_id, department, name }))
}

/// The team columns `team()` reads, any extra columns, then the rest of the query.
macro_rules! team_select {
    ($rest:literal) => {
        team_select!("", $rest)
    };
    ($extra:literal, $rest:literal) => {
        concat!(
            "SELECT t.id, t.org_id, t.department_id, d.name AS department, t.name",
            $extra,
            " FROM teams t JOIN departments d ON d.id = t.department_id ",
            $rest
        )
    };
}

pub async fn insert_organisation(c: &mut Conn, name: &str, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar("INSERT INTO organisations (name, created_at) VALUES ($1, $2) RETURNING id")
        .bind(name)
        .bind(now)
        .fetch_one(c)
        .await
}

pub async fn organisations(c: &mut Conn) -> Result<Vec<Organisation>, DbError> {
    let rows = crate::db::query("SELECT id, name FROM organisations ORDER BY name").fetch_all(c).await?;
    rows.into_iter().map(organisation_row).collect()
}

pub async fn organisation(c: &mut Conn, id: i64) -> Result<Option<Organisation>, DbError> {
    let row = crate::db::query("SELECT id, name FROM organisations WHERE id = $1").bind(id).fetch_optional(c).await?;
    row.map(organisation_row).transpose()
}

fn organisation_row(r: Row) -> Result<Organisation, DbError> {
    Ok(crate::from_row!(r => Organisation { id, name }))
}

pub async fn insert_department(c: &mut Conn, org_id: i64, name: &str) -> Result<i64, DbError> {
    crate::db::query_scalar("INSERT INTO departments (org_id, name) VALUES ($1, $2) RETURNING id")
        .bind(org_id)
        .bind(name)
        .fetch_one(c)
        .await
}

pub async fn departments(c: &mut Conn, org_id: i64) -> Result<Vec<Department>, DbError> {
    let rows = crate::db::query(
        "SELECT d.id, d.org_id, d.name, (SELECT COUNT(*) FROM teams t WHERE t.department_id = d.id) AS team_count \
         FROM departments d WHERE d.org_id = $1 ORDER BY d.name",
    )
    .bind(org_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok(crate::from_row!(r => Department { id, org_id, name, team_count }))).collect()
}

pub async fn insert_team(c: &mut Conn, org_id: i64, department_id: i64, name: &str) -> Result<i64, DbError> {
    crate::db::query_scalar("INSERT INTO teams (org_id, department_id, name) VALUES ($1, $2, $3) RETURNING id")
        .bind(org_id)
        .bind(department_id)
        .bind(name)
        .fetch_one(c)
        .await
}

pub async fn update_team(c: &mut Conn, team_id: i64, department_id: i64, name: &str) -> Result<(), DbError> {
    crate::db::query("UPDATE teams SET department_id = $1, name = $2 WHERE id = $3")
        .bind(department_id)
        .bind(name)
        .bind(team_id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn rename_department(c: &mut Conn, org_id: i64, department_id: i64, name: &str) -> Result<u64, DbError> {
    Ok(crate::db::query("UPDATE departments SET name = $1 WHERE id = $2 AND org_id = $3")
        .bind(name)
        .bind(department_id)
        .bind(org_id)
        .execute(c)
        .await?
        .rows_affected())
}

/// An organisation's teams, each with how many people are in it.
pub async fn teams(c: &mut Conn, org_id: i64) -> Result<Vec<(Team, i64)>, DbError> {
    let rows = crate::db::query(team_select!(
        ", (SELECT COUNT(DISTINCT m.person_id) FROM team_members m WHERE m.team_id = t.id) AS members",
        "WHERE t.org_id = $1 ORDER BY d.name, t.name"
    ))
    .bind(org_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| {
            let members = r.get("members")?;
            Ok((team(r)?, members))
        })
        .collect()
}

/// A team, only when it belongs to `org_id`.
pub async fn team_in_org(c: &mut Conn, org_id: i64, team_id: i64) -> Result<Option<Team>, DbError> {
    let row = crate::db::query(team_select!("WHERE t.org_id = $1 AND t.id = $2"))
        .bind(org_id)
        .bind(team_id)
        .fetch_optional(c)
        .await?;
    row.map(team).transpose()
}

pub async fn team_by_name(c: &mut Conn, org_id: i64, name: &str) -> Result<Option<i64>, DbError> {
    crate::db::query_scalar("SELECT id FROM teams WHERE org_id = $1 AND LOWER(name) = LOWER($2)")
        .bind(org_id)
        .bind(name)
        .fetch_optional(c)
        .await
}

/// The teams a person is a member of, by name.
pub async fn teams_of_person(c: &mut Conn, person_id: i64) -> Result<Vec<Team>, DbError> {
    let rows = crate::db::query(team_select!(
        "JOIN team_members tm ON tm.team_id = t.id WHERE tm.person_id = $1 \
         GROUP BY t.id, t.org_id, t.department_id, d.name, t.name ORDER BY t.name"
    ))
    .bind(person_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(team).collect()
}

/// A person's organisation roles, sorted, and their (team id, role) pairs.
pub type Roles = (Vec<OrgRole>, Vec<(i64, TeamRole)>);

/// Every role a person holds, in the organisation and (team, role) in teams,
/// in one query: all an `Actor` needs.
pub async fn roles_of_person(c: &mut Conn, person_id: i64) -> Result<Roles, DbError> {
    let rows = crate::db::query(
        "SELECT NULL AS team_id, role FROM org_roles WHERE person_id = $1 \
         UNION ALL SELECT team_id, role FROM team_members WHERE person_id = $1",
    )
    .bind(person_id)
    .fetch_all(c)
    .await?;
    let (mut org, mut teams) = (Vec::new(), Vec::new());
    for r in rows {
        match r.get::<Option<i64>>("team_id")? {
            None => org.push(r.get("role")?),
            Some(t) => teams.push((t, r.get("role")?)),
        }
    }
    org.sort();
    Ok((org, teams))
}

/// Roles as `people::store` reads them for an `Actor`: org role codes in
/// column `org`, and `team:role` pairs in column `teams`, each list
/// comma-separated (or NULL when empty). A pair or code that does not read
/// is a decode error naming its column.
pub(crate) fn aggregated_roles(r: &Row, org: &str, teams: &str) -> Result<Roles, DbError> {
    let listed = |column: &str| -> Result<Vec<String>, DbError> {
        let packed: Option<String> = r.get(column)?;
        Ok(packed.iter().flat_map(|s| s.split(',')).map(str::to_owned).collect())
    };
    let bad = |column: &str, what: &str, value: &str| DbError::Decode {
        column: column.to_string(),
        message: format!("unknown {what} {value:?}"),
    };
    let mut org_roles = Vec::new();
    for code in listed(org)? {
        org_roles.push(OrgRole::from_code(&code).ok_or_else(|| bad(org, "OrgRole code", &code))?);
    }
    org_roles.sort();
    let mut team_roles = Vec::new();
    for pair in listed(teams)? {
        let role = pair
            .split_once(':')
            .and_then(|(team, code)| Some((team.parse::<i64>().ok()?, TeamRole::from_code(code)?)))
            .ok_or_else(|| bad(teams, "team:role pair", &pair))?;
        team_roles.push(role);
    }
    Ok((org_roles, team_roles))
}

/// The team's members who can take part: not the deactivated, who cannot be
/// chosen or told anything.
pub async fn members(c: &mut Conn, team_id: i64) -> Result<Vec<Member>, DbError> {
    members_of(c, team_id, false).await
}

/// Every member, the deactivated marked: for the team's administrator.
pub async fn all_members(c: &mut Conn, team_id: i64) -> Result<Vec<Member>, DbError> {
    members_of(c, team_id, true).await
}

async fn members_of(c: &mut Conn, team_id: i64, with_inactive: bool) -> Result<Vec<Member>, DbError> {
    let rows = crate::db::query(
        "SELECT p.id AS person_id, p.name, a.email, m.role, \
         CASE WHEN p.deactivated_at IS NULL THEN 0 ELSE 1 END AS inactive \
         FROM team_members m JOIN people p ON p.id = m.person_id JOIN accounts a ON a.id = p.account_id \
         WHERE m.team_id = $1 AND ($2 = 1 OR p.deactivated_at IS NULL) ORDER BY p.name, p.id",
    )
    .bind(team_id)
    .bind(crate::db::flag(with_inactive))
    .fetch_all(c)
    .await?;
    let mut out: Vec<Member> = Vec::new();
    for r in rows {
        let id: i64 = r.get("person_id")?;
        let role: TeamRole = r.get("role")?;
        match out.last_mut() {
            Some(m) if m.person_id == id => m.roles.push(role),
            _ => out.push(Member {
                person_id: id,
                name: r.get("name")?,
                email: r.get("email")?,
                roles: vec![role],
                inactive: r.get("inactive")?,
            }),
        }
    }
    for m in &mut out {
        m.roles.sort();
    }
    Ok(out)
}

/// Adds a role; adding one the person already holds changes nothing.
pub async fn add_member(c: &mut Conn, team_id: i64, person_id: i64, role: TeamRole) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO team_members (team_id, person_id, role) VALUES ($1, $2, $3) \
         ON CONFLICT (team_id, person_id, role) DO NOTHING",
    )
    .bind(team_id)
    .bind(person_id)
    .bind(role)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn remove_member(c: &mut Conn, team_id: i64, person_id: i64) -> Result<u64, DbError> {
    Ok(crate::db::query("DELETE FROM team_members WHERE team_id = $1 AND person_id = $2")
        .bind(team_id)
        .bind(person_id)
        .execute(c)
        .await?
        .rows_affected())
}

pub async fn org_roles(c: &mut Conn, person_id: i64) -> Result<Vec<OrgRole>, DbError> {
    let mut roles: Vec<OrgRole> =
        crate::db::query_scalar("SELECT role FROM org_roles WHERE person_id = $1").bind(person_id).fetch_all(c).await?;
    roles.sort();
    Ok(roles)
}

pub async fn set_org_roles(c: &mut Conn, person_id: i64, roles: &[OrgRole]) -> Result<(), DbError> {
    crate::db::query("DELETE FROM org_roles WHERE person_id = $1").bind(person_id).execute(&mut *c).await?;
    for r in roles {
        crate::db::query("INSERT INTO org_roles (person_id, role) VALUES ($1, $2)")
            .bind(person_id)
            .bind(*r)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

pub async fn count_admins(c: &mut Conn, org_id: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "SELECT COUNT(*) FROM org_roles r JOIN people p ON p.id = r.person_id WHERE p.org_id = $1 AND r.role = 'admin'",
    )
    .bind(org_id)
    .fetch_one(c)
    .await
}

pub async fn min_group_size(c: &mut Conn, org_id: i64) -> Result<i64, DbError> {
    crate::db::query_scalar("SELECT min_group_size FROM organisations WHERE id = $1").bind(org_id).fetch_one(c).await
}

pub async fn set_min_group_size(c: &mut Conn, org_id: i64, size: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE organisations SET min_group_size = $1 WHERE id = $2")
        .bind(size)
        .bind(org_id)
        .execute(c)
        .await?;
    Ok(())
}

/// The organisations of an account: (person id, organisation name), by name.
pub async fn memberships(c: &mut Conn, account_id: i64) -> Result<Vec<(i64, String)>, DbError> {
    let rows = crate::db::query(
        "SELECT p.id, o.name FROM people p JOIN organisations o ON o.id = p.org_id \
         WHERE p.account_id = $1 AND p.deactivated_at IS NULL ORDER BY o.name, p.id",
    )
    .bind(account_id)
    .fetch_all(c)
    .await?;
    rows.iter().map(|r| Ok((r.get("id")?, r.get("name")?))).collect()
}

/// How the organisation mapped each header at its last import: header key → field (none: not imported).
pub async fn import_columns(c: &mut Conn, org_id: i64) -> Result<Vec<(String, Option<Field>)>, DbError> {
    let rows = crate::db::query("SELECT header, field FROM import_columns WHERE org_id = $1")
        .bind(org_id)
        .fetch_all(c)
        .await?;
    rows.iter().map(|r| Ok((r.get("header")?, r.get("field")?))).collect()
}

/// Keeps this mapping for the next import, in place of the last one.
pub async fn set_import_columns(c: &mut Conn, org_id: i64, mapping: &[(String, Option<Field>)]) -> Result<(), DbError> {
    crate::db::query("DELETE FROM import_columns WHERE org_id = $1").bind(org_id).execute(&mut *c).await?;
    for (header, field) in mapping {
        crate::db::query(
            "INSERT INTO import_columns (org_id, header, field) VALUES ($1, $2, $3) ON CONFLICT (org_id, header) DO NOTHING",
        )
        .bind(org_id)
        .bind(header)
        .bind(*field)
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}
