// ReportingStore: persistence of report cases, their versions (fields and indicators),
// recipients, messages, timeline events and published summaries. Implemented once over
// the database seam (storage/stores/sql_reporting_store.cc).
//
// Visibility is the store's one SQL predicate: a case is visible to people of the
// reporting organisation and to people of a recipient organisation who hold the role of
// that recipient's capacity (hub analyst, ministry officer, national centre officer).
#pragma once

#include <optional>
#include <vector>

#include "core/status.h"
#include "domain/reporting/anonymiser.h"
#include "domain/reporting/reporting.h"

namespace renkei::domain {

// What a summary discloses of its reporter, as a filter on the sector's operators ("" and
// 0 = any).
struct PeerFilter {
  std::string size_class;
  std::string business_class;
  std::string region;  // a region code: operators in any of its prefectures
  int prefecture = 0;
};

// Whom a mail about a case goes to: the reporting organisation's members, or people of
// recipient organisations holding the role of a capacity they receive the case in — all
// of them, those added at `now` (the case is new to them), those added before, or one
// organisation's.
enum class CaseAudience {
  kReporter,
  kRecipients,
  kNewRecipients,
  kEarlierRecipients,
  kRecipientOrg
};

// One mail about a case, queued for every active person of the audience but `except`
// whose mail is not switched off (`urgent`: even then).
struct CaseMail {
  CaseId case_id;
  std::string kind;  // a report mail code (report_mail.h)
  std::int64_t subject_version = 0;
  CaseAudience to = CaseAudience::kReporter;
  OrgId org;  // kRecipientOrg
  UserId except;
  Millis now = 0;
  Millis not_before = 0;
  bool urgent = false;
};

class ReportingStore {
 public:
  virtual ~ReportingStore() = default;

  virtual Result<CaseId> CreateCase(const ReportCase& c) = 0;
  // Writes the mutable columns (class, regime, title, status, phase, aware_at, forwarding,
  // next due, submitted_at, updated_at).
  virtual Status UpdateCase(const ReportCase& c) = 0;
  virtual Result<std::optional<ReportCase>> GetVisibleCase(CaseId id, const Viewer& v) = 0;
  virtual Result<CasePage> ListVisibleCases(const CaseFilter& f, const Viewer& v) = 0;
  // The cases ListVisibleCases finds for `f` (cursor and limit aside): their number, and
  // their tally.
  virtual Result<std::int64_t> CountVisibleCases(const CaseFilter& f, const Viewer& v) = 0;
  virtual Result<std::vector<CaseTally>> TallyVisibleCases(const CaseFilter& f,
                                                           const Viewer& v) = 0;

  // Inserts the version, or replaces it (the draft) with its fields and indicators.
  virtual Status SaveVersion(CaseId id, const ReportVersion& v) = 0;
  virtual Result<std::vector<ReportVersion>> ListVersions(CaseId id) = 0;

  // Adds the recipient unless the organisation already receives the case in that capacity;
  // returns whether it was added.
  virtual Result<bool> AddRecipient(CaseId id, const Recipient& r) = 0;
  virtual Result<std::vector<Recipient>> ListRecipients(CaseId id) = 0;
  // The active people of the case's recipient organisations holding the role of that
  // recipient's capacity (who read the case as recipients), except `except`.
  virtual Result<std::int64_t> CountRecipientStaff(CaseId id, UserId except) = 0;

  // The next receipt number of `year` (1, 2, …), counted in the database: two submissions
  // never share one, whichever server process takes them, and a rolled-back one is reused.
  virtual Result<std::int64_t> NextReceipt(int year) = 0;
  // Queues the mail (outbox subject "report", subject_id = the case); returns the rows.
  virtual Result<std::int64_t> EnqueueCaseMail(const CaseMail& m) = 0;

  virtual Result<std::int64_t> AddMessage(CaseId id, const CaseMessage& m) = 0;
  virtual Result<std::vector<CaseMessage>> ListMessages(CaseId id) = 0;
  virtual Status AddEvent(CaseId id, const CaseEvent& e) = 0;
  virtual Result<std::vector<CaseEvent>> ListEvents(CaseId id) = 0;
  virtual Status AddSummary(CaseId id, const CaseSummary& s) = 0;
  virtual Result<std::vector<CaseSummary>> ListSummaries(CaseId id) = 0;

  // Files attached to a case (Attachment.item_id unused).
  virtual Result<AttachmentId> AddAttachment(CaseId id, const Attachment& a) = 0;
  virtual Result<std::vector<Attachment>> ListAttachments(CaseId id) = 0;
  virtual Result<std::optional<Attachment>> GetAttachment(CaseId id, AttachmentId att) = 0;

  // The anonymiser's dictionary: names of operators, SMEs, vendors and support providers
  // (Japanese and English) and of their people.
  virtual Result<std::vector<DictionaryEntry>> DirectoryNames() = 0;
  // A value that changes whenever an organisation or a person is added, changed or
  // removed: the anonymiser built from DirectoryNames() is current while it is the same.
  virtual Result<std::string> DirectoryVersion() = 0;
  // Active operators of the sector that match every part of the filter that is set.
  virtual Result<std::int64_t> CountPeers(const std::string& sector_id, const PeerFilter& f) = 0;
  virtual Result<std::vector<OrgId>> NationalCentreOrgs() = 0;
};

}  // namespace renkei::domain
