-- Single sign-on with OpenID Connect (issue 20, docs/decisions/0030): one
-- provider per organisation, set by its administrator. The client secret is
-- kept as typed (the server must send it to the provider) and never shown back.
CREATE TABLE sso_providers (
    org_id BIGINT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    email_claim TEXT NOT NULL DEFAULT 'email',
    create_people BIGINT NOT NULL DEFAULT 0,
    passwords_allowed BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL
);
-- A log-in on its way through the provider: found by the hash of the secret
-- in the browser's `kt_sso` cookie, used once, for ten minutes.
CREATE TABLE sso_logins (
    browser_hash TEXT PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next_path TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sso_logins_expires ON sso_logins(expires_at);
-- The organisation whose provider made a session (none: a password): its
-- provider's own MFA stands in for two-step log-in, and only such a session
-- may switch into an organisation that refuses passwords.
ALTER TABLE sessions ADD COLUMN sso_org_id BIGINT REFERENCES organisations(id) ON DELETE CASCADE;
