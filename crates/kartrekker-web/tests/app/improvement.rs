//! Verwonder & Verbeter over HTTP: posting (named and anonymous), support,
//! comments, merging, triage, and who may do what.

use kartrekker_testkit::*;

both_databases!(
    a_nurse_posts_and_colleagues_support_and_comment,
    an_anonymous_point_is_the_team_leaders_alone_and_names_no_one,
    bad_input_keeps_the_form_and_writes_nothing,
    triage_makes_a_quick_fix_a_project_or_not_now_with_a_reason,
    merging_carries_posters_and_supports_over,
    other_organisations_and_plain_members_cannot_reach_what_is_not_theirs,
    a_project_measures_draws_a_run_chart_with_a_shift_and_closes_with_a_result,
    pdca_cycles_run_in_order_and_turn_into_actions_in_the_register,
    the_wall_shows_what_the_team_changed_to_its_members_only,
    the_organisations_overview_shows_projects_per_department_to_program_leaders_only,
);

fn list(o: &Org) -> String {
    format!("/teams/{}/verwonderpunten", o.team_id)
}

/// Posts a point from the list's form (with its one-time token); returns its id.
async fn post_point(app: &TestApp, o: &Org, c: &Client, title: &str, anonymous: bool) -> i64 {
    let page = c.get(&list(o)).await;
    let once = page.input_value("once").expect("the post form carries a one-time token");
    let mut form = vec![("title", title), ("body", ""), ("once", once.as_str())];
    if anonymous {
        form.push(("anonymous", "yes"));
    }
    let p = c.post(&list(o), &form).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(p.location.as_deref(), Some(format!("{}?notice=vv-notice-posted", list(o)).as_str()));
    // Sent again (a double tap on a phone): still one point.
    let before = count(app, "verwonderpunten").await;
    assert_eq!(c.post(&list(o), &form).await.status, 303);
    assert_eq!(count(app, "verwonderpunten").await, before);
    kartrekker::db::query_scalar("SELECT id FROM verwonderpunten WHERE title = $1")
        .bind(title)
        .fetch_one(&app.k.db)
        .await
        .unwrap()
}

