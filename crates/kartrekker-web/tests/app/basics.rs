use kartrekker_testkit::*;

both_databases!(
    probes_answer,
    pages_carry_security_headers,
    dutch_by_default_english_by_choice,
    unknown_pages_are_a_localised_404,
    malformed_ids_are_the_same_localised_404
);

async fn probes_answer(app: TestApp) {
    let c = Client::new(&app);
    assert_eq!(c.get("/healthz").await.status, 200);
    let ready = c.get("/readyz").await;
    assert_eq!((ready.status, ready.body.as_str()), (200, "ready"));
    app.k.db.close().await;
    assert_eq!(c.get("/readyz").await.status, 503, "a closed database is not ready");
    assert_eq!(c.get("/healthz").await.status, 200, "the process is still up");
}

async fn pages_carry_security_headers(app: TestApp) {
    let res = reqwest::get(app.url("/login")).await.unwrap();
    let h = res.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    let cookie = h["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("Secure"), "no Secure flag over plain http on loopback");
}

async fn dutch_by_default_english_by_choice(app: TestApp) {
    let o = org(&app, "Taalziekenhuis").await;
    let dutch = Client::new(&app).get("/login").await;
    dutch.assert_has("<html lang=\"nl\">");
    dutch.assert_has("Inloggen");
    let english = Client::with_language(&app, Some("en-GB,en;q=0.9,nl;q=0.5")).get("/login").await;
    english.assert_has("<html lang=\"en\">");
    english.assert_has("Log in");

    // A person's choice is kept with them, on the next log-in too.
    let c = Client::logged_in(&app, &o.member).await;
    c.get("/").await.assert_has("Mijn teams");
    let switched = c.post("/language", &[("lang", "en"), ("back", "/")]).await;
    assert_eq!(switched.location.as_deref(), Some("/"));
    c.get("/").await.assert_has("My teams");
    let again = Client::logged_in(&app, &o.member).await;
    again.get("/").await.assert_has("My teams");
    // A switch never sends anyone to another site.
    let away = c.post("/language", &[("lang", "nl"), ("back", "//evil.example/")]).await;
    assert_eq!(away.location.as_deref(), Some("/"));
}

async fn unknown_pages_are_a_localised_404(app: TestApp) {
    let p = Client::new(&app).get("/bestaat-niet").await;
    assert_eq!(p.status, 404);
    p.assert_has("Pagina niet gevonden");
    let p = Client::with_language(&app, Some("en")).get("/does-not-exist").await;
    p.assert_has("Page not found");
}

/// A route whose id is not a number names no page: the same 404 page in the
/// person's language as any unknown address, never the framework's own text.
async fn malformed_ids_are_the_same_localised_404(app: TestApp) {
    let o = org(&app, "Tikfoutziekenhuis").await;
    let c = Client::logged_in(&app, &o.leader).await;
    for path in [
        "/actions/abc".to_string(),
        format!("/teams/{}/actions?kartrekker=1&notice=a&notice=b", o.team_id),
        "/teams/x/trajectory".to_string(),
        "/teams/1/trajectory/x/intake".to_string(),
        "/reflection/abc/results".to_string(),
        "/teams/x/actions".to_string(),
    ] {
        let p = c.get(&path).await;
        assert_eq!(p.status, 404, "{path}");
        p.assert_has("Pagina niet gevonden");
        assert!(!p.body.contains("Cannot parse") && !p.body.contains("Failed to deserialize"), "{path}: {}", p.body);
    }
    let en = Client::with_language(&app, Some("en")).get("/actions/abc").await;
    assert_eq!(en.status, 404);
    en.assert_has("Page not found");
    // A malformed post is a bad request, in words too.
    let p = c.post("/actions/abc/updates", &[("text", "Voortgang")]).await;
    assert_eq!(p.status, 400);
    assert!(!p.body.contains("Cannot parse"), "{}", p.body);
}

#[test]
fn dutch_and_english_have_the_same_keys() {
    let keys = |lang: &str| {
        let text = all_ftl(lang);
        let mut keys: Vec<String> = text
            .lines()
            .filter(|l| !l.starts_with([' ', '#']) && l.contains(" = "))
            .map(|l| l.split(" = ").next().unwrap().to_string())
            .collect();
        keys.sort();
        keys
    };
    let (nl, en) = (keys("nl"), keys("en"));
    let only_nl: Vec<_> = nl.iter().filter(|k| !en.contains(k)).collect();
    let only_en: Vec<_> = en.iter().filter(|k| !nl.contains(k)).collect();
    assert!(only_nl.is_empty() && only_en.is_empty(), "only in nl: {only_nl:?}; only in en: {only_en:?}");
    assert!(nl.len() > 100);
}

/// Every key the code asks for exists: strings starting with `error-` or
/// `notice-` in Rust code (message keys by convention), and every literal
/// passed to `.t(`/`.ta(` in code and templates. A key used as a prefix counts
/// when its `-title` form exists.
#[test]
fn every_message_key_in_the_code_is_translated() {
    let root = env!("CARGO_MANIFEST_DIR");
    let ftl = format!("\n{}", all_ftl("nl"));
    let known = |k: &str| ftl.contains(&format!("\n{k} = ")) || ftl.contains(&format!("\n{k}-title = "));
    let mut missing = Vec::new();
    let mut seen = 0;
    for dir in [format!("{root}/src"), format!("{root}/templates"), format!("{root}/../kartrekker/src")] {
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let rust = p.extension().is_some_and(|e| e == "rs");
            let mut keys: Vec<&str> = Vec::new();
            for call in [".t(\"", ".ta(\"", "::t(\""] {
                keys.extend(text.split(call).skip(1).filter_map(|rest| rest.split('"').next()));
            }
            if rust {
                keys.extend(
                    text.split('"').skip(1).step_by(2).filter(|s| s.starts_with("error-") || s.starts_with("notice-")),
                );
            }
            for k in keys {
                if k.is_empty() || k.contains(['{', ' ']) {
                    continue;
                }
                seen += 1;
                if !known(k) {
                    missing.push(format!("{}: {k}", p.display()));
                }
            }
        }
    }
    assert!(seen > 100, "the scan found only {seen} keys");
    assert!(missing.is_empty(), "keys without a translation: {missing:#?}");
}

/// Every Fluent file of a language, one after another.
fn all_ftl(lang: &str) -> String {
    let dir = format!("{}/../../locales/{lang}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|f| std::fs::read_to_string(f).unwrap() + "\n").collect()
}
