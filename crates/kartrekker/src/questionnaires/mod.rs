//! The questionnaire engine: versioned instruments, and responses filled
//! in over several sittings. The reflection cycle, the workload pulse and
//! feedback requests all use it.
pub mod definition;
pub mod model;
pub mod service;
pub mod store;

pub use definition::{AnswerValue, Definition, DefinitionError, Item, ItemKind, Section, Texts};
pub use model::{InstrumentRow, ResponseRow, ResponseStatus};
pub use service::{ANSWER_PREFIX, AnswerProblems, CANNOT_JUDGE, Instrument, ResponseForm};
