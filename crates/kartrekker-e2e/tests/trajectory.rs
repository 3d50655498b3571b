//! The team trajectory "Leidinggeven & leidingkrijgen" in Chromium, on both
//! databases: the program leader starts it, and a trainer, a team leader
//! and a nurse run the five steps to the actions on the board and a next
//! evaluation planned. axe-core (WCAG 2.1 AA) on every page.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{
    Browser, assert_accessible, click_button, desktop, fill, log_in, main_text, phone, wait_for_next_page,
};
use kartrekker_testkit::{TestApp, both_databases};

const TRAINER: &str = "trainer@delinde.demo";
const LEADER: &str = "teamleider@delinde.demo";
const NURSE: &str = "verpleegkundige@delinde.demo";
const RESIDENT: &str = "aios@delinde.demo";
const PROGRAM_LEADER: &str = "programmaleider@delinde.demo";

/// Clicks what `css` finds first (a link or a button) and waits for the next page.
async fn click_css(d: &WebDriver, css: &str) {
    let old = d.find(By::Tag("html")).await.unwrap();
    d.find(By::Css(css)).await.unwrap_or_else(|_| panic!("{css}")).click().await.unwrap();
    wait_for_next_page(d, old).await;
}

async fn click_link(d: &WebDriver, text: &str) {
    let old = d.find(By::Tag("html")).await.unwrap();
    d.find(By::LinkText(text)).await.unwrap_or_else(|_| panic!("link {text:?}")).click().await.unwrap();
    wait_for_next_page(d, old).await;
}

/// Sets a field's value as the browser's own date or time picker would.
async fn set_value(d: &WebDriver, id: &str, value: &str) {
    let field = d.find(By::Id(id)).await.unwrap_or_else(|_| panic!("field #{id}"));
    d.execute("arguments[0].value = arguments[1];", vec![field.to_json().unwrap(), serde_json::json!(value)])
        .await
        .unwrap();
}

async fn choose(d: &WebDriver, id: &str, text: &str) {
    d.find(By::Id(id)).await.unwrap_or_else(|_| panic!("select #{id}")).send_keys(text).await.unwrap();
}

async fn has(d: &WebDriver, text: &str) {
    let page = main_text(d).await;
    assert!(page.contains(text), "expected {text:?} on the page:\n{page}");
}

/// Logs in and goes to the team's trajectory through the home page and the board.
async fn to_trajectory(d: &WebDriver, app: &TestApp, email: &str) {
    log_in(d, app, email, demo::PASSWORD).await;
    // The team under "my teams": home's to-do items may name the team too.
    let old = d.find(By::Tag("html")).await.unwrap();
    d.find(By::XPath("//section[@aria-labelledby='teams-h']//a[normalize-space()='Interne B3']"))
        .await
        .expect("Interne B3 under my teams")
        .click()
        .await
        .unwrap();
    wait_for_next_page(d, old).await;
    click_link(d, "Traject van het team").await;
}

async fn log_out(d: &WebDriver) {
    click_button(d, "Uitloggen").await;
}

fn dutch(date: kartrekker::dates::Date) -> String {
    let (y, m, dd) = date.ymd();
    format!("{dd:02}-{m:02}-{y:04}")
}

both_databases!(trajectory_flow);

