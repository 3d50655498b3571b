//! The home page: what needs the person now, each item one tap from the
//! exact page, then what the teams, trajectories and cycles they lead
//! stand at. The domain gathers it (`Kartrekker::home`); here it becomes
//! lists of links with their words.

use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use kartrekker::dates::Date;
use kartrekker::home::{Home, TeamStanding};
use kartrekker::improvement::home::VerwonderItem;
use kartrekker::organisations::OrgRole;

use super::{render, team_roles_label};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::i18n::t_args;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(home))
}

/// One line of a list: a link to the exact page, what it is about, and
/// perhaps a second link (a session's .ics).
pub(super) struct Item {
    href: String,
    text: String,
    detail: String,
    extra: Option<(String, String)>,
    warn: bool,
}

struct Section {
    id: &'static str,
    heading: &'static str,
    items: Vec<Item>,
    /// Said when the list is empty; an empty section without it is left out.
    empty: Option<&'static str>,
    more: Option<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "home/home.html")]
struct HomePage<'a> {
    c: &'a Ctx,
    name: String,
    organisation: Option<String>,
    /// What the person can do now.
    todo: Vec<Section>,
    /// What the teams, trajectories and cycles they lead stand at.
    leading: Vec<Section>,
    /// Next steps, when nothing needs the person now.
    next: Vec<Item>,
    teams: Vec<(String, String, String, String)>,
    overdue: usize,
}

pub(super) fn item(href: String, text: String, detail: String) -> Item {
    Item { href, text, detail, extra: None, warn: false }
}

/// A team's phase, next session and overdue count as one line.
fn standing(c: &Ctx, t: &TeamStanding) -> Item {
    let href = match t.trajectory_id {
        Some(tid) => format!("/teams/{}/trajectory/{tid}", t.team_id),
        None => format!("/teams/{}/actions", t.team_id),
    };
    let mut detail = vec![match t.phase {
        Some(p) => c.ta("home-phase", "phase", c.t(&format!("trajectory-phase-{}", p.code()))),
        None => c.t("home-no-trajectory").to_string(),
    }];
    if let Some(d) = t.next_session {
        detail.push(c.ta("home-next-session", "date", d.dutch()));
    }
    if t.no_evaluation_planned {
        detail.push(c.t("home-no-evaluation-planned").to_string());
    }
    if t.overdue > 0 {
        detail.push(c.ta("home-team-overdue", "count", t.overdue));
    }
    Item { warn: t.overdue > 0 || t.no_evaluation_planned, ..item(href, t.team.clone(), detail.join(" · ")) }
}

