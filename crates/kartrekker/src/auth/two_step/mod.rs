//! Two-step log-in (TOTP) for local accounts, with recovery codes (decision 0027).
pub mod model;
pub mod service;
pub mod store;

pub use model::{Enrolment, SecondStep, TotpSecret, TwoStepStatus};
