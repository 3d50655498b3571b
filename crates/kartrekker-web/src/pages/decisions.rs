//! Fair Process decisions: a team's decision records (with the fairness
//! trend for its leaders), a new record, and one record walking the five
//! steps with the checklist of the five characteristics.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::routing::{get, post};
use kartrekker::dates::Date;
use kartrekker::decisions::home::{Ask, DecisionItem, ReviewDue};
use kartrekker::decisions::{
    Checklist, ChoiceInput, DecisionInput, DecisionLine, DecisionPage, FairnessResult, OptionInput, Step,
    TeamDecisions, TrendPoint,
};
use serde::{Deserialize, Serialize};

use super::actions::ActionForm;
use super::{Notice, notice, render};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/teams/{id}/decisions", get(list).post(create))
        .route("/teams/{id}/decisions/new", get(new_decision))
        .route("/decisions/{id}", get(detail))
        .route("/decisions/{id}/input", post(contribute))
        .route("/decisions/{id}/options", post(add_option))
        .route("/decisions/{id}/decide", post(decide))
        .route("/decisions/{id}/revise", post(revise))
        .route("/decisions/{id}/review", post(review))
        .route("/decisions/{id}/actions", post(add_action))
        .route("/decisions/{id}/fairness", post(answer_fairness))
}

/// A fairness result in words: "4,2 gemiddeld (n = 6)".
pub struct ResultView {
    pub count: i64,
    pub mean: String,
    /// (score, how many) for 1 to 5.
    pub spread: Vec<(i64, i64)>,
    pub comments: Vec<String>,
}

impl ResultView {
    fn of(r: &FairnessResult) -> ResultView {
        ResultView {
            count: r.count,
            mean: format!("{},{}", r.mean_tenths / 10, r.mean_tenths % 10),
            spread: r.spread.iter().enumerate().map(|(i, n)| (i as i64 + 1, *n)).collect(),
            comments: r.comments.clone(),
        }
    }
}

pub struct LineView {
    pub id: i64,
    pub title: String,
    pub deadline: String,
    pub decided: String,
    pub review: String,
}

pub struct TrendView {
    pub id: i64,
    pub title: String,
    pub decided: String,
    pub result: Option<ResultView>,
}

#[derive(Template)]
#[template(path = "decisions/list.html")]
struct List<'a> {
    c: &'a Ctx,
    team_id: i64,
    team: String,
    lead: bool,
    lines: Vec<LineView>,
    trend: Option<Vec<TrendView>>,
}

fn day(d: Option<Date>) -> String {
    d.map(|d| d.dutch()).unwrap_or_default()
}

async fn list(s: AppState, c: Ctx, Path(team_id): Path<i64>) -> WebResult {
    let a = c.require()?;
    let TeamDecisions { team, lead, decisions, trend } = s.k.team_decisions(a, team_id).await?;
    let lines = decisions
        .into_iter()
        .map(|d: DecisionLine| LineView {
            id: d.id,
            title: d.title,
            deadline: d.input_deadline.dutch(),
            decided: d.decided_at.map(|at| Date::today_nl(at).dutch()).unwrap_or_default(),
            review: day(d.review_date),
        })
        .collect();
    let trend = trend.map(|points| {
        points
            .into_iter()
            .map(|p: TrendPoint| TrendView {
                id: p.decision_id,
                title: p.title,
                decided: Date::today_nl(p.decided_at).dutch(),
                result: p.result.as_ref().map(ResultView::of),
            })
            .collect()
    });
    Ok(render(&List { c: &c, team_id, team: team.name, lead, lines, trend }))
}

/// The form that starts a decision record: from the team's decisions, or
/// from a meeting (`action` posts it, `back` is the link above it).
#[derive(Template)]
#[template(path = "decisions/new.html")]
pub(super) struct New<'a> {
    pub c: &'a Ctx,
    pub action: String,
    /// (link, text) back to where the form was opened.
    pub back: (String, String),
    /// Started in a meeting: its title and date.
    pub meeting: Option<String>,
    pub form: Form,
}

