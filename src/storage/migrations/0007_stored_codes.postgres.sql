-- 0007: the codes that reach storage are checked by the database, so a row can only hold
-- a value the code tables know (kRoleCodes, kTlpCodes, kItemKinds, kCaseStatuses, kPhases,
-- kRecipientKinds); a test checks these lists against those tables on both engines.
-- PostgreSQL checks the rows already there when each constraint is added. To admit a new
-- code, a later migration drops the constraint and adds the wider one.
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_code CHECK (role IN ('member',
  'hub_analyst', 'ministry_officer', 'national_centre_officer', 'sector_body_officer',
  'desk_agent', 'admin'));

-- role_mask: the bits of kRoleCodes (0 to 6).
ALTER TABLE items ADD CONSTRAINT items_kind_code CHECK (kind IN ('alert', 'advisory',
  'analysis', 'incident_summary', 'near_miss_summary'));
ALTER TABLE items ADD CONSTRAINT items_tlp_code CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER',
  'AMBER+STRICT', 'RED'));
ALTER TABLE items ADD CONSTRAINT items_role_mask_code CHECK (role_mask BETWEEN 0 AND 127);

ALTER TABLE report_summaries ADD CONSTRAINT report_summaries_tlp_code CHECK (tlp IN ('CLEAR',
  'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'));

ALTER TABLE report_cases ADD CONSTRAINT report_cases_status_code CHECK (status IN ('draft',
  'open', 'triaged', 'closed'));
ALTER TABLE report_cases ADD CONSTRAINT report_cases_phase_code CHECK (phase IN ('',
  'initial', 'followup', 'final'));
ALTER TABLE report_cases ADD CONSTRAINT report_cases_next_due_phase_code CHECK (
  next_due_phase IN ('', 'initial', 'followup', 'final'));
ALTER TABLE report_versions ADD CONSTRAINT report_versions_phase_code CHECK (phase IN ('',
  'initial', 'followup', 'final'));

-- Each capacity with the bit of the role that sees the case in it (hub_analyst 2,
-- ministry_officer 4, national_centre_officer 8).
ALTER TABLE report_recipients ADD CONSTRAINT report_recipients_kind_code CHECK (
  (kind = 'hub' AND role_bit = 2) OR (kind = 'ministry' AND role_bit = 4)
  OR (kind = 'national_centre' AND role_bit = 8));
