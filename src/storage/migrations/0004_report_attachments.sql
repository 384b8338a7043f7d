-- 0004: files attached to report cases (logs, screenshots, the ransom note), stored like
-- item attachments so a case and its files commit or roll back together.
CREATE TABLE report_attachments (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES report_cases (id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES users (id),
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX report_attachments_case ON report_attachments (case_id, id);
