use kartrekker::Error;
use kartrekker::db::DbError;
use kartrekker::improvement::service::TriageInput;
use kartrekker::improvement::{CycleInput, Outcome, PointStatus, ProjectStatus, store};
use kartrekker_testkit::*;

both_databases!(
    a_point_its_project_and_cycle_are_read_back_with_every_field,
    an_anonymous_point_names_no_one_and_only_its_leaders_see_it,
    other_organisations_and_plain_members_cannot_triage_or_steer,
    a_refused_triage_writes_no_action_or_project_and_the_point_waits,
    an_unknown_point_status_is_a_decode_error,
);

fn project_triage<'a>(kartrekker: &'a str) -> TriageInput<'a> {
    TriageInput {
        choice: "project",
        title: "Minder valincidenten",
        kartrekker,
        problem: "Vallen 's nachts",
        ..Default::default()
    }
}

async fn a_point_its_project_and_cycle_are_read_back_with_every_field(t: TestKartrekker) {
    let o = org(&t, "Verwonderziekenhuis").await;
    let (leader, member) = (actor(&t, &o.leader).await, actor(&t, &o.member).await);
    let posted = t.k.now();
    let id =
        t.k.post_verwonderpunt(&member, o.team_id, " Waarom geen nachtlampje? ", "Patiënten vallen", false)
            .await
            .unwrap();
    t.clock.advance_ms(60_000);
    t.k.support_verwonderpunt(&leader, id).await.unwrap();
    t.k.comment_verwonderpunt(&leader, id, "Goed punt").await.unwrap();
    let commented = t.k.now();
    let kartrekker = o.member_id.to_string();
    let Outcome::Project(project_id) =
        t.k.triage_verwonderpunt(&leader, id, &project_triage(&kartrekker)).await.unwrap()
    else {
        panic!("a project")
    };
    let triaged = t.k.now();

    let mut c = t.k.conn().await.unwrap();
    let p = store::point_by_id(&mut c, id).await.unwrap().expect("the point");
    assert_eq!((p.id, Some(p.org_id), p.team_id, p.team.as_str()), (id, member.org_id(), o.team_id, "Interne B3"));
    assert_eq!(
        (p.title.as_str(), p.body.as_str(), p.anonymous),
        ("Waarom geen nachtlampje?", "Patiënten vallen", false)
    );
    assert_eq!((p.status, p.reason.as_str(), p.merged_into), (PointStatus::Project, "", None));
    assert_eq!((p.action_id, p.project_id, p.support, p.created_at), (None, Some(project_id), 1, posted));
    let posters = store::posters(&mut c, id).await.unwrap();
    assert_eq!(
        posters.iter().map(|x| (x.person_id, x.name.as_str(), x.anonymous)).collect::<Vec<_>>(),
        [(o.member_id, "Lars Lid", false)]
    );
    let comments = store::comments(&mut c, id).await.unwrap();
    assert_eq!(
        comments.iter().map(|x| (x.at, x.author.as_str(), x.text.as_str())).collect::<Vec<_>>(),
        [(commented, "Lieke Leider", "Goed punt")]
    );
    drop(c);

    let today = t.k.today();
    let input = kartrekker::improvement::ProjectInput {
        aim_what: "Minder vallen",
        aim_how_much: "De helft",
        aim_by: &today.add_days(90).to_string(),
        measure_name: "Valincidenten",
        measure_unit: "per week",
        better: "lower",
        baseline_until: &today.add_days(14).to_string(),
    };
    t.k.save_improvement_project(&member, project_id, &input).await.unwrap();
    t.k.add_improvement_data(&member, project_id, &[(today, 4.5), (today.add_days(7), 3.0)]).await.unwrap();
    t.k.add_improvement_data(&member, project_id, &[(today, 5.25)]).await.unwrap();
    let cycle = CycleInput {
        starts_on: &today.to_string(),
        ends_on: &today.add_days(14).to_string(),
        plan: "Lampjes op twee kamers",
        done: "Geplaatst",
        study: "Minder bellen",
        act: "Overal",
    };
    let cycle_id = t.k.add_improvement_cycle(&member, project_id, &cycle).await.unwrap();

    let mut c = t.k.conn().await.unwrap();
    let j = store::project_by_id(&mut c, project_id).await.unwrap().expect("the project");
    assert_eq!(
        (j.id, Some(j.org_id), j.team_id, j.team.as_str(), j.point_id),
        (project_id, member.org_id(), o.team_id, "Interne B3", Some(id))
    );
    assert_eq!(
        (j.title.as_str(), j.kartrekker_id, j.kartrekker.as_str()),
        ("Minder valincidenten", o.member_id, "Lars Lid")
    );
    assert_eq!(
        (j.problem.as_str(), j.aim_what.as_str(), j.aim_how_much.as_str()),
        ("Vallen 's nachts", "Minder vallen", "De helft")
    );
    assert_eq!((j.aim_by, j.baseline_until), (Some(today.add_days(90)), Some(today.add_days(14))));
    assert_eq!(
        (j.measure_name.as_str(), j.measure_unit.as_str(), j.higher_is_better),
        ("Valincidenten", "per week", false)
    );
    assert_eq!((j.status, j.result.as_str(), j.created_at), (ProjectStatus::Running, "", triaged));
    assert_eq!(
        store::data(&mut c, project_id).await.unwrap(),
        [(today, 5.25), (today.add_days(7), 3.0)],
        "a date again takes the new value"
    );
    let y = store::cycle_by_id(&mut c, cycle_id).await.unwrap().expect("the cycle");
    assert_eq!((y.id, y.project_id, y.starts_on, y.ends_on), (cycle_id, project_id, today, Some(today.add_days(14))));
    assert_eq!([y.plan, y.done, y.study, y.act], ["Lampjes op twee kamers", "Geplaatst", "Minder bellen", "Overal"]);
    assert_eq!(y.created_at, t.k.now());
    drop(c);

    t.k.close_improvement_project(&member, project_id, "Een derde minder").await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    let closed = store::closed_projects(&mut c, o.team_id).await.unwrap();
    let read: Vec<_> = closed
        .iter()
        .map(|x| (x.id, x.title.as_str(), x.kartrekker.as_str(), x.result.as_str(), x.created_at, x.closed_at))
        .collect();
    assert_eq!(read, [(project_id, "Minder valincidenten", "Lars Lid", "Een derde minder", triaged, t.k.now())]);
}

