//! Single sign-on with OpenID Connect (issue 20, decision 0030), end to end
//! against a real provider process on loopback (`oidc-provider`, started per
//! test by the testkit): the browser is led through its redirects by hand.
//! A good log-in makes a session; a wrong state, a replayed code, an expired
//! ID token, a wrong audience, an unknown or deactivated person are each
//! refused with a page saying why; an organisation may refuse passwords.

use kartrekker::clock::MINUTE_MS;

use kartrekker_testkit::*;

both_databases!(
    a_log_in_through_the_provider_makes_a_session_and_lands_on_home,
    a_wrong_state_is_refused,
    a_replayed_code_is_refused,
    an_expired_id_token_is_refused,
    an_id_token_for_another_audience_is_refused,
    an_unknown_address_is_refused_unless_people_are_created,
    a_deactivated_person_is_refused,
    an_organisation_may_refuse_passwords,
    the_client_secret_is_never_shown_and_stays_in_its_organisation,
);
both_backends!(a_provider_log_in_counts_as_two_step);

/// Kartrekker's clock at the provider's (real) time: ID tokens carry real times.
fn at_real_time(app: &TestApp) {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    app.clock.set_ms(now);
}

/// The organisation `o`'s administrator sets the provider up, with the
/// form's fields overridden by `fields`; the organisation's id.
async fn set_up(app: &TestApp, o: &Org, p: &OidcProvider, fields: &[(&str, &str)]) -> i64 {
    let admin = Client::logged_in(app, &o.admin).await;
    let mut form = vec![
        ("label", "Rivierenland Entra"),
        ("issuer", p.issuer.as_str()),
        ("client_id", OIDC_CLIENT_ID),
        ("client_secret", OIDC_CLIENT_SECRET),
        ("email_claim", "email"),
        ("passwords_allowed", "yes"),
    ];
    for (name, value) in fields {
        form.retain(|(n, _)| n != name);
        if !value.is_empty() {
            form.push((name, value));
        }
    }
    let saved = admin.post("/admin/sso", &form).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    actor(app, &o.admin).await.org_id().unwrap()
}

/// Starts a log-in through organisation `org`'s provider in browser `c`, and
/// lets the provider log in `email`: the path (and query) it sends the browser back to.
async fn through_provider(app: &TestApp, p: &OidcProvider, c: &Client, org: i64, email: &str) -> String {
    let start = c.get(&format!("/login/sso/{org}")).await;
    assert_eq!(start.status, 303, "{}", start.body);
    let authorize = start.location.unwrap();
    assert!(authorize.starts_with(&format!("{}/auth?", p.issuer)), "{authorize}");
    assert!(authorize.contains("code_challenge_method=S256"), "PKCE: {authorize}");
    let mut url = format!("{authorize}&login_hint={email}");
    for _ in 0..6 {
        let page = c.get_url(&url).await;
        let to = page.location.unwrap_or_else(|| panic!("the provider stopped at {url}: {}", page.body));
        if let Some(back) = to.strip_prefix(&app.base) {
            return back.to_string();
        }
        url = if to.starts_with('/') { format!("{}{to}", p.issuer) } else { to };
    }
    panic!("the provider never sent the browser back");
}

fn with_param(path: &str, name: &str, value: &str) -> String {
    let (base, query) = path.split_once('?').unwrap();
    let kept: Vec<&str> = query.split('&').filter(|kv| !kv.starts_with(&format!("{name}="))).collect();
    format!("{base}?{}&{name}={value}", kept.join("&"))
}

fn param<'a>(path: &'a str, name: &str) -> &'a str {
    let query = path.split_once('?').unwrap().1;
    query.split('&').find_map(|kv| kv.strip_prefix(&format!("{name}="))).unwrap()
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    count(app, &format!("audit_log WHERE action = '{action}'")).await
}

