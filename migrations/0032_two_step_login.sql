-- Two-step log-in (docs/decisions/0027-two-step-log-in.md). One TOTP secret per
-- account (RFC 6238: SHA-1, 6 digits, 30 s), in base32 as authenticator apps take it;
-- `confirmed_at` stays NULL until a first code proves the app has it. `last_step` is
-- the last 30-second step accepted: a code of that step or an earlier one never counts again.
CREATE TABLE account_totp (
    account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    confirmed_at BIGINT,
    last_step BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
-- Ten single-use recovery codes per account, only their SHA-256 kept.
CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at BIGINT
);
CREATE INDEX recovery_codes_account ON recovery_codes(account_id);
-- Half logged in: the password was right, the second step is still to come. The
-- browser holds the secret whose SHA-256 is `token_hash`; it is no session, so no
-- page takes it, and it lasts five minutes.
CREATE TABLE login_challenges (
    token_hash TEXT PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
