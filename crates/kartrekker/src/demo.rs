//! The demo hospital that `kartrekker demo` fills an empty database with.
//!
//! Over 500 lines: the hospital's people, teams and two years of history
//! are one story told in order; newer areas put their part in their own
//! `demo.rs` and are called from here.

use crate::actions::{ActionInput, Origin, Status, store as actions};
use crate::auth::{Actor, password};
use crate::clock::DAY_MS;
use crate::dates::Date;
use crate::organisations::{OrgRole, TeamRole, store as orgs};
use crate::people::{Profession, store as people};
use crate::reflection::{PlanInput, PlannedAction};
use crate::trajectories::{Complete, EvaluationInput, Phase, SessionInput, SessionKind};
use crate::{Kartrekker, Result};

pub const PASSWORD: &str = "kartrekker-demo";
pub const ORGANISATION: &str = "Ziekenhuis De Linde";

/// The log-ins printed by `kartrekker demo`: (e-mail, what they show).
pub const LOGINS: &[(&str, &str)] = &[
    ("beheer@kartrekker.demo", "instance administrator / instantiebeheerder"),
    ("admin@delinde.demo", "organisation administrator / beheerder"),
    ("programmaleider@delinde.demo", "program leader / programmaleider"),
    ("teamleider@delinde.demo", "team leader, Interne B3 / leidinggevende"),
    ("trainer@delinde.demo", "trainer"),
    ("verpleegkundige@delinde.demo", "nurse, Interne B3 / verpleegkundige"),
    ("aios@delinde.demo", "resident / aios"),
    ("opleider@delinde.demo", "supervisor / opleider"),
    ("hr@delinde.demo", "HR"),
];

const DEPARTMENTS: &[(&str, &[&str])] = &[
    ("Interne geneeskunde", &["Interne B3", "Interne B4"]),
    ("Chirurgie", &["Chirurgie C2", "Dagbehandeling"]),
    ("Cardiologie", &["Hartbewaking", "Cardiologie A1"]),
    ("Spoedeisende hulp", &["SEH"]),
    ("Kindergeneeskunde", &["Kinderafdeling"]),
    ("Vakgroepen", &["Vakgroep Interne", "Vakgroep Chirurgie"]),
];

/// Dutch first and last names for generated people. The demo takes the
/// first 30 and 24 of them, so its people keep the names the README shows.
pub const FIRST_NAMES: &[&str] = &[
    "Anouk", "Bram", "Carlijn", "Daan", "Eline", "Femke", "Gijs", "Hanna", "Iris", "Jasper", "Kim", "Lars", "Lotte",
    "Maarten", "Noor", "Olaf", "Petra", "Quinten", "Roos", "Sanne", "Tim", "Ilse", "Vera", "Willem", "Yara", "Zoë",
    "Mohamed", "Fatima", "Sven", "Nadia", "Joris", "Esther", "Ruud", "Marieke", "Thijs", "Sophie", "Luuk", "Emma",
    "Sem", "Julia", "Bas", "Linda", "Kees", "Ingrid", "Hamza", "Aylin", "Wouter", "Fleur", "Niels", "Merel",
];
pub const LAST_NAMES: &[&str] = &[
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "El Amrani",
    "Yılmaz",
    "Kok",
    "Willems",
    "Hoekstra",
    "Verbeek",
    "van Dam",
    "Koster",
    "Prins",
    "van den Berg",
    "Huisman",
    "Postma",
    "Kuipers",
    "Veenstra",
    "Bouzid",
    "Schouten",
    "Jacobs",
    "van Dijk",
    "Maas",
];
const FIRST: &[&str] = FIRST_NAMES.split_at(30).0;
const LAST: &[&str] = LAST_NAMES.split_at(24).0;

fn mail_name(first: &str, last: &str) -> String {
    let clean = |s: &str| {
        s.to_lowercase()
            .replace(' ', "")
            .replace('ë', "e")
            .replace('ı', "i")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
    };
    format!("{}.{}@delinde.demo", clean(first), clean(last))
}

