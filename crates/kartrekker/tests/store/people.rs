use kartrekker::organisations::OrgRole;
use kartrekker::organisations::store as orgs;
use kartrekker::people::{Language, Profession, store};
use kartrekker_testkit::*;

both_databases!(
    a_person_is_read_back_by_id_email_and_organisation,
    a_change_of_profile_is_kept,
    the_last_administrator_stays
);

async fn a_person_is_read_back_by_id_email_and_organisation(t: TestKartrekker) {
    let o = org(&t, "Mensenziekenhuis").await;
    let admin = actor(&t, &o.admin).await;
    let id = t.k.create_person(&admin, "Nina Nieuw", "nina@mensen.test", "hbo-v", &[]).await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    let p = store::by_id(&mut c, id).await.unwrap().expect("by id");
    assert_eq!((p.id, p.org_id), (id, admin.org_id()));
    assert_eq!((p.name.as_str(), p.email.as_str()), ("Nina Nieuw", "nina@mensen.test"));
    assert_eq!(Some(p.profession), Profession::parse("hbo-v").ok());
    assert_eq!((p.language, p.is_instance_admin, p.active), (None, false, false), "invited, not yet active");
    assert_eq!(store::by_email(&mut c, "nina@mensen.test").await.unwrap().map(|p| p.id), Some(id));
    assert!(store::by_email(&mut c, "niemand@mensen.test").await.unwrap().is_none());
    let everyone: Vec<i64> = store::of_org(&mut c, p.org_id.unwrap()).await.unwrap().iter().map(|p| p.id).collect();
    assert!(everyone.contains(&id) && everyone.contains(&o.member_id), "{everyone:?}");
    // Another organisation does not see her.
    let other = org(&t, "Buurziekenhuis").await;
    let other_org = actor(&t, &other.admin).await.org_id().unwrap();
    assert!(store::in_org(&mut c, other_org, id).await.unwrap().is_none());
    assert_eq!(store::in_org(&mut c, p.org_id.unwrap(), id).await.unwrap().map(|p| p.id), Some(id));
}

async fn a_change_of_profile_is_kept(t: TestKartrekker) {
    let o = org(&t, "Profielziekenhuis").await;
    let admin = actor(&t, &o.admin).await;
    t.k.update_person(&admin, o.member_id, "Lars de Lid", "manager", &["hr".into()]).await.unwrap();
    t.k.set_language(&actor(&t, &o.member).await, Language::En).await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    let p = store::by_id(&mut c, o.member_id).await.unwrap().unwrap();
    assert_eq!(
        (p.name.as_str(), Some(p.profession), p.language),
        ("Lars de Lid", Profession::parse("manager").ok(), Some(Language::En))
    );
    assert_eq!(orgs::org_roles(&mut c, o.member_id).await.unwrap(), [OrgRole::Hr]);
    assert!(store::account_has_password(&mut c, p.account_id).await.unwrap(), "activated by the fixture");
    assert!(store::password_hash(&mut c, o.member_id).await.unwrap().is_some(), "read through the person");
    assert!(p.active, "the membership is taken up with the password");
}

async fn the_last_administrator_stays(t: TestKartrekker) {
    let o = org(&t, "Beheerziekenhuis").await;
    let admin = actor(&t, &o.admin).await;
    let refused = t.k.update_person(&admin, admin.id(), "Anna Admin", "manager", &[]).await;
    assert!(refused.is_err(), "{refused:?}");
    let mut c = t.k.conn().await.unwrap();
    assert_eq!(orgs::org_roles(&mut c, admin.id()).await.unwrap(), [OrgRole::Admin], "rolled back");
    assert_eq!(orgs::count_admins(&mut c, admin.org_id().unwrap()).await.unwrap(), 1);
}