async fn a_log_in_through_the_provider_makes_a_session_and_lands_on_home(app: TestApp) {
    at_real_time(&app);
    let p = OidcProvider::start(&app, &[]);
    let o = org(&app, "Rivierenland").await;
    let org_id = set_up(&app, &o, &p, &[]).await;
    let c = Client::new(&app);
    let login = c.get("/login").await;
    login.assert_has(&format!("href=\"/login/sso/{org_id}\""));
    login.assert_has("Inloggen met Rivierenland Entra");
    let back = through_provider(&app, &p, &c, org_id, &o.member).await;
    assert!(back.starts_with("/login/sso/callback?code="), "{back}");
    let done = c.get(&back).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some("/"));
    let home = c.get("/").await;
    assert_eq!(home.status, 200);
    home.assert_has("Lars Lid");
    assert_eq!(audited(&app, "sso_login").await, 1);
    // Logging out ends the session here (the provider's own is left alone).
    c.post("/logout", &[]).await;
    assert_eq!(c.get("/").await.location.as_deref(), Some("/login"));
}

async fn a_wrong_state_is_refused(app: TestApp) {
    at_real_time(&app);
    let p = OidcProvider::start(&app, &[]);
    let o = org(&app, "Rivierenland").await;
    let org_id = set_up(&app, &o, &p, &[]).await;
    let c = Client::with_language(&app, Some("en"));
    let back = through_provider(&app, &p, &c, org_id, &o.member).await;
    let refused = c.get(&with_param(&back, "state", "not-the-state")).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    refused.assert_has("could not be matched to a log-in started in this browser");
    // The pending log-in is used up: the right state does not work after it.
    assert_eq!(c.get(&back).await.status, 400);
    // Nor in a browser that did not start it.
    let other = Client::new(&app);
    let elsewhere = other.get(&back).await;
    assert_eq!(elsewhere.status, 400);
    elsewhere.assert_has("hoort niet bij een inlog die in deze browser is begonnen");
    assert_eq!(c.get("/").await.location.as_deref(), Some("/login"));
    assert_eq!(audited(&app, "sso_refused").await, 3);
    assert_eq!(audited(&app, "sso_login").await, 0);
}

async fn a_replayed_code_is_refused(app: TestApp) {
    at_real_time(&app);
    let p = OidcProvider::start(&app, &[]);
    let o = org(&app, "Rivierenland").await;
    let org_id = set_up(&app, &o, &p, &[]).await;
    let first = Client::new(&app);
    let back = through_provider(&app, &p, &first, org_id, &o.member).await;
    assert_eq!(first.get(&back).await.status, 303);
    // Someone who saw the address starts a log-in of their own and offers the used code.
    let thief = Client::new(&app);
    let theirs = through_provider(&app, &p, &thief, org_id, &o.leader).await;
    let replay = with_param(&theirs, "code", param(&back, "code"));
    let refused = thief.get(&replay).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    refused.assert_has("weigerde de inlogcode");
    assert_eq!(thief.get("/").await.location.as_deref(), Some("/login"));
}

async fn an_expired_id_token_is_refused(app: TestApp) {
    at_real_time(&app);
    let p = OidcProvider::start(&app, &["--id-token-ttl", "60"]);
    let o = org(&app, "Rivierenland").await;
    let org_id = set_up(&app, &o, &p, &[]).await;
    let c = Client::new(&app);
    let back = through_provider(&app, &p, &c, org_id, &o.member).await;
    // Two minutes later by Kartrekker's clock: past the token's minute, within the log-in's ten.
    app.clock.advance_ms(2 * MINUTE_MS);
    let refused = c.get(&back).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    refused.assert_has("inlogbewijs van de inlogdienst van je organisatie is verlopen");
    assert_eq!(c.get("/").await.location.as_deref(), Some("/login"));
}

async fn an_id_token_for_another_audience_is_refused(app: TestApp) {
    at_real_time(&app);
    let p = OidcProvider::start(&app, &["--audience", OIDC_OTHER_CLIENT_ID]);
    let o = org(&app, "Rivierenland").await;
    let org_id = set_up(&app, &o, &p, &[]).await;
    let c = Client::with_language(&app, Some("en"));
    let back = through_provider(&app, &p, &c, org_id, &o.member).await;
    let refused = c.get(&back).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    refused.assert_has("made for another application");
    assert_eq!(c.get("/").await.location.as_deref(), Some("/login"));
}