/// Names the step of the demo data that failed.
pub(crate) fn at(step: &'static str) -> impl Fn(crate::Error) -> crate::Error {
    move |e| crate::Error::Internal(format!("demo data, {step}: {e}"))
}

impl Kartrekker {
    /// Fills an empty database with the demo hospital and the practices
    /// under way in it; does nothing when people exist already. Returns true
    /// when it filled.
    pub async fn seed_demo(&self) -> Result<bool> {
        let Some(teams) = self.seed_demo_hospital().await? else { return Ok(false) };
        self.seed_demo_practices(&teams).await?;
        // workforce
        self.seed_demo_workforce().await?;
        Ok(true)
    }

    /// Only the hospital: departments, teams and people, with no practice
    /// started yet (what the browser tests start from). Returns the teams,
    /// or None when people exist already.
    pub async fn seed_demo_hospital(&self) -> Result<Option<Vec<i64>>> {
        if people::count(&mut self.conn().await?).await? > 0 {
            return Ok(None);
        }
        let hash = password::hash(PASSWORD.to_string()).await?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let org = orgs::insert_organisation(&mut tx, ORGANISATION, now).await?;
        // The demo's teams answer with three or four people, so that a visitor
        // sees group results without clicking through five log-ins: the
        // lowest minimum group size allowed. A real organisation keeps 5.
        orgs::set_min_group_size(&mut tx, org, crate::organisations::anonymity::FLOOR).await?;
        let mut teams = Vec::new();
        for (dept, names) in DEPARTMENTS {
            let d = orgs::insert_department(&mut tx, org, dept).await?;
            for n in *names {
                teams.push(orgs::insert_team(&mut tx, org, d, n).await?);
            }
        }
        add_person(
            &mut tx,
            &hash,
            now,
            people::NewPerson {
                email: "beheer@kartrekker.demo",
                name: "Beheer Kartrekker",
                profession: Profession::Other,
                org_id: None,
                is_instance_admin: true,
            },
        )
        .await?;
        let named: &[Named] = &[
            ("admin@delinde.demo", "Femke de Groot", Profession::Manager, &[OrgRole::Admin], &[]),
            ("programmaleider@delinde.demo", "Pieter van Dam", Profession::Manager, &[OrgRole::ProgramLeader], &[]),
            ("teamleider@delinde.demo", "Marieke Jansen", Profession::Manager, &[], &[(0, TeamRole::TeamLeader)]),
            (
                "trainer@delinde.demo",
                "Ruud Hoekstra",
                Profession::BachelorNurse,
                &[],
                &[(2, TeamRole::Member), (0, TeamRole::Trainer)],
            ),
            ("verpleegkundige@delinde.demo", "Sanne Bakker", Profession::BachelorNurse, &[], &[(0, TeamRole::Member)]),
            (
                "aios@delinde.demo",
                "Thijs Verbeek",
                Profession::Resident,
                &[],
                &[(0, TeamRole::Member), (8, TeamRole::Member)],
            ),
            (
                "opleider@delinde.demo",
                "Dr. Esther Willems",
                Profession::MedicalSpecialist,
                &[],
                &[(8, TeamRole::Opleider), (8, TeamRole::MedicalManager), (0, TeamRole::MedicalManager)],
            ),
            ("hr@delinde.demo", "Karin Mulder", Profession::Other, &[OrgRole::Hr], &[]),
        ];
        let mut ids = Vec::new();
        for (email, name, prof, roles, memberships) in named {
            let id = add_person(
                &mut tx,
                &hash,
                now,
                people::NewPerson { email, name, profession: *prof, org_id: Some(org), is_instance_admin: false },
            )
            .await?;
            orgs::set_org_roles(&mut tx, id, roles).await?;
            for (t, r) in *memberships {
                orgs::add_member(&mut tx, teams[*t], id, *r).await?;
            }
            ids.push(id);
        }
        // About fifty more, spread over the teams: mostly nurses, some
        // doctors and specialists in the specialist groups.
        let mut n = 0usize;
        for (ti, team) in teams.iter().enumerate() {
            let size = if ti == 0 { 6 } else { 5 };
            for k in 0..size {
                let first = FIRST[(n * 7 + 3) % FIRST.len()];
                let last = LAST[(n * 5 + ti) % LAST.len()];
                n += 1;
                let prof = if ti >= 8 {
                    Profession::MedicalSpecialist
                } else {
                    [
                        Profession::BachelorNurse,
                        Profession::VocationalNurse,
                        Profession::BachelorNurse,
                        Profession::CareAssistant,
                        Profession::Doctor,
                    ][k % 5]
                };
                let email = mail_name(first, last);
                let email = if people::by_email(&mut tx, &email).await?.is_some() {
                    email.replace('@', &format!("{n}@"))
                } else {
                    email
                };
                let id = add_person(
                    &mut tx,
                    &hash,
                    now,
                    people::NewPerson {
                        email: &email,
                        name: &format!("{first} {last}"),
                        profession: prof,
                        org_id: Some(org),
                        is_instance_admin: false,
                    },
                )
                .await?;
                let role = if k == 0 && ti < 8 && ti != 0 { TeamRole::TeamLeader } else { TeamRole::Member };
                orgs::add_member(&mut tx, *team, id, role).await?;
            }
        }
        tx.commit().await?;
        Ok(Some(teams))
    }

