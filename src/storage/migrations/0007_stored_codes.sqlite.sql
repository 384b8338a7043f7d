-- 0007: the codes that reach storage are checked by the database, so a row can only hold
-- a value the code tables know (kRoleCodes, kTlpCodes, kItemKinds, kCaseStatuses, kPhases,
-- kRecipientKinds); a test checks these lists against those tables on both engines.
-- SQLite cannot add a CHECK to a table, and rebuilding items or report_cases inside the
-- migration's transaction would trip the foreign keys of every table that references
-- them; so each table gets a pair of triggers (insert, update of the checked columns)
-- that abort the statement, and rows, indexes and references stay as they are. To admit
-- a new code, a later migration drops the triggers and creates wider ones.
CREATE TRIGGER user_roles_code_insert BEFORE INSERT ON user_roles
WHEN NEW.role NOT IN ('member', 'hub_analyst', 'ministry_officer', 'national_centre_officer',
  'sector_body_officer', 'desk_agent', 'admin')
BEGIN SELECT RAISE(ABORT, 'user_roles.role: not a role code'); END;
CREATE TRIGGER user_roles_code_update BEFORE UPDATE OF role ON user_roles
WHEN NEW.role NOT IN ('member', 'hub_analyst', 'ministry_officer', 'national_centre_officer',
  'sector_body_officer', 'desk_agent', 'admin')
BEGIN SELECT RAISE(ABORT, 'user_roles.role: not a role code'); END;

-- role_mask: the bits of kRoleCodes (0 to 6).
CREATE TRIGGER items_code_insert BEFORE INSERT ON items
WHEN NEW.kind NOT IN ('alert', 'advisory', 'analysis', 'incident_summary', 'near_miss_summary')
  OR NEW.tlp NOT IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')
  OR NEW.role_mask NOT BETWEEN 0 AND 127
BEGIN SELECT RAISE(ABORT, 'items: kind, tlp or role_mask not a known code'); END;
CREATE TRIGGER items_code_update BEFORE UPDATE OF kind, tlp, role_mask ON items
WHEN NEW.kind NOT IN ('alert', 'advisory', 'analysis', 'incident_summary', 'near_miss_summary')
  OR NEW.tlp NOT IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')
  OR NEW.role_mask NOT BETWEEN 0 AND 127
BEGIN SELECT RAISE(ABORT, 'items: kind, tlp or role_mask not a known code'); END;

CREATE TRIGGER report_summaries_code_insert BEFORE INSERT ON report_summaries
WHEN NEW.tlp NOT IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')
BEGIN SELECT RAISE(ABORT, 'report_summaries.tlp: not a label code'); END;
CREATE TRIGGER report_summaries_code_update BEFORE UPDATE OF tlp ON report_summaries
WHEN NEW.tlp NOT IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')
BEGIN SELECT RAISE(ABORT, 'report_summaries.tlp: not a label code'); END;

CREATE TRIGGER report_cases_code_insert BEFORE INSERT ON report_cases
WHEN NEW.status NOT IN ('draft', 'open', 'triaged', 'closed')
  OR NEW.phase NOT IN ('', 'initial', 'followup', 'final')
  OR NEW.next_due_phase NOT IN ('', 'initial', 'followup', 'final')
BEGIN SELECT RAISE(ABORT, 'report_cases: status or phase not a known code'); END;
CREATE TRIGGER report_cases_code_update BEFORE UPDATE OF status, phase, next_due_phase
ON report_cases
WHEN NEW.status NOT IN ('draft', 'open', 'triaged', 'closed')
  OR NEW.phase NOT IN ('', 'initial', 'followup', 'final')
  OR NEW.next_due_phase NOT IN ('', 'initial', 'followup', 'final')
BEGIN SELECT RAISE(ABORT, 'report_cases: status or phase not a known code'); END;

CREATE TRIGGER report_versions_code_insert BEFORE INSERT ON report_versions
WHEN NEW.phase NOT IN ('', 'initial', 'followup', 'final')
BEGIN SELECT RAISE(ABORT, 'report_versions.phase: not a phase code'); END;
CREATE TRIGGER report_versions_code_update BEFORE UPDATE OF phase ON report_versions
WHEN NEW.phase NOT IN ('', 'initial', 'followup', 'final')
BEGIN SELECT RAISE(ABORT, 'report_versions.phase: not a phase code'); END;

-- Each capacity with the bit of the role that sees the case in it (hub_analyst 2,
-- ministry_officer 4, national_centre_officer 8).
CREATE TRIGGER report_recipients_code_insert BEFORE INSERT ON report_recipients
WHEN NOT ((NEW.kind = 'hub' AND NEW.role_bit = 2) OR (NEW.kind = 'ministry' AND
  NEW.role_bit = 4) OR (NEW.kind = 'national_centre' AND NEW.role_bit = 8))
BEGIN SELECT RAISE(ABORT, 'report_recipients: kind and role_bit not a known pair'); END;
CREATE TRIGGER report_recipients_code_update BEFORE UPDATE OF kind, role_bit
ON report_recipients
WHEN NOT ((NEW.kind = 'hub' AND NEW.role_bit = 2) OR (NEW.kind = 'ministry' AND
  NEW.role_bit = 4) OR (NEW.kind = 'national_centre' AND NEW.role_bit = 8))
BEGIN SELECT RAISE(ABORT, 'report_recipients: kind and role_bit not a known pair'); END;

-- Like PostgreSQL adding a CHECK, refuse to migrate rows that hold an unknown code: setting
-- a checked column to itself runs the update trigger on every row (nothing changes).
UPDATE user_roles SET role = role;
UPDATE items SET kind = kind, tlp = tlp, role_mask = role_mask;
UPDATE report_summaries SET tlp = tlp;
UPDATE report_cases SET status = status, phase = phase, next_due_phase = next_due_phase;
UPDATE report_versions SET phase = phase;
UPDATE report_recipients SET kind = kind, role_bit = role_bit;
