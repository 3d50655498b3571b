use kartrekker::demo;

use kartrekker_testkit::*;

both_databases!(the_demo_hospital_has_practices_under_way);

async fn the_demo_hospital_has_practices_under_way(app: TestApp) {
    assert!(app.k.seed_demo().await.unwrap());
    assert!(!app.k.seed_demo().await.unwrap(), "a second start reuses the data");
    let people = count(&app, "people").await;
    assert!((55..=70).contains(&people), "about 60 people: {people}");
    let c = Client::new(&app);
    let p = c.login("teamleider@delinde.demo", demo::PASSWORD).await;
    assert_eq!(p.status, 303);
    let home = c.get("/").await;
    home.assert_has("Gordijn in behandelkamer 3");
    let overdue = c.get("/actions/overdue").await;
    overdue.assert_has("Opfrismoment tilliften");
    let board = c.get("/teams/1/actions").await;
    board.assert_has("Telefoon tijdens de overdracht naar de secretaresse");
    board.assert_has("Spiegelsessie");
    let esther = Client::new(&app);
    esther.login("opleider@delinde.demo", demo::PASSWORD).await;
    let cycles = esther.get("/teams/9/reflection").await;
    cycles.assert_has("Vakgroep Interne — najaar");
}
