-- Attempts counted per key, for throttling (docs/decisions/0013): failed
-- log-ins per client address and per account at an address, reset e-mails
-- per address and per account. Was keyed by e-mail alone, which let anyone
-- lock anyone out. `account` lets a password change clear an account's keys.
DROP TABLE login_failures;
CREATE TABLE login_failures (
    scope TEXT PRIMARY KEY,
    account TEXT,
    failures BIGINT NOT NULL,
    window_start BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);
CREATE INDEX login_failures_account ON login_failures(account);
