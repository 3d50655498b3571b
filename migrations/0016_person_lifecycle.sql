-- A person can be deactivated (log-in refused, told nothing, kept in
-- history) and erased (personal data removed, the row kept under a neutral
-- label so that the actions and group results it is part of still add up).
ALTER TABLE people ADD COLUMN deactivated_at BIGINT;
ALTER TABLE people ADD COLUMN erased_at BIGINT;
-- The worker's retention purge reads these by age.
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX tokens_expires ON tokens(expires_at);
CREATE INDEX sessions_expires ON sessions(expires_at);
