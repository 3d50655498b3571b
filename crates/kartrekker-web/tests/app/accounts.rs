//! One log-in in several organisations (docs/decisions/0015-accounts.md):
//! the organisation switcher, an address used elsewhere that an
//! administrator cannot tell from a new one, and a password reset per account.

use kartrekker_testkit::*;

both_databases!(
    one_log_in_switches_between_organisations_and_sees_one_at_a_time,
    an_address_used_in_another_organisation_looks_new_to_the_administrator,
    a_password_reset_is_for_the_account,
    an_import_adds_an_address_used_elsewhere_like_a_new_one,
    deactivating_or_erasing_in_one_organisation_leaves_the_others_alone,
    erasing_the_last_membership_removes_the_account_and_frees_the_address,
);

/// The trainer of `a` made a person of `b` too (by b's administrator), as an administrator of both.
async fn trainer_in_two(app: &TestApp, a: &Org, b: &Org) -> (String, i64, i64) {
    let trainer = "tom@trainingsbureau.test".to_string();
    let admin = ["admin".to_string()];
    let in_a = app.k.create_person(&actor(app, &a.admin).await, "Tom Trainer", &trainer, "hbo-v", &admin).await;
    activate(app, &trainer).await;
    let in_b = app.k.create_person(&actor(app, &b.admin).await, "Tom Trainer", &trainer, "hbo-v", &admin).await;
    (trainer, in_a.unwrap(), in_b.unwrap())
}

async fn one_log_in_switches_between_organisations_and_sees_one_at_a_time(app: TestApp) {
    let a = org(&app, "Ziekenhuis Noord").await;
    let b = org(&app, "Ziekenhuis Zuid").await;
    let (trainer, in_a, in_b) = trainer_in_two(&app, &a, &b).await;
    let c = Client::new(&app);
    assert_eq!(c.login(&trainer, PASSWORD).await.status, 303, "one password for both");
    let home = c.get("/").await;
    home.assert_has("Organisatie: Ziekenhuis Noord");
    home.assert_has("href=\"/organisations/switch\"");
    // In Noord: Noord's people only, Zuid's person is not found.
    let people = c.get("/admin/people").await;
    people.assert_has(&a.member);
    assert!(!people.has(&b.member), "Zuid's people are not listed in Noord");
    assert_eq!(c.get(&format!("/admin/people/{}", b.member_id)).await.status, 404);

    let switch = c.get("/organisations/switch").await;
    switch.assert_has("Ziekenhuis Noord (nu)");
    switch.assert_has("Naar Ziekenhuis Zuid");
    // Another account's person, or no CSRF token, moves nothing.
    assert_eq!(c.post("/organisations/switch", &[("person", &a.member_id.to_string())]).await.status, 404);
    assert_eq!(c.post_raw("/organisations/switch", &[("person", &in_b.to_string())]).await.status, 403);
    assert_eq!(actor(&app, &trainer).await.id(), in_a);
    let moved = c.post("/organisations/switch", &[("person", &in_b.to_string())]).await;
    assert_eq!((moved.status, moved.location.as_deref()), (303, Some("/")));
    assert_eq!(count(&app, "sessions").await, 1, "the same session, now in Zuid");
    c.get("/").await.assert_has("Organisatie: Ziekenhuis Zuid");
    let people = c.get("/admin/people").await;
    people.assert_has(&b.member);
    assert!(!people.has(&a.member), "Noord's people are not listed in Zuid");
    assert_eq!(c.get(&format!("/admin/people/{}", a.member_id)).await.status, 404);
    assert_eq!(c.get(&format!("/admin/people/{}", b.member_id)).await.status, 200);
    // And back.
    assert_eq!(c.post("/organisations/switch", &[("person", &in_a.to_string())]).await.status, 303);
    c.get("/").await.assert_has("Organisatie: Ziekenhuis Noord");

    // Someone in one organisation is offered no switcher.
    let member = Client::logged_in(&app, &a.member).await;
    assert!(!member.get("/").await.has("/organisations/switch"));
    assert_eq!(member.post("/organisations/switch", &[("person", &in_b.to_string())]).await.status, 404);
}

