//! Organisations (tenants), departments, teams and memberships, and the
//! CSV import of people from an HR system.
pub mod import;
pub mod model;
pub mod service;
pub mod store;

pub use model::{OrgRole, TeamRole, UnitName};
pub use store::{Department, Member, Organisation, Team};
