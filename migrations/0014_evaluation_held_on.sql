-- The day an evaluation was held, beside the date it was planned for:
-- closing an evaluation no longer writes over its planned date.
ALTER TABLE trajectory_sessions ADD COLUMN held_on TEXT;
UPDATE trajectory_sessions SET held_on = date WHERE completed_at IS NOT NULL;
