//! Real-browser test harness: a headless Chromium driven over WebDriver
//! (a chromedriver this harness starts itself) plus axe-core checks.
//!
//! Over 500 lines: starting the browser, the accessibility and 360 px
//! checks and the link-following walk are one harness every flow uses.
//!
//! Everything it needs is installed by `./scripts/test`, which also sets:
//! - `KARTREKKER_CHROMIUM` (default `/usr/bin/chromium`)
//! - `KARTREKKER_CHROMEDRIVER` (default `/usr/bin/chromedriver`)
//! - `KARTREKKER_AXE_JS` (absolute path of `axe.min.js`, required)
//!
//! A missing browser, driver or axe-core makes the test panic with a message
//! naming `./scripts/test`; nothing is ever skipped.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub use thirtyfour;
use thirtyfour::prelude::*;

const SETUP_HINT: &str = "run ./scripts/test (it installs chromium, chromium-driver and axe-core and sets \
     KARTREKKER_CHROMIUM, KARTREKKER_CHROMEDRIVER and KARTREKKER_AXE_JS)";

/// Chromium's command-line switches for this machine (see ENGINEERING.md).
const CHROMIUM_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--window-size=1280,900",
];

/// The WCAG 2.1 A and AA rule tags axe-core runs.
const AXE_TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// A headless Chromium session with its own chromedriver and a fresh profile.
///
/// Call [`Browser::quit`] at the end of a test; if the test panics first,
/// `Drop` ends the session, kills chromedriver and removes the profile.
pub struct Browser {
    pub driver: WebDriver,
    chromedriver: Child,
    port: u16,
    /// Temp folder holding the Chromium profile (`profile/`) and `chromedriver.log`.
    dir: PathBuf,
    quit_done: bool,
}

impl Browser {
    /// Start chromedriver and a headless Chromium as on a Dutch hospital PC:
    /// it asks for Dutch pages.
    pub async fn start() -> Browser {
        Self::start_with_language("nl-NL,nl").await
    }

    /// Like [`Browser::start`], with another Accept-Language (e.g. `en-GB,en`).
    pub async fn start_with_language(accept_language: &str) -> Browser {
        // thirtyfour's reqwest has no TLS provider of its own (decision 0030):
        // a browser may start before any app does.
        kartrekker::auth::sso::use_ring_for_tls();
        let chromium = tool_path("KARTREKKER_CHROMIUM", "/usr/bin/chromium", "Chromium");
        let chromedriver = tool_path("KARTREKKER_CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver");

        let dir = unique_temp_dir("kartrekker-e2e");
        let profile = dir.join("profile");
        std::fs::create_dir_all(&profile)
            .unwrap_or_else(|e| panic!("cannot create browser profile dir {}: {e}", profile.display()));
        let log_path = dir.join("chromedriver.log");
        let log =
            std::fs::File::create(&log_path).unwrap_or_else(|e| panic!("cannot create {}: {e}", log_path.display()));
        let log_err = log.try_clone().expect("clone chromedriver log handle");

        let port = free_port();
        let child = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(log_err))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start chromedriver {}: {e}; {SETUP_HINT}", chromedriver.display()));
        let mut guard = ChildGuard { child: Some(child), dir: Some(dir.clone()) };