async fn trajectory_flow(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;

    // The program leader starts the trajectory of Interne B3 with Ruud as trainer.
    log_in(d, &app, PROGRAM_LEADER, demo::PASSWORD).await;
    click_link(d, "Trajecten").await;
    has(d, "Trajecten van alle teams").await;
    assert_accessible(d, "program leader's overview").await;
    click_link(d, "Traject starten voor Interne B3").await;
    assert_accessible(d, "team without a trajectory").await;
    // Thousands of people: the trainer is searched for, not picked from a list of all.
    fill(d, "f-q", "Ruud Hoekstra").await;
    click_button(d, "Zoeken").await;
    has(d, "gevonden.").await;
    assert_accessible(d, "trainer search results").await;
    click_button(d, "Traject starten").await;
    has(d, "Kies een trainer uit de lijst.").await;
    assert_accessible(d, "start form with an error").await;
    choose(d, "f-trainer", "Ruud").await;
    click_button(d, "Traject starten").await;
    has(d, "Het traject is gestart.").await;
    has(d, "Stap nu: Intake.").await;
    assert_accessible(d, "trajectory in the intake").await;
    let url = d.current_url().await.unwrap().to_string();
    let base = url.split('?').next().unwrap().trim_start_matches(&app.base).to_string();
    let team_id = base.split('/').nth(2).unwrap().to_string();
    log_out(d).await;

    // The trainer plans the intake; two hours at most.
    to_trajectory(d, &app, TRAINER).await;
    click_link(d, "Naar de intake").await;
    assert_accessible(d, "intake, trainer").await;
    click_link(d, "Intake plannen en aanwezigheid bijhouden").await;
    assert_accessible(d, "planning the intake").await;
    let today = app.k.today();
    set_value(d, "f-date", &today.to_string()).await;
    set_value(d, "f-start_time", "14:00").await;
    fill(d, "f-minutes", "150").await;
    fill(d, "f-agenda", "Kennismaken\nDe vragenlijst bespreken\nThema's kiezen").await;
    click_button(d, "Opslaan").await;
    has(d, "Een bijeenkomst duurt hoogstens 2 uur").await;
    let kept = d.find(By::Id("f-agenda")).await.unwrap().value().await.unwrap().unwrap_or_default();
    assert!(kept.contains("De vragenlijst bespreken"), "the agenda was kept: {kept:?}");
    assert_accessible(d, "planning with an error").await;
    fill(d, "f-minutes", "90").await;
    click_button(d, "Opslaan").await;
    has(d, "De bijeenkomst is opgeslagen.").await;
    assert!(d.find(By::PartialLinkText(".ics")).await.is_ok(), "a calendar file to download");
    log_out(d).await;

    // The open intake reaches the nurse: an e-mail naming the team with a link
    // to the intake, and an item on her home page. She answers on her phone.
    app.k.run_due_jobs().await.unwrap();
    let invitation = app.smtp.to(NURSE).into_iter().find(|m| m.data.contains("De intake van Interne B3 staat open"));
    let invitation = invitation.expect("the nurse is invited to the intake");
    let intake_link = format!("{}{base}/intake", app.base);
    assert_eq!(invitation.link(&intake_link).as_deref(), Some(&intake_link[..]), "the e-mail links to the intake");
    log_in(d, &app, NURSE, demo::PASSWORD).await;
    phone(d, 390).await;
    let old = d.find(By::Tag("html")).await.unwrap();
    d.find(By::XPath("//a[normalize-space()='Intakevragenlijst invullen']"))
        .await
        .expect("the open intake on the nurse's home page")
        .click()
        .await
        .unwrap();
    wait_for_next_page(d, old).await;
    let width = d.execute("return window.innerWidth", vec![]).await.unwrap().json().clone();
    assert_eq!(width, serde_json::json!(390), "she answers on a 390 px phone");
    fill(d, "f-daily", "De telefoon gaat steeds tijdens de overdracht.").await;
    fill(d, "f-proud", "We helpen elkaar als het druk is.").await;
    click_button(d, "Antwoorden versturen").await;
    has(d, "Dank je wel! Je antwoorden zijn opgeslagen.").await;
    desktop(d).await;
    log_out(d).await;
    // One answer is below the minimum group size (3 in the demo): the
    // trainer sees neither a count nor the answer.
    to_trajectory(d, &app, TRAINER).await;
    click_link(d, "Naar de intake").await;
    has(d, "zie je vanaf 3 antwoorden").await;
    assert!(!main_text(d).await.contains("De telefoon gaat steeds"));
    log_out(d).await;

    // The team leader and the resident fill in the Miniteam questionnaire too.
    for (email, daily, proud) in [
        (LEADER, "Er is te weinig tijd om samen te overleggen.", "De zorg voor de patiënt staat voorop."),
        (RESIDENT, "Ik weet niet wie ik moet bellen.", "De patiënten voelen zich gezien."),
    ] {
        to_trajectory(d, &app, email).await;
        click_link(d, "Vul de vragenlijst in").await;
        assert_accessible(d, "questionnaire").await;
        fill(d, "f-daily", daily).await;
        fill(d, "f-proud", proud).await;
        click_button(d, "Antwoorden versturen").await;
        has(d, "Dank je wel! Je antwoorden zijn opgeslagen.").await;
        has(d, "Je hebt de vragenlijst anoniem ingevuld.").await;
        assert_accessible(d, "questionnaire answered").await;
        log_out(d).await;
    }

    // The trainer groups the answers into a theme, records attendance and goes on.
    to_trajectory(d, &app, TRAINER).await;
    click_link(d, "Naar de intake").await;
    fill(d, "f-title", "Overdracht").await;
    click_button(d, "Thema toevoegen").await;
    has(d, "Het thema is toegevoegd.").await;
    // The answers show in random order: the nurse's is found by its words.
    let li = d.find(By::XPath("//li[contains(@class,'answer')][.//p[contains(., 'De telefoon gaat steeds')]]"));
    let answer = format!("#{}", li.await.unwrap().attr("id").await.unwrap().unwrap());
    let select = d.find(By::Css(format!("{answer} form.group select"))).await.unwrap();
    select.send_keys("Overdracht").await.unwrap();
    click_css(d, &format!("{answer} form.group button")).await;
    has(d, "Het thema is opgeslagen.").await;
    assert_accessible(d, "intake with themes").await;
    click_link(d, "Intake plannen en aanwezigheid bijhouden").await;
    for name in ["Sanne Bakker", "Marieke Jansen"] {
        d.find(By::XPath(format!("//label[normalize-space()='{name}']"))).await.unwrap().click().await.unwrap();
    }
    click_button(d, "Opslaan").await;
    has(d, "De bijeenkomst is opgeslagen.").await;
    for name in ["Sanne Bakker", "Marieke Jansen"] {
        let label = d.find(By::XPath(format!("//label[normalize-space()='{name}']"))).await.unwrap();
        let id = label.attr("for").await.unwrap().unwrap();
        assert!(d.find(By::Id(&id)).await.unwrap().is_selected().await.unwrap(), "{name} was there");
    }
    assert_accessible(d, "intake with attendance").await;
    click_link(d, "Overzicht").await;
    // Not everyone in the team answered: finishing asks first.
    click_button(d, "Afronden en door naar Observatie").await;
    has(d, "hebben geantwoord. Toch afronden?").await;
    assert_accessible(d, "finish the intake anyway?").await;
    click_button(d, "Toch afronden").await;
    has(d, "Stap nu: Observatie.").await;
    assert_accessible(d, "trajectory in the observation").await;

    // Observation: facts, not opinions.
    click_link(d, "Naar de observaties").await;
    has(d, "Schrijf op wat je zag en hoorde, niet wat je ervan vindt.").await;
    assert_accessible(d, "observations").await;
    choose(d, "f-category", "Een vraagstuk").await;
    fill(d, "f-text", "Tijdens de overdracht van 7.30 uur ging drie keer de telefoon.").await;
    choose(d, "f-theme", "Overdracht").await;
    click_button(d, "Observatie opslaan").await;
    has(d, "De observatie is opgeslagen.").await;
    assert_accessible(d, "observations with one").await;
    // A patient's name typed by mistake: deleted after a question, and gone.
    choose(d, "f-category", "Het werk").await;
    fill(d, "f-text", "Mevrouw De Vries op kamer 4 belde drie keer.").await;
    click_button(d, "Observatie opslaan").await;
    click_link(d, "Verwijderen").await;
    has(d, "Observatie verwijderen?").await;
    assert_accessible(d, "delete an observation?").await;
    click_button(d, "Ja, verwijderen").await;
    has(d, "Verwijderd.").await;
    assert!(!main_text(d).await.contains("De Vries"), "the observation is gone");
    click_link(d, "Overzicht").await;
    click_button(d, "Afronden en door naar Spiegelsessie").await;

    // The mirror session: on the projector, one theme at a time, by keyboard.
    click_link(d, "Naar de spiegelsessie").await;
    assert_accessible(d, "mirror session").await;
    click_link(d, "Presenteren op het scherm").await;
    has(d, "Wat heb ik gezien?").await;
    assert_accessible(d, "projector, first slide").await;
    let old = d.find(By::Tag("html")).await.unwrap();
    d.active_element().await.unwrap().send_keys(Key::Enter).await.unwrap();
    wait_for_next_page(d, old).await;
    assert_eq!(d.find(By::Tag("h1")).await.unwrap().text().await.unwrap(), "Overdracht");
    has(d, "Tijdens de overdracht van 7.30 uur ging drie keer de telefoon.").await;
    has(d, "De telefoon gaat steeds tijdens de overdracht.").await;
    assert_accessible(d, "projector, a theme").await;
    assert!(d.find(By::Css("header")).await.is_err(), "no app header on the projector");
    // A presentation clicker sends PageDown and PageUp; the arrow keys work too.
    while d.find(By::Css("a[rel=next]")).await.is_ok() {
        let old = d.find(By::Tag("html")).await.unwrap();
        d.active_element().await.unwrap().send_keys(Key::PageDown).await.unwrap();
        wait_for_next_page(d, old).await;
    }
    assert_eq!(d.find(By::Tag("h1")).await.unwrap().text().await.unwrap(), "Afspraken");
    has(d, "Nieuwe afspraak").await;
    assert_accessible(d, "projector, the last slide with the agreement form").await;
    let old = d.find(By::Tag("html")).await.unwrap();
    d.active_element().await.unwrap().send_keys(Key::Left).await.unwrap();
    wait_for_next_page(d, old).await;
    assert_ne!(d.find(By::Tag("h1")).await.unwrap().text().await.unwrap(), "Afspraken");
    click_link(d, "Terug naar de spiegelsessie").await;
    let reflection = d.find(By::Css("textarea[name=reflection]")).await.unwrap();
    reflection.send_keys("Iedereen herkent het: de telefoon haalt ons uit de overdracht.").await.unwrap();
    click_button(d, "Reflectie opslaan").await;
    has(d, "De reflectie is opgeslagen.").await;
    fill(d, "f-title", "Telefoon tijdens de overdracht naar de coördinator").await;
    click_button(d, "Afspraak toevoegen").await;
    has(d, "Beschrijf het doel van de actie.").await;
    assert_accessible(d, "agreement with an error").await;
    fill(d, "f-goal", "Een overdracht zonder onderbrekingen").await;
    choose(d, "f-kartrekker", "Sanne Bakker").await;
    click_button(d, "Afspraak toevoegen").await;
    has(d, "De afspraak is toegevoegd").await;
    assert_accessible(d, "mirror session with an agreement").await;
    log_out(d).await;

    // The team leader adds an agreement and starts the work: eight weeks, with a warning.
    to_trajectory(d, &app, LEADER).await;
    click_link(d, "Naar de spiegelsessie").await;
    fill(d, "f-title", "Elke week tien minuten teamoverleg").await;
    fill(d, "f-goal", "Tijd om samen te overleggen").await;
    choose(d, "f-kartrekker", "Marieke Jansen").await;
    click_button(d, "Afspraak toevoegen").await;
    has(d, "De afspraak is toegevoegd").await;
    click_link(d, "Overzicht").await;
    click_button(d, "Afronden en door naar Aan de slag").await;
    fill(d, "f-weeks", "8").await;
    click_button(d, "Opslaan").await;
    has(d, "Het advies is 4 tot 6 weken").await;
    assert_accessible(d, "trajectory at work").await;
    click_button(d, "Afronden en door naar Evaluatie").await;
    has(d, "Stap nu: Evaluatie.").await;
    log_out(d).await;

    // The nurse says the first agreement helped, with one click.
    to_trajectory(d, &app, NURSE).await;
    click_link(d, "Evaluatie").await;
    has(d, "Heeft het geholpen?").await;
    assert_accessible(d, "evaluation, nurse").await;
    click_css(d, "form.vote button[value=yes]").await;
    has(d, "Je antwoord is opgeslagen.").await;
    has(d, "1 ja, 0 nee").await;
    assert_accessible(d, "evaluation after answering").await;
    log_out(d).await;

    // The trainer records the results and completes the evaluation.
    to_trajectory(d, &app, TRAINER).await;
    click_link(d, "Evaluatie").await;
    fill(d, "f-results", "De overdracht is rustiger; de coördinator neemt de telefoon aan.").await;
    fill(d, "f-next_steps", "Het teamoverleg blijft; over een half jaar kijken we opnieuw.").await;
    click_button(d, "Evaluatie afronden").await;
    // Not everyone voted: the trainer is asked first, and what was typed stays.
    has(d, "hebben gestemd of de afspraken hielpen. Toch afronden?").await;
    has(d, "de coördinator neemt de telefoon aan").await;
    assert_accessible(d, "completing before everyone voted").await;
    click_button(d, "Toch afronden").await;
    has(d, "De evaluatie is afgerond. De volgende herevaluatie is gepland.").await;
    has(d, "Herevaluatie 1").await;
    has(d, &dutch(today.add_months(6))).await;
    assert_accessible(d, "trajectory with the next evaluation").await;
    click_link(d, "Herevaluatie 1").await;
    assert_accessible(d, "the re-evaluation").await;
    // The schema for the ward meeting.
    click_link(d, "Schema afdrukken").await;
    has(d, "Afspraken van Interne B3").await;
    has(d, "Een overdracht zonder onderbrekingen").await;
    assert_accessible(d, "printed schema").await;

    // The agreements are on the team's board.
    d.goto(app.url(&format!("/teams/{team_id}/actions"))).await.unwrap();
    has(d, "Telefoon tijdens de overdracht naar de coördinator").await;
    has(d, "Elke week tien minuten teamoverleg").await;
    assert_accessible(d, "board with the agreements").await;
    log_out(d).await;

    // The program leader sees where the team is.
    log_in(d, &app, PROGRAM_LEADER, demo::PASSWORD).await;
    click_link(d, "Trajecten").await;
    let row = d.find(By::XPath("//tr[.//a[normalize-space()='Interne B3']]")).await.unwrap().text().await.unwrap();
    assert!(row.contains("Herevaluatie") && row.contains(&dutch(today.add_months(6))), "{row}");
    assert_accessible(d, "overview with the trajectory").await;
    browser.quit().await;
}
