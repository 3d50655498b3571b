//! The audit trail: who read another person's personal data, exported,
//! changed the organisation or signed in, when and from which address.
//! Every area writes through `Kartrekker::audit`; the application has no
//! way to change or remove an entry.
pub mod model;
pub mod service;
pub mod store;

pub use model::{AuditAction, AuditFilter, AuditKind, AuditRow, Entry, PAGE_SIZE};
