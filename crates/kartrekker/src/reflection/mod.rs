//! The reflection cycle "calling & comradeship" (roeping & collegialiteit)
//! for a group of medical specialists or any team: self-evaluation,
//! colleague feedback, personal and group results.
pub mod buddy;
pub mod model;
pub mod reminders;
pub mod results;
pub mod service;
pub mod steps;
pub mod store;

pub use buddy::BuddyPlan;
pub use model::{Cycle, Notes, Step, points};
pub use results::{Comparison, GroupResults, GroupSection, PersonalResults};
pub use service::{CycleView, sees_team_reflection};
pub use steps::{MinutesLine, MinutesProblem, PlanInput, PlannedAction, StoredPlan};
