-- 0003: the reporting window: report cases, versions (fields, indicators), recipients,
-- questions, timeline events, published summaries; indicators shared with items.
CREATE TABLE report_cases (
  id {{id}},
  reporter_org_id BIGINT NOT NULL REFERENCES organisations (id),
  created_by BIGINT NOT NULL REFERENCES users (id),
  sector_id TEXT NOT NULL REFERENCES sectors (id),
  report_class TEXT NOT NULL,
  regime_id TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  phase TEXT NOT NULL DEFAULT '',
  aware_at BIGINT,
  forward_ministry INTEGER NOT NULL DEFAULT 0,
  forward_national_centre INTEGER NOT NULL DEFAULT 0,
  next_due_phase TEXT NOT NULL DEFAULT '',
  next_due_at BIGINT,
  overdue_to_hub INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT
);
CREATE INDEX report_cases_reporter ON report_cases (reporter_org_id, id);

CREATE TABLE report_versions (
  case_id BIGINT NOT NULL REFERENCES report_cases (id),
  version INTEGER NOT NULL,
  phase TEXT NOT NULL DEFAULT '',
  draft INTEGER NOT NULL,
  catalog_version TEXT NOT NULL,
  saved_by BIGINT NOT NULL REFERENCES users (id),
  saved_at BIGINT NOT NULL,
  PRIMARY KEY (case_id, version)
);

CREATE TABLE report_fields (
  case_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (case_id, version, field),
  FOREIGN KEY (case_id, version) REFERENCES report_versions (case_id, version)
);

CREATE TABLE report_indicators (
  case_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, version, position),
  FOREIGN KEY (case_id, version) REFERENCES report_versions (case_id, version)
);

-- role_bit: RoleBit() of the role whose holders in org_id see the case.
CREATE TABLE report_recipients (
  case_id BIGINT NOT NULL REFERENCES report_cases (id),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  kind TEXT NOT NULL,
  hub_id BIGINT REFERENCES hubs (id),
  role_bit BIGINT NOT NULL,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (case_id, org_id, kind)
);
CREATE INDEX report_recipients_org ON report_recipients (org_id, case_id);

CREATE TABLE report_messages (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES report_cases (id),
  author_user_id BIGINT NOT NULL REFERENCES users (id),
  author_org_id BIGINT NOT NULL REFERENCES organisations (id),
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX report_messages_case ON report_messages (case_id, id);

CREATE TABLE report_events (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES report_cases (id),
  at BIGINT NOT NULL,
  actor_user_id BIGINT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_events_case ON report_events (case_id, id);

-- The link from a summary item back to its report: read only through the report.
CREATE TABLE report_summaries (
  case_id BIGINT NOT NULL REFERENCES report_cases (id),
  item_id BIGINT NOT NULL REFERENCES items (id),
  tlp TEXT NOT NULL,
  title TEXT NOT NULL,
  published_by BIGINT NOT NULL REFERENCES users (id),
  published_at BIGINT NOT NULL,
  PRIMARY KEY (case_id, item_id)
);

CREATE TABLE item_indicators (
  item_id BIGINT NOT NULL REFERENCES items (id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (item_id, position)
);
