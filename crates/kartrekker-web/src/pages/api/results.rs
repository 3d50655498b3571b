//! Group figures of the pulse and of reflection cycles, by the services the
//! pages use, so with the same minimum group (organisations/anonymity.rs):
//! a group below it gives no figure at all, only `"suppressed":
//! "below_minimum_group"`; nobody's own answers, and no open answers.

use axum::Extension;
use axum::http::StatusCode;
use kartrekker::api::{ApiCaller, Scope};
use serde_json::{Value, json};

use super::{ApiResult, Ids, json_ok};
use crate::state::AppState;

/// Why a figure is not there.
const BELOW_MINIMUM: &str = "below_minimum_group";

pub(super) async fn pulse_rounds(s: AppState, Extension(caller): Extension<ApiCaller>, ids: Ids) -> ApiResult {
    let p = s.k.team_pulse(caller.with(Scope::PulseRead)?, ids.first()).await?;
    let rounds: Vec<Value> = p
        .rounds
        .iter()
        .map(|r| {
            let means: Vec<Value> = p
                .columns
                .iter()
                .zip(&r.means)
                .map(|((item, _), m)| json!({ "item": item, "mean": m.map(|t| t as f64 / 10.0) }))
                .collect();
            json!({
                "id": r.round.id,
                "opens_on": r.round.opens_on.to_string(),
                "closes_on": r.round.closes_on.to_string(),
                "suppressed": (!r.shown).then_some(BELOW_MINIMUM),
                "respondents": r.shown.then_some(r.round.respondents),
                "too_high": r.too_high.map(|sh| json!({ "count": sh.count, "of": sh.of, "percent": sh.percent() })),
                "means": if r.shown { means } else { Vec::new() },
            })
        })
        .collect();
    json_ok(StatusCode::OK, json!({ "team_id": p.team.id, "minimum_group": p.needed, "items": rounds }))
}

pub(super) async fn reflection_cycles(s: AppState, Extension(caller): Extension<ApiCaller>, ids: Ids) -> ApiResult {
    let (team, cycles, _, _) = s.k.reflection_cycles(caller.with(Scope::ReflectionRead)?, ids.first()).await?;
    let items: Vec<Value> = cycles
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "title": c.title,
                "self_evaluation_on": c.schedule.self_evaluation.to_string(),
                "preparation_on": c.schedule.preparation.to_string(),
                "conversation_on": c.schedule.conversation.to_string(),
                "action_plan_on": c.schedule.action_plan.to_string(),
                "feedback_closed": c.feedback_closed_at.is_some(),
            })
        })
        .collect();
    json_ok(StatusCode::OK, json!({ "team_id": team.id, "items": items }))
}

pub(super) async fn reflection_group(s: AppState, Extension(caller): Extension<ApiCaller>, ids: Ids) -> ApiResult {
    let (cycle, _, g) = s.k.reflection_group(caller.with(Scope::ReflectionRead)?, ids.first()).await?;
    // As the page: nothing of the group, not even its size, below the minimum.
    let shown = !g.sections.is_empty();
    let sections: Vec<Value> =
        g.sections.iter().map(|x| json!({ "id": x.id, "mean": x.mean, "spread": x.spread })).collect();
    json_ok(
        StatusCode::OK,
        json!({
            "cycle_id": cycle.id,
            "title": cycle.title,
            "minimum_group": g.needed,
            "suppressed": (!shown).then_some(BELOW_MINIMUM),
            "respondents": shown.then_some(g.respondents),
            "sections": sections,
        }),
    )
}
