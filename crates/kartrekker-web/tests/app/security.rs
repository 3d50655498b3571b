//! The security findings of issue 16, each as it was attacked: old links,
//! log-in floods and lock-outs, reset floods, idle connections, redirects
//! to other sites, formulas in exports and control characters in forms.

use std::time::Duration;

use kartrekker::clock::{DAY_MS, HOUR_MS, MINUTE_MS};
use kartrekker_testkit::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

both_databases!(
    a_newer_link_voids_the_older_one_and_invitations_last_seven_days,
    failures_elsewhere_do_not_lock_the_real_person_out,
    an_address_that_fails_often_waits_for_every_account,
    reset_emails_are_limited_per_address_and_per_account,
    next_after_log_in_stays_on_this_site,
    exports_neutralise_formulas_and_keep_numbers_and_list_items,
    a_control_character_in_a_form_gets_a_clear_422,
    the_privacy_statement_gives_this_installations_periods_and_group_size,
);

/// The links in the e-mails to `email`, oldest first.
fn links(app: &TestApp, email: &str, kind: &str) -> Vec<String> {
    let prefix = format!("{}/{kind}/", app.base);
    app.smtp.to(email).iter().filter_map(|m| m.link(&prefix)).map(|l| l[app.base.len()..].to_string()).collect()
}

