-- 0017: the desk's bridges (issue 19; docs/desk.md). The critical-infrastructure operators an
-- SME supplies (取引先), named on its contract, are whom a ticket may be shared with; the
-- SME's consent on a ticket lets its desk agents share it on the SME's behalf. The shared
-- ticket is an item of the new kind supply_chain_notice (kItemKinds), so the items' kind
-- check admits it. An SME's reports reach its desk (recipient kind desk, the desk agents'
-- role bit 32), so the recipients' check admits that pair.
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
DROP TRIGGER report_recipients_code_insert;
DROP TRIGGER report_recipients_code_update;
CREATE TRIGGER report_recipients_code_insert BEFORE INSERT ON report_recipients
WHEN NOT ((NEW.kind = 'hub' AND NEW.role_bit = 2) OR (NEW.kind = 'ministry' AND
  NEW.role_bit = 4) OR (NEW.kind = 'national_centre' AND NEW.role_bit = 8) OR
  (NEW.kind = 'desk' AND NEW.role_bit = 32))
BEGIN SELECT RAISE(ABORT, 'report_recipients: kind and role_bit not a known pair'); END;
CREATE TRIGGER report_recipients_code_update BEFORE UPDATE OF kind, role_bit
ON report_recipients
WHEN NOT ((NEW.kind = 'hub' AND NEW.role_bit = 2) OR (NEW.kind = 'ministry' AND
  NEW.role_bit = 4) OR (NEW.kind = 'national_centre' AND NEW.role_bit = 8) OR
  (NEW.kind = 'desk' AND NEW.role_bit = 32))
BEGIN SELECT RAISE(ABORT, 'report_recipients: kind and role_bit not a known pair'); END;
