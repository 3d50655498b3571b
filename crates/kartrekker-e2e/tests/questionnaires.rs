//! Filling in the shipped instrument in Chromium, over two sittings, with
//! axe-core on every page.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, log_in, main_text};
use kartrekker_testkit::{TestApp, both_databases};

async fn answer_all_on_page(d: &WebDriver, value: &str) {
    for fieldset in d.find_all(By::Css("fieldset.scale")).await.unwrap() {
        let id = fieldset.attr("id").await.unwrap().unwrap();
        d.find(By::Id(format!("{id}-{value}"))).await.unwrap().click().await.unwrap();
    }
}

both_databases!(questionnaire_flow);

async fn questionnaire_flow(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "admin@delinde.demo", demo::PASSWORD).await;
    d.goto(app.url("/admin/instruments")).await.unwrap();
    assert_accessible(d, "instruments").await;
    click_button(d, "Roeping en collegialiteit proef invullen").await;
    assert!(main_text(d).await.contains("Onderdeel 1 van 4"));
    assert_accessible(d, "questionnaire, first section").await;

    answer_all_on_page(d, "4").await;
    click_button(d, "Volgende").await;
    assert!(main_text(d).await.contains("Onderdeel 2 van 4"));
    // Skip a question and try to go on at the end: the message says which.
    click_button(d, "Opslaan en later verder").await;
    assert!(main_text(d).await.contains("Je antwoorden zijn opgeslagen."));
    d.goto(app.url("/admin/instruments")).await.unwrap();
    click_button(d, "Roeping en collegialiteit proef invullen").await;
    assert!(d.find(By::Css("[aria-current='step']")).await.is_ok());
    for _ in 0..3 {
        if main_text(d).await.contains("Onderdeel 4 van 4") {
            break;
        }
        answer_all_on_page(d, "3").await;
        click_button(d, "Volgende").await;
    }
    click_button(d, "Versturen").await;
    let text = main_text(d).await;
    assert!(text.contains("Deze vraag moet beantwoord worden."), "{text}");
    assert_accessible(d, "questionnaire with errors").await;
    answer_all_on_page(d, "5").await;
    click_button(d, "Versturen").await;
    assert!(main_text(d).await.contains("Je antwoorden zijn verstuurd."));
    assert_accessible(d, "questionnaire submitted").await;
    browser.quit().await;
}
