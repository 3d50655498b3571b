//! The JSON API (issue 20): an administrator makes a token with scopes on
//! the admin page, sees its secret once and revokes it; programs call
//! /api/v1 with it, limited to its organisation and scopes, a page at a
//! time, with errors as problem+json and a rate limit per token; every use
//! is in the audit trail; /api/openapi.json describes every route.

use kartrekker_testkit::*;
use kartrekker_web::pages::api::{API_ROUTES, RATE_WINDOW_MS};
use serde_json::{Value, json};

both_databases!(
    an_administrator_makes_a_token_sees_it_once_and_revokes_it,
    a_token_needs_to_be_valid_and_to_hold_the_scope,
    a_token_reaches_only_its_own_organisation,
    pages_of_actions_hold_every_action_exactly_once,
    actions_are_created_and_moved_with_the_pages_rules,
    each_token_is_limited_per_minute,
    the_openapi_document_describes_every_route,
    a_token_ends_with_its_makers_rights,
);

/// A program calling the API with a bearer token (or none).
struct Api {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
}

/// What the API answered: status, content type, Retry-After and the JSON body.
struct Answer {
    status: u16,
    content_type: String,
    retry_after: Option<String>,
    body: Value,
}

impl Api {
    fn new(app: &TestApp, token: Option<&str>) -> Api {
        Api { http: reqwest::Client::new(), base: app.base.clone(), token: token.map(str::to_string) }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Answer {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = &self.token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        if let Some(b) = body {
            req = req.header("content-type", "application/json").body(b.to_string());
        }
        let res = req.send().await.unwrap();
        let header = |name: &str| res.headers().get(name).map(|v| v.to_str().unwrap().to_string());
        let (status, content_type, retry_after) =
            (res.status().as_u16(), header("content-type").unwrap_or_default(), header("retry-after"));
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer { status, content_type, retry_after, body }
    }
    async fn get(&self, path: &str) -> Answer {
        self.call(reqwest::Method::GET, path, None).await
    }
    async fn post(&self, path: &str, body: Value) -> Answer {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }
    async fn patch(&self, path: &str, body: Value) -> Answer {
        self.call(reqwest::Method::PATCH, path, Some(body)).await
    }
}

fn is_problem(a: &Answer, status: u16) -> bool {
    a.status == status
        && a.content_type == "application/problem+json"
        && a.body["status"] == json!(status)
        && a.body["title"].is_string()
}

/// The secret on the page after creating a token.
fn secret_on(page: &Page) -> String {
    let start = page.body.find("<code id=\"api-secret\">").expect("the secret is shown") + 22;
    page.body[start..start + page.body[start..].find('<').unwrap()].to_string()
}

/// A token made through the admin page by `o`'s administrator, who also
/// joins the team (a token acts with its maker's rights).
async fn token(app: &TestApp, o: &Org, name: &str, scopes: &[&str]) -> String {
    let admin = actor(app, &o.admin).await;
    if !admin.in_team(o.team_id) {
        app.k.add_member(&admin, o.team_id, &admin.id().to_string(), "member").await.unwrap();
    }
    let c = Client::logged_in(app, &o.admin).await;
    c.get("/admin/api-tokens").await;
    let mut form = vec![("name", name)];
    form.extend(scopes.iter().map(|s| ("scopes", *s)));
    let p = c.post("/admin/api-tokens", &form).await;
    assert_eq!(p.status, 200, "{}", p.body);
    secret_on(&p)
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    kartrekker::db::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.k.db)
        .await
        .unwrap()
}

