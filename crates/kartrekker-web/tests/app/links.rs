use kartrekker::clock::DAY_MS;

use kartrekker_testkit::*;

both_databases!(an_invitation_is_mailed_and_works_once, an_old_invitation_has_expired, a_password_reset_in_english);

async fn an_invitation_is_mailed_and_works_once(app: TestApp) {
    let o = org(&app, "Uitnodigziekenhuis").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    admin.get("/admin/people/new").await;
    let created = admin
        .post(
            "/admin/people",
            &[("name", "Nina Nieuw"), ("email", "Nina.Nieuw@Uitnodig.test"), ("profession", "mbo_v")],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    let before = app.smtp.received().len();
    app.k.run_due_jobs().await.unwrap();
    let mails = app.smtp.to("nina.nieuw@uitnodig.test");
    assert_eq!(mails.len(), 1, "one invitation, sent over SMTP (had {before} mails before)");
    let mail = &mails[0];
    assert!(mail.data.contains("Uitnodiging voor Kartrekker van Uitnodigziekenhuis"), "{}", mail.data);
    let link = mail.link(&format!("{}/invitation/", app.base)).expect("link in the e-mail");
    let path = link.strip_prefix(&app.base).unwrap().to_string();

    let nina = Client::new(&app);
    let page = nina.get(&path).await;
    assert_eq!(page.status, 200);
    page.assert_has("Kies een wachtwoord voor Nina Nieuw.");
    let short = nina.post(&path, &[("password", "kort"), ("password_repeat", "kort")]).await;
    assert_eq!(short.status, 422);
    short.assert_has("Het wachtwoord moet minstens 12 tekens lang zijn.");
    let differ =
        nina.post(&path, &[("password", "een goed wachtwoord"), ("password_repeat", "een ander wachtwoord")]).await;
    differ.assert_has("De twee wachtwoorden zijn niet gelijk.");
    let ok = nina.post(&path, &[("password", "een goed wachtwoord"), ("password_repeat", "een goed wachtwoord")]).await;
    assert_eq!((ok.status, ok.location.as_deref()), (303, Some("/")));
    nina.get("/").await.assert_has("Welkom, Nina Nieuw");

    let reused = Client::new(&app).get(&path).await;
    assert_eq!(reused.status, 410);
    reused.assert_has("Deze link is al gebruikt.");
    let again = Client::new(&app);
    again.get("/login").await;
    let second =
        again.post(&path, &[("password", "nog een wachtwoord"), ("password_repeat", "nog een wachtwoord")]).await;
    assert_eq!(second.status, 410);
    assert_eq!(Client::new(&app).login("nina.nieuw@uitnodig.test", "een goed wachtwoord").await.status, 303);
    assert_eq!(Client::new(&app).login("nina.nieuw@uitnodig.test", "nog een wachtwoord").await.status, 422);
}

async fn an_old_invitation_has_expired(app: TestApp) {
    let o = org(&app, "Verlopenziekenhuis").await;
    let a = actor(&app, &o.admin).await;
    app.k.create_person(&a, "Olga Oud", "olga@verlopen.test", "arts", &[]).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let link = app.smtp.to("olga@verlopen.test")[0].link(&format!("{}/invitation/", app.base)).unwrap();
    app.clock.advance_ms(7 * DAY_MS);
    let c = Client::new(&app);
    let page = c.get(link.strip_prefix(&app.base).unwrap()).await;
    assert_eq!(page.status, 410);
    page.assert_has("Deze link is verlopen of vervangen door een nieuwere.");
    let tampered = c.get("/invitation/0123456789abcdef").await;
    tampered.assert_has("Deze link is niet geldig.");
}

async fn a_password_reset_in_english(app: TestApp) {
    let o = org(&app, "Resetziekenhuis").await;
    let c = Client::logged_in(&app, &o.member).await;
    c.post("/language", &[("lang", "en"), ("back", "/")]).await;
    c.post("/logout", &[]).await;

    let anon = Client::new(&app);
    anon.get("/forgot").await;
    let bad = anon.post("/forgot", &[("email", "geen adres")]).await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.input_value("email").as_deref(), Some("geen adres"), "the form keeps what was typed");
    let sent = anon.post("/forgot", &[("email", &o.member)]).await;
    sent.assert_has("Als dit e-mailadres bij ons bekend is");
    let unknown = anon.post("/forgot", &[("email", "nobody@nowhere.test")]).await;
    assert_eq!(unknown.body, sent.body.replace(&o.member, "nobody@nowhere.test"), "no hint whether an address exists");
    app.k.run_due_jobs().await.unwrap();
    let mails = app.smtp.to(&o.member);
    assert_eq!(mails.len(), 1);
    assert!(mails[0].data.contains("New password for Kartrekker"), "in the member's language: {}", mails[0].data);
    let link = mails[0].link(&format!("{}/reset/", app.base)).unwrap();
    let path = link.strip_prefix(&app.base).unwrap().to_string();
    let done = anon
        .post(&path, &[("password", "mijn nieuwe wachtwoord"), ("password_repeat", "mijn nieuwe wachtwoord")])
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(Client::new(&app).login(&o.member, PASSWORD).await.status, 422, "the old password is gone");
    assert_eq!(Client::new(&app).login(&o.member, "mijn nieuwe wachtwoord").await.status, 303);
}
