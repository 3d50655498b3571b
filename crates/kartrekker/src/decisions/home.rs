//! The decisions part of a person's home page: input asked before the
//! deadline, the fairness question open, a decision made; for its leaders,
//! a decision whose review date has come.

use super::store;
use crate::Result;
use crate::clock::DAY_MS;
use crate::dates::Date;
use crate::db::Conn;

/// A decision stays on the home page this many days after it was made.
pub const DECIDED_DAYS_SHOWN: i64 = 14;

/// A decision of one of the person's teams that asks something of them now.
#[derive(Clone, Debug)]
pub struct DecisionItem {
    pub id: i64,
    pub team: String,
    pub title: String,
    pub input_deadline: Date,
    pub decided_at: Option<i64>,
    pub contributed: bool,
    pub answered: bool,
}

/// A decision of a team the person leads whose review date has come: it
/// stays on their home page until it is reviewed or revised.
#[derive(Clone, Debug)]
pub struct ReviewDue {
    pub id: i64,
    pub team: String,
    pub title: String,
    pub review_date: Date,
}

/// What the item asks of the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// Give input before the deadline.
    Input,
    /// The decision was made: did the process feel fair?
    Fairness,
    /// The decision was made (and the question answered).
    Decided,
}

impl DecisionItem {
    pub fn ask(&self) -> Ask {
        match (self.decided_at, self.answered) {
            (None, _) => Ask::Input,
            (Some(_), false) => Ask::Fairness,
            (Some(_), true) => Ask::Decided,
        }
    }
}

/// The decisions that ask something of the person now (for the home page,
/// on its connection); input already given is not asked again.
pub(crate) async fn for_home(c: &mut Conn, person_id: i64, today: Date, now: i64) -> Result<Vec<DecisionItem>> {
    let since = now - DECIDED_DAYS_SHOWN * DAY_MS;
    let mut items = store::for_home(c, person_id, today, since).await?;
    items.retain(|i| !(i.ask() == Ask::Input && i.contributed));
    Ok(items)
}
