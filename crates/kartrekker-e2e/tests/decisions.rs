//! A Fair Process decision in Chromium: the team leader walks the five
//! steps, the action lands on the board, and the fairness aggregate appears
//! only once the minimum group size (3 in the demo hospital) answered;
//! axe-core and the 360 px check on every page.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, fill, log_in, main_text, phone};
use kartrekker_testkit::{TestApp, both_databases};

both_databases!(a_decision_walks_the_five_steps);

async fn set_date(d: &WebDriver, id: &str, date: &str) {
    let script = format!("document.getElementById('{id}').value = arguments[0];");
    d.execute(&script, vec![serde_json::json!(date)]).await.unwrap();
}

async fn a_decision_walks_the_five_steps(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "teamleider@delinde.demo", demo::PASSWORD).await;
    d.find(By::LinkText("Interne B3")).await.unwrap().click().await.unwrap();
    d.find(By::LinkText("Besluiten van het team")).await.unwrap().click().await.unwrap();
    assert!(main_text(d).await.contains("Dit team heeft nog geen besluiten."));
    assert_accessible(d, "no decisions").await;

    // Engage: the leader asks the team for input, with a deadline.
    d.find(By::LinkText("Nieuw besluit")).await.unwrap().click().await.unwrap();
    assert_accessible(d, "new decision").await;
    fill(d, "f-title", "Overdracht avonddienst").await;
    click_button(d, "Inbreng vragen").await;
    assert!(main_text(d).await.contains("Beschrijf het probleem."));
    assert_accessible(d, "new decision with errors").await;
    fill(d, "f-problem", "De late dienst gaat 20 minuten te laat naar huis.").await;
    click_button(d, "Inbreng vragen").await;
    assert!(main_text(d).await.contains("Het besluit is gestart; het team is om inbreng gevraagd."));
    let path = d.current_url().await.unwrap().path().to_string();
    fill(d, "f-contribution", "We lezen alles voor wat ook in het dossier staat.").await;
    click_button(d, "Inbreng geven").await;
    assert!(main_text(d).await.contains("1 van de"), "the checklist counts the input");

    // Explore: two options with their pros, cons and interests.
    for (title, pros) in [("Bedside overdracht", "Korter"), ("Kortere SBAR-overdracht", "Vertrouwd")] {
        fill(d, "f-option_title", title).await;
        fill(d, "f-pros", pros).await;
        fill(d, "f-cons", "Went even").await;
        fill(d, "f-interests", "Patiëntveiligheid, op tijd naar huis").await;
        click_button(d, "Optie toevoegen").await;
    }
    assert!(main_text(d).await.contains("Kortere SBAR-overdracht"));
    assert_accessible(d, "decision while exploring").await;

    // Decide: the choice, why, for whom, what is expected, a review date.
    fill(d, "f-choice", "Bedside overdracht vanaf de eerste van de maand").await;
    fill(d, "f-reasons", "Korter, en de patiënt hoort wat er speelt.").await;
    fill(d, "f-consequences", "Late en nachtdienst lopen samen de kamers langs.").await;
    fill(d, "f-expectations", "Iedereen is om 22.45 uur op de afdeling.").await;
    set_date(d, "f-review_date", &app.k.today().add_days(60).to_string()).await;
    click_button(d, "Besluit nemen").await;
    let page = main_text(d).await;
    assert!(
        page.contains("Het besluit is genomen.") && page.contains("2 opties gewogen; redenen geschreven."),
        "{page}"
    );
    assert_accessible(d, "decision made").await;

    // Execute: an action in the register, on the board with origin "Besluit".
    fill(d, "f-title", "Kamerlijst voor de bedside overdracht").await;
    fill(d, "f-goal", "Per kamer in 3 minuten overgedragen").await;
    click_button(d, "Toevoegen").await;
    assert!(main_text(d).await.contains("Kamerlijst voor de bedside overdracht"));
    let team = d.find(By::LinkText("Alle acties uit besluiten op het bord")).await.unwrap();
    team.click().await.unwrap();
    let board = main_text(d).await;
    assert!(board.contains("Kamerlijst voor de bedside overdracht") && board.contains("Besluit"), "{board}");

    // Evaluate: the fairness result waits for three answers besides the leader.
    d.goto(app.url(&path)).await.unwrap();
    assert!(main_text(d).await.contains("De uitkomst verschijnt zodra ten minste 3 anderen antwoordden."));

    // Sanne answers from her phone.
    let nurse = Browser::start().await;
    let n = &nurse.driver;
    log_in(n, &app, "verpleegkundige@delinde.demo", demo::PASSWORD).await;
    phone(n, 390).await;
    n.goto(app.url(&path)).await.unwrap();
    n.find(By::Css("input[name='score'][value='4']")).await.unwrap().click().await.unwrap();
    fill(n, "f-comment", "Mijn inbreng is gelezen.").await;
    click_button(n, "Antwoord versturen").await;
    assert!(main_text(n).await.contains("uw antwoord is anoniem bewaard"));
    assert_accessible(n, "fairness answered").await;
    nurse.quit().await;

    // Two more members answer; the leader sees nothing until the third.
    let b3: i64 = kartrekker::db::query_scalar("SELECT id FROM teams WHERE name = 'Interne B3'")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let leader = app
        .k
        .actor(kartrekker::db::query_scalar("SELECT started_by FROM decisions").fetch_one(&app.k.db).await.unwrap())
        .await
        .unwrap()
        .unwrap();
    let members = kartrekker::organisations::store::members(&mut app.k.conn().await.unwrap(), b3).await.unwrap();
    let sanne =
        app.k.actor(members.iter().find(|m| m.name == "Sanne Bakker").unwrap().person_id).await.unwrap().unwrap();
    let others: Vec<i64> =
        members.iter().map(|m| m.person_id).filter(|p| *p != leader.id() && *p != sanne.id()).take(2).collect();
    for (i, p) in others.iter().enumerate() {
        let who = app.k.actor(*p).await.unwrap().unwrap();
        app.k.answer_fairness(&who, id, "5", "").await.unwrap();
        d.refresh().await.unwrap();
        let page = main_text(d).await;
        assert_eq!(page.contains("van 5 ("), i == 1, "after {} answers: {page}", i + 2);
    }
    let page = main_text(d).await;
    assert!(page.contains("Gemiddeld 4,7 van 5 (3 antwoorden)") && page.contains("Mijn inbreng is gelezen."), "{page}");
    assert_accessible(d, "decision with its fairness result").await;
    d.goto(app.url(&format!("/teams/{b3}/decisions"))).await.unwrap();
    assert!(main_text(d).await.contains("4,7"), "the leader's trend");
    assert_accessible(d, "decisions with the trend").await;
    browser.quit().await;
}