async fn an_administrator_makes_a_token_sees_it_once_and_revokes_it(app: TestApp) {
    let o = org(&app, "Ziekenhuis Api").await;
    let c = Client::logged_in(&app, &o.admin).await;
    assert!(c.get("/admin/api-tokens").await.has("API-tokens"));

    // No name and no scope: the form again, with both messages.
    let p = c.post("/admin/api-tokens", &[("name", " ")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Geef het token een naam.");
    p.assert_has("Kies minstens één scope.");
    assert_eq!(count(&app, "api_tokens").await, 0);

    let p = c.post("/admin/api-tokens", &[("name", "Roosterkoppeling"), ("scopes", "people:read")]).await;
    assert_eq!(p.status, 200, "{}", p.body);
    let secret = secret_on(&p);
    assert_eq!(secret.len(), 64);
    // Stored as its hash only, and never shown again.
    let stored: String =
        kartrekker::db::query_scalar("SELECT token_hash FROM api_tokens").fetch_one(&app.k.db).await.unwrap();
    assert_eq!(stored, kartrekker::auth::token::digest(&secret));
    let list = c.get("/admin/api-tokens").await;
    list.assert_has("Roosterkoppeling");
    list.assert_has("people:read");
    list.assert_has("Nooit");
    assert!(!list.has(&secret));

    let api = Api::new(&app, Some(&secret));
    assert_eq!(api.get("/api/v1/people").await.status, 200);
    assert!(!c.get("/admin/api-tokens").await.has("Nooit"), "last used is shown");

    // Someone who is not an administrator has no such page.
    let leader = Client::logged_in(&app, &o.leader).await;
    assert_eq!(leader.get("/admin/api-tokens").await.status, 403);

    let id: i64 = kartrekker::db::query_scalar("SELECT id FROM api_tokens").fetch_one(&app.k.db).await.unwrap();
    c.get("/admin/api-tokens").await;
    assert_eq!(c.post(&format!("/admin/api-tokens/{id}/revoke"), &[]).await.status, 303);
    c.get("/admin/api-tokens").await.assert_has("Ingetrokken");
    assert!(is_problem(&api.get("/api/v1/people").await, 401));

    assert_eq!(audited(&app, "create_api_token").await, 1);
    assert_eq!(audited(&app, "revoke_api_token").await, 1);
    // The one use; a request with a revoked token belongs to no token.
    assert_eq!(audited(&app, "use_api").await, 1);
}

async fn a_token_needs_to_be_valid_and_to_hold_the_scope(app: TestApp) {
    let o = org(&app, "Ziekenhuis Scope").await;
    let reader = token(&app, &o, "Lezer", &["people:read"]).await;

    let none = Api::new(&app, None).get("/api/v1/teams").await;
    assert!(is_problem(&none, 401));
    assert!(is_problem(&Api::new(&app, Some("not-a-token")).get("/api/v1/teams").await, 401));

    let api = Api::new(&app, Some(&reader));
    let teams = api.get("/api/v1/teams").await;
    assert_eq!(teams.status, 200);
    assert_eq!(teams.body["items"][0]["id"], json!(o.team_id));
    let people = api.get("/api/v1/people").await;
    assert!(people.body["items"].as_array().unwrap().iter().any(|p| p["id"] == json!(o.member_id)));
    // No actions:read, no actions:write.
    assert!(is_problem(&api.get("/api/v1/actions").await, 403));
    let new = json!({ "team_id": o.team_id, "title": "Nee", "goal": "Nee", "kartrekker_id": o.member_id });
    assert!(is_problem(&api.post("/api/v1/actions", new).await, 403));
    assert_eq!(count(&app, "actions").await, 0);
    // A cookie is no way in either.
    let browser = Client::logged_in(&app, &o.admin).await;
    assert_eq!(browser.get("/api/v1/teams").await.status, 401);
}

async fn a_token_reaches_only_its_own_organisation(app: TestApp) {
    let a = org(&app, "Ziekenhuis Eigen").await;
    let b = org(&app, "Ziekenhuis Ander").await;
    let all = ["people:read", "actions:read", "actions:write"];
    let ta = token(&app, &a, "A", &all).await;
    let theirs = register_action(&app, &b.leader, &b, "Van B", b.member_id, 5).await;
    register_action(&app, &a.leader, &a, "Van A", a.member_id, 5).await;

    let api = Api::new(&app, Some(&ta));
    let teams = api.get("/api/v1/teams").await;
    assert_eq!(teams.body["items"].as_array().unwrap().len(), 1);
    let people = api.get("/api/v1/people").await.body;
    let ids: Vec<i64> = people["items"].as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&a.member_id) && !ids.contains(&b.member_id), "{ids:?}");
    let actions = api.get("/api/v1/actions").await;
    let titles: Vec<&str> =
        actions.body["items"].as_array().unwrap().iter().map(|x| x["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Van A"]);
    assert!(is_problem(&api.get(&format!("/api/v1/actions?team={}", b.team_id)).await, 404));
    assert!(is_problem(&api.patch(&format!("/api/v1/actions/{theirs}"), json!({ "status": "done" })).await, 404));
    let into_b = json!({ "team_id": b.team_id, "title": "Inbraak", "goal": "Nee", "kartrekker_id": b.member_id });
    assert!(is_problem(&api.post("/api/v1/actions", into_b).await, 404));
    let status: String = kartrekker::db::query_scalar("SELECT status FROM actions WHERE id = $1")
        .bind(theirs)
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(status, "open");
}

