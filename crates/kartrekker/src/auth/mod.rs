//! Log-in, sessions kept in the database, single-use links, throttling, and
//! the `Actor` every service call is authorised against.
pub mod actor;
pub mod model;
pub mod password;
pub mod policy;
pub mod service;
pub mod sso;
pub mod store;
pub mod throttle;
pub mod token;
pub mod two_step;

pub use actor::Actor;
pub use model::{Session, TokenPurpose};
pub use service::{LoginOutcome, SessionInfo};
