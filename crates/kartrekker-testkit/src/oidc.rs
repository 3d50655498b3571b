//! A real OpenID Connect provider (the npm package `oidc-provider`, run by
//! `oidc/provider.mjs`) on loopback, one process per test. `./scripts/test`
//! installs it and names the script in `KARTREKKER_OIDC_PROVIDER`; without
//! it the test fails, it never skips.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::app::TestApp;

/// Its client for Kartrekker, and that client's secret.
pub const OIDC_CLIENT_ID: &str = "kartrekker";
pub const OIDC_CLIENT_SECRET: &str = "kartrekker-secret";
/// A second client the provider knows (with secret `other-secret`).
pub const OIDC_OTHER_CLIENT_ID: &str = "other-app";

pub struct OidcProvider {
    /// e.g. http://127.0.0.1:41234
    pub issuer: String,
    child: Child,
}

impl OidcProvider {
    /// A provider whose clients send the browser back to `app`; `args` as
    /// provider.mjs takes them (`--id-token-ttl`, `--audience`).
    pub fn start(app: &TestApp, args: &[&str]) -> OidcProvider {
        let script = std::env::var("KARTREKKER_OIDC_PROVIDER").expect(
            "KARTREKKER_OIDC_PROVIDER is not set: ./scripts/test installs the test OpenID Connect provider \
             (npm ci --prefix crates/kartrekker-testkit/oidc) and names provider.mjs in it",
        );
        let mut child = Command::new("node")
            .arg(&script)
            .arg("--redirect-uri")
            .arg(app.k.sso_redirect_uri())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start node {script}: {e}"));
        let mut line = String::new();
        let stdout = child.stdout.take().expect("the provider's stdout");
        // Node starts in well under a second; the line is its issuer.
        tokio::task::block_in_place(|| BufReader::new(stdout).read_line(&mut line)).expect("the provider's issuer");
        let issuer = line.trim().to_string();
        assert!(issuer.starts_with("http://127.0.0.1:"), "the test provider did not start: {issuer:?}");
        OidcProvider { issuer, child }
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
