// The store implementations: each store interface declared in domain/ implemented
// once over the database seam. They borrow a Connection that the transactor has
// already put inside a transaction.
#pragma once

#include "domain/assessment/assessment_store.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth_store.h"
#include "domain/community/community_store.h"
#include "domain/desk/desk_store.h"
#include "domain/directory/directory_store.h"
#include "domain/exercises/exercise_store.h"
#include "domain/outbox/outbox_store.h"
#include "domain/reporting/reporting_store.h"
#include "domain/sharing/sharing_store.h"
#include "domain/survey/survey_store.h"
#include "domain/transactor.h"
#include "storage/database.h"

namespace renkei::storage {

class SqlDirectoryStore final : public domain::DirectoryStore {
 public:
  explicit SqlDirectoryStore(Connection& c) : c_(c) {}
  Result<std::vector<domain::Sector>> ListSectors() override;
  Status UpsertSector(const domain::Sector& s) override;
  Result<std::vector<domain::Hub>> ListHubs() override;
  Result<std::optional<domain::Hub>> GetHub(HubId id) override;
  Result<HubId> CreateHub(const domain::Hub& h) override;
  Result<std::vector<HubId>> HubsRunBy(OrgId org) override;
  Result<domain::OrgPage> ListOrganisations(const domain::OrgFilter& f) override;
  Result<std::optional<domain::Organisation>> GetOrganisation(OrgId id) override;
  Result<OrgId> CreateOrganisation(const domain::Organisation& o) override;
  Status UpdateOrganisation(const domain::Organisation& o) override;
  Result<std::vector<domain::Contact>> ListContacts(OrgId org) override;
  Result<std::int64_t> AddContact(const domain::Contact& c) override;
  Status DeleteContacts(OrgId org) override;
  Result<std::optional<domain::User>> GetUser(UserId id) override;
  Result<std::optional<domain::User>> FindUserByEmail(const std::string& email) override;
  Result<std::vector<domain::User>> ListUsersOfOrg(OrgId org) override;
  Result<std::vector<std::pair<domain::User, domain::Organisation>>> ListUsersWithOrg(
      std::optional<OrgId> org, std::int64_t after_id) override;
  Result<UserId> CreateUser(const domain::User& u, const std::string& password_hash) override;
  Status UpdateUser(const domain::User& u) override;
  Result<std::optional<domain::Clearance>> GetClearance(UserId user) override;
  Status PutClearance(const domain::Clearance& c) override;
  Result<bool> DeleteClearance(UserId user) override;
  Result<std::vector<domain::Clearance>> ListClearances() override;
  Result<std::optional<domain::Certification>> GetCertification(OrgId org) override;
  Status PutCertification(const domain::Certification& c) override;
  Result<bool> DeleteCertification(OrgId org) override;
  Result<std::vector<domain::Certification>> ListCertifications() override;

 private:
  Status WriteOrgLinks(const domain::Organisation& o);
  Status WriteRoles(const domain::User& u);
  Result<std::vector<domain::User>> QueryUsers(std::string_view where, const Params& params);
  Connection& c_;
};

class SqlAuthStore final : public domain::AuthStore {
 public:
  explicit SqlAuthStore(Connection& c) : c_(c) {}
  Result<std::optional<domain::Credentials>> GetCredentials(const std::string& email) override;
  Result<std::optional<domain::Credentials>> GetCredentialsById(UserId id) override;
  Status RecordSuccess(UserId id, Millis at) override;
  Status SetPasswordHash(UserId id, const std::string& hash) override;
  Status CreateSession(const domain::Session& s) override;
  Result<std::optional<domain::Session>> GetSession(const std::string& id_hash) override;
  Status TouchSession(const std::string& id_hash, Millis at) override;
  Status DeleteSession(const std::string& id_hash) override;
  Status DeleteSessionsOfUser(UserId id) override;
  Status DeleteOtherSessions(UserId id, const std::string& keep_hash) override;
  Result<TokenId> CreateToken(const domain::ApiToken& t) override;
  Result<std::vector<domain::ApiToken>> ListTokens(UserId user) override;
  Result<std::optional<domain::ApiToken>> GetTokenByHash(const std::string& hash) override;
  Result<bool> RevokeToken(TokenId id, UserId user, Millis at) override;
  Status TouchToken(TokenId id, Millis at) override;
  Result<std::int64_t> RevokeTokensOfUser(UserId user, Millis at) override;
  Result<domain::AttemptCount> CountAttempt(const std::string& key, Millis now,
                                            Millis window_start) override;
  Status LockAttempts(const std::string& key, Millis until) override;
  Status PurgeAttempts(Millis before) override;
  Status ClearAttempts(const std::string& account) override;
  Result<std::vector<domain::AttemptLock>> ListLocks(Millis now) override;
  Result<std::vector<domain::AccountName>> ListAccountNames() override;
  Result<std::int64_t> CreatePasswordReset(const domain::PasswordReset& r) override;
  Result<std::optional<domain::PasswordReset>> GetPasswordReset(
      const std::string& token_hash) override;
  Result<std::optional<domain::PasswordReset>> GetPasswordResetById(std::int64_t id) override;
  Result<bool> UsePasswordReset(std::int64_t id, Millis at) override;
  Status CloseResetMail(std::int64_t id, std::optional<Millis> mailed_at) override;

