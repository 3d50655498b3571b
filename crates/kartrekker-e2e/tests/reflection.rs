//! A whole reflection cycle for a group of five in Chromium: self-evaluation,
//! colleague feedback, results with the radar chart, preparation, the group
//! conversation, the personal action plan and the accreditation record;
//! axe-core on every page.

use kartrekker::demo;
use kartrekker::people::store as people;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, fill, log_in, main_text};
use kartrekker_testkit::{TestApp, both_databases};

const LEADER: &str = "teamleider@delinde.demo";
const SANNE: &str = "verpleegkundige@delinde.demo";
const OTHERS: [&str; 3] = ["trainer@delinde.demo", "aios@delinde.demo", "opleider@delinde.demo"];

/// A new team of five from the demo hospital, with the team leader leading.
async fn team_of_five(app: &TestApp) -> i64 {
    let mut c = app.k.conn().await.unwrap();
    let admin_id = people::by_email(&mut c, "admin@delinde.demo").await.unwrap().unwrap().id;
    let mut ids = Vec::new();
    for e in [LEADER, SANNE].iter().chain(OTHERS.iter()) {
        ids.push(people::by_email(&mut c, e).await.unwrap().unwrap().id);
    }
    drop(c);
    let admin = app.k.actor(admin_id).await.unwrap().unwrap();
    let dept = app.k.departments(&admin).await.unwrap()[0].id;
    let team = app.k.create_team(&admin, &dept.to_string(), "Vakgroep Reflectie").await.unwrap();
    app.k.add_member(&admin, team, &ids[0].to_string(), "team_leader").await.unwrap();
    for id in &ids[1..] {
        app.k.add_member(&admin, team, &id.to_string(), "member").await.unwrap();
    }
    team
}

async fn switch_to(d: &WebDriver, app: &TestApp, email: &str) {
    if d.find(By::XPath("//header//button[normalize-space()='Uitloggen']")).await.is_ok() {
        click_button(d, "Uitloggen").await;
    }
    log_in(d, app, email, demo::PASSWORD).await;
}

/// Answers every question of the questionnaire on screen, section by section, and submits.
async fn answer_questionnaire(d: &WebDriver, value: &str, words: &str) {
    for _ in 0..8 {
        for fieldset in d.find_all(By::Css("fieldset.scale")).await.unwrap() {
            let id = fieldset.attr("id").await.unwrap().unwrap();
            d.find(By::Id(format!("{id}-{value}"))).await.unwrap().click().await.unwrap();
        }
        for area in d.find_all(By::Css("form.questionnaire textarea")).await.unwrap() {
            area.send_keys(words).await.unwrap();
        }
        if d.find(By::XPath("//button[normalize-space()='Versturen']")).await.is_ok() {
            click_button(d, "Versturen").await;
            return;
        }
        click_button(d, "Volgende").await;
    }
    panic!("the questionnaire did not end");
}

async fn set_date(d: &WebDriver, id: &str, date: &str) {
    d.execute("document.getElementById(arguments[0]).value = arguments[1]", vec![id.into(), date.into()])
        .await
        .unwrap();
}

both_databases!(cycle_of_five);

