//! Two-step log-in (issue 20, decision 0027): set up under Settings with a
//! code the test computes from the secret on the page, as an app would; then
//! every log-in asks for a code after the password. Codes count once, wrong
//! ones wait like wrong passwords, a recovery code works once, and an
//! administrator sets it up before anything else.

use kartrekker::clock::MINUTE_MS;

use kartrekker_testkit::*;

both_databases!(
    a_member_sets_up_two_step_log_in_and_logs_in_with_a_computed_code,
    a_code_counts_once,
    a_recovery_code_works_once,
    wrong_codes_wait_like_wrong_passwords,
    two_step_log_in_is_turned_off_with_the_password_or_a_code,
);
both_backends!(administrators_set_up_two_step_log_in_first);

/// A step of 30 seconds: the next code.
const STEP_MS: i64 = 30_000;

/// Sets up two-step log-in for the logged-in client: the secret from the page
/// and the recovery codes shown once.
async fn set_up(app: &TestApp, c: &Client) -> (String, Vec<String>) {
    let page = c.get("/settings/two-step").await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.assert_has("<svg aria-hidden=\"true\"");
    page.assert_has("otpauth://totp/Kartrekker:");
    let secret = secret_on_page(&page.body);
    let done = c.post("/settings/two-step", &[("code", &totp_code(&secret, app.k.now()))]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let codes: Vec<String> =
        done.body.split("<li><code>").skip(1).map(|s| s.split('<').next().unwrap().to_string()).collect();
    assert_eq!(codes.len(), 10, "{}", done.body);
    (secret, codes)
}

/// The password step: a half log-in that waits for its code.
async fn password_step(c: &Client, email: &str) {
    let p = c.login(email, PASSWORD).await;
    assert_eq!((p.status, p.location.as_deref()), (303, Some("/login/code?next=/")), "{}", p.body);
    assert_eq!(c.get("/login/code?next=/").await.status, 200);
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    let mut c = app.k.conn().await.unwrap();
    kartrekker::db::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&mut c)
        .await
        .unwrap()
}

async fn a_member_sets_up_two_step_log_in_and_logs_in_with_a_computed_code(app: TestApp) {
    let o = org(&app, "Tweestapziekenhuis").await;
    let c = Client::logged_in(&app, &o.member).await;
    c.get("/settings").await.assert_has("href=\"/settings/two-step\"");
    let page = c.get("/settings/two-step").await;
    page.assert_has("Voeg Kartrekker toe aan je app");
    assert!(!page.has("Als beheerder"), "a member is not told it is required");
    // A wrong first code changes nothing.
    let wrong = c.post("/settings/two-step", &[("code", "000000")]).await;
    assert_eq!(wrong.status, 422);
    wrong.assert_has("Deze code klopt niet. Typ de zes cijfers die de app nu toont.");
    assert_eq!(secret_on_page(&wrong.body), secret_on_page(&page.body), "the same secret until confirmed");
    let (secret, _) = set_up(&app, &c).await;
    assert_eq!(count(&app, "recovery_codes").await, 10);
    assert_eq!(audit_count(&app, "two_step_enabled").await, 1);
    let on = c.get("/settings/two-step").await;
    on.assert_has("Tweestapsinloggen staat aan.");
    on.assert_has("Je hebt nog 10 ongebruikte herstelcodes.");
    assert!(!on.has(&secret), "the secret is shown only while setting up");
    c.post("/logout", &[]).await;

    // The password alone gives a half log-in that reaches no page.
    let c = Client::new(&app);
    password_step(&c, &o.member).await;
    let sessions = count(&app, "sessions").await;
    for path in ["/", "/settings", "/settings/two-step", "/settings/sessions"] {
        let p = c.get(path).await;
        assert_eq!(p.status, 303, "{path}");
        assert!(p.location.as_deref().unwrap().starts_with("/login"), "{path}: {:?}", p.location);
    }
    let wrong = c.post("/login/code", &[("code", "123456"), ("next", "/")]).await;
    assert_eq!(wrong.status, 422);
    wrong.assert_has("Deze code klopt niet. Typ de zes cijfers die de app nu toont, of een ongebruikte herstelcode.");
    assert_eq!(wrong.input_value("code").as_deref(), Some(""), "a code is never sent back");
    assert_eq!(audit_count(&app, "two_step_refused").await, 1);
    app.clock.advance_ms(STEP_MS);
    let ok = c.post("/login/code", &[("code", &totp_code(&secret, app.k.now())), ("next", "/")]).await;
    assert_eq!((ok.status, ok.location.as_deref()), (303, Some("/")), "{}", ok.body);
    assert_eq!(count(&app, "sessions").await, sessions + 1);
    c.get("/").await.assert_has("Welkom, Lars Lid");
    assert_eq!(count(&app, "login_challenges").await, 0, "the half log-in is gone");

    // In English too, and a code one step old still counts.
    let en = Client::with_language(&app, Some("en"));
    password_step(&en, &o.member).await;
    en.get("/login/code?next=/").await.assert_has("Now type the code your app shows for Kartrekker.");
    let wrong = en.post("/login/code", &[("code", "999999"), ("next", "/")]).await;
    wrong.assert_has("This code is not right. Type the six digits the app shows now, or an unused recovery code.");
    app.clock.advance_ms(STEP_MS);
    let late = totp_code(&secret, app.k.now());
    app.clock.advance_ms(STEP_MS);
    let ok = en.post("/login/code", &[("code", &late), ("next", "/")]).await;
    assert_eq!(ok.status, 303, "a code of the step before is accepted: {}", ok.body);
}

