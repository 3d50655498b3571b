//! The trainer's observations, by category, grouped under themes.

use askama::Template;
use axum::extract::{Path, Query};
use kartrekker::trajectories::{Observation, ObservationCategory, ObservationInput, ObservationsPage, Phase, Theme};
use serde::{Deserialize, Serialize};

use super::intake::theme_title;
use super::undo::Undo;
use super::{Nav, StepHead, ThemeForm, Tr, day, theme_options};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::pages::{Notice, render};

pub struct ObservationRow {
    pub id: i64,
    pub date: String,
    pub text: String,
    pub theme: String,
    pub theme_title: String,
}

/// The choices of an observation's category, "choose" first.
pub fn categories(c: &Ctx) -> Vec<(String, String)> {
    let mut categories = vec![(String::new(), c.t("choose").to_string())];
    categories.extend(
        ObservationCategory::ALL
            .iter()
            .map(|k| (k.code().to_string(), c.t(&format!("trajectory-category-{}", k.code())).to_string())),
    );
    categories
}

/// Observations under each category.
pub struct ObservationGroup {
    pub label: String,
    pub rows: Vec<ObservationRow>,
}

fn observation_groups(c: &Ctx, observations: &[Observation], themes: &[Theme]) -> Vec<ObservationGroup> {
    ObservationCategory::ALL
        .iter()
        .map(|cat| ObservationGroup {
            label: c.t(&format!("trajectory-category-{}", cat.code())).to_string(),
            rows: observations
                .iter()
                .filter(|o| o.category == *cat)
                .map(|o| ObservationRow {
                    id: o.id,
                    date: day(Some(o.observed_on)),
                    text: o.text.clone(),
                    theme: o.theme_id.map(|t| t.to_string()).unwrap_or_default(),
                    theme_title: theme_title(themes, o.theme_id),
                })
                .collect(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "trajectories/observations.html")]
struct ObservationsTpl<'a> {
    c: &'a Ctx,
    head: StepHead,
    nav: Option<Nav>,
    can_add: bool,
    can_group: bool,
    form: Form,
    theme: Form,
    grouping: Form,
    categories: Vec<(String, String)>,
    themes: Vec<(String, String)>,
    groups: Vec<ObservationGroup>,
    count: usize,
    undo: Undo,
}

#[derive(Default)]
pub(super) struct ObservationForms {
    pub(super) form: Option<Form>,
    pub(super) theme: Form,
    pub(super) grouping: Form,
}

fn observations_tpl<'a>(
    c: &'a Ctx,
    p: ObservationsPage,
    notice: Option<String>,
    forms: ObservationForms,
    undo: Undo,
) -> ObservationsTpl<'a> {
    let t = &p.trajectory;
    let categories = categories(c);
    ObservationsTpl {
        c,
        head: StepHead::new(c, t, &p.team, notice),
        nav: Nav::new(t, &p.rights, "observations"),
        can_add: p.rights.trainer && t.phase == Phase::Observation,
        can_group: p.rights.trainer && matches!(t.phase, Phase::Observation | Phase::MirrorSession),
        form: forms.form.unwrap_or_else(|| Form::new().with("date", p.today.to_string())),
        theme: forms.theme,
        grouping: forms.grouping,
        categories,
        themes: theme_options(c, &p.themes),
        groups: observation_groups(c, &p.observations, &p.themes),
        count: p.observations.len(),
        undo,
    }
}

/// The page, with the notice of a redirect or one of its forms as typed.
pub(super) async fn show(t: &Tr, notice: Option<String>, forms: ObservationForms) -> WebResult {
    let page = t.s.k.observations_page(t.c.require()?, t.team_id, t.tid).await?;
    Ok(render(&observations_tpl(&t.c, page, notice, forms, Undo::of(t).await?)))
}

pub async fn observations(t: Tr, Query(q): Query<Notice>) -> WebResult {
    show(&t, t.notice(&q), ObservationForms::default()).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ObservationForm {
    date: String,
    category: String,
    text: String,
    theme: String,
}

pub async fn add_observation(t: Tr, Posted(f): Posted<ObservationForm>) -> WebResult {
    let input = ObservationInput { date: &f.date, category: &f.category, text: &f.text, theme: &f.theme };
    let result = t.s.k.add_observation(t.c.require()?, t.team_id, t.tid, &input).await;
    let ok = |_| t.to("/observations?notice=notice-trajectory-observation-added");
    let again = async |form| show(&t, None, ObservationForms { form: Some(form), ..ObservationForms::default() }).await;
    submit(&t.c, &f, "text", result, ok, again).await
}

pub async fn observation_theme(t: Tr, Path(ids): Path<(i64, i64, i64)>, Posted(f): Posted<ThemeForm>) -> WebResult {
    let oid = ids.2;
    let result = t.s.k.set_observation_theme(t.c.require()?, t.team_id, t.tid, oid, &f.theme).await;
    let ok = |()| t.to(&format!("/observations?notice=notice-trajectory-grouped#observation-{oid}"));
    let again = async |grouping| show(&t, None, ObservationForms { grouping, ..ObservationForms::default() }).await;
    submit(&t.c, &f, "theme", result, ok, again).await
}
