//! The team trajectory "Leidinggeven & leidingkrijgen" over HTTP: the five
//! steps, no step skipped, other organisations kept out, anonymous intake,
//! sessions and their .ics files, the program leader's overview and the
//! re-evaluation reminder.
//!
//! Over 500 lines: one area's tests share the fixture and helpers at the top;
//! the whole trajectory is walked in one test on purpose (each step needs
//! the state the previous one left).

use kartrekker::clock::DAY_MS;
use kartrekker::dates::Date;
use kartrekker::trajectories::{Complete, EvaluationInput, Phase};

use kartrekker_testkit::*;

both_databases!(
    the_whole_trajectory_runs_over_http,
    a_phase_cannot_be_skipped,
    another_organisation_gets_404_on_every_trajectory_route,
    anonymous_intake_answers_carry_no_person,
    named_intake_answers_are_edited_not_doubled,
    an_agenda_over_two_hours_is_refused_with_the_form_kept,
    sessions_download_as_ics,
    the_overview_sorts_filters_counts_and_pages,
    the_re_evaluation_reminder_is_sent_once,
);

/// An organisation with, besides `org()`'s people, a program leader and a
/// trainer from outside the team.
pub(crate) use kartrekker_testkit::{TrajectoryOrg as Fx, trajectory_org as fixture};

