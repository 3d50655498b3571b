use kartrekker::demo;

use kartrekker_testkit::*;

both_databases!(the_demo_hospital_has_practices_under_way, every_demo_log_in_has_something_to_do_at_home);

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
    // portfolio: her residents, and what Thijs shared with her.
    let residents = esther.get("/portfolio/residents").await;
    residents.assert_has("Lotte Smit");
    residents.assert_has("Mohammed El Amrani");
    let thijs = esther
        .get(
            &residents
                .body
                .split("href=\"/portfolio/residents/")
                .nth(3)
                .map(|r| format!("/portfolio/residents/{}", r.split('"').next().unwrap()))
                .unwrap(),
        )
        .await;
    thijs.assert_has("Thijs Verbeek");
    thijs.assert_has("De arts-assistenten uit het eerste jaar kwamen weinig aan bod.");
    thijs.assert_has("Klinisch en opleider");
}

async fn demo_home(app: &TestApp, email: &str) -> Page {
    let c = Client::new(app);
    assert_eq!(c.login(email, demo::PASSWORD).await.status, 303, "{email}");
    let home = c.get("/").await;
    assert_eq!(home.status, 200, "{email}");
    home
}

async fn every_demo_log_in_has_something_to_do_at_home(app: TestApp) {
    assert!(app.k.seed_demo().await.unwrap());
    for (email, role) in demo::LOGINS {
        let home = demo_home(&app, email).await;
        assert!(home.has("class=\"item"), "{email} ({role}) has nothing on the home page:\n{}", home.body);
    }
    let nurse = demo_home(&app, "verpleegkundige@delinde.demo").await;
    nurse.assert_has("Heeft het geholpen?");
    nurse.assert_has("calendar.ics");
    let aios = demo_home(&app, "aios@delinde.demo").await;
    aios.assert_has("Zelfevaluatie invullen");
    aios.assert_has("Feedback geven aan Dr. Esther Willems");
    let leader = demo_home(&app, "teamleider@delinde.demo").await;
    leader.assert_has("Actieplan van Sanne Bakker");
    leader.assert_has("Teams die je leidt");
    leader.assert_has("hebben de zelfevaluatie ingevuld");
    let trainer = demo_home(&app, "trainer@delinde.demo").await;
    for phase in ["Intake", "Observatie", "Spiegelsessie", "Aan de slag", "Evaluatie", "Herevaluatie"] {
        trainer.assert_has(&format!("Stap: {phase}"));
    }
    demo_home(&app, "programmaleider@delinde.demo").await.assert_has("Teams die aandacht vragen");
    demo_home(&app, "hr@delinde.demo").await.assert_has("Intakevragenlijst invullen");
    demo_home(&app, "opleider@delinde.demo").await.assert_has("Reflectiecycli die je leidt");
}
