//! Verwonder & Verbeter: anyone in a team posts a verwonderpunt, colleagues
//! support and comment, the team triages it into "not now", a quick fix (an
//! action in the register) or an improvement project.
mod demo;
pub mod home;
pub mod model;
pub(crate) mod notices;
pub mod runchart;
pub mod service;
pub mod store;

pub use model::{
    Comment, Cycle, CycleAction, CycleInput, Point, PointStatus, Poster, Project, ProjectInput, ProjectStatus, Triage,
};
pub use service::{
    CyclePage, Outcome, OverviewProject, OverviewTeam, PointList, PointPage, ProjectPage, TriageInput, Wall,
};
