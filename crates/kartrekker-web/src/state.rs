use std::sync::Arc;

use kartrekker::Kartrekker;

/// Cloned for every extractor of every request: one counter to count up
/// instead of one per part of `Kartrekker`.
#[derive(Clone)]
pub struct AppState {
    pub k: Arc<Kartrekker>,
}