 private:
  Connection& c_;
};

class SqlAuditStore final : public domain::AuditStore {
 public:
  explicit SqlAuditStore(Connection& c) : c_(c) {}
  Status Append(const domain::AuditEntry& e) override;
  Result<std::vector<domain::AuditRecord>> List(const domain::AuditFilter& f) override;
  Result<std::int64_t> Count(const domain::AuditFilter& f) override;

 private:
  Connection& c_;
};

class SqlSharingStore final : public domain::SharingStore {
 public:
  explicit SqlSharingStore(Connection& c) : c_(c) {}
  Result<domain::ItemId> CreateItem(const domain::Item& item) override;
  Result<domain::FanOutCounts> FanOut(domain::ItemId id, Millis now, Millis digest_at) override;
  Result<std::vector<domain::RelayLink>> RelayChain(domain::ItemId id) override;
  Result<std::vector<domain::RelayLink>> ListRelayTree(domain::ItemId root) override;
  Result<std::vector<domain::HopCounts>> CountHops(domain::ItemId root, Millis root_at) override;
  Status ReplaceDraft(const domain::Item& item) override;
  Status MarkPublished(domain::ItemId id, Millis at) override;
  Status SubmitForApproval(domain::ItemId id, Millis at) override;
  Status BackToDraft(domain::ItemId id, Millis at,
                     const std::optional<std::string>& return_reason) override;
  Result<std::int64_t> CountAwaitingApproval(const domain::Viewer& v) override;
  Result<std::optional<domain::Item>> GetVisibleItem(domain::ItemId id,
                                                     const domain::Viewer& v) override;
  Result<domain::ItemPage> ListVisibleItems(const domain::ItemFilter& f,
                                            const domain::Viewer& v) override;
  Result<domain::ItemCounts> CountVisibleItems(const domain::Viewer& v) override;
  Result<std::vector<bool>> SeenBy(domain::ItemId id,
                                   const std::vector<domain::Viewer>& viewers) override;
  Result<std::optional<domain::Item>> LoadItem(domain::ItemId id) override;
  Status AddVersion(domain::ItemId id, const domain::ItemVersion& v, Millis at) override;
  Result<std::int64_t> MarkUnread(domain::ItemId id) override;
  Status AskAcknowledgementAgain(domain::ItemId id, int version) override;
  Result<std::vector<domain::ItemVersion>> ListVersions(domain::ItemId id) override;
  Result<std::optional<domain::ItemVersion>> GetVersion(domain::ItemId id, int version) override;
  Status Withdraw(domain::ItemId id, Millis at, const std::string& reason) override;
  Result<bool> MarkRead(domain::ItemId id, UserId user, Millis at) override;
  Result<bool> Acknowledge(domain::ItemId id, UserId user, Millis at) override;
  Result<std::vector<domain::DeliveryCounts>> CountDeliveries(
      const std::vector<domain::ItemId>& ids) override;
  Result<std::vector<domain::DeliveryRow>> ListDeliveries(domain::ItemId id,
                                                          const domain::DeliveryFilter& f) override;
  Result<domain::Reach> CountReach(domain::ItemId id) override;
  Result<domain::Reach> CountQueued(domain::ItemId id, const std::string& kind, Millis at) override;
  Result<std::vector<domain::SentRate>> ListSentRates(OrgId sender, Millis since) override;
  Result<std::vector<domain::SentSectorCount>> ListSentBySector(OrgId sender,
                                                                Millis since) override;
  Result<std::int64_t> EnqueueToRecipients(domain::ItemId id, const std::string& kind,
                                           Millis now) override;
  Result<std::vector<domain::ItemId>> TakeDueForReminder(Millis now) override;
  Result<std::optional<Millis>> ClaimManualReminder(domain::ItemId id, Millis now,
                                                    Millis earliest) override;
  Result<domain::AttachmentId> AddAttachment(const domain::Attachment& a) override;
  Result<std::vector<domain::Attachment>> ListAttachments(domain::ItemId id) override;
  Result<std::optional<domain::Attachment>> GetAttachment(domain::ItemId id,
                                                          domain::AttachmentId att) override;
  Status AddIndicators(domain::ItemId id, const std::vector<domain::Indicator>& list) override;
  Result<std::vector<domain::Indicator>> ListIndicators(domain::ItemId id) override;
  Result<std::vector<domain::FeedItem>> ListFeedItems(const domain::Viewer& v, bool sent_only,
                                                      int limit) override;
  Result<std::string> GetNotifyMode(UserId user) override;
  Status SetNotifyMode(UserId user, const std::string& mode) override;

