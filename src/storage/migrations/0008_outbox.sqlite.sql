-- 0008: one outbox for every module's mail. A row names its subject (subject_kind +
-- subject_id [+ subject_version]) and its message kind; both are stable codes, listed
-- here (a module adding a kind widens the CHECK in its own migration). Item mail keeps
-- its rows and ids (Message-IDs are made from them); pending password-reset mails move
-- here from password_resets, which kept its own small queue until now.
-- SQLite cannot drop a foreign key or add a CHECK to a table: the table is rebuilt.
CREATE TABLE outbox_new (
  id INTEGER PRIMARY KEY,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('item', 'password_reset')),
  subject_id BIGINT NOT NULL,
  subject_version INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL CHECK (kind IN ('item_published', 'item_revised', 'item_withdrawn',
                                     'item_reminder', 'item_digest', 'password_reset')),
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
SELECT id, 'item', item_id, item_version,
       CASE kind WHEN 'item' THEN 'item_published' WHEN 'revised' THEN 'item_revised'
                 WHEN 'withdrawn' THEN 'item_withdrawn' WHEN 'reminder' THEN 'item_reminder'
                 WHEN 'digest' THEN 'item_digest' END,
       user_id, created_at, not_before, claimed_at, sent_at, attempts, last_error
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
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
