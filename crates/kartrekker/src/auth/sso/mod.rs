//! Single sign-on with OpenID Connect (decision 0030): an organisation's
//! provider, set by its administrator; a log-in through it (authorization
//! code flow with PKCE) ends in the same session a password makes.
pub mod model;
mod oidc;
pub mod service;
pub mod store;

pub use model::{SsoFields, SsoInput, SsoLink, SsoOutcome, SsoRefusal, SsoSettings};
pub use oidc::use_ring_for_tls;