        // Wait until chromedriver answers /status with ready: true.
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = guard.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                panic!("chromedriver exited early ({status}); log:\n{}", read_log(&log_path));
            }
            match http_request(port, "GET", "/status", Duration::from_secs(2)) {
                Ok(resp) if resp.contains("\"ready\":true") || resp.contains("\"ready\": true") => {
                    break;
                }
                _ => {}
            }
            if Instant::now() >= deadline {
                panic!("chromedriver on port {port} did not answer /status within 20 s; log:\n{}", read_log(&log_path));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        // browserName "chrome": chromedriver matches no session for "chromium";
        // the binary below makes it start Debian's Chromium.
        let mut caps = DesiredCapabilities::chrome();
        let chromium_str = chromium.to_str().expect("chromium path is UTF-8");
        caps.set_binary(chromium_str).expect("set chromium binary");
        for arg in CHROMIUM_ARGS {
            caps.add_arg(arg).expect("add chromium arg");
        }
        caps.add_experimental_option("prefs", serde_json::json!({ "intl.accept_languages": accept_language }))
            .expect("set accept-language");
        caps.add_arg(&format!("--user-data-dir={}", profile.display())).expect("add chromium arg");

        let driver = match WebDriver::new(format!("http://127.0.0.1:{port}"), caps).await {
            Ok(d) => d,
            Err(e) => panic!(
                "cannot start a Chromium session ({}) via chromedriver: {e}\nchromedriver log:\n{}",
                chromium.display(),
                read_log(&log_path)
            ),
        };
        // axe.run on a large page can take a while.
        if let Err(e) = driver.set_script_timeout(Duration::from_secs(60)).await {
            panic!("cannot set the WebDriver script timeout: {e}");
        }

        let child = guard.child.take().expect("chromedriver child");
        guard.dir = None;
        Browser { driver, chromedriver: child, port, dir, quit_done: false }
    }

    /// End the browser session, stop chromedriver and remove the profile.
    pub async fn quit(mut self) {
        // WebDriver is a cheap handle clone; quitting it marks the shared
        // session as quit, so the field's own Drop does nothing afterwards.
        if let Err(e) = self.driver.clone().quit().await {
            eprintln!("warning: quitting the WebDriver session failed: {e}");
        }
        self.quit_done = true;
        // Drop kills chromedriver and removes the temp folder.
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.quit_done {
            // End the session so chromedriver closes Chromium, synchronously
            // (we may be unwinding from a panic inside an async test).
            let path = format!("/session/{}", self.driver.session_id());
            let _ = http_request(self.port, "DELETE", &path, Duration::from_secs(10));
            // Stop thirtyfour's own blocking teardown from trying again.
            let _ = self.driver.clone().leak();
            self.quit_done = true;
        }
        kill_child(&mut self.chromedriver);
        remove_dir(&self.dir);
    }
}

/// Cleans up during `start` if it panics half-way.
struct ChildGuard {
    child: Option<Child>,
    dir: Option<PathBuf>,
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Some(c) = self.child.as_mut() {
            kill_child(c);
        }
        if let Some(d) = &self.dir {
            remove_dir(d);
        }
    }
}

fn kill_child(child: &mut Child) {
    if let Ok(None) = child.try_wait() {
        let _ = child.kill();
    }
    let _ = child.wait();
}

fn remove_dir(dir: &Path) {
    // Chromium may still be flushing files for a moment after it exits.
    for _ in 0..5 {
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                std::thread::sleep(Duration::from_millis(100));
            }
            _ => return,
        }
    }
}

fn tool_path(var: &str, default: &str, what: &str) -> PathBuf {
    let path = match std::env::var_os(var) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => PathBuf::from(default),
    };
    if !path.is_file() {
        panic!("{what} not found at {} (set {var} or install it); {SETUP_HINT}", path.display());
    }
    path
}

fn read_log(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| format!("(cannot read {}: {e})", path.display()))
}

/// A folder under the system temp dir with a unique name, created.
fn unique_temp_dir(prefix: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!("{prefix}-{}-{nanos:x}-{n}", std::process::id());
        let dir = std::env::temp_dir().join(name);
        match std::fs::create_dir(&dir) {
            Ok(()) => return dir,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => panic!("cannot create temp dir {}: {e}", dir.display()),
        }
    }
    panic!("cannot find a free temp dir name for {prefix}");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("cannot find a free TCP port on 127.0.0.1")
}

/// A minimal blocking HTTP/1.1 request to chromedriver on 127.0.0.1; returns
/// the whole response (status line, headers and body).
fn http_request(port: u16, method: &str, path: &str, timeout: Duration) -> std::io::Result<String> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )?;
    // chromedriver may keep the connection open despite `Connection: close`,
    // so stop once Content-Length bytes of body have arrived.
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if let Some(len) = len
                && buf.len() >= end + 4 + len
            {
                break;
            }
        }
    }
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// A `data:` URL for an HTML document (percent-encoded), handy for harness tests.
pub fn data_url(html: &str) -> String {
    let mut out = String::from("data:text/html;charset=utf-8,");
    for b in html.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn axe_source() -> &'static str {
    static SRC: OnceLock<String> = OnceLock::new();
    SRC.get_or_init(|| {
        let path = match std::env::var_os("KARTREKKER_AXE_JS") {
            Some(v) if !v.is_empty() => PathBuf::from(v),
            _ => {
                panic!("KARTREKKER_AXE_JS is not set (path of axe-core's axe.min.js); {SETUP_HINT}")
            }
        };
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("cannot read axe-core from KARTREKKER_AXE_JS={}: {e}; {SETUP_HINT}", path.display())
        })
    })
}

