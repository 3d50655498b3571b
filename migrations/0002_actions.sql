ALTER TABLE organisations ADD COLUMN reminder_days BIGINT NOT NULL DEFAULT 3;
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    goal TEXT NOT NULL,
    kartrekker_id BIGINT NOT NULL REFERENCES people(id),
    status TEXT NOT NULL,
    due_date TEXT,
    evaluation_date TEXT,
    result TEXT NOT NULL DEFAULT '',
    origin_kind TEXT NOT NULL,
    origin_id BIGINT,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX actions_team ON actions(team_id, status);
CREATE INDEX actions_kartrekker ON actions(kartrekker_id, status);
CREATE INDEX actions_due ON actions(status, due_date);
CREATE INDEX actions_origin ON actions(origin_kind, origin_id);
CREATE TABLE action_updates (
    id INTEGER PRIMARY KEY,
    action_id BIGINT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX action_updates_action ON action_updates(action_id);
CREATE TABLE action_history (
    id INTEGER PRIMARY KEY,
    action_id BIGINT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    actor_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    at BIGINT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL
);
CREATE INDEX action_history_action ON action_history(action_id);
CREATE TABLE notification_prefs (
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    mode TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
);
CREATE TABLE digest_items (
    id INTEGER PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    action_id BIGINT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX digest_items_person ON digest_items(person_id, sent_at);
