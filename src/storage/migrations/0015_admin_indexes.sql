-- 0015: indexes for the administrator's home page, whose tiles read only recent or failing rows
-- of tables that grow for good.
-- The mail errors (`GET /admin/outbox?state=failed`, the mail_errors tile): few rows of an
-- outbox whose sent rows stay.
CREATE INDEX outbox_errors ON outbox (id) WHERE last_error <> '';
-- Audit entries since a time (the failed sign-ins of the last 24 hours).
CREATE INDEX audit_log_at ON audit_log (at);
