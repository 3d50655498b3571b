//! Two-step log-in in a real Chromium (issue 20): an administrator is sent to
//! the set-up after the password, sets it up on a phone-wide screen with the
//! code an app would show (computed here from the secret on the page), keeps
//! the recovery codes, and logs in again with a code; axe-core and the 360 px
//! check on every page of it.

use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, PHONE_WIDTH, assert_accessible, click_button, fill, log_in, main_text, phone};
use kartrekker_testkit::{Backend, PASSWORD, TestApp, both_backends, org, secret_on_page, totp_code};

both_backends!(two_step_flow);

async fn two_step_flow(backend: Backend) {
    let app = TestApp::spawn_configured(backend, |c| c.two_step_for_administrators = true).await;
    let o = org(&app, "Tweestapziekenhuis").await;
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, &o.admin, PASSWORD).await;
    let url = d.current_url().await.unwrap();
    assert_eq!(url.path(), "/settings/two-step", "an administrator sets it up first");
    assert!(main_text(d).await.contains("Als beheerder zet je tweestapsinloggen aan"));

    // On a phone: scan (here: read the secret), then type the app's code.
    phone(d, PHONE_WIDTH).await;
    assert_accessible(d, "two-step set-up").await;
    fill(d, "f-code", "12").await;
    click_button(d, "Tweestapsinloggen aanzetten").await;
    assert!(main_text(d).await.contains("Deze code klopt niet."));
    assert_accessible(d, "two-step set-up with a wrong code").await;
    phone(d, PHONE_WIDTH).await;
    let secret = secret_on_page(&d.source().await.unwrap());
    fill(d, "f-code", &totp_code(&secret, app.k.now())).await;
    click_button(d, "Tweestapsinloggen aanzetten").await;
    let codes = d.find_all(By::Css(".recovery-codes code")).await.unwrap();
    assert_eq!(codes.len(), 10);
    assert_accessible(d, "recovery codes").await;
    d.find(By::LinkText("Verder naar Kartrekker")).await.unwrap().click().await.unwrap();
    assert_eq!(d.current_url().await.unwrap().path(), "/", "set up: the administrator goes on");
    click_button(d, "Uitloggen").await;

    // The next log-in asks for the code after the password.
    app.clock.advance_ms(30_000);
    log_in(d, &app, &o.admin, PASSWORD).await;
    assert_eq!(d.current_url().await.unwrap().path(), "/login/code");
    assert_accessible(d, "the code after the password").await;
    fill(d, "f-code", &totp_code(&secret, app.k.now())).await;
    click_button(d, "Inloggen").await;
    assert_eq!(d.current_url().await.unwrap().path(), "/");
    assert!(main_text(d).await.contains("Welkom, Anna Admin"));
    browser.quit().await;
}