 private:
  Status InsertAudience(domain::ItemId id, const domain::Audience& a);
  Status LoadAudience(domain::Item& it);
  Connection& c_;
};

class SqlOutboxStore final : public domain::OutboxStore {
 public:
  explicit SqlOutboxStore(Connection& c) : c_(c) {}
  Result<std::int64_t> Enqueue(const domain::OutboxRow& row) override;
  Result<std::vector<domain::OutboxRow>> Claim(Millis now, Millis stale_before, int limit,
                                               const std::vector<std::string>& kinds) override;
  Status MarkDone(const std::vector<domain::OutboxRow>& rows, Millis at,
                  const std::string& note) override;
  Status MarkFailed(const std::vector<domain::OutboxRow>& rows, const std::string& error,
                    Millis retry_at) override;
  Status Release(const std::vector<domain::OutboxRow>& rows) override;
  Result<std::int64_t> CountUnsent() override;
  Result<std::vector<domain::OutboxEntry>> List(const domain::OutboxFilter& f) override;
  Result<std::int64_t> Count(const domain::OutboxFilter& f) override;

 private:
  Connection& c_;
};

class SqlReportingStore final : public domain::ReportingStore {
 public:
  explicit SqlReportingStore(Connection& c) : c_(c) {}
  Result<domain::CaseId> CreateCase(const domain::ReportCase& c) override;
  Status UpdateCase(const domain::ReportCase& c) override;
  Result<std::optional<domain::ReportCase>> GetVisibleCase(domain::CaseId id,
                                                           const domain::Viewer& v) override;
  Result<domain::CasePage> ListVisibleCases(const domain::CaseFilter& f,
                                            const domain::Viewer& v) override;
  Result<std::int64_t> CountVisibleCases(const domain::CaseFilter& f,
                                         const domain::Viewer& v) override;
  Result<std::vector<domain::CaseTally>> TallyVisibleCases(const domain::CaseFilter& f,
                                                           const domain::Viewer& v) override;
  Status SaveVersion(domain::CaseId id, const domain::ReportVersion& v) override;
  Result<std::vector<domain::ReportVersion>> ListVersions(domain::CaseId id) override;
  Result<bool> AddRecipient(domain::CaseId id, const domain::Recipient& r) override;
  Result<std::vector<domain::Recipient>> ListRecipients(domain::CaseId id) override;
  Result<std::int64_t> CountRecipientStaff(domain::CaseId id, UserId except) override;
  Result<std::int64_t> NextReceipt(int year) override;
  Result<std::int64_t> EnqueueCaseMail(const domain::CaseMail& m) override;
  Result<std::int64_t> AddMessage(domain::CaseId id, const domain::CaseMessage& m) override;
  Result<std::vector<domain::CaseMessage>> ListMessages(domain::CaseId id) override;
  Status AddEvent(domain::CaseId id, const domain::CaseEvent& e) override;
  Result<std::vector<domain::CaseEvent>> ListEvents(domain::CaseId id) override;
  Status AddSummary(domain::CaseId id, const domain::CaseSummary& s) override;
  Result<std::vector<domain::CaseSummary>> ListSummaries(domain::CaseId id) override;
  Result<domain::AttachmentId> AddAttachment(domain::CaseId id,
                                             const domain::Attachment& a) override;
  Result<std::vector<domain::Attachment>> ListAttachments(domain::CaseId id) override;
  Result<std::optional<domain::Attachment>> GetAttachment(domain::CaseId id,
                                                          domain::AttachmentId att) override;
  Result<std::vector<domain::DictionaryEntry>> DirectoryNames() override;
  Result<std::string> DirectoryVersion() override;
  Result<std::int64_t> CountPeers(const std::string& sector_id,
                                  const domain::PeerFilter& f) override;
  Result<std::vector<OrgId>> NationalCentreOrgs() override;

