//! The audit trail: reads of another person's data, exports, log-ins and
//! administrative changes are recorded with the client's address; the
//! administrator lists, filters and exports their own organisation's
//! entries; a person sees who viewed their data and downloads their own
//! data as a ZIP.

use std::io::Read;

use kartrekker_testkit::*;

both_databases!(
    reads_of_a_persons_page_a_buddy_plan_and_exports_are_recorded,
    a_named_intake_answer_opened_by_the_trainer_is_recorded,
    log_ins_failures_lock_outs_and_admin_changes_are_recorded,
    the_administrator_filters_pages_and_exports_only_their_own_organisation,
    a_person_sees_who_viewed_their_data,
    a_person_downloads_everything_about_them_as_a_zip,
    refused_requests_are_recorded_but_unknown_addresses_are_not,
);

/// (actor, subject person, address) of each entry of `action`, oldest first.
async fn entries(app: &TestApp, action: &str) -> Vec<(Option<i64>, Option<i64>, Option<String>)> {
    let rows = kartrekker::db::query(
        "SELECT actor_id, subject_person_id, address FROM audit_log WHERE action = $1 ORDER BY id",
    )
    .bind(action)
    .fetch_all(&app.k.db)
    .await
    .unwrap();
    rows.iter()
        .map(|r| (r.get("actor_id").unwrap(), r.get("subject_person_id").unwrap(), r.get("address").unwrap()))
        .collect()
}

const HERE: Option<&str> = Some("127.0.0.1");

fn at_home(e: &(Option<i64>, Option<i64>, Option<String>)) -> bool {
    e.2.as_deref() == HERE
}

/// Three more members (a group of five), each active; their e-mail addresses.
async fn three_more(app: &TestApp, o: &Org) -> Vec<String> {
    let admin = actor(app, &o.admin).await;
    let mut out = Vec::new();
    for name in ["Carla", "Dirk", "Eva"] {
        let email = format!("{}@audit.test", name.to_lowercase());
        let id = app.k.create_person(&admin, &format!("{name} Zorg"), &email, "hbo-v", &[]).await.unwrap();
        app.k.add_member(&admin, o.team_id, &id.to_string(), "member").await.unwrap();
        activate(app, &email).await;
        out.push(email);
    }
    out
}

async fn reads_of_a_persons_page_a_buddy_plan_and_exports_are_recorded(app: TestApp) {
    let o = org(&app, "Ziekenhuis Inzage").await;
    let more = three_more(&app, &o).await;
    let carla = actor(&app, &more[0]).await;
    let admin_id = actor(&app, &o.admin).await.id();

    // The administrator opens Lars's page.
    let admin = Client::logged_in(&app, &o.admin).await;
    assert_eq!(admin.get(&format!("/admin/people/{}", o.member_id)).await.status, 200);
    let viewed = entries(&app, "view_person").await;
    assert_eq!(viewed.len(), 1);
    assert_eq!((viewed[0].0, viewed[0].1), (Some(admin_id), Some(o.member_id)));
    assert!(at_home(&viewed[0]), "{viewed:?}");

    // Lars names Carla his buddy; her view of his plan is recorded, his own is not.
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = format!("/teams/{}/reflection", o.team_id);
    min_group_size(&app, &o.admin, 3).await;
    leader.get(&path).await;
    let d = |n| app.k.today().add_days(n).to_string();
    let dates = [("self_date", d(7)), ("preparation_date", d(14)), ("conversation_date", d(21)), ("plan_date", d(28))];
    let mut form: Vec<(&str, &str)> = dates.iter().map(|(k, v)| (*k, v.as_str())).collect();
    form.extend([("title", "Vakgroep"), ("min_raters", "3")]);
    let p = leader.post(&path, &form).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let cycle = p.location.unwrap().split('?').next().unwrap().to_string();
    let lars = Client::logged_in(&app, &o.member).await;
    lars.get(&format!("{cycle}/plan")).await;
    let (carla_id, follow) = (carla.id().to_string(), d(60));
    let plan = [
        ("title-1", "Eerder overdragen"),
        ("goal-1", "Rust"),
        ("safeguarding", "Met Carla"),
        ("buddy", carla_id.as_str()),
        ("follow_up", follow.as_str()),
    ];
    assert_eq!(lars.post(&format!("{cycle}/plan"), &plan).await.status, 303);
    let buddy_plan = format!("{cycle}/plans/{}", o.member_id);
    assert_eq!(lars.get(&buddy_plan).await.status, 200);
    assert!(entries(&app, "view_buddy_plan").await.is_empty(), "one's own plan is no read of another's");
    let carla_client = Client::logged_in(&app, &more[0]).await;
    assert_eq!(carla_client.get(&buddy_plan).await.status, 200);
    let buddy = entries(&app, "view_buddy_plan").await;
    assert_eq!((buddy[0].0, buddy[0].1), (Some(carla.id()), Some(o.member_id)));
    assert!(at_home(&buddy[0]));

    // Every export: the team's register, and the accreditation with one entry per participant.
    let csv = leader.get(&format!("/teams/{}/actions.csv", o.team_id)).await;
    assert_eq!(csv.status, 200);
    assert_eq!(entries(&app, "export_actions").await.len(), 1);
    // Every participant's line shows once the feedback is closed.
    let id: i64 = cycle.rsplit('/').next().unwrap().parse().unwrap();
    app.k.close_reflection_feedback(&actor(&app, &o.leader).await, id).await.unwrap();
    assert_eq!(leader.get(&format!("{cycle}/accreditation.csv")).await.status, 200);
    let exported = entries(&app, "export_accreditation").await;
    assert_eq!(exported.len(), 5, "{exported:?}");
    assert!(exported.iter().any(|e| e.1 == Some(o.member_id)) && exported.iter().all(at_home));
    assert_eq!(lars.get(&format!("{cycle}/accreditation.csv")).await.status, 403);
    assert_eq!(entries(&app, "export_accreditation").await.len(), 5, "a refused export is not one");
}

