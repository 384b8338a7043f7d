-- 0002: shared items, their audiences and versions, deliveries, attachments, mail outbox.
ALTER TABLE users ADD COLUMN notify_mode TEXT NOT NULL DEFAULT 'immediate';

CREATE TABLE items (
  id {{id}},
  kind TEXT NOT NULL,
  tlp TEXT NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  author_user_id BIGINT NOT NULL REFERENCES users (id),
  sender_org_id BIGINT NOT NULL REFERENCES organisations (id),
  is_public INTEGER NOT NULL DEFAULT 0,
  urgent INTEGER NOT NULL DEFAULT 0,
  mail_text INTEGER NOT NULL DEFAULT 0,
  -- audience.roles as a bit mask (0 = every role) and as text for display.
  role_mask BIGINT NOT NULL DEFAULT 0,
  roles TEXT NOT NULL DEFAULT '',
  -- The current version's content (item_versions keeps every version).
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  action_requested TEXT NOT NULL DEFAULT '',
  action_due_at BIGINT,
  cve_ids TEXT NOT NULL DEFAULT '',
  affected_products TEXT NOT NULL DEFAULT '',
  detection TEXT NOT NULL DEFAULT '',
  mitigation TEXT NOT NULL DEFAULT '',
  search_key TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  withdrawn_at BIGINT,
  withdrawn_reason TEXT NOT NULL DEFAULT '',
  reminded_at BIGINT
);
CREATE INDEX items_sender ON items (sender_org_id, id);
CREATE INDEX items_tlp ON items (tlp, id);
CREATE INDEX items_due ON items (action_due_at) WHERE reminded_at IS NULL;

CREATE TABLE item_versions (
  item_id BIGINT NOT NULL REFERENCES items (id),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  action_requested TEXT NOT NULL DEFAULT '',
  action_due_at BIGINT,
  cve_ids TEXT NOT NULL DEFAULT '',
  affected_products TEXT NOT NULL DEFAULT '',
  detection TEXT NOT NULL DEFAULT '',
  mitigation TEXT NOT NULL DEFAULT '',
  edited_by BIGINT NOT NULL REFERENCES users (id),
  edited_at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (item_id, version)
);

-- The audience as the sender gave it.
CREATE TABLE item_sectors (
  item_id BIGINT NOT NULL REFERENCES items (id),
  sector_id TEXT NOT NULL REFERENCES sectors (id),
  PRIMARY KEY (item_id, sector_id)
);
CREATE TABLE item_hubs (
  item_id BIGINT NOT NULL REFERENCES items (id),
  hub_id BIGINT NOT NULL REFERENCES hubs (id),
  PRIMARY KEY (item_id, hub_id)
);
CREATE TABLE item_target_orgs (
  item_id BIGINT NOT NULL REFERENCES items (id),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (item_id, org_id)
);
CREATE TABLE item_named_users (
  item_id BIGINT NOT NULL REFERENCES items (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  PRIMARY KEY (item_id, user_id)
);
CREATE INDEX item_named_users_user ON item_named_users (user_id, item_id);

-- The audience resolved at publication: the recipient organisations.
CREATE TABLE item_orgs (
  item_id BIGINT NOT NULL REFERENCES items (id),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (item_id, org_id)
);
CREATE INDEX item_orgs_org ON item_orgs (org_id, item_id);

-- One row per recipient person.
CREATE TABLE deliveries (
  item_id BIGINT NOT NULL REFERENCES items (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  delivered_at BIGINT NOT NULL,
  read_at BIGINT,
  acknowledged_at BIGINT,
  PRIMARY KEY (item_id, user_id)
);
CREATE INDEX deliveries_user ON deliveries (user_id, item_id);

CREATE TABLE attachments (
  id {{id}},
  item_id BIGINT NOT NULL REFERENCES items (id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES users (id),
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX attachments_item ON attachments (item_id);

-- Mail to send, written in the same transaction as its cause (invariant 2).
CREATE TABLE outbox (
  id {{id}},
  kind TEXT NOT NULL,
  item_id BIGINT NOT NULL REFERENCES items (id),
  item_version INTEGER NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  not_before BIGINT NOT NULL,
  claimed_at BIGINT,
  sent_at BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (not_before, id) WHERE sent_at IS NULL;
CREATE INDEX outbox_item ON outbox (item_id, user_id);
