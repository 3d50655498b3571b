//! Verwonder & Verbeter: a team's verwonderpunten (post in one short form,
//! support, comment), one point with its triage and merge, and who triages.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::routing::{get, post};
use kartrekker::dates::Date;
use kartrekker::improvement::{Outcome, Point, PointList, PointPage, PointStatus, TriageInput};
use kartrekker::organisations::Member;
use serde::{Deserialize, Serialize};

use super::{Notice, notice, render};
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
    let page = List { c, notice, team_id, team: team.name, can_post, leads, form, triager_form, members, waiting, triaged };
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
        Outcome::Project(_) => format!("/verwonderpunten/{id}?notice=vv-notice-triaged"),
    };
    let again = async |form| detail_page(&s, &c, id, Forms { triage: Some(form), ..Forms::default() }, None).await;
    submit(&c, &f, "choice", result, ok, again).await
}