async fn a_named_intake_answer_opened_by_the_trainer_is_recorded(app: TestApp) {
    let TrajectoryOrg { o, pl, trainer, trainer_id, .. } = trajectory_org(&app, "Ziekenhuis Intake").await;
    let tid = app.k.start_trajectory(&actor(&app, &pl).await, o.team_id, &trainer_id.to_string()).await.unwrap();
    let b = format!("/teams/{}/trajectory/{tid}", o.team_id);
    let t = Client::logged_in(&app, &trainer).await;
    t.get(&format!("{b}/intake")).await;
    assert_eq!(t.post(&format!("{b}/intake/anonymity"), &[("anonymous", "no")]).await.status, 303);
    let member = Client::logged_in(&app, &o.member).await;
    member.get(&format!("{b}/intake")).await;
    assert_eq!(
        member.post(&format!("{b}/intake"), &[("daily", "Overdracht"), ("proud", "Het team")]).await.status,
        303
    );
    let id: i64 = kartrekker::db::query_scalar("SELECT MIN(id) FROM trajectory_intake_answers WHERE person_id = $1")
        .bind(o.member_id)
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(member.get(&format!("{b}/answers/{id}/edit")).await.status, 200);
    assert!(entries(&app, "view_intake_answer").await.is_empty(), "the author's own answer");
    assert_eq!(t.get(&format!("{b}/answers/{id}/edit")).await.status, 200);
    let read = entries(&app, "view_intake_answer").await;
    assert_eq!((read[0].0, read[0].1), (Some(trainer_id), Some(o.member_id)));
    assert!(at_home(&read[0]));
}

async fn log_ins_failures_lock_outs_and_admin_changes_are_recorded(app: TestApp) {
    let o = org(&app, "Ziekenhuis Login").await;
    let c = Client::new(&app);
    assert_eq!(c.login(&o.member, "niet het goede wachtwoord").await.status, 422);
    assert_eq!(c.login("niemand@nergens.test", "wat dan ook").await.status, 422);
    let failed = entries(&app, "login_failed").await;
    assert_eq!(failed.len(), 2);
    assert_eq!((failed[0].0, failed[0].1), (None, Some(o.member_id)), "the account tried, nobody logged in");
    assert_eq!((failed[1].0, failed[1].1), (None, None), "an unknown address is not kept");
    assert!(failed.iter().all(at_home));
    let typed: i64 = kartrekker::db::query_scalar("SELECT COUNT(*) FROM audit_log WHERE subject LIKE '%nergens%'")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(typed, 0);
    for _ in 0..4 {
        c.login(&o.member, "nog steeds fout").await;
    }
    assert_eq!(c.login(&o.member, PASSWORD).await.status, 429);
    let locked = entries(&app, "locked_out").await;
    assert_eq!((locked[0].1, locked[0].2.as_deref()), (Some(o.member_id), HERE));

    let admin = Client::logged_in(&app, &o.admin).await;
    let admin_id = actor(&app, &o.admin).await.id();
    let login = entries(&app, "login").await;
    assert!(login.iter().any(|e| e.0 == Some(admin_id) && at_home(e)), "{login:?}");
    admin.get("/admin/people/new").await;
    let p = admin
        .post("/admin/people", &[("name", "Nieuwe Collega"), ("email", "nieuw@login.test"), ("profession", "hbo-v")])
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let created = entries(&app, "create_person").await;
    let new_id = created.last().unwrap().1.unwrap();
    assert!(at_home(created.last().unwrap()));
    admin.get(&format!("/admin/teams/{}", o.team_id)).await;
    let p = admin
        .post(&format!("/admin/teams/{}/members", o.team_id), &[("person", &new_id.to_string()), ("role", "member")])
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(entries(&app, "add_member").await.last().map(|e| (e.0, e.1)), Some((Some(admin_id), Some(new_id))));
    admin.get("/admin/settings").await;
    let settings = [("reminder_days", "5"), ("min_group_size", "5")];
    assert_eq!(admin.post("/admin/settings", &settings).await.status, 303);
    let settings = entries(&app, "update_settings").await;
    assert_eq!(settings.len(), 1);
    assert!(at_home(&settings[0]));
}

