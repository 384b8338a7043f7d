-- 0009: the reporting window's receipts, questions and answers, and its mail.
-- Receipt numbers (受付番号): one per submitted phase, R-<year>-<number>, counted per
-- year in JST and never reused. Messages are questions (from recipients), answers (from
-- the reporter, naming the question) or notes (from the reporter, answering nothing);
-- messages written before this are notes when the reporter wrote them. The outbox learns
-- the report mails; SQLite cannot widen a CHECK, so the table is rebuilt (same columns and
-- ids as 0008's).
ALTER TABLE report_versions ADD COLUMN receipt_no TEXT;
CREATE UNIQUE INDEX report_versions_receipt ON report_versions (receipt_no);
CREATE TABLE report_receipt_counters (
  year INTEGER PRIMARY KEY,
  last_no BIGINT NOT NULL
);

ALTER TABLE report_messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'question'
  CHECK (kind IN ('question', 'answer', 'note'));
ALTER TABLE report_messages ADD COLUMN answer_to BIGINT REFERENCES report_messages (id);
UPDATE report_messages SET kind = 'note' WHERE author_org_id =
  (SELECT c.reporter_org_id FROM report_cases c WHERE c.id = report_messages.case_id);
CREATE INDEX report_messages_answer ON report_messages (answer_to) WHERE answer_to IS NOT NULL;

CREATE TABLE outbox_new (
  id INTEGER PRIMARY KEY,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('item', 'password_reset', 'report')),
  subject_id BIGINT NOT NULL,
  subject_version INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL CHECK (kind IN ('item_published', 'item_revised', 'item_withdrawn',
                                     'item_reminder', 'item_digest', 'password_reset',
                                     'report_arrived', 'report_phase', 'report_question',
                                     'report_answer', 'report_overdue')),
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
