-- The resident's leadership portfolio (issue 18, docs/decisions/0020).
-- A resident's phase, set by an opleider who trains them, with its date.
CREATE TABLE portfolio_phases (
    resident_id BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    since TEXT NOT NULL,
    set_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    set_at BIGINT NOT NULL
);
-- An everyday situation with its short reflection; `link_kind`/`link_id`
-- point at something that already exists (an action today; more kinds later).
CREATE TABLE portfolio_activities (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    resident_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    level TEXT NOT NULL,
    phase TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    what TEXT NOT NULL,
    went_well TEXT NOT NULL,
    next_time TEXT NOT NULL,
    card TEXT,
    link_kind TEXT,
    link_id BIGINT,
    shared BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX portfolio_activities_resident ON portfolio_activities(resident_id, happened_on);
-- Feedback asked of anyone through a single-use personal link: only the
-- SHA-256 of the link's secret is kept; a reminder replaces it.
CREATE TABLE portfolio_feedback (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    resident_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    activity_id BIGINT REFERENCES portfolio_activities(id) ON DELETE SET NULL,
    form TEXT NOT NULL,
    situation TEXT NOT NULL,
    giver_name TEXT NOT NULL,
    giver_email TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    expires_at BIGINT NOT NULL,
    reminded_at BIGINT,
    status TEXT NOT NULL,
    answer_1 TEXT NOT NULL DEFAULT '',
    answer_2 TEXT NOT NULL DEFAULT '',
    answer_3 TEXT NOT NULL DEFAULT '',
    answered_at BIGINT,
    reflection TEXT NOT NULL DEFAULT '',
    shared BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX portfolio_feedback_resident ON portfolio_feedback(resident_id, created_at);
CREATE INDEX portfolio_feedback_open ON portfolio_feedback(status, created_at);
-- The profile plan ("maak je eigen profiel"): every save is a new version.
CREATE TABLE portfolio_plans (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    kind_of_doctor TEXT NOT NULL,
    look_around TEXT NOT NULL,
    ask_others TEXT NOT NULL,
    possibilities TEXT NOT NULL,
    timing TEXT NOT NULL,
    in_order TEXT NOT NULL,
    shared BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (resident_id, version)
);
