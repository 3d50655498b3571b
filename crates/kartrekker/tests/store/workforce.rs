use kartrekker::Error;
use kartrekker::auth::Actor;
use kartrekker::workforce::{CaseInputs, CaseText, Cents, Hundredths, Mix, Rate, store};
use kartrekker_testkit::*;

both_databases!(
    a_scenario_keeps_every_number_in_its_own_column,
    only_hr_the_board_and_shared_team_leaders_reach_a_scenario,
    refused_input_leaves_a_scenario_as_it_was,
);

/// Twenty inputs that all differ, so a number read from a neighbouring
/// column shows; `n` shifts them all for a second set.
fn distinct(n: i64) -> CaseInputs {
    CaseInputs {
        team_fte: Hundredths(2501 + n),
        headcount: 34 + n,
        patients_per_shift: 25 + n,
        today: Mix { staff: [2 + n, 3 + n, 5 + n], patients: 6 + n },
        new: Mix { staff: [7 + n, 8 + n, 9 + n], patients: 13 + n },
        cost: [Cents(8_000_001 + n), Cents(6_400_002 + n), Cents(4_800_003 + n)],
        transition: Hundredths(151 + n),
        turnover_rate: Rate(1501 + n),
        cost_per_leaver: Cents(1_000_004 + n),
        turnover_reduction: Rate(5001 + n),
        absence_rate: Rate(751 + n),
        absence_reduction: Rate(2201 + n),
    }
}

/// The seed case as the form sends it.
fn seed_text<'a>() -> CaseText<'a> {
    CaseText {
        team_fte: "25",
        headcount: "33",
        patients_per_shift: "24",
        today_staff: ["1", "0", "0"],
        today_patients: "4",
        new_staff: ["1", "1", "1"],
        new_patients: "12",
        cost: ["80.000", "64.000", "48.000"],
        transition: "1,5",
        turnover_rate: "15",
        cost_per_leaver: "10.000",
        turnover_reduction: "50",
        absence_rate: "7,5",
        absence_reduction: "22",
    }
}

/// Someone of `o`'s organisation with organisation role `role` ("hr", "board").
async fn with_role(t: &TestKartrekker, o: &Org, name: &str, email: &str, role: &str) -> Actor {
    let admin = actor(t, &o.admin).await;
    t.k.create_person(&admin, name, email, "manager", &[role.into()]).await.unwrap();
    activate(t, email).await;
    actor(t, email).await
}

async fn a_scenario_keeps_every_number_in_its_own_column(t: TestKartrekker) {
    let o = org(&t, "Scenarioziekenhuis").await;
    let hr = with_role(&t, &o, "Hanna HR", "hr@scenario.test", "hr").await;
    let org_id = hr.org_id().unwrap();
    let mut c = t.k.conn().await.unwrap();
    let id = store::insert(&mut c, org_id, "Nieuw teammodel", &distinct(0), hr.id(), t.k.now()).await.unwrap();
    let s = store::in_org(&mut c, org_id, id).await.unwrap().expect("the scenario");
    assert_eq!((s.id, s.org_id, s.name.as_str(), s.updated_at), (id, org_id, "Nieuw teammodel", t.k.now()));
    assert_eq!(s.inputs, distinct(0));
    t.clock.advance_ms(60_000);
    store::update(&mut c, id, "Twee jaar overgang", &distinct(100), t.k.now()).await.unwrap();
    let s = store::in_org(&mut c, org_id, id).await.unwrap().unwrap();
    assert_eq!((s.name.as_str(), s.inputs, s.updated_at), ("Twee jaar overgang", distinct(100), t.k.now()));
    assert_eq!(store::of_org(&mut c, org_id).await.unwrap(), [s]);
    let other = org(&t, "Anderscenarioziekenhuis").await;
    let other_org = actor(&t, &other.admin).await.org_id().unwrap();
    assert!(store::in_org(&mut c, other_org, id).await.unwrap().is_none());
    assert!(store::of_org(&mut c, other_org).await.unwrap().is_empty());
}

