-- 0010: revisions reach people.
-- items.ack_version: the version whose acknowledgement counts — the latest that changed
-- the requested action or its due time (1 until one does). A recipient's
-- deliveries.acknowledged_at is that acknowledgement; earlier ones stay in
-- item_acknowledgements.
ALTER TABLE items ADD COLUMN ack_version INTEGER NOT NULL DEFAULT 1;
-- The file a version added (adding a file to a published item is a revision).
ALTER TABLE item_versions ADD COLUMN added_file TEXT NOT NULL DEFAULT '';
-- Every acknowledgement, with the version it was given for, also those that a later
-- change of the requested action no longer counts.
CREATE TABLE item_acknowledgements (
  item_id BIGINT NOT NULL REFERENCES items (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  version INTEGER NOT NULL,
  acknowledged_at BIGINT NOT NULL,
  PRIMARY KEY (item_id, user_id, version)
);
-- Acknowledgements given before this: revisions kept them, so they count for the version
-- the item has now.
INSERT INTO item_acknowledgements (item_id, user_id, version, acknowledged_at)
  SELECT d.item_id, d.user_id, i.version, d.acknowledged_at
  FROM deliveries d JOIN items i ON i.id = d.item_id WHERE d.acknowledged_at IS NOT NULL;
