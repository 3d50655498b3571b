//! Meetings and the daily rhythm over HTTP, on both databases.

use kartrekker::clock::DAY_MS;

use kartrekker_testkit::*;

both_databases!(
    a_dagstart_runs_with_notes_decisions_and_actions_and_the_minutes_reach_the_attendees,
    bad_input_keeps_the_form_and_writes_nothing,
    other_teams_and_organisations_cannot_reach_meetings,
    an_administrator_copies_a_template_and_edits_its_agenda,
    a_recurring_meeting_plans_its_next_once_and_keeps_its_history,
    the_chair_asks_feedback_answered_from_home_and_sees_it_only_from_the_group_size,
    a_decision_of_the_meeting_becomes_a_fair_process_record,
);

fn day(app: &TestApp, n: i64) -> String {
    app.k.today().add_days(n).to_string()
}

/// Plans a meeting of `o`'s team by `c` (in the team), chaired by `chair`,
/// with the leader and the member attending; returns its path.
async fn plan(app: &TestApp, o: &Org, c: &Client, template: &str, chair: i64, recurrence: &str) -> String {
    let leader = actor(app, &o.leader).await.id();
    c.get(&format!("/teams/{}/meetings/new", o.team_id)).await;
    let p = c
        .post(
            &format!("/teams/{}/meetings", o.team_id),
            &[
                ("template", template),
                ("title", ""),
                ("held_on", &day(app, 0)),
                ("start_time", "07:30"),
                ("chair", &chair.to_string()),
                ("recurrence", recurrence),
                ("attendees", &leader.to_string()),
                ("attendees", &o.member_id.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    p.location.unwrap().split('?').next().unwrap().to_string()
}

async fn a_dagstart_runs_with_notes_decisions_and_actions_and_the_minutes_reach_the_attendees(app: TestApp) {
    let o = org(&app, "Dagstartziekenhuis").await;
    let leader_id = actor(&app, &o.leader).await.id();
    // An action of the team that is overdue by the day of the dagstart.
    register_action(&app, &o.member, &o, "Kar met infuuspompen opruimen", o.member_id, 1).await;
    // Verwonderpunten: one from days ago, one from yesterday.
    let post = async |title: &str| {
        let lars = Client::logged_in(&app, &o.member).await;
        let points = format!("/teams/{}/verwonderpunten", o.team_id);
        let list = lars.get(&points).await;
        let once = list.input_value("once").unwrap_or_else(|| panic!("{} {}", list.status, list.body));
        let p = lars.post(&points, &[("title", title), ("body", ""), ("once", &once)]).await;
        assert_eq!(p.status, 303, "{}", p.body);
    };
    post("Waarom staat de kar altijd in de gang?").await;
    app.clock.advance_ms(2 * DAY_MS);
    post("Geen gordijn in kamer 3").await;
    app.clock.advance_ms(DAY_MS);
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = plan(&app, &o, &leader, "builtin:dagstart", leader_id, "once").await;
    let id = path.rsplit('/').next().unwrap().to_string();
    let page = leader.get(&format!("{path}?notice=notice-meeting-planned")).await;
    page.assert_has("Het overleg is gepland.");
    page.assert_has("<h1>Dagstart</h1>");
    for item in ["Veiligheid", "Bezetting", "Prioriteiten van vandaag", "Verwonderpunten van gisteren"] {
        page.assert_has(item);
    }
    page.assert_has("Acties van het team over de datum");
    page.assert_has("Kar met infuuspompen opruimen");
    page.assert_has("Verwonderpunten van gisteren en vandaag");
    page.assert_has("Geen gordijn in kamer 3");
    assert!(!page.has("Waarom staat de kar"), "only those since yesterday");
    let team = leader.get(&format!("/teams/{}/meetings", o.team_id)).await;
    team.assert_has(&format!("href=\"/meetings/{id}\""));

    // The run view: no app header, the item, its timebox.
    let run = leader.get(&format!("{path}/run/1")).await;
    assert_eq!(run.status, 200);
    assert!(!run.has("class=\"top\""), "no app header on the run view");
    run.assert_has("Veiligheid");
    run.assert_has("data-seconds=\"180\"");
    run.assert_has(&format!("href=\"{path}/run/2\""));
    assert_eq!(leader.get(&format!("{path}/run/5")).await.status, 404);

    // Notes from the run view, attendance, a decision and an action.
    let item: String =
        kartrekker::db::query_scalar::<i64>("SELECT id FROM meeting_items WHERE meeting_id = $1 AND ordinal = 1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&app.k.db)
            .await
            .unwrap()
            .to_string();
    let saved =
        leader.post(&format!("{path}/notes"), &[("item", &item), ("notes", "Valrisico kamer 4"), ("run", "1")]).await;
    assert_eq!(saved.location.as_deref(), Some(format!("{path}/run/1?notice=notice-meeting-notes-saved").as_str()));
    leader.get(&format!("{path}/run/1")).await.assert_has("Valrisico kamer 4");
    let member = Client::logged_in(&app, &o.member).await;
    member.get(&path).await;
    assert_eq!(member.post(&format!("{path}/attendance"), &[("present", &leader_id.to_string())]).await.status, 303);
    let d = member
        .post(&format!("{path}/decisions"), &[("decision", "Bedhekken 's nachts omhoog"), ("concerns", "Nachtdienst")])
        .await;
    assert_eq!(d.status, 303, "{}", d.body);
    let a = member
        .post(
            &format!("{path}/actions"),
            &[
                ("title", "Valmatten bestellen"),
                ("goal", "Minder vallen"),
                ("kartrekker", &o.member_id.to_string()),
                ("due_date", &day(&app, 7)),
            ],
        )
        .await;
    assert_eq!(a.status, 303, "{}", a.body);
    let board = member.get(&format!("/teams/{}/actions?origin=meeting", o.team_id)).await;
    board.assert_has("Valmatten bestellen");

    // Only the chair closes; then the minutes go to the other attendees.
    assert_eq!(member.post(&format!("{path}/close"), &[]).await.status, 403);
    app.k.run_due_jobs().await.unwrap();
    let before = app.smtp.to(&o.member).len();
    let closed = leader.post(&format!("{path}/close"), &[]).await;
    assert_eq!(closed.location.as_deref(), Some(format!("{path}/minutes?notice=notice-meeting-closed").as_str()));
    let minutes = leader.get(&format!("{path}/minutes")).await;
    for text in ["Notulen", "Valrisico kamer 4", "Bedhekken", "Nachtdienst", "Valmatten bestellen", "Afwezig: Lars Lid"]
    {
        minutes.assert_has(text);
    }
    app.k.run_due_jobs().await.unwrap();
    let sent = app.smtp.to(&o.member);
    assert_eq!(sent.len(), before + 1);
    assert!(sent.last().unwrap().data.contains("Subject: Notulen van Dagstart"), "{}", sent.last().unwrap().data);
    assert!(sent.last().unwrap().link(&format!("{}{path}/minutes", app.base)).is_some());
    // The minutes themselves go along as a text file.
    let mail = &sent.last().unwrap().data;
    assert!(mail.contains(&format!("filename=\"notulen-{}.txt\"", day(&app, 0))), "{mail}");
    for text in ["Valrisico kamer 4", "Bedhekken", "Valmatten bestellen", "Afwezig: Lars Lid"] {
        assert!(mail.contains(text), "{text} in {mail}");
    }
    assert!(app.smtp.to(&o.leader).iter().all(|m| !m.data.contains("Notulen")), "not to the chair who closed it");

    // Closed: nothing changes any more, and closing twice is refused.
    let late = leader.post(&format!("{path}/notes"), &[("item", &item), ("notes", "Later")]).await;
    assert_eq!(late.status, 422);
    late.assert_has("Dit overleg is afgesloten");
    assert_eq!(leader.post(&format!("{path}/close"), &[]).await.status, 422);

    // English too.
    let en = Client::with_language(&app, Some("en"));
    en.login(&o.leader, PASSWORD).await;
    en.get(&format!("{path}/minutes")).await.assert_has("Minutes");
}

async fn bad_input_keeps_the_form_and_writes_nothing(app: TestApp) {
    let o = org(&app, "Foutoverlegziekenhuis").await;
    let c = Client::logged_in(&app, &o.leader).await;
    c.get(&format!("/teams/{}/meetings/new", o.team_id)).await;
    let p = c
        .post(
            &format!("/teams/{}/meetings", o.team_id),
            &[
                ("template", "builtin:koffie"),
                ("title", "Overleg over de kerstrooster"),
                ("held_on", &day(&app, -1)),
                ("start_time", "25:00"),
                ("chair", "999999"),
                ("recurrence", "yearly"),
            ],
        )
        .await;
    assert_eq!(p.status, 422);
    for message in [
        "Kies een sjabloon.",
        "Deze datum is al voorbij.",
        "Kies een voorzitter uit het team.",
        "Kies hoe vaak het overleg terugkomt.",
        "Kies minstens één deelnemer.",
    ] {
        p.assert_has(message);
    }
    assert_eq!(p.input_value("title").as_deref(), Some("Overleg over de kerstrooster"));
    assert_eq!(count(&app, "meetings").await, 0);
    assert_eq!(count(&app, "meeting_series").await, 0);

    let leader_id = actor(&app, &o.leader).await.id();
    let path = plan(&app, &o, &c, "builtin:stop", leader_id, "once").await;
    let d = c.post(&format!("{path}/decisions"), &[("decision", "  "), ("concerns", "Het hele team")]).await;
    assert_eq!(d.status, 422);
    d.assert_has("Beschrijf het besluit.");
    assert_eq!(d.input_value("concerns").as_deref(), Some("Het hele team"));
    let a =
        c.post(&format!("{path}/actions"), &[("title", "Debriefing plannen"), ("goal", ""), ("kartrekker", "")]).await;
    assert_eq!(a.status, 422);
    assert_eq!(a.input_value("title").as_deref(), Some("Debriefing plannen"));
    assert_eq!(count(&app, "meeting_decisions").await, 0);
    assert_eq!(count(&app, "actions").await, 0);
}

async fn other_teams_and_organisations_cannot_reach_meetings(app: TestApp) {
    let o = org(&app, "Eigenziekenhuis").await;
    let other = org(&app, "Vreemdziekenhuis").await;
    let c = Client::logged_in(&app, &o.leader).await;
    let leader_id = actor(&app, &o.leader).await.id();
    let path = plan(&app, &o, &c, "builtin:moreel_beraad", leader_id, "weekly").await;
    let stranger = Client::logged_in(&app, &other.leader).await;
    for page in
        [path.clone(), format!("{path}/minutes"), format!("{path}/run/1"), format!("/teams/{}/meetings", o.team_id)]
    {
        assert_eq!(stranger.get(&page).await.status, 404, "{page}");
    }
    stranger.get(&format!("/teams/{}/meetings", other.team_id)).await;
    assert_eq!(stranger.post(&format!("{path}/decisions"), &[("decision", "x"), ("concerns", "y")]).await.status, 404);
    assert_eq!(stranger.post(&format!("{path}/next"), &[]).await.status, 404);
    assert_eq!(
        stranger.post(&format!("/teams/{}/meetings", o.team_id), &[("template", "builtin:dagstart")]).await.status,
        404
    );
    // Someone in the team who is not its administrator cannot copy a template.
    assert_eq!(c.post("/meetings/templates", &[("from", "builtin:dagstart")]).await.status, 403);
    assert_eq!(count(&app, "meeting_decisions").await + count(&app, "meeting_templates").await, 0);
}

async fn an_administrator_copies_a_template_and_edits_its_agenda(app: TestApp) {
    let o = org(&app, "Sjabloonziekenhuis").await;
    let other = org(&app, "Anderesjablonen").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    let list = admin.get("/meetings/templates").await;
    list.assert_has("Moreel Beraad");
    list.assert_has("STOP!-bijeenkomst");
    let view = admin.get("/meetings/templates/view?t=builtin:moreel_beraad").await;
    for step in [
        "De casus",
        "De morele vraag",
        "Perspectieven",
        "Waarden en normen",
        "Mogelijkheden",
        "Conclusie en wat we doen",
    ] {
        view.assert_has(step);
    }
    let copied = admin.post("/meetings/templates", &[("from", "builtin:moreel_beraad")]).await;
    assert_eq!(copied.status, 303, "{}", copied.body);
    let path = copied.location.unwrap().split('?').next().unwrap().to_string();
    let id = path.rsplit('/').next().unwrap().to_string();
    let edit = admin.get(&path).await;
    assert_eq!(edit.input_value("name").as_deref(), Some("Moreel Beraad (eigen versie)"));
    edit.assert_has("10 | De casus | Wat is er gebeurd?");

    let bad = admin.post(&path, &[("name", "Moreel Beraad IC"), ("agenda", "tien | De casus")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Schrijf elk punt als");
    bad.assert_has("tien | De casus");
    let ok = admin
        .post(&path, &[("name", "Moreel Beraad IC"), ("agenda", "15 | De casus | Wie brengt in?\n20 | Dilemma")])
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    admin.get("/meetings/templates").await.assert_has("Moreel Beraad IC");

    // The team plans with it; another organisation neither sees nor uses it.
    let leader = Client::logged_in(&app, &o.leader).await;
    let leader_id = actor(&app, &o.leader).await.id();
    let meeting = plan(&app, &o, &leader, &format!("org:{id}"), leader_id, "once").await;
    let page = leader.get(&meeting).await;
    page.assert_has("<h1>Moreel Beraad IC</h1>");
    page.assert_has("Dilemma");
    assert!(!page.has("Acties van het team over de datum"), "only a dagstart lists overdue actions");
    assert!(!page.has("Verwonderpunten van gisteren en vandaag"), "and verwonderpunten");
    let stranger = Client::logged_in(&app, &other.admin).await;
    assert_eq!(stranger.get(&path).await.status, 404);
    assert_eq!(stranger.get(&format!("/meetings/templates/view?t=org:{id}")).await.status, 404);
    assert_eq!(stranger.post(&path, &[("name", "x"), ("agenda", "1 | x")]).await.status, 404);
    let audited: i64 =
        kartrekker::db::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'change_meeting_template'")
            .fetch_one(&app.k.db)
            .await
            .unwrap();
    assert_eq!(audited, 2, "the copy and the edit");
}

async fn a_recurring_meeting_plans_its_next_once_and_keeps_its_history(app: TestApp) {
    let o = org(&app, "Reeksziekenhuis").await;
    let c = Client::logged_in(&app, &o.member).await;
    let path = plan(&app, &o, &c, "builtin:dagstart", o.member_id, "daily").await;
    let first = c.post(&format!("{path}/next"), &[]).await;
    assert_eq!(first.status, 303);
    let again = c.post(&format!("{path}/next"), &[]).await;
    assert_eq!(first.location, again.location, "the next of a series is planned once");
    assert_eq!(count(&app, "meetings").await, 2);
    let next = first.location.unwrap().split('?').next().unwrap().to_string();
    let page = c.get(&next).await;
    page.assert_has(&app.k.today().add_days(1).dutch());
    page.assert_has("Veiligheid");
    let series = page.body.split("href=\"/meetings/series/").nth(1).unwrap().split('"').next().unwrap().to_string();
    let history = c.get(&format!("/meetings/series/{series}")).await;
    history.assert_has(&format!("href=\"{path}\""));
    history.assert_has(&format!("href=\"{next}\""));
}

async fn the_chair_asks_feedback_answered_from_home_and_sees_it_only_from_the_group_size(app: TestApp) {
    let o = org(&app, "Voorzitziekenhuis").await;
    min_group_size(&app, &o.admin, 3).await;
    let others = more_members(&app, &o, &["Ada", "Bram", "Cor"], "voorzit.test").await;
    let leader_id = actor(&app, &o.leader).await.id();
    let leader = Client::logged_in(&app, &o.leader).await;
    leader.get(&format!("/teams/{}/meetings/new", o.team_id)).await;
    let mut fields = vec![
        ("template", "builtin:mdo".to_string()),
        ("held_on", day(&app, 0)),
        ("start_time", "13:00".to_string()),
        ("chair", leader_id.to_string()),
        ("recurrence", "once".to_string()),
        ("attendees", o.member_id.to_string()),
    ];
    fields.extend(others.iter().map(|(_, id)| ("attendees", id.to_string())));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let planned = leader.post(&format!("/teams/{}/meetings", o.team_id), &fields).await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    let path = planned.location.unwrap().split('?').next().unwrap().to_string();

    // Coming up on the attendees' home page.
    let member = Client::logged_in(&app, &o.member).await;
    let home = member.get("/").await;
    home.assert_has("Overleg vandaag en de komende dagen");
    home.assert_has(&format!("href=\"{path}\""));

    // Asked only once the meeting is closed, and only by the chair.
    let early = leader.post(&format!("{path}/feedback/ask"), &[]).await;
    assert_eq!(early.status, 422);
    early.assert_has("Sluit het overleg eerst af.");
    assert_eq!(leader.post(&format!("{path}/close"), &[]).await.status, 303);
    assert_eq!(member.post(&format!("{path}/feedback/ask"), &[]).await.status, 403);
    assert_eq!(leader.post(&format!("{path}/feedback/ask"), &[]).await.status, 303);
    assert_eq!(count(&app, "meeting_feedback_requests").await, 4, "those present, not the chair");

    let home = member.get("/").await;
    home.assert_has("Feedback op het voorzitten gevraagd");
    home.assert_has(&format!("href=\"{path}/feedback\""));
    member.get(&format!("{path}/feedback")).await.assert_has("Voorbereiding");
    let bad = member
        .post(&format!("{path}/feedback"), &[("preparation", "7"), ("leading", "4"), ("comment", "Strak geleid")])
        .await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Kies een score van 1 tot 5.");
    assert_eq!(bad.input_value("comment"), None, "a text area");
    bad.assert_has("Strak geleid");
    assert_eq!(count(&app, "meeting_feedback").await, 0);
    let answer = |scores: [&'static str; 3], comment: &'static str| {
        [("preparation", scores[0]), ("leading", scores[1]), ("dynamics", scores[2]), ("comment", comment)]
    };
    assert_eq!(member.post(&format!("{path}/feedback"), &answer(["4", "5", "3"], "Strak geleid")).await.status, 303);
    let twice = member.post(&format!("{path}/feedback"), &answer(["1", "1", "1"], "")).await;
    assert_eq!(twice.status, 422);
    twice.assert_has("Je gaf al feedback op dit overleg.");
    assert!(!member.get("/").await.has(&format!("href=\"{path}/feedback\"")), "answered: off the home page");

    // Results are the chair's alone, and only from the minimum group size.
    assert_eq!(member.get(&format!("{path}/feedback/results")).await.status, 404);
    let ada = Client::logged_in(&app, &others[0].0).await;
    assert_eq!(ada.post(&format!("{path}/feedback"), &answer(["2", "3", "3"], "")).await.status, 303);
    let results = leader.get(&format!("{path}/feedback/results")).await;
    results.assert_has("2 van 4 gevraagden antwoordden.");
    results.assert_has("zodra minstens 3 mensen");
    assert!(!results.has("Strak geleid"));
    let bram = Client::logged_in(&app, &others[1].0).await;
    assert_eq!(
        bram.post(&format!("{path}/feedback"), &answer(["3", "4", "3"], "Meer ruimte voor de co-assistent"))
            .await
            .status,
        303
    );
    let results = leader.get(&format!("{path}/feedback/results")).await;
    for text in ["3 van 4", "Voorbereiding", "3,0", "4,0", "Strak geleid", "Meer ruimte voor de co-assistent"] {
        results.assert_has(text);
    }
    // Stored apart: an answer names nobody and its id is random, never the order of answering.
    let lowest: i64 =
        kartrekker::db::query_scalar("SELECT MIN(id) FROM meeting_feedback").fetch_one(&app.k.db).await.unwrap();
    assert!(lowest >= 1 << 40, "random ids: {lowest}");
    app.k.run_due_jobs().await.unwrap();
    assert!(app.smtp.to(&others[2].0).iter().any(|m| m.data.contains("vraagt feedback op het voorzitten")));
}

async fn a_decision_of_the_meeting_becomes_a_fair_process_record(app: TestApp) {
    let o = org(&app, "Fairoverlegziekenhuis").await;
    let leader_id = actor(&app, &o.leader).await.id();
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = plan(&app, &o, &leader, "builtin:vakgroep", leader_id, "once").await;
    let meeting_id = path.rsplit('/').next().unwrap().to_string();
    let form = format!("{path}/fair-process");
    leader.get(&path).await.assert_has(&format!("href=\"{form}\""));

    // A member records simple decisions, but does not start a Fair Process record.
    let member = Client::logged_in(&app, &o.member).await;
    assert!(!member.get(&path).await.has(&form));
    assert_eq!(member.get(&form).await.status, 403);
    let start = async |c: &Client, deadline: &str| {
        let fields = [
            ("title", "Weekendrooster"),
            ("problem", "Het weekendrooster loopt elke maand vast."),
            ("input_deadline", deadline),
        ];
        c.post(&form, &fields).await
    };
    let (week, yesterday) = (day(&app, 7), day(&app, -1));
    assert_eq!(start(&member, &week).await.status, 403);
    assert_eq!(count(&app, "decisions").await, 0);

    // Bad input keeps the form and writes nothing.
    let page = leader.get(&form).await;
    page.assert_has("Het besluit komt uit het overleg");
    let bad = start(&leader, &yesterday).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Het weekendrooster loopt elke maand vast.");
    assert_eq!((count(&app, "decisions").await, count(&app, "meeting_decisions").await), (0, 0));

    // The leader starts it: a record of the team, asking the members for input, linked both ways.
    let started = start(&leader, &week).await;
    assert_eq!(started.status, 303, "{}", started.body);
    let record = started.location.unwrap().split('?').next().unwrap().to_string();
    assert!(record.starts_with("/decisions/"));
    let page = leader.get(&record).await;
    page.assert_has("Gestart in het overleg");
    page.assert_has(&format!("href=\"{path}\""));
    let team: i64 = kartrekker::db::query_scalar("SELECT team_id FROM decisions").fetch_one(&app.k.db).await.unwrap();
    assert_eq!(team, o.team_id);
    member.get("/").await.assert_has("Uw inbreng gevraagd: Weekendrooster");
    let meeting = leader.get(&path).await;
    meeting.assert_has(&format!("<a href=\"{record}\">Weekendrooster</a>"));
    meeting.assert_has("Fair Process-besluit");
    // The minutes link to it too.
    leader.get(&path).await;
    assert_eq!(leader.post(&format!("{path}/close"), &[]).await.status, 303);
    leader.get(&format!("/meetings/{meeting_id}/minutes")).await.assert_has(&format!("<a href=\"{record}\">"));
    // A closed meeting starts no more records.
    assert_eq!(leader.get(&form).await.status, 400);
    let other = org(&app, "Vreemdoverlegziekenhuis").await;
    assert_eq!(Client::logged_in(&app, &other.leader).await.get(&form).await.status, 404);
}
