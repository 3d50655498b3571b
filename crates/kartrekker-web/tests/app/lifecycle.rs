//! A person's lifecycle: deactivated (no log-in, no messages, not
//! choosable, kept in history), reactivated, erased (GDPR art. 17) with
//! their open actions handed over and group results unchanged; the
//! importer deactivating who is missing from an HR file; the retention purge.

use kartrekker::clock::DAY_MS;
use kartrekker::db::query_scalar;
use kartrekker_testkit::*;

use super::reflection::{answer, group_of_five, start_cycle};

both_databases!(
    a_deactivated_person_cannot_log_in_hears_nothing_and_cannot_be_chosen,
    a_reactivated_person_logs_in_again,
    erasing_removes_the_person_hands_over_their_actions_and_keeps_group_results,
    erasing_without_a_successor_or_with_one_from_elsewhere_changes_nothing,
    erasing_keeps_the_intake_themes_and_their_answers_without_the_author,
    the_importer_deactivates_people_missing_from_the_file_after_a_preview,
    retention_purges_each_kind_only_after_its_period,
);

async fn scalar(app: &TestApp, sql: &'static str, id: i64) -> i64 {
    query_scalar(sql).bind(id).fetch_one(&app.k.db).await.unwrap()
}

async fn name_of(app: &TestApp, id: i64) -> String {
    query_scalar("SELECT name FROM people WHERE id = $1").bind(id).fetch_one(&app.k.db).await.unwrap()
}

/// A team action with `kartrekker` as its puller, made by the team leader.
async fn action_for(app: &TestApp, o: &Org, kartrekker: i64, title: &str) -> i64 {
    let leader = actor(app, &o.leader).await;
    let input = kartrekker::actions::ActionInput {
        title,
        goal: "Rust op de afdeling",
        kartrekker: &kartrekker.to_string(),
        due_date: "",
        evaluation_date: "",
    };
    let origin = kartrekker::actions::Origin { kind: kartrekker::actions::OriginKind::Register, id: None };
    app.k.create_action(&leader, o.team_id, &input, origin).await.unwrap()
}

