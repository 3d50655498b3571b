//! Instruments and responses as stored; an instrument's content is its
//! `Definition`.

#[derive(Clone, Debug)]
pub struct InstrumentRow {
    pub id: i64,
    pub org_id: Option<i64>,
    pub slug: String,
    pub version: i64,
    pub title_nl: String,
    pub title_en: String,
    pub source: String,
}

crate::codes! {
    /// A response is a draft until it is submitted, once.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ResponseStatus {
        Draft = "draft",
        Submitted = "submitted",
    }
}

#[derive(Clone, Debug)]
pub struct ResponseRow {
    pub id: i64,
    pub instrument_id: i64,
    pub org_id: Option<i64>,
    pub respondent_id: Option<i64>,
    pub context: String,
    pub submitted: bool,
}
