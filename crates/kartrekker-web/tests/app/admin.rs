use kartrekker_testkit::*;

both_databases!(
    an_administrator_builds_a_team,
    a_taken_address_is_refused_and_the_form_kept,
    tampered_fields_change_nothing,
    an_organisation_keeps_an_administrator,
    teams_and_departments_are_renamed,
    instance_administrators_add_organisations,
);

async fn an_administrator_builds_a_team(app: TestApp) {
    let o = org(&app, "Bouwziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    c.get("/admin/departments").await;
    assert_eq!(c.post("/admin/departments", &[("name", "Cardiologie")]).await.status, 303);
    let depts = c.get("/admin/departments?notice=notice-department-added").await;
    depts.assert_has("De afdeling is toegevoegd.");
    depts.assert_has("Cardiologie");
    let dept_id = app
        .k
        .departments(&actor(&app, &o.admin).await)
        .await
        .unwrap()
        .iter()
        .find(|d| d.name == "Cardiologie")
        .unwrap()
        .id;

    c.get("/admin/teams").await;
    let created = c.post("/admin/teams", &[("name", "Hartbewaking"), ("department", &dept_id.to_string())]).await;
    assert_eq!(created.status, 303, "{}", created.body);
    let team_path = created.location.unwrap();
    let team_path = team_path.split('?').next().unwrap().to_string();
    let team = c.get(&team_path).await;
    team.assert_has("Hartbewaking");
    team.assert_has("Dit team heeft nog geen leden.");

    let added =
        c.post(&format!("{team_path}/members"), &[("person", &o.member_id.to_string()), ("role", "trainer")]).await;
    assert_eq!(added.status, 303);
    let team = c.get(&team_path).await;
    team.assert_has("Lars Lid");
    team.assert_has("Trainer");
    c.get("/admin/teams")
        .await
        .assert_has("Hartbewaking</a></td><td data-label=\"Afdeling\">Cardiologie</td><td data-label=\"Leden\">1</td>");
    let lars = Client::logged_in(&app, &o.member).await;
    lars.get("/").await.assert_has("Hartbewaking");

    let removed = c.post(&format!("{team_path}/members/{}/remove", o.member_id), &[]).await;
    assert_eq!(removed.status, 303);
    c.get(&team_path).await.assert_has("Dit team heeft nog geen leden.");
    let entries: i64 = count(&app, "audit_log").await;
    assert!(entries >= 5, "changes are logged ({entries})");
}

async fn a_taken_address_is_refused_and_the_form_kept(app: TestApp) {
    let o = org(&app, "Dubbelziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    c.get("/admin/people/new").await;
    let people = count(&app, "people").await;
    let jobs = count(&app, "jobs").await;
    let p = c
        .post(
            "/admin/people",
            &[
                ("name", "Tweede Lars"),
                ("email", &o.member.to_uppercase()),
                ("profession", "doctor"),
                ("org_roles", "hr"),
            ],
        )
        .await;
    assert_eq!(p.status, 422);
    p.assert_has("Dit e-mailadres is al in gebruik.");
    assert_eq!(p.input_value("name").as_deref(), Some("Tweede Lars"));
    assert_eq!(p.input_value("email").as_deref(), Some(o.member.to_uppercase().as_str()));
    p.assert_has("<option value=\"doctor\" selected>");
    p.assert_has("value=\"hr\" checked");
    let empty = c.post("/admin/people", &[("name", " "), ("email", "geen-adres"), ("profession", "")]).await;
    empty.assert_has("Vul een naam in.");
    empty.assert_has("Vul een geldig e-mailadres in");
    empty.assert_has("Kies een beroep uit de lijst.");
    empty.assert_has("href=\"#f-email\"");
    assert_eq!(count(&app, "people").await, people, "nothing half-written");
    assert_eq!(count(&app, "jobs").await, jobs, "no invitation queued");
}

async fn tampered_fields_change_nothing(app: TestApp) {
    let o = org(&app, "Knoeiziekenhuis").await;
    let other = org(&app, "Buurziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    let path = format!("/admin/teams/{}/members", o.team_id);
    c.get(&format!("/admin/teams/{}", o.team_id)).await;
    let members = count(&app, "team_members").await;
    let foreign = c.post(&path, &[("person", &other.member_id.to_string()), ("role", "member")]).await;
    assert_eq!(foreign.status, 422);
    foreign.assert_has("Kies een persoon uit de lijst.");
    let role = c.post(&path, &[("person", &o.member_id.to_string()), ("role", "koning")]).await;
    role.assert_has("Kies een rol uit de lijst.");
    let junk = c.post(&path, &[("person", "1 OR 1=1"), ("role", "member")]).await;
    assert_eq!(junk.status, 422);
    let roles = c
        .post(
            &format!("/admin/people/{}", o.member_id),
            &[("name", "Lars Lid"), ("profession", "hbo-v"), ("org_roles", "god")],
        )
        .await;
    assert_eq!(roles.status, 422);
    let dept = c.post("/admin/teams", &[("name", "Spookteam"), ("department", &other.department_id.to_string())]).await;
    dept.assert_has("Kies een afdeling uit de lijst.");
    assert_eq!(count(&app, "team_members").await, members);
    assert_eq!(count(&app, "teams").await, 2);
}

async fn an_organisation_keeps_an_administrator(app: TestApp) {
    let o = org(&app, "Beheerziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    let me = actor(&app, &o.admin).await.id();
    c.get(&format!("/admin/people/{me}")).await;
    let p = c.post(&format!("/admin/people/{me}"), &[("name", "Anna Admin"), ("profession", "manager")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("De organisatie moet minstens één beheerder houden.");
    assert!(actor(&app, &o.admin).await.is_org_admin(), "the role is still there");
    let ok = c
        .post(
            &format!("/admin/people/{me}"),
            &[("name", "Anna de Beheerder"), ("profession", "manager"), ("org_roles", "admin"), ("org_roles", "hr")],
        )
        .await;
    assert_eq!(ok.status, 303);
    assert_eq!(actor(&app, &o.admin).await.org_roles.len(), 2);
}

async fn instance_administrators_add_organisations(app: TestApp) {
    root(&app).await;
    let c = Client::logged_in(&app, "root@kartrekker.test").await;
    c.get("/instance/organisations").await;
    let bad = c.post("/instance/organisations", &[("name", ""), ("admin_name", "Bea"), ("admin_email", "bea@")]).await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.input_value("admin_name").as_deref(), Some("Bea"));
    let ok = c
        .post(
            "/instance/organisations",
            &[("name", "Nieuw Ziekenhuis"), ("admin_name", "Bea Beheer"), ("admin_email", "bea@nieuw.test")],
        )
        .await;
    assert_eq!(ok.status, 303);
    let dup = c
        .post(
            "/instance/organisations",
            &[("name", "Nieuw Ziekenhuis"), ("admin_name", "Bo"), ("admin_email", "bo@nieuw.test")],
        )
        .await;
    dup.assert_has("Er is al een organisatie met deze naam.");
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(app.smtp.to("bea@nieuw.test").len(), 1);
    assert!(app.smtp.to("bo@nieuw.test").is_empty(), "the refused organisation left nothing behind");
    // An organisation's administrator cannot reach the instance pages.
    let o = org(&app, "Gewoonziekenhuis").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    assert_eq!(admin.get("/instance/organisations").await.status, 403);
}

async fn teams_and_departments_are_renamed(app: TestApp) {
    let o = org(&app, "Hernoemziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    c.get("/admin/departments").await;
    assert_eq!(c.post("/admin/departments", &[("name", "Longziekten")]).await.status, 303);
    let other = app
        .k
        .departments(&actor(&app, &o.admin).await)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.name == "Longziekten")
        .unwrap()
        .id;
    let path = format!("/admin/teams/{}", o.team_id);
    c.get(&path).await;
    let bad = c.post(&path, &[("name", ""), ("department", "0")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Vul een naam in.");
    bad.assert_has("Kies een afdeling uit de lijst.");
    let ok = c.post(&path, &[("name", "Longafdeling L2"), ("department", &other.to_string())]).await;
    assert_eq!(ok.status, 303);
    let page = c.get(&path).await;
    page.assert_has("<h1>Longafdeling L2</h1>");
    page.assert_has("<title>Longafdeling L2 · Kartrekker</title>");
    assert_eq!(page.body.matches("id=\"edit-h\"").count(), 1, "one edit form");
    page.assert_has("Afdeling: Longziekten");
    let dup = c.post(&format!("/admin/departments/{other}"), &[("name", "Interne geneeskunde")]).await;
    assert_eq!(dup.status, 422);
    dup.assert_has("Er is al een afdeling met deze naam.");
    assert_eq!(c.post(&format!("/admin/departments/{other}"), &[("name", "Longgeneeskunde")]).await.status, 303);
    c.get("/admin/departments").await.assert_has("Longgeneeskunde");
}
