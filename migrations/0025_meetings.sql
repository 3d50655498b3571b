-- Meetings and daily rhythm (issue 17): an organisation's own agenda
-- templates (the built-in ones live in the code), a team's meetings with
-- their agenda, attendance, notes, decisions, and recurring series.
CREATE TABLE meeting_templates (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX meeting_templates_org ON meeting_templates(org_id);
CREATE TABLE meeting_template_items (
    id INTEGER PRIMARY KEY,
    template_id BIGINT NOT NULL REFERENCES meeting_templates(id) ON DELETE CASCADE,
    ordinal BIGINT NOT NULL,
    title TEXT NOT NULL,
    minutes BIGINT NOT NULL,
    prompt TEXT NOT NULL
);
CREATE INDEX meeting_template_items_template ON meeting_template_items(template_id, ordinal);
CREATE TABLE meeting_series (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    recurrence TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    series_id BIGINT REFERENCES meeting_series(id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    start_time TEXT NOT NULL,
    chair_id BIGINT NOT NULL REFERENCES people(id),
    closed_at BIGINT,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX meetings_team ON meetings(team_id, held_on);
-- One meeting of a series per day: planning the next one twice plans it once.
CREATE UNIQUE INDEX meetings_series_day ON meetings(series_id, held_on);
CREATE TABLE meeting_items (
    id INTEGER PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    ordinal BIGINT NOT NULL,
    title TEXT NOT NULL,
    minutes BIGINT NOT NULL,
    prompt TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_items_meeting ON meeting_items(meeting_id, ordinal);
CREATE TABLE meeting_attendees (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    present BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX meeting_attendees_person ON meeting_attendees(person_id);
CREATE TABLE meeting_decisions (
    id INTEGER PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    concerns TEXT NOT NULL,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions(meeting_id);
-- Feedback on chairing (the KNMG card: preparation, leading the meeting,
-- group dynamics). Who was asked and whether they answered is kept apart
-- from the answers, which name nobody and carry no time: an answer cannot
-- be tied to its author.
CREATE TABLE meeting_feedback_requests (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    answered BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX meeting_feedback_requests_person ON meeting_feedback_requests(person_id, answered);
CREATE TABLE meeting_feedback (
    id INTEGER PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    preparation BIGINT NOT NULL,
    leadership BIGINT NOT NULL,
    dynamics BIGINT NOT NULL,
    comment TEXT NOT NULL
);
CREATE INDEX meeting_feedback_meeting ON meeting_feedback(meeting_id);
