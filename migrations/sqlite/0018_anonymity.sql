-- The smallest group any group result may stand on (docs/decisions/0012).
ALTER TABLE organisations ADD COLUMN min_group_size BIGINT NOT NULL DEFAULT 5 CHECK (min_group_size >= 3);
-- Anonymous intake answers that were stored before got their id from the
-- table's counter (so in the order people answered) and kept that order on
-- disk. Rewrite them in a random order with random ids, and drop any time
-- an edit left behind: nothing in the row follows the order of answering.
CREATE TEMP TABLE unlinked AS
    SELECT trajectory_id, question, text, theme_id FROM trajectory_intake_answers WHERE person_id IS NULL;
DELETE FROM trajectory_intake_answers WHERE person_id IS NULL;
INSERT INTO trajectory_intake_answers (id, trajectory_id, person_id, question, text, theme_id, updated_at)
    SELECT 1099511627776 + abs(random() % 9006099743113215), trajectory_id, NULL, question, text, theme_id, NULL
    FROM unlinked ORDER BY random();
DROP TABLE unlinked;
