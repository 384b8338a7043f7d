-- 0017: the desk's bridges (issue 19; docs/desk.md). The critical-infrastructure operators an
-- SME supplies (取引先), named on its contract, are whom a ticket may be shared with; the
-- SME's consent on a ticket lets its desk agents share it on the SME's behalf. The shared
-- ticket is an item of the new kind supply_chain_notice (kItemKinds), so the items' kind
-- check admits it.
CREATE TABLE desk_contract_customers (
  contract_id BIGINT NOT NULL REFERENCES desk_contracts (id),
  org_id BIGINT NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (contract_id, org_id)
);
ALTER TABLE desk_tickets ADD COLUMN consent_at BIGINT;
ALTER TABLE desk_tickets ADD COLUMN consent_by BIGINT REFERENCES users (id);
DROP TRIGGER items_code_insert;
DROP TRIGGER items_code_update;
CREATE TRIGGER items_code_insert BEFORE INSERT ON items
WHEN NEW.kind NOT IN ('alert', 'advisory', 'analysis', 'incident_summary', 'near_miss_summary',
  'supply_chain_notice')
  OR NEW.tlp NOT IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')
  OR NEW.role_mask NOT BETWEEN 0 AND 127
BEGIN SELECT RAISE(ABORT, 'items: kind, tlp or role_mask not a known code'); END;
CREATE TRIGGER items_code_update BEFORE UPDATE OF kind, tlp, role_mask ON items
WHEN NEW.kind NOT IN ('alert', 'advisory', 'analysis', 'incident_summary', 'near_miss_summary',
  'supply_chain_notice')
  OR NEW.tlp NOT IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')
  OR NEW.role_mask NOT BETWEEN 0 AND 127
BEGIN SELECT RAISE(ABORT, 'items: kind, tlp or role_mask not a known code'); END;
