use kartrekker::jobs::{JobKind, store};
use kartrekker_testkit::*;

both_databases!(
    a_job_is_claimed_by_one_of_two_concurrent_claimers,
    a_failed_job_waits_for_its_retry_and_a_finished_one_is_done,
    a_dedupe_key_enqueues_once,
);

const LEASE_MS: i64 = 60_000;

async fn a_job_is_claimed_by_one_of_two_concurrent_claimers(t: TestKartrekker) {
    let now = t.k.now();
    store::enqueue(&mut t.k.conn().await.unwrap(), JobKind::Digest, "{}", None, now, 3, now).await.unwrap();
    let (mut a, mut b) = (t.k.conn().await.unwrap(), t.k.conn().await.unwrap());
    let (x, y) = tokio::join!(store::claim(&mut a, now, LEASE_MS), store::claim(&mut b, now, LEASE_MS));
    let claimed: Vec<_> = [x.unwrap(), y.unwrap()].into_iter().flatten().collect();
    assert_eq!(claimed.len(), 1, "{claimed:?}");
    let job = &claimed[0];
    assert_eq!((job.kind, job.payload.as_str(), job.attempts, job.max_attempts), (JobKind::Digest, "{}", 1, 3));
    // Leased: nobody else gets it until the lease runs out.
    assert!(store::claim(&mut a, now + LEASE_MS - 1, LEASE_MS).await.unwrap().is_none());
    let again = store::claim(&mut a, now + LEASE_MS + 1, LEASE_MS).await.unwrap().expect("lease ran out");
    assert_eq!((again.id, again.attempts), (job.id, 2));
}

async fn a_failed_job_waits_for_its_retry_and_a_finished_one_is_done(t: TestKartrekker) {
    let now = t.k.now();
    let mut c = t.k.conn().await.unwrap();
    store::enqueue(&mut c, JobKind::SendLink, "{}", None, now, 2, now).await.unwrap();
    let job = store::claim(&mut c, now, LEASE_MS).await.unwrap().unwrap();
    store::fail(&mut c, job.id, "mail server down", now + 1_000).await.unwrap();
    assert!(store::claim(&mut c, now + 999, LEASE_MS).await.unwrap().is_none(), "not before its retry");
    let retry = store::claim(&mut c, now + 1_000, LEASE_MS).await.unwrap().expect("the retry");
    assert_eq!((retry.id, retry.attempts), (job.id, 2));
    assert_eq!(store::all(&mut c).await.unwrap(), [(JobKind::SendLink, 2, false, Some("mail server down".into()))]);
    store::finish(&mut c, job.id, now + 2_000).await.unwrap();
    assert_eq!(store::all(&mut c).await.unwrap(), [(JobKind::SendLink, 2, true, None)]);
    assert!(store::claim(&mut c, now + 10 * LEASE_MS, LEASE_MS).await.unwrap().is_none(), "done is done");
}

async fn a_dedupe_key_enqueues_once(t: TestKartrekker) {
    let now = t.k.now();
    let mut c = t.k.conn().await.unwrap();
    assert!(store::enqueue(&mut c, JobKind::Digest, "{}", Some("digest:1:day"), now, 3, now).await.unwrap());
    assert!(!store::enqueue(&mut c, JobKind::Digest, "{}", Some("digest:1:day"), now, 3, now).await.unwrap());
    assert!(store::enqueue(&mut c, JobKind::Digest, "{}", Some("digest:2:day"), now, 3, now).await.unwrap());
    assert_eq!(count(&t, "jobs").await, 2);
}
