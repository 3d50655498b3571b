//! The demo hospital's Verwonder & Verbeter on Interne B3: verwonderpunten in
//! every state (waiting with support, anonymous, merged, not now, quick
//! fix, project) and two improvement projects with run charts and PDCA
//! cycles (with their actions), one of them showing a shift and closed with
//! its result; the quick fix done, so that the wall shows what changed.

use super::model::CycleInput;
use super::service::{Outcome, TriageInput};
use crate::actions::ActionInput;
use crate::auth::Actor;
use crate::{Kartrekker, Result};

fn at(step: &'static str) -> impl Fn(crate::Error) -> crate::Error {
    move |e| crate::Error::Internal(format!("demo data, improvement, {step}: {e}"))
}

impl Kartrekker {
    /// `nurse` posts most points; `colleague` supports them; `leader` triages.
    pub(crate) async fn seed_demo_improvement(
        &self,
        team: i64,
        leader: &Actor,
        nurse: &Actor,
        colleague: &Actor,
    ) -> Result<()> {
        let post = async |who: &Actor, title: &str, anonymous: bool| {
            self.post_verwonderpunt(who, team, title, "", anonymous).await.map_err(at("post"))
        };
        let curtain = post(nurse, "Waarom hangt er geen gordijn in behandelkamer 3?", false).await?;
        self.support_verwonderpunt(colleague, curtain).await.map_err(at("support"))?;
        self.support_verwonderpunt(leader, curtain).await.map_err(at("support"))?;
        self.comment_verwonderpunt(colleague, curtain, "In kamer 5 ook niet.").await.map_err(at("comment"))?;
        let privacy = post(colleague, "Patiënten in kamer 3 klagen over privacy", false).await?;
        self.merge_verwonderpunt(leader, privacy, &curtain.to_string()).await.map_err(at("merge"))?;
        post(nurse, "Waarom wordt er bij de overdracht over collega's gepraat?", true).await?;
        let coffee = post(colleague, "Waarom staat de koffieautomaat naast de medicijnkar?", false).await?;
        let not_now =
            TriageInput { choice: "not_now", reason: "De verbouwing in maart lost dit op.", ..Default::default() };
        self.triage_verwonderpunt(leader, coffee, &not_now).await.map_err(at("not now"))?;
        let soap = post(nurse, "Waarom is de zeep in de spoelkeuken steeds op?", false).await?;
        let nurse_id = nurse.id().to_string();
        let quick = TriageInput {
            choice: "quick_fix",
            title: "Zeep bijvullen bij elke dienstwissel",
            goal: "Nooit meer zonder zeep in de spoelkeuken",
            kartrekker: &nurse_id,
            ..Default::default()
        };
        if let Outcome::Action(action) =
            self.triage_verwonderpunt(leader, soap, &quick).await.map_err(at("quick fix"))?
        {
            self.move_action(nurse, action, "done").await.map_err(at("quick fix done"))?;
        }

        // Falls at night: a project whose run chart shows a shift, closed.
        let falls = post(nurse, "Waarom vallen er zoveel patiënten 's nachts?", false).await?;
        let weekly = [4.0, 5.0, 4.0, 3.0, 5.0, 4.0, 2.0, 1.0, 2.0, 1.0, 1.0, 2.0, 1.0, 0.0];
        let project = self
            .demo_project(
                leader,
                nurse,
                falls,
                "Minder valincidenten 's nachts",
                "Valincidenten per week",
                "lower",
                &weekly,
            )
            .await?;
        let weeks = weekly.len() as i64;
        let night_light = [
            "Nachtlampjes bij de bedden van patiënten met valrisico",
            "Elke nacht 5 lampjes, een week uitgeprobeerd",
            "De eerste weken minder vallen, maar niet bij onrustige patiënten",
            "Lampjes blijven; onrustige patiënten vragen meer",
        ];
        let round = [
            "Een vaste ronde om 3 uur langs onrustige patiënten",
            "Vier weken elke nacht de ronde gelopen",
            "Valincidenten blijven onder de mediaan: een verschuiving",
            "De ronde komt in het nachtrooster",
        ];
        let first = self.demo_cycle(nurse, project, weeks - 4, Some(weeks - 7), &night_light).await?;
        self.demo_cycle_action(nurse, first, nurse, "Nachtlampjes bestellen voor alle kamers").await?;
        let second = self.demo_cycle(nurse, project, weeks - 7, Some(1), &round).await?;
        self.demo_cycle_action(nurse, second, leader, "Nachtronde om 3 uur in het rooster").await?;
        self.close_improvement_project(
            nurse,
            project,
            "Met een nachtlampje en een vaste ronde om 3 uur vallen er nog 1 à 2 patiënten per week in plaats van 4.",
        )
        .await
        .map_err(at("close"))?;
        // Handover time: running, no shift yet.
        let handover = post(colleague, "Waarom duurt de ochtendoverdracht 45 minuten?", false).await?;
        let minutes = [45.0, 42.0, 47.0, 44.0, 40.0, 43.0, 38.0, 41.0];
        let project = self
            .demo_project(
                leader,
                colleague,
                handover,
                "Kortere ochtendoverdracht",
                "Duur van de overdracht",
                "lower",
                &minutes,
            )
            .await?;
        let sbar = [
            "Overdracht per kamer met SBAR in plaats van per patiënt aan tafel",
            "Twee weken geprobeerd door de vroege dienst",
            "",
            "",
        ];
        let cycle = self.demo_cycle(colleague, project, 3, None, &sbar).await?;
        self.demo_cycle_action(colleague, cycle, colleague, "SBAR-kaartje bij elke kamerdeur").await?;
        Ok(())
    }

