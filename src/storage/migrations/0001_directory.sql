-- 0001: directory (sectors, organisations, hubs, contacts, users), auth, audit.
-- Instants are integer UTC milliseconds (invariant 4). Booleans are 0/1 integers.
CREATE TABLE organisations (
  id {{id}},
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  prefecture INTEGER NOT NULL DEFAULT 0,
  size_class TEXT NOT NULL DEFAULT '',
  business_class TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  search_key TEXT NOT NULL,
  -- Copies of organisation_sectors / hub_members as comma-separated ids, written in the
  -- same statement group, so a listed page needs one query (the link tables serve filters).
  sector_ids TEXT NOT NULL DEFAULT '',
  hub_ids TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX organisations_kind ON organisations (kind, id);
CREATE INDEX organisations_prefecture ON organisations (prefecture, id);

CREATE TABLE sectors (
  id TEXT PRIMARY KEY,
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  ministry_org_id BIGINT REFERENCES organisations (id)
);

CREATE TABLE organisation_sectors (
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  sector_id TEXT NOT NULL REFERENCES sectors (id),
  PRIMARY KEY (org_id, sector_id)
);
CREATE INDEX organisation_sectors_sector ON organisation_sectors (sector_id, org_id);

CREATE TABLE hubs (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL,
  secretariat_org_id BIGINT NOT NULL REFERENCES organisations (id),
  emergency_contact_since TEXT NOT NULL DEFAULT '',
  handling_rules_since TEXT NOT NULL DEFAULT '',
  communication_means TEXT NOT NULL DEFAULT '',
  info_shared_ja TEXT NOT NULL DEFAULT ''
);
CREATE INDEX hubs_secretariat ON hubs (secretariat_org_id);

CREATE TABLE hub_sectors (
  hub_id BIGINT NOT NULL REFERENCES hubs (id),
  sector_id TEXT NOT NULL REFERENCES sectors (id),
  PRIMARY KEY (hub_id, sector_id)
);

CREATE TABLE hub_members (
  hub_id BIGINT NOT NULL REFERENCES hubs (id),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (hub_id, org_id)
);
CREATE INDEX hub_members_org ON hub_members (org_id, hub_id);

CREATE TABLE contacts (
  id {{id}},
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  hours TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contacts_org ON contacts (org_id);

CREATE TABLE users (
  id {{id}},
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  locale TEXT NOT NULL DEFAULT 'ja',
  roles TEXT NOT NULL DEFAULT '',  -- copy of user_roles, comma-separated
  password_hash TEXT NOT NULL DEFAULT '',
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_sign_in_at BIGINT
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);
CREATE INDEX user_roles_role ON user_roles (role, user_id);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE audit_log (
  id {{id}},
  at BIGINT NOT NULL,
  actor_user_id BIGINT,
  actor_label TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  target_type TEXT NOT NULL DEFAULT '',
  target_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
