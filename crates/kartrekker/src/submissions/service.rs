//! Claiming, finishing and releasing one-time form tokens.

use super::store;
use super::{Claim, SubmitToken};
use crate::clock::DAY_MS;
use crate::{Kartrekker, Result};

/// Claims are kept this long: a form is sent again within minutes, not days.
const KEEP_MS: i64 = DAY_MS;

impl Kartrekker {
    /// Claims a form's token for the person sending it. Each statement
    /// commits on its own, so that a second submit sees the first one's
    /// claim while that one still runs.
    pub async fn claim_submission(&self, person_id: i64, token: &SubmitToken) -> Result<Claim> {
        let c = &mut self.conn().await?;
        // A claim released between the insert and the read is tried again.
        for _ in 0..3 {
            if store::insert(c, person_id, token.as_str(), self.now()).await? {
                return Ok(Claim::First);
            }
            match store::target(c, person_id, token.as_str()).await? {
                Some(Some(target)) => return Ok(Claim::Done(target)),
                Some(None) => return Ok(Claim::Running),
                None => {}
            }
        }
        Ok(Claim::Running)
    }

    /// The first submit succeeded: repeats go to `target`.
    pub async fn finish_submission(&self, person_id: i64, token: &SubmitToken, target: &str) -> Result<()> {
        Ok(store::finish(&mut self.conn().await?, person_id, token.as_str(), target).await?)
    }

    /// The first submit failed (a message to correct, a refusal): the form
    /// may be sent again.
    pub async fn release_submission(&self, person_id: i64, token: &SubmitToken) -> Result<()> {
        Ok(store::release(&mut self.conn().await?, person_id, token.as_str()).await?)
    }

    /// Clears claims older than a day (the worker, now and then).
    pub async fn purge_submissions(&self) -> Result<u64> {
        Ok(store::delete_before(&mut self.conn().await?, self.now() - KEEP_MS).await?)
    }
}