    /// The practices under way in the demo hospital, made through the same
    /// services people use: a trajectory in "work on it" with its agreements
    /// on the board, a few more actions (one overdue), and a reflection cycle
    /// in the specialists' group.
    async fn seed_demo_practices(&self, teams: &[i64]) -> Result<()> {
        let mut c = self.conn().await?;
        let mut who = async |email: &str| -> Result<Actor> {
            let p = people::by_email(&mut c, email).await?.ok_or(crate::Error::NotFound)?;
            self.actor(p.id).await?.ok_or(crate::Error::NotFound)
        };
        let (pl, trainer, leader, sanne, thijs, esther) = (
            who("programmaleider@delinde.demo").await?,
            who("trainer@delinde.demo").await?,
            who("teamleider@delinde.demo").await?,
            who("verpleegkundige@delinde.demo").await?,
            who("aios@delinde.demo").await?,
            who("opleider@delinde.demo").await?,
        );
        let b3 = teams[0];
        let t = self.start_trajectory(&pl, b3, &trainer.id().to_string()).await.map_err(at("start_trajectory"))?;
        let answers = [
            (
                &sanne,
                "De overdracht 's ochtends loopt uit en wordt vaak onderbroken.",
                "Hoe we elkaar opvangen na een zware dienst.",
            ),
            (
                &thijs,
                "Ik weet vaak niet wie ik moet bellen voor een vraag over medicatie.",
                "De patiënten zeggen dat ze zich hier gezien voelen.",
            ),
            (
                &leader,
                "Er is weinig tijd om samen terug te kijken op incidenten.",
                "Het team neemt zelf initiatief bij roosterproblemen.",
            ),
        ];
        for (a, daily, proud) in answers {
            self.answer_intake(a, b3, t, daily, proud).await.map_err(at("answer_intake"))?;
        }
        let handover = self.add_theme(&trainer, b3, t, "Overdracht").await.map_err(at("add_theme"))?;
        let calm = self.add_theme(&trainer, b3, t, "Rust en ruimte om te leren").await.map_err(at("add_theme"))?;
        let intake = self.intake_page(&trainer, b3, t).await.map_err(at("intake_page"))?;
        for (i, a) in intake.answers.iter().enumerate() {
            let theme = if i % 2 == 0 { handover } else { calm };
            self.set_answer_theme(&trainer, b3, t, a.id, &theme.to_string()).await.map_err(at("set_answer_theme"))?;
        }
        self.advance_trajectory(&trainer, b3, t, "intake").await.map_err(at("advance_trajectory"))?;
        let today = self.today().to_string();
        let observations = [
            ("work", "Tussen 7.00 en 7.30 uur werd de overdracht vier keer onderbroken door de telefoon.", handover),
            (
                "problem",
                "Twee verpleegkundigen zochten tien minuten naar een vrije computer voor de overdracht.",
                handover,
            ),
            ("interaction", "De leidinggevende vroeg in de pauze wie hulp nodig had; drie mensen reageerden.", calm),
        ];
        for (category, text, theme) in observations {
            let input =
                crate::trajectories::ObservationInput { date: &today, category, text, theme: &theme.to_string() };
            self.add_observation(&trainer, b3, t, &input).await.map_err(at("add_observation"))?;
        }
        self.advance_trajectory(&trainer, b3, t, "observation").await.map_err(at("advance_trajectory"))?;
        self.save_reflection(
            &leader,
            b3,
            t,
            handover,
            "Het team herkent de onderbrekingen; de telefoon gaat tijdens de overdracht naar de secretaresse.",
        )
        .await?;
        let due = self.today().add_days(28).to_string();
        let agreements = [
            ("Telefoon tijdens de overdracht naar de secretaresse", "Een overdracht zonder onderbrekingen", &sanne),
            ("Eén aanspreekpunt voor medicatievragen per dienst", "Sneller antwoord op vragen over medicatie", &thijs),
        ];
        for (title, goal, k) in agreements {
            let input =
                ActionInput { title, goal, kartrekker: &k.id().to_string(), due_date: &due, evaluation_date: "" };
            self.add_agreement(&trainer, b3, t, &input).await.map_err(at("add_agreement"))?;
        }
        self.advance_trajectory(&trainer, b3, t, "mirror_session").await.map_err(at("advance_trajectory"))?;
        // The six weeks are nearly over: the evaluation is in four days, so
        // the team is asked "did this help?" on its home pages.
        self.advance_trajectory(&trainer, b3, t, "work").await.map_err(at("advance_trajectory"))?;
        self.plan_demo_session(&trainer, b3, t, SessionKind::Evaluation, 4).await?;

        // A few actions straight in the register, one of them past its date.
        let soon = self.today().add_days(10).to_string();
        let register = [
            ("Gordijn in behandelkamer 3", "Privacy bij het verbinden van wonden", &leader),
            ("Opfrismoment tilliften", "Iedereen kan de nieuwe tillift veilig gebruiken", &sanne),
        ];
        let mut last = 0;
        for (title, goal, k) in register {
            let input =
                ActionInput { title, goal, kartrekker: &k.id().to_string(), due_date: &soon, evaluation_date: "" };
            last = self.create_action(&leader, b3, &input, Origin::REGISTER).await.map_err(at("create_action"))?;
        }
        let mut c = self.conn().await?;
        if let Some(a) = actions::by_id(&mut c, last).await? {
            let fields = actions::Fields {
                title: &a.title,
                goal: &a.goal,
                kartrekker_id: a.kartrekker_id,
                status: Status::InProgress,
                due_date: Some(self.today().add_days(-3)),
                evaluation_date: None,
                result: "",
            };
            actions::update(&mut c, last, &fields, self.now()).await?;
        }
        drop(c);

        // The specialists' group is halfway its reflection cycle.
        let group = teams[8];
        let d = |n: i64| self.today().add_days(n).to_string();
        let cycle = self
            .start_reflection_cycle(&esther, group, "Vakgroep Interne — najaar", [&d(7), &d(14), &d(21), &d(28)], "3")
            .await
            .map_err(at("start_reflection_cycle"))?;
        self.demo_self_evaluation(&esther, cycle, "4").await?;
        self.request_feedback(&esther, cycle, &[thijs.id().to_string()]).await.map_err(at("request_feedback"))?;

        self.seed_demo_trajectories(teams, &pl, &trainer).await?;
        self.seed_demo_cycles(teams, &leader, &sanne, &thijs, &esther).await?;
        // improvement (Verwonder & Verbeter)
        let colleague = self.demo_staff(b3, &[leader.id(), sanne.id()]).await?;
        self.seed_demo_improvement(b3, &leader, &sanne, &colleague).await?;
        // decisions: a Fair Process decision with its fairness result
        self.seed_demo_decision(teams[0], &leader).await?;
        let org = pl.org_id().ok_or(crate::Error::NotFound)?;
        self.seed_demo_portfolio(org, teams[8], esther.id()).await.map_err(at("seed_demo_portfolio"))?; // portfolio
        self.seed_demo_history(org, teams).await?;
        // pulse: a year of rounds for four teams
        self.seed_demo_pulse(teams, &leader, sanne.id()).await.map_err(at("seed_demo_pulse"))?;
        // meetings (issue 17)
        self.seed_demo_meetings(b3, &leader).await.map_err(at("seed_demo_meetings"))
    }