 private:
  Connection& c_;
};

class SqlAssessmentStore final : public domain::AssessmentStore {
 public:
  explicit SqlAssessmentStore(Connection& c) : c_(c) {}
  Result<domain::AssessmentId> Create(const domain::Assessment& a) override;
  Status Update(const domain::Assessment& a) override;
  Result<std::optional<domain::Assessment>> Get(domain::AssessmentId id) override;
  Result<std::vector<domain::Assessment>> ListForOrg(OrgId org) override;
  Result<std::vector<domain::Answer>> Answers(domain::AssessmentId id) override;
  Status PutAnswers(domain::AssessmentId id, const std::vector<domain::Answer>& answers) override;
  Status DeleteAnswers(domain::AssessmentId id) override;
  Status SaveScores(domain::AssessmentId id, const domain::Scores& s) override;
  Result<std::optional<domain::Scores>> StoredScores(domain::AssessmentId id) override;
  Result<std::vector<domain::SectorOperator>> SectorOperators(
      const std::string& sector_id) override;
  Result<std::vector<domain::SectorSubmission>> SectorSubmissions(
      const std::string& sector_id, const std::string& catalog_id,
      std::optional<int> fiscal_year) override;
  Result<std::vector<domain::SectorCount>> OperatorCounts() override;
  Result<std::vector<domain::SectorCount>> SubmitterCounts(int fiscal_year) override;
  Result<std::vector<domain::Assessment>> SubmittedInSector(const std::string& sector_id,
                                                            const std::string& catalog_id,
                                                            int fiscal_year) override;

 private:
  Connection& c_;
};

class SqlExerciseStore final : public domain::ExerciseStore {
 public:
  explicit SqlExerciseStore(Connection& c) : c_(c) {}
  Result<domain::ExerciseId> Create(const domain::Exercise& e) override;
  Result<std::optional<domain::Exercise>> Get(domain::ExerciseId id) override;
  Result<std::vector<domain::Exercise>> List() override;
  Result<std::vector<domain::ExerciseId>> Running() override;
  Result<bool> Transition(domain::ExerciseId id, domain::ExerciseStatus from,
                          domain::ExerciseStatus to) override;
  Status SetStarted(domain::ExerciseId id, Millis at) override;
  Status SetEnded(domain::ExerciseId id, Millis at, const std::string& reason) override;
  Status OpenPause(domain::ExerciseId id, Millis at) override;
  Status ClosePause(domain::ExerciseId id, Millis at) override;
  Status AddInject(domain::ExerciseId id, const domain::ExerciseInject& in) override;
  Result<std::vector<domain::ExerciseInject>> Injects(domain::ExerciseId id) override;
  Result<bool> ClaimInject(domain::ExerciseId id, const std::string& inject_id, Millis wall,
                           Millis exercise) override;
  Status SetInjectItem(domain::ExerciseId id, const std::string& inject_id,
                       std::int64_t item_id) override;
  Result<std::int64_t> CancelPending(domain::ExerciseId id) override;
  Result<std::vector<domain::ExerciseDelivery>> Deliveries(domain::ExerciseId id) override;
  Result<std::string> DeliveriesFingerprint(domain::ExerciseId id) override;

