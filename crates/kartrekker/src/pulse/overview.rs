//! The organisation's picture of the pulse, per month: each team's last
//! round of the month, added up per department and for the organisation.
//! A figure shows only from the minimum group size (the viewer not
//! counted), and a total never where subtracting a shown group from it
//! would give the figure of fewer people ([`total_may_show`]). HR and the
//! board see it beside the business case scenarios of the same teams.

use std::collections::{HashMap, HashSet};

use super::model::Round;
use super::results::{Share, total_may_show};
use super::service::follows_all;
use super::store;
use crate::auth::Actor;
use crate::dates::Date;
use crate::organisations::{OrgRole, Team, store as orgs};
use crate::{Error, Kartrekker, Result};

/// Months in the overview.
pub const MONTHS: i64 = 6;

/// One group in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Nobody answered a round of that month.
    Empty,
    /// Too few, or too close to a shown group: not shown.
    Hidden,
    Shown {
        respondents: i64,
        too_high: Option<Share>,
    },
}

/// What a row is: the organisation, a department or a team.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Organisation,
    Department,
    Team,
}

#[derive(Clone, Debug)]
pub struct OverviewRow {
    pub level: Level,
    pub id: i64,
    pub name: String,
    pub cells: Vec<Cell>,
}

/// A scenario of the business case with the pulse of the teams it is about.
#[derive(Clone, Debug)]
pub struct ScenarioPulse {
    pub id: i64,
    pub name: String,
    pub teams: Vec<OverviewRow>,
}

#[derive(Clone, Debug)]
pub struct Overview {
    /// The first day of each month shown, oldest first.
    pub months: Vec<Date>,
    /// The organisation, then each department (with its teams when asked for).
    pub rows: Vec<OverviewRow>,
    pub needed: i64,
    /// The department whose teams are listed.
    pub department: Option<i64>,
    /// For HR and the board: the scenarios and their teams' pulse.
    pub scenarios: Option<Vec<ScenarioPulse>>,
    /// The organisation's teams, to tie a scenario to.
    pub teams: Vec<Team>,
}

/// (respondents, rated, too high, viewer answered) of a group.
#[derive(Clone, Copy, Debug, Default)]
struct Sum {
    n: i64,
    rated: i64,
    high: i64,
    viewer_in: bool,
}

impl Sum {
    fn add(&mut self, r: &Round, viewer_in: bool) {
        self.n += r.respondents;
        self.rated += r.rated;
        self.high += r.too_high;
        self.viewer_in |= viewer_in;
    }
    fn cell(&self, shown: bool) -> Cell {
        match (self.n, shown) {
            (0, _) => Cell::Empty,
            (_, false) => Cell::Hidden,
            (n, true) => Cell::Shown {
                respondents: n,
                too_high: (self.rated > 0).then_some(Share { count: self.high, of: self.rated }),
            },
        }
    }
}

fn month_start(d: Date) -> Date {
    let (y, m, _) = d.ymd();
    Date::from_ymd(y, m, 1).unwrap_or(d)
}

