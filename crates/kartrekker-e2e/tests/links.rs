//! Every link a person is shown leads somewhere they may go: for each demo
//! log-in, every same-origin link on the home page and on the pages it links
//! to answers without a 4xx or 5xx, and every page reached fits a phone.

use std::collections::{HashMap, HashSet, VecDeque};

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, click_button, log_in, phone_problems};
use kartrekker_testkit::{TestApp, both_databases};

/// Pages whose links are followed: the home page (0), the pages it links to
/// (1) and theirs (2), such as a team's board reached through an overview.
const FOLLOW_DEPTH: usize = 2;
/// Pages of one shape (ids replaced, e.g. `/actions/N`) opened, laid out at
/// phone width and followed; every link is still fetched for its status.
const PAGES_PER_SHAPE: usize = 2;

/// The status and content type of a GET from inside the page, with its cookies.
async fn fetch(d: &WebDriver, url: &str) -> (u64, String) {
    let ret = d
        .execute_async(
            r#"
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], { credentials: 'same-origin' })
                .then(r => done([r.status, r.headers.get('content-type') || '']))
                .catch(e => done([0, String(e)]));
            "#,
            vec![serde_json::json!(url)],
        )
        .await
        .unwrap_or_else(|e| panic!("fetching {url} failed: {e}"));
    let v = ret.json();
    (v[0].as_u64().unwrap_or(0), v[1].as_str().unwrap_or("").to_owned())
}

/// The page's same-origin links without their fragment; links to downloads
/// (`download`) are fetched but not opened.
async fn links(d: &WebDriver) -> Vec<(String, bool)> {
    let ret = d
        .execute(
            r#"
            return [...document.querySelectorAll('a[href]')]
                .filter(a => a.origin === location.origin)
                .map(a => [a.href.split('#')[0], a.hasAttribute('download')]);
            "#,
            vec![],
        )
        .await
        .expect("reading the page's links");
    ret.json()
        .as_array()
        .map(|links| {
            links.iter().filter_map(|l| Some((l[0].as_str()?.to_owned(), l[1].as_bool().unwrap_or(false)))).collect()
        })
        .unwrap_or_default()
}

/// `/teams/3/actions?status=open` → `/teams/N/actions`: one layout per shape.
fn shape(url: &str) -> String {
    let path = url.split('?').next().unwrap_or(url);
    path.split('/')
        .map(|part| if part.bytes().all(|b| b.is_ascii_digit()) && !part.is_empty() { "N" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

/// Follows the links one person sees; returns what went wrong, one line each.
async fn crawl(d: &WebDriver, app: &TestApp, email: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let home = app.url("/");
    let mut seen: HashSet<String> = HashSet::from([home.clone()]);
    let mut shapes: HashMap<String, usize> = HashMap::new();
    let mut queue = VecDeque::from([(home, false, 0usize, String::from("(start)"))]);
    while let Some((url, download, depth, from)) = queue.pop_front() {
        let (status, content_type) = fetch(d, &url).await;
        if !(200..400).contains(&status) {
            problems.push(format!("{email}: {url} answers {status} (linked from {from})"));
            continue;
        }
        let opened = shapes.entry(shape(&url)).or_default();
        if download || !content_type.starts_with("text/html") || *opened >= PAGES_PER_SHAPE {
            continue;
        }
        *opened += 1;
        d.goto(&url).await.unwrap_or_else(|e| panic!("opening {url}: {e}"));
        if let Some(problem) = phone_problems(d).await {
            problems.push(format!("{email}: {url} {problem}"));
        }
        if depth > FOLLOW_DEPTH {
            continue;
        }
        for (link, download) in links(d).await {
            if seen.insert(link.clone()) {
                queue.push_back((link, download, depth + 1, url.clone()));
            }
        }
    }
    problems
}

both_databases!(every_link_opens);

async fn every_link_opens(app: TestApp) {
    app.k.seed_demo().await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;
    let mut problems = Vec::new();
    for (email, _) in demo::LOGINS {
        log_in(d, &app, email, demo::PASSWORD).await;
        problems.extend(crawl(d, &app, email).await);
        d.goto(app.url("/")).await.unwrap();
        click_button(d, "Uitloggen").await;
    }
    assert!(problems.is_empty(), "{} broken link(s) or wide page(s):\n{}", problems.len(), problems.join("\n"));
    browser.quit().await;
}
