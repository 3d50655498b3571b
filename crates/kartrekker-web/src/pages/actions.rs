//! The action register: a team's board, one action with its updates and
//! history, my actions, overdue actions and the CSV export.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::routing::{get, post};
use kartrekker::actions::{
    Access, Action, ActionCard, ActionFilter, ActionInput, ActionPage, BOARD_FINISHED_DAYS, Origin, OriginKind, Status,
    TeamActions,
};
use kartrekker::dates::Date;
use kartrekker::organisations::Member;
use serde::{Deserialize, Serialize};

use super::{Notice, notice, render, see_other, table_download};
use crate::context::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;
use kartrekker::spreadsheet::FileType;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/teams/{id}/actions", get(board).post(create))
        .route("/teams/{id}/actions/new", get(new_action))
        .route("/teams/{id}/actions.csv", get(async |s, c, id| export(s, c, id, FileType::Csv).await))
        .route("/teams/{id}/actions.xlsx", get(async |s, c, id| export(s, c, id, FileType::Xlsx).await))
        .route("/actions/overdue", get(overdue))
        .route("/actions/{id}", get(detail).post(edit))
        .route("/actions/move", post(move_card))
        .route("/actions/{id}/updates", post(add_update))
}

/// Forms whose field names carry an id (`status-{card}`), or that the service reads whole.
type Pairs = Posted<Vec<(String, String)>>;

/// One action as a card or row shows it.
pub struct Card {
    pub a: ActionCard,
    pub overdue: bool,
    pub status: &'static str,
    pub origin: &'static str,
    pub due: String,
}

/// The words for every status and origin, looked up once per page rather
/// than once per card.
pub struct CardWords {
    status: [&'static str; Status::ALL.len()],
    origin: [&'static str; OriginKind::ALL.len()],
}

impl CardWords {
    pub fn new(c: &Ctx) -> CardWords {
        CardWords {
            status: Status::ALL.map(|s| c.t(&format!("status-{}", s.code()))),
            origin: OriginKind::ALL.map(|o| c.t(&format!("origin-{}", o.code()))),
        }
    }
    pub fn status(&self, s: Status) -> &'static str {
        self.status[Status::ALL.iter().position(|x| *x == s).expect("ALL holds every status")]
    }
    pub fn origin(&self, o: OriginKind) -> &'static str {
        self.origin[OriginKind::ALL.iter().position(|x| *x == o).expect("ALL holds every origin")]
    }
}

impl Card {
    pub fn new(words: &CardWords, a: ActionCard, today: Date) -> Card {
        Card {
            overdue: a.is_overdue(today),
            status: words.status(a.status),
            origin: words.origin(a.origin),
            due: a.due_date.map(|d| d.dutch()).unwrap_or_default(),
            a,
        }
    }
}

fn options(c: &Ctx, blank: &str, items: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), c.t(blank).to_string())];
    out.extend(items);
    out
}

fn status_options(c: &Ctx) -> Vec<(String, String)> {
    Status::ALL.iter().map(|s| (s.code().to_string(), c.t(&format!("status-{}", s.code())).to_string())).collect()
}

fn member_options(c: &Ctx, members: &[Member]) -> Vec<(String, String)> {
    options(c, "choose", members.iter().map(|m| (m.person_id.to_string(), m.name.clone())))
}

#[derive(serde::Deserialize, Default)]
pub struct BoardQuery {
    status: Option<String>,
    origin: Option<String>,
    kartrekker: Option<String>,
    notice: Option<String>,
    /// The card just moved: it takes the focus.
    moved: Option<String>,
}

/// A column of the board.
pub struct Column {
    pub code: &'static str,
    pub title: &'static str,
    pub cards: Vec<Card>,
    /// Older done or dropped actions not shown; the link filters on the status.
    pub older: i64,
    /// The `<option>`s of the status select on each of this column's cards.
    pub move_options: String,
}

/// A card's choice of status, rendered once per column: every card in a
/// column offers the same options with the same one selected.
#[derive(Template)]
#[template(path = "actions/move_options.html")]
struct MoveOptions<'a> {
    moves: &'a [(String, String)],
    selected: &'a str,
}

#[derive(Template)]
#[template(path = "actions/board.html")]
struct Board<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    moved: Option<i64>,
    team_id: i64,
    team: String,
    can_edit: bool,
    reflection: bool,
    columns: Vec<Column>,
    filter: Form,
    statuses: Vec<(String, String)>,
    origins: Vec<(String, String)>,
    kartrekkers: Vec<(String, String)>,
    filtered: bool,
    recent_only: bool,
    finished_days: i64,
    total: usize,
}