async fn an_unknown_address_is_refused_unless_people_are_created(app: TestApp) {
    at_real_time(&app);
    let p = OidcProvider::start(&app, &[]);
    let o = org(&app, "Rivierenland").await;
    let other = kartrekker_testkit::org(&app, "Maasland").await;
    let org_id = set_up(&app, &o, &p, &[]).await;
    let people_before = count(&app, "people").await;
    // Unknown here, though known in another organisation.
    for email in ["nieuw@rivierenland.test", other.member.as_str()] {
        let c = Client::new(&app);
        let back = through_provider(&app, &p, &c, org_id, email).await;
        let refused = c.get(&back).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        refused.assert_has("In deze organisatie is geen account met jouw e-mailadres");
    }
    assert_eq!(count(&app, "people").await, people_before);
    // With just-in-time creation on, the first log-in makes a plain member.
    set_up(&app, &o, &p, &[("create_people", "yes")]).await;
    let c = Client::new(&app);
    let back = through_provider(&app, &p, &c, org_id, "nieuw@rivierenland.test").await;
    assert_eq!(c.get(&back).await.status, 303);
    c.get("/").await.assert_has("Nieuw");
    let made = actor(&app, "nieuw@rivierenland.test").await;
    assert_eq!(made.org_id(), Some(org_id));
    assert!(made.org_roles.is_empty() && made.team_roles.is_empty());
    assert!(made.person.active);
    assert_eq!(audited(&app, "sso_person_created").await, 1);
}

async fn a_deactivated_person_is_refused(app: TestApp) {
    at_real_time(&app);
    let p = OidcProvider::start(&app, &[]);
    let o = org(&app, "Rivierenland").await;
    let org_id = set_up(&app, &o, &p, &[("create_people", "yes")]).await;
    app.k.deactivate_person(&actor(&app, &o.admin).await, o.member_id).await.unwrap();
    let c = Client::new(&app);
    let back = through_provider(&app, &p, &c, org_id, &o.member).await;
    let refused = c.get(&back).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    refused.assert_has("Je account in deze organisatie is gedeactiveerd");
    assert_eq!(c.get("/").await.location.as_deref(), Some("/login"));
}

async fn an_organisation_may_refuse_passwords(app: TestApp) {
    at_real_time(&app);
    let p = OidcProvider::start(&app, &[]);
    let o = org(&app, "Rivierenland").await;
    let org_id = set_up(&app, &o, &p, &[("passwords_allowed", "")]).await;
    for email in [&o.member, &o.admin] {
        let c = Client::new(&app);
        let refused = c.login(email, PASSWORD).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        refused.assert_has("logt alleen in via haar eigen inlogdienst");
        refused.assert_has(&format!("href=\"/login/sso/{org_id}\""));
    }
    // A wrong password still says only that it is wrong.
    let wrong = Client::new(&app).login(&o.member, "niet het goede wachtwoord").await;
    assert_eq!(wrong.status, 422);
    assert_eq!(audited(&app, "login_refused_sso").await, 2);
    // The instance administrator still logs in with a password.
    root(&app).await;
    assert_eq!(Client::new(&app).login("root@kartrekker.test", PASSWORD).await.status, 303);
    // The provider does log the member in.
    let c = Client::new(&app);
    let back = through_provider(&app, &p, &c, org_id, &o.member).await;
    assert_eq!(c.get(&back).await.status, 303);
}

