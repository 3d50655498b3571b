//! `kartrekker backup` and `kartrekker restore` (README, "Backups"): a copy
//! taken while actions are being written holds everything committed before
//! it began, and restoring it gives a working app again.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use kartrekker::actions::{ActionInput, Origin};
use kartrekker::db::{Db, query_scalar};
use kartrekker_testkit::*;
use kartrekker_web::cli::run_args;

/// A configuration file naming the app's database, as the commands read it.
fn config_file(dir: &std::path::Path, database_url: &str) -> String {
    let file = dir.join("kartrekker.toml");
    std::fs::write(&file, format!("database_url = \"{database_url}\"\n")).unwrap();
    file.display().to_string()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("kt-{name}-{}", kartrekker::auth::token::new_secret()[..12].to_owned()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn action_ids(db: &Db) -> Vec<i64> {
    kartrekker::db::query("SELECT id FROM actions ORDER BY id")
        .fetch_all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.get::<i64>("id").unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_actions_are_written_holds_what_was_committed_and_restores_to_a_working_app() {
    let mut app = TestApp::spawn(Backend::Sqlite).await;
    let o = org(&app, "Back-upziekenhuis").await;
    let dir = scratch("backup");
    let config = config_file(&dir, app.database_url());
    let copy = dir.join("kartrekker-backup.sqlite").display().to_string();

    // A writer that keeps creating actions, as a busy ward would, and notes each one committed.
    let committed = Arc::new(Mutex::new(Vec::<i64>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (k, committed, stop) = (app.k.clone(), committed.clone(), stop.clone());
        let leader = actor(&app, &o.leader).await;
        let (team, member) = (o.team_id, o.member_id.to_string());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let title = format!("Actie {n}");
                let input = ActionInput { title: &title, goal: "Doorgaan", kartrekker: &member, ..Default::default() };
                let id = k.create_action(&leader, team, &input, Origin::REGISTER).await.unwrap();
                committed.lock().unwrap().push(id);
            }
        })
    };
    let written = || committed.lock().unwrap().len();
    while written() < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let before_backup = committed.lock().unwrap().clone();
    run_args(&["kartrekker", "backup", "--to", &copy, "--config", &config]).await.expect("backup");
    let at_backup_end = written();
    while written() < at_backup_end + 20 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    assert!(written() > before_backup.len(), "the writes went on around the backup");
    let live = action_ids(&app.k.db).await;

    // The copy: whole, of this Kartrekker's schema, with every action committed before it began.
    let checked = kartrekker::db::backup::check(copy.as_ref()).expect("the copy passes the checks");
    assert_eq!(checked.schema_version, checked.newest_known);
    let opened = Db::connect(&format!("sqlite://{copy}")).await.unwrap();
    let integrity: String = query_scalar("PRAGMA integrity_check").fetch_one(&opened).await.unwrap();
    assert_eq!(integrity, "ok");
    let in_copy = action_ids(&opened).await;
    opened.close().await;
    drop(opened);
    let missing: Vec<&i64> = before_backup.iter().filter(|id| !in_copy.contains(id)).collect();
    assert!(missing.is_empty(), "committed before the backup but not in it: {missing:?}");
    assert!(in_copy.len() < live.len(), "the copy is of a moment, not of the end: {} of {}", in_copy.len(), live.len());
    assert_eq!(&live[..in_copy.len()], in_copy.as_slice(), "the copy is a snapshot: a prefix of what was written");

    // Not over a database that a running Kartrekker has open.
    let refused = run_args(&["kartrekker", "restore", "--from", &copy, "--config", &config]).await.unwrap_err();
    assert!(refused.contains("stop it first"), "{refused}");
    assert_eq!(action_ids(&app.k.db).await, live, "a refused restore changes nothing");

    // Stopped, it restores: the actions after the backup are gone, the ones before are back.
    app.stop().await;
    run_args(&["kartrekker", "restore", "--from", &copy, "--config", &config]).await.expect("restore");
    let restarted = app.on_same_database().await;
    assert_eq!(action_ids(&restarted.k.db).await, in_copy);
    // A working app: the team leader logs in, sees a restored action and adds one more.
    let leader = Client::logged_in(&restarted, &o.leader).await;
    let first = before_backup[0];
    leader.get(&format!("/actions/{first}")).await.assert_has("Actie 1");
    let added = register_action(&restarted, &o.leader, &o, "Na het terugzetten", o.member_id, 7).await;
    leader.get(&format!("/actions/{added}")).await.assert_has("Na het terugzetten");

    // A broken file is refused before anything is overwritten.
    let broken = dir.join("broken.sqlite");
    let mut bytes = std::fs::read(&copy).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&broken, bytes).unwrap();
    let mut stopped = restarted;
    stopped.stop().await;
    let err = run_args(&["kartrekker", "restore", "--from", broken.to_str().unwrap(), "--config", &config])
        .await
        .unwrap_err();
    assert!(err.contains("integrity") || err.contains("malformed") || err.contains("not a database"), "{err}");
    let again = stopped.on_same_database().await;
    assert_eq!(
        action_ids(&again.k.db).await.len(),
        in_copy.len() + 1,
        "the refused restore left the database as it was"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// On PostgreSQL the commands point to its own tools.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgresql_backup_and_restore_point_to_pg_dump() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let dir = scratch("backup-pg");
    let config = config_file(&dir, app.database_url());
    let file = dir.join("kartrekker.dump").display().to_string();
    for command in ["backup --to", "restore --from"] {
        let (verb, option) = command.split_once(' ').unwrap();
        let err = run_args(&["kartrekker", verb, option, &file, "--config", &config]).await.unwrap_err();
        assert!(err.contains("pg_dump -Fc") && err.contains("README"), "{verb}: {err}");
    }
    assert!(!std::path::Path::new(&file).exists());
    std::fs::remove_dir_all(dir).unwrap();
}
