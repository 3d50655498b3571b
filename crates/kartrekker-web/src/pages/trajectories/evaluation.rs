//! Evaluations: results, next steps, whether each agreed action helped,
//! and new agreements.

use askama::Template;
use axum::Form as Posted;
use axum::extract::{Path, Query, State};
use kartrekker::dates::Date;
use kartrekker::trajectories::service::open_evaluation;
use kartrekker::trajectories::{AgreedAction, EvaluationInput, EvaluationPage, Phase, SessionKind};

use super::{
    ActionRow, Nav, NoticeQuery, SessionSummary, action_input, action_row, base, day, member_options, phase_label,
    session_label, unprocessable,
};
use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::Form;
use crate::pages::{notice, render, see_other};
use crate::state::AppState;

type Pairs = Posted<Vec<(String, String)>>;

/// The evaluation the team works on now, or else the last one.
pub async fn current_evaluation(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
) -> WebResult {
    let page = s.k.trajectory_page(c.require()?, team_id, tid).await?;
    let latest = open_evaluation(&page.sessions)
        .or_else(|| page.sessions.iter().rfind(|s| s.kind == SessionKind::Evaluation))
        .ok_or(WebError::NotFound)?;
    Ok(see_other(&format!("{}/evaluations/{}", base(team_id, tid), latest.id)))
}

pub struct AgreedRow {
    pub row: ActionRow,
    pub yes: i64,
    pub no: i64,
    /// "yes", "no" or "".
    pub mine: &'static str,
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
        })
        .collect()
}

/// One evaluation in the list of all of them.
pub struct EvaluationLink {
    pub id: i64,
    pub label: String,
    pub date: String,
    pub done: bool,
    pub this: bool,
}

#[derive(Template)]
#[template(path = "trajectories/evaluation.html")]
struct EvaluationTpl<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    nav: Option<Nav>,
    team: String,
    base: String,
    phase: String,
    session: SessionSummary,
    current: bool,
    lead: bool,
    member: bool,
    results: String,
    next_steps: String,
    evaluations: Vec<EvaluationLink>,
    mirror_actions: Vec<AgreedRow>,
    evaluation_actions: Vec<AgreedRow>,
    form: Form,
    agreement: Form,
    helped: Form,
    members: Vec<(String, String)>,
    not_yet: bool,
}

#[derive(Default)]
struct EvaluationForms {
    form: Option<Form>,
    agreement: Form,
    helped: Form,
}

fn evaluation_tpl<'a>(
    c: &'a Ctx,
    p: EvaluationPage,
    notice: Option<String>,
    forms: EvaluationForms,
) -> EvaluationTpl<'a> {
    let t = &p.trajectory;
    let form = forms.form.unwrap_or_else(|| {
        Form::new()
            .with("results", p.session.results.clone())
            .with("next_steps", p.session.next_steps.clone())
            .with("months", t.interval_months.to_string())
    });
    EvaluationTpl {
        c,
        notice,
        nav: Nav::new(t, &p.rights, "evaluation"),
        team: p.team.name.clone(),
        base: base(t.team_id, t.id),
        phase: phase_label(c, t.phase),
        session: SessionSummary::new(c, &p.session),
        current: p.current,
        lead: p.rights.lead,
        member: p.rights.member,
        results: p.session.results.clone(),
        next_steps: p.session.next_steps.clone(),
        evaluations: p
            .evaluations
            .iter()
            .map(|e| EvaluationLink {
                id: e.id,
                label: session_label(c, e),
                date: day(e.date),
                done: e.completed_at.is_some(),
                this: e.id == p.session.id,
            })
            .collect(),
        mirror_actions: agreed_rows(c, &p.mirror_actions, p.today),
        evaluation_actions: agreed_rows(c, &p.evaluation_actions, p.today),
        form,
        agreement: forms.agreement,
        helped: forms.helped,
        members: member_options(c, &p.members),
        not_yet: t.phase < Phase::Evaluation,
    }
}

async fn evaluation_again(s: &AppState, c: &Ctx, ids: (i64, i64, i64), forms: EvaluationForms) -> WebResult {
    let page = s.k.evaluation_page(c.require()?, ids.0, ids.1, ids.2).await?;
    Ok(unprocessable(&evaluation_tpl(c, page, None, forms)))
}

pub async fn evaluation(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Query(q): Query<NoticeQuery>,
) -> WebResult {
    let page = s.k.evaluation_page(c.require()?, team_id, tid, sid).await?;
    Ok(render(&evaluation_tpl(&c, page, notice(&c, q.notice.as_deref()), EvaluationForms::default())))
}

/// Saves results and next steps; the button "complete" also closes the
/// evaluation and plans the next one.
pub async fn save_evaluation(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let input = EvaluationInput {
        results: form.value("results"),
        next_steps: form.value("next_steps"),
        months: form.value("months"),
    };
    let complete = form.value("complete") == "1";
    match s.k.save_evaluation(a, team_id, tid, sid, &input, complete).await {
        Ok(Some(_)) => Ok(see_other(&format!("{}?notice=notice-trajectory-evaluation-completed", base(team_id, tid)))),
        Ok(None) => Ok(see_other(&format!(
            "{}/evaluations/{sid}?notice=notice-trajectory-evaluation-saved",
            base(team_id, tid)
        ))),
        Err(e) => {
            let form = Some(form.absorb(&c, e, "results")?);
            evaluation_again(&s, &c, (team_id, tid, sid), EvaluationForms { form, ..EvaluationForms::default() }).await
        }
    }
}

pub async fn helped(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let action_id = form.value("action").parse::<i64>().map_err(|_| WebError::BadRequest)?;
    match s.k.answer_helped(a, team_id, tid, sid, action_id, form.value("helped")).await {
        Ok(()) => Ok(see_other(&format!(
            "{}/evaluations/{sid}?notice=notice-trajectory-helped-saved#action-{action_id}",
            base(team_id, tid)
        ))),
        Err(e) => {
            let helped = form.absorb(&c, e, "helped")?;
            evaluation_again(&s, &c, (team_id, tid, sid), EvaluationForms { helped, ..EvaluationForms::default() })
                .await
        }
    }
}

pub async fn evaluation_agreement(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, sid)): Path<(i64, i64, i64)>,
    Posted(p): Pairs,
) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    match s.k.add_agreement(a, team_id, tid, &action_input(&form)).await {
        Ok(_) => Ok(see_other(&format!(
            "{}/evaluations/{sid}?notice=notice-trajectory-agreement-added#agreements",
            base(team_id, tid)
        ))),
        Err(e) => {
            let agreement = form.absorb(&c, e, "title")?;
            evaluation_again(&s, &c, (team_id, tid, sid), EvaluationForms { agreement, ..EvaluationForms::default() })
                .await
        }
    }
}
