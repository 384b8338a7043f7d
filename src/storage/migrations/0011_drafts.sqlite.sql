-- 0011: drafts. items.state (kItemStates): 'draft' — saved, reaches nobody (no recipients,
-- no mail, no live event), seen by its author and, below RED, the sender organisation's
-- publishers; 'pending_approval' — 決裁待ち, waiting for a second publisher of the
-- organisation; 'published'. Every row before this one was published. The code check is
-- a pair of triggers, as in 0007.
ALTER TABLE items ADD COLUMN state TEXT NOT NULL DEFAULT 'published';
CREATE TRIGGER items_state_code_insert BEFORE INSERT ON items
WHEN NEW.state NOT IN ('draft', 'pending_approval', 'published')
BEGIN SELECT RAISE(ABORT, 'items.state: not a state code'); END;
CREATE TRIGGER items_state_code_update BEFORE UPDATE OF state ON items
WHEN NEW.state NOT IN ('draft', 'pending_approval', 'published')
BEGIN SELECT RAISE(ABORT, 'items.state: not a state code'); END;
-- The drafts list: few rows, by sender organisation, newest first.
CREATE INDEX items_unpublished ON items (sender_org_id, id) WHERE state <> 'published';
