//! The workload pulse: a team's pulse page (schedule, trend with its table
//! and the actions beside it), a round (answered in under a minute on a
//! phone; its result once enough answered; an action after a worrying
//! round), and the organisation's overview for HR, the board and the
//! program leaders, beside the business case scenarios of the same teams.

mod chart;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::routing::{get, post};
use kartrekker::Error;
use kartrekker::dates::Date;
use kartrekker::pulse::overview::Level;
use kartrekker::pulse::{
    Cell, Overview, OverviewRow, REFERENCE_TOO_HIGH_PERCENT, RoundPage, ScheduleInput, Share, TeamPulse,
};
use kartrekker::questionnaires::ANSWER_PREFIX;
use serde::{Deserialize, Serialize};

use super::actions::ActionForm;
use super::questionnaires::{ItemView, item_view};
use super::{Notice, notice, render, render_status, see_other};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;
use chart::{Trend, share_trend};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/teams/{id}/pulse", get(team))
        .route("/teams/{id}/pulse/schedule", post(set_schedule))
        .route("/teams/{id}/pulse/stop", post(stop))
        .route("/pulse", get(overview))
        .route("/pulse/rounds/{id}", get(round).post(answer))
        .route("/pulse/rounds/{id}/actions", post(add_action))
        .route("/pulse/rounds/{id}/agenda", post(put_on_agenda))
        .route("/pulse/scenarios/{id}/teams", post(tie_team))
}

/// A share in words: "40 %".
fn percent(s: Share) -> String {
    format!("{} %", s.percent())
}

/// A mean times ten in the reader's notation: "3,2" or "3.2".
fn tenths(c: &Ctx, t: i64) -> String {
    let point = if c.lang == kartrekker::people::Language::Nl { ',' } else { '.' };
    format!("{}{point}{}", t / 10, t % 10)
}

/// One round in the team's table.
pub struct RoundLine {
    pub id: i64,
    pub opens: String,
    pub closes: String,
    pub open: bool,
    /// None: too few answered to show.
    pub respondents: Option<i64>,
    pub too_high: String,
    pub means: Vec<String>,
    pub actions: String,
    /// "G1" where the round was discussed, "na G1" after that conversation.
    pub conversation: String,
}

pub struct ActionLine {
    pub id: i64,
    pub label: String,
    pub title: String,
    pub kartrekker: String,
    pub status: String,
    pub round: String,
    pub at_round: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "pulse/team.html")]
struct TeamPage<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    p: TeamPulse,
    schedule: Option<String>,
    instruments: Vec<(String, String)>,
    form: Form,
    columns: Vec<String>,
    lines: Vec<RoundLine>,
    actions: Vec<ActionLine>,
    conversations: Vec<ConversationLine>,
    chart: String,
    follows: bool,
}

pub struct ConversationLine {
    pub meeting_id: i64,
    pub label: String,
    pub text: String,
    pub since: String,
}

