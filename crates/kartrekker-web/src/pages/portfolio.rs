//! The resident's leadership portfolio: the overview, recording an activity,
//! asking feedback (and the giver's page behind the link, without an
//! account), the profile plan, the inspiration cards, and the opleider's view.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::routing::{get, post};
use kartrekker::dates::Date;
use kartrekker::portfolio::service::{ActivityView, FEEDBACK_VALID_DAYS, PlanAgreement, Portfolio, QUIET_DAYS};
use kartrekker::portfolio::store::ResidentRow;
use kartrekker::portfolio::{
    ActivityInput, ActivityKind, Card, CardInput, Comment, Feedback, FeedbackForm, FeedbackInput, FeedbackStatus,
    Level, LinkKind, Phase, Plan, PlanInput, model::PLAN_STEPS, per_quarter,
};
use serde::{Deserialize, Serialize};

use super::{Notice, notice, render, render_status};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/portfolio", get(overview))
        .route("/portfolio/activities", post(log_activity))
        .route("/portfolio/activities/new", get(new_activity))
        .route("/portfolio/feedback", post(ask_feedback))
        .route("/portfolio/feedback/new", get(new_feedback))
        .route("/portfolio/feedback/{id}", get(feedback_detail).post(reflect))
        .route("/portfolio/plan", get(plan).post(save_plan))
        .route("/portfolio/plan/agreements", post(add_agreement))
        .route("/portfolio/cards", get(cards))
        .route("/portfolio/cards/{key}", get(edit_card).post(save_card))
        .route("/portfolio/residents", get(residents))
        .route("/portfolio/residents/{id}", get(resident))
        .route("/portfolio/residents/{id}/phase", post(set_phase))
        .route("/portfolio/residents/{id}/comments", post(comment))
        .route("/portfolio/residents/{id}/summary", get(summary))
        .route("/feedback/{secret}", get(give_feedback).post(answer_feedback))
        .route("/feedback/{secret}/decline", post(decline_feedback))
        .route("/portfolio/asked/{id}", get(asked).post(answer_asked))
        .route("/portfolio/asked/{id}/decline", post(decline_asked))
}

fn words<T: Copy>(c: &Ctx, prefix: &str, all: &[T], code: fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter().map(|x| (code(*x).to_string(), c.t(&format!("{prefix}-{}", code(*x))).to_string())).collect()
}

fn with_blank(c: &Ctx, blank: &str, mut items: Vec<(String, String)>) -> Vec<(String, String)> {
    items.insert(0, (String::new(), c.t(blank).to_string()));
    items
}

/// One activity as the lists show it, in words.
pub struct ActivityLine {
    pub id: i64,
    pub date: String,
    pub kind: &'static str,
    pub level: &'static str,
    pub card_code: &'static str,
    pub card: &'static str,
    pub what: String,
    pub went_well: String,
    pub next_time: String,
    pub linked: Option<LinkedLine>,
    pub shared: bool,
    /// The opleiders' comments on it.
    pub comments: Vec<CommentLine>,
}

/// A comment of an opleider, in words.
pub struct CommentLine {
    pub by: String,
    pub date: String,
    pub text: String,
}

fn comment_line(c: &Ctx, k: &Comment) -> CommentLine {
    CommentLine {
        by: k.author.clone().unwrap_or_else(|| c.t("portfolio-comment-erased").to_string()),
        date: Date::today_nl(k.created_at).dutch(),
        text: k.text.clone(),
    }
}

/// The activities in words, each with the comments on it.
fn activity_lines(c: &Ctx, views: Vec<ActivityView>, comments: &[Comment]) -> Vec<ActivityLine> {
    views
        .into_iter()
        .map(|v| {
            let id = v.activity.id;
            let mut line = activity_line(c, v);
            line.comments = comments.iter().filter(|k| k.activity_id == Some(id)).map(|k| comment_line(c, k)).collect();
            line
        })
        .collect()
}

/// The comments on the portfolio as a whole.
fn general_comments(c: &Ctx, comments: &[Comment]) -> Vec<CommentLine> {
    comments.iter().filter(|k| k.activity_id.is_none()).map(|k| comment_line(c, k)).collect()
}

/// A linked thing with its facts in words: team, day and status.
pub struct LinkedLine {
    pub text: String,
    pub href: String,
    pub facts: String,
}

