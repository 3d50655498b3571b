//! The portfolio's notices, checked again at send time, and its part of the home page.

use super::model::{Feedback, FeedbackStatus};
use super::store;
use crate::auth::Actor;
use crate::clock::DAY_MS;
use crate::dates::Date;
use crate::db::Conn;
use crate::notifications::Event;
use crate::organisations::TeamRole;
use crate::{Kartrekker, Result};

/// A request's link shows on the resident's home page this many days before it expires.
pub const EXPIRING_DAYS: i64 = 3;
/// A shared plan shows on the opleider's home page this many days.
pub const SHARED_PLAN_DAYS: i64 = 30;
/// A resident who logged nothing for this many days gets the gentle nudge,
/// at most once per this many days of quiet.
pub const NUDGE_DAYS: i64 = 30;

/// Whether a resident is quiet on `today`: her latest activity (or, with none,
/// her start) lies `NUDGE_DAYS` or more behind. Returns the days of quiet.
fn quiet_days(last: Option<Date>, started: Date, today: Date) -> Option<i64> {
    let days = last.unwrap_or(started).days_until(today);
    (days >= NUDGE_DAYS).then_some(days)
}

/// What the portfolio puts on a home page.
#[derive(Clone, Debug, Default)]
pub struct PortfolioHome {
    /// Feedback asked of the person (by their e-mail address), still open.
    pub asked_of_me: Vec<Feedback>,
    /// Feedback received that the resident has not reflected on yet.
    pub to_reflect: Vec<Feedback>,
    /// The resident's open requests whose link soon expires.
    pub expiring: Vec<Feedback>,
    /// For an opleider: (resident id, name, version) of plans shared lately.
    pub plans_shared: Vec<(i64, String, i64)>,
    /// For a resident who logged nothing for a month: the day of her latest activity, if any.
    pub quiet: Option<Option<Date>>,
}

impl PortfolioHome {
    pub fn is_empty(&self) -> bool {
        self.asked_of_me.is_empty() && self.to_reflect.is_empty() && self.expiring.is_empty() && self.quiet.is_none()
    }
}

impl Kartrekker {
    /// The portfolio's part of the actor's home page.
    pub(crate) async fn portfolio_home(&self, c: &mut Conn, actor: &Actor) -> Result<PortfolioHome> {
        let now = self.now();
        let holds = |role| actor.team_roles.iter().any(|(_, r)| *r == role);
        let mut home = PortfolioHome {
            asked_of_me: store::asked_of(c, &actor.person.email.to_lowercase(), now).await?,
            ..PortfolioHome::default()
        };
        if holds(TeamRole::Resident) {
            let (last, created_at) = store::last_activity(c, actor.id()).await?;
            if quiet_days(last, Date::today_nl(created_at), self.today()).is_some() {
                home.quiet = Some(last);
            }
            for f in store::feedback_of(c, actor.id(), false).await? {
                if f.status == FeedbackStatus::Answered && f.reflection.is_empty() {
                    home.to_reflect.push(f);
                } else if f.status == FeedbackStatus::Asked
                    && !f.expired(now)
                    && f.expires_at - now <= EXPIRING_DAYS * DAY_MS
                {
                    home.expiring.push(f);
                }
            }
        }
        if holds(TeamRole::Opleider) {
            home.plans_shared = store::plans_shared_with(c, actor.id(), now - SHARED_PLAN_DAYS * DAY_MS).await?;
        }
        Ok(home)
    }

    /// Queues the gentle nudge for each resident who logged nothing for a
    /// month. The key holds her latest activity and the month of quiet, so
    /// she hears it at most once a month, and not again once she logs.
    pub(crate) async fn schedule_portfolio_nudges(&self, c: &mut Conn) -> Result<usize> {
        let today = self.today();
        let mut queued = 0;
        for (id, last, created_at) in store::residents_with_last_activity(c).await? {
            let Some(days) = quiet_days(last, Date::today_nl(created_at), today) else { continue };
            let since = last.map(|d| d.to_string()).unwrap_or_default();
            let key = format!("{since}:{}", days / NUDGE_DAYS);
            queued += self.notify(c, id, Event::PortfolioNudge { since }, &key).await? as usize;
        }
        Ok(queued)
    }

    /// A portfolio event as (subject, date, page), if it still holds for the person.
    pub(crate) async fn resolve_portfolio(
        &self,
        c: &mut Conn,
        person_id: i64,
        event: &Event,
    ) -> Result<Option<(String, String, String)>> {
        let now = self.now();
        Ok(match event {
            Event::PortfolioFeedbackAsked { feedback_id } => {
                let Some(p) = crate::people::store::by_id(c, person_id).await? else { return Ok(None) };
                store::asked_of(c, &p.email.to_lowercase(), now)
                    .await?
                    .into_iter()
                    .find(|f| f.id == *feedback_id)
                    .map(|f| (f.resident, Date::today_nl(f.expires_at).dutch(), format!("/portfolio/asked/{}", f.id)))
            }
            Event::PortfolioFeedbackReceived { feedback_id } => store::feedback_by_id(c, *feedback_id)
                .await?
                .filter(|f| f.resident_id == person_id && f.status == FeedbackStatus::Answered)
                .map(|f| (f.giver_name, String::new(), format!("/portfolio/feedback/{}", f.id))),
            Event::PortfolioPlanShared { resident_id, version } => {
                let shared = store::plans(c, *resident_id, true).await?.iter().any(|p| p.version == *version);
                if !shared || !store::trains(c, person_id, *resident_id).await? {
                    return Ok(None);
                }
                let Some(p) = crate::people::store::by_id(c, *resident_id).await? else { return Ok(None) };
                Some((p.name, String::new(), format!("/portfolio/residents/{resident_id}")))
            }
            Event::PortfolioComment { comment_id } => store::comments(c, person_id)
                .await?
                .into_iter()
                .find(|k| k.id == *comment_id)
                .map(|k| (k.author.unwrap_or_default(), String::new(), "/portfolio".into())),
            Event::PortfolioNudge { .. } => {
                // Checked again: still a resident, and still nothing logged for a month.
                if !store::is_resident(c, person_id).await? {
                    return Ok(None);
                }
                let (last, created_at) = store::last_activity(c, person_id).await?;
                quiet_days(last, Date::today_nl(created_at), self.today()).map(|days| {
                    (days.to_string(), last.map(|d| d.dutch()).unwrap_or_default(), "/portfolio/activities/new".into())
                })
            }
            _ => None,
        })
    }
}
