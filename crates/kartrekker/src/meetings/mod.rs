//! Meetings and the daily rhythm: agenda templates with timeboxes (built in
//! and an organisation's own), a team's meetings with attendance, notes per
//! agenda item, decisions and actions, recurring series and minutes.
mod demo;
pub mod model;
pub mod service;
pub mod store;

pub use model::{AgendaItem, Attendee, Decision, Kind, Meeting, MeetingItem, Recurrence, TemplateRef, TemplateSummary};
pub use service::{ChairFeedback, MeetingInput, MeetingPage, TeamMeetings, TemplatePage};
