use kartrekker::Error;
use kartrekker::auth::Actor;
use kartrekker::decisions::{ChoiceInput, DecisionInput, OptionInput, store};
use kartrekker_testkit::*;

both_databases!(
    a_decision_is_read_back_with_every_field,
    only_the_team_takes_part_and_only_its_leaders_decide,
    fairness_answers_carry_no_person_and_show_from_the_group_size,
    a_refused_revision_or_review_leaves_the_record_as_it_was,
);

/// A decision record of `o`'s team, started by its leader, input open for a week.
async fn decision(t: &TestKartrekker, leader: &Actor, o: &Org) -> i64 {
    let deadline = t.k.today().add_days(7).to_string();
    let input = DecisionInput { title: "Dienstrooster", problem: "Te veel late diensten", input_deadline: &deadline };
    t.k.create_decision(leader, o.team_id, &input).await.unwrap()
}

fn choice<'a>(choice: &'a str, review_date: &'a str) -> ChoiceInput<'a> {
    ChoiceInput {
        choice,
        reasons: "Past bij de bezetting",
        consequences: "Avonddiensten wisselen",
        expectations: "Iedereen ruilt zelf",
        review_date,
    }
}

/// The record decided by the leader after the input deadline, review in 30 days.
async fn decided(t: &TestKartrekker, leader: &Actor, o: &Org) -> i64 {
    let id = decision(t, leader, o).await;
    t.clock.advance_ms(8 * 86_400_000);
    let review = t.k.today().add_days(30).to_string();
    t.k.decide(leader, id, &choice("Vaste avondploeg", &review)).await.unwrap();
    id
}

async fn a_decision_is_read_back_with_every_field(t: TestKartrekker) {
    let o = org(&t, "Besluitziekenhuis").await;
    let (leader, member) = (actor(&t, &o.leader).await, actor(&t, &o.member).await);
    let started = t.k.now();
    let id = decision(&t, &leader, &o).await;
    t.clock.advance_ms(60_000);
    t.k.contribute(&member, id, "Eerst de wensen peilen").await.unwrap();
    t.k.contribute(&member, id, " Wensen peilen en ruilen ").await.unwrap();
    let contributed = t.k.now();
    let option = OptionInput { title: "Vaste avondploeg", pros: "Rust", cons: "Minder variatie", interests: "Gezin" };
    let option_id = t.k.add_decision_option(&member, id, &option).await.unwrap();
    t.clock.advance_ms(8 * 86_400_000);
    let review = t.k.today().add_days(30);
    t.k.decide(&leader, id, &choice("Vaste avondploeg", &review.to_string())).await.unwrap();
    let decided_at = t.k.now();

    let mut c = t.k.conn().await.unwrap();
    let d = store::by_id(&mut c, id).await.unwrap().expect("the decision");
    assert_eq!((d.id, Some(d.org_id), d.team_id), (id, leader.org_id(), o.team_id));
    assert_eq!((d.title.as_str(), d.problem.as_str()), ("Dienstrooster", "Te veel late diensten"));
    assert_eq!(d.input_deadline, kartrekker::dates::Date::today_nl(started).add_days(7));
    assert_eq!((d.started_by, d.starter.as_str(), d.created_at), (leader.id(), "Lieke Leider", started));
    assert_eq!((d.choice.as_str(), d.reasons.as_str()), ("Vaste avondploeg", "Past bij de bezetting"));
    assert_eq!((d.consequences.as_str(), d.expectations.as_str()), ("Avonddiensten wisselen", "Iedereen ruilt zelf"));
    assert_eq!(
        (d.review_date, d.decider.as_deref(), d.decided_at),
        (Some(review), Some("Lieke Leider"), Some(decided_at))
    );

    let contributions = store::contributions(&mut c, id).await.unwrap();
    let read: Vec<_> =
        contributions.iter().map(|x| (x.person_id, x.name.as_str(), x.text.as_str(), x.updated_at)).collect();
    assert_eq!(read, [(o.member_id, "Lars Lid", "Wensen peilen en ruilen", contributed)], "one per member, the last");
    let options = store::options(&mut c, id).await.unwrap();
    let read: Vec<_> = options
        .iter()
        .map(|x| (x.id, x.title.as_str(), x.pros.as_str(), x.cons.as_str(), x.interests.as_str()))
        .collect();
    assert_eq!(read, [(option_id, "Vaste avondploeg", "Rust", "Minder variatie", "Gezin")]);
    let lines = store::of_team(&mut c, o.team_id).await.unwrap();
    let read: Vec<_> =
        lines.iter().map(|l| (l.id, l.title.as_str(), l.input_deadline, l.decided_at, l.review_date)).collect();
    assert_eq!(read, [(id, "Dienstrooster", d.input_deadline, Some(decided_at), Some(review))]);
    drop(c);

    // A revision keeps the earlier choice; a review keeps the date that was due.
    t.clock.advance_ms(60_000);
    let next = t.k.today().add_days(60);
    t.k.revise_decision(&leader, id, &choice("Wisselende ploeg", &next.to_string()), "Nieuwe collega's").await.unwrap();
    let revised_at = t.k.now();
    t.clock.advance_ms(60_000);
    t.k.review_decision(&leader, id, "Het werkt", "").await.unwrap();
    let reviewed_at = t.k.now();
    let mut c = t.k.conn().await.unwrap();
    let revisions = store::revisions(&mut c, id).await.unwrap();
    let read: Vec<_> = revisions
        .iter()
        .map(|r| (r.at, r.who.as_str(), r.reason.as_str(), r.old_choice.as_str(), r.new_choice.as_str()))
        .collect();
    assert_eq!(read, [(revised_at, "Lieke Leider", "Nieuwe collega's", "Vaste avondploeg", "Wisselende ploeg")]);
    let reviews = store::reviews(&mut c, id).await.unwrap();
    let read: Vec<_> =
        reviews.iter().map(|r| (r.at, r.who.as_str(), r.due_on, r.note.as_str(), r.next_review)).collect();
    assert_eq!(read, [(reviewed_at, "Lieke Leider", Some(next), "Het werkt", None)]);
    let d = store::by_id(&mut c, id).await.unwrap().unwrap();
    assert_eq!((d.choice.as_str(), d.review_date, d.decided_at), ("Wisselende ploeg", None, Some(decided_at)));
}

