//! The reflection cycle over HTTP: self-evaluation, colleague feedback,
//! group results from the minimum group size, preparation, plans, buddies
//! and accreditation.
//!
//! Over 500 lines: one area's tests share the cycle-building helpers here;
//! each test walks a cycle from its start because each step needs the last.

use kartrekker::questionnaires::ItemKind;

use kartrekker_testkit::*;

both_databases!(
    a_group_of_five_runs_the_feedback_part_of_a_cycle,
    anonymity_survives_late_answers_and_thresholds,
    cycles_stay_within_the_group,
    preparation_conversation_plan_and_accreditation,
    after_the_close_no_answer_is_taken,
    feedback_names_the_colleague_and_takes_cannot_judge,
    an_opleider_starts_a_cycle_and_the_leader_adds_a_late_member,
    a_cycle_uses_the_organisations_own_instrument,
    the_plan_starts_from_the_preparation_and_is_edited_in_place,
    accreditation_corrections_keep_every_value_and_say_whose,
    a_private_plan_stays_off_the_team_board,
);

/// Three more members in the organisation's team: a group of five. The
/// tests here are about the cycle, not the organisation's minimum: they
/// run at the lowest one allowed, 3 (tests/app/anonymity.rs checks 5).
pub(crate) async fn group_of_five(app: &TestApp, o: &Org) -> Vec<String> {
    min_group_size(app, &o.admin, 3).await;
    let mut emails = vec![o.leader.clone(), o.member.clone()];
    emails.extend(more_members(app, o, &["Carla", "Dirk", "Eva"], "groep.test").await.into_iter().map(|(e, _)| e));
    emails
}

