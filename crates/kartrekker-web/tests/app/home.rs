//! The home page says what needs each person now, one tap from the exact
//! page: per role, only what they may see, never another organisation's,
//! and a cycle's progress as counts without names.

use kartrekker::actions::{ActionInput, Origin};
use kartrekker::auth::Actor;
use kartrekker::clock::DAY_MS;
use kartrekker::reflection::{PlanInput, PlannedAction};
use kartrekker::trajectories::{Phase, SessionInput};

use kartrekker_testkit::*;

use super::trajectories::session_id;

both_databases!(
    a_nurse_sees_an_open_intake_until_she_answers_it,
    each_role_sees_its_part_and_nothing_more,
    sessions_votes_and_buddy_plans_are_one_tap_away,
    a_cycle_leader_sees_counts_and_never_names,
    an_empty_home_says_what_to_do_next,
    another_organisations_items_never_appear,
);

use kartrekker_testkit::{TrajectoryOrg as Fx, trajectory_org as fixture};

/// Starts the team's trajectory; returns its id.
async fn start(app: &TestApp, fx: &Fx) -> i64 {
    let pl = actor(app, &fx.pl).await;
    let trainer = actor(app, &fx.trainer).await;
    app.k.start_trajectory(&pl, fx.o.team_id, &trainer.id().to_string()).await.unwrap()
}

/// Moves the trajectory on, as the trainer, from phase `now` to `to`.
async fn advance(app: &TestApp, fx: &Fx, tid: i64, mut now: Phase, to: Phase) {
    let trainer = actor(app, &fx.trainer).await;
    while now < to {
        now = app.k.advance_trajectory(&trainer, fx.o.team_id, tid, now.code()).await.unwrap();
    }
}

fn action<'a>(title: &'a str, kartrekker: &'a str, due: &'a str) -> ActionInput<'a> {
    ActionInput { title, goal: "Beter werk", kartrekker, due_date: due, evaluation_date: "" }
}

async fn home(app: &TestApp, email: &str) -> Page {
    let p = Client::logged_in(app, email).await.get("/").await;
    assert_eq!(p.status, 200, "{}", p.body);
    p
}

