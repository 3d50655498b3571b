//! The workload pulse (issue 19): a short recurring questionnaire per team
//! on the instrument engine — the built-in "werkdrukpulse" or an
//! organisation's own — opened by the worker once per period of the team's
//! schedule, answered anonymously (docs/decisions/0012, 0025), and shown per
//! team, department and organisation only from the minimum group size.
mod demo;
pub mod home;
pub mod model;
pub(crate) mod notices;
pub mod overview;
pub mod results;
pub mod rounds;
pub mod service;
pub mod store;

pub use model::{PULSE_INSTRUMENT, REFERENCE_TOO_HIGH_PERCENT, Round, Schedule, ScheduleInput, WORKLOAD_ITEM};
pub use overview::{Cell, Overview, OverviewRow, ScenarioPulse};
pub use results::{ItemResult, RoundResult, Share, total_may_show};
pub use service::{PulseAction, PulseConversation, RoundPage, TeamPulse, TrendRound};
