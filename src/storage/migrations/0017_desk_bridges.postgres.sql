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
ALTER TABLE items DROP CONSTRAINT items_kind_code;
ALTER TABLE items ADD CONSTRAINT items_kind_code CHECK (kind IN ('alert', 'advisory',
  'analysis', 'incident_summary', 'near_miss_summary', 'supply_chain_notice'));
ALTER TABLE report_recipients DROP CONSTRAINT report_recipients_kind_code;
ALTER TABLE report_recipients ADD CONSTRAINT report_recipients_kind_code CHECK (
  (kind = 'hub' AND role_bit = 2) OR (kind = 'ministry' AND role_bit = 4)
  OR (kind = 'national_centre' AND role_bit = 8) OR (kind = 'desk' AND role_bit = 32));
