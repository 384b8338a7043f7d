// DeskService: the SME support desk (お助け隊, docs/desk.md).
//
// THE desk access rule (written once here, implemented once as the store's SQL predicates
// kTicketVisible / kContractVisible with DeskViewerOf(principal)):
//   - a desk agent (Role::kDeskAgent) of organisation P works the consortia whose provider
//     is P: it sees their contracts, devices, tickets — internal notes and raw alert lines
//     included —, alerts and statistics, and changes their tickets;
//   - the people of an SME organisation S (any role) see S's contracts and devices, S's
//     tickets without internal notes, and S's devices' alerts in plain words; they open
//     tickets from the form and write messages on them, nothing else;
//   - officers of a consortium's overseer organisation (the programme's ministry) see its
//     statistics — counts and medians, never an SME's name or a ticket;
//   - administrators see the intake's per-sender counters, nothing of tickets;
//   - bridges: the SME's people, and its desk agents once the SME gave its consent on the
//     ticket (Consent), share a ticket with the operators the SME supplies (the contract's
//     customers, 取引先, named by the SME's people or its agents) as a supply-chain notice
//     (SharingService; AccessPolicy's supply-chain clause) — with nobody else; the same
//     people (agents again only with the consent) turn a ticket into a draft incident
//     report of the SME in the reporting window (DraftReport), which the SME's people
//     review and submit — the report is the SME's; it reaches the desk as a recipient;
//   - anyone else: 404 for every ticket and contract, whatever their role.
// Every change runs in one transaction with its audit row; a refused change writes
// nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/desk/alert.h"
#include "domain/desk/desk.h"
#include "domain/desk/desk_store.h"
#include "domain/events/event_hub.h"
#include "domain/export.h"
#include "domain/principal.h"
#include "domain/reporting/reporting_service.h"
#include "domain/sharing/sharing_service.h"
#include "domain/transactor.h"

namespace renkei::domain {

inline constexpr const char* kTicketSubject = "desk_ticket";
// The event of an internal note (or a note's file): heard only by the desk's agents who work
// the ticket, never by the SME's people (they would refetch and learn that the desk wrote).
inline constexpr const char* kTicketNoteEvent = "desk_ticket_note";

DeskViewer DeskViewerOf(const Principal& p);

struct NewTicket {
  std::optional<OrgId> sme;  // the agent names the SME; an SME's own form leaves it out
  std::string channel;       // agent: phone | mail; the SME's form: web
  std::string kind = "contact";
  std::string category = "other";
  std::string priority = "normal";
  std::string subject, body, caller;
};

// A desk agent's change of a ticket; fields left out stay.
struct TicketChange {
  std::optional<std::string> status, priority, kind, category, outcome;
  std::optional<UserId> assignee;  // UserId() = unassign
  bool clear_assignee = false;
  std::optional<std::int64_t> damage_estimate_yen;
};

enum class DispatchStep { kLeft, kArrived, kFinished };

// A ticket shared with the SME's customers (Share): the text as reviewed by whoever shares
// it (the page proposes one from the ticket) and its label.
struct TicketShare {
  std::vector<OrgId> operators;
  Tlp tlp = Tlp::kAmber;
  std::string title, body, action_requested;
};

// A ticket turned into the SME's draft report (DraftReport): the class and forwarding; the
// fields come from the ticket.
struct TicketReport {
  std::string report_class = "other";
  bool forward_ministry = false;
  bool forward_national_centre = false;
};

struct IngestPolicy {
  int ticket_threshold = 7;           // severity (0–10) from which an alert raises a ticket
  Millis window_ms = 10 * 60 * 1000;  // the dedupe window
};
// A mail delivered to a consortium's mailbox (src/intake/mailbox.*), parsed.
struct MailIn {
  std::string consortium;    // the code of the consortium whose mailbox it reached
  std::string key;           // what makes it this mail: its Message-ID, else the file's name
  std::string from_address;  // lower case
  std::string from_name, subject, text;
  std::vector<std::string> replies_to;  // In-Reply-To, then References newest first
};
struct MailResult {
  TicketId ticket;
  bool reply = false;      // a message on an open ticket, not a new one
  bool duplicate = false;  // this key was taken before: nothing written
  bool known = false;      // the sender is a user of an SME enrolled with the consortium
};

struct IngestResult {
  std::int64_t alerts_new = 0, alerts_updated = 0, unknown_device = 0, tickets_opened = 0,
               tickets_updated = 0;
};

// The statistics like the pilot's table: per consortium and month (JST).
struct DeskStatsRow {
  ConsortiumId consortium_id;
  std::string consortium_name, region;
  std::string month;  // "2026-11"; "" = the consortium's total over the period
  std::int64_t participants = 0;
  std::int64_t contacts = 0, incidents = 0;
  std::int64_t contact_by_category[4] = {0, 0, 0, 0};   // kContactCategories' order
  std::int64_t incident_by_category[4] = {0, 0, 0, 0};  // kIncidentCategories' order
  std::int64_t dispatches = 0;
  std::optional<Millis> median_first_response_ms, median_arrival_ms;
  std::int64_t damage_estimate_yen = 0;
};
struct DeskStats {
  Millis from = 0, to = 0;
  std::vector<DeskStatsRow> rows;  // per consortium: its months, then its total
  DeskStatsRow total;              // every consortium over the period
};

class DeskService {
 public:
  // `sharing` (may be null: Share answers unavailable) carries shared tickets as items.
  // `reporting` (may be null: DraftReport answers internal) files drafted reports.
  DeskService(Transactor& tx, const Clock& clock, EventHub* events = nullptr,
              SharingService* sharing = nullptr, ReportingService* reporting = nullptr)
      : tx_(tx), clock_(clock), events_(events), sharing_(sharing), reporting_(reporting) {}

