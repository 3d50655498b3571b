//! The action register: the backbone every practice writes into. An action
//! has one kartrekker, a status, dates, an origin, updates and a history.
pub mod model;
pub mod reminders;
pub mod service;
pub mod store;

pub use model::{ActionInput, Delivery, NoticeKind, Origin, OriginKind, Status};
pub use service::{Access, ActionPage, BOARD_FINISHED_DAYS, TeamActions};
pub use store::{Action, ActionCard, ActionFilter, Change, Update};
