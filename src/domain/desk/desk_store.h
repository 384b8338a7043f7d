// DeskStore: consortia, contracts, devices, tickets and alerts of the SME desk (migration
// 0016). The stores never commit; DeskService runs every call in its transaction.
//
// Visibility lives in the store's one SQL predicate (kTicketVisible, kContractVisible in
// sql_desk_store.cc): every method taking a DeskViewer returns only what that viewer may
// see (the rule is written in desk_service.h). Methods without one are for callers that
// already decided access (the service after a visible read, the intake).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/desk/alert.h"
#include "domain/desk/desk.h"

namespace renkei::domain {

// Who is asking, as the desk's rule needs it (DeskViewerOf).
struct DeskViewer {
  OrgId org_id;
  bool agent = false;  // holds the desk agent role: sees its organisation's consortia
};

struct TicketFilter {
  std::string status;  // "" every status, "open" every open one, else one status
  std::optional<ConsortiumId> consortium;
  std::optional<OrgId> sme;
  std::string kind;  // "" both
  std::optional<UserId> assignee;
  bool unassigned = false;
  // The first response is late (due before `now`, none yet) — the SLA tile.
  bool response_overdue = false;
  std::string q;               // folded text: part of the subject, the SME's name or the caller
  std::int64_t before_id = 0;  // cursor: newest first
  int limit = 50;
};

struct TicketPage {
  std::vector<Ticket> tickets;
  std::optional<std::int64_t> next;
};

// What an intake line did to the alerts table.
struct AlertUpsert {
  std::int64_t alert_id = 0;
  bool created = false;
  std::optional<TicketId> ticket_id;  // the ticket the alert row is already on
};

// One ticket's figures for the statistics (DeskService::Stats groups them).
struct TicketFacts {
  ConsortiumId consortium_id;
  std::string kind, category, channel;
  Millis opened_at = 0;
  std::optional<Millis> first_response_at;
  std::int64_t dispatches = 0;
  std::optional<Millis> first_requested_at, first_arrived_at;  // of its first dispatch
  std::optional<std::int64_t> damage_estimate_yen;
};

// What the listener counted for one sender since its last batch (added to its row).
struct SenderCount {
  std::string sender;
  std::int64_t accepted = 0, malformed = 0, refused = 0, dropped = 0, unknown = 0;
  Millis last_at = 0;
  std::string sample;  // the latest malformed line (≤ 512 bytes, valid UTF-8), "" if none
  std::string error;   // why it was malformed ("bad_pri", "truncated", …)
};

class DeskStore {
 public:
  virtual ~DeskStore() = default;

  virtual Result<ConsortiumId> CreateConsortium(const Consortium& c) = 0;
  // The consortia whose provider is `provider` (a desk agent's), or overseen by `overseer`.
  virtual Result<std::vector<Consortium>> ConsortiaOf(OrgId org) = 0;
  virtual Result<std::optional<Consortium>> GetConsortium(ConsortiumId id) = 0;
  virtual Result<std::vector<Consortium>> AllConsortia() = 0;

  virtual Result<ContractId> CreateContract(const Contract& c) = 0;
  virtual Result<DeviceId> AddDevice(const Device& d) = 0;
  // The contracts `v` may see, with their devices; `q` folded part of the SME's name.
  virtual Result<std::vector<Contract>> Contracts(const DeskViewer& v,
                                                  std::optional<ConsortiumId> consortium,
                                                  const std::string& q, int limit) = 0;
  // The SME's newest contract in force at `now` (none: not enrolled); with a valid
  // `provider`, only a contract with one of the consortia that organisation provides.
  virtual Result<std::optional<Contract>> ContractInForce(OrgId sme, Millis now,
                                                          OrgId provider) = 0;
  // Whether `v` sees a contract of the SME (kContractVisible), in force or not.
  virtual Result<bool> SeesContractOf(const DeskViewer& v, OrgId sme) = 0;
  // The device of a contract in force at `now` with this serial, else this sender address.
  virtual Result<std::optional<Device>> DeviceOf(const std::string& serial,
                                                 const std::string& address, Millis now) = 0;
  virtual Result<std::optional<Contract>> GetContract(ContractId id) = 0;
  // The contract when `v` may see it (kContractVisible), with its devices and customers.
  virtual Result<std::optional<Contract>> VisibleContract(const DeskViewer& v, ContractId id) = 0;
  // Replaces the contract's customers (取引先).
  virtual Status SetCustomers(ContractId id, const std::vector<OrgId>& orgs) = 0;

