//! A participant's own results and the team's group results.

use askama::Template;
use axum::extract::Path;
use kartrekker::Error;

use super::cycle::refused;
use crate::charts::{Series, radar};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::pages::render;
use crate::state::AppState;

fn score(v: Option<f64>) -> String {
    let Some(v) = v else { return "–".into() };
    let mut s = String::with_capacity(4);
    crate::charts::push_tenths(&mut s, v, ',');
    s
}

#[derive(Template)]
#[template(path = "reflection/results.html")]
struct Results<'a> {
    c: &'a Ctx,
    id: i64,
    chart: String,
    /// (label, self, colleagues)
    sections: Vec<(String, String, String)>,
    /// (label, self, colleagues, colleagues who could not judge)
    items: Vec<(String, String, String, usize)>,
    shown: bool,
    raters: usize,
    min_raters: usize,
    /// (question, answers)
    open: Vec<(String, Vec<String>)>,
}

pub async fn results(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let a = c.require()?;
    let (own, colleague, r) = match s.k.my_reflection_results(a, id).await {
        Ok(x) => x,
        Err(Error::Refused(key)) => return refused(&s, &c, id, "results", key).await,
        Err(e) => return Err(e.into()),
    };
    let d = &own.definition;
    let title_of = |sid: &str| {
        d.sections.iter().find(|x| x.id == sid).map(|x| x.title.get(c.lang).to_string()).unwrap_or_default()
    };
    let labels: Vec<String> = r.sections.iter().map(|x| title_of(&x.id)).collect();
    let me = c.t("results-self");
    let them = c.t("results-colleagues");
    let chart = radar(
        c.t("results-chart-title"),
        c.t("results-chart-description"),
        &labels,
        &[
            Series { name: me, values: r.sections.iter().map(|x| x.self_score).collect(), class: "self" },
            Series { name: them, values: r.sections.iter().map(|x| x.colleagues).collect(), class: "colleagues" },
        ],
        1.0,
        5.0,
    );
    let sections = r.sections.iter().map(|x| (title_of(&x.id), score(x.self_score), score(x.colleagues))).collect();
    let items = r
        .items
        .iter()
        .map(|x| {
            (
                d.item(&x.id).map(|i| i.text.get(c.lang).to_string()).unwrap_or_default(),
                score(x.self_score),
                score(x.colleagues),
                x.cannot_judge,
            )
        })
        .collect();
    let open = r
        .open
        .iter()
        .map(|(id, texts)| {
            (colleague.definition.item(id).map(|i| i.text.get(c.lang).to_string()).unwrap_or_default(), texts.clone())
        })
        .collect();
    Ok(render(&Results {
        c: &c,
        id,
        chart,
        sections,
        items,
        shown: r.shown,
        raters: r.raters,
        min_raters: r.needed,
        open,
    }))
}

#[derive(Template)]
#[template(path = "reflection/group.html")]
struct Group<'a> {
    c: &'a Ctx,
    id: i64,
    title: String,
    respondents: usize,
    min_raters: i64,
    /// (section, mean, spread)
    sections: Vec<(String, String, String)>,
    chart: String,
}

pub async fn group(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let a = c.require()?;
    let (cycle, own, g) = match s.k.reflection_group(a, id).await {
        Ok(x) => x,
        Err(Error::Refused(key)) => return refused(&s, &c, id, "results", key).await,
        Err(e) => return Err(e.into()),
    };
    let title_of = |sid: &str| {
        own.definition
            .sections
            .iter()
            .find(|x| x.id == sid)
            .map(|x| x.title.get(c.lang).to_string())
            .unwrap_or_default()
    };
    let labels: Vec<String> = g.sections.iter().map(|x| title_of(&x.id)).collect();
    let avg = c.t("group-mean");
    let chart = if g.sections.is_empty() {
        String::new()
    } else {
        radar(
            c.t("group-chart-title"),
            c.t("group-chart-description"),
            &labels,
            &[Series { name: avg, values: g.sections.iter().map(|x| Some(x.mean)).collect(), class: "self" }],
            1.0,
            5.0,
        )
    };
    let sections = g.sections.iter().map(|x| (title_of(&x.id), score(Some(x.mean)), score(x.spread))).collect();
    Ok(render(&Group {
        c: &c,
        id,
        title: cycle.title,
        respondents: g.respondents,
        min_raters: g.needed,
        sections,
        chart,
    }))
}