fn sections(c: &Ctx, h: &Home, today: Date) -> (Vec<Section>, Vec<Section>) {
    let args = |key: &str, a: &[(&'static str, String)]| t_args(c.lang, key, a);
    let mut to_answer: Vec<Item> = h
        .intakes
        .iter()
        .map(|i| {
            let href = format!("/teams/{}/trajectory/{}/intake", i.team_id, i.trajectory_id);
            item(href, c.t("home-intake").to_string(), i.team.clone())
        })
        .collect();
    let mut feedback = Vec::new();
    for q in &h.questionnaires {
        let href = match q.response_id {
            Some(r) => format!("/questionnaires/{r}"),
            None => format!("/reflection/{}", q.cycle_id),
        };
        let due = c.ta("home-due", "date", q.due.dutch());
        let detail = format!("{} · {} · {due}", q.title, q.team);
        match &q.about {
            None => to_answer.push(item(href, c.t("home-self-evaluation").to_string(), detail)),
            Some(who) => feedback.push(item(href, c.ta("home-feedback-for", "name", who), detail)),
        }
    }
    let votes = h
        .votes
        .iter()
        .map(|v| {
            let href = format!("/teams/{}/trajectory/{}/evaluation", v.team_id, v.trajectory_id);
            let text = args("home-vote", &[("team", v.team.clone()), ("count", v.unanswered.to_string())]);
            let when = v.date.map(|d| c.ta("home-vote-date", "date", d.dutch())).unwrap_or_default();
            item(href, text, when)
        })
        .collect();
    let sessions = h
        .sessions
        .iter()
        .map(|s| {
            let base = format!("/teams/{}/trajectory/{}/sessions/{}", s.team_id, s.trajectory_id, s.id);
            let kind = c.t(&format!("trajectory-session-{}", s.kind.code()));
            let mut when = s.date.dutch();
            if let Some(t) = s.start_time {
                when = format!("{when} {t}");
            }
            if !s.location.is_empty() {
                when = format!("{when} · {}", s.location);
            }
            let ics = (format!("{base}/calendar.ics"), c.ta("home-session-ics", "session", kind));
            Item { extra: Some(ics), ..item(base, format!("{kind}: {}", s.team), when) }
        })
        .collect();
    let actions = h
        .actions
        .iter()
        .map(|a| {
            let overdue = a.is_overdue(today);
            let mut detail = a.team.clone();
            if let Some(d) = a.due_date {
                detail = format!("{detail} · {}", c.ta("home-due", "date", d.dutch()));
            }
            if overdue {
                detail = format!("{detail} · {}", c.t("overdue"));
            }
            Item { warn: overdue, ..item(format!("/actions/{}", a.id), a.title.clone(), detail) }
        })
        .collect();
    let buddies = h
        .buddy_plans
        .iter()
        .map(|b| {
            let mut detail = b.title.clone();
            if let Some(d) = b.follow_up {
                detail = format!("{detail} · {}", c.ta("home-follow-up", "date", d.dutch()));
            }
            item(
                format!("/reflection/{}/plans/{}", b.cycle_id, b.person_id),
                c.ta("home-buddy-of", "name", &b.person),
                detail,
            )
        })
        .collect();
    // decisions (issue 17)
    let reviews = h.decision_reviews.iter().map(|r| super::decisions::review_line(c, r));
    let decisions = reviews
        .chain(h.decisions.iter().map(|d| super::decisions::home_line(c, d)))
        .map(|(href, text, detail)| item(href, text, detail))
        .collect();
    let verwonder = h
        .verwonder
        .iter()
        .map(|v| match v {
            VerwonderItem::Waiting { team_id, team, count } => {
                item(format!("/teams/{team_id}/verwonderpunten"), c.ta("home-vv-waiting", "count", count), team.clone())
            }
            VerwonderItem::Answered { point_id, title, status } => item(
                format!("/verwonderpunten/{point_id}"),
                c.ta("home-vv-answered", "title", title),
                c.t(&format!("vv-status-{}", status.code())).to_string(),
            ),
        })
        .collect();
    // pulse: a round to answer goes with the other questionnaires.
    let (pulse_answer, pulse_results) = super::pulse::home_items(c, &h.pulse);
    to_answer.extend(pulse_answer);
    let section = |id, heading, items| Section { id, heading, items, empty: None, more: None };
    let todo = vec![
        section("answer", c.t("home-to-answer"), to_answer),
        section("feedback", c.t("home-feedback"), feedback),
        section("votes", c.t("home-votes"), votes),
        section("sessions", c.t("home-sessions"), sessions),
        section("actions", c.t("home-my-actions"), actions),
        section("buddies", c.t("home-buddy-plans"), buddies),
        section("portfolio", c.t("home-portfolio"), portfolio_items(c, &h.portfolio)), // portfolio
        section("decisions", c.t("home-decisions"), decisions),
        section("verwonder", c.t("home-vv"), verwonder),
        // meetings (issue 17)
        section("meetings", c.t("home-meetings"), super::meetings::home_items(c, &h.meetings, "")),
        section(
            "chair-feedback",
            c.t("home-chair-feedback"),
            super::meetings::home_items(c, &h.chair_feedback, "/feedback"),
        ),
    ];
    let mut leading = vec![
        section("led", c.t("home-led-teams"), h.led_teams.iter().map(|t| standing(c, t)).collect()),
        section("trained", c.t("home-trained"), h.trained.iter().map(|t| standing(c, t)).collect()),
    ];
    if let Some(teams) = &h.attention {
        leading.push(Section {
            empty: Some(c.t("home-attention-none")),
            more: Some(("/program/trajectories", c.t("home-attention-overview"))),
            ..section("attention", c.t("home-attention"), teams.iter().map(|t| standing(c, t)).collect())
        });
    }
    let cycles = h
        .cycles
        .iter()
        .map(|p| {
            let detail = if p.too_small() {
                c.t("home-cycle-too-small").to_string()
            } else if p.few_answered() {
                c.ta("home-cycle-few-answered", "n", p.threshold.needed())
            } else {
                args(
                    "home-cycle-answered",
                    &[("answered", p.answered.to_string()), ("total", p.participants.to_string())],
                )
            };
            let state = c.t(if p.feedback_closed { "home-cycle-closed" } else { "home-cycle-open" });
            item(
                format!("/reflection/{}", p.cycle_id),
                format!("{} · {}", p.title, p.team),
                format!("{detail} · {state}"),
            )
        })
        .collect();
    leading.push(section("cycles", c.t("home-cycles"), cycles));
    leading.push(section("pulse", c.t("pulse-home-heading"), pulse_results)); // pulse
    leading.push(section("residents", c.t("home-portfolio-plans"), shared_plans(c, &h.portfolio))); // portfolio
    let keep = |s: &Section| !s.items.is_empty() || s.empty.is_some();
    (todo.into_iter().filter(keep).collect(), leading.into_iter().filter(keep).collect())
}

/// portfolio: feedback asked of the person, feedback to reflect on, links about to expire.
fn portfolio_items(c: &Ctx, p: &kartrekker::portfolio::notices::PortfolioHome) -> Vec<Item> {
    let asked = p.asked_of_me.iter().map(|f| {
        let detail = format!("{} · {}", c.t(&format!("feedback-form-{}", f.form.code())), f.situation);
        item(format!("/portfolio/asked/{}", f.id), c.ta("home-portfolio-asked", "name", &f.resident), detail)
    });
    let reflect = p.to_reflect.iter().map(|f| {
        item(
            format!("/portfolio/feedback/{}", f.id),
            c.ta("home-portfolio-reflect", "name", &f.giver_name),
            String::new(),
        )
    });
    let expiring = p.expiring.iter().map(|f| Item {
        warn: true,
        ..item(
            format!("/portfolio/feedback/{}", f.id),
            c.ta("home-portfolio-expiring", "name", &f.giver_name),
            Date::today_nl(f.expires_at).dutch(),
        )
    });
    let quiet = p.quiet.map(|last| {
        let detail = last.map(|d| c.ta("home-portfolio-quiet-since", "date", d.dutch())).unwrap_or_default();
        item("/portfolio/activities/new".into(), c.t("home-portfolio-quiet").to_string(), detail)
    });
    asked.chain(reflect).chain(expiring).chain(quiet).collect()
}

/// portfolio: residents who lately shared their profile plan with the opleider.
fn shared_plans(c: &Ctx, p: &kartrekker::portfolio::notices::PortfolioHome) -> Vec<Item> {
    p.plans_shared
        .iter()
        .map(|(id, name, version)| {
            let text = c.ta2("home-portfolio-plan-shared", "name", name, "version", version);
            item(format!("/portfolio/residents/{id}"), text, String::new())
        })
        .collect()
}

/// What the person can do when nothing needs them: their teams' boards,
/// and the pages of their roles.
fn next_steps(c: &Ctx, h: &Home) -> Vec<Item> {
    let Some(actor) = c.actor() else { return Vec::new() };
    let mut next: Vec<Item> = h
        .teams
        .iter()
        .map(|(t, _)| item(format!("/teams/{}/actions", t.id), c.ta("home-next-board", "team", &t.name), String::new()))
        .collect();
    if actor.has(OrgRole::ProgramLeader) {
        next.push(item("/program/trajectories".into(), c.t("home-next-program").into(), String::new()));
        next.push(item("/program/verbeterprojecten".into(), c.t("improvement-home-next").into(), String::new()));
    }
    if actor.is_org_admin() {
        next.push(item("/admin".into(), c.t("home-next-admin").into(), String::new()));
    }
    if actor.is_instance_admin() {
        next.push(item("/instance/organisations".into(), c.t("home-next-organisations").into(), String::new()));
    }
    next
}

/// What needs the person now.
pub async fn home(s: AppState, c: Ctx) -> WebResult<Response> {
    let Some(actor) = c.actor() else { return Ok(super::auth::to_login()) };
    let h = s.k.home(actor).await?;
    let today = s.k.today();
    let (todo, leading) = sections(&c, &h, today);
    let next = if h.nothing_to_do() { next_steps(&c, &h) } else { Vec::new() };
    let overdue = h.actions.iter().filter(|a| a.is_overdue(today)).count();
    let teams = h
        .teams
        .iter()
        .map(|(t, r)| (t.id.to_string(), t.name.clone(), t.department.clone(), team_roles_label(&c, r)))
        .collect();
    let page = HomePage {
        c: &c,
        name: actor.person.name.clone(),
        organisation: actor.organisation.clone(),
        todo,
        leading,
        next,
        teams,
        overdue,
    };
    Ok(render(&page))
}
