//! The observation: what the trainer saw on the ward, under a theme.

use super::model::{Observation, ObservationCategory, Phase, Theme, Trajectory, text as text_field};
use super::service::{Rights, allow, content_visible_to, in_phase, load, theme_choice};
use super::store::{self, NewObservation};
use crate::auth::Actor;
use crate::dates::Date;
use crate::organisations::Team;
use crate::{Checks, Error, Kartrekker, Result};

#[derive(Clone, Debug)]
pub struct ObservationsPage {
    pub team: Team,
    pub trajectory: Trajectory,
    pub rights: Rights,
    pub observations: Vec<Observation>,
    pub themes: Vec<Theme>,
    pub today: Date,
}

/// An observation as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct ObservationInput<'a> {
    pub date: &'a str,
    pub category: &'a str,
    pub text: &'a str,
    pub theme: &'a str,
}

/// An observation's date (not in the future), category and text, as typed
/// when it is added or changed; each mistake goes into `checks`.
pub(super) fn observation_fields(
    checks: &mut Checks,
    date: &str,
    category: &str,
    text: &str,
    today: Date,
) -> Option<(Date, ObservationCategory, String)> {
    let observed_on = checks.check(Date::parse(date, "date"));
    if observed_on.is_some_and(|d| d > today) {
        checks.push("date", "error-trajectory-date-in-future");
    }
    let category = checks.check(ObservationCategory::parse(category));
    let text = checks.check(text_field(text, "text", 4000, Some("error-trajectory-observation-required")));
    Some((observed_on?, category?, text?))
}

impl Kartrekker {
    pub async fn observations_page(&self, actor: &Actor, team_id: i64, id: i64) -> Result<ObservationsPage> {
        let mut c = self.conn().await?;
        let l = load(&mut c, actor, team_id, id).await?;
        allow(content_visible_to(&l))?;
        let observations = store::observations(&mut c, id).await?;
        let themes = store::themes(&mut c, id).await?;
        Ok(ObservationsPage {
            team: l.team,
            trajectory: l.trajectory,
            rights: l.rights,
            observations,
            themes,
            today: self.today(),
        })
    }

    /// The trainer records what was seen on the ward, during the observation.
    pub async fn add_observation(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        input: &ObservationInput<'_>,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.trainer)?;
        in_phase(&l.trajectory, &[Phase::Observation])?;
        let themes = store::themes(&mut tx, id).await?;
        let mut checks = Checks::default();
        let fields = observation_fields(&mut checks, input.date, input.category, input.text, self.today());
        let theme = checks.check(theme_choice(input.theme, &themes));
        checks.finish()?;
        let (Some((observed_on, category, text)), Some(theme_id)) = (fields, theme) else {
            return Err(Error::Internal("checked observation missing".into()));
        };
        let new =
            NewObservation { trajectory_id: id, observed_on, category, text: &text, theme_id, author_id: actor.id() };
        let oid = store::insert_observation(&mut tx, &new, self.now()).await?;
        tx.commit().await?;
        Ok(oid)
    }

    pub async fn set_observation_theme(
        &self,
        actor: &Actor,
        team_id: i64,
        id: i64,
        observation_id: i64,
        theme: &str,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let l = load(&mut tx, actor, team_id, id).await?;
        allow(l.rights.trainer)?;
        in_phase(&l.trajectory, &[Phase::Observation, Phase::MirrorSession])?;
        let themes = store::themes(&mut tx, id).await?;
        let theme = theme_choice(theme, &themes)?;
        if !store::set_observation_theme(&mut tx, id, observation_id, theme).await? {
            return Err(Error::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }
}
