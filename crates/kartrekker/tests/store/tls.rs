//! PostgreSQL over TLS: the URL's `sslmode` is honoured. Runs against the
//! local server that `./scripts/test` gives TLS and a test CA
//! (KARTREKKER_TEST_PG_CA); without them the test fails, it does not skip.

use kartrekker::db::{Db, query_scalar};
use kartrekker_testkit::postgres_admin_url;

fn url_with(params: &str) -> String {
    let base = postgres_admin_url();
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}{params}")
}

fn test_ca() -> String {
    let ca = std::env::var("KARTREKKER_TEST_PG_CA").unwrap_or_else(|_| {
        panic!("KARTREKKER_TEST_PG_CA is not set: run ./scripts/test, which turns TLS on in the local PostgreSQL")
    });
    assert!(std::path::Path::new(&ca).is_file(), "KARTREKKER_TEST_PG_CA names no file: {ca}");
    ca
}

/// Whether this connection to the server is encrypted, as the server sees it.
async fn encrypted(db: &Db) -> bool {
    let n: i64 =
        query_scalar("SELECT CASE WHEN ssl THEN 1 ELSE 0 END::BIGINT FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            .fetch_one(db)
            .await
            .expect("pg_stat_ssl");
    n == 1
}

#[tokio::test]
async fn verify_full_checks_the_server_against_the_given_ca_and_encrypts() {
    let ca = test_ca();
    let db = Db::connect(&url_with(&format!("sslmode=verify-full&sslrootcert={ca}")))
        .await
        .expect("a TLS connection whose certificate the test CA signed for 127.0.0.1");
    assert!(encrypted(&db).await, "the connection is encrypted");
    db.close().await;
}

#[tokio::test]
async fn verify_full_refuses_a_server_it_cannot_check() {
    test_ca();
    // Without sslrootcert only the public web CAs are trusted: not the test CA.
    let Err(e) = Db::connect(&url_with("sslmode=verify-full")).await else {
        panic!("a certificate no trusted CA signed is refused")
    };
    assert!(e.to_string().contains("UnknownIssuer"), "refused for its certificate: {e}");
}

#[tokio::test]
async fn require_encrypts_and_disable_does_not() {
    test_ca();
    let db = Db::connect(&url_with("sslmode=require")).await.expect("TLS without checking the certificate");
    assert!(encrypted(&db).await);
    db.close().await;
    let plain = Db::connect(&url_with("sslmode=disable")).await.expect("plain connections stay allowed");
    assert!(!encrypted(&plain).await);
    plain.close().await;
}
