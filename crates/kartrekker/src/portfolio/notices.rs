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
}

impl PortfolioHome {
    pub fn is_empty(&self) -> bool {
        self.asked_of_me.is_empty() && self.to_reflect.is_empty() && self.expiring.is_empty()
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
            _ => None,
        })
    }
}
