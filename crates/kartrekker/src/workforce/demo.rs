//! The demo hospital's business cases: seed 004's case as HR built it, and a
//! second scenario with a two-year transition, shared with a team leader.

use super::case::CaseInputs;
use super::numbers::Hundredths;
use super::store;
use crate::people::store as people;
use crate::{Kartrekker, Result};

impl Kartrekker {
    pub(crate) async fn seed_demo_workforce(&self) -> Result<()> {
        let mut c = self.conn().await?;
        let hr = people::by_email(&mut c, "hr@delinde.demo").await?.ok_or(crate::Error::NotFound)?;
        let leader = people::by_email(&mut c, "teamleider@delinde.demo").await?.ok_or(crate::Error::NotFound)?;
        let org = hr.org_id.ok_or(crate::Error::NotFound)?;
        let now = self.now();
        let seed = CaseInputs::SEED_004;
        store::insert(&mut c, org, "Zorgteam 25 fte: 1 op 4 naar 3 op 12 (seed 004)", &seed, hr.id, now).await?;
        let slower = CaseInputs { transition: Hundredths(200), ..seed };
        let second = store::insert(&mut c, org, "Zelfde model, transitie in 2 jaar", &slower, hr.id, now).await?;
        store::share(&mut c, second, leader.id).await?;
        Ok(())
    }
}