async fn a_newer_link_voids_the_older_one_and_invitations_last_seven_days(app: TestApp) {
    let o = org(&app, "Linkziekenhuis").await;
    let admin = actor(&app, &o.admin).await;
    let id = app.k.create_person(&admin, "Nina Nieuw", "nina@link.test", "arts", &[]).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let a = Client::logged_in(&app, &o.admin).await;
    a.get(&format!("/admin/people/{id}")).await;
    assert_eq!(a.post(&format!("/admin/people/{id}/invite"), &[]).await.status, 303);
    app.k.run_due_jobs().await.unwrap();
    let invitations = links(&app, "nina@link.test", "invitation");
    assert_eq!(invitations.len(), 2, "sent twice");

    let nina = Client::new(&app);
    let first = nina.get(&invitations[0]).await;
    assert_eq!(first.status, 410, "the newer invitation voids the first");
    first.assert_has("vervangen door een nieuwere");
    let pw = [("password", "een goed wachtwoord"), ("password_repeat", "een goed wachtwoord")];
    assert_eq!(nina.post(&invitations[0], &pw).await.status, 410, "and it cannot set a password");
    // Seven days less a minute: the latest still works.
    app.clock.advance_ms(7 * DAY_MS - MINUTE_MS);
    assert_eq!(nina.get(&invitations[1]).await.status, 200);
    app.clock.advance_ms(MINUTE_MS);
    assert_eq!(nina.get(&invitations[1]).await.status, 410, "an invitation lasts seven days");

    // Resets: the newer voids the older, and using one voids every other.
    let a = Client::logged_in(&app, &o.admin).await;
    a.get(&format!("/admin/people/{id}")).await;
    assert_eq!(a.post(&format!("/admin/people/{id}/invite"), &[]).await.status, 303);
    app.k.run_due_jobs().await.unwrap();
    let invitation = links(&app, "nina@link.test", "invitation").pop().unwrap();
    let anon = Client::from_address(&app, "10.1.0.1");
    anon.get("/forgot").await;
    anon.post("/forgot", &[("email", "nina@link.test")]).await;
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(nina.get(&invitation).await.status, 410, "a reset link voids the open invitation");
    anon.post("/forgot", &[("email", "nina@link.test")]).await;
    app.k.run_due_jobs().await.unwrap();
    // Not yet active, so each request sent a new invitation.
    let latest = links(&app, "nina@link.test", "invitation");
    let (older, newest) = (&latest[latest.len() - 2], &latest[latest.len() - 1]);
    assert_eq!(nina.get(older).await.status, 410);
    let used = nina.post(newest, &pw).await;
    assert_eq!(used.status, 303, "{}", used.body);
    assert_eq!(Client::new(&app).get(newest).await.status, 410, "used once");
    let open: i64 = kartrekker::db::query_scalar(
        "SELECT COUNT(*) FROM tokens WHERE person_id = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(id)
    .bind(app.k.now())
    .fetch_one(&app.k.db)
    .await
    .unwrap();
    assert_eq!(open, 0, "no link of Nina's is left open");
}

async fn failures_elsewhere_do_not_lock_the_real_person_out(app: TestApp) {
    let o = org(&app, "Slotziekenhuis").await;
    let attacker = Client::from_address(&app, "203.0.113.66");
    for attempt in 1..=8 {
        let status = attacker.login(&o.member, "raden maar raden").await.status;
        assert_eq!(status, if attempt <= 5 { 422 } else { 429 }, "attempt {attempt}");
    }
    let refused = attacker.login(&o.member, PASSWORD).await;
    assert_eq!(refused.status, 429, "the guesser waits, even with the right password");
    refused.assert_has("Te vaak een verkeerd wachtwoord. Probeer het over 1 minuut opnieuw");
    // Lars, at the hospital, logs in as always.
    let lars = Client::from_address(&app, "10.20.30.40");
    assert_eq!(lars.login(&o.member, PASSWORD).await.status, 303);
    // A colleague behind the same hospital address is not hindered either.
    assert_eq!(Client::from_address(&app, "10.20.30.40").login(&o.leader, PASSWORD).await.status, 303);
}

async fn an_address_that_fails_often_waits_for_every_account(app: TestApp) {
    let o = org(&app, "Adresziekenhuis").await;
    let flood = Client::from_address(&app, "198.51.100.9");
    // Fifty misses from one address, none twice on one account (malformed
    // addresses: no password hashing, so the test stays quick).
    for i in 0..50 {
        assert_eq!(flood.login(&format!("geen-adres-{i}"), "x").await.status, 422);
    }
    let refused = flood.login(&o.member, PASSWORD).await;
    assert_eq!(refused.status, 429, "the address waits for any account");
    assert_eq!(Client::from_address(&app, "198.51.100.10").login(&o.member, PASSWORD).await.status, 303);
    app.clock.advance_ms(MINUTE_MS);
    assert_eq!(flood.login(&o.member, PASSWORD).await.status, 303, "after the wait");
}

async fn reset_emails_are_limited_per_address_and_per_account(app: TestApp) {
    let o = org(&app, "Resetziekenhuis").await;
    let ask = async |c: &Client, email: &str| {
        c.get("/forgot").await;
        c.post("/forgot", &[("email", email)]).await
    };
    let a = Client::from_address(&app, "192.0.2.1");
    for _ in 0..4 {
        let p = ask(&a, &o.member).await;
        assert_eq!(p.status, 200);
        p.assert_has("Als dit e-mailadres bij ons bekend is");
    }
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(links(&app, &o.member, "reset").len(), 3, "a fourth link within the quarter is not sent");
    // The latest link still works: the limit locks nobody out.
    let latest = links(&app, &o.member, "reset").pop().unwrap();
    assert_eq!(Client::new(&app).get(&latest).await.status, 200);

    // One address asking for many: after ten it is refused, saying so.
    for i in 0..6 {
        assert_eq!(ask(&a, &format!("iemand{i}@elders.test")).await.status, 200);
    }
    let refused = ask(&a, &o.leader).await;
    assert_eq!(refused.status, 429);
    refused.assert_has("Vanaf dit adres zijn te veel nieuwe wachtwoorden aangevraagd.");
    assert_eq!(refused.input_value("email").as_deref(), Some(o.leader.as_str()));
    assert_eq!(ask(&Client::from_address(&app, "192.0.2.2"), &o.leader).await.status, 200, "another address may");
    app.clock.advance_ms(HOUR_MS);
    assert_eq!(ask(&a, &o.admin).await.status, 200, "after the wait");
}

async fn next_after_log_in_stays_on_this_site(app: TestApp) {
    let o = org(&app, "Volgendziekenhuis").await;
    for next in ["//evil.test/", "/\\evil.test", "/\t/evil.test", "/%09/evil.test", "https://evil.test/"] {
        let c = Client::new(&app);
        c.get("/login").await;
        let p = c.post("/login", &[("email", &o.member), ("password", PASSWORD), ("next", next)]).await;
        assert_eq!((p.status, p.location.as_deref()), (303, Some("/")), "{next:?}");
        // Logged in already, the log-in page sends on through `next` too.
        let again = c.get(&format!("/login?next={}", next.replace('\t', "%09").replace('\\', "%5C"))).await;
        assert_eq!(again.location.as_deref(), Some("/"), "{next:?}");
    }
    let c = Client::new(&app);
    c.get("/login").await;
    let p = c.post("/login", &[("email", &o.member), ("password", PASSWORD), ("next", "/ok?x=1")]).await;
    assert_eq!(p.location.as_deref(), Some("/ok?x=1"), "a path on this site is kept");
}

async fn exports_neutralise_formulas_and_keep_numbers_and_list_items(app: TestApp) {
    let o = org(&app, "Formuleziekenhuis").await;
    let admin = actor(&app, &o.admin).await;
    let names = ["=HYPERLINK(\"http://evil.test\";\"klik\")", "- Piet", "@Dirk"];
    for (i, name) in names.iter().enumerate() {
        let email = format!("p{i}@formule.test");
        let id = app.k.create_person(&admin, name, &email, "arts", &[]).await.unwrap();
        app.k.add_member(&admin, o.team_id, &id.to_string(), "member").await.unwrap();
        activate(&app, &email).await;
    }
    let leader = Client::logged_in(&app, &o.leader).await;
    min_group_size(&app, &o.admin, 3).await;
    let cycle = crate::reflection::start_cycle(&app, &o, &leader, "3").await;
    // Who took part shows once the feedback is closed.
    let id: i64 = cycle.rsplit('/').next().unwrap().parse().unwrap();
    app.k.close_reflection_feedback(&actor(&app, &o.leader).await, id).await.unwrap();
    let csv = leader.get(&format!("{cycle}/accreditation.csv")).await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("\r\n\"'=HYPERLINK(\"\"http://evil.test\"\";\"\"klik\"\")\";0;"), "{}", csv.body);
    assert!(csv.body.contains("\r\n'@Dirk;0;"), "{}", csv.body);
    assert!(csv.body.contains("\r\n- Piet;0;"), "a list-like name stays: {}", csv.body);

    let d = |n| app.k.today().add_days(n).to_string();
    let lars = Client::logged_in(&app, &o.member).await;
    let new = format!("/teams/{}/actions/new", o.team_id);
    lars.get(&new).await;
    let created = lars
        .post(
            &format!("/teams/{}/actions", o.team_id),
            &[
                ("title", "-2+3+cmd|' /C calc'!A0"),
                ("goal", "- minder wachttijd"),
                ("kartrekker", &o.member_id.to_string()),
                ("due_date", &d(3)),
            ],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    let csv = lars.get(&format!("/teams/{}/actions.csv", o.team_id)).await;
    assert!(csv.body.contains("\r\n'-2+3+cmd|' /C calc'!A0;- minder wachttijd;Lars Lid;"), "{}", csv.body);
}

async fn a_control_character_in_a_form_gets_a_clear_422(app: TestApp) {
    let o = org(&app, "Vragenziekenhuis").await;
    let lars = Client::logged_in(&app, &o.member).await;
    lars.get(&format!("/teams/{}/actions/new", o.team_id)).await;
    let (due, kartrekker) = (app.k.today().add_days(3).to_string(), o.member_id.to_string());
    let create = async |title: &str, goal: &str| {
        let fields = [("title", title), ("goal", goal), ("kartrekker", &kartrekker), ("due_date", &due)];
        lars.post(&format!("/teams/{}/actions", o.team_id), &fields).await
    };
    let p = create("Nul\0teken", "").await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("Een veld bevat een onzichtbaar stuurteken (zoals NUL)");
    assert_eq!(count(&app, "actions").await, 0, "nothing stored");
    // Line breaks and tabs in a text are fine.
    let ok = create("Zonder nul", "regel een\r\n\tregel twee").await;
    assert_eq!(ok.status, 303, "{}", ok.body);

    // A questionnaire's open answer, in English.
    let admin = Client::logged_in(&app, &o.admin).await;
    admin.post("/language", &[("lang", "en"), ("back", "/")]).await;
    admin.get("/admin/instruments").await;
    assert_eq!(admin.post("/admin/instruments", &[("source", PULSE_V1)]).await.status, 303);
    let a = actor(&app, &o.admin).await;
    let id = app.k.instruments(&a).await.unwrap().into_iter().find(|i| i.slug == "pulse").unwrap().id;
    admin.get("/admin/instruments").await;
    let q = admin.post(&format!("/admin/instruments/{id}/try"), &[]).await.location.unwrap();
    admin.get(&q).await;
    let p = admin.post(&format!("{q}?section=2"), &[("q-why", "Fijne\u{1b}[31m collega's"), ("go", "save")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("A field holds an invisible control character (such as NUL)");
    let nul = admin.post(&format!("{q}?section=2"), &[("q-why", "Fijne\0collega's"), ("go", "save")]).await;
    assert_eq!(nul.status, 422);
    assert_eq!(count(&app, "answers").await, 0, "nothing stored");
}

/// Idle and slow connections are closed after the header timeout; beyond
/// `max_connections` a new one waits, and is served once one closes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_close_and_excess_ones_wait_their_turn() {
    let app = TestApp::spawn_configured(Backend::Sqlite, |c| {
        c.server.header_timeout_secs = 1;
        c.server.max_connections = 2;
    })
    .await;
    let mut idle = TcpStream::connect(app.addr).await.unwrap();
    let mut slow = TcpStream::connect(app.addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.unwrap(); // never finishes its head
    tokio::time::sleep(Duration::from_millis(200)).await;

    // Both places taken: a third connection waits rather than being served.
    let waiting = tokio::spawn(async move {
        let mut s = TcpStream::connect(app.addr).await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).await.unwrap();
        answer
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!waiting.is_finished(), "no answer while both places are taken");

    // After the timeout the server has closed both (a read sees the end).
    let mut buf = [0u8; 512];
    let closed = tokio::time::timeout(Duration::from_secs(5), idle.read(&mut buf)).await.expect("idle closed");
    assert_eq!(closed.unwrap(), 0, "an idle connection is closed without an answer");
    let slow_end = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut Vec::new())).await;
    assert!(slow_end.is_ok(), "a slow head is cut off");
    let answer = tokio::time::timeout(Duration::from_secs(5), waiting).await.expect("served in time").unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

async fn the_privacy_statement_gives_this_installations_periods_and_group_size(app: TestApp) {
    let visitor = Client::new(&app);
    let home = visitor.get("/login").await;
    home.assert_has("<a href=\"/privacy\">Privacy</a>");
    let page = visitor.get("/privacy").await;
    assert_eq!(page.status, 200, "open to everyone, also before logging in");
    page.assert_has("Privacyverklaring");
    page.assert_has("pas zichtbaar vanaf 5 antwoorden (een organisatie kan dat verhogen, nooit onder 3)");
    page.assert_has(&format!("De audittrail: {} dagen.", app.k.config.retention.audit_days));
    page.assert_has("Autoriteit Persoonsgegevens");

    let o = org(&app, "Ziekenhuis Privacy").await;
    min_group_size(&app, &o.admin, 7).await;
    let lars = Client::logged_in(&app, &o.member).await;
    let theirs = lars.get("/privacy").await;
    theirs.assert_has("pas zichtbaar vanaf 7 antwoorden, en wie kijkt telt nooit mee");
    theirs.assert_has("<a href=\"/settings\">Naar Instellingen</a>");
    root(&app).await;
    let instance = Client::logged_in(&app, "root@kartrekker.test").await;
    instance.get("/privacy").await.assert_has("nooit onder 3");
    let english = Client::with_language(&app, Some("en")).get("/privacy").await;
    english.assert_has("Privacy statement");
    english.assert_has("Sent notifications and finished tasks:");
}
