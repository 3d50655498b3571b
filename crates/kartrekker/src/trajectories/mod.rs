//! The team trajectory "Leidinggeven & leidingkrijgen": intake with the
//! Miniteam questionnaire, observation, mirror session, work on it and
//! evaluation, then re-evaluations that schedule themselves. A program
//! leader starts it and sees every team's progress; a trainer runs it.
mod intake;
mod mirror;
pub mod model;
mod observations;
mod overview;
pub mod reminders;
pub mod service;
mod sessions;
mod sheet;
pub mod store;
mod undo;

pub use intake::IntakePage;
pub use mirror::{MirrorPage, ThemeSlide};
pub use model::{
    Answer, Item, Observation, ObservationCategory, OverviewFilter, OverviewRow, OverviewSort, Phase, Question,
    Reopening, Session, SessionInput, SessionKind, StartTime, Theme, Trajectory,
};
pub use observations::{ObservationInput, ObservationsPage};
pub use overview::{OVERVIEW_PAGE_SIZE, OverviewPage};
pub use service::{Rights, TrajectoryPage};
pub use sessions::{AgreedAction, Complete, EvaluationInput, EvaluationPage, SessionPage, UNVOTED};
pub use sheet::TrajectorySheet;
pub use undo::{Changeable, ItemInput, ItemPage};
