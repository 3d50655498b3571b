//! The audit trail in Chromium: the administrator's log with its filters
//! (and a refused filter), and "who viewed my data" from Settings; axe-core
//! and the 360 px phone check on every page.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, fill, log_in, main_text};
use kartrekker_testkit::{TestApp, both_databases};

both_databases!(audit_flow);

async fn audit_flow(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "admin@delinde.demo", demo::PASSWORD).await;
    d.goto(app.url("/admin/people")).await.unwrap();
    d.find(By::LinkText("Sanne Bakker")).await.unwrap().click().await.unwrap();
    d.find(By::LinkText("Auditlog")).await.unwrap().click().await.unwrap();
    let page = main_text(d).await;
    assert!(page.contains("Persoonspagina bekeken") && page.contains("Sanne Bakker"), "{page}");
    assert_accessible(d, "audit log").await;

    fill(d, "f-from", "03-12-2026").await;
    fill(d, "f-until", "01-01-2001").await;
    click_button(d, "Filteren").await;
    assert!(main_text(d).await.contains("De einddatum ligt vóór de begindatum."));
    assert_accessible(d, "audit log with a refused filter").await;
    browser.quit().await;

    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "verpleegkundige@delinde.demo", demo::PASSWORD).await;
    d.goto(app.url("/settings")).await.unwrap();
    d.find(By::LinkText("Wie bekeek mijn gegevens")).await.unwrap().click().await.unwrap();
    assert!(main_text(d).await.contains("Persoonspagina bekeken"));
    assert_accessible(d, "who viewed my data").await;
    browser.quit().await;
}
