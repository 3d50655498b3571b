//! A person's lifecycle in Chromium: the administrator deactivates and
//! reactivates a nurse, sees the importer's list of who is missing from an
//! HR file, and erases a person; axe-core and the 360 px check on every page.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, assert_errors_have_focus, click_button, log_in, main_text};
use kartrekker_testkit::{TestApp, actor, both_databases};

both_databases!(lifecycle_flow);

async fn lifecycle_flow(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let sanne = actor(&app, "verpleegkundige@delinde.demo").await.id();
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "admin@delinde.demo", demo::PASSWORD).await;

    d.goto(app.url(&format!("/admin/people/{sanne}"))).await.unwrap();
    assert_accessible(d, "person with lifecycle buttons").await;
    click_button(d, "Deactiveren").await;
    assert!(main_text(d).await.contains("De persoon is gedeactiveerd."));
    assert_accessible(d, "deactivated person").await;
    click_button(d, "Weer activeren").await;
    assert!(main_text(d).await.contains("De persoon is weer actief."));

    // The importer lists who is missing from the file before anything happens.
    let dir = std::env::temp_dir().join(format!("kt-e2e-lifecycle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("hr.csv");
    std::fs::write(
        &file,
        "naam;e-mail;beroep;team;rol\nSanne Bakker;verpleegkundige@delinde.demo;HBO-V;Interne B3;lid\n",
    )
    .unwrap();
    d.goto(app.url("/admin/import")).await.unwrap();
    d.find(By::Id("f-file")).await.unwrap().send_keys(file.to_str().unwrap()).await.unwrap();
    click_button(d, "Controleren").await;
    let preview = main_text(d).await;
    assert!(preview.contains("Niet in dit bestand") && preview.contains("Marieke Jansen"), "{preview}");
    assert_accessible(d, "import preview with people to deactivate").await;
    std::fs::remove_dir_all(dir).unwrap();

    // Erasing: without the confirmation the form comes back with its errors.
    d.goto(app.url(&format!("/admin/people/{sanne}/erase"))).await.unwrap();
    assert_accessible(d, "erase form").await;
    click_button(d, "Persoon wissen").await;
    assert_errors_have_focus(d, "erase form with errors").await;
    assert_accessible(d, "erase form with errors").await;
    if let Ok(successor) = d.find(By::Id("f-successor")).await {
        successor.send_keys("Marieke Jansen").await.unwrap();
    }
    d.find(By::Css("label[for='f-confirm']")).await.unwrap().click().await.unwrap();
    click_button(d, "Persoon wissen").await;
    let people = main_text(d).await;
    assert!(people.contains("De persoon is gewist.") && !people.contains("Sanne Bakker"), "{people}");
    browser.quit().await;

    // The deactivated get a clear message at the log-in.
    let admin = actor(&app, "admin@delinde.demo").await;
    let aios = actor(&app, "aios@delinde.demo").await.id();
    app.k.deactivate_person(&admin, aios).await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "aios@delinde.demo", demo::PASSWORD).await;
    assert!(main_text(d).await.contains("Je account is gedeactiveerd."));
    assert_accessible(d, "log-in refused for a deactivated person").await;
    browser.quit().await;
}
