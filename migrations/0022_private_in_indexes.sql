-- A private personal plan's actions are left out of the team's counts
-- (overview, home, "done earlier" on the board): `private` in the indexes
-- keeps those counts index-only.
DROP INDEX actions_org_open;
CREATE INDEX actions_org_open ON actions(org_id, status, team_id, due_date, private);
DROP INDEX actions_team;
CREATE INDEX actions_team ON actions(team_id, status, updated_at, private);
