//! Home: what needs a person now, gathered from the areas they take part
//! in. Each area's store answers its own part; nothing here writes.
pub mod model;
pub mod service;

pub use model::*;
