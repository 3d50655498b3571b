//! Forms that cannot double (docs/decisions/0008): a creating form carries a
//! one-time token; its first submit claims it, and a repeat of that submit
//! (double-click, back and resend, a second tab) is sent to the first one's
//! result instead of creating again.
pub mod model;
pub mod service;
pub mod store;

pub use model::{Claim, SubmitToken};