    /// A trajectory in every other phase, each with its trainer's next
    /// session planned; HR joins the team whose intake is open.
    async fn seed_demo_trajectories(&self, teams: &[i64], pl: &Actor, trainer: &Actor) -> Result<()> {
        let phases = [
            (teams[1], Phase::Intake, Some((SessionKind::Intake, 3))),
            (teams[2], Phase::Observation, None),
            (teams[3], Phase::MirrorSession, Some((SessionKind::MirrorSession, 6))),
            (teams[4], Phase::Work, None),
            (teams[5], Phase::ReEvaluation, None),
        ];
        for (team, to, session) in phases {
            let t = self.start_trajectory(pl, team, &trainer.id().to_string()).await.map_err(at("start_trajectory"))?;
            // Starting made them the team's trainer: their roles are read again.
            let trainer = self.actor(trainer.id()).await?.ok_or(crate::Error::NotFound)?;
            let members = orgs::members(&mut self.conn().await?, team).await?;
            let staff: Vec<i64> = members.iter().map(|m| m.person_id).filter(|p| *p != trainer.id()).collect();
            // As many as the demo's minimum group size: the answers show.
            for (i, p) in staff.iter().take(INTAKE_ANSWERS.len()).enumerate() {
                let a = self.actor(*p).await?.ok_or(crate::Error::NotFound)?;
                let (daily, proud) = INTAKE_ANSWERS[i];
                self.answer_intake(&a, team, t, daily, proud).await.map_err(at("answer_intake"))?;
            }
            let mut phase = Phase::Intake;
            while phase < to {
                if phase == Phase::MirrorSession {
                    let k = staff.first().copied().unwrap_or(trainer.id()).to_string();
                    let due = self.today().add_days(35).to_string();
                    let input = ActionInput {
                        title: "Vaste plek voor de overdracht",
                        goal: "Een rustige overdracht zonder zoeken",
                        kartrekker: &k,
                        due_date: &due,
                        evaluation_date: "",
                    };
                    self.add_agreement(&trainer, team, t, &input).await.map_err(at("add_agreement"))?;
                }
                if phase == Phase::Evaluation {
                    let sid = self.plan_demo_session(&trainer, team, t, SessionKind::Evaluation, 0).await?;
                    let input = EvaluationInput {
                        results: "De vaste plek werkt; de overdracht is korter en rustiger.",
                        next_steps: "Over een half jaar kijken we opnieuw.",
                        months: "6",
                    };
                    self.save_evaluation(&trainer, team, t, sid, &input, Complete::Anyway)
                        .await
                        .map_err(at("save_evaluation"))?;
                    phase = Phase::ReEvaluation;
                    continue;
                }
                phase = self.advance_trajectory(&trainer, team, t, phase.code()).await.map_err(at("advance"))?;
            }
            if let Some((kind, days)) = session {
                self.plan_demo_session(&trainer, team, t, kind, days).await?;
            }
        }
        // HR joins the ward whose intake is open, and has yet to answer it.
        let mut c = self.conn().await?;
        let hr = people::by_email(&mut c, "hr@delinde.demo").await?.ok_or(crate::Error::NotFound)?;
        orgs::add_member(&mut c, teams[1], hr.id, TeamRole::Member).await?;
        Ok(())
    }

