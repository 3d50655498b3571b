//! Evaluations: results, next steps, whether each agreed action helped,
//! and new agreements.

use askama::Template;
use axum::extract::{Path, Query};
use kartrekker::Error;
use kartrekker::dates::Date;
use kartrekker::trajectories::service::open_evaluation;
use kartrekker::trajectories::{AgreedAction, Complete, EvaluationInput, EvaluationPage, Phase, SessionKind, UNVOTED};
use serde::{Deserialize, Serialize};

use super::undo::Undo;
use super::{
    ActionRow, AgreementForm, Nav, SessionSummary, StepHead, Tr, action_row, add_agreement, day, member_options,
    session_label,
};
use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{Form, Posted, submit};
use crate::pages::{Notice, render, see_other};

/// The evaluation the team works on now, or else the last one.
pub async fn current_evaluation(t: Tr) -> WebResult {
    let page = t.s.k.trajectory_page(t.c.require()?, t.team_id, t.tid).await?;
    let latest = open_evaluation(&page.sessions)
        .or_else(|| page.sessions.iter().rfind(|s| s.kind == SessionKind::Evaluation))
        .ok_or(WebError::NotFound)?;
    Ok(see_other(&t.to(&format!("/evaluations/{}", latest.id))))
}

pub struct AgreedRow {
    pub row: ActionRow,
    pub yes: i64,
    pub no: i64,
    /// "yes", "no" or "".
    pub mine: &'static str,
    /// "Evaluate on", or empty.
    pub evaluate_on: String,
    /// The newest progress update: (when, who, text).
    pub last_update: Option<(String, String, String)>,
}

fn agreed_rows(c: &Ctx, list: &[AgreedAction], today: Date) -> Vec<AgreedRow> {
    list.iter()
        .map(|a| AgreedRow {
            row: action_row(c, &a.action, today),
            yes: a.yes,
            no: a.no,
            mine: match a.mine {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            },
            evaluate_on: day(a.action.evaluation_date),
            last_update: a.last_update.as_ref().map(|u| (Date::moment_nl(u.at), u.author.clone(), u.text.clone())),
        })
        .collect()
}

/// One evaluation in the list of all of them.
pub struct EvaluationLink {
    pub id: i64,
    pub label: String,
    pub date: String,
    /// The day it was held, when done.
    pub held: String,
    pub done: bool,
    pub this: bool,
}

#[derive(Template)]
#[template(path = "trajectories/evaluation.html")]
struct EvaluationTpl<'a> {
    c: &'a Ctx,
    head: StepHead,
    nav: Option<Nav>,
    session: SessionSummary,
    current: bool,
    lead: bool,
    member: bool,
    /// Answers "did this help?": in the team, not only its trainer.
    voter: bool,
    results: String,
    next_steps: String,
    evaluations: Vec<EvaluationLink>,
    mirror_actions: Vec<AgreedRow>,
    evaluation_actions: Vec<AgreedRow>,
    to_evaluate: Vec<AgreedRow>,
    form: Form,
    agreement: Form,
    helped: Form,
    members: Vec<(String, String)>,
    not_yet: bool,
    undo: Undo,
    /// "3 of the 5 voted. Complete anyway?", after completing while not all voted.
    confirm_complete: Option<String>,
}

#[derive(Default)]
struct EvaluationForms {
    form: Option<Form>,
    agreement: Form,
    helped: Form,
    confirm_complete: bool,
}

fn evaluation_tpl<'a>(
    c: &'a Ctx,
    p: EvaluationPage,
    notice: Option<String>,
    forms: EvaluationForms,
    undo: Undo,
) -> EvaluationTpl<'a> {
    let t = &p.trajectory;
    let form = forms.form.unwrap_or_else(|| {
        Form::of(&EvaluationForm {
            results: p.session.results.clone(),
            next_steps: p.session.next_steps.clone(),
            months: t.interval_months.to_string(),
            complete: String::new(),
        })
    });
    EvaluationTpl {
        c,
        head: StepHead::new(c, t, &p.team, notice),
        nav: Nav::new(t, &p.rights, "evaluation"),
        session: SessionSummary::new(c, &p.session),
        current: p.current,
        lead: p.rights.lead,
        member: p.rights.member,
        voter: p.rights.respondent,
        results: p.session.results.clone(),
        next_steps: p.session.next_steps.clone(),
        evaluations: p
            .evaluations
            .iter()
            .map(|e| EvaluationLink {
                id: e.id,
                label: session_label(c, e),
                date: day(e.date),
                held: day(e.held_on),
                done: e.completed_at.is_some(),
                this: e.id == p.session.id,
            })
            .collect(),
        mirror_actions: agreed_rows(c, &p.mirror_actions, p.today),
        evaluation_actions: agreed_rows(c, &p.evaluation_actions, p.today),
        to_evaluate: agreed_rows(c, &p.to_evaluate, p.today),
        form,
        agreement: forms.agreement,
        helped: forms.helped,
        members: member_options(c, &p.members),
        not_yet: t.phase < Phase::Evaluation,
        undo,
        confirm_complete: forms.confirm_complete.then(|| {
            let args = [("voted", p.votes.0.to_string()), ("total", p.votes.1.to_string())];
            crate::i18n::t_args(c.lang, "trajectory-complete-confirm", &args)
        }),
    }
}