async fn a_code_counts_once(app: TestApp) {
    let o = org(&app, "Eenmaalziekenhuis").await;
    let (secret, _) = set_up(&app, &Client::logged_in(&app, &o.member).await).await;
    app.clock.advance_ms(STEP_MS);
    let code = totp_code(&secret, app.k.now());
    let first = Client::new(&app);
    password_step(&first, &o.member).await;
    assert_eq!(first.post("/login/code", &[("code", &code), ("next", "/")]).await.status, 303);
    // Someone who saw the code over a shoulder, in the same 30 seconds.
    let second = Client::new(&app);
    password_step(&second, &o.member).await;
    let replay = second.post("/login/code", &[("code", &code), ("next", "/")]).await;
    assert_eq!(replay.status, 422);
    replay.assert_has("Deze code is al gebruikt. Wacht op de volgende code in de app.");
    assert_eq!(second.get("/").await.location.as_deref(), Some("/login"));
    // The next code works.
    app.clock.advance_ms(STEP_MS);
    let next = second.post("/login/code", &[("code", &totp_code(&secret, app.k.now())), ("next", "/")]).await;
    assert_eq!(next.status, 303, "{}", next.body);
    // A half log-in lasts five minutes.
    let slow = Client::new(&app);
    password_step(&slow, &o.member).await;
    app.clock.advance_ms(5 * MINUTE_MS);
    let late = slow.post("/login/code", &[("code", &totp_code(&secret, app.k.now())), ("next", "/")]).await;
    assert_eq!(late.status, 422);
    late.assert_has("Het inloggen duurde te lang. Log opnieuw in met je wachtwoord.");
}

async fn a_recovery_code_works_once(app: TestApp) {
    let o = org(&app, "Herstelziekenhuis").await;
    let (_, codes) = set_up(&app, &Client::logged_in(&app, &o.member).await).await;
    let c = Client::new(&app);
    password_step(&c, &o.member).await;
    // Typed in capitals with a space instead of the dash: still the code.
    let typed = codes[3].to_uppercase().replace('-', " ");
    let ok = c.post("/login/code", &[("code", &typed), ("next", "/")]).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(audit_count(&app, "recovery_code_used").await, 1);
    c.get("/settings/two-step").await.assert_has("Je hebt nog 9 ongebruikte herstelcodes.");
    // The personal data export says how many are left, never the codes.
    let (status, _, zip) = c.post_for_bytes("/settings/data", &[]).await;
    assert_eq!(status, 200);
    let text = String::from_utf8_lossy(&zip).to_string();
    assert!(text.contains("two_step_login.csv"), "the export has a part for two-step log-in");

    let again = Client::new(&app);
    password_step(&again, &o.member).await;
    let used = again.post("/login/code", &[("code", &codes[3]), ("next", "/")]).await;
    assert_eq!(used.status, 422, "a recovery code works once");
    used.assert_has("Deze code klopt niet.");
    let other = again.post("/login/code", &[("code", &codes[4]), ("next", "/")]).await;
    assert_eq!(other.status, 303);
}

async fn wrong_codes_wait_like_wrong_passwords(app: TestApp) {
    let o = org(&app, "Wachtziekenhuis").await;
    let (secret, _) = set_up(&app, &Client::logged_in(&app, &o.member).await).await;
    app.clock.advance_ms(STEP_MS);
    let c = Client::with_language(&app, Some("en"));
    password_step(&c, &o.member).await;
    for _ in 0..5 {
        assert_eq!(c.post("/login/code", &[("code", "000000"), ("next", "/")]).await.status, 422);
    }
    let locked = c.post("/login/code", &[("code", &totp_code(&secret, app.k.now())), ("next", "/")]).await;
    assert_eq!(locked.status, 429, "even the right code waits");
    locked.assert_has("Too many wrong codes. Try again in 1 minute.");
    assert_eq!(audit_count(&app, "two_step_refused").await, 5);
    assert_eq!(audit_count(&app, "locked_out").await, 1);
    // The password step waits too: the same count.
    assert_eq!(c.login(&o.member, PASSWORD).await.status, 429);
    app.clock.advance_ms(MINUTE_MS);
    let ok = c.post("/login/code", &[("code", &totp_code(&secret, app.k.now())), ("next", "/")]).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
}