async fn a_nurse_posts_and_colleagues_support_and_comment(app: TestApp) {
    let o = org(&app, "Verwonderziekenhuis").await;
    let others = more_members(&app, &o, &["Saar", "Tom"], "verwonder.test").await;
    let nurse = Client::logged_in(&app, &o.member).await;
    let curtain = post_point(&app, &o, &nurse, "Waarom hangt er geen gordijn in behandelkamer 3?", false).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let pumps = post_point(&app, &o, &leader, "Waarom liggen de pompen in de gang?", false).await;

    // Two colleagues support the curtain, one of them twice: counted once.
    for (email, _) in &others {
        let c = Client::logged_in(&app, email).await;
        let p = c.post(&format!("/verwonderpunten/{curtain}/support"), &[]).await;
        assert_eq!(p.status, 303, "{}", p.body);
    }
    let saar = Client::logged_in(&app, &others[0].0).await;
    assert_eq!(saar.post(&format!("/verwonderpunten/{curtain}/support"), &[]).await.status, 303);
    // The poster does not +1 their own point.
    let own = nurse.post(&format!("/verwonderpunten/{curtain}/support"), &[]).await;
    assert_eq!(own.status, 422);
    own.assert_has("Je eigen verwonderpunt steun je al.");

    let page = saar.get(&list(&o)).await;
    let (c_at, p_at) = (page.body.find("geen gordijn").unwrap(), page.body.find("pompen in de gang").unwrap());
    assert!(c_at < p_at, "most support first");
    page.assert_has("je steunt dit");
    let point = saar.get(&format!("/verwonderpunten/{curtain}")).await;
    point.assert_has("Lars Lid");
    point.assert_has("<dd>2 (je steunt dit)</dd>");

    // A leader's +1 on the older pumps point: 1 each... the curtain (2) still leads.
    saar.post(&format!("/verwonderpunten/{pumps}/support"), &[]).await;
    let page = saar.get(&list(&o)).await;
    assert!(page.body.find("geen gordijn").unwrap() < page.body.find("pompen in de gang").unwrap());

    // Colleagues comment; the comment is signed.
    saar.get(&format!("/verwonderpunten/{curtain}")).await;
    let p = saar.post(&format!("/verwonderpunten/{curtain}/comments"), &[("text", "Ook in kamer 5.")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let point = nurse.get(&format!("/verwonderpunten/{curtain}")).await;
    point.assert_has("Ook in kamer 5.");
    point.assert_has("Saar Specialist");
    // In English too.
    let en = Client::with_language(&app, Some("en"));
    en.login(&o.member, PASSWORD).await;
    en.get(&list(&o)).await.assert_has("Points of wonder of Interne B3");
}

async fn an_anonymous_point_is_the_team_leaders_alone_and_names_no_one(app: TestApp) {
    let o = org(&app, "Anoniemziekenhuis").await;
    let others = more_members(&app, &o, &["Saar"], "anoniem.test").await;
    let nurse = Client::logged_in(&app, &o.member).await;
    let id = post_point(&app, &o, &nurse, "Waarom wordt er over collega's geroddeld?", true).await;

    // A colleague sees nothing of it: not in the list, and no page.
    let saar = Client::logged_in(&app, &others[0].0).await;
    assert!(!saar.get(&list(&o)).await.has("geroddeld"));
    assert_eq!(saar.get(&format!("/verwonderpunten/{id}")).await.status, 404);
    assert_eq!(saar.post(&format!("/verwonderpunten/{id}/support"), &[]).await.status, 404);

    // The team leader sees it, without the poster's name.
    let leader = Client::logged_in(&app, &o.leader).await;
    let page = leader.get(&format!("/verwonderpunten/{id}")).await;
    page.assert_has("geroddeld");
    page.assert_has("<dt>Geplaatst door</dt><dd>één collega anoniem</dd>");
    // Sent again, the form's kept target names the list, not this point.
    let target: String =
        kartrekker::db::query_scalar("SELECT target FROM form_submissions").fetch_one(&app.k.db).await.unwrap();
    assert!(target.starts_with(&list(&o)) && !target.contains(&format!("/verwonderpunten/{id}")), "{target}");
    // The poster follows it, and sees it marked as theirs.
    nurse.get(&list(&o)).await.assert_has("van mij");
    assert_eq!(nurse.get(&format!("/verwonderpunten/{id}")).await.status, 200);
    // The point itself holds no person; the link is marked anonymous.
    let anonymous: i64 = kartrekker::db::query_scalar("SELECT anonymous FROM verwonder_posters WHERE point_id = $1")
        .bind(id)
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(anonymous, 1);
}

async fn bad_input_keeps_the_form_and_writes_nothing(app: TestApp) {
    let o = org(&app, "Foutverwonderziekenhuis").await;
    let nurse = Client::logged_in(&app, &o.member).await;
    nurse.get(&list(&o)).await;
    let p = nurse.post(&list(&o), &[("title", "   "), ("body", "Het tocht bij bed 4")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Schrijf op waar je je over verwondert.");
    p.assert_has("Het tocht bij bed 4");
    assert_eq!(count(&app, "verwonderpunten").await, 0);

    let id = post_point(&app, &o, &nurse, "Waarom tocht het bij bed 4?", false).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    leader.get(&format!("/verwonderpunten/{id}")).await;
    let p = leader.post(&format!("/verwonderpunten/{id}/triage"), &[("choice", "not_now"), ("reason", " ")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Geef een reden: de melder leest die.");
    let p = leader
        .post(
            &format!("/verwonderpunten/{id}/triage"),
            &[("choice", "quick_fix"), ("title", "Tochtstrip plakken"), ("goal", "Geen tocht"), ("kartrekker", "")],
        )
        .await;
    assert_eq!(p.status, 422);
    p.assert_has("Tochtstrip plakken");
    assert_eq!(count(&app, "actions").await, 0, "nothing half-written");
    let p = nurse.post(&format!("/verwonderpunten/{id}/comments"), &[("text", "")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Schrijf een reactie.");
    let p = leader.post(&format!("/verwonderpunten/{id}/merge"), &[("into", &id.to_string())]).await;
    assert_eq!(p.status, 422);
    assert_eq!(count(&app, "verwonder_comments").await, 0);
    nurse.get(&format!("/verwonderpunten/{id}")).await.assert_has("Wacht op een besluit");
}

async fn triage_makes_a_quick_fix_a_project_or_not_now_with_a_reason(app: TestApp) {
    let o = org(&app, "Triageziekenhuis").await;
    let others = more_members(&app, &o, &["Saar"], "triage.test").await;
    let nurse = Client::logged_in(&app, &o.member).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let saar = Client::logged_in(&app, &others[0].0).await;
    let a = post_point(&app, &o, &nurse, "Waarom is de zeep steeds op?", false).await;
    let b = post_point(&app, &o, &nurse, "Waarom duurt de overdracht zo lang?", false).await;
    let c = post_point(&app, &o, &nurse, "Waarom geen koffie op de gang?", false).await;
    // The team leader's home says three wait; a plain member's says nothing of it.
    let home = leader.get("/").await;
    home.assert_has("3 wachten op een besluit");
    home.assert_has(&format!("href=\"{}\"", list(&o)));
    assert!(!saar.get("/").await.has("wachten op een besluit"));
    // ...and the team leader hears of each new point, once; the poster does not.
    app.k.run_due_jobs().await.unwrap();
    let told: Vec<_> = app.smtp.to(&o.leader).into_iter().filter(|m| m.data.contains("Nieuw verwonderpunt")).collect();
    assert_eq!(told.len(), 3, "one per point");
    assert!(told.iter().any(|m| m.data.contains("Waarom geen koffie op de gang?")));
    assert!(!app.smtp.to(&o.member).iter().any(|m| m.data.contains("Nieuw verwonderpunt")));

    // A plain member may not triage, until the team leader chooses them.
    assert_eq!(
        saar.post(&format!("/verwonderpunten/{c}/triage"), &[("choice", "not_now"), ("reason", "Later")]).await.status,
        403
    );
    let page = leader.get(&list(&o)).await;
    page.assert_has("Wie bespreekt de verwonderpunten?");
    let saar_id = others[0].1.to_string();
    let p = leader.post(&format!("{}/triagers", list(&o)), &[("triagers", &saar_id)]).await;
    assert_eq!(p.status, 303, "{}", p.body);

    // Not now: the poster sees the reason.
    saar.get(&format!("/verwonderpunten/{c}")).await;
    let p = saar
        .post(
            &format!("/verwonderpunten/{c}/triage"),
            &[("choice", "not_now"), ("reason", "Past niet in de hygiëneregels.")],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let page = nurse.get(&format!("/verwonderpunten/{c}")).await;
    page.assert_has("Niet nu");
    page.assert_has("Past niet in de hygiëneregels.");
    // The poster's home says what became of it; the leader's counts one fewer.
    let home = nurse.get("/").await;
    home.assert_has("Je verwonderpunt „Waarom geen koffie op de gang?”");
    home.assert_has(&format!("href=\"/verwonderpunten/{c}\""));
    leader.get("/").await.assert_has("2 wachten op een besluit");

    // Quick fix: an action in the register at once, origin Verwonderpunt, linked back.
    leader.get(&format!("/verwonderpunten/{a}")).await;
    let p = leader
        .post(
            &format!("/verwonderpunten/{a}/triage"),
            &[
                ("choice", "quick_fix"),
                ("title", "Zeep bijvullen bij elke dienstwissel"),
                ("goal", "Nooit meer zonder zeep"),
                ("kartrekker", &o.member_id.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let action = p.location.unwrap();
    assert!(action.starts_with("/actions/"), "{action}");
    let page = leader.get(&action).await;
    page.assert_has("Verwonderpunt");
    page.assert_has(&format!("href=\"/verwonderpunten/{a}\""));
    nurse.get(&format!("/verwonderpunten/{a}")).await.assert_has("Snel opgelost");
    // Decided once: a second triage is refused.
    let p = leader.post(&format!("/verwonderpunten/{a}/triage"), &[("choice", "not_now"), ("reason", "x")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Over dit verwonderpunt is al besloten.");

    // An improvement project.
    leader.get(&format!("/verwonderpunten/{b}")).await;
    let p = leader
        .post(
            &format!("/verwonderpunten/{b}/triage"),
            &[
                ("choice", "project"),
                ("title", "Kortere overdracht"),
                ("problem", "De overdracht duurt 45 minuten."),
                ("kartrekker", &o.member_id.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(count(&app, "improvement_projects").await, 1);
    nurse.get(&format!("/verwonderpunten/{b}")).await.assert_has("Verbeterproject");
    let page = nurse.get(&list(&o)).await;
    page.assert_has("Er wachten geen verwonderpunten.");
}

async fn merging_carries_posters_and_supports_over(app: TestApp) {
    let o = org(&app, "Samenziekenhuis").await;
    let others = more_members(&app, &o, &["Saar", "Tom"], "samen.test").await;
    let nurse = Client::logged_in(&app, &o.member).await;
    let saar = Client::logged_in(&app, &others[0].0).await;
    let tom = Client::logged_in(&app, &others[1].0).await;
    let a = post_point(&app, &o, &nurse, "Waarom geen gordijn in kamer 3?", false).await;
    let b = post_point(&app, &o, &saar, "Privacy in kamer 3 ontbreekt", false).await;
    // Tom supports both, the nurse supports b: after the merge Tom counts once,
    // and the nurse, a poster of a, no longer supports it.
    tom.post(&format!("/verwonderpunten/{a}/support"), &[]).await;
    tom.post(&format!("/verwonderpunten/{b}/support"), &[]).await;
    nurse.post(&format!("/verwonderpunten/{b}/support"), &[]).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    leader.get(&format!("/verwonderpunten/{b}")).await.assert_has("Samenvoegen met");
    let p = leader.post(&format!("/verwonderpunten/{b}/merge"), &[("into", &a.to_string())]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(p.location.as_deref(), Some(format!("/verwonderpunten/{a}?notice=vv-notice-merged").as_str()));
    let page = leader.get(&format!("/verwonderpunten/{a}")).await;
    page.assert_has("Lars Lid, Saar Specialist");
    page.assert_has("<dd>1</dd>");
    let old = saar.get(&format!("/verwonderpunten/{b}")).await;
    old.assert_has("Samengevoegd");
    old.assert_has(&format!("href=\"/verwonderpunten/{a}\""));
    assert!(!saar.get(&list(&o)).await.has("Privacy in kamer 3 ontbreekt"), "the merged point leaves the list");
    assert_eq!(tom.post(&format!("/verwonderpunten/{b}/support"), &[]).await.status, 422);
}

async fn other_organisations_and_plain_members_cannot_reach_what_is_not_theirs(app: TestApp) {
    let o = org(&app, "Eigenziekenhuis").await;
    let other = org(&app, "Vreemdziekenhuis").await;
    let nurse = Client::logged_in(&app, &o.member).await;
    let id = post_point(&app, &o, &nurse, "Waarom piept de deur?", false).await;
    let stranger = Client::logged_in(&app, &other.leader).await;
    assert_eq!(stranger.get(&format!("/verwonderpunten/{id}")).await.status, 404);
    assert_eq!(stranger.get(&list(&o)).await.status, 404);
    stranger.get(&list(&other)).await;
    assert_eq!(stranger.post(&format!("/verwonderpunten/{id}/support"), &[]).await.status, 404);
    assert_eq!(stranger.post(&list(&o), &[("title", "Inbraak")]).await.status, 404);
    // A plain member does not choose who triages.
    let p = nurse.post(&format!("{}/triagers", list(&o)), &[("triagers", &o.member_id.to_string())]).await;
    assert_eq!(p.status, 403);
    assert_eq!(count(&app, "improvement_triagers").await, 0);
}

async fn a_project_measures_draws_a_run_chart_with_a_shift_and_closes_with_a_result(app: TestApp) {
    let o = org(&app, "Projectziekenhuis").await;
    let nurse = Client::logged_in(&app, &o.member).await;
    let point = post_point(&app, &o, &nurse, "Waarom vallen er zoveel patiënten 's nachts?", false).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    leader.get(&format!("/verwonderpunten/{point}")).await;
    let p = leader
        .post(
            &format!("/verwonderpunten/{point}/triage"),
            &[
                ("choice", "project"),
                ("title", "Minder valincidenten"),
                ("problem", "Vier valincidenten per week, vooral 's nachts."),
                ("kartrekker", &o.member_id.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let path = p.location.unwrap().split('?').next().unwrap().to_string();
    assert!(path.starts_with("/verbeterprojecten/"), "{path}");
    nurse.get(&format!("/verwonderpunten/{point}")).await.assert_has(&format!("href=\"{path}\""));
    // The poster is told that their point became a project.
    app.k.run_due_jobs().await.unwrap();
    let news =
        |app: &TestApp| app.smtp.to(&o.member).into_iter().filter(|m| m.data.contains("Er is nieuws over je")).count();
    assert_eq!(news(&app), 1);

    // Aim and measure; a bad one keeps what was typed.
    nurse.get(&path).await.assert_has("Nog geen meetpunten.");
    let aim = [
        ("aim_what", "Minder vallen"),
        ("aim_how_much", "van 4 naar 1 per week"),
        ("aim_by", "2027-06-01"),
        ("measure_name", "Valincidenten per week"),
        ("measure_unit", "aantal"),
        ("better", "sideways"),
        ("baseline_until", "2026-01-31"),
    ];
    let p = nurse.post(&path, &aim).await;
    assert_eq!(p.status, 422);
    p.assert_has("Kies of hoger of lager beter is.");
    p.assert_has("van 4 naar 1 per week");
    let mut aim = aim.to_vec();
    aim[5] = ("better", "lower");
    assert_eq!(nurse.post(&path, &aim).await.status, 303);

    // Pasted data: a bad line names its number and nothing is kept.
    let data = format!("{path}/data");
    let p = nurse.post(&data, &[("pasted", "2026-01-05\t4\nmaandag\t5\n2026-01-19\tveel")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Regel 2: de datum is niet te lezen.");
    p.assert_has("Regel 3: de waarde is geen getal.");
    assert_eq!(count(&app, "improvement_data").await, 0);
    // Four weeks of baseline, then eight weeks lower: a shift.
    let mut pasted = String::new();
    let values = [4, 5, 4, 3, 2, 1, 2, 1, 1, 2, 1, 1];
    for (i, v) in values.iter().enumerate() {
        let day = kartrekker::dates::Date::from_ymd(2026, 1, 5).unwrap().add_days(7 * i as i64);
        pasted.push_str(&format!("{}\t{v}\n", day.dutch()));
    }
    let p = nurse.post(&data, &[("pasted", &pasted)]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    // One more by date and value; the same date again takes the new value.
    assert_eq!(nurse.post(&data, &[("date", "2026-03-30"), ("value", "0,5")]).await.status, 303);
    assert_eq!(nurse.post(&data, &[("date", "2026-03-30"), ("value", "1")]).await.status, 303);
    assert_eq!(count(&app, "improvement_data").await, 13);
    let page = nurse.get(&path).await;
    page.assert_has("role=\"img\"");
    page.assert_has("13 meetpunten, mediaan 2.");
    page.assert_has("Er is een verschuiving.");
    page.assert_has("class=\"point shift\"");
    page.assert_has("class=\"baseline\"");
    page.assert_has("<td data-label=\"Opvallend\">verschuiving</td>");
    page.assert_has("van 4 naar 1 per week");

    // A plain colleague from another organisation sees nothing.
    let other = org(&app, "Buitenziekenhuis").await;
    let stranger = Client::logged_in(&app, &other.leader).await;
    assert_eq!(stranger.get(&path).await.status, 404);

    // The kartrekker closes it with a result, which the poster reads.
    let close = format!("{path}/close");
    let p = nurse.post(&close, &[("result", "")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Schrijf het resultaat op.");
    let p = nurse.post(&close, &[("result", "Valincidenten van 4 naar 1 per week.")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let page = nurse.get(&path).await;
    page.assert_has("Valincidenten van 4 naar 1 per week.");
    // ... and that it closed.
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(news(&app), 2);
    assert!(!page.has("Meetpunten toevoegen"), "a closed project takes no more data");
    assert_eq!(nurse.post(&data, &[("date", "2026-04-06"), ("value", "1")]).await.status, 422);
    // In English too.
    let en = Client::with_language(&app, Some("en"));
    en.login(&o.member, PASSWORD).await;
    en.get(&path).await.assert_has("There is a shift.");
}

/// A point made a project by the team leader, with the plain member (Lars) as its kartrekker.
async fn project_of(app: &TestApp, o: &Org, nurse: &Client, leader: &Client, title: &str) -> (i64, String) {
    let point = post_point(app, o, nurse, title, false).await;
    leader.get(&format!("/verwonderpunten/{point}")).await;
    let p = leader
        .post(
            &format!("/verwonderpunten/{point}/triage"),
            &[
                ("choice", "project"),
                ("title", title),
                ("problem", "Het gebeurt te vaak."),
                ("kartrekker", &o.member_id.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    (point, p.location.unwrap().split('?').next().unwrap().to_string())
}

async fn pdca_cycles_run_in_order_and_turn_into_actions_in_the_register(app: TestApp) {
    let o = org(&app, "Cyclusziekenhuis").await;
    let others = more_members(&app, &o, &["Saar"], "cyclus.test").await;
    let nurse = Client::logged_in(&app, &o.member).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let (point, path) = project_of(&app, &o, &nurse, &leader, "Waarom vallen er zoveel patiënten?").await;
    let cycles = format!("{path}/cycli");

    // The kartrekker sees no cycles yet, and the form for the first.
    let page = nurse.get(&path).await;
    page.assert_has("Nog geen cycli.");
    // Bad input keeps what was typed, names every problem, and writes nothing.
    let p = nurse
        .post(&cycles, &[("starts_on", "2026-02-02"), ("ends_on", "2026-01-15"), ("plan", " "), ("done", "Niets")])
        .await;
    assert_eq!(p.status, 422);
    p.assert_has("Schrijf op wat jullie gaan proberen: het plan.");
    p.assert_has("De cyclus kan niet eindigen voordat hij begint.");
    p.assert_has(">Niets</textarea>");
    let p = nurse.post(&cycles, &[("starts_on", "maandag"), ("plan", "Bedhekken")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Bedhekken");
    assert_eq!(count(&app, "improvement_cycles").await, 0);

    // A cycle, sent twice (a double tap): one cycle.
    let once = nurse.get(&path).await.input_value("once").expect("the cycle form carries a one-time token");
    let second = [
        ("starts_on", "2026-03-02"),
        ("ends_on", ""),
        ("plan", "Nachtronde om 3 uur"),
        ("done", ""),
        ("study", ""),
        ("act", ""),
        ("once", once.as_str()),
    ];
    let p = nurse.post(&cycles, &second).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert!(p.location.as_deref().unwrap().contains("#cycle-"), "{:?}", p.location);
    assert_eq!(nurse.post(&cycles, &second).await.status, 303);
    assert_eq!(count(&app, "improvement_cycles").await, 1);
    // The team leader adds an earlier one: the page shows them in the order they ran.
    let p = leader
        .post(
            &cycles,
            &[("starts_on", "2026-02-02"), ("ends_on", "2026-02-27"), ("plan", "Bedhekken omlaag bij onrust")],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let page = nurse.get(&path).await;
    let (first, later) = (page.body.find("Bedhekken omlaag").unwrap(), page.body.find("Nachtronde om 3 uur").unwrap());
    assert!(first < later, "the earlier cycle comes first");
    page.assert_has("Cyclus 1: 02-02-2026 tot en met 27-02-2026");
    page.assert_has("Cyclus 2: vanaf 02-03-2026");

    // A colleague who is neither kartrekker nor team leader reads, but does not write cycles.
    let saar = Client::logged_in(&app, &others[0].0).await;
    let page = saar.get(&path).await;
    page.assert_has("Nachtronde om 3 uur");
    assert!(!page.has("Cyclus toevoegen"));
    assert_eq!(saar.post(&cycles, &[("starts_on", "2026-04-01"), ("plan", "x")]).await.status, 403);
    let cycle: i64 = kartrekker::db::query_scalar("SELECT id FROM improvement_cycles WHERE plan = $1")
        .bind("Nachtronde om 3 uur")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    let cycle_path = format!("/verbetercycli/{cycle}");
    assert_eq!(saar.get(&cycle_path).await.status, 200);
    assert_eq!(saar.post(&cycle_path, &[("starts_on", "2026-03-02"), ("plan", "Weg ermee")]).await.status, 403);

    // The kartrekker writes what was done and seen.
    let page = nurse.get(&cycle_path).await;
    page.assert_has("Cyclus 2: vanaf 02-03-2026");
    let edit = [
        ("starts_on", "2026-03-02"),
        ("ends_on", "2026-03-29"),
        ("plan", "Nachtronde om 3 uur"),
        ("done", "Vier weken elke nacht een ronde"),
        ("study", "Twee valincidenten minder"),
        ("act", "We houden de ronde vast"),
    ];
    let p = nurse.post(&cycle_path, &[("starts_on", "2026-03-02"), ("ends_on", "2026-02-01"), ("plan", "x")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("De cyclus kan niet eindigen voordat hij begint.");
    let p = nurse.post(&cycle_path, &edit).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(
        p.location.as_deref(),
        Some(format!("{path}?notice=improvement-notice-cycle-saved#cycle-{cycle}").as_str())
    );
    let page = nurse.get(&path).await;
    page.assert_has("Twee valincidenten minder");
    page.assert_has("Cyclus 2: 02-03-2026 tot en met 29-03-2026");

    // From the cycle an action goes straight into the register: bad input first.
    let actions = format!("{cycle_path}/acties");
    let p = nurse.post(&actions, &[("title", ""), ("goal", "Elke nacht"), ("kartrekker", "")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Elke nacht");
    assert_eq!(count(&app, "actions").await, 0);
    let due = app.k.today().add_days(14).to_string();
    let once = nurse.get(&cycle_path).await.input_value("once").expect("the action form carries a one-time token");
    let action = [
        ("title", "Nachtronde in het rooster"),
        ("goal", "Elke nacht een ronde om 3 uur"),
        ("kartrekker", &others[0].1.to_string()),
        ("due_date", &due),
        ("evaluation_date", ""),
        ("once", &once),
    ];
    let p = nurse.post(&actions, &action).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(nurse.post(&actions, &action).await.status, 303);
    assert_eq!(count(&app, "actions").await, 1, "a double submit adds one action");
    assert_eq!(count(&app, "improvement_cycle_actions").await, 1);
    let (kind, origin): (String, i64) = {
        let row =
            kartrekker::db::query("SELECT origin_kind, origin_id FROM actions").fetch_one(&app.k.db).await.unwrap();
        (row.get("origin_kind").unwrap(), row.get("origin_id").unwrap())
    };
    assert_eq!((kind.as_str(), origin), ("verwonderpunt", point), "origin Verwonderpunt, the project's point");
    // It is on the team's board under that origin, and under its cycle on the project.
    let board = leader.get(&format!("/teams/{}/actions?origin=verwonderpunt", o.team_id)).await;
    board.assert_has("Nachtronde in het rooster");
    let page = nurse.get(&path).await;
    let (at, cycle1) = (page.body.find("Nachtronde in het rooster").unwrap(), page.body.find("Cyclus 2").unwrap());
    assert!(at > cycle1, "listed with its own cycle");
    page.assert_has("Saar Specialist, Open");

    // Another organisation sees nothing of it.
    let other = org(&app, "Vreemdcyclusziekenhuis").await;
    let stranger = Client::logged_in(&app, &other.leader).await;
    assert_eq!(stranger.get(&cycle_path).await.status, 404);
    assert_eq!(stranger.post(&actions, &action[..5]).await.status, 404);

    // In English too.
    let en = Client::with_language(&app, Some("en"));
    en.login(&o.member, PASSWORD).await;
    en.get(&path).await.assert_has("PDCA cycles");
    en.get(&cycle_path).await.assert_has("Actions from this cycle");

    // Closed, the project takes no new cycles.
    assert_eq!(nurse.post(&format!("{path}/close"), &[("result", "Minder vallen.")]).await.status, 303);
    let p = nurse.post(&cycles, &[("starts_on", "2026-04-01"), ("plan", "Nog een")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Dit project is afgesloten.");
    assert!(!nurse.get(&cycle_path).await.has("Cyclus bijwerken"));
}

/// Triages `point` as a quick fix pulled by the plain member; returns the action's id.
async fn quick_fix(o: &Org, leader: &Client, point: i64, title: &str) -> i64 {
    leader.get(&format!("/verwonderpunten/{point}")).await;
    let p = leader
        .post(
            &format!("/verwonderpunten/{point}/triage"),
            &[
                ("choice", "quick_fix"),
                ("title", title),
                ("goal", "Opgelost"),
                ("kartrekker", &o.member_id.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    p.location.unwrap().trim_start_matches("/actions/").split('?').next().unwrap().parse().unwrap()
}

async fn the_wall_shows_what_the_team_changed_to_its_members_only(app: TestApp) {
    let o = org(&app, "Muurziekenhuis").await;
    let others = more_members(&app, &o, &["Saar"], "muur.test").await;
    let nurse = Client::logged_in(&app, &o.member).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let wall = format!("/teams/{}/wat-we-veranderden", o.team_id);
    leader.get(&list(&o)).await.assert_has(&format!("href=\"{wall}\""));
    nurse.get(&wall).await.assert_has("Nog niets afgerond.");

    let soap = post_point(&app, &o, &nurse, "Waarom is de zeep steeds op?", false).await;
    let secret = post_point(&app, &o, &nurse, "Waarom lacht de arts ons uit?", true).await;
    let coffee = post_point(&app, &o, &nurse, "Waarom geen koffie?", false).await;
    let soap_fix = quick_fix(&o, &leader, soap, "Zeep bijvullen bij elke dienstwissel").await;
    let secret_fix = quick_fix(&o, &leader, secret, "Omgangsafspraken in het teamoverleg").await;
    quick_fix(&o, &leader, coffee, "Koffieautomaat aanvragen").await;
    let lieke = actor(&app, &o.leader).await;
    app.k.move_action(&lieke, soap_fix, "done").await.unwrap();
    app.k.move_action(&lieke, secret_fix, "done").await.unwrap();
    let (_, path) = project_of(&app, &o, &nurse, &leader, "Minder valincidenten").await;
    assert_eq!(nurse.post(&format!("{path}/close"), &[("result", "Van 4 naar 1 per week.")]).await.status, 303);

    // Every member reads the wall: the closed project with its result, the done quick fixes.
    let saar = Client::logged_in(&app, &others[0].0).await;
    let page = saar.get(&wall).await;
    assert_eq!(page.status, 200);
    page.assert_has("Minder valincidenten");
    page.assert_has("Van 4 naar 1 per week.");
    page.assert_has("kartrekker Lars Lid");
    page.assert_has(&format!("href=\"{path}\""));
    page.assert_has("Zeep bijvullen bij elke dienstwissel");
    page.assert_has("uit het verwonderpunt „Waarom is de zeep steeds op?”");
    // The change of an anonymous point shows, its point does not; what is not done yet stays off.
    page.assert_has("Omgangsafspraken in het teamoverleg");
    assert!(!page.has("lacht de arts"), "an anonymous point is the team leaders' alone");
    assert!(!page.has("Koffieautomaat"), "a quick fix still open is not a change yet");
    // The latest first: the project closed last.
    assert!(page.body.find("Minder valincidenten").unwrap() < page.body.find("Zeep bijvullen").unwrap());

    // Another organisation does not see it.
    let other = org(&app, "Vreemdmuurziekenhuis").await;
    let stranger = Client::logged_in(&app, &other.leader).await;
    assert_eq!(stranger.get(&wall).await.status, 404);
    // In English too.
    let en = Client::with_language(&app, Some("en"));
    en.login(&o.member, PASSWORD).await;
    en.get(&wall).await.assert_has("What we changed in Interne B3");
}

async fn the_organisations_overview_shows_projects_per_department_to_program_leaders_only(app: TestApp) {
    let t = trajectory_org(&app, "Overzichtziekenhuis").await;
    let o = &t.o;
    let nurse = Client::logged_in(&app, &o.member).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let (_, falls) = project_of(&app, o, &nurse, &leader, "Minder valincidenten").await;
    let (_, handover) = project_of(&app, o, &nurse, &leader, "Kortere overdracht").await;
    let (_, closed) = project_of(&app, o, &nurse, &leader, "Stillere nachten").await;
    assert_eq!(nurse.post(&format!("{closed}/close"), &[("result", "Rustiger.")]).await.status, 303);
    // Falls: six weeks above the median, then six below: a shift.
    let mut pasted = String::new();
    for (i, v) in [9, 8, 9, 8, 9, 8, 1, 2, 1, 2, 1, 2].iter().enumerate() {
        let day = kartrekker::dates::Date::from_ymd(2026, 1, 5).unwrap().add_days(7 * i as i64);
        pasted.push_str(&format!("{day}\t{v}\n"));
    }
    assert_eq!(nurse.post(&format!("{falls}/data"), &[("pasted", &pasted)]).await.status, 303);
    // Another organisation's project, with the same title: never in this overview.
    let other = org(&app, "Anderziekenhuis").await;
    let other_nurse = Client::logged_in(&app, &other.member).await;
    let other_leader = Client::logged_in(&app, &other.leader).await;
    project_of(&app, &other, &other_nurse, &other_leader, "Geheim project van de buren").await;

    let pl = Client::logged_in(&app, &t.pl).await;
    pl.get("/").await.assert_has("href=\"/program/verbeterprojecten\"");
    let page = pl.get("/program/verbeterprojecten").await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.assert_has("<h2 id=\"dept-1\">Interne geneeskunde</h2>");
    page.assert_has("<td data-label=\"Lopend\">2</td>");
    page.assert_has("<td data-label=\"Afgesloten\">1</td>");
    page.assert_has("Minder valincidenten</a> — kartrekker Lars Lid; laatste meetpunt 2 op 23-03-2026; de run chart toont een verschuiving");
    page.assert_has(
        "Kortere overdracht</a> — kartrekker Lars Lid; nog geen meetpunten; nog geen verschuiving of trend",
    );
    assert!(!page.has("Stillere nachten"), "a closed project is counted, not listed");
    assert!(!page.has("Geheim project"), "never another organisation's projects");
    page.assert_has(&format!("href=\"{handover}\""));

    // Team leaders and members do not see the organisation's overview.
    assert_eq!(leader.get("/program/verbeterprojecten").await.status, 403);
    assert_eq!(nurse.get("/program/verbeterprojecten").await.status, 403);
    // In English too.
    let en = Client::with_language(&app, Some("en"));
    en.login(&t.pl, PASSWORD).await;
    en.get("/program/verbeterprojecten").await.assert_has("Improvement projects in the organisation");
}
