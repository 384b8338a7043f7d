// HomeService: the home page 要対応 — what is waiting for the signed-in person, by role.
//
// The page is made of tiles. Each tile is a count and the first few lines of one list the
// person can open (the inbox with a filter, the report list with a filter, …). A tile is
// computed by the very service call that lists it — the same filter through the same
// access rule, counted over all pages — so the count on the page is the length of the
// list it links to. Nothing here decides access: every number comes from the owning
// module's service with the caller's principal.
//
// Tiles (key → list):
//   everyone:      unread_items (inbox, unread), actions_due (inbox, action outstanding;
//                  lines soonest due first)
//   member:        report_questions (our cases with a question to answer),
//                  report_deadlines (our open cases with a next deadline; soonest first),
//                  assessments (this fiscal year's rounds not yet submitted)
//   recipients (hub analyst, ministry officer, national centre officer):
//                  queue_new (sent to me, not triaged yet), queue_overdue (a missed
//                  deadline as I am shown it), queue_awaiting (questions the reporter has
//                  not answered yet)
//   publishers of an organisation that requires approval (決裁):
//                  awaiting_approval (scope "pending": its items awaiting approval that
//                  others wrote; lines with `at` = when submitted)
//   publishers (hub analyst, ministry officer, national centre officer):
//                  sent_rates (what my organisation sent in the last 30 days that requests
//                  an action and that I manage, lowest share of acknowledgements first —
//                  the sent list, with each item's delivery table behind its line)
//   sector body:   sector_not_submitted (operators of my sector without a submitted
//                  assessment this fiscal year)
//   administrator: signin_failures (the audit log's session.failed entries since `since`,
//                  24 hours before now), locked_accounts (AuthService::LockedAccounts),
//                  outbox_due and mail_errors (OutboxService, state due / failed)
//   anyone taking part in or controlling an exercise that is scheduled, running or paused:
//                  exercises (ExerciseService::List active_only — 予定・実施中の訓練; lines:
//                  status, `at` = started, or made while scheduled; only when there is one)
//   desk agent of a consortium's provider (お助け隊, DeskService::List with the caller's
//   principal — the queue the tile opens, /desk?filter=…; only when the agent's
//   organisation provides a consortium):
//                  desk_unassigned (open tickets nobody is assigned to: status=open,
//                  unassigned=true), desk_overdue (the first response is late:
//                  overdue=true; lines soonest due first), desk_mine (open tickets
//                  assigned to me: status=open, assignee=me); lines: the subject, the SME,
//                  the status, `due_at` = the first response's due time while unanswered
//   people of an SME organisation with a desk contract (the support page, /support):
//                  desk_open (its open tickets: status=open; lines as above)
//   anyone whose organisation owes an answer in the regional communities (only then):
//                  community_introductions (introductions the caller's side must accept or
//                  decline: CommunityService::Introductions waiting=true; lines: the other
//                  side's offer), community_requests (requests to an expert or scheme the
//                  organisation listed, not closed yet: Requests waiting=true; lines: the
//                  expert or scheme, the requesting organisation)
//   anyone whose organisation owes the answer to a survey open now (SurveyService::List
//   to_answer — the /surveys?filter=to_answer list; only then):
//                  surveys_to_answer (lines: the title in both languages, the owner,
//                  `due_at` = the close; soonest first)
//   hub analysts whose hub received a survey not closed yet that it has not relayed
//   (List to_relay, /surveys?filter=to_relay; only then):
//                  surveys_to_relay (lines as above)
// Ministry and national centre officers also get the board: their queue tallied by
// sector, class, status and overdue flag; the sent_rates items' acknowledgements per
// recipient sector (SharingService::SentRatesBySector, the sectors they oversee); and the
// assessment penetration per sector (AssessmentService::Penetration) of the catalogue
// most submitted this fiscal year — for the national centre every sector, for a ministry
// its sectors (whose sector view it may open), for a sector body its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/assessment/assessment_service.h"
#include "domain/audit/audit_service.h"
#include "domain/auth/auth_service.h"
#include "domain/community/community_service.h"
#include "domain/desk/desk_service.h"
#include "domain/exercises/exercise_service.h"
#include "domain/outbox/outbox_service.h"
#include "domain/reporting/reporting_service.h"
#include "domain/sharing/sharing_service.h"
#include "domain/survey/survey_service.h"

