use std::sync::Arc;

use kartrekker::Kartrekker;
use kartrekker::config::SmtpConfig;
use kartrekker::jobs::{backoff_ms, store};
use kartrekker::mail::SmtpMailer;

use kartrekker_testkit::*;

both_databases!(each_job_runs_once_with_several_workers, a_failed_mail_is_retried_later);

async fn each_job_runs_once_with_several_workers(app: TestApp) {
    let o = org(&app, "Werkziekenhuis").await;
    let a = actor(&app, &o.admin).await;
    for i in 0..12 {
        app.k.create_person(&a, &format!("Persoon {i}"), &format!("p{i}@werk.test"), "arts", &[]).await.unwrap();
    }
    // Three workers, as three instances would run them, on the same database.
    let (x, y, z) = tokio::join!(app.k.run_due_jobs(), app.k.run_due_jobs(), app.k.run_due_jobs());
    let ran = x.unwrap() + y.unwrap() + z.unwrap();
    let queued = count(&app, "jobs").await as usize;
    assert_eq!(ran, queued, "every job claimed exactly once");
    for i in 0..12 {
        assert_eq!(app.smtp.to(&format!("p{i}@werk.test")).len(), 1, "one invitation for p{i}");
    }
    assert_eq!(app.k.run_due_jobs().await.unwrap(), 0, "nothing runs twice");
}

async fn a_failed_mail_is_retried_later(app: TestApp) {
    let o = org(&app, "Herhaalziekenhuis").await;
    let a = actor(&app, &o.admin).await;
    // A worker whose mail server is down: nothing listens on this port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let broken = Kartrekker {
        mailer: Arc::new(
            SmtpMailer::new(&SmtpConfig { host: "127.0.0.1".into(), port: closed, ..SmtpConfig::default() }).unwrap(),
        ),
        ..app.k.clone()
    };
    app.k.run_due_jobs().await.unwrap();
    let before = app.smtp.received().len();
    app.k.create_person(&a, "Rita Retry", "rita@herhaal.test", "arts", &[]).await.unwrap();
    assert_eq!(broken.run_due_jobs().await.unwrap(), 1);
    let jobs = store::all(&mut app.k.conn().await.unwrap()).await.unwrap();
    let (_, attempts, done, error) = jobs.last().unwrap().clone();
    assert_eq!((attempts, done), (1, false));
    assert!(error.is_some());
    assert_eq!(app.k.run_due_jobs().await.unwrap(), 0, "not due again before the back-off");
    app.clock.advance_ms(backoff_ms(1) + 1);
    assert_eq!(app.k.run_due_jobs().await.unwrap(), 1);
    assert_eq!(app.smtp.received().len(), before + 1);
    assert_eq!(app.smtp.to("rita@herhaal.test").len(), 1);
    let (_, attempts, done, _) = store::all(&mut app.k.conn().await.unwrap()).await.unwrap().last().unwrap().clone();
    assert_eq!((attempts, done), (2, true));
}

#[test]
fn back_off_grows_and_is_capped() {
    assert_eq!(backoff_ms(1), 30_000);
    assert_eq!(backoff_ms(2), 60_000);
    assert_eq!(backoff_ms(3), 120_000);
    assert_eq!(backoff_ms(30), 6 * 3_600_000);
}
