//! The action register in Chromium: add an action, move its card with the
//! keyboard alone, add progress; axe-core on every page.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, fill, log_in, main_text};
use kartrekker_testkit::{TestApp, both_databases};

both_databases!(register_flow);

async fn register_flow(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "teamleider@delinde.demo", demo::PASSWORD).await;
    d.find(By::LinkText("Interne B3")).await.unwrap().click().await.unwrap();
    assert!(main_text(d).await.contains("Dit team heeft nog geen acties."));
    assert_accessible(d, "empty board").await;

    d.find(By::LinkText("Nieuwe actie")).await.unwrap().click().await.unwrap();
    assert_accessible(d, "new action").await;
    fill(d, "f-title", "Overdracht aan bed").await;
    click_button(d, "Toevoegen").await;
    let page = main_text(d).await;
    assert!(page.contains("Beschrijf het doel van de actie."), "{page}");
    assert_eq!(d.find(By::Id("f-title")).await.unwrap().value().await.unwrap().as_deref(), Some("Overdracht aan bed"));
    assert_accessible(d, "new action with errors").await;
    fill(d, "f-goal", "Minder onrust bij de dienstwissel").await;
    d.find(By::Id("f-kartrekker")).await.unwrap().send_keys("Sanne Bakker").await.unwrap();
    click_button(d, "Toevoegen").await;
    assert!(main_text(d).await.contains("De actie is toegevoegd."));
    assert_accessible(d, "action page").await;

    fill(d, "f-text", "Afgesproken in het teamoverleg van maandag.").await;
    click_button(d, "Voortgang toevoegen").await;
    assert!(main_text(d).await.contains("Afgesproken in het teamoverleg van maandag."));

    // Move the card with the keyboard only: focus the select, choose, Enter.
    d.find(By::LinkText("Acties van Interne B3")).await.unwrap().click().await.unwrap();
    let select = d.find(By::Css("div.move select")).await.unwrap();
    select.focus().await.unwrap();
    select.send_keys(Key::Down).await.unwrap();
    let old = d.find(By::Tag("html")).await.unwrap();
    d.find(By::Css("div.move button")).await.unwrap().send_keys(Key::Enter).await.unwrap();
    for _ in 0..200 {
        if old.tag_name().await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let column = d.find(By::Css("section[aria-labelledby='col-in_progress']")).await.unwrap().text().await.unwrap();
    assert!(column.contains("Overdracht aan bed"), "moved to 'Mee bezig': {column}");
    assert!(main_text(d).await.contains("De actie is verplaatst."));
    let focused = d.active_element().await.unwrap();
    assert_eq!(focused.tag_name().await.unwrap(), "article", "the moved card has the focus");
    assert!(focused.text().await.unwrap().contains("Overdracht aan bed"));
    assert_accessible(d, "board with a card").await;

    d.goto(app.url("/actions/overdue")).await.unwrap();
    assert_accessible(d, "overdue actions").await;
    d.goto(app.url("/settings")).await.unwrap();
    assert_accessible(d, "settings").await;
    d.goto(app.url("/")).await.unwrap();
    assert_accessible(d, "home page").await;
    browser.quit().await;

    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "verpleegkundige@delinde.demo", demo::PASSWORD).await;
    assert!(main_text(d).await.contains("Overdracht aan bed"), "Sanne sees the action she pulls");
    assert_accessible(d, "home page with my actions").await;
    click_button(d, "Uitloggen").await;
    log_in(d, &app, "admin@delinde.demo", demo::PASSWORD).await;
    d.goto(app.url("/admin/settings")).await.unwrap();
    assert_accessible(d, "organisation settings").await;
    browser.quit().await;
}