async fn cycle_of_five(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let team = team_of_five(&app).await;
    let browser = Browser::start().await;
    let d = &browser.driver;

    switch_to(d, &app, LEADER).await;
    d.goto(app.url(&format!("/teams/{team}/reflection"))).await.unwrap();
    assert_accessible(d, "team's cycles").await;
    fill(d, "f-title", "Vakgroep najaar").await;
    click_button(d, "Cyclus starten").await;
    assert!(main_text(d).await.contains("De cyclus is gestart."));
    assert_accessible(d, "cycle").await;
    let cycle = d.current_url().await.unwrap().path().to_string();

    // Everyone fills in the self-evaluation.
    for (i, who) in [LEADER, SANNE, OTHERS[0], OTHERS[1], OTHERS[2]].iter().enumerate() {
        switch_to(d, &app, who).await;
        d.goto(app.url(&cycle)).await.unwrap();
        click_button(d, "Zelfevaluatie invullen").await;
        if i == 0 {
            assert_accessible(d, "self-evaluation").await;
        }
        answer_questionnaire(d, &(2 + i % 3).to_string(), "Tijd voor onderwijs").await;
        assert!(main_text(d).await.contains("Je antwoorden zijn verstuurd."));
    }
    // Sanne asks three colleagues; they answer.
    switch_to(d, &app, SANNE).await;
    d.goto(app.url(&cycle)).await.unwrap();
    for name in ["Ruud Hoekstra", "Thijs Verbeek", "Dr. Esther Willems"] {
        d.find(By::XPath(format!("//label[normalize-space()='{name}']"))).await.unwrap().click().await.unwrap();
    }
    click_button(d, "Feedback vragen").await;
    assert!(main_text(d).await.contains("Je collega's zien je verzoek"));
    for (who, words) in OTHERS.iter().zip(["Overzicht", "Rust", "Humor"]) {
        switch_to(d, &app, who).await;
        d.goto(app.url(&cycle)).await.unwrap();
        click_button(d, "Feedback geven aan Sanne Bakker").await;
        answer_questionnaire(d, "4", words).await;
    }
    switch_to(d, &app, LEADER).await;
    d.goto(app.url(&cycle)).await.unwrap();
    click_button(d, "Feedback sluiten en resultaten tonen").await;

    switch_to(d, &app, SANNE).await;
    d.goto(app.url(&format!("{cycle}/results"))).await.unwrap();
    let results = main_text(d).await;
    assert!(results.contains("Gebaseerd op 3 collega's.") && results.contains("Humor"), "{results}");
    assert!(d.find(By::Css("svg[role='img'] title")).await.is_ok());
    assert_accessible(d, "personal results with the radar chart").await;
    d.goto(app.url(&format!("{cycle}/group"))).await.unwrap();
    assert!(main_text(d).await.contains("Gebaseerd op 5 zelfevaluaties."));
    assert_accessible(d, "group results").await;
    d.goto(app.url(&format!("{cycle}/preparation"))).await.unwrap();
    assert_accessible(d, "preparation").await;
    fill(d, "f-preparation_notes", "Collega's zien meer rust dan ikzelf").await;
    click_button(d, "Voorbereiding klaar").await;

    switch_to(d, &app, LEADER).await;
    d.goto(app.url(&format!("{cycle}/conversation"))).await.unwrap();
    assert_accessible(d, "the chair's page").await;
    fill(d, "f-group_notes", "Roeping: goede zorg. Collegialiteit: elkaar aanspreken.").await;
    for checkbox in d.find_all(By::Css("input[name='present']")).await.unwrap() {
        checkbox.click().await.unwrap();
    }
    click_button(d, "Opslaan").await;
    assert!(main_text(d).await.contains("De notities van het groepsgesprek zijn opgeslagen."));

    switch_to(d, &app, SANNE).await;
    d.goto(app.url(&format!("{cycle}/plan"))).await.unwrap();
    assert_accessible(d, "action plan").await;
    fill(d, "f-title-1", "Elke week een onderwijsmoment").await;
    fill(d, "f-goal-1", "Kennis delen in het team").await;
    let today = app.k.today();
    set_date(d, "f-due_date-1", &today.add_days(30).to_string()).await;
    fill(d, "f-safeguarding", "Elke maand samen terugkijken").await;
    d.find(By::Id("f-buddy")).await.unwrap().send_keys("Thijs Verbeek").await.unwrap();
    set_date(d, "f-follow_up", &today.add_days(60).to_string()).await;
    click_button(d, "Actieplan opslaan").await;
    assert!(main_text(d).await.contains("Je actieplan staat in de actielijst"));
    d.goto(app.url(&format!("{cycle}/accreditation"))).await.unwrap();
    assert!(main_text(d).await.contains("4,75"), "285 minutes = 4,75 points");
    assert_accessible(d, "accreditation").await;
    d.goto(app.url(&format!("{cycle}/record"))).await.unwrap();
    assert_accessible(d, "accreditation record").await;
    d.goto(app.url("/")).await.unwrap();
    assert!(main_text(d).await.contains("Elke week een onderwijsmoment"), "the plan's action is on Sanne's home page");
    browser.quit().await;
}