/// A new record's form as it first shows: a week for the input.
pub(super) fn new_form(s: &AppState) -> Form {
    Form::new().with("input_deadline", s.k.today().add_days(7).to_string())
}

async fn new_page(s: &AppState, c: &Ctx, team_id: i64, form: Form) -> WebResult {
    let team = s.k.team_for_decision(c.require()?, team_id).await?;
    let back = (format!("/teams/{team_id}/decisions"), c.ta("decisions-title", "team", &team.name));
    Ok(render(&New { c, action: format!("/teams/{team_id}/decisions"), back, meeting: None, form }))
}

async fn new_decision(s: AppState, c: Ctx, Path(team_id): Path<i64>) -> WebResult {
    new_page(&s, &c, team_id, new_form(&s)).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub(super) struct DecisionForm {
    title: String,
    problem: String,
    input_deadline: String,
}

impl DecisionForm {
    pub(super) fn input(&self) -> DecisionInput<'_> {
        DecisionInput { title: &self.title, problem: &self.problem, input_deadline: &self.input_deadline }
    }
}

async fn create(s: AppState, c: Ctx, Path(team_id): Path<i64>, Posted(f): Posted<DecisionForm>) -> WebResult {
    let result = s.k.create_decision(c.require()?, team_id, &f.input()).await;
    let ok = |id| format!("/decisions/{id}?notice=notice-decision-started");
    submit(&c, &f, "title", result, ok, async |form| new_page(&s, &c, team_id, form).await).await
}

/// A characteristic of a fair process on the checklist.
pub struct Characteristic {
    pub title: &'static str,
    pub met: bool,
    pub fact: String,
}

fn checklist(c: &Ctx, k: &Checklist) -> Vec<Characteristic> {
    let reasons = c.t(if k.reasons_written { "decision-fact-reasons" } else { "decision-fact-no-reasons" });
    let review = match k.review_date {
        Some(d) => c.ta("decision-fact-review", "date", d.dutch()),
        None => c.t("decision-fact-no-review").to_string(),
    };
    let order = c.t(if !k.decided {
        "decision-fact-not-decided"
    } else if k.in_order {
        "decision-fact-in-order"
    } else {
        "decision-fact-early"
    });
    let item = |key: &str, met: bool, fact: String| Characteristic { title: c.t(key), met, fact };
    vec![
        item(
            "decision-trait-communication",
            k.communication(),
            c.ta2("decision-fact-contributed", "count", k.contributed, "members", k.members),
        ),
        item(
            "decision-trait-clarity",
            k.clarity(),
            format!("{} {reasons}", c.ta("decision-fact-options", "count", k.options)),
        ),
        item("decision-trait-consistency", k.consistency(), order.to_string()),
        item(
            "decision-trait-flexibility",
            k.flexibility(),
            format!("{review} {}", c.ta("decision-fact-revisions", "count", k.revisions)),
        ),
        item(
            "decision-trait-every-contribution",
            k.every_contribution(),
            c.ta2("decision-fact-every", "count", k.contributed, "members", k.members),
        ),
    ]
}

/// The forms of a record's page: each shows again what was typed when it
/// comes back with errors, the others start empty.
#[derive(Default)]
struct Forms {
    input: Option<Form>,
    option: Form,
    choice: Option<Form>,
    action: Option<Form>,
    fairness: Form,
    review: Form,
}

#[derive(Template)]
#[template(path = "decisions/detail.html")]
struct Detail<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    p: DecisionPage,
    steps: Vec<(&'static str, &'static str, bool)>,
    deadline: String,
    review: String,
    decided: String,
    input_open: bool,
    contributions: Vec<(String, String, String)>,
    revisions: Vec<(String, String, String, String, String)>,
    /// (when, who, the date that was due, what it showed, the next date)
    reviews: Vec<(String, String, String, String, String)>,
    /// The meeting the record came from: (link, title and date).
    from_meeting: Option<(String, String)>,
    checklist: Vec<Characteristic>,
    result: Option<ResultView>,
    input: Form,
    option: Form,
    form: Form,
    action: Form,
    fairness: Form,
    review_form: Form,
    members: Vec<(String, String)>,
    scores: Vec<(String, &'static str)>,
}

