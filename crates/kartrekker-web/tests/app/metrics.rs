//! `/metrics` (README, "Metrics"): only with the configured token or on its
//! own address, and counting what happened, in the Prometheus text format.

use std::collections::BTreeMap;

use kartrekker::jobs::{JobKind, store};
use kartrekker_testkit::*;

const TOKEN: &str = "een-geheim-voor-prometheus";

macro_rules! on_both {
    ($($name:ident),* $(,)?) => { $(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() { super::$name(kartrekker_testkit::Backend::Sqlite).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() { super::$name(kartrekker_testkit::Backend::Postgres).await }
        }
    )* };
}

on_both!(metrics_are_there_only_with_the_token_or_on_their_own_address, metrics_count_requests_by_route_jobs_and_mail);

async fn get(url: &str, token: Option<&str>) -> (u16, String, String) {
    let mut req = reqwest::Client::new().get(url);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let kind = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (status, kind, res.text().await.unwrap())
}

async fn metrics_are_there_only_with_the_token_or_on_their_own_address(backend: Backend) {
    let plain = TestApp::spawn(backend).await;
    assert_eq!(get(&plain.url("/metrics"), None).await.0, 404, "neither token nor address: no metrics");
    assert_eq!(get(&plain.url("/metrics"), Some(TOKEN)).await.0, 404);

    let app = TestApp::spawn_configured(backend, |c| c.metrics.token = Some(TOKEN.into())).await;
    let (status, _, body) = get(&app.url("/metrics"), None).await;
    assert_eq!(status, 401);
    assert!(!body.contains("kartrekker_"), "{body}");
    assert_eq!(get(&app.url("/metrics"), Some("een-geheim-voor-iemand-anders")).await.0, 401);
    let (status, kind, body) = get(&app.url("/metrics"), Some(TOKEN)).await;
    assert_eq!((status, kind.as_str()), (200, "text/plain; version=0.0.4; charset=utf-8"));
    parse(&body);

    // On an address of its own: there without a token, and not on the app's address.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let own = TestApp::spawn_configured(backend, |c| c.metrics.bind = Some(format!("127.0.0.1:{port}"))).await;
    let own_page = format!("http://127.0.0.1:{port}/metrics");
    // The app binds that address as it starts serving, in its own task.
    for _ in 0..100 {
        if reqwest::get(&own_page).await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let (status, _, body) = get(&own_page, None).await;
    assert_eq!(status, 200, "{body}");
    assert!(parse(&body).contains_key("kartrekker_db_pool_connections{state=\"max\"}"), "{body}");
    assert_eq!(get(&own.url("/metrics"), None).await.0, 404);
    assert_eq!(get(&format!("http://127.0.0.1:{port}/login"), None).await.0, 404, "only the metrics there");
}

async fn metrics_count_requests_by_route_jobs_and_mail(backend: Backend) {
    let app = TestApp::spawn_configured(backend, |c| c.metrics.token = Some(TOKEN.into())).await;
    let o = org(&app, "Meetziekenhuis").await;
    let action = register_action(&app, &o.leader, &o, "Meten is weten", o.member_id, 7).await;
    app.k.run_due_jobs().await.unwrap();
    let scrape = || async { parse(&get(&app.url("/metrics"), Some(TOKEN)).await.2) };
    let before = scrape().await;
    let mails_before = app.smtp.received().len();

    for _ in 0..3 {
        assert_eq!(get(&app.url("/healthz"), None).await.0, 200);
    }
    let leader = Client::logged_in(&app, &o.leader).await;
    assert_eq!(leader.get(&format!("/actions/{action}")).await.status, 200);
    assert_eq!(leader.get("/actions/987654321").await.status, 404);
    assert_eq!(get(&app.url("/nergens/987654321"), None).await.0, 404);
    // Two people added: two invitations to send. And a job that cannot be read fails.
    let admin = actor(&app, &o.admin).await;
    app.k.create_person(&admin, "Mila Meting", "mila@meet.test", "arts", &[]).await.unwrap();
    app.k.create_person(&admin, "Mats Meting", "mats@meet.test", "arts", &[]).await.unwrap();
    let now = app.k.now();
    store::enqueue(&mut app.k.conn().await.unwrap(), JobKind::Digest, "{kapot", None, now, 8, now).await.unwrap();
    let queued = scrape().await;
    app.k.run_due_jobs().await.unwrap();
    let after = scrape().await;

    let grew = |series: &str| after.get(series).copied().unwrap_or(0.0) - before.get(series).copied().unwrap_or(0.0);
    let request = |method: &str, route: &str, status: u16| {
        format!("kartrekker_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}}")
    };
    assert_eq!(grew(&request("GET", "/healthz", 200)), 3.0);
    assert_eq!(grew(&request("GET", "/actions/{id}", 200)), 1.0, "by the route's template");
    assert_eq!(grew(&request("GET", "/actions/{id}", 404)), 1.0);
    assert_eq!(grew(&request("GET", "unmatched", 404)), 1.0);
    assert_eq!(grew(&request("POST", "/login", 303)), 1.0);
    assert_eq!(grew(&request("GET", "/metrics", 200)), 2.0, "the scrapes before this one count too");
    let after_text = get(&app.url("/metrics"), Some(TOKEN)).await.2;
    assert!(!after_text.contains("987654321"), "no path is ever a label");
    let latency = "kartrekker_http_request_duration_seconds";
    assert_eq!(grew(&format!("{latency}_count{{method=\"GET\",route=\"/healthz\"}}")), 3.0);
    assert_eq!(grew(&format!("{latency}_bucket{{le=\"+Inf\",method=\"GET\",route=\"/healthz\"}}")), 3.0);
    assert!(grew(&format!("{latency}_sum{{method=\"GET\",route=\"/healthz\"}}")) > 0.0);

    // The queue as the database held it before the worker ran: the two invitations and the broken job.
    assert_eq!(queued["kartrekker_job_queue{state=\"waiting\"}"], 3.0);
    assert_eq!(queued["kartrekker_job_queue{state=\"retrying\"}"], 0.0);
    assert_eq!(after["kartrekker_job_queue{state=\"waiting\"}"], 1.0, "the broken job waits for its retry");
    assert_eq!(after["kartrekker_job_queue{state=\"retrying\"}"], 1.0);
    assert_eq!(grew("kartrekker_jobs_completed_total{kind=\"send_link\"}"), 2.0);
    assert_eq!(grew("kartrekker_jobs_failed_total{kind=\"digest\"}"), 1.0);
    assert_eq!(app.smtp.received().len(), mails_before + 2);
    assert_eq!(grew("kartrekker_emails_sent_total{kind=\"invitation\"}"), 2.0);

    let pool = |state: &str| after[&format!("kartrekker_db_pool_connections{{state=\"{state}\"}}")];
    let max = match backend {
        Backend::Sqlite => 8.0,
        Backend::Postgres => 16.0,
    };
    assert_eq!(pool("max"), max);
    assert!(pool("open") >= 1.0 && pool("open") <= max, "open {}", pool("open"));
    assert_eq!(pool("open"), pool("idle") + pool("in_use"));
}

/// Reads the Prometheus text format (version 0.0.4) strictly: every sample
/// of a declared family, names and labels well formed, label values escaped,
/// values numbers, each histogram's buckets cumulative up to `+Inf` = `_count`.
/// Returns each series (`name{label="value",...}`, labels sorted) with its value.
fn parse(text: &str) -> BTreeMap<String, f64> {
    let name_ok = |n: &str| {
        !n.is_empty()
            && !n.starts_with(|c: char| c.is_ascii_digit())
            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
    };
    let mut types: BTreeMap<String, String> = BTreeMap::new();
    let mut series = BTreeMap::new();
    assert!(text.ends_with('\n'), "the page ends with a line break");
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# ") {
            let mut words = rest.splitn(3, ' ');
            match (words.next(), words.next(), words.next()) {
                (Some("TYPE"), Some(name), Some(kind)) => {
                    assert!(name_ok(name), "{line}");
                    assert!(["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind), "{line}");
                    assert!(types.insert(name.to_string(), kind.to_string()).is_none(), "TYPE twice: {line}");
                }
                (Some("HELP"), Some(name), Some(_)) => assert!(name_ok(name), "{line}"),
                _ => {}
            }
            continue;
        }
        assert!(!line.trim().is_empty(), "no empty lines");
        let (name, rest) = line.split_at(line.find(['{', ' ']).unwrap_or_else(|| panic!("no value: {line}")));
        assert!(name_ok(name), "sample name: {line}");
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| name.strip_suffix(s).filter(|f| types.get(*f).is_some_and(|t| t == "histogram")))
            .unwrap_or(name);
        assert!(types.contains_key(family), "a sample of an undeclared family: {line}");
        let mut labels = Vec::new();
        let mut rest = rest;
        if let Some(mut l) = rest.strip_prefix('{') {
            loop {
                if let Some(r) = l.strip_prefix('}') {
                    rest = r;
                    break;
                }
                let eq = l.find("=\"").unwrap_or_else(|| panic!("label: {line}"));
                let key = &l[..eq];
                assert!(name_ok(key) && !key.contains(':'), "label name: {line}");
                let mut value = String::new();
                let mut chars = l[eq + 2..].char_indices();
                let end = loop {
                    match chars.next() {
                        Some((_, '\\')) => match chars.next() {
                            Some((_, 'n')) => value.push('\n'),
                            Some((_, c @ ('\\' | '"'))) => value.push(c),
                            other => panic!("bad escape {other:?}: {line}"),
                        },
                        Some((i, '"')) => break eq + 2 + i + 1,
                        Some((_, '\n')) | None => panic!("unterminated label value: {line}"),
                        Some((_, c)) => value.push(c),
                    }
                };
                labels.push((key.to_string(), value));
                l = &l[end..];
                l = l.strip_prefix(',').unwrap_or(l);
            }
        }
        let mut fields =
            rest.strip_prefix(' ').unwrap_or_else(|| panic!("a space before the value: {line}")).split(' ');
        let value: f64 = match fields.next().unwrap() {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("value: {line}")),
        };
        if let Some(timestamp) = fields.next() {
            timestamp.parse::<i64>().unwrap_or_else(|_| panic!("timestamp: {line}"));
        }
        assert!(fields.next().is_none(), "{line}");
        labels.sort();
        let key = format!(
            "{name}{{{}}}",
            labels.iter().map(|(k, v)| format!("{k}=\"{}\"", v.replace('"', "\\\""))).collect::<Vec<_>>().join(",")
        );
        let key = key.strip_suffix("{}").map(str::to_string).unwrap_or(key);
        assert!(series.insert(key, value).is_none(), "a series twice: {line}");
    }
    // Histograms: cumulative buckets, +Inf equal to the count.
    for (family, _) in types.iter().filter(|(_, t)| *t == "histogram") {
        let counts: Vec<(&String, &f64)> =
            series.iter().filter(|(k, _)| k.starts_with(&format!("{family}_count"))).collect();
        for (count_key, count) in counts {
            let labels = &count_key[format!("{family}_count").len()..];
            let inner = labels.trim_start_matches('{').trim_end_matches('}');
            let mut buckets: Vec<(f64, f64)> = series
                .iter()
                .filter_map(|(k, v)| {
                    let rest = k.strip_prefix(&format!("{family}_bucket{{le=\""))?;
                    let (le, others) = rest.split_once('"')?;
                    let others = others.trim_start_matches(',').trim_end_matches('}');
                    (others == inner).then(|| (if le == "+Inf" { f64::INFINITY } else { le.parse().unwrap() }, *v))
                })
                .collect();
            buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
            assert!(buckets.windows(2).all(|w| w[0].1 <= w[1].1), "cumulative buckets of {count_key}");
            assert_eq!(buckets.last().map(|b| (b.0, b.1)), Some((f64::INFINITY, *count)), "+Inf of {count_key}");
        }
    }
    series
}
