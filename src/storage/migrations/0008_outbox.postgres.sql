-- 0008: one outbox for every module's mail. A row names its subject (subject_kind +
-- subject_id [+ subject_version]) and its message kind; both are stable codes, listed
-- here (a module adding a kind widens the CHECK in its own migration). Item mail keeps
-- its rows and ids (Message-IDs are made from them); pending password-reset mails move
-- here from password_resets, which kept its own small queue until now.
-- PostgreSQL changes the table in place (SQLite rebuilds it: the same columns and codes).
ALTER TABLE outbox DROP CONSTRAINT outbox_item_id_fkey;
ALTER TABLE outbox RENAME COLUMN item_id TO subject_id;
ALTER TABLE outbox RENAME COLUMN item_version TO subject_version;
ALTER TABLE outbox ALTER COLUMN subject_version SET DEFAULT 0;
ALTER TABLE outbox ADD COLUMN subject_kind TEXT NOT NULL DEFAULT 'item';
ALTER TABLE outbox ALTER COLUMN subject_kind DROP DEFAULT;
UPDATE outbox SET kind = CASE kind WHEN 'item' THEN 'item_published'
                                   WHEN 'revised' THEN 'item_revised'
                                   WHEN 'withdrawn' THEN 'item_withdrawn'
                                   WHEN 'reminder' THEN 'item_reminder'
                                   WHEN 'digest' THEN 'item_digest' END;
ALTER TABLE outbox
  ADD CONSTRAINT outbox_subject_kind_check CHECK (subject_kind IN ('item', 'password_reset')),
  ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('item_published', 'item_revised',
                                                   'item_withdrawn', 'item_reminder',
                                                   'item_digest', 'password_reset'));
DROP INDEX outbox_due;
DROP INDEX outbox_item;
-- The claim: due rows oldest first, a user's rows due together next to each other.
CREATE INDEX outbox_due ON outbox (not_before, user_id, id) WHERE sent_at IS NULL;
CREATE INDEX outbox_subject ON outbox (subject_kind, subject_id);

-- Reset mails not sent yet (their lease and back-off were kept in mail_not_before).
INSERT INTO outbox (subject_kind, subject_id, subject_version, kind, user_id, created_at,
                    not_before, attempts, last_error)
SELECT 'password_reset', id, 0, 'password_reset', user_id, created_at, mail_not_before,
       mail_attempts, last_error
FROM password_resets WHERE mailed_at IS NULL AND mail_secret <> '' ORDER BY id;
DROP INDEX password_resets_unsent;
ALTER TABLE password_resets DROP COLUMN mail_not_before;
ALTER TABLE password_resets DROP COLUMN mail_attempts;
ALTER TABLE password_resets DROP COLUMN last_error;