pub async fn board(s: AppState, c: Ctx, Path(team_id): Path<i64>, Query(q): Query<BoardQuery>) -> WebResult {
    let a = c.require()?;
    let filter = ActionFilter {
        status: q.status.as_deref().and_then(Status::from_code),
        origin: q.origin.as_deref().and_then(OriginKind::from_code),
        kartrekker: q.kartrekker.as_deref().and_then(|k| k.parse().ok()),
        finished_since: None,
    };
    let TeamActions { team, access, actions, members, today, older, reflection } =
        s.k.team_actions(a, team_id, &filter).await?;
    let total = actions.len();
    let can_edit = access == Access::Edit;
    let moves = status_options(&c);
    let words = CardWords::new(&c);
    let mut columns: Vec<Column> = Vec::new();
    for st in Status::ALL.iter().filter(|st| filter.status.is_none_or(|f| f == **st)) {
        let move_options = if can_edit {
            MoveOptions { moves: &moves, selected: st.code() }
                .render()
                .map_err(|e| WebError::Internal(e.to_string()))?
        } else {
            String::new()
        };
        columns.push(Column {
            code: st.code(),
            title: words.status(*st),
            cards: Vec::new(),
            older: older.iter().find(|(o, _)| o == st).map_or(0, |(_, n)| *n),
            move_options,
        });
    }
    for action in actions {
        if let Some(col) = columns.iter_mut().find(|col| col.code == action.status.code()) {
            col.cards.push(Card::new(&words, action, today));
        }
    }
    let form = Form::new()
        .with("status", q.status.unwrap_or_default())
        .with("origin", q.origin.unwrap_or_default())
        .with("kartrekker", q.kartrekker.unwrap_or_default());
    let page = Board {
        notice: notice(&c, q.notice.as_deref()),
        moved: q.moved.and_then(|m| m.parse().ok()),
        c: &c,
        team_id,
        team: team.name,
        can_edit,
        reflection,
        columns,
        statuses: options(&c, "filter-all", moves.into_iter()),
        origins: options(
            &c,
            "filter-all",
            OriginKind::ALL.iter().map(|o| (o.code().to_string(), words.origin(*o).to_string())),
        ),
        kartrekkers: options(&c, "filter-all", members.iter().map(|m| (m.person_id.to_string(), m.name.clone()))),
        filtered: filter.status.is_some() || filter.origin.is_some() || filter.kartrekker.is_some(),
        recent_only: filter.status.is_none(),
        finished_days: BOARD_FINISHED_DAYS,
        total,
        filter: form,
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "actions/new.html")]
struct NewAction<'a> {
    c: &'a Ctx,
    team_id: i64,
    team: String,
    form: Form,
    members: Vec<(String, String)>,
}

async fn new_page(s: &AppState, c: &Ctx, team_id: i64, form: Form) -> WebResult {
    let a = c.require()?;
    let (team, access, members) = s.k.team_for_actions(a, team_id).await?;
    if access != Access::Edit {
        return Err(WebError::Forbidden);
    }
    let members = member_options(c, &members);
    Ok(render(&NewAction { c, team_id, team: team.name, form, members }))
}

pub async fn new_action(s: AppState, c: Ctx, Path(team_id): Path<i64>) -> WebResult {
    let me = c.require()?.id().to_string();
    new_page(&s, &c, team_id, Form::new().with("kartrekker", me)).await
}

/// A new action, or one edited (which also has a status and a result).
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ActionForm {
    title: String,
    goal: String,
    kartrekker: String,
    due_date: String,
    evaluation_date: String,
    status: String,
    result: String,
}

impl ActionForm {
    fn of(a: &Action) -> ActionForm {
        ActionForm {
            title: a.title.clone(),
            goal: a.goal.clone(),
            kartrekker: a.kartrekker_id.to_string(),
            due_date: a.due_date.map(|d| d.to_string()).unwrap_or_default(),
            evaluation_date: a.evaluation_date.map(|d| d.to_string()).unwrap_or_default(),
            status: a.status.code().to_string(),
            result: a.result.clone(),
        }
    }
    pub(crate) fn input(&self) -> ActionInput<'_> {
        ActionInput {
            title: &self.title,
            goal: &self.goal,
            kartrekker: &self.kartrekker,
            due_date: &self.due_date,
            evaluation_date: &self.evaluation_date,
        }
    }
}

pub async fn create(s: AppState, c: Ctx, Path(team_id): Path<i64>, Posted(f): Posted<ActionForm>) -> WebResult {
    let result = s.k.create_action(c.require()?, team_id, &f.input(), Origin::REGISTER).await;
    let ok = |id| format!("/actions/{id}?notice=notice-action-added");
    submit(&c, &f, "title", result, ok, async |form| new_page(&s, &c, team_id, form).await).await
}

/// One line of an action's history, in words.
pub struct HistoryLine {
    pub when: String,
    pub who: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "actions/detail.html")]
struct Detail<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    card: Card,
    goal: String,
    result: String,
    origin_link: Option<String>,
    evaluation: String,
    can_edit: bool,
    form: Form,
    update: Form,
    members: Vec<(String, String)>,
    statuses: Vec<(String, String)>,
    updates: Vec<(String, String, String)>,
    history: Vec<HistoryLine>,
}

