//! Several instances on one PostgreSQL database, as the scaled setup runs
//! them: two `kartrekker serve` processes, each with its worker, share a
//! session, see each other's changes at once, and send each e-mail and each
//! reminder once. PostgreSQL only: SQLite is the one-instance setup.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use kartrekker::db::{Backend, query_scalar};
use kartrekker_testkit::*;

/// A `kartrekker serve` process on a free loopback port, ended when dropped.
struct Instance {
    child: Child,
    base: String,
}

impl Instance {
    async fn start(t: &TestKartrekker) -> Instance {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_kartrekker"))
            .arg("serve")
            .env("KARTREKKER_DATABASE_URL", &t.db.url)
            .env("KARTREKKER_BIND", format!("127.0.0.1:{port}"))
            .env("KARTREKKER_BASE_URL", &base)
            .env("KARTREKKER_SMTP_HOST", "127.0.0.1")
            .env("KARTREKKER_SMTP_PORT", t.smtp.port.to_string())
            .env("KARTREKKER_SMTP_SECURITY", "none")
            .env("KARTREKKER_WORKER", "true")
            .env_remove("KARTREKKER_CONFIG")
            .stdout(Stdio::null())
            .spawn()
            .expect("start kartrekker serve");
        let instance = Instance { child, base };
        let http = reqwest::Client::new();
        for _ in 0..300 {
            let ready = http.get(format!("{}/readyz", instance.base)).send().await;
            if ready.is_ok_and(|r| r.status().is_success()) {
                return instance;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("kartrekker serve did not become ready on {}", instance.base);
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn scalar(t: &TestKartrekker, sql: &'static str) -> i64 {
    query_scalar(sql).fetch_one(&t.k.db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_serve_processes_share_one_postgresql_database() {
    let t = TestKartrekker::start(Backend::Postgres).await;
    let o = org(&t, "Tweelingziekenhuis").await;
    let admin = actor(&t, &o.admin).await;
    // Work waiting before either instance runs: twenty invitations to send,
    // and an action due tomorrow whose reminder both workers will schedule.
    for i in 0..20 {
        t.k.create_person(&admin, &format!("Persoon {i}"), &format!("p{i}@tweeling.test"), "arts", &[]).await.unwrap();
    }
    register_action(&t, &o.leader, &o, "Gordijn ophangen", o.member_id, 1).await;

    let (a, b) = tokio::join!(Instance::start(&t), Instance::start(&t));

    // A session made on one instance works on the other.
    let on_a = Client::at(&a.base);
    assert_eq!(on_a.login(&o.leader, PASSWORD).await.status, 303);
    let on_b = on_a.on(&b.base);
    on_b.get("/").await.assert_has("Lieke Leider");

    // A change made on one is seen on the other at once.
    on_b.get(&format!("/teams/{}/actions/new", o.team_id)).await;
    let due = t.k.today().add_days(5).to_string();
    let kartrekker = o.member_id.to_string();
    let fields = [("title", "Tweede gordijn"), ("goal", "Privacy"), ("kartrekker", &kartrekker), ("due_date", &due)];
    assert_eq!(on_b.post(&format!("/teams/{}/actions", o.team_id), &fields).await.status, 303);
    on_a.get(&format!("/teams/{}/actions", o.team_id)).await.assert_has("Tweede gordijn");

    // Both workers claim from the same queue: every job runs once.
    let mut waited = 0;
    while scalar(&t, "SELECT COUNT(*) FROM jobs WHERE done_at IS NULL").await > 0 {
        assert!(waited < 600, "the instances did not finish the queued jobs");
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    // Two more polls of both workers: nothing is sent again.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM jobs WHERE attempts <> 1").await, 0, "each job claimed once");
    for i in 0..20 {
        assert_eq!(t.smtp.to(&format!("p{i}@tweeling.test")).len(), 1, "one invitation for p{i}");
    }
    let reminders = t.smtp.to(&o.member).into_iter().filter(|m| m.data.contains("Herinnering")).count();
    assert_eq!(reminders, 1, "the due-soon reminder is sent once, though both workers scheduled it");

    // Logging out on one instance ends the session on both.
    assert_eq!(on_a.post("/logout", &[]).await.status, 303);
    assert_eq!(on_b.get("/").await.status, 303, "logged out everywhere");
}
