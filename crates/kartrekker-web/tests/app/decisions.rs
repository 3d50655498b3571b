use kartrekker::clock::DAY_MS;

use kartrekker_testkit::*;

both_databases!(
    a_decision_walks_the_five_steps,
    bad_input_keeps_the_form_and_writes_nothing,
    only_the_team_sees_and_only_its_leaders_decide,
    the_fairness_result_shows_only_from_the_minimum_group_size,
    the_demo_hospital_shows_a_decided_record_with_its_fairness_result,
    the_home_page_asks_for_input_then_for_the_fairness_answer,
    a_due_review_tells_the_leaders_once_and_waits_on_their_home_until_reviewed,
    a_revision_ends_the_review_that_was_due,
);

fn day(app: &TestApp, n: i64) -> String {
    app.k.today().add_days(n).to_string()
}

/// The team leader starts a decision record; returns its path.
async fn start(app: &TestApp, o: &Org, leader: &Client, title: &str) -> String {
    leader.get(&format!("/teams/{}/decisions/new", o.team_id)).await;
    let p = leader
        .post(
            &format!("/teams/{}/decisions", o.team_id),
            &[
                ("title", title),
                ("problem", "De overdracht in de avond loopt uit: de late dienst gaat 20 minuten te laat naar huis."),
                ("input_deadline", &day(app, 7)),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    p.location.unwrap().split('?').next().unwrap().to_string()
}

async fn decide(app: &TestApp, c: &Client, path: &str, choice: &str) -> Page {
    c.get(path).await;
    c.post(
        &format!("{path}/decide"),
        &[
            ("choice", choice),
            ("reasons", "Bedside is korter en de patiënt hoort wat er speelt."),
            ("consequences", "Verpleegkundigen van de late en de nachtdienst lopen samen de kamers langs."),
            ("expectations", "Iedereen is om 22.45 uur op de afdeling."),
            ("review_date", &day(app, 60)),
        ],
    )
    .await
}

async fn option(c: &Client, path: &str, title: &str) -> Page {
    c.get(path).await;
    c.post(
        &format!("{path}/options"),
        &[
            ("option_title", title),
            ("pros", "Sneller"),
            ("cons", "Minder overzicht"),
            ("interests", "Patiëntveiligheid, op tijd naar huis"),
        ],
    )
    .await
}

async fn a_decision_walks_the_five_steps(app: TestApp) {
    let o = org(&app, "Besluitziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start(&app, &o, &leader, "Overdracht avonddienst").await;
    let page = leader.get(&format!("{path}?notice=notice-decision-started")).await;
    page.assert_has("Het besluit is gestart; het team is om inbreng gevraagd.");
    page.assert_has("aria-current=\"step\"><span class=\"step-number\">1</span> Engageren");
    page.assert_has("0 van de 2 teamleden droegen bij.");
    // The member is asked for input by e-mail, naming the team and the deadline; the leader is not.
    app.k.run_due_jobs().await.unwrap();
    let asked: Vec<_> = app.smtp.to(&o.member).into_iter().filter(|m| m.data.contains("Je inbreng gevraagd")).collect();
    assert_eq!(asked.len(), 1);
    assert!(asked[0].data.contains("Interne B3") && asked[0].data.contains(path.as_str()));
    assert!(!app.smtp.to(&o.leader).iter().any(|m| m.data.contains("Je inbreng gevraagd")));

    // Engage: the member gives input, and changes it before the deadline.
    let member = Client::logged_in(&app, &o.member).await;
    member.get(&path).await;
    let given =
        member.post(&format!("{path}/input"), &[("contribution", "Het overdrachtsformulier is te lang.")]).await;
    assert_eq!(given.status, 303, "{}", given.body);
    let changed = member
        .post(&format!("{path}/input"), &[("contribution", "Het formulier is te lang en de nacht komt te laat.")])
        .await;
    assert_eq!(changed.status, 303);
    let page = member.get(&path).await;
    page.assert_has("Het formulier is te lang en de nacht komt te laat.");
    assert!(!page.has("Het overdrachtsformulier is te lang."), "the change replaced the first input");
    page.assert_has("1 van de 2 teamleden droegen bij.");
    assert_eq!(count(&app, "decision_inputs").await, 1);

    // Explore: options with pros, cons and interests, by anyone in the team.
    assert_eq!(option(&member, &path, "Bedside overdracht").await.status, 303);
    assert_eq!(option(&leader, &path, "Kortere SBAR-overdracht").await.status, 303);
    let twice = option(&leader, &path, "Kortere SBAR-overdracht").await;
    assert_eq!(twice.status, 422);
    twice.assert_has("Er is al een optie met deze naam.");

    // The deadline passes: input closes, the record waits for the decision.
    app.clock.advance_ms(8 * DAY_MS);
    // (A week later: both log in again.)
    let (leader, member) = (Client::logged_in(&app, &o.leader).await, Client::logged_in(&app, &o.member).await);
    member.get(&path).await;
    let late = member.post(&format!("{path}/input"), &[("contribution", "Nog iets")]).await;
    assert_eq!(late.status, 422);
    late.assert_has("De inbreng is gesloten.");
    let page = leader.get(&path).await;
    page.assert_has("aria-current=\"step\"><span class=\"step-number\">3</span> Besluiten");

    // Decide: only a leader.
    let refused = decide(&app, &member, &path, "Bedside").await;
    assert_eq!(refused.status, 403);
    let decided = decide(&app, &leader, &path, "Bedside overdracht vanaf 1 januari").await;
    assert_eq!(decided.status, 303, "{}", decided.body);
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(app.smtp.to(&o.member).iter().filter(|m| m.data.contains("Besluit genomen")).count(), 1, "told once");
    let page = leader.get(&path).await;
    page.assert_has("Besloten door Lieke Leider");
    page.assert_has("Bedside overdracht vanaf 1 januari");
    page.assert_has("2 opties gewogen; redenen geschreven.");
    page.assert_has("Besloten na de inbreng van het team.");
    page.assert_has("aria-current=\"step\"><span class=\"step-number\">4</span> Uitvoeren");

    // Execute: an action in the register with origin "Besluit", on the board.
    member.get(&path).await;
    let added = member
        .post(
            &format!("{path}/actions"),
            &[
                ("title", "Kamerlijst voor bedside overdracht"),
                ("goal", "Elke kamer in 3 minuten"),
                ("kartrekker", &o.member_id.to_string()),
                ("due_date", &day(&app, 14)),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let board = leader.get(&format!("/teams/{}/actions?origin=decision", o.team_id)).await;
    board.assert_has("Kamerlijst voor bedside overdracht");
    let page = leader.get(&path).await;
    page.assert_has("Kamerlijst voor bedside overdracht");
    page.assert_has("aria-current=\"step\"><span class=\"step-number\">5</span> Evalueren");
    let action_id: i64 = kartrekker::db::query_scalar("SELECT id FROM actions WHERE origin_kind = 'decision'")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    let action = leader.get(&format!("/actions/{action_id}")).await;
    action.assert_has(&format!("<a href=\"{path}\">Besluit</a>"));

    // Evaluate: revised with a reason; the history keeps who, when and why.
    leader.get(&path).await;
    let no_reason = leader
        .post(
            &format!("{path}/revise"),
            &[
                ("choice", "Bedside overdracht, behalve in het weekend"),
                ("reasons", "x"),
                ("consequences", "x"),
                ("expectations", "x"),
                ("review_date", &day(&app, 60)),
            ],
        )
        .await;
    assert_eq!(no_reason.status, 422);
    no_reason.assert_has("Schrijf waarom het besluit wordt herzien.");
    no_reason.assert_has("Bedside overdracht, behalve in het weekend");
    let revised = leader
        .post(
            &format!("{path}/revise"),
            &[
                ("reason", "In het weekend is er één verpleegkundige minder."),
                ("choice", "Bedside overdracht, behalve in het weekend"),
                ("reasons", "Bedside is korter."),
                ("consequences", "Weekenddiensten houden de overdracht op de post."),
                ("expectations", "Iedereen is om 22.45 uur op de afdeling."),
                ("review_date", &day(&app, 90)),
            ],
        )
        .await;
    assert_eq!(revised.status, 303, "{}", revised.body);
    let page = member.get(&path).await;
    page.assert_has("In het weekend is er één verpleegkundige minder.");
    page.assert_has("<td data-label=\"Was\">Bedside overdracht vanaf 1 januari</td>");
    page.assert_has("<td data-label=\"Wie\">Lieke Leider</td>");
    page.assert_has("1 herziening, met reden.");
    assert_eq!(count(&app, "decision_revisions").await, 1);

    // The team's list, and the record in English.
    let en = Client::with_language(&app, Some("en"));
    en.login(&o.member, PASSWORD).await;
    let list = en.get(&format!("/teams/{}/decisions", o.team_id)).await;
    list.assert_has("Decisions of Interne B3");
    list.assert_has("Overdracht avonddienst");
    let page = en.get(&path).await;
    page.assert_has("Five characteristics of a fair process");
    page.assert_has("1 of 2 team members contributed.");
}

async fn bad_input_keeps_the_form_and_writes_nothing(app: TestApp) {
    let o = org(&app, "Foutbesluitziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    leader.get(&format!("/teams/{}/decisions/new", o.team_id)).await;
    let p = leader
        .post(
            &format!("/teams/{}/decisions", o.team_id),
            &[("title", "  "), ("problem", "Te veel piepers in de nacht"), ("input_deadline", &day(&app, -1))],
        )
        .await;
    assert_eq!(p.status, 422);
    p.assert_has("Schrijf waarover het besluit gaat.");
    p.assert_has("Deze datum is al voorbij.");
    p.assert_has("Te veel piepers in de nacht");
    assert_eq!(count(&app, "decisions").await, 0);

    let path = start(&app, &o, &leader, "Piepers").await;
    let bad = decide(&app, &leader, &path, "").await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Schrijf de keuze.");
    bad.assert_has("Bedside is korter en de patiënt hoort wat er speelt.");
    let empty = option(&leader, &path, " ").await;
    assert_eq!(empty.status, 422);
    empty.assert_has("Geef de optie een naam.");
    empty.assert_has("Patiëntveiligheid, op tijd naar huis");
    assert_eq!(count(&app, "decision_options").await, 0);

    // Not decided yet: no fairness answer.
    let member = Client::logged_in(&app, &o.member).await;
    let page = member.get(&path).await;
    page.assert_has("De leider heeft nog niet besloten.");
    let early = member.post(&format!("{path}/fairness"), &[("score", "4")]).await;
    assert_eq!(early.status, 422);
    early.assert_has("Er is nog niet besloten.");
    assert_eq!(count(&app, "decision_fairness_marks").await, 0);

    assert_eq!(decide(&app, &leader, &path, "Piepers naar de regieverpleegkundige").await.status, 303);
    member.get(&path).await;
    let no_score = member.post(&format!("{path}/fairness"), &[("score", "9"), ("comment", "Snel gegaan")]).await;
    assert_eq!(no_score.status, 422);
    no_score.assert_has("Kies een score van 1 tot 5.");
    no_score.assert_has("Snel gegaan");
    assert_eq!(count(&app, "decision_fairness_marks").await, 0);
    assert_eq!(count(&app, "decision_fairness_answers").await, 0);
}

async fn only_the_team_sees_and_only_its_leaders_decide(app: TestApp) {
    let t = trajectory_org(&app, "Rechtenziekenhuis").await;
    let o = &t.o;
    let other = org(&app, "Buurziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start(&app, o, &leader, "Dienstrooster").await;

    // A member may not start a decision record.
    let member = Client::logged_in(&app, &o.member).await;
    assert_eq!(member.get(&format!("/teams/{}/decisions/new", o.team_id)).await.status, 403);
    let list = member.get(&format!("/teams/{}/decisions", o.team_id)).await;
    list.assert_has("Dienstrooster");
    assert!(!list.has("Nieuw besluit") && !list.has("Het verloop"), "no start button and no trend for a member");
    let refused = member
        .post(
            &format!("/teams/{}/decisions", o.team_id),
            &[("title", "Eigen besluit"), ("problem", "x"), ("input_deadline", &day(&app, 3))],
        )
        .await;
    assert_eq!(refused.status, 403);

    // Another organisation: the record and the team do not exist.
    let stranger = Client::logged_in(&app, &other.leader).await;
    assert_eq!(stranger.get(&path).await.status, 404);
    assert_eq!(stranger.get(&format!("/teams/{}/decisions", o.team_id)).await.status, 404);
    stranger.get("/").await;
    assert_eq!(stranger.post(&format!("{path}/input"), &[("contribution", "x")]).await.status, 404);

    // A program leader follows the record but does not take part in it.
    let pl = Client::logged_in(&app, &t.pl).await;
    let page = pl.get(&path).await;
    page.assert_has("Dienstrooster");
    assert!(!page.has("name=\"contribution\""), "no input form for someone outside the team");
    assert_eq!(pl.post(&format!("{path}/input"), &[("contribution", "Mijn mening")]).await.status, 403);
    assert_eq!(count(&app, "decision_inputs").await, 0);
    assert_eq!(count(&app, "decisions").await, 1);
}

async fn the_fairness_result_shows_only_from_the_minimum_group_size(app: TestApp) {
    let o = org(&app, "Eerlijkziekenhuis").await;
    min_group_size(&app, &o.admin, 3).await;
    let more = more_members(&app, &o, &["Anna", "Bram", "Chris"], "eerlijk.test").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start(&app, &o, &leader, "Pauzes").await;
    assert_eq!(decide(&app, &leader, &path, "Pauzes in twee groepen").await.status, 303);

    let mut answered: Vec<Client> = Vec::new();
    let people = std::iter::once(o.member.clone()).chain(more.iter().map(|(e, _)| e.clone()));
    for (i, email) in people.enumerate() {
        let c = Client::logged_in(&app, &email).await;
        c.get(&path).await.assert_has("Voelde het proces eerlijk?");
        let score = ["5", "4", "4", "2"][i];
        let p = c.post(&format!("{path}/fairness"), &[("score", score), ("comment", "")]).await;
        assert_eq!(p.status, 303, "{}", p.body);
        answered.push(c);
        // The leader did not answer: the result shows from three answers.
        assert_eq!(leader.get(&path).await.has("van 5 ("), i + 1 >= 3, "leader after {} answers", i + 1);
        // The first to answer never counts themself: three others are needed.
        assert_eq!(answered[0].get(&path).await.has("van 5 ("), i + 1 >= 4, "member after {} answers", i + 1);
    }
    // An answer is given once.
    let again = answered[0].post(&format!("{path}/fairness"), &[("score", "1")]).await;
    assert_eq!(again.status, 422);
    again.assert_has("U heeft deze vraag al beantwoord.");
    assert_eq!(count(&app, "decision_fairness_marks").await, 4);
    let page = leader.get(&path).await;
    page.assert_has("Gemiddeld 3,8 van 5 (4 antwoorden)");

    // The answers carry no person and no time, and random ids.
    let rows = kartrekker::db::query("SELECT * FROM decision_fairness_answers").fetch_all(&app.k.db).await.unwrap();
    assert_eq!(rows.len(), 4);
    for r in &rows {
        let id: i64 = r.get("id").unwrap();
        assert!(id >= 1 << 40, "a random id, not a counter: {id}");
        assert!(r.get::<i64>("person_id").is_err() && r.get::<i64>("created_at").is_err());
    }

    // The team's trend: for its leaders only.
    let list = leader.get(&format!("/teams/{}/decisions", o.team_id)).await;
    list.assert_has("Het verloop");
    list.assert_has("<td data-label=\"Gemiddeld\">3,8</td>");
}

async fn the_demo_hospital_shows_a_decided_record_with_its_fairness_result(app: TestApp) {
    assert!(app.k.seed_demo().await.unwrap());
    let b3: i64 = kartrekker::db::query_scalar("SELECT id FROM teams WHERE name = 'Interne B3'")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    let leader = Client::new(&app);
    assert_eq!(leader.login("teamleider@delinde.demo", kartrekker::demo::PASSWORD).await.status, 303);
    let list = leader.get(&format!("/teams/{b3}/decisions")).await;
    list.assert_has("Overdracht van late naar nachtdienst");
    list.assert_has("Het verloop");
    let id: i64 = kartrekker::db::query_scalar("SELECT id FROM decisions").fetch_one(&app.k.db).await.unwrap();
    let page = leader.get(&format!("/decisions/{id}")).await;
    page.assert_has("3 opties gewogen; redenen geschreven.");
    page.assert_has("Kamerlijst voor de bedside overdracht");
    page.assert_has("van 5 (");
    page.assert_has("Fijn dat onze inbreng echt gelezen is.");
}

async fn the_home_page_asks_for_input_then_for_the_fairness_answer(app: TestApp) {
    let o = org(&app, "Thuisbesluitziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start(&app, &o, &leader, "Pauzes").await;
    let member = Client::logged_in(&app, &o.member).await;
    let home = member.get("/").await;
    home.assert_has(&format!("<a href=\"{path}#engage\">Uw inbreng gevraagd: Pauzes</a>"));
    member.post(&format!("{path}/input"), &[("contribution", "Niemand neemt pauze")]).await;
    assert!(!member.get("/").await.has("Uw inbreng gevraagd"), "input given: no longer asked");
    assert_eq!(decide(&app, &leader, &path, "Pauzes in twee groepen").await.status, 303);
    member.get("/").await.assert_has(&format!("<a href=\"{path}#fairness\">Voelde het proces eerlijk? Pauzes</a>"));
    member.get(&path).await;
    member.post(&format!("{path}/fairness"), &[("score", "4")]).await;
    let home = member.get("/").await;
    home.assert_has("Besluit genomen: Pauzes");
    assert!(!home.has("Voelde het proces eerlijk? Pauzes"));
    // A stranger's home shows none of it.
    let other = org(&app, "Anderthuisziekenhuis").await;
    assert!(!Client::logged_in(&app, &other.member).await.get("/").await.has("Pauzes"));
    app.clock.advance_ms(15 * DAY_MS);
    assert!(!Client::logged_in(&app, &o.member).await.get("/").await.has("Pauzes"), "gone two weeks after");
}

/// Mails to `email` whose text holds `what`.
fn mails(app: &TestApp, email: &str, what: &str) -> usize {
    app.smtp.to(email).iter().filter(|m| m.data.contains(what)).count()
}

async fn a_due_review_tells_the_leaders_once_and_waits_on_their_home_until_reviewed(app: TestApp) {
    let o = org(&app, "Evaluatieziekenhuis").await;
    let admin = actor(&app, &o.admin).await;
    let mm = "mm@evaluatieziekenhuis.test";
    let mm_id = app.k.create_person(&admin, "Mira Manager", mm, "medisch specialist", &[]).await.unwrap();
    app.k.add_member(&admin, o.team_id, &mm_id.to_string(), "medical_manager").await.unwrap();
    activate(&app, mm).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start(&app, &o, &leader, "Pauzes").await;
    assert_eq!(decide(&app, &leader, &path, "Pauzes in twee groepen").await.status, 303);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(mails(&app, &o.leader, "Tijd om te evalueren"), 0, "not before the review date");

    // The review date (60 days on) comes: both leaders are told once, the member not.
    app.clock.advance_ms(60 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(mails(&app, &o.leader, "Tijd om te evalueren"), 1, "told once");
    assert_eq!(mails(&app, mm, "Tijd om te evalueren"), 1);
    assert_eq!(mails(&app, &o.member, "Tijd om te evalueren"), 0);
    let told = app.smtp.to(&o.leader).into_iter().find(|m| m.data.contains("Tijd om te evalueren")).unwrap();
    assert!(told.data.contains(&format!("{path}#evaluate")));

    // Until it is reviewed, it waits on the leaders' home page; not on the member's.
    let leader = Client::logged_in(&app, &o.leader).await;
    let member = Client::logged_in(&app, &o.member).await;
    leader.get("/").await.assert_has(&format!("<a href=\"{path}#evaluate\">Evalueer het besluit: Pauzes</a>"));
    assert!(!member.get("/").await.has("Evalueer het besluit"));
    leader.get(&path).await.assert_has("De evaluatiedatum is gekomen");

    // Only a leader reviews; bad input keeps the form and writes nothing.
    member.get(&path).await;
    let refused = member.post(&format!("{path}/review"), &[("note", "Werkt"), ("next_review", "")]).await;
    assert_eq!(refused.status, 403);
    leader.get(&path).await;
    let today = day(&app, 0);
    let bad = leader.post(&format!("{path}/review"), &[("note", " "), ("next_review", today.as_str())]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Schrijf wat de evaluatie liet zien.");
    bad.assert_has("Kies een datum na vandaag.");
    bad.assert_has(&format!("value=\"{today}\""));
    assert_eq!(count(&app, "decision_reviews").await, 0);

    // Reviewed: the decision stands, the review is in its history, the next date set.
    let next = day(&app, 90);
    let done = leader
        .post(
            &format!("{path}/review"),
            &[("note", "Iedereen heeft nu pauze; de tweede groep start om 12.30 uur."), ("next_review", &next)],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let page = leader.get(&path).await;
    page.assert_has("Iedereen heeft nu pauze; de tweede groep start om 12.30 uur.");
    page.assert_has(&app.k.today().add_days(90).dutch());
    assert!(!page.has("De evaluatiedatum is gekomen"));
    assert!(!leader.get("/").await.has("Evalueer het besluit"), "reviewed: off the home page");

    // The next review date: told again, but checked at send time — a
    // reminder whose decision was reviewed meanwhile, or whose receiver no
    // longer leads the team, is not sent.
    app.clock.advance_ms(90 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    let leader = Client::logged_in(&app, &o.leader).await;
    app.k.remove_member(&admin, o.team_id, mm_id).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(mails(&app, &o.leader, "Tijd om te evalueren"), 2);
    assert_eq!(mails(&app, mm, "Tijd om te evalueren"), 1, "no longer a leader of the team");
    leader.get(&path).await;
    let done = leader.post(&format!("{path}/review"), &[("note", "Blijft staan."), ("next_review", "")]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(count(&app, "decision_reviews").await, 2);
    assert!(!leader.get("/").await.has("Evalueer het besluit"));
    leader.get(&path).await.assert_has("Nog geen evaluatiedatum.");
}

async fn a_revision_ends_the_review_that_was_due(app: TestApp) {
    let o = org(&app, "Herzieningsziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start(&app, &o, &leader, "Rooster").await;
    assert_eq!(decide(&app, &leader, &path, "Vaste weekenden").await.status, 303);
    app.clock.advance_ms(60 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    let leader = Client::logged_in(&app, &o.leader).await;
    leader.get("/").await.assert_has("Evalueer het besluit: Rooster");
    leader.get(&path).await;
    let revise = async |review: &str| {
        let fields = [
            ("reason", "Nieuwe cao-afspraken"),
            ("choice", "Om het andere weekend"),
            ("reasons", "De cao vraagt het."),
            ("consequences", "Iedereen werkt minder weekenden."),
            ("expectations", "Ruilen via de planner."),
            ("review_date", review),
        ];
        leader.post(&format!("{path}/revise"), &fields).await
    };
    let bad = revise(&day(&app, 0)).await;
    assert_eq!(bad.status, 422, "a revision sets a review date after today");
    bad.assert_has("Kies een datum na vandaag.");
    assert_eq!(revise(&day(&app, 30)).await.status, 303);
    assert!(!leader.get("/").await.has("Evalueer het besluit"), "revised: the review is over");
    // The reminder queued before the revision is not sent.
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(mails(&app, &o.leader, "Tijd om te evalueren"), 0);
}
