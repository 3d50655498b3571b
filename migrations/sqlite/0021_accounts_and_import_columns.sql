-- One log-in for a person in several organisations (docs/decisions/0015-accounts.md):
-- the address, password, language and instance-admin flag move to `accounts`;
-- a `people` row is one membership of an organisation and points to its account.
-- `joined_at`: when this membership was first taken up (link used, log-in or switch);
-- until then the administrator sees the person as invited, whatever the account did elsewhere.
-- SQLite cannot drop the UNIQUE address column in place: the table is rebuilt, with
-- foreign keys off for this migration (see db/migrations.rs), so nothing cascades.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    language TEXT,
    is_instance_admin BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
INSERT INTO accounts (id, email, password_hash, language, is_instance_admin, created_at)
    SELECT id, email, password_hash, language, is_instance_admin, created_at FROM people;
CREATE TABLE people_new (
    id INTEGER PRIMARY KEY,
    org_id BIGINT REFERENCES organisations(id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL,
    profession TEXT NOT NULL,
    joined_at BIGINT,
    created_at BIGINT NOT NULL,
    deactivated_at BIGINT,
    erased_at BIGINT,
    UNIQUE (org_id, account_id)
);
INSERT INTO people_new (id, org_id, account_id, name, profession, joined_at, created_at, deactivated_at, erased_at)
    SELECT id, org_id, id, name, profession, CASE WHEN password_hash IS NULL THEN NULL ELSE created_at END, created_at,
        deactivated_at, erased_at
    FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;
CREATE INDEX people_org ON people(org_id);
CREATE INDEX people_account ON people(account_id);
-- The people import's column mapping, per organisation, for the next file
-- (docs/decisions/0016-import.md): header (lower case, no spaces or dashes) → field, NULL: not imported.
CREATE TABLE import_columns (
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    header TEXT NOT NULL,
    field TEXT,
    PRIMARY KEY (org_id, header)
);
