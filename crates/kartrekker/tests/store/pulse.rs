use kartrekker::Error;
use kartrekker::auth::Actor;
use kartrekker::pulse::{PULSE_INSTRUMENT, ScheduleInput, store};
use kartrekker::questionnaires::{ANSWER_PREFIX, AnswerValue};
use kartrekker_testkit::*;

both_databases!(
    a_schedule_and_its_round_are_read_back_with_every_field,
    answers_carry_no_person_and_figures_show_from_the_group_size,
    only_the_team_answers_and_only_its_leaders_set_the_schedule,
);

/// The leader sets a fortnightly schedule from today and the worker opens
/// its round: (instrument id, round id).
async fn start(t: &TestKartrekker, leader: &Actor, o: &Org) -> (i64, i64) {
    let instrument = t.k.latest_shipped_instrument(PULSE_INSTRUMENT).await.unwrap().id;
    let input = ScheduleInput {
        instrument: &instrument.to_string(),
        every_days: "14",
        open_days: "7",
        starts_on: &t.k.today().to_string(),
    };
    t.k.set_pulse_schedule(leader, o.team_id, &input).await.unwrap();
    t.k.run_due_jobs().await.unwrap();
    let rounds = store::rounds_of_team(&mut t.k.conn().await.unwrap(), o.team_id).await.unwrap();
    assert_eq!(rounds.len(), 1, "{rounds:?}");
    (instrument, rounds[0].id)
}

fn answers(workload: &str) -> Vec<(String, String)> {
    [("workload", workload), ("fatigue", "2"), ("joy", "4"), ("heard", "3"), ("safety", "5"), ("open", "Vaste pauze")]
        .iter()
        .map(|(item, v)| (format!("{ANSWER_PREFIX}{item}"), v.to_string()))
        .collect()
}

async fn a_schedule_and_its_round_are_read_back_with_every_field(t: TestKartrekker) {
    let o = org(&t, "Pulsschemaziekenhuis").await;
    let leader = actor(&t, &o.leader).await;
    let (instrument, round_id) = start(&t, &leader, &o).await;
    let today = t.k.today();
    let mut c = t.k.conn().await.unwrap();
    let s = store::schedule_of(&mut c, o.team_id).await.unwrap().expect("the schedule");
    assert_eq!((s.team_id, Some(s.org_id), s.instrument_id), (o.team_id, leader.org_id(), instrument));
    assert_eq!((s.every_days, s.open_days, s.starts_on), (14, 7, today));
    let r = store::round_by_id(&mut c, round_id).await.unwrap().expect("the round");
    assert_eq!(
        (r.id, Some(r.org_id), r.team_id, r.team.as_str()),
        (round_id, leader.org_id(), o.team_id, "Interne B3")
    );
    assert_eq!((r.instrument_id, r.opens_on, r.closes_on), (instrument, today, today.add_days(6)));
    assert_eq!((r.respondents, r.rated, r.too_high), (0, 0, 0));
    assert_eq!(store::to_answer(&mut c, o.member_id, today).await.unwrap(), std::slice::from_ref(&r));
    drop(c);

    // Scheduling again, by another instance or after a restart: one round.
    t.k.schedule_pulse_rounds().await.unwrap();
    t.k.run_due_jobs().await.unwrap();
    assert_eq!(count(&t, "pulse_rounds").await, 1);
    t.k.stop_pulse_schedule(&leader, o.team_id).await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    assert!(store::schedule_of(&mut c, o.team_id).await.unwrap().is_none());
    assert_eq!(store::rounds_of_team(&mut c, o.team_id).await.unwrap(), [r], "the rounds so far stay");
}

