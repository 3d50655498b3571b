//! The `kartrekker` command line: serve, worker, demo, migrate, user add,
//! healthcheck, backup, restore.
//! Parsed by clap (docs/decisions/0003-argument-parsing.md).

use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use kartrekker::clock::SystemClock;
use kartrekker::config::Config;
use kartrekker::db::Db;
use kartrekker::mail::{LogMailer, Mailer, SmtpMailer};
use kartrekker::{Kartrekker, demo};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const CONFIGURATION: &str = "configuration: a TOML file (--config or KARTREKKER_CONFIG), then KARTREKKER_DATABASE_URL, \
KARTREKKER_BIND, KARTREKKER_BASE_URL, KARTREKKER_DEFAULT_LANGUAGE, KARTREKKER_SMTP_HOST, _PORT, _USERNAME, _PASSWORD, \
_SECURITY (none|starttls|tls), _FROM, KARTREKKER_WORKER, KARTREKKER_METRICS_TOKEN, KARTREKKER_METRICS_BIND; \
logs: RUST_LOG, KARTREKKER_LOG_FORMAT (text|json) (see README.md)";

/// kartrekker — shared leadership in healthcare, with actions that are followed up
#[derive(Debug, Parser)]
#[command(name = "kartrekker", arg_required_else_help = true, after_help = CONFIGURATION)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Server + demo hospital on SQLite (no configuration needed)
    Demo {
        /// The SQLite file of the demo (KARTREKKER_DATABASE_URL wins)
        #[arg(long, value_name = "FILE", default_value = "kartrekker-demo.sqlite")]
        db: String,
        /// Address to listen on (default: the configuration's bind, 127.0.0.1:8080)
        #[arg(long, value_name = "ADDR")]
        bind: Option<String>,
        #[command(flatten)]
        config: ConfigFile,
    },
    /// The server (and the background worker, unless worker = false)
    Serve(ConfigFile),
    /// Only the background worker (e-mail, reminders)
    Worker(ConfigFile),
    /// Bring the database schema up to date
    Migrate(ConfigFile),
    /// Instance administrators
    #[command(subcommand)]
    User(UserCommand),
    /// Copy the SQLite database to FILE while it is in use, and check the copy (PostgreSQL: pg_dump)
    Backup {
        #[arg(long, value_name = "FILE")]
        to: String,
        #[command(flatten)]
        config: ConfigFile,
    },
    /// Put a checked backup in place of the SQLite database (stop serve and worker first)
    Restore {
        #[arg(long, value_name = "FILE")]
        from: String,
        #[command(flatten)]
        config: ConfigFile,
    },
    /// Exit 0 when /readyz answers
    Healthcheck {
        #[arg(long, default_value = "http://127.0.0.1:8080/readyz")]
        url: String,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add an instance administrator; prints a link to choose a password
    Add {
        /// Their e-mail address, for the link and for logging in
        #[arg(long, value_name = "E")]
        email: String,
        /// Their full name
        #[arg(long, value_name = "N")]
        name: String,
        #[command(flatten)]
        config: ConfigFile,
    },
}

#[derive(Debug, Args)]
struct ConfigFile {
    /// The configuration file (TOML); KARTREKKER_CONFIG otherwise
    #[arg(long, value_name = "FILE")]
    config: Option<String>,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = match std::env::var("KARTREKKER_LOG_FORMAT").as_deref() {
        Err(_) | Ok("text") => false,
        Ok("json") => true,
        Ok(other) => {
            eprintln!("kartrekker: KARTREKKER_LOG_FORMAT is text or json, not {other:?}");
            return ExitCode::FAILURE;
        }
    };
    tracing::subscriber::set_global_default(logs(json, std::io::stdout)).expect("the first subscriber");
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    let result = rt.block_on(run(cli.command));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kartrekker: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The log: lines of text, or one JSON object a line (`KARTREKKER_LOG_FORMAT=json`)
/// with `timestamp`, `level`, `target`, `message` and the event's fields.
/// `RUST_LOG` filters either.
pub fn logs<W>(json: bool, writer: W) -> Box<dyn tracing::Subscriber + Send + Sync>
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into());
    let fmt = tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer);
    if json { Box::new(fmt.json().flatten_event(true).finish()) } else { Box::new(fmt.finish()) }
}