async fn team_page(s: &AppState, c: &Ctx, team_id: i64, form: Option<Form>, notice: Option<String>) -> WebResult {
    let a = c.require()?;
    let p = s.k.team_pulse(a, team_id).await?;
    let title = |id: i64| {
        p.instruments
            .iter()
            .find(|i| i.id == id)
            .map(|i| if c.lang == kartrekker::people::Language::Nl { i.title_nl.clone() } else { i.title_en.clone() })
    };
    let schedule = p.schedule.as_ref().map(|sc| {
        let mut text = c.ta2("pulse-schedule-text", "every", sc.every_days, "open", sc.open_days);
        text.push(' ');
        text.push_str(&c.ta("pulse-schedule-from", "date", sc.starts_on.dutch()));
        if let Some(t) = title(sc.instrument_id) {
            text.push_str(&format!(" · {t}"));
        }
        text
    });
    let form = form.unwrap_or_else(|| match &p.schedule {
        Some(sc) => Form::new()
            .with("instrument", sc.instrument_id.to_string())
            .with("every_days", sc.every_days.to_string())
            .with("open_days", sc.open_days.to_string())
            .with("starts_on", sc.starts_on.to_string()),
        None => Form::new()
            .with("instrument", p.instruments.first().map(|i| i.id.to_string()).unwrap_or_default())
            .with("every_days", "14")
            .with("open_days", "7")
            .with("starts_on", s.k.today().to_string()),
    });
    let instruments = p
        .instruments
        .iter()
        .map(|i| {
            let t = if c.lang == kartrekker::people::Language::Nl { &i.title_nl } else { &i.title_en };
            (i.id.to_string(), format!("{t} (v{})", i.version))
        })
        .collect();
    let today = s.k.today();
    let numbered: Vec<(usize, &kartrekker::pulse::PulseAction)> =
        p.actions.iter().enumerate().map(|(n, a)| (n + 1, a)).collect();
    let letter = c.t("pulse-conversation-letter");
    let talks: Vec<(String, &kartrekker::pulse::PulseConversation)> =
        p.conversations.iter().enumerate().map(|(n, t)| (format!("{letter}{}", n + 1), t)).collect();
    // Each round after a conversation is marked with the latest one before it.
    let conversation_of = |i: usize| {
        let discussed = talks.iter().filter(|(_, t)| t.round_id == p.rounds[i].round.id).map(|(l, _)| l.clone());
        let after = talks
            .iter()
            .rev()
            .find(|(_, t)| t.before.is_some_and(|b| b < i))
            .map(|(l, _)| c.ta("pulse-conversation-after", "label", l));
        discussed.chain(after).collect::<Vec<_>>().join(", ")
    };
    let lines = p
        .rounds
        .iter()
        .enumerate()
        .rev()
        .map(|(i, r)| RoundLine {
            conversation: conversation_of(i),
            id: r.round.id,
            opens: r.round.opens_on.dutch(),
            closes: r.round.closes_on.dutch(),
            open: r.round.open_on(today),
            respondents: r.shown.then_some(r.round.respondents),
            too_high: r.too_high.map(percent).unwrap_or_default(),
            means: r.means.iter().map(|m| m.map(|m| tenths(c, m)).unwrap_or_default()).collect(),
            actions: numbered
                .iter()
                .filter(|(_, a)| a.action.round_id == r.round.id)
                .map(|(n, _)| format!("A{n}"))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let actions = numbered
        .iter()
        .map(|(n, a)| ActionLine {
            id: a.action.id,
            label: format!("A{n}"),
            title: a.action.title.clone(),
            kartrekker: a.action.kartrekker.clone(),
            status: c.t(&format!("status-{}", a.action.status.code())).to_string(),
            round: a.round_opens.dutch(),
            at_round: a.at_round.map(percent).unwrap_or_else(|| c.t("pulse-not-shown").to_string()),
            since: a
                .since
                .map(|(d, s)| c.ta2("pulse-action-since", "share", percent(s), "date", d.dutch()))
                .unwrap_or_else(|| c.t("pulse-action-no-since").to_string()),
        })
        .collect();
    let conversations = talks
        .iter()
        .map(|(label, t)| ConversationLine {
            meeting_id: t.meeting.id,
            label: label.clone(),
            text: kartrekker::i18n::t_args(
                c.lang,
                "pulse-conversation-at",
                &[
                    ("meeting", t.meeting.title.clone()),
                    ("date", t.meeting.held_on.dutch()),
                    ("round", t.round_opens.dutch()),
                    ("share", t.at_round.map(percent).unwrap_or_else(|| c.t("pulse-not-shown").to_string())),
                ],
            ),
            since: t
                .since
                .map(|(d, s)| c.ta2("pulse-action-since", "share", percent(s), "date", d.dutch()))
                .unwrap_or_else(|| c.t("pulse-action-no-since").to_string()),
        })
        .collect();
    let chart = if p.rounds.iter().any(|r| r.too_high.is_some()) {
        let mut markers: Vec<(usize, String)> = Vec::new();
        let at_rounds = numbered
            .iter()
            .filter_map(|(n, a)| {
                p.rounds.iter().position(|r| r.round.id == a.action.round_id).map(|i| (i, format!("A{n}")))
            })
            .chain(talks.iter().filter_map(|(label, t)| Some((t.before?, label.clone()))));
        // One line per round: the labels of the same round side by side.
        for (i, label) in at_rounds {
            match markers.iter_mut().find(|(at, _)| *at == i) {
                Some((_, text)) => {
                    text.push_str(", ");
                    text.push_str(&label);
                }
                None => markers.push((i, label)),
            }
        }
        share_trend(&Trend {
            id: "pulse-trend",
            title: c.ta("pulse-chart-title", "team", &p.team.name),
            description: c.ta("pulse-chart-desc", "reference", REFERENCE_TOO_HIGH_PERCENT),
            from: p.rounds.first().map(|r| r.round.opens_on.dutch()).unwrap_or_default(),
            to: p.rounds.last().map(|r| r.round.opens_on.dutch()).unwrap_or_default(),
            values: p.rounds.iter().map(|r| r.too_high.map(|s| s.ratio() * 100.0)).collect(),
            reference: Some((
                REFERENCE_TOO_HIGH_PERCENT as f64,
                c.ta("pulse-reference", "percent", REFERENCE_TOO_HIGH_PERCENT),
            )),
            markers,
        })
    } else {
        String::new()
    };
    let columns = p.columns.iter().map(|(_, t)| t.get(c.lang).to_string()).collect();
    let follows = kartrekker::pulse::service::follows_all(a);
    let page =
        TeamPage { c, notice, schedule, instruments, form, columns, lines, actions, conversations, chart, follows, p };
    Ok(render(&page))
}

async fn team(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    team_page(&s, &c, id, None, n).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
struct ScheduleForm {
    instrument: String,
    every_days: String,
    open_days: String,
    starts_on: String,
}

async fn set_schedule(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ScheduleForm>) -> WebResult {
    let input = ScheduleInput {
        instrument: &f.instrument,
        every_days: &f.every_days,
        open_days: &f.open_days,
        starts_on: &f.starts_on,
    };
    let result = s.k.set_pulse_schedule(c.require()?, id, &input).await;
    let ok = |()| format!("/teams/{id}/pulse?notice=pulse-notice-schedule-saved");
    submit(&c, &f, "every_days", result, ok, async |form| team_page(&s, &c, id, Some(form), None).await).await
}

async fn stop(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    s.k.stop_pulse_schedule(c.require()?, id).await?;
    Ok(see_other(&format!("/teams/{id}/pulse?notice=pulse-notice-schedule-stopped")))
}

/// One question of a round's result: (text, mean, (label, how many) per point).
type ItemLine = (String, String, Vec<(String, i64)>);

#[derive(Template)]
#[template(path = "pulse/round.html")]
struct RoundView<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    general_error: Option<String>,
    p: RoundPage,
    title: String,
    intro: Option<String>,
    opens: String,
    closes: String,
    open: bool,
    items: Vec<ItemView>,
    errors: Vec<(String, String)>,
    too_high: Option<(String, String)>,
    results: Vec<ItemLine>,
    open_answers: Vec<String>,
    action: Form,
    members: Vec<(String, String)>,
    agenda: Form,
    /// The team's coming meetings: (id, "title, date time").
    meetings: Vec<(String, String)>,
    /// The meetings with this round on the agenda: (id, title, date).
    agendas: Vec<(i64, String, String)>,
}

fn round_view<'a>(
    c: &'a Ctx,
    p: RoundPage,
    posted: &[(String, String)],
    problems: &[(String, &'static str)],
    action: Form,
    agenda: Form,
) -> RoundView<'a> {
    let d = &p.instrument.definition;
    let items: Vec<ItemView> = d
        .items()
        .map(|item| {
            let current = posted
                .iter()
                .find(|(k, _)| k.strip_prefix(ANSWER_PREFIX) == Some(item.id.as_str()))
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            item_view(c, item, current, problems, None)
        })
        .collect();
    let errors =
        items.iter().filter_map(|i| i.error.as_ref().map(|e| (i.id.clone(), format!("{}: {e}", i.text)))).collect();
    let (too_high, results, open_answers) = match &p.result {
        Some(r) => (
            r.too_high.map(|s| (percent(s), c.ta2("pulse-too-high-of", "count", s.count, "of", s.of))),
            r.items
                .iter()
                .map(|i| {
                    (
                        i.text.get(c.lang).to_string(),
                        i.mean_tenths.map(|m| tenths(c, m)).unwrap_or_default(),
                        i.spread.iter().map(|(label, n)| (label.get(c.lang).to_string(), *n)).collect(),
                    )
                })
                .collect(),
            r.open.clone(),
        ),
        None => (None, Vec::new(), Vec::new()),
    };
    let me = c.actor().map(|a| a.id().to_string()).unwrap_or_default();
    let meetings: Vec<(String, String)> = p
        .upcoming
        .iter()
        .map(|m| (m.id.to_string(), format!("{}, {} {}", m.title, m.held_on.dutch(), m.start_time)))
        .collect();
    let agenda = match meetings.first() {
        Some((next, _)) if agenda.value("meeting").is_empty() => agenda.with("meeting", next.clone()),
        _ => agenda,
    };
    RoundView {
        c,
        notice: None,
        general_error: None,
        title: d.title.get(c.lang).to_string(),
        intro: d.intro.as_ref().map(|t| t.get(c.lang).to_string()),
        opens: p.round.opens_on.dutch(),
        closes: p.round.closes_on.dutch(),
        open: p.round.open_on(p.today),
        items,
        errors,
        too_high,
        results,
        open_answers,
        action: if action.value("kartrekker").is_empty() { action.with("kartrekker", me) } else { action },
        members: std::iter::once((String::new(), c.t("choose").to_string()))
            .chain(p.members.iter().map(|m| (m.person_id.to_string(), m.name.clone())))
            .collect(),
        agenda,
        meetings,
        agendas: p.agendas.iter().map(|m| (m.id, m.title.clone(), m.held_on.dutch())).collect(),
        p,
    }
}

async fn round(s: AppState, c: Ctx, Path(id): Path<i64>, Query(q): Query<Notice>) -> WebResult {
    let p = s.k.pulse_round(c.require()?, id).await?;
    let mut page = round_view(&c, p, &[], &[], Form::new(), Form::new());
    page.notice = notice(&c, q.notice.as_deref());
    Ok(render(&page))
}

/// The answers' field names carry the item's id (`ANSWER_PREFIX`).
type Pairs = Posted<Vec<(String, String)>>;

async fn answer(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(posted): Pairs) -> WebResult {
    let a = c.require()?;
    match s.k.answer_pulse(a, id, &posted).await {
        Ok(problems) if problems.is_empty() => {
            Ok(see_other(&format!("/pulse/rounds/{id}?notice=pulse-notice-answered")))
        }
        Ok(problems) => {
            let p = s.k.pulse_round(a, id).await?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &round_view(&c, p, &posted, &problems, Form::new(), Form::new()),
            ))
        }
        Err(Error::Refused(key)) => {
            let p = s.k.pulse_round(a, id).await?;
            let mut page = round_view(&c, p, &posted, &[], Form::new(), Form::new());
            page.general_error = Some(c.t(key).to_string());
            Ok(render_status(StatusCode::CONFLICT, &page))
        }
        Err(e) => Err(e.into()),
    }
}

