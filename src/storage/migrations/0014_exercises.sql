-- 0014: exercises (演習・訓練). An exercise is one run of a scenario (data/exercises/*.toml)
-- with its participants, its clock (started_at, pauses, ended_at, speed) and its injects,
-- copied from the scenario when it is made. items.exercise_id marks an exercise's items:
-- they reach only that exercise's participants and no real list (invariant 7).
CREATE TABLE exercises (
  id {{id}},
  scenario_id TEXT NOT NULL,
  scenario_version TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'running', 'paused', 'ended', 'halted')),
  speed INTEGER NOT NULL CHECK (speed BETWEEN 1 AND 60),
  created_by BIGINT NOT NULL REFERENCES users (id),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  ended_at BIGINT,
  halt_reason TEXT NOT NULL DEFAULT ''
);
CREATE TABLE exercise_pauses (
  exercise_id BIGINT NOT NULL REFERENCES exercises (id),
  paused_at BIGINT NOT NULL,
  resumed_at BIGINT,
  PRIMARY KEY (exercise_id, paused_at)
);
CREATE TABLE exercise_participants (
  exercise_id BIGINT NOT NULL REFERENCES exercises (id),
  kind TEXT NOT NULL CHECK (kind IN ('sector', 'hub', 'organisation', 'user')),
  ref TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('player', 'controller', 'evaluator', 'observer')),
  PRIMARY KEY (exercise_id, kind, ref)
);
-- An inject's declaration as text columns (the scenario's fields) and its fate. `state`
-- goes pending → fired exactly once: the ticker claims it with a conditional UPDATE.
CREATE TABLE exercise_injects (
  exercise_id BIGINT NOT NULL REFERENCES exercises (id),
  inject_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('item', 'report_request', 'contact_check', 'question_set',
                                     'condition')),
  offset_ms BIGINT,
  after_inject TEXT NOT NULL DEFAULT '',
  delay_ms BIGINT NOT NULL DEFAULT 0,
  tlp TEXT NOT NULL CHECK (tlp IN ('GREEN', 'AMBER', 'AMBER+STRICT')),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  action_requested TEXT NOT NULL DEFAULT '',
  deadline_ms BIGINT,
  detail TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fired', 'cancelled')),
  fired_at BIGINT,
  fired_at_exercise BIGINT,
  item_id BIGINT REFERENCES items (id),
  adhoc INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (exercise_id, inject_id)
);
CREATE INDEX exercise_injects_pending ON exercise_injects (exercise_id) WHERE state = 'pending';
ALTER TABLE items ADD COLUMN exercise_id BIGINT REFERENCES exercises (id);
CREATE INDEX items_exercise ON items (exercise_id, id) WHERE exercise_id IS NOT NULL;
