-- 0020: information that requires a security clearance (セキュリティクリアランス, issue 21).
-- A person's clearance (level, granted by a national-centre administrator, valid until) and
-- an organisation's certification as a handler (適合事業者, valid until); an item may require
-- a level on top of its label and audience (items.clearance: 0 none, else the level's rank,
-- domain/directory/clearance.h kClearanceLevels). Revoking deletes the row (the audit log
-- keeps the history); an expired row grants nothing (the visibility rule compares
-- valid_until with the reading instant).
CREATE TABLE user_clearances (
  user_id BIGINT PRIMARY KEY REFERENCES users (id),
  level INTEGER NOT NULL CHECK (level IN (1, 2)),
  valid_until BIGINT NOT NULL,
  granted_by BIGINT NOT NULL REFERENCES users (id),
  granted_at BIGINT NOT NULL
);
CREATE TABLE certified_handlers (
  org_id BIGINT PRIMARY KEY REFERENCES organisations (id),
  valid_until BIGINT NOT NULL,
  certified_by BIGINT NOT NULL REFERENCES users (id),
  certified_at BIGINT NOT NULL
);
ALTER TABLE items ADD COLUMN clearance INTEGER NOT NULL DEFAULT 0 CHECK (clearance IN (0, 1, 2));
