-- Sessions on the settings page: when each was last used and in which
-- browser (its User-Agent, cut short). created_at already counts the
-- absolute lifetime.
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