async fn add_action(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<ActionForm>) -> WebResult {
    let result = s.k.add_pulse_action(c.require()?, id, &f.input()).await;
    let ok = |_| format!("/pulse/rounds/{id}?notice=notice-action-added#actions");
    let again = async |form| {
        let p = s.k.pulse_round(c.require()?, id).await?;
        Ok(render(&round_view(&c, p, &[], &[], form, Form::new())))
    };
    submit(&c, &f, "title", result, ok, again).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
struct AgendaForm {
    meeting: String,
}

async fn put_on_agenda(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<AgendaForm>) -> WebResult {
    let result = s.k.put_pulse_on_agenda(c.require()?, id, &f.meeting, c.lang).await;
    let ok = |_| format!("/pulse/rounds/{id}?notice=pulse-notice-on-agenda#agenda");
    let again = async |form| {
        let p = s.k.pulse_round(c.require()?, id).await?;
        Ok(render(&round_view(&c, p, &[], &[], Form::new(), form)))
    };
    submit(&c, &f, "meeting", result, ok, again).await
}

/// A group's figure in one month, in words.
pub struct CellView {
    pub text: String,
    pub shown: bool,
}

fn cell(c: &Ctx, cell: &Cell) -> CellView {
    match cell {
        Cell::Empty => CellView { text: "–".into(), shown: false },
        Cell::Hidden => CellView { text: c.t("pulse-not-shown").into(), shown: false },
        Cell::Shown { respondents, too_high } => CellView {
            text: match too_high {
                Some(s) => c.ta2("pulse-cell", "share", percent(*s), "n", respondents),
                None => c.ta("pulse-cell-n", "n", respondents),
            },
            shown: true,
        },
    }
}

pub struct RowView {
    pub level: &'static str,
    pub id: i64,
    pub name: String,
    pub cells: Vec<CellView>,
}

fn row(c: &Ctx, r: &OverviewRow) -> RowView {
    let level = match r.level {
        Level::Organisation => "organisation",
        Level::Department => "department",
        Level::Team => "team",
    };
    RowView { level, id: r.id, name: r.name.clone(), cells: r.cells.iter().map(|x| cell(c, x)).collect() }
}

pub struct ScenarioView {
    pub id: i64,
    pub name: String,
    pub teams: Vec<RowView>,
}

#[derive(Template)]
#[template(path = "pulse/overview.html")]
struct OverviewPage<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    months: Vec<String>,
    rows: Vec<RowView>,
    needed: i64,
    chart: String,
    scenarios: Option<Vec<ScenarioView>>,
    tie: Form,
    tie_scenario: i64,
}

