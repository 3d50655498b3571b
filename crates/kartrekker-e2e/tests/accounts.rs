//! One log-in in two organisations, and the import's mapping step, in a real
//! Chromium with axe-core (WCAG 2.1 AA) and at phone width.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, log_in, main_text};
use kartrekker_testkit::{TestApp, actor, both_databases, org};

both_databases!(accounts_flow);

/// A demo nurse also works in a second hospital: she switches to it in the header.
async fn accounts_flow(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let other = org(&app, "Ziekenhuis Tweede").await;
    let nurse = "verpleegkundige@delinde.demo";
    let admin = actor(&app, &other.admin).await;
    app.k.create_person(&admin, "Sanne Bakker", nurse, "hbo-v", &[]).await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, nurse, demo::PASSWORD).await;
    d.find(By::LinkText("Wissel van organisatie")).await.unwrap().click().await.unwrap();
    assert_accessible(d, "organisation switcher").await;
    click_button(d, "Naar Ziekenhuis Tweede").await;
    let header = d.find(By::Css("header.top")).await.unwrap().text().await.unwrap();
    assert!(header.contains("Organisatie: Ziekenhuis Tweede"), "{header}");
    assert_accessible(d, "home page in the second organisation").await;

    // The import's mapping step, with an .xlsx from the HR system.
    browser.quit().await;
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, &other.admin, kartrekker_testkit::PASSWORD).await;
    d.goto(app.url("/admin/import")).await.unwrap();
    // Chromium takes only a canonical path for a file input.
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../kartrekker-web/tests/fixtures/hr-export.xlsx");
    let fixture = std::fs::canonicalize(fixture).unwrap();
    d.find(By::Id("f-file")).await.unwrap().send_keys(fixture.to_str().unwrap()).await.unwrap();
    click_button(d, "Controleren").await;
    assert!(main_text(d).await.contains("Alle 2 regels zijn in orde."));
    assert_accessible(d, "import preview with its columns").await;
    browser.quit().await;
}
