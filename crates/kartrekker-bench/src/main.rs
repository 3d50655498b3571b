//! `kartrekker-bench seed --scale N --db URL`: fills an empty database with
//! the benchmark's hospital group and prints the log-ins and the facts
//! `bench/run` reads.

use std::process::ExitCode;
use std::sync::Arc;

use kartrekker::Kartrekker;
use kartrekker::clock::SystemClock;
use kartrekker::config::Config;
use kartrekker::db::Db;
use kartrekker::mail::LogMailer;
use kartrekker_bench::{PASSWORD, Plan, seed};

/// The benchmark's data generator (see bench/run).
#[derive(Debug, clap::Parser)]
#[command(name = "kartrekker-bench", version)]
enum Cli {
    /// Fill an empty database with the benchmark's hospital group
    Seed {
        /// Hospitals of 3,000 people each
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
        scale: u16,
        /// An SQLite file or a postgres:// URL (default: KARTREKKER_DATABASE_URL)
        #[arg(long, value_name = "URL")]
        db: Option<String>,
    },
}

fn main() -> ExitCode {
    let Cli::Seed { scale, db } = <Cli as clap::Parser>::parse();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    match rt.block_on(run(scale.into(), db)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kartrekker-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(scale: usize, db: Option<String>) -> Result<(), String> {
    let mut cfg = Config::load(None, |k| std::env::var(k).ok()).map_err(|e| e.to_string())?;
    if let Some(db) = db {
        cfg.database_url = if db.contains("://") || db.starts_with("sqlite:") { db } else { format!("sqlite://{db}") };
    }
    let url = cfg.database_url.clone();
    let db = Db::connect(&url).await.map_err(|e| format!("database {url}: {e}"))?;
    db.migrate().await.map_err(|e| format!("migrating: {e}"))?;
    let k = Kartrekker::new(db, Arc::new(SystemClock), Arc::new(LogMailer), cfg);
    println!("kartrekker-bench seed: scale {scale} into {url}");
    let report = seed(&k, &Plan::scale(scale)).await.map_err(|e| e.to_string())?;
    let rows: i64 = report.counts.iter().map(|c| c.1).sum();
    println!("generated {rows} rows in {:.1} s", report.took.as_secs_f64());
    for (table, n) in &report.counts {
        println!("  {table:<32} {n:>10}");
    }
    println!("\nlog in with (password: {PASSWORD}):");
    for (what, email) in &report.logins {
        println!("  {email:<40} {what}");
    }
    println!("\nfor bench/run:");
    for (key, value) in &report.facts {
        println!("{key}={value}");
    }
    Ok(())
}
