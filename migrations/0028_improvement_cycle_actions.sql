-- PDCA cycles of an improvement project (issue 17): the actions agreed in a
-- cycle. The action itself lives in the register (origin "Verwonderpunt",
-- the project's point); this row says which cycle it came from.
CREATE TABLE improvement_cycle_actions (
    action_id BIGINT NOT NULL PRIMARY KEY REFERENCES actions(id) ON DELETE CASCADE,
    cycle_id BIGINT NOT NULL REFERENCES improvement_cycles(id) ON DELETE CASCADE
);
CREATE INDEX improvement_cycle_actions_cycle ON improvement_cycle_actions(cycle_id);