/// Runs a command line as the binary does, inside a runtime: for tests of
/// the commands. `args` starts with the program's name.
pub async fn run_args(args: &[&str]) -> Result<(), String> {
    let cli = Cli::try_parse_from(args).map_err(|e| e.to_string())?;
    run(cli.command).await
}

async fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Serve(c) => serve(&c, None).await,
        Command::Demo { db, bind, config } => serve(&config, Some(Demo { db, bind })).await,
        Command::Worker(c) => worker(&c).await,
        Command::Migrate(c) => migrate(&c).await,
        Command::User(UserCommand::Add { email, name, config }) => user_add(&config, &email, &name).await,
        Command::Healthcheck { url } => healthcheck(&url).await,
        Command::Backup { to, config } => backup(&config, to).await,
        Command::Restore { from, config } => restore(&config, from).await,
    }
}

fn config(file: &ConfigFile) -> Result<Config, String> {
    let file = file.config.clone().or_else(|| std::env::var("KARTREKKER_CONFIG").ok());
    Config::load(file.as_deref(), |k| std::env::var(k).ok()).map_err(|e| e.to_string())
}

async fn open(cfg: Config, demo_mail: bool) -> Result<Kartrekker, String> {
    let db = Db::connect(&cfg.database_url).await.map_err(|e| format!("database {}: {e}", cfg.database_url))?;
    db.migrate().await.map_err(|e| format!("migrating: {e}"))?;
    let mailer: Arc<dyn Mailer> =
        if demo_mail { Arc::new(LogMailer) } else { Arc::new(SmtpMailer::new(&cfg.smtp).map_err(|e| e.to_string())?) };
    let k = Kartrekker::new(db, Arc::new(SystemClock), mailer, cfg);
    k.install_shipped_instruments().await.map_err(|e| format!("installing instruments: {e}"))?;
    Ok(k)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// What `demo` adds to `serve`.
struct Demo {
    db: String,
    bind: Option<String>,
}

async fn serve(file: &ConfigFile, demo: Option<Demo>) -> Result<(), String> {
    let mut cfg = config(file)?;
    let demo_mode = demo.is_some();
    let demo_mail = demo_mode && std::env::var("KARTREKKER_SMTP_HOST").is_err();
    if let Some(demo) = demo {
        if std::env::var("KARTREKKER_DATABASE_URL").is_err() {
            cfg.database_url = format!("sqlite://{}", demo.db);
        }
        if let Some(bind) = demo.bind {
            cfg.bind = bind;
        }
        // The demo's administrators log in with the password alone: whoever
        // tries it has no app with their secret (decision 0027).
        cfg.two_step_for_administrators = false;
        if std::env::var("KARTREKKER_BASE_URL").is_err() {
            cfg.base_url = format!("http://{}", cfg.bind);
        }
    }
    let listener = TcpListener::bind(&cfg.bind).await.map_err(|e| format!("binding {}: {e}", cfg.bind))?;
    let run_worker = cfg.worker;
    let base = cfg.base_url.clone();
    let k = open(cfg, demo_mail).await?;
    if demo_mode {
        let filled = k.seed_demo().await.map_err(|e| e.to_string())?;
        println!("\nKartrekker demo{} — open {base}\n", if filled { " (new demo hospital)" } else { "" });
        println!("Log in with one of these (password: {}):", demo::PASSWORD);
        for (email, what) in demo::LOGINS {
            println!("  {email:<32} {what}");
        }
        println!("\nTwo-step log-in is optional in the demo, also for administrators (Settings → Two-step log-in).");
        println!("E-mail is printed here instead of sent. Stop with Ctrl+C.\n");
    } else {
        tracing::info!("listening on {base}");
    }
    let (tx, rx) = tokio::sync::watch::channel(false);
    if run_worker {
        let k = k.clone();
        let mut rx = rx.clone();
        tokio::spawn(async move {
            k.worker_loop(async move {
                let _ = rx.changed().await;
            })
            .await
        });
    }
    let result = crate::serve(listener, k, shutdown_signal()).await;
    let _ = tx.send(true);
    result.map_err(|e| e.to_string())
}

async fn worker(file: &ConfigFile) -> Result<(), String> {
    let k = open(config(file)?, false).await?;
    tracing::info!("worker started");
    k.worker_loop(shutdown_signal()).await;
    Ok(())
}

async fn migrate(file: &ConfigFile) -> Result<(), String> {
    let cfg = config(file)?;
    let db = Db::connect(&cfg.database_url).await.map_err(|e| e.to_string())?;
    let applied = db.migrate().await.map_err(|e| e.to_string())?;
    if applied.is_empty() {
        println!("the database is up to date");
    }
    for m in applied {
        println!("applied {m}");
    }
    Ok(())
}

async fn user_add(file: &ConfigFile, email: &str, name: &str) -> Result<(), String> {
    let k = open(config(file)?, true).await?;
    let (_, link) = k.add_instance_admin(name, email).await.map_err(|e| match e {
        kartrekker::Error::Invalid(f) => f
            .iter()
            .map(|f| format!("{}: {}", f.field, crate::i18n::t(k.config.default_language, f.key)))
            .collect::<Vec<_>>()
            .join("; "),
        e => e.to_string(),
    })?;
    println!("instance administrator {email} added; choose a password at:\n{link}");
    Ok(())
}

/// `kartrekker backup`: online, while serve and worker go on.
async fn backup(file: &ConfigFile, to: String) -> Result<(), String> {
    let url = config(file)?.database_url;
    let done = tokio::task::spawn_blocking(move || kartrekker::db::backup::backup(&url, to.as_ref()).map(|c| (c, to)))
        .await
        .map_err(|e| e.to_string())?;
    let (checked, to) = done.map_err(|e| e.to_string())?;
    println!("backup written to {to}: integrity ok, schema version {}", checked.schema_version);
    Ok(())
}

/// `kartrekker restore`: only while no Kartrekker process has the database open.
async fn restore(file: &ConfigFile, from: String) -> Result<(), String> {
    let url = config(file)?.database_url;
    let done =
        tokio::task::spawn_blocking(move || kartrekker::db::backup::restore(&url, from.as_ref()).map(|c| (c, url)))
            .await
            .map_err(|e| e.to_string())?;
    let (checked, url) = done.map_err(|e| e.to_string())?;
    println!("restored into {url}: integrity ok, schema version {}", checked.schema_version);
    if checked.schema_version < checked.newest_known {
        println!("the next start migrates it to schema version {}", checked.newest_known);
    }
    Ok(())
}

/// A minimal HTTP GET, so the binary needs no HTTP client library.
async fn healthcheck(url: &str) -> Result<(), String> {
    let rest = url.strip_prefix("http://").ok_or("healthcheck speaks plain http only")?;
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))).unwrap_or((rest, "/".into()));
    let fut = async {
        let mut s = tokio::net::TcpStream::connect(host).await.map_err(|e| e.to_string())?;
        s.write_all(format!("GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).await.map_err(|e| e.to_string())?;
        Ok::<_, String>(String::from_utf8_lossy(&buf).to_string())
    };
    let answer =
        tokio::time::timeout(std::time::Duration::from_secs(5), fut).await.map_err(|_| "timed out".to_string())??;
    let status = answer.split_whitespace().nth(1).unwrap_or("");
    if status == "200" {
        println!("ok");
        Ok(())
    } else {
        Err(format!("{url} answered {status:?}"))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use clap::{CommandFactory, Parser};

    use super::{Cli, Command, UserCommand};

    /// What `KARTREKKER_LOG_FORMAT=json` writes: one JSON object a line, each
    /// with its level, target and message (and the event's own fields).
    #[test]
    fn json_logs_are_one_object_a_line_with_level_target_and_message() {
        #[derive(Clone, Default)]
        struct Lines(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Lines {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let for_json = Lines::default();
        let writer = for_json.clone();
        tracing::subscriber::with_default(super::logs(true, move || writer.clone()), || {
            tracing::info!(job = 7, "job \"done\"\nnext line");
            tracing::warn!(target: "kartrekker::jobs", "job failed");
        });
        let text = String::from_utf8(for_json.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).expect(l)).collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert_eq!(lines[0]["level"], "INFO");
        assert_eq!(lines[0]["target"], "kartrekker_web::cli::tests");
        assert_eq!(lines[0]["message"], "job \"done\"\nnext line");
        assert_eq!(lines[0]["job"], 7);
        assert!(lines[0]["timestamp"].is_string());
        assert_eq!((&lines[1]["level"], &lines[1]["target"]), (&"WARN".into(), &"kartrekker::jobs".into()));

        let for_text = Lines::default();
        let writer = for_text.clone();
        tracing::subscriber::with_default(super::logs(false, move || writer.clone()), || tracing::info!("plain"));
        let text = String::from_utf8(for_text.0.lock().unwrap().clone()).unwrap();
        assert!(text.contains("plain") && serde_json::from_str::<serde_json::Value>(text.trim()).is_err(), "{text}");
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn commands_read_as_the_readme_and_bench_run_write_them() {
        let parse = |line: &str| Cli::try_parse_from(line.split(' ')).map(|c| c.command);
        match parse("kartrekker demo --db x.sqlite --bind 127.0.0.1:9").unwrap() {
            Command::Demo { db, bind, config } => {
                assert_eq!((db.as_str(), bind.as_deref(), config.config), ("x.sqlite", Some("127.0.0.1:9"), None))
            }
            other => panic!("{other:?}"),
        }
        match parse("kartrekker demo").unwrap() {
            Command::Demo { db, bind: None, .. } => assert_eq!(db, "kartrekker-demo.sqlite"),
            other => panic!("{other:?}"),
        }
        match parse("kartrekker user add --email a@b.nl --name Ann --config k.toml").unwrap() {
            Command::User(UserCommand::Add { email, name, config }) => {
                assert_eq!((email.as_str(), name.as_str(), config.config.as_deref()), ("a@b.nl", "Ann", Some("k.toml")))
            }
            other => panic!("{other:?}"),
        }
        match parse("kartrekker healthcheck").unwrap() {
            Command::Healthcheck { url } => assert_eq!(url, "http://127.0.0.1:8080/readyz"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse("kartrekker serve --config k.toml").unwrap(), Command::Serve(c) if c.config.is_some()));
        match parse("kartrekker backup --to /var/backups/k.sqlite --config k.toml").unwrap() {
            Command::Backup { to, config } => {
                assert_eq!((to.as_str(), config.config.as_deref()), ("/var/backups/k.sqlite", Some("k.toml")))
            }
            other => panic!("{other:?}"),
        }
        match parse("kartrekker restore --from k.sqlite").unwrap() {
            Command::Restore { from, config } => assert_eq!((from.as_str(), config.config), ("k.sqlite", None)),
            other => panic!("{other:?}"),
        }
        assert!(parse("kartrekker backup").is_err(), "a backup needs --to");
        assert!(parse("kartrekker seed-bench --scale 10").is_err(), "the generator is kartrekker-bench");
        assert!(parse("kartrekker serve --confg k.toml").is_err(), "a misspelt option is an error, not ignored");
        assert!(parse("kartrekker user add --email a@b.nl").is_err());
        assert!(parse("kartrekker").is_err());
    }
}
