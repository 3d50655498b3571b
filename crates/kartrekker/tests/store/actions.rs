use kartrekker::actions::{ActionFilter, ActionInput, Origin, Status, store};
use kartrekker::auth::Actor;
use kartrekker::notifications::{Delivery, NoticeKind, store as notices};
use kartrekker_testkit::*;

both_databases!(
    an_action_is_read_back_with_every_field,
    a_move_is_filtered_on_and_kept_in_the_history,
    updates_and_notification_choices_are_kept,
);

/// An action of the team's member, created by the team leader.
async fn action(t: &TestKartrekker, o: &Org, leader: &Actor) -> i64 {
    let input = ActionInput {
        title: "Overdracht om half acht",
        goal: "Minder gemiste medicatie",
        kartrekker: &o.member_id.to_string(),
        due_date: &t.k.today().add_days(14).to_string(),
        evaluation_date: &t.k.today().add_days(30).to_string(),
    };
    t.k.create_action(leader, o.team_id, &input, Origin::REGISTER).await.unwrap()
}

async fn an_action_is_read_back_with_every_field(t: TestKartrekker) {
    let o = org(&t, "Actieziekenhuis").await;
    let leader = actor(&t, &o.leader).await;
    let id = action(&t, &o, &leader).await;
    let a = store::by_id(&mut t.k.conn().await.unwrap(), id).await.unwrap().expect("the action");
    assert_eq!(a.id, id);
    assert_eq!(Some(a.org_id), leader.org_id());
    assert_eq!((a.team_id, a.team.as_str()), (o.team_id, "Interne B3"));
    assert_eq!(a.title, "Overdracht om half acht");
    assert_eq!(a.goal, "Minder gemiste medicatie");
    assert_eq!((a.kartrekker_id, a.kartrekker.as_str()), (o.member_id, "Lars Lid"));
    assert_eq!(a.status, Status::Open);
    assert_eq!(a.due_date, Some(t.k.today().add_days(14)));
    assert_eq!(a.evaluation_date, Some(t.k.today().add_days(30)));
    assert_eq!(a.result, "");
    assert_eq!(a.origin, Origin::REGISTER);
    assert_eq!((a.created_at, a.updated_at), (t.k.now(), t.k.now()));
    assert!(store::by_id(&mut t.k.conn().await.unwrap(), id + 1000).await.unwrap().is_none());
}

async fn a_move_is_filtered_on_and_kept_in_the_history(t: TestKartrekker) {
    let o = org(&t, "Verplaatsziekenhuis").await;
    let leader = actor(&t, &o.leader).await;
    let id = action(&t, &o, &leader).await;
    t.clock.advance_ms(60_000);
    t.k.move_action(&leader, id, "in_progress").await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    let filter = |status| ActionFilter { status: Some(status), ..ActionFilter::default() };
    let busy = store::of_team(&mut c, o.team_id, &filter(Status::InProgress)).await.unwrap();
    assert_eq!(busy.iter().map(|a| a.id).collect::<Vec<_>>(), [id]);
    assert!(store::of_team(&mut c, o.team_id, &filter(Status::Open)).await.unwrap().is_empty());
    let history = store::history(&mut c, id).await.unwrap();
    assert!(
        history.iter().any(|h| h.who == "Lieke Leider"
            && h.field == "status"
            && h.old == "open"
            && h.new == "in_progress"
            && h.at == t.k.now()),
        "{history:?}"
    );
}

async fn updates_and_notification_choices_are_kept(t: TestKartrekker) {
    let o = org(&t, "Meldingziekenhuis").await;
    let leader = actor(&t, &o.leader).await;
    let id = action(&t, &o, &leader).await;
    t.k.add_action_update(&leader, id, "Besproken in het teamoverleg").await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    let updates = store::updates(&mut c, id).await.unwrap();
    let read: Vec<(i64, &str, &str)> = updates.iter().map(|u| (u.at, u.author.as_str(), u.text.as_str())).collect();
    assert_eq!(read, [(t.k.now(), "Lieke Leider", "Besproken in het teamoverleg")]);

    let me = leader.id();
    assert_eq!(notices::delivery(&mut c, me, NoticeKind::Overdue).await.unwrap(), Delivery::Immediately, "the default");
    notices::set_delivery(&mut c, me, NoticeKind::Overdue, Delivery::DailyDigest).await.unwrap();
    notices::set_delivery(&mut c, me, NoticeKind::Overdue, Delivery::Never).await.unwrap();
    assert_eq!(notices::delivery(&mut c, me, NoticeKind::Overdue).await.unwrap(), Delivery::Never, "the last choice");
    assert_eq!(notices::delivery(&mut c, me, NoticeKind::DueSoon).await.unwrap(), Delivery::Immediately);
    let org_id = leader.org_id().unwrap();
    store::set_reminder_days(&mut c, org_id, 5).await.unwrap();
    assert_eq!(store::reminder_days(&mut c, org_id).await.unwrap(), 5);
}