async fn answers_carry_no_person_and_figures_show_from_the_group_size(t: TestKartrekker) {
    let o = org(&t, "Pulsdrempelziekenhuis").await;
    min_group_size(&t, &o.admin, 3).await;
    let more = more_members(&t, &o, &["Anna", "Bram"], "pulsdrempel.test").await;
    let leader = actor(&t, &o.leader).await;
    let (_, round) = start(&t, &leader, &o).await;
    let member = actor(&t, &o.member).await;

    let bad = t.k.answer_pulse(&member, round, &answers("9")).await.unwrap();
    assert_eq!(bad.iter().map(|(item, _)| item.as_str()).collect::<Vec<_>>(), ["workload"]);
    assert_eq!((count(&t, "pulse_answers").await, count(&t, "pulse_marks").await), (0, 0), "nothing stored");
    assert!(t.k.answer_pulse(&member, round, &answers("4")).await.unwrap().is_empty());
    let again = t.k.answer_pulse(&member, round, &answers("1")).await;
    assert!(matches!(again, Err(Error::Refused("pulse-error-already-answered"))), "{again:?}");
    t.k.answer_pulse(&actor(&t, &more[0].0).await, round, &answers("2")).await.unwrap();
    let page = t.k.pulse_round(&leader, round).await.unwrap();
    assert_eq!((page.needed, page.result.is_none()), (3, true), "two answers show nothing");
    let trend = t.k.team_pulse(&leader, o.team_id).await.unwrap();
    assert_eq!(
        (trend.rounds[0].shown, trend.rounds[0].too_high, trend.rounds[0].means.iter().all(Option::is_none)),
        (false, None, true)
    );

    t.k.answer_pulse(&actor(&t, &more[1].0).await, round, &answers("4")).await.unwrap();
    assert!(t.k.pulse_round(&leader, round).await.unwrap().result.is_some(), "three answers show");
    let trend = t.k.team_pulse(&leader, o.team_id).await.unwrap();
    let shown = &trend.rounds[0];
    assert!(shown.shown);
    assert_eq!(shown.too_high.map(|s| (s.count, s.of)), Some((2, 3)));
    // One who answered never counts for themselves: the three are two to them.
    assert!(t.k.pulse_round(&member, round).await.unwrap().result.is_none());
    assert!(!t.k.team_pulse(&member, o.team_id).await.unwrap().rounds[0].shown);

    let mut c = t.k.conn().await.unwrap();
    let r = store::round_by_id(&mut c, round).await.unwrap().unwrap();
    assert_eq!((r.respondents, r.rated, r.too_high), (3, 3, 2));
    let stored = store::answers(&mut c, round).await.unwrap();
    assert_eq!(stored.len(), 18, "six items, three people");
    assert!(stored.iter().all(|a| a.id >= 1 << 40), "unlinked random ids");
    let mut workload: Vec<_> = stored.iter().filter(|a| a.item_id == "workload").map(|a| a.value.clone()).collect();
    workload.sort_by_key(|v| format!("{v:?}"));
    assert_eq!(workload, [AnswerValue::Number(2), AnswerValue::Number(4), AnswerValue::Number(4)]);
    for (person, answered) in [(o.member_id, true), (more[1].1, true), (leader.id(), false)] {
        assert_eq!(store::has_mark(&mut c, round, person).await.unwrap(), answered);
    }
    assert_eq!(columns(&t, "pulse_answers").await, ["id", "item_id", "number", "round_id", "text"]);
}

async fn only_the_team_answers_and_only_its_leaders_set_the_schedule(t: TestKartrekker) {
    let o = org(&t, "Pulsrechtenziekenhuis").await;
    let other = org(&t, "Pulsvreemdziekenhuis").await;
    let leader = actor(&t, &o.leader).await;
    let (instrument, round) = start(&t, &leader, &o).await;
    let input = ScheduleInput {
        instrument: &instrument.to_string(),
        every_days: "7",
        open_days: "3",
        starts_on: &t.k.today().to_string(),
    };
    let member = actor(&t, &o.member).await;
    assert!(matches!(t.k.set_pulse_schedule(&member, o.team_id, &input).await, Err(Error::Forbidden)));
    assert!(matches!(t.k.stop_pulse_schedule(&member, o.team_id).await, Err(Error::Forbidden)));
    let action = kartrekker::actions::ActionInput {
        title: "Pauzes plannen",
        goal: "Minder druk",
        kartrekker: &o.member_id.to_string(),
        due_date: &t.k.today().add_days(14).to_string(),
        ..Default::default()
    };
    assert!(matches!(t.k.add_pulse_action(&member, round, &action).await, Err(Error::Forbidden)));
    for stranger in [actor(&t, &other.leader).await, actor(&t, &other.member).await, actor(&t, &other.admin).await] {
        assert!(matches!(t.k.pulse_round(&stranger, round).await, Err(Error::NotFound)));
        assert!(matches!(t.k.answer_pulse(&stranger, round, &answers("2")).await, Err(Error::NotFound)));
        assert!(matches!(t.k.team_pulse(&stranger, o.team_id).await, Err(Error::NotFound)));
        assert!(matches!(t.k.set_pulse_schedule(&stranger, o.team_id, &input).await, Err(Error::NotFound)));
    }
    // A team's schedule uses the built-in pulse or the organisation's own, never another's.
    let theirs = t.k.upload_instrument(&actor(&t, &other.admin).await, PULSE_V1).await.unwrap().unwrap();
    let foreign = ScheduleInput { instrument: &theirs.to_string(), ..input.clone() };
    assert!(matches!(t.k.set_pulse_schedule(&leader, o.team_id, &foreign).await, Err(Error::Invalid(_))));

    let mut c = t.k.conn().await.unwrap();
    let s = store::schedule_of(&mut c, o.team_id).await.unwrap().unwrap();
    assert_eq!((s.instrument_id, s.every_days, s.open_days), (instrument, 14, 7), "unchanged");
    assert_eq!((count(&t, "pulse_answers").await, count(&t, "actions").await), (0, 0));
    let id = t.k.add_pulse_action(&leader, round, &action).await.unwrap();
    let listed = store::actions_of_team(&mut c, o.team_id).await.unwrap();
    assert_eq!(listed.iter().map(|a| (a.round_id, a.id)).collect::<Vec<_>>(), [(round, id)]);
}