impl Kartrekker {
    /// The organisation's pulse over the last months, for whoever follows
    /// every team; `department` lists that department's teams as well.
    pub async fn pulse_overview(&self, actor: &Actor, department: Option<i64>) -> Result<Overview> {
        let org = actor.org_id().ok_or(Error::NotFound)?;
        if !follows_all(actor) {
            return Err(Error::NotFound);
        }
        let mut c = self.conn().await?;
        let this_month = month_start(self.today());
        let months: Vec<Date> = (0..MONTHS).rev().map(|i| this_month.add_months(-i)).collect();
        let since = months[0];
        let t = crate::organisations::anonymity::threshold(&mut c, org, 0).await?;
        let rounds = store::rounds_of_org(&mut c, org, since).await?;
        let answered = store::answered_rounds(&mut c, actor.id(), org, since).await?;
        let departments = orgs::departments(&mut c, org).await?;
        let teams: Vec<Team> = orgs::teams(&mut c, org).await?.into_iter().map(|(t, _)| t).collect();
        let department_of: HashMap<i64, i64> = teams.iter().map(|t| (t.id, t.department_id)).collect();
        // Each team's last round of each month.
        let mut last: HashMap<(i64, usize), &Round> = HashMap::new();
        for r in &rounds {
            let Some(m) = months.iter().rposition(|m| *m <= r.opens_on) else { continue };
            last.insert((r.team_id, m), r);
        }
        let mut team_cells: HashMap<i64, Vec<Cell>> = HashMap::new();
        let mut dept_cells: HashMap<i64, Vec<Cell>> = HashMap::new();
        let mut org_cells = Vec::new();
        for m in 0..months.len() {
            let mut team_sums: HashMap<i64, Sum> = HashMap::new();
            for ((team, month), r) in &last {
                if *month == m {
                    team_sums.entry(*team).or_default().add(r, answered.contains(&r.id));
                }
            }
            let team_shown: HashMap<i64, bool> =
                team_sums.iter().map(|(id, s)| (*id, t.met(s.n, s.viewer_in))).collect();
            let mut dept_sums: HashMap<i64, (Sum, Vec<i64>)> = HashMap::new();
            let mut whole = Sum::default();
            for (team, s) in &team_sums {
                let d = dept_sums.entry(department_of.get(team).copied().unwrap_or(0)).or_default();
                d.0.n += s.n;
                d.0.rated += s.rated;
                d.0.high += s.high;
                d.0.viewer_in |= s.viewer_in;
                if team_shown[team] {
                    d.1.push(s.n);
                }
                whole.n += s.n;
                whole.rated += s.rated;
                whole.high += s.high;
                whole.viewer_in |= s.viewer_in;
            }
            let mut shown_depts = Vec::new();
            for (id, (s, shown_teams)) in &dept_sums {
                let shown = total_may_show(t, s.n, s.viewer_in, std::slice::from_ref(shown_teams));
                if shown {
                    shown_depts.push(s.n);
                }
                dept_cells.entry(*id).or_insert_with(|| vec![Cell::Empty; months.len()])[m] = s.cell(shown);
            }
            let shown_teams: Vec<i64> = team_sums.iter().filter(|(id, _)| team_shown[*id]).map(|(_, s)| s.n).collect();
            org_cells.push(whole.cell(total_may_show(t, whole.n, whole.viewer_in, &[shown_depts, shown_teams])));
            for (id, s) in &team_sums {
                team_cells.entry(*id).or_insert_with(|| vec![Cell::Empty; months.len()])[m] = s.cell(team_shown[id]);
            }
        }
        let empty = vec![Cell::Empty; months.len()];
        let team_row = |t: &Team| OverviewRow {
            level: Level::Team,
            id: t.id,
            name: t.name.clone(),
            cells: team_cells.get(&t.id).cloned().unwrap_or_else(|| empty.clone()),
        };
        let org_name = orgs::organisation(&mut c, org).await?.map(|o| o.name).unwrap_or_default();
        let mut rows = vec![OverviewRow { level: Level::Organisation, id: org, name: org_name, cells: org_cells }];
        for d in &departments {
            rows.push(OverviewRow {
                level: Level::Department,
                id: d.id,
                name: d.name.clone(),
                cells: dept_cells.get(&d.id).cloned().unwrap_or_else(|| empty.clone()),
            });
            if department == Some(d.id) {
                rows.extend(teams.iter().filter(|t| t.department_id == d.id).map(team_row));
            }
        }
        let scenarios = if actor.has(OrgRole::Hr) || actor.has(OrgRole::Board) {
            let tied = store::scenario_teams(&mut c, org).await?;
            let by_id: HashMap<i64, &Team> = teams.iter().map(|t| (t.id, t)).collect();
            let list = crate::workforce::store::of_org(&mut c, org).await?;
            Some(
                list.into_iter()
                    .map(|s| ScenarioPulse {
                        teams: tied
                            .iter()
                            .filter(|(sid, _)| *sid == s.id)
                            .filter_map(|(_, team)| by_id.get(team).map(|t| team_row(t)))
                            .collect(),
                        id: s.id,
                        name: s.name,
                    })
                    .collect(),
            )
        } else {
            None
        };
        Ok(Overview { months, rows, needed: t.needed(), department, scenarios, teams })
    }

    /// HR or the board ties a scenario of the business case to a team of
    /// the organisation (by name), or unties it (`remove`).
    pub async fn tie_scenario_team(&self, actor: &Actor, scenario_id: i64, team: &str, remove: bool) -> Result<()> {
        let org = actor.org_id().ok_or(Error::NotFound)?;
        if !(actor.has(OrgRole::Hr) || actor.has(OrgRole::Board)) {
            return Err(Error::NotFound);
        }
        let mut tx = self.db.begin().await?;
        crate::workforce::store::in_org(&mut tx, org, scenario_id).await?.ok_or(Error::NotFound)?;
        let team_id = match team.trim().parse::<i64>() {
            Ok(id) => orgs::team_in_org(&mut tx, org, id).await?.map(|t| t.id),
            Err(_) => orgs::team_by_name(&mut tx, org, team.trim()).await?,
        }
        .ok_or(Error::invalid("team", "pulse-error-team-unknown"))?;
        let mut tied: HashSet<i64> = store::scenario_teams(&mut tx, org)
            .await?
            .into_iter()
            .filter(|(s, _)| *s == scenario_id)
            .map(|(_, t)| t)
            .collect();
        if remove {
            tied.remove(&team_id);
        } else {
            tied.insert(team_id);
        }
        let mut tied: Vec<i64> = tied.into_iter().collect();
        tied.sort_unstable();
        store::set_scenario_teams(&mut tx, scenario_id, &tied).await?;
        tx.commit().await?;
        Ok(())
    }
}
