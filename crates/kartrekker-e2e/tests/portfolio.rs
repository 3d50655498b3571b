//! The resident's portfolio in Chromium (issue 18): an aios logs an MDO she
//! chaired on a 390 px phone, asks an outside nurse for chairing feedback,
//! the nurse answers through the link without logging in (and the link then
//! refuses a second use), the aios reflects and shares her profile plan, and
//! her opleider sees both, with the chart and the printable summary; another
//! opleider does not. axe-core on every page, no overflow at 360 px.

use kartrekker::demo;
use kartrekker::organisations::TeamRole;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, assert_fits_phone, click_button, fill, log_in, main_text, phone};
use kartrekker_testkit::{TestApp, actor, both_databases};

both_databases!(portfolio_flow);

/// Checks the page with axe-core and at 360 px, then goes back to the 390 px phone.
async fn check(d: &WebDriver, page: &str) {
    assert_accessible(d, page).await;
    assert_fits_phone(d, page).await;
    phone(d, 390).await;
}

async fn portfolio_flow(app: TestApp) {
    let teams = app.k.seed_demo_hospital().await.unwrap().unwrap();
    let admin = actor(&app, "admin@delinde.demo").await;
    let thijs = actor(&app, "aios@delinde.demo").await;
    app.k.add_member(&admin, teams[8], &thijs.id().to_string(), TeamRole::Resident.code()).await.unwrap();
    // An opleider of another team, who does not train her.
    let other = app.k.create_person(&admin, "Olga Andere", "olga@delinde.demo", "arts", &[]).await.unwrap();
    app.k.add_member(&admin, teams[0], &other.to_string(), TeamRole::Opleider.code()).await.unwrap();
    kartrekker_testkit::activate(&app, "olga@delinde.demo").await;

    let browser = Browser::start().await;
    let d = &browser.driver;
    phone(d, 390).await;
    log_in(d, &app, "aios@delinde.demo", demo::PASSWORD).await;
    d.find(By::LinkText("Portfolio")).await.unwrap().click().await.unwrap();
    check(d, "empty portfolio").await;
    d.find(By::LinkText("Activiteit vastleggen")).await.unwrap().click().await.unwrap();
    check(d, "record an activity").await;
    click_button(d, "Vastleggen").await;
    assert!(main_text(d).await.contains("Kies de situatie."));
    check(d, "record an activity with errors").await;
    d.find(By::Id("f-kind")).await.unwrap().send_keys("Vergadering voorzitten").await.unwrap();
    d.find(By::Id("f-level")).await.unwrap().send_keys("Klinisch").await.unwrap();
    fill(d, "f-what", "MDO longoncologie voorgezeten").await;
    fill(d, "f-went_well", "Iedereen kwam aan het woord").await;
    d.find(By::Id("f-shared")).await.unwrap().click().await.unwrap();
    click_button(d, "Vastleggen").await;
    let page = main_text(d).await;
    assert!(page.contains("De activiteit is vastgelegd.") && page.contains("MDO longoncologie voorgezeten"), "{page}");
    check(d, "portfolio with an activity").await;

    d.find(By::LinkText("Feedback vragen")).await.unwrap().click().await.unwrap();
    check(d, "ask for feedback").await;
    d.find(By::Id("f-form")).await.unwrap().send_keys("Voorzitten").await.unwrap();
    fill(d, "f-situation", "Het MDO longoncologie van dinsdag").await;
    fill(d, "f-giver_name", "Ingrid Vos").await;
    fill(d, "f-giver_email", "ingrid.vos@zorgelders.test").await;
    click_button(d, "Vraag versturen").await;
    assert!(main_text(d).await.contains("Je vraag om feedback is verstuurd."));

    // The nurse from outside: no account, only the link in her e-mail.
    app.k.run_due_jobs().await.unwrap();
    let link = app.smtp.to("ingrid.vos@zorgelders.test")[0].link(&format!("{}/feedback/", app.base)).unwrap();
    let nurse = Browser::start().await;
    let n = &nurse.driver;
    n.goto(&link).await.unwrap();
    assert!(main_text(n).await.contains("Feedback voor Thijs Verbeek"));
    assert_accessible(n, "giving feedback by link").await;
    assert_fits_phone(n, "giving feedback by link").await;
    fill(n, "f-answer_1", "Agenda vooraf rondgestuurd").await;
    fill(n, "f-answer_3", "De coassistent kwam niet aan bod").await;
    click_button(n, "Feedback versturen").await;
    assert!(main_text(n).await.contains("Je antwoord is doorgegeven."));
    assert_accessible(n, "thanks").await;
    n.goto(&link).await.unwrap();
    assert!(main_text(n).await.contains("Deze link werkt niet (meer)."), "the link refuses a second use");
    assert_accessible(n, "spent link").await;
    nurse.quit().await;

    // The resident reads it and reflects, then shares her profile plan.
    d.goto(app.url("/portfolio")).await.unwrap();
    d.find(By::LinkText("Van Ingrid Vos")).await.unwrap().click().await.unwrap();
    assert!(main_text(d).await.contains("De coassistent kwam niet aan bod"));
    check(d, "feedback received").await;
    fill(d, "f-reflection", "Volgende keer begin ik bij de coassistent.").await;
    d.find(By::Id("f-shared")).await.unwrap().click().await.unwrap();
    click_button(d, "Reflectie opslaan").await;
    assert!(main_text(d).await.contains("Je reflectie is opgeslagen."));
    d.goto(app.url("/portfolio/plan")).await.unwrap();
    check(d, "profile plan").await;
    fill(d, "f-kind_of_doctor", "Klinisch en later opleider").await;
    d.find(By::Id("f-shared")).await.unwrap().click().await.unwrap();
    click_button(d, "Opslaan als nieuwe versie").await;
    assert!(main_text(d).await.contains("Versie 1 van"));
    d.goto(app.url("/portfolio/cards")).await.unwrap();
    check(d, "inspiration cards").await;
    browser.quit().await;

    // Her opleider sees the activity, the feedback and the plan.
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "opleider@delinde.demo", demo::PASSWORD).await;
    d.find(By::LinkText("Mijn aios")).await.unwrap().click().await.unwrap();
    assert_accessible(d, "my residents").await;
    assert_fits_phone(d, "my residents").await;
    d.find(By::LinkText("Thijs Verbeek")).await.unwrap().click().await.unwrap();
    let page = main_text(d).await;
    assert!(page.contains("MDO longoncologie voorgezeten"), "{page}");
    assert!(page.contains("Volgende keer begin ik bij de coassistent."), "{page}");
    assert!(page.contains("Klinisch en later opleider"), "{page}");
    assert!(page.contains("Activiteiten per niveau en fase"), "{page}");
    assert_accessible(d, "a resident's portfolio").await;
    assert_fits_phone(d, "a resident's portfolio").await;
    let resident_page = d.current_url().await.unwrap().to_string();
    d.find(By::LinkText("Samenvatting voor het voortgangsgesprek (af te drukken)"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let summary = main_text(d).await;
    assert!(summary.contains("Samenvatting portfolio Thijs Verbeek") && summary.contains("Klinisch en later opleider"));
    assert_accessible(d, "the printable summary").await;
    assert_fits_phone(d, "the printable summary").await;
    browser.quit().await;

    // Another opleider: not in her list, and her portfolio does not exist for him.
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "olga@delinde.demo", kartrekker_testkit::PASSWORD).await;
    d.goto(app.url("/portfolio/residents")).await.unwrap();
    assert!(!main_text(d).await.contains("Thijs Verbeek"));
    d.goto(&resident_page).await.unwrap();
    let refused = main_text(d).await;
    assert!(refused.contains("Pagina niet gevonden") && !refused.contains("MDO longoncologie"), "{refused}");
    browser.quit().await;
}
