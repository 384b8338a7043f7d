-- 0006: what the trust fixes of issue 13 store.
-- Sign-in failures counted atomically per (account, client address) and per account,
-- keyed by a hash of the normalised e-mail so unknown accounts count the same way.
CREATE TABLE signin_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  first_at BIGINT NOT NULL,
  locked_until BIGINT NOT NULL DEFAULT 0
);

-- Password resets: a one-time link mailed to the user. Only the SHA-256 of the link's
-- secret is kept for checking; mail_secret holds the secret until the mail has left
-- and is then cleared.
CREATE TABLE password_resets (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_by BIGINT NOT NULL REFERENCES users (id),
  reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  mail_secret TEXT NOT NULL DEFAULT '',
  mailed_at BIGINT,
  mail_attempts INTEGER NOT NULL DEFAULT 0,
  mail_not_before BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX password_resets_user ON password_resets (user_id);
CREATE INDEX password_resets_unsent ON password_resets (mail_not_before) WHERE mailed_at IS NULL;

-- The last reminder a sender asked for, for the minimum interval between reminders.
ALTER TABLE items ADD COLUMN last_reminded_at BIGINT;