async fn a_nurse_sees_an_open_intake_until_she_answers_it(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Oost").await;
    let tid = start(&app, &fx).await;
    let intake = format!("/teams/{}/trajectory/{tid}/intake", fx.o.team_id);
    let before = home(&app, &fx.o.member).await;
    before.assert_has(&format!("href=\"{intake}\""));
    before.assert_has("Intakevragenlijst invullen");
    // The trainer does not answer the intake: it is theirs to run.
    assert!(!home(&app, &fx.trainer).await.has(&format!("href=\"{intake}\"")));
    let nurse = Client::logged_in(&app, &fx.o.member).await;
    nurse.get(&intake).await;
    let p = nurse.post(&intake, &[("daily", "De overdracht loopt uit."), ("proud", "We helpen elkaar.")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let after = nurse.get("/").await;
    assert!(!after.has(&format!("href=\"{intake}\"")), "answered, so no longer asked");
    assert!(!after.has("Intakevragenlijst invullen"));
}

async fn each_role_sees_its_part_and_nothing_more(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Oost").await;
    let tid = start(&app, &fx).await;
    let leader = actor(&app, &fx.o.leader).await;
    let today = app.k.today();
    let due = today.add_days(2).to_string();
    let member_id = fx.o.member_id.to_string();
    app.k
        .create_action(&leader, fx.o.team_id, &action("Tillift oefenen", &member_id, &due), Origin::REGISTER)
        .await
        .unwrap();
    app.clock.advance_ms(3 * DAY_MS);
    let trajectory = format!("href=\"/teams/{}/trajectory/{tid}\"", fx.o.team_id);

    let member = home(&app, &fx.o.member).await;
    member.assert_has("Tillift oefenen");
    member.assert_has("Over de datum");
    for other in ["Teams die je leidt", "Trajecten die je begeleidt", "Teams die aandacht vragen"] {
        assert!(!member.has(other), "a member does not see {other:?}");
    }

    let lead = home(&app, &fx.o.leader).await;
    lead.assert_has("Teams die je leidt");
    lead.assert_has(&trajectory);
    lead.assert_has("Stap: Intake");
    lead.assert_has("één actie over de datum");
    assert!(!lead.has("Teams die aandacht vragen"));

    let trainer = home(&app, &fx.trainer).await;
    trainer.assert_has("Trajecten die je begeleidt");
    trainer.assert_has(&trajectory);
    assert!(!trainer.has("Tillift oefenen"), "not the trainer's action");

    let pl = home(&app, &fx.pl).await;
    pl.assert_has("Teams die aandacht vragen");
    pl.assert_has("één actie over de datum");
    pl.assert_has("href=\"/program/trajectories\"");
    assert!(!pl.has("Tillift oefenen"), "counts, not the team's actions");
}

async fn sessions_votes_and_buddy_plans_are_one_tap_away(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Oost").await;
    let tid = start(&app, &fx).await;
    let team = fx.o.team_id;
    let trainer = actor(&app, &fx.trainer).await;
    let day = app.k.today().add_days(5).to_string();
    let intake_session = session_id(&app, tid, "intake").await;
    let planned = SessionInput { date: &day, start_time: "14:00", minutes: "90", agenda: "", location: "Stiltekamer" };
    app.k.save_session(&trainer, team, tid, intake_session, &planned, &[]).await.unwrap();
    let ics = format!("/teams/{team}/trajectory/{tid}/sessions/{intake_session}/calendar.ics");
    let nurse = Client::logged_in(&app, &fx.o.member).await;
    let p = nurse.get("/").await;
    p.assert_has("Intake: Interne B3");
    p.assert_has("14:00 · Stiltekamer");
    p.assert_has(&format!("href=\"{ics}\""));
    assert_eq!(nurse.get(&ics).await.status, 200);

    // At the evaluation, each agreed action asks "did this help?" until answered.
    advance(&app, &fx, tid, Phase::Intake, Phase::MirrorSession).await;
    let member = actor(&app, &fx.o.member).await;
    let member_id = member.id().to_string();
    let due = app.k.today().add_days(20).to_string();
    let agreed =
        app.k.add_agreement(&member, team, tid, &action("Telefoon naar de balie", &member_id, &due)).await.unwrap();
    advance(&app, &fx, tid, Phase::MirrorSession, Phase::Evaluation).await;
    let evaluation = format!("href=\"/teams/{team}/trajectory/{tid}/evaluation\"");
    // Six weeks of work: the question shows in the last two before the evaluation.
    assert!(!nurse.get("/").await.has(&evaluation), "not yet, weeks before the evaluation");
    app.clock.advance_ms(30 * DAY_MS);
    let nurse = Client::logged_in(&app, &fx.o.member).await;
    let p = nurse.get("/").await;
    p.assert_has("Heeft het geholpen?");
    p.assert_has(&evaluation);
    assert!(!home(&app, &fx.trainer).await.has(&evaluation), "the trainer does not vote");
    let eval_session = session_id(&app, tid, "evaluation").await;
    app.k.answer_helped(&member, team, tid, eval_session, agreed, "yes").await.unwrap();
    assert!(!nurse.get("/").await.has(&evaluation), "answered, so no longer asked");

    // A plan names a buddy: the buddy follows it from their home.
    let leader = actor(&app, &fx.o.leader).await;
    min_group_size(&app, &fx.o.admin, 3).await;
    let cycle = start_cycle(&app, &leader, team, "Najaar", "3").await;
    let due = app.k.today().add_days(20).to_string();
    let actions = [PlannedAction { action: "", title: "Intervisie plannen", goal: "Leren van elkaar", due_date: &due }];
    let follow_up = app.k.today().add_days(30).to_string();
    let buddy = leader.id().to_string();
    let plan = PlanInput {
        actions: &actions,
        safeguarding: "Mijn buddy vraagt ernaar",
        buddy: &buddy,
        follow_up: &follow_up,
        private: false,
    };
    app.k.save_action_plan(&member, cycle, &plan).await.unwrap();
    let p = home(&app, &fx.o.leader).await;
    p.assert_has("Actieplan van Lars Lid");
    let plan_page = format!("/reflection/{cycle}/plans/{}", member.id());
    p.assert_has(&format!("href=\"{plan_page}\""));
    let opened = Client::logged_in(&app, &fx.o.leader).await.get(&plan_page).await;
    assert_eq!(opened.status, 200, "the buddy opens the plan from home");
    opened.assert_has("Intervisie plannen");
}

async fn start_cycle(app: &TestApp, leader: &Actor, team: i64, title: &str, min_raters: &str) -> i64 {
    let d: Vec<String> = [7, 14, 21, 28].iter().map(|n| app.k.today().add_days(*n).to_string()).collect();
    let dates = [&d[0][..], &d[1], &d[2], &d[3]];
    app.k.start_reflection_cycle(leader, team, title, dates, min_raters).await.unwrap()
}

/// Submits the actor's self-evaluation with every scale at 4.
async fn self_evaluate(app: &TestApp, who: &Actor, cycle: i64) {
    let own = app.k.open_self_evaluation(who, cycle).await.unwrap();
    let form = app.k.response_form(who, own).await.unwrap();
    let answers: Vec<(String, String)> = form
        .instrument
        .definition
        .items()
        .filter(|i| i.kind.range().is_some())
        .map(|i| (format!("q-{}", i.id), "4".to_string()))
        .collect();
    app.k.save_response(who, own, &answers, true).await.unwrap();
}

async fn a_cycle_leader_sees_counts_and_never_names(app: TestApp) {
    let o = org(&app, "Ziekenhuis Oost").await;
    min_group_size(&app, &o.admin, 3).await;
    let admin = actor(&app, &o.admin).await;
    let mut group = vec![actor(&app, &o.member).await];
    for name in ["Carla", "Dirk", "Eva"] {
        let email = format!("{}@groep.test", name.to_lowercase());
        let id = app.k.create_person(&admin, &format!("{name} Specialist"), &email, "medisch specialist", &[]).await;
        app.k.add_member(&admin, o.team_id, &id.unwrap().to_string(), "member").await.unwrap();
        activate(&app, &email).await;
        group.push(actor(&app, &email).await);
    }
    let leader = actor(&app, &o.leader).await;
    let cycle = start_cycle(&app, &leader, o.team_id, "Najaar", "3").await;
    let todo = format!("href=\"/reflection/{cycle}\"");
    let carla = home(&app, "carla@groep.test").await;
    carla.assert_has("Zelfevaluatie invullen");
    carla.assert_has(&todo);
    self_evaluate(&app, &group[1], cycle).await;
    self_evaluate(&app, &group[2], cycle).await;
    assert!(!home(&app, "carla@groep.test").await.has("Zelfevaluatie invullen"), "submitted, so no longer asked");

    // Asked for feedback, Eva sees who asked her; nobody else does.
    app.k.request_feedback(&group[1], cycle, &[group[3].id().to_string()]).await.unwrap();
    let eva = home(&app, "eva@groep.test").await;
    eva.assert_has("Feedback geven aan Carla Specialist");
    assert!(!home(&app, "dirk@groep.test").await.has("Feedback geven"));

    // The leader: fewer than the threshold of the four others answered,
    // then three; no one is named.
    let lead = home(&app, &o.leader).await;
    lead.assert_has("Reflectiecycli die je leidt");
    lead.assert_has("Minder dan 3 hebben de zelfevaluatie ingevuld");
    self_evaluate(&app, &group[3], cycle).await;
    let lead = home(&app, &o.leader).await;
    lead.assert_has("3 van 4 hebben de zelfevaluatie ingevuld");
    for name in ["Carla", "Dirk", "Eva", "Lars"] {
        assert!(!lead.has(name), "the leader's home names {name}");
    }
    // Fewer others than the threshold: no counts at all.
    start_cycle(&app, &leader, o.team_id, "Voorjaar", "5").await;
    home(&app, &o.leader).await.assert_has("De groep is te klein om aantallen te tonen");
}

async fn an_empty_home_says_what_to_do_next(app: TestApp) {
    let o = org(&app, "Ziekenhuis Oost").await;
    let member = home(&app, &o.member).await;
    member.assert_has("Er wacht nu niets op jou");
    member.assert_has(&format!("href=\"/teams/{}/actions\"", o.team_id));
    let admin = home(&app, &o.admin).await;
    admin.assert_has("Er wacht nu niets op jou");
    admin.assert_has("href=\"/admin\"");
    // With something to do, the home says that instead.
    let leader = actor(&app, &o.leader).await;
    let due = app.k.today().add_days(7).to_string();
    let member_id = o.member_id.to_string();
    let input = action("Gordijn ophangen", &member_id, &due);
    app.k.create_action(&leader, o.team_id, &input, Origin::REGISTER).await.unwrap();
    let member = home(&app, &o.member).await;
    assert!(!member.has("Er wacht nu niets op jou"));
    member.assert_has("Gordijn ophangen");
}

async fn another_organisations_items_never_appear(app: TestApp) {
    let a = fixture(&app, "Ziekenhuis Oost").await;
    let b = fixture(&app, "Ziekenhuis West").await;
    let tid_b = start(&app, &b).await;
    let leader_b = actor(&app, &b.o.leader).await;
    let past = app.k.today().add_days(1).to_string();
    let member_id = b.o.member_id.to_string();
    let input = action("Geheim van West", &member_id, &past);
    app.k.create_action(&leader_b, b.o.team_id, &input, Origin::REGISTER).await.unwrap();
    min_group_size(&app, &b.o.admin, 3).await;
    start_cycle(&app, &leader_b, b.o.team_id, "Westcyclus", "3").await;
    app.clock.advance_ms(3 * DAY_MS);
    start(&app, &a).await;
    let west = [
        format!("/teams/{}/", b.o.team_id),
        format!("/trajectory/{tid_b}"),
        "Geheim van West".to_string(),
        "Westcyclus".to_string(),
    ];
    for email in [&a.o.member, &a.o.leader, &a.pl, &a.trainer, &a.o.admin] {
        let p = home(&app, email).await;
        for w in &west {
            assert!(!p.has(w), "{email} sees {w}");
        }
    }
    // West's own people do see theirs.
    home(&app, &b.o.member).await.assert_has("Geheim van West");
    home(&app, &b.pl).await.assert_has(&format!("href=\"/teams/{}/trajectory/{tid_b}\"", b.o.team_id));
}
