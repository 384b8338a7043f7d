// ReportingService: the one reporting window. An operator files one report; the service
// checks it against the catalogue's regime for its sector and class, routes it
// (routing.h), keeps the legal clocks (catalog.h), lets recipients ask questions and
// triage, and lets a hub analyst turn it into an anonymised summary item published
// through the SharingService.
//
// Every read asks the store with the caller's Viewer, so a case the caller may not see is
// "not found" (404); 403 is for what the caller sees but may not do. Each write runs in
// one transaction with its audit row.
#pragma once

#include <memory>
#include <mutex>

#include "core/clock.h"
#include "domain/events/event_hub.h"
#include "domain/outbox/doorbell.h"
#include "domain/reporting/anonymiser.h"
#include "domain/reporting/catalog.h"
#include "domain/reporting/disclosure.h"
#include "domain/reporting/reporting.h"
#include "domain/reporting/reporting_store.h"
#include "domain/sharing/sharing_service.h"
#include "domain/transactor.h"

namespace renkei::domain {

// What the reporter writes: class, forwarding ticks, fields and indicators.
struct ReportInput {
  std::string sector_id;  // "" = the organisation's only sector
  std::string report_class;
  bool forward_ministry = false;
  bool forward_national_centre = false;
  ReportFields fields;
  std::vector<Indicator> indicators;
};

struct CaseView {
  ReportCase c;
  std::vector<ReportVersion> versions;  // recipients never see the draft
  std::vector<Recipient> recipients;
  std::vector<CaseMessage> messages;
  std::vector<CaseEvent> events;
  std::vector<CaseSummary> summaries;  // reporter and hub staff only
  std::vector<Attachment> attachments;
  std::optional<NextDue> next_due;
  bool overdue = false;  // shown to the reporter, and to recipients where the regime says
  bool is_reporter = false;
  bool can_edit = false;       // save drafts and submit phases
  bool can_triage = false;     // recipients: mark triaged / closed
  bool can_anonymise = false;  // staff of a recipient hub
  bool can_answer = false;     // the reporting organisation: answers questions, adds notes
};

struct CaseListEntry {
  ReportCase c;
  bool overdue = false;
};

struct SummaryProposal {
  std::string source;  // the report as Markdown, the text the findings refer to
  std::vector<Finding> findings;
  Disclosed disclosed;  // in the text with every finding applied
  std::int64_t k = 0;   // operators matching what the redacted text still discloses
  bool k_warning = false;
  std::vector<std::string> narrowing;  // the words that make the group small
};

struct SummaryInput {
  std::string title;
  std::string body;  // Markdown, after the analyst's review
  Tlp tlp = Tlp::kAmber;
  Audience audience;
  std::vector<Indicator> indicators;  // shared as structured data with the item
  bool accept_k_risk = false;         // publish although fewer than k operators match
};

// A name or contact the anonymiser still finds in a field of the summary to publish.
struct RemainingName {
  std::string field;  // "title", "body", "indicators[0].note"
  Finding finding;    // offsets into that field
};

// A reviewed summary before it goes out: what it still discloses and whom it reaches.
// PublishSummary refuses what this reports (a directory name; k below the threshold
// without the analyst's confirmation); the confirmation screen shows it.
struct SummaryCheck {
  std::vector<RemainingName> remaining;      // proper nouns and contacts left in the text
  std::vector<std::string> directory_names;  // those the directory holds: never published
  Disclosed disclosed;  // the reporter's region, prefecture, size, business class
  // Operators of the sector the text could still come from: 1 when it names someone or
  // somewhere outright (a facility, a municipality, a person …).
  std::int64_t k = 0;
  bool k_warning = false;
  std::vector<std::string> narrowing;  // the words that make the group small
  Reach reach;                         // organisations, people and mails it would reach
};

inline constexpr std::int64_t kAnonymityK = 5;

// Whom submitting a phase would reach: the recipients routing gives the case then (those it
// had and those it adds), their staff who read it (people) and the mails queued.
struct SubmitReach {
  std::vector<Recipient> recipients;  // added_at == at: added by this submission
  Reach reach;
  Millis at = 0;
};

class ReportingService {
 public:
  // `catalog` (parsed once at start-up) and `tagger` (may be null) must outlive the service.
  // `mail` (may be null) is rung after a commit that queued mail (report_mail.h);
  // `events` (may be null) hears of filed phases, messages and status changes
  // (report_events.h).
  ReportingService(Transactor& tx, const Clock& clock, SharingService& sharing,
                   const ReportCatalog& catalog, const NameTagger* tagger, Doorbell* mail = nullptr,
                   EventHub* events = nullptr)
      : tx_(tx),
        clock_(clock),
        sharing_(sharing),
        catalog_(catalog),
        tagger_(tagger),
        mail_(mail),
        events_(events) {}

  const ReportCatalog& catalog() const { return catalog_; }

