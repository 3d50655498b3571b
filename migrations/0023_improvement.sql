-- Verwonder & Verbeter (issue 17): verwonderpunten, their posters, supports and
-- comments, who triages besides the team leader, improvement projects with
-- their PDCA cycles and measured data points.
CREATE TABLE verwonderpunten (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    anonymous BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    merged_into BIGINT REFERENCES verwonderpunten(id),
    action_id BIGINT REFERENCES actions(id) ON DELETE SET NULL,
    project_id BIGINT,
    support BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    triaged_at BIGINT
);
CREATE INDEX verwonderpunten_team ON verwonderpunten(team_id, status);
-- Who posted a point (several, once points are merged). For an anonymous
-- point this is the only link to its poster: no page shows it, it exists so
-- that the outcome reaches them (docs/decisions/0017). No time is kept.
CREATE TABLE verwonder_posters (
    point_id BIGINT NOT NULL REFERENCES verwonderpunten(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    anonymous BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (point_id, person_id)
);
CREATE INDEX verwonder_posters_person ON verwonder_posters(person_id);
CREATE TABLE verwonder_supports (
    point_id BIGINT NOT NULL REFERENCES verwonderpunten(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (point_id, person_id)
);
CREATE TABLE verwonder_comments (
    id INTEGER PRIMARY KEY,
    point_id BIGINT NOT NULL REFERENCES verwonderpunten(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX verwonder_comments_point ON verwonder_comments(point_id);
-- Members the team chose to triage besides its team leaders.
CREATE TABLE improvement_triagers (
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, person_id)
);
CREATE TABLE improvement_projects (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    point_id BIGINT REFERENCES verwonderpunten(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    kartrekker_id BIGINT NOT NULL REFERENCES people(id),
    problem TEXT NOT NULL,
    aim_what TEXT NOT NULL DEFAULT '',
    aim_how_much TEXT NOT NULL DEFAULT '',
    aim_by TEXT,
    measure_name TEXT NOT NULL DEFAULT '',
    measure_unit TEXT NOT NULL DEFAULT '',
    higher_is_better BIGINT NOT NULL DEFAULT 1,
    baseline_until TEXT,
    status TEXT NOT NULL,
    result TEXT NOT NULL DEFAULT '',
    closed_at BIGINT,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX improvement_projects_team ON improvement_projects(team_id, status);
CREATE INDEX improvement_projects_org ON improvement_projects(org_id, status);
CREATE TABLE improvement_cycles (
    id INTEGER PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES improvement_projects(id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    plan TEXT NOT NULL DEFAULT '',
    done TEXT NOT NULL DEFAULT '',
    study TEXT NOT NULL DEFAULT '',
    act TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX improvement_cycles_project ON improvement_cycles(project_id);
CREATE TABLE improvement_data (
    project_id BIGINT NOT NULL REFERENCES improvement_projects(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (project_id, on_date)
);
