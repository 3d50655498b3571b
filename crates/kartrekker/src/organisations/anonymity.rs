//! The one rule for every group result (docs/decisions/0012): a result for
//! a group shows only when it stands on at least the organisation's minimum
//! group size, never counting the person who looks at it.
//!
//! The organisation sets the minimum (default 5, never below 3). A result
//! may ask for more (a reflection cycle's own threshold), never for fewer.
//! Reflection results, the intake's answers and themes, and the progress
//! counts on the home page all ask [`Threshold`] whether they may show.

use super::service::admin_org;
use super::store;
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::db::Conn;
use crate::error::FieldError;
use crate::{Checks, Error, Kartrekker, Result};

/// No organisation may set its minimum group size lower than this.
pub const FLOOR: i64 = 3;
/// The minimum group size of a new organisation.
pub const DEFAULT: i64 = 5;
/// Larger minimums would hide every result of an ordinary team.
const CEILING: i64 = 50;

/// An organisation's minimum group size as the settings form sends it:
/// a 2 is refused with a message, never raised in silence.
pub fn parse_min_group_size(raw: &str) -> std::result::Result<i64, FieldError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (FLOOR..=CEILING).contains(n))
        .ok_or(FieldError { field: "min_group_size", key: "error-min-group-size" })
}

/// How many people a group result needs, as it applies to one result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Threshold(i64);

impl Threshold {
    /// The organisation's minimum, raised (never lowered) by what the result
    /// asks for itself.
    pub fn new(org_minimum: i64, asked: i64) -> Threshold {
        Threshold(org_minimum.max(asked).max(FLOOR))
    }
    pub fn needed(self) -> i64 {
        self.0
    }
    /// A result standing on `group` people, of whom `viewer_in` may be the
    /// one looking, may show: the viewer never counts.
    pub fn met(self, group: i64, viewer_in: bool) -> bool {
        group - i64::from(viewer_in) >= self.0
    }
    /// A group of `size` people (the viewer among them when `viewer_in`) that
    /// can never reach the threshold: say so before it starts.
    pub fn unreachable(self, size: i64, viewer_in: bool) -> bool {
        !self.met(size, viewer_in)
    }
}

/// A random id for an anonymous answer: above any counter's reach (2^40)
/// and exact in a JavaScript number (below 2^53). Migration 0018 uses the
/// same range.
pub fn unlinked_id() -> i64 {
    rand::random_range(1 << 40..1 << 53)
}

/// The threshold of a result in organisation `org_id` that asks for `asked`.
pub async fn threshold(c: &mut Conn, org_id: i64, asked: i64) -> Result<Threshold> {
    Ok(Threshold::new(store::min_group_size(c, org_id).await?, asked))
}

impl Kartrekker {
    /// The actor's organisation's minimum group size.
    pub async fn min_group_size(&self, actor: &Actor) -> Result<i64> {
        let org = actor.org_id().ok_or(Error::NotFound)?;
        Ok(store::min_group_size(&mut self.conn().await?, org).await?)
    }

    /// The administrator saves the organisation's settings: the reminder
    /// days and the minimum group size, both checked before either is stored.
    pub async fn save_org_settings(&self, actor: &Actor, reminder_days: &str, min_group_size: &str) -> Result<()> {
        let org = admin_org(actor)?;
        let mut checks = Checks::default();
        let days = checks.check(crate::actions::service::parse_reminder_days(reminder_days));
        let size = checks.check(parse_min_group_size(min_group_size));
        checks.finish()?;
        let (Some(days), Some(size)) = (days, size) else { return Err(Error::Internal("settings".into())) };
        let mut tx = self.db.begin().await?;
        crate::actions::store::set_reminder_days(&mut tx, org, days).await?;
        store::set_min_group_size(&mut tx, org, size).await?;
        let entry = Entry::by(actor, AuditAction::UpdateSettings, format!("organisation:{org}/settings"));
        self.audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimum_never_goes_below_three() {
        assert!(parse_min_group_size("2").is_err());
        assert_eq!(parse_min_group_size(" 3 "), Ok(3));
        assert!(parse_min_group_size("vijf").is_err());
        assert_eq!(Threshold::new(5, 3).needed(), 5);
        assert_eq!(Threshold::new(3, 6).needed(), 6);
    }

    #[test]
    fn the_viewer_never_counts() {
        let t = Threshold::new(5, 0);
        assert!(!t.met(5, true));
        assert!(t.met(5, false));
        assert!(t.met(6, true));
    }
}
