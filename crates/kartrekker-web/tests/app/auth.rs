use kartrekker::clock::MINUTE_MS;

use kartrekker_testkit::*;

both_databases!(
    logging_in_and_out,
    a_wrong_password_is_refused_and_the_address_kept,
    repeated_failures_make_the_address_wait,
    changes_without_the_csrf_token_are_refused,
    pages_need_a_log_in_and_come_back_after_it,
);

async fn logging_in_and_out(app: TestApp) {
    let o = org(&app, "Inlogziekenhuis").await;
    let c = Client::new(&app);
    let p = c.login(&o.member, PASSWORD).await;
    assert_eq!((p.status, p.location.as_deref()), (303, Some("/")));
    let home = c.get("/").await;
    home.assert_has("Welkom, Lars Lid");
    home.assert_has("Interne B3");
    home.assert_has("<p>Inlogziekenhuis</p>");
    assert_eq!(count(&app, "sessions").await, 1, "the session is kept in the database");

    let out = c.post("/logout", &[]).await;
    assert_eq!(out.location.as_deref(), Some("/login"));
    assert_eq!(count(&app, "sessions").await, 0);
    assert_eq!(c.get("/").await.location.as_deref(), Some("/login"));
}

async fn a_wrong_password_is_refused_and_the_address_kept(app: TestApp) {
    let o = org(&app, "Foutziekenhuis").await;
    let c = Client::new(&app);
    let p = c.login(&o.member, "niet het goede wachtwoord").await;
    assert_eq!(p.status, 422);
    p.assert_has("Het e-mailadres of het wachtwoord klopt niet.");
    p.assert_has("class=\"error-summary\"");
    assert_eq!(p.input_value("email").as_deref(), Some(o.member.as_str()));
    assert_eq!(p.input_value("password").as_deref(), Some(""), "a password is never sent back");
    // An unknown address gets the very same answer.
    let unknown = c.login("niemand@nergens.test", PASSWORD).await;
    assert_eq!(unknown.status, 422);
    unknown.assert_has("Het e-mailadres of het wachtwoord klopt niet.");
    assert_eq!(count(&app, "sessions").await, 0);
}

async fn repeated_failures_make_the_address_wait(app: TestApp) {
    let o = org(&app, "Slotziekenhuis").await;
    let c = Client::with_language(&app, Some("en"));
    for _ in 0..5 {
        assert_eq!(c.login(&o.member, "wrong password!").await.status, 422);
    }
    let locked = c.login(&o.member, PASSWORD).await;
    assert_eq!(locked.status, 429, "even the right password waits");
    locked.assert_has("Too many wrong passwords. Try again in 1 minute,");
    app.clock.advance_ms(MINUTE_MS);
    assert_eq!(c.login(&o.member, "wrong password!").await.status, 422, "one more try after the wait");
    c.login(&o.member, PASSWORD).await.assert_has("Try again in 2 minutes,");
    app.clock.advance_ms(2 * MINUTE_MS);
    assert_eq!(c.login(&o.member, PASSWORD).await.status, 303);
}

async fn changes_without_the_csrf_token_are_refused(app: TestApp) {
    let o = org(&app, "Csrfziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    let departments = count(&app, "departments").await;
    let none = c.post_raw("/admin/departments", &[("name", "Zonder token")]).await;
    assert_eq!(none.status, 403);
    none.assert_has("Formulier verlopen");
    let wrong = c.post_raw("/admin/departments", &[("csrf", &"0".repeat(64)), ("name", "Fout token")]).await;
    assert_eq!(wrong.status, 403);
    // The anonymous token of another browser does not open this session.
    let other = Client::new(&app);
    other.get("/login").await;
    let other_token = other.get("/login").await.input_value("csrf").unwrap();
    let foreign = c.post_raw("/admin/departments", &[("csrf", &other_token), ("name", "Vreemd token")]).await;
    assert_eq!(foreign.status, 403);
    assert_eq!(count(&app, "departments").await, departments, "nothing was written");
    c.get("/admin/departments").await;
    assert_eq!(c.post("/admin/departments", &[("name", "Met token")]).await.status, 303);
    assert_eq!(count(&app, "departments").await, departments + 1);
}

async fn pages_need_a_log_in_and_come_back_after_it(app: TestApp) {
    let o = org(&app, "Terugziekenhuis").await;
    let c = Client::new(&app);
    for path in ["/", "/admin", "/admin/teams", "/admin/people", "/admin/import", "/instance/organisations"] {
        let p = c.get(path).await;
        assert_eq!(p.status, 303, "{path}");
        assert!(p.location.as_deref().unwrap().starts_with("/login"), "{path}: {:?}", p.location);
    }
    let p = c.get("/admin/teams").await;
    assert_eq!(p.location.as_deref(), Some("/login?next=/admin/teams"));
    let form = c.get("/login?next=/admin/teams").await;
    assert_eq!(form.input_value("next").as_deref(), Some("/admin/teams"));
    let done = c.post("/login", &[("email", &o.admin), ("password", PASSWORD), ("next", "/admin/teams")]).await;
    assert_eq!(done.location.as_deref(), Some("/admin/teams"));
    let elsewhere = Client::new(&app);
    elsewhere.get("/login").await;
    let away = elsewhere
        .post("/login", &[("email", &o.admin), ("password", PASSWORD), ("next", "https://evil.example/")])
        .await;
    assert_eq!(away.location.as_deref(), Some("/"), "never sent to another site");
}
