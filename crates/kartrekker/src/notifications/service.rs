//! Queuing notices with the event, sending them (or keeping them for the
//! digest) as each person chose, and the settings page's choices.

use super::model::{Delivery, Event, Notice, NoticeKind};
use super::store::{self, DigestEntry};
use crate::auth::Actor;
use crate::dates::Date;
use crate::db::Conn;
use crate::jobs::Job;
use crate::mail::{Email, messages};
use crate::people::{Person, store as people};
use crate::trajectories::StartTime;
use crate::{Error, FieldError, Kartrekker, Result};

/// A session's date and time as a notice names them: a notice planned for
/// another moment is stale.
pub fn session_moment(date: Option<Date>, time: Option<StartTime>) -> String {
    let date = date.map(|d| d.to_string()).unwrap_or_default();
    let time = time.map(|t| t.to_string()).unwrap_or_default();
    format!("{date} {time}").trim().to_string()
}

impl Kartrekker {
    /// Queues a notice to one person in the caller's transaction, so that it
    /// goes out only when the event is committed. `key` tells this event
    /// apart from others of its kind: the same key is sent once.
    pub(crate) async fn notify(&self, c: &mut Conn, person_id: i64, event: Event, key: &str) -> Result<bool> {
        let dedupe = format!("notice:{}:{key}:{person_id}", event.kind().code());
        self.enqueue(c, &Job::Notify { person_id, event }, Some(&dedupe)).await
    }

    /// Queues the same event to several people.
    pub(crate) async fn notify_all(&self, c: &mut Conn, people: &[i64], event: &Event, key: &str) -> Result<()> {
        for p in people {
            self.notify(c, *p, event.clone(), key).await?;
        }
        Ok(())
    }

    /// Job handler: looks again, then sends at once, keeps it for the digest,
    /// or drops it, as the person chose for its kind.
    pub(crate) async fn send_notice(&self, person_id: i64, event: Event) -> Result<()> {
        let mut c = self.conn().await?;
        let Some(person) = people::by_id(&mut c, person_id).await?.filter(|p| p.active && !p.deactivated) else {
            return Ok(());
        };
        let lang = person.language.unwrap_or(self.config.default_language);
        let Some(notice) = self.resolve(&mut c, person_id, &event, lang).await? else { return Ok(()) };
        let email = messages::notice(lang, &person.email, &person.name, &notice, &self.link(&notice.path));
        self.deliver(c, &person, &notice, email).await
    }

    /// Sends `email` at once, keeps the notice's line for the daily digest,
    /// or drops it, as the person chose for the notice's kind. A reminder
    /// with a richer e-mail than [`messages::notice`] passes its own.
    pub(crate) async fn deliver(&self, mut c: Conn, person: &Person, notice: &Notice, email: Email) -> Result<()> {
        match store::delivery(&mut c, person.id, notice.kind).await? {
            Delivery::Never => Ok(()),
            Delivery::DailyDigest => {
                let lang = person.language.unwrap_or(self.config.default_language);
                let line = messages::digest_line(lang, notice);
                let entry = DigestEntry {
                    person_id: person.id,
                    kind: notice.kind,
                    team_id: notice.team_id,
                    line: &line,
                    path: &notice.path,
                };
                Ok(store::insert_digest_entry(&mut c, &entry, self.now()).await?)
            }
            Delivery::Immediately => {
                drop(c);
                self.send_mail(notice.kind.code(), &email).await
            }
        }
    }

    /// Job handler: one e-mail with everything a person chose to get daily.
    pub(crate) async fn send_digest(&self, person_id: i64) -> Result<()> {
        let mut c = self.conn().await?;
        let Some(person) = people::by_id(&mut c, person_id).await?.filter(|p| !p.deactivated) else { return Ok(()) };
        let items = store::pending_digest(&mut c, person_id).await?;
        let ids: Vec<i64> = items.iter().map(|(id, _, _)| *id).collect();
        if !items.is_empty() {
            let lines: Vec<(String, String)> =
                items.into_iter().map(|(_, line, path)| (line, self.link(&path))).collect();
            let lang = person.language.unwrap_or(self.config.default_language);
            let email = messages::digest(lang, &person.email, &person.name, &lines, &self.link("/"));
            self.send_mail("digest", &email).await?;
        }
        store::mark_digest_sent(&mut c, &ids, self.now()).await?;
        Ok(())
    }

    /// How the actor gets each kind of notice.
    pub async fn notification_settings(&self, actor: &Actor) -> Result<Vec<(NoticeKind, Delivery)>> {
        let mut c = self.conn().await?;
        let mut out = Vec::new();
        for k in NoticeKind::ALL {
            out.push((k, store::delivery(&mut c, actor.id(), k).await?));
        }
        Ok(out)
    }

    /// Saves the choice of each kind posted (a kind left out keeps its
    /// choice), or nothing when one is unknown.
    pub async fn set_notification_settings(&self, actor: &Actor, choices: &[(String, String)]) -> Result<()> {
        let mut parsed = Vec::new();
        let mut wrong = Vec::new();
        for k in NoticeKind::ALL {
            let Some((_, chosen)) = choices.iter().find(|(key, _)| key == k.code()) else { continue };
            match Delivery::from_code(chosen) {
                Some(d) => parsed.push((k, d)),
                None => wrong.push(FieldError { field: k.code(), key: "error-choose-option" }),
            }
        }
        if !wrong.is_empty() {
            return Err(Error::Invalid(wrong));
        }
        let mut tx = self.db.begin().await?;
        for (k, d) in parsed {
            store::set_delivery(&mut tx, actor.id(), k, d).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
