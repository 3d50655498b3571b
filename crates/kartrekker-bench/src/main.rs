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

const USAGE: &str = "usage: kartrekker-bench seed --scale N --db URL
  fill an empty database with the benchmark's hospital group
  (N hospitals of 3,000 people; SQLite file or postgres:// URL;
  without --db: KARTREKKER_DATABASE_URL)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) != Some("seed") {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    match rt.block_on(run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kartrekker-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn opt(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

async fn run(args: &[String]) -> Result<(), String> {
    let scale: usize = match opt(args, "--scale") {
        Some(s) => {
            s.parse().ok().filter(|n| *n >= 1).ok_or(format!("--scale needs a whole number from 1, not {s:?}"))?
        }
        None => 1,
    };
    let mut cfg = Config::load(None, |k| std::env::var(k).ok()).map_err(|e| e.to_string())?;
    if let Some(db) = opt(args, "--db") {
        cfg.database_url = if db.contains("://") || db.starts_with("sqlite:") { db } else { format!("sqlite://{db}") };
    }
    let url = cfg.database_url.clone();
    let db = Db::connect(&url).await.map_err(|e| format!("database {url}: {e}"))?;
    db.migrate().await.map_err(|e| format!("migrating: {e}"))?;
    let k = Kartrekker::new(db, Arc::new(SystemClock), Arc::new(LogMailer), cfg);
    println!("seed-bench: scale {scale} into {url}");
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
