-- 0018: files on the desk's ticket entries (issue 19): an SME's or an agent's message, or an
-- agent's internal note, may carry attachments under the attachment rules every area shares
-- (domain/attachments.h). A file is seen by whoever sees its entry: a note's files only by
-- the agents who work the ticket, never by the SME.
CREATE TABLE desk_attachments (
  id {{id}},
  entry_id BIGINT NOT NULL REFERENCES desk_ticket_entries (id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES users (id),
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX desk_attachments_entry ON desk_attachments (entry_id, id);
