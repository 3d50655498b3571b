//! The browser harness itself: Chromium starts, axe-core runs and tells an
//! accessible page from an inaccessible one.

use kartrekker_e2e::{Browser, assert_accessible, axe_violations, data_url};

const GOOD: &str =
    r#"<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Hi</h1></main></body></html>"#;
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
