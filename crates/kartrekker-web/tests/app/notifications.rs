//! Invitations and reminders for every step, each kind as the person chose
//! (at once, in the daily digest, never), and the personal calendar feed.
//! Each event is checked by what arrives at the SMTP sink.

use kartrekker::clock::{DAY_MS, HOUR_MS};
use kartrekker::dates::Date;
use kartrekker::trajectories::{Complete, SessionInput};

use kartrekker_testkit::*;

use super::trajectories::session_id;

both_databases!(
    the_trajectory_invites_the_team_at_each_step,
    a_new_kartrekker_is_told_or_gets_it_in_the_daily_digest,
    overdue_actions_are_repeated_weekly_and_listed_for_the_team_leader,
    the_reflection_cycle_invites_asks_reminds_and_reports,
    the_calendar_feed_is_secret_personal_and_revocable,
);

/// Mails to `to` whose subject contains `subject`.
fn mails(app: &TestApp, to: &str, subject: &str) -> Vec<ReceivedMail> {
    app.smtp.to(to).into_iter().filter(|m| m.data.contains(&format!("Subject: {subject}"))).collect()
}

use kartrekker_testkit::TrajectoryOrg as Fx;

/// A trajectory's organisation, its invitations sent.
async fn fixture(app: &TestApp, name: &str) -> Fx {
    let fx = trajectory_org(app, name).await;
    app.k.run_due_jobs().await.unwrap();
    fx
}

/// Sets the clock to `hour` o'clock Dutch time, `days` from today.
fn at_hour(app: &TestApp, days: i64, hour: i64) {
    let day = app.k.today().add_days(days);
    let start = day.start_ms_utc();
    app.clock.set_ms(start + hour * HOUR_MS - Date::nl_offset_ms(start));
    assert_eq!(Date::hour_nl(app.k.now()), hour);
}

async fn choose(app: &TestApp, email: &str, kind: &str, delivery: &str) {
    let c = Client::logged_in(app, email).await;
    c.get("/settings").await;
    assert_eq!(c.post("/settings", &[(kind, delivery)]).await.status, 303);
}

async fn the_trajectory_invites_the_team_at_each_step(app: TestApp) {
    let fx = fixture(&app, "Uitnodigziekenhuis").await;
    let (o, team) = (&fx.o, fx.o.team_id);
    // The leader wants no vote invitations; the member keeps the defaults.
    choose(&app, &o.leader, "evaluation_open", "never").await;

    let pl = actor(&app, &fx.pl).await;
    let tid = app.k.start_trajectory(&pl, team, &fx.trainer_id.to_string()).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let subject = "De intake van Interne B3 staat open";
    for (who, n) in [(&o.member, 1), (&o.leader, 1), (&fx.trainer, 0), (&fx.pl, 0)] {
        assert_eq!(mails(&app, who, subject).len(), n, "{who}");
    }
    let intake = format!("{}/teams/{team}/trajectory/{tid}/intake", app.base);
    assert!(mails(&app, &o.member, subject)[0].link(&intake).is_some(), "the exact page");

    // A session planned: the team gets it with the .ics; the one who planned it does not.
    let trainer = actor(&app, &fx.trainer).await;
    let sid = session_id(&app, tid, "intake").await;
    let day = app.k.today().add_days(10);
    let date = day.to_string();
    let plan = |start_time: &'static str, agenda: &'static str| SessionInput {
        date: &date,
        start_time,
        minutes: "90",
        agenda,
        location: "Stafkamer",
    };
    app.k.save_session(&trainer, team, tid, sid, &plan("09:30", "Kennismaken"), &[]).await.unwrap();
    app.k.save_session(&trainer, team, tid, sid, &plan("09:30", "Kennismaken en vragen"), &[]).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let planned = format!("Intake van Interne B3: {} 09:30", day.dutch());
    let sent = mails(&app, &o.member, &planned);
    assert_eq!(sent.len(), 1, "a new agenda is no new moment");
    assert!(sent[0].data.contains("multipart/mixed"), "{}", sent[0].data);
    assert!(sent[0].data.contains("Content-Type: text/calendar"), "{}", sent[0].data);
    assert!(sent[0].data.contains(&format!("filename=\"intake-{day}.ics\"")), "{}", sent[0].data);
    assert!(sent[0].link(&format!("{}/teams/{team}/trajectory/{tid}/sessions/{sid}", app.base)).is_some());
    assert_eq!(mails(&app, &o.leader, &planned).len(), 1);
    assert!(app.smtp.to(&fx.trainer).is_empty(), "the trainer planned it");
    // Moved to another time: told again.
    app.k.save_session(&trainer, team, tid, sid, &plan("13:00", "Kennismaken"), &[]).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(mails(&app, &o.member, &format!("Intake van Interne B3: {} 13:00", day.dutch())).len(), 1);

    // The evaluation's vote opens for the team, not for its trainer.
    for from in ["intake", "observation", "mirror_session", "work"] {
        app.k.advance_trajectory(&trainer, team, tid, from).await.unwrap();
    }
    app.k.run_due_jobs().await.unwrap();
    let vote = "Heeft het geholpen? Stem voor Interne B3";
    assert_eq!(mails(&app, &o.member, vote).len(), 1);
    assert_eq!(mails(&app, &o.leader, vote).len(), 0, "switched off");
    assert_eq!(mails(&app, &fx.trainer, vote).len(), 0);
    assert!(
        mails(&app, &o.member, vote)[0]
            .link(&format!("{}/teams/{team}/trajectory/{tid}/evaluations/", app.base))
            .is_some()
    );
    // Nothing is sent twice when the worker runs again.
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(mails(&app, &o.member, subject).len() + mails(&app, &o.member, vote).len(), 2);
    // Completed: the re-evaluation's vote opens as its date comes near, once.
    let eid = session_id(&app, tid, "evaluation").await;
    let input = kartrekker::trajectories::EvaluationInput { results: "Rustiger", next_steps: "", months: "6" };
    let next = app.k.save_evaluation(&trainer, team, tid, eid, &input, Complete::Anyway).await.unwrap().unwrap();
    app.clock.set_ms(next.add_days(-10).start_ms_utc());
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(mails(&app, &o.member, vote).len(), 1, "not yet");
    for _ in 0..9 {
        app.clock.advance_ms(DAY_MS);
        app.k.schedule_reminders().await.unwrap();
        app.k.run_due_jobs().await.unwrap();
    }
    assert_eq!(mails(&app, &o.member, vote).len(), 2);
}

