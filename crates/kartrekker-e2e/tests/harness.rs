//! The browser harness itself: Chromium starts, axe-core runs and tells an
//! accessible page from an inaccessible one, and a page that fits a phone
//! from one that scrolls sideways.

use kartrekker_e2e::{Browser, assert_accessible, axe_violations, data_url, errors_have_focus, phone_problems};

const GOOD: &str =
    r#"<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Hi</h1></main></body></html>"#;
const WIDE: &str = r#"<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>t</title></head><body><main><h1>Hi</h1><table><tr><td id="long">EenheellangwoorddatnietafbreektendepaginabredermaaktdaneentelefoonEenheellangwoord</td></tr></table></main></body></html>"#;
const TINY_BUTTON: &str = r#"<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>t</title></head><body><main><h1>Hi</h1><button id="tiny" style="font-size:8px;padding:0;border:0">x</button></main></body></html>"#;
const FOCUSED_ERRORS: &str = r#"<!doctype html><html lang="en"><head><title>t</title></head><body><main><div class="error-summary" tabindex="-1" autofocus><h2>Fix</h2></div><input aria-label="x"></main></body></html>"#;
const UNFOCUSED_ERRORS: &str = r#"<!doctype html><html lang="en"><head><title>t</title></head><body><main><div class="error-summary" tabindex="-1"><h2>Fix</h2></div><input aria-label="x" autofocus></main></body></html>"#;
const BAD: &str = r#"<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Hi</h1><img src=x></main></body></html>"#;

#[tokio::test]
async fn axe_tells_accessible_from_inaccessible_pages() {
    let browser = Browser::start().await;
    let driver = &browser.driver;

    driver.goto(data_url(GOOD)).await.expect("open accessible page");
    assert_eq!(driver.title().await.expect("title"), "t");
    let violations = axe_violations(driver).await;
    assert!(violations.is_empty(), "expected no violations, got {violations:#?}");
    assert_accessible(driver, "the accessible test page").await;

    driver.goto(data_url(BAD)).await.expect("open inaccessible page");
    let violations = axe_violations(driver).await;
    assert!(violations.iter().any(|v| v["id"] == "image-alt"), "expected an image-alt violation, got {violations:#?}");
    let summary = kartrekker_e2e::summarize_violations(&violations);
    assert!(summary.contains("image-alt"), "summary lacks the rule id: {summary}");

    browser.quit().await;
}

#[tokio::test]
async fn the_phone_check_finds_sideways_scrolling_and_small_touch_targets() {
    let browser = Browser::start().await;
    let driver = &browser.driver;

    driver.goto(data_url(GOOD)).await.expect("open a narrow page");
    assert_eq!(phone_problems(driver).await, None);

    driver.goto(data_url(WIDE)).await.expect("open a wide page");
    let problem = phone_problems(driver).await.expect("a wide table overflows");
    assert!(problem.contains("td#long"), "names what sticks out: {problem}");
    driver.goto(data_url(TINY_BUTTON)).await.expect("open a page with a tiny button");
    let problem = phone_problems(driver).await.expect("a tiny button is too small to tap");
    assert!(problem.contains("button#tiny") && !problem.contains("overflows"), "{problem}");
    // The desktop window is back afterwards.
    let width = driver.execute("return window.innerWidth", vec![]).await.unwrap();
    assert_eq!(width.json(), &serde_json::json!(1280));

    browser.quit().await;
}

#[tokio::test]
async fn the_focus_check_tells_a_focused_error_summary_from_a_missed_one() {
    let browser = Browser::start().await;
    let driver = &browser.driver;
    driver.goto(data_url(GOOD)).await.expect("open a page without errors");
    assert!(errors_have_focus(driver).await, "no summary, nothing to focus");
    driver.goto(data_url(FOCUSED_ERRORS)).await.expect("open a page with a focused summary");
    assert!(errors_have_focus(driver).await);
    driver.goto(data_url(UNFOCUSED_ERRORS)).await.expect("open a page whose focus is elsewhere");
    assert!(!errors_have_focus(driver).await);
    browser.quit().await;
}
