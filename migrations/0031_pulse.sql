-- The workload pulse (issue 19, docs/decisions/0025): a short recurring
-- questionnaire per team on the instrument engine, answered anonymously.
-- A team's schedule: a round opens every `every_days` from `starts_on` and
-- takes answers for `open_days`.
CREATE TABLE pulse_schedules (
    team_id BIGINT PRIMARY KEY REFERENCES teams(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    instrument_id BIGINT NOT NULL REFERENCES instruments(id),
    every_days BIGINT NOT NULL CHECK (every_days BETWEEN 7 AND 56),
    open_days BIGINT NOT NULL CHECK (open_days >= 1 AND open_days <= every_days),
    starts_on TEXT NOT NULL,
    set_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX pulse_schedules_org ON pulse_schedules(org_id);
-- A round, opened by the worker once per period. The tallies are counts
-- over the anonymous answers, written with them: how many answered, how
-- many answered the workload item, and how many of those "too high".
CREATE TABLE pulse_rounds (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    instrument_id BIGINT NOT NULL REFERENCES instruments(id),
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    respondents BIGINT NOT NULL DEFAULT 0,
    rated BIGINT NOT NULL DEFAULT 0,
    too_high BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (team_id, opens_on)
);
CREATE INDEX pulse_rounds_org ON pulse_rounds(org_id, opens_on);
CREATE INDEX pulse_rounds_open ON pulse_rounds(closes_on, opens_on);
-- Who answered a round (so each answers once): personal data, kept apart.
CREATE TABLE pulse_marks (
    round_id BIGINT NOT NULL REFERENCES pulse_rounds(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, person_id)
);
CREATE INDEX pulse_marks_person ON pulse_marks(person_id);
-- The answers, one row per item: a random id, no person, no time, no tie
-- between the items of one respondent (docs/decisions/0012, 0025).
CREATE TABLE pulse_answers (
    id INTEGER PRIMARY KEY,
    round_id BIGINT NOT NULL REFERENCES pulse_rounds(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    number BIGINT,
    text TEXT
);
CREATE INDEX pulse_answers_round ON pulse_answers(round_id, item_id);
-- A business case scenario may be about named teams: HR sees their pulse beside it.
CREATE TABLE workforce_scenario_teams (
    scenario_id BIGINT NOT NULL REFERENCES workforce_scenarios(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    PRIMARY KEY (scenario_id, team_id)
);
CREATE INDEX workforce_scenario_teams_team ON workforce_scenario_teams(team_id);
