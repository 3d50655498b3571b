//! Filling in a questionnaire, one section at a time, saved on every step;
//! and the administrator's instruments: the list, uploading a new one or a
//! new version, a preview and a trial run.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::routing::{get, post};
use kartrekker::Error;
use kartrekker::questionnaires::{ANSWER_PREFIX, AnswerValue, CANNOT_JUDGE, Item, ItemKind, ResponseForm};
use serde::{Deserialize, Serialize};

use super::{Notice, notice, render, render_status, see_other};
use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{Form, Posted};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/questionnaires/{id}", get(fill).post(save))
        .route("/admin/instruments", get(instruments).post(upload))
        .route("/admin/instruments/{id}/try", post(try_out))
}

/// The answers' field names carry the item's id (`ANSWER_PREFIX`).
type Pairs = Posted<Vec<(String, String)>>;

/// One question as the page shows it.
pub struct ItemView {
    pub id: String,
    pub text: String,
    pub required: bool,
    pub open: bool,
    pub max_length: usize,
    /// (value, label, checked)
    pub choices: Vec<(i64, String, bool)>,
    pub text_value: String,
    pub error: Option<String>,
    /// Offered "cannot judge" (colleague feedback), and whether it is the answer.
    pub cannot_judge: Option<bool>,
}

pub struct SectionLink {
    pub number: usize,
    pub title: String,
    pub complete: bool,
}

#[derive(Template)]
#[template(path = "questionnaires/fill.html")]
struct Fill<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    id: i64,
    title: String,
    intro: Option<String>,
    section: usize,
    progress: String,
    sections: Vec<SectionLink>,
    section_title: String,
    section_intro: Option<String>,
    items: Vec<ItemView>,
    errors: Vec<(String, String)>,
    general_error: Option<String>,
    last: bool,
    submitted: bool,
    /// The colleague the feedback is about.
    about: Option<String>,
    closed: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct FillQuery {
    section: Option<usize>,
    notice: Option<String>,
}

