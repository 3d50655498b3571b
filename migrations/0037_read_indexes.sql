-- The pulse pages read their answers by round and item for the number only:
-- with the number in the index, a team's trend reads no table rows (the
-- answers' random ids scatter them over the table's pages).
DROP INDEX pulse_answers_round;
CREATE INDEX pulse_answers_round ON pulse_answers(round_id, item_id, number);
-- The home page of HR, the board and program leaders counts the teams whose
-- round closed lately, per organisation.
CREATE INDEX pulse_rounds_org_closes ON pulse_rounds(org_id, closes_on);
-- Every home page asks for the portfolio feedback asked of the person by
-- their address (someone without a resident's role may be asked too).
CREATE INDEX portfolio_feedback_giver ON portfolio_feedback(giver_email, status, created_at);