 private:
  Status Load(domain::Exercise& e);
  Connection& c_;
};

class SqlDeskStore final : public domain::DeskStore {
 public:
  explicit SqlDeskStore(Connection& c) : c_(c) {}
  Result<domain::ConsortiumId> CreateConsortium(const domain::Consortium& c) override;
  Result<std::vector<domain::Consortium>> ConsortiaOf(OrgId org) override;
  Result<std::optional<domain::Consortium>> GetConsortium(domain::ConsortiumId id) override;
  Result<std::vector<domain::Consortium>> AllConsortia() override;
  Result<domain::ContractId> CreateContract(const domain::Contract& c) override;
  Result<domain::DeviceId> AddDevice(const domain::Device& d) override;
  Result<std::vector<domain::Contract>> Contracts(const domain::DeskViewer& v,
                                                  std::optional<domain::ConsortiumId> consortium,
                                                  const std::string& q, int limit) override;
  Result<std::optional<domain::Contract>> ContractInForce(OrgId sme, Millis now,
                                                          OrgId provider) override;
  Result<bool> SeesContractOf(const domain::DeskViewer& v, OrgId sme) override;
  Result<std::optional<domain::Device>> DeviceOf(const std::string& serial,
                                                 const std::string& address, Millis now) override;
  Result<std::optional<domain::Contract>> GetContract(domain::ContractId id) override;
  Status SetCustomers(domain::ContractId id, const std::vector<OrgId>& orgs) override;
  Result<std::optional<domain::Contract>> VisibleContract(const domain::DeskViewer& v,
                                                          domain::ContractId id) override;
  Result<domain::TicketId> CreateTicket(const domain::Ticket& t) override;
  Result<std::optional<domain::Ticket>> GetTicket(const domain::DeskViewer& v,
                                                  domain::TicketId id) override;
  Result<domain::TicketPage> ListTickets(const domain::DeskViewer& v, const domain::TicketFilter& f,
                                         Millis now) override;
  Result<std::int64_t> CountTickets(const domain::DeskViewer& v, const domain::TicketFilter& f,
                                    Millis now) override;
  Status UpdateTicket(const domain::Ticket& t) override;
  Result<std::optional<domain::Ticket>> OpenAlertTicket(OrgId sme,
                                                        domain::ConsortiumId consortium) override;
  Result<std::vector<domain::TicketId>> MergedFrom(domain::TicketId id) override;
  Result<std::int64_t> AddEntry(domain::TicketId id, const domain::TicketEntry& e) override;
  Result<std::vector<domain::TicketEntry>> Entries(domain::TicketId id, bool with_notes) override;
  Result<std::int64_t> AddDispatch(domain::TicketId id, const domain::Dispatch& d) override;
  Status UpdateDispatch(domain::TicketId id, const domain::Dispatch& d) override;
  Result<std::vector<domain::Dispatch>> Dispatches(domain::TicketId id) override;
  Result<domain::AlertUpsert> UpsertAlert(domain::DeviceId device, const std::string& key,
                                          const domain::AlertIn& a) override;
  Status LinkAlert(std::int64_t alert_id, domain::TicketId ticket) override;
  Status MoveAlerts(domain::TicketId from, domain::TicketId to) override;
  Result<std::vector<domain::Alert>> AlertsOf(domain::TicketId id) override;
  Result<std::vector<domain::Alert>> RecentAlerts(const domain::DeskViewer& v, OrgId sme,
                                                  int limit) override;
  Status AddSenderCounts(const domain::SenderCount& c) override;
  Result<std::vector<domain::SenderCount>> SenderCounts() override;
  Result<std::optional<domain::TicketId>> MailTicket(domain::ConsortiumId c,
                                                     const std::string& message_key) override;
  Status AddMailMessage(domain::ConsortiumId c, const std::string& message_key,
                        domain::TicketId ticket, Millis at) override;
  Result<std::vector<domain::TicketFacts>> Facts(const std::vector<domain::ConsortiumId>& consortia,
                                                 Millis from, Millis to) override;
  Result<std::int64_t> Participants(domain::ConsortiumId c, Millis from, Millis to) override;
  Result<domain::AttachmentId> AddEntryAttachment(std::int64_t entry_id,
                                                  const domain::Attachment& a) override;
  Result<std::int64_t> CountEntryAttachments(std::int64_t entry_id) override;
  Result<std::vector<std::pair<std::int64_t, domain::Attachment>>> EntryAttachments(
      const domain::DeskViewer& v, domain::TicketId id) override;
  Result<std::optional<domain::Attachment>> GetEntryAttachment(const domain::DeskViewer& v,
                                                               domain::TicketId id,
                                                               domain::AttachmentId att) override;

