//! The resident's leadership portfolio (KNMG inspiration cards, seed 002):
//! levels and phase, the activity log, feedback by a single-use link without
//! an account, the profile plan, the cards, and the opleider's view.
pub mod demo;
pub mod model;
pub mod notices;
pub mod service;
pub mod store;

pub use model::{
    Activity, ActivityInput, ActivityKind, Card, CardInput, CardTexts, Comment, Feedback, FeedbackForm, FeedbackInput,
    FeedbackStatus, Level, LinkKind, Phase, PhaseInfo, Plan, PlanInput, QuarterCount, per_quarter,
};
pub use service::{FeedbackByLink, OpleiderView, Portfolio, Resident};