async fn a_deactivated_person_cannot_log_in_hears_nothing_and_cannot_be_chosen(app: TestApp) {
    let o = org(&app, "Vertrekziekenhuis").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    let lars = Client::logged_in(&app, &o.member).await;
    assert_eq!(lars.get("/").await.status, 200);
    // An action for Lars from before: its notice is queued, not yet sent.
    let past = action_for(&app, &o, o.member_id, "Overdracht aan bed").await;

    admin.get(&format!("/admin/people/{}", o.member_id)).await.assert_has("Deactiveren");
    let p = admin.post(&format!("/admin/people/{}/deactivate", o.member_id), &[]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    admin.get(p.location.as_deref().unwrap()).await.assert_has("De persoon is gedeactiveerd.");

    // Every session ended at once, and the log-in is refused with a clear message.
    let home = lars.get("/").await;
    assert_eq!((home.status, home.location.as_deref()), (303, Some("/login")));
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM sessions WHERE person_id = $1", o.member_id).await, 0);
    let refused = Client::new(&app).login(&o.member, PASSWORD).await;
    assert_eq!(refused.status, 403);
    refused.assert_has("Je account is gedeactiveerd.");
    let wrong = Client::new(&app).login(&o.member, "niet het wachtwoord").await;
    assert_eq!(wrong.status, 422, "a wrong password says nothing about the account");
    assert!(!wrong.has("gedeactiveerd"));

    // No e-mail reaches him: not the notice queued before, not a reset link.
    Client::new(&app).post("/forgot", &[("email", &o.member)]).await;
    app.k.run_due_jobs().await.unwrap();
    assert!(app.smtp.to(&o.member).is_empty(), "{:?}", app.smtp.to(&o.member));
    // ...while the same event does reach someone active.
    let admin_actor = actor(&app, &o.admin).await;
    let carla = app.k.create_person(&admin_actor, "Carla Collega", "carla@vertrek.test", "hbo-v", &[]).await.unwrap();
    app.k.add_member(&admin_actor, o.team_id, &carla.to_string(), "member").await.unwrap();
    activate(&app, "carla@vertrek.test").await;
    action_for(&app, &o, carla, "Voor Carla").await;
    app.k.run_due_jobs().await.unwrap();
    assert!(app.smtp.to("carla@vertrek.test").iter().any(|m| m.data.contains("Voor Carla")));

    // He cannot be chosen as kartrekker any more...
    let leader = Client::logged_in(&app, &o.leader).await;
    let form = leader.get(&format!("/teams/{}/actions/new", o.team_id)).await;
    assert!(!form.has("Lars Lid"), "not offered as kartrekker");
    let chosen = leader
        .post(
            &format!("/teams/{}/actions", o.team_id),
            &[("title", "Nieuw"), ("goal", "Doel"), ("kartrekker", &o.member_id.to_string())],
        )
        .await;
    assert_eq!(chosen.status, 422);
    // ...nor added to a team.
    assert!(!admin.get(&format!("/admin/teams/{}", o.team_id)).await.body.contains("Lars Lid (lid@"));
    // But he stays in history, marked inactive for the administrator.
    leader.get(&format!("/actions/{past}")).await.assert_has("Lars Lid (Gedeactiveerd)");
    leader.get(&format!("/teams/{}/actions", o.team_id)).await.assert_has("Lars Lid (Gedeactiveerd)");
    admin.get("/admin/people").await.assert_has("Gedeactiveerd");
    admin.get(&format!("/admin/teams/{}", o.team_id)).await.assert_has("Lars Lid</a> (Gedeactiveerd)");
}

async fn a_reactivated_person_logs_in_again(app: TestApp) {
    let o = org(&app, "Terugziekenhuis").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    admin.get("/admin/people").await;
    admin.post(&format!("/admin/people/{}/deactivate", o.member_id), &[]).await;
    assert_eq!(Client::new(&app).login(&o.member, PASSWORD).await.status, 403);
    admin.get(&format!("/admin/people/{}", o.member_id)).await.assert_has("Weer activeren");
    let p = admin.post(&format!("/admin/people/{}/reactivate", o.member_id), &[]).await;
    assert_eq!(p.status, 303);
    assert_eq!(Client::new(&app).login(&o.member, PASSWORD).await.status, 303);
    let leader = Client::logged_in(&app, &o.leader).await;
    leader.get(&format!("/teams/{}/actions/new", o.team_id)).await.assert_has("Lars Lid");
    // An administrator cannot lock themselves out.
    let own = actor(&app, &o.admin).await.id();
    assert!(!admin.get(&format!("/admin/people/{own}")).await.has("Deactiveren"));
    assert_eq!(admin.post(&format!("/admin/people/{own}/deactivate"), &[]).await.status, 400);
}

async fn erasing_removes_the_person_hands_over_their_actions_and_keeps_group_results(app: TestApp) {
    let o = org(&app, "Wisziekenhuis").await;
    let emails = group_of_five(&app, &o).await;
    let leader_c = Client::logged_in(&app, &o.leader).await;
    let cycle = start_cycle(&app, &o, &leader_c, "3").await;
    let cycle_id: i64 = cycle.rsplit('/').next().unwrap().parse().unwrap();
    for (i, e) in emails.iter().enumerate() {
        let c = Client::logged_in(&app, e).await;
        answer(&c, &cycle, "self", 2 + i as i64 % 3, "mijn eigen woorden").await;
    }
    assert_eq!(leader_c.post(&format!("{cycle}/close"), &[]).await.status, 303);
    let leader = actor(&app, &o.leader).await;
    let (_, _, before) = app.k.reflection_group(&leader, cycle_id).await.unwrap();
    assert_eq!(before.respondents, 5);

    let lars = o.member_id;
    let open = action_for(&app, &o, lars, "Overdracht aan bed").await;
    let done = action_for(&app, &o, lars, "Pauzerooster").await;
    kartrekker::db::query("UPDATE actions SET status = 'done' WHERE id = $1")
        .bind(done)
        .execute(&app.k.db)
        .await
        .unwrap();
    let lars_client = Client::logged_in(&app, &o.member).await;
    lars_client.get("/settings").await;
    assert_eq!(lars_client.post("/settings/calendar", &[]).await.status, 200);
    kartrekker::db::query("INSERT INTO notification_prefs (person_id, kind, mode) VALUES ($1, 'kartrekker', 'never')")
        .bind(lars)
        .execute(&app.k.db)
        .await
        .unwrap();

    // Another organisation's administrator cannot reach him.
    let other = org(&app, "Anderziekenhuis").await;
    let stranger = Client::logged_in(&app, &other.admin).await;
    assert_eq!(stranger.get(&format!("/admin/people/{lars}/erase")).await.status, 404);
    let p = stranger.post(&format!("/admin/people/{lars}/erase"), &[("confirm", "yes")]).await;
    assert_eq!(p.status, 404);
    assert_eq!(stranger.post(&format!("/admin/people/{lars}/deactivate"), &[]).await.status, 404);
    assert_eq!(name_of(&app, lars).await, "Lars Lid");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM people WHERE id = $1 AND deactivated_at IS NULL", lars).await, 1);
    // Nor can someone who is not an administrator.
    let member = Client::logged_in(&app, &emails[2]).await;
    assert_eq!(member.get(&format!("/admin/people/{lars}/erase")).await.status, 403);

    let admin = Client::logged_in(&app, &o.admin).await;
    let form = admin.get(&format!("/admin/people/{lars}/erase")).await;
    assert_eq!(form.status, 200);
    form.assert_has("Overdracht aan bed");
    assert!(!form.has("Pauzerooster"), "a done action stays with its kartrekker");
    let leader_id = leader.id().to_string();
    let p = admin.post(&format!("/admin/people/{lars}/erase"), &[("successor", &leader_id), ("confirm", "yes")]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    admin.get(p.location.as_deref().unwrap()).await.assert_has("De persoon is gewist.");

    // Gone from the lists and pages; the name anonymised; the address free.
    assert!(!admin.get("/admin/people").await.has("Lars Lid"));
    assert!(!admin.get(&format!("/admin/teams/{}", o.team_id)).await.has("Lars Lid"));
    assert_eq!(admin.get(&format!("/admin/people/{lars}")).await.status, 404);
    assert_eq!(name_of(&app, lars).await, "Oud-medewerker 1");
    assert_eq!(lars_client.get("/").await.status, 303, "his session is gone");
    assert_eq!(Client::new(&app).login(&o.member, PASSWORD).await.status, 422);
    for sql in [
        "SELECT COUNT(*) FROM sessions WHERE person_id = $1",
        "SELECT COUNT(*) FROM tokens WHERE person_id = $1",
        "SELECT COUNT(*) FROM notification_prefs WHERE person_id = $1",
        "SELECT COUNT(*) FROM calendar_feeds WHERE person_id = $1",
        "SELECT COUNT(*) FROM team_members WHERE person_id = $1",
        "SELECT COUNT(*) FROM people p JOIN accounts a ON a.id = p.account_id \
         WHERE p.id = $1 AND (a.password_hash IS NOT NULL OR a.email NOT LIKE 'erased-%')",
        "SELECT COUNT(*) FROM reflection_minutes WHERE person_id = $1",
        "SELECT COUNT(*) FROM answers a JOIN responses r ON r.id = a.response_id \
         WHERE r.respondent_id = $1 AND a.text IS NOT NULL",
    ] {
        assert_eq!(scalar(&app, sql, lars).await, 0, "{sql}");
    }
    let a = actor(&app, &o.admin).await;
    let again = app.k.create_person(&a, "Lars Lid", &o.member, "hbo-v", &[]).await;
    assert!(again.is_ok(), "the address can be used again: {again:?}");

    // His open action went to the chosen kartrekker; the done one keeps the label.
    let leader_c = Client::logged_in(&app, &o.leader).await;
    let moved = leader_c.get(&format!("/actions/{open}")).await;
    moved.assert_has("Lieke Leider");
    assert!(!moved.has("Lars Lid"), "the history names him by the label too");
    leader_c.get(&format!("/actions/{done}")).await.assert_has("Oud-medewerker 1");
    app.k.run_due_jobs().await.unwrap();
    assert!(app.smtp.to(&o.leader).iter().any(|m| m.data.contains("Overdracht aan bed")), "Lieke is told");

    // The group's result is exactly what it was.
    let (_, _, after) = app.k.reflection_group(&leader, cycle_id).await.unwrap();
    assert_eq!(after, before);
}

/// The trainer's view of an intake: every answer under its theme, the themes
/// and how many took part.
async fn intake_view(app: &TestApp, fx: &TrajectoryOrg, tid: i64) -> (Vec<String>, Vec<(i64, String)>, Option<i64>) {
    let trainer = actor(app, &fx.trainer).await;
    let page = app.k.intake_page(&trainer, fx.o.team_id, tid).await.unwrap();
    let answers =
        page.answers.iter().map(|a| format!("{}:{:?}:{}:{:?}", a.id, a.question, a.text, a.theme_id)).collect();
    (answers, page.themes.iter().map(|t| (t.id, t.title.clone())).collect(), page.group.answered)
}

async fn erasing_keeps_the_intake_themes_and_their_answers_without_the_author(app: TestApp) {
    let fx = trajectory_org(&app, "Intakeziekenhuis").await;
    let c = Client::logged_in(&app, &fx.pl).await;
    c.get(&format!("/teams/{}/trajectory", fx.o.team_id)).await;
    let p = c.post(&format!("/teams/{}/trajectory", fx.o.team_id), &[("trainer", &fx.trainer_id.to_string())]).await;
    let tid: i64 = p.location.unwrap().split('/').nth(4).unwrap().split('?').next().unwrap().parse().unwrap();
    let trainer = actor(&app, &fx.trainer).await;
    app.k.set_intake_anonymity(&trainer, fx.o.team_id, tid, false).await.unwrap();
    // Three answer: enough for the organisation's lowest minimum group size.
    min_group_size(&app, &fx.o.admin, 3).await;
    let carla = more_members(&app, &fx.o, &["Carla"], "intake.test").await.remove(0).0;
    for email in [&fx.o.member, &fx.o.leader, &carla] {
        let who = actor(&app, email).await;
        app.k.answer_intake(&who, fx.o.team_id, tid, &format!("Overdracht volgens {email}"), "Ons team").await.unwrap();
    }
    let theme = app.k.add_theme(&trainer, fx.o.team_id, tid, "Overdracht").await.unwrap();
    let page = app.k.intake_page(&trainer, fx.o.team_id, tid).await.unwrap();
    for a in page.answers.iter().filter(|a| a.text.starts_with("Overdracht")) {
        app.k.set_answer_theme(&trainer, fx.o.team_id, tid, a.id, &theme.to_string()).await.unwrap();
    }
    let before = intake_view(&app, &fx, tid).await;
    assert_eq!((before.0.len(), before.2), (6, Some(3)), "{before:?}");

    let admin = actor(&app, &fx.o.admin).await;
    app.k.erase_person(&admin, fx.o.member_id, &fx.leader_id.to_string(), true).await.unwrap();

    assert_eq!(intake_view(&app, &fx, tid).await, before, "the themes and their answers are as they were");
    let sql = "SELECT COUNT(*) FROM trajectory_intake_answers WHERE person_id = $1";
    assert_eq!(scalar(&app, sql, fx.o.member_id).await, 0, "the answers no longer name him");
}

async fn erasing_without_a_successor_or_with_one_from_elsewhere_changes_nothing(app: TestApp) {
    let o = org(&app, "Zorgvuldigziekenhuis").await;
    let other = org(&app, "Buurziekenhuis").await;
    let open = action_for(&app, &o, o.member_id, "Overdracht aan bed").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    let path = format!("/admin/people/{}/erase", o.member_id);
    admin.get(&path).await;
    let none = admin.post(&path, &[("successor", ""), ("confirm", "yes")]).await;
    assert_eq!(none.status, 422);
    none.assert_has("Kies een actieve collega van deze organisatie die de openstaande acties overneemt.");
    let elsewhere = other.member_id.to_string();
    let p = admin.post(&path, &[("successor", &elsewhere), ("confirm", "yes")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Kies een actieve collega van deze organisatie");
    let leader_id = actor(&app, &o.leader).await.id().to_string();
    let unconfirmed = admin.post(&path, &[("successor", &leader_id)]).await;
    assert_eq!(unconfirmed.status, 422);
    unconfirmed.assert_has("Vink aan dat je begrijpt dat wissen niet ongedaan kan worden.");
    assert!(unconfirmed.has(&format!("<option value=\"{leader_id}\" selected>")), "the choice is kept");
    // In English too.
    let en = Client::with_language(&app, Some("en"));
    en.login(&o.admin, PASSWORD).await;
    en.get(&path).await;
    en.post(&path, &[("confirm", "yes")]).await.assert_has("Choose an active colleague of this organisation");
    // Nothing changed.
    assert_eq!(name_of(&app, o.member_id).await, "Lars Lid");
    assert_eq!(scalar(&app, "SELECT kartrekker_id FROM actions WHERE id = $1", open).await, o.member_id);
    assert_eq!(Client::new(&app).login(&o.member, PASSWORD).await.status, 303);
}

async fn the_importer_deactivates_people_missing_from_the_file_after_a_preview(app: TestApp) {
    let o = org(&app, "Hrziekenhuis").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    admin.get("/admin/import").await;
    let csv = format!("naam;e-mail;beroep;team;rol\nLieke Leider;{};manager;Interne B3;teamleider\n", o.leader);
    let preview = admin.upload("/admin/import", csv.clone().into_bytes()).await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    preview.assert_has("Niet in dit bestand");
    preview.assert_has(&format!("Lars Lid ({})", o.member));
    assert!(!preview.body.contains(&format!("({})", o.admin)), "never the administrator importing");
    preview.assert_has("Deactiveer deze 1 mensen");
    // The import and the deactivation are one transaction: a file that no
    // longer checks out at the confirm imports nobody and deactivates nobody.
    let bad = format!("{csv}Nina Nieuw;nina@hrziekenhuis.test;hbo-v;Verdwenen team;lid\n");
    let refused = admin.post("/admin/import/confirm", &[("csv", &bad), ("deactivate_missing", "yes")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(Client::new(&app).login(&o.member, PASSWORD).await.status, 303);
    let nina = "SELECT COUNT(*) FROM accounts WHERE email = 'nina@hrziekenhuis.test'";
    assert_eq!(kartrekker::db::query_scalar::<i64>(nina).fetch_one(&app.k.db).await.unwrap(), 0);
    // Without the checkbox nobody is deactivated.
    admin.get("/admin/import").await;
    let done = admin.post("/admin/import/confirm", &[("csv", &csv)]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(Client::new(&app).login(&o.member, PASSWORD).await.status, 303);
    admin.get("/admin/import").await;
    let done = admin.post("/admin/import/confirm", &[("csv", &csv), ("deactivate_missing", "yes")]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(Client::new(&app).login(&o.member, PASSWORD).await.status, 403);
    assert_eq!(Client::new(&app).login(&o.leader, PASSWORD).await.status, 303, "who is in the file stays");
    // Deactivated people are not listed again.
    admin.get("/admin/import").await;
    assert!(!admin.upload("/admin/import", csv.into_bytes()).await.has("Niet in dit bestand"));
}

async fn retention_purges_each_kind_only_after_its_period(app: TestApp) {
    let now = app.k.now();
    let r = app.k.config.retention.clone();
    let o = org(&app, "Bewaarziekenhuis").await;
    let person = o.member_id;
    let db = &app.k.db;
    // For each kind, one row a day younger than its period and one a day older.
    for (days, name) in [(r.sessions_days - 1, "jong"), (r.sessions_days + 1, "oud")] {
        kartrekker::db::query(
            "INSERT INTO sessions (token_hash, person_id, csrf, created_at, expires_at) VALUES ($1, $2, 'x', 0, $3)",
        )
        .bind(format!("sessie-{name}"))
        .bind(person)
        .bind(now - days * DAY_MS)
        .execute(db)
        .await
        .unwrap();
    }
    for (days, name) in [(r.login_failures_days - 1, "jong"), (r.login_failures_days + 1, "oud")] {
        let sql =
            "INSERT INTO login_failures (scope, account, failures, window_start, last_at) VALUES ($1, $1, 3, $2, $2)";
        kartrekker::db::query(sql)
            .bind(format!("{name}@bewaar.test"))
            .bind(now - days * DAY_MS)
            .execute(db)
            .await
            .unwrap();
    }
    for (days, name, used) in [
        (r.links_days - 1, "jong-gebruikt", true),
        (r.links_days + 1, "oud-gebruikt", true),
        (r.links_days - 1, "jong-verlopen", false),
        (r.links_days + 1, "oud-verlopen", false),
    ] {
        let at = now - days * DAY_MS;
        kartrekker::db::query(
            "INSERT INTO tokens (token_hash, person_id, purpose, created_at, expires_at, used_at) \
             VALUES ($1, $2, 'password_reset', 0, $3, $4)",
        )
        .bind(format!("link-{name}"))
        .bind(person)
        .bind(if used { now + DAY_MS } else { at })
        .bind(used.then_some(at))
        .execute(db)
        .await
        .unwrap();
    }
    for (days, done) in [(r.jobs_days - 1, true), (r.jobs_days + 1, true), (r.jobs_days + 1, false)] {
        let at = now - days * DAY_MS;
        kartrekker::db::query(
            "INSERT INTO jobs (kind, payload, run_at, attempts, max_attempts, done_at, created_at) \
             VALUES ('digest', '{}', $1, 1, 8, $2, $1)",
        )
        .bind(at)
        .bind(done.then_some(at))
        .execute(db)
        .await
        .unwrap();
    }
    for days in [r.audit_days - 1, r.audit_days + 1] {
        kartrekker::db::query(
            "INSERT INTO audit_log (org_id, actor_id, action, subject, at) VALUES (NULL, NULL, 'x', 'y', $1)",
        )
        .bind(now - days * DAY_MS)
        .execute(db)
        .await
        .unwrap();
    }
    let old = |sql: &'static str| async move { query_scalar::<i64>(sql).bind(now).fetch_one(db).await.unwrap() };
    let before = (
        count(&app, "sessions").await,
        count(&app, "login_failures").await,
        count(&app, "tokens").await,
        count(&app, "audit_log").await,
    );

    assert!(app.k.schedule_retention().await.unwrap());
    assert!(!app.k.schedule_retention().await.unwrap(), "one purge an hour, however many instances");
    app.k.run_due_jobs().await.unwrap();

    assert_eq!(count(&app, "sessions").await, before.0 - 1);
    assert_eq!(old("SELECT COUNT(*) FROM sessions WHERE token_hash = 'sessie-jong' AND $1 > 0").await, 1);
    assert_eq!(count(&app, "login_failures").await, before.1 - 1);
    assert_eq!(old("SELECT COUNT(*) FROM login_failures WHERE scope = 'jong@bewaar.test' AND $1 > 0").await, 1);
    assert_eq!(count(&app, "tokens").await, before.2 - 2);
    assert_eq!(old("SELECT COUNT(*) FROM tokens WHERE token_hash LIKE 'link-jong%' AND $1 > 0").await, 2);
    assert_eq!(count(&app, "audit_log").await, before.3 - 1);
    // Jobs: the young finished one, the old unfinished one and the purge itself stay.
    let cutoff = now - r.jobs_days * DAY_MS;
    let jobs =
        query_scalar::<i64>("SELECT COUNT(*) FROM jobs WHERE kind = 'digest' AND (done_at IS NULL OR done_at > $1)")
            .bind(cutoff)
            .fetch_one(db)
            .await
            .unwrap();
    assert_eq!(jobs, 2);
    assert_eq!(
        query_scalar::<i64>("SELECT COUNT(*) FROM jobs WHERE kind = 'digest' AND done_at <= $1")
            .bind(cutoff)
            .fetch_one(db)
            .await
            .unwrap(),
        0
    );

    // A day later the young ones are old enough too.
    app.clock.advance_ms(2 * DAY_MS);
    app.k.schedule_retention().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(old("SELECT COUNT(*) FROM sessions WHERE token_hash = 'sessie-jong' AND $1 > 0").await, 0);
    assert_eq!(old("SELECT COUNT(*) FROM tokens WHERE token_hash LIKE 'link-jong%' AND $1 > 0").await, 0);
}
