-- Notifications are their own area: a digest entry names its kind, team,
-- line and link, so that one daily digest lists every kind of notice (it
-- pointed at an action only). Pending items of the old table move along.
CREATE TABLE digest_entries (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    team_id BIGINT REFERENCES teams(id) ON DELETE CASCADE,
    line TEXT NOT NULL,
    path TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX digest_entries_person ON digest_entries(person_id, sent_at);
INSERT INTO digest_entries (person_id, kind, team_id, line, path, created_at, sent_at)
    SELECT d.person_id, d.kind, a.team_id, a.title, '/actions/' || a.id, d.created_at, d.sent_at
    FROM digest_items d JOIN actions a ON a.id = d.action_id WHERE d.sent_at IS NULL;
DROP TABLE digest_items;
-- A person's calendar feed: only the hash of its secret is kept; a new
-- secret replaces the old one, which stops working.
CREATE TABLE calendar_feeds (
    person_id BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
-- Reminder jobs of the old shape are retired: the scheduler queues them
-- again as notices under their new keys.
UPDATE jobs SET done_at = created_at WHERE kind = 'action_reminder' AND done_at IS NULL;
