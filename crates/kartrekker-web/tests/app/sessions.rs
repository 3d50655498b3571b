//! One's own sessions and password (Settings), the password rules on every
//! form that sets one, no CSRF token in a URL, and the security headers on
//! every response.

use std::sync::Arc;

use kartrekker::clock::{HOUR_MS, MINUTE_MS};
use kartrekker::config::Config;
use kartrekker_testkit::*;

both_databases!(
    a_session_ends_when_idle_and_after_its_lifetime_however_busy,
    the_settings_page_lists_ones_sessions_and_ends_one_or_all_others,
    a_password_change_ends_the_other_sessions_and_sends_a_notice,
    a_password_reset_ends_every_session_and_sends_a_notice_in_the_persons_language,
    common_and_personal_passwords_are_refused_on_every_form,
    a_csrf_token_in_the_query_is_refused,
    every_response_carries_the_security_headers,
);

const FIREFOX: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const PHONE: &str =
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";

async fn logged_in_with(app: &TestApp, email: &str, user_agent: &str) -> Client {
    let c = Client::with_user_agent(app, user_agent);
    assert_eq!(c.login(email, PASSWORD).await.status, 303);
    c.get("/").await;
    c
}

fn is_logged_out(p: &Page) -> bool {
    p.status == 303 && p.location.as_deref().is_some_and(|l| l.starts_with("/login"))
}

async fn a_session_ends_when_idle_and_after_its_lifetime_however_busy(app: TestApp) {
    let o = org(&app, "Duurziekenhuis").await;
    let (idle, lifetime) = (app.k.config.session_idle_ms(), app.k.config.session_lifetime_ms());
    assert_eq!((idle, lifetime), (30 * MINUTE_MS, 12 * HOUR_MS), "the documented defaults");

    let idler = Client::logged_in(&app, &o.member).await;
    app.clock.advance_ms(idle - MINUTE_MS);
    assert_eq!(idler.get("/").await.status, 200, "within the idle time");
    app.clock.advance_ms(idle - MINUTE_MS);
    assert_eq!(idler.get("/").await.status, 200, "each request starts the idle time again");
    app.clock.advance_ms(idle - MINUTE_MS);
    let alive = idler.get("/session/alive").await;
    assert_eq!(alive.status, 204, "typing in a form says the person is still there");
    app.clock.advance_ms(idle - MINUTE_MS);
    assert_eq!(idler.get("/").await.status, 200, "so the idle time started again while they typed");
    app.clock.advance_ms(idle + MINUTE_MS);
    assert!(is_logged_out(&idler.get("/").await), "idle too long");
    let gone = idler.get("/session/alive").await;
    assert_eq!(gone.status, 401, "a script asking after an ended session is not sent to the log-in page");

    let busy = Client::logged_in(&app, &o.member).await;
    let mut used = 0;
    let step = idle - 10 * MINUTE_MS;
    while used + step < lifetime {
        app.clock.advance_ms(step);
        used += step;
        assert_eq!(busy.get("/").await.status, 200, "in use after {} min", used / MINUTE_MS);
    }
    app.clock.advance_ms(lifetime - used);
    assert!(is_logged_out(&busy.get("/").await), "ended after its lifetime, busy as it was");
}

