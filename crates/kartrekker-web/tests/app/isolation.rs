//! Organisations never see each other's data: a person of organisation B
//! gets 404 for everything of organisation A, and people without the role
//! get 403 on administration pages.

use kartrekker_testkit::*;

both_databases!(another_organisation_gets_404_everywhere, members_cannot_administer);

/// Every route that names something of an organisation, with A's ids.
fn routes_of(a: &Org) -> Vec<(&'static str, String)> {
    vec![
        ("GET", format!("/admin/teams/{}", a.team_id)),
        ("POST", format!("/admin/teams/{}", a.team_id)),
        ("POST", format!("/admin/departments/{}", a.department_id)),
        ("POST", format!("/admin/teams/{}/members", a.team_id)),
        ("POST", format!("/admin/teams/{}/members/{}/remove", a.team_id, a.member_id)),
        ("GET", format!("/admin/people/{}", a.member_id)),
        ("POST", format!("/admin/people/{}", a.member_id)),
        ("POST", format!("/admin/people/{}/invite", a.member_id)),
    ]
}

async fn another_organisation_gets_404_everywhere(app: TestApp) {
    let a = org(&app, "Ziekenhuis Alfa").await;
    let b = org(&app, "Ziekenhuis Beta").await;
    let c = Client::logged_in(&app, &b.admin).await;
    c.get("/admin").await;
    let members = count(&app, "team_members").await;
    let jobs = count(&app, "jobs").await;
    for (method, path) in routes_of(&a) {
        let p = match method {
            "GET" => c.get(&path).await,
            _ => {
                c.post(
                    &path,
                    &[
                        ("person", &b.member_id.to_string()),
                        ("role", "member"),
                        ("name", "Overgenomen"),
                        ("profession", "arts"),
                    ],
                )
                .await
            }
        };
        assert_eq!(p.status, 404, "{method} {path} must be 404 for another organisation:\n{}", p.body);
        assert!(!p.has("Lars Lid") && !p.has(&a.member), "{method} {path} leaks a name");
    }
    assert_eq!(count(&app, "team_members").await, members);
    assert_eq!(count(&app, "jobs").await, jobs);
    // Lists show only the own organisation.
    for path in ["/admin/people", "/admin/teams", "/admin/departments", "/admin", "/"] {
        let p = c.get(path).await;
        assert_eq!(p.status, 200, "{path}");
        assert!(!p.has(&a.member) && !p.has(&a.admin) && !p.has("Ziekenhuis Alfa"), "{path} shows organisation A");
    }
    c.get("/admin/people").await.assert_has(&b.member);
}

async fn members_cannot_administer(app: TestApp) {
    let a = org(&app, "Ziekenhuis Gamma").await;
    for who in [&a.member, &a.leader] {
        let c = Client::logged_in(&app, who).await;
        c.get("/").await;
        let mut paths: Vec<(&str, String)> = routes_of(&a);
        for p in [
            "/admin",
            "/admin/teams",
            "/admin/departments",
            "/admin/people",
            "/admin/people/new",
            "/admin/import",
            "/instance/organisations",
        ] {
            paths.push(("GET", p.to_string()));
        }
        paths.push(("POST", "/admin/departments".into()));
        paths.push(("POST", "/admin/teams".into()));
        paths.push(("POST", "/admin/people".into()));
        paths.push(("POST", "/admin/import/confirm".into()));
        for (method, path) in paths {
            let p = if method == "GET" { c.get(&path).await } else { c.post(&path, &[("name", "x")]).await };
            assert_eq!(p.status, 403, "{who}: {method} {path}");
            p.assert_has("Geen toegang");
        }
    }
}
