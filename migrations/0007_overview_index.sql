-- The program leader's overview counts open and overdue actions per team of
-- one organisation: from this index alone, without reading other
-- organisations' actions.
CREATE INDEX actions_org_open ON actions(org_id, status, team_id, due_date);