    /// A PDCA cycle that started `weeks_ago` (and ended `ended_ago` weeks ago),
    /// with its plan, do, study and act.
    async fn demo_cycle(
        &self,
        who: &Actor,
        project: i64,
        weeks_ago: i64,
        ended_ago: Option<i64>,
        [plan, done, study, act]: &[&str; 4],
    ) -> Result<i64> {
        let starts_on = self.today().add_days(-7 * weeks_ago).to_string();
        let ends_on = ended_ago.map(|w| self.today().add_days(-7 * w).to_string()).unwrap_or_default();
        let input = CycleInput { starts_on: &starts_on, ends_on: &ends_on, plan, done, study, act };
        self.add_improvement_cycle(who, project, &input).await.map_err(at("cycle"))
    }

    async fn demo_cycle_action(&self, who: &Actor, cycle: i64, kartrekker: &Actor, title: &str) -> Result<i64> {
        let id = kartrekker.id().to_string();
        let due = self.today().add_days(14).to_string();
        let input = ActionInput { title, goal: title, kartrekker: &id, due_date: &due, evaluation_date: "" };
        self.add_improvement_cycle_action(who, cycle, &input).await.map_err(at("cycle action"))
    }

    /// A project from `point`, measured weekly up to today (the first four weeks its baseline).
    #[allow(clippy::too_many_arguments)]
    async fn demo_project(
        &self,
        leader: &Actor,
        kartrekker: &Actor,
        point: i64,
        title: &str,
        measure: &str,
        better: &str,
        values: &[f64],
    ) -> Result<i64> {
        let id = kartrekker.id().to_string();
        let input = TriageInput {
            choice: "project",
            title,
            kartrekker: &id,
            problem: "Gezien op de afdeling en besproken in de dagstart.",
            ..Default::default()
        };
        let Outcome::Project(project) =
            self.triage_verwonderpunt(leader, point, &input).await.map_err(at("project"))?
        else {
            return Err(crate::Error::Internal("demo data, improvement: no project".into()));
        };
        let start = self.today().add_days(-7 * values.len() as i64);
        let baseline = start.add_days(7 * 3).to_string();
        let aim_by = self.today().add_days(90).to_string();
        let aim = super::model::ProjectInput {
            aim_what: title,
            aim_how_much: "de helft minder",
            aim_by: &aim_by,
            measure_name: measure,
            measure_unit: "per week",
            better,
            baseline_until: &baseline,
        };
        self.save_improvement_project(kartrekker, project, &aim).await.map_err(at("aim"))?;
        let points: Vec<_> = values.iter().enumerate().map(|(i, v)| (start.add_days(7 * i as i64), *v)).collect();
        self.add_improvement_data(kartrekker, project, &points).await.map_err(at("data"))?;
        Ok(project)
    }
}