async fn only_the_team_takes_part_and_only_its_leaders_decide(t: TestKartrekker) {
    let o = org(&t, "Teambesluitziekenhuis").await;
    let other = org(&t, "Anderbesluitziekenhuis").await;
    let (leader, member) = (actor(&t, &o.leader).await, actor(&t, &o.member).await);
    let id = decision(&t, &leader, &o).await;
    let deadline = t.k.today().add_days(7).to_string();
    let input = DecisionInput { title: "Zelf", problem: "Zelf besluiten", input_deadline: &deadline };
    assert!(matches!(t.k.create_decision(&member, o.team_id, &input).await, Err(Error::Forbidden)));

    for stranger in [actor(&t, &other.leader).await, actor(&t, &other.admin).await] {
        assert!(matches!(t.k.decision_page(&stranger, id).await, Err(Error::NotFound)));
        assert!(matches!(t.k.contribute(&stranger, id, "Ik ook").await, Err(Error::NotFound)));
        assert!(matches!(t.k.create_decision(&stranger, o.team_id, &input).await, Err(Error::NotFound)));
    }
    let review = t.k.today().add_days(30).to_string();
    assert!(matches!(t.k.decide(&member, id, &choice("Mijn keus", &review)).await, Err(Error::Forbidden)));

    // A program leader sees every team's records but takes no part.
    let tr = trajectory_org(&t, "Programmabesluitziekenhuis").await;
    let pl = actor(&t, &tr.pl).await;
    let their = decision(&t, &actor(&t, &tr.o.leader).await, &tr.o).await;
    let page = t.k.decision_page(&pl, their).await.unwrap();
    assert_eq!((page.rights.lead, page.rights.take_part), (false, false));
    assert!(matches!(t.k.contribute(&pl, their, "Van buiten").await, Err(Error::Forbidden)));

    let mut c = t.k.conn().await.unwrap();
    assert!(store::contributions(&mut c, id).await.unwrap().is_empty());
    assert!(store::contributions(&mut c, their).await.unwrap().is_empty());
    let d = store::by_id(&mut c, id).await.unwrap().unwrap();
    assert_eq!((d.choice.as_str(), d.decided_at), ("", None), "nothing decided by the refused");
    assert_eq!(count(&t, "decisions").await, 2);
}

