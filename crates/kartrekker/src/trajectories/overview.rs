//! The program leader's overview of every team in the organisation.

use super::model::{OverviewFilter, OverviewRow};
use super::store;
use crate::auth::Actor;
use crate::dates::Date;
use crate::organisations::OrgRole;
use crate::{Error, Kartrekker, Result};

#[derive(Clone, Debug)]
pub struct OverviewPage {
    pub rows: Vec<OverviewRow>,
    /// How many teams match the filter, over all pages.
    pub total: i64,
    pub today: Date,
}

/// Teams on one page of the program leader's overview.
pub const OVERVIEW_PAGE_SIZE: i64 = 50;

impl Kartrekker {
    /// The program leader's overview of every team in the organisation.
    pub async fn trajectory_overview(&self, actor: &Actor, filter: &OverviewFilter) -> Result<OverviewPage> {
        let org = actor.org_with(OrgRole::ProgramLeader).ok_or(Error::Forbidden)?;
        let mut c = self.conn().await?;
        let today = self.today();
        let total = store::overview_count(&mut c, org, filter).await?;
        let rows = store::overview(&mut c, org, today, filter).await?;
        Ok(OverviewPage { rows, total, today })
    }
}