  // The consortia the caller works (agent) or oversees (statistics), or is enrolled with.
  Result<std::vector<Consortium>> Consortia(const Principal& p);
  Result<std::vector<Contract>> Contracts(const Principal& p,
                                          std::optional<ConsortiumId> consortium,
                                          const std::string& q);
  Result<TicketDetail> Open(const Actor& actor, const NewTicket& in);
  Result<TicketDetail> Get(const Principal& p, TicketId id);
  Result<TicketPage> List(const Principal& p, TicketFilter f);
  Result<std::int64_t> Count(const Principal& p, TicketFilter f);
  Result<TicketDetail> Change(const Actor& actor, TicketId id, const TicketChange& c);
  // A note (agents only) or a message (agents and the SME).
  Result<TicketDetail> AddEntry(const Actor& actor, TicketId id, const std::string& kind,
                                const std::string& body);
  Result<TicketDetail> RequestDispatch(const Actor& actor, TicketId id, const std::string& engineer,
                                       const std::string& note);
  Result<TicketDetail> StepDispatch(const Actor& actor, TicketId id, std::int64_t dispatch_id,
                                    DispatchStep step);
  // Folds `id` (a duplicate) into `into`: same consortium and SME, both open.
  Result<TicketDetail> Merge(const Actor& actor, TicketId id, TicketId into);
  // The SME's devices' newest alerts (the SME's own page; an agent names the SME).
  Result<std::vector<Alert>> RecentAlerts(const Principal& p, std::optional<OrgId> sme);
  // [from, to); by default the twelve months up to now.
  Result<DeskStats> Stats(const Principal& p, std::optional<ConsortiumId> consortium,
                          std::optional<Millis> from_in, std::optional<Millis> to_in);
  // The same statistics to be exported (CSV, .xlsx): the same rule, and the export's audit
  // entry `export.desk_stats` in the same transaction (domain/export.h).
  Result<DeskStats> ExportStats(const Actor& actor, std::optional<ConsortiumId> consortium,
                                std::optional<Millis> from_in, std::optional<Millis> to_in,
                                const ExportRequest& req);
  // Administrators: what the intake counted per sender.
  Result<std::vector<SenderCount>> IntakeCounts(const Principal& p);