async fn the_settings_page_lists_ones_sessions_and_ends_one_or_all_others(app: TestApp) {
    let o = org(&app, "Sessieziekenhuis").await;
    let laptop = logged_in_with(&app, &o.member, FIREFOX).await;
    let phone = logged_in_with(&app, &o.member, PHONE).await;
    let someone_else = logged_in_with(&app, &o.leader, PHONE).await;

    laptop.get("/settings").await.assert_has("href=\"/settings/sessions\"");
    let page = laptop.get("/settings/sessions").await;
    assert_eq!(page.status, 200);
    page.assert_has("Waar je bent ingelogd");
    page.assert_has("Firefox · Windows <strong>(deze browser)</strong>");
    page.assert_has("Chrome · Android</td>");
    assert_eq!(page.body.matches("name=\"session\"").count(), 1, "the other session, not this one nor the leader's");
    page.assert_has("data-label=\"Laatst gebruikt\"");

    // Ending one: the phone's session, by the id the page gives it.
    let id = page.input_value("session").unwrap();
    let ended = laptop.post("/settings/sessions/end", &[("session", &id)]).await;
    assert_eq!(ended.location.as_deref(), Some("/settings/sessions?notice=notice-session-ended"));
    assert!(is_logged_out(&phone.get("/").await), "the phone is logged out");
    assert_eq!(laptop.get("/").await.status, 200, "this browser stays");
    assert_eq!(laptop.post("/settings/sessions/end", &[("session", &id)]).await.status, 404, "already gone");

    // Another person's session cannot be ended from here.
    let theirs = someone_else.get("/settings/sessions").await;
    assert!(theirs.input_value("session").is_none(), "the leader has one session: no end button");
    let tablet = logged_in_with(&app, &o.leader, FIREFOX).await;
    let their_other = someone_else.get("/settings/sessions").await.input_value("session").unwrap();
    assert_eq!(laptop.post("/settings/sessions/end", &[("session", &their_other)]).await.status, 404);
    assert_eq!(tablet.get("/").await.status, 200, "the leader's session lives on");

    // Log out everywhere else.
    let second = logged_in_with(&app, &o.member, PHONE).await;
    let third = logged_in_with(&app, &o.member, PHONE).await;
    laptop.get("/settings/sessions").await.assert_has("Overal anders uitloggen");
    let all = laptop.post("/settings/sessions/others", &[]).await;
    assert_eq!(all.location.as_deref(), Some("/settings/sessions?notice=notice-sessions-ended"));
    assert!(is_logged_out(&second.get("/").await) && is_logged_out(&third.get("/").await));
    let after = laptop.get("/settings/sessions?notice=notice-sessions-ended").await;
    after.assert_has("Je bent overal anders uitgelogd.");
    assert!(after.input_value("session").is_none(), "only this browser is left");
    assert_eq!(someone_else.get("/").await.status, 200, "another person's sessions are untouched");
    assert!(is_logged_out(&Client::new(&app).get("/settings/sessions").await), "the page needs a log-in");
}