/// The page, with the notice of a redirect or one of its forms as typed.
async fn show(t: &Tr, sid: i64, notice: Option<String>, forms: EvaluationForms) -> WebResult {
    let page = t.s.k.evaluation_page(t.c.require()?, t.team_id, t.tid, sid).await?;
    Ok(render(&evaluation_tpl(&t.c, page, notice, forms, Undo::of(t).await?)))
}

pub async fn evaluation(t: Tr, Path(ids): Path<(i64, i64, i64)>, Query(q): Query<Notice>) -> WebResult {
    show(&t, ids.2, t.notice(&q), EvaluationForms::default()).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct EvaluationForm {
    results: String,
    next_steps: String,
    months: String,
    /// "1" from the button that also completes the evaluation, "anyway"
    /// once the leader confirmed completing before everyone voted.
    complete: String,
}

/// Saves results and next steps; the button "complete" also closes the
/// evaluation and plans the next one, after a question when not everyone voted.
pub async fn save_evaluation(t: Tr, Path(ids): Path<(i64, i64, i64)>, Posted(f): Posted<EvaluationForm>) -> WebResult {
    let sid = ids.2;
    let input = EvaluationInput { results: &f.results, next_steps: &f.next_steps, months: &f.months };
    let complete = match f.complete.as_str() {
        "1" => Complete::IfAllVoted,
        "anyway" => Complete::Anyway,
        _ => Complete::No,
    };
    let result = t.s.k.save_evaluation(t.c.require()?, t.team_id, t.tid, sid, &input, complete).await;
    if matches!(result, Err(Error::Refused(UNVOTED))) {
        let forms = EvaluationForms { form: Some(Form::of(&f)), confirm_complete: true, ..EvaluationForms::default() };
        return show(&t, sid, None, forms).await;
    }
    let ok = |next: Option<Date>| match next {
        Some(_) => t.to("?notice=notice-trajectory-evaluation-completed"),
        None => t.to(&format!("/evaluations/{sid}?notice=notice-trajectory-evaluation-saved")),
    };
    let again =
        async |form| show(&t, sid, None, EvaluationForms { form: Some(form), ..EvaluationForms::default() }).await;
    submit(&t.c, &f, "results", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct HelpedForm {
    /// The agreed action's id.
    action: String,
    /// "yes" or "no".
    helped: String,
}

pub async fn helped(t: Tr, Path(ids): Path<(i64, i64, i64)>, Posted(f): Posted<HelpedForm>) -> WebResult {
    let (sid, action_id) = (ids.2, f.action.parse::<i64>().map_err(|_| WebError::BadRequest)?);
    let result = t.s.k.answer_helped(t.c.require()?, t.team_id, t.tid, sid, action_id, &f.helped).await;
    let ok = |()| t.to(&format!("/evaluations/{sid}?notice=notice-trajectory-helped-saved#action-{action_id}"));
    let again = async |helped| show(&t, sid, None, EvaluationForms { helped, ..EvaluationForms::default() }).await;
    submit(&t.c, &f, "helped", result, ok, again).await
}

pub async fn evaluation_agreement(
    t: Tr,
    Path(ids): Path<(i64, i64, i64)>,
    Posted(f): Posted<AgreementForm>,
) -> WebResult {
    let sid = ids.2;
    let again =
        async |agreement| show(&t, sid, None, EvaluationForms { agreement, ..EvaluationForms::default() }).await;
    add_agreement(&t, &f, &format!("/evaluations/{sid}"), again).await
}
