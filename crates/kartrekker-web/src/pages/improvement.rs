//! Verwonder & Verbeter: a team's verwonderpunten (post in one short form,
//! support, comment), one point with its triage and merge, and who triages.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::routing::{get, post};
use kartrekker::dates::Date;
use kartrekker::improvement::runchart::{Analysis, parse_pasted, parse_value};
use kartrekker::improvement::{
    Cycle, CycleAction, CycleInput, CyclePage, Outcome, Point, PointList, PointPage, PointStatus, ProjectInput,
    ProjectPage, TriageInput, Wall,
};
use kartrekker::organisations::Member;
use serde::{Deserialize, Serialize};

use super::actions::ActionForm;
use super::{Notice, notice, render};
use crate::charts::push_tenths;
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/teams/{id}/verwonderpunten", get(list).post(create))
        .route("/teams/{id}/verwonderpunten/triagers", post(triagers))
        .route("/verwonderpunten/{id}", get(detail))
        .route("/verwonderpunten/{id}/support", post(support))
        .route("/verwonderpunten/{id}/comments", post(comment))
        .route("/verwonderpunten/{id}/merge", post(merge))
        .route("/verwonderpunten/{id}/triage", post(triage))
        .route("/verbeterprojecten/{id}", get(project).post(save_project))
        .route("/verbeterprojecten/{id}/data", post(add_data))
        .route("/verbeterprojecten/{id}/close", post(close_project))
        .route("/verbeterprojecten/{id}/cycli", post(add_cycle))
        .route("/verbetercycli/{id}", get(cycle).post(save_cycle))
        .route("/verbetercycli/{id}/acties", post(add_cycle_action))
        .route("/teams/{id}/wat-we-veranderden", get(wall))
        .route("/program/verbeterprojecten", get(overview))
}

/// A point as a line of the list or the head of its page shows it.
pub struct Line {
    pub p: Point,
    pub status: &'static str,
    pub posted: String,
    pub mine: bool,
    pub supported: bool,
}

impl Line {
    fn new(c: &Ctx, p: Point, mine: bool, supported: bool) -> Line {
        Line {
            status: c.t(&format!("vv-status-{}", p.status.code())),
            posted: Date::moment_nl(p.created_at),
            mine,
            supported,
            p,
        }
    }
    pub fn waiting(&self) -> bool {
        self.p.status == PointStatus::New
    }
}

fn member_options(c: &Ctx, members: &[Member]) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), c.t("choose").to_string())];
    out.extend(members.iter().map(|m| (m.person_id.to_string(), m.name.clone())));
    out
}

#[derive(Template)]
#[template(path = "improvement/list.html")]
struct List<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    team_id: i64,
    team: String,
    can_post: bool,
    leads: bool,
    form: Form,
    triager_form: Form,
    members: Vec<(String, String)>,
    waiting: Vec<Line>,
    triaged: Vec<Line>,
}

/// The list with the post form (`form`) and, for a team leader, who triages (`triager_form`).
async fn list_page(
    s: &AppState,
    c: &Ctx,
    team_id: i64,
    form: Form,
    triager_form: Option<Form>,
    notice: Option<String>,
) -> WebResult {
    let a = c.require()?;
    let PointList { team, points, posted, supported, can_post, leads, members, triagers, .. } =
        s.k.verwonderpunten(a, team_id).await?;
    let (waiting, triaged): (Vec<Line>, Vec<Line>) = points
        .into_iter()
        .map(|p| {
            let (mine, sup) = (posted.contains(&p.id), supported.contains(&p.id));
            Line::new(c, p, mine, sup)
        })
        .partition(Line::waiting);
    let triager_form = triager_form
        .unwrap_or_else(|| Form::new().with_all("triagers", triagers.iter().map(|t| t.to_string()).collect()));
    let members = members.iter().map(|m| (m.person_id.to_string(), m.name.clone())).collect();
    let page =
        List { c, notice, team_id, team: team.name, can_post, leads, form, triager_form, members, waiting, triaged };
    Ok(render(&page))
}