async fn only_hr_the_board_and_shared_team_leaders_reach_a_scenario(t: TestKartrekker) {
    let o = org(&t, "Bestuursziekenhuis").await;
    let other = org(&t, "Vreemdbestuursziekenhuis").await;
    let hr = with_role(&t, &o, "Hanna HR", "hr@bestuur.test", "hr").await;
    let board = with_role(&t, &o, "Bert Bestuur", "bestuur@bestuur.test", "board").await;
    let id = t.k.create_scenario(&hr, "Seed 004", &seed_text()).await.unwrap();
    assert_eq!(t.k.scenario(&hr, id).await.unwrap().scenario.inputs, CaseInputs::SEED_004);
    let page = t.k.scenario(&board, id).await.unwrap();
    assert!(page.can_edit, "the board builds too");
    let copy = t.k.copy_scenario(&board, id, "Kopie").await.unwrap();
    assert_eq!(t.k.scenario(&hr, copy).await.unwrap().scenario.inputs, CaseInputs::SEED_004);

    let (leader, member) = (actor(&t, &o.leader).await, actor(&t, &o.member).await);
    assert!(matches!(t.k.scenario(&leader, id).await, Err(Error::NotFound)), "not shared yet");
    assert!(matches!(t.k.workforce_scenarios(&leader).await, Err(Error::NotFound)));
    assert!(matches!(t.k.create_scenario(&leader, "Eigen", &seed_text()).await, Err(Error::NotFound)));
    let refused = t.k.share_scenario(&hr, id, &o.member_id.to_string()).await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "only a team leader: {refused:?}");
    t.k.share_scenario(&hr, id, &leader.id().to_string()).await.unwrap();
    let page = t.k.scenario(&leader, id).await.unwrap();
    assert_eq!((page.can_edit, page.team_leaders.len()), (false, 0), "reads, and sees no one to share with");
    assert_eq!(
        t.k.workforce_scenarios(&leader).await.unwrap().scenarios.iter().map(|s| s.id).collect::<Vec<_>>(),
        [id]
    );
    assert!(matches!(t.k.save_scenario(&leader, id, "Van mij", &seed_text()).await, Err(Error::NotFound)));
    assert!(matches!(t.k.compare_scenarios(&leader, id, copy).await, Err(Error::NotFound)), "the copy is not shared");
    assert!(matches!(t.k.scenario(&member, id).await, Err(Error::NotFound)));
    let mut c = t.k.conn().await.unwrap();
    assert_eq!(store::shares(&mut c, id).await.unwrap(), [(leader.id(), "Lieke Leider".to_string())]);
    drop(c);

    let theirs = with_role(&t, &other, "Vera Vreemd", "hr@vreemdbestuur.test", "hr").await;
    assert!(matches!(t.k.scenario(&theirs, id).await, Err(Error::NotFound)));
    assert!(matches!(t.k.share_scenario(&theirs, id, &other.member_id.to_string()).await, Err(Error::NotFound)));
    assert!(t.k.workforce_scenarios(&theirs).await.unwrap().scenarios.is_empty());

    t.k.unshare_scenario(&hr, id, leader.id()).await.unwrap();
    assert!(matches!(t.k.scenario(&leader, id).await, Err(Error::NotFound)));
}

async fn refused_input_leaves_a_scenario_as_it_was(t: TestKartrekker) {
    let o = org(&t, "Foutscenarioziekenhuis").await;
    let hr = with_role(&t, &o, "Hanna HR", "hr@foutscenario.test", "hr").await;
    let id = t.k.create_scenario(&hr, "Seed 004", &seed_text()).await.unwrap();
    let created = t.k.now();
    t.clock.advance_ms(60_000);
    let bad = CaseText { new_staff: ["0", "0", "0"], absence_rate: "120", ..seed_text() };
    let refused = t.k.save_scenario(&hr, id, "Anders", &bad).await;
    let Err(Error::Invalid(errors)) = refused else { panic!("{refused:?}") };
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["new_bachelor", "absence_rate"], "every problem at once");
    assert!(matches!(t.k.save_scenario(&hr, id, " ", &seed_text()).await, Err(Error::Invalid(_))));
    assert!(matches!(t.k.create_scenario(&hr, "Fout", &bad).await, Err(Error::Invalid(_))));
    let s = store::in_org(&mut t.k.conn().await.unwrap(), hr.org_id().unwrap(), id).await.unwrap().unwrap();
    assert_eq!((s.name.as_str(), s.inputs, s.updated_at), ("Seed 004", CaseInputs::SEED_004, created));
    assert_eq!(count(&t, "workforce_scenarios").await, 1);
}
