//! Mistakes in a trajectory can be undone, with a trace: the trainer
//! reopens the previous step with a reason; the author or the trainer
//! changes or deletes observations, intake answers (while the intake runs),
//! themes and agreements; another team member is refused; finishing the
//! intake with members unanswered asks first. Every change is in the audit
//! log, never with the text it removed.

use kartrekker::trajectories::{ObservationInput, Phase};

use kartrekker_testkit::*;

both_databases!(
    the_trainer_edits_and_deletes_an_observation_and_its_text_is_gone,
    intake_answers_change_by_their_author_or_the_trainer_until_the_intake_closes,
    themes_are_renamed_and_deleted_by_the_trainer_only,
    agreements_are_reworded_or_deleted_by_their_author_or_the_trainer,
    the_trainer_reopens_the_previous_step_with_a_reason,
    finishing_the_intake_with_members_unanswered_asks_first,
);

/// An organisation whose team has a trajectory with an outside trainer;
/// `o.leader` and `o.member` are the team, `pl` the program leader.
struct Fx {
    o: Org,
    pl: String,
    trainer: String,
    tid: i64,
    /// `/teams/{team}/trajectory/{tid}`.
    b: String,
}

async fn fixture(app: &TestApp, name: &str) -> Fx {
    let TrajectoryOrg { o, pl, trainer, trainer_id, .. } = trajectory_org(app, name).await;
    let tid = app.k.start_trajectory(&actor(app, &pl).await, o.team_id, &trainer_id.to_string()).await.unwrap();
    let b = format!("/teams/{}/trajectory/{tid}", o.team_id);
    Fx { o, pl, trainer, tid, b }
}

/// Moves on through the service as the trainer (confirmed: nobody need answer).
async fn advance_to(app: &TestApp, fx: &Fx, to: Phase) {
    let trainer = actor(app, &fx.trainer).await;
    loop {
        let now = Phase::from_code(&phase_of(app, fx.tid).await).unwrap();
        if now >= to {
            return;
        }
        app.k.advance_trajectory(&trainer, fx.o.team_id, fx.tid, now.code()).await.unwrap();
    }
}

/// The subjects of the audit entries of `action`.
async fn audited(app: &TestApp, action: &str) -> Vec<String> {
    kartrekker::db::query_scalar("SELECT subject FROM audit_log WHERE action = $1 ORDER BY id")
        .bind(action)
        .fetch_all(&app.k.db)
        .await
        .unwrap()
}

/// Nothing in the audit log holds `text`.
async fn audit_log_lacks(app: &TestApp, text: &str) {
    let n: i64 = kartrekker::db::query_scalar("SELECT COUNT(*) FROM audit_log WHERE subject LIKE $1 OR action LIKE $1")
        .bind(format!("%{text}%"))
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(n, 0, "the audit log holds {text:?}");
}

async fn text_of(app: &TestApp, sql: &'static str, id: i64) -> Option<String> {
    kartrekker::db::query_scalar(sql).bind(id).fetch_optional(&app.k.db).await.unwrap()
}