/// One question with its current answer (`current`, as typed or stored)
/// and its problem, if any: the fill page and the pulse draw it alike.
pub fn item_view(
    c: &Ctx,
    item: &Item,
    current: String,
    problems: &[(String, &'static str)],
    cannot_judge: Option<bool>,
) -> ItemView {
    ItemView {
        id: item.id.clone(),
        text: item.text.get(c.lang).to_string(),
        required: item.required,
        open: matches!(item.kind, ItemKind::OpenText { .. }),
        max_length: match item.kind {
            ItemKind::OpenText { max_length } => max_length,
            _ => 0,
        },
        choices: item
            .kind
            .points()
            .into_iter()
            .map(|p| (p.value, p.label.get(c.lang).to_string(), p.value.to_string() == current))
            .collect(),
        error: problems.iter().find(|(i, _)| *i == item.id).map(|(_, k)| c.t(k).to_string()),
        cannot_judge,
        text_value: current,
    }
}

/// The answers shown: what was stored, with what was just posted on top,
/// so that a wrong answer stays as typed next to its message.
fn fill_page<'a>(
    c: &'a Ctx,
    form: &ResponseForm,
    section: usize,
    posted: &[(String, String)],
    problems: &[(String, &'static str)],
) -> Fill<'a> {
    let d = &form.instrument.definition;
    let section = section.min(d.sections.len().saturating_sub(1));
    let s = &d.sections[section];
    let posted_value =
        |item: &str| posted.iter().find(|(k, _)| k.strip_prefix(ANSWER_PREFIX) == Some(item)).map(|(_, v)| v.clone());
    let items = s
        .items
        .iter()
        .map(|item| {
            let stored = form.answers.get(&item.id);
            let current = posted_value(&item.id).unwrap_or_else(|| match stored {
                Some(AnswerValue::Number(n)) => n.to_string(),
                Some(AnswerValue::Text(t)) => t.clone(),
                None => String::new(),
            });
            let cannot_judge = (form.about.is_some() && item.kind.range().is_some()).then(|| current == CANNOT_JUDGE);
            item_view(c, item, current, problems, cannot_judge)
        })
        .collect::<Vec<_>>();
    let errors =
        items.iter().filter_map(|i| i.error.as_ref().map(|e| (i.id.clone(), format!("{}: {e}", i.text)))).collect();
    let sections = d
        .sections
        .iter()
        .enumerate()
        .map(|(n, s)| SectionLink {
            number: n + 1,
            title: s.title.get(c.lang).to_string(),
            complete: s.items.iter().all(|i| !i.required || form.answers.contains_key(&i.id)),
        })
        .collect();
    Fill {
        c,
        notice: None,
        id: form.response.id,
        title: d.title.get(c.lang).to_string(),
        intro: d.intro.as_ref().map(|t| t.get(c.lang).to_string()),
        section: section + 1,
        progress: crate::i18n::t_args(
            c.lang,
            "section-progress",
            &[("n", (section + 1).to_string()), ("total", d.sections.len().to_string())],
        ),
        sections,
        section_title: s.title.get(c.lang).to_string(),
        section_intro: s.intro.as_ref().map(|t| t.get(c.lang).to_string()),
        items,
        errors,
        general_error: None,
        last: section + 1 == d.sections.len(),
        submitted: form.response.submitted,
        about: form.about.clone(),
        closed: form.closed,
    }
}

pub async fn fill(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<FillQuery>) -> WebResult {
    let form = s.k.response_form(c.require()?, id).await?;
    let mut page = fill_page(&c, &form, q.section.unwrap_or(1).saturating_sub(1), &[], &[]);
    page.notice = notice(&c, q.notice.as_deref());
    Ok(render(&page))
}

/// Saves this section's answers, then goes where the pressed button says.
pub async fn save(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<FillQuery>, Posted(p): Pairs) -> WebResult {
    let a = c.require()?;
    let section = q.section.unwrap_or(1).max(1);
    let go = p.iter().find(|(k, _)| k == "go").map(|(_, v)| v.as_str()).unwrap_or("save");
    let submit = go == "submit";
    match s.k.save_response(a, id, &p, submit).await {
        Ok(problems) if problems.is_empty() => {
            let to = match go {
                "next" => format!("/questionnaires/{id}?section={}", section + 1),
                "prev" => format!("/questionnaires/{id}?section={}", section.saturating_sub(1).max(1)),
                "submit" => format!("/questionnaires/{id}?notice=notice-response-submitted"),
                _ => format!("/questionnaires/{id}?section={section}&notice=notice-answers-saved"),
            };
            Ok(see_other(&to))
        }
        Ok(problems) => {
            let form = s.k.response_form(a, id).await?;
            // A missing answer on another section: show the first section with a problem.
            let d = &form.instrument.definition;
            let at = problems
                .iter()
                .find_map(|(item, _)| d.sections.iter().position(|s| s.items.iter().any(|i| &i.id == item)))
                .unwrap_or(section - 1);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &fill_page(&c, &form, at, &p, &problems)))
        }
        Err(Error::Refused(key)) => {
            let form = s.k.response_form(a, id).await?;
            let mut page = fill_page(&c, &form, section - 1, &[], &[]);
            page.general_error = Some(c.t(key).to_string());
            Ok(render_status(StatusCode::CONFLICT, &page))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "questionnaires/instruments.html")]
struct Instruments<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    /// (id, title, slug, version, own)
    instruments: Vec<(i64, String, String, i64, bool)>,
    form: Form,
    /// (line, message)
    problems: Vec<(usize, String)>,
}

async fn instruments_page(
    s: &AppState,
    c: &Ctx,
    form: Form,
    problems: Vec<(usize, String)>,
    notice: Option<String>,
) -> WebResult {
    let a = c.require()?;
    if !a.is_org_admin() {
        return Err(WebError::Forbidden);
    }
    let instruments = s
        .k
        .instruments(a)
        .await?
        .into_iter()
        .map(|i| {
            (i.id, if c.lang_code() == "en" { i.title_en } else { i.title_nl }, i.slug, i.version, i.org_id.is_some())
        })
        .collect();
    let status = if problems.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_status(status, &Instruments { c, notice, instruments, form, problems }))
}

pub async fn instruments(s: AppState, c: Ctx, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    instruments_page(&s, &c, Form::new(), Vec::new(), n).await
}

/// An instrument's TOML source.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct UploadForm {
    source: String,
}

pub async fn upload(s: AppState, c: Ctx, Posted(f): Posted<UploadForm>) -> WebResult {
    let a = c.require()?;
    match s.k.upload_instrument(a, &f.source).await? {
        Ok(_) => Ok(see_other("/admin/instruments?notice=notice-instrument-published")),
        Err(errors) => {
            let problems = errors
                .iter()
                .map(|e| {
                    (
                        e.line,
                        if e.detail.is_empty() {
                            c.t(e.key).to_string()
                        } else {
                            format!("{} ({})", c.t(e.key), e.detail)
                        },
                    )
                })
                .collect();
            instruments_page(&s, &c, Form::of(&f), problems, None).await
        }
    }
}

/// Opens the administrator's own trial response to an instrument.
pub async fn try_out(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    let a = c.require()?;
    if !a.is_org_admin() {
        return Err(WebError::Forbidden);
    }
    let response = s.k.open_response(a, id, &format!("trial:{id}")).await?;
    Ok(see_other(&format!("/questionnaires/{response}")))
}
