//! Meetings and the daily rhythm: agenda templates, a team's meetings, one
//! meeting with its attendance, notes, decisions and actions, the run view
//! with a timer for a projector or phone, a series' history and the minutes.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use kartrekker::actions::Access;
use kartrekker::meetings::model::agenda_text;
use kartrekker::meetings::{Meeting, MeetingInput, MeetingPage, TeamMeetings, TemplateRef, TemplateSummary};
use serde::{Deserialize, Serialize};

use super::actions::ActionForm;
use super::{Notice, notice, render};
use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/meetings/templates", get(templates).post(copy_template))
        .route("/meetings/templates/view", get(template))
        .route("/meetings/templates/{id}", get(edit_template).post(save_template))
        .route("/teams/{id}/meetings", get(team_meetings).post(plan))
        .route("/teams/{id}/meetings/new", get(new_meeting))
        .route("/meetings/series/{id}", get(series))
        .route("/meetings/{id}", get(detail))
        .route("/meetings/{id}/notes", post(notes))
        .route("/meetings/{id}/attendance", post(attendance))
        .route("/meetings/{id}/decisions", post(decision))
        .route("/meetings/{id}/fair-process", get(fair_process_form).post(start_fair_process))
        .route("/meetings/{id}/actions", post(action))
        .route("/meetings/{id}/close", post(close))
        .route("/meetings/{id}/next", post(next))
        .route("/meetings/{id}/minutes", get(minutes))
        .route("/meetings/{id}/run/{n}", get(run))
        .route("/meetings/{id}/feedback", get(feedback_form).post(give_feedback))
        .route("/meetings/{id}/feedback/ask", post(ask_feedback))
        .route("/meetings/{id}/feedback/results", get(feedback_results))
        .route("/static/meeting-timer.js", get(timer_js))
}

/// A template in a list or a select: its name in words and its total time.
pub struct TemplateLine {
    pub code: String,
    pub name: String,
    pub minutes: i64,
    pub own: Option<i64>,
}

fn template_name(c: &Ctx, t: &TemplateSummary) -> String {
    if t.name.is_empty() { c.t(&format!("meeting-kind-{}", t.kind.code())).to_string() } else { t.name.clone() }
}

fn template_line(c: &Ctx, t: &TemplateSummary) -> TemplateLine {
    let own = match t.reference {
        TemplateRef::Own(id) => Some(id),
        TemplateRef::Builtin(_) => None,
    };
    TemplateLine { code: t.reference.code(), name: template_name(c, t), minutes: t.total_minutes, own }
}

/// A meeting in a list: when, what, who chairs.
pub struct MeetingLine {
    pub id: i64,
    pub when: String,
    pub title: String,
    pub chair: String,
    pub closed: bool,
    pub series_id: Option<i64>,
}

fn meeting_line(m: &Meeting) -> MeetingLine {
    MeetingLine {
        id: m.id,
        when: format!("{} {}", m.held_on.dutch(), m.start_time),
        title: m.title.clone(),
        chair: m.chair.clone(),
        closed: m.is_closed(),
        series_id: m.series_id,
    }
}

#[derive(Template)]
#[template(path = "meetings/templates.html")]
struct Templates<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    templates: Vec<TemplateLine>,
    admin: bool,
}

pub async fn templates(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    let a = c.require()?;
    let templates = s.k.meeting_templates(a).await?.iter().map(|t| template_line(&c, t)).collect();
    Ok(render(&Templates { notice: notice(&c, q.notice.as_deref()), c: &c, templates, admin: a.is_org_admin() }))
}

#[derive(Deserialize, Default)]
pub struct TemplateQuery {
    t: Option<String>,
}

#[derive(Template)]
#[template(path = "meetings/template.html")]
struct TemplateView<'a> {
    c: &'a Ctx,
    line: TemplateLine,
    agenda: Vec<kartrekker::meetings::AgendaItem>,
    admin: bool,
    form: Form,
}

