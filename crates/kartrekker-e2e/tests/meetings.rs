//! Meetings in Chromium: the chair opens today's dagstart from a phone,
//! runs the agenda with its timer, writes notes, agrees an action that lands
//! on the board and closes the meeting, which sends the minutes; axe-core
//! and the 360 px check on every page.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, fill, log_in, main_text, phone};
use kartrekker_testkit::{TestApp, both_databases};

both_databases!(dagstart_flow);

async fn follow(d: &WebDriver, text: &str) {
    let old = d.find(By::Tag("html")).await.unwrap();
    d.find(By::LinkText(text)).await.unwrap_or_else(|_| panic!("link {text:?}")).click().await.unwrap();
    kartrekker_e2e::wait_for_next_page(d, old).await;
}

async fn dagstart_flow(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;
    phone(d, 390).await;
    log_in(d, &app, "teamleider@delinde.demo", demo::PASSWORD).await;
    follow(d, "Interne B3").await;
    follow(d, "Overleg").await;
    assert!(main_text(d).await.contains("Nog geen overleg."));
    assert_accessible(d, "team meetings").await;
    follow(d, "Nieuw overleg").await;
    assert_accessible(d, "new meeting").await;
    fill(d, "f-start_time", "").await;
    click_button(d, "Overleg plannen").await;
    assert!(main_text(d).await.contains("Vul de begintijd in"));
    assert_accessible(d, "new meeting with errors").await;
    // A time field takes its keys by locale; the value is what the form sends.
    d.execute("document.getElementById('f-start_time').value = '07:30';", vec![]).await.unwrap();
    click_button(d, "Overleg plannen").await;
    let page = main_text(d).await;
    assert!(page.contains("Het overleg is gepland."), "{page}");
    assert_accessible(d, "dagstart").await;

    // The run view: no app header, the item and its timebox counting down.
    follow(d, "Agenda doorlopen").await;
    assert!(d.find(By::Css("header.top")).await.is_err(), "no app header");
    let timer = d.find(By::Id("time-left")).await.unwrap();
    assert_eq!(timer.attr("data-seconds").await.unwrap().as_deref(), Some("180"));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let shown = timer.text().await.unwrap();
    assert!(shown.starts_with("2:5"), "the script counts down: {shown}");
    assert_accessible(d, "run view").await;
    fill(d, "notes", "Valrisico kamer 4: alarmmat ligt klaar.").await;
    click_button(d, "Aantekeningen opslaan").await;
    assert!(main_text(d).await.contains("De aantekeningen zijn opgeslagen."));
    follow(d, "Volgend punt").await;
    assert!(main_text(d).await.contains("Bezetting"));
    follow(d, "Terug naar het overleg").await;
    assert!(main_text(d).await.contains("Valrisico kamer 4"));

    // An action agreed in the dagstart lands on the board with origin "Overleg".
    fill(d, "f-title", "Alarmmatten tellen").await;
    fill(d, "f-goal", "Genoeg matten voor de nacht").await;
    d.find(By::Id("f-kartrekker")).await.unwrap().send_keys("Sanne Bakker").await.unwrap();
    click_button(d, "Actie toevoegen aan het actieregister").await;
    assert!(main_text(d).await.contains("De actie is toegevoegd."));
    assert_accessible(d, "dagstart with an action").await;

    // A decision that needs the whole team becomes a Fair Process record of the meeting.
    let meeting = d.current_url().await.unwrap();
    follow(d, "Start een Fair Process-besluit").await;
    assert_accessible(d, "Fair Process from a meeting").await;
    fill(d, "f-title", "Alarmmatten per kamer").await;
    fill(d, "f-problem", "Er zijn te weinig alarmmatten voor de nacht.").await;
    click_button(d, "Inbreng vragen").await;
    let record = main_text(d).await;
    assert!(record.contains("Gestart in het overleg"), "{record}");
    assert_accessible(d, "decision from a meeting").await;
    d.goto(meeting.as_str()).await.unwrap();
    assert!(main_text(d).await.contains("Fair Process-besluit"));

    click_button(d, "Overleg afsluiten").await;
    let minutes = main_text(d).await;
    assert!(minutes.contains("Het overleg is afgesloten") && minutes.contains("Alarmmatten tellen"), "{minutes}");
    assert_accessible(d, "minutes").await;
    d.goto(app.url("/meetings/templates")).await.unwrap();
    assert_accessible(d, "templates").await;
    browser.quit().await;

    app.k.run_due_jobs().await.unwrap();
    let sent = app.smtp.to("verpleegkundige@delinde.demo");
    assert!(sent.iter().any(|m| m.data.contains("Subject: Notulen van Dagstart")), "the minutes reach Sanne");
    let board = {
        let mut c = app.k.conn().await.unwrap();
        kartrekker::db::query_scalar::<i64>("SELECT COUNT(*) FROM actions WHERE origin_kind = 'meeting' AND title = $1")
            .bind("Alarmmatten tellen")
            .fetch_one(&mut c)
            .await
            .unwrap()
    };
    assert_eq!(board, 1, "the action is in the register with the origin Overleg");
}
