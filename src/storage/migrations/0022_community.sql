-- 0022: regional security communities (地方版コラボレーション・プラットフォーム, issue 20;
-- docs/community.md). A community of a prefecture with its secretariat organisation, its
-- member organisations by kind, a board whose posts carry who may read them, one practices
-- record in the common format, events with registrations; experts and support schemes with
-- requests tracked to their outcome; needs and seeds with introductions.
CREATE TABLE communities (
  id {{id}},
  prefecture INTEGER NOT NULL CHECK (prefecture BETWEEN 1 AND 47),
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  secretariat_org_id BIGINT NOT NULL REFERENCES organisations (id),
  purpose TEXT NOT NULL DEFAULT '',
  activities TEXT NOT NULL DEFAULT '',
  frequency TEXT NOT NULL DEFAULT '',
  what_worked TEXT NOT NULL DEFAULT '',
  open_issues TEXT NOT NULL DEFAULT '',
  search_key TEXT NOT NULL,
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX communities_prefecture ON communities (prefecture, id);
CREATE INDEX communities_secretariat ON communities (secretariat_org_id);
CREATE TABLE community_members (
  community_id BIGINT NOT NULL REFERENCES communities (id),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  kind TEXT NOT NULL CHECK (kind IN ('municipality', 'police', 'academia', 'vendor', 'chamber',
                                     'bureau', 'enterprise')),
  added_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, org_id)
);
CREATE INDEX community_members_org ON community_members (org_id);
CREATE TABLE community_posts (
  id {{id}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  author_id BIGINT NOT NULL REFERENCES users (id),
  author_org_id BIGINT NOT NULL REFERENCES organisations (id),
  visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members', 'secretariat')),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX community_posts_community ON community_posts (community_id, id);
CREATE TABLE community_events (
  id {{id}},
  community_id BIGINT NOT NULL REFERENCES communities (id),
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  registered INTEGER NOT NULL DEFAULT 0 CHECK (registered >= 0 AND registered <= capacity),
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX community_events_starts ON community_events (starts_at, id);
CREATE INDEX community_events_community ON community_events (community_id, starts_at);
CREATE TABLE community_registrations (
  event_id BIGINT NOT NULL REFERENCES community_events (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  registered_at BIGINT NOT NULL,
  attended INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, user_id)
);
CREATE INDEX community_registrations_user ON community_registrations (user_id);
CREATE TABLE community_experts (
  id {{id}},
  kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
  name TEXT NOT NULL,
  affiliation TEXT NOT NULL DEFAULT '',
  owner_org_id BIGINT NOT NULL REFERENCES organisations (id),
  specialities TEXT NOT NULL,
  prefectures TEXT NOT NULL,
  languages TEXT NOT NULL DEFAULT '',
  availability TEXT NOT NULL DEFAULT '',
  how_to_request TEXT NOT NULL DEFAULT '',
  search_key TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE community_schemes (
  id {{id}},
  name TEXT NOT NULL,
  provider TEXT NOT NULL,
  owner_org_id BIGINT NOT NULL REFERENCES organisations (id),
  specialities TEXT NOT NULL,
  prefectures TEXT NOT NULL,
  eligibility TEXT NOT NULL DEFAULT '',
  cost TEXT NOT NULL DEFAULT '',
  deadline BIGINT,
  contact TEXT NOT NULL DEFAULT '',
  search_key TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE community_requests (
  id {{id}},
  target_kind TEXT NOT NULL CHECK (target_kind IN ('expert', 'scheme')),
  target_id BIGINT NOT NULL,
  target_org_id BIGINT NOT NULL REFERENCES organisations (id),
  requester_id BIGINT NOT NULL REFERENCES users (id),
  requester_org_id BIGINT NOT NULL REFERENCES organisations (id),
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'declined', 'done')),
  outcome TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX community_requests_requester ON community_requests (requester_org_id, id);
CREATE INDEX community_requests_target ON community_requests (target_org_id, id);
CREATE TABLE community_offers (
  id {{id}},
  kind TEXT NOT NULL CHECK (kind IN ('need', 'seed')),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  sector TEXT NOT NULL DEFAULT '',
  prefecture INTEGER NOT NULL DEFAULT 0,
  tags TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('open', 'withdrawn')),
  search_key TEXT NOT NULL,
  text_key TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX community_offers_kind ON community_offers (kind, state, id);
CREATE TABLE community_introductions (
  id {{id}},
  need_id BIGINT NOT NULL REFERENCES community_offers (id),
  seed_id BIGINT NOT NULL REFERENCES community_offers (id),
  need_org_id BIGINT NOT NULL REFERENCES organisations (id),
  seed_org_id BIGINT NOT NULL REFERENCES organisations (id),
  requested_by BIGINT NOT NULL REFERENCES users (id),
  need_agreed INTEGER NOT NULL DEFAULT 0,
  seed_agreed INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('requested', 'accepted', 'declined')),
  outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'meeting', 'joint_project', 'contract')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (need_id, seed_id)
);
CREATE INDEX community_introductions_need_org ON community_introductions (need_org_id);
CREATE INDEX community_introductions_seed_org ON community_introductions (seed_org_id);
