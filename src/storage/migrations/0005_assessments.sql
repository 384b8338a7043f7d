-- 0005: self-assessments. One per organisation, catalogue, scope and fiscal year; the
-- answers per item; at submission the scores (each row naming the rule that made it) and
-- the level codes (one character per catalogue item) the sector view reads.
CREATE TABLE assessments (
  id {{id}},
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  catalog_id TEXT NOT NULL,
  catalog_version TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '',
  fiscal_year INTEGER NOT NULL,
  status TEXT NOT NULL,
  carried_from BIGINT REFERENCES assessments (id),
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT,
  submitted_by BIGINT REFERENCES users (id),
  score_rule TEXT NOT NULL DEFAULT '',
  level_codes TEXT NOT NULL DEFAULT '',
  UNIQUE (org_id, catalog_id, scope, fiscal_year)
);
CREATE INDEX assessments_submitted ON assessments (catalog_id, status, org_id, fiscal_year);

CREATE TABLE assessment_answers (
  assessment_id BIGINT NOT NULL REFERENCES assessments (id),
  item_id TEXT NOT NULL,
  level INTEGER,
  not_applicable INTEGER NOT NULL DEFAULT 0,
  na_reason TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users (id),
  PRIMARY KEY (assessment_id, item_id)
);

CREATE TABLE assessment_scores (
  assessment_id BIGINT NOT NULL REFERENCES assessments (id),
  node_kind TEXT NOT NULL,
  node_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  applicable INTEGER NOT NULL,
  answered INTEGER NOT NULL,
  mean_tenths INTEGER,
  floor_level INTEGER,
  PRIMARY KEY (assessment_id, node_kind, node_id)
);
