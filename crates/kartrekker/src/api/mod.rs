//! API tokens (issue 20): an organisation administrator makes one for a
//! program that calls `/api/v1`; it acts with the administrator's rights,
//! narrowed to its scopes, and every use is in the audit trail.
pub mod model;
pub mod service;
pub mod store;

pub use model::{ApiToken, Scope};
pub use service::ApiCaller;
