use kartrekker::actions::{ActionInput, Origin};
use kartrekker::clock::{DAY_MS, HOUR_MS};
use kartrekker::dates::Date;

use kartrekker_testkit::*;

both_databases!(
    a_team_member_adds_an_action_and_moves_it_on_the_board,
    bad_input_keeps_the_form_and_writes_nothing,
    other_teams_and_organisations_cannot_reach_actions,
    the_register_exports_for_dutch_excel,
    filters_my_actions_and_overdue_actions,
    reminders_are_sent_once_and_never_for_finished_actions,
    each_person_chooses_how_reminders_arrive,
    progress_posted_at_the_same_moment_is_all_kept,
    the_board_keeps_old_finished_actions_one_click_away,
    cards_move_one_after_another_and_the_moved_card_takes_the_focus,
);

fn day(app: &TestApp, n: i64) -> String {
    app.k.today().add_days(n).to_string()
}

/// Presses the move button of card `id` on the board, which is one form, with
/// the card's select set to `status`.
async fn move_on_board(c: &Client, id: &str, status: &str, back: &str) -> Page {
    let select = format!("status-{id}");
    c.post("/actions/move", &[("move", id), (&select, status), ("back", back)]).await
}

async fn new_action(app: &TestApp, o: &Org, c: &Client, title: &str, due_in: i64) -> String {
    c.get(&format!("/teams/{}/actions/new", o.team_id)).await;
    let p = c
        .post(
            &format!("/teams/{}/actions", o.team_id),
            &[
                ("title", title),
                ("goal", "Rust op de afdeling"),
                ("kartrekker", &o.member_id.to_string()),
                ("due_date", &day(app, due_in)),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    p.location.unwrap().split('?').next().unwrap().to_string()
}

async fn a_team_member_adds_an_action_and_moves_it_on_the_board(app: TestApp) {
    let o = org(&app, "Bordziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = new_action(&app, &o, &leader, "Overdracht om 7.15 uur aan bed", 14).await;
    let detail = leader.get(&format!("{path}?notice=notice-action-added")).await;
    detail.assert_has("De actie is toegevoegd.");
    detail.assert_has("Overdracht om 7.15 uur aan bed");
    detail.assert_has("Lars Lid");
    detail.assert_has("Actie aangemaakt");

    let board_path = format!("/teams/{}/actions", o.team_id);
    let board = leader.get(&board_path).await;
    let open = board.body.find("id=\"col-open\"").unwrap();
    let busy = board.body.find("id=\"col-in_progress\"").unwrap();
    let card = board.body.find("Overdracht om 7.15 uur aan bed").unwrap();
    assert!(open < card && card < busy, "the card stands in the open column");

    let id = path.rsplit('/').next().unwrap();
    board.assert_has(&format!("<button type=\"submit\" name=\"move\" value=\"{id}\""));
    let moved = move_on_board(&leader, id, "in_progress", &board_path).await;
    assert_eq!(moved.location.as_deref(), Some(format!("{board_path}?notice=notice-action-moved&moved={id}").as_str()));
    let board = leader.get(&board_path).await;
    let busy = board.body.find("id=\"col-in_progress\"").unwrap();
    let card = board.body.find("Overdracht om 7.15 uur aan bed").unwrap();
    assert!(busy < card, "the card moved to the in-progress column");

    // Anyone in the team adds progress; it is dated and signed.
    let member = Client::logged_in(&app, &o.member).await;
    member.get(&path).await;
    assert_eq!(
        member
            .post(&format!("/actions/{id}/updates"), &[("text", "Eerste week: 4 van de 5 diensten gelukt.")])
            .await
            .status,
        303
    );
    let detail = member.get(&path).await;
    detail.assert_has("Eerste week: 4 van de 5 diensten gelukt.");
    detail.assert_has("Status: Open → Mee bezig");
    // The result is written and the action done; the history keeps who changed what.
    let saved = member
        .post(
            &path,
            &[
                ("title", "Overdracht om 7.15 uur aan bed"),
                ("goal", "Rust op de afdeling"),
                ("kartrekker", &o.member_id.to_string()),
                ("due_date", &day(&app, 14)),
                ("evaluation_date", &day(&app, 30)),
                ("status", "done"),
                ("result", "Overdracht duurt 10 minuten korter."),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let detail = member.get(&path).await;
    detail.assert_has("Status: Mee bezig → Klaar");
    detail.assert_has("Resultaat: (leeg) → Overdracht duurt 10 minuten korter.");
    assert_eq!(count(&app, "action_history").await, 5, "created, moved, then status, evaluation date and result");
}

async fn bad_input_keeps_the_form_and_writes_nothing(app: TestApp) {
    let o = org(&app, "Foutenziekenhuis").await;
    let other = org(&app, "Anderziekenhuis").await;
    let c = Client::logged_in(&app, &o.member).await;
    let path = format!("/teams/{}/actions", o.team_id);
    c.get(&format!("{path}/new")).await;
    let p = c
        .post(
            &path,
            &[
                ("title", "  "),
                ("goal", "Minder piepjes"),
                ("kartrekker", &other.member_id.to_string()),
                ("due_date", "31-02-2027"),
            ],
        )
        .await;
    assert_eq!(p.status, 422);
    p.assert_has("Beschrijf de actie.");
    p.assert_has("Vul een geldige datum in");
    p.assert_has("De kartrekker moet lid zijn van het team.");
    // Focus, and so the scroll, goes to the summary of what to fix, also without JavaScript.
    p.assert_has("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus");
    assert_eq!(p.input_value("due_date").as_deref(), Some("31-02-2027"), "kept as typed");
    p.assert_has(">Minder piepjes</textarea>");
    let past = c
        .post(
            &path,
            &[
                ("title", "Gordijn"),
                ("goal", "Privacy"),
                ("kartrekker", &o.member_id.to_string()),
                ("due_date", &day(&app, -1)),
            ],
        )
        .await;
    past.assert_has("Deze datum is al voorbij.");
    assert_eq!(count(&app, "actions").await, 0);

    let id = new_action(&app, &o, &c, "Gordijn in de behandelkamer", 5).await;
    let empty = c.post(&format!("{id}/updates"), &[("text", " ")]).await;
    assert_eq!(empty.status, 422);
    empty.assert_has("Schrijf wat er gedaan is.");
    let card = id.rsplit('/').next().unwrap();
    assert_eq!(move_on_board(&c, card, "vergeten", "").await.status, 400);
    assert_eq!(move_on_board(&c, "", "done", "").await.status, 400, "no card named");
    assert_eq!(count(&app, "action_updates").await, 0);
    assert_eq!(count(&app, "action_history").await, 1);
}

async fn other_teams_and_organisations_cannot_reach_actions(app: TestApp) {
    let a = org(&app, "Actieziekenhuis").await;
    let b = org(&app, "Buitenziekenhuis").await;
    let admin_a = actor(&app, &a.admin).await;
    let lars = actor(&app, &a.member).await;
    let input = ActionInput {
        title: "Geheim",
        goal: "Alleen voor team A",
        kartrekker: &a.member_id.to_string(),
        ..Default::default()
    };
    let id = app.k.create_action(&lars, a.team_id, &input, Origin::REGISTER).await.unwrap();

    // Another team in the same organisation.
    let team2 = app.k.create_team(&admin_a, &a.department_id.to_string(), "Interne B4").await.unwrap();
    let stranger = app.k.create_person(&admin_a, "Sien Vreemd", "sien@actie.test", "hbo-v", &[]).await.unwrap();
    app.k.add_member(&admin_a, team2, &stranger.to_string(), "member").await.unwrap();
    activate(&app, "sien@actie.test").await;

    let routes = [
        ("GET", format!("/teams/{}/actions", a.team_id)),
        ("GET", format!("/teams/{}/actions/new", a.team_id)),
        ("GET", format!("/teams/{}/actions.csv", a.team_id)),
        ("POST", format!("/teams/{}/actions", a.team_id)),
        ("GET", format!("/actions/{id}")),
        ("POST", format!("/actions/{id}")),
        ("POST", "/actions/move".to_string()),
        ("POST", format!("/actions/{id}/updates")),
    ];
    for who in [b.admin.as_str(), b.member.as_str(), "sien@actie.test", a.admin.as_str()] {
        let c = Client::logged_in(&app, who).await;
        for (method, path) in &routes {
            let p = if *method == "GET" {
                c.get(path).await
            } else {
                let (card, select) = (id.to_string(), format!("status-{id}"));
                let fields = [("status", "done"), ("text", "x"), ("title", "x"), ("goal", "x"), ("kartrekker", "1")];
                c.post(path, &[&fields[..], &[("move", &card), (&select, "done")]].concat()).await
            };
            assert_eq!(p.status, 404, "{who}: {method} {path}");
            assert!(!p.has("Geheim"), "{who}: {method} {path} leaks the action");
        }
        assert!(!c.get("/actions/overdue").await.has("Geheim"));
    }
    // A program leader follows every team, but does not change their actions.
    let pl = app
        .k
        .create_person(&admin_a, "Paul Programma", "paul@actie.test", "manager", &["program_leader".into()])
        .await
        .unwrap();
    assert!(pl > 0);
    activate(&app, "paul@actie.test").await;
    let c = Client::logged_in(&app, "paul@actie.test").await;
    let board = c.get(&format!("/teams/{}/actions", a.team_id)).await;
    assert_eq!(board.status, 200);
    board.assert_has("Geheim");
    assert!(!board.has("/actions/move\""), "no move buttons for a viewer");
    // The team's reflection is its members' own: no link to a page that answers 404.
    let reflection = format!("/teams/{}/reflection", a.team_id);
    assert!(!board.has(&format!("href=\"{reflection}\"")), "no link the program leader may not open");
    assert_eq!(c.get(&reflection).await.status, 404);
    let member_board = Client::logged_in(&app, &a.member).await.get(&format!("/teams/{}/actions", a.team_id)).await;
    member_board.assert_has(&format!("href=\"{reflection}\""));
    assert_eq!(move_on_board(&c, &id.to_string(), "done", "").await.status, 403);
    assert_eq!(c.get(&format!("/teams/{}/actions/new", a.team_id)).await.status, 403);
    assert_eq!(count(&app, "action_history").await, 1, "nothing changed");
}

async fn the_register_exports_for_dutch_excel(app: TestApp) {
    let o = org(&app, "Excelziekenhuis").await;
    let lars = actor(&app, &o.member).await;
    let k = o.member_id.to_string();
    let input = ActionInput {
        title: "=SOM(A1)",
        goal: "Puntkomma; en \"aanhalingstekens\"\nen een regel",
        kartrekker: &k,
        due_date: &day(&app, 3),
        ..Default::default()
    };
    app.k.create_action(&lars, o.team_id, &input, Origin::REGISTER).await.unwrap();
    let c = Client::logged_in(&app, &o.member).await;
    let anonymous = Client::new(&app).get(&format!("/teams/{}/actions.csv", o.team_id)).await;
    assert_eq!(anonymous.status, 303, "no export without logging in");
    let p = c.get(&format!("/teams/{}/actions.csv", o.team_id)).await;
    assert_eq!(p.status, 200);
    assert!(p.body.starts_with('\u{feff}'), "a BOM, so Excel reads UTF-8");
    let mut lines = p.body.trim_start_matches('\u{feff}').split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "Actie;Doel;Kartrekker;Status;Uiterlijk;Evalueren op;Afgesproken in;Resultaat;Laatst gewijzigd"
    );
    let rest: String = lines.collect::<Vec<_>>().join("\r\n");
    assert!(
        rest.starts_with("'=SOM(A1);\"Puntkomma; en \"\"aanhalingstekens\"\"\nen een regel\";Lars Lid;Open;"),
        "{rest}"
    );
    assert!(rest.contains(";Actielijst;"));

    // The same register for Excel: real cells, a header with filters.
    let (status, kind, bytes) = c.get_bytes(&format!("/teams/{}/actions.xlsx", o.team_id)).await;
    assert_eq!(status, 200);
    assert_eq!(kind.as_deref(), Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    let (rows, filtered) = xlsx_sheet(bytes);
    assert!(filtered, "filters on the header row");
    assert_eq!(rows[0][0], calamine::Data::String("Actie".into()));
    assert_eq!(rows[1][0], calamine::Data::String("=SOM(A1)".into()), "a text cell, never a formula");
    assert_eq!(rows[1][1], calamine::Data::String("Puntkomma; en \"aanhalingstekens\"\nen een regel".into()));
    assert_eq!(
        xlsx_date(&rows[1][4]).map(|d| d.to_string()),
        Some(day(&app, 3)),
        "the deadline is a date cell: {:?}",
        rows[1]
    );
    assert_eq!(rows[1][5], calamine::Data::Empty, "no evaluation date: an empty cell");
}

async fn filters_my_actions_and_overdue_actions(app: TestApp) {
    let o = org(&app, "Filterziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let leader_id = actor(&app, &o.leader).await.id().to_string();
    let lars_action = new_action(&app, &o, &leader, "Actie van Lars", 2).await;
    leader.get(&format!("/teams/{}/actions/new", o.team_id)).await;
    leader
        .post(
            &format!("/teams/{}/actions", o.team_id),
            &[("title", "Actie van Lieke"), ("goal", "Doel"), ("kartrekker", &leader_id), ("due_date", &day(&app, 10))],
        )
        .await;
    let board = format!("/teams/{}/actions", o.team_id);
    let mine = leader.get(&format!("{board}?kartrekker={leader_id}")).await;
    assert!(mine.has("Actie van Lieke") && !mine.has("Actie van Lars"));
    let done = leader.get(&format!("{board}?status=done")).await;
    done.assert_has("Geen acties met dit filter.");
    assert!(!done.has("col-open"), "only the chosen column");
    let origin = leader.get(&format!("{board}?origin=mirror_session")).await;
    origin.assert_has("Geen acties met dit filter.");

    let lars = Client::logged_in(&app, &o.member).await;
    let home = lars.get("/").await;
    assert!(home.has("Actie van Lars") && !home.has("Actie van Lieke"), "my actions are the ones I pull");
    assert!(!home.has("over de datum."));
    app.clock.advance_ms(3 * DAY_MS);
    let lars = Client::logged_in(&app, &o.member).await; // the old session ran out
    let home = lars.get("/").await;
    home.assert_has("Eén actie is over de datum.");
    let overdue = lars.get("/actions/overdue").await;
    assert!(overdue.has("Actie van Lars") && !overdue.has("Actie van Lieke"));
    let id = lars_action.rsplit('/').next().unwrap();
    move_on_board(&lars, id, "done", "/").await;
    assert!(!lars.get("/actions/overdue").await.has("Actie van Lars"), "done is never overdue");
    lars.get("/").await.assert_has("Je bent nog geen kartrekker van een open actie.");
}

async fn reminders_are_sent_once_and_never_for_finished_actions(app: TestApp) {
    let o = org(&app, "Herinnerziekenhuis").await;
    let lars = actor(&app, &o.member).await;
    let soon = register_action(&app, &o.member, &o, "Bijna", o.member_id, 2).await;
    let later = register_action(&app, &o.member, &o, "Later", o.member_id, 20).await;
    let finished = register_action(&app, &o.member, &o, "Afgerond", o.member_id, 1).await;
    app.k.move_action(&lars, finished, "done").await.unwrap();
    app.k.run_due_jobs().await.unwrap(); // invitations of the fixture
    let mails = || {
        app.smtp
            .to(&o.member)
            .into_iter()
            .filter(|m| m.data.contains("Subject: Herinnering") || m.data.contains("Subject: Over de datum"))
            .collect::<Vec<_>>()
    };

    // Two instances schedule at the same time, and again after a restart.
    let other_instance = app.k.clone();
    let (x, y) = tokio::join!(app.k.schedule_reminders(), other_instance.schedule_reminders());
    assert_eq!(
        x.unwrap() + y.unwrap(),
        1,
        "one reminder: 'Bijna' is within 3 days, 'Later' is not, 'Afgerond' is done"
    );
    assert_eq!(app.k.schedule_reminders().await.unwrap(), 0);
    app.k.run_due_jobs().await.unwrap();
    let sent = mails();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].data.contains("Subject: Herinnering: Bijna"), "{}", sent[0].data);
    assert!(sent[0].link(&format!("{}/actions/{soon}", app.base)).is_some());

    // Overdue: one message a week, even when scheduled every day.
    app.clock.advance_ms(3 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.clock.advance_ms(DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let sent = mails();
    assert_eq!(sent.len(), 2);
    assert!(sent[1].data.contains("Subject: Over de datum: Bijna"));
    app.clock.advance_ms(5 * DAY_MS); // the seventh day past the date: still the first week
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(mails().len(), 2, "not again within the week");
    app.clock.advance_ms(DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(mails().len(), 3, "again a week later");
    assert!(mails()[2].data.contains("Subject: Over de datum: Bijna"));

    // 'Later' comes due, but is finished before the worker runs: nothing is sent.
    app.clock.advance_ms(8 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.move_action(&lars, later, "dropped").await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert!(!mails().iter().any(|m| m.data.contains("Later")), "no reminder for a dropped action");
}

async fn each_person_chooses_how_reminders_arrive(app: TestApp) {
    let o = org(&app, "Keuzeziekenhuis").await;
    // 05:00 in the Netherlands, tomorrow: before the digest hour.
    let tomorrow = app.k.today().add_days(1);
    app.clock.set_ms(tomorrow.start_ms_utc() + 4 * HOUR_MS - Date::nl_offset_ms(tomorrow.start_ms_utc()) + HOUR_MS);
    assert_eq!(Date::hour_nl(app.k.now()), 5);
    register_action(&app, &o.member, &o, "Digest-actie", o.member_id, 1).await;
    app.k.run_due_jobs().await.unwrap();
    let before = app.smtp.to(&o.member).len();

    let c = Client::logged_in(&app, &o.member).await;
    c.get("/settings").await.assert_has("value=\"immediately\" checked");
    let bad = c.post("/settings", &[("due_soon", "elk uur"), ("overdue", "never")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Maak een keuze.");
    assert_eq!(c.post("/settings", &[("due_soon", "daily_digest"), ("overdue", "never")]).await.status, 303);
    c.get("/settings")
        .await
        .assert_has("id=\"due_soon-daily_digest\" name=\"due_soon\" value=\"daily_digest\" checked");

    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(app.smtp.to(&o.member).len(), before, "kept for the digest, not sent at once");
    app.clock.advance_ms(3 * HOUR_MS); // 08:00
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let mails = app.smtp.to(&o.member);
    assert_eq!(mails.len(), before + 1);
    assert!(mails.last().unwrap().data.contains("Subject: Je overzicht van vandaag"));
    assert!(mails.last().unwrap().data.contains("Digest-actie"));
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(app.smtp.to(&o.member).len(), before + 1, "one digest a day");
    // Overdue messages were turned off.
    app.clock.advance_ms(2 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(app.smtp.to(&o.member).len(), before + 1);

    // The organisation sets how early reminders come.
    let admin = Client::logged_in(&app, &o.admin).await;
    admin.get("/admin/settings").await.assert_has("value=\"3\"");
    let bad = admin.post("/admin/settings", &[("reminder_days", "60"), ("min_group_size", "5")]).await;
    bad.assert_has("Vul een aantal dagen in tussen 0 en 30.");
    assert_eq!(bad.input_value("reminder_days").as_deref(), Some("60"));
    assert_eq!(admin.post("/admin/settings", &[("reminder_days", "7"), ("min_group_size", "5")]).await.status, 303);
    let member = Client::logged_in(&app, &o.member).await;
    assert_eq!(member.get("/admin/settings").await.status, 403);
}

async fn progress_posted_at_the_same_moment_is_all_kept(app: TestApp) {
    let o = org(&app, "Drukziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = new_action(&app, &o, &leader, "Drukte aan de balie", 14).await;
    let id = path.rsplit('/').next().unwrap().to_string();
    let member = std::sync::Arc::new(Client::logged_in(&app, &o.member).await);
    member.get(&path).await;
    let mut posts = tokio::task::JoinSet::new();
    for n in 0..24 {
        let (member, id) = (member.clone(), id.clone());
        posts.spawn(async move {
            member.post(&format!("/actions/{id}/updates"), &[("text", &format!("Voortgang {n}"))]).await.status
        });
    }
    let statuses: Vec<u16> = posts.join_all().await;
    assert!(statuses.iter().all(|s| *s == 303), "every update is kept, none refused: {statuses:?}");
    assert_eq!(count(&app, "action_updates").await, 24);
}

async fn the_board_keeps_old_finished_actions_one_click_away(app: TestApp) {
    let o = org(&app, "Archiefziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let board_path = format!("/teams/{}/actions", o.team_id);
    let old = new_action(&app, &o, &leader, "Oude afspraak over pauzes", 14).await;
    let id = old.rsplit('/').next().unwrap();
    move_on_board(&leader, id, "done", &board_path).await;
    app.clock.advance_ms(91 * DAY_MS);
    let leader = Client::logged_in(&app, &o.leader).await;
    new_action(&app, &o, &leader, "Nieuwe afspraak over pauzes", 14).await;

    let board = leader.get(&board_path).await;
    board.assert_has("Nieuwe afspraak over pauzes");
    board.assert_has("Afgeronde en geschrapte acties van de laatste 90 dagen.");
    assert!(!board.has("Oude afspraak over pauzes"), "a card finished over 90 days ago is off the board");
    board.assert_has(&format!("href=\"{board_path}?status=done\">Eén oudere: toon alle</a>"));
    let register = leader.get(&format!("{board_path}?origin=register")).await;
    register.assert_has("Nieuwe afspraak over pauzes");
    register.assert_has("Eén oudere: toon alle");
    let meeting = leader.get(&format!("{board_path}?origin=meeting")).await;
    assert!(!meeting.has("Nieuwe afspraak over pauzes"), "narrowed to another origin");
    assert!(!meeting.has("oudere"), "the older ones are counted under the same narrowing");

    let done = leader.get(&format!("{board_path}?status=done")).await;
    done.assert_has("Oude afspraak over pauzes");
    assert!(!done.has("Afgeronde en geschrapte acties van de laatste"), "a status filter shows all");
    let csv = leader.get(&format!("/teams/{}/actions.csv", o.team_id)).await;
    csv.assert_has("Oude afspraak over pauzes");
    csv.assert_has("Nieuwe afspraak over pauzes");
}

/// The board after a move carries its notice; the next move from there must
/// not send it twice (that was a 400), on a filtered board too.
async fn cards_move_one_after_another_and_the_moved_card_takes_the_focus(app: TestApp) {
    let o = org(&app, "Verschuifziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let first = new_action(&app, &o, &leader, "Eerste kaart", 7).await;
    let second = new_action(&app, &o, &leader, "Tweede kaart", 7).await;
    let (first, second) = (first.rsplit('/').next().unwrap(), second.rsplit('/').next().unwrap());
    let board_path = format!("/teams/{}/actions", o.team_id);

    for back in [board_path.clone(), format!("{board_path}?status=&origin=&kartrekker={}", o.member_id)] {
        leader.get(&back).await;
        let moved = move_on_board(&leader, first, "in_progress", &back).await;
        let after_first = moved.location.unwrap();
        let board = leader.get(&after_first).await;
        assert_eq!(board.status, 200, "{after_first}");
        board.assert_has("De actie is verplaatst.");
        board.assert_has(&format!("aria-labelledby=\"a-{first}\" tabindex=\"-1\" autofocus"));

        let moved = move_on_board(&leader, second, "in_progress", &after_first).await;
        let after_second = moved.location.unwrap();
        assert_eq!(after_second.matches("notice=").count(), 1, "{after_second}");
        assert!(after_second.ends_with(&format!("&moved={second}")), "{after_second}");
        let board = leader.get(&after_second).await;
        assert_eq!(board.status, 200, "{after_second}");
        board.assert_has(&format!("aria-labelledby=\"a-{second}\" tabindex=\"-1\" autofocus"));
        assert!(!board.has(&format!("aria-labelledby=\"a-{first}\" tabindex")), "only the moved card takes the focus");
        assert!(after_second.starts_with(&back), "the filter stays: {after_second}");
        app.k.move_action(&actor(&app, &o.leader).await, first.parse().unwrap(), "open").await.unwrap();
        app.k.move_action(&actor(&app, &o.leader).await, second.parse().unwrap(), "open").await.unwrap();
    }
}
