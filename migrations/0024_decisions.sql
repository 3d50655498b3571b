-- Fair Process decisions (KNMG card "Fair Process Leadership", issue 17):
-- a team's decision record walks engage, explore, decide, execute, evaluate.
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    problem TEXT NOT NULL,
    input_deadline TEXT NOT NULL,
    started_by BIGINT NOT NULL REFERENCES people(id),
    choice TEXT NOT NULL DEFAULT '',
    reasons TEXT NOT NULL DEFAULT '',
    consequences TEXT NOT NULL DEFAULT '',
    expectations TEXT NOT NULL DEFAULT '',
    review_date TEXT,
    decided_by BIGINT REFERENCES people(id),
    decided_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX decisions_team ON decisions(team_id, created_at);
-- Engage: each member's own contribution to the problem analysis, one per person.
CREATE TABLE decision_inputs (
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id),
    text TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (decision_id, person_id)
);
-- Explore: the options, with their pros, cons and the interests weighed.
CREATE TABLE decision_options (
    id INTEGER PRIMARY KEY,
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    pros TEXT NOT NULL,
    cons TEXT NOT NULL,
    interests TEXT NOT NULL,
    added_by BIGINT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL,
    UNIQUE (decision_id, title)
);
-- Evaluate: every revision of the choice, with who, when and why.
CREATE TABLE decision_revisions (
    id INTEGER PRIMARY KEY,
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    revised_by BIGINT NOT NULL REFERENCES people(id),
    reason TEXT NOT NULL,
    old_choice TEXT NOT NULL,
    new_choice TEXT NOT NULL,
    revised_at BIGINT NOT NULL
);
CREATE INDEX decision_revisions_decision ON decision_revisions(decision_id);
-- "Did the process feel fair?": who answered (so each answers once) ...
CREATE TABLE decision_fairness_marks (
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id),
    PRIMARY KEY (decision_id, person_id)
);
-- ... and the answers, apart: a random id, no person, no time (docs/decisions/0012, 0018).
CREATE TABLE decision_fairness_answers (
    id INTEGER PRIMARY KEY,
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    score BIGINT NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT NOT NULL
);
CREATE INDEX decision_fairness_answers_decision ON decision_fairness_answers(decision_id);