pub async fn template(s: AppState, c: Ctx, Query(q): Query<TemplateQuery>) -> WebResult {
    let a = c.require()?;
    let t = TemplateRef::parse(q.t.as_deref().unwrap_or_default()).map_err(|_| WebError::NotFound)?;
    let page = s.k.meeting_template(a, t, c.lang).await?;
    let line = template_line(&c, &page.summary);
    Ok(render(&TemplateView { c: &c, line, agenda: page.agenda, admin: a.is_org_admin(), form: Form::new() }))
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct CopyForm {
    from: String,
}

pub async fn copy_template(s: AppState, c: Ctx, Posted(f): Posted<CopyForm>) -> WebResult {
    let a = c.require()?;
    let result = s.k.copy_meeting_template(a, &f.from, c.lang).await;
    let ok = |id| format!("/meetings/templates/{id}?notice=notice-meeting-template-copied");
    submit(&c, &f, "from", result, ok, async |_| Err(WebError::BadRequest)).await
}

#[derive(Template)]
#[template(path = "meetings/template_edit.html")]
struct TemplateEdit<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    id: i64,
    name: String,
    form: Form,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct TemplateForm {
    name: String,
    agenda: String,
}

async fn edit_page(s: &AppState, c: &Ctx, id: i64, form: Option<Form>, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let page = s.k.meeting_template(a, TemplateRef::Own(id), c.lang).await?;
    if !page.editable {
        return Err(WebError::Forbidden);
    }
    let name = page.summary.name.clone();
    let form = form.unwrap_or_else(|| {
        Form::of(&TemplateForm { name: page.summary.name.clone(), agenda: agenda_text(&page.agenda) })
    });
    Ok(render(&TemplateEdit { c, notice, id, name, form }))
}

pub async fn edit_template(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    edit_page(&s, &c, id, None, n).await
}

pub async fn save_template(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<TemplateForm>) -> WebResult {
    let result = s.k.save_meeting_template(c.require()?, id, &f.name, &f.agenda).await;
    let ok = |()| format!("/meetings/templates/{id}?notice=notice-meeting-template-saved");
    submit(&c, &f, "name", result, ok, async |form| edit_page(&s, &c, id, Some(form), None).await).await
}

#[derive(Template)]
#[template(path = "meetings/team.html")]
struct TeamPage<'a> {
    c: &'a Ctx,
    team_id: i64,
    team: String,
    can_edit: bool,
    upcoming: Vec<MeetingLine>,
    past: Vec<MeetingLine>,
}

pub async fn team_meetings(s: AppState, c: Ctx, Path(team_id): Path<i64>) -> WebResult {
    let a = c.require()?;
    let TeamMeetings { team, access, upcoming, past, .. } = s.k.team_meetings(a, team_id).await?;
    Ok(render(&TeamPage {
        c: &c,
        team_id,
        team: team.name,
        can_edit: access == Access::Edit,
        upcoming: upcoming.iter().map(meeting_line).collect(),
        past: past.iter().map(meeting_line).collect(),
    }))
}

#[derive(Template)]
#[template(path = "meetings/new.html")]
struct NewMeeting<'a> {
    c: &'a Ctx,
    team_id: i64,
    team: String,
    form: Form,
    templates: Vec<(String, String)>,
    chairs: Vec<(String, String)>,
    members: Vec<(String, String)>,
    recurrences: Vec<(String, String)>,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct MeetingForm {
    template: String,
    title: String,
    held_on: String,
    start_time: String,
    chair: String,
    recurrence: String,
    attendees: Vec<String>,
}

async fn new_page(s: &AppState, c: &Ctx, team_id: i64, form: Option<Form>) -> WebResult {
    let a = c.require()?;
    let (team, members, templates) = s.k.meeting_form(a, team_id).await?;
    let form = form.unwrap_or_else(|| {
        Form::new()
            .with("template", "builtin:dagstart")
            .with("held_on", s.k.today().to_string())
            .with("start_time", "07:30")
            .with("chair", a.id().to_string())
            .with("recurrence", "once")
            .with_all("attendees", members.iter().map(|m| m.person_id.to_string()).collect())
    });
    let templates = templates.iter().map(|t| (t.reference.code(), template_name(c, t))).collect();
    let members: Vec<(String, String)> = members.iter().map(|m| (m.person_id.to_string(), m.name.clone())).collect();
    let mut chairs = vec![(String::new(), c.t("choose").to_string())];
    chairs.extend(members.iter().cloned());
    let recurrences = kartrekker::meetings::Recurrence::ALL
        .iter()
        .map(|r| (r.code().to_string(), c.t(&format!("meeting-recurrence-{}", r.code())).to_string()))
        .collect();
    Ok(render(&NewMeeting { c, team_id, team: team.name, form, templates, chairs, members, recurrences }))
}

