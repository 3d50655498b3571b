-- Fair Process, evaluate (issue 17): each review of a decision whose review
-- date came, with who, when, what it showed and the next review date (if
-- any); the decision's own review_date moves on to that next date.
CREATE TABLE decision_reviews (
    id INTEGER PRIMARY KEY,
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    reviewed_by BIGINT NOT NULL REFERENCES people(id),
    due_on TEXT,
    note TEXT NOT NULL,
    next_review TEXT,
    reviewed_at BIGINT NOT NULL
);
CREATE INDEX decision_reviews_decision ON decision_reviews(decision_id);
-- A meeting's decision that became a Fair Process record points to it.
ALTER TABLE meeting_decisions ADD COLUMN decision_id BIGINT REFERENCES decisions(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX meeting_decisions_decision ON meeting_decisions(decision_id);