 private:
  // Each contract's devices and customers.
  Status LoadParts(std::vector<domain::Contract>& contracts);
  Connection& c_;
};

class SqlSurveyStore final : public domain::SurveyStore {
 public:
  explicit SqlSurveyStore(Connection& c) : c_(c) {}
  Result<domain::SurveyId> CreateSurvey(const domain::Survey& s) override;
  Status AddHub(domain::SurveyId id, HubId hub) override;
  Result<std::optional<domain::Survey>> GetSurvey(const domain::SurveyViewer& v,
                                                  domain::SurveyId id) override;
  Result<std::vector<domain::SurveySummary>> ListSurveys(const domain::SurveyViewer& v,
                                                         int limit) override;
  Result<std::vector<domain::SurveyHubRow>> Hubs(domain::SurveyId id) override;
  Result<std::vector<HubId>> HubsServing(const std::vector<std::string>& sectors) override;
  Result<std::vector<std::string>> SectorsOverseenBy(OrgId ministry) override;
  Result<std::int64_t> Relay(domain::SurveyId id, HubId hub, const domain::SurveyAudience& a,
                             Millis now, UserId by) override;
  Result<bool> IsTarget(domain::SurveyId id, OrgId org) override;
  Result<domain::SurveyResponse> Response(domain::SurveyId id, OrgId org) override;
  Status SaveDraft(domain::SurveyId id, OrgId org, const std::vector<domain::SurveyAnswer>& answers,
                   Millis now, UserId by) override;
  Result<bool> Submit(domain::SurveyId id, OrgId org, Millis now, UserId by,
                      const std::string& codes) override;
  Result<domain::SurveyProgress> Progress(const domain::SurveyViewer& v,
                                          domain::SurveyId id) override;
  Result<domain::SurveySubmissions> Submissions(const domain::SurveyViewer& v,
                                                domain::SurveyId id) override;
  Result<std::vector<domain::SurveyText>> Texts(const domain::SurveyViewer& v,
                                                domain::SurveyId id) override;
  Result<std::vector<std::pair<UserId, OrgId>>> UnremindedUsers(domain::SurveyId id) override;
  Result<std::optional<std::string>> StateOf(domain::SurveyId id, OrgId org) override;

