//! The trainer's observations, by category, grouped under themes.

use askama::Template;
use axum::extract::{Path, Query, State};
use kartrekker::trajectories::{Observation, ObservationCategory, ObservationInput, ObservationsPage, Phase, Theme};
use serde::{Deserialize, Serialize};

use super::intake::theme_title;
use super::{Nav, ThemeForm, base, day, phase_label, theme_options};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::pages::{Notice, notice, render};
use crate::state::AppState;

pub struct ObservationRow {
    pub id: i64,
    pub date: String,
    pub text: String,
    pub theme: String,
    pub theme_title: String,
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
    notice: Option<String>,
    nav: Option<Nav>,
    team: String,
    base: String,
    phase: String,
    can_add: bool,
    can_group: bool,
    form: Form,
    theme: Form,
    grouping: Form,
    categories: Vec<(String, String)>,
    themes: Vec<(String, String)>,
    groups: Vec<ObservationGroup>,
    count: usize,
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
) -> ObservationsTpl<'a> {
    let t = &p.trajectory;
    let mut categories = vec![(String::new(), c.t("choose").to_string())];
    categories.extend(
        ObservationCategory::ALL
            .iter()
            .map(|k| (k.code().to_string(), c.t(&format!("trajectory-category-{}", k.code())).to_string())),
    );
    ObservationsTpl {
        c,
        notice,
        nav: Nav::new(t, &p.rights, "observations"),
        team: p.team.name.clone(),
        base: base(t.team_id, t.id),
        phase: phase_label(c, t.phase),
        can_add: p.rights.trainer && t.phase == Phase::Observation,
        can_group: p.rights.trainer && matches!(t.phase, Phase::Observation | Phase::MirrorSession),
        form: forms.form.unwrap_or_else(|| Form::new().with("date", p.today.to_string())),
        theme: forms.theme,
        grouping: forms.grouping,
        categories,
        themes: theme_options(c, &p.themes),
        groups: observation_groups(c, &p.observations, &p.themes),
        count: p.observations.len(),
    }
}

pub(super) async fn observations_again(
    s: &AppState,
    c: &Ctx,
    team_id: i64,
    tid: i64,
    forms: ObservationForms,
) -> WebResult {
    let page = s.k.observations_page(c.require()?, team_id, tid).await?;
    Ok(render(&observations_tpl(c, page, None, forms)))
}

pub async fn observations(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Query(q): Query<Notice>,
) -> WebResult {
    let page = s.k.observations_page(c.require()?, team_id, tid).await?;
    Ok(render(&observations_tpl(&c, page, notice(&c, q.notice.as_deref()), ObservationForms::default())))
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ObservationForm {
    date: String,
    category: String,
    text: String,
    theme: String,
}

pub async fn add_observation(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid)): Path<(i64, i64)>,
    Posted(f): Posted<ObservationForm>,
) -> WebResult {
    let input = ObservationInput { date: &f.date, category: &f.category, text: &f.text, theme: &f.theme };
    let result = s.k.add_observation(c.require()?, team_id, tid, &input).await;
    let ok = |_| format!("{}/observations?notice=notice-trajectory-observation-added", base(team_id, tid));
    submit(&c, &f, "text", result, ok, async |form| {
        observations_again(&s, &c, team_id, tid, ObservationForms { form: Some(form), ..ObservationForms::default() })
            .await
    })
    .await
}

pub async fn observation_theme(
    State(s): State<AppState>,
    c: Ctx,
    Path((team_id, tid, oid)): Path<(i64, i64, i64)>,
    Posted(f): Posted<ThemeForm>,
) -> WebResult {
    let result = s.k.set_observation_theme(c.require()?, team_id, tid, oid, &f.theme).await;
    let ok = |()| format!("{}/observations?notice=notice-trajectory-grouped#observation-{oid}", base(team_id, tid));
    submit(&c, &f, "theme", result, ok, async |grouping| {
        observations_again(&s, &c, team_id, tid, ObservationForms { grouping, ..ObservationForms::default() }).await
    })
    .await
}
