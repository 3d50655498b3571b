//! Store- and service-level tests: Kartrekker's functions called directly,
//! without HTTP, each test once on SQLite and once on PostgreSQL.

mod actions;
mod api;
mod auth;
mod decisions;
mod improvement;
mod jobs;
mod meetings;
mod notifications;
mod organisations;
mod people;
mod portfolio;
mod pulse;
mod questionnaires;
mod reflection;
mod submissions;
mod tls;
mod trajectories;
mod undo;
mod workforce;
