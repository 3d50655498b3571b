//! The patient-name case: an observation deleted by mistake leaves its
//! words nowhere in the database, on SQLite not even in the file's free
//! space (secure_delete) once the write-ahead log is checkpointed.

use kartrekker::db::Backend;
use kartrekker::trajectories::{Item, ObservationInput};
use kartrekker_testkit::*;

both_databases!(a_deleted_observation_leaves_no_trace_in_the_database);

async fn a_deleted_observation_leaves_no_trace_in_the_database(t: TestKartrekker) {
    let o = org(&t, "Privacyziekenhuis").await;
    let admin = actor(&t, &o.admin).await;
    let pl = "programma@privacy.test";
    t.k.create_person(&admin, "Petra Programma", pl, "manager", &["program_leader".into()]).await.unwrap();
    activate(&t, pl).await;
    let trainer_id = t.k.create_person(&admin, "Tom Trainer", "trainer@privacy.test", "hbo-v", &[]).await.unwrap();
    activate(&t, "trainer@privacy.test").await;
    let id = t.k.start_trajectory(&actor(&t, pl).await, o.team_id, &trainer_id.to_string()).await.unwrap();
    let trainer = actor(&t, "trainer@privacy.test").await;
    t.k.advance_trajectory(&trainer, o.team_id, id, "intake").await.unwrap();
    let marker = "Mevrouw Xanthippe Verhoeven-Oudshoorn";
    let text = format!("{marker} (kamer 7) belde drie keer.");
    let today = t.k.today().to_string();
    let input = ObservationInput { date: &today, category: "work", text: &text, theme: "" };
    let oid = t.k.add_observation(&trainer, o.team_id, id, &input).await.unwrap();

    // On SQLite the words are in the file, so the test can see them go.
    let file = t.db.url.trim_start_matches("sqlite://").to_string();
    let in_file = async || {
        kartrekker::db::query("PRAGMA wal_checkpoint(TRUNCATE)").fetch_all(&t.k.db).await.unwrap();
        ["", "-wal"].iter().any(|suffix| {
            let bytes = std::fs::read(format!("{file}{suffix}")).unwrap_or_default();
            bytes.windows(marker.len()).any(|w| w == marker.as_bytes())
        })
    };
    if t.backend == Backend::Sqlite {
        assert!(in_file().await, "the observation is written to the file");
    }

    t.k.delete_item(&trainer, o.team_id, id, Item::Observation, oid).await.unwrap();
    let left: i64 = kartrekker::db::query_scalar("SELECT COUNT(*) FROM trajectory_observations WHERE text LIKE $1")
        .bind(format!("%{marker}%"))
        .fetch_one(&t.k.db)
        .await
        .unwrap();
    assert_eq!(left, 0);
    if t.backend == Backend::Sqlite {
        assert!(!in_file().await, "the deleted words are overwritten in the file");
    }
}
