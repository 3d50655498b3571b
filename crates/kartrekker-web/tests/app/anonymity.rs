//! Anonymity that holds in small groups (issue 16, docs/decisions/0012):
//! the organisation's minimum group size for every group result, the
//! viewer never counted, warnings before a group that can never reach it
//! starts, anonymous intake answers that carry nothing tying them to who
//! gave them, and no sign of who submitted before the feedback closes.

use crate::reflection::{answer, group_of_five, start_cycle};
use kartrekker_testkit::*;

both_databases!(
    the_minimum_group_size_is_five_and_never_below_three,
    a_group_that_can_never_reach_it_says_so_before_it_starts,
    the_viewer_is_never_counted,
    the_trainer_sees_no_count_or_answer_below_the_minimum_and_a_shuffled_set_above,
    anonymous_answers_carry_nothing_that_maps_to_who_answered,
    accreditation_shows_who_submitted_only_after_the_feedback_closes,
);

async fn the_minimum_group_size_is_five_and_never_below_three(app: TestApp) {
    let o = org(&app, "Drempelziekenhuis").await;
    let other = org(&app, "Buurziekenhuis").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    let page = admin.get("/admin/settings").await;
    assert_eq!(page.input_value("min_group_size").as_deref(), Some("5"), "five by default");
    let bad = admin.post("/admin/settings", &[("reminder_days", "4"), ("min_group_size", "2")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Vul een minimale groepsgrootte in van minstens 3");
    assert_eq!(bad.input_value("min_group_size").as_deref(), Some("2"), "the typed value stays");
    assert_eq!(bad.input_value("reminder_days").as_deref(), Some("4"));
    let a = actor(&app, &o.admin).await;
    assert_eq!(app.k.min_group_size(&a).await.unwrap(), 5, "nothing stored");
    assert_eq!(app.k.reminder_days(&a).await.unwrap(), 3, "not the other setting either");
    let ok = admin.post("/admin/settings", &[("reminder_days", "3"), ("min_group_size", "3")]).await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(app.k.min_group_size(&a).await.unwrap(), 3);
    assert_eq!(app.k.min_group_size(&actor(&app, &other.admin).await).await.unwrap(), 5, "per organisation");
    // Only the administrator sets it.
    let leader = Client::logged_in(&app, &o.leader).await;
    assert_eq!(leader.post("/admin/settings", &[("reminder_days", "3"), ("min_group_size", "9")]).await.status, 403);
    assert_eq!(app.k.min_group_size(&a).await.unwrap(), 3);
}

async fn a_group_that_can_never_reach_it_says_so_before_it_starts(app: TestApp) {
    // A team of two in an organisation with the default minimum of five.
    let fx = trajectory_org(&app, "Kleinziekenhuis").await;
    let o = &fx.o;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = format!("/teams/{}/reflection", o.team_id);
    let start = leader.get(&path).await;
    start.assert_has("id=\"group-unreachable\"");
    start.assert_has("Dit team heeft 2 leden. Met een minimale groepsgrootte van 5");
    assert_eq!(start.input_value("min_raters").as_deref(), Some("5"), "the organisation's minimum is the default");
    // A cycle may ask for more, never for fewer.
    let d = |n| app.k.today().add_days(n).to_string();
    let (a, b, c, e) = (d(7), d(14), d(21), d(28));
    let form = |min| {
        [
            ("title", "Klein"),
            ("self_date", a.as_str()),
            ("preparation_date", b.as_str()),
            ("conversation_date", c.as_str()),
            ("plan_date", e.as_str()),
            ("min_raters", min),
        ]
    };
    let p = leader.post(&path, &form("4")).await;
    assert_eq!(p.status, 422);
    p.assert_has("minstens de minimale groepsgrootte van de organisatie");
    assert_eq!(p.input_value("min_raters").as_deref(), Some("4"));
    assert_eq!(count(&app, "reflection_cycles").await, 0);
    leader.get(&path).await;
    assert_eq!(leader.post(&path, &form("6")).await.status, 303);

    // The trajectory's start page and, once started, its intake say it too.
    let pl = Client::logged_in(&app, &fx.pl).await;
    let page = pl.get(&format!("/teams/{}/trajectory", o.team_id)).await;
    page.assert_has("Van dit team kunnen 2 mensen de intake invullen.");
    let tid = crate::trajectories::start(&app, &fx).await;
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    trainer
        .get(&format!("/teams/{}/trajectory/{tid}/intake", o.team_id))
        .await
        .assert_has("worden de antwoorden en groepsresultaten niet getoond");

    // A team of six can reach it: no warning.
    more_members(&app, o, &["Anna", "Bram", "Cor", "Daan"], "klein.test").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    assert!(!leader.get(&path).await.has("group-unreachable"));
}

async fn the_viewer_is_never_counted(app: TestApp) {
    let o = org(&app, "Kijkziekenhuis").await;
    let emails = group_of_five(&app, &o).await;
    let (fien, _) = more_members(&app, &o, &["Fien"], "kijk.test").await.remove(0);
    min_group_size(&app, &o.admin, 5).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let cycle = start_cycle(&app, &o, &leader, "5").await;
    // Five self-evaluations, the leader's among them; Fien has none.
    for e in &emails {
        answer(&Client::logged_in(&app, e).await, &cycle, "self", 4, "").await;
    }
    leader.get("/").await.assert_has("Minder dan 5 hebben de zelfevaluatie ingevuld");
    leader.get(&cycle).await;
    leader.post(&format!("{cycle}/close"), &[]).await;
    // The leader sees four others': fewer than five.
    let g = leader.get(&format!("{cycle}/group")).await;
    g.assert_has("Te weinig zelfevaluaties om groepsresultaten te tonen: daarvoor zijn er minstens 5 nodig");
    assert!(!g.has("<svg"), "no chart");
    // Fien sees the same five, none of them hers: enough.
    let g = Client::logged_in(&app, &fien).await.get(&format!("{cycle}/group")).await;
    assert!(!g.has("Te weinig zelfevaluaties"), "{}", g.body);
    g.assert_has("<svg");
}

/// Team members answer the intake, one after another, over HTTP.
async fn answer_intake(app: &TestApp, base: &str, who: &[String], from: usize) {
    for (i, e) in who.iter().enumerate() {
        let c = Client::logged_in(app, e).await;
        c.get(&format!("{base}/intake")).await;
        let n = from + i;
        let p = c
            .post(&format!("{base}/intake"), &[("daily", &format!("Dagelijks {n}")), ("proud", &format!("Trots {n}"))])
            .await;
        assert_eq!(p.status, 303, "{}", p.body);
    }
}

/// The order in which texts starting with `prefix` and a number appear.
fn order_of(body: &str, prefix: &str) -> Vec<u32> {
    body.split(prefix).skip(1).filter_map(|s| s.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()).collect()
}

async fn the_trainer_sees_no_count_or_answer_below_the_minimum_and_a_shuffled_set_above(app: TestApp) {
    let fx = trajectory_org(&app, "Telziekenhuis").await;
    let extra = more_members(&app, &fx.o, &["Anna", "Bram", "Cor", "Daan", "Eef"], "tel.test").await;
    let mut people = vec![fx.o.member.clone(), fx.o.leader.clone()];
    people.extend(extra.into_iter().map(|(e, _)| e));
    let tid = crate::trajectories::start(&app, &fx).await;
    let base = format!("/teams/{}/trajectory/{tid}", fx.o.team_id);
    let trainer = Client::logged_in(&app, &fx.trainer).await;
    answer_intake(&app, &base, &people[..4], 1).await;
    for page in [trainer.get(&format!("{base}/intake")).await, trainer.get(&base).await] {
        page.assert_has("Hoeveel mensen hebben geantwoord, zie je vanaf 5 antwoorden");
        assert!(!page.has("hebben de vragenlijst ingevuld"), "no count below the minimum");
        assert!(!page.has("Dagelijks"), "no answer below the minimum");
    }
    answer_intake(&app, &base, &people[4..5], 5).await;
    let page = trainer.get(&format!("{base}/intake")).await;
    page.assert_has("5 teamleden hebben de vragenlijst ingevuld");
    assert_eq!(order_of(&page.body, "Dagelijks ").len(), 5, "every answer from five on");
    answer_intake(&app, &base, &people[5..], 6).await;
    let page = trainer.get(&format!("{base}/intake")).await;
    let (daily, proud) = (order_of(&page.body, "Dagelijks "), order_of(&page.body, "Trots "));
    let mut sorted = daily.clone();
    sorted.sort();
    assert_eq!(sorted, (1..=7).collect::<Vec<_>>());
    assert!(daily != sorted || proud != sorted, "a shuffled set, not the order of answering: {daily:?} {proud:?}");
}

async fn anonymous_answers_carry_nothing_that_maps_to_who_answered(app: TestApp) {
    let fx = trajectory_org(&app, "Spoorziekenhuis").await;
    let extra = more_members(&app, &fx.o, &["Anna", "Bram", "Cor", "Daan", "Eef", "Fien"], "spoor.test").await;
    let mut people = vec![fx.o.member.clone(), fx.o.leader.clone()];
    people.extend(extra.into_iter().map(|(e, _)| e));
    let tid = crate::trajectories::start(&app, &fx).await;
    let base = format!("/teams/{}/trajectory/{tid}", fx.o.team_id);
    // Eight people answer in a known order: "Dagelijks 1" first.
    answer_intake(&app, &base, &people, 1).await;
    let in_order: Vec<u32> = (1..=8).collect();
    let reversed: Vec<u32> = (1..=8).rev().collect();
    let db = &app.k.db;
    let texts = |rows: &[kartrekker::db::Row]| -> Vec<u32> {
        rows.iter()
            .filter_map(|r| r.get::<String>("text").unwrap().strip_prefix("Dagelijks ").map(|n| n.parse().unwrap()))
            .collect()
    };
    let rows =
        kartrekker::db::query("SELECT * FROM trajectory_intake_answers ORDER BY id").fetch_all(db).await.unwrap();
    assert_eq!(rows.len(), 16);
    for r in &rows {
        assert_eq!(r.get::<Option<i64>>("person_id").unwrap(), None, "no person");
        assert_eq!(r.get::<Option<i64>>("updated_at").unwrap(), None, "no time");
        assert!(r.get::<i64>("id").unwrap() >= 1 << 40, "a random id, not a counter");
    }
    let by_id = texts(&rows);
    assert!(by_id != in_order && by_id != reversed, "ids do not follow the answers: {by_id:?}");
    let participants: Vec<i64> = kartrekker::db::query_scalar("SELECT person_id FROM trajectory_intake_participants")
        .fetch_all(db)
        .await
        .unwrap();
    assert_eq!(participants.len(), 8, "who answered is kept, apart");
    match db.backend {
        Backend::Sqlite => {
            let rows = kartrekker::db::query("SELECT text FROM trajectory_intake_answers ORDER BY rowid")
                .fetch_all(db)
                .await
                .unwrap();
            let by_rowid = texts(&rows);
            assert!(by_rowid != in_order && by_rowid != reversed, "the rowid does not either: {by_rowid:?}");
        }
        Backend::Postgres => {
            let rows =
                kartrekker::db::query("SELECT text, xmin::text AS tx FROM trajectory_intake_answers ORDER BY ctid")
                    .fetch_all(db)
                    .await
                    .unwrap();
            let on_disk = texts(&rows);
            assert!(on_disk != in_order && on_disk != reversed, "nor the place on disk: {on_disk:?}");
            let tx: Vec<String> = rows.iter().map(|r| r.get("tx").unwrap()).collect();
            assert!(tx.iter().all(|t| *t == tx[0]), "one transaction id for every answer: {tx:?}");
            let marks: Vec<String> = kartrekker::db::query_scalar(
                "SELECT xmin::text FROM trajectory_intake_participants WHERE trajectory_id = $1",
            )
            .bind(tid)
            .fetch_all(db)
            .await
            .unwrap();
            assert!(!marks.contains(&tx[0]), "no transaction shared with anyone's participation mark");
        }
    }
}

async fn accreditation_shows_who_submitted_only_after_the_feedback_closes(app: TestApp) {
    let o = org(&app, "Minutenziekenhuis").await;
    group_of_five(&app, &o).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let cycle = start_cycle(&app, &o, &leader, "3").await;
    let lars = Client::logged_in(&app, &o.member).await;
    answer(&lars, &cycle, "self", 4, "").await;
    let page = leader.get(&format!("{cycle}/accreditation")).await;
    page.assert_has("De minuten van de anderen zie je pas als de feedback gesloten is");
    assert!(!page.has("Lars Lid"), "not who submitted");
    let csv = leader.get(&format!("{cycle}/accreditation.csv")).await;
    assert!(!csv.has("Lars Lid"), "nor in the export: {}", csv.body);
    let lars_id = actor(&app, &o.member).await.id();
    let field = format!("m-{lars_id}-self_evaluation");
    let p = leader.post(&format!("{cycle}/accreditation"), &[(&field, "0")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Minuten corrigeren kan pas als de feedback gesloten is.");
    // Lars sees his own minutes; the home page says only "fewer than 3".
    lars.get(&format!("{cycle}/accreditation")).await.assert_has("Lars Lid");
    leader.get("/").await.assert_has("Minder dan 3 hebben de zelfevaluatie ingevuld");
    leader.get(&cycle).await;
    leader.post(&format!("{cycle}/close"), &[]).await;
    let page = leader.get(&format!("{cycle}/accreditation")).await;
    page.assert_has("Lars Lid");
    assert_eq!(page.input_value(&field).as_deref(), Some("30"));
}
