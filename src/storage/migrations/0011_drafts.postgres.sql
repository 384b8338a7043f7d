-- 0011: drafts. items.state (kItemStates): 'draft' — saved, reaches nobody (no recipients,
-- no mail, no live event), seen by its author and, below RED, the sender organisation's
-- publishers; 'pending_approval' — 決裁待ち, waiting for a second publisher of the
-- organisation; 'published'. Every row before this one was published.
ALTER TABLE items ADD COLUMN state TEXT NOT NULL DEFAULT 'published';
ALTER TABLE items ADD CONSTRAINT items_state_code
  CHECK (state IN ('draft', 'pending_approval', 'published'));
-- The drafts list: few rows, by sender organisation, newest first.
CREATE INDEX items_unpublished ON items (sender_org_id, id) WHERE state <> 'published';
