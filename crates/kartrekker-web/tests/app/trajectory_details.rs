//! Trajectory details over HTTP: the trainer is searched for, not listed;
//! the trainer does not count as a team member; the evaluation shows each
//! action's goal and latest progress and the actions to evaluate then, and
//! keeps its planned date; due dates read as deadlines; the projector view
//! and the printed schema.

use kartrekker::clock::DAY_MS;
use kartrekker::trajectories::{Complete, EvaluationInput, Phase};

use super::trajectories::{Fx, advance_to, day_text, fixture, held_on, session_date, session_id, start};
use kartrekker_testkit::*;

both_databases!(
    the_trainer_is_searched_for_not_listed,
    the_trainer_alone_is_no_respondent_kartrekker_or_voter,
    the_evaluation_shows_goals_progress_and_what_to_evaluate,
    closing_an_evaluation_keeps_its_planned_date,
    due_dates_read_as_deadlines_in_both_languages,
    the_projector_has_no_header_keys_and_an_agreement_form_on_the_last_slide,
    the_schema_prints_one_page_per_trajectory,
);

fn team_page(fx: &Fx) -> String {
    format!("/teams/{}/trajectory", fx.o.team_id)
}

async fn the_trainer_is_searched_for_not_listed(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Zoek").await;
    let admin = actor(&app, &fx.o.admin).await;
    for n in 0..25 {
        let email = format!("zuster{n}@zoek.test");
        app.k.create_person(&admin, &format!("Zuster {n:02}"), &email, "hbo-v", &[]).await.unwrap();
    }
    let pl = Client::logged_in(&app, &fx.pl).await;
    let page = pl.get(&team_page(&fx)).await;
    assert_eq!(page.status, 200);
    page.assert_has("Zoek de trainer op naam of e-mailadres");
    assert!(!page.has("Tom Trainer") && !page.has("Zuster 00"), "no list of everyone");
    // By part of the name or the e-mail address, in any case.
    let page = pl.get(&format!("{}?q=tom+TRAIN", team_page(&fx))).await;
    page.assert_has("Eén persoon gevonden.");
    page.assert_has(&format!("<option value=\"{}\">Tom Trainer (trainer@ziekenhuiszoek.test)</option>", fx.trainer_id));
    assert_eq!(page.input_value("q").as_deref(), Some("tom TRAIN"));
    pl.get(&format!("{}?q=trainer%40ziekenhuiszoek", team_page(&fx))).await.assert_has("Tom Trainer");
    // Many matches: the first twenty, and a hint to search more precisely.
    let page = pl.get(&format!("{}?q=zuster", team_page(&fx))).await;
    page.assert_has("De eerste 20 gevonden personen");
    page.assert_has("Zuster 19");
    assert!(!page.has("Zuster 20"));
    // LIKE's own characters are taken literally.
    pl.get(&format!("{}?q=%25", team_page(&fx))).await.assert_has("Niemand gevonden voor &#34;%&#34;");
    // Starting without a choice keeps the search and its results.
    let p = pl.post(&team_page(&fx), &[("trainer", ""), ("q", "tom")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Kies een trainer uit de lijst.");
    p.assert_has("Tom Trainer (trainer@ziekenhuiszoek.test)");
    assert_eq!(count(&app, "trajectories").await, 0);
    // Another organisation's people are never found, nor accepted.
    let other = fixture(&app, "Ziekenhuis Ander").await;
    pl.get(&format!("{}?q=ander", team_page(&fx))).await.assert_has("Niemand gevonden");
    let p = pl.post(&team_page(&fx), &[("trainer", &other.trainer_id.to_string()), ("q", "")]).await;
    assert_eq!(p.status, 422);
    assert_eq!(count(&app, "trajectories").await, 0);
    // Only a program leader searches.
    let member = Client::logged_in(&app, &fx.o.member).await;
    let page = member.get(&format!("{}?q=tom", team_page(&fx))).await;
    assert!(!page.has("Tom Trainer"), "{}", page.body);
    let m = actor(&app, &fx.o.member).await;
    assert!(matches!(app.k.find_trainers(&m, "tom").await, Err(kartrekker::Error::Forbidden)));
    // Chosen from the results, the trajectory starts.
    start(&app, &fx).await;
}

async fn the_trainer_alone_is_no_respondent_kartrekker_or_voter(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Telling").await;
    let tid = start(&app, &fx).await;
    let b = format!("/teams/{}/trajectory/{tid}", fx.o.team_id);
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    // Intake: the leader and the member may answer, the trainer not.
    let page = trainer.get(&b).await;
    page.assert_has("Van dit team kunnen 2 mensen de intake invullen.");
    assert!(!page.has("Vul de vragenlijst in"));
    assert_eq!(trainer.post(&format!("{b}/intake"), &[("daily", "Ik"), ("proud", "")]).await.status, 403);
    // Kartrekker: the trainer is not among the choices, and is refused.
    advance_to(&app, &fx, tid, Phase::MirrorSession).await;
    let mirror = trainer.get(&format!("{b}/mirror")).await;
    assert!(!mirror.has(&format!("<option value=\"{}\"", fx.trainer_id)), "trainer offered as kartrekker");
    mirror.assert_has(&format!("<option value=\"{}\"", fx.o.member_id));
    let agreement = |k: String| {
        vec![
            ("title", "Overdracht zonder telefoon".to_string()),
            ("goal", "Rust".into()),
            ("kartrekker", k),
            ("due_date", "".into()),
        ]
    };
    let fields = agreement(fx.trainer_id.to_string());
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let p = trainer.post(&format!("{b}/mirror/agreements"), &fields).await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("De kartrekker moet lid zijn van het team.");
    assert_eq!(count(&app, "actions").await, 0);
    let board_form = trainer.get(&format!("/teams/{}/actions/new", fx.o.team_id)).await;
    assert!(!board_form.has(&format!("<option value=\"{}\"", fx.trainer_id)));
    let fields = agreement(fx.o.member_id.to_string());
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    trainer.get(&format!("{b}/mirror")).await;
    assert_eq!(trainer.post(&format!("{b}/mirror/agreements"), &fields).await.status, 303);
    let action: i64 = kartrekker::db::query_scalar("SELECT id FROM actions").fetch_one(&app.k.db).await.unwrap();
    // Evaluation: the trainer does not vote; the team does.
    advance_to(&app, &fx, tid, Phase::Evaluation).await;
    let e = format!("{b}/evaluations/{}", session_id(&app, tid, "evaluation").await);
    let page = trainer.get(&e).await;
    assert!(!page.has("name=\"helped\""), "no vote buttons for the trainer");
    let vote = [("action", action.to_string()), ("helped", "yes".to_string())];
    let vote: Vec<(&str, &str)> = vote.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(trainer.post(&format!("{e}/helped"), &vote).await.status, 403);
    let member = Client::logged_in(&app, &fx.o.member).await;
    member.get(&e).await.assert_has("name=\"helped\"");
    assert_eq!(member.post(&format!("{e}/helped"), &vote).await.status, 303);
    assert_eq!(count(&app, "trajectory_helped").await, 1);
    // A trainer who also works in the team in another role takes part like anyone.
    let admin = actor(&app, &fx.o.admin).await;
    app.k.add_member(&admin, fx.o.team_id, &fx.trainer_id.to_string(), "member").await.unwrap();
    trainer.get(&format!("{b}/intake")).await.assert_has("Van dit team kunnen 3 mensen de intake invullen.");
    trainer.get(&e).await.assert_has("name=\"helped\"");
    assert_eq!(trainer.post(&format!("{e}/helped"), &vote).await.status, 303);
    assert_eq!(count(&app, "trajectory_helped").await, 2);
    let board_form = trainer.get(&format!("/teams/{}/actions/new", fx.o.team_id)).await;
    board_form.assert_has(&format!("<option value=\"{}\"", fx.trainer_id));
}

async fn the_evaluation_shows_goals_progress_and_what_to_evaluate(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Voortgang").await;
    let tid = start(&app, &fx).await;
    let team = fx.o.team_id;
    let b = format!("/teams/{team}/trajectory/{tid}");
    advance_to(&app, &fx, tid, Phase::MirrorSession).await;
    let member = Client::logged_in(&app, &fx.o.member).await;
    let k = fx.o.member_id.to_string();
    member.get(&format!("{b}/mirror")).await;
    let agreed = [
        ("title", "Telefoon naar de coördinator"),
        ("goal", "Een overdracht zonder onderbreking"),
        ("kartrekker", &k),
        ("due_date", ""),
    ];
    assert_eq!(member.post(&format!("{b}/mirror/agreements"), &agreed).await.status, 303);
    let agreed_id: i64 = kartrekker::db::query_scalar("SELECT id FROM actions").fetch_one(&app.k.db).await.unwrap();
    member.get(&format!("/actions/{agreed_id}")).await;
    let p = member.post(&format!("/actions/{agreed_id}/updates"), &[("text", "De coördinator neemt nu op.")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    advance_to(&app, &fx, tid, Phase::Work).await;
    let first = session_id(&app, tid, "evaluation").await;
    let eval_day = kartrekker::dates::Date::parse(&session_date(&app, first).await.unwrap(), "d").unwrap();
    // Board actions: one to evaluate at this evaluation, one at a later one.
    let today = app.k.today();
    member.get(&format!("/teams/{team}/actions/new")).await;
    for (title, on) in [("Pauzes samen plannen", eval_day.add_days(-3)), ("Later bekijken", eval_day.add_days(10))] {
        let on = on.to_string();
        let fields =
            [("title", title), ("goal", "Samen pauze"), ("kartrekker", &k), ("due_date", ""), ("evaluation_date", &on)];
        let p = member.post(&format!("/teams/{team}/actions"), &fields).await;
        assert_eq!(p.status, 303, "{}", p.body);
    }
    // The reminder of the evaluation names the action to evaluate then.
    app.k.run_due_jobs().await.unwrap();
    app.clock.advance_ms((today.days_until(eval_day) - 3) * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let mail = app.smtp.to(&fx.trainer).into_iter().find(|m| m.data.contains("Binnenkort: evaluatie")).unwrap();
    assert!(mail.data.contains("Pauzes samen plannen"), "{}", mail.data);
    assert!(!mail.data.contains("Later bekijken"), "{}", mail.data);
    advance_to(&app, &fx, tid, Phase::Evaluation).await;
    // Weeks later: a new session.
    let member = Client::logged_in(&app, &fx.o.member).await;
    let page = member.get(&format!("{b}/evaluations/{first}")).await;
    page.assert_has("Doel: Een overdracht zonder onderbreking");
    page.assert_has("De coördinator neemt nu op.");
    page.assert_has("Laatste voortgang");
    page.assert_has("Op de agenda: evalueren op");
    page.assert_has("Pauzes samen plannen");
    page.assert_has(&day_text(eval_day.add_days(-3)));
    assert!(!page.has("Later bekijken"), "evaluated at a later evaluation");
    // After closing it, the next evaluation takes the later one.
    let trainer = actor(&app, &fx.trainer).await;
    let input = EvaluationInput { results: "Rustiger", next_steps: "", months: "1" };
    app.k.save_evaluation(&trainer, team, tid, first, &input, Complete::Anyway).await.unwrap();
    let next = session_id(&app, tid, "evaluation").await;
    let page = member.get(&format!("{b}/evaluations/{next}")).await;
    page.assert_has("Later bekijken");
    assert!(!page.has("Pauzes samen plannen"));
    // English too.
    let en = Client::with_language(&app, Some("en"));
    en.login(&fx.o.member, PASSWORD).await;
    en.get(&format!("{b}/evaluations/{first}")).await.assert_has("Goal: Een overdracht zonder onderbreking");
}

async fn closing_an_evaluation_keeps_its_planned_date(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Datum").await;
    let tid = start(&app, &fx).await;
    advance_to(&app, &fx, tid, Phase::Evaluation).await;
    let first = session_id(&app, tid, "evaluation").await;
    let planned = session_date(&app, first).await.unwrap();
    let today = app.k.today();
    // Closed five days after its planned date: it was held on that date.
    app.clock.advance_ms((today.days_until(kartrekker::dates::Date::parse(&planned, "d").unwrap()) + 5) * DAY_MS);
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    let e = format!("/teams/{}/trajectory/{tid}/evaluations/{first}", fx.o.team_id);
    trainer.get(&e).await;
    let p = trainer.post(&e, &[("results", "Goed"), ("next_steps", ""), ("months", "6"), ("complete", "1")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(session_date(&app, first).await.as_deref(), Some(planned.as_str()));
    assert_eq!(held_on(&app, first).await.as_deref(), Some(planned.as_str()));
    // Closed before its planned date: held today, and the planned date stays.
    let second = session_id(&app, tid, "evaluation").await;
    let planned2 = session_date(&app, second).await.unwrap();
    trainer.get(&format!("/teams/{}/trajectory/{tid}/evaluations/{second}", fx.o.team_id)).await;
    let e2 = format!("/teams/{}/trajectory/{tid}/evaluations/{second}", fx.o.team_id);
    let p =
        trainer.post(&e2, &[("results", "Weer goed"), ("next_steps", ""), ("months", "6"), ("complete", "1")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(session_date(&app, second).await.as_deref(), Some(planned2.as_str()));
    let held = app.k.today();
    assert_eq!(held_on(&app, second).await, Some(held.to_string()));
    let page = trainer.get(&e2).await;
    page.assert_has(&format!("Gehouden op</dt><dd>{}", day_text(held)));
    page.assert_has(&format!("gehouden op {}", day_text(held)));
    let planned2 = kartrekker::dates::Date::parse(&planned2, "d").unwrap();
    page.assert_has(&day_text(planned2));
}

async fn due_dates_read_as_deadlines_in_both_languages(app: TestApp) {
    let o = org(&app, "Ziekenhuis Termijn").await;
    let member = Client::logged_in(&app, &o.member).await;
    let k = o.member_id.to_string();
    let due = app.k.today().add_days(2).to_string();
    member.get(&format!("/teams/{}/actions/new", o.team_id)).await.assert_has("Uiterlijk");
    let fields = [
        ("title", "Werkoverleg plannen"),
        ("goal", "Elke week overleg"),
        ("kartrekker", &k),
        ("due_date", &due),
        ("evaluation_date", ""),
    ];
    assert_eq!(member.post(&format!("/teams/{}/actions", o.team_id), &fields).await.status, 303);
    let board = member.get(&format!("/teams/{}/actions", o.team_id)).await;
    board.assert_has("Uiterlijk: ");
    assert!(!board.has("Klaar op"));
    // Past the date: "Overdue" in English.
    app.clock.advance_ms(3 * DAY_MS);
    let en = Client::with_language(&app, Some("en"));
    en.login(&o.member, PASSWORD).await;
    let board = en.get(&format!("/teams/{}/actions", o.team_id)).await;
    board.assert_has("Due by: ");
    board.assert_has(">Overdue</strong>");
    en.get("/actions/overdue").await.assert_has("Overdue actions");
    assert!(!board.has("past its date"));
}

async fn the_projector_has_no_header_keys_and_an_agreement_form_on_the_last_slide(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Beamer").await;
    let tid = start(&app, &fx).await;
    let b = format!("/teams/{}/trajectory/{tid}", fx.o.team_id);
    advance_to(&app, &fx, tid, Phase::MirrorSession).await;
    let member = Client::logged_in(&app, &fx.o.member).await;
    // No themes: the title slide and the agreements.
    let first = member.get(&format!("{b}/mirror/present/0")).await;
    assert_eq!(first.status, 200);
    assert!(!first.has("<header") && !first.has("Uitloggen"), "no app header on the projector");
    first.assert_has("<script src=\"/static/present.js\" defer></script>");
    first.assert_has("rel=\"next\"");
    assert!(!first.has("name=\"title\""), "the form is on the last slide only");
    let js = Client::new(&app).get("/static/present.js").await;
    assert_eq!(js.status, 200);
    assert!(js.content_type.as_deref().is_some_and(|t| t.starts_with("text/javascript")));
    for key in ["ArrowRight", "ArrowLeft", "PageDown", "PageUp"] {
        js.assert_has(key);
    }
    let last = member.get(&format!("{b}/mirror/present/1")).await;
    last.assert_has(&format!("action=\"{b}/mirror/present/1/agreements\""));
    last.assert_has(&format!("<option value=\"{}\">Lars Lid</option>", fx.o.member_id));
    // Bad input: the slide again with the message and what was typed; nothing made.
    let k = fx.o.member_id.to_string();
    let p = member
        .post(
            &format!("{b}/mirror/present/1/agreements"),
            &[("title", ""), ("goal", "Rust bij de overdracht"), ("kartrekker", &k), ("due_date", "")],
        )
        .await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("error-summary");
    p.assert_has("Rust bij de overdracht");
    assert!(!p.has("<header"));
    assert_eq!(count(&app, "actions").await, 0);
    let p = member
        .post(
            &format!("{b}/mirror/present/1/agreements"),
            &[
                ("title", "Telefoon naar de coördinator"),
                ("goal", "Rust bij de overdracht"),
                ("kartrekker", &k),
                ("due_date", ""),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(
        p.location.as_deref(),
        Some(format!("{b}/mirror/present/1?notice=notice-trajectory-agreement-added#agreements").as_str())
    );
    let last = member.get(p.location.as_deref().unwrap()).await;
    last.assert_has("Telefoon naar de coördinator");
    last.assert_has("role=\"status\"");
    assert_eq!(count(&app, "actions").await, 1);
    // The program leader follows but does not agree; another organisation sees nothing.
    let pl = Client::logged_in(&app, &fx.pl).await;
    assert!(!pl.get(&format!("{b}/mirror/present/1")).await.has("name=\"title\""));
    let p = pl
        .post(
            &format!("{b}/mirror/present/1/agreements"),
            &[("title", "Niet van mij"), ("goal", "x"), ("kartrekker", &k)],
        )
        .await;
    assert_eq!(p.status, 403);
    let other = fixture(&app, "Ziekenhuis Vreemd").await;
    let stranger = Client::logged_in(&app, &other.o.member).await;
    assert_eq!(stranger.get(&format!("{b}/mirror/present/1")).await.status, 404);
    let p = stranger
        .post(&format!("{b}/mirror/present/1/agreements"), &[("title", "Inbraak"), ("goal", "x"), ("kartrekker", &k)])
        .await;
    assert_eq!(p.status, 404);
    assert_eq!(count(&app, "actions").await, 1);
    // After the mirror session the last slide only shows what was agreed.
    advance_to(&app, &fx, tid, Phase::Work).await;
    let last = member.get(&format!("{b}/mirror/present/1")).await;
    last.assert_has("Telefoon naar de coördinator");
    assert!(!last.has("name=\"title\""));
}

async fn the_schema_prints_one_page_per_trajectory(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Schema").await;
    let tid = start(&app, &fx).await;
    let b = format!("/teams/{}/trajectory/{tid}", fx.o.team_id);
    advance_to(&app, &fx, tid, Phase::MirrorSession).await;
    let member = Client::logged_in(&app, &fx.o.member).await;
    member.get(&format!("{b}/mirror")).await;
    let k = fx.o.member_id.to_string();
    let on = app.k.today().add_days(20).to_string();
    let fields = [
        ("title", "Telefoon naar de coördinator"),
        ("goal", "Een overdracht zonder onderbreking"),
        ("kartrekker", &k),
        ("due_date", ""),
        ("evaluation_date", &on),
    ];
    assert_eq!(member.post(&format!("{b}/mirror/agreements"), &fields).await.status, 303);
    let action: i64 = kartrekker::db::query_scalar("SELECT id FROM actions").fetch_one(&app.k.db).await.unwrap();
    let m = actor(&app, &fx.o.member).await;
    app.k.add_action_update(&m, action, "De coördinator neemt nu op.").await.unwrap();
    advance_to(&app, &fx, tid, Phase::Evaluation).await;
    let first = session_id(&app, tid, "evaluation").await;
    app.k.answer_helped(&m, fx.o.team_id, tid, first, action, "yes").await.unwrap();
    let trainer = actor(&app, &fx.trainer).await;
    let input = EvaluationInput { results: "De overdracht is rustiger.", next_steps: "Zo doorgaan.", months: "6" };
    app.k.save_evaluation(&trainer, fx.o.team_id, tid, first, &input, Complete::Anyway).await.unwrap();
    // From the trajectory's menu, the schema of 001: agreement, goal, kartrekker, status, evaluation.
    let team_page = member.get(&b).await;
    team_page.assert_has(&format!("href=\"{b}/print\""));
    let sheet = member.get(&format!("{b}/print")).await;
    assert_eq!(sheet.status, 200);
    sheet.assert_has("<h1>Afspraken van Interne B3</h1>");
    sheet.assert_has("<article class=\"print-sheet\">");
    for text in [
        "Telefoon naar de coördinator",
        "Een overdracht zonder onderbreking",
        "Lars Lid",
        "Open",
        "Evalueren op",
        "1 ja, 0 nee",
        "De coördinator neemt nu op.",
        "De overdracht is rustiger.",
        "Zo doorgaan.",
        "Trainer: Tom Trainer.",
    ] {
        sheet.assert_has(text);
    }
    sheet.assert_has(&format!("gehouden op {}", day_text(app.k.today())));
    // Print CSS: one page per trajectory, the app's header left off.
    let css = Client::new(&app).get("/static/app.css").await;
    css.assert_has(".print-sheet { break-after: page;");
    css.assert_has("header.top, .skip, .no-print, .subnav { display: none; }");
    // The program leader prints every team's; another organisation gets 404.
    let pl = Client::logged_in(&app, &fx.pl).await;
    pl.get(&format!("{b}/print")).await.assert_has("Telefoon naar de coördinator");
    let other = fixture(&app, "Ziekenhuis Elders").await;
    let stranger = Client::logged_in(&app, &other.pl).await;
    assert_eq!(stranger.get(&format!("{b}/print")).await.status, 404);
    // English too.
    let en = Client::with_language(&app, Some("en"));
    en.login(&fx.o.member, PASSWORD).await;
    en.get(&format!("{b}/print")).await.assert_has("Agreements of Interne B3");
}
