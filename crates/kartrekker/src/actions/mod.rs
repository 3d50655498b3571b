//! The action register: the backbone every practice writes into. An action
//! has one kartrekker, a status, dates, an origin, updates and a history.
pub mod model;
pub mod reminders;
pub mod service;
pub mod store;

pub use model::{Action, ActionCard, ActionFilter, ActionInput, Change, Origin, OriginKind, Status, Update};
pub use service::{Access, ActionPage, BOARD_FINISHED_DAYS, TeamActions};
