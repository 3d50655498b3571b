CREATE TABLE trajectories (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL UNIQUE REFERENCES teams(id) ON DELETE CASCADE,
    trainer_id BIGINT NOT NULL REFERENCES people(id),
    phase TEXT NOT NULL,
    anonymous BIGINT NOT NULL DEFAULT 1,
    work_weeks BIGINT NOT NULL DEFAULT 6,
    interval_months BIGINT NOT NULL DEFAULT 6,
    work_started_on TEXT,
    started_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX trajectories_org ON trajectories(org_id, phase);
CREATE TABLE trajectory_sessions (
    id INTEGER PRIMARY KEY,
    trajectory_id BIGINT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    seq BIGINT NOT NULL DEFAULT 0,
    date TEXT,
    start_time TEXT,
    minutes BIGINT NOT NULL DEFAULT 120,
    agenda TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    results TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    completed_at BIGINT,
    UNIQUE (trajectory_id, kind, seq)
);
CREATE INDEX trajectory_sessions_due ON trajectory_sessions(kind, completed_at, date);
CREATE TABLE trajectory_attendance (
    session_id BIGINT NOT NULL REFERENCES trajectory_sessions(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, person_id)
);
CREATE TABLE trajectory_themes (
    id INTEGER PRIMARY KEY,
    trajectory_id BIGINT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    reflection TEXT NOT NULL DEFAULT '',
    UNIQUE (trajectory_id, title)
);
-- Intake answers. With an anonymous intake person_id and the times stay
-- empty: who took part is in trajectory_intake_participants, apart.
CREATE TABLE trajectory_intake_answers (
    id INTEGER PRIMARY KEY,
    trajectory_id BIGINT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
    person_id BIGINT REFERENCES people(id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    text TEXT NOT NULL,
    theme_id BIGINT REFERENCES trajectory_themes(id) ON DELETE SET NULL,
    updated_at BIGINT
);
CREATE INDEX trajectory_intake_answers_trajectory ON trajectory_intake_answers(trajectory_id, person_id);
CREATE TABLE trajectory_intake_participants (
    trajectory_id BIGINT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (trajectory_id, person_id)
);
CREATE TABLE trajectory_observations (
    id INTEGER PRIMARY KEY,
    trajectory_id BIGINT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
    observed_on TEXT NOT NULL,
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    theme_id BIGINT REFERENCES trajectory_themes(id) ON DELETE SET NULL,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX trajectory_observations_trajectory ON trajectory_observations(trajectory_id);
-- "Did this help?": one answer per person per action at each evaluation.
CREATE TABLE trajectory_helped (
    session_id BIGINT NOT NULL REFERENCES trajectory_sessions(id) ON DELETE CASCADE,
    action_id BIGINT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    helped BIGINT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (session_id, action_id, person_id)
);
