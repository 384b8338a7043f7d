-- 0023: what an event keeps after it is held (issue 20, docs/community.md) — its materials
-- (links and notes the secretariat adds), each attendee's short feedback (a rating 1–5 and a
-- comment, once) — and the reminder mail of a registration: the outbox learns the subject
-- kind community_event and the kind community_event_reminder.
ALTER TABLE community_events ADD COLUMN materials TEXT NOT NULL DEFAULT '';
ALTER TABLE community_registrations ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE community_registrations ADD COLUMN comment TEXT NOT NULL DEFAULT '';
ALTER TABLE community_registrations ADD COLUMN feedback_at BIGINT;

ALTER TABLE outbox
  DROP CONSTRAINT outbox_subject_kind_check,
  DROP CONSTRAINT outbox_kind_check,
  ADD CONSTRAINT outbox_subject_kind_check CHECK (subject_kind IN ('item', 'password_reset',
                                                                   'report', 'survey',
                                                                   'community_event')),
  ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('item_published', 'item_revised',
                                                   'item_withdrawn', 'item_reminder',
                                                   'item_digest', 'password_reset',
                                                   'report_arrived', 'report_phase',
                                                   'report_question', 'report_answer',
                                                   'report_overdue', 'survey_reminder',
                                                   'community_event_reminder'));
