CREATE TABLE instruments (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    org_id BIGINT REFERENCES organisations(id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    version BIGINT NOT NULL,
    title_nl TEXT NOT NULL,
    title_en TEXT NOT NULL,
    source TEXT NOT NULL,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (owner, slug, version)
);
CREATE TABLE responses (
    id INTEGER PRIMARY KEY,
    instrument_id BIGINT NOT NULL REFERENCES instruments(id),
    org_id BIGINT REFERENCES organisations(id) ON DELETE CASCADE,
    respondent_id BIGINT REFERENCES people(id) ON DELETE CASCADE,
    context TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT
);
CREATE INDEX responses_context ON responses(context);
CREATE INDEX responses_respondent ON responses(respondent_id);
CREATE TABLE answers (
    response_id BIGINT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    number BIGINT,
    text TEXT,
    PRIMARY KEY (response_id, item_id)
);