    /// A member of the team who is none of `besides`.
    async fn demo_staff(&self, team: i64, besides: &[i64]) -> Result<Actor> {
        let members = orgs::members(&mut self.conn().await?, team).await?;
        let p = members.iter().map(|m| m.person_id).find(|p| !besides.contains(p)).ok_or(crate::Error::NotFound)?;
        self.actor(p).await?.ok_or(crate::Error::NotFound)
    }

    /// Submits the person's self-evaluation in a cycle with every scale at `score`.
    async fn demo_self_evaluation(&self, who: &Actor, cycle: i64, score: &str) -> Result<()> {
        let own = self.open_self_evaluation(who, cycle).await.map_err(at("open_self_evaluation"))?;
        let form = self.response_form(who, own).await.map_err(at("response_form"))?;
        let answers: Vec<(String, String)> = form
            .instrument
            .definition
            .items()
            .filter(|i| i.kind.range().is_some())
            .map(|i| (format!("q-{}", i.id), score.to_string()))
            .collect();
        self.save_response(who, own, &answers, true).await.map_err(at("save_response"))?;
        Ok(())
    }

    /// Dates the trajectory's latest session of `kind` `days` from today, at
    /// two in the afternoon; returns its id.
    async fn plan_demo_session(&self, trainer: &Actor, team: i64, t: i64, kind: SessionKind, days: i64) -> Result<i64> {
        let sessions = crate::trajectories::store::sessions(&mut self.conn().await?, t).await?;
        let sid = sessions.iter().rfind(|s| s.kind == kind).map(|s| s.id).ok_or(crate::Error::NotFound)?;
        let date = self.today().add_days(days).to_string();
        let input = SessionInput {
            date: &date,
            start_time: "14:00",
            minutes: "90",
            agenda: "Terugblik, wat we zagen, en wat we nu afspreken.",
            location: "Teamkamer",
        };
        self.save_session(trainer, team, t, sid, &input, &[]).await.map_err(at("save_session"))?;
        Ok(sid)
    }

