//! The benchmark's generator, at a tiny scale: the counts and a log-in.

use kartrekker_bench::{PASSWORD, Plan, seed};

use kartrekker_testkit::*;

both_databases!(the_generator_fills_an_empty_database_and_its_people_log_in);

async fn the_generator_fills_an_empty_database_and_its_people_log_in(app: TestApp) {
    let plan = Plan::tiny();
    let report = seed(&app.k, &plan).await.unwrap();
    let n = |t: &str| report.counts.iter().find(|c| c.0 == t).map(|c| c.1).unwrap();
    assert_eq!(n("organisations"), 2);
    assert_eq!(n("departments"), 2 * plan.departments as i64);
    assert_eq!(n("teams"), 2 * plan.teams as i64);
    assert_eq!(n("people"), 2 * plan.people as i64);
    assert_eq!(n("actions"), 2 * plan.actions as i64);
    assert_eq!(n("reflection_cycles"), 2 * plan.cycles as i64);
    // Verwonder & Verbeter: six points and a project with 30 data points and three cycles per team.
    assert_eq!(n("verwonderpunten"), 2 * 6 * plan.teams as i64);
    assert_eq!(n("improvement_projects"), 2 * plan.teams as i64);
    assert_eq!(n("improvement_data"), 2 * 30 * plan.teams as i64);
    assert_eq!(n("improvement_cycles"), 2 * 3 * plan.teams as i64);
    for t in [
        "action_updates",
        "action_history",
        "trajectories",
        "trajectory_sessions",
        "responses",
        "answers",
        "verwonder_supports",
    ] {
        assert!(n(t) > 0, "{t} is filled");
    }
    assert_eq!(count(&app, "people").await, 2 * plan.people as i64);
    let phases: i64 = kartrekker::db::query_scalar("SELECT COUNT(DISTINCT phase) FROM trajectories")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(phases, 6, "trajectories in every phase");

    // A generated member logs in and sees personal results of a closed cycle.
    let fact = |k: &str| report.facts.iter().find(|f| f.0 == k).map(|f| f.1.clone()).unwrap();
    let c = Client::new(&app);
    assert_eq!(c.login(&fact("BENCH_MEMBER"), PASSWORD).await.status, 303);
    assert_eq!(c.get("/").await.status, 200);
    let results = c.get(&format!("/reflection/{}/results", fact("BENCH_RESULTS_CYCLE"))).await;
    assert_eq!(results.status, 200, "{}", results.body);
    assert!(results.has("Gebaseerd op "), "the colleagues' scores, not the too-few page: {}", results.body);
    // One of the member's drafts can be submitted as the benchmark does.
    let first = fact("BENCH_DRAFT_FIRST");
    c.get(&format!("/questionnaires/{first}")).await;
    let body = fact("BENCH_SUBMIT_BODY");
    let fields: Vec<(&str, &str)> =
        body.split('&').filter_map(|kv| kv.split_once('=')).filter(|(k, _)| *k != "csrf").collect();
    let fields: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.replace('+', " "))).collect();
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let p = c.post(&format!("/questionnaires/{first}?section=1"), &refs).await;
    assert_eq!(p.status, 303, "{}", p.body);

    // The benchmark's pages of Verwonder & Verbeter answer.
    let team = fact("BENCH_TEAM");
    let leader = Client::new(&app);
    leader.login(&fact("BENCH_LEADER"), PASSWORD).await;
    let list = leader.get(&format!("/teams/{team}/verwonderpunten")).await;
    assert_eq!(list.status, 200, "{}", list.body);
    let project = leader.get(&format!("/verbeterprojecten/{}", fact("BENCH_PROJECT"))).await;
    assert_eq!(project.status, 200, "{}", project.body);
    assert!(project.has("Er is een verschuiving.") && project.has("Cyclus 3"), "{}", project.body);
    let program = Client::new(&app);
    program.login(&fact("BENCH_PROGRAM"), PASSWORD).await;
    let overview = program.get("/program/verbeterprojecten").await;
    assert!(overview.has("Kortere ochtendoverdracht"), "{}", overview.body);

    // The portfolio: residents with years of activities, feedback and plans;
    // the benchmark's resident and her opleider see its pages.
    for t in ["portfolio_activities", "portfolio_feedback", "portfolio_plans", "portfolio_comments"] {
        assert!(n(t) > 0, "{t} is filled");
    }
    let resident = Client::new(&app);
    assert_eq!(resident.login(&fact("BENCH_RESIDENT"), PASSWORD).await.status, 303);
    let own = resident.get("/portfolio").await;
    assert_eq!(own.status, 200, "{}", own.body);
    let opleider = Client::new(&app);
    assert_eq!(opleider.login(&fact("BENCH_OPLEIDER"), PASSWORD).await.status, 303);
    let list = opleider.get("/portfolio/residents").await;
    assert_eq!(list.status, 200, "{}", list.body);
    let id = fact("BENCH_RESIDENT_ID");
    assert!(list.has(&format!("/portfolio/residents/{id}")), "{}", list.body);
    assert_eq!(opleider.get(&format!("/portfolio/residents/{id}")).await.status, 200);

    // The team leader and the program leader log in too; a second run is refused.
    for who in ["BENCH_LEADER", "BENCH_PROGRAM"] {
        assert_eq!(Client::new(&app).login(&fact(who), PASSWORD).await.status, 303, "{who}");
    }
    assert!(seed(&app.k, &plan).await.is_err(), "a database with people is refused");
}
