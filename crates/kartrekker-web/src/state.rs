use kartrekker::Kartrekker;

#[derive(Clone)]
pub struct AppState {
    pub k: Kartrekker,
}
