//! Notices by e-mail for every step people take part in: what happened (an
//! [`Event`]), who is told, and how each person wants each kind (at once, in
//! the daily digest, or never). Services queue a notice in the transaction
//! of the event; the job handler looks again at send time. Also the
//! personal calendar feed.
pub mod calendar;
pub mod model;
pub mod resolve;
pub mod schedule;
pub mod service;
pub mod store;

pub use model::{Delivery, Event, Notice, NoticeKind};