#[derive(Deserialize, Default)]
struct OverviewQuery {
    department: Option<i64>,
    notice: Option<String>,
}

fn month_label(c: &Ctx, d: Date) -> String {
    let (y, m, _) = d.ymd();
    format!("{} {y}", c.t(&format!("pulse-month-{m}")))
}

async fn overview_page(
    s: &AppState,
    c: &Ctx,
    department: Option<i64>,
    tie: Form,
    tie_scenario: i64,
    notice: Option<String>,
) -> WebResult {
    let o: Overview = s.k.pulse_overview(c.require()?, department).await?;
    let months: Vec<String> = o.months.iter().map(|m| month_label(c, *m)).collect();
    let org_values: Vec<Option<f64>> = o.rows[0]
        .cells
        .iter()
        .map(|x| match x {
            Cell::Shown { too_high: Some(s), .. } => Some(s.ratio() * 100.0),
            _ => None,
        })
        .collect();
    let chart = if org_values.iter().any(Option::is_some) {
        share_trend(&Trend {
            id: "pulse-org",
            title: c.ta("pulse-chart-title", "team", &o.rows[0].name),
            description: c.ta("pulse-chart-desc", "reference", REFERENCE_TOO_HIGH_PERCENT),
            from: months.first().cloned().unwrap_or_default(),
            to: months.last().cloned().unwrap_or_default(),
            values: org_values,
            reference: Some((
                REFERENCE_TOO_HIGH_PERCENT as f64,
                c.ta("pulse-reference", "percent", REFERENCE_TOO_HIGH_PERCENT),
            )),
            markers: Vec::new(),
        })
    } else {
        String::new()
    };
    let scenarios = o.scenarios.as_ref().map(|list| {
        list.iter()
            .map(|sc| ScenarioView {
                id: sc.id,
                name: sc.name.clone(),
                teams: sc.teams.iter().map(|r| row(c, r)).collect(),
            })
            .collect()
    });
    let page = OverviewPage {
        c,
        notice,
        rows: o.rows.iter().map(|r| row(c, r)).collect(),
        months,
        needed: o.needed,
        chart,
        scenarios,
        tie,
        tie_scenario,
    };
    Ok(render(&page))
}

