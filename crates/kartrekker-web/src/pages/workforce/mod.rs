//! Workforce: business-case scenarios of a new team model (list, form,
//! result with every formula beside its number and its charts, copy,
//! compare, share, CSV and a printable one-pager).

pub(crate) mod charts;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::routing::{get, post};
use kartrekker::workforce::{
    BusinessCase, CaseInputs, CaseText, Line, Mix, Quantity, ROLES, SENSITIVITY_PERCENT, Scenario, ScenarioList,
    ScenarioPage, Year,
};
use serde::{Deserialize, Serialize};

use super::{Notice, download, notice, render};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/workforce", get(list).post(create))
        .route("/workforce/new", get(new_scenario))
        .route("/workforce/compare", get(compare))
        .route("/workforce/{id}", get(detail).post(save))
        .route("/workforce/{id}/edit", get(edit))
        .route("/workforce/{id}/print", get(print))
        .route("/workforce/{id}/scenario.csv", get(export))
        .route("/workforce/{id}/copy", post(copy))
        .route("/workforce/{id}/shares", post(share))
        .route("/workforce/{id}/shares/{person}/remove", post(unshare))
}

/// A value in the reader's notation.
fn show(c: &Ctx, q: Quantity) -> String {
    match q {
        Quantity::Money(m) => m.display(c.lang),
        Quantity::Percent(r) => r.display(c.lang),
        Quantity::Number(n) => n.display(c.lang),
        Quantity::Count(n) => n.to_string(),
        Quantity::Ratio(mix) => mix_text(c, &mix),
    }
}

/// "3 : 12 (1 bachelor nurse, 1 vocational nurse, 1 support)".
fn mix_text(c: &Ctx, mix: &Mix) -> String {
    let roles: Vec<String> = ROLES
        .iter()
        .zip(mix.staff)
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| format!("{n} {}", c.t(&format!("workforce-role-{r}"))))
        .collect();
    format!("{} : {} ({})", mix.total(), mix.patients, roles.join(", "))
}

