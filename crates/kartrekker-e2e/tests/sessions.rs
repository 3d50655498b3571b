//! One's own sessions and password under Settings in Chromium, and an upload
//! whose CSRF token travels as a form field; axe-core on every page.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, fill, log_in, main_text};
use kartrekker_testkit::{TestApp, both_databases};

both_databases!(sessions_flow);

async fn sessions_flow(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let other = Browser::start().await;
    log_in(&other.driver, &app, "verpleegkundige@delinde.demo", demo::PASSWORD).await;
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "verpleegkundige@delinde.demo", demo::PASSWORD).await;

    d.goto(app.url("/settings")).await.unwrap();
    d.find(By::LinkText("Waar je bent ingelogd")).await.unwrap().click().await.unwrap();
    let page = main_text(d).await;
    assert!(page.contains("(deze browser)") && page.contains("Chrome · Linux"), "{page}");
    assert_accessible(d, "sessions").await;

    d.find(By::LinkText("Kies een nieuw wachtwoord")).await.unwrap().click().await.unwrap();
    assert_accessible(d, "change password").await;
    fill(d, "f-current_password", demo::PASSWORD).await;
    fill(d, "f-password", "qwerty123456").await;
    fill(d, "f-password_repeat", "qwerty123456").await;
    click_button(d, "Wachtwoord wijzigen").await;
    assert!(main_text(d).await.contains("Dit wachtwoord wordt veel gebruikt"));
    assert_accessible(d, "change password with errors").await;
    fill(d, "f-current_password", demo::PASSWORD).await;
    fill(d, "f-password", "paarse olifanten dansen").await;
    fill(d, "f-password_repeat", "paarse olifanten dansen").await;
    click_button(d, "Wachtwoord wijzigen").await;
    let page = main_text(d).await;
    assert!(page.contains("Je wachtwoord is gewijzigd."), "{page}");
    assert!(!page.contains("Overal anders uitloggen"), "the other browser was logged out: {page}");
    other.driver.goto(app.url("/")).await.unwrap();
    assert!(other.driver.current_url().await.unwrap().path().starts_with("/login"));
    other.quit().await;
    browser.quit().await;

    // The import form's upload carries its CSRF token in the form, not the URL.
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "admin@delinde.demo", demo::PASSWORD).await;
    d.goto(app.url("/admin/import")).await.unwrap();
    let file = std::env::temp_dir().join(format!("kt-import-{}.csv", std::process::id()));
    std::fs::write(&file, "naam;e-mail;beroep;team;rol\nSanne Smit;sanne.smit@delinde.demo;HBO-V;Interne B3;lid\n")
        .unwrap();
    d.find(By::Id("f-file")).await.unwrap().send_keys(file.to_str().unwrap()).await.unwrap();
    click_button(d, "Controleren").await;
    let page = main_text(d).await;
    assert!(page.contains("Sanne Smit") && !page.contains("Formulier verlopen"), "{page}");
    assert!(!d.current_url().await.unwrap().as_str().contains("csrf"), "no token in the address bar");
    std::fs::remove_file(file).unwrap();
    browser.quit().await;
}