async fn detail_page(s: &AppState, c: &Ctx, id: i64, forms: Forms, notice: Option<String>) -> WebResult {
    let p = s.k.decision_page(c.require()?, id).await?;
    let d = &p.decision;
    let steps =
        Step::ALL.iter().map(|st| (st.code(), c.t(&format!("decision-step-{}", st.code())), *st == p.step)).collect();
    let choice = forms.choice.unwrap_or_else(|| {
        Form::new()
            .with("choice", d.choice.clone())
            .with("reasons", d.reasons.clone())
            .with("consequences", d.consequences.clone())
            .with("expectations", d.expectations.clone())
            .with("review_date", d.review_date.map(|r| r.to_string()).unwrap_or_default())
    });
    let me = c.require()?.id().to_string();
    let page = Detail {
        c,
        notice,
        steps,
        deadline: d.input_deadline.dutch(),
        review: day(d.review_date),
        decided: d.decided_at.map(Date::moment_nl).unwrap_or_default(),
        input_open: d.input_open(p.today),
        contributions: p
            .contributions
            .iter()
            .map(|x| (x.name.clone(), Date::moment_nl(x.updated_at), x.text.clone()))
            .collect(),
        revisions: p
            .revisions
            .iter()
            .map(|r| {
                (Date::moment_nl(r.at), r.who.clone(), r.reason.clone(), r.old_choice.clone(), r.new_choice.clone())
            })
            .collect(),
        reviews: p
            .reviews
            .iter()
            .map(|r| (Date::moment_nl(r.at), r.who.clone(), day(r.due_on), r.note.clone(), day(r.next_review)))
            .collect(),
        from_meeting: p
            .from_meeting
            .as_ref()
            .map(|m| (format!("/meetings/{}", m.id), format!("{} ({})", m.title, m.held_on.dutch()))),
        checklist: checklist(c, &p.checklist),
        result: p.fairness.result.as_ref().map(ResultView::of),
        input: forms.input.unwrap_or_else(|| Form::new().with("contribution", p.own.clone().unwrap_or_default())),
        option: forms.option,
        form: choice,
        action: forms.action.unwrap_or_else(|| Form::new().with("kartrekker", me)),
        fairness: forms.fairness,
        review_form: forms.review,
        members: std::iter::once((String::new(), c.t("choose").to_string()))
            .chain(p.members.iter().map(|m| (m.person_id.to_string(), m.name.clone())))
            .collect(),
        scores: (1..=5).map(|n| (n.to_string(), c.t(&format!("decision-score-{n}")))).collect(),
        p,
    };
    Ok(render(&page))
}

async fn detail(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    detail_page(&s, &c, id, Forms::default(), n).await
}

