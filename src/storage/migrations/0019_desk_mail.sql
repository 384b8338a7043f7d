-- 0019: the SME desk's inbound mail (issue 19; docs/desk.md). One row per mail a consortium's
-- mailbox turned into a ticket or a message on one: its Message-ID (or, without one, the
-- Maildir file's unique name), so a mail read again after a crash between the commit and
-- the move to cur/ is recognised and not doubled, and a reply's In-Reply-To/References find
-- the ticket.
CREATE TABLE desk_mail_messages (
  consortium_id BIGINT NOT NULL REFERENCES desk_consortia (id),
  message_key TEXT NOT NULL,
  ticket_id BIGINT NOT NULL REFERENCES desk_tickets (id),
  at BIGINT NOT NULL,
  PRIMARY KEY (consortium_id, message_key)
);
CREATE INDEX desk_mail_messages_ticket ON desk_mail_messages (ticket_id);
