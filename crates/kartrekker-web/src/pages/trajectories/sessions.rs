//! One session: planning it, who was there, and its .ics file.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use kartrekker::trajectories::{Session, SessionInput, SessionKind, SessionPage};
use serde::{Deserialize, Serialize};

use super::{Nav, SessionSummary, base};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::pages::{Notice, notice, render};
use crate::state::AppState;

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

pub async fn session(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Query(q): Query<Notice>,
) -> WebResult {
    let page = s.k.session_page(c.require()?, team_id, tid, sid).await?;
    Ok(render(&session_tpl(&c, page, notice(&c, q.notice.as_deref()), None)))
}

pub async fn save_session(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Posted(f): Posted<SessionForm>,
) -> WebResult {
    let a = c.require()?;
    let input = SessionInput {
        date: &f.date,
        start_time: &f.start_time,
        minutes: &f.minutes,
        agenda: &f.agenda,
        location: &f.location,
    };
    let result = s.k.save_session(a, team_id, tid, sid, &input, &f.attendees).await;
    let ok = |()| format!("{}/sessions/{sid}?notice=notice-trajectory-session-saved", base(team_id, tid));
    submit(&c, &f, "date", result, ok, async |form| {
        let page = s.k.session_page(a, team_id, tid, sid).await?;
        Ok(render(&session_tpl(&c, page, None, Some(form))))
    })
    .await
}

/// The session as an .ics file for a calendar.
pub async fn calendar(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
) -> WebResult {
    let a = c.require()?;
    let label = |key: &str| c.t(key).to_string();
    let (name, ics) = s.k.session_calendar(a, team_id, tid, sid, &label).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        ics,
    )
        .into_response())
}