/// A figure as the result page shows it: name, value, formula, inputs.
pub struct ShownLine {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    pub formula: String,
    pub uses: Vec<(&'static str, String)>,
    pub money: bool,
}

fn shown_line(c: &Ctx, l: &Line) -> ShownLine {
    let args: Vec<(&'static str, String)> = l.uses.iter().map(|(n, q)| (*n, show(c, *q))).collect();
    ShownLine {
        key: l.key,
        label: c.t(&format!("workforce-line-{}", l.key)),
        value: show(c, l.value),
        formula: crate::i18n::t_args(c.lang, &format!("workforce-formula-{}", l.key), &args),
        uses: l.uses.iter().map(|(n, q)| (c.t(&format!("workforce-input-{n}")), show(c, *q))).collect(),
        money: matches!(l.value, Quantity::Money(_)),
    }
}

/// A year of the projection, written out.
pub struct ShownYear {
    pub year: i64,
    pub cells: [String; 5],
}

fn shown_year(c: &Ctx, y: &Year) -> ShownYear {
    ShownYear {
        year: y.year,
        cells: [y.structural, y.turnover, y.absence, y.total, y.cumulative].map(|m| m.display(c.lang)),
    }
}

/// The five figures of seed 004 for a summary: (label key, value).
fn headline(c: &Ctx, case: &BusinessCase) -> Vec<(&'static str, String)> {
    [
        ("workforce-line-structural", case.structural),
        ("workforce-line-per_year_in_transition", case.per_year_in_transition),
        ("workforce-line-turnover", case.turnover),
        ("workforce-line-absence", case.absence),
        ("workforce-line-total", case.total),
    ]
    .into_iter()
    .map(|(k, m)| (c.t(k), m.display(c.lang)))
    .collect()
}

#[derive(Template)]
#[template(path = "workforce/list.html")]
struct List<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    can_edit: bool,
    rows: Vec<(Scenario, Vec<(&'static str, String)>)>,
}

pub async fn list(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    let a = c.require()?;
    let ScenarioList { scenarios, can_edit } = s.k.workforce_scenarios(a).await?;
    let rows = scenarios
        .into_iter()
        .map(|sc| {
            let h = headline(&c, &sc.inputs.calculate());
            (sc, h)
        })
        .collect();
    Ok(render(&List { notice: notice(&c, q.notice.as_deref()), c: &c, can_edit, rows }))
}

/// A scenario's form as posted: every number as typed.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ScenarioForm {
    name: String,
    team_fte: String,
    headcount: String,
    patients_per_shift: String,
    today_bachelor: String,
    today_vocational: String,
    today_support: String,
    today_patients: String,
    new_bachelor: String,
    new_vocational: String,
    new_support: String,
    new_patients: String,
    cost_bachelor: String,
    cost_vocational: String,
    cost_support: String,
    transition: String,
    turnover_rate: String,
    cost_per_leaver: String,
    turnover_reduction: String,
    absence_rate: String,
    absence_reduction: String,
}

impl ScenarioForm {
    fn text(&self) -> CaseText<'_> {
        CaseText {
            team_fte: &self.team_fte,
            headcount: &self.headcount,
            patients_per_shift: &self.patients_per_shift,
            today_staff: [&self.today_bachelor, &self.today_vocational, &self.today_support],
            today_patients: &self.today_patients,
            new_staff: [&self.new_bachelor, &self.new_vocational, &self.new_support],
            new_patients: &self.new_patients,
            cost: [&self.cost_bachelor, &self.cost_vocational, &self.cost_support],
            transition: &self.transition,
            turnover_rate: &self.turnover_rate,
            cost_per_leaver: &self.cost_per_leaver,
            turnover_reduction: &self.turnover_reduction,
            absence_rate: &self.absence_rate,
            absence_reduction: &self.absence_reduction,
        }
    }
    fn of(c: &Ctx, name: &str, i: &CaseInputs) -> ScenarioForm {
        let l = c.lang;
        ScenarioForm {
            name: name.to_string(),
            team_fte: i.team_fte.typed(l),
            headcount: i.headcount.to_string(),
            patients_per_shift: i.patients_per_shift.to_string(),
            today_bachelor: i.today.staff[0].to_string(),
            today_vocational: i.today.staff[1].to_string(),
            today_support: i.today.staff[2].to_string(),
            today_patients: i.today.patients.to_string(),
            new_bachelor: i.new.staff[0].to_string(),
            new_vocational: i.new.staff[1].to_string(),
            new_support: i.new.staff[2].to_string(),
            new_patients: i.new.patients.to_string(),
            cost_bachelor: i.cost[0].typed(l),
            cost_vocational: i.cost[1].typed(l),
            cost_support: i.cost[2].typed(l),
            transition: i.transition.typed(l),
            turnover_rate: i.turnover_rate.typed(l),
            cost_per_leaver: i.cost_per_leaver.typed(l),
            turnover_reduction: i.turnover_reduction.typed(l),
            absence_rate: i.absence_rate.typed(l),
            absence_reduction: i.absence_reduction.typed(l),
        }
    }
}

/// A number field of the form: its name, and the unit after it.
pub struct Field {
    pub name: &'static str,
    pub unit: &'static str,
}

/// The form's groups of fields: (legend key, fields).
fn groups(c: &Ctx) -> Vec<(&'static str, Vec<Field>)> {
    let f = |name: &'static str, unit: &str| Field { name, unit: c.t(&format!("workforce-unit-{unit}")) };
    vec![
        (
            "workforce-group-team",
            vec![f("team_fte", "fte"), f("headcount", "people"), f("patients_per_shift", "patients")],
        ),
        (
            "workforce-group-today",
            vec![
                f("today_bachelor", "professionals"),
                f("today_vocational", "professionals"),
                f("today_support", "professionals"),
                f("today_patients", "patients"),
            ],
        ),
        (
            "workforce-group-new",
            vec![
                f("new_bachelor", "professionals"),
                f("new_vocational", "professionals"),
                f("new_support", "professionals"),
                f("new_patients", "patients"),
            ],
        ),
        (
            "workforce-group-cost",
            vec![f("cost_bachelor", "euro-fte"), f("cost_vocational", "euro-fte"), f("cost_support", "euro-fte")],
        ),
        (
            "workforce-group-effects",
            vec![
                f("transition", "years"),
                f("turnover_rate", "percent"),
                f("cost_per_leaver", "euro-leaver"),
                f("turnover_reduction", "percent"),
                f("absence_rate", "percent"),
                f("absence_reduction", "percent"),
            ],
        ),
    ]
}

#[derive(Template)]
#[template(path = "workforce/form.html")]
struct FormPage<'a> {
    c: &'a Ctx,
    /// None for a new scenario.
    id: Option<i64>,
    form: Form,
    groups: Vec<(&'static str, Vec<Field>)>,
}

fn form_page(c: &Ctx, id: Option<i64>, form: Form) -> WebResult {
    Ok(render(&FormPage { c, id, form, groups: groups(c) }))
}

pub async fn new_scenario(s: AppState, c: Ctx) -> WebResult {
    s.k.may_create_scenario(c.require()?)?;
    form_page(&c, None, Form::new())
}

pub async fn create(s: AppState, c: Ctx, Posted(f): Posted<ScenarioForm>) -> WebResult {
    let result = s.k.create_scenario(c.require()?, &f.name, &f.text()).await;
    let ok = |id| format!("/workforce/{id}?notice=notice-scenario-saved");
    submit(&c, &f, "name", result, ok, async |form| form_page(&c, None, form)).await
}

pub async fn edit(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let page = s.k.scenario(c.require()?, id).await?;
    if !page.can_edit {
        return Err(crate::error::WebError::NotFound);
    }
    form_page(&c, Some(id), Form::of(&ScenarioForm::of(&c, &page.scenario.name, &page.scenario.inputs)))
}

pub async fn save(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ScenarioForm>) -> WebResult {
    let result = s.k.save_scenario(c.require()?, id, &f.name, &f.text()).await;
    let ok = |()| format!("/workforce/{id}?notice=notice-scenario-saved");
    submit(&c, &f, "name", result, ok, async |form| form_page(&c, Some(id), form)).await
}

#[derive(Template)]
#[template(path = "workforce/detail.html")]
struct Detail<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    id: i64,
    name: String,
    can_edit: bool,
    headline: Vec<(&'static str, String)>,
    lines: Vec<ShownLine>,
    years: Vec<ShownYear>,
    copy: Form,
    share: Form,
    shares: Vec<(i64, String)>,
    leaders: Vec<(String, String)>,
    others: Vec<(String, String)>,
    charts: Charts,
}

/// The three charts of a case with the rows of their data tables.
pub struct Charts {
    pub tornado: String,
    /// (input, total 20 % lower, total 20 % higher).
    pub swings: Vec<(&'static str, String, String)>,
    pub waterfall: String,
    pub mix: String,
    /// (role, FTE today, FTE new).
    pub mix_rows: Vec<(&'static str, String, String)>,
}

fn charts(c: &Ctx, inputs: &CaseInputs, case: &BusinessCase) -> Charts {
    let l = c.lang;
    let swings = inputs.sensitivity();
    let rows: Vec<charts::TornadoRow> = swings
        .iter()
        .map(|s| charts::TornadoRow {
            name: c.t(&format!("workforce-input-{}", s.input)).to_string(),
            low: s.low.0,
            high: s.high.0,
            low_text: s.low.euros(l),
            high_text: s.high.euros(l),
        })
        .collect();
    let tornado = charts::tornado(
        &c.ta("workforce-tornado-title", "percent", SENSITIVITY_PERCENT),
        &c.ta("workforce-tornado-desc", "total", case.total.euros(l)),
        case.total.0,
        &rows,
    );
    let step = |key: &str, m: kartrekker::workforce::Cents| (c.t(key).to_string(), m.0, m.euros(l));
    let waterfall = charts::waterfall(
        c.t("workforce-waterfall-title"),
        c.t("workforce-waterfall-desc"),
        &[
            step("workforce-line-per_year_in_transition", case.per_year_in_transition),
            step("workforce-line-turnover", case.turnover),
            step("workforce-line-absence", case.absence),
        ],
        &step("workforce-line-total", case.total),
    );
    let today = inputs.today.fte_per_role(inputs.team_fte);
    let new = inputs.new.fte_per_role(case.fte_new);
    let roles = ROLES.map(|r| c.t(&format!("workforce-role-{r}")));
    let mix = charts::stacked(
        c.t("workforce-mix-title"),
        c.t("workforce-mix-desc"),
        &[
            (c.t("workforce-mix-today").to_string(), today.map(|h| h.0)),
            (c.t("workforce-mix-new").to_string(), new.map(|h| h.0)),
        ],
        &roles.map(str::to_string),
    );
    Charts {
        tornado,
        swings: rows
            .into_iter()
            .zip(&swings)
            .map(|(r, s)| (c.t(&format!("workforce-input-{}", s.input)), r.low_text, r.high_text))
            .collect(),
        waterfall,
        mix,
        mix_rows: (0..3).map(|k| (roles[k], today[k].display(l), new[k].display(l))).collect(),
    }
}

async fn detail_page(s: &AppState, c: &Ctx, id: i64, copy: Form, share: Form, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let ScenarioPage { scenario, case, can_edit, shares, team_leaders } = s.k.scenario(a, id).await?;
    let others =
        s.k.workforce_scenarios(a)
            .await?
            .scenarios
            .into_iter()
            .filter(|o| o.id != id)
            .map(|o| (o.id.to_string(), o.name))
            .collect();
    let mut leaders = vec![(String::new(), c.t("choose").to_string())];
    leaders.extend(
        team_leaders.into_iter().filter(|(p, _)| !shares.iter().any(|(q, _)| q == p)).map(|(p, n)| (p.to_string(), n)),
    );
    let copy = if copy.value("name").is_empty() {
        copy.with("name", c.ta("workforce-copy-name", "name", &scenario.name))
    } else {
        copy
    };
    let page = Detail {
        charts: charts(c, &scenario.inputs, &case),
        c,
        notice,
        id,
        can_edit,
        headline: headline(c, &case),
        lines: case.lines.iter().map(|l| shown_line(c, l)).collect(),
        years: case.projection.iter().map(|y| shown_year(c, y)).collect(),
        name: scenario.name,
        copy,
        share,
        shares,
        leaders,
        others,
    };
    Ok(render(&page))
}

pub async fn detail(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    detail_page(&s, &c, id, Form::new(), Form::new(), n).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct CopyForm {
    name: String,
}

pub async fn copy(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<CopyForm>) -> WebResult {
    let result = s.k.copy_scenario(c.require()?, id, &f.name).await;
    let ok = |new| format!("/workforce/{new}/edit");
    submit(&c, &f, "name", result, ok, async |form| detail_page(&s, &c, id, form, Form::new(), None).await).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ShareForm {
    person: String,
}

pub async fn share(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ShareForm>) -> WebResult {
    let result = s.k.share_scenario(c.require()?, id, &f.person).await;
    let ok = |()| format!("/workforce/{id}?notice=notice-scenario-shared#shares");
    submit(&c, &f, "person", result, ok, async |form| detail_page(&s, &c, id, Form::new(), form, None).await).await
}

pub async fn unshare(s: AppState, c: Ctx, Path((id, person)): Path<(i64, i64)>) -> WebResult {
    s.k.unshare_scenario(c.require()?, id, person).await?;
    Ok(super::see_other(&format!("/workforce/{id}?notice=notice-scenario-unshared#shares")))
}

#[derive(Deserialize, Default)]
pub struct CompareQuery {
    a: Option<i64>,
    b: Option<i64>,
}

/// One row of the comparison: a figure in both scenarios.
pub struct CompareRow {
    pub label: &'static str,
    pub a: String,
    pub b: String,
    pub money: bool,
}

#[derive(Template)]
#[template(path = "workforce/compare.html")]
struct Compare<'a> {
    c: &'a Ctx,
    names: [String; 2],
    ids: [i64; 2],
    rows: Vec<CompareRow>,
}

pub async fn compare(s: AppState, c: Ctx, Query(q): Query<CompareQuery>) -> WebResult {
    let a = c.require()?;
    let (Some(ia), Some(ib)) = (q.a, q.b) else {
        return Err(crate::error::WebError::NotFound);
    };
    let [(sa, ca), (sb, cb)] = s.k.compare_scenarios(a, ia, ib).await?;
    let (fa, fb) = (ScenarioForm::of(&c, "", &sa.inputs), ScenarioForm::of(&c, "", &sb.inputs));
    let (fa, fb) = (Form::of(&fa), Form::of(&fb));
    let mut rows: Vec<CompareRow> = groups(&c)
        .into_iter()
        .flat_map(|(_, fields)| fields)
        .map(|f| CompareRow {
            label: c.t(&format!("workforce-input-{}", f.name)),
            a: format!("{} {}", fa.value(f.name), f.unit),
            b: format!("{} {}", fb.value(f.name), f.unit),
            money: false,
        })
        .collect();
    rows.extend(ca.lines.iter().zip(&cb.lines).map(|(la, lb)| CompareRow {
        label: c.t(&format!("workforce-line-{}", la.key)),
        a: show(&c, la.value),
        b: show(&c, lb.value),
        money: true,
    }));
    Ok(render(&Compare { c: &c, names: [sa.name, sb.name], ids: [ia, ib], rows }))
}

#[derive(Template)]
#[template(path = "workforce/print.html")]
struct Print<'a> {
    c: &'a Ctx,
    name: String,
    headline: Vec<(&'static str, String)>,
    lines: Vec<ShownLine>,
    years: Vec<ShownYear>,
    waterfall: String,
}

/// The one-pager for the board: the figures with their formulas, the
/// waterfall and five years, without the forms.
pub async fn print(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let ScenarioPage { scenario, case, .. } = s.k.scenario(c.require()?, id).await?;
    let page = Print {
        headline: headline(&c, &case),
        lines: case.lines.iter().map(|l| shown_line(&c, l)).collect(),
        years: case.projection.iter().map(|y| shown_year(&c, y)).collect(),
        waterfall: charts(&c, &scenario.inputs, &case).waterfall,
        name: scenario.name,
        c: &c,
    };
    Ok(render(&page))
}

/// The figures, formulas and five years as a spreadsheet (plain numbers).
pub async fn export(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let ScenarioPage { scenario, case, .. } = s.k.scenario(c.require()?, id).await?;
    let plain = |q: Quantity| match q {
        Quantity::Money(m) => m.typed(c.lang),
        Quantity::Percent(r) => r.typed(c.lang),
        Quantity::Number(n) => n.typed(c.lang),
        Quantity::Count(n) => n.to_string(),
        Quantity::Ratio(mix) => mix_text(&c, &mix),
    };
    let mut csv = kartrekker::csv_export::Csv::new();
    csv.row([scenario.name.as_str()]);
    csv.row(["workforce-col-figure", "workforce-col-value", "workforce-col-formula"].map(|k| c.t(k)));
    for l in &case.lines {
        let shown = shown_line(&c, l);
        csv.row([shown.label.to_string(), plain(l.value), shown.formula]);
    }
    csv.row([""]);
    let head = [
        "workforce-col-year",
        "workforce-line-structural",
        "workforce-line-turnover",
        "workforce-line-absence",
        "workforce-col-total",
        "workforce-col-cumulative",
    ];
    csv.row(head.map(|k| c.t(k)));
    for y in &case.projection {
        let mut row = vec![y.year.to_string()];
        row.extend([y.structural, y.turnover, y.absence, y.total, y.cumulative].map(|m| m.typed(c.lang)));
        csv.row(row);
    }
    Ok(download("text/csv; charset=utf-8", &format!("businesscase-{id}.csv"), csv.finish()))
}