pub(crate) async fn start_cycle(app: &TestApp, o: &Org, leader: &Client, min_raters: &str) -> String {
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
pub(crate) async fn answer(c: &Client, cycle: &str, button: &str, value: i64, words: &str) {
    answer_with(c, cycle, button, &value.to_string(), words).await
}

/// As `answer`, with any value for the scale questions ("cannot-judge").
async fn answer_with(c: &Client, cycle: &str, button: &str, value: &str, words: &str) {
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
    bad.assert_has("Vul een aantal in van minstens de minimale groepsgrootte");
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
    assert_eq!(clients[4].post(&format!("{opened}?section=1"), &form).await.status, 409, "too late");
    let after = lars.get(&format!("{cycle}/results")).await;
    assert_eq!(
        before.body.replace(&before.input_value("csrf").unwrap_or_default(), ""),
        after.body.replace(&after.input_value("csrf").unwrap_or_default(), ""),
        "the frozen set does not change"
    );
    // The group page needs three self-evaluations; a late one is not taken.
    clients[0].get(&cycle).await;
    assert_eq!(clients[0].post(&format!("{cycle}/self"), &[]).await.status, 409);
    let g = lars.get(&format!("{cycle}/group")).await;
    g.assert_has("Te weinig zelfevaluaties om groepsresultaten te tonen: daarvoor zijn er minstens 3 nodig");
}

async fn cycles_stay_within_the_group(app: TestApp) {
    let a = org(&app, "Groepziekenhuis").await;
    let b = org(&app, "Buitengroep").await;
    min_group_size(&app, &a.admin, 3).await;
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
    mine.assert_has("<td data-label=\"Totaal minuten\">285</td><td data-label=\"Punten\">4,75</td>");
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
    let (status, _, bytes) = leader.get_bytes(&format!("{cycle}/accreditation.xlsx")).await;
    assert_eq!(status, 200);
    let (rows, filtered) = xlsx_sheet(bytes);
    assert!(filtered);
    use calamine::Data::{Float, String as Text};
    let lars_row = rows.iter().find(|r| r[0] == Text("Lars Lid".into())).expect("Lars's row");
    assert_eq!(lars_row[1..], [Float(30.0), Float(45.0), Float(180.0), Float(30.0), Float(285.0), Float(4.75)]);
    assert_eq!(lars.get_bytes(&format!("{cycle}/accreditation.xlsx")).await.0, 403);

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
    // The buddy's reminder leads to the view of Lars's plan that she may open.
    let lars_id = actor(&app, &o.member).await.id();
    let buddy_page = format!("{}{cycle}/plans/{lars_id}", app.base);
    assert_eq!(to_carla[0].link(&buddy_page).as_deref(), Some(&buddy_page[..]), "{}", to_carla[0].data);
    let carla = Client::logged_in(&app, "carla@groep.test").await;
    assert_eq!(carla.get(&format!("{cycle}/plans/{lars_id}")).await.status, 200);
}

/// Everyone's person id, in the order of `emails`.
async fn ids_of(app: &TestApp, emails: &[String]) -> Vec<String> {
    let mut ids = Vec::new();
    for e in emails {
        ids.push(actor(app, e).await.id().to_string());
    }
    ids
}

async fn after_the_close_no_answer_is_taken(app: TestApp) {
    let o = org(&app, "Sluitziekenhuis").await;
    let emails = group_of_five(&app, &o).await;
    let ids = ids_of(&app, &emails).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let cycle = start_cycle(&app, &o, &leader, "3").await;
    let lars = Client::logged_in(&app, &o.member).await;
    let carla = Client::logged_in(&app, "carla@groep.test").await;
    lars.get(&cycle).await;
    assert_eq!(lars.post(&format!("{cycle}/requests"), &[("raters", &ids[2])]).await.status, 303);
    // Both open their questionnaire before the close and want to answer after it.
    let own = lars.post(&format!("{cycle}/self"), &[]).await.location.unwrap();
    carla.get(&cycle).await;
    let about = carla.post(&format!("{cycle}/feedback/{}", ids[1]), &[]).await.location.unwrap();
    leader.get(&cycle).await;
    assert_eq!(leader.post(&format!("{cycle}/close"), &[]).await.status, 303);

    let page = lars.get(&own).await;
    page.assert_has("De feedback van deze cyclus is gesloten");
    assert!(!page.has("name=\"go\""), "no form to fill in");
    for (c, path) in [(&lars, &own), (&carla, &about)] {
        let late = c.post(&format!("{path}?section=1"), &[("q-roeping-zin", "4"), ("go", "save")]).await;
        assert_eq!(late.status, 409, "{}", late.body);
        late.assert_has("De feedback is gesloten.");
        let done = c.post(&format!("{path}?section=1"), &[("go", "submit")]).await;
        assert_eq!(done.status, 409);
    }
    assert_eq!(count(&app, "answers").await, 0, "nothing is stored after the close");
    let submitted: i64 = kartrekker::db::query_scalar("SELECT COUNT(*) FROM responses WHERE status = 'submitted'")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(submitted, 0);
    // Starting a self-evaluation after the close is refused on the cycle page.
    let dirk = Client::logged_in(&app, "dirk@groep.test").await;
    dirk.get(&cycle).await.assert_has("De feedback is gesloten.");
    let refused = dirk.post(&format!("{cycle}/self"), &[]).await;
    assert_eq!(refused.status, 409);
    refused.assert_has("href=\"#f-self\"");
    assert_eq!(count(&app, "responses").await, 2, "no new response");
}

async fn feedback_names_the_colleague_and_takes_cannot_judge(app: TestApp) {
    let o = org(&app, "Beoordeelziekenhuis").await;
    let emails = group_of_five(&app, &o).await;
    let ids = ids_of(&app, &emails).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let cycle = start_cycle(&app, &o, &leader, "3").await;
    let mut clients = Vec::new();
    for e in &emails {
        clients.push(Client::logged_in(&app, e).await);
    }
    let lars = &clients[1];
    lars.get(&cycle).await;
    let asked: Vec<(&str, &str)> = [0, 2, 3, 4].iter().map(|i| ("raters", ids[*i].as_str())).collect();
    assert_eq!(lars.post(&format!("{cycle}/requests"), &asked).await.status, 303);

    // The form says whom it is about and offers "cannot judge" per statement.
    clients[2].get(&cycle).await;
    let form = clients[2].post(&format!("{cycle}/feedback/{}", ids[1]), &[]).await.location.unwrap();
    let page = clients[2].get(&form).await;
    page.assert_has("Feedback over Lars Lid");
    page.assert_has("value=\"cannot-judge\"");
    page.assert_has("Kan ik niet beoordelen");
    // The self-evaluation does not offer it, and refuses it.
    let own = lars.post(&format!("{cycle}/self"), &[]).await.location.unwrap();
    let own_page = lars.get(&own).await;
    assert!(!own_page.has("cannot-judge") && !own_page.has("Feedback over"));
    let wrong = lars.post(&format!("{own}?section=1"), &[("q-roeping-zin", "cannot-judge"), ("go", "save")]).await;
    assert_eq!(wrong.status, 422);
    wrong.assert_has("Kies een van de antwoorden.");

    for i in [0, 2, 3] {
        answer(&clients[i], &cycle, &format!("feedback/{}", ids[1]), 4, "prima").await;
    }
    // Eva cannot judge any statement: stored, and counted as such.
    answer_with(&clients[4], &cycle, &format!("feedback/{}", ids[1]), "cannot-judge", "prima").await;
    leader.get(&cycle).await;
    leader.post(&format!("{cycle}/close"), &[]).await;
    let results = lars.get(&format!("{cycle}/results")).await;
    results.assert_has("Gebaseerd op 4 collega&#39;s.");
    results.assert_has("<th scope=\"col\">Kan ik niet beoordelen</th>");
    // Three real 4s: the average stays 4,0; Eva's answer is counted, not averaged.
    let (colleagues, unsure) =
        ("<td data-label=\"Collega&#39;s (gemiddeld)\">", "<td data-label=\"Kan ik niet beoordelen\">");
    assert!(results.has(&format!("{colleagues}4,0</td>{unsure}1</td>")), "{}", results.body);
    results.assert_has(&format!("<th scope=\"row\">Roeping</th><td data-label=\"Zelf\">–</td>{colleagues}4,0</td>"));
}

async fn an_opleider_starts_a_cycle_and_the_leader_adds_a_late_member(app: TestApp) {
    let o = org(&app, "Opleidziekenhuis").await;
    min_group_size(&app, &o.admin, 3).await;
    let admin = actor(&app, &o.admin).await;
    let opleider = app.k.create_person(&admin, "Olga Opleider", "olga@opleid.test", "arts", &[]).await.unwrap();
    app.k.add_member(&admin, o.team_id, &opleider.to_string(), "opleider").await.unwrap();
    activate(&app, "olga@opleid.test").await;
    let olga = Client::logged_in(&app, "olga@opleid.test").await;
    olga.get(&format!("/teams/{}/reflection", o.team_id)).await.assert_has("Een cyclus starten");
    let cycle = start_cycle(&app, &o, &olga, "3").await;
    assert_eq!(count(&app, "reflection_participants").await, 3);

    // A member who joins after the start.
    let late = app.k.create_person(&admin, "Laura Laat", "laura@opleid.test", "arts", &[]).await.unwrap();
    app.k.add_member(&admin, o.team_id, &late.to_string(), "member").await.unwrap();
    activate(&app, "laura@opleid.test").await;
    let laura = Client::logged_in(&app, "laura@opleid.test").await;
    assert_eq!(laura.get(&cycle).await.status, 404, "not in the cycle yet");
    // A participant cannot add anyone.
    let lars = Client::logged_in(&app, &o.member).await;
    lars.get(&cycle).await;
    let late_id = late.to_string();
    assert_eq!(lars.post(&format!("{cycle}/participants"), &[("person", &late_id)]).await.status, 403);
    // The leader sees who can be added; someone outside the team or already in is refused.
    let page = olga.get(&cycle).await;
    page.assert_has("Teamlid toevoegen aan de cyclus");
    page.assert_has(&format!("<option value=\"{late}\">Laura Laat</option>"));
    let member_id = o.member_id.to_string();
    for wrong in ["999999", member_id.as_str()] {
        let p = olga.post(&format!("{cycle}/participants"), &[("person", wrong)]).await;
        assert_eq!(p.status, 422, "{wrong}");
        p.assert_has("Kies een teamlid dat nog niet meedoet.");
    }
    assert_eq!(count(&app, "reflection_participants").await, 3, "nothing added");
    let added = olga.post(&format!("{cycle}/participants"), &[("person", &late_id)]).await;
    assert_eq!(added.status, 303, "{}", added.body);
    assert_eq!(count(&app, "reflection_participants").await, 4);
    laura.get(&cycle).await.assert_has("Zelfevaluatie invullen");
    let audited: i64 =
        kartrekker::db::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'reflection_participant_added'")
            .fetch_one(&app.k.db)
            .await
            .unwrap();
    assert_eq!(audited, 1);
    assert!(!olga.get(&cycle).await.has("Laura Laat</option>"), "no longer offered");
}

const OWN_INSTRUMENT: &str = r#"id = "eigen-reflectie"
version = 1
title = { nl = "Eigen reflectie", en = "Own reflection" }

[scales.agree]
points = [
  { value = 1, nl = "Oneens", en = "Disagree" },
  { value = 2, nl = "Eens", en = "Agree" },
]

[[sections]]
id = "samen"
title = { nl = "Samen", en = "Together" }

[[sections.items]]
id = "samen-1"
type = "likert"
scale = "agree"
text = { nl = "Wij helpen elkaar", en = "We help each other" }
"#;

async fn a_cycle_uses_the_organisations_own_instrument(app: TestApp) {
    let o = org(&app, "Instrumentziekenhuis").await;
    let other = org(&app, "Anderziekenhuis").await;
    min_group_size(&app, &o.admin, 3).await;
    let admin = Client::logged_in(&app, &o.admin).await;
    admin.get("/admin/instruments").await;
    // A built-in id is refused, with the form kept.
    let taken = OWN_INSTRUMENT.replace("eigen-reflectie", "roeping-collegialiteit");
    let p = admin.post("/admin/instruments", &[("source", &taken)]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Deze id is van een ingebouwde vragenlijst");
    assert_eq!(count(&app, "instruments").await, 3, "the three shipped instruments, nothing added");
    assert_eq!(admin.post("/admin/instruments", &[("source", OWN_INSTRUMENT)]).await.status, 303);
    let other_admin = Client::logged_in(&app, &other.admin).await;
    other_admin.get("/admin/instruments").await;
    let theirs_src = OWN_INSTRUMENT.replace("Eigen reflectie", "Hun reflectie");
    assert_eq!(other_admin.post("/admin/instruments", &[("source", &theirs_src)]).await.status, 303);
    let find = async |email: &str| {
        let a = actor(&app, email).await;
        app.k.instruments(&a).await.unwrap().into_iter().find(|i| i.org_id.is_some()).unwrap().id.to_string()
    };
    let (ours, theirs) = (find(&o.admin).await, find(&other.admin).await);

    let leader = Client::logged_in(&app, &o.leader).await;
    let path = format!("/teams/{}/reflection", o.team_id);
    let form = leader.get(&path).await;
    form.assert_has(&format!("<option value=\"{ours}\">Eigen reflectie</option>"));
    assert!(!form.has("Hun reflectie"), "another organisation's instrument is not offered");
    let d = |n| app.k.today().add_days(n).to_string();
    let start = async |instrument: &str| {
        let fields = [
            ("title", "Eigen cyclus".to_string()),
            ("self_date", d(7)),
            ("preparation_date", d(14)),
            ("conversation_date", d(21)),
            ("plan_date", d(28)),
            ("min_raters", "3".to_string()),
            ("instrument", instrument.to_string()),
        ];
        let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        leader.post(&path, &form).await
    };
    let refused = start(&theirs).await;
    assert_eq!(refused.status, 422);
    refused.assert_has("Kies een vragenlijst uit de lijst.");
    assert_eq!(refused.input_value("title").as_deref(), Some("Eigen cyclus"));
    assert_eq!(count(&app, "reflection_cycles").await, 0);
    let started = start(&ours).await;
    assert_eq!(started.status, 303, "{}", started.body);
    let cycle = started.location.unwrap().split('?').next().unwrap().to_string();
    // Self-evaluation and colleague feedback both use the organisation's instrument.
    let lars = Client::logged_in(&app, &o.member).await;
    lars.get(&cycle).await;
    let own = lars.post(&format!("{cycle}/self"), &[]).await.location.unwrap();
    lars.get(&own).await.assert_has("<legend>Wij helpen elkaar</legend>");
    lars.get(&cycle).await;
    let leader_id = actor(&app, &o.leader).await.id().to_string();
    lars.post(&format!("{cycle}/requests"), &[("raters", &leader_id)]).await;
    leader.get(&cycle).await;
    let about = leader.post(&format!("{cycle}/feedback/{}", o.member_id), &[]).await.location.unwrap();
    let page = leader.get(&about).await;
    page.assert_has("<legend>Wij helpen elkaar</legend>");
    page.assert_has("Feedback over Lars Lid");
}

async fn the_plan_starts_from_the_preparation_and_is_edited_in_place(app: TestApp) {
    let o = org(&app, "Planziekenhuis").await;
    let emails = group_of_five(&app, &o).await;
    let ids = ids_of(&app, &emails).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let cycle = start_cycle(&app, &o, &leader, "3").await;
    let lars = Client::logged_in(&app, &o.member).await;
    lars.get(&format!("{cycle}/preparation")).await;
    let intended = "- Vaker nee zeggen\n\n- Meer onderwijs geven\n";
    let p = lars.post(&format!("{cycle}/preparation"), &[("intended_actions", intended), ("go", "save")]).await;
    assert_eq!(p.status, 303);
    let plan = lars.get(&format!("{cycle}/plan")).await;
    assert_eq!(plan.input_value("title-1").as_deref(), Some("Vaker nee zeggen"));
    assert_eq!(plan.input_value("title-2").as_deref(), Some("Meer onderwijs geven"));
    assert_eq!(plan.input_value("title-3").as_deref(), Some(""));

    let follow = app.k.today().add_days(60).to_string();
    let due = app.k.today().add_days(30).to_string();
    let first = lars
        .post(
            &format!("{cycle}/plan"),
            &[
                ("action-1", ""),
                ("title-1", "Vaker nee zeggen"),
                ("goal-1", "Energie houden"),
                ("due_date-1", &due),
                ("action-2", ""),
                ("title-2", "Meer onderwijs geven"),
                ("goal-2", "Jonge collega's leren"),
                ("safeguarding", "Maandelijks met Carla"),
                ("buddy", &ids[2]),
                ("follow_up", &follow),
            ],
        )
        .await;
    assert_eq!(first.status, 303, "{}", first.body);
    assert_eq!(count(&app, "actions").await, 2);

    // The plan page shows the stored plan, and saving again changes it.
    let plan = lars.get(&format!("{cycle}/plan")).await;
    let a1 = plan.input_value("action-1").unwrap();
    let a2 = plan.input_value("action-2").unwrap();
    assert!(!a1.is_empty() && !a2.is_empty());
    assert_eq!(plan.input_value("goal-2").as_deref(), Some("Jonge collega&#39;s leren"));
    assert_eq!(plan.input_value("due_date-1").as_deref(), Some(due.as_str()));
    plan.assert_has(">Maandelijks met Carla</textarea>");
    let edited = [
        ("action-1", a1.as_str()),
        ("title-1", "Nee zeggen tegen extra diensten"),
        ("goal-1", "Energie houden"),
        ("due_date-1", due.as_str()),
        ("action-2", a2.as_str()),
        ("title-2", "Meer onderwijs geven"),
        ("goal-2", "Jonge collega's leren"),
        ("safeguarding", "Maandelijks met Carla"),
        ("buddy", ids[2].as_str()),
        ("follow_up", follow.as_str()),
    ];
    assert_eq!(lars.post(&format!("{cycle}/plan"), &edited).await.status, 303);
    assert_eq!(count(&app, "actions").await, 2, "edited, not added");
    let board = lars.get(&format!("/teams/{}/actions?origin=reflection_plan", o.team_id)).await;
    board.assert_has("Nee zeggen tegen extra diensten");
    assert!(!board.has(">Vaker nee zeggen<"), "the old title is gone");

    // Emptying a stored action's title is refused like any title; nothing changes.
    let mut emptied = edited;
    emptied[1] = ("title-1", "");
    let bad = lars.post(&format!("{cycle}/plan"), &emptied).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("href=\"#f-title-1\"");
    // Someone else's action cannot be slipped into the plan.
    let carla = Client::logged_in(&app, "carla@groep.test").await;
    carla.get(&format!("{cycle}/plan")).await;
    let mut foreign = edited;
    foreign[8] = ("buddy", ids[1].as_str());
    let taken = carla.post(&format!("{cycle}/plan"), &foreign).await;
    assert_eq!(taken.status, 422);
    taken.assert_has("Het formulier is veranderd");
    assert_eq!(count(&app, "actions").await, 2);
    lars.get(&format!("/teams/{}/actions?origin=reflection_plan", o.team_id))
        .await
        .assert_has("Nee zeggen tegen extra diensten");
}

async fn accreditation_corrections_keep_every_value_and_say_whose(app: TestApp) {
    let o = org(&app, "Correctieziekenhuis").await;
    let emails = group_of_five(&app, &o).await;
    let ids = ids_of(&app, &emails).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let cycle = start_cycle(&app, &o, &leader, "3").await;
    // The leader corrects once the feedback is closed (before, the minutes
    // would show who submitted).
    leader.get(&cycle).await;
    leader.post(&format!("{cycle}/close"), &[]).await;
    leader.get(&format!("{cycle}/accreditation")).await;
    let (carla_prep, dirk_plan, eva_conv) = (
        format!("m-{}-preparation", ids[2]),
        format!("m-{}-action_plan", ids[3]),
        format!("m-{}-conversation", ids[4]),
    );
    let bad = leader
        .post(&format!("{cycle}/accreditation"), &[(&carla_prep, "veel"), (&dirk_plan, "700"), (&eva_conv, "180")])
        .await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Carla Specialist, Voorbereiding van het groepsgesprek: Vul een aantal minuten in tussen 0 en 600.");
    bad.assert_has("Dirk Specialist, Persoonlijk actieplan: Vul een aantal minuten in tussen 0 en 600.");
    assert_eq!(bad.input_value(&carla_prep).as_deref(), Some("veel"));
    assert_eq!(bad.input_value(&dirk_plan).as_deref(), Some("700"));
    assert_eq!(bad.input_value(&eva_conv).as_deref(), Some("180"), "the right value is kept as typed too");
    bad.assert_has(&format!("href=\"#{carla_prep}\""));
    assert_eq!(count(&app, "reflection_minutes").await, 0, "nothing saved");
    // Only the leader corrects.
    let lars = Client::logged_in(&app, &o.member).await;
    lars.get(&format!("{cycle}/accreditation")).await;
    assert_eq!(lars.post(&format!("{cycle}/accreditation"), &[(&eva_conv, "180")]).await.status, 403);
    let ok = leader.post(&format!("{cycle}/accreditation"), &[(&carla_prep, "45"), (&eva_conv, "180")]).await;
    assert_eq!(ok.status, 303);
    assert_eq!(count(&app, "reflection_minutes").await, 2);
}

async fn a_private_plan_stays_off_the_team_board(app: TestApp) {
    let o = org(&app, "Priveziekenhuis").await;
    let emails = group_of_five(&app, &o).await;
    let ids = ids_of(&app, &emails).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let cycle = start_cycle(&app, &o, &leader, "3").await;
    let lars = Client::logged_in(&app, &o.member).await;
    lars.get(&format!("{cycle}/plan")).await;
    let follow = app.k.today().add_days(60).to_string();
    let due = app.k.today().add_days(5).to_string();
    let plan = |private: &'static str, action: String| {
        vec![
            ("action-1", action),
            ("title-1", "Eerder naar huis".to_string()),
            ("goal-1", "Uitgerust werken".to_string()),
            ("due_date-1", due.clone()),
            ("safeguarding", "Met Carla".to_string()),
            ("buddy", ids[2].clone()),
            ("follow_up", follow.clone()),
            ("private", private.to_string()),
        ]
    };
    let fields = plan("yes", String::new());
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(lars.post(&format!("{cycle}/plan"), &form).await.status, 303);
    let page = lars.get(&format!("{cycle}/plan")).await;
    page.assert_has("name=\"private\" value=\"yes\" checked");
    let action = page.input_value("action-1").unwrap();

    // Lars has it on his home and may open it; the team does not see it.
    assert!(lars.get("/").await.has("Eerder naar huis"), "Lars pulls it");
    assert_eq!(lars.get(&format!("/actions/{action}")).await.status, 200);
    let board = format!("/teams/{}/actions", o.team_id);
    for who in [&leader, &Client::logged_in(&app, "carla@groep.test").await] {
        assert!(!who.get(&board).await.has("Eerder naar huis"), "not on the board");
        assert!(!who.get(&format!("{board}.csv")).await.has("Eerder naar huis"), "not in the export");
        assert_eq!(who.get(&format!("/actions/{action}")).await.status, 404);
    }
    // Past its date, it is not counted among the team's overdue actions either.
    app.clock.advance_ms(10 * kartrekker::clock::DAY_MS);
    let (lars, leader) = (Client::logged_in(&app, &o.member).await, Client::logged_in(&app, &o.leader).await);
    assert!(lars.get("/").await.has("Eerder naar huis"));
    assert!(!leader.get("/").await.has("over de datum"), "the team leader's count leaves it out");
    // Made public again: on the board, the same action.
    lars.get(&format!("{cycle}/plan")).await;
    let fields = plan("", action.clone());
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(lars.post(&format!("{cycle}/plan"), &form).await.status, 303);
    assert!(leader.get(&board).await.has("Eerder naar huis"));
    assert_eq!(leader.get(&format!("/actions/{action}")).await.status, 200);
    assert_eq!(count(&app, "actions").await, 1);
}
