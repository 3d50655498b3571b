-- The audit trail (issue 16): whose personal data an entry is about, the
-- address the request came from, and the kind of entry (read, export,
-- change, sign-in) that the administrator's page filters on. Older entries
-- get their kind from their action.
ALTER TABLE audit_log ADD COLUMN subject_person_id BIGINT;
ALTER TABLE audit_log ADD COLUMN address TEXT;
ALTER TABLE audit_log ADD COLUMN kind TEXT NOT NULL DEFAULT 'change';
UPDATE audit_log SET kind = 'sign_in' WHERE action IN ('login', 'invitation', 'password_reset');
UPDATE audit_log SET kind = 'read' WHERE action = 'view_person';
UPDATE audit_log SET subject_person_id = CAST(substr(subject, 8) AS INTEGER) WHERE action IN ('view_person', 'create_person', 'update_person');
UPDATE audit_log SET subject_person_id = actor_id WHERE action IN ('login', 'invitation', 'password_reset');
-- The administrator's filters, newest first within the organisation; a
-- person's "who viewed my data" by subject.
CREATE INDEX audit_log_org_kind ON audit_log(org_id, kind, at);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at);
CREATE INDEX audit_log_subject_person ON audit_log(subject_person_id, at);
