use kartrekker::reflection::Notes;
use kartrekker::reflection::store::{self, NotesPart};
use kartrekker_testkit::*;

both_databases!(a_cycle_is_read_back_with_its_schedule_and_group, feedback_requests_and_notes_are_kept);

/// A cycle of the whole team, started by its leader; (cycle id, leader id).
async fn cycle(t: &TestKartrekker, o: &Org) -> (i64, i64) {
    let leader = actor(t, &o.leader).await;
    let d = |n| t.k.today().add_days(n).to_string();
    let dates = [d(7), d(14), d(21), d(28)];
    let id =
        t.k.start_reflection_cycle(&leader, o.team_id, "Vakgroep najaar", dates.each_ref().map(String::as_str), "5")
            .await
            .unwrap();
    (id, leader.id())
}

async fn a_cycle_is_read_back_with_its_schedule_and_group(t: TestKartrekker) {
    let o = org(&t, "Reflectieziekenhuis").await;
    let (id, leader_id) = cycle(&t, &o).await;
    let mut c = t.k.conn().await.unwrap();
    let cycles = store::of_team(&mut c, o.team_id).await.unwrap();
    assert_eq!(cycles.len(), 1);
    let cy = &cycles[0];
    assert_eq!((cy.id, cy.team_id, cy.leader_id), (id, o.team_id, Some(leader_id)));
    assert_eq!((cy.title.as_str(), cy.min_raters, cy.feedback_closed_at), ("Vakgroep najaar", 5, None));
    assert_ne!(cy.instrument_id, cy.colleague_instrument_id);
    let today = t.k.today();
    let s = cy.schedule;
    assert_eq!(
        [s.self_evaluation, s.preparation, s.conversation, s.action_plan],
        [today.add_days(7), today.add_days(14), today.add_days(21), today.add_days(28)]
    );
    let mut group: Vec<(i64, String)> = store::participants(&mut c, id).await.unwrap();
    group.sort();
    let mut expected = vec![(leader_id, "Lieke Leider".to_string()), (o.member_id, "Lars Lid".to_string())];
    expected.sort();
    assert_eq!(group, expected);
    let (found, participates) = store::with_participant(&mut c, id, o.member_id).await.unwrap().unwrap();
    assert_eq!((found.id, participates), (id, true));
    let outsider = org(&t, "Buitenziekenhuis").await;
    let (_, participates) = store::with_participant(&mut c, id, outsider.member_id).await.unwrap().unwrap();
    assert!(!participates);
}

async fn feedback_requests_and_notes_are_kept(t: TestKartrekker) {
    let o = org(&t, "Notitieziekenhuis").await;
    let (id, leader_id) = cycle(&t, &o).await;
    let (now, mut c) = (t.k.now(), t.k.conn().await.unwrap());
    store::insert_request(&mut c, id, o.member_id, leader_id, now).await.unwrap();
    assert_eq!(store::raters_of(&mut c, id, o.member_id).await.unwrap(), [leader_id]);
    assert_eq!(store::subjects_of(&mut c, id, leader_id).await.unwrap(), [o.member_id]);
    assert!(store::close_feedback(&mut c, id, now).await.unwrap());
    assert!(!store::close_feedback(&mut c, id, now + 1).await.unwrap(), "closed once");

    let written = Notes {
        preparation_notes: "Wat ging goed".into(),
        topics: "Overdracht".into(),
        intended_actions: "Vaker vragen".into(),
        ..Notes::default()
    };
    store::save_notes(&mut c, id, o.member_id, NotesPart::Preparation, &written).await.unwrap();
    let meaning = Notes { personal_meaning: "Het gaf rust".into(), ..Notes::default() };
    store::save_notes(&mut c, id, o.member_id, NotesPart::Meaning, &meaning).await.unwrap();
    let n = store::notes(&mut c, id, o.member_id).await.unwrap();
    assert_eq!((n.preparation_notes.as_str(), n.topics.as_str()), ("Wat ging goed", "Overdracht"));
    assert_eq!((n.intended_actions.as_str(), n.personal_meaning.as_str()), ("Vaker vragen", "Het gaf rust"));
    assert_eq!((n.safeguarding.as_str(), n.buddy_id, n.follow_up_date), ("", None, None));
    assert_eq!(store::notes(&mut c, id, leader_id).await.unwrap().preparation_notes, "", "nothing written yet");
}
