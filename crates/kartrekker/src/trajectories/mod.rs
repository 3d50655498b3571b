//! The team trajectory "Leidinggeven & leidingkrijgen": intake with the
//! Miniteam questionnaire, observation, mirror session, work on it and
//! evaluation, then re-evaluations that schedule themselves. A program
//! leader starts it and sees every team's progress; a trainer runs it.
pub mod model;
pub mod reminders;
pub mod service;
pub mod store;

pub use model::{ObservationCategory, Phase, Question, SessionInput, SessionKind, StartTime};
pub use service::{
    AgreedAction, EvaluationInput, EvaluationPage, IntakePage, MirrorPage, ObservationInput, ObservationsPage,
    OverviewPage, Rights, SessionPage, ThemeSlide, TrajectoryPage,
};
pub use store::{Answer, Observation, OverviewFilter, OverviewRow, OverviewSort, Session, Theme, Trajectory};
