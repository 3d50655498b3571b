//! A person's calendar feed: a secret, revocable address that calendar
//! programs fetch without a session, with the person's coming trajectory
//! sessions and the due dates of the actions they pull.

use super::store;
use crate::auth::{Actor, token};
use crate::i18n::{t, t_text};
use crate::trajectories::model::{CalendarEvent, calendar_of};
use crate::trajectories::store as trajectories;
use crate::{Error, Kartrekker, Result};

impl Kartrekker {
    /// Whether the actor has a feed address now.
    pub async fn has_calendar_feed(&self, actor: &Actor) -> Result<bool> {
        Ok(store::has_feed(&mut self.conn().await?, actor.id()).await?)
    }

    /// A new secret for the actor's feed; the old address stops working.
    /// Only its hash is kept, so it is shown this once.
    pub async fn new_calendar_feed(&self, actor: &Actor) -> Result<String> {
        let secret = token::new_secret();
        store::set_feed(&mut self.conn().await?, actor.id(), &token::digest(&secret), self.now()).await?;
        Ok(secret)
    }

    /// The feed a secret opens, as an iCalendar file; an unknown or
    /// replaced secret does not exist.
    pub async fn calendar_feed(&self, secret: &str) -> Result<String> {
        let mut c = self.conn().await?;
        let person_id = store::feed_owner(&mut c, &token::digest(secret)).await?.ok_or(Error::NotFound)?;
        // A deactivated person's feed is closed with their log-in.
        let person =
            crate::people::store::by_id(&mut c, person_id).await?.filter(|p| !p.deactivated).ok_or(Error::NotFound)?;
        let lang = person.language.unwrap_or(self.config.default_language);
        let label = |key: &str| t(lang, key).to_string();
        let sessions = trajectories::coming_of_person(&mut c, person_id, self.today()).await?;
        let actions = crate::actions::store::active_of_kartrekker(&mut c, person_id).await?;
        // Owned texts first: the events borrow them.
        let session_texts: Vec<(String, String)> =
            sessions.iter().map(|(team, s)| (self.session_uid(s.id), Self::session_summary(team, s, &label))).collect();
        let host = self.calendar_host();
        let action_texts: Vec<(String, String)> = actions
            .iter()
            .map(|a| {
                let summary = format!("{} ({})", t_text(lang, "calendar-action-due", &[("title", &a.title)]), a.team);
                (format!("action-due-{}@{host}", a.id), summary)
            })
            .collect();
        let mut events = Vec::new();
        for ((_, s), (uid, summary)) in sessions.iter().zip(&session_texts) {
            let Some(date) = s.date else { continue };
            events.push(CalendarEvent {
                uid,
                date,
                start: s.start_time,
                minutes: s.minutes,
                summary,
                description: &s.agenda,
                location: &s.location,
                stamp_ms: self.now(),
            });
        }
        for (a, (uid, summary)) in actions.iter().zip(&action_texts) {
            let Some(date) = a.due_date else { continue };
            events.push(CalendarEvent {
                uid,
                date,
                start: None,
                minutes: 0,
                summary,
                description: "",
                location: "",
                stamp_ms: self.now(),
            });
        }
        Ok(calendar_of(&events))
    }
}