/// Run axe-core (WCAG 2.1 A and AA rules) on the current page and return its
/// violations (axe's result objects: `id`, `impact`, `help`, `helpUrl`, `nodes`…).
pub async fn axe_violations(driver: &WebDriver) -> Vec<serde_json::Value> {
    let loaded = driver
        .execute("return typeof window.axe === 'object' && typeof window.axe.run === 'function';", vec![])
        .await
        .expect("WebDriver execute failed");
    if loaded.json() != &serde_json::Value::Bool(true) {
        driver
            .execute(axe_source(), vec![])
            .await
            .unwrap_or_else(|e| panic!("injecting axe.min.js into the page failed: {e}"));
    }
    let tags = serde_json::json!(AXE_TAGS);
    let ret = driver
        .execute_async(
            r#"
            const tags = arguments[0];
            const done = arguments[arguments.length - 1];
            window.axe
                .run(document, { runOnly: { type: 'tag', values: tags } })
                .then(r => done(JSON.stringify({ ok: r.violations })))
                .catch(e => done(JSON.stringify({ err: String(e && e.stack || e) })));
            "#,
            vec![tags],
        )
        .await
        .unwrap_or_else(|e| panic!("running axe-core failed: {e}"));
    let text = ret.json().as_str().unwrap_or_else(|| panic!("axe-core returned no JSON string: {}", ret.json()));
    let mut result: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("axe-core returned bad JSON: {e}"));
    if let Some(err) = result.get("err") {
        panic!("axe.run failed in the page: {err}");
    }
    match result.get_mut("ok").map(serde_json::Value::take) {
        Some(serde_json::Value::Array(v)) => v,
        other => panic!("axe-core returned no violations array: {other:?}"),
    }
}

/// One readable line per violation: rule id, impact, help and the first few
/// target selectors.
pub fn summarize_violations(violations: &[serde_json::Value]) -> String {
    let mut out = String::new();
    for v in violations {
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("?").to_owned();
        let nodes = v.get("nodes").and_then(|n| n.as_array()).cloned().unwrap_or_default();
        let targets: Vec<String> = nodes
            .iter()
            .take(3)
            .map(|n| match n.get("target") {
                Some(serde_json::Value::Array(t)) => t
                    .iter()
                    .map(|x| x.as_str().map(str::to_owned).unwrap_or_else(|| x.to_string()))
                    .collect::<Vec<_>>()
                    .join(" >>> "),
                Some(t) => t.to_string(),
                None => "?".into(),
            })
            .collect();
        let more = if nodes.len() > 3 { format!(" (+{} more)", nodes.len() - 3) } else { String::new() };
        out.push_str(&format!("  - {} [{}]: {} | {}{}\n", s("id"), s("impact"), s("help"), targets.join(", "), more));
    }
    out
}

/// Panic with a readable summary if axe-core finds any WCAG 2.1 A/AA violation
/// on the current page, or if the page overflows sideways on a phone (see
/// [`assert_fits_phone`]). `page` names the page in the message.
pub async fn assert_accessible(driver: &WebDriver, page: &str) {
    let violations = axe_violations(driver).await;
    if !violations.is_empty() {
        panic!(
            "axe-core found {} accessibility violation(s) on {page} ({}):\n{}",
            violations.len(),
            short_url(driver).await,
            summarize_violations(&violations)
        );
    }
    assert_fits_phone(driver, page).await;
    assert_errors_have_focus(driver, page).await;
}

/// Panics if the page shows a form's error summary that does not hold the
/// focus: after a failed submit focus (and so scroll) goes there first.
pub async fn assert_errors_have_focus(driver: &WebDriver, page: &str) {
    assert!(errors_have_focus(driver).await, "{page} shows an error summary that does not have the focus");
}

/// True when the page shows no error summary or the first one holds the focus.
pub async fn errors_have_focus(driver: &WebDriver) -> bool {
    let ret = driver
        .execute(
            r#"
            const summary = document.querySelector('.error-summary');
            return !summary || summary.contains(document.activeElement);
            "#,
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("cannot read the focus: {e}"));
    ret.json() == &serde_json::Value::Bool(true)
}

async fn short_url(driver: &WebDriver) -> String {
    let url = driver.current_url().await.map(|u| u.to_string()).unwrap_or_default();
    if url.len() > 120 { format!("{}…", &url[..url.floor_char_boundary(120)]) } else { url }
}

/// The narrowest phone every page is made for, in CSS pixels.
pub const PHONE_WIDTH: u32 = 360;

/// Panics if the current page scrolls sideways on a PHONE_WIDTH px screen
/// or has a control smaller than a fingertip's 24 × 24 px there.
pub async fn assert_fits_phone(driver: &WebDriver, page: &str) {
    if let Some(problem) = phone_problems(driver).await {
        panic!("{page} ({}) {problem}", short_url(driver).await);
    }
}

