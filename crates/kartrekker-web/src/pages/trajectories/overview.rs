//! The program leader's overview of every team's trajectory.

use askama::Template;
use axum::extract::Query;
use kartrekker::trajectories::service::OVERVIEW_PAGE_SIZE;
use kartrekker::trajectories::{OverviewFilter, OverviewSort, Phase};

use super::{day, phase_label};
use crate::context::{Ctx, url_escape};
use crate::error::WebResult;
use crate::forms::Form;
use crate::pages::render;
use crate::state::AppState;

#[derive(serde::Deserialize, Default)]
pub struct OverviewQuery {
    sort: Option<String>,
    phase: Option<String>,
    team: Option<String>,
    page: Option<i64>,
}

pub struct OverviewView {
    pub team: String,
    pub department: String,
    pub link: String,
    pub phase: Option<String>,
    pub trainer: String,
    pub open: i64,
    pub overdue: i64,
    pub days_since: String,
    pub next: String,
    pub next_overdue: bool,
}

/// A column header that sorts.
pub struct Header {
    pub label: String,
    pub href: String,
    /// aria-sort: "ascending", "descending" or "none".
    pub sort: &'static str,
}

#[derive(Template)]
#[template(path = "trajectories/overview.html")]
struct OverviewTpl<'a> {
    c: &'a Ctx,
    rows: Vec<OverviewView>,
    headers: Vec<Header>,
    filter: Form,
    phases: Vec<(String, String)>,
    total: i64,
    page: i64,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
    filtered: bool,
}

pub async fn overview(s: AppState, c: Ctx, Query(q): Query<OverviewQuery>) -> WebResult {
    let a = c.require()?;
    let raw_sort = q.sort.clone().unwrap_or_default();
    let (desc, code) = match raw_sort.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw_sort.as_str()),
    };
    let sort = OverviewSort::from_code(code).unwrap_or_default();
    let desc = desc && OverviewSort::from_code(code).is_some();
    let phase = q.phase.clone().filter(|p| p == "none" || Phase::from_code(p).is_some()).unwrap_or_default();
    let team = q.team.clone().unwrap_or_default().chars().take(120).collect::<String>();
    let page = q.page.unwrap_or(1).max(1);
    let filter = OverviewFilter {
        phase: phase.clone(),
        team: team.clone(),
        sort,
        desc,
        limit: OVERVIEW_PAGE_SIZE,
        offset: (page - 1).saturating_mul(OVERVIEW_PAGE_SIZE),
    };
    let o = s.k.trajectory_overview(a, &filter).await?;
    let pages = ((o.total + OVERVIEW_PAGE_SIZE - 1) / OVERVIEW_PAGE_SIZE).max(1);
    let query = |sort: &str, page: i64| {
        let mut parts = Vec::new();
        if !sort.is_empty() {
            parts.push(format!("sort={}", url_escape(sort)));
        }
        if !phase.is_empty() {
            parts.push(format!("phase={}", url_escape(&phase)));
        }
        if !team.trim().is_empty() {
            parts.push(format!("team={}", url_escape(team.trim())));
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            "/program/trajectories".to_string()
        } else {
            format!("/program/trajectories?{}", parts.join("&"))
        }
    };
    let current = if desc { format!("-{}", sort.code()) } else { sort.code().to_string() };
    let headers = OverviewSort::ALL
        .iter()
        .map(|col| {
            let active = *col == sort;
            let href = if active && !desc { query(&format!("-{}", col.code()), 1) } else { query(col.code(), 1) };
            Header {
                label: c.t(&format!("trajectory-column-{}", col.code())).to_string(),
                href,
                sort: match (active, desc) {
                    (false, _) => "none",
                    (true, false) => "ascending",
                    (true, true) => "descending",
                },
            }
        })
        .collect();
    let rows = o
        .rows
        .into_iter()
        .map(|r| OverviewView {
            link: format!("/teams/{}/trajectory", r.team_id),
            team: r.team,
            department: r.department,
            phase: r.phase.map(|p| phase_label(&c, p)),
            trainer: r.trainer.unwrap_or_default(),
            open: r.open,
            overdue: r.overdue,
            days_since: r
                .last_evaluation
                .map(|d| c.ta("trajectory-days", "count", d.days_until(o.today)))
                .unwrap_or_default(),
            next: day(r.next_evaluation),
            next_overdue: r.next_evaluation.is_some_and(|d| d < o.today),
        })
        .collect();
    let mut phases = vec![
        (String::new(), c.t("trajectory-filter-all").to_string()),
        ("none".into(), c.t("trajectory-none").to_string()),
    ];
    phases.extend(Phase::ALL.iter().map(|p| (p.code().to_string(), phase_label(&c, *p))));
    let filtered = !phase.is_empty() || !team.trim().is_empty();
    Ok(render(&OverviewTpl {
        c: &c,
        rows,
        headers,
        filter: Form::new().with("phase", phase.clone()).with("team", team.clone()).with("sort", current.clone()),
        phases,
        total: o.total,
        page,
        pages,
        prev: (page > 1).then(|| query(&current, page - 1)),
        next: (page < pages).then(|| query(&current, page + 1)),
        filtered,
    }))
}