 private:
  Connection& c_;
};

class SqlCommunityStore final : public domain::CommunityStore {
 public:
  explicit SqlCommunityStore(Connection& c) : c_(c) {}
  Result<domain::CommunityId> CreateCommunity(const domain::Community& c, UserId by) override;
  Result<std::vector<domain::Community>> ListCommunities(int prefecture, const std::string& q,
                                                         Millis now) override;
  Result<std::optional<domain::Community>> GetCommunity(domain::CommunityId id,
                                                        Millis now) override;
  Status UpdatePractices(domain::CommunityId id, const domain::Practices& p, Millis now) override;
  Result<std::vector<domain::CommunityMember>> Members(domain::CommunityId id) override;
  Result<bool> AddMember(domain::CommunityId id, OrgId org, const std::string& kind,
                         Millis now) override;
  Result<bool> RemoveMember(domain::CommunityId id, OrgId org) override;
  Result<bool> IsMemberOrSecretariat(domain::CommunityId id, OrgId org) override;
  Result<std::int64_t> AddPost(const domain::CommunityPost& p, OrgId author_org) override;
  Result<std::vector<domain::CommunityPost>> Posts(const domain::CommunityViewer& v,
                                                   domain::CommunityId id, int limit) override;
  Result<std::optional<domain::CommunityPost>> GetPost(const domain::CommunityViewer& v,
                                                       std::int64_t id) override;
  Result<std::int64_t> CreateEvent(const domain::CommunityEvent& e, UserId by, Millis now) override;
  Result<std::vector<domain::CommunityEvent>> Events(const domain::CommunityViewer& v,
                                                     std::optional<domain::CommunityId> community,
                                                     int prefecture, bool upcoming, Millis now,
                                                     int limit, const std::string& q) override;
  Result<std::optional<domain::CommunityEvent>> GetEvent(const domain::CommunityViewer& v,
                                                         std::int64_t id) override;
  Result<bool> TakeSeat(std::int64_t event) override;
  Status ReleaseSeat(std::int64_t event) override;
  Result<bool> AddRegistration(std::int64_t event, UserId user, Millis now) override;
  Result<bool> RemoveRegistration(std::int64_t event, UserId user) override;
  Result<std::vector<domain::Registration>> Registrations(std::int64_t event) override;
  Result<bool> MarkAttended(std::int64_t event, UserId user, bool attended) override;
  Status SetMaterials(std::int64_t event, const std::string& materials) override;
  Result<domain::AttachmentId> AddPostFile(std::int64_t post, const domain::Attachment& a) override;
  Result<std::int64_t> CountPostFiles(std::int64_t post) override;
  Result<std::vector<std::pair<std::int64_t, domain::Attachment>>> PostFiles(
      const domain::CommunityViewer& v, domain::CommunityId community) override;
  Result<std::optional<domain::Attachment>> GetPostFile(const domain::CommunityViewer& v,
                                                        domain::AttachmentId id) override;
  Result<bool> SetFeedback(std::int64_t event, UserId user, int rating, const std::string& comment,
                           Millis now) override;
  Result<domain::CommunityMap> MapCounts(Millis now) override;
  Result<std::int64_t> CreateExpert(const domain::Expert& e) override;
  Result<std::int64_t> CreateScheme(const domain::Scheme& s) override;
  Result<std::vector<domain::Expert>> SearchExperts(const domain::ExpertFilter& f) override;
  Result<std::vector<domain::Scheme>> SearchSchemes(const domain::ExpertFilter& f) override;
  Result<std::optional<domain::Expert>> GetExpert(std::int64_t id) override;
  Result<std::optional<domain::Scheme>> GetScheme(std::int64_t id) override;
  Result<std::int64_t> CreateRequest(const domain::SupportRequest& r) override;
  Result<std::vector<domain::SupportRequest>> Requests(const domain::CommunityViewer& v,
                                                       int limit) override;
  Result<std::optional<domain::SupportRequest>> GetRequest(const domain::CommunityViewer& v,
                                                           std::int64_t id) override;
  Status UpdateRequest(std::int64_t id, const std::string& status, const std::string& outcome,
                       Millis now) override;
  Result<std::int64_t> CreateOffer(const domain::Offer& o, Millis now) override;
  Result<std::vector<domain::Offer>> Offers(const domain::CommunityViewer& v,
                                            const domain::OfferFilter& f) override;
  Result<std::optional<domain::Offer>> GetOffer(const domain::CommunityViewer& v,
                                                std::int64_t id) override;
  Result<std::optional<domain::Offer>> GetOfferRaw(std::int64_t id) override;
  Status WithdrawOffer(std::int64_t id) override;
  Result<std::vector<domain::Offer>> OpenOffers(const domain::CommunityViewer& v,
                                                const std::string& kind) override;
  Result<std::optional<std::int64_t>> CreateIntroduction(const domain::Offer& need,
                                                         const domain::Offer& seed, UserId by,
                                                         bool need_agreed, bool seed_agreed,
                                                         Millis now) override;
  Result<std::vector<domain::Introduction>> Introductions(
      const domain::CommunityViewer& v) override;
  Result<std::optional<domain::Introduction>> GetIntroduction(const domain::CommunityViewer& v,
                                                              std::int64_t id) override;
  Result<std::pair<OrgId, OrgId>> IntroductionOrgs(std::int64_t id) override;
  Status UpdateIntroduction(std::int64_t id, bool need_agreed, bool seed_agreed,
                            const std::string& state, const std::string& outcome,
                            Millis now) override;

 private:
  Connection& c_;
};

}  // namespace renkei::storage
