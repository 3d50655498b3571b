-- A personal action plan from a reflection cycle can be private: its actions
-- stay off the team's board and lists, for their kartrekker only (1).
ALTER TABLE actions ADD COLUMN private BIGINT NOT NULL DEFAULT 0;