async fn two_step_log_in_is_turned_off_with_the_password_or_a_code(app: TestApp) {
    let o = org(&app, "Uitziekenhuis").await;
    let c = Client::logged_in(&app, &o.member).await;
    set_up(&app, &c).await;
    let wrong = c.post("/settings/two-step/disable", &[("proof", "niet mijn wachtwoord")]).await;
    assert_eq!(wrong.status, 422);
    wrong.assert_has("Dit is geen geldige code uit de app en ook niet je wachtwoord.");
    assert_eq!(count(&app, "account_totp").await, 1, "nothing changed");
    let off = c.post("/settings/two-step/disable", &[("proof", PASSWORD)]).await;
    assert_eq!(off.location.as_deref(), Some("/settings/two-step?notice=totp-notice-disabled"));
    c.get(off.location.as_deref().unwrap()).await.assert_has("Tweestapsinloggen staat uit.");
    assert_eq!(
        (count(&app, "account_totp").await, count(&app, "recovery_codes").await),
        (1, 0),
        "a new pending secret"
    );
    assert_eq!(audit_count(&app, "two_step_disabled").await, 1);
    c.post("/logout", &[]).await;
    let p = Client::new(&app).login(&o.member, PASSWORD).await;
    assert_eq!(p.location.as_deref(), Some("/"), "the password alone again");

    // With a current code, in English.
    let en = Client::with_language(&app, Some("en"));
    let p = en.login(&o.member, PASSWORD).await;
    assert_eq!(p.status, 303);
    en.get("/").await;
    let (secret, _) = set_up(&app, &en).await;
    app.clock.advance_ms(STEP_MS);
    let off = en.post("/settings/two-step/disable", &[("proof", &totp_code(&secret, app.k.now()))]).await;
    assert_eq!(off.status, 303, "{}", off.body);
    en.get("/settings/two-step?notice=totp-notice-disabled").await.assert_has("Two-step log-in is off.");
}

/// With the configuration of every real instance (the tests' default is the
/// demo's: not required): an administrator is sent to the set-up after the
/// password, and reaches nothing else until it is done; a member is not.
async fn administrators_set_up_two_step_log_in_first(backend: Backend) {
    let app = TestApp::spawn_configured(backend, |c| c.two_step_for_administrators = true).await;
    let o = org(&app, "Beheerziekenhuis").await;
    let admin = Client::new(&app);
    assert_eq!(admin.login(&o.admin, PASSWORD).await.location.as_deref(), Some("/"));
    for path in ["/", "/admin", "/settings", "/settings/sessions", "/admin/audit"] {
        let p = admin.get(path).await;
        assert_eq!((p.status, p.location.as_deref()), (303, Some("/settings/two-step")), "{path}");
    }
    admin
        .get("/settings/two-step")
        .await
        .assert_has("Als beheerder zet je tweestapsinloggen aan voordat je verder kunt.");
    let blocked = admin.post("/settings/password", &[("current_password", PASSWORD)]).await;
    assert_eq!(blocked.location.as_deref(), Some("/settings/two-step"), "no change either");
    let (secret, _) = set_up(&app, &admin).await;
    assert_eq!(admin.get("/admin").await.status, 200, "set up: the administrator goes on");

    // The member needs none.
    let member = Client::logged_in(&app, &o.member).await;
    assert_eq!(member.get("/").await.status, 200);

    // The instance administrator too, in English.
    let root_page = Client::with_language(&app, Some("en"));
    root_page.login("root@kartrekker.test", PASSWORD).await;
    assert_eq!(root_page.get("/instance/organisations").await.location.as_deref(), Some("/settings/two-step"));
    root_page
        .get("/settings/two-step")
        .await
        .assert_has("As an administrator you turn on two-step log-in before you can go on.");

    // Next time the administrator logs in with a code.
    admin.post("/logout", &[]).await;
    app.clock.advance_ms(STEP_MS);
    let again = Client::new(&app);
    password_step(&again, &o.admin).await;
    let ok = again.post("/login/code", &[("code", &totp_code(&secret, app.k.now())), ("next", "/")]).await;
    assert_eq!(ok.status, 303);
    assert_eq!(again.get("/admin").await.status, 200);
}
