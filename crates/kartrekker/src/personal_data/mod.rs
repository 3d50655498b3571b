//! A person's own data, for their download (GDPR articles 15 and 20): one
//! ZIP with `data.json` and a CSV file per part. No secrets (password
//! hashes, session and link tokens) and nothing of other people beyond the
//! names they already see.
pub mod service;
pub(crate) mod store;
