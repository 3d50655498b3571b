-- Answers stored in the order of their key (response, item): reading a
-- response's answers is one range of the table, not an index lookup and a
-- table lookup per answer (a results page reads hundreds).
CREATE TABLE answers_clustered (
    response_id BIGINT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    number BIGINT,
    text TEXT,
    PRIMARY KEY (response_id, item_id)
) WITHOUT ROWID;
INSERT INTO answers_clustered (response_id, item_id, number, text)
    SELECT response_id, item_id, number, text FROM answers;
DROP TABLE answers;
ALTER TABLE answers_clustered RENAME TO answers;