async fn the_administrator_filters_pages_and_exports_only_their_own_organisation(app: TestApp) {
    let o = org(&app, "Ziekenhuis Filter").await;
    let other = org(&app, "Ziekenhuis Anders").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    Client::logged_in(&app, &other.admin).await;
    admin.get(&format!("/admin/people/{}", o.member_id)).await;

    let page = admin.get("/admin/audit").await;
    assert_eq!(page.status, 200);
    page.assert_has("Persoonspagina bekeken");
    page.assert_has("Lars Lid");
    page.assert_has("data-label=\"Adres\">127.0.0.1<");
    assert!(
        !page.has("admin@ziekenhuisanders.test") && !page.has("Ziekenhuis Anders"),
        "another organisation's entries"
    );
    let theirs: i64 = kartrekker::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log l JOIN organisations o ON o.id = l.org_id WHERE o.name = 'Ziekenhuis Anders'",
    )
    .fetch_one(&app.k.db)
    .await
    .unwrap();
    assert!(theirs > 0, "the other organisation has entries of its own");

    // By kind: only reads; by person: only entries by or about them.
    let reads = admin.get("/admin/audit?kind=read").await;
    reads.assert_has("Persoonspagina bekeken");
    assert!(!reads.has("Teamlid toegevoegd"));
    let about_lars = admin.get(&format!("/admin/audit?person={}", o.member_id)).await;
    about_lars.assert_has("Persoonspagina bekeken");
    assert!(!about_lars.has("Afdeling aangemaakt"), "not by or about Lars");
    // By date: today holds them, tomorrow nothing; an end before the start is refused, typed values kept.
    let today = app.k.today();
    admin.get(&format!("/admin/audit?from={today}&until={today}")).await.assert_has("Persoonspagina bekeken");
    let tomorrow = today.add_days(1);
    admin.get(&format!("/admin/audit?from={tomorrow}")).await.assert_has("Geen regels voor deze filters.");
    let bad = admin.get(&format!("/admin/audit?from={today}&until=2001-01-01")).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("De einddatum ligt vóór de begindatum.");
    bad.assert_has("value=\"2001-01-01\"");
    assert_eq!(admin.get("/admin/audit?from=gisteren").await.status, 422);

    // Fifty to a page, newest first; the next page holds the rest.
    let a = actor(&app, &o.admin).await;
    for _ in 0..55 {
        app.k.person_detail(&a, o.member_id).await.unwrap();
    }
    let first = admin.get("/admin/audit").await;
    assert_eq!(first.body.matches("<tr><td data-label").count(), 50);
    first.assert_has("page=2");
    let second = admin.get("/admin/audit?page=2").await;
    assert!(second.body.matches("<tr><td data-label").count() > 5);

    // CSV of the filter, itself recorded.
    let csv = admin.get("/admin/audit.csv?kind=read").await;
    assert_eq!(csv.status, 200);
    assert!(csv.content_type.as_deref().unwrap().starts_with("text/csv"));
    assert!(csv.body.starts_with("\u{feff}Wanneer;Wie;Wat;Onderwerp;Gegevens van;Adres\r\n"), "{}", csv.body);
    assert!(csv.body.contains(";Persoonspagina bekeken;person:") && csv.body.contains(";127.0.0.1\r\n"));
    assert!(!csv.body.contains("Ziekenhuis Anders") && !csv.body.contains("Teamlid toegevoegd"));
    assert_eq!(entries(&app, "export_audit_log").await.len(), 1);
    let (status, _, bytes) = admin.get_bytes("/admin/audit.xlsx?kind=read").await;
    assert_eq!(status, 200);
    let (rows, filtered) = xlsx_sheet(bytes);
    assert!(filtered);
    assert_eq!(rows[0][0], calamine::Data::String("Wanneer".into()));
    assert_eq!(xlsx_date(&rows[1][0]), Some(app.k.today()), "the moment is a date-time cell");
    assert_eq!(entries(&app, "export_audit_log").await.len(), 2, "the .xlsx export is recorded too");

    // Not for anyone else; and no route changes an entry.
    let member = Client::logged_in(&app, &o.member).await;
    assert_eq!(member.get("/admin/audit").await.status, 403);
    assert_eq!(member.get("/admin/audit.csv").await.status, 403);
    assert_eq!(member.get_bytes("/admin/audit.xlsx").await.0, 403);
    assert_eq!(entries(&app, "export_audit_log").await.len(), 2);
    assert_eq!(admin.post("/admin/audit", &[]).await.status, 405);
}

