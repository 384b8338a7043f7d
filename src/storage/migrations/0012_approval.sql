-- 0012: 決裁 (approval). organisations.requires_approval: an item of this organisation
-- labelled AMBER+STRICT or RED goes, when published, to 'pending_approval' (0011) and
-- leaves only when another publisher of the organisation approves it. Set by
-- administrators (DirectoryService::CheckOrgWrite).
ALTER TABLE organisations ADD COLUMN requires_approval INTEGER NOT NULL DEFAULT 0;
-- A pending item an approver returned (差戻し) is a draft again, with the approver's
-- reason and when, shown to its author until it is submitted again or published.
ALTER TABLE items ADD COLUMN return_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN returned_at BIGINT;
