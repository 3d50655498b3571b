//! Mistakes undone: a page to change an observation, intake answer, theme
//! or agreement, and a page that asks before deleting it (both work
//! without JavaScript). The step pages link to them through [`Undo`].

use askama::Template;
use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use kartrekker::actions::OriginKind;
use kartrekker::trajectories::{Changeable, Item, ItemInput, ItemPage};
use serde::{Deserialize, Serialize};

use super::{Tr, base};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::pages::render;
use crate::state::AppState;

/// The path of each kind of item under the trajectory; its id's name is
/// the one the step's other routes give it there.
const ITEMS: [(Item, &str); 4] = [
    (Item::Observation, "observations/{oid}"),
    (Item::Answer, "answers/{aid}"),
    (Item::Theme, "themes/{theme}"),
    (Item::Agreement, "agreements/{action}"),
];

fn segment(item: Item) -> &'static str {
    match item {
        Item::Observation => "observations",
        Item::Answer => "answers",
        Item::Theme => "themes",
        Item::Agreement => "agreements",
    }
}

pub fn routes() -> Router<AppState> {
    ITEMS.into_iter().fold(Router::new(), |r, (item, path)| {
        r.route(
            &format!("/teams/{{id}}/trajectory/{{tid}}/{path}/edit"),
            get(move |t: Tr, Path(ids): Path<(i64, i64, i64)>| edit_page(t, item, ids.2)).post(
                move |t: Tr, Path(ids): Path<(i64, i64, i64)>, Posted(f): Posted<ItemForm>| save(t, item, ids.2, f),
            ),
        )
        .route(
            &format!("/teams/{{id}}/trajectory/{{tid}}/{path}/delete"),
            get(move |t: Tr, Path(ids): Path<(i64, i64, i64)>| delete_page(t, item, ids.2))
                .post(move |t: Tr, Path(ids): Path<(i64, i64, i64)>| delete(t, item, ids.2)),
        )
    })
}

/// The links to change and delete on a step's page, for what the actor may change.
pub struct Undo {
    pub base: String,
    may: Changeable,
}

impl Undo {
    pub(super) async fn of(t: &Tr) -> Result<Undo, crate::error::WebError> {
        let may = t.s.k.changeable(t.c.require()?, t.team_id, t.tid).await?;
        Ok(Undo { base: base(t.team_id, t.tid), may })
    }
    /// `kind` is an [`Item`] code: "observation", "answer", "theme", "agreement".
    pub fn may(&self, kind: &str, id: &i64) -> bool {
        Item::from_code(kind).is_some_and(|item| self.may.may(item, *id))
    }
    /// "/teams/1/trajectory/2/observations/3".
    pub fn href(&self, kind: &str, id: &i64) -> String {
        let segment = Item::from_code(kind).map(segment).unwrap_or_default();
        format!("{}/{segment}/{id}", self.base)
    }
    /// The actor's own named intake answers, with their question's message key.
    pub fn own_answers(&self) -> Vec<(i64, String)> {
        self.may.own_answers.iter().map(|(id, q)| (*id, format!("trajectory-question-{}", q.code()))).collect()
    }
}

/// The page an item is shown on, to go back to.
fn back(t: &Tr, p: &ItemPage) -> String {
    let id = p.id;
    match p.item {
        Item::Observation => t.to(&format!("/observations#observation-{id}")),
        Item::Answer => t.to(&format!("/intake#answer-{id}")),
        Item::Theme => t.to("/intake#themes-h"),
        Item::Agreement if p.agreed_in == Some(OriginKind::MirrorSession) => t.to("/mirror#agreements"),
        Item::Agreement => t.to(&format!("/evaluation#action-{id}")),
    }
}

#[derive(Template)]
#[template(path = "trajectories/item_edit.html")]
struct EditTpl<'a> {
    c: &'a Ctx,
    team: String,
    kind: &'static str,
    title: String,
    /// The main field's label.
    label: String,
    delete_label: String,
    locked: Option<String>,
    action: String,
    delete: String,
    back: String,
    /// The agreement's page in the register.
    register: Option<String>,
    /// An observation's categories to choose from.
    categories: Vec<(String, String)>,
    form: Form,
}

#[derive(Template)]
#[template(path = "trajectories/item_delete.html")]
struct DeleteTpl<'a> {
    c: &'a Ctx,
    team: String,
    title: String,
    explain: String,
    locked: Option<String>,
    action: String,
    back: String,
    text: String,
    goal: String,
    form: Form,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ItemForm {
    text: String,
    title: String,
    goal: String,
    /// An observation's.
    date: String,
    category: String,
}

