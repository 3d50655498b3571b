use kartrekker::questionnaires::ItemKind;

use kartrekker_testkit::*;

both_databases!(
    a_group_of_five_runs_the_feedback_part_of_a_cycle,
    anonymity_survives_late_answers_and_thresholds,
    cycles_stay_within_the_group,
    preparation_conversation_plan_and_accreditation,
);

/// Three more members in the organisation's team: a group of five.
async fn group_of_five(app: &TestApp, o: &Org) -> Vec<String> {
    let admin = actor(app, &o.admin).await;
    let mut emails = vec![o.leader.clone(), o.member.clone()];
    for name in ["Carla", "Dirk", "Eva"] {
        let email = format!("{}@groep.test", name.to_lowercase());
        let id = app
            .k
            .create_person(&admin, &format!("{name} Specialist"), &email, "medisch specialist", &[])
            .await
            .unwrap();
        app.k.add_member(&admin, o.team_id, &id.to_string(), "member").await.unwrap();
        activate(app, &email).await;
        emails.push(email);
    }
    emails
}

async fn start_cycle(app: &TestApp, o: &Org, leader: &Client, min_raters: &str) -> String {
    let path = format!("/teams/{}/reflection", o.team_id);
    leader.get(&path).await;
    let d = |n| app.k.today().add_days(n).to_string();
    let p = leader
        .post(
            &path,
            &[
                ("title", "Vakgroep najaar"),
                ("self_date", &d(7)),
                ("preparation_date", &d(14)),
                ("conversation_date", &d(21)),
                ("plan_date", &d(28)),
                ("min_raters", min_raters),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    p.location.unwrap().split('?').next().unwrap().to_string()
}

/// Opens a questionnaire through a cycle button and submits every question with `value`.
async fn answer(c: &Client, cycle: &str, button: &str, value: i64, words: &str) {
    c.get(cycle).await;
    let opened = c.post(&format!("{cycle}/{button}"), &[]).await;
    assert_eq!(opened.status, 303, "{button}: {}", opened.body);
    let q = opened.location.unwrap();
    let page = c.get(&q).await;
    let sections = page.body.matches("?section=").count().max(1);
    for section in 1..=sections {
        let p = c.get(&format!("{q}?section={section}")).await;
        let mut names: Vec<String> =
            p.body.split("name=\"q-").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect();
        names.dedup();
        let values: Vec<(String, String)> = names
            .iter()
            .map(|n| {
                let open = p.body.contains(&format!("<textarea id=\"q-{n}\""));
                (format!("q-{n}"), if open { words.to_string() } else { value.to_string() })
            })
            .collect();
        let mut form: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        form.push(("go", "save"));
        let saved = c.post(&format!("{q}?section={section}"), &form).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
    }
    let done = c.post(&format!("{q}?section={sections}"), &[("go", "submit")]).await;
    assert_eq!(done.status, 303, "submit: {}", done.body);
}

async fn a_group_of_five_runs_the_feedback_part_of_a_cycle(app: TestApp) {
    let o = org(&app, "Reflectieziekenhuis").await;
    let emails = group_of_five(&app, &o).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    // Bad input keeps the form.
    let path = format!("/teams/{}/reflection", o.team_id);
    leader.get(&path).await;
    let d = |n| app.k.today().add_days(n).to_string();
    let bad = leader
        .post(
            &path,
            &[
                ("title", "Te vroeg"),
                ("self_date", &d(20)),
                ("preparation_date", &d(10)),
                ("conversation_date", &d(21)),
                ("plan_date", &d(28)),
                ("min_raters", "2"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    bad.assert_has("De stappen moeten in volgorde zijn");
    bad.assert_has("Vul een aantal in van minstens 3");
    assert_eq!(bad.input_value("title").as_deref(), Some("Te vroeg"));
    assert_eq!(count(&app, "reflection_cycles").await, 0);
    // A member cannot start a cycle.
    let member = Client::logged_in(&app, &o.member).await;
    member.get(&path).await;
    assert_eq!(member.post(&path, &[("title", "x")]).await.status, 403);

    let cycle = start_cycle(&app, &o, &leader, "3").await;
    let clients: Vec<Client> = {
        let mut v = Vec::new();
        for e in &emails {
            v.push(Client::logged_in(&app, e).await);
        }
        v
    };
    for (i, c) in clients.iter().enumerate() {
        answer(c, &cycle, "self", 2 + i as i64 % 3, "").await;
    }
    // Lars asks everyone else; he cannot ask himself or someone outside the group.
    let lars = &clients[1];
    let ids: Vec<String> = {
        let mut v = Vec::new();
        for e in &emails {
            v.push(actor(&app, e).await.id().to_string());
        }
        v
    };
    lars.get(&cycle).await;
    let me = lars.post(&format!("{cycle}/requests"), &[("raters", &ids[1])]).await;
    assert_eq!(me.status, 422);
    me.assert_has("Je kunt jezelf geen feedback geven.");
    let outsider = lars.post(&format!("{cycle}/requests"), &[("raters", "999999")]).await;
    outsider.assert_has("Kies collega&#39;s uit de groep.");
    let ok = lars
        .post(
            &format!("{cycle}/requests"),
            &[("raters", &ids[0]), ("raters", &ids[2]), ("raters", &ids[3]), ("raters", &ids[4])],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    // Someone Lars did not ask cannot rate him: the request must exist.
    let results_path = format!("{cycle}/results");
    assert_eq!(lars.get(&results_path).await.status, 409, "no results before the feedback closes");

    for (i, words) in [(0, "overzicht"), (2, "rust"), (3, "humor")] {
        let c = &clients[i];
        c.get(&cycle).await.assert_has("Feedback geven aan Lars Lid");
        answer(c, &cycle, &format!("feedback/{}", ids[1]), 4, words).await;
    }
    assert_eq!(leader.post(&format!("{cycle}/close"), &[]).await.status, 303);
    let results = lars.get(&results_path).await;
    assert_eq!(results.status, 200);
    results.assert_has("Gebaseerd op 3 collega&#39;s.");
    results.assert_has("role=\"img\"");
    results.assert_has("<th scope=\"row\">Roeping</th><td data-label=\"Zelf\">3,0</td><td data-label=\"Collega&#39;s (gemiddeld)\">4,0</td>");
    let humor = results.body.find("<li class=\"pre\">humor</li>").unwrap();
    let overzicht = results.body.find("<li class=\"pre\">overzicht</li>").unwrap();
    assert!(humor < overzicht, "open answers sorted");
    for e in &emails {
        let name = actor(&app, e).await.person.name;
        assert!(name == "Lars Lid" || !results.has(&name), "{name} must not appear on Lars's results");
    }
    let group = lars.get(&format!("{cycle}/group")).await;
    group.assert_has("Gebaseerd op 5 zelfevaluaties.");
    // Self-scores 2, 3, 4, 2, 3: mean 2,8 and a deviation of 0,7; never a lowest or highest.
    group.assert_has("<th scope=\"row\">Roeping</th><td data-label=\"Gemiddelde\">2,8</td><td data-label=\"Spreiding (standaarddeviatie)\">0,7</td>");
    // After closing, nobody can start feedback any more.
    let late = clients[4].post(&format!("{cycle}/feedback/{}", ids[1]), &[]).await;
    assert_eq!(late.status, 409);
    late.assert_has("De feedback is gesloten.");
    // Definitions: self and colleague items are not of a kind without numbers.
    let own = app.k.latest_shipped_instrument("roeping-collegialiteit").await.unwrap();
    assert!(own.definition.items().any(|i| matches!(i.kind, ItemKind::OpenText { .. })));
}

async fn anonymity_survives_late_answers_and_thresholds(app: TestApp) {
    let o = org(&app, "Anoniemziekenhuis").await;
    let emails = group_of_five(&app, &o).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let cycle = start_cycle(&app, &o, &leader, "3").await;
    let mut clients = Vec::new();
    let mut ids = Vec::new();
    for e in &emails {
        clients.push(Client::logged_in(&app, e).await);
        ids.push(actor(&app, e).await.id().to_string());
    }
    let lars = &clients[1];
    lars.get(&cycle).await;
    lars.post(&format!("{cycle}/requests"), &[("raters", &ids[2]), ("raters", &ids[3]), ("raters", &ids[4])]).await;
    answer(&clients[2], &cycle, &format!("feedback/{}", ids[1]), 5, "geduld").await;
    answer(&clients[3], &cycle, &format!("feedback/{}", ids[1]), 1, "planning").await;
    // Eva opens her feedback before the close and submits after it.
    clients[4].get(&cycle).await;
    let opened = clients[4].post(&format!("{cycle}/feedback/{}", ids[1]), &[]).await.location.unwrap();
    leader.get(&cycle).await;
    leader.post(&format!("{cycle}/close"), &[]).await;
    let before = lars.get(&format!("{cycle}/results")).await;
    before.assert_has("Te weinig collega&#39;s hebben geantwoord om hun scores te tonen (minstens 3).");
    assert!(!before.has(">3,0</td>"), "two raters' average is not shown");
    let page = clients[4].get(&opened).await;
    let mut names: Vec<String> =
        page.body.split("name=\"q-").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect();
    names.dedup();
    let values: Vec<(String, String)> = names.iter().map(|n| (format!("q-{n}"), "3".to_string())).collect();
    let form: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    clients[4].post(&format!("{opened}?section=1"), &form).await;
    let after = lars.get(&format!("{cycle}/results")).await;
    assert_eq!(
        before.body.replace(&before.input_value("csrf").unwrap_or_default(), ""),
        after.body.replace(&after.input_value("csrf").unwrap_or_default(), ""),
        "the frozen set does not change"
    );
    // The group page needs three self-evaluations; two is not enough.
    answer(&clients[0], &cycle, "self", 3, "").await;
    let g = lars.get(&format!("{cycle}/group")).await;
    g.assert_has("Te weinig zelfevaluaties om groepsresultaten te tonen (minstens 3).");
}

async fn cycles_stay_within_the_group(app: TestApp) {
    let a = org(&app, "Groepziekenhuis").await;
    let b = org(&app, "Buitengroep").await;
    let leader = Client::logged_in(&app, &a.leader).await;
    let cycle = start_cycle(&app, &a, &leader, "3").await;
    let admin_a = actor(&app, &a.admin).await;
    let team2 = app.k.create_team(&admin_a, &a.department_id.to_string(), "Vakgroep Chirurgie").await.unwrap();
    let other = app.k.create_person(&admin_a, "Olaf Ander", "olaf@groep.test", "arts", &[]).await.unwrap();
    app.k.add_member(&admin_a, team2, &other.to_string(), "member").await.unwrap();
    activate(&app, "olaf@groep.test").await;
    for who in [b.admin.as_str(), b.leader.as_str(), "olaf@groep.test", a.admin.as_str()] {
        let c = Client::logged_in(&app, who).await;
        for path in [
            cycle.clone(),
            format!("{cycle}/results"),
            format!("{cycle}/group"),
            format!("/teams/{}/reflection", a.team_id),
        ] {
            assert_eq!(c.get(&path).await.status, 404, "{who}: {path}");
        }
        for path in [
            format!("{cycle}/self"),
            format!("{cycle}/requests"),
            format!("{cycle}/close"),
            format!("{cycle}/feedback/{}", a.member_id),
        ] {
            assert_eq!(c.post(&path, &[("raters", "1")]).await.status, 404, "{who}: POST {path}");
        }
    }
    let member = Client::logged_in(&app, &a.member).await;
    member.get(&cycle).await;
    assert_eq!(member.post(&format!("{cycle}/close"), &[]).await.status, 403, "only the leader closes");
}

async fn preparation_conversation_plan_and_accreditation(app: TestApp) {
    let o = org(&app, "Accreditatieziekenhuis").await;
    let emails = group_of_five(&app, &o).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let cycle = start_cycle(&app, &o, &leader, "3").await;
    let lars = Client::logged_in(&app, &o.member).await;
    let mut ids = Vec::new();
    for e in &emails {
        ids.push(actor(&app, e).await.id().to_string());
    }
    answer(&lars, &cycle, "self", 4, "").await;

    // The results answer only after the feedback closes, so they are linked only then.
    let results_link = format!("href=\"{cycle}/results\"");
    let preparation = lars.get(&format!("{cycle}/preparation")).await;
    assert!(!preparation.has(&results_link), "no link to results that are not there yet");
    assert!(!lars.get(&cycle).await.has(&results_link));
    assert_eq!(lars.get(&format!("{cycle}/results")).await.status, 409);
    leader.post(&format!("{cycle}/close"), &[]).await;
    lars.get(&format!("{cycle}/preparation")).await.assert_has(&results_link);
    lars.get(&cycle).await.assert_has(&results_link);
    assert_eq!(lars.get(&format!("{cycle}/results")).await.status, 200);

    // Preparation: a text that is too long is refused and kept; "done" records 45 minutes.
    lars.get(&format!("{cycle}/preparation")).await;
    let long = "x".repeat(4001);
    let p = lars
        .post(
            &format!("{cycle}/preparation"),
            &[("preparation_notes", "Hoge roeping"), ("topics", &long), ("go", "done")],
        )
        .await;
    assert_eq!(p.status, 422);
    p.assert_has("Deze tekst is te lang.");
    p.assert_has(">Hoge roeping</textarea>");
    let p = lars
        .post(
            &format!("{cycle}/preparation"),
            &[
                ("preparation_notes", "Hoge roeping"),
                ("topics", "Werkdruk"),
                ("intended_actions", "Vaker nee zeggen"),
                ("go", "done"),
            ],
        )
        .await;
    assert_eq!(p.status, 303);
    lars.get(&format!("{cycle}/preparation")).await.assert_has(">Vaker nee zeggen</textarea>");

    // The conversation: only the chair writes; those present get 180 minutes.
    lars.get(&format!("{cycle}/conversation")).await.assert_has("Agenda van het groepsgesprek");
    assert_eq!(lars.post(&format!("{cycle}/conversation"), &[("group_notes", "x")]).await.status, 403);
    leader.get(&format!("{cycle}/conversation")).await;
    let meaning = format!("meaning-{}", ids[1]);
    let saved = leader
        .post(
            &format!("{cycle}/conversation"),
            &[
                ("group_notes", "Samen verantwoordelijk"),
                (&meaning, "Ruimte voor onderwijs"),
                ("present", &ids[0]),
                ("present", &ids[1]),
                ("present", &ids[2]),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let tampered = leader.post(&format!("{cycle}/conversation"), &[("group_notes", "x"), ("present", "999999")]).await;
    assert_eq!(tampered.status, 422);
    tampered.assert_has("Het formulier is veranderd");
    lars.get(&format!("{cycle}/conversation")).await.assert_has("Ruimte voor onderwijs");

    // The action plan: every mistake at once, nothing half-written.
    lars.get(&format!("{cycle}/plan")).await;
    let past = app.k.today().add_days(-1).to_string();
    let bad = lars
        .post(
            &format!("{cycle}/plan"),
            &[
                ("title-1", "Nee zeggen"),
                ("goal-1", ""),
                ("safeguarding", ""),
                ("buddy", &ids[1]),
                ("follow_up", &past),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Beschrijf hoe je de acties borgt.");
    bad.assert_has("Kies een collega als maatje, niet jezelf.");
    bad.assert_has("Deze datum is al voorbij.");
    assert_eq!(bad.input_value("title-1").as_deref(), Some("Nee zeggen"));
    let follow = app.k.today().add_days(60).to_string();
    let missing_goal = lars
        .post(
            &format!("{cycle}/plan"),
            &[
                ("title-1", "Nee zeggen"),
                ("goal-1", ""),
                ("safeguarding", "Maandelijks met Carla"),
                ("buddy", &ids[2]),
                ("follow_up", &follow),
            ],
        )
        .await;
    assert_eq!(missing_goal.status, 422);
    missing_goal.assert_has("href=\"#f-goal-1\"");
    assert_eq!(count(&app, "actions").await, 0, "nothing half-written");
    let due = app.k.today().add_days(30).to_string();
    let ok = lars
        .post(
            &format!("{cycle}/plan"),
            &[
                ("title-1", "Nee zeggen tegen extra diensten"),
                ("goal-1", "Energie houden"),
                ("due_date-1", &due),
                ("safeguarding", "Maandelijks met Carla"),
                ("buddy", &ids[2]),
                ("follow_up", &follow),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let board = lars.get(&format!("/teams/{}/actions?origin=reflection_plan", o.team_id)).await;
    board.assert_has("Nee zeggen tegen extra diensten");
    assert!(lars.get("/").await.has("Nee zeggen tegen extra diensten"), "Lars is the kartrekker");

    // Accreditation: 30 + 45 + 180 + 30 = 285 minutes = 4,75 points.
    let mine = lars.get(&format!("{cycle}/accreditation")).await;
    mine.assert_has("<td>285</td><td>4,75</td>");
    assert!(!mine.has("Carla Specialist"), "a participant sees only their own line");
    let record = lars.get(&format!("{cycle}/record")).await;
    record.assert_has("<strong>4,75</strong>");
    assert_eq!(
        lars.post(&format!("{cycle}/accreditation"), &[(&format!("m-{}-preparation", ids[1]), "600")]).await.status,
        403
    );
    // The leader corrects; a wrong number changes nothing.
    leader.get(&format!("{cycle}/accreditation")).await;
    let bad = leader.post(&format!("{cycle}/accreditation"), &[(&format!("m-{}-preparation", ids[2]), "veel")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Vul een aantal minuten in tussen 0 en 600.");
    let fixed = leader
        .post(
            &format!("{cycle}/accreditation"),
            &[(&format!("m-{}-preparation", ids[2]), "45"), (&format!("m-{}-self_evaluation", ids[2]), "30")],
        )
        .await;
    assert_eq!(fixed.status, 303);
    let csv = leader.get(&format!("{cycle}/accreditation.csv")).await;
    assert!(csv.body.starts_with('\u{feff}'));
    assert!(csv.body.contains("Lars Lid;30;45;180;30;285;4,75\r\n"), "{}", csv.body);
    assert!(csv.body.contains("Carla Specialist;30;45;180;0;255;4,25\r\n"), "{}", csv.body);
    assert_eq!(lars.get(&format!("{cycle}/accreditation.csv")).await.status, 403);

    // Safeguarding: three days before the follow-up, Lars and his buddy Carla are reminded, once.
    app.k.run_due_jobs().await.unwrap();
    app.clock.advance_ms(57 * kartrekker::clock::DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let to_lars: Vec<_> =
        app.smtp.to(&o.member).into_iter().filter(|m| m.data.contains("Terugkijken op je actieplan")).collect();
    let to_carla: Vec<_> =
        app.smtp.to("carla@groep.test").into_iter().filter(|m| m.data.contains("Terugkijken met Lars Lid")).collect();
    assert_eq!((to_lars.len(), to_carla.len()), (1, 1));
}
