CREATE TABLE reflection_cycles (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    leader_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    instrument_id BIGINT NOT NULL REFERENCES instruments(id),
    colleague_instrument_id BIGINT NOT NULL REFERENCES instruments(id),
    min_raters BIGINT NOT NULL,
    self_date TEXT NOT NULL,
    preparation_date TEXT NOT NULL,
    conversation_date TEXT NOT NULL,
    plan_date TEXT NOT NULL,
    feedback_closed_at BIGINT,
    group_notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX reflection_cycles_team ON reflection_cycles(team_id);
CREATE TABLE reflection_participants (
    cycle_id BIGINT NOT NULL REFERENCES reflection_cycles(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (cycle_id, person_id)
);
CREATE INDEX reflection_participants_person ON reflection_participants(person_id);
CREATE TABLE reflection_requests (
    cycle_id BIGINT NOT NULL REFERENCES reflection_cycles(id) ON DELETE CASCADE,
    subject_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    rater_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (cycle_id, subject_id, rater_id)
);
CREATE INDEX reflection_requests_rater ON reflection_requests(rater_id);