fn linked_line(c: &Ctx, l: kartrekker::portfolio::service::Linked) -> LinkedLine {
    let kind = c.t(&format!("portfolio-link-kind-{}", l.kind.code())).to_string();
    let facts = [kind, l.team, l.date.map(|d| d.dutch()).unwrap_or_default(), c.t(&l.status).to_string()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    LinkedLine { text: c.ta("portfolio-linked", "title", l.title), href: l.href, facts }
}

fn activity_line(c: &Ctx, v: ActivityView) -> ActivityLine {
    let a = v.activity;
    let card = a.card.unwrap_or(a.kind.card());
    ActivityLine {
        id: a.id,
        date: a.happened_on.dutch(),
        kind: c.t(&format!("kind-{}", a.kind.code())),
        level: c.t(&format!("level-{}", a.level.code())),
        card_code: card.code(),
        card: c.t(&format!("card-{}", card.code())),
        what: a.what,
        went_well: a.went_well,
        next_time: a.next_time,
        linked: v.linked.map(|l| linked_line(c, l)),
        shared: a.shared,
        comments: Vec::new(),
    }
}

/// One feedback request as the lists show it.
pub struct FeedbackLine {
    pub id: i64,
    pub giver: String,
    pub form: &'static str,
    pub status: &'static str,
    pub date: String,
}

fn status_word(c: &Ctx, f: &Feedback, now: i64) -> &'static str {
    if f.expired(now) { c.t("feedback-status-expired") } else { c.t(&format!("feedback-status-{}", f.status.code())) }
}

fn feedback_line(c: &Ctx, f: &Feedback, now: i64) -> FeedbackLine {
    FeedbackLine {
        id: f.id,
        giver: f.giver_name.clone(),
        form: c.t(&format!("feedback-form-{}", f.form.code())),
        status: status_word(c, f, now),
        date: Date::today_nl(f.created_at).dutch(),
    }
}

