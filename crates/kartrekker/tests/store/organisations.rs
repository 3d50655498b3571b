use kartrekker::organisations::{TeamRole, store};
use kartrekker_testkit::*;

both_databases!(departments_and_teams_stay_within_their_organisation, members_and_their_roles_are_read_back);

async fn departments_and_teams_stay_within_their_organisation(t: TestKartrekker) {
    let o = org(&t, "Afdelingziekenhuis").await;
    let other = org(&t, "Anderziekenhuis").await;
    let org_id = actor(&t, &o.admin).await.org_id().unwrap();
    let other_id = actor(&t, &other.admin).await.org_id().unwrap();
    let mut c = t.k.conn().await.unwrap();
    let orgs = store::organisations(&mut c).await.unwrap();
    assert!(orgs.iter().any(|x| x.id == org_id && x.name == "Afdelingziekenhuis"), "{orgs:?}");
    let departments = store::departments(&mut c, org_id).await.unwrap();
    assert_eq!(departments.len(), 1);
    assert_eq!((departments[0].id, departments[0].name.as_str()), (o.department_id, "Interne geneeskunde"));
    assert_eq!(departments[0].team_count, 1);
    let team = store::team_in_org(&mut c, org_id, o.team_id).await.unwrap().expect("the team");
    assert_eq!(
        (team.department_id, team.department.as_str(), team.name.as_str()),
        (o.department_id, "Interne geneeskunde", "Interne B3")
    );
    assert!(store::team_in_org(&mut c, other_id, o.team_id).await.unwrap().is_none());
    assert_eq!(store::team_by_name(&mut c, org_id, "Interne B3").await.unwrap(), Some(o.team_id));
    assert_eq!(store::rename_department(&mut c, other_id, o.department_id, "Overgenomen").await.unwrap(), 0);
    assert_eq!(store::rename_department(&mut c, org_id, o.department_id, "Interne").await.unwrap(), 1);
    let teams = store::teams(&mut c, org_id).await.unwrap();
    assert_eq!(teams.iter().map(|(t, n)| (t.department.as_str(), *n)).collect::<Vec<_>>(), [("Interne", 2)]);
}

async fn members_and_their_roles_are_read_back(t: TestKartrekker) {
    let o = org(&t, "Rolziekenhuis").await;
    let leader_id = actor(&t, &o.leader).await.id();
    let mut c = t.k.conn().await.unwrap();
    store::add_member(&mut c, o.team_id, o.member_id, TeamRole::Opleider).await.unwrap();
    let members = store::members(&mut c, o.team_id).await.unwrap();
    let roles = |id| members.iter().find(|m| m.person_id == id).map(|m| m.roles.clone()).unwrap_or_default();
    assert_eq!(roles(leader_id), [TeamRole::TeamLeader]);
    let mut member = roles(o.member_id);
    member.sort();
    assert_eq!(member, [TeamRole::Member, TeamRole::Opleider]);
    let (_, mut team_roles) = store::roles_of_person(&mut c, o.member_id).await.unwrap();
    team_roles.sort();
    assert_eq!(team_roles, [(o.team_id, TeamRole::Member), (o.team_id, TeamRole::Opleider)]);
    let teams: Vec<i64> = store::teams_of_person(&mut c, o.member_id).await.unwrap().iter().map(|t| t.id).collect();
    assert_eq!(teams, [o.team_id], "once, with two roles");
    assert_eq!(store::remove_member(&mut c, o.team_id, o.member_id).await.unwrap(), 2, "both roles");
    assert!(store::teams_of_person(&mut c, o.member_id).await.unwrap().is_empty());
}