async fn the_trainer_edits_and_deletes_an_observation_and_its_text_is_gone(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Waarneming").await;
    advance_to(&app, &fx, Phase::Observation).await;
    let b = &fx.b;
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    trainer.get(&format!("{b}/observations")).await;
    let typed = "Mevrouw Jansen (kamer 12) wachtte twintig minuten op de bel.";
    let today = app.k.today().to_string();
    let p = trainer
        .post(&format!("{b}/observations"), &[("date", &today), ("category", "work"), ("text", typed), ("theme", "")])
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let oid: i64 =
        kartrekker::db::query_scalar("SELECT id FROM trajectory_observations").fetch_one(&app.k.db).await.unwrap();
    let item = format!("{b}/observations/{oid}");
    trainer.get(&format!("{b}/observations")).await.assert_has(&format!("href=\"{item}/edit\""));

    // Other team members, the program leader and another organisation may not.
    let leader = Client::logged_in(&app, &fx.o.leader).await;
    leader.get(b).await;
    assert_eq!(leader.get(&format!("{item}/edit")).await.status, 403);
    assert_eq!(leader.post(&format!("{item}/edit"), &[("text", "Anders")]).await.status, 403);
    assert_eq!(leader.post(&format!("{item}/delete"), &[]).await.status, 403);
    let pl = Client::logged_in(&app, &fx.pl).await;
    pl.get(b).await;
    assert_eq!(pl.post(&format!("{item}/delete"), &[]).await.status, 403);
    let other = org(&app, "Ander Ziekenhuis").await;
    let outsider = Client::logged_in(&app, &other.leader).await;
    outsider.get("/").await;
    assert_eq!(outsider.get(&format!("{item}/delete")).await.status, 404);
    assert_eq!(outsider.post(&format!("{item}/delete"), &[]).await.status, 404);
    let obs_text = "SELECT text FROM trajectory_observations WHERE id = $1";
    assert_eq!(text_of(&app, obs_text, oid).await.as_deref(), Some(typed));

    // The trainer changes it: empty is refused with the form kept.
    let p = trainer.get(&format!("{item}/edit")).await;
    p.assert_has("Observatie wijzigen");
    p.assert_has(typed);
    assert_eq!(p.input_value("date").as_deref(), Some(today.as_str()));
    p.assert_has("<option value=\"work\" selected");
    let tomorrow = app.k.today().add_days(1).to_string();
    let wrong = [("text", "  "), ("date", &tomorrow), ("category", "work")];
    let p = trainer.post(&format!("{item}/edit"), &wrong).await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("Schrijf op wat je zag of hoorde.");
    assert_eq!(p.input_value("date").as_deref(), Some(tomorrow.as_str()), "kept as typed");
    assert_eq!(text_of(&app, obs_text, oid).await.as_deref(), Some(typed));
    // Text, date and category are changed together.
    let yesterday = app.k.today().add_days(-1).to_string();
    let fixed =
        [("text", "Een patiënt wachtte twintig minuten op de bel."), ("date", &yesterday), ("category", "problem")];
    let p = trainer.post(&format!("{item}/edit"), &fixed).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let moved = "SELECT observed_on || ' ' || category FROM trajectory_observations WHERE id = $1";
    assert_eq!(text_of(&app, moved, oid).await, Some(format!("{yesterday} problem")));
    assert_eq!(
        p.location.as_deref(),
        Some(format!("{b}/observations?notice=notice-trajectory-item-saved#observation-{oid}").as_str())
    );
    assert_eq!(text_of(&app, obs_text, oid).await.as_deref(), Some("Een patiënt wachtte twintig minuten op de bel."));
    assert_eq!(audited(&app, "edit_observation").await, [format!("trajectory:{}/observation:{oid}", fx.tid)]);

    // Deleting asks first, then the row and its text are gone.
    let p = trainer.get(&format!("{item}/delete")).await;
    p.assert_has("Observatie verwijderen?");
    p.assert_has("Ja, verwijderen");
    assert_eq!(count(&app, "trajectory_observations").await, 1, "asking deletes nothing");
    let p = trainer.post(&format!("{item}/delete"), &[]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(count(&app, "trajectory_observations").await, 0);
    let left: i64 =
        kartrekker::db::query_scalar("SELECT COUNT(*) FROM trajectory_observations WHERE text LIKE '%twintig%'")
            .fetch_one(&app.k.db)
            .await
            .unwrap();
    assert_eq!(left, 0);
    assert_eq!(audited(&app, "delete_observation").await, [format!("trajectory:{}/observation:{oid}", fx.tid)]);
    audit_log_lacks(&app, "Jansen").await;
    audit_log_lacks(&app, "twintig").await;
    let who: Vec<i64> =
        kartrekker::db::query_scalar("SELECT actor_id FROM audit_log WHERE action = 'delete_observation'")
            .fetch_all(&app.k.db)
            .await
            .unwrap();
    assert_eq!(who, [actor(&app, &fx.trainer).await.id()]);
    let list = format!("{b}/observations?notice=notice-trajectory-item-deleted");
    assert_eq!(p.location.as_deref(), Some(list.as_str()));
    trainer.get(&list).await.assert_has("Verwijderd.");
    assert_eq!(trainer.get(&format!("{item}/edit")).await.status, 404, "gone");
}

async fn intake_answers_change_by_their_author_or_the_trainer_until_the_intake_closes(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Antwoord").await;
    let b = &fx.b;
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    trainer.get(&format!("{b}/intake")).await;
    assert_eq!(trainer.post(&format!("{b}/intake/anonymity"), &[("anonymous", "no")]).await.status, 303);
    let member = Client::logged_in(&app, &fx.o.member).await;
    member.get(&format!("{b}/intake")).await;
    let p = member
        .post(&format!("{b}/intake"), &[("daily", "Mijn collega Karel komt steeds te laat."), ("proud", "Het team")])
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    // Enough answers for the trainer to see them (the minimum group size, here 3).
    min_group_size(&app, &fx.o.admin, 3).await;
    for (e, _) in more_members(&app, &fx.o, &["Anna", "Bram"], "antwoord.test").await {
        app.k.answer_intake(&actor(&app, &e).await, fx.o.team_id, fx.tid, "Ook iets", "").await.unwrap();
    }
    let ids: Vec<i64> =
        kartrekker::db::query_scalar("SELECT id FROM trajectory_intake_answers WHERE person_id = $1 ORDER BY question")
            .bind(fx.o.member_id)
            .fetch_all(&app.k.db)
            .await
            .unwrap();
    let (daily, proud) = (ids[0], ids[1]);
    let answer = |id: i64| format!("{b}/answers/{id}");
    let p = member.get(&format!("{b}/intake")).await;
    p.assert_has("Je antwoorden");
    p.assert_has(&format!("href=\"{}/edit\"", answer(daily)));

    // Another team member may not touch them.
    let leader = Client::logged_in(&app, &fx.o.leader).await;
    leader.get(b).await;
    assert_eq!(leader.get(&format!("{}/edit", answer(daily))).await.status, 403);
    assert_eq!(leader.post(&format!("{}/edit", answer(daily)), &[("text", "Weg")]).await.status, 403);
    assert_eq!(leader.post(&format!("{}/delete", answer(daily)), &[]).await.status, 403);

    // The author changes an answer; the trainer changes and deletes.
    let answer_text = "SELECT text FROM trajectory_intake_answers WHERE id = $1";
    let p = member.post(&format!("{}/edit", answer(daily)), &[("text", "Collega's komen steeds te laat.")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(text_of(&app, answer_text, daily).await.as_deref(), Some("Collega's komen steeds te laat."));
    trainer.get(&format!("{b}/intake")).await.assert_has(&format!("href=\"{}/edit\"", answer(proud)));
    let p = trainer.post(&format!("{}/edit", answer(proud)), &[("text", "Het hele team")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(text_of(&app, answer_text, proud).await.as_deref(), Some("Het hele team"));
    trainer.get(&format!("{}/delete", answer(daily))).await.assert_has("Antwoord verwijderen?");
    let p = trainer.post(&format!("{}/delete", answer(daily)), &[]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(text_of(&app, answer_text, daily).await, None);
    assert_eq!(audited(&app, "edit_answer").await.len(), 2);
    assert_eq!(audited(&app, "delete_answer").await, [format!("trajectory:{}/answer:{daily}", fx.tid)]);
    audit_log_lacks(&app, "Karel").await;

    // Once the intake closes the answers stay as they are, with a clear message.
    advance_to(&app, &fx, Phase::Observation).await;
    let p = member.get(&format!("{}/edit", answer(proud))).await;
    assert_eq!(p.status, 200);
    p.assert_has("De intake is afgesloten");
    let p = member.post(&format!("{}/edit", answer(proud)), &[("text", "Later veranderd")]).await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("De intake is afgesloten: antwoorden kunnen niet meer veranderen of verdwijnen.");
    let p = trainer.post(&format!("{}/delete", answer(proud)), &[]).await;
    assert_eq!(p.status, 422, "{}", p.body);
    assert_eq!(text_of(&app, answer_text, proud).await.as_deref(), Some("Het hele team"));
    assert!(!member.get(&format!("{b}/intake")).await.has(&format!("{}/edit", answer(proud))), "no links once closed");
    assert!(
        !trainer.get(&format!("{b}/intake")).await.has(&format!("{}/edit", answer(proud))),
        "not for the trainer either"
    );
}

async fn themes_are_renamed_and_deleted_by_the_trainer_only(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Thema").await;
    let b = &fx.b;
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    trainer.get(&format!("{b}/intake")).await;
    let member = Client::logged_in(&app, &fx.o.member).await;
    member.get(&format!("{b}/intake")).await;
    assert_eq!(member.post(&format!("{b}/intake"), &[("daily", "De bel"), ("proud", "")]).await.status, 303);
    for title in ["Overdracht", "Rust"] {
        assert_eq!(trainer.post(&format!("{b}/themes"), &[("title", title), ("back", "intake")]).await.status, 303);
    }
    let themes: Vec<i64> = kartrekker::db::query_scalar("SELECT id FROM trajectory_themes ORDER BY id")
        .fetch_all(&app.k.db)
        .await
        .unwrap();
    let aid: i64 =
        kartrekker::db::query_scalar("SELECT id FROM trajectory_intake_answers").fetch_one(&app.k.db).await.unwrap();
    let p = trainer.post(&format!("{b}/answers/{aid}/theme"), &[("theme", &themes[0].to_string())]).await;
    assert_eq!(p.status, 303);
    let theme = format!("{b}/themes/{}", themes[0]);
    trainer.get(&format!("{b}/intake")).await.assert_has(&format!("href=\"{theme}/edit\""));

    let leader = Client::logged_in(&app, &fx.o.leader).await;
    leader.get(b).await;
    assert_eq!(leader.post(&format!("{theme}/edit"), &[("title", "Anders")]).await.status, 403);
    assert_eq!(leader.post(&format!("{theme}/delete"), &[]).await.status, 403);

    trainer.get(&format!("{theme}/edit")).await.assert_has("Thema wijzigen");
    let p = trainer.post(&format!("{theme}/edit"), &[("title", "Rust")]).await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("value=\"Rust\"");
    let p = trainer.post(&format!("{theme}/edit"), &[("title", "Overdracht en rapportage")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let title = "SELECT title FROM trajectory_themes WHERE id = $1";
    assert_eq!(text_of(&app, title, themes[0]).await.as_deref(), Some("Overdracht en rapportage"));
    trainer.get(&format!("{theme}/delete")).await.assert_has("Thema verwijderen?");
    assert_eq!(trainer.post(&format!("{theme}/delete"), &[]).await.status, 303);
    assert_eq!(text_of(&app, title, themes[0]).await, None);
    let under: Option<i64> = kartrekker::db::query_scalar("SELECT theme_id FROM trajectory_intake_answers")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!((under, count(&app, "trajectory_intake_answers").await), (None, 1), "the answer stays, without theme");
    assert_eq!(audited(&app, "edit_theme").await.len(), 1);
    assert_eq!(audited(&app, "delete_theme").await, [format!("trajectory:{}/theme:{}", fx.tid, themes[0])]);
}

async fn agreements_are_reworded_or_deleted_by_their_author_or_the_trainer(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Afspraak").await;
    advance_to(&app, &fx, Phase::MirrorSession).await;
    let b = &fx.b;
    let member = Client::logged_in(&app, &fx.o.member).await;
    member.get(&format!("{b}/mirror")).await;
    let k = fx.o.member_id.to_string();
    for title in ["Telefoon naar de coördinator", "Per ongeluk dubbel"] {
        let fields = [("title", title), ("goal", "Rustige overdracht"), ("kartrekker", k.as_str()), ("due_date", "")];
        assert_eq!(member.post(&format!("{b}/mirror/agreements"), &fields).await.status, 303);
    }
    let ids: Vec<i64> =
        kartrekker::db::query_scalar("SELECT id FROM actions ORDER BY id").fetch_all(&app.k.db).await.unwrap();
    let (kept, double) = (format!("{b}/agreements/{}", ids[0]), format!("{b}/agreements/{}", ids[1]));
    member.get(&format!("{b}/mirror")).await.assert_has(&format!("href=\"{kept}/edit\""));
    let leader = Client::logged_in(&app, &fx.o.leader).await;
    let p = leader.get(&format!("{b}/mirror")).await;
    assert!(!p.has(&format!("{kept}/edit")), "no link for who may not");
    assert_eq!(leader.post(&format!("{kept}/edit"), &[("title", "Weg"), ("goal", "Weg")]).await.status, 403);
    assert_eq!(leader.post(&format!("{double}/delete"), &[]).await.status, 403);

    // Editing changes the action's words, into its history.
    let p = member.post(&format!("{kept}/edit"), &[("title", ""), ("goal", "")]).await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("Beschrijf de actie.");
    p.assert_has("Beschrijf het doel van de actie.");
    let p = member
        .post(
            &format!("{kept}/edit"),
            &[("title", "Telefoon tijdens de overdracht naar de coördinator"), ("goal", "Rustige overdracht")],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let title = "SELECT title FROM actions WHERE id = $1";
    assert_eq!(
        text_of(&app, title, ids[0]).await.as_deref(),
        Some("Telefoon tijdens de overdracht naar de coördinator")
    );
    let changed: Vec<String> =
        kartrekker::db::query_scalar("SELECT field FROM action_history WHERE action_id = $1 AND field <> 'created'")
            .bind(ids[0])
            .fetch_all(&app.k.db)
            .await
            .unwrap();
    assert_eq!(changed, ["title"]);
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    trainer.get(&format!("{kept}/edit")).await.assert_has("Afspraak wijzigen");
    let p = trainer
        .post(&format!("{kept}/edit"), &[("title", "Telefoon naar de coördinator"), ("goal", "Een rustige overdracht")])
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(audited(&app, "edit_agreement").await.len(), 2);

    // The author deletes the double one: gone from the register too.
    member.get(&format!("{double}/delete")).await.assert_has("Afspraak verwijderen?");
    assert_eq!(member.post(&format!("{double}/delete"), &[]).await.status, 303);
    assert_eq!(text_of(&app, title, ids[1]).await, None);
    assert_eq!(audited(&app, "delete_agreement").await, [format!("trajectory:{}/agreement:{}", fx.tid, ids[1])]);

    // Once worked on, it is dropped in the register instead.
    let m = actor(&app, &fx.o.member).await;
    app.k.add_action_update(&m, ids[0], "Gesproken met de coördinator").await.unwrap();
    let p = trainer.post(&format!("{kept}/delete"), &[]).await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("Aan deze afspraak is al gewerkt.");
    assert!(text_of(&app, title, ids[0]).await.is_some());
    assert_eq!(audited(&app, "delete_agreement").await.len(), 1);
}

async fn the_trainer_reopens_the_previous_step_with_a_reason(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Terug").await;
    advance_to(&app, &fx, Phase::Observation).await;
    let trainer_actor = actor(&app, &fx.trainer).await;
    let input = ObservationInput {
        date: &app.k.today().to_string(),
        category: "work",
        text: "De overdracht begint te laat.",
        theme: "",
    };
    app.k.add_observation(&trainer_actor, fx.o.team_id, fx.tid, &input).await.unwrap();
    advance_to(&app, &fx, Phase::MirrorSession).await;
    let b = &fx.b;
    let reopen = format!("{b}/reopen");

    // A team leader moves the trajectory on, but only the trainer goes back.
    let leader = Client::logged_in(&app, &fx.o.leader).await;
    assert!(!leader.get(b).await.has("Heropen"), "no reopen form for the team leader");
    let p = leader.post(&reopen, &[("from", "mirror_session"), ("reason", "Even terug")]).await;
    assert_eq!(p.status, 403);
    let other = org(&app, "Ander Ziekenhuis").await;
    let outsider = Client::logged_in(&app, &other.leader).await;
    outsider.get("/").await;
    let p = outsider.post(&reopen, &[("from", "mirror_session"), ("reason", "Even terug")]).await;
    assert_eq!(p.status, 404);

    let trainer = Client::logged_in(&app, &fx.trainer).await;
    trainer.get(b).await.assert_has("Heropen Observatie");
    let p = trainer.post(&reopen, &[("from", "mirror_session"), ("reason", " ")]).await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("Schrijf op waarom je teruggaat naar de vorige stap.");
    let p = trainer.post(&reopen, &[("from", "observation"), ("reason", "Verouderd formulier")]).await;
    assert_eq!(p.status, 422, "a stale form: {}", p.body);
    p.assert_has("Het traject is niet (meer) in deze stap.");
    p.assert_has(">Verouderd formulier</textarea>");
    assert_eq!(phase_of(&app, fx.tid).await, "mirror_session");
    assert_eq!(count(&app, "trajectory_reopenings").await, 0);

    let reason = "De observatie op de nachtdienst ontbreekt nog.";
    let p = trainer.post(&reopen, &[("from", "mirror_session"), ("reason", reason)]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(phase_of(&app, fx.tid).await, "observation");
    assert_eq!(count(&app, "trajectory_observations").await, 1, "the team's data stays");
    let page = trainer.get(b).await;
    page.assert_has("Geschiedenis van de stappen");
    page.assert_has("heropende Observatie");
    page.assert_has("(terug vanuit Spiegelsessie).");
    page.assert_has(reason);
    page.assert_has("Heropen Intake");
    assert_eq!(audited(&app, "reopen_trajectory").await, [format!("trajectory:{}/observation", fx.tid)]);

    // Back to the intake, and no further.
    let p = trainer.post(&reopen, &[("from", "observation"), ("reason", "Nog twee collega's")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert!(!trainer.get(b).await.has("Heropen"), "the intake has no step before it");
    let p = trainer.post(&reopen, &[("from", "intake"), ("reason", "Verder terug")]).await;
    assert_eq!(p.status, 422, "{}", p.body);
    assert_eq!((phase_of(&app, fx.tid).await.as_str(), count(&app, "trajectory_reopenings").await), ("intake", 2));
}

async fn finishing_the_intake_with_members_unanswered_asks_first(app: TestApp) {
    let fx = fixture(&app, "Ziekenhuis Afronden").await;
    let b = &fx.b;
    let member = Client::logged_in(&app, &fx.o.member).await;
    member.get(&format!("{b}/intake")).await;
    assert_eq!(member.post(&format!("{b}/intake"), &[("daily", "De bel"), ("proud", "")]).await.status, 303);

    // One of the two (the leader and the member; not the trainer) answered.
    let leader = Client::logged_in(&app, &fx.o.leader).await;
    leader.get(b).await;
    let p = leader.post(&format!("{b}/advance"), &[("from", "intake")]).await;
    assert_eq!(p.status, 200, "{}", p.body);
    // Below the minimum group size even the count stays hidden.
    p.assert_has("Nog niet iedereen heeft geantwoord. Toch afronden?");
    p.assert_has("name=\"confirm\" value=\"yes\"");
    assert_eq!(phase_of(&app, fx.tid).await, "intake");
    let en = Client::with_language(&app, Some("en"));
    en.login(&fx.o.leader, PASSWORD).await;
    en.get(b).await;
    en.post(&format!("{b}/advance"), &[("from", "intake")])
        .await
        .assert_has("Not everyone has answered yet. Finish anyway?");
    assert_eq!(phase_of(&app, fx.tid).await, "intake");

    // Once everyone answered, it finishes without asking; confirmed, it finishes anyway.
    leader.get(&format!("{b}/intake")).await;
    assert_eq!(leader.post(&format!("{b}/intake"), &[("daily", "Tijd"), ("proud", "")]).await.status, 303);
    leader.get(b).await;
    assert_eq!(leader.post(&format!("{b}/advance"), &[("from", "intake")]).await.status, 303);
    assert_eq!(phase_of(&app, fx.tid).await, "observation");
    let trainer = actor(&app, &fx.trainer).await;
    app.k.reopen_step(&trainer, fx.o.team_id, fx.tid, "observation", "Nog een keer").await.unwrap();
    // A third member joins the team: the question comes again.
    let pl_id = actor(&app, &fx.pl).await.id().to_string();
    app.k.add_member(&actor(&app, &fx.o.admin).await, fx.o.team_id, &pl_id, "member").await.unwrap();
    let p = leader.post(&format!("{b}/advance"), &[("from", "intake")]).await;
    p.assert_has("Nog niet iedereen heeft geantwoord. Toch afronden?");
    let p = leader.post(&format!("{b}/advance"), &[("from", "intake"), ("confirm", "yes")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(phase_of(&app, fx.tid).await, "observation");
}
