//! The mirror session: a theme per slide with its answers, observations
//! and reflection, the agreements made, and the page for the projector.

use askama::Template;
use axum::extract::{Path, Query};
use kartrekker::trajectories::{Answer, MirrorPage, Observation, Phase};
use serde::{Deserialize, Serialize};

use super::intake::answer_rows;
use super::undo::Undo;
use super::{
    ActionRow, AgreementForm, Nav, SessionSummary, StepHead, Tr, action_row, add_agreement, base, day, member_options,
};
use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{Form, Posted, submit};
use crate::pages::{Notice, render};

pub struct SlideView {
    pub id: i64,
    pub title: String,
    /// (question, answer)
    pub answers: Vec<(String, String)>,
    /// (date, category, text)
    pub observations: Vec<(String, String, String)>,
    pub reflection: String,
}

fn answer_pairs(c: &Ctx, answers: &[Answer]) -> Vec<(String, String)> {
    answer_rows(c, answers, &[]).into_iter().map(|a| (a.question, a.text)).collect()
}

fn observation_triples(c: &Ctx, observations: &[Observation]) -> Vec<(String, String, String)> {
    observations
        .iter()
        .map(|o| {
            (
                day(Some(o.observed_on)),
                c.t(&format!("trajectory-category-{}", o.category.code())).to_string(),
                o.text.clone(),
            )
        })
        .collect()
}

fn slides(c: &Ctx, p: &MirrorPage) -> Vec<SlideView> {
    p.slides
        .iter()
        .map(|s| SlideView {
            id: s.theme.id,
            title: s.theme.title.clone(),
            answers: answer_pairs(c, &s.answers),
            observations: observation_triples(c, &s.observations),
            reflection: s.theme.reflection.clone(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "trajectories/mirror.html")]
struct MirrorTpl<'a> {
    c: &'a Ctx,
    head: StepHead,
    nav: Option<Nav>,
    in_session: bool,
    lead: bool,
    member: bool,
    session: SessionSummary,
    slides: Vec<SlideView>,
    other_answers: Vec<(String, String)>,
    other_observations: Vec<(String, String, String)>,
    /// Too few answered the intake for its answers to show: the minimum.
    answers_hidden: Option<i64>,
    agreements: Vec<ActionRow>,
    agreement: Form,
    members: Vec<(String, String)>,
    /// The theme whose reflection failed, with its form.
    reflection: Option<(i64, Form)>,
    undo: Undo,
}

impl MirrorTpl<'_> {
    /// The reflection as typed after an error, or as stored.
    pub fn reflection_of(&self, slide: &SlideView) -> String {
        match &self.reflection {
            Some((id, f)) if *id == slide.id => f.value("reflection").to_string(),
            _ => slide.reflection.clone(),
        }
    }
    pub fn reflection_error(&self, slide: &SlideView) -> Option<String> {
        match &self.reflection {
            Some((id, f)) if *id == slide.id => f.errors.first().map(|(_, m)| m.clone()),
            _ => None,
        }
    }
}

fn mirror_tpl<'a>(
    c: &'a Ctx,
    p: MirrorPage,
    notice: Option<String>,
    agreement: Option<Form>,
    reflection: Option<(i64, Form)>,
    undo: Undo,
) -> MirrorTpl<'a> {
    let t = &p.trajectory;
    MirrorTpl {
        c,
        head: StepHead::new(c, t, &p.team, notice),
        nav: Nav::new(t, &p.rights, "mirror"),
        in_session: t.phase == Phase::MirrorSession,
        lead: p.rights.lead,
        member: p.rights.member,
        session: SessionSummary::new(c, &p.session),
        slides: slides(c, &p),
        other_answers: answer_pairs(c, &p.other_answers),
        other_observations: observation_triples(c, &p.other_observations),
        answers_hidden: (!p.intake.shown()).then_some(p.intake.needed),
        agreements: p.agreements.iter().map(|a| action_row(c, a, p.today)).collect(),
        agreement: agreement.unwrap_or_default(),
        members: member_options(c, &p.members),
        reflection,
        undo,
    }
}

pub async fn mirror(t: Tr, Query(q): Query<Notice>) -> WebResult {
    show(&t, t.notice(&q), None, None).await
}