async fn fairness_answers_carry_no_person_and_show_from_the_group_size(t: TestKartrekker) {
    let o = org(&t, "Eerlijkziekenhuis").await;
    min_group_size(&t, &o.admin, 3).await;
    let more = more_members(&t, &o, &["Anna", "Bram", "Cas"], "eerlijk.test").await;
    let leader = actor(&t, &o.leader).await;
    let id = decided(&t, &leader, &o).await;

    let member = actor(&t, &o.member).await;
    let early = t.k.answer_fairness(&member, id, "3", "").await;
    assert!(early.is_ok(), "{early:?}");
    let again = t.k.answer_fairness(&member, id, "5", "Nog een keer").await;
    assert!(matches!(again, Err(Error::Refused("error-decision-already-answered"))), "{again:?}");
    t.k.answer_fairness(&actor(&t, &more[0].0).await, id, "4", "Goed uitgelegd").await.unwrap();
    let page = t.k.decision_page(&leader, id).await.unwrap();
    assert_eq!((page.fairness.needed, page.fairness.result), (3, None), "two answers show nothing");
    t.k.answer_fairness(&actor(&t, &more[1].0).await, id, "5", "").await.unwrap();
    let result = t.k.decision_page(&leader, id).await.unwrap().fairness.result.expect("three answers show");
    assert_eq!((result.count, result.mean_tenths, result.spread), (3, 40, [0, 0, 1, 1, 1]));
    assert_eq!(result.comments, ["Goed uitgelegd"]);
    // One who answered never counts for themselves: the three are two to them.
    assert!(t.k.decision_page(&member, id).await.unwrap().fairness.result.is_none());

    let mut c = t.k.conn().await.unwrap();
    let mut scores: Vec<i64> = store::fairness_answers(&mut c, id).await.unwrap().iter().map(|a| a.score).collect();
    scores.sort();
    assert_eq!(scores, [3, 4, 5], "one answer each, the double one refused");
    for a in store::fairness_answers(&mut c, id).await.unwrap() {
        assert!(a.id >= 1 << 40, "an unlinked random id, not a counter: {}", a.id);
        for person in [o.member_id, more[0].1, more[1].1] {
            assert_ne!(a.id, person);
        }
    }
    for (person, answered) in [(o.member_id, true), (more[1].1, true), (more[2].1, false), (leader.id(), false)] {
        assert_eq!(store::has_mark(&mut c, id, person).await.unwrap(), answered);
    }
    // Answers are kept without a time as well as without a person.
    let columns = columns(&t, "decision_fairness_answers").await;
    assert_eq!(columns, ["comment", "decision_id", "id", "score"]);
}

async fn a_refused_revision_or_review_leaves_the_record_as_it_was(t: TestKartrekker) {
    let o = org(&t, "Herzieningziekenhuis").await;
    let leader = actor(&t, &o.leader).await;
    let id = decided(&t, &leader, &o).await;
    let before = store::by_id(&mut t.k.conn().await.unwrap(), id).await.unwrap().unwrap();
    let later = t.k.today().add_days(40).to_string();
    let no_reason = t.k.revise_decision(&leader, id, &choice("Iets anders", &later), " ").await;
    assert!(matches!(no_reason, Err(Error::Invalid(_))), "{no_reason:?}");
    let member = actor(&t, &o.member).await;
    let by_member = t.k.revise_decision(&member, id, &choice("Iets anders", &later), "Ik wil het").await;
    assert!(matches!(by_member, Err(Error::Forbidden)), "{by_member:?}");
    let today = t.k.today().to_string();
    let bad_next = t.k.review_decision(&leader, id, "Goed", &today).await;
    assert!(matches!(bad_next, Err(Error::Invalid(_))), "{bad_next:?}");
    let mut c = t.k.conn().await.unwrap();
    let after = store::by_id(&mut c, id).await.unwrap().unwrap();
    assert_eq!((after.choice, after.review_date), (before.choice, before.review_date));
    assert!(store::revisions(&mut c, id).await.unwrap().is_empty());
    assert!(store::reviews(&mut c, id).await.unwrap().is_empty());
}