/// Lays pages out `width` px wide, as a phone would, until `desktop` (or the
/// next phone check, which restores the desktop window after measuring).
pub async fn phone(driver: &WebDriver, width: u32) {
    let metrics = serde_json::json!({ "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": false });
    driver
        .cdp()
        .send_raw("Emulation.setDeviceMetricsOverride", metrics)
        .await
        .unwrap_or_else(|e| panic!("cannot emulate a {width} px screen: {e}"));
}

/// The desktop window again, after `phone`.
pub async fn desktop(driver: &WebDriver) {
    let cleared = driver.cdp().send_raw("Emulation.clearDeviceMetricsOverride", serde_json::json!({})).await;
    cleared.unwrap_or_else(|e| panic!("cannot restore the window: {e}"));
}

/// The smallest touch target, in CSS pixels (WCAG 2.2 AA 2.5.8).
pub const TARGET_SIZE: u32 = 24;

/// Lays the current page out PHONE_WIDTH px wide and says how it overflows
/// sideways there, naming the elements that stick out, and which buttons,
/// fields and selects are smaller than TARGET_SIZE (None when all is well);
/// then restores the desktop window. Chromium's window has a minimum width,
/// so the narrow screen is emulated over the DevTools protocol.
pub async fn phone_problems(driver: &WebDriver) -> Option<String> {
    phone(driver, PHONE_WIDTH).await;
    let measured = driver
        .execute(
            r#"
            const width = window.innerWidth;
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
            const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 0.5)
                .slice(0, 6)
                .map(e => name(e) + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');
            const target = arguments[0] - 0.5;
            const small = [...document.querySelectorAll('button, .button, select, textarea, input:not([type=hidden])')]
                .filter(e => e.getClientRects().length > 0)
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.width < target || r.height < target)
                .slice(0, 6)
                .map(([e, r]) => name(e) + ' (' + Math.round(r.width) + ' × ' + Math.round(r.height) + ' px)');
            return { width, scroll: document.documentElement.scrollWidth, wide, small };
            "#,
            vec![serde_json::json!(TARGET_SIZE)],
        )
        .await
        .map(|r| r.json().clone());
    desktop(driver).await;
    let measured = measured.unwrap_or_else(|e| panic!("cannot measure the page at {PHONE_WIDTH} px: {e}"));
    let width = measured["width"].as_u64().unwrap_or(0);
    let scroll = measured["scroll"].as_u64().unwrap_or(u64::MAX);
    assert_eq!(width, u64::from(PHONE_WIDTH), "the emulated screen is not {PHONE_WIDTH} px wide");
    let mut problems = Vec::new();
    if scroll > width {
        problems.push(format!(
            "overflows sideways at {width} px: it is {scroll} px wide; sticking out: {}",
            measured["wide"]
        ));
    }
    if measured["small"].as_array().is_some_and(|s| !s.is_empty()) {
        problems.push(format!("has touch targets under {TARGET_SIZE} × {TARGET_SIZE} px: {}", measured["small"]));
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

// ---- Steps the flows share.

/// Types into the field with this id, replacing what was there.
pub async fn fill(driver: &WebDriver, id: &str, text: &str) {
    let field = driver.find(By::Id(id)).await.unwrap_or_else(|_| panic!("field #{id}"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Clicks a submit button and waits until the next page has replaced this one.
pub async fn click_button(driver: &WebDriver, text: &str) {
    let xpath = format!("//main//button[normalize-space()='{text}'] | //header//button[normalize-space()='{text}']");
    let old = driver.find(By::Tag("html")).await.unwrap();
    driver.find(By::XPath(&xpath)).await.unwrap_or_else(|_| panic!("button {text:?}")).click().await.unwrap();
    wait_for_next_page(driver, old).await;
}

/// Waits until the page that `old` (its `html` element) belonged to has been
/// replaced and the new one has loaded.
pub async fn wait_for_next_page(driver: &WebDriver, old: WebElement) {
    for _ in 0..400 {
        if old.tag_name().await.is_err() {
            break; // the old document is gone
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    for _ in 0..400 {
        let state = driver.execute("return document.readyState", vec![]).await.map(|r| r.json().clone());
        if matches!(state, Ok(serde_json::Value::String(s)) if s == "complete") {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the next page did not load");
}

pub async fn main_text(driver: &WebDriver) -> String {
    driver.find(By::Tag("main")).await.unwrap().text().await.unwrap()
}

pub async fn log_in(driver: &WebDriver, app: &kartrekker_testkit::TestApp, email: &str, password: &str) {
    driver.goto(app.url("/login")).await.unwrap();
    fill(driver, "f-email", email).await;
    fill(driver, "f-password", password).await;
    click_button(driver, "Inloggen").await;
}
