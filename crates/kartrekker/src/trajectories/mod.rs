//! The team trajectory "Leidinggeven & leidingkrijgen": intake with the
//! Miniteam questionnaire, observation, mirror session, work on it and
//! evaluation, then re-evaluations that schedule themselves. A program
//! leader starts it and sees every team's progress; a trainer runs it.
pub mod model;
pub mod reminders;
pub mod service;
pub mod store;

pub use model::{
    Answer, Observation, ObservationCategory, OverviewFilter, OverviewRow, OverviewSort, Phase, Question, Session,
    SessionInput, SessionKind, StartTime, Theme, Trajectory,
};
pub use service::{
    AgreedAction, EvaluationInput, EvaluationPage, IntakePage, MirrorPage, ObservationInput, ObservationsPage,
    OverviewPage, Rights, SessionPage, ThemeSlide, TrajectoryPage,
};