async fn a_new_kartrekker_is_told_or_gets_it_in_the_daily_digest(app: TestApp) {
    let o = org(&app, "Trekkerziekenhuis").await;
    at_hour(&app, 1, 5);
    app.k.run_due_jobs().await.unwrap();
    let leader_id = actor(&app, &o.leader).await.id();
    let id = register_action(&app, &o.leader, &o, "Overdracht op schrift", o.member_id, 20).await;
    register_action(&app, &o.leader, &o, "Eigen actie", leader_id, 20).await;
    app.k.run_due_jobs().await.unwrap();
    let told = mails(&app, &o.member, "Je bent kartrekker van \"Overdracht op schrift\"");
    assert_eq!(told.len(), 1);
    assert!(told[0].link(&format!("{}/actions/{id}", app.base)).is_some());
    assert!(app.smtp.to(&o.leader).iter().all(|m| !m.data.contains("kartrekker van")), "not for oneself");

    // Daily: kept for the digest, all kinds in one e-mail.
    choose(&app, &o.member, "kartrekker", "daily_digest").await;
    let before = app.smtp.to(&o.member).len();
    let a = register_action(&app, &o.leader, &o, "Pauzes plannen", o.member_id, 20).await;
    let b = register_action(&app, &o.leader, &o, "Telefoon beantwoorden", o.member_id, 20).await;
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(app.smtp.to(&o.member).len(), before, "nothing at once, before the digest hour");
    at_hour(&app, 0, 8);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let digest = mails(&app, &o.member, "Je overzicht van vandaag");
    assert_eq!(digest.len(), 1);
    assert_eq!(app.smtp.to(&o.member).len(), before + 1);
    for (title, id) in [("Pauzes plannen", a), ("Telefoon beantwoorden", b)] {
        assert!(digest[0].data.contains(title), "{}", digest[0].data);
        assert!(digest[0].link(&format!("{}/actions/{id}", app.base)).is_some());
    }
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(app.smtp.to(&o.member).len(), before + 1, "one digest a day");

    // Never: nothing at all.
    choose(&app, &o.member, "kartrekker", "never").await;
    register_action(&app, &o.leader, &o, "Nooit gemeld", o.member_id, 20).await;
    app.clock.advance_ms(DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(app.smtp.to(&o.member).len(), before + 1);
}

async fn overdue_actions_are_repeated_weekly_and_listed_for_the_team_leader(app: TestApp) {
    let o = org(&app, "Achterziekenhuis").await;
    app.k.run_due_jobs().await.unwrap();
    let id = register_action(&app, &o.member, &o, "Rooster rond", o.member_id, 1).await;
    let run = async || {
        app.k.schedule_reminders().await.unwrap();
        app.k.run_due_jobs().await.unwrap();
    };
    let overdue = "Over de datum: Rooster rond (Interne B3)";
    let list = "Acties over de datum in Interne B3";
    // From the day after the due date, at 08:00: the kartrekker and the team leader.
    at_hour(&app, 2, 8);
    run().await;
    assert_eq!(mails(&app, &o.member, overdue).len(), 1);
    let weekly = mails(&app, &o.leader, list);
    assert_eq!(weekly.len(), 1);
    assert!(weekly[0].data.contains("Rooster rond"));
    assert!(weekly[0].link(&format!("{}/actions/overdue", app.base)).is_some());
    assert!(mails(&app, &o.member, list).is_empty(), "the list is for team leaders");
    // Every day of that week the scheduler runs: nothing new.
    for _ in 0..6 {
        app.clock.advance_ms(DAY_MS);
        run().await;
    }
    assert_eq!(mails(&app, &o.member, overdue).len(), 1, "not before a week has passed");
    // A week after the first: again, to both.
    app.clock.advance_ms(DAY_MS);
    run().await;
    assert_eq!(mails(&app, &o.member, overdue).len(), 2);
    assert_eq!(mails(&app, &o.leader, list).len(), 2);
    // Switched off, or the action done: no more.
    choose(&app, &o.leader, "team_overdue", "never").await;
    app.clock.advance_ms(7 * DAY_MS);
    run().await;
    assert_eq!(mails(&app, &o.leader, list).len(), 2);
    assert_eq!(mails(&app, &o.member, overdue).len(), 3);
    app.k.move_action(&actor(&app, &o.member).await, id, "done").await.unwrap();
    app.clock.advance_ms(7 * DAY_MS);
    run().await;
    assert_eq!(mails(&app, &o.member, overdue).len(), 3);
}

async fn the_reflection_cycle_invites_asks_reminds_and_reports(app: TestApp) {
    let o = org(&app, "Cyclusziekenhuis").await;
    min_group_size(&app, &o.admin, 3).await;
    let admin = actor(&app, &o.admin).await;
    let carla = app.k.create_person(&admin, "Carla Collega", "carla@cyclus.test", "hbo-v", &[]).await.unwrap();
    app.k.add_member(&admin, o.team_id, &carla.to_string(), "member").await.unwrap();
    activate(&app, "carla@cyclus.test").await;
    app.k.run_due_jobs().await.unwrap();
    let (leader, member) = (actor(&app, &o.leader).await, actor(&app, &o.member).await);
    let d = |n| app.k.today().add_days(n).to_string();
    let dates = [d(2), d(14), d(21), d(28)];
    let dates = [dates[0].as_str(), &dates[1], &dates[2], &dates[3]];
    let id = app.k.start_reflection_cycle(&leader, o.team_id, "Vakgroep najaar", dates, "3").await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let started = "Reflectiecyclus \"Vakgroep najaar\" van Interne B3 is begonnen";
    assert_eq!(mails(&app, &o.member, started).len(), 1);
    assert!(mails(&app, &o.member, started)[0].link(&format!("{}/reflection/{id}", app.base)).is_some());
    assert!(mails(&app, &o.leader, started).is_empty(), "the leader started it");

    // A feedback request goes to the colleague asked.
    app.k.request_feedback(&member, id, &[leader.id().to_string()]).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(mails(&app, &o.leader, "Lars Lid vraagt je om feedback").len(), 1);

    // The self-evaluation is due in two days: both are reminded once.
    app.k.schedule_reminders().await.unwrap();
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let due = "Herinnering: Vakgroep najaar: Zelfevaluatie (Interne B3)";
    assert_eq!(mails(&app, &o.member, due).len(), 1);
    assert_eq!(mails(&app, &o.leader, due).len(), 1);

    // The buddy of a plan is told.
    let follow = d(40);
    let actions =
        [kartrekker::reflection::PlannedAction { action: "", title: "Nee zeggen", goal: "Energie", due_date: "" }];
    let buddy = leader.id().to_string();
    let plan = kartrekker::reflection::PlanInput {
        actions: &actions,
        safeguarding: "Maandelijks samen",
        buddy: &buddy,
        follow_up: &follow,
        private: false,
    };
    app.k.save_action_plan(&member, id, &plan).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let told = mails(&app, &o.leader, "Je bent het maatje van Lars Lid");
    assert_eq!(told.len(), 1);
    assert!(mails(&app, "carla@cyclus.test", "Je bent het maatje").is_empty());
    // The buddy sees the plan through the link; another participant does not.
    let link = told[0].link(&format!("{}/reflection/{id}/plans/{}", app.base, member.id())).expect("the plan");
    let buddy = Client::logged_in(&app, &o.leader).await;
    let page = buddy.get(link.strip_prefix(&app.base).unwrap()).await;
    assert_eq!(page.status, 200);
    page.assert_has("Actieplan van Lars Lid");
    page.assert_has("Nee zeggen");
    page.assert_has("Maandelijks samen");
    let other = Client::logged_in(&app, "carla@cyclus.test").await;
    assert_eq!(other.get(link.strip_prefix(&app.base).unwrap()).await.status, 404);

    // Results ready for the whole group.
    app.k.close_reflection_feedback(&leader, id).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let ready = "Je resultaten staan klaar (Interne B3)";
    for who in [&o.member, &o.leader] {
        let sent = mails(&app, who, ready);
        assert_eq!(sent.len(), 1, "{who}");
        assert!(sent[0].link(&format!("{}/reflection/{id}/results", app.base)).is_some());
    }

    // The follow-up of the plan, as each chose: Lars in the digest, his buddy never.
    choose(&app, &o.member, "plan_follow_up", "daily_digest").await;
    choose(&app, &o.leader, "plan_follow_up", "never").await;
    let (to_lars, to_buddy) = (app.smtp.to(&o.member).len(), app.smtp.to(&o.leader).len());
    at_hour(&app, 38, 5);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!((app.smtp.to(&o.member).len(), app.smtp.to(&o.leader).len()), (to_lars, to_buddy));
    at_hour(&app, 0, 8);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let digest = mails(&app, &o.member, "Je overzicht van vandaag");
    assert_eq!(digest.len(), 1);
    assert!(digest[0].data.contains("kijk je terug op je actieplan (Interne B3)"), "{}", digest[0].data);
    assert!(digest[0].link(&format!("{}/reflection/{id}/plan", app.base)).is_some());
    assert_eq!(app.smtp.to(&o.leader).len(), to_buddy, "the buddy chose never");
}

async fn the_calendar_feed_is_secret_personal_and_revocable(app: TestApp) {
    let fx = fixture(&app, "Agendaziekenhuis").await;
    let o = &fx.o;
    let pl = actor(&app, &fx.pl).await;
    let tid = app.k.start_trajectory(&pl, o.team_id, &fx.trainer_id.to_string()).await.unwrap();
    let sid = session_id(&app, tid, "intake").await;
    let day = app.k.today().add_days(5).to_string();
    let input = SessionInput { date: &day, start_time: "09:30", minutes: "60", ..Default::default() };
    app.k.save_session(&actor(&app, &fx.trainer).await, o.team_id, tid, sid, &input, &[]).await.unwrap();
    let leader_id = actor(&app, &o.leader).await.id();
    register_action(&app, &o.leader, o, "Mijn deadline", o.member_id, 9).await;
    register_action(&app, &o.leader, o, "Andermans deadline", leader_id, 9).await;

    let member = Client::logged_in(&app, &o.member).await;
    member.get("/settings").await.assert_has("Je hebt nog geen link.");
    let made = member.post("/settings/calendar", &[]).await;
    assert_eq!(made.status, 200);
    let url = made.input_value("feed-url").expect("the new link is shown");
    let path = url.strip_prefix(&app.base).expect("on this site").to_string();
    assert!(path.starts_with("/calendar/") && path.ends_with(".ics"), "{path}");
    member.get("/settings").await.assert_has("Je hebt een link.");
    assert!(!member.get("/settings").await.has(&path), "shown only once");

    // No session needed: a calendar program fetches it.
    let feed = Client::new(&app).get(&path).await;
    assert_eq!(feed.status, 200);
    assert!(feed.content_type.as_deref().unwrap_or("").starts_with("text/calendar"));
    assert!(feed.body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(feed.body.contains("SUMMARY:Intake: Interne B3"), "{}", feed.body);
    assert!(
        feed.body.contains(&format!("DTSTART;VALUE=DATE:{}", app.k.today().add_days(9).to_string().replace('-', "")))
    );
    assert!(feed.body.contains("Deadline: Mijn deadline"), "{}", feed.body);
    assert!(!feed.body.contains("Andermans deadline"), "only the person's own actions");
    // The leader's own feed has the session and their own action only.
    let leader = Client::logged_in(&app, &o.leader).await;
    leader.get("/settings").await;
    let theirs = leader.post("/settings/calendar", &[]).await.input_value("feed-url").unwrap();
    let theirs = Client::new(&app).get(theirs.strip_prefix(&app.base).unwrap()).await;
    assert!(theirs.body.contains("Andermans deadline") && !theirs.body.contains("Mijn deadline"));

    // A new link revokes the old one.
    member.get("/settings").await;
    let newer = member.post("/settings/calendar", &[]).await.input_value("feed-url").unwrap();
    assert_eq!(Client::new(&app).get(&path).await.status, 404);
    assert_eq!(Client::new(&app).get(newer.strip_prefix(&app.base).unwrap()).await.status, 200);
    assert_eq!(Client::new(&app).get("/calendar/0123456789abcdef.ics").await.status, 404);
    assert_eq!(Client::new(&app).get(&path.replace(".ics", "")).await.status, 404);
}
