//! The intake: the two questions, anonymity, and grouping answers under themes.

use askama::Template;
use axum::Form as Posted;
use axum::extract::{Path, Query, State};
use kartrekker::trajectories::service::content_visible;
use kartrekker::trajectories::{Answer, IntakePage, Phase, Theme};

use super::observations::{ObservationForms, observations_again};
use super::{Nav, NoticeQuery, SessionSummary, base, phase_label, theme_options, unprocessable};
use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::Form;
use crate::pages::{notice, render, see_other};
use crate::state::AppState;

type Pairs = Posted<Vec<(String, String)>>;

pub struct AnswerRow {
    pub id: i64,
    pub question: String,
    pub text: String,
    pub theme: String,
    pub theme_title: String,
}

pub(super) fn theme_title(themes: &[Theme], id: Option<i64>) -> String {
    themes.iter().find(|t| Some(t.id) == id).map(|t| t.title.clone()).unwrap_or_default()
}

pub(super) fn answer_rows(c: &Ctx, answers: &[Answer], themes: &[Theme]) -> Vec<AnswerRow> {
    answers
        .iter()
        .map(|a| AnswerRow {
            id: a.id,
            question: c.t(&format!("trajectory-question-{}", a.question.code())).to_string(),
            text: a.text.clone(),
            theme: a.theme_id.map(|t| t.to_string()).unwrap_or_default(),
            theme_title: theme_title(themes, a.theme_id),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "trajectories/intake.html")]
struct IntakeTpl<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    nav: Option<Nav>,
    team: String,
    base: String,
    phase: String,
    in_intake: bool,
    anonymous: bool,
    respondent: bool,
    trainer: bool,
    answered: bool,
    can_answer: bool,
    can_group: bool,
    /// The answers show.
    content: bool,
    participants: i64,
    respondents: i64,
    session: SessionSummary,
    answer: Form,
    anonymity: Form,
    theme: Form,
    grouping: Form,
    answers: Vec<AnswerRow>,
    themes: Vec<(String, String)>,
    theme_titles: Vec<String>,
}

#[derive(Default)]
struct IntakeForms {
    answer: Option<Form>,
    anonymity: Form,
    theme: Form,
    grouping: Form,
}

fn intake_tpl<'a>(c: &'a Ctx, p: IntakePage, notice: Option<String>, forms: IntakeForms) -> IntakeTpl<'a> {
    let t = &p.trajectory;
    let in_intake = t.phase == Phase::Intake;
    let answer = forms.answer.unwrap_or_else(|| {
        let own = |q: kartrekker::trajectories::Question| {
            p.own.iter().find(|(x, _)| *x == q).map(|(_, a)| a.clone()).unwrap_or_default()
        };
        Form::new()
            .with("daily", own(kartrekker::trajectories::Question::Daily))
            .with("proud", own(kartrekker::trajectories::Question::Proud))
    });
    IntakeTpl {
        c,
        notice,
        nav: Nav::new(t, &p.rights, "intake"),
        team: p.team.name.clone(),
        base: base(t.team_id, t.id),
        phase: phase_label(c, t.phase),
        in_intake,
        anonymous: t.anonymous,
        respondent: p.rights.respondent,
        trainer: p.rights.trainer,
        answered: p.answered,
        can_answer: p.rights.respondent && in_intake && !(t.anonymous && p.answered),
        can_group: p.rights.trainer && t.phase <= Phase::MirrorSession,
        content: content_visible(&p.rights, t.phase),
        participants: p.participants,
        respondents: p.respondents,
        session: SessionSummary::new(c, &p.session),
        answer,
        anonymity: forms.anonymity,
        theme: forms.theme,
        grouping: forms.grouping,
        answers: answer_rows(c, &p.answers, &p.themes),
        themes: theme_options(c, &p.themes),
        theme_titles: p.themes.iter().map(|t| t.title.clone()).collect(),
    }
}

pub async fn intake(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Query(q): Query<NoticeQuery>,
) -> WebResult {
    let page = s.k.intake_page(c.require()?, team_id, tid).await?;
    Ok(render(&intake_tpl(&c, page, notice(&c, q.notice.as_deref()), IntakeForms::default())))
}

async fn intake_again(s: &AppState, c: &Ctx, team_id: i64, tid: i64, forms: IntakeForms) -> WebResult {
    let page = s.k.intake_page(c.require()?, team_id, tid).await?;
    Ok(unprocessable(&intake_tpl(c, page, None, forms)))
}

pub async fn answer(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.answer_intake(a, team_id, tid, form.value("daily"), form.value("proud")).await {
        Ok(()) => Ok(see_other(&format!("{}/intake?notice=notice-trajectory-answer-saved", base(team_id, tid)))),
        Err(e) => {
            let answer = Some(form.absorb(&c, e, "daily")?);
            intake_again(&s, &c, team_id, tid, IntakeForms { answer, ..IntakeForms::default() }).await
        }
    }
}

pub async fn anonymity(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let anonymous = match form.value("anonymous") {
        "yes" => true,
        "no" => false,
        _ => return Err(WebError::BadRequest),
    };
    match s.k.set_intake_anonymity(a, team_id, tid, anonymous).await {
        Ok(()) => Ok(see_other(&format!("{}/intake?notice=notice-trajectory-anonymity-saved", base(team_id, tid)))),
        Err(e) => {
            let anonymity = form.absorb(&c, e, "anonymous")?;
            intake_again(&s, &c, team_id, tid, IntakeForms { anonymity, ..IntakeForms::default() }).await
        }
    }
}

/// Adds a theme from the intake page or the observations page (`back`).
pub async fn add_theme(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let back = if form.value("back") == "observations" { "observations" } else { "intake" };
    match s.k.add_theme(a, team_id, tid, form.value("title")).await {
        Ok(_) => Ok(see_other(&format!("{}/{back}?notice=notice-trajectory-theme-added", base(team_id, tid)))),
        Err(e) => {
            let theme = form.absorb(&c, e, "title")?;
            if back == "observations" {
                observations_again(&s, &c, team_id, tid, ObservationForms { theme, ..ObservationForms::default() })
                    .await
            } else {
                intake_again(&s, &c, team_id, tid, IntakeForms { theme, ..IntakeForms::default() }).await
            }
        }
    }
}

pub async fn answer_theme(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, answer_id)): Path<(i64, i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.set_answer_theme(a, team_id, tid, answer_id, form.value("theme")).await {
        Ok(()) => {
            Ok(see_other(&format!("{}/intake?notice=notice-trajectory-grouped#answer-{answer_id}", base(team_id, tid))))
        }
        Err(e) => {
            let grouping = form.absorb(&c, e, "theme")?;
            intake_again(&s, &c, team_id, tid, IntakeForms { grouping, ..IntakeForms::default() }).await
        }
    }
}
