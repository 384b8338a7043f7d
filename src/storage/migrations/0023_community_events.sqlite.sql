-- 0023: what an event keeps after it is held (issue 20, docs/community.md) — its materials
-- (links and notes the secretariat adds), each attendee's short feedback (a rating 1–5 and a
-- comment, once) — and the reminder mail of a registration: the outbox learns the subject
-- kind community_event and the kind community_event_reminder (SQLite cannot alter a CHECK,
-- so the table is rebuilt as in 0021).
ALTER TABLE community_events ADD COLUMN materials TEXT NOT NULL DEFAULT '';
ALTER TABLE community_registrations ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE community_registrations ADD COLUMN comment TEXT NOT NULL DEFAULT '';
ALTER TABLE community_registrations ADD COLUMN feedback_at BIGINT;

CREATE TABLE outbox_new (
  id INTEGER PRIMARY KEY,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('item', 'password_reset', 'report',
                                                     'survey', 'community_event')),
  subject_id BIGINT NOT NULL,
  subject_version INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL CHECK (kind IN ('item_published', 'item_revised', 'item_withdrawn',
                                     'item_reminder', 'item_digest', 'password_reset',
                                     'report_arrived', 'report_phase', 'report_question',
                                     'report_answer', 'report_overdue', 'survey_reminder',
                                     'community_event_reminder')),
  user_id BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  not_before BIGINT NOT NULL,
  claimed_at BIGINT,
  sent_at BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
INSERT INTO outbox_new (id, subject_kind, subject_id, subject_version, kind, user_id, created_at,
                        not_before, claimed_at, sent_at, attempts, last_error)
SELECT id, subject_kind, subject_id, subject_version, kind, user_id, created_at, not_before,
       claimed_at, sent_at, attempts, last_error
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (not_before, user_id, id) WHERE sent_at IS NULL;
CREATE INDEX outbox_subject ON outbox (subject_kind, subject_id);
CREATE INDEX outbox_errors ON outbox (id) WHERE last_error <> '';
