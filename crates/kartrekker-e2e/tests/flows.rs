//! The main flows in a real Chromium, on both databases, with axe-core
//! (WCAG 2.1 AA) on every page visited.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, fill, log_in, main_text};
use kartrekker_testkit::{TestApp, both_databases};

both_databases!(administrator_flow);

/// Log in, switch the language, create a team and add a person to it.
async fn administrator_flow(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;

    d.goto(app.url("/login")).await.unwrap();
    assert_eq!(d.title().await.unwrap(), "Inloggen · Kartrekker");
    assert_accessible(d, "log-in page").await;

    // A wrong password: the message, the address kept, still accessible.
    log_in(d, &app, "admin@delinde.demo", "verkeerd wachtwoord").await;
    assert!(main_text(d).await.contains("Het e-mailadres of het wachtwoord klopt niet."));
    let kept = d.find(By::Id("f-email")).await.unwrap().value().await.unwrap();
    assert_eq!(kept.as_deref(), Some("admin@delinde.demo"));
    assert_accessible(d, "log-in page with an error").await;

    log_in(d, &app, "admin@delinde.demo", demo::PASSWORD).await;
    assert!(main_text(d).await.contains("Welkom, Femke de Groot"));
    assert_accessible(d, "home page").await;

    click_button(d, "English").await;
    assert!(main_text(d).await.contains("Welcome, Femke de Groot"), "switched to English");
    assert_eq!(d.find(By::Tag("html")).await.unwrap().attr("lang").await.unwrap().as_deref(), Some("en"));
    assert_accessible(d, "home page in English").await;

    d.find(By::LinkText("Administration")).await.unwrap().click().await.unwrap();
    assert_accessible(d, "administration overview").await;
    d.find(By::XPath("//nav[@class='subnav']//a[normalize-space()='Teams']")).await.unwrap().click().await.unwrap();
    assert_accessible(d, "teams").await;

    // Forgetting the department keeps the name and says what is missing.
    fill(d, "f-name", "Longafdeling L2").await;
    click_button(d, "Add").await;
    assert!(main_text(d).await.contains("Choose a department from the list."));
    assert_eq!(d.find(By::Id("f-name")).await.unwrap().value().await.unwrap().as_deref(), Some("Longafdeling L2"));
    assert_accessible(d, "teams with an error").await;

    d.find(By::Id("f-department")).await.unwrap().send_keys("Interne geneeskunde").await.unwrap();
    click_button(d, "Add").await;
    let page = main_text(d).await;
    assert!(page.contains("Longafdeling L2") && page.contains("The team was added."), "{page}");
    assert_accessible(d, "new team").await;

    d.find(By::Id("f-person")).await.unwrap().send_keys("Sanne Bakker").await.unwrap();
    d.find(By::Id("f-role")).await.unwrap().send_keys("Trainer").await.unwrap();
    click_button(d, "Add").await;
    let page = main_text(d).await;
    assert!(page.contains("The team member was added.") && page.contains("Sanne Bakker"), "{page}");
    assert_accessible(d, "team with a member").await;

    d.goto(app.url("/admin/people")).await.unwrap();
    assert_accessible(d, "people").await;
    d.goto(app.url("/admin/people/new")).await.unwrap();
    assert_accessible(d, "new person").await;
    d.goto(app.url("/admin/import")).await.unwrap();
    assert_accessible(d, "import").await;
    d.goto(app.url("/admin/departments")).await.unwrap();
    assert_accessible(d, "departments").await;
    browser.quit().await;

    // The member now sees the team on her home page.
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "verpleegkundige@delinde.demo", demo::PASSWORD).await;
    assert!(main_text(d).await.contains("Longafdeling L2"));
    d.goto(app.url("/forgot")).await.unwrap();
    assert_accessible(d, "forgot password").await;
    d.find(By::LinkText("Privacy")).await.unwrap().click().await.unwrap();
    assert!(main_text(d).await.contains("Hoe lang"));
    assert_accessible(d, "privacy statement").await;
    d.goto(app.url("/bestaat-niet")).await.unwrap();
    assert!(main_text(d).await.contains("Pagina niet gevonden"));
    assert_accessible(d, "not found").await;
    d.goto(app.url("/admin")).await.unwrap();
    assert!(main_text(d).await.contains("Geen toegang"));
    assert_accessible(d, "no access").await;
    d.goto(app.url("/invitation/0123456789abcdef")).await.unwrap();
    assert!(main_text(d).await.contains("Deze link is niet geldig."));
    assert_accessible(d, "an invalid link").await;
    browser.quit().await;
}

both_databases!(demo_log_ins);

/// Every demo log-in works, and the instance administrator's page is accessible.
async fn demo_log_ins(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;
    for (email, _) in demo::LOGINS {
        log_in(d, &app, email, demo::PASSWORD).await;
        assert!(main_text(d).await.contains("Welkom"), "{email} logged in");
        if *email == "beheer@kartrekker.demo" {
            d.goto(app.url("/instance/organisations")).await.unwrap();
            assert_accessible(d, "organisations").await;
        }
        click_button(d, "Uitloggen").await;
    }
    browser.quit().await;
}
