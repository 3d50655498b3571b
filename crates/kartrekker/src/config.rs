//! Configuration: an optional TOML file, then `KARTREKKER_*` environment
//! variables on top (the environment wins).

use std::net::IpAddr;

use serde::Deserialize;

use crate::people::Language;

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub database_url: String,
    pub bind: String,
    /// The address people use, for links in e-mails; https here turns on secure cookies.
    pub base_url: String,
    pub default_language: Language,
    pub smtp: SmtpConfig,
    /// Run the background worker inside `serve` (turn off when a separate `worker` runs).
    pub worker: bool,
    /// A session ends after this many minutes without a request (0014)...
    pub session_idle_minutes: i64,
    /// ...and this many hours after log-in, however busy.
    pub session_lifetime_hours: i64,
    /// Administrators (of an organisation or the instance) must set up
    /// two-step log-in before anything else (decision 0027); only the demo turns it off.
    pub two_step_for_administrators: bool,
    pub server: ServerConfig,
    pub retention: RetentionConfig,
    pub metrics: MetricsConfig,
}

/// Who may read `/metrics` (README, "Metrics"): with neither set it is not there.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsConfig {
    /// Served on the app's own address to `Authorization: Bearer <token>` only.
    pub token: Option<String>,
    /// Served without a token on this address of its own (e.g. 127.0.0.1:9090),
    /// reachable only from where the scraper is.
    pub bind: Option<String>,
}

/// How the server treats connections, so that slow, idle or very many
/// clients cannot tie it up.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// Seconds a connection has to send a complete request head, counted
    /// from when it opens and again after each response: a slow sender
    /// (slowloris) and an idle keep-alive connection are both closed after it.
    pub header_timeout_secs: u64,
    /// Connections served at once; more wait in the listen queue until one closes.
    pub max_connections: usize,
    /// Reverse proxies whose `X-Forwarded-For` names the client; from any
    /// other address the connection's own address counts.
    pub trusted_proxies: Vec<IpAddr>,
    /// Requests one API token may make per minute, in each process (decision 0029).
    pub api_requests_per_minute: u32,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            header_timeout_secs: 10,
            max_connections: 1024,
            trusted_proxies: Vec::new(),
            api_requests_per_minute: 120,
        }
    }
}

/// How many days the worker keeps what is no longer needed before it
/// purges it (README, "Retention"). Counted from when each thing ended: a
/// session from running out, a login failure from its window's start, a
/// link from being used or expiring, a job from finishing or giving up, an
/// audit entry from being written.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionConfig {
    pub sessions_days: i64,
    pub login_failures_days: i64,
    pub links_days: i64,
    pub jobs_days: i64,
    pub audit_days: i64,
}

impl Default for RetentionConfig {
    fn default() -> RetentionConfig {
        RetentionConfig { sessions_days: 7, login_failures_days: 7, links_days: 30, jobs_days: 30, audit_days: 730 }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    /// "none", "starttls" or "tls".
    pub security: String,
    pub from: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            database_url: "sqlite://kartrekker.sqlite".into(),
            bind: "127.0.0.1:8080".into(),
            base_url: "http://127.0.0.1:8080".into(),
            default_language: Language::Nl,
            smtp: SmtpConfig::default(),
            worker: true,
            session_idle_minutes: 30,
            session_lifetime_hours: 12,
            two_step_for_administrators: true,
            server: ServerConfig::default(),
            retention: RetentionConfig::default(),
            metrics: MetricsConfig::default(),
        }
    }
}

