-- 0009: the reporting window's receipts, questions and answers, and its mail.
-- Receipt numbers (受付番号): one per submitted phase, R-<year>-<number>, counted per
-- year in JST and never reused. Messages are questions (from recipients), answers (from
-- the reporter, naming the question) or notes (from the reporter, answering nothing);
-- messages written before this are notes when the reporter wrote them. The outbox learns
-- the report mails (SQLite rebuilds the table; here the CHECKs are replaced).
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

ALTER TABLE outbox
  DROP CONSTRAINT outbox_subject_kind_check,
  DROP CONSTRAINT outbox_kind_check,
  ADD CONSTRAINT outbox_subject_kind_check CHECK (subject_kind IN ('item', 'password_reset',
                                                                   'report')),
  ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('item_published', 'item_revised',
                                                   'item_withdrawn', 'item_reminder',
                                                   'item_digest', 'password_reset',
                                                   'report_arrived', 'report_phase',
                                                   'report_question', 'report_answer',
                                                   'report_overdue'));
