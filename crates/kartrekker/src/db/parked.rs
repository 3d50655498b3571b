//! The connection a request puts down between two of its services, for the
//! next service to take up again: one checkout per request instead of one per
//! service (and on SQLite one read transaction). One slot per request, for
//! either database; `Db::id` tells whose connection it holds.
//!
//! Kept (docs/decisions/0007): without it PostgreSQL took half the submissions
//! per second (690 against 1,400–1,750 at scale 1), near the budget's 500.

use std::cell::RefCell;
use std::future::Future;

use super::Conn;

tokio::task_local! {
    static SLOT: RefCell<Option<(usize, Conn)>>;
}

/// Runs a request with the slot: outside one, connections go straight back
/// to their pool.
pub async fn scoped<F: Future>(f: F) -> F::Output {
    SLOT.scope(RefCell::new(None), f).await
}

/// The connection of database `db` put down in this request, if any.
pub(super) fn take(db: usize) -> Option<Conn> {
    SLOT.try_with(|s| {
        let mut s = s.borrow_mut();
        if s.as_ref().is_some_and(|(owner, _)| *owner == db) { s.take().map(|(_, c)| c) } else { None }
    })
    .ok()
    .flatten()
}

/// Puts a connection down, inside a request whose slot is free; otherwise
/// hands it back, for its pool.
pub(super) fn put(db: usize, c: Conn) -> Option<Conn> {
    let mut c = Some(c);
    let _ = SLOT.try_with(|s| {
        let mut s = s.borrow_mut();
        if s.is_none() {
            *s = c.take().map(|c| (db, c));
        }
    });
    c
}

/// Gives the put-down connection back to its pool: before a transaction takes
/// one, or a request waits a long while for something else (a turn at
/// password hashing), so that requests waiting never all hold one.
pub fn release() {
    if let Some((_, c)) = SLOT.try_with(|s| s.borrow_mut().take()).ok().flatten() {
        c.into_pool();
    }
}
