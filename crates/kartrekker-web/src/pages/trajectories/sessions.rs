//! One session: planning it, who was there, and its .ics file.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::IntoResponse;
use kartrekker::trajectories::{Session, SessionInput, SessionKind, SessionPage};
use serde::{Deserialize, Serialize};

use super::{Nav, SessionSummary, Tr, base};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::pages::{Notice, render};

#[derive(Template)]
#[template(path = "trajectories/session.html")]
struct SessionTpl<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    nav: Option<Nav>,
    team: String,
    base: String,
    session: SessionSummary,
    kind: &'static str,
    can_edit: bool,
    form: Form,
    /// (person id, name)
    members: Vec<(String, String)>,
    back: String,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct SessionForm {
    date: String,
    start_time: String,
    minutes: String,
    agenda: String,
    location: String,
    /// The person ids of the members who were there.
    attendees: Vec<String>,
}

impl SessionForm {
    fn of(s: &Session) -> SessionForm {
        SessionForm {
            date: s.date.map(|d| d.to_string()).unwrap_or_default(),
            start_time: s.start_time.map(|t| t.to_string()).unwrap_or_default(),
            minutes: s.minutes.to_string(),
            agenda: s.agenda.clone(),
            location: s.location.clone(),
            attendees: s.attendees.iter().map(|p| p.to_string()).collect(),
        }
    }
}

fn session_tpl<'a>(c: &'a Ctx, p: SessionPage, notice: Option<String>, form: Option<Form>) -> SessionTpl<'a> {
    let t = &p.trajectory;
    let b = base(t.team_id, t.id);
    let back = match p.session.kind {
        SessionKind::Intake => format!("{b}/intake"),
        SessionKind::MirrorSession => format!("{b}/mirror"),
        SessionKind::Evaluation => format!("{b}/evaluations/{}", p.session.id),
    };
    SessionTpl {
        c,
        notice,
        nav: Nav::new(t, &p.rights, "sessions"),
        team: p.team.name.clone(),
        base: b,
        kind: p.session.kind.code(),
        can_edit: p.rights.lead && p.session.completed_at.is_none(),
        form: form.unwrap_or_else(|| Form::of(&SessionForm::of(&p.session))),
        session: SessionSummary::new(c, &p.session),
        members: p.members.iter().map(|m| (m.person_id.to_string(), m.name.clone())).collect(),
        back,
    }
}

pub async fn session(t: Tr, Path(ids): Path<(i64, i64, i64)>, Query(q): Query<Notice>) -> WebResult {
    show(&t, ids.2, t.notice(&q), None).await
}

/// The page, with the notice of a redirect or the form as typed.
async fn show(t: &Tr, sid: i64, notice: Option<String>, form: Option<Form>) -> WebResult {
    let page = t.s.k.session_page(t.c.require()?, t.team_id, t.tid, sid).await?;
    Ok(render(&session_tpl(&t.c, page, notice, form)))
}

pub async fn save_session(t: Tr, Path(ids): Path<(i64, i64, i64)>, Posted(f): Posted<SessionForm>) -> WebResult {
    let sid = ids.2;
    let input = SessionInput {
        date: &f.date,
        start_time: &f.start_time,
        minutes: &f.minutes,
        agenda: &f.agenda,
        location: &f.location,
    };
    let result = t.s.k.save_session(t.c.require()?, t.team_id, t.tid, sid, &input, &f.attendees).await;
    let ok = |()| t.to(&format!("/sessions/{sid}?notice=notice-trajectory-session-saved"));
    submit(&t.c, &f, "date", result, ok, async |form| show(&t, sid, None, Some(form)).await).await
}

/// The session as an .ics file for a calendar.
pub async fn calendar(t: Tr, Path(ids): Path<(i64, i64, i64)>) -> WebResult {
    let label = |key: &str| t.c.t(key).to_string();
    let (name, ics) = t.s.k.session_calendar(t.c.require()?, t.team_id, t.tid, ids.2, &label).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        ics,
    )
        .into_response())
}