async fn a_person_sees_who_viewed_their_data(app: TestApp) {
    let o = org(&app, "Ziekenhuis Inzicht").await;
    let lars = Client::logged_in(&app, &o.member).await;
    lars.get("/settings").await.assert_has("href=\"/settings/views\"");
    lars.get("/settings/views").await.assert_has("Niemand anders heeft uw gegevens bekeken");
    let admin = Client::logged_in(&app, &o.admin).await;
    admin.get(&format!("/admin/people/{}", o.member_id)).await;
    let p = lars.get("/settings/views").await;
    assert_eq!(p.status, 200);
    p.assert_has("Anna Admin");
    p.assert_has("Persoonspagina bekeken");
    p.assert_has("127.0.0.1");
    assert!(!p.has(">Ingelogd<"), "his own log-in is no view by another");
    // The leader sees nothing of it: the page is about themselves only.
    let leader = Client::logged_in(&app, &o.leader).await;
    assert!(!leader.get("/settings/views").await.has("Anna Admin"));
}

async fn a_person_downloads_everything_about_them_as_a_zip(app: TestApp) {
    let o = org(&app, "Ziekenhuis Inzage Download").await;
    let leader = actor(&app, &o.leader).await;
    let lars = actor(&app, &o.member).await;
    let input = kartrekker::actions::ActionInput {
        title: "Overdracht =SOM(A1)",
        goal: "Minder fouten",
        kartrekker: &o.member_id.to_string(),
        due_date: "",
        evaluation_date: "",
    };
    let register = kartrekker::actions::Origin { kind: kartrekker::actions::OriginKind::Register, id: None };
    let action = app.k.create_action(&leader, o.team_id, &input, register).await.unwrap();
    app.k.add_action_update(&lars, action, "Eerste overleg gehad").await.unwrap();
    let admin = Client::logged_in(&app, &o.admin).await;
    admin.get(&format!("/admin/people/{}", o.member_id)).await;

    let c = Client::logged_in(&app, &o.member).await;
    // A verwonderpunt posted anonymously, and input to a decision of the team.
    let points = format!("/teams/{}/verwonderpunten", o.team_id);
    let once = c.get(&points).await.input_value("once").unwrap();
    let posted = c
        .post(&points, &[("title", "Geen gordijn in kamer 3"), ("body", ""), ("anonymous", "yes"), ("once", &once)])
        .await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let boss = Client::logged_in(&app, &o.leader).await;
    let deadline = app.k.today().add_days(7).to_string();
    let started = boss
        .post(
            &format!("/teams/{}/decisions", o.team_id),
            &[("title", "Pauzes"), ("problem", "Niemand neemt pauze"), ("input_deadline", &deadline)],
        )
        .await;
    let decision = started.location.unwrap().split('?').next().unwrap().to_string();
    c.get(&decision).await;
    assert_eq!(c.post(&format!("{decision}/input"), &[("contribution", "Vaste pauzetijden")]).await.status, 303);
    c.get("/settings").await.assert_has("action=\"/settings/data\"");
    let (status, content_type, bytes) = c.post_for_bytes("/settings/data", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(content_type.as_deref(), Some("application/zip"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    for f in [
        "data.json",
        "profile.csv",
        "team_memberships.csv",
        "actions.csv",
        "action_updates.csv",
        "sessions.csv",
        "audit_log.csv",
        "notification_settings.csv",
        "reflection_cycles.csv",
    ] {
        assert!(names.iter().any(|n| n == f), "{f} in {names:?}");
    }
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let json: serde_json::Value = serde_json::from_str(&read("data.json")).unwrap();
    assert_eq!(json["profile"][0]["email"], o.member.as_str());
    assert_eq!(json["profile"][0]["name"], "Lars Lid");
    assert_eq!(json["team_memberships"][0]["team"], "Interne B3");
    assert_eq!(json["actions"][0]["title"], "Overdracht =SOM(A1)");
    assert_eq!(json["actions"][0]["you_pull_it"], 1);
    assert_eq!(json["action_updates"][0]["text"], "Eerste overleg gehad");
    assert!(!json["sessions"].as_array().unwrap().is_empty());
    let audit = json["audit_log"].as_array().unwrap();
    assert!(audit.iter().any(|e| e["action"] == "view_person" && e["by"] == "Anna Admin"), "{audit:?}");
    assert!(audit.iter().any(|e| e["action"] == "export_personal_data"), "the download is in it");
    let actions_csv = read("actions.csv");
    assert!(actions_csv.contains(";Overdracht =SOM(A1);Minder fouten;Lars Lid;1;0;open;"), "{actions_csv}");
    assert!(read("profile.csv").contains("Lars Lid"));
    assert_eq!(json["verwonderpunten"][0]["title"], "Geen gordijn in kamer 3", "one's own, anonymous or not");
    assert_eq!(json["verwonderpunten"][0]["anonymous"], 1);
    assert_eq!(json["decision_inputs"][0]["text"], "Vaste pauzetijden");

    // No secrets, and nobody else's data beyond names.
    let everything = read("data.json") + &read("sessions.csv") + &read("links.csv");
    let hash: String = kartrekker::db::query_scalar(
        "SELECT a.password_hash FROM people p JOIN accounts a ON a.id = p.account_id WHERE p.id = $1",
    )
    .bind(o.member_id)
    .fetch_one(&app.k.db)
    .await
    .unwrap();
    assert!(!everything.contains(&hash[..20]), "no password hash");
    let tokens: Vec<String> = kartrekker::db::query_scalar("SELECT token_hash FROM sessions WHERE person_id = $1")
        .bind(o.member_id)
        .fetch_all(&app.k.db)
        .await
        .unwrap();
    assert!(tokens.iter().all(|t| !everything.contains(t.as_str())), "no session token");
    assert!(!everything.contains("csrf") && !everything.contains(&o.leader) && !everything.contains(&o.admin));
    let downloads = entries(&app, "export_personal_data").await;
    assert_eq!((downloads[0].0, downloads[0].1), (Some(o.member_id), Some(o.member_id)));
    assert!(at_home(&downloads[0]));
}

async fn refused_requests_are_recorded_but_unknown_addresses_are_not(app: TestApp) {
    let o = org(&app, "Ziekenhuis Deur").await;
    let other = org(&app, "Ziekenhuis Buren").await;
    let lars = Client::logged_in(&app, &o.member).await;

    // Another organisation's person, an administrator's page, a forged form.
    assert_eq!(lars.get(&format!("/teams/{}/actions?from=mail", other.team_id)).await.status, 404);
    assert_eq!(lars.get(&format!("/admin/people/{}", other.member_id)).await.status, 403);
    let forged = lars.post_raw("/settings", &[("csrf", "vals")]).await;
    assert_eq!(forged.status, 403);
    // An address that names no page is not a refusal.
    assert_eq!(lars.get("/bestaat/niet").await.status, 404);

    let rows =
        kartrekker::db::query("SELECT actor_id, org_id, subject, address FROM audit_log WHERE action = $1 ORDER BY id")
            .bind("access_refused")
            .fetch_all(&app.k.db)
            .await
            .unwrap();
    let subjects: Vec<String> = rows.iter().map(|r| r.get("subject").unwrap()).collect();
    assert_eq!(
        subjects,
        [
            format!("GET /teams/{}/actions → 404", other.team_id),
            format!("GET /admin/people/{} → 403", other.member_id),
            "POST /settings → 403".to_string()
        ],
        "the query string is never kept"
    );
    let org_id = actor(&app, &o.member).await.org_id();
    for r in &rows {
        assert_eq!(r.get::<Option<i64>>("actor_id").unwrap(), Some(o.member_id));
        assert_eq!(r.get::<Option<i64>>("org_id").unwrap(), org_id);
        assert_eq!(r.get::<Option<String>>("address").unwrap().as_deref(), HERE);
    }
    let admin = Client::logged_in(&app, &o.admin).await;
    admin.get("/admin/audit?kind=refused").await.assert_has("Verzoek geweigerd");
}