namespace renkei::domain {

// One line of a tile: what it names and why it is waiting.
struct HomeLine {
  std::int64_t id = 0;  // the item, case, assessment or organisation the line opens
  std::string title;
  std::string title_en;                  // surveys: the English title ("" otherwise)
  std::string org_name_ja, org_name_en;  // sender, reporter or operator
  std::string status;                    // a case's or assessment's status code
  std::string tlp;                       // items
  std::optional<Millis> due_at;          // the deadline or requested action's due time
  // administrator's tiles: when it happened (a failed sign-in, a queued or failed mail's
  // creation, a mail's due time) or until when an account is locked
  std::optional<Millis> at;
  bool overdue = false;
  std::int64_t people = 0, acknowledged = 0;  // sent_rates: recipients, acknowledgements
};

struct HomeTile {
  std::string key;
  std::int64_t count = 0;
  std::vector<HomeLine> lines;  // at most kHomeLines
  std::string catalog_id;       // assessment tiles
  // assessments: rounds submitted this year; sector_not_submitted: the sector's
  // operators; sent_rates: the items past due that someone has not acknowledged.
  std::int64_t of = 0;
  std::optional<Millis> since;  // signin_failures: the list's `since` filter
};

struct HomePenetration {
  std::string catalog_id;
  int fiscal_year = 0;
  std::vector<SectorPenetration> sectors;  // of catalog_id, directory order
};

struct Home {
  std::vector<HomeTile> tiles;
  bool has_board = false;
  std::vector<CaseTally> board;
  bool has_alert_rates = false;  // government
  std::vector<SectorAckRate> alert_rates;
  std::optional<HomePenetration> penetration;  // government and sector bodies
};

inline constexpr size_t kHomeLines = 5;
inline constexpr Millis kSentWindow = 30LL * 24 * 3600 * 1000;      // sent_rates: 30 days
inline constexpr Millis kSigninFailureWindow = 24LL * 3600 * 1000;  // signin_failures

class HomeService {
 public:
  HomeService(const Clock& clock, SharingService& sharing, ReportingService& reporting,
              AssessmentService& assessment, AuditService& audit, AuthService& auth,
              OutboxService& outbox, ExerciseService& exercises, DeskService& desk,
              CommunityService& community, SurveyService& survey)
      : clock_(clock),
        sharing_(sharing),
        reporting_(reporting),
        assessment_(assessment),
        audit_(audit),
        auth_(auth),
        outbox_(outbox),
        exercises_(exercises),
        desk_(desk),
        community_(community),
        survey_(survey) {}

  Result<Home> For(const Principal& p);

 private:
  Status ItemTiles(const Principal& p, Home& h);
  Status CaseTile(const Principal& p, const char* key, CaseFilter f, bool soonest_first, Home& h);
  Status AssessmentTiles(const Principal& p, Home& h);
  Status SentTile(const Principal& p, Home& h);
  Status ApprovalTile(const Principal& p, Home& h);
  Status AdminTiles(const Principal& p, Home& h);
  Status OutboxTile(const Principal& p, const char* key, const char* state, Home& h);
  Status PenetrationBoard(const Principal& p, Home& h);
  Status ExerciseTile(const Principal& p, Home& h);
  Status CommunityTiles(const Principal& p, Home& h);
  Status SurveyTile(const Principal& p, const char* key, SurveyFilter f, Home& h);
  Status DeskTiles(const Principal& p, Home& h);
  Status DeskTile(const Principal& p, const char* key, TicketFilter f, bool soonest_first, Home& h);

  const Clock& clock_;
  SharingService& sharing_;
  ReportingService& reporting_;
  AssessmentService& assessment_;
  AuditService& audit_;
  AuthService& auth_;
  OutboxService& outbox_;
  ExerciseService& exercises_;
  DeskService& desk_;
  CommunityService& community_;
  SurveyService& survey_;
};

}  // namespace renkei::domain