  // The intake's seam (src/intake): one transaction — every alert of an enrolled device
  // stored or counted into its dedupe row, tickets raised or updated above the threshold,
  // the counters added; durable when it returns ok. An alert whose device is not enrolled
  // is counted (unknown) into its sender's row, not stored.
  Result<IngestResult> Ingest(const std::vector<AlertIn>& batch,
                              const std::vector<SenderCount>& counts, const IngestPolicy& policy);

  // The SME's people: consent (同意) to the desk sharing this ticket on the SME's behalf.
  Result<TicketDetail> Consent(const Actor& actor, TicketId id);
  // The SME's people or its consortium's agents: the operators the SME supplies (取引先),
  // each an active organisation of kind operator; replaces the list.
  Result<Contract> SetCustomers(const Actor& actor, ContractId id, const std::vector<OrgId>& orgs);
  // Shares the ticket with some of the SME's customers as a supply-chain notice (the rule's
  // bridges clause); the ticket records it. The item's view, as the sharer sees it.
  Result<ItemView> Share(const Actor& actor, TicketId id, const TicketShare& in);
  // Drafts the SME's incident report from the ticket (title, when it was noticed and
  // detected, what happened, the alerts' addresses as indicators); the ticket records the
  // case. The new case's id.
  Result<CaseId> DraftReport(const Actor& actor, TicketId id, const TicketReport& in);

  // A file on an entry of the ticket (the attachment rules every area shares: types,
  // content, 10 MiB, at most kMaxAttachments per entry): the desk's agents on a note or one of
  // the desk's messages, the SME's people on one of the SME's messages; never on an event or a
  // merged ticket. An entry the caller does not see — a note, for the SME — is 404.
  Result<Attachment> Attach(const Actor& actor, TicketId id, std::int64_t entry_id,
                            std::string filename, std::string content_type, std::string data);
  // One file with its bytes, for whoever sees its entry under the rule (a note's: the desk's
  // agents only); 404 for anyone else, exactly as for an unknown file.
  Result<Attachment> GetAttachment(const Principal& p, TicketId id, AttachmentId att);

  // The demo loader's and the administrators' directory work: consortia and enrolments.
  Result<ConsortiumId> CreateConsortium(const Actor& actor, const Consortium& c);
  Result<ContractId> Enrol(const Actor& actor, const Contract& c);

  // The mail intake's seam: in one transaction a mail becomes a ticket (channel "mail",
  // subject → title, text → the first message) or, when it answers an open ticket of the
  // consortium from the same sender (In-Reply-To/References naming a mail of the ticket,
  // or 「#123」 in the subject), a message on it. The sender is mapped to the user and
  // their SME when the SME is enrolled with the consortium; otherwise the ticket is the
  // consortium's provider's own, its caller 「未登録: name <address>」 (an unknown
  // contact). A key seen before writes nothing (a mail read again after a crash).
  Result<MailResult> IngestMail(const MailIn& mail);

 private:
  Result<TicketDetail> DetailOf(Stores& s, const DeskViewer& v, TicketId id);
  // The period [from, to) of the statistics (out.from, out.to), checked; and the rows for it.
  Result<DeskStats> StatsPeriod(std::optional<Millis> from_in, std::optional<Millis> to_in);
  Status StatsIn(Stores& s, const Principal& p, std::optional<ConsortiumId> consortium,
                 DeskStats& out);
  void Announce(TicketId id, const char* kind);

  Transactor& tx_;
  const Clock& clock_;
  EventHub* events_;
  SharingService* sharing_;
  ReportingService* reporting_;
};

// Registers the tickets' live events (subject "desk_ticket"): heard by whoever the desk
// rule lets see the ticket; a note's (kTicketNoteEvent) only by those who see its notes.
void RegisterDeskEvents(EventRules& rules);

}  // namespace renkei::domain
