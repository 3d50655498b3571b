//! The `kartrekker` command line: serve, worker, demo, migrate, user add, healthcheck.

use std::process::ExitCode;
use std::sync::Arc;

use kartrekker::clock::SystemClock;
use kartrekker::config::Config;
use kartrekker::db::Db;
use kartrekker::mail::{LogMailer, Mailer, SmtpMailer};
use kartrekker::{Kartrekker, demo};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const USAGE: &str = "kartrekker — shared leadership in healthcare, with actions that are followed up

usage:
  kartrekker demo [--db FILE] [--bind ADDR]   server + demo hospital on SQLite (no configuration needed)
  kartrekker serve [--config FILE]            the server (and the background worker, unless worker = false)
  kartrekker worker [--config FILE]           only the background worker (e-mail, reminders)
  kartrekker migrate [--config FILE]          bring the database schema up to date
  kartrekker user add --email E --name N [--config FILE]
                                              add an instance administrator; prints a link to choose a password
  kartrekker healthcheck [--url URL]          exit 0 when /readyz answers (default http://127.0.0.1:8080/readyz)

configuration: a TOML file (--config or KARTREKKER_CONFIG), then KARTREKKER_DATABASE_URL, KARTREKKER_BIND,
KARTREKKER_BASE_URL, KARTREKKER_DEFAULT_LANGUAGE, KARTREKKER_SMTP_HOST, _PORT, _USERNAME, _PASSWORD,
_SECURITY (none|starttls|tls), _FROM, KARTREKKER_WORKER (see README.md)";

struct Args(Vec<String>);

impl Args {
    fn opt(&self, name: &str) -> Option<String> {
        self.0.iter().position(|a| a == name).and_then(|i| self.0.get(i + 1)).cloned()
    }
}

pub fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = argv.first().cloned() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let args = Args(argv);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    let result = rt.block_on(async {
        match cmd.as_str() {
            "serve" => serve(&args, false).await,
            "worker" => worker(&args).await,
            "demo" => serve(&args, true).await,
            "migrate" => migrate(&args).await,
            "user" if args.0.get(1).map(String::as_str) == Some("add") => user_add(&args).await,
            "healthcheck" => healthcheck(&args).await,
            "help" | "--help" | "-h" => {
                println!("{USAGE}");
                Ok(())
            }
            _ => Err(format!("unknown command {cmd:?}\n\n{USAGE}")),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kartrekker: {e}");
            ExitCode::FAILURE
        }
    }
}

fn config(args: &Args) -> Result<Config, String> {
    let file = args.opt("--config").or_else(|| std::env::var("KARTREKKER_CONFIG").ok());
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

async fn serve(args: &Args, demo_mode: bool) -> Result<(), String> {
    let mut cfg = config(args)?;
    let demo_mail = demo_mode && std::env::var("KARTREKKER_SMTP_HOST").is_err();
    if demo_mode {
        if std::env::var("KARTREKKER_DATABASE_URL").is_err() {
            let file = args.opt("--db").unwrap_or_else(|| "kartrekker-demo.sqlite".into());
            cfg.database_url = format!("sqlite://{file}");
        }
        if let Some(bind) = args.opt("--bind") {
            cfg.bind = bind;
        }
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
        println!("\nE-mail is printed here instead of sent. Stop with Ctrl+C.\n");
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

async fn worker(args: &Args) -> Result<(), String> {
    let k = open(config(args)?, false).await?;
    tracing::info!("worker started");
    k.worker_loop(shutdown_signal()).await;
    Ok(())
}

async fn migrate(args: &Args) -> Result<(), String> {
    let cfg = config(args)?;
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

async fn user_add(args: &Args) -> Result<(), String> {
    let (Some(email), Some(name)) = (args.opt("--email"), args.opt("--name")) else {
        return Err(format!("user add needs --email and --name\n\n{USAGE}"));
    };
    let k = open(config(args)?, true).await?;
    let (_, link) = k.add_instance_admin(&name, &email).await.map_err(|e| match e {
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

/// A minimal HTTP GET, so the binary needs no HTTP client library.
async fn healthcheck(args: &Args) -> Result<(), String> {
    let url = args.opt("--url").unwrap_or_else(|| "http://127.0.0.1:8080/readyz".into());
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