    /// Reflection cycles in the other states: one finished last spring in
    /// the specialists' group, and one in Interne B3 whose feedback is
    /// closed, with a personal plan that names the team leader as buddy.
    async fn seed_demo_cycles(
        &self,
        teams: &[i64],
        leader: &Actor,
        sanne: &Actor,
        thijs: &Actor,
        esther: &Actor,
    ) -> Result<()> {
        let d = |n: i64| self.today().add_days(n).to_string();
        let old = [d(-200), d(-190), d(-180), d(-170)];
        let old = [&old[0][..], &old[1], &old[2], &old[3]];
        let spring = self
            .start_reflection_cycle(esther, teams[8], "Vakgroep Interne — voorjaar", old, "3")
            .await
            .map_err(at("start_reflection_cycle"))?;
        self.close_reflection_feedback(esther, spring).await.map_err(at("close_reflection_feedback"))?;

        let now = [d(-21), d(-14), d(-7), d(7)];
        let now = [&now[0][..], &now[1], &now[2], &now[3]];
        let b3 = self
            .start_reflection_cycle(leader, teams[0], "Interne B3 — roeping en collegialiteit", now, "3")
            .await
            .map_err(at("start_reflection_cycle"))?;
        // Four, so that each of them sees the group (three others).
        let fourth = self.demo_staff(teams[0], &[leader.id(), sanne.id(), thijs.id()]).await?;
        for (who, score) in [(leader, "4"), (sanne, "5"), (thijs, "3"), (&fourth, "4")] {
            self.demo_self_evaluation(who, b3, score).await?;
        }
        self.close_reflection_feedback(leader, b3).await.map_err(at("close_reflection_feedback"))?;
        let actions = [PlannedAction {
            action: "",
            title: "Intervisie over lastige overdrachten",
            goal: "Leren van elkaars aanpak",
            due_date: &d(21),
        }];
        let plan = PlanInput {
            actions: &actions,
            safeguarding: "Marieke vraagt er in ons maandgesprek naar.",
            buddy: &leader.id().to_string(),
            follow_up: &d(30),
            private: false,
        };
        self.save_action_plan(sanne, b3, &plan).await.map_err(at("save_action_plan"))?;
        Ok(())
    }

