-- The pulse on the agenda (issue 19, docs/decisions/0025): a team leader puts
-- a round's result on the agenda of one of the team's coming meetings; the
-- item points back to its round. A round goes on one meeting's agenda once.
ALTER TABLE meeting_items ADD COLUMN pulse_round_id BIGINT REFERENCES pulse_rounds(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX meeting_items_pulse_round ON meeting_items(pulse_round_id, meeting_id);