async fn the_client_secret_is_never_shown_and_stays_in_its_organisation(app: TestApp) {
    let o = org(&app, "Rivierenland").await;
    let other = kartrekker_testkit::org(&app, "Maasland").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    let secret = "zeer-geheim-clientgeheim-42";
    let fields = [
        ("label", "Rivierenland Entra"),
        ("issuer", "https://login.microsoftonline.com/rivierenland-tenant/v2.0"),
        ("client_id", "rivierenland-app"),
        ("client_secret", secret),
        ("email_claim", "preferred_username"),
        ("passwords_allowed", "yes"),
    ];
    // A mistake elsewhere: the form comes back with what was typed, but not the secret.
    let mut bad = fields.to_vec();
    bad[1] = ("issuer", "http://idp.rivierenland.test");
    let again = admin.post("/admin/sso", &bad).await;
    assert_eq!(again.status, 422, "{}", again.body);
    again.assert_has("Vul de issuer in als https://-adres");
    assert_eq!(again.input_value("client_id").as_deref(), Some("rivierenland-app"));
    assert!(!again.has(secret));
    assert_eq!(count(&app, "sso_providers").await, 0);
    assert_eq!(admin.post("/admin/sso", &fields).await.status, 303);
    let page = admin.get("/admin/sso").await;
    assert_eq!(page.status, 200);
    page.assert_has("rivierenland-app");
    page.assert_has("/login/sso/callback");
    assert!(!page.has(secret), "the secret is shown:\n{}", page.body);
    // Saved again without a secret: the stored one stays.
    let mut keep = fields.to_vec();
    keep[3] = ("client_secret", "");
    assert_eq!(admin.post("/admin/sso", &keep).await.status, 303);
    let stored: String =
        kartrekker::db::query_scalar("SELECT client_secret FROM sso_providers").fetch_one(&app.k.db).await.unwrap();
    assert_eq!(stored, secret);
    assert_eq!(audited(&app, "update_sso").await, 2);
    // Another organisation's administrator sees their own (empty) settings, and saves only theirs.
    let theirs = Client::logged_in(&app, &other.admin).await;
    let page = theirs.get("/admin/sso").await;
    assert_eq!(page.status, 200);
    assert!(!page.has("rivierenland-app"));
    let mut mine = fields.to_vec();
    mine[2] = ("client_id", "maasland-app");
    mine[3] = ("client_secret", "maasland-geheim");
    assert_eq!(theirs.post("/admin/sso", &mine).await.status, 303);
    assert_eq!(count(&app, "sso_providers WHERE client_id = 'rivierenland-app'").await, 1);
    assert_eq!(count(&app, "sso_providers").await, 2);
    // A member may not see it at all.
    let member = Client::logged_in(&app, &o.member).await;
    assert_eq!(member.get("/admin/sso").await.status, 403);
}

async fn a_provider_log_in_counts_as_two_step(backend: Backend) {
    let app = TestApp::spawn_configured(backend, |c| c.two_step_for_administrators = true).await;
    at_real_time(&app);
    let p = OidcProvider::start(&app, &[]);
    let o = org(&app, "Rivierenland").await;
    // The administrator sets it up: with a password, two-step log-in comes first.
    let admin = Client::new(&app);
    admin.login(&o.admin, PASSWORD).await;
    assert_eq!(admin.get("/admin").await.location.as_deref(), Some("/settings/two-step"));
    let org_id = {
        let mut c = app.k.conn().await.unwrap();
        let org_id = actor(&app, &o.admin).await.org_id().unwrap();
        let fields = kartrekker::auth::sso::SsoFields {
            label: "Rivierenland Entra",
            issuer: &p.issuer,
            client_id: OIDC_CLIENT_ID,
            client_secret: OIDC_CLIENT_SECRET,
            email_claim: "email",
            create_people: false,
            passwords_allowed: true,
        };
        let input = kartrekker::auth::sso::SsoInput::parse(&fields, false).unwrap();
        kartrekker::auth::sso::store::save(&mut c, org_id, &input, app.k.now()).await.unwrap();
        org_id
    };
    // Through the provider, whose own MFA counts, the administration opens at once.
    let c = Client::new(&app);
    let back = through_provider(&app, &p, &c, org_id, &o.admin).await;
    assert_eq!(c.get(&back).await.status, 303);
    assert_eq!(c.get("/admin").await.status, 200);
}
