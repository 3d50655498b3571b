ALTER TABLE reflection_participants ADD COLUMN preparation_notes TEXT NOT NULL DEFAULT '';
ALTER TABLE reflection_participants ADD COLUMN topics TEXT NOT NULL DEFAULT '';
ALTER TABLE reflection_participants ADD COLUMN intended_actions TEXT NOT NULL DEFAULT '';
ALTER TABLE reflection_participants ADD COLUMN personal_meaning TEXT NOT NULL DEFAULT '';
ALTER TABLE reflection_participants ADD COLUMN safeguarding TEXT NOT NULL DEFAULT '';
ALTER TABLE reflection_participants ADD COLUMN buddy_id BIGINT REFERENCES people(id) ON DELETE SET NULL;
ALTER TABLE reflection_participants ADD COLUMN follow_up_date TEXT;
CREATE TABLE reflection_minutes (
    cycle_id BIGINT NOT NULL REFERENCES reflection_cycles(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    step TEXT NOT NULL,
    minutes BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    recorded_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    PRIMARY KEY (cycle_id, person_id, step)
);
