//! Organisations (tenants), departments, teams and memberships, and the
//! CSV import of people from an HR system.
pub mod anonymity;
pub mod import;
pub mod model;
pub mod service;
pub mod store;

pub use model::{Department, Member, OrgRole, Organisation, Team, TeamRole, UnitName};