/// Starts the trajectory as the program leader, over HTTP; returns its id.
pub(crate) async fn start(app: &TestApp, fx: &Fx) -> i64 {
    let c = Client::logged_in(app, &fx.pl).await;
    c.get(&format!("/teams/{}/trajectory", fx.o.team_id)).await;
    let p = c.post(&format!("/teams/{}/trajectory", fx.o.team_id), &[("trainer", &fx.trainer_id.to_string())]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let loc = p.location.unwrap();
    let tid = loc.split('/').nth(4).unwrap().split('?').next().unwrap();
    tid.parse().unwrap()
}

/// (id, kind, seq) of every session.
async fn sessions(app: &TestApp, tid: i64) -> Vec<(i64, String, i64)> {
    let rows =
        kartrekker::db::query("SELECT id, kind, seq FROM trajectory_sessions WHERE trajectory_id = $1 ORDER BY id")
            .bind(tid)
            .fetch_all(&app.k.db)
            .await
            .unwrap();
    rows.iter().map(|r| (r.get("id").unwrap(), r.get("kind").unwrap(), r.get("seq").unwrap())).collect()
}

pub(crate) async fn session_id(app: &TestApp, tid: i64, kind: &str) -> i64 {
    sessions(app, tid).await.into_iter().filter(|(_, k, _)| k == kind).map(|(id, _, _)| id).next_back().unwrap()
}

pub(crate) async fn session_date(app: &TestApp, sid: i64) -> Option<String> {
    kartrekker::db::query_scalar("SELECT date FROM trajectory_sessions WHERE id = $1")
        .bind(sid)
        .fetch_one(&app.k.db)
        .await
        .unwrap()
}

pub(crate) async fn held_on(app: &TestApp, sid: i64) -> Option<String> {
    kartrekker::db::query_scalar("SELECT held_on FROM trajectory_sessions WHERE id = $1")
        .bind(sid)
        .fetch_one(&app.k.db)
        .await
        .unwrap()
}

/// Moves the trajectory on through the service, as the trainer.
pub(crate) async fn advance_to(app: &TestApp, fx: &Fx, tid: i64, to: Phase) {
    let trainer = actor(app, &fx.trainer).await;
    loop {
        let now = Phase::from_code(&phase_of(app, tid).await).unwrap();
        if now >= to {
            return;
        }
        app.k.advance_trajectory(&trainer, fx.o.team_id, tid, now.code()).await.unwrap();
    }
}

pub(crate) fn day_text(d: Date) -> String {
    let (y, m, dd) = d.ymd();
    format!("{dd:02}-{m:02}-{y:04}")
}

async fn the_whole_trajectory_runs_over_http(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Traject").await;
    min_group_size(&app, &fx.o.admin, 3).await;
    let team = fx.o.team_id;
    let pl = Client::logged_in(&app, &fx.pl).await;
    // The program leader finds the team without a trajectory and starts one.
    let overview = pl.get("/program/trajectories").await;
    overview.assert_has("Interne B3");
    overview.assert_has("Geen traject");
    pl.get("/").await.assert_has("href=\"/program/trajectories\"");
    pl.get(&format!("/teams/{team}/trajectory")).await.assert_has("Traject starten");
    let tid = start(&app, &fx).await;
    let b = format!("/teams/{team}/trajectory/{tid}");
    let roles: Vec<String> =
        kartrekker::db::query_scalar("SELECT role FROM team_members WHERE team_id = $1 AND person_id = $2")
            .bind(team)
            .bind(fx.trainer_id)
            .fetch_all(&app.k.db)
            .await
            .unwrap();
    assert_eq!(roles, ["trainer"], "the trainer joined the team as trainer");

    let trainer = Client::logged_in(&app, &fx.trainer).await;
    let leader = Client::logged_in(&app, &fx.o.leader).await;
    let member = Client::logged_in(&app, &fx.o.member).await;
    let page = trainer.get(&b).await;
    page.assert_has("Stap nu: Intake.");
    page.assert_has("Afronden en door naar Observatie");

    // 1. Intake: both answer, the trainer groups the answers into a theme.
    member.get(&format!("{b}/intake")).await.assert_has("Waar loop je tegenaan in je dagelijkse werk?");
    let p = member
        .post(
            &format!("{b}/intake"),
            &[("daily", "De telefoon gaat steeds tijdens de overdracht."), ("proud", "We helpen elkaar.")],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    leader.get(&format!("{b}/intake")).await;
    let p = leader.post(&format!("{b}/intake"), &[("daily", "Te weinig tijd voor overleg."), ("proud", "")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    // Two are fewer than the minimum group size (3 here): no count, no answers.
    let hidden = trainer.get(&format!("{b}/intake")).await;
    hidden.assert_has("zie je vanaf 3 antwoorden");
    assert!(!hidden.has("De telefoon gaat steeds"));
    // Four: at the mirror session each of them sees three others' answers.
    for (e, _) in more_members(&app, &fx.o, &["Derde", "Vierde"], "traject.test").await {
        app.k.answer_intake(&actor(&app, &e).await, team, tid, "Het rooster komt laat.", "").await.unwrap();
    }
    let shown = trainer.get(&format!("{b}/intake")).await;
    shown.assert_has("4 teamleden hebben de vragenlijst ingevuld");
    shown.assert_has("De telefoon gaat steeds");
    let p = trainer.post(&format!("{b}/themes"), &[("title", "Overdracht"), ("back", "intake")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let theme: i64 = kartrekker::db::query_scalar("SELECT id FROM trajectory_themes WHERE trajectory_id = $1")
        .bind(tid)
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    let answer: i64 =
        kartrekker::db::query_scalar("SELECT id FROM trajectory_intake_answers WHERE text LIKE '%telefoon%'")
            .fetch_one(&app.k.db)
            .await
            .unwrap();
    trainer.get(&format!("{b}/intake")).await;
    let p = trainer.post(&format!("{b}/answers/{answer}/theme"), &[("theme", &theme.to_string())]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    // The intake session: planned and attended.
    let intake = session_id(&app, tid, "intake").await;
    trainer.get(&format!("{b}/sessions/{intake}")).await;
    let today = app.k.today();
    let p = trainer
        .post(
            &format!("{b}/sessions/{intake}"),
            &[
                ("date", &today.to_string()),
                ("start_time", "09:30"),
                ("minutes", "90"),
                ("location", "Stafkamer B3"),
                ("agenda", "Kennismaken\nVragenlijst bespreken"),
                ("attendees", &fx.o.member_id.to_string()),
                ("attendees", &fx.leader_id.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(count(&app, "trajectory_attendance").await, 2);
    trainer.get(&b).await;
    assert_eq!(trainer.post(&format!("{b}/advance"), &[("from", "intake")]).await.status, 303);

    // 2. Observation: facts, under the theme.
    let p = trainer.get(&format!("{b}/observations")).await;
    p.assert_has("Schrijf op wat je zag en hoorde, niet wat je ervan vindt.");
    let p = trainer
        .post(
            &format!("{b}/observations"),
            &[
                ("date", &today.to_string()),
                ("category", "problem"),
                ("text", "Tijdens de overdracht van 7.30 uur ging drie keer de telefoon."),
                ("theme", &theme.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    trainer.get(&b).await;
    assert_eq!(trainer.post(&format!("{b}/advance"), &[("from", "observation")]).await.status, 303);

    // 3. Mirror session: the team sees it, on the projector too, and agrees on actions.
    let p = member.get(&format!("{b}/mirror")).await;
    assert_eq!(p.status, 200);
    p.assert_has("Overdracht");
    p.assert_has("De telefoon gaat steeds tijdens de overdracht.");
    p.assert_has("Tijdens de overdracht van 7.30 uur ging drie keer de telefoon.");
    let slide = member.get(&format!("{b}/mirror/present/1")).await;
    slide.assert_has("<h1>Overdracht</h1>");
    slide.assert_has("accesskey=\"n\"");
    slide.assert_has("accesskey=\"p\"");
    assert_eq!(member.get(&format!("{b}/mirror/present/99")).await.status, 404);
    trainer.get(&format!("{b}/mirror")).await;
    let p = trainer
        .post(&format!("{b}/themes/{theme}/reflection"), &[("reflection", "Iedereen herkent het; het stoort.")])
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let due = today.add_days(21).to_string();
    let p = member
        .post(
            &format!("{b}/mirror/agreements"),
            &[
                ("title", "Telefoon tijdens de overdracht naar de coördinator"),
                ("goal", "Een overdracht zonder onderbrekingen"),
                ("kartrekker", &fx.o.member_id.to_string()),
                ("due_date", &due),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    leader.get(&format!("{b}/mirror")).await;
    let p = leader
        .post(
            &format!("{b}/mirror/agreements"),
            &[
                ("title", "Wekelijks tien minuten teamoverleg"),
                ("goal", "Tijd om samen te overleggen"),
                ("kartrekker", &fx.leader_id.to_string()),
                ("due_date", ""),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let agreed: Vec<i64> = kartrekker::db::query_scalar(
        "SELECT id FROM actions WHERE origin_kind = 'mirror_session' AND origin_id = $1 ORDER BY id",
    )
    .bind(tid)
    .fetch_all(&app.k.db)
    .await
    .unwrap();
    assert_eq!(agreed.len(), 2);
    member.get(&format!("{b}/mirror")).await.assert_has("Wekelijks tien minuten teamoverleg");
    leader.get(&b).await;
    assert_eq!(leader.post(&format!("{b}/advance"), &[("from", "mirror_session")]).await.status, 303);

    // 4. Work on it: 8 weeks is allowed, with a warning; the evaluation moves along.
    let first = session_id(&app, tid, "evaluation").await;
    assert_eq!(session_date(&app, first).await, Some(today.add_days(42).to_string()));
    let p = trainer.get(&b).await;
    p.assert_has("Het team gaat 6 weken aan de slag.");
    assert!(!p.has("Het advies is 4 tot 6 weken"));
    assert_eq!(trainer.post(&format!("{b}/work"), &[("weeks", "8")]).await.status, 303);
    trainer.get(&b).await.assert_has("Het advies is 4 tot 6 weken");
    assert_eq!(session_date(&app, first).await, Some(today.add_days(56).to_string()));
    let p = trainer.post(&format!("{b}/work"), &[("weeks", "zes")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Vul een aantal weken in tussen 1 en 26.");
    trainer.get(&b).await;
    assert_eq!(trainer.post(&format!("{b}/advance"), &[("from", "work")]).await.status, 303);

    // 5. Evaluation: what was agreed, did it help, results, and the next one planned.
    let to = member.get(&format!("{b}/evaluation")).await;
    assert_eq!(to.location.as_deref(), Some(format!("{b}/evaluations/{first}").as_str()));
    let e = format!("{b}/evaluations/{first}");
    let p = member.get(&e).await;
    p.assert_has("Telefoon tijdens de overdracht naar de coördinator");
    p.assert_has("Heeft het geholpen?");
    let a1 = agreed[0].to_string();
    assert_eq!(member.post(&format!("{e}/helped"), &[("action", &a1), ("helped", "yes")]).await.status, 303);
    member.get(&e).await;
    assert_eq!(member.post(&format!("{e}/helped"), &[("action", &a1), ("helped", "no")]).await.status, 303);
    // Completing before everyone voted asks first, keeping what was typed; nothing changes.
    trainer.get(&e).await;
    let early = [("results", "Bijna klaar"), ("next_steps", ""), ("months", "6"), ("complete", "1")];
    let p = trainer.post(&e, &early).await;
    assert_eq!(p.status, 200, "{}", p.body);
    p.assert_has("1 van de 4 hebben gestemd of de afspraken hielpen. Toch afronden?");
    p.assert_has("Bijna klaar");
    p.assert_has("name=\"complete\" value=\"anyway\"");
    assert_eq!(phase_of(&app, tid).await, "evaluation");
    assert!(held_on(&app, first).await.is_none());
    leader.get(&e).await;
    assert_eq!(leader.post(&format!("{e}/helped"), &[("action", &a1), ("helped", "yes")]).await.status, 303);
    assert_eq!(count(&app, "trajectory_helped").await, 2, "one answer per person per action");
    member.get(&e).await.assert_has("1 ja, 1 nee");
    // Completing without results keeps what was typed.
    trainer.get(&e).await;
    let p = trainer.post(&e, &[("results", " "), ("next_steps", "Doorgaan"), ("months", "6"), ("complete", "1")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Schrijf op wat de afspraken hebben opgeleverd");
    assert_eq!(p.input_value("months").as_deref(), Some("6"));
    p.assert_has("Doorgaan");
    let p = trainer
        .post(
            &e,
            &[
                ("results", "De overdracht is rustiger."),
                ("next_steps", "Het overleg blijft."),
                ("months", "6"),
                ("complete", "anyway"),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(phase_of(&app, tid).await, "re_evaluation");
    assert_eq!(session_date(&app, first).await, Some(today.add_days(56).to_string()), "the planned date stays");
    let held = Date::parse(&held_on(&app, first).await.unwrap(), "d").unwrap();
    assert_eq!(held, today, "held today, before its planned date");
    let next = session_id(&app, tid, "evaluation").await;
    assert_ne!(next, first);
    assert_eq!(session_date(&app, next).await, Some(held.add_months(6).to_string()));
    let page = trainer.get(&b).await;
    page.assert_has("Herevaluatie 1");
    page.assert_has(&day_text(held.add_months(6)));
    // A completed evaluation stays as it was.
    trainer.get(&e).await;
    let p = trainer.post(&e, &[("results", "Anders"), ("next_steps", ""), ("months", "6"), ("complete", "1")]).await;
    assert_eq!(p.status, 422);
    // The overview shows the phase, the actions and the evaluations.
    let o = pl.get("/program/trajectories").await;
    let b3 = row_of(&o.body, "Interne B3");
    assert!(b3.contains("Herevaluatie") && b3.contains("0 dagen"), "{b3}");
    o.assert_has(&day_text(held.add_months(6)));
    // The board shows the agreed actions.
    let board = member.get(&format!("/teams/{team}/actions")).await;
    board.assert_has("Telefoon tijdens de overdracht naar de coördinator");
}

async fn a_phase_cannot_be_skipped(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Stap").await;
    let tid = start(&app, &fx).await;
    let b = format!("/teams/{}/trajectory/{tid}", fx.o.team_id);
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    let member = Client::logged_in(&app, &fx.o.member).await;
    trainer.get(&b).await;
    for from in ["observation", "mirror_session", "work", "evaluation", "re_evaluation", "onzin"] {
        let p = trainer.post(&format!("{b}/advance"), &[("from", from)]).await;
        assert_eq!(p.status, 422, "advance from {from}: {}", p.body);
        assert_eq!(phase_of(&app, tid).await, "intake");
    }
    let p = trainer.post(&format!("{b}/advance"), &[("from", "mirror_session")]).await;
    p.assert_has("Het traject is niet (meer) in deze stap.");
    // The later steps' forms are refused in the intake.
    let p = trainer
        .post(
            &format!("{b}/observations"),
            &[("date", &app.k.today().to_string()), ("category", "work"), ("text", "Gezien"), ("theme", "")],
        )
        .await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("Dat kan niet in de stap waarin het traject nu is.");
    assert_eq!(count(&app, "trajectory_observations").await, 0);
    let k = fx.o.member_id.to_string();
    let agreement = [("title", "Voorbarig"), ("goal", "Doel"), ("kartrekker", k.as_str()), ("due_date", "")];
    let p = trainer.post(&format!("{b}/mirror/agreements"), &agreement).await;
    assert_eq!(p.status, 422, "{}", p.body);
    assert_eq!(count(&app, "actions").await, 0);
    let eval = session_id(&app, tid, "evaluation").await;
    let p = trainer
        .post(
            &format!("{b}/evaluations/{eval}"),
            &[("results", "Klaar"), ("next_steps", ""), ("months", "6"), ("complete", "1")],
        )
        .await;
    assert_eq!(p.status, 422, "{}", p.body);
    assert_eq!(sessions(&app, tid).await.len(), 3, "no re-evaluation planned");
    // A member may not move the trajectory on at all.
    member.get(&b).await;
    assert_eq!(member.post(&format!("{b}/advance"), &[("from", "intake")]).await.status, 403);
    // The same form sent twice moves on once (confirmed: nobody answered yet).
    let finish = [("from", "intake"), ("confirm", "yes")];
    assert_eq!(trainer.post(&format!("{b}/advance"), &finish).await.status, 303);
    assert_eq!(trainer.post(&format!("{b}/advance"), &finish).await.status, 422);
    assert_eq!(phase_of(&app, tid).await, "observation");
    // Answers are for the intake only.
    member.get(&format!("{b}/intake")).await.assert_has("De intake is afgerond");
    let p = member.post(&format!("{b}/intake"), &[("daily", "Te laat"), ("proud", "")]).await;
    assert_eq!(p.status, 422);
    assert_eq!(count(&app, "trajectory_intake_answers").await, 0);
    // Observations and the mirror session are not for the team before the mirror session.
    assert_eq!(member.get(&format!("{b}/observations")).await.status, 403);
    assert_eq!(member.get(&format!("{b}/mirror")).await.status, 403);
}

async fn another_organisation_gets_404_on_every_trajectory_route(app: TestApp) {
    let a = fixture(&app, "Ziekenhuis Alfa").await;
    let b = fixture(&app, "Ziekenhuis Beta").await;
    let tid = start(&app, &a).await;
    let ta = a.o.team_id;
    let trainer = actor(&app, &a.trainer).await;
    let member = actor(&app, &a.o.member).await;
    app.k.answer_intake(&member, ta, tid, "Geheim antwoord van Alfa", "").await.unwrap();
    let theme = app.k.add_theme(&trainer, ta, tid, "Thema van Alfa").await.unwrap();
    let answer: i64 =
        kartrekker::db::query_scalar("SELECT id FROM trajectory_intake_answers").fetch_one(&app.k.db).await.unwrap();
    advance_to(&app, &a, tid, Phase::Observation).await;
    let obs = kartrekker::trajectories::ObservationInput {
        date: &app.k.today().to_string(),
        category: "work",
        text: "Geheime observatie van Alfa",
        theme: "",
    };
    let oid = app.k.add_observation(&trainer, ta, tid, &obs).await.unwrap();
    let sid = session_id(&app, tid, "intake").await;
    let eval = session_id(&app, tid, "evaluation").await;
    let base = format!("/teams/{ta}/trajectory/{tid}");
    let gets = [
        format!("/teams/{ta}/trajectory"),
        base.clone(),
        format!("{base}/intake"),
        format!("{base}/observations"),
        format!("{base}/mirror"),
        format!("{base}/mirror/present/0"),
        format!("{base}/sessions/{sid}"),
        format!("{base}/sessions/{sid}/calendar.ics"),
        format!("{base}/evaluation"),
        format!("{base}/evaluations/{eval}"),
    ];
    let posts = [
        format!("/teams/{ta}/trajectory"),
        format!("{base}/advance"),
        format!("{base}/work"),
        format!("{base}/intake"),
        format!("{base}/intake/anonymity"),
        format!("{base}/themes"),
        format!("{base}/answers/{answer}/theme"),
        format!("{base}/observations"),
        format!("{base}/observations/{oid}/theme"),
        format!("{base}/themes/{theme}/reflection"),
        format!("{base}/mirror/agreements"),
        format!("{base}/sessions/{sid}"),
        format!("{base}/evaluations/{eval}"),
        format!("{base}/evaluations/{eval}/helped"),
        format!("{base}/evaluations/{eval}/agreements"),
    ];
    let before = (count(&app, "trajectories").await, count(&app, "actions").await, phase_of(&app, tid).await);
    // Every kind of person of B: program leader, trainer, team leader, member.
    for email in [&b.pl, &b.trainer, &b.o.leader, &b.o.member] {
        let c = Client::logged_in(&app, email).await;
        for path in &gets {
            let p = c.get(path).await;
            assert_eq!(p.status, 404, "GET {path} by {email}:\n{}", p.body);
            assert!(!p.has("Alfa") && !p.has("Geheim"), "GET {path} leaks");
        }
        for path in &posts {
            let p = c
                .post(
                    path,
                    &[
                        ("trainer", &b.trainer_id.to_string()),
                        ("from", "observation"),
                        ("weeks", "5"),
                        ("daily", "Ingebroken"),
                        ("anonymous", "no"),
                        ("title", "Ingebroken"),
                        ("theme", ""),
                        ("date", "2026-01-01"),
                        ("category", "work"),
                        ("text", "Ingebroken"),
                        ("reflection", "Ingebroken"),
                        ("goal", "Ingebroken"),
                        ("kartrekker", &b.o.member_id.to_string()),
                        ("minutes", "60"),
                        ("results", "Ingebroken"),
                        ("months", "6"),
                        ("action", "1"),
                        ("helped", "yes"),
                    ],
                )
                .await;
            assert_eq!(p.status, 404, "POST {path} by {email}:\n{}", p.body);
        }
    }
    let after = (count(&app, "trajectories").await, count(&app, "actions").await, phase_of(&app, tid).await);
    assert_eq!(before, after);
    let texts: Vec<String> =
        kartrekker::db::query_scalar("SELECT text FROM trajectory_observations").fetch_all(&app.k.db).await.unwrap();
    assert_eq!(texts, ["Geheime observatie van Alfa"]);
    // B's overview shows B's teams only.
    let c = Client::logged_in(&app, &b.pl).await;
    let o = c.get("/program/trajectories").await;
    assert_eq!(o.status, 200);
    assert!(o.has(&format!("/teams/{}/trajectory", b.o.team_id)) && !o.has(&format!("/teams/{ta}/trajectory")));
}

async fn anonymous_intake_answers_carry_no_person(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Anoniem").await;
    let tid = start(&app, &fx).await;
    let b = format!("/teams/{}/trajectory/{tid}", fx.o.team_id);
    let member = Client::logged_in(&app, &fx.o.member).await;
    let page = member.get(&format!("{b}/intake")).await;
    page.assert_has("Je antwoorden zijn anoniem");
    let p = member.post(&format!("{b}/intake"), &[("daily", "Het rooster"), ("proud", "De zorg")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let rows = kartrekker::db::query("SELECT person_id, updated_at, text FROM trajectory_intake_answers ORDER BY text")
        .fetch_all(&app.k.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    for r in &rows {
        assert_eq!(r.get::<Option<i64>>("person_id").unwrap(), None, "no person with an anonymous answer");
        assert_eq!(r.get::<Option<i64>>("updated_at").unwrap(), None, "no time that could match the participation");
    }
    let who: Vec<i64> = kartrekker::db::query_scalar("SELECT person_id FROM trajectory_intake_participants")
        .fetch_all(&app.k.db)
        .await
        .unwrap();
    assert_eq!(who, [fx.o.member_id], "who took part is kept apart");
    // Once: a second answer is refused, and the form says so.
    let page = member.get(&format!("{b}/intake")).await;
    page.assert_has("Je hebt de vragenlijst anoniem ingevuld.");
    let p = member.post(&format!("{b}/intake"), &[("daily", "Nog een keer"), ("proud", "")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Je hebt de vragenlijst al anoniem ingevuld.");
    assert_eq!(count(&app, "trajectory_intake_answers").await, 2);
    // One answer is far below the minimum group size: the trainer sees
    // neither it nor a count, and can no longer make the intake named.
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    let page = trainer.get(&format!("{b}/intake")).await;
    page.assert_has("zie je vanaf 5 antwoorden");
    assert!(!page.has("Het rooster") && !page.has("Lars Lid"));
    let p = trainer.post(&format!("{b}/intake/anonymity"), &[("anonymous", "no")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Er zijn al antwoorden gegeven.");
    // The trainer does not answer the team's questionnaire.
    assert_eq!(trainer.post(&format!("{b}/intake"), &[("daily", "Ik"), ("proud", "")]).await.status, 403);
}

async fn named_intake_answers_are_edited_not_doubled(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Naam").await;
    let tid = start(&app, &fx).await;
    let b = format!("/teams/{}/trajectory/{tid}", fx.o.team_id);
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    trainer.get(&format!("{b}/intake")).await;
    assert_eq!(trainer.post(&format!("{b}/intake/anonymity"), &[("anonymous", "no")]).await.status, 303);
    let member = Client::logged_in(&app, &fx.o.member).await;
    member.get(&format!("{b}/intake")).await.assert_has("Je antwoorden worden bewaard met je naam");
    let p = member.post(&format!("{b}/intake"), &[("daily", ""), ("proud", "")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Beantwoord minstens één van de twee vragen.");
    assert_eq!(member.post(&format!("{b}/intake"), &[("daily", "Eerst"), ("proud", "Trots")]).await.status, 303);
    let page = member.get(&format!("{b}/intake")).await;
    page.assert_has("Je kunt je antwoorden hieronder nog aanpassen.");
    page.assert_has(">Eerst</textarea>");
    assert_eq!(member.post(&format!("{b}/intake"), &[("daily", "Later"), ("proud", "")]).await.status, 303);
    let rows = kartrekker::db::query("SELECT person_id, question, text FROM trajectory_intake_answers")
        .fetch_all(&app.k.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "edited, and the emptied answer gone");
    assert_eq!(rows[0].get::<Option<i64>>("person_id").unwrap(), Some(fx.o.member_id));
    assert_eq!(rows[0].get::<String>("text").unwrap(), "Later");
    assert_eq!(count(&app, "trajectory_intake_participants").await, 1);
}

async fn an_agenda_over_two_hours_is_refused_with_the_form_kept(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Agenda").await;
    let tid = start(&app, &fx).await;
    let sid = session_id(&app, tid, "mirror_session").await;
    let path = format!("/teams/{}/trajectory/{tid}/sessions/{sid}", fx.o.team_id);
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    trainer.get(&path).await.assert_has("Duur in minuten (hoogstens 120)");
    let p = trainer
        .post(
            &path,
            &[
                ("date", "2027-03-04"),
                ("start_time", "13:00"),
                ("minutes", "150"),
                ("location", "Collegezaal"),
                ("agenda", "Wat heb ik gezien\nReflectie per thema"),
                ("attendees", &fx.o.member_id.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, 422);
    p.assert_has("Een bijeenkomst duurt hoogstens 2 uur: vul 120 minuten of minder in.");
    assert_eq!(p.input_value("minutes").as_deref(), Some("150"));
    assert_eq!(p.input_value("date").as_deref(), Some("2027-03-04"));
    assert_eq!(p.input_value("location").as_deref(), Some("Collegezaal"));
    p.assert_has("Wat heb ik gezien\nReflectie per thema</textarea>");
    p.assert_has(&format!("value=\"{}\" checked", fx.o.member_id));
    let minutes: i64 = kartrekker::db::query_scalar("SELECT minutes FROM trajectory_sessions WHERE id = $1")
        .bind(sid)
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(minutes, 120, "nothing saved");
    assert_eq!(count(&app, "trajectory_attendance").await, 0);
    // Other nonsense is named field by field.
    let p = trainer
        .post(
            &path,
            &[
                ("date", "31-02-2027"),
                ("start_time", "25:00"),
                ("minutes", "twee uur"),
                ("agenda", ""),
                ("location", ""),
            ],
        )
        .await;
    assert_eq!(p.status, 422);
    p.assert_has("Vul een geldige datum in");
    p.assert_has("Vul een tijd in, zoals 14:30.");
    p.assert_has("Vul de duur in als een aantal minuten");
    // A member sees the session but cannot plan it.
    let member = Client::logged_in(&app, &fx.o.member).await;
    assert_eq!(member.get(&path).await.status, 200);
    assert_eq!(member.post(&path, &[("minutes", "60")]).await.status, 403);
}

async fn sessions_download_as_ics(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Agenda Bestand").await;
    let tid = start(&app, &fx).await;
    let sid = session_id(&app, tid, "intake").await;
    let path = format!("/teams/{}/trajectory/{tid}/sessions/{sid}", fx.o.team_id);
    let member = Client::logged_in(&app, &fx.o.member).await;
    assert_eq!(member.get(&format!("{path}/calendar.ics")).await.status, 404, "no date, no file");
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    trainer.get(&path).await;
    let p = trainer
        .post(
            &path,
            &[
                ("date", "2027-01-12"),
                ("start_time", "14:00"),
                ("minutes", "120"),
                ("location", "Stafkamer, 3e verdieping"),
                ("agenda", "Welkom; uitleg\nVragenlijst"),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let ics = member.get(&format!("{path}/calendar.ics")).await;
    assert_eq!(ics.status, 200);
    assert_eq!(ics.content_type.as_deref(), Some("text/calendar; charset=utf-8"));
    let body = &ics.body;
    assert!(body.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"), "{body}");
    assert!(body.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{body}");
    assert!(!body.replace("\r\n", "").contains('\n'), "CRLF line endings only");
    assert!(body.contains(&format!("\r\nUID:trajectory-session-{sid}@127.0.0.1\r\n")), "{body}");
    assert!(body.contains("\r\nDTSTAMP:"), "{body}");
    // 14:00 in January is CET: 13:00 UTC, for two hours.
    assert!(body.contains("\r\nDTSTART:20270112T130000Z\r\nDTEND:20270112T150000Z\r\n"), "{body}");
    assert!(body.contains("\r\nSUMMARY:Intake: Interne B3\r\n"), "{body}");
    assert!(body.contains("\r\nDESCRIPTION:Welkom\\; uitleg\\nVragenlijst\r\n"), "{body}");
    assert!(body.contains("\r\nLOCATION:Stafkamer\\, 3e verdieping\r\n"), "{body}");
    for line in body.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
    }
}

/// The `<tr>` of the overview that names `team`.
fn row_of<'a>(body: &'a str, team: &str) -> &'a str {
    let at = body.find(&format!(">{team}</a>")).unwrap_or_else(|| panic!("{team} not in the overview"));
    let start = body[..at].rfind("<tr").unwrap();
    let end = at + body[at..].find("</tr>").unwrap();
    &body[start..end]
}

fn order(body: &str, teams: &[&str]) -> Vec<usize> {
    teams.iter().map(|t| body.find(&format!(">{t}</a>")).unwrap_or(usize::MAX)).collect()
}

async fn the_overview_sorts_filters_counts_and_pages(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Overzicht").await;
    let admin = actor(&app, &fx.o.admin).await;
    let dept = fx.o.department_id.to_string();
    for name in ["Cardiologie", "Longziekten"] {
        app.k.create_team(&admin, &dept, name).await.unwrap();
    }
    let tid = start(&app, &fx).await;
    // Three actions in Interne B3: one soon due, one later, one done.
    let leader = actor(&app, &fx.o.leader).await;
    let today = app.k.today();
    let member = fx.o.member_id.to_string();
    let mut ids = Vec::new();
    for (title, days) in [("Snel", 1), ("Later", 30), ("Al klaar", 1)] {
        let due = today.add_days(days).to_string();
        let input = kartrekker::actions::ActionInput {
            title,
            goal: "Doel",
            kartrekker: &member,
            due_date: &due,
            evaluation_date: "",
        };
        ids.push(
            app.k.create_action(&leader, fx.o.team_id, &input, kartrekker::actions::Origin::REGISTER).await.unwrap(),
        );
    }
    app.k.move_action(&leader, ids[2], "done").await.unwrap();
    app.clock.advance_ms(3 * DAY_MS);

    let pl = Client::logged_in(&app, &fx.pl).await;
    let p = pl.get("/program/trajectories").await;
    assert_eq!(p.status, 200);
    let b3 = row_of(&p.body, "Interne B3");
    assert!(b3.contains("<td data-label=\"Open acties\">2</td>"), "two open actions: {b3}");
    assert!(b3.contains("<strong class=\"tr-badge\">1</strong>"), "one overdue: {b3}");
    assert!(b3.contains("Intake") && b3.contains("Tom Trainer"), "{b3}");
    let long = row_of(&p.body, "Longziekten");
    assert!(long.contains("Geen traject") && long.contains("Traject starten voor Longziekten"), "{long}");
    p.assert_has("3 teams.");
    // Sorting by the column links.
    let o = order(&p.body, &["Cardiologie", "Interne B3", "Longziekten"]);
    assert!(o[0] < o[1] && o[1] < o[2], "by team name: {o:?}");
    p.assert_has("href=\"/program/trajectories?sort=-team\"");
    let p = pl.get("/program/trajectories?sort=-team").await;
    let o = order(&p.body, &["Cardiologie", "Interne B3", "Longziekten"]);
    assert!(o[0] > o[1] && o[1] > o[2], "by team name, descending: {o:?}");
    p.assert_has("aria-sort=\"descending\"");
    let p = pl.get("/program/trajectories?sort=-overdue").await;
    let o = order(&p.body, &["Cardiologie", "Interne B3", "Longziekten"]);
    assert!(o[1] < o[0] && o[1] < o[2], "most overdue first: {o:?}");
    let p = pl.get("/program/trajectories?sort=-phase").await;
    let o = order(&p.body, &["Cardiologie", "Interne B3"]);
    assert!(o[1] < o[0], "furthest phase first: {o:?}");
    for sort in ["open", "-open", "last_evaluation", "-last_evaluation", "next_evaluation", "phase", "nonsense"] {
        assert_eq!(pl.get(&format!("/program/trajectories?sort={sort}")).await.status, 200, "{sort}");
    }
    // Filtering by phase and by name.
    let p = pl.get("/program/trajectories?phase=none").await;
    assert!(p.has(">Cardiologie</a>") && !p.has(">Interne B3</a>"));
    p.assert_has("2 teams.");
    let p = pl.get("/program/trajectories?phase=intake").await;
    assert!(!p.has(">Cardiologie</a>") && p.has(">Interne B3</a>"));
    let p = pl.get("/program/trajectories?team=LONG").await;
    assert!(p.has(">Longziekten</a>") && !p.has(">Cardiologie</a>"));
    p.assert_has("Eén team.");
    let p = pl.get("/program/trajectories?team=%25").await;
    p.assert_has("0 teams.");
    // 50 teams a page.
    for n in 0..50 {
        app.k.create_team(&admin, &dept, &format!("Unit {n:02}")).await.unwrap();
    }
    let p = pl.get("/program/trajectories").await;
    p.assert_has("53 teams.");
    assert_eq!(p.body.matches("<tr>").count(), 1 + 50, "a header row and 50 teams");
    p.assert_has("href=\"/program/trajectories?sort=team&#38;page=2\"");
    let p2 = pl.get("/program/trajectories?sort=team&page=2").await;
    assert_eq!(p2.body.matches("<tr>").count(), 1 + 3);
    p2.assert_has(">Unit 49</a>");
    // A later page counts its own teams: Interne B3 is on page 2 backwards.
    let p2 = pl.get("/program/trajectories?sort=-team&page=2").await;
    let b3 = row_of(&p2.body, "Interne B3");
    assert!(
        b3.contains("<td data-label=\"Open acties\">2</td>") && b3.contains("<strong class=\"tr-badge\">1</strong>"),
        "{b3}"
    );
    let p2 = pl.get("/program/trajectories?sort=-overdue&page=2").await;
    assert!(!p2.has(">Interne B3</a>"), "the most overdue team is on page 1");
    // Only program leaders see it.
    let m = Client::logged_in(&app, &fx.o.member).await;
    assert_eq!(m.get("/program/trajectories").await.status, 403);
    assert!(!m.get("/").await.has("href=\"/program/trajectories\""));
    let _ = tid;
}

async fn the_re_evaluation_reminder_is_sent_once(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Herinnering").await;
    let tid = start(&app, &fx).await;
    // Invitations out of the way.
    app.k.run_due_jobs().await.unwrap();
    advance_to(&app, &fx, tid, Phase::Evaluation).await;
    let trainer = actor(&app, &fx.trainer).await;
    let first = session_id(&app, tid, "evaluation").await;
    let input = EvaluationInput { results: "Rustiger overdracht", next_steps: "Zo doorgaan", months: "6" };
    let next =
        app.k.save_evaluation(&trainer, fx.o.team_id, tid, first, &input, Complete::Anyway).await.unwrap().unwrap();
    let today = app.k.today();
    assert_eq!(next, Date::parse(&held_on(&app, first).await.unwrap(), "d").unwrap().add_months(6));
    let reminders = |who: &str| {
        app.smtp.to(who).into_iter().filter(|m| m.data.contains("Binnenkort: herevaluatie van Interne B3")).count()
    };
    // Four days before (reminder days: 3): nothing yet.
    app.clock.advance_ms((today.days_until(next) - 4) * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(reminders(&fx.trainer), 0);
    // A team leader who switched this kind off is not reminded.
    let leader = Client::logged_in(&app, &fx.o.leader).await;
    leader.get("/settings").await;
    assert_eq!(leader.post("/settings", &[("evaluation_reminder", "never")]).await.status, 303);
    // Three days before: the trainer and the team leader, once.
    app.clock.advance_ms(DAY_MS);
    assert!(app.k.schedule_reminders().await.unwrap() >= 1);
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(reminders(&fx.trainer), 1);
    assert_eq!(reminders(&fx.o.leader), 0, "switched off");
    assert_eq!(reminders(&fx.o.member), 0, "members are not reminded");
    let mail = app.smtp.to(&fx.trainer).into_iter().find(|m| m.data.contains("Binnenkort: herevaluatie")).unwrap();
    let next_sid = session_id(&app, tid, "evaluation").await;
    assert!(
        mail.link(&app.base).is_some_and(|l| l.ends_with(&format!("/trajectory/{tid}/evaluations/{next_sid}"))),
        "{}",
        mail.data
    );
    assert!(mail.data.contains(&day_text(next)));
    // Scheduling again, on another instance or after a restart, and the next days: never twice.
    for _ in 0..3 {
        assert_eq!(app.k.schedule_reminders().await.unwrap(), 0);
        app.k.run_due_jobs().await.unwrap();
        app.clock.advance_ms(DAY_MS);
    }
    assert_eq!(reminders(&fx.trainer), 1);
    assert_eq!(reminders(&fx.o.leader), 0);
}
