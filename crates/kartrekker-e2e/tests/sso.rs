//! Single sign-on in Chromium (issue 20): the administrator sets the
//! organisation's provider up on a phone-wide screen, the log-in page offers
//! its button, the provider (oidc-provider on loopback, with its own sign-in
//! page) logs a nurse in and Kartrekker's home opens; an address the
//! organisation does not know gets the refusal page. axe-core and the 360 px
//! check on every page of Kartrekker's.

use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{
    Browser, PHONE_WIDTH, assert_accessible, assert_fits_phone, click_button, fill, log_in, main_text, phone,
    wait_for_next_page,
};
use kartrekker_testkit::{OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OidcProvider, PASSWORD, TestApp, both_databases, org};

both_databases!(a_nurse_logs_in_through_the_hospitals_provider);

/// Follows the log-in page's provider button to the provider's sign-in page.
async fn to_provider(d: &WebDriver, p: &OidcProvider) {
    let old = d.find(By::Tag("html")).await.unwrap();
    d.find(By::LinkText("Inloggen met Entra")).await.unwrap().click().await.unwrap();
    wait_for_next_page(d, old).await;
    let at = d.current_url().await.unwrap();
    assert!(at.as_str().starts_with(&p.issuer), "the browser went to the provider: {at}");
}

/// At the provider's sign-in page: types the address, signs in and waits
/// for the page the redirects end on.
async fn sign_in_at_provider(d: &WebDriver, email: &str) {
    d.find(By::Id("email")).await.unwrap().send_keys(email).await.unwrap();
    let old = d.find(By::Tag("html")).await.unwrap();
    d.find(By::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
    wait_for_next_page(d, old).await;
}

async fn a_nurse_logs_in_through_the_hospitals_provider(app: TestApp) {
    // ID tokens carry the provider's real time.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    app.clock.set_ms(now);
    let p = OidcProvider::start(&app, &[]);
    let o = org(&app, "Entraziekenhuis").await;
    let browser = Browser::start().await;
    let d = &browser.driver;

    // The administrator sets the provider up on a phone; a mistake keeps what was typed.
    log_in(d, &app, &o.admin, PASSWORD).await;
    d.goto(format!("{}/admin/sso", app.base)).await.unwrap();
    phone(d, PHONE_WIDTH).await;
    assert_accessible(d, "single sign-on settings").await;
    assert_fits_phone(d, "single sign-on settings").await;
    fill(d, "f-label", "Entra").await;
    fill(d, "f-issuer", "geen adres").await;
    fill(d, "f-client_id", OIDC_CLIENT_ID).await;
    click_button(d, "Opslaan").await;
    assert_eq!(d.find(By::Id("f-label")).await.unwrap().value().await.unwrap().as_deref(), Some("Entra"));
    assert_accessible(d, "single sign-on settings with errors").await;
    fill(d, "f-issuer", &p.issuer).await;
    fill(d, "f-client_secret", OIDC_CLIENT_SECRET).await;
    click_button(d, "Opslaan").await;
    assert!(!d.source().await.unwrap().contains(OIDC_CLIENT_SECRET), "the secret is never shown back");
    assert_accessible(d, "single sign-on settings saved").await;
    click_button(d, "Uitloggen").await;

    // The log-in page offers the provider; the nurse signs in there.
    d.goto(format!("{}/login", app.base)).await.unwrap();
    phone(d, PHONE_WIDTH).await;
    assert_accessible(d, "log-in page with a provider").await;
    assert_fits_phone(d, "log-in page with a provider").await;
    to_provider(d, &p).await;
    sign_in_at_provider(d, &o.member).await;
    let home = d.current_url().await.unwrap();
    assert_eq!(home.path(), "/", "back on Kartrekker's home");
    assert!(d.source().await.unwrap().contains("Lars Lid"), "logged in as the nurse");
    assert_accessible(d, "home after single sign-on").await;
    click_button(d, "Uitloggen").await;

    // An address this organisation does not know: a page that says why. (The
    // provider's own session is forgotten first: its cookies, like
    // Kartrekker's, are of 127.0.0.1.)
    d.goto(format!("{}/login", app.base)).await.unwrap();
    d.delete_all_cookies().await.unwrap();
    d.refresh().await.unwrap();
    to_provider(d, &p).await;
    sign_in_at_provider(d, "onbekend@elders.test").await;
    assert!(main_text(d).await.contains("In deze organisatie is geen account met jouw e-mailadres."));
    phone(d, PHONE_WIDTH).await;
    assert_accessible(d, "single sign-on refused").await;
    assert_fits_phone(d, "single sign-on refused").await;
    browser.quit().await;
}
