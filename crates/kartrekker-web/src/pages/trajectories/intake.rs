//! The intake: the two questions, anonymity, and grouping answers under themes.

use askama::Template;
use axum::extract::{Path, Query};
use kartrekker::trajectories::service::{IntakeGroup, content_visible};
use kartrekker::trajectories::{Answer, IntakePage, Phase, Theme};
use serde::{Deserialize, Serialize};

use super::observations::{self, ObservationForms};
use super::undo::Undo;
use super::{Nav, SessionSummary, StepHead, ThemeForm, Tr, theme_options};
use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{Form, Posted, submit};
use crate::pages::{Notice, render};

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
    head: StepHead,
    nav: Option<Nav>,
    in_intake: bool,
    anonymous: bool,
    respondent: bool,
    trainer: bool,
    answered: bool,
    can_answer: bool,
    can_group: bool,
    /// The answers show.
    content: bool,
    group: IntakeGroup,
    session: SessionSummary,
    answer: Form,
    anonymity: Form,
    theme: Form,
    grouping: Form,
    answers: Vec<AnswerRow>,
    themes: Vec<(String, String)>,
    /// (id, title) of each theme.
    theme_titles: Vec<(i64, String)>,
    undo: Undo,
}

#[derive(Default)]
struct IntakeForms {
    answer: Option<Form>,
    anonymity: Form,
    theme: Form,
    grouping: Form,
}

fn intake_tpl<'a>(c: &'a Ctx, p: IntakePage, notice: Option<String>, forms: IntakeForms, undo: Undo) -> IntakeTpl<'a> {
    let t = &p.trajectory;
    let in_intake = t.phase == Phase::Intake;
    let answer = forms.answer.unwrap_or_else(|| {
        let own = |q: kartrekker::trajectories::Question| {
            p.own.iter().find(|(x, _)| *x == q).map(|(_, a)| a.clone()).unwrap_or_default()
        };
        Form::of(&AnswerForm {
            daily: own(kartrekker::trajectories::Question::Daily),
            proud: own(kartrekker::trajectories::Question::Proud),
        })
    });
    IntakeTpl {
        c,
        head: StepHead::new(c, t, &p.team, notice),
        nav: Nav::new(t, &p.rights, "intake"),
        in_intake,
        anonymous: t.anonymous,
        respondent: p.rights.respondent,
        trainer: p.rights.trainer,
        answered: p.answered,
        can_answer: p.rights.respondent && in_intake && !(t.anonymous && p.answered),
        can_group: p.rights.trainer && t.phase <= Phase::MirrorSession,
        content: content_visible(&p.rights, t.phase),
        group: p.group,
        session: SessionSummary::new(c, &p.session),
        answer,
        anonymity: forms.anonymity,
        theme: forms.theme,
        grouping: forms.grouping,
        answers: answer_rows(c, &p.answers, &p.themes),
        themes: theme_options(c, &p.themes),
        theme_titles: p.themes.iter().map(|t| (t.id, t.title.clone())).collect(),
        undo,
    }
}

pub async fn intake(t: Tr, Query(q): Query<Notice>) -> WebResult {
    show(&t, t.notice(&q), IntakeForms::default()).await
}

/// The page, with the notice of a redirect or one of its forms as typed.
async fn show(t: &Tr, notice: Option<String>, forms: IntakeForms) -> WebResult {
    let page = t.s.k.intake_page(t.c.require()?, t.team_id, t.tid).await?;
    Ok(render(&intake_tpl(&t.c, page, notice, forms, Undo::of(t).await?)))
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    daily: String,
    proud: String,
}

pub async fn answer(t: Tr, Posted(f): Posted<AnswerForm>) -> WebResult {
    let result = t.s.k.answer_intake(t.c.require()?, t.team_id, t.tid, &f.daily, &f.proud).await;
    let again = async |answer| show(&t, None, IntakeForms { answer: Some(answer), ..IntakeForms::default() }).await;
    submit(&t.c, &f, "daily", result, |()| t.to("/intake?notice=notice-trajectory-answer-saved"), again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct AnonymityForm {
    /// "yes" or "no".
    anonymous: String,
}

pub async fn anonymity(t: Tr, Posted(f): Posted<AnonymityForm>) -> WebResult {
    let anonymous = match f.anonymous.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(WebError::BadRequest),
    };
    let result = t.s.k.set_intake_anonymity(t.c.require()?, t.team_id, t.tid, anonymous).await;
    let again = async |anonymity| show(&t, None, IntakeForms { anonymity, ..IntakeForms::default() }).await;
    submit(&t.c, &f, "anonymous", result, |()| t.to("/intake?notice=notice-trajectory-anonymity-saved"), again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct NewThemeForm {
    title: String,
    /// The page the form is on: "observations", or else the intake.
    back: String,
}

/// Adds a theme from the intake page or the observations page (`back`).
pub async fn add_theme(t: Tr, Posted(f): Posted<NewThemeForm>) -> WebResult {
    let back = if f.back == "observations" { "observations" } else { "intake" };
    let result = t.s.k.add_theme(t.c.require()?, t.team_id, t.tid, &f.title).await;
    let ok = |_| t.to(&format!("/{back}?notice=notice-trajectory-theme-added"));
    submit(&t.c, &f, "title", result, ok, async |theme| match back {
        "observations" => observations::show(&t, None, ObservationForms { theme, ..ObservationForms::default() }).await,
        _ => show(&t, None, IntakeForms { theme, ..IntakeForms::default() }).await,
    })
    .await
}

pub async fn answer_theme(t: Tr, Path(ids): Path<(i64, i64, i64)>, Posted(f): Posted<ThemeForm>) -> WebResult {
    let answer_id = ids.2;
    let result = t.s.k.set_answer_theme(t.c.require()?, t.team_id, t.tid, answer_id, &f.theme).await;
    let ok = |()| t.to(&format!("/intake?notice=notice-trajectory-grouped#answer-{answer_id}"));
    let again = async |grouping| show(&t, None, IntakeForms { grouping, ..IntakeForms::default() }).await;
    submit(&t.c, &f, "theme", result, ok, again).await
}