async fn an_address_used_in_another_organisation_looks_new_to_the_administrator(app: TestApp) {
    let a = org(&app, "Ziekenhuis Oost").await;
    let b = org(&app, "Ziekenhuis West").await;
    app.k.run_due_jobs().await.unwrap(); // the fixtures' invitations
    let admin = Client::logged_in(&app, &b.admin).await;
    // The same form twice: once with Oost's member's address, once with a new one.
    let mut answers = Vec::new();
    for email in [a.member.as_str(), "nieuw@elders.test"] {
        admin.get("/admin/people/new").await;
        let created =
            admin.post("/admin/people", &[("name", "Sam Nieuw"), ("email", email), ("profession", "hbo-v")]).await;
        let location = created.location.clone().unwrap_or_default();
        let id = location.trim_start_matches("/admin/people/").split('?').next().unwrap().to_string();
        let page = admin.get(&location).await;
        // Only the address, the id and the random one-time form tokens may differ.
        let body = page.body.replace(email, "ADRES").replace(&format!("/admin/people/{id}"), "/admin/people/ID");
        let shape: Vec<&str> = body.lines().filter(|l| !l.contains("name=\"once\"")).collect();
        answers.push((created.status, location.replace(&id, "ID"), page.status, shape.join("\n")));
    }
    assert_eq!(answers[0].0, 303);
    assert!(answers[0].3.contains("Uitnodiging opnieuw sturen"), "invited, as a new person is");
    assert_eq!(answers[0], answers[1], "the same answer for an address used elsewhere as for a new one");
    // The people list shows both as invited.
    let list = admin.get("/admin/people").await;
    assert_eq!(list.body.matches("Uitgenodigd").count(), 2, "{}", list.body);

    // Oost's member is told they were added, and logs in with their own password.
    app.k.run_due_jobs().await.unwrap();
    let added = app.smtp.to(&a.member);
    assert_eq!(added.len(), 1);
    assert!(added[0].data.contains("Je bent toegevoegd aan Ziekenhuis West"), "{}", added[0].data);
    assert!(added[0].link(&format!("{}/login", app.base)).is_some(), "a log-in link");
    assert!(added[0].link(&format!("{}/invitation/", app.base)).is_none(), "no password to choose");
    let fresh = app.smtp.to("nieuw@elders.test");
    assert!(fresh[0].link(&format!("{}/invitation/", app.base)).is_some(), "a new address chooses a password");

    let member = Client::logged_in(&app, &a.member).await;
    member.get("/").await.assert_has("Organisatie: Ziekenhuis Oost");
    let in_west = answers_id(&app, &a.member, "Ziekenhuis West").await;
    assert_eq!(member.post("/organisations/switch", &[("person", &in_west.to_string())]).await.status, 303);
    member.get("/").await.assert_has("Organisatie: Ziekenhuis West");
    let list = admin.get("/admin/people").await;
    assert_eq!(list.body.matches("Uitgenodigd").count(), 1, "taken up once they came in");
    // In one organisation an address stays taken.
    admin.get("/admin/people/new").await;
    let again = admin.post("/admin/people", &[("name", "Sam"), ("email", &a.member), ("profession", "hbo-v")]).await;
    assert_eq!(again.status, 422);
    again.assert_has("Dit e-mailadres is al in gebruik.");
}

/// The id of the person of `email` in the organisation named `org`.
async fn answers_id(app: &TestApp, email: &str, org: &str) -> i64 {
    kartrekker::db::query_scalar(
        "SELECT p.id FROM people p JOIN accounts a ON a.id = p.account_id JOIN organisations o ON o.id = p.org_id \
         WHERE a.email = $1 AND o.name = $2",
    )
    .bind(email)
    .bind(org)
    .fetch_one(&app.k.db)
    .await
    .unwrap()
}

async fn a_password_reset_is_for_the_account(app: TestApp) {
    let a = org(&app, "Ziekenhuis Midden").await;
    let b = org(&app, "Ziekenhuis Rand").await;
    let (trainer, _, in_b) = trainer_in_two(&app, &a, &b).await;
    let old = Client::logged_in(&app, &trainer).await;
    app.k.run_due_jobs().await.unwrap();
    let c = Client::new(&app);
    c.get("/forgot").await;
    assert_eq!(c.post("/forgot", &[("email", &trainer)]).await.status, 200);
    app.k.run_due_jobs().await.unwrap();
    let mails = app.smtp.to(&trainer);
    let link = mails.iter().find_map(|m| m.link(&format!("{}/reset/", app.base))).expect("a reset link");
    let path = link.strip_prefix(&app.base).unwrap().to_string();
    c.get(&path).await;
    let new = "een nieuw wachtwoord";
    assert_eq!(c.post(&path, &[("password", new), ("password_repeat", new)]).await.status, 303);
    assert_eq!(old.get("/").await.location.as_deref(), Some("/login"), "the old session ended");
    let again = Client::new(&app);
    assert_eq!(again.login(&trainer, PASSWORD).await.status, 422, "the old password is gone");
    assert_eq!(again.login(&trainer, new).await.status, 303);
    again.get("/organisations/switch").await;
    assert_eq!(again.post("/organisations/switch", &[("person", &in_b.to_string())]).await.status, 303);
    again.get("/").await.assert_has("Organisatie: Ziekenhuis Rand");
}

