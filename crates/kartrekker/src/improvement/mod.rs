//! Verwonder & Verbeter: anyone in a team posts a verwonderpunt, colleagues
//! support and comment, the team triages it into "not now", a quick fix (an
//! action in the register) or an improvement project.
pub mod model;
pub mod runchart;
pub mod service;
pub mod store;

pub use model::{Comment, Point, PointStatus, Poster, ProjectStatus, Triage};
pub use service::{PointList, PointPage, Outcome, TriageInput};
