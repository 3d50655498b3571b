-- One-time tokens of creating forms (docs/decisions/0008): the first submit
-- claims its token; a second submit of the same page finds the claim and is
-- sent to the first one's result (`target`, empty while it still runs).
CREATE TABLE form_submissions (
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    token TEXT NOT NULL,
    target TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, token)
);
CREATE INDEX form_submissions_created ON form_submissions(created_at);
