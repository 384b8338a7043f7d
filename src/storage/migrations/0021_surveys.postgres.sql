-- 0021: surveys (調査, issue 21; docs/survey.md). A survey is its owner's definition (the
-- TOML text as written; the questions are data, so a new question type needs no
-- migration), its audience and period; it is sent to hubs (survey_hubs), each hub relays
-- it to its members in the audience (survey_targets, one row per organisation, first hub
-- wins), and each target has at most one answer set (survey_responses) whose answers are
-- rows (survey_answers: a choice per row — a multiple choice several rows, a matrix one
-- per row answered —, a number, a date or a text). The outbox learns the reminder
-- (SQLite rebuilds the table, as 0009 did; PostgreSQL replaces the CHECKs).
CREATE TABLE surveys (
  id {{id}},
  owner_org_id BIGINT NOT NULL REFERENCES organisations (id),
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  opens_at BIGINT NOT NULL,
  closes_at BIGINT NOT NULL CHECK (closes_at > opens_at),
  series TEXT NOT NULL DEFAULT '',
  title_ja TEXT NOT NULL,
  title_en TEXT NOT NULL,
  definition TEXT NOT NULL,
  audience_sectors TEXT NOT NULL DEFAULT '',
  audience_hubs TEXT NOT NULL DEFAULT '',
  audience_kinds TEXT NOT NULL DEFAULT '',
  audience_sizes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX surveys_owner ON surveys (owner_org_id, id);
CREATE TABLE survey_hubs (
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  hub_id BIGINT NOT NULL REFERENCES hubs (id),
  relayed_at BIGINT,
  relayed_by BIGINT REFERENCES users (id),
  PRIMARY KEY (survey_id, hub_id)
);
CREATE INDEX survey_hubs_hub ON survey_hubs (hub_id, survey_id);
CREATE TABLE survey_targets (
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  hub_id BIGINT NOT NULL REFERENCES hubs (id),
  added_at BIGINT NOT NULL,
  PRIMARY KEY (survey_id, org_id)
);
CREATE INDEX survey_targets_org ON survey_targets (org_id, survey_id);
CREATE INDEX survey_targets_hub ON survey_targets (survey_id, hub_id);
CREATE TABLE survey_responses (
  survey_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users (id),
  submitted_at BIGINT,
  submitted_by BIGINT REFERENCES users (id),
  -- The answers as one short text, written once at submission (SurveyAnswerCodes): what the
  -- results read, 5,000 rows instead of 300,000 answers (bench/survey).
  codes TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (survey_id, org_id),
  FOREIGN KEY (survey_id, org_id) REFERENCES survey_targets (survey_id, org_id)
);
CREATE TABLE survey_answers (
  id {{id}},
  survey_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL,
  question_id TEXT NOT NULL,
  row_id TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('choice', 'number', 'date', 'text')),
  value_text TEXT NOT NULL DEFAULT '',
  value_num DOUBLE PRECISION,
  FOREIGN KEY (survey_id, org_id) REFERENCES survey_responses (survey_id, org_id)
);
CREATE INDEX survey_answers_set ON survey_answers (survey_id, org_id);
CREATE INDEX survey_answers_question ON survey_answers (survey_id, question_id, kind);

ALTER TABLE outbox
  DROP CONSTRAINT outbox_subject_kind_check,
  DROP CONSTRAINT outbox_kind_check,
  ADD CONSTRAINT outbox_subject_kind_check CHECK (subject_kind IN ('item', 'password_reset',
                                                                   'report', 'survey')),
  ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('item_published', 'item_revised',
                                                   'item_withdrawn', 'item_reminder',
                                                   'item_digest', 'password_reset',
                                                   'report_arrived', 'report_phase',
                                                   'report_question', 'report_answer',
                                                   'report_overdue', 'survey_reminder'));
