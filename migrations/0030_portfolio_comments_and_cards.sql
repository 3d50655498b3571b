-- The resident's portfolio, continued (issue 18, docs/decisions/0024).
-- An opleider's comment on what a resident shared with them: on one
-- activity, or on the portfolio as a whole (activity_id NULL). The resident
-- reads it; the author's name stays on it until the author is erased.
CREATE TABLE portfolio_comments (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    activity_id BIGINT REFERENCES portfolio_activities(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX portfolio_comments_resident ON portfolio_comments(resident_id, created_at);
-- The inspiration cards as an organisation's administrators wrote them:
-- `code` names the built-in card a row replaces; an own card has none.
-- A built-in card without a row keeps the text of the Fluent files.
CREATE TABLE portfolio_cards (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    code TEXT,
    title_nl TEXT NOT NULL,
    text_nl TEXT NOT NULL,
    title_en TEXT NOT NULL,
    text_en TEXT NOT NULL,
    updated_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (org_id, code)
);