  virtual Result<TicketId> CreateTicket(const Ticket& t) = 0;
  virtual Result<std::optional<Ticket>> GetTicket(const DeskViewer& v, TicketId id) = 0;
  virtual Result<TicketPage> ListTickets(const DeskViewer& v, const TicketFilter& f,
                                         Millis now) = 0;
  // The number of ListTickets' rows for the same filter (one WHERE).
  virtual Result<std::int64_t> CountTickets(const DeskViewer& v, const TicketFilter& f,
                                            Millis now) = 0;
  // Writes the ticket's changing columns (status, priority, category, assignee, clocks — the
  // first response's due time too —,
  // outcome, merge) and updated_at.
  virtual Status UpdateTicket(const Ticket& t) = 0;
  // The SME's newest open ticket raised by an alert in the consortium (where the next
  // alerts of its devices under that consortium's contract go), if any.
  virtual Result<std::optional<Ticket>> OpenAlertTicket(OrgId sme, ConsortiumId consortium) = 0;
  virtual Result<std::vector<TicketId>> MergedFrom(TicketId id) = 0;

  virtual Result<std::int64_t> AddEntry(TicketId id, const TicketEntry& e) = 0;
  // Oldest first; notes only with `with_notes`.
  virtual Result<std::vector<TicketEntry>> Entries(TicketId id, bool with_notes) = 0;
  virtual Result<std::int64_t> AddDispatch(TicketId id, const Dispatch& d) = 0;
  virtual Status UpdateDispatch(TicketId id, const Dispatch& d) = 0;
  virtual Result<std::vector<Dispatch>> Dispatches(TicketId id) = 0;

  // Adds the alert to the row of its key on its device (count, last time), or makes it.
  virtual Result<AlertUpsert> UpsertAlert(DeviceId device, const std::string& key,
                                          const AlertIn& a) = 0;
  virtual Status LinkAlert(std::int64_t alert_id, TicketId ticket) = 0;
  // Every alert row of `from` moves to `to` (a merge).
  virtual Status MoveAlerts(TicketId from, TicketId to) = 0;
  virtual Result<std::vector<Alert>> AlertsOf(TicketId id) = 0;
  // The newest alerts of the devices of the SME's contracts that `v` sees, newest first.
  virtual Result<std::vector<Alert>> RecentAlerts(const DeskViewer& v, OrgId sme, int limit) = 0;

  virtual Status AddSenderCounts(const SenderCount& c) = 0;
  virtual Result<std::vector<SenderCount>> SenderCounts() = 0;

  // Every ticket of the consortia opened in [from, to), merged ones left out.
  virtual Result<std::vector<TicketFacts>> Facts(const std::vector<ConsortiumId>& consortia,
                                                 Millis from, Millis to) = 0;
  // Contracts of the consortium in force at some time in [from, to).
  virtual Result<std::int64_t> Participants(ConsortiumId c, Millis from, Millis to) = 0;

  // Files on ticket entries (migration 0018). The reads AND kTicketVisible with the rule's
  // note clause (kEntryVisible: a note only for an agent of the ticket's consortium's
  // provider), so a note's file never reaches the SME whatever the caller asks.
  virtual Result<AttachmentId> AddEntryAttachment(std::int64_t entry_id, const Attachment& a) = 0;
  virtual Result<std::int64_t> CountEntryAttachments(std::int64_t entry_id) = 0;
  // The files `v` may see on the ticket's entries, by entry id (no bytes), oldest first.
  virtual Result<std::vector<std::pair<std::int64_t, Attachment>>> EntryAttachments(
      const DeskViewer& v, TicketId id) = 0;
  // One file with its bytes, if `v` may see it and it is on the ticket.
  virtual Result<std::optional<Attachment>> GetEntryAttachment(const DeskViewer& v, TicketId id,
                                                               AttachmentId att) = 0;
  // Inbound mail (migration 0019): the ticket a consortium's mail with this key (its
  // Message-ID, else its Maildir name) went to, and recording it.
  virtual Result<std::optional<TicketId>> MailTicket(ConsortiumId c,
                                                     const std::string& message_key) = 0;
  virtual Status AddMailMessage(ConsortiumId c, const std::string& message_key, TicketId ticket,
                                Millis at) = 0;
};

}  // namespace renkei::domain
