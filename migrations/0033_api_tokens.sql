-- API tokens (issue 20, docs/decisions/0029): an organisation administrator
-- makes one for a program that calls /api/v1. Only the SHA-256 of the secret
-- is kept; the token acts with the rights of the administrator who made it,
-- narrowed to its scopes ("people:read actions:write", space separated).
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    created_by BIGINT NOT NULL REFERENCES people(id),
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_org ON api_tokens(org_id);
