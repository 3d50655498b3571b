//! The trajectory's schema to print for the ward meeting: the agreements
//! with goal, kartrekker, status and evaluation, one page per trajectory.

use askama::Template;
use kartrekker::dates::Date;
use kartrekker::trajectories::TrajectorySheet;

use super::{ActionRow, Nav, Tr, action_row, day, phase_label, session_label};
use crate::context::Ctx;
use crate::error::WebResult;
use crate::pages::render;

/// An agreement as the printed schema shows it.
pub struct SheetRow {
    pub action: ActionRow,
    pub evaluate_on: String,
    /// "did this help?" at the evaluation shown, when anyone answered.
    pub helped: Option<(i64, i64)>,
    /// The newest progress update: (when, text).
    pub progress: Option<(String, String)>,
}

/// The evaluation whose answers the schema shows.
pub struct SheetEvaluation {
    pub label: String,
    pub date: String,
    pub held: String,
    pub results: String,
    pub next_steps: String,
}

#[derive(Template)]
#[template(path = "trajectories/print.html")]
struct SheetTpl<'a> {
    c: &'a Ctx,
    nav: Option<Nav>,
    team: String,
    phase: String,
    trainer: String,
    printed: String,
    rows: Vec<SheetRow>,
    evaluation: Option<SheetEvaluation>,
}

fn sheet_tpl(c: &Ctx, s: TrajectorySheet) -> SheetTpl<'_> {
    let t = &s.trajectory;
    let rows = s
        .agreements
        .iter()
        .map(|a| SheetRow {
            action: action_row(c, &a.action, s.today),
            evaluate_on: day(a.action.evaluation_date),
            helped: (a.yes + a.no > 0).then_some((a.yes, a.no)),
            progress: a.last_update.as_ref().map(|u| (Date::moment_nl(u.at), u.text.clone())),
        })
        .collect();
    SheetTpl {
        c,
        nav: Nav::new(t, &s.rights, "print"),
        team: s.team.name.clone(),
        phase: phase_label(c, t.phase),
        trainer: t.trainer.clone(),
        printed: day(Some(s.today)),
        rows,
        evaluation: s.evaluation.as_ref().map(|e| SheetEvaluation {
            label: session_label(c, e),
            date: day(e.date),
            held: day(e.held_on),
            results: e.results.clone(),
            next_steps: e.next_steps.clone(),
        }),
    }
}

/// The printable schema of the trajectory.
pub async fn sheet(t: Tr) -> WebResult {
    let s = t.s.k.trajectory_sheet(t.c.require()?, t.team_id, t.tid).await?;
    Ok(render(&sheet_tpl(&t.c, s)))
}