    /// Two years of actions in the register, most of them done: what the
    /// boards and the overview show of a hospital that has worked like this
    /// for a while. Written with their past dates through the store, as the
    /// services write the present; a few in the last teams are still open
    /// and past their date, for the program leader to notice.
    async fn seed_demo_history(&self, org: i64, teams: &[i64]) -> Result<()> {
        let now = self.now();
        let mut tx = self.db.begin().await?;
        for (i, (title, goal)) in HISTORY.iter().cycle().take(40).enumerate() {
            let ti = i % 8;
            let members = orgs::members(&mut tx, teams[ti]).await?;
            let k = members[i % members.len()].person_id;
            let created = now - (730 - 17 * i as i64) * DAY_MS;
            let due = Date::today_nl(created).add_days(42);
            let new = actions::NewAction {
                org_id: org,
                team_id: teams[ti],
                title,
                goal,
                kartrekker_id: k,
                due_date: Some(due),
                evaluation_date: None,
                origin: Origin::REGISTER,
                created_by: k,
            };
            let id = actions::insert(&mut tx, &new, created).await?;
            actions::insert_update(
                &mut tx,
                id,
                k,
                "Besproken in het teamoverleg; we gaan door.",
                created + 14 * DAY_MS,
            )
            .await?;
            let still_open = ti >= 6 && i >= 30;
            let fields = actions::Fields {
                title,
                goal,
                kartrekker_id: k,
                status: if still_open { Status::InProgress } else { Status::Done },
                due_date: Some(due),
                evaluation_date: None,
                result: if still_open { "" } else { "Gedaan en besproken in het team." },
            };
            actions::update(&mut tx, id, &fields, created + 40 * DAY_MS).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// What the first three staff members of each team answer at the intake.
const INTAKE_ANSWERS: [(&str, &str); 3] = [
    ("We zoeken vaak naar materiaal dat niet op zijn plek ligt.", "Hoe we inspringen als iemand ziek is."),
    ("De pauzes schieten er bij drukte bij in.", "De familie zegt dat ze zich welkom voelen."),
    ("Overleg met de arts gebeurt vaak op de gang.", "Nieuwe collega's worden goed ingewerkt."),
];

/// Actions of the past two years: (title, goal).
const HISTORY: &[(&str, &str)] = &[
    ("Nieuwe inwerkmap", "Nieuwe collega's weten in een week de weg"),
    ("Valpreventie bij opname", "Minder valincidenten in de eerste nacht"),
    ("Vaste pauzetijden", "Iedereen heeft een pauze, ook bij drukte"),
    ("Medicatiekar opgeruimd", "Geen zoektocht tijdens de medicatieronde"),
    ("Huddle om 10 uur", "Iedereen weet wie hulp nodig heeft"),
    ("Familiegesprek binnen 48 uur", "Familie weet wat ze kan verwachten"),
    ("Checklist ontslag", "Niets vergeten bij het ontslag"),
    ("Terugblik na incidenten", "Leren zonder schuldvraag"),
];

/// (e-mail, name, profession, organisation roles, (team index, role) memberships)
type Named = (&'static str, &'static str, Profession, &'static [OrgRole], &'static [(usize, TeamRole)]);

async fn add_person(tx: &mut crate::db::Conn, hash: &str, now: i64, p: people::NewPerson<'_>) -> Result<i64> {
    let id = people::insert(tx, &p, now).await?;
    people::set_password_hash(tx, id, hash).await?;
    Ok(id)
}
