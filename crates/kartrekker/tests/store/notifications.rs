use kartrekker::Error;
use kartrekker::auth::token;
use kartrekker::db::DbError;
use kartrekker::notifications::{Delivery, NoticeKind, store};
use kartrekker_testkit::*;

both_databases!(
    a_wrong_choice_saves_none_of_the_others,
    digest_lines_wait_until_sent_and_are_sent_once,
    a_calendar_feed_is_opened_by_its_latest_secret_only,
    an_unknown_delivery_code_is_a_decode_error,
);

async fn a_wrong_choice_saves_none_of_the_others(t: TestKartrekker) {
    let o = org(&t, "Keuzeziekenhuis").await;
    let member = actor(&t, &o.member).await;
    let choice = |kind: NoticeKind, d: &str| (kind.code().to_string(), d.to_string());
    let wrong = [choice(NoticeKind::Overdue, "never"), choice(NoticeKind::DueSoon, "weekly")];
    let refused = t.k.set_notification_settings(&member, &wrong).await;
    let Err(Error::Invalid(errors)) = refused else { panic!("{refused:?}") };
    assert_eq!(errors.iter().map(|e| (e.field, e.key)).collect::<Vec<_>>(), [("due_soon", "error-choose-option")]);
    let settings = t.k.notification_settings(&member).await.unwrap();
    assert!(settings.iter().all(|(_, d)| *d == Delivery::Immediately), "nothing saved: {settings:?}");
    assert_eq!(settings.len(), NoticeKind::ALL.len());

    let right = [choice(NoticeKind::Overdue, "never"), choice(NoticeKind::DueSoon, "daily_digest")];
    t.k.set_notification_settings(&member, &right).await.unwrap();
    t.k.set_notification_settings(&member, &[choice(NoticeKind::Overdue, "daily_digest")]).await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    assert_eq!(store::delivery(&mut c, member.id(), NoticeKind::Overdue).await.unwrap(), Delivery::DailyDigest);
    assert_eq!(
        store::delivery(&mut c, member.id(), NoticeKind::DueSoon).await.unwrap(),
        Delivery::DailyDigest,
        "kept when left out"
    );
    assert_eq!(store::delivery(&mut c, o.member_id + 1000, NoticeKind::Overdue).await.unwrap(), Delivery::Immediately);
}

async fn digest_lines_wait_until_sent_and_are_sent_once(t: TestKartrekker) {
    let o = org(&t, "Digestziekenhuis").await;
    let leader = actor(&t, &o.leader).await;
    let mut c = t.k.conn().await.unwrap();
    let line = |person_id, line| store::DigestEntry {
        person_id,
        kind: NoticeKind::Overdue,
        team_id: o.team_id,
        line,
        path: "/actions/1",
    };
    store::insert_digest_entry(&mut c, &line(o.member_id, "Actie A is te laat"), t.k.now()).await.unwrap();
    store::insert_digest_entry(&mut c, &line(o.member_id, "Actie B is te laat"), t.k.now()).await.unwrap();
    store::insert_digest_entry(&mut c, &line(leader.id(), "Actie C is te laat"), t.k.now()).await.unwrap();
    let mut people = store::digest_people(&mut c).await.unwrap();
    people.sort();
    let mut expected = vec![o.member_id, leader.id()];
    expected.sort();
    assert_eq!(people, expected);
    let pending = store::pending_digest(&mut c, o.member_id).await.unwrap();
    let read: Vec<_> = pending.iter().map(|(_, line, path)| (line.as_str(), path.as_str())).collect();
    assert_eq!(read, [("Actie A is te laat", "/actions/1"), ("Actie B is te laat", "/actions/1")], "oldest first");
    let ids: Vec<i64> = pending.iter().map(|p| p.0).collect();
    store::mark_digest_sent(&mut c, &ids, t.k.now()).await.unwrap();
    assert!(store::pending_digest(&mut c, o.member_id).await.unwrap().is_empty());
    assert_eq!(store::digest_people(&mut c).await.unwrap(), [leader.id()]);
    assert_eq!(store::pending_digest(&mut c, leader.id()).await.unwrap().len(), 1, "another's lines stay");
}

async fn a_calendar_feed_is_opened_by_its_latest_secret_only(t: TestKartrekker) {
    let o = org(&t, "Agendaziekenhuis").await;
    let member = actor(&t, &o.member).await;
    assert!(!t.k.has_calendar_feed(&member).await.unwrap());
    let first = t.k.new_calendar_feed(&member).await.unwrap();
    assert!(t.k.calendar_feed(&first).await.unwrap().starts_with("BEGIN:VCALENDAR"));
    let second = t.k.new_calendar_feed(&member).await.unwrap();
    assert!(matches!(t.k.calendar_feed(&first).await, Err(Error::NotFound)), "the old address stops working");
    assert!(t.k.calendar_feed(&second).await.is_ok());
    let mut c = t.k.conn().await.unwrap();
    assert!(store::has_feed(&mut c, member.id()).await.unwrap());
    assert_eq!(store::feed_owner(&mut c, &token::digest(&second)).await.unwrap(), Some(member.id()));
    assert_eq!(store::feed_owner(&mut c, &second).await.unwrap(), None, "only the hash is kept");
    assert_eq!(count(&t, "calendar_feeds").await, 1);
}

async fn an_unknown_delivery_code_is_a_decode_error(t: TestKartrekker) {
    let o = org(&t, "Bezorgziekenhuis").await;
    let mut c = t.k.conn().await.unwrap();
    store::set_delivery(&mut c, o.member_id, NoticeKind::Overdue, Delivery::Never).await.unwrap();
    kartrekker::db::query("UPDATE notification_prefs SET mode = 'weekly' WHERE person_id = $1")
        .bind(o.member_id)
        .execute(&t.k.db)
        .await
        .unwrap();
    match store::delivery(&mut c, o.member_id, NoticeKind::Overdue).await {
        Err(DbError::Decode { .. }) => {}
        other => panic!("expected a decode error, got {other:?}"),
    }
}
