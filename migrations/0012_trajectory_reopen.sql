-- A step reopened by the trainer, with the reason, for the step's history.
-- What the team wrote in the later step stays; this only records the way back.
CREATE TABLE trajectory_reopenings (
    id INTEGER PRIMARY KEY,
    trajectory_id BIGINT NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
    from_phase TEXT NOT NULL,
    to_phase TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    at BIGINT NOT NULL
);
CREATE INDEX trajectory_reopenings_trajectory ON trajectory_reopenings(trajectory_id, at);
