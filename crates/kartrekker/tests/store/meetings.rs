use kartrekker::Error;
use kartrekker::db::DbError;
use kartrekker::decisions::DecisionInput;
use kartrekker::meetings::{AgendaItem, Kind, MeetingInput, Recurrence, store};
use kartrekker::people::Language;
use kartrekker_testkit::*;

both_databases!(
    a_meeting_is_read_back_with_every_field,
    a_copied_template_keeps_its_agenda_in_its_own_organisation,
    a_series_plans_its_next_meeting_once,
    chair_feedback_carries_no_person_and_shows_from_the_group_size,
    a_meeting_decision_and_its_fair_process_record_are_written_both_or_neither,
    other_organisations_cannot_reach_a_meeting_and_only_the_chair_closes_it,
    an_unknown_meeting_kind_is_a_decode_error,
);

/// A dagstart of `o`'s team tomorrow at 07:45, chaired by its leader, with its member invited.
async fn plan(t: &TestKartrekker, o: &Org, recurrence: &str) -> i64 {
    let leader = actor(t, &o.leader).await;
    let attendees = [o.member_id.to_string()];
    let input = MeetingInput {
        template: "builtin:dagstart",
        title: "Dagstart B3",
        held_on: &t.k.today().add_days(1).to_string(),
        start_time: "7:45",
        chair: &leader.id().to_string(),
        recurrence,
        attendees: &attendees,
    };
    t.k.plan_meeting(&leader, o.team_id, &input, Language::Nl).await.unwrap()
}