async fn a_password_change_ends_the_other_sessions_and_sends_a_notice(app: TestApp) {
    let o = org(&app, "Wijzigziekenhuis").await;
    let me = logged_in_with(&app, &o.member, FIREFOX).await;
    let elsewhere = logged_in_with(&app, &o.member, PHONE).await;
    app.k.run_due_jobs().await.unwrap();
    let mails = app.smtp.to(&o.member).len();

    let form = me.get("/settings/password").await;
    assert_eq!(form.status, 200);
    form.assert_has("Huidig wachtwoord");
    let wrong = me
        .post(
            "/settings/password",
            &[
                ("current_password", "niet mijn wachtwoord"),
                ("password", "paarse olifanten dansen"),
                ("password_repeat", "paarse olifanten dansen"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    wrong.assert_has("Dit is niet je huidige wachtwoord.");
    wrong.assert_has("class=\"error-summary\"");
    assert_eq!(elsewhere.get("/").await.status, 200, "nothing changed");

    let done = me
        .post(
            "/settings/password",
            &[
                ("current_password", PASSWORD),
                ("password", "paarse olifanten dansen"),
                ("password_repeat", "paarse olifanten dansen"),
            ],
        )
        .await;
    assert_eq!(done.location.as_deref(), Some("/settings/sessions?notice=notice-password-changed"));
    assert!(is_logged_out(&elsewhere.get("/").await), "the other session has ended");
    me.get("/settings/sessions?notice=notice-password-changed").await.assert_has("Je wachtwoord is gewijzigd.");
    assert_eq!(Client::new(&app).login(&o.member, PASSWORD).await.status, 422, "the old password is gone");
    assert_eq!(Client::new(&app).login(&o.member, "paarse olifanten dansen").await.status, 303);

    app.k.run_due_jobs().await.unwrap();
    let all = app.smtp.to(&o.member);
    assert_eq!(all.len(), mails + 1, "one notice");
    let notice = all.last().unwrap();
    assert!(notice.data.contains("Je wachtwoord voor Kartrekker is gewijzigd"), "{}", notice.data);
    assert!(notice.link(&format!("{}/forgot", app.base)).is_some(), "a way to take the account back: {}", notice.data);
}

async fn a_password_reset_ends_every_session_and_sends_a_notice_in_the_persons_language(app: TestApp) {
    let o = org(&app, "Herstelziekenhuis").await;
    let before = Client::logged_in(&app, &o.member).await;
    before.post("/language", &[("lang", "en"), ("back", "/")]).await;
    app.k.run_due_jobs().await.unwrap();
    let mails = app.smtp.to(&o.member).len();

    let anon = Client::new(&app);
    anon.get("/forgot").await;
    anon.post("/forgot", &[("email", &o.member)]).await;
    app.k.run_due_jobs().await.unwrap();
    let link = app.smtp.to(&o.member).last().unwrap().link(&format!("{}/reset/", app.base)).unwrap();
    let path = link.strip_prefix(&app.base).unwrap().to_string();
    anon.get(&path).await;
    let done = anon
        .post(&path, &[("password", "paarse olifanten dansen"), ("password_repeat", "paarse olifanten dansen")])
        .await;
    assert_eq!(done.status, 303);
    assert!(is_logged_out(&before.get("/").await), "the session from before the reset has ended");
    assert_eq!(anon.get("/").await.status, 200, "the reset logs in");

    app.k.run_due_jobs().await.unwrap();
    let all = app.smtp.to(&o.member);
    assert_eq!(all.len(), mails + 2, "the reset link and then the notice");
    let notice = all.last().unwrap();
    assert!(notice.data.contains("Your Kartrekker password was changed"), "in English: {}", notice.data);
}

/// The new password `pw` is refused on the form at `path` with `message`,
/// and the typed passwords are not sent back.
async fn refused(c: &Client, path: &str, fields: &[(&str, &str)], message: &str) {
    let p = c.post(path, fields).await;
    assert_eq!(p.status, 422, "{path}: {}", p.body);
    p.assert_has(message);
    assert_eq!(p.input_value("password").as_deref(), Some(""));
}

async fn common_and_personal_passwords_are_refused_on_every_form(app: TestApp) {
    let o = org(&app, "Rivierenland").await;
    let common = "Qwerty123456";
    let personal = "Rivierenland!2026";
    let (common_nl, personal_nl) = (
        "Dit wachtwoord wordt veel gebruikt en is daardoor makkelijk te raden.",
        "Het wachtwoord bevat je naam, je e-mailadres of de naam van je organisatie.",
    );

    // Accepting an invitation.
    let a = actor(&app, &o.admin).await;
    app.k.create_person(&a, "Bram Bakker", "bram@rivierenland.test", "arts", &[]).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let link = app.smtp.to("bram@rivierenland.test")[0].link(&format!("{}/invitation/", app.base)).unwrap();
    let invitation = link.strip_prefix(&app.base).unwrap().to_string();
    let bram = Client::new(&app);
    bram.get(&invitation).await;
    refused(&bram, &invitation, &[("password", common), ("password_repeat", common)], common_nl).await;
    refused(&bram, &invitation, &[("password", personal), ("password_repeat", personal)], personal_nl).await;
    refused(&bram, &invitation, &[("password", "bakker-2026!"), ("password_repeat", "bakker-2026!")], personal_nl)
        .await;
    assert_eq!(bram.get(&invitation).await.status, 200, "the link is still unused");

    // A reset, in English for someone who asks in English.
    let anon = Client::with_language(&app, Some("en"));
    anon.get("/forgot").await;
    anon.post("/forgot", &[("email", &o.member)]).await;
    app.k.run_due_jobs().await.unwrap();
    let link = app.smtp.to(&o.member).last().unwrap().link(&format!("{}/reset/", app.base)).unwrap();
    let reset = link.strip_prefix(&app.base).unwrap().to_string();
    anon.get(&reset).await;
    refused(
        &anon,
        &reset,
        &[("password", "qwerty123456"), ("password_repeat", "qwerty123456")],
        "This password is used a lot",
    )
    .await;
    refused(
        &anon,
        &reset,
        &[("password", "LarsLid1990!!"), ("password_repeat", "LarsLid1990!!")],
        "contains your name",
    )
    .await;
    refused(
        &anon,
        &reset,
        &[("password", "Rivierenland.test1"), ("password_repeat", "Rivierenland.test1")],
        "organisation",
    )
    .await;

    // Changing it under Settings.
    let me = Client::logged_in(&app, &o.leader).await;
    me.get("/settings/password").await;
    let change = |pw: &'static str| [("current_password", PASSWORD), ("password", pw), ("password_repeat", pw)];
    refused(&me, "/settings/password", &change("basketball2024"), common_nl).await;
    refused(&me, "/settings/password", &change("Lieke.Leider!!"), personal_nl).await;
    refused(&me, "/settings/password", &change("rivierenland 77"), personal_nl).await;

    for email in [&o.member, &o.leader] {
        assert_eq!(Client::new(&app).login(email, PASSWORD).await.status, 303, "{email} keeps the old password");
    }
}

async fn a_csrf_token_in_the_query_is_refused(app: TestApp) {
    let o = org(&app, "Queryziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    let page = c.get("/admin/departments").await;
    let token = page.input_value("csrf").unwrap();
    let departments = count(&app, "departments").await;
    let in_query = c.post_raw(&format!("/admin/departments?csrf={token}"), &[("name", "Via de URL")]).await;
    assert_eq!(in_query.status, 403, "a token in the URL does not count");
    assert_eq!(count(&app, "departments").await, departments);

    // The import form carries it as a field of the upload, not in its address.
    let form = c.get("/admin/import").await;
    assert!(!form.has("?csrf="), "no token in a form's address");
    assert!(form.has("enctype=\"multipart/form-data\""));
    let csv = b"naam;e-mail;beroep;team;rol\nSanne Smit;sanne@query.test;HBO-V;Interne B3;lid\n".to_vec();
    assert_eq!(c.upload("/admin/import", csv.clone()).await.status, 200, "the token as a field works");
    // A browser of its own, to put the token where only a URL carries it.
    let http = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let login = Page {
        status: 200,
        body: http.get(app.url("/login")).send().await.unwrap().text().await.unwrap(),
        location: None,
        content_type: None,
    };
    let fields =
        [("csrf", login.input_value("csrf").unwrap()), ("email", o.admin.clone()), ("password", PASSWORD.into())];
    http.post(app.url("/login")).form(&fields).send().await.unwrap();
    let import = http.get(app.url("/admin/import")).send().await.unwrap().text().await.unwrap();
    let token = Page { status: 200, body: import, location: None, content_type: None }.input_value("csrf").unwrap();
    let part = reqwest::multipart::Part::bytes(csv).file_name("people.csv");
    let res = http
        .post(app.url(&format!("/admin/import?csrf={token}")))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "an upload with the token only in its URL is refused");
}

const HEADERS: &[&str] =
    &["content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options", "permissions-policy"];

async fn every_response_carries_the_security_headers(app: TestApp) {
    let paths = ["/healthz", "/readyz", "/static/app.css", "/login", "/bestaat-niet"];
    for path in paths {
        let res = reqwest::get(app.url(path)).await.unwrap();
        let h = res.headers();
        for name in HEADERS {
            assert!(h.contains_key(*name), "{path} lacks {name}");
        }
        assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(!h.contains_key("strict-transport-security"), "{path}: no HSTS for a plain-http address");
    }
    assert_eq!(reqwest::get(app.url("/bestaat-niet")).await.unwrap().status(), 404);

    // The same app at an https address also sends HSTS, on every route.
    let mut k = app.k.clone();
    k.config = Arc::new(Config { base_url: "https://kartrekker.ziekenhuis.test".into(), ..(*k.config).clone() });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(kartrekker_web::serve(listener, k, std::future::pending()));
    for path in paths {
        let res = reqwest::get(format!("{base}{path}")).await.unwrap();
        let hsts = res.headers().get("strict-transport-security").map(|v| v.to_str().unwrap().to_string());
        assert_eq!(hsts.as_deref(), Some("max-age=31536000"), "{path}");
    }
}