async fn an_import_adds_an_address_used_elsewhere_like_a_new_one(app: TestApp) {
    let a = org(&app, "Ziekenhuis Boven").await;
    let b = org(&app, "Ziekenhuis Beneden").await;
    app.k.run_due_jobs().await.unwrap();
    let admin = actor(&app, &b.admin).await;
    let file = format!("naam;e-mail;beroep;team;rol\nLars Elders;{};hbo-v;Interne B3;lid\n", a.member);
    let preview = app.k.preview_import(&admin, &file, None).await.unwrap();
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
    assert_eq!(preview.new_people(), 1, "a new person for Beneden");
    app.k.import_people(&admin, &file, None, false).await.unwrap();
    let in_beneden = answers_id(&app, &a.member, "Ziekenhuis Beneden").await;
    assert_ne!(in_beneden, a.member_id, "a person of its own, on the same account");
    app.k.run_due_jobs().await.unwrap();
    let mails = app.smtp.to(&a.member);
    assert_eq!(mails.len(), 1);
    assert!(mails[0].data.contains("Je bent toegevoegd aan Ziekenhuis Beneden"), "{}", mails[0].data);
}

async fn scalar(app: &TestApp, sql: &'static str, email: &str) -> i64 {
    kartrekker::db::query_scalar(sql).bind(email).fetch_one(&app.k.db).await.unwrap()
}

/// Deactivation and erasure are per organisation: the account, its password
/// and its sessions in the other organisation stay (decision 0015).
async fn deactivating_or_erasing_in_one_organisation_leaves_the_others_alone(app: TestApp) {
    let a = org(&app, "Ziekenhuis Haven").await;
    let b = org(&app, "Ziekenhuis Duin").await;
    let (trainer, in_a, in_b) = trainer_in_two(&app, &a, &b).await;
    let in_duin = Client::logged_in(&app, &trainer).await;
    in_duin.get("/organisations/switch").await;
    assert_eq!(in_duin.post("/organisations/switch", &[("person", &in_b.to_string())]).await.status, 303);
    let in_haven = Client::logged_in(&app, &trainer).await;
    in_haven.get("/").await.assert_has("Organisatie: Ziekenhuis Haven");

    let admin_a = actor(&app, &a.admin).await;
    app.k.deactivate_person(&admin_a, in_a).await.unwrap();
    assert_eq!(in_haven.get("/").await.location.as_deref(), Some("/login"), "Haven's session ended");
    // With one membership left there is no switcher; the administrator's page says where one is.
    assert!(!in_duin.get("/").await.has("/organisations/switch"), "no switcher to a deactivated membership");
    in_duin.get("/admin/people").await.assert_has(&b.member);
    assert_eq!(in_duin.post("/organisations/switch", &[("person", &in_a.to_string())]).await.status, 404);
    let again = Client::new(&app);
    assert_eq!(again.login(&trainer, PASSWORD).await.status, 303, "the log-in lands on Duin");
    again.get("/admin/people").await.assert_has(&b.member);

    let successor = actor(&app, &a.leader).await.id().to_string();
    app.k.erase_person(&admin_a, in_a, &successor, true).await.unwrap();
    let accounts = "SELECT COUNT(*) FROM accounts WHERE email = $1 AND password_hash IS NOT NULL";
    assert_eq!(scalar(&app, accounts, &trainer).await, 1, "the account and its password stay");
    let people = "SELECT COUNT(*) FROM people p JOIN accounts a ON a.id = p.account_id WHERE a.email = $1";
    assert_eq!(scalar(&app, people, &trainer).await, 1, "only Duin's person is on the account");
    in_duin.get("/admin/people").await.assert_has(&b.member);
    assert_eq!(Client::new(&app).login(&trainer, PASSWORD).await.status, 303);
    // Haven may add the address again: a new person, on the account that is left.
    let back = app.k.create_person(&admin_a, "Tom Trainer", &trainer, "hbo-v", &[]).await.unwrap();
    assert_ne!(back, in_a);
    assert_eq!(scalar(&app, people, &trainer).await, 2);
}

/// With its last membership erased the account goes: the address is free
/// and nothing of it is left to log in with.
async fn erasing_the_last_membership_removes_the_account_and_frees_the_address(app: TestApp) {
    let o = org(&app, "Ziekenhuis Kaap").await;
    let admin = actor(&app, &o.admin).await;
    let leaver = Client::logged_in(&app, &o.member).await;
    let successor = actor(&app, &o.leader).await.id().to_string();
    app.k.erase_person(&admin, o.member_id, &successor, true).await.unwrap();
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM accounts WHERE email = $1", &o.member).await, 0);
    let erased: String = kartrekker::db::query_scalar(
        "SELECT a.email FROM people p JOIN accounts a ON a.id = p.account_id WHERE p.id = $1",
    )
    .bind(o.member_id)
    .fetch_one(&app.k.db)
    .await
    .unwrap();
    assert_eq!(erased, format!("erased-{}@erased.invalid", o.member_id));
    assert_eq!(leaver.get("/").await.location.as_deref(), Some("/login"));
    assert_eq!(Client::new(&app).login(&o.member, PASSWORD).await.status, 422);
}
