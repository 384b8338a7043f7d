-- 0013: relay (展開). An item a recipient passed on down its own chain is a new item whose
-- sender is the relaying organisation; these columns link it to the item it relayed
-- (relayed_from_item_id), to the chain's first item (relay_root_item_id, NULL on that
-- first item itself) and say how many relays lie between (relay_depth: 0 for an item
-- published as such, 1 for a relay of it, …). relay_note is the relayer's own word on top.
ALTER TABLE items ADD COLUMN relayed_from_item_id BIGINT REFERENCES items (id);
ALTER TABLE items ADD COLUMN relay_root_item_id BIGINT REFERENCES items (id);
ALTER TABLE items ADD COLUMN relay_depth INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN relay_note TEXT NOT NULL DEFAULT '';
-- The per-hop table reads a chain's items by its root; few rows are relays.
CREATE INDEX items_relay_root ON items (relay_root_item_id) WHERE relay_root_item_id IS NOT NULL;
