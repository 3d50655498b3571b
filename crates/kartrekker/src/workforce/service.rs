//! Who sees and changes business-case scenarios: HR and the board of the
//! organisation do everything; a team leader they share a scenario with
//! reads it. Everyone else finds nothing (404).

use super::case::{BusinessCase, CaseText};
use super::model::{Scenario, scenario_name};
use super::store;
use crate::auth::Actor;
use crate::db::Conn;
use crate::organisations::OrgRole;
use crate::{Checks, Error, Kartrekker, Result};

/// The organisation whose scenarios the actor builds: HR and the board.
fn builder_org(actor: &Actor) -> Option<i64> {
    actor.org_with(OrgRole::Hr).or_else(|| actor.org_with(OrgRole::Board))
}

/// The scenarios the actor may open, and whether they build them.
#[derive(Clone, Debug)]
pub struct ScenarioList {
    pub scenarios: Vec<Scenario>,
    pub can_edit: bool,
}

/// One scenario with its figures, for its page.
#[derive(Clone, Debug)]
pub struct ScenarioPage {
    pub scenario: Scenario,
    pub case: BusinessCase,
    pub can_edit: bool,
    /// Whom it is shared with, and (for HR and the board) whom it can be.
    pub shares: Vec<(i64, String)>,
    pub team_leaders: Vec<(i64, String)>,
}

/// The scenario, if the actor may see it, and whether they may change it.
async fn access(c: &mut Conn, actor: &Actor, id: i64) -> Result<(Scenario, bool)> {
    let org = actor.org_id().ok_or(Error::NotFound)?;
    let s = store::in_org(c, org, id).await?.ok_or(Error::NotFound)?;
    if builder_org(actor).is_some() {
        Ok((s, true))
    } else if store::is_shared_with(c, id, actor.id()).await? {
        Ok((s, false))
    } else {
        Err(Error::NotFound)
    }
}

async fn editable(c: &mut Conn, actor: &Actor, id: i64) -> Result<Scenario> {
    match access(c, actor, id).await? {
        (s, true) => Ok(s),
        _ => Err(Error::NotFound),
    }
}

fn checked(name: &str, text: &CaseText<'_>) -> Result<(String, super::CaseInputs)> {
    let mut checks = Checks::default();
    let name = checks.check(scenario_name(name));
    let inputs = text.check(&mut checks);
    checks.finish()?;
    match (name, inputs) {
        (Some(n), Some(i)) => Ok((n, i)),
        _ => Err(Error::Internal("checked scenario missing".into())),
    }
}

impl Kartrekker {
    pub async fn workforce_scenarios(&self, actor: &Actor) -> Result<ScenarioList> {
        let mut c = self.conn().await?;
        if let Some(org) = builder_org(actor) {
            return Ok(ScenarioList { scenarios: store::of_org(&mut c, org).await?, can_edit: true });
        }
        let scenarios = store::shared_with(&mut c, actor.id()).await?;
        if scenarios.is_empty() {
            return Err(Error::NotFound);
        }
        Ok(ScenarioList { scenarios, can_edit: false })
    }

    /// The form of a new scenario may be opened (HR and the board only).
    pub fn may_create_scenario(&self, actor: &Actor) -> Result<()> {
        builder_org(actor).map(|_| ()).ok_or(Error::NotFound)
    }

    pub async fn create_scenario(&self, actor: &Actor, name: &str, text: &CaseText<'_>) -> Result<i64> {
        let org = builder_org(actor).ok_or(Error::NotFound)?;
        let (name, inputs) = checked(name, text)?;
        let mut c = self.conn().await?;
        Ok(store::insert(&mut c, org, &name, &inputs, actor.id(), self.now()).await?)
    }

    pub async fn save_scenario(&self, actor: &Actor, id: i64, name: &str, text: &CaseText<'_>) -> Result<()> {
        let mut c = self.conn().await?;
        editable(&mut c, actor, id).await?;
        let (name, inputs) = checked(name, text)?;
        Ok(store::update(&mut c, id, &name, &inputs, self.now()).await?)
    }

    /// A copy under a new name, to change one thing and compare.
    pub async fn copy_scenario(&self, actor: &Actor, id: i64, name: &str) -> Result<i64> {
        let mut c = self.conn().await?;
        let s = editable(&mut c, actor, id).await?;
        let name = scenario_name(name)?;
        Ok(store::insert(&mut c, s.org_id, &name, &s.inputs, actor.id(), self.now()).await?)
    }

    pub async fn scenario(&self, actor: &Actor, id: i64) -> Result<ScenarioPage> {
        let mut c = self.conn().await?;
        let (scenario, can_edit) = access(&mut c, actor, id).await?;
        let shares = store::shares(&mut c, id).await?;
        let team_leaders = if can_edit { store::team_leaders(&mut c, scenario.org_id).await? } else { Vec::new() };
        Ok(ScenarioPage { case: scenario.inputs.calculate(), scenario, can_edit, shares, team_leaders })
    }

    /// Two scenarios side by side, each one the actor may see.
    pub async fn compare_scenarios(&self, actor: &Actor, a: i64, b: i64) -> Result<[(Scenario, BusinessCase); 2]> {
        let mut c = self.conn().await?;
        let (a, _) = access(&mut c, actor, a).await?;
        let (b, _) = access(&mut c, actor, b).await?;
        let (ca, cb) = (a.inputs.calculate(), b.inputs.calculate());
        Ok([(a, ca), (b, cb)])
    }

    /// Shares a scenario with a team leader of the organisation.
    pub async fn share_scenario(&self, actor: &Actor, id: i64, person: &str) -> Result<()> {
        let mut c = self.conn().await?;
        let s = editable(&mut c, actor, id).await?;
        let person: i64 = person.trim().parse().map_err(|_| Error::invalid("person", "error-workforce-share-who"))?;
        let leaders = store::team_leaders(&mut c, s.org_id).await?;
        if !leaders.iter().any(|(p, _)| *p == person) {
            return Err(Error::invalid("person", "error-workforce-share-who"));
        }
        Ok(store::share(&mut c, id, person).await?)
    }

    pub async fn unshare_scenario(&self, actor: &Actor, id: i64, person: i64) -> Result<()> {
        let mut c = self.conn().await?;
        editable(&mut c, actor, id).await?;
        Ok(store::unshare(&mut c, id, person).await?)
    }
}
