//! Fair Process decisions (KNMG card "Fair Process Leadership"): a team's
//! decision record walks engage, explore, decide, execute and evaluate, shows
//! the five characteristics of a fair process from what happened, and asks
//! the members afterwards, anonymously, whether the process felt fair.
mod demo;
pub mod fairness;
pub mod home;
pub mod model;
pub(crate) mod notices;
pub mod reviews;
pub mod service;
pub mod store;

pub use fairness::{Fairness, FairnessResult, TrendPoint};
pub use model::{
    ChoiceInput, Contribution, Decision, DecisionInput, DecisionLine, DecisionOption, FromMeeting, OptionInput, Review,
    Revision, Step,
};
pub use service::{Checklist, DecisionPage, Rights, TeamDecisions, leads};
