//! Workforce: the business case of a new team model (seed 004), saved as
//! scenarios per organisation for HR and the board and shared with named
//! team leaders.
pub mod case;
mod demo;
pub mod model;
pub mod numbers;
pub mod service;
pub mod store;

pub use case::{BusinessCase, CaseInputs, CaseText, Line, Mix, Quantity, ROLES, SENSITIVITY_PERCENT, Swing, Year};
pub use model::Scenario;
pub use numbers::{Cents, Hundredths, Rate};
pub use service::{ScenarioList, ScenarioPage};
