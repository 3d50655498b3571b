//! How many attempts a key may make before it waits, and how long
//! (docs/decisions/0013). Log-ins are counted per client address and per
//! account at an address, never per account alone: someone elsewhere then
//! cannot lock the real person out, they only slow themselves down.

use std::net::IpAddr;

use crate::clock::{HOUR_MS, MINUTE_MS};

/// `free` attempts, then a wait that starts at `first_wait_ms` and doubles
/// with each further attempt up to `max_wait_ms`; an attempt after
/// `forget_ms` of quiet starts the count again.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub free: i64,
    pub first_wait_ms: i64,
    pub max_wait_ms: i64,
    pub forget_ms: i64,
}

/// Failed log-ins for one account from one address.
pub const LOGIN_ACCOUNT_AT_ADDRESS: Limit =
    Limit { free: 5, first_wait_ms: MINUTE_MS, max_wait_ms: 15 * MINUTE_MS, forget_ms: HOUR_MS };
/// Failed log-ins from one address, any account: generous, as a whole
/// hospital may reach us through one address.
pub const LOGIN_ADDRESS: Limit =
    Limit { free: 50, first_wait_ms: MINUTE_MS, max_wait_ms: 15 * MINUTE_MS, forget_ms: HOUR_MS };
/// Reset e-mails asked for from one address.
pub const RESET_ADDRESS: Limit =
    Limit { free: 10, first_wait_ms: 5 * MINUTE_MS, max_wait_ms: HOUR_MS, forget_ms: 2 * HOUR_MS };
/// Reset e-mails sent to one account: the latest link stays valid, so a
/// limit here keeps an inbox from being flooded without locking anyone out.
pub const RESET_ACCOUNT: Limit =
    Limit { free: 3, first_wait_ms: 15 * MINUTE_MS, max_wait_ms: HOUR_MS, forget_ms: 2 * HOUR_MS };

impl Limit {
    /// Until when the key must wait, after `count` attempts, the last at `last`.
    pub fn wait_until(&self, count: i64, last: i64, now: i64) -> Option<i64> {
        if count < self.free || last < now - self.forget_ms {
            return None;
        }
        let doublings = (count - self.free).min(16) as u32;
        let until = last + self.first_wait_ms.saturating_mul(1 << doublings).min(self.max_wait_ms);
        (until > now).then_some(until)
    }
}

/// The keys attempts are counted under.
pub fn login_address(client: IpAddr) -> String {
    format!("login-address {client}")
}
pub fn login_account(email: &str, client: IpAddr) -> String {
    format!("login-account {email} {client}")
}
pub fn reset_address(client: IpAddr) -> String {
    format!("reset-address {client}")
}
pub fn reset_account(email: &str) -> String {
    format!("reset-account {email}")
}

/// Whole minutes until `until`, at least one: for the message.
pub fn minutes_until(until: i64, now: i64) -> i64 {
    ((until - now + MINUTE_MS - 1) / MINUTE_MS).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_start_after_the_free_attempts_double_and_are_forgotten() {
        let l = LOGIN_ACCOUNT_AT_ADDRESS;
        assert_eq!(l.wait_until(4, 0, 0), None);
        assert_eq!(l.wait_until(5, 0, 0), Some(MINUTE_MS));
        assert_eq!(l.wait_until(6, 0, 0), Some(2 * MINUTE_MS));
        assert_eq!(l.wait_until(7, 0, 0), Some(4 * MINUTE_MS));
        assert_eq!(l.wait_until(60, 0, 0), Some(15 * MINUTE_MS), "capped");
        assert_eq!(l.wait_until(6, 0, 2 * MINUTE_MS), None, "waited long enough");
        assert_eq!(l.wait_until(60, 0, HOUR_MS + 1), None, "forgotten");
        assert_eq!(minutes_until(MINUTE_MS + 1, 0), 2);
    }
}
