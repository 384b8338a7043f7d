-- 0024: files on a community's board (issue 20, docs/community.md): a post may carry files
-- under the attachment rules every area shares (domain/attachments.h); a file is seen by
-- whoever sees its post (kPostVisible: public, members, secretariat). And the events' folded
-- text (title, body, place) for the calendar's Japanese search.
CREATE TABLE community_post_files (
  id {{id}},
  post_id BIGINT NOT NULL REFERENCES community_posts (id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES users (id),
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX community_post_files_post ON community_post_files (post_id, id);
ALTER TABLE community_events ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