/// A plan version's steps with their questions.
pub struct PlanView {
    pub version: String,
    pub shared: bool,
    pub steps: Vec<(&'static str, String)>,
}

fn plan_view(c: &Ctx, p: &Plan) -> PlanView {
    PlanView {
        version: c.ta2("plan-version", "version", p.version, "date", Date::today_nl(p.created_at).dutch()),
        shared: p.shared,
        steps: PLAN_STEPS.iter().zip(&p.steps).map(|(k, v)| (c.t(&format!("plan-step-{k}")), v.clone())).collect(),
    }
}

/// The answers of a feedback with their questions.
fn answered(c: &Ctx, f: &Feedback) -> Vec<(&'static str, String)> {
    f.form.questions().iter().zip(&f.answers).map(|(q, a)| (c.t(q), a.clone())).collect()
}

/// Shown above a portfolio: the resident's phase, or that it is not set.
fn phase_line(c: &Ctx, p: &Portfolio) -> String {
    match &p.phase {
        Some(ph) => i18n_args(
            c,
            "portfolio-phase",
            &[
                ("phase", c.t(&format!("phase-{}", ph.phase.code())).to_string()),
                ("date", ph.since.dutch()),
                ("by", ph.set_by.clone().unwrap_or_default()),
            ],
        ),
        None => c.t("portfolio-phase-unset").to_string(),
    }
}

fn i18n_args(c: &Ctx, key: &str, args: &[(&'static str, String)]) -> String {
    crate::i18n::t_args(c.lang, key, args)
}

#[derive(Template)]
#[template(path = "portfolio/overview.html")]
struct Overview<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    phase: String,
    activities: Vec<ActivityLine>,
    feedback: Vec<FeedbackLine>,
    plan: Option<PlanView>,
    comments: Vec<CommentLine>,
    chairing: Vec<ChairLine>,
}

/// Feedback on her chairing asked in a meeting: the aggregate, once enough answered.
pub struct ChairLine {
    pub meeting_id: i64,
    pub title: String,
    pub date: String,
    pub count: String,
    /// (point, average) per point, or the line saying how many are needed.
    pub averages: Result<Vec<(&'static str, String)>, String>,
    pub comments: Vec<String>,
}

fn chair_line(c: &Ctx, f: kartrekker::meetings::ChairFeedback) -> ChairLine {
    let points = ["meeting-feedback-preparation", "meeting-feedback-leading", "meeting-feedback-dynamics"];
    ChairLine {
        meeting_id: f.meeting.id,
        title: f.meeting.title,
        date: f.meeting.held_on.dutch(),
        count: c.ta2("meeting-feedback-count", "answered", f.answered, "asked", f.asked),
        averages: match f.averages {
            Some(a) => Ok(points
                .iter()
                .zip(a)
                .map(|(p, v)| {
                    let mut s = String::new();
                    crate::charts::push_tenths(
                        &mut s,
                        v,
                        if c.lang == kartrekker::people::Language::En { '.' } else { ',' },
                    );
                    (c.t(p), s)
                })
                .collect()),
            None => Err(c.ta("meeting-feedback-too-few", "needed", f.needed)),
        },
        comments: f.comments,
    }
}

pub async fn overview(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    let p = s.k.my_portfolio(c.require()?).await?;
    let chairing = s.k.my_chair_feedback(c.require()?).await?.into_iter().map(|f| chair_line(&c, f)).collect();
    let now = s.k.now();
    let page = Overview {
        notice: notice(&c, q.notice.as_deref()),
        phase: phase_line(&c, &p),
        feedback: p.feedback.iter().map(|f| feedback_line(&c, f, now)).collect(),
        plan: p.plans.first().map(|x| plan_view(&c, x)),
        comments: general_comments(&c, &p.comments),
        chairing,
        activities: activity_lines(&c, p.activities, &p.comments),
        c: &c,
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "portfolio/activity_new.html")]
struct NewActivity<'a> {
    c: &'a Ctx,
    form: Form,
    kinds: Vec<(String, String)>,
    levels: Vec<(String, String)>,
    cards: Vec<(String, String)>,
    links: Vec<(String, String)>,
}

async fn activity_page(s: &AppState, c: &Ctx, form: Form) -> WebResult {
    let a = c.require()?;
    let links = s.k.portfolio_link_options(a).await?;
    let links = links
        .into_iter()
        .map(|(k, id, title, day)| {
            let title = match day {
                Some(d) if k != LinkKind::Action => format!("{title} ({})", d.dutch()),
                _ => title,
            };
            (format!("{}:{id}", k.code()), c.ta(&format!("portfolio-link-{}", k.code()), "title", title))
        })
        .collect();
    let page = NewActivity {
        c,
        form,
        kinds: with_blank(c, "choose", words(c, "kind", &ActivityKind::ALL, ActivityKind::code)),
        levels: words(c, "level", &Level::ALL, Level::code),
        cards: with_blank(c, "activity-card-auto", words(c, "card", &Card::ALL, Card::code)),
        links: with_blank(c, "activity-link-none", links),
    };
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct NewActivityQuery {
    card: Option<String>,
}

pub async fn new_activity(s: AppState, c: Ctx, Query(q): Query<NewActivityQuery>) -> WebResult {
    let form = Form::new()
        .with("happened_on", s.k.today().to_string())
        .with("level", Level::Frontline.code())
        .with("card", q.card.filter(|x| Card::from_code(x).is_some()).unwrap_or_default());
    activity_page(&s, &c, form).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ActivityForm {
    kind: String,
    level: String,
    happened_on: String,
    what: String,
    went_well: String,
    next_time: String,
    card: String,
    link: String,
    shared: String,
}

pub async fn log_activity(s: AppState, c: Ctx, Posted(f): Posted<ActivityForm>) -> WebResult {
    let input = ActivityInput {
        kind: &f.kind,
        level: &f.level,
        happened_on: &f.happened_on,
        what: &f.what,
        went_well: &f.went_well,
        next_time: &f.next_time,
        card: &f.card,
        link: &f.link,
        shared: f.shared == "yes",
    };
    let result = s.k.log_activity(c.require()?, &input).await;
    let ok = |_| "/portfolio?notice=notice-activity-logged".to_string();
    submit(&c, &f, "kind", result, ok, async |form| activity_page(&s, &c, form).await).await
}

#[derive(Template)]
#[template(path = "portfolio/feedback_new.html")]
struct NewFeedback<'a> {
    c: &'a Ctx,
    form: Form,
    forms: Vec<(String, String)>,
    activities: Vec<(String, String)>,
    days: i64,
}

async fn feedback_page(s: &AppState, c: &Ctx, form: Form) -> WebResult {
    let p = s.k.my_portfolio(c.require()?).await?;
    let activities = p
        .activities
        .iter()
        .map(|v| {
            let a = &v.activity;
            (a.id.to_string(), format!("{} · {}", a.happened_on.dutch(), c.t(&format!("kind-{}", a.kind.code()))))
        })
        .collect();
    let page = NewFeedback {
        c,
        form,
        forms: words(c, "feedback-form", &FeedbackForm::ALL, FeedbackForm::code),
        activities: with_blank(c, "feedback-activity-none", activities),
        days: FEEDBACK_VALID_DAYS,
    };
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct NewFeedbackQuery {
    form: Option<String>,
    activity: Option<String>,
}

pub async fn new_feedback(s: AppState, c: Ctx, Query(q): Query<NewFeedbackQuery>) -> WebResult {
    let form = Form::new()
        .with("form", q.form.unwrap_or_else(|| FeedbackForm::Free.code().into()))
        .with("activity", q.activity.unwrap_or_default());
    feedback_page(&s, &c, form).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct FeedbackRequestForm {
    form: String,
    situation: String,
    giver_name: String,
    giver_email: String,
    activity: String,
}

pub async fn ask_feedback(s: AppState, c: Ctx, Posted(f): Posted<FeedbackRequestForm>) -> WebResult {
    let input = FeedbackInput {
        form: &f.form,
        situation: &f.situation,
        giver_name: &f.giver_name,
        giver_email: &f.giver_email,
        activity: &f.activity,
    };
    let result = s.k.ask_feedback(c.require()?, &input).await;
    let ok = |_| "/portfolio?notice=notice-feedback-asked".to_string();
    submit(&c, &f, "form", result, ok, async |form| feedback_page(&s, &c, form).await).await
}

#[derive(Template)]
#[template(path = "portfolio/feedback.html")]
struct FeedbackDetail<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    f: Feedback,
    form_name: &'static str,
    waiting: bool,
    declined: bool,
    status: &'static str,
    answers: Vec<(&'static str, String)>,
    until: String,
    can_reflect: bool,
    form: Form,
}

async fn feedback_detail_page(s: &AppState, c: &Ctx, id: i64, form: Option<Form>, notice: Option<String>) -> WebResult {
    let f = s.k.my_feedback(c.require()?, id).await?;
    let form = form.unwrap_or_else(|| {
        Form::new().with("reflection", f.reflection.clone()).with("shared", if f.shared { "yes" } else { "" })
    });
    let page = FeedbackDetail {
        c,
        notice,
        status: status_word(c, &f, s.k.now()),
        form_name: c.t(&format!("feedback-form-{}", f.form.code())),
        waiting: f.status == FeedbackStatus::Asked,
        declined: f.status == FeedbackStatus::Declined,
        answers: answered(c, &f),
        until: Date::today_nl(f.expires_at).dutch(),
        can_reflect: f.status == FeedbackStatus::Answered,
        form,
        f,
    };
    Ok(render(&page))
}

pub async fn feedback_detail(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    feedback_detail_page(&s, &c, id, None, n).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ReflectionForm {
    reflection: String,
    shared: String,
}

pub async fn reflect(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ReflectionForm>) -> WebResult {
    let result = s.k.reflect_on_feedback(c.require()?, id, &f.reflection, f.shared == "yes").await;
    let ok = |()| format!("/portfolio/feedback/{id}?notice=notice-reflection-saved");
    submit(&c, &f, "reflection", result, ok, async |form| feedback_detail_page(&s, &c, id, Some(form), None).await)
        .await
}

#[derive(Template)]
#[template(path = "portfolio/give.html")]
struct Give<'a> {
    c: &'a Ctx,
    /// Where the form posts: the link's page, or the logged-in giver's.
    action: String,
    problem: Option<String>,
    resident: String,
    situation: String,
    form_name: &'static str,
    questions: Vec<(String, &'static str)>,
    form: Form,
}

/// How the giver reached the request: through the link (no account), or
/// logged in, asked by their e-mail address.
enum Giver<'a> {
    Link(&'a str),
    Account(i64),
}

impl Giver<'_> {
    fn action(&self) -> String {
        match self {
            Giver::Link(secret) => format!("/feedback/{secret}"),
            Giver::Account(id) => format!("/portfolio/asked/{id}"),
        }
    }
}

async fn give_page(s: &AppState, c: &Ctx, giver: &Giver<'_>, form: Form) -> WebResult {
    let found = match giver {
        Giver::Link(secret) => s.k.feedback_by_link(secret).await.map(|x| x.feedback),
        Giver::Account(id) => s.k.feedback_asked_of_me(c.require()?, *id).await,
    };
    let (problem, f) = match found {
        Ok(f) => (None, Some(f)),
        Err(kartrekker::Error::Refused(key)) => (Some(c.t(key).to_string()), None),
        Err(e) => return Err(e.into()),
    };
    let page = Give {
        c,
        action: giver.action(),
        problem,
        resident: f.as_ref().map(|f| f.resident.clone()).unwrap_or_default(),
        situation: f.as_ref().map(|f| f.situation.clone()).unwrap_or_default(),
        form_name: f.as_ref().map_or("", |f| c.t(&format!("feedback-form-{}", f.form.code()))),
        questions: f
            .as_ref()
            .map(|f| {
                f.form.questions().iter().enumerate().map(|(i, q)| (format!("answer_{}", i + 1), c.t(q))).collect()
            })
            .unwrap_or_default(),
        form,
    };
    let status = if page.problem.is_some() { axum::http::StatusCode::GONE } else { axum::http::StatusCode::OK };
    Ok(render_status(status, &page))
}

pub async fn give_feedback(s: AppState, c: Ctx, Path(secret): Path<String>) -> WebResult {
    give_page(&s, &c, &Giver::Link(&secret), Form::new()).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    answer_1: String,
    answer_2: String,
    answer_3: String,
}

impl AnswerForm {
    fn answers(&self) -> [&str; 3] {
        [&self.answer_1, &self.answer_2, &self.answer_3]
    }
}

#[derive(Template)]
#[template(path = "portfolio/thanks.html")]
struct Thanks<'a> {
    c: &'a Ctx,
}

pub async fn answer_feedback(
    s: AppState,
    c: Ctx,
    Path(secret): Path<String>,
    Posted(f): Posted<AnswerForm>,
) -> WebResult {
    let result = s.k.answer_feedback(&secret, &f.answers()).await;
    answered_page(&s, &c, &Giver::Link(&secret), &f, result).await
}

pub async fn decline_feedback(s: AppState, c: Ctx, Path(secret): Path<String>) -> WebResult {
    let result = s.k.decline_feedback(&secret).await;
    answered_page(&s, &c, &Giver::Link(&secret), &AnswerForm::default(), result).await
}

pub async fn asked(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    give_page(&s, &c, &Giver::Account(id), Form::new()).await
}

pub async fn answer_asked(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<AnswerForm>) -> WebResult {
    let result = s.k.answer_feedback_as(c.require()?, id, &f.answers()).await;
    answered_page(&s, &c, &Giver::Account(id), &f, result).await
}

pub async fn decline_asked(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let result = s.k.decline_feedback_as(c.require()?, id).await;
    answered_page(&s, &c, &Giver::Account(id), &AnswerForm::default(), result).await
}

/// Thanks, or the form again with what was typed. Not a redirect: the
/// giver by link has no session to come back with, and the link is spent.
async fn answered_page(
    s: &AppState,
    c: &Ctx,
    giver: &Giver<'_>,
    f: &AnswerForm,
    result: kartrekker::Result<()>,
) -> WebResult {
    match result {
        Ok(()) => Ok(render(&Thanks { c })),
        Err(e @ kartrekker::Error::Invalid(_)) => {
            let form = Form::of(f).absorb(c, e, "answer_1")?;
            let mut page = give_page(s, c, giver, form).await?;
            *page.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(page)
        }
        Err(kartrekker::Error::Refused(_)) => give_page(s, c, giver, Form::new()).await,
        Err(e) => Err(e.into()),
    }
}

/// An agreement from the plan conversation: an action the resident pulls.
pub struct AgreementLine {
    pub id: i64,
    pub title: String,
    pub status: &'static str,
    pub due: String,
}

fn agreement_lines(c: &Ctx, actions: &[kartrekker::actions::Action]) -> Vec<AgreementLine> {
    actions
        .iter()
        .map(|a| AgreementLine {
            id: a.id,
            title: a.title.clone(),
            status: c.t(&format!("status-{}", a.status.code())),
            due: a.due_date.map(|d| d.dutch()).unwrap_or_default(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "portfolio/plan.html")]
struct PlanPage<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    form: Form,
    steps: Vec<(&'static str, &'static str)>,
    versions: Vec<PlanView>,
    agreements: Vec<AgreementLine>,
    agreement: Form,
    shared_version: bool,
}

async fn plan_page(s: &AppState, c: &Ctx, form: Option<Form>, notice: Option<String>) -> WebResult {
    plan_page_with(s, c, form, Form::new(), notice).await
}

async fn plan_page_with(
    s: &AppState,
    c: &Ctx,
    form: Option<Form>,
    agreement: Form,
    notice: Option<String>,
) -> WebResult {
    let p = s.k.my_portfolio(c.require()?).await?;
    let form = form.unwrap_or_else(|| match p.plans.first() {
        Some(latest) => PLAN_STEPS
            .iter()
            .zip(&latest.steps)
            .fold(Form::new(), |f, (k, v)| f.with(k, v.clone()))
            .with("shared", if latest.shared { "yes" } else { "" }),
        None => Form::new(),
    });
    let page = PlanPage {
        c,
        notice,
        form,
        steps: PLAN_STEPS.iter().map(|k| (*k, c.t(&format!("plan-step-{k}")))).collect(),
        versions: p.plans.iter().map(|x| plan_view(c, x)).collect(),
        agreements: agreement_lines(c, &p.agreements),
        agreement,
        shared_version: p.plans.iter().any(|x| x.shared),
    };
    Ok(render(&page))
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct AgreementForm {
    title: String,
    goal: String,
    due_date: String,
}

pub async fn add_agreement(s: AppState, c: Ctx, Posted(f): Posted<AgreementForm>) -> WebResult {
    let input = PlanAgreement { title: &f.title, goal: &f.goal, due_date: &f.due_date };
    let result = s.k.add_plan_agreement(c.require()?, &input).await;
    let ok = |_| "/portfolio/plan?notice=portfolio-notice-agreement-added".to_string();
    submit(&c, &f, "title", result, ok, async |form| plan_page_with(&s, &c, None, form, None).await).await
}

pub async fn plan(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    plan_page(&s, &c, None, n).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PlanForm {
    kind_of_doctor: String,
    look_around: String,
    ask_others: String,
    possibilities: String,
    timing: String,
    in_order: String,
    shared: String,
}

pub async fn save_plan(s: AppState, c: Ctx, Posted(f): Posted<PlanForm>) -> WebResult {
    let input = PlanInput {
        steps: [&f.kind_of_doctor, &f.look_around, &f.ask_others, &f.possibilities, &f.timing, &f.in_order],
        shared: f.shared == "yes",
    };
    let result = s.k.save_plan(c.require()?, &input).await;
    let ok = |_| "/portfolio/plan?notice=notice-plan-version-saved".to_string();
    submit(&c, &f, PLAN_STEPS[0], result, ok, async |form| plan_page(&s, &c, Some(form), None).await).await
}

/// One card of the library, in the reader's language.
pub struct CardView {
    /// The anchor: a built-in card's code, or `own-{id}`.
    pub code: String,
    /// A built-in card's code, for the links that put it to work.
    pub builtin: Option<&'static str>,
    pub title: String,
    pub text: String,
    /// The feedback form that puts the card to work: (code, name).
    pub form: Option<(&'static str, &'static str)>,
    /// For an administrator: where to edit it.
    pub edit: Option<String>,
}

#[derive(Template)]
#[template(path = "portfolio/cards.html")]
struct Cards<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    q: String,
    cards: Vec<CardView>,
    resident: bool,
    admin: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CardQuery {
    q: String,
    notice: Option<String>,
}

/// A card's title and text in the reader's language.
fn in_lang(c: &Ctx, t: &kartrekker::portfolio::CardTexts) -> (String, String) {
    match c.lang {
        kartrekker::people::Language::En => (t.title_en.clone(), t.text_en.clone()),
        _ => (t.title_nl.clone(), t.text_nl.clone()),
    }
}

pub async fn cards(s: AppState, c: Ctx, Query(q): Query<CardQuery>) -> WebResult {
    let a = c.require()?;
    let admin = a.is_org_admin();
    let own = s.k.portfolio_cards(a).await?;
    let needle = q.q.trim().to_lowercase();
    let builtin = Card::ALL.iter().map(|card| {
        let (title, text) = match own.iter().find(|t| t.builtin == Some(*card)) {
            Some(t) => in_lang(&c, t),
            None => (
                c.t(&format!("card-{}", card.code())).to_string(),
                c.t(&format!("card-{}-text", card.code())).to_string(),
            ),
        };
        CardView {
            code: card.code().to_string(),
            builtin: Some(card.code()),
            title,
            text,
            form: card.form().map(|f| (f.code(), c.t(&format!("feedback-form-{}", f.code())))),
            edit: admin.then(|| format!("/portfolio/cards/{}", card.code())),
        }
    });
    let theirs = own.iter().filter(|t| t.builtin.is_none()).map(|t| {
        let (title, text) = in_lang(&c, t);
        CardView {
            code: format!("own-{}", t.id),
            builtin: None,
            title,
            text,
            form: None,
            edit: admin.then(|| format!("/portfolio/cards/{}", t.id)),
        }
    });
    let cards = builtin
        .chain(theirs)
        .filter(|v| {
            needle.is_empty() || v.title.to_lowercase().contains(&needle) || v.text.to_lowercase().contains(&needle)
        })
        .collect();
    let notice = notice(&c, q.notice.as_deref());
    Ok(render(&Cards { resident: s.k.keeps_portfolio(a), admin, notice, c: &c, q: q.q, cards }))
}

#[derive(Template)]
#[template(path = "portfolio/card_edit.html")]
struct CardEdit<'a> {
    c: &'a Ctx,
    action: String,
    form: Form,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct CardForm {
    title_nl: String,
    text_nl: String,
    title_en: String,
    text_en: String,
}

/// Which card a path names: a built-in card's code, an own card's id, or "new".
fn card_key(key: &str) -> kartrekker::Result<(Option<Card>, Option<i64>)> {
    match (Card::from_code(key), key.parse::<i64>()) {
        (Some(card), _) => Ok((Some(card), None)),
        (None, Ok(id)) => Ok((None, Some(id))),
        _ if key == "new" => Ok((None, None)),
        _ => Err(kartrekker::Error::NotFound),
    }
}

async fn card_edit_page(s: &AppState, c: &Ctx, key: &str, form: Option<Form>) -> WebResult {
    let a = c.require()?;
    if !a.is_org_admin() {
        return Err(kartrekker::Error::Forbidden.into());
    }
    let (builtin, id) = card_key(key)?;
    let own = s.k.portfolio_cards(a).await?;
    let form = match form {
        Some(f) => f,
        None => {
            let found =
                own.iter().find(|t| (builtin.is_some() && t.builtin == builtin) || (id.is_some() && Some(t.id) == id));
            let texts = match (found, builtin) {
                (Some(t), _) => t.clone(),
                (None, Some(card)) => {
                    use kartrekker::people::Language;
                    let t = |lang, k: String| kartrekker::i18n::t(lang, &k).to_string();
                    kartrekker::portfolio::CardTexts {
                        title_nl: t(Language::Nl, format!("card-{}", card.code())),
                        text_nl: t(Language::Nl, format!("card-{}-text", card.code())),
                        title_en: t(Language::En, format!("card-{}", card.code())),
                        text_en: t(Language::En, format!("card-{}-text", card.code())),
                        ..Default::default()
                    }
                }
                (None, None) if id.is_some() => return Err(kartrekker::Error::NotFound.into()),
                (None, None) => Default::default(),
            };
            Form::new()
                .with("title_nl", texts.title_nl)
                .with("text_nl", texts.text_nl)
                .with("title_en", texts.title_en)
                .with("text_en", texts.text_en)
        }
    };
    Ok(render(&CardEdit { c, action: format!("/portfolio/cards/{key}"), form }))
}

pub async fn edit_card(s: AppState, c: Ctx, Path(key): Path<String>) -> WebResult {
    card_edit_page(&s, &c, &key, None).await
}

pub async fn save_card(s: AppState, c: Ctx, Path(key): Path<String>, Posted(f): Posted<CardForm>) -> WebResult {
    let (builtin, id) = card_key(&key)?;
    let input = CardInput { title_nl: &f.title_nl, text_nl: &f.text_nl, title_en: &f.title_en, text_en: &f.text_en };
    let result = s.k.save_portfolio_card(c.require()?, builtin, id, &input).await;
    let ok = |_| "/portfolio/cards?notice=portfolio-notice-card-saved".to_string();
    submit(&c, &f, "title_nl", result, ok, async |form| card_edit_page(&s, &c, &key, Some(form)).await).await
}

/// A resident in the opleider's list.
pub struct ResidentLine {
    pub r: ResidentRow,
    pub phase: &'static str,
    pub last: String,
    pub quiet: bool,
}

#[derive(Template)]
#[template(path = "portfolio/residents.html")]
struct Residents<'a> {
    c: &'a Ctx,
    residents: Vec<ResidentLine>,
    quiet_days: i64,
}

pub async fn residents(s: AppState, c: Ctx) -> WebResult {
    let v = s.k.my_residents(c.require()?).await?;
    let residents = v
        .residents
        .into_iter()
        .map(|r| ResidentLine {
            phase: r.phase.map_or("", |p| c.t(&format!("phase-{}", p.code()))),
            last: r.last_activity.map_or_else(|| c.t("residents-never").to_string(), |d| d.dutch()),
            quiet: r.last_activity.is_none_or(|d| d.days_until(v.today) > QUIET_DAYS),
            r,
        })
        .collect();
    Ok(render(&Residents { c: &c, residents, quiet_days: QUIET_DAYS }))
}

/// Shared feedback as the opleider reads it.
pub struct SharedFeedback {
    pub line: FeedbackLine,
    pub situation: String,
    pub answers: Vec<(&'static str, String)>,
    pub reflection: String,
}

#[derive(Template)]
#[template(path = "portfolio/resident.html")]
struct ResidentPage<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    id: i64,
    name: String,
    phase: String,
    form: Form,
    phases: Vec<(String, String)>,
    activities: Vec<ActivityLine>,
    feedback: Vec<SharedFeedback>,
    plan: Option<PlanView>,
    agreements: Vec<AgreementLine>,
    chart: ActivityChart,
    comments: Vec<CommentLine>,
    comment: Form,
    about: Vec<(String, String)>,
}

/// Activities per level and phase over time: the SVG and the same numbers as table rows.
pub struct ActivityChart {
    pub svg: String,
    /// (quarter and phase, frontline, clinical, executive).
    pub rows: Vec<(String, [i64; 3])>,
}

fn activity_chart(c: &Ctx, p: &Portfolio) -> ActivityChart {
    let activities: Vec<_> = p.activities.iter().map(|v| v.activity.clone()).collect();
    let rows: Vec<(String, [i64; 3])> = per_quarter(&activities)
        .into_iter()
        .map(|q| {
            let phase = c.t(&format!("phase-{}", q.phase.code()));
            let label = i18n_args(
                c,
                "portfolio-chart-quarter",
                &[("year", q.year.to_string()), ("quarter", q.quarter.to_string()), ("phase", phase.to_string())],
            );
            (label, q.per_level)
        })
        .collect();
    let levels = Level::ALL.map(|l| c.t(&format!("level-{}", l.code())).to_string());
    let svg = crate::pages::workforce::charts::stacked(
        c.t("portfolio-chart-title"),
        c.t("portfolio-chart-desc"),
        &rows,
        &levels,
    );
    ActivityChart { svg, rows }
}

async fn resident_page(s: &AppState, c: &Ctx, id: i64, form: Option<Form>, notice: Option<String>) -> WebResult {
    resident_page_with(s, c, id, form, Form::new(), notice).await
}

async fn resident_page_with(
    s: &AppState,
    c: &Ctx,
    id: i64,
    form: Option<Form>,
    comment: Form,
    notice: Option<String>,
) -> WebResult {
    let p = s.k.resident_portfolio(c.require()?, id).await?;
    let now = s.k.now();
    let form = form.unwrap_or_else(|| {
        Form::new()
            .with("phase", p.phase.as_ref().map_or(Phase::Basis, |x| x.phase).code())
            .with("since", p.phase.as_ref().map_or(s.k.today(), |x| x.since).to_string())
    });
    let page = ResidentPage {
        c,
        notice,
        id,
        phase: phase_line(c, &p),
        name: p.resident.name.clone(),
        form,
        phases: words(c, "phase", &Phase::ALL, Phase::code),
        feedback: p
            .feedback
            .iter()
            .map(|f| SharedFeedback {
                line: feedback_line(c, f, now),
                situation: f.situation.clone(),
                answers: answered(c, f),
                reflection: f.reflection.clone(),
            })
            .collect(),
        plan: p.plans.first().map(|x| plan_view(c, x)),
        agreements: agreement_lines(c, &p.agreements),
        chart: activity_chart(c, &p),
        comments: general_comments(c, &p.comments),
        comment,
        about: with_blank(
            c,
            "portfolio-comment-about-all",
            p.activities
                .iter()
                .map(|v| {
                    let a = &v.activity;
                    (
                        a.id.to_string(),
                        format!("{} · {}", a.happened_on.dutch(), c.t(&format!("kind-{}", a.kind.code()))),
                    )
                })
                .collect(),
        ),
        activities: activity_lines(c, p.activities, &p.comments),
    };
    Ok(render(&page))
}

pub async fn resident(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    resident_page(&s, &c, id, None, n).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PhaseForm {
    phase: String,
    since: String,
}

pub async fn set_phase(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<PhaseForm>) -> WebResult {
    let result = s.k.set_phase(c.require()?, id, &f.phase, &f.since).await;
    let ok = |()| format!("/portfolio/residents/{id}?notice=notice-phase-saved");
    submit(&c, &f, "phase", result, ok, async |form| resident_page(&s, &c, id, Some(form), None).await).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct CommentForm {
    about: String,
    text: String,
}

pub async fn comment(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<CommentForm>) -> WebResult {
    let about = f.about.trim().parse::<i64>().ok();
    let result = s.k.comment_on_portfolio(c.require()?, id, about, &f.text).await;
    let ok = |_| format!("/portfolio/residents/{id}?notice=portfolio-notice-comment-saved");
    submit(&c, &f, "text", result, ok, async |form| resident_page_with(&s, &c, id, None, form, None).await).await
}

/// A feedback theme of the summary: the form, how often it was answered, and the reflections.
pub struct Theme {
    pub form: &'static str,
    pub answered: usize,
    pub reflections: Vec<String>,
}

#[derive(Template)]
#[template(path = "portfolio/summary.html")]
struct Summary<'a> {
    c: &'a Ctx,
    name: String,
    phase: String,
    date: String,
    chart: ActivityChart,
    activities: Vec<ActivityLine>,
    themes: Vec<Theme>,
    plan: Option<PlanView>,
    agreements: Vec<AgreementLine>,
}

/// The printable one-page summary for a progress conversation: what the
/// resident shared, in short. The read is audited like the view.
pub async fn summary(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let p = s.k.resident_portfolio(c.require()?, id).await?;
    let themes = FeedbackForm::ALL
        .iter()
        .filter_map(|form| {
            let of: Vec<&Feedback> =
                p.feedback.iter().filter(|f| f.form == *form && f.status == FeedbackStatus::Answered).collect();
            (!of.is_empty()).then(|| Theme {
                form: c.t(&format!("feedback-form-{}", form.code())),
                answered: of.len(),
                reflections: of.iter().map(|f| f.reflection.clone()).filter(|r| !r.is_empty()).collect(),
            })
        })
        .collect();
    let page = Summary {
        c: &c,
        name: p.resident.name.clone(),
        phase: phase_line(&c, &p),
        date: p.today.dutch(),
        chart: activity_chart(&c, &p),
        themes,
        plan: p.plans.first().map(|x| plan_view(&c, x)),
        agreements: agreement_lines(&c, &p.agreements),
        activities: p.activities.into_iter().take(8).map(|v| activity_line(&c, v)).collect(),
    };
    Ok(render(&page))
}