async fn an_anonymous_point_names_no_one_and_only_its_leaders_see_it(t: TestKartrekker) {
    let o = org(&t, "Anoniemziekenhuis").await;
    let more = more_members(&t, &o, &["Anna"], "anoniem.test").await;
    let (leader, member, anna) = (actor(&t, &o.leader).await, actor(&t, &o.member).await, actor(&t, &more[0].0).await);
    let id = t.k.post_verwonderpunt(&member, o.team_id, "Waarom zo weinig pauze?", "", true).await.unwrap();

    assert!(matches!(t.k.verwonderpunt(&anna, id).await, Err(Error::NotFound)), "a colleague does not see it");
    assert!(matches!(t.k.support_verwonderpunt(&anna, id).await, Err(Error::NotFound)));
    assert!(matches!(t.k.comment_verwonderpunt(&anna, id, "Ik ook").await, Err(Error::NotFound)));
    assert!(!t.k.verwonderpunten(&anna, o.team_id).await.unwrap().points.iter().any(|p| p.id == id));
    assert!(
        t.k.verwonderpunten(&member, o.team_id).await.unwrap().points.iter().any(|p| p.id == id),
        "the poster does"
    );

    let page = t.k.verwonderpunt(&leader, id).await.unwrap();
    assert_eq!((page.named_posters.len(), page.anonymous_posters), (0, 1), "the leader sees it, naming no one");
    assert!(!page.can_support);
    assert!(matches!(t.k.support_verwonderpunt(&leader, id).await, Err(Error::Forbidden)));
    let mut c = t.k.conn().await.unwrap();
    let p = store::point_by_id(&mut c, id).await.unwrap().unwrap();
    assert!(p.anonymous);
    assert!(store::points_of_team(&mut c, o.team_id, more[0].1, false).await.unwrap().is_empty());
    assert_eq!(store::points_of_team(&mut c, o.team_id, leader.id(), true).await.unwrap().len(), 1);
    assert!(!store::has_supported(&mut c, id, leader.id()).await.unwrap());
    // The link to the poster is kept (they hear the answer) but marked anonymous, with no time.
    let posters = store::posters(&mut c, id).await.unwrap();
    assert_eq!(posters.iter().map(|x| (x.person_id, x.anonymous)).collect::<Vec<_>>(), [(o.member_id, true)]);
    assert_eq!(columns(&t, "verwonder_posters").await, ["anonymous", "person_id", "point_id"]);
}