  Result<CaseView> Create(const Actor& actor, const ReportInput& in);
  // The SME desk's bridge (DeskService::DraftReport only): a draft of `reporter` (an SME)
  // written from a desk ticket — by the SME's own person, or by its desk agent once the SME
  // consented (DeskService checks that). The draft is the SME's like any other: its people
  // review and submit it; the agent does not see it until it reaches the desk as a
  // recipient. `within` runs in the same transaction with the new case's id.
  Result<CaseId> CreateFromDesk(const Actor& actor, OrgId reporter, const ReportInput& in,
                                const std::function<Status(Stores&, CaseId)>& within);
  Result<CaseView> SaveDraft(const Actor& actor, CaseId id, const ReportInput& in);
  // Submits the draft as `phase`: 400 listing the missing fields; 409 for a phase out of
  // order (initial first, nothing after final). The phase gets the year's next receipt
  // number; its recipients are told by mail (report_arrived for those it is new to,
  // report_phase for the others).
  Result<CaseView> Submit(const Actor& actor, CaseId id, const std::string& phase);
  // Whom that submission would reach, by Submit's own code (routing, mail) rolled back;
  // the same errors as Submit (missing fields, phase order).
  Result<SubmitReach> RehearseSubmit(const Actor& actor, CaseId id, const std::string& phase);
  Result<CaseView> Get(const Actor& actor, CaseId id);
  // The filed report as an A4 PDF (report_pdf.h) for whoever sees the case, read like Get
  // (recipients' reads audited); a case never filed prints as such.
  Result<std::string> Pdf(const Actor& actor, CaseId id);
  Result<std::vector<CaseListEntry>> List(const Principal& p, CaseFilter f,
                                          std::optional<std::int64_t>& next_before_id);
  // What List finds for `f` over all its pages: the number of cases, and their tally by
  // sector, class, status and overdue flag.
  Result<std::int64_t> Count(const Principal& p, CaseFilter f);
  Result<std::vector<CaseTally>> Tally(const Principal& p, CaseFilter f);
  // A message on a submitted case. From a recipient: a question (the reporter's members
  // are told). From the reporting organisation: the answer to the question `answer_to`
  // (the asker's organisation is told), or with answer_to 0 a note (no mail).
  Result<CaseView> Ask(const Actor& actor, CaseId id, const std::string& body,
                       std::int64_t answer_to = 0);
  Result<CaseView> SetStatus(const Actor& actor, CaseId id, const std::string& status);

  // Files on a case: the reporting organisation's members add them (not once closed, at
  // most 20), whoever sees the case downloads them (recipients' downloads are audited).
  Result<Attachment> AddAttachment(const Actor& actor, CaseId id, std::string filename,
                                   std::string content_type, std::string data);
  Result<Attachment> GetAttachment(const Actor& actor, CaseId id, AttachmentId att);

  Result<SummaryProposal> ProposeSummary(const Principal& p, CaseId id);
  // What publishing `in` would disclose and whom it would reach; the errors Publish
  // would give for the input itself (label, audience) come from here too.
  Result<SummaryCheck> CheckSummary(const Actor& actor, CaseId id, const SummaryInput& in);
  Result<ItemView> PublishSummary(const Actor& actor, CaseId id, const SummaryInput& in);

  // The anonymiser over the directory as it is now: rebuilt whenever an organisation or a
  // person was added, changed or removed since it was built (in any server process).
  Result<std::shared_ptr<const Anonymiser>> anonymiser();

 private:
  Result<ReportCase> Visible(Stores& s, const Principal& p, CaseId id);
  // Create's work in its transaction: a draft of `reporter` written by `actor`.
  Result<ReportCase> CreateIn(Stores& s, const Actor& actor, const Organisation& reporter,
                              const ReportInput& in, Millis now);
  Result<CaseView> ViewOf(Stores& s, const Principal& p, ReportCase c);
  Status CheckInput(const ReportInput& in) const;
  Status CheckFilter(CaseFilter& f) const;  // checks the codes, sets `now`
  Result<ReportCase> Editable(Stores& s, const Principal& p, CaseId id);
  // A submitted case the caller may anonymise: staff of a recipient hub (else 403).
  Result<ReportCase> Summarisable(Stores& s, const Principal& p, CaseId id);
  // The k-anonymity part of a check: what `fields` (name, text) still disclose.
  Result<SummaryCheck> Disclosure(Stores& s, const ReportCase& c, const Anonymiser& anon,
                                  const std::vector<std::pair<std::string, std::string>>& fields);
  // Queues the overdue notice of the case's next deadline when the change from `before`
  // to `c` set a new one.
  Status QueueOverdue(Stores& s, const ReportCase& before, const ReportCase& c, Millis now);
  // Runs a write and rings the mail doorbell after it committed.
  // Runs `work` in a write transaction; after the commit rings the mail doorbell and, when
  // `event` is set, announces it for case `id` (report_events.h).
  Status WriteAndRing(const std::function<Status(Stores&)>& work, const char* event = nullptr,
                      CaseId id = CaseId());
  // Submit's work in its transaction; with `reach` set it counts whom it reaches and stops
  // (the caller rolls it back).
  Status SubmitIn(Stores& s, const Actor& actor, CaseId id, const std::string& phase, Millis now,
                  CaseView& out, SubmitReach* reach);
  // The item a summary is published as.
  NewItem SummaryItem(const ReportCase& c, const SummaryInput& in) const;

  Transactor& tx_;
  const Clock& clock_;
  SharingService& sharing_;
  const ReportCatalog& catalog_;
  const NameTagger* tagger_;
  Doorbell* const mail_;
  EventHub* const events_;
  std::mutex mu_;
  std::shared_ptr<const Anonymiser> anonymiser_;
  std::string anonymiser_version_;  // DirectoryVersion() it was built at
};

// The report's latest version as Markdown: the text an analyst starts a summary from.
std::string ReportMarkdown(const ReportCatalog& catalog, const ReportCase& c,
                           const ReportVersion& v);

}  // namespace renkei::domain
