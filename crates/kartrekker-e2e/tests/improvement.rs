//! Verwonder & Verbeter in Chromium, the walk of issue 17: a nurse posts a
//! verwonderpunt from a 390 px phone, colleagues support it, the team leader
//! makes it a project, data points pasted as two columns make a run chart
//! that marks a shift, a PDCA cycle is written, the project closes with a
//! result and the nurse is told (her home page and the notice mail); the
//! team's wall and the organisation's overview show it. axe-core and the
//! 360 px check on every page.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, fill, log_in, main_text, phone};
use kartrekker_testkit::{TestApp, both_databases};

both_databases!(a_verwonderpunt_becomes_a_project_with_a_run_chart_and_the_nurse_is_told);

async fn set_value(d: &WebDriver, id: &str, value: &str) {
    let script = format!("document.getElementById('{id}').value = arguments[0];");
    d.execute(&script, vec![serde_json::json!(value)]).await.unwrap();
}

async fn a_verwonderpunt_becomes_a_project_with_a_run_chart_and_the_nurse_is_told(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let b3: i64 = kartrekker::db::query_scalar("SELECT id FROM teams WHERE name = 'Interne B3'")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    let list = format!("/teams/{b3}/verwonderpunten");
    let title = "Waarom piept de infuuspomp op kamer 7 de hele nacht?";

    // The nurse posts from her phone, in one short form.
    let nurse = Browser::start().await;
    let n = &nurse.driver;
    log_in(n, &app, "verpleegkundige@delinde.demo", demo::PASSWORD).await;
    phone(n, 390).await;
    n.goto(app.url(&list)).await.unwrap();
    assert_accessible(n, "verwonderpunten on a phone").await;
    click_button(n, "Plaatsen").await;
    assert!(main_text(n).await.contains("Schrijf op waar je je over verwondert."));
    assert_accessible(n, "verwonderpunt with an error").await;
    fill(n, "f-title", title).await;
    click_button(n, "Plaatsen").await;
    assert!(main_text(n).await.contains(title));
    let point: i64 = kartrekker::db::query_scalar("SELECT id FROM verwonderpunten WHERE title = $1")
        .bind(title)
        .fetch_one(&app.k.db)
        .await
        .unwrap();

    // Two colleagues support it (their own log-ins).
    let members = kartrekker::organisations::store::members(&mut app.k.conn().await.unwrap(), b3).await.unwrap();
    let colleagues: Vec<i64> = members
        .iter()
        .filter(|m| m.name != "Sanne Bakker" && m.name != "Marieke Jansen")
        .map(|m| m.person_id)
        .take(2)
        .collect();
    assert_eq!(colleagues.len(), 2);
    for id in colleagues {
        let who = app.k.actor(id).await.unwrap().unwrap();
        app.k.support_verwonderpunt(&who, point).await.unwrap();
    }

    // The team leader makes it a project, at her desk.
    let leader = Browser::start().await;
    let d = &leader.driver;
    log_in(d, &app, "teamleider@delinde.demo", demo::PASSWORD).await;
    d.goto(app.url(&format!("/verwonderpunten/{point}"))).await.unwrap();
    assert!(main_text(d).await.contains("2"), "two supports");
    assert_accessible(d, "a verwonderpunt to triage").await;
    d.find(By::Id("choice-project")).await.unwrap().click().await.unwrap();
    fill(d, "f-title", "Stille nachten op kamer 7").await;
    fill(d, "f-problem", "De infuuspomp piept elke nacht tien keer; patiënten slapen slecht.").await;
    click_button(d, "Besluiten").await;
    let page = main_text(d).await;
    assert!(page.contains("Stille nachten op kamer 7") && page.contains("Nog geen meetpunten."), "{page}");
    let project = d.current_url().await.unwrap().path().to_string();
    assert_accessible(d, "a new project").await;

    // Data points pasted as two columns: four noisy weeks, then six quiet ones.
    let mut pasted = String::new();
    let start = app.k.today().add_days(-70);
    for (i, v) in [10, 12, 11, 9, 12, 13, 3, 2, 3, 2, 1, 2].iter().enumerate() {
        pasted.push_str(&format!("{}\t{v}\n", start.add_days(7 * i as i64 - 14).dutch()));
    }
    set_value(d, "f-pasted", &pasted).await;
    click_button(d, "Toevoegen").await;
    let page = main_text(d).await;
    assert!(page.contains("Er is een verschuiving."), "{page}");
    assert!(d.find(By::Css("svg.run circle.point.shift")).await.is_ok(), "the shift is marked in the chart");
    assert_accessible(d, "the run chart with a shift").await;

    // A PDCA cycle and an action from it.
    set_value(d, "f-starts_on", &start.add_days(21).to_string()).await;
    fill(d, "f-plan", "Alarmgrens van de pomp aanpassen met de apotheek").await;
    fill(d, "f-study", "Van 11 naar 2 piepjes per nacht").await;
    click_button(d, "Cyclus toevoegen").await;
    assert!(main_text(d).await.contains("Van 11 naar 2 piepjes per nacht"));
    assert_accessible(d, "a project with its cycle").await;
    d.find(By::PartialLinkText("Cyclus 1 bijwerken")).await.unwrap().click().await.unwrap();
    assert_accessible(d, "a cycle").await;
    fill(d, "f-title", "Alarmgrenzen in het pompprotocol").await;
    fill(d, "f-goal", "Elke pomp op de afdeling met de nieuwe grens").await;
    click_button(d, "Toevoegen").await;
    assert!(main_text(d).await.contains("Alarmgrenzen in het pompprotocol"));
    assert_accessible(d, "a cycle with its action").await;

    // The organisation's overview, for its program leader: the project runs, its chart shifted.
    let pl = Browser::start().await;
    log_in(&pl.driver, &app, "programmaleider@delinde.demo", demo::PASSWORD).await;
    pl.driver.goto(app.url("/program/verbeterprojecten")).await.unwrap();
    let page = main_text(&pl.driver).await;
    assert!(page.contains("Interne geneeskunde") && page.contains("Stille nachten op kamer 7"), "{page}");
    assert!(page.contains("de run chart toont een verschuiving"), "{page}");
    assert_accessible(&pl.driver, "the organisation's improvement projects").await;
    pl.quit().await;

    // The project closes with its result.
    d.goto(app.url(&project)).await.unwrap();
    fill(d, "f-result", "De pomp piept nog 2 keer per nacht in plaats van 11.").await;
    click_button(d, "Afsluiten met dit resultaat").await;
    assert!(main_text(d).await.contains("De pomp piept nog 2 keer per nacht in plaats van 11."));
    assert_accessible(d, "a closed project").await;

    // The nurse is told: her home page, and the notice mail.
    n.goto(app.url("/")).await.unwrap();
    assert!(main_text(n).await.contains(&format!("Je verwonderpunt „{title}”")));
    assert_accessible(n, "the nurse's home").await;
    app.k.run_due_jobs().await.unwrap();
    let told = app.smtp.to("verpleegkundige@delinde.demo");
    assert!(
        told.iter().filter(|m| m.data.contains("Er is nieuws over je verwonderpunt")).count() >= 2,
        "made a project, then closed"
    );
    n.goto(app.url(&format!("/verwonderpunten/{point}"))).await.unwrap();
    n.goto(app.url(&project)).await.unwrap();
    assert!(main_text(n).await.contains("De pomp piept nog 2 keer per nacht in plaats van 11."));
    assert_accessible(n, "the closed project on a phone").await;

    // The team's wall shows what changed.
    n.goto(app.url(&list)).await.unwrap();
    n.find(By::LinkText("Wat we veranderden")).await.unwrap().click().await.unwrap();
    let wall = main_text(n).await;
    assert!(wall.contains("Stille nachten op kamer 7") && wall.contains("2 keer per nacht in plaats van 11"), "{wall}");
    assert_accessible(n, "what we changed").await;
    nurse.quit().await;
    leader.quit().await;
}