pub async fn new_meeting(s: AppState, c: Ctx, Path(team_id): Path<i64>) -> WebResult {
    new_page(&s, &c, team_id, None).await
}

pub async fn plan(s: AppState, c: Ctx, Path(team_id): Path<i64>, Posted(f): Posted<MeetingForm>) -> WebResult {
    let input = MeetingInput {
        template: &f.template,
        title: &f.title,
        held_on: &f.held_on,
        start_time: &f.start_time,
        chair: &f.chair,
        recurrence: &f.recurrence,
        attendees: &f.attendees,
    };
    let result = s.k.plan_meeting(c.require()?, team_id, &input, c.lang).await;
    let ok = |id| format!("/meetings/{id}?notice=notice-meeting-planned");
    submit(&c, &f, "template", result, ok, async |form| new_page(&s, &c, team_id, Some(form)).await).await
}

/// The forms of a meeting's page, as typed when one comes back with errors.
#[derive(Default)]
struct Forms {
    /// The agenda item whose notes came back, with the form.
    notes: Option<(i64, Form)>,
    decision: Form,
    action: Form,
    general: Form,
}

#[derive(Template)]
#[template(path = "meetings/detail.html")]
struct Detail<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    p: MeetingPage,
    when: String,
    can_edit: bool,
    forms: Forms,
    members: Vec<(String, String)>,
    actions: Vec<(i64, String, String, String)>,
    cards: Vec<super::actions::Card>,
    points: Vec<kartrekker::improvement::Point>,
}

impl Detail<'_> {
    fn notes_form(&self, item_id: &i64) -> Option<&Form> {
        self.forms.notes.as_ref().filter(|(id, _)| id == item_id).map(|(_, f)| f)
    }
    /// The notes field that came back with an error is `f-notes`, where the error summary links.
    fn notes_id(&self, item_id: &i64) -> String {
        if self.notes_form(item_id).is_some() { "f-notes".into() } else { format!("notes-{item_id}") }
    }
}

async fn detail_page(s: &AppState, c: &Ctx, id: i64, forms: Forms, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let p = s.k.meeting_page(a, id).await?;
    let today = s.k.today();
    let words = super::actions::CardWords::new(c);
    let cards =
        s.k.dagstart_overdue(a, &p.meeting)
            .await?
            .into_iter()
            .map(|card| super::actions::Card::new(&words, card, today))
            .collect();
    // A dagstart brings up the verwonderpunten of yesterday and today.
    let points = if p.meeting.kind == kartrekker::meetings::Kind::Dagstart {
        let since = p.meeting.held_on.add_days(-1).start_ms_utc() - kartrekker::dates::Date::nl_offset_ms(s.k.now());
        s.k.new_verwonderpunten(a, p.meeting.team_id, since).await?
    } else {
        Vec::new()
    };
    let mut members = vec![(String::new(), c.t("choose").to_string())];
    members.extend(p.members.iter().map(|m| (m.person_id.to_string(), m.name.clone())));
    let actions = p
        .actions
        .iter()
        .map(|x| (x.id, x.title.clone(), x.kartrekker.clone(), x.due_date.map(|d| d.dutch()).unwrap_or_default()))
        .collect();
    let page = Detail {
        c,
        notice,
        when: format!("{} {}", p.meeting.held_on.dutch(), p.meeting.start_time),
        can_edit: p.access == Access::Edit && !p.meeting.is_closed(),
        forms,
        members,
        actions,
        cards,
        points,
        p,
    };
    Ok(render(&page))
}

