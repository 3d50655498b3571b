use kartrekker::auth::{LoginOutcome, TokenPurpose, store, token};
use kartrekker::clock::{DAY_MS, MINUTE_MS};
use kartrekker::people::store as people;
use kartrekker_testkit::*;

both_databases!(
    a_session_token_is_looked_up_until_it_ends,
    a_single_use_link_is_used_once_and_not_after_it_expires,
    failed_log_ins_are_counted_per_window,
);

async fn a_session_token_is_looked_up_until_it_ends(t: TestKartrekker) {
    let o = org(&t, "Sessieziekenhuis").await;
    let LoginOutcome::LoggedIn { session, person } = t.k.login(&o.member, PASSWORD, None).await.unwrap() else {
        panic!("the member logs in")
    };
    assert_eq!(person.id, o.member_id);
    let found = t.k.session(&session).await.unwrap().expect("the session");
    assert_eq!(found.actor.id(), o.member_id);
    let mut c = t.k.conn().await.unwrap();
    let row = people::by_session(&mut c, &token::digest(&session), t.k.now()).await.unwrap().expect("by its hash");
    assert_eq!((row.actor.id(), row.csrf), (o.member_id, found.csrf));
    assert!(row.expires > t.k.now());
    // Only the hash is stored: the secret itself finds nothing.
    assert!(people::by_session(&mut c, &session, t.k.now()).await.unwrap().is_none());
    assert!(people::by_session(&mut c, &token::digest(&session), row.expires).await.unwrap().is_none(), "expired");
    t.k.logout(&session).await.unwrap();
    assert!(t.k.session(&session).await.unwrap().is_none(), "logged out");
}

async fn a_single_use_link_is_used_once_and_not_after_it_expires(t: TestKartrekker) {
    let o = org(&t, "Linkziekenhuis").await;
    let (now, mut c) = (t.k.now(), t.k.conn().await.unwrap());
    let hash = token::digest(&token::new_secret());
    store::insert_token(&mut c, &hash, o.member_id, TokenPurpose::PasswordReset, now, now + DAY_MS).await.unwrap();
    assert_eq!(
        store::token(&mut c, &hash, TokenPurpose::PasswordReset).await.unwrap(),
        Some((o.member_id, now + DAY_MS, None))
    );
    assert_eq!(store::token(&mut c, &hash, TokenPurpose::Invitation).await.unwrap(), None, "another purpose");
    assert_eq!(store::use_token(&mut c, &hash, TokenPurpose::PasswordReset, now + 1).await.unwrap(), Some(o.member_id));
    assert_eq!(store::use_token(&mut c, &hash, TokenPurpose::PasswordReset, now + 2).await.unwrap(), None, "used once");
    assert_eq!(
        store::token(&mut c, &hash, TokenPurpose::PasswordReset).await.unwrap(),
        Some((o.member_id, now + DAY_MS, Some(now + 1)))
    );
    let late = token::digest(&token::new_secret());
    store::insert_token(&mut c, &late, o.member_id, TokenPurpose::PasswordReset, now, now + DAY_MS).await.unwrap();
    assert_eq!(
        store::use_token(&mut c, &late, TokenPurpose::PasswordReset, now + DAY_MS).await.unwrap(),
        None,
        "expired"
    );
}

async fn failed_log_ins_are_counted_per_window(t: TestKartrekker) {
    let (now, mut c) = (t.k.now(), t.k.conn().await.unwrap());
    let window = 15 * MINUTE_MS;
    let email = "iemand@ziekenhuis.test";
    assert_eq!(store::failures(&mut c, email).await.unwrap(), None);
    store::record_failure(&mut c, email, now, window).await.unwrap();
    store::record_failure(&mut c, email, now + MINUTE_MS, window).await.unwrap();
    assert_eq!(store::failures(&mut c, email).await.unwrap(), Some((2, now)));
    // A failure after the window starts a new one.
    store::record_failure(&mut c, email, now + window + MINUTE_MS, window).await.unwrap();
    assert_eq!(store::failures(&mut c, email).await.unwrap(), Some((1, now + window + MINUTE_MS)));
    store::clear_failures(&mut c, email).await.unwrap();
    assert_eq!(store::failures(&mut c, email).await.unwrap(), None);
}
