-- One log-in for a person in several organisations (docs/decisions/0015-accounts.md):
-- the address, password, language and instance-admin flag move to `accounts`;
-- a `people` row is one membership of an organisation and points to its account.
-- `joined_at`: when this membership was first taken up (link used, log-in or switch);
-- until then the administrator sees the person as invited, whatever the account did elsewhere.
CREATE TABLE accounts (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    language TEXT,
    is_instance_admin BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
INSERT INTO accounts (id, email, password_hash, language, is_instance_admin, created_at)
    SELECT id, email, password_hash, language, is_instance_admin, created_at FROM people;
SELECT setval(pg_get_serial_sequence('accounts', 'id'), COALESCE((SELECT MAX(id) FROM accounts), 0) + 1, false);
ALTER TABLE people ADD COLUMN account_id BIGINT REFERENCES accounts(id);
ALTER TABLE people ADD COLUMN joined_at BIGINT;
UPDATE people SET account_id = id, joined_at = CASE WHEN password_hash IS NULL THEN NULL ELSE created_at END;
ALTER TABLE people ALTER COLUMN account_id SET NOT NULL;
ALTER TABLE people DROP COLUMN email;
ALTER TABLE people DROP COLUMN language;
ALTER TABLE people DROP COLUMN password_hash;
ALTER TABLE people DROP COLUMN is_instance_admin;
ALTER TABLE people ADD CONSTRAINT people_org_id_account_id_key UNIQUE (org_id, account_id);
CREATE INDEX people_account ON people(account_id);
-- The people import's column mapping, per organisation, for the next file
-- (docs/decisions/0016-import.md): header (lower case, no spaces or dashes) → field, NULL: not imported.
CREATE TABLE import_columns (
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    header TEXT NOT NULL,
    field TEXT,
    PRIMARY KEY (org_id, header)
);
