-- 0016: the SME support desk (お助け隊, issue 19; docs/desk.md). A consortium serves the SMEs
-- enrolled with it by contracts, each with its monitored devices; tickets are its work,
-- with their entries (notes, messages, events), dispatches and the devices' alerts.
CREATE TABLE desk_consortia (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  region_ja TEXT NOT NULL,
  region_en TEXT NOT NULL DEFAULT '',
  prefectures TEXT NOT NULL DEFAULT '',
  provider_org_id BIGINT NOT NULL REFERENCES organisations (id),
  overseer_org_id BIGINT REFERENCES organisations (id),
  insurer TEXT NOT NULL DEFAULT '',
  mail_address TEXT NOT NULL DEFAULT '',
  response_urgent_min INTEGER NOT NULL CHECK (response_urgent_min > 0),
  response_high_min INTEGER NOT NULL CHECK (response_high_min > 0),
  response_normal_min INTEGER NOT NULL CHECK (response_normal_min > 0),
  response_low_min INTEGER NOT NULL CHECK (response_low_min > 0),
  arrival_min INTEGER NOT NULL CHECK (arrival_min > 0)
);
CREATE INDEX desk_consortia_provider ON desk_consortia (provider_org_id);
CREATE TABLE desk_contracts (
  id {{id}},
  consortium_id BIGINT NOT NULL REFERENCES desk_consortia (id),
  sme_org_id BIGINT NOT NULL REFERENCES organisations (id),
  plan TEXT NOT NULL CHECK (plan IN ('network', 'endpoint', 'combined')),
  starts_at BIGINT NOT NULL,
  ends_at BIGINT
);
CREATE INDEX desk_contracts_consortium ON desk_contracts (consortium_id);
CREATE INDEX desk_contracts_sme ON desk_contracts (sme_org_id);
CREATE TABLE desk_devices (
  id {{id}},
  contract_id BIGINT NOT NULL REFERENCES desk_contracts (id),
  kind TEXT NOT NULL CHECK (kind IN ('utm', 'edr', 'router', 'other')),
  vendor TEXT NOT NULL,
  model TEXT NOT NULL DEFAULT '',
  serial TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  label TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX desk_devices_serial ON desk_devices (serial);
CREATE INDEX desk_devices_address ON desk_devices (address) WHERE address <> '';
CREATE INDEX desk_devices_contract ON desk_devices (contract_id);
CREATE TABLE desk_tickets (
  id {{id}},
  consortium_id BIGINT NOT NULL REFERENCES desk_consortia (id),
  sme_org_id BIGINT NOT NULL REFERENCES organisations (id),
  channel TEXT NOT NULL CHECK (channel IN ('phone', 'mail', 'web', 'alert')),
  kind TEXT NOT NULL CHECK (kind IN ('contact', 'incident')),
  category TEXT NOT NULL CHECK (category IN ('participation', 'installation', 'security',
                                             'remote', 'onsite', 'device_trouble', 'other')),
  status TEXT NOT NULL CHECK (status IN ('received', 'triage', 'remote', 'onsite', 'insurance',
                                         'resolved', 'merged')),
  priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  subject TEXT NOT NULL,
  caller TEXT NOT NULL DEFAULT '',
  search_key TEXT NOT NULL DEFAULT '',
  assignee_id BIGINT REFERENCES users (id),
  opened_by BIGINT REFERENCES users (id),
  opened_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  first_response_due BIGINT NOT NULL,
  first_response_at BIGINT,
  arrival_due BIGINT,
  arrived_at BIGINT,
  resolved_at BIGINT,
  outcome TEXT NOT NULL DEFAULT '',
  damage_estimate_yen BIGINT CHECK (damage_estimate_yen >= 0),
  merged_into BIGINT REFERENCES desk_tickets (id)
);
CREATE INDEX desk_tickets_consortium ON desk_tickets (consortium_id, id);
CREATE INDEX desk_tickets_sme ON desk_tickets (sme_org_id, id);
CREATE INDEX desk_tickets_open ON desk_tickets (consortium_id, first_response_due)
  WHERE status NOT IN ('resolved', 'merged');
CREATE TABLE desk_ticket_entries (
  id {{id}},
  ticket_id BIGINT NOT NULL REFERENCES desk_tickets (id),
  at BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('note', 'message', 'event')),
  author_id BIGINT REFERENCES users (id),
  from_sme INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
);
CREATE INDEX desk_ticket_entries_ticket ON desk_ticket_entries (ticket_id, id);
CREATE TABLE desk_dispatches (
  id {{id}},
  ticket_id BIGINT NOT NULL REFERENCES desk_tickets (id),
  engineer TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  left_at BIGINT,
  arrived_at BIGINT,
  finished_at BIGINT,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX desk_dispatches_ticket ON desk_dispatches (ticket_id);
-- One row per (device, dedupe key): the same alert within its window counted, not repeated.
CREATE TABLE desk_alerts (
  id {{id}},
  device_id BIGINT NOT NULL REFERENCES desk_devices (id),
  dedupe_key TEXT NOT NULL,
  ticket_id BIGINT REFERENCES desk_tickets (id),
  vendor TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL CHECK (category IN ('c2', 'malware', 'intrusion', 'scan', 'web', 'policy',
                                             'device', 'other')),
  severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 10),
  signature TEXT NOT NULL DEFAULT '',
  src TEXT NOT NULL DEFAULT '',
  dst TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL DEFAULT '',
  count BIGINT NOT NULL,
  first_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  raw TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX desk_alerts_key ON desk_alerts (device_id, dedupe_key);
CREATE INDEX desk_alerts_ticket ON desk_alerts (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX desk_alerts_recent ON desk_alerts (device_id, last_at);
-- What the intake counted per sender address (the administrators' page).
CREATE TABLE desk_intake_senders (
  sender TEXT PRIMARY KEY,
  accepted BIGINT NOT NULL DEFAULT 0,
  malformed BIGINT NOT NULL DEFAULT 0,
  refused BIGINT NOT NULL DEFAULT 0,
  dropped BIGINT NOT NULL DEFAULT 0,
  unknown BIGINT NOT NULL DEFAULT 0,
  last_at BIGINT NOT NULL DEFAULT 0,
  sample TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT ''
);