pub async fn list(s: AppState, c: Ctx, Path(team_id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    list_page(&s, &c, team_id, Form::new(), None, n).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PostForm {
    title: String,
    body: String,
    anonymous: String,
}

/// Back to the list, not to the point: the one-time token's kept target
/// (docs/decisions/0008) then names no anonymous point (0017).
pub async fn create(s: AppState, c: Ctx, Path(team_id): Path<i64>, Posted(f): Posted<PostForm>) -> WebResult {
    let result = s.k.post_verwonderpunt(c.require()?, team_id, &f.title, &f.body, f.anonymous == "yes").await;
    let ok = |_| format!("/teams/{team_id}/verwonderpunten?notice=vv-notice-posted");
    submit(&c, &f, "title", result, ok, async |form| list_page(&s, &c, team_id, form, None, None).await).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct TriagersForm {
    triagers: Vec<String>,
}

pub async fn triagers(s: AppState, c: Ctx, Path(team_id): Path<i64>, Posted(f): Posted<TriagersForm>) -> WebResult {
    let result = s.k.set_improvement_triagers(c.require()?, team_id, &f.triagers).await;
    let ok = |()| format!("/teams/{team_id}/verwonderpunten?notice=vv-notice-triagers-saved");
    submit(&c, &f, "triagers", result, ok, async |form| list_page(&s, &c, team_id, Form::new(), Some(form), None).await)
        .await
}

#[derive(Template)]
#[template(path = "improvement/point.html")]
struct Detail<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    line: Line,
    named_posters: String,
    anonymous_posters: usize,
    comments: Vec<(String, String, String)>,
    can_support: bool,
    can_comment: bool,
    can_triage: bool,
    choices: Vec<(String, &'static str)>,
    support: Form,
    comment: Form,
    merge: Form,
    triage: Form,
    merge_targets: Vec<(String, String)>,
    members: Vec<(String, String)>,
}

/// The forms of a point's page; the one that failed comes back with its messages.
#[derive(Default)]
struct Forms {
    support: Option<Form>,
    comment: Option<Form>,
    merge: Option<Form>,
    triage: Option<Form>,
}

async fn detail_page(s: &AppState, c: &Ctx, id: i64, forms: Forms, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let PointPage {
        point,
        named_posters,
        anonymous_posters,
        comments,
        posted,
        supported,
        can_support,
        can_comment,
        can_triage,
        merge_targets,
        members,
        ..
    } = s.k.verwonderpunt(a, id).await?;
    let triage = forms.triage.unwrap_or_else(|| {
        Form::new()
            .with("choice", "quick_fix")
            .with("title", point.title.clone())
            .with("problem", point.body.clone())
            .with("kartrekker", a.id().to_string())
    });
    let mut targets = vec![(String::new(), c.t("choose").to_string())];
    targets.extend(merge_targets.into_iter().map(|p| (p.id.to_string(), p.title)));
    let page = Detail {
        c,
        notice,
        named_posters: named_posters.join(", "),
        anonymous_posters,
        comments: comments.into_iter().map(|m| (Date::moment_nl(m.at), m.author, m.text)).collect(),
        can_support,
        can_comment,
        can_triage,
        choices: ["quick_fix", "project", "not_now"].map(|k| (k.to_string(), c.t(&format!("vv-choice-{k}")))).to_vec(),
        support: forms.support.unwrap_or_default(),
        comment: forms.comment.unwrap_or_default(),
        merge: forms.merge.unwrap_or_default(),
        triage,
        merge_targets: targets,
        members: member_options(c, &members),
        line: Line::new(c, point, posted, supported),
    };
    Ok(render(&page))
}

pub async fn detail(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    detail_page(&s, &c, id, Forms::default(), n).await
}

/// +1: a repeat changes nothing, so it needs no one-time token. Refused
/// (one's own point, or one merged meanwhile), the page says why.
pub async fn support(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let result = s.k.support_verwonderpunt(c.require()?, id).await;
    let ok = |()| format!("/verwonderpunten/{id}?notice=vv-notice-supported");
    let again = async |form| detail_page(&s, &c, id, Forms { support: Some(form), ..Forms::default() }, None).await;
    submit(&c, &CommentForm::default(), "support", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct CommentForm {
    text: String,
}

pub async fn comment(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<CommentForm>) -> WebResult {
    let result = s.k.comment_verwonderpunt(c.require()?, id, &f.text).await;
    let ok = |()| format!("/verwonderpunten/{id}?notice=vv-notice-commented#comments");
    let again = async |form| detail_page(&s, &c, id, Forms { comment: Some(form), ..Forms::default() }, None).await;
    submit(&c, &f, "text", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct MergeForm {
    into: String,
}

pub async fn merge(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<MergeForm>) -> WebResult {
    let result = s.k.merge_verwonderpunt(c.require()?, id, &f.into).await;
    let ok = |into| format!("/verwonderpunten/{into}?notice=vv-notice-merged");
    let again = async |form| detail_page(&s, &c, id, Forms { merge: Some(form), ..Forms::default() }, None).await;
    submit(&c, &f, "into", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct TriageForm {
    choice: String,
    reason: String,
    title: String,
    goal: String,
    kartrekker: String,
    due_date: String,
    problem: String,
}

pub async fn triage(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<TriageForm>) -> WebResult {
    let input = TriageInput {
        choice: &f.choice,
        reason: &f.reason,
        title: &f.title,
        goal: &f.goal,
        kartrekker: &f.kartrekker,
        due_date: &f.due_date,
        problem: &f.problem,
    };
    let result = s.k.triage_verwonderpunt(c.require()?, id, &input).await;
    let ok = |outcome| match outcome {
        Outcome::NotNow(id) => format!("/verwonderpunten/{id}?notice=vv-notice-triaged"),
        Outcome::Action(action) => format!("/actions/{action}?notice=notice-action-added"),
        Outcome::Project(project) => format!("/verbeterprojecten/{project}?notice=vv-notice-project-started"),
    };
    let again = async |form| detail_page(&s, &c, id, Forms { triage: Some(form), ..Forms::default() }, None).await;
    submit(&c, &f, "choice", result, ok, again).await
}

#[derive(Template)]
#[template(path = "improvement/project.html")]
struct ProjectView<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    page: ProjectPage,
    aim_by: String,
    chart: String,
    rows: Vec<DataRow>,
    form: Form,
    data: Form,
    close: Form,
    cycle: Form,
    cycles: Vec<CycleView>,
    betters: Vec<(String, &'static str)>,
}

/// A PDCA cycle as the project's and its own page show it.
pub struct CycleView {
    pub y: Cycle,
    pub dates: String,
    pub actions: Vec<CycleActionView>,
}

pub struct CycleActionView {
    pub a: CycleAction,
    pub status: &'static str,
    pub due: String,
}

impl CycleView {
    fn new(c: &Ctx, y: Cycle, actions: Vec<CycleAction>) -> CycleView {
        let dates = match y.ends_on {
            Some(end) => c.ta2("improvement-cycle-from-to", "from", y.starts_on.dutch(), "to", end.dutch()),
            None => c.ta("improvement-cycle-from", "from", y.starts_on.dutch()),
        };
        let actions = actions
            .into_iter()
            .map(|a| CycleActionView {
                status: c.t(&format!("status-{}", a.status.code())),
                due: a.due_date.map(|d| d.dutch()).unwrap_or_default(),
                a,
            })
            .collect();
        CycleView { y, dates, actions }
    }
}

/// A line of the chart's table: what the chart shows, for screen readers too.
pub struct DataRow {
    pub date: String,
    pub value: String,
    pub marks: String,
}

/// The forms of a project's page; the one that failed comes back with its messages.
#[derive(Default)]
struct ProjectForms {
    form: Option<Form>,
    data: Option<Form>,
    close: Option<Form>,
    cycle: Option<Form>,
}

/// A value as people read it: a decimal comma in Dutch, no trailing zeros.
fn number(c: &Ctx, v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if c.lang == kartrekker::people::Language::Nl { s.replace('.', ",") } else { s.to_string() }
}

async fn project_page(s: &AppState, c: &Ctx, id: i64, forms: ProjectForms, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let page = s.k.improvement_project(a, id).await?;
    let p = &page.project;
    let form = forms.form.unwrap_or_else(|| {
        Form::new()
            .with("aim_what", p.aim_what.clone())
            .with("aim_how_much", p.aim_how_much.clone())
            .with("aim_by", p.aim_by.map(|d| d.to_string()).unwrap_or_default())
            .with("measure_name", p.measure_name.clone())
            .with("measure_unit", p.measure_unit.clone())
            .with("better", if p.higher_is_better { "higher" } else { "lower" })
            .with("baseline_until", p.baseline_until.map(|d| d.to_string()).unwrap_or_default())
    });
    let rows = page
        .data
        .iter()
        .enumerate()
        .map(|(i, (d, v))| {
            let mut marks = Vec::new();
            if page.analysis.shift[i] {
                marks.push(c.t("vv-chart-shift"));
            }
            if page.analysis.trend[i] {
                marks.push(c.t("vv-chart-trend"));
            }
            DataRow { date: d.dutch(), value: number(c, *v), marks: marks.join(", ") }
        })
        .collect();
    let chart = run_chart(c, &p.measure_name, &page.data, &page.analysis);
    let view = ProjectView {
        c,
        notice,
        aim_by: p.aim_by.map(|d| d.dutch()).unwrap_or_default(),
        chart,
        rows,
        form,
        data: forms.data.unwrap_or_default(),
        close: forms.close.unwrap_or_default(),
        cycle: forms.cycle.unwrap_or_else(|| Form::new().with("starts_on", s.k.today().to_string())),
        cycles: page.cycles.iter().map(|(y, acts)| CycleView::new(c, y.clone(), acts.clone())).collect(),
        betters: ["higher", "lower"].map(|k| (k.to_string(), c.t(&format!("vv-better-{k}")))).to_vec(),
        page,
    };
    Ok(render(&view))
}

pub async fn project(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    project_page(&s, &c, id, ProjectForms::default(), n).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ProjectForm {
    aim_what: String,
    aim_how_much: String,
    aim_by: String,
    measure_name: String,
    measure_unit: String,
    better: String,
    baseline_until: String,
}

pub async fn save_project(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ProjectForm>) -> WebResult {
    let input = ProjectInput {
        aim_what: &f.aim_what,
        aim_how_much: &f.aim_how_much,
        aim_by: &f.aim_by,
        measure_name: &f.measure_name,
        measure_unit: &f.measure_unit,
        better: &f.better,
        baseline_until: &f.baseline_until,
    };
    let result = s.k.save_improvement_project(c.require()?, id, &input).await;
    let ok = |()| format!("/verbeterprojecten/{id}?notice=vv-notice-project-saved");
    let again =
        async |form| project_page(&s, &c, id, ProjectForms { form: Some(form), ..Default::default() }, None).await;
    submit(&c, &f, "aim_what", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct DataForm {
    date: String,
    value: String,
    pasted: String,
}

/// One value for a date, or two columns pasted (date and value); every bad
/// line is named, and then nothing is kept.
pub async fn add_data(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<DataForm>) -> WebResult {
    let again = async |form: Form| {
        project_page(&s, &c, id, ProjectForms { data: Some(form), ..Default::default() }, None).await
    };
    let points = if f.pasted.trim().is_empty() {
        let date = kartrekker::dates::Date::parse(&f.date, "date");
        match (date, parse_value(&f.value)) {
            (Ok(d), Some(v)) => Ok(vec![(d, v)]),
            (d, v) => {
                let mut errors = Vec::new();
                if d.is_err() {
                    errors.push(kartrekker::error::FieldError { field: "date", key: "error-date-invalid" });
                }
                if v.is_none() {
                    errors.push(kartrekker::error::FieldError { field: "value", key: "vv-error-value" });
                }
                Err(kartrekker::Error::Invalid(errors))
            }
        }
    } else {
        match parse_pasted(&f.pasted) {
            Ok(points) => Ok(points),
            Err(lines) => {
                let mut form = Form::of(&f);
                for l in lines {
                    form.add_error("pasted", crate::i18n::t_args(c.lang, l.key, &[("line", l.line.to_string())]));
                }
                let mut page = again(form).await?;
                *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
                return Ok(page);
            }
        }
    };
    let result = match points {
        Ok(points) => s.k.add_improvement_data(c.require()?, id, &points).await,
        Err(e) => Err(e),
    };
    let ok = |()| format!("/verbeterprojecten/{id}?notice=vv-notice-data-added#chart");
    submit(&c, &f, "value", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct CloseForm {
    result: String,
}

pub async fn close_project(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<CloseForm>) -> WebResult {
    let result = s.k.close_improvement_project(c.require()?, id, &f.result).await;
    let ok = |()| format!("/verbeterprojecten/{id}?notice=vv-notice-project-closed");
    let again =
        async |form| project_page(&s, &c, id, ProjectForms { close: Some(form), ..Default::default() }, None).await;
    submit(&c, &f, "result", result, ok, again).await
}

/// The run chart: the points in date order at equal steps, the median
/// (solid) and the baseline's median (dashed), and the points of a shift
/// (filled square) or a trend (ring) marked. Its numbers are in the table
/// beside it.
fn run_chart(c: &Ctx, measure: &str, data: &[(kartrekker::dates::Date, f64)], a: &Analysis) -> String {
    use kartrekker::mail::messages::escape_html as esc;
    if data.is_empty() {
        return String::new();
    }
    let (w, h, left, right, top, bottom) = (640.0, 300.0, 56.0, 16.0, 16.0, 40.0);
    let values = data.iter().map(|(_, v)| *v);
    let lines = [a.median, a.baseline].into_iter().flatten();
    let lo = values.clone().chain(lines.clone()).fold(f64::INFINITY, f64::min);
    let hi = values.clone().chain(lines).fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if hi > lo { (lo - (hi - lo) * 0.1, hi + (hi - lo) * 0.1) } else { (lo - 1.0, hi + 1.0) };
    let step = if data.len() > 1 { (w - left - right) / (data.len() - 1) as f64 } else { 0.0 };
    let x = |i: usize| left + step * i as f64;
    let y = |v: f64| top + (hi - v) / (hi - lo) * (h - top - bottom);
    let mut desc =
        c.ta2("vv-chart-desc", "count", data.len(), "median", a.median.map(|m| number(c, m)).unwrap_or_default());
    if a.has_shift() {
        desc.push(' ');
        desc.push_str(c.t("vv-chart-has-shift"));
    }
    if a.has_trend() {
        desc.push(' ');
        desc.push_str(c.t("vv-chart-has-trend"));
    }
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" class=\"chart run\" role=\"img\" \
         aria-labelledby=\"run-t run-d\"><title id=\"run-t\">{}</title><desc id=\"run-d\">{}</desc>",
        esc(&c.ta("vv-chart-title", "measure", measure)),
        esc(&desc)
    );
    // The axis: lowest and highest value on the scale, first and last date.
    let label = |svg: &mut String, x: f64, y: f64, anchor: &str, text: &str| {
        svg.push_str("<text");
        for (n, v) in [("x", x), ("y", y)] {
            svg.push(' ');
            svg.push_str(n);
            svg.push_str("=\"");
            push_tenths(svg, v, '.');
            svg.push('"');
        }
        svg.push_str(&format!(" text-anchor=\"{anchor}\" class=\"label\">{}</text>", esc(text)));
    };
    label(&mut svg, left - 6.0, y(hi) + 4.0, "end", &number(c, hi));
    label(&mut svg, left - 6.0, y(lo) + 4.0, "end", &number(c, lo));
    label(&mut svg, left, h - 12.0, "start", &data[0].0.dutch());
    if data.len() > 1 {
        label(&mut svg, w - right, h - 12.0, "end", &data[data.len() - 1].0.dutch());
    }
    let hline = |svg: &mut String, v: f64, class: &str| {
        svg.push_str(&format!("<line class=\"{class}\" x1=\"{left}\" x2=\"{}\" y1=\"", w - right));
        push_tenths(svg, y(v), '.');
        svg.push_str("\" y2=\"");
        push_tenths(svg, y(v), '.');
        svg.push_str("\"/>");
    };
    if let Some(m) = a.median {
        hline(&mut svg, m, "median");
    }
    if let Some(b) = a.baseline {
        hline(&mut svg, b, "baseline");
    }
    svg.push_str("<polyline class=\"series\" fill=\"none\" points=\"");
    for (i, (_, v)) in data.iter().enumerate() {
        if i > 0 {
            svg.push(' ');
        }
        push_tenths(&mut svg, x(i), '.');
        svg.push(',');
        push_tenths(&mut svg, y(*v), '.');
    }
    svg.push_str("\"/>");
    for (i, (_, v)) in data.iter().enumerate() {
        let class = match (a.shift[i], a.trend[i]) {
            (true, true) => "point shift trend",
            (true, false) => "point shift",
            (false, true) => "point trend",
            (false, false) => "point",
        };
        svg.push_str(&format!("<circle class=\"{class}\" r=\"4\" cx=\""));
        push_tenths(&mut svg, x(i), '.');
        svg.push_str("\" cy=\"");
        push_tenths(&mut svg, y(*v), '.');
        svg.push_str("\"/>");
    }
    svg.push_str("</svg>");
    svg
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct CycleForm {
    starts_on: String,
    ends_on: String,
    plan: String,
    done: String,
    study: String,
    act: String,
}

impl CycleForm {
    fn input(&self) -> CycleInput<'_> {
        CycleInput {
            starts_on: &self.starts_on,
            ends_on: &self.ends_on,
            plan: &self.plan,
            done: &self.done,
            study: &self.study,
            act: &self.act,
        }
    }
    fn of(y: &Cycle) -> Form {
        Form::new()
            .with("starts_on", y.starts_on.to_string())
            .with("ends_on", y.ends_on.map(|d| d.to_string()).unwrap_or_default())
            .with("plan", y.plan.clone())
            .with("done", y.done.clone())
            .with("study", y.study.clone())
            .with("act", y.act.clone())
    }
}

/// A new PDCA cycle, from the project's page (a one-time form: twice is once).
pub async fn add_cycle(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<CycleForm>) -> WebResult {
    let result = s.k.add_improvement_cycle(c.require()?, id, &f.input()).await;
    let ok = |cycle| format!("/verbeterprojecten/{id}?notice=improvement-notice-cycle-added#cycle-{cycle}");
    let again =
        async |form| project_page(&s, &c, id, ProjectForms { cycle: Some(form), ..Default::default() }, None).await;
    submit(&c, &f, "starts_on", result, ok, again).await
}

#[derive(Template)]
#[template(path = "improvement/cycle.html")]
struct CycleTpl<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    project_id: i64,
    project: String,
    number: usize,
    view: CycleView,
    can_edit: bool,
    form: Form,
    action: Form,
    members: Vec<(String, String)>,
}

#[derive(Default)]
struct CycleForms {
    form: Option<Form>,
    action: Option<Form>,
}

async fn cycle_page(s: &AppState, c: &Ctx, id: i64, forms: CycleForms, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let CyclePage { project, cycle, number, actions, can_edit, members } = s.k.improvement_cycle(a, id).await?;
    let page = CycleTpl {
        c,
        notice,
        project_id: project.id,
        project: project.title,
        number,
        form: forms.form.unwrap_or_else(|| CycleForm::of(&cycle)),
        action: forms.action.unwrap_or_else(|| Form::new().with("kartrekker", a.id().to_string())),
        members: member_options(c, &members),
        view: CycleView::new(c, cycle, actions),
        can_edit,
    };
    Ok(render(&page))
}

pub async fn cycle(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    cycle_page(&s, &c, id, CycleForms::default(), n).await
}

pub async fn save_cycle(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<CycleForm>) -> WebResult {
    let result = s.k.save_improvement_cycle(c.require()?, id, &f.input()).await;
    let ok = |project| format!("/verbeterprojecten/{project}?notice=improvement-notice-cycle-saved#cycle-{id}");
    let again = async |form| cycle_page(&s, &c, id, CycleForms { form: Some(form), ..Default::default() }, None).await;
    submit(&c, &f, "starts_on", result, ok, again).await
}

/// An action agreed in the cycle, straight into the register.
pub async fn add_cycle_action(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ActionForm>) -> WebResult {
    let result = s.k.add_improvement_cycle_action(c.require()?, id, &f.input()).await;
    let ok = |_| format!("/verbetercycli/{id}?notice=notice-action-added#actions");
    let again =
        async |form| cycle_page(&s, &c, id, CycleForms { action: Some(form), ..Default::default() }, None).await;
    submit(&c, &f, "title", result, ok, again).await
}

#[derive(Template)]
#[template(path = "improvement/wall.html")]
struct WallTpl<'a> {
    c: &'a Ctx,
    team_id: i64,
    team: String,
    changes: Vec<Change>,
}

/// One finished improvement on the wall.
pub struct Change {
    pub link: String,
    pub kind: &'static str,
    pub title: String,
    pub result: String,
    pub by: String,
    pub dates: String,
    done_at: i64,
}

/// What the team changed: closed projects and finished quick fixes, the latest first.
pub async fn wall(s: AppState, c: Ctx, Path(team_id): Path<i64>) -> WebResult {
    let Wall { team, projects, fixes } = s.k.improvement_wall(c.require()?, team_id).await?;
    let span = |from: i64, to: i64| {
        c.ta2("improvement-cycle-from-to", "from", Date::today_nl(from).dutch(), "to", Date::today_nl(to).dutch())
    };
    let mut changes: Vec<Change> = projects
        .into_iter()
        .map(|p| Change {
            link: format!("/verbeterprojecten/{}", p.id),
            kind: c.t("improvement-wall-project"),
            dates: span(p.created_at, p.closed_at),
            by: c.ta("improvement-wall-kartrekker", "name", p.kartrekker),
            title: p.title,
            result: p.result,
            done_at: p.closed_at,
        })
        .chain(fixes.into_iter().map(|f| Change {
            link: format!("/actions/{}", f.action_id),
            kind: c.t("vv-status-quick_fix"),
            dates: span(f.created_at, f.done_at),
            by: f.point.map(|p| c.ta("improvement-wall-from-point", "title", p)).unwrap_or_default(),
            title: f.title,
            result: f.result,
            done_at: f.done_at,
        }))
        .collect();
    changes.sort_by_key(|x| std::cmp::Reverse(x.done_at));
    Ok(render(&WallTpl { c: &c, team_id, team: team.name, changes }))
}

#[derive(Template)]
#[template(path = "improvement/overview.html")]
struct OverviewTpl<'a> {
    c: &'a Ctx,
    /// Per department: its teams.
    departments: Vec<(String, Vec<OverviewRow>)>,
}

pub struct OverviewRow {
    pub team: kartrekker::improvement::OverviewTeam,
    /// Per running project: its latest point ("12 (3 maart 2026)") and what its chart shows.
    pub latest: Vec<(String, String)>,
}

/// The organisation's improvement projects per department and team (program leaders).
pub async fn overview(s: AppState, c: Ctx) -> WebResult {
    let teams = s.k.improvement_overview(c.require()?).await?;
    let mut departments: Vec<(String, Vec<OverviewRow>)> = Vec::new();
    for team in teams {
        let latest = team
            .projects
            .iter()
            .map(|p| {
                let latest = p
                    .latest
                    .map(|(d, v)| c.ta2("improvement-overview-latest", "value", number(&c, v), "date", d.dutch()))
                    .unwrap_or_else(|| c.t("improvement-overview-no-data").to_string());
                let chart = match (p.shift, p.trend) {
                    (true, true) => c.t("improvement-overview-shift-trend"),
                    (true, false) => c.t("improvement-overview-shift"),
                    (false, true) => c.t("improvement-overview-trend"),
                    (false, false) => c.t("improvement-overview-no-signal"),
                };
                (latest, chart.to_string())
            })
            .collect();
        let row = OverviewRow { team, latest };
        match departments.last_mut() {
            Some((d, rows)) if *d == row.team.department => rows.push(row),
            _ => departments.push((row.team.department.clone(), vec![row])),
        }
    }
    Ok(render(&OverviewTpl { c: &c, departments }))
}
