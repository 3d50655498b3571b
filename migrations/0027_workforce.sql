CREATE TABLE workforce_scenarios (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    team_fte BIGINT NOT NULL,
    headcount BIGINT NOT NULL,
    patients_per_shift BIGINT NOT NULL,
    today_bachelor BIGINT NOT NULL,
    today_vocational BIGINT NOT NULL,
    today_support BIGINT NOT NULL,
    today_patients BIGINT NOT NULL,
    new_bachelor BIGINT NOT NULL,
    new_vocational BIGINT NOT NULL,
    new_support BIGINT NOT NULL,
    new_patients BIGINT NOT NULL,
    cost_bachelor BIGINT NOT NULL,
    cost_vocational BIGINT NOT NULL,
    cost_support BIGINT NOT NULL,
    transition BIGINT NOT NULL,
    turnover_rate BIGINT NOT NULL,
    cost_per_leaver BIGINT NOT NULL,
    turnover_reduction BIGINT NOT NULL,
    absence_rate BIGINT NOT NULL,
    absence_reduction BIGINT NOT NULL,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX workforce_scenarios_org ON workforce_scenarios(org_id, name);
CREATE TABLE workforce_scenario_shares (
    scenario_id BIGINT NOT NULL REFERENCES workforce_scenarios(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (scenario_id, person_id)
);
CREATE INDEX workforce_scenario_shares_person ON workforce_scenario_shares(person_id);
