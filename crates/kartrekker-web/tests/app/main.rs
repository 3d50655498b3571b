//! The app's HTTP tests: each starts the real app in-process on a free port,
//! once on SQLite and once on PostgreSQL.

mod accounts;
mod actions;
mod admin;
// api (issue 20)
mod anonymity;
mod api;
mod audit;
mod auth;
mod backup;
mod basics;
mod decisions;
mod demo;
mod home;
mod import;
mod instances;
// improvement (Verwonder & Verbeter)
mod improvement;
mod isolation;
mod jobs;
mod lifecycle;
mod links;
mod notifications;
mod once;
mod portfolio; // portfolio
mod pulse;
mod questionnaires;
mod reflection;
mod schema;
mod security;
mod sessions;
mod sso;
mod trajectories;
mod trajectories_undo;
mod trajectory_details;
// two-step log-in (issue 20)
mod two_step;
// workforce
mod workforce;
// meetings (issue 17)
mod meetings;
// operations (issue 20): /metrics
mod metrics;