async fn overview(s: AppState, c: Ctx, Query(q): Query<OverviewQuery>) -> WebResult {
    let n = notice(&c, q.notice.as_deref());
    overview_page(&s, &c, q.department, Form::new(), 0, n).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
struct TieForm {
    team: String,
    remove: String,
}

async fn tie_team(s: AppState, c: Ctx, Path(id): Path<i64>, Posted(f): Posted<TieForm>) -> WebResult {
    let result = s.k.tie_scenario_team(c.require()?, id, &f.team, !f.remove.is_empty()).await;
    let ok = |()| "/pulse?notice=pulse-notice-scenario-teams-saved#scenarios".to_string();
    submit(&c, &f, "team", result, ok, async |form| overview_page(&s, &c, None, form, id, None).await).await
}

/// The pulse on the home page: rounds to answer (for the "to answer" list),
/// and results for leaders and HR.
pub(super) fn home_items(
    c: &Ctx,
    h: &kartrekker::pulse::home::PulseHome,
) -> (Vec<super::home::Item>, Vec<super::home::Item>) {
    let answer = h
        .to_answer
        .iter()
        .map(|(id, team, closes)| {
            let detail = format!("{team} · {}", c.ta("pulse-home-until", "date", closes.dutch()));
            super::home::item(format!("/pulse/rounds/{id}"), c.t("pulse-home-answer").to_string(), detail)
        })
        .collect();
    let mut results: Vec<super::home::Item> = h
        .results
        .iter()
        .map(|(id, team, opens)| {
            super::home::item(
                format!("/pulse/rounds/{id}"),
                c.ta("pulse-home-results", "team", team),
                c.ta("pulse-home-round-of", "date", opens.dutch()),
            )
        })
        .collect();
    if let Some(n) = h.new_results.filter(|n| *n > 0) {
        results.push(super::home::item("/pulse".into(), c.ta("pulse-home-new-results", "count", n), String::new()));
    }
    (answer, results)
}