fn history_line(c: &Ctx, h: &kartrekker::actions::Change) -> HistoryLine {
    let value = |v: &str| {
        if h.field == "status" {
            c.t(&format!("status-{v}")).to_string()
        } else if h.field.ends_with("date") {
            Date::parse(v, "d").map(|d| d.dutch()).unwrap_or_else(|_| c.t("history-empty").to_string())
        } else if v.is_empty() {
            c.t("history-empty").to_string()
        } else {
            v.to_string()
        }
    };
    let what = if h.field == "created" {
        c.t("history-created").to_string()
    } else {
        i18n_args(
            c,
            "history-changed",
            &[
                ("field", c.t(&format!("field-{}", h.field)).to_string()),
                ("old", value(&h.old)),
                ("new", value(&h.new)),
            ],
        )
    };
    HistoryLine { when: Date::moment_nl(h.at), who: h.who.clone(), what }
}

fn i18n_args(c: &Ctx, key: &str, args: &[(&'static str, String)]) -> String {
    crate::i18n::t_args(c.lang, key, args)
}

async fn detail_page(
    s: &AppState,
    c: &Ctx,
    id: i64,
    form: Option<Form>,
    update: Option<Form>,
    notice: Option<String>,
) -> WebResult {
    let a = c.require()?;
    let ActionPage { action, access, updates, history, members, today } = s.k.action_page(a, id).await?;
    let page = Detail {
        c,
        notice,
        origin_link: action.origin.link(action.team_id),
        evaluation: action.evaluation_date.map(|d| d.dutch()).unwrap_or_default(),
        can_edit: access == Access::Edit,
        form: form.unwrap_or_else(|| Form::of(&ActionForm::of(&action))),
        update: update.unwrap_or_default(),
        members: member_options(c, &members),
        statuses: status_options(c),
        updates: updates.into_iter().map(|u| (Date::moment_nl(u.at), u.author, u.text)).collect(),
        history: history.iter().map(|h| history_line(c, h)).collect(),
        card: Card::new(&CardWords::new(c), action.card(), today),
        goal: action.goal,
        result: action.result,
    };
    Ok(render(&page))
}

pub async fn detail(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    detail_page(&s, &c, id, None, None, n).await
}

pub async fn edit(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ActionForm>) -> WebResult {
    let result = s.k.edit_action(c.require()?, id, &f.input(), &f.status, &f.result).await;
    let ok = |()| format!("/actions/{id}?notice=notice-action-saved");
    submit(&c, &f, "title", result, ok, async |form| detail_page(&s, &c, id, Some(form), None, None).await).await
}

/// Moves a card to another column; back to the board it came from.
/// A move on the board, which is one form: `move` is the card whose button
/// was pressed, `status-{card}` its select.
pub async fn move_card(s: AppState, c: Ctx, Posted(p): Pairs) -> WebResult {
    let a = c.require()?;
    let form = Form::from_pairs(&p);
    let id: i64 = form.value("move").parse().map_err(|_| WebError::BadRequest)?;
    match s.k.move_action(a, id, form.value(&format!("status-{id}"))).await {
        Ok(()) => Ok(see_other(&after_move(form.value("back"), id))),
        Err(kartrekker::Error::Invalid(_)) => Err(WebError::BadRequest),
        Err(e) => Err(e.into()),
    }
}

/// The board the move came from, with its filters but without the notice
/// and focus of an earlier move (twice is a malformed query), naming the
/// moved card so that it takes the focus.
fn after_move(back: &str, id: i64) -> String {
    let back = crate::context::local_path(back);
    let (path, query) = back.split_once('?').unwrap_or((&back, ""));
    let mut url = format!("{path}?");
    for pair in query.split('&').filter(|p| !p.is_empty() && !p.starts_with("notice=") && !p.starts_with("moved=")) {
        url.push_str(pair);
        url.push('&');
    }
    url.push_str(&format!("notice=notice-action-moved&moved={id}"));
    url
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct UpdateForm {
    text: String,
}

pub async fn add_update(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<UpdateForm>) -> WebResult {
    let result = s.k.add_action_update(c.require()?, id, &f.text).await;
    let ok = |()| format!("/actions/{id}?notice=notice-update-added#updates");
    submit(&c, &f, "text", result, ok, async |update| detail_page(&s, &c, id, None, Some(update), None).await).await
}

pub async fn export(s: AppState, c: Ctx, Path(team_id): Path<i64>, kind: FileType) -> WebResult {
    let a = c.require()?;
    let (team, table) = s.k.actions_export(a, team_id, &|k| c.t(k).to_string()).await?;
    let name: String = team.name.chars().map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' }).collect();
    Ok(table_download(&format!("acties-{name}-{}", s.k.today()), kind, &table, &team.name))
}

#[derive(Template)]
#[template(path = "actions/overdue.html")]
struct Overdue<'a> {
    c: &'a Ctx,
    cards: Vec<Card>,
    whole_organisation: bool,
}

pub async fn overdue(s: AppState, c: Ctx) -> WebResult {
    let a = c.require()?;
    let today = s.k.today();
    let words = CardWords::new(&c);
    let cards = s.k.overdue_actions(a).await?.into_iter().map(|x| Card::new(&words, x, today)).collect();
    let whole_organisation = a.has(kartrekker::organisations::OrgRole::ProgramLeader);
    Ok(render(&Overdue { c: &c, cards, whole_organisation }))
}