async fn page(t: &Tr, item: Item, id: i64) -> Result<ItemPage, crate::error::WebError> {
    Ok(t.s.k.item_page(t.c.require()?, t.team_id, t.tid, item, id).await?)
}

fn href(t: &Tr, item: Item, id: i64, action: &str) -> String {
    t.to(&format!("/{}/{id}/{action}", segment(item)))
}

async fn show_edit(t: &Tr, item: Item, id: i64, form: Option<Form>) -> WebResult {
    let p = page(t, item, id).await?;
    let form = form.unwrap_or_else(|| match item {
        Item::Observation => {
            let (date, category) = p.observed.map(|(d, k)| (d.to_string(), k.code())).unwrap_or_default();
            Form::new().with("text", p.text.clone()).with("date", date).with("category", category.to_string())
        }
        Item::Answer => Form::new().with("text", p.text.clone()),
        Item::Theme | Item::Agreement => Form::new().with("title", p.text.clone()).with("goal", p.goal.clone()),
    });
    let c = &t.c;
    let code = item.code();
    Ok(render(&EditTpl {
        c,
        team: p.team.name.clone(),
        kind: code,
        title: c.t(&format!("trajectory-edit-{code}")).to_string(),
        label: c.t(&format!("trajectory-edit-{code}-label")).to_string(),
        delete_label: c.t(&format!("trajectory-delete-{code}")).to_string(),
        locked: p.locked.map(|k| c.t(k).to_string()),
        action: href(t, item, id, "edit"),
        delete: href(t, item, id, "delete"),
        back: back(t, &p),
        register: (item == Item::Agreement).then(|| format!("/actions/{id}")),
        categories: if item == Item::Observation { super::observations::categories(c) } else { Vec::new() },
        form,
    }))
}

async fn edit_page(t: Tr, item: Item, id: i64) -> WebResult {
    show_edit(&t, item, id, None).await
}

async fn save(t: Tr, item: Item, id: i64, f: ItemForm) -> WebResult {
    let p = page(&t, item, id).await?;
    let input = ItemInput { text: &f.text, date: &f.date, category: &f.category, title: &f.title, goal: &f.goal };
    let result = t.s.k.edit_item(t.c.require()?, t.team_id, t.tid, item, id, &input).await;
    let general = if matches!(item, Item::Observation | Item::Answer) { "text" } else { "title" };
    let ok = |()| with_notice(&back(&t, &p), "notice-trajectory-item-saved");
    submit(&t.c, &f, general, result, ok, async |form| show_edit(&t, item, id, Some(form)).await).await
}

/// Puts `?notice=` before the `#fragment` of a page's address.
fn with_notice(to: &str, notice: &str) -> String {
    match to.split_once('#') {
        Some((path, fragment)) => format!("{path}?notice={notice}#{fragment}"),
        None => format!("{to}?notice={notice}"),
    }
}

async fn show_delete(t: &Tr, item: Item, id: i64, form: Form) -> WebResult {
    let p = page(t, item, id).await?;
    let c = &t.c;
    let code = item.code();
    Ok(render(&DeleteTpl {
        c,
        team: p.team.name.clone(),
        title: c.t(&format!("trajectory-delete-{code}-title")).to_string(),
        explain: c.t(&format!("trajectory-delete-{code}-explain")).to_string(),
        locked: p.locked.map(|k| c.t(k).to_string()),
        action: href(t, item, id, "delete"),
        back: back(t, &p),
        text: p.text.clone(),
        goal: p.goal.clone(),
        form,
    }))
}

async fn delete_page(t: Tr, item: Item, id: i64) -> WebResult {
    show_delete(&t, item, id, Form::new()).await
}

async fn delete(t: Tr, item: Item, id: i64) -> WebResult {
    let p = page(&t, item, id).await?;
    let result = t.s.k.delete_item(t.c.require()?, t.team_id, t.tid, item, id).await;
    // Back to the list: the item itself is gone.
    let to = back(&t, &p);
    let list = to.split('#').next().unwrap_or_default().to_string();
    let ok = |()| with_notice(&list, "notice-trajectory-item-deleted");
    submit(&t.c, &(), "delete", result, ok, async |form| show_delete(&t, item, id, form).await).await
}
