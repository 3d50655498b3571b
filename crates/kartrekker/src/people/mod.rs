//! People of an organisation and their settings.
pub mod lifecycle;
pub mod model;
pub mod service;
pub mod store;

pub use model::{Email, Language, NewPassword, Person, PersonName, Profession};