impl Default for SmtpConfig {
    fn default() -> SmtpConfig {
        SmtpConfig {
            host: "127.0.0.1".into(),
            port: 25,
            username: None,
            password: None,
            security: "none".into(),
            from: "Kartrekker <noreply@kartrekker.invalid>".into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {0}: {1}")]
    Read(String, std::io::Error),
    #[error("{0}: {1}")]
    Parse(String, String),
    #[error("environment variable {0}: {1}")]
    Env(&'static str, String),
}

impl Config {
    /// Reads `file` (if given) and then the environment through `env`.
    pub fn load(file: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let mut cfg = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read(path.into(), e))?;
                toml::from_str(&text).map_err(|e| ConfigError::Parse(path.into(), e.to_string()))?
            }
            None => Config::default(),
        };
        let set = |target: &mut String, name: &str| {
            if let Some(v) = env(name) {
                *target = v;
            }
        };
        set(&mut cfg.database_url, "KARTREKKER_DATABASE_URL");
        set(&mut cfg.bind, "KARTREKKER_BIND");
        set(&mut cfg.base_url, "KARTREKKER_BASE_URL");
        set(&mut cfg.smtp.host, "KARTREKKER_SMTP_HOST");
        set(&mut cfg.smtp.security, "KARTREKKER_SMTP_SECURITY");
        set(&mut cfg.smtp.from, "KARTREKKER_SMTP_FROM");
        if let Some(v) = env("KARTREKKER_SMTP_PORT") {
            cfg.smtp.port = v.parse().map_err(|_| ConfigError::Env("KARTREKKER_SMTP_PORT", v))?;
        }
        if let Some(v) = env("KARTREKKER_SMTP_USERNAME") {
            cfg.smtp.username = Some(v);
        }
        if let Some(v) = env("KARTREKKER_SMTP_PASSWORD") {
            cfg.smtp.password = Some(v);
        }
        if let Some(v) = env("KARTREKKER_METRICS_TOKEN") {
            cfg.metrics.token = Some(v);
        }
        if let Some(v) = env("KARTREKKER_METRICS_BIND") {
            cfg.metrics.bind = Some(v);
        }
        // A short or empty token would be guessed; and an empty one is no setting at all.
        if cfg.metrics.token.as_ref().is_some_and(|t| t.len() < 16) {
            return Err(ConfigError::Env("KARTREKKER_METRICS_TOKEN", "at least 16 characters".into()));
        }
        cfg.metrics.bind = cfg.metrics.bind.take().filter(|b| !b.trim().is_empty());
        if let Some(v) = env("KARTREKKER_DEFAULT_LANGUAGE") {
            cfg.default_language = Language::parse(&v).ok_or(ConfigError::Env("KARTREKKER_DEFAULT_LANGUAGE", v))?;
        }
        if let Some(v) = env("KARTREKKER_WORKER") {
            cfg.worker = !matches!(v.as_str(), "0" | "false" | "off");
        }
        for (target, name) in [
            (&mut cfg.session_idle_minutes, "KARTREKKER_SESSION_IDLE_MINUTES"),
            (&mut cfg.session_lifetime_hours, "KARTREKKER_SESSION_LIFETIME_HOURS"),
        ] {
            if let Some(v) = env(name) {
                *target = v.parse().ok().filter(|n| *n > 0).ok_or(ConfigError::Env(name, v))?;
            }
        }
        if let Some(v) = env("KARTREKKER_HEADER_TIMEOUT_SECS") {
            cfg.server.header_timeout_secs =
                v.parse().map_err(|_| ConfigError::Env("KARTREKKER_HEADER_TIMEOUT_SECS", v))?;
        }
        if let Some(v) = env("KARTREKKER_MAX_CONNECTIONS") {
            cfg.server.max_connections = v.parse().map_err(|_| ConfigError::Env("KARTREKKER_MAX_CONNECTIONS", v))?;
        }
        if let Some(v) = env("KARTREKKER_TRUSTED_PROXIES") {
            let list: Result<Vec<IpAddr>, _> =
                v.split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::parse).collect();
            cfg.server.trusted_proxies = list.map_err(|_| ConfigError::Env("KARTREKKER_TRUSTED_PROXIES", v))?;
        }
        if cfg.server.header_timeout_secs == 0 || cfg.server.max_connections == 0 {
            return Err(ConfigError::Parse(
                "[server]".into(),
                "header_timeout_secs and max_connections must be above 0".into(),
            ));
        }
        let r = &cfg.retention;
        if [r.sessions_days, r.login_failures_days, r.links_days, r.jobs_days, r.audit_days].iter().any(|d| *d < 0) {
            return Err(ConfigError::Parse("retention".into(), "a number of days cannot be negative".into()));
        }
        if !matches!(cfg.smtp.security.as_str(), "none" | "starttls" | "tls") {
            return Err(ConfigError::Env("KARTREKKER_SMTP_SECURITY", cfg.smtp.security.clone()));
        }
        Ok(cfg)
    }

    pub fn session_idle_ms(&self) -> i64 {
        self.session_idle_minutes * crate::clock::MINUTE_MS
    }
    pub fn session_lifetime_ms(&self) -> i64 {
        self.session_lifetime_hours * crate::clock::HOUR_MS
    }

    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_overrides_the_file() {
        let dir = std::env::temp_dir().join(format!("kt-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("kartrekker.toml");
        std::fs::write(&file, "bind = \"0.0.0.0:9000\"\n[smtp]\nhost = \"mail.ziekenhuis.nl\"\nport = 587\n").unwrap();
        let env = |k: &str| match k {
            "KARTREKKER_BIND" => Some("127.0.0.1:9001".to_string()),
            "KARTREKKER_DEFAULT_LANGUAGE" => Some("en".to_string()),
            _ => None,
        };
        let cfg = Config::load(Some(file.to_str().unwrap()), env).unwrap();
        assert_eq!(cfg.bind, "127.0.0.1:9001");
        assert_eq!((cfg.smtp.host.as_str(), cfg.smtp.port), ("mail.ziekenhuis.nl", 587));
        assert_eq!(cfg.default_language, Language::En);
        assert!(!cfg.secure_cookies());
        std::fs::write(&file, "bnd = 1\n").unwrap();
        let err = Config::load(Some(file.to_str().unwrap()), |_| None).unwrap_err().to_string();
        assert!(err.contains("bnd"), "an unknown key is named: {err}");
        let err = Config::load(None, |k| (k == "KARTREKKER_SMTP_PORT").then(|| "vijf".to_string())).unwrap_err();
        assert!(err.to_string().contains("KARTREKKER_SMTP_PORT"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn session_limits_come_from_the_environment_and_must_be_positive() {
        let cfg = Config::load(None, |_| None).unwrap();
        assert_eq!((cfg.session_idle_ms(), cfg.session_lifetime_ms()), (30 * 60_000, 12 * 3_600_000));
        let env = |k: &str| (k == "KARTREKKER_SESSION_IDLE_MINUTES").then(|| "30".to_string());
        assert_eq!(Config::load(None, env).unwrap().session_idle_ms(), 30 * 60_000);
        for bad in ["0", "-1", "een uur"] {
            let env = |k: &str| (k == "KARTREKKER_SESSION_LIFETIME_HOURS").then(|| bad.to_string());
            let err = Config::load(None, env).unwrap_err().to_string();
            assert!(err.contains("KARTREKKER_SESSION_LIFETIME_HOURS"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_example_in_the_repository_is_valid() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../kartrekker.example.toml");
        let cfg = Config::load(Some(path), |_| None).unwrap();
        assert!(cfg.secure_cookies());
        assert_eq!(cfg.smtp.security, "starttls");
        assert_eq!((cfg.server.header_timeout_secs, cfg.server.max_connections), (10, 1024));
        assert_eq!(cfg.server.trusted_proxies, vec![IpAddr::from([127, 0, 0, 1])]);
        assert_eq!(cfg.retention.audit_days, 730);
    }

    #[test]
    fn metrics_are_off_unless_a_token_or_an_address_is_set() {
        let cfg = Config::load(None, |_| None).unwrap();
        assert_eq!((cfg.metrics.token, cfg.metrics.bind), (None, None));
        let env = |k: &str| match k {
            "KARTREKKER_METRICS_TOKEN" => Some("een-lang-geheim-token".to_string()),
            "KARTREKKER_METRICS_BIND" => Some("127.0.0.1:9090".to_string()),
            _ => None,
        };
        let cfg = Config::load(None, env).unwrap();
        assert_eq!(cfg.metrics.token.as_deref(), Some("een-lang-geheim-token"));
        assert_eq!(cfg.metrics.bind.as_deref(), Some("127.0.0.1:9090"));
        let err = Config::load(None, |k| (k == "KARTREKKER_METRICS_TOKEN").then(|| "kort".to_string())).unwrap_err();
        assert!(err.to_string().contains("KARTREKKER_METRICS_TOKEN"), "{err}");
    }

    #[test]
    fn retention_periods_have_defaults_and_cannot_be_negative() {
        let dir = std::env::temp_dir().join(format!("kt-retention-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("kartrekker.toml");
        std::fs::write(&file, "[retention]\naudit_days = 3650\n").unwrap();
        let cfg = Config::load(Some(file.to_str().unwrap()), |_| None).unwrap();
        assert_eq!((cfg.retention.audit_days, cfg.retention.links_days), (3650, 30));
        std::fs::write(&file, "[retention]\njobs_days = -1\n").unwrap();
        assert!(Config::load(Some(file.to_str().unwrap()), |_| None).unwrap_err().to_string().contains("retention"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