pub async fn detail(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    detail_page(&s, &c, id, Forms::default(), n).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct NotesForm {
    item: String,
    notes: String,
    /// Back to the run view's item, when written there.
    run: String,
}

pub async fn notes(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<NotesForm>) -> WebResult {
    let item: i64 = f.item.parse().map_err(|_| WebError::BadRequest)?;
    let result = s.k.save_meeting_notes(c.require()?, id, item, &f.notes).await;
    let back = match f.run.parse::<i64>() {
        Ok(n) => format!("/meetings/{id}/run/{n}?notice=notice-meeting-notes-saved"),
        Err(_) => format!("/meetings/{id}?notice=notice-meeting-notes-saved#item-{item}"),
    };
    let ok = |()| back;
    let again =
        async |form| detail_page(&s, &c, id, Forms { notes: Some((item, form)), ..Forms::default() }, None).await;
    submit(&c, &f, "notes", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct AttendanceForm {
    present: Vec<String>,
}

pub async fn attendance(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<AttendanceForm>) -> WebResult {
    let result = s.k.set_meeting_attendance(c.require()?, id, &f.present).await;
    let ok = |()| format!("/meetings/{id}?notice=notice-meeting-attendance-saved#attendance");
    let again = async |form| detail_page(&s, &c, id, Forms { general: form, ..Forms::default() }, None).await;
    submit(&c, &f, "present", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
    concerns: String,
}

pub async fn decision(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<DecisionForm>) -> WebResult {
    let result = s.k.add_meeting_decision(c.require()?, id, &f.decision, &f.concerns).await;
    let ok = |_| format!("/meetings/{id}?notice=notice-meeting-decision-added#decisions");
    let again = async |form| detail_page(&s, &c, id, Forms { decision: form, ..Forms::default() }, None).await;
    submit(&c, &f, "decision", result, ok, again).await
}

/// The form that makes a decision of the meeting a Fair Process record.
async fn fair_process_page(s: &AppState, c: &Ctx, id: i64, form: Form) -> WebResult {
    let m = s.k.meeting_for_decision(c.require()?, id).await?;
    let what = format!("{} ({})", m.title, m.held_on.dutch());
    Ok(render(&super::decisions::New {
        c,
        action: format!("/meetings/{id}/fair-process"),
        back: (format!("/meetings/{id}#decisions"), m.title.clone()),
        meeting: Some(what),
        form,
    }))
}

async fn fair_process_form(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    fair_process_page(&s, &c, id, super::decisions::new_form(&s)).await
}

async fn start_fair_process(
    s: AppState,
    c: Ctx,
    Path(id): Path<i64>,
    Posted(f): Posted<super::decisions::DecisionForm>,
) -> WebResult {
    let result = s.k.start_meeting_decision(c.require()?, id, &f.input()).await;
    let ok = |did| format!("/decisions/{did}?notice=notice-decision-started");
    submit(&c, &f, "title", result, ok, async |form| fair_process_page(&s, &c, id, form).await).await
}

pub async fn action(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ActionForm>) -> WebResult {
    let result = s.k.add_meeting_action(c.require()?, id, &f.input()).await;
    let ok = |_| format!("/meetings/{id}?notice=notice-action-added#actions");
    let again = async |form| detail_page(&s, &c, id, Forms { action: form, ..Forms::default() }, None).await;
    submit(&c, &f, "title", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct EmptyForm {}

pub async fn close(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<EmptyForm>) -> WebResult {
    let result = s.k.close_meeting(c.require()?, id).await;
    let ok = |()| format!("/meetings/{id}/minutes?notice=notice-meeting-closed");
    let again = async |form| detail_page(&s, &c, id, Forms { general: form, ..Forms::default() }, None).await;
    submit(&c, &f, "close", result, ok, again).await
}

pub async fn next(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let next = s.k.plan_next_in_series(c.require()?, id).await?;
    Ok(super::see_other(&format!("/meetings/{next}?notice=notice-meeting-planned")))
}

#[derive(Template)]
#[template(path = "meetings/minutes.html")]
struct Minutes<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    p: MeetingPage,
    when: String,
    actions: Vec<(i64, String, String, String)>,
}

pub async fn minutes(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let a = c.require()?;
    let p = s.k.meeting_page(a, id).await?;
    let actions = p
        .actions
        .iter()
        .map(|x| (x.id, x.title.clone(), x.kartrekker.clone(), x.due_date.map(|d| d.dutch()).unwrap_or_default()))
        .collect();
    let when = format!("{} {}", p.meeting.held_on.dutch(), p.meeting.start_time);
    Ok(render(&Minutes { notice: notice(&c, q.notice.as_deref()), c: &c, when, actions, p }))
}

#[derive(Template)]
#[template(path = "meetings/series.html")]
struct Series<'a> {
    c: &'a Ctx,
    team_id: i64,
    team: String,
    meetings: Vec<MeetingLine>,
}

pub async fn series(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let (team, meetings) = s.k.meeting_series(c.require()?, id).await?;
    let meetings = meetings.iter().map(meeting_line).collect();
    Ok(render(&Series { c: &c, team_id: team.id, team: team.name, meetings }))
}

#[derive(Template)]
#[template(path = "meetings/run.html")]
struct Run<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    id: i64,
    title: String,
    number: usize,
    total: usize,
    item: kartrekker::meetings::MeetingItem,
    can_edit: bool,
    form: Form,
}

/// The run view: one agenda item a page, for a projector or a phone, with
/// its timebox; meeting-timer.js counts it down.
pub async fn run(s: AppState, c: Ctx, Path((id, n)): Path<(i64, usize)>, Query(q): Query<Notice>) -> WebResult {
    let a = c.require()?;
    let p = s.k.meeting_page(a, id).await?;
    let total = p.items.len();
    let item = p.items.get(n.wrapping_sub(1)).cloned().ok_or(WebError::NotFound)?;
    let form = Form::new().with("notes", item.notes.clone());
    Ok(render(&Run {
        notice: notice(&c, q.notice.as_deref()),
        c: &c,
        id,
        title: p.meeting.title.clone(),
        number: n,
        total,
        can_edit: p.access == Access::Edit && !p.meeting.is_closed(),
        item,
        form,
    }))
}

pub async fn timer_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../../static/meeting-timer.js"),
    )
        .into_response()
}

pub async fn ask_feedback(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<EmptyForm>) -> WebResult {
    let result = s.k.ask_chair_feedback(c.require()?, id).await;
    let ok = |_| format!("/meetings/{id}?notice=notice-meeting-feedback-asked");
    let again = async |form| detail_page(&s, &c, id, Forms { general: form, ..Forms::default() }, None).await;
    submit(&c, &f, "feedback", result, ok, again).await
}

/// The card's three points on chairing, each scored 1 to 5.
const POINTS: [&str; 3] = ["preparation", "leading", "dynamics"];

#[derive(Template)]
#[template(path = "meetings/feedback.html")]
struct FeedbackPage<'a> {
    c: &'a Ctx,
    m: Meeting,
    answered: bool,
    form: Form,
    points: [&'static str; 3],
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct FeedbackForm {
    preparation: String,
    leading: String,
    dynamics: String,
    comment: String,
}

async fn feedback_page(s: &AppState, c: &Ctx, id: i64, form: Form) -> WebResult {
    let (m, answered) = s.k.chair_feedback_form(c.require()?, id).await?;
    Ok(render(&FeedbackPage { c, m, answered, form, points: POINTS }))
}

pub async fn feedback_form(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    feedback_page(&s, &c, id, Form::new()).await
}

pub async fn give_feedback(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<FeedbackForm>) -> WebResult {
    let scores = [f.preparation.as_str(), f.leading.as_str(), f.dynamics.as_str()];
    let result = s.k.give_chair_feedback(c.require()?, id, scores, &f.comment).await;
    let ok = |()| format!("/meetings/{id}?notice=notice-meeting-feedback-given");
    submit(&c, &f, "preparation", result, ok, async |form| feedback_page(&s, &c, id, form).await).await
}

#[derive(Template)]
#[template(path = "meetings/feedback_results.html")]
struct FeedbackResults<'a> {
    c: &'a Ctx,
    r: kartrekker::meetings::ChairFeedback,
    /// (point, average in words) once enough answered.
    averages: Vec<(&'static str, String)>,
}

pub async fn feedback_results(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let r = s.k.chair_feedback(c.require()?, id).await?;
    let averages = r
        .averages
        .map(|a| {
            POINTS
                .iter()
                .zip(a)
                .map(|(p, v)| (*p, format!("{v:.1}").replace('.', if c.lang_code() == "nl" { "," } else { "." })))
                .collect()
        })
        .unwrap_or_default();
    Ok(render(&FeedbackResults { c: &c, r, averages }))
}

/// Home page lines for meetings: each links to the meeting's page plus `suffix`.
pub(super) fn home_items(c: &Ctx, meetings: &[Meeting], suffix: &str) -> Vec<super::home::Item> {
    meetings
        .iter()
        .map(|m| {
            let detail = format!(
                "{} · {} {} · {}",
                m.team,
                m.held_on.dutch(),
                m.start_time,
                c.ta("meeting-chaired-by", "name", &m.chair)
            );
            super::home::item(format!("/meetings/{}{suffix}", m.id), m.title.clone(), detail)
        })
        .collect()
}