/// The page, with the notice of a redirect or one of its forms as typed.
async fn show(t: &Tr, notice: Option<String>, agreement: Option<Form>, reflection: Option<(i64, Form)>) -> WebResult {
    let page = t.s.k.mirror_page(t.c.require()?, t.team_id, t.tid).await?;
    Ok(render(&mirror_tpl(&t.c, page, notice, agreement, reflection, Undo::of(t).await?)))
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ReflectionForm {
    reflection: String,
}

pub async fn reflection(t: Tr, Path(ids): Path<(i64, i64, i64)>, Posted(f): Posted<ReflectionForm>) -> WebResult {
    let theme_id = ids.2;
    let result = t.s.k.save_reflection(t.c.require()?, t.team_id, t.tid, theme_id, &f.reflection).await;
    let ok = |()| t.to(&format!("/mirror?notice=notice-trajectory-reflection-saved#theme-{theme_id}"));
    let again = async |form| show(&t, None, None, Some((theme_id, form))).await;
    submit(&t.c, &f, "reflection", result, ok, again).await
}

pub async fn mirror_agreement(t: Tr, Posted(f): Posted<AgreementForm>) -> WebResult {
    add_agreement(&t, &f, "/mirror", async |form| show(&t, None, Some(form), None).await).await
}

/// One slide of the projector page.
pub struct Slide {
    /// "title", "theme", "other" or "agreements".
    pub kind: &'static str,
    pub title: String,
    pub answers: Vec<(String, String)>,
    pub observations: Vec<(String, String, String)>,
    pub reflection: String,
    pub agreements: Vec<ActionRow>,
}

#[derive(Template)]
#[template(path = "trajectories/present.html")]
struct PresentTpl<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    team: String,
    base: String,
    date: String,
    index: usize,
    number: usize,
    total: usize,
    prev: Option<usize>,
    next: Option<usize>,
    slide: Slide,
    /// On the last slide, while the mirror session runs: a new agreement.
    agreement: Option<Form>,
    members: Vec<(String, String)>,
}

/// The mirror session for the projector: one theme at a time, large.
pub async fn present(t: Tr, Path(ids): Path<(i64, i64, usize)>, Query(q): Query<Notice>) -> WebResult {
    present_slide(&t, ids.2, t.notice(&q), None).await
}

/// Slide `n`, with a notice or the agreement form as typed.
async fn present_slide(t: &Tr, n: usize, notice: Option<String>, agreement: Option<Form>) -> WebResult {
    let c = &t.c;
    let p = t.s.k.mirror_page(c.require()?, t.team_id, t.tid).await?;
    let mut deck = vec![Slide {
        kind: "title",
        title: c.t("trajectory-present-title").to_string(),
        answers: Vec::new(),
        observations: Vec::new(),
        reflection: String::new(),
        agreements: Vec::new(),
    }];
    for sv in slides(c, &p) {
        deck.push(Slide {
            kind: "theme",
            title: sv.title,
            answers: sv.answers,
            observations: sv.observations,
            reflection: sv.reflection,
            agreements: Vec::new(),
        });
    }
    if !p.other_answers.is_empty() || !p.other_observations.is_empty() {
        deck.push(Slide {
            kind: "other",
            title: c.t("trajectory-other").to_string(),
            answers: answer_pairs(c, &p.other_answers),
            observations: observation_triples(c, &p.other_observations),
            reflection: String::new(),
            agreements: Vec::new(),
        });
    }
    deck.push(Slide {
        kind: "agreements",
        title: c.t("trajectory-agreements").to_string(),
        answers: Vec::new(),
        observations: Vec::new(),
        reflection: String::new(),
        agreements: p.agreements.iter().map(|a| action_row(c, a, p.today)).collect(),
    });
    let total = deck.len();
    if n >= total {
        return Err(WebError::NotFound);
    }
    let tr = &p.trajectory;
    let last = n + 1 == total;
    let can_agree = last && p.rights.member && tr.phase == Phase::MirrorSession;
    Ok(render(&PresentTpl {
        c,
        notice,
        team: p.team.name.clone(),
        base: base(tr.team_id, tr.id),
        date: day(p.session.date),
        index: n,
        number: n + 1,
        total,
        prev: n.checked_sub(1),
        next: (n + 1 < total).then_some(n + 1),
        slide: deck.swap_remove(n),
        agreement: (can_agree || agreement.is_some()).then(|| agreement.unwrap_or_default()),
        members: member_options(c, &p.members),
    }))
}

/// An agreement made on the projector's last slide; back to that slide.
pub async fn present_agreement(
    t: Tr,
    Path(ids): Path<(i64, i64, usize)>,
    Posted(f): Posted<AgreementForm>,
) -> WebResult {
    let n = ids.2;
    add_agreement(&t, &f, &format!("/mirror/present/{n}"), async |form| present_slide(&t, n, None, Some(form)).await)
        .await
}