async fn pages_of_actions_hold_every_action_exactly_once(app: TestApp) {
    let o = org(&app, "Ziekenhuis Pagina").await;
    let t = token(&app, &o, "Lezer", &["actions:read"]).await;
    let mut made = Vec::new();
    for n in 0..7 {
        made.push(register_action(&app, &o.leader, &o, &format!("Actie {n}"), o.member_id, n + 1).await);
    }
    let api = Api::new(&app, Some(&t));
    let (mut seen, mut next, mut pages) = (Vec::new(), None::<String>, 0);
    loop {
        let path = match &next {
            Some(c) => format!("/api/v1/actions?limit=3&after={c}"),
            None => "/api/v1/actions?limit=3".to_string(),
        };
        let page = api.get(&path).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let items = page.body["items"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(items.iter().map(|a| a["id"].as_i64().unwrap()));
        pages += 1;
        match page.body["next"].as_str() {
            Some(c) => next = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, made);
    // Filters: by status, and by team.
    let moved = api.get(&format!("/api/v1/actions?status=done&team={}", o.team_id)).await;
    assert_eq!(moved.body["items"].as_array().unwrap().len(), 0);
    // A cursor or limit that is not one: a problem naming the field.
    let bad = api.get("/api/v1/actions?after=xyz&limit=0").await;
    assert!(is_problem(&bad, 422));
    let fields: Vec<&str> =
        bad.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["after", "limit"]);
}

async fn actions_are_created_and_moved_with_the_pages_rules(app: TestApp) {
    let o = org(&app, "Ziekenhuis Schrijf").await;
    let t = token(&app, &o, "Schrijver", &["actions:read", "actions:write"]).await;
    let api = Api::new(&app, Some(&t));

    // The register's own checks: a title, a kartrekker from the team, no date in the past.
    let past = app.k.today().add_days(-1).to_string();
    let bad = json!({ "team_id": o.team_id, "title": "", "goal": "Rust" });
    let answer = api.post("/api/v1/actions", bad).await;
    assert!(is_problem(&answer, 422), "{}", answer.body);
    let errors = answer.body["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["field"] == "title" && e["code"] == "error-title-required"));
    assert!(errors.iter().any(|e| e["field"] == "kartrekker" && e["message"].is_string()));
    let late = json!({ "team_id": o.team_id, "title": "Laat", "goal": "Rust", "kartrekker_id": o.member_id, "due_date": past });
    let answer = api.post("/api/v1/actions", late).await;
    assert!(is_problem(&answer, 422) && answer.body["errors"][0]["field"] == "due_date", "{}", answer.body);
    assert_eq!(count(&app, "actions").await, 0);
    let not_json = api.call(reqwest::Method::POST, "/api/v1/actions", None).await;
    assert!(is_problem(&not_json, 400));

    let due = app.k.today().add_days(7).to_string();
    let good = json!({ "team_id": o.team_id, "title": "Overdracht aan bed", "goal": "Rust", "kartrekker_id": o.member_id, "due_date": due });
    let made = api.post("/api/v1/actions", good).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.body["id"].as_i64().unwrap();
    assert_eq!(made.body["status"], "open");

    let moved =
        api.patch(&format!("/api/v1/actions/{id}"), json!({ "status": "in_progress", "progress": "Gestart" })).await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(moved.body["status"], "in_progress");
    let page = app.k.action_page(&actor(&app, &o.leader).await, id).await.unwrap();
    assert_eq!(page.updates.len(), 1);
    assert!(page.history.iter().any(|h| h.field == "status"));
    assert!(is_problem(&api.patch(&format!("/api/v1/actions/{id}"), json!({ "status": "gone" })).await, 422));
    assert!(is_problem(&api.patch("/api/v1/actions/999999", json!({ "status": "done" })).await, 404));
    assert!(audited(&app, "use_api").await >= 6);
}

async fn each_token_is_limited_per_minute(app: TestApp) {
    let o = org(&app, "Ziekenhuis Limiet").await;
    let t = token(&app, &o, "Druk", &["people:read"]).await;
    let other = token(&app, &o, "Rustig", &["people:read"]).await;
    // Start at a window's beginning, so the whole limit falls in one.
    let now = app.k.now();
    app.clock.advance_ms(RATE_WINDOW_MS - now.rem_euclid(RATE_WINDOW_MS));
    let api = Api::new(&app, Some(&t));
    for _ in 0..app.k.config.server.api_requests_per_minute {
        assert_eq!(api.get("/api/v1/teams").await.status, 200);
    }
    let refused = api.get("/api/v1/teams").await;
    assert!(is_problem(&refused, 429));
    assert_eq!(refused.retry_after.as_deref(), Some("60"));
    // Another token has its own count.
    assert_eq!(Api::new(&app, Some(&other)).get("/api/v1/teams").await.status, 200);
    app.clock.advance_ms(RATE_WINDOW_MS);
    assert_eq!(api.get("/api/v1/teams").await.status, 200);
}

async fn the_openapi_document_describes_every_route(app: TestApp) {
    let doc = Api::new(&app, None).get("/api/openapi.json").await;
    assert_eq!(doc.status, 200);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3."));
    assert!(API_ROUTES.len() >= 5);
    for r in API_ROUTES {
        let op = &doc.body["paths"][r.path][r.method];
        assert!(op.is_object(), "{} {} is not in the document", r.method, r.path);
        assert_eq!(op["x-scope"], r.scope.code());
    }
    // And the router serves each of them: without a token, 401 rather than 404.
    let api = Api::new(&app, None);
    for r in API_ROUTES {
        let path = r.path.replace("{id}", "1");
        let method = reqwest::Method::from_bytes(r.method.to_uppercase().as_bytes()).unwrap();
        assert_eq!(api.call(method, &path, None).await.status, 401, "{} {}", r.method, r.path);
    }
    assert_eq!(Api::new(&app, None).get("/api/v1/nothing").await.status, 401);
}

async fn a_token_ends_with_its_makers_rights(app: TestApp) {
    let o = org(&app, "Ziekenhuis Einde").await;
    let admin = actor(&app, &o.admin).await;
    let email = "tweede@einde.test";
    let second = app.k.create_person(&admin, "Tweede Beheerder", email, "manager", &["admin".into()]).await.unwrap();
    activate(&app, email).await;
    let c = Client::logged_in(&app, email).await;
    c.get("/admin/api-tokens").await;
    let secret = secret_on(&c.post("/admin/api-tokens", &[("name", "Koppeling"), ("scopes", "people:read")]).await);
    let api = Api::new(&app, Some(&secret));
    assert_eq!(api.get("/api/v1/teams").await.status, 200);

    app.k.deactivate_person(&admin, second).await.unwrap();
    assert!(is_problem(&api.get("/api/v1/teams").await, 401));
    assert_eq!(count(&app, "api_tokens").await, 0);
}