async fn a_meeting_is_read_back_with_every_field(t: TestKartrekker) {
    let o = org(&t, "Overlegziekenhuis").await;
    let leader = actor(&t, &o.leader).await;
    let id = plan(&t, &o, "once").await;
    let mut c = t.k.conn().await.unwrap();
    let m = store::by_id(&mut c, id).await.unwrap().expect("the meeting");
    assert_eq!((m.id, Some(m.org_id), m.team_id, m.team.as_str()), (id, leader.org_id(), o.team_id, "Interne B3"));
    assert_eq!((m.series_id, m.recurrence, m.kind, m.title.as_str()), (None, None, Kind::Dagstart, "Dagstart B3"));
    assert_eq!((m.held_on, m.start_time.to_string()), (t.k.today().add_days(1), "07:45".to_string()));
    assert_eq!((m.chair_id, m.chair.as_str(), m.closed_at), (leader.id(), "Lieke Leider", None));
    let items = store::items(&mut c, id).await.unwrap();
    let minutes: Vec<(i64, i64)> = items.iter().map(|i| (i.position, i.minutes)).collect();
    assert_eq!(minutes.iter().map(|m| m.1).collect::<Vec<_>>(), [3, 3, 4, 3], "the dagstart's timeboxes in order");
    assert!(minutes.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(items.iter().all(|i| !i.title.is_empty() && !i.prompt.is_empty() && i.notes.is_empty()));
    let mut attendees: Vec<_> =
        store::attendees(&mut c, id).await.unwrap().into_iter().map(|a| (a.person_id, a.name, a.present)).collect();
    attendees.sort();
    let mut expected =
        vec![(leader.id(), "Lieke Leider".to_string(), true), (o.member_id, "Lars Lid".to_string(), true)];
    expected.sort();
    assert_eq!(attendees, expected, "the chair attends; everyone invited is present until unticked");
    drop(c);

    t.k.save_meeting_notes(&leader, id, items[1].id, " Twee zieken ").await.unwrap();
    t.k.set_meeting_attendance(&leader, id, &[o.member_id.to_string()]).await.unwrap();
    let did = t.k.add_meeting_decision(&leader, id, "Pauzes om de beurt", "Iedereen").await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    let items = store::items(&mut c, id).await.unwrap();
    assert_eq!(items.iter().map(|i| i.notes.as_str()).collect::<Vec<_>>(), ["", "Twee zieken", "", ""]);
    let present: Vec<_> =
        store::attendees(&mut c, id).await.unwrap().into_iter().filter(|a| a.present).map(|a| a.person_id).collect();
    assert_eq!(present, [o.member_id]);
    let decisions = store::decisions(&mut c, id).await.unwrap();
    let read: Vec<_> = decisions.iter().map(|d| (d.id, d.text.as_str(), d.concerns.as_str(), d.decision_id)).collect();
    assert_eq!(read, [(did, "Pauzes om de beurt", "Iedereen", None)]);
    assert!(!store::set_notes(&mut c, id, items[0].id + 1000, "Elders").await.unwrap(), "an item of another meeting");
}

async fn a_copied_template_keeps_its_agenda_in_its_own_organisation(t: TestKartrekker) {
    let o = org(&t, "Sjabloonziekenhuis").await;
    let other = org(&t, "Geensjabloonziekenhuis").await;
    let admin = actor(&t, &o.admin).await;
    let id = t.k.copy_meeting_template(&admin, "builtin:stop", Language::Nl).await.unwrap();
    t.k.save_meeting_template(&admin, id, " STOP-moment ", "5 | Wat gebeurde er | Kort\n10 | Wat nu").await.unwrap();
    let org_id = admin.org_id().unwrap();
    let mut c = t.k.conn().await.unwrap();
    assert_eq!(store::template(&mut c, org_id, id).await.unwrap(), Some((Kind::Stop, "STOP-moment".to_string())));
    let item = |minutes, title: &str, prompt: &str| AgendaItem { title: title.into(), minutes, prompt: prompt.into() };
    assert_eq!(
        store::template_items(&mut c, id).await.unwrap(),
        [item(5, "Wat gebeurde er", "Kort"), item(10, "Wat nu", "")]
    );
    let own = store::templates_of_org(&mut c, org_id).await.unwrap();
    assert_eq!(
        own.iter().map(|x| (x.id, x.kind, x.name.as_str(), x.total_minutes)).collect::<Vec<_>>(),
        [(id, Kind::Stop, "STOP-moment", 15)]
    );
    let other_org = actor(&t, &other.admin).await.org_id().unwrap();
    assert_eq!(store::template(&mut c, other_org, id).await.unwrap(), None);
    assert!(store::templates_of_org(&mut c, other_org).await.unwrap().is_empty());
    drop(c);

    let stranger = actor(&t, &other.admin).await;
    assert!(matches!(t.k.save_meeting_template(&stranger, id, "Van ons", "5 | Weg").await, Err(Error::NotFound)));
    assert!(matches!(
        t.k.copy_meeting_template(&stranger, &format!("org:{id}"), Language::Nl).await,
        Err(Error::NotFound)
    ));
    let leader = actor(&t, &o.leader).await;
    assert!(matches!(t.k.save_meeting_template(&leader, id, "Van mij", "5 | Weg").await, Err(Error::Forbidden)));
    let bad = t.k.save_meeting_template(&admin, id, "Leeg", "tien | Niets").await;
    assert!(matches!(bad, Err(Error::Invalid(_))), "{bad:?}");
    let mut c = t.k.conn().await.unwrap();
    assert_eq!(store::template(&mut c, org_id, id).await.unwrap().unwrap().1, "STOP-moment", "nothing changed");
    assert_eq!(store::template_items(&mut c, id).await.unwrap().len(), 2);
}

async fn a_series_plans_its_next_meeting_once(t: TestKartrekker) {
    let o = org(&t, "Reeksziekenhuis").await;
    let leader = actor(&t, &o.leader).await;
    let first = plan(&t, &o, "weekly").await;
    t.k.save_meeting_notes(
        &leader,
        first,
        store::items(&mut t.k.conn().await.unwrap(), first).await.unwrap()[0].id,
        "Alleen deze keer",
    )
    .await
    .unwrap();
    let next = t.k.plan_next_in_series(&leader, first).await.unwrap();
    assert_eq!(t.k.plan_next_in_series(&leader, first).await.unwrap(), next, "planned once");
    let mut c = t.k.conn().await.unwrap();
    let (a, b) =
        (store::by_id(&mut c, first).await.unwrap().unwrap(), store::by_id(&mut c, next).await.unwrap().unwrap());
    assert_eq!((a.recurrence, b.recurrence), (Some(Recurrence::Weekly), Some(Recurrence::Weekly)));
    assert!(a.series_id.is_some());
    assert_eq!(
        (b.series_id, b.held_on, b.start_time, b.chair_id),
        (a.series_id, a.held_on.add_days(7), a.start_time, a.chair_id)
    );
    assert_eq!((b.title.as_str(), b.kind), ("Dagstart B3", Kind::Dagstart));
    let items = store::items(&mut c, next).await.unwrap();
    assert_eq!(items.len(), 4);
    assert!(items.iter().all(|i| i.notes.is_empty()), "the agenda comes along, the notes do not");
    assert_eq!(store::attendees(&mut c, next).await.unwrap().len(), 2);
    let series = store::of_series(&mut c, a.series_id.unwrap()).await.unwrap();
    assert_eq!(series.iter().map(|m| m.id).collect::<Vec<_>>(), [next, first], "latest first");
    let once = plan(&t, &o, "once").await;
    assert!(matches!(t.k.plan_next_in_series(&leader, once).await, Err(Error::NotFound)));
}

async fn chair_feedback_carries_no_person_and_shows_from_the_group_size(t: TestKartrekker) {
    let o = org(&t, "Voorzitziekenhuis").await;
    min_group_size(&t, &o.admin, 3).await;
    let more = more_members(&t, &o, &["Anna", "Bram"], "voorzit.test").await;
    let leader = actor(&t, &o.leader).await;
    let everyone = [o.member_id, more[0].1, more[1].1].map(|p| p.to_string());
    let input = MeetingInput {
        template: "builtin:vakgroep",
        held_on: &t.k.today().to_string(),
        start_time: "12:00",
        chair: &leader.id().to_string(),
        recurrence: "once",
        attendees: &everyone,
        ..Default::default()
    };
    let id = t.k.plan_meeting(&leader, o.team_id, &input, Language::Nl).await.unwrap();
    t.k.set_meeting_attendance(&leader, id, &everyone).await.unwrap();
    let refused = t.k.ask_chair_feedback(&leader, id).await;
    assert!(matches!(refused, Err(Error::Refused("error-meeting-feedback-not-closed"))), "{refused:?}");
    t.k.close_meeting(&leader, id).await.unwrap();
    let member = actor(&t, &o.member).await;
    assert!(matches!(t.k.ask_chair_feedback(&member, id).await, Err(Error::Forbidden)), "only the chair asks");
    assert_eq!(t.k.ask_chair_feedback(&leader, id).await.unwrap(), 3);

    t.k.give_chair_feedback(&member, id, ["4", "5", "3"], "Strak geleid").await.unwrap();
    let again = t.k.give_chair_feedback(&member, id, ["1", "1", "1"], "").await;
    assert!(matches!(again, Err(Error::Refused("error-meeting-feedback-given"))), "{again:?}");
    t.k.give_chair_feedback(&actor(&t, &more[0].0).await, id, ["2", "3", "3"], "").await.unwrap();
    let seen = t.k.chair_feedback(&leader, id).await.unwrap();
    assert_eq!((seen.asked, seen.answered, seen.needed, seen.averages), (3, 2, 3, None));
    assert!(seen.comments.is_empty(), "no comment below the group size");
    t.k.give_chair_feedback(&actor(&t, &more[1].0).await, id, ["3", "4", "3"], "").await.unwrap();
    let seen = t.k.chair_feedback(&leader, id).await.unwrap();
    assert_eq!((seen.answered, seen.averages), (3, Some([3.0, 4.0, 3.0])));
    assert_eq!(seen.comments, ["Strak geleid"]);
    assert!(matches!(t.k.chair_feedback(&member, id).await, Err(Error::NotFound)), "the chair's alone");

    let mut c = t.k.conn().await.unwrap();
    for (answer_id, _, _) in store::answers(&mut c, id).await.unwrap() {
        assert!(answer_id >= 1 << 40, "an unlinked random id: {answer_id}");
    }
    assert_eq!(store::feedback_request(&mut c, id, o.member_id).await.unwrap(), Some(true));
    assert_eq!(store::feedback_request(&mut c, id, leader.id()).await.unwrap(), None, "the chair is not asked");
    assert_eq!(
        columns(&t, "meeting_feedback").await,
        ["comment", "dynamics", "id", "leadership", "meeting_id", "preparation"]
    );
}

async fn a_meeting_decision_and_its_fair_process_record_are_written_both_or_neither(t: TestKartrekker) {
    let o = org(&t, "Beidesziekenhuis").await;
    let leader = actor(&t, &o.leader).await;
    let id = plan(&t, &o, "once").await;
    let deadline = t.k.today().add_days(7).to_string();
    let input = DecisionInput { title: "Nieuw rooster", problem: "Te veel wisselingen", input_deadline: &deadline };
    let by_member = t.k.start_meeting_decision(&actor(&t, &o.member).await, id, &input).await;
    assert!(matches!(by_member, Err(Error::Forbidden)), "{by_member:?}");
    let past = t.k.today().add_days(-1).to_string();
    let bad = DecisionInput { input_deadline: &past, ..input.clone() };
    assert!(matches!(t.k.start_meeting_decision(&leader, id, &bad).await, Err(Error::Invalid(_))));
    assert_eq!((count(&t, "decisions").await, count(&t, "meeting_decisions").await), (0, 0), "neither");

    let decision_id = t.k.start_meeting_decision(&leader, id, &input).await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    let listed = store::decisions(&mut c, id).await.unwrap();
    assert_eq!(
        listed.iter().map(|d| (d.text.as_str(), d.concerns.as_str(), d.decision_id)).collect::<Vec<_>>(),
        [("Nieuw rooster", "", Some(decision_id))]
    );
    let from = kartrekker::decisions::store::from_meeting(&mut c, decision_id).await.unwrap().expect("its meeting");
    assert_eq!((from.id, from.title.as_str(), from.held_on), (id, "Dagstart B3", t.k.today().add_days(1)));
}

async fn other_organisations_cannot_reach_a_meeting_and_only_the_chair_closes_it(t: TestKartrekker) {
    let o = org(&t, "Slotziekenhuis").await;
    let other = org(&t, "Buitenslotziekenhuis").await;
    let id = plan(&t, &o, "once").await;
    let items = store::items(&mut t.k.conn().await.unwrap(), id).await.unwrap();
    for stranger in [actor(&t, &other.leader).await, actor(&t, &other.admin).await] {
        assert!(matches!(t.k.meeting_page(&stranger, id).await, Err(Error::NotFound)));
        assert!(matches!(t.k.save_meeting_notes(&stranger, id, items[0].id, "Van buiten").await, Err(Error::NotFound)));
        assert!(matches!(
            t.k.add_meeting_decision(&stranger, id, "Van buiten", "Iedereen").await,
            Err(Error::NotFound)
        ));
        assert!(matches!(t.k.close_meeting(&stranger, id).await, Err(Error::NotFound)));
    }
    let member = actor(&t, &o.member).await;
    assert!(matches!(t.k.close_meeting(&member, id).await, Err(Error::Forbidden)));
    let leader = actor(&t, &o.leader).await;
    t.k.close_meeting(&leader, id).await.unwrap();
    let closed_at = t.k.now();
    assert!(matches!(t.k.close_meeting(&leader, id).await, Err(Error::Refused("error-meeting-closed"))));
    assert!(matches!(
        t.k.save_meeting_notes(&leader, id, items[0].id, "Te laat").await,
        Err(Error::Refused("error-meeting-closed"))
    ));
    let mut c = t.k.conn().await.unwrap();
    assert_eq!(store::by_id(&mut c, id).await.unwrap().unwrap().closed_at, Some(closed_at));
    assert!(store::items(&mut c, id).await.unwrap().iter().all(|i| i.notes.is_empty()));
    assert!(store::decisions(&mut c, id).await.unwrap().is_empty());
}

async fn an_unknown_meeting_kind_is_a_decode_error(t: TestKartrekker) {
    let o = org(&t, "Soortziekenhuis").await;
    let id = plan(&t, &o, "once").await;
    kartrekker::db::query("UPDATE meetings SET kind = 'borrel' WHERE id = $1").bind(id).execute(&t.k.db).await.unwrap();
    match store::by_id(&mut t.k.conn().await.unwrap(), id).await {
        Err(DbError::Decode { column, .. }) => assert_eq!(column, "kind"),
        other => panic!("expected a decode error, got {:?}", other.map(|m| m.map(|m| m.kind))),
    }
}