async fn other_organisations_and_plain_members_cannot_triage_or_steer(t: TestKartrekker) {
    let o = org(&t, "Triageziekenhuis").await;
    let other = org(&t, "Vreemdziekenhuis").await;
    let more = more_members(&t, &o, &["Bram"], "triage.test").await;
    let (leader, member, bram) = (actor(&t, &o.leader).await, actor(&t, &o.member).await, actor(&t, &more[0].0).await);
    let id = t.k.post_verwonderpunt(&member, o.team_id, "Waarom twee formulieren?", "", false).await.unwrap();
    let kartrekker = o.member_id.to_string();
    assert!(matches!(t.k.triage_verwonderpunt(&bram, id, &project_triage(&kartrekker)).await, Err(Error::Forbidden)));
    let Outcome::Project(project_id) =
        t.k.triage_verwonderpunt(&leader, id, &project_triage(&kartrekker)).await.unwrap()
    else {
        panic!("a project")
    };
    let cycle = CycleInput { starts_on: &t.k.today().to_string(), plan: "Eén formulier", ..Default::default() };
    assert!(
        matches!(t.k.add_improvement_cycle(&bram, project_id, &cycle).await, Err(Error::Forbidden)),
        "not its kartrekker"
    );
    assert!(matches!(t.k.close_improvement_project(&bram, project_id, "Klaar").await, Err(Error::Forbidden)));
    t.k.add_improvement_data(&bram, project_id, &[(t.k.today(), 2.0)]).await.unwrap();

    for stranger in [actor(&t, &other.leader).await, actor(&t, &other.admin).await] {
        assert!(matches!(t.k.verwonderpunt(&stranger, id).await, Err(Error::NotFound)));
        assert!(matches!(t.k.improvement_project(&stranger, project_id).await, Err(Error::NotFound)));
        assert!(matches!(
            t.k.add_improvement_data(&stranger, project_id, &[(t.k.today(), 9.0)]).await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            t.k.post_verwonderpunt(&stranger, o.team_id, "Binnendringen", "", false).await,
            Err(Error::NotFound)
        ));
        assert!(matches!(t.k.improvement_overview(&stranger).await, Err(Error::Forbidden)));
    }
    let mut c = t.k.conn().await.unwrap();
    assert_eq!(store::data(&mut c, project_id).await.unwrap(), [(t.k.today(), 2.0)]);
    assert!(store::cycles(&mut c, project_id).await.unwrap().is_empty());
    assert_eq!(store::project_by_id(&mut c, project_id).await.unwrap().unwrap().status, ProjectStatus::Running);
    assert_eq!(count(&t, "verwonderpunten").await, 1);
}

async fn a_refused_triage_writes_no_action_or_project_and_the_point_waits(t: TestKartrekker) {
    let o = org(&t, "Halfziekenhuis").await;
    let other = org(&t, "Buurziekenhuis").await;
    let leader = actor(&t, &o.leader).await;
    let id =
        t.k.post_verwonderpunt(&actor(&t, &o.member).await, o.team_id, "Waarom geen koffie?", "", false).await.unwrap();
    // A kartrekker from another organisation: the project is refused.
    let outsider = other.member_id.to_string();
    let refused = t.k.triage_verwonderpunt(&leader, id, &project_triage(&outsider)).await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    // A quick fix whose action is refused (a due date in the past).
    let yesterday = t.k.today().add_days(-1).to_string();
    let kartrekker = o.member_id.to_string();
    let fix = TriageInput {
        choice: "quick_fix",
        title: "Koffie",
        goal: "Koffie",
        kartrekker: &kartrekker,
        due_date: &yesterday,
        ..Default::default()
    };
    let refused = t.k.triage_verwonderpunt(&leader, id, &fix).await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    let not_now = TriageInput { choice: "not_now", reason: " ", ..Default::default() };
    assert!(matches!(t.k.triage_verwonderpunt(&leader, id, &not_now).await, Err(Error::Invalid(_))));

    let p = store::point_by_id(&mut t.k.conn().await.unwrap(), id).await.unwrap().unwrap();
    assert_eq!((p.status, p.reason.as_str(), p.action_id, p.project_id), (PointStatus::New, "", None, None));
    assert_eq!((count(&t, "improvement_projects").await, count(&t, "actions").await), (0, 0));
}

async fn an_unknown_point_status_is_a_decode_error(t: TestKartrekker) {
    let o = org(&t, "Statusziekenhuis").await;
    let id = t.k.post_verwonderpunt(&actor(&t, &o.member).await, o.team_id, "Waarom?", "", false).await.unwrap();
    kartrekker::db::query("UPDATE verwonderpunten SET status = 'parked' WHERE id = $1")
        .bind(id)
        .execute(&t.k.db)
        .await
        .unwrap();
    match store::point_by_id(&mut t.k.conn().await.unwrap(), id).await {
        Err(DbError::Decode { column, .. }) => assert_eq!(column, "status"),
        other => panic!("expected a decode error, got {:?}", other.map(|p| p.map(|p| p.status))),
    }
}
