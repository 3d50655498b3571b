-- The home page finds a person's trajectories as trainer, the plans they
-- follow as buddy and the cycles they lead: from these indexes, without
-- reading every organisation's rows.
CREATE INDEX trajectories_trainer ON trajectories(trainer_id);
CREATE INDEX reflection_participants_buddy ON reflection_participants(buddy_id);
CREATE INDEX reflection_cycles_leader ON reflection_cycles(leader_id);