fn back(id: i64, notice: &str, anchor: &str) -> String {
    format!("/decisions/{id}?notice={notice}#{anchor}")
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
struct InputForm {
    contribution: String,
}

async fn contribute(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<InputForm>) -> WebResult {
    let result = s.k.contribute(c.require()?, id, &f.contribution).await;
    let ok = |()| back(id, "notice-decision-input-saved", "engage");
    let again = async |form| detail_page(&s, &c, id, Forms { input: Some(form), ..Forms::default() }, None).await;
    submit(&c, &f, "contribution", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
struct OptionForm {
    option_title: String,
    pros: String,
    cons: String,
    interests: String,
}

async fn add_option(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<OptionForm>) -> WebResult {
    let input = OptionInput { title: &f.option_title, pros: &f.pros, cons: &f.cons, interests: &f.interests };
    let result = s.k.add_decision_option(c.require()?, id, &input).await;
    let ok = |_| back(id, "notice-decision-option-added", "explore");
    let again = async |form| detail_page(&s, &c, id, Forms { option: form, ..Forms::default() }, None).await;
    submit(&c, &f, "option_title", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
struct ChoiceForm {
    choice: String,
    reasons: String,
    consequences: String,
    expectations: String,
    review_date: String,
    reason: String,
}

impl ChoiceForm {
    fn input(&self) -> ChoiceInput<'_> {
        ChoiceInput {
            choice: &self.choice,
            reasons: &self.reasons,
            consequences: &self.consequences,
            expectations: &self.expectations,
            review_date: &self.review_date,
        }
    }
}

async fn decide(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ChoiceForm>) -> WebResult {
    let result = s.k.decide(c.require()?, id, &f.input()).await;
    let ok = |()| back(id, "notice-decision-made", "decide");
    let again = async |form| detail_page(&s, &c, id, Forms { choice: Some(form), ..Forms::default() }, None).await;
    submit(&c, &f, "choice", result, ok, again).await
}

async fn revise(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ChoiceForm>) -> WebResult {
    let result = s.k.revise_decision(c.require()?, id, &f.input(), &f.reason).await;
    let ok = |()| back(id, "notice-decision-revised", "evaluate");
    let again = async |form| detail_page(&s, &c, id, Forms { choice: Some(form), ..Forms::default() }, None).await;
    submit(&c, &f, "reason", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
struct ReviewForm {
    note: String,
    next_review: String,
}

async fn review(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ReviewForm>) -> WebResult {
    let result = s.k.review_decision(c.require()?, id, &f.note, &f.next_review).await;
    let ok = |()| back(id, "notice-decision-reviewed", "evaluate");
    let again = async |form| detail_page(&s, &c, id, Forms { review: form, ..Forms::default() }, None).await;
    submit(&c, &f, "note", result, ok, again).await
}

async fn add_action(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ActionForm>) -> WebResult {
    let result = s.k.add_decision_action(c.require()?, id, &f.input()).await;
    let ok = |_| back(id, "notice-action-added", "execute");
    let again = async |form| detail_page(&s, &c, id, Forms { action: Some(form), ..Forms::default() }, None).await;
    submit(&c, &f, "title", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
struct FairnessForm {
    score: String,
    comment: String,
}

async fn answer_fairness(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<FairnessForm>) -> WebResult {
    let result = s.k.answer_fairness(c.require()?, id, &f.score, &f.comment).await;
    let ok = |()| back(id, "notice-decision-fairness-saved", "fairness");
    let again = async |form| detail_page(&s, &c, id, Forms { fairness: form, ..Forms::default() }, None).await;
    submit(&c, &f, "score", result, ok, again).await
}

/// A decision on the home page: (link, what it asks, team and date).
pub fn home_line(c: &Ctx, d: &DecisionItem) -> (String, String, String) {
    let (key, anchor, detail) = match d.ask() {
        Ask::Input => ("decision-home-input", "engage", c.ta("decision-home-until", "date", d.input_deadline.dutch())),
        Ask::Fairness => ("decision-home-fairness", "fairness", String::new()),
        Ask::Decided => ("decision-home-decided", "decide", String::new()),
    };
    let detail = if detail.is_empty() { d.team.clone() } else { format!("{} · {detail}", d.team) };
    (format!("/decisions/{}#{anchor}", d.id), c.ta(key, "title", &d.title), detail)
}

/// A decision whose review date has come, on a leader's home page: (link, what it asks, team and date).
pub fn review_line(c: &Ctx, r: &ReviewDue) -> (String, String, String) {
    let detail = format!("{} · {}", r.team, c.ta("decision-home-review-since", "date", r.review_date.dutch()));
    (format!("/decisions/{}#evaluate", r.id), c.ta("decision-home-review", "title", &r.title), detail)
}
