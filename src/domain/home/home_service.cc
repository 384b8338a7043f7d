#include "domain/home/home_service.h"

#include <algorithm>
#include <map>

namespace renkei::domain {

namespace {

// Soonest due first; lines without a due time after them, newest first as listed.
template <typename T, typename Due>
void SoonestFirst(std::vector<T>& v, Due due) {
  std::stable_sort(v.begin(), v.end(), [&](const T& a, const T& b) {
    const auto da = due(a), db = due(b);
    if (da.has_value() != db.has_value()) return da.has_value();
    return da && *da < *db;
  });
}

HomeTile Tile(const char* key) {
  HomeTile t;
  t.key = key;
  return t;
}

CaseFilter Cases(const char* scope) {
  CaseFilter f;
  f.scope = scope;
  return f;
}

// How many rows a tile reads to choose its first lines by due time.
constexpr int kDueWindow = 200;

}  // namespace

Status HomeService::ItemTiles(const Principal& p, Home& h) {
  RENKEI_ASSIGN_OR_RETURN(auto counts, sharing_.Counts(p));
  HomeTile unread = Tile("unread_items");
  unread.count = counts.unread;
  HomeTile actions = Tile("actions_due");
  actions.count = counts.action_outstanding;
  const Millis now = clock_.now_ms();
  auto line = [&](const Item& it) {
    HomeLine l;
    l.id = it.id.value;
    l.title = it.content.title;
    l.org_name_ja = it.sender_org_name_ja;
    l.org_name_en = it.sender_org_name_en;
    l.tlp = TlpName(it.tlp);
    l.due_at = it.content.action_due_at;
    l.overdue = l.due_at && *l.due_at < now;
    return l;
  };
  if (unread.count > 0) {
    ItemFilter f;
    f.unread_only = true;
    f.limit = static_cast<int>(kHomeLines);
    RENKEI_ASSIGN_OR_RETURN(auto page, sharing_.List(p, f));
    for (const auto& it : page.items) unread.lines.push_back(line(it));
  }
  if (actions.count > 0) {
    ItemFilter f;
    f.action_outstanding = true;
    f.limit = kDueWindow;
    RENKEI_ASSIGN_OR_RETURN(auto page, sharing_.List(p, f));
    SoonestFirst(page.items, [](const Item& it) { return it.content.action_due_at; });
    for (const auto& it : page.items) {
      if (actions.lines.size() == kHomeLines) break;
      actions.lines.push_back(line(it));
    }
  }
  h.tiles.push_back(std::move(unread));
  h.tiles.push_back(std::move(actions));
  return Status::Ok();
}

Status HomeService::CaseTile(const Principal& p, const char* key, CaseFilter f, bool soonest_first,
                             Home& h) {
  HomeTile t = Tile(key);
  RENKEI_ASSIGN_OR_RETURN(t.count, reporting_.Count(p, f));
  if (t.count > 0) {
    f.limit = soonest_first ? kDueWindow : static_cast<int>(kHomeLines);
    std::optional<std::int64_t> next;
    RENKEI_ASSIGN_OR_RETURN(auto list, reporting_.List(p, f, next));
    if (soonest_first) {
      SoonestFirst(list, [](const CaseListEntry& e) { return e.c.next_due_at; });
    }
    for (const auto& e : list) {
      if (t.lines.size() == kHomeLines) break;
      HomeLine l;
      l.id = e.c.id.value;
      l.title = e.c.title;
      l.org_name_ja = e.c.reporter_org_name_ja;
      l.org_name_en = e.c.reporter_org_name_en;
      l.status = e.c.status;
      l.due_at = e.c.next_due_at;
      l.overdue = e.overdue;
      t.lines.push_back(std::move(l));
    }
  }
  h.tiles.push_back(std::move(t));
  return Status::Ok();
}

Status HomeService::AssessmentTiles(const Principal& p, Home& h) {
  const int year = FiscalYearOf(clock_.now_ms());
  if (p.has(Role::kMember)) {
    RENKEI_ASSIGN_OR_RETURN(auto rounds, assessment_.List(p));
    HomeTile t = Tile("assessments");
    for (const auto& a : rounds) {
      if (a.org_id != p.org_id || a.fiscal_year != year) continue;
      if (a.submitted()) {
        ++t.of;
        continue;
      }
      ++t.count;
      if (t.lines.size() < kHomeLines) {
        HomeLine l;
        l.id = a.id.value;
        l.title = a.scope;
        l.status = a.status;
        t.lines.push_back(std::move(l));
        t.catalog_id = a.catalog_id;
      }
    }
    h.tiles.push_back(std::move(t));
  }
  if (p.has(Role::kSectorBodyOfficer)) {
    // The catalogue most of the sector submitted this year (the first one when none has),
    // chosen from the penetration counts, then that catalogue's list of operators.
    RENKEI_ASSIGN_OR_RETURN(auto counts, assessment_.Penetration(p, year));
    // The sector body's own sectors come first; the list below is of its first.
    const std::string sector = counts.empty() ? "" : counts.front().sector_id;
    std::string catalog = assessment_.catalogs().all().front().id();
    int most = -1;
    for (const auto& c : assessment_.catalogs().all()) {
      for (const auto& r : counts) {
        if (r.sector_id != sector || r.catalog_id != c.id()) continue;
        if (r.submitted > most) most = r.submitted, catalog = c.id();
      }
    }
    RENKEI_ASSIGN_OR_RETURN(auto rows, assessment_.SectorStatus(p, catalog, year));
    HomeTile best = Tile("sector_not_submitted");
    best.catalog_id = catalog;
    best.of = static_cast<std::int64_t>(rows.size());
    for (const auto& r : rows) {
      if (r.assessment_id) continue;
      ++best.count;
      if (best.lines.size() < kHomeLines) {
        HomeLine l;
        l.id = r.org.org_id.value;
        l.org_name_ja = r.org.name_ja;
        l.org_name_en = r.org.name_en;
        best.lines.push_back(std::move(l));
      }
    }
    h.tiles.push_back(std::move(best));
  }
  return Status::Ok();
}

Status HomeService::SentTile(const Principal& p, Home& h) {
  const Millis now = clock_.now_ms();
  RENKEI_ASSIGN_OR_RETURN(auto sent, sharing_.SentRates(p, now - kSentWindow));
  HomeTile t = Tile("sent_rates");
  t.count = static_cast<std::int64_t>(sent.size());
  for (const auto& r : sent) {
    const bool late = r.item.content.action_due_at && *r.item.content.action_due_at < now &&
                      r.acknowledged < r.people;
    t.of += late;
    if (t.lines.size() == kHomeLines) continue;
    HomeLine l;
    l.id = r.item.id.value;
    l.title = r.item.content.title;
    l.tlp = TlpName(r.item.tlp);
    l.due_at = r.item.content.action_due_at;
    l.overdue = late;
    l.people = r.people;
    l.acknowledged = r.acknowledged;
    t.lines.push_back(std::move(l));
  }
  h.tiles.push_back(std::move(t));
  return Status::Ok();
}

Status HomeService::ExerciseTile(const Principal& p, Home& h) {
  RENKEI_ASSIGN_OR_RETURN(auto list, exercises_.List(p, true));
  if (list.empty()) return Status::Ok();
  HomeTile t = Tile("exercises");
  t.count = static_cast<std::int64_t>(list.size());
  for (const auto& v : list) {
    if (t.lines.size() == kHomeLines) break;
    HomeLine l;
    l.id = v.exercise.id.value;
    l.title = v.exercise.name;
    l.status = ExerciseStatusName(v.exercise.status);
    l.at = v.exercise.started_at ? v.exercise.started_at : v.exercise.created_at;
    t.lines.push_back(std::move(l));
  }
  h.tiles.push_back(std::move(t));
  return Status::Ok();
}

Status HomeService::ApprovalTile(const Principal& p, Home& h) {
  RENKEI_ASSIGN_OR_RETURN(auto count, sharing_.AwaitingApproval(p));
  if (!count) return Status::Ok();
  HomeTile t = Tile("awaiting_approval");
  t.count = *count;
  if (t.count > 0) {
    ItemFilter f;
    f.scope = "pending";
    f.limit = static_cast<int>(kHomeLines);
    RENKEI_ASSIGN_OR_RETURN(auto page, sharing_.List(p, f));
    for (const auto& it : page.items) {
      HomeLine l;
      l.id = it.id.value;
      l.title = it.content.title;
      l.org_name_ja = it.sender_org_name_ja;
      l.org_name_en = it.sender_org_name_en;
      l.tlp = TlpName(it.tlp);
      l.at = it.updated_at;  // when it was submitted
      t.lines.push_back(std::move(l));
    }
  }
  h.tiles.push_back(std::move(t));
  return Status::Ok();
}

Status HomeService::OutboxTile(const Principal& p, const char* key, const char* state, Home& h) {
  HomeTile t = Tile(key);
  OutboxFilter f;
  f.state = state;
  RENKEI_ASSIGN_OR_RETURN(t.count, outbox_.Count(p, f));
  if (t.count > 0) {
    f.limit = static_cast<int>(kHomeLines);
    RENKEI_ASSIGN_OR_RETURN(auto rows, outbox_.List(p, f));
    for (const auto& e : rows) {
      HomeLine l;
      l.id = e.row.id;
      l.title = e.recipient_name;
      l.status = f.state == "failed" ? e.error_code : e.row.kind;
      l.at = f.state == "failed" ? e.row.created_at : e.row.not_before;
      t.lines.push_back(std::move(l));
    }
  }
  h.tiles.push_back(std::move(t));
  return Status::Ok();
}

Status HomeService::AdminTiles(const Principal& p, Home& h) {
  HomeTile failures = Tile("signin_failures");
  AuditFilter f;
  f.action_prefix = "session.failed";
  f.since = clock_.now_ms() - kSigninFailureWindow;
  failures.since = f.since;
  RENKEI_ASSIGN_OR_RETURN(failures.count, audit_.Count(p, f));
  if (failures.count > 0) {
    f.limit = static_cast<int>(kHomeLines);
    RENKEI_ASSIGN_OR_RETURN(auto entries, audit_.List(p, f));
    for (const auto& e : entries) {
      HomeLine l;
      l.id = e.id;
      l.title = e.actor_label;  // the e-mail address typed
      l.org_name_ja = e.target_name_ja;
      l.org_name_en = e.target_name_en;  // the account's name when it is one
      l.at = e.at;
      failures.lines.push_back(std::move(l));
    }
  }
  h.tiles.push_back(std::move(failures));

  HomeTile locked = Tile("locked_accounts");
  RENKEI_ASSIGN_OR_RETURN(auto accounts, auth_.LockedAccounts(p));
  locked.count = static_cast<std::int64_t>(accounts.size());
  for (const auto& a : accounts) {
    if (locked.lines.size() == kHomeLines) break;
    HomeLine l;
    l.id = a.account.user_id.value;
    l.title = a.account.display_name;
    l.org_name_ja = a.account.org_name_ja;
    l.org_name_en = a.account.org_name_en;
    l.at = a.locked_until;
    locked.lines.push_back(std::move(l));
  }
  h.tiles.push_back(std::move(locked));
  RENKEI_RETURN_IF_ERROR(OutboxTile(p, "outbox_due", "due", h));
  return OutboxTile(p, "mail_errors", "failed", h);
}

Status HomeService::PenetrationBoard(const Principal& p, Home& h) {
  const int year = FiscalYearOf(clock_.now_ms());
  RENKEI_ASSIGN_OR_RETURN(auto rows, assessment_.Penetration(p, year));
  if (rows.empty()) return Status::Ok();
  // The catalogue most submitted over these sectors (the first when none is).
  std::map<std::string, int> submitted;
  for (const auto& r : rows) submitted[r.catalog_id] += r.submitted;
  std::string best = rows.front().catalog_id;
  for (const auto& c : assessment_.catalogs().all())
    if (submitted[c.id()] > submitted[best]) best = c.id();
  HomePenetration pen;
  pen.catalog_id = best;
  pen.fiscal_year = year;
  for (auto& r : rows)
    if (r.catalog_id == best) pen.sectors.push_back(std::move(r));
  h.penetration = std::move(pen);
  return Status::Ok();
}

// One desk tile: the count of the list with this filter and its first lines, both from
// DeskService with the caller's principal (so through the desk's one access rule).
Status HomeService::DeskTile(const Principal& p, const char* key, TicketFilter f,
                             bool soonest_first, Home& h) {
  HomeTile t = Tile(key);
  RENKEI_ASSIGN_OR_RETURN(t.count, desk_.Count(p, f));
  if (t.count > 0) {
    f.limit = soonest_first ? kDueWindow : static_cast<int>(kHomeLines);
    RENKEI_ASSIGN_OR_RETURN(auto page, desk_.List(p, f));
    const Millis now = clock_.now_ms();
    std::vector<HomeLine> lines;
    for (const auto& x : page.tickets) {
      HomeLine l;
      l.id = x.id.value;
      l.title = x.subject;
      l.org_name_ja = x.sme_name;
      l.org_name_en = x.sme_name;
      l.status = x.status;
      if (!x.first_response_at) {
        l.due_at = x.first_response_due;
        l.overdue = x.first_response_due < now;
      }
      lines.push_back(std::move(l));
    }
    if (soonest_first) SoonestFirst(lines, [](const HomeLine& l) { return l.due_at; });
    if (lines.size() > kHomeLines) lines.resize(kHomeLines);
    t.lines = std::move(lines);
  }
  h.tiles.push_back(std::move(t));
  return Status::Ok();
}

// The desk's tiles: an agent whose organisation provides a consortium gets the queue's
// three; the people of an SME with a contract its open tickets. Nobody else any.
Status HomeService::DeskTiles(const Principal& p, Home& h) {
  if (p.has(Role::kDeskAgent)) {
    RENKEI_ASSIGN_OR_RETURN(auto consortia, desk_.Consortia(p));
    const bool provides = std::any_of(consortia.begin(), consortia.end(),
                                      [&](const auto& c) { return c.provider_org_id == p.org_id; });
    if (provides) {
      TicketFilter unassigned;
      unassigned.status = "open";
      unassigned.unassigned = true;
      RENKEI_RETURN_IF_ERROR(DeskTile(p, "desk_unassigned", unassigned, false, h));
      TicketFilter overdue;
      overdue.response_overdue = true;
      RENKEI_RETURN_IF_ERROR(DeskTile(p, "desk_overdue", overdue, true, h));
      TicketFilter mine;
      mine.status = "open";
      mine.assignee = p.user_id;
      return DeskTile(p, "desk_mine", mine, false, h);
    }
  }
  RENKEI_ASSIGN_OR_RETURN(auto contracts, desk_.Contracts(p, std::nullopt, ""));
  const bool own = std::any_of(contracts.begin(), contracts.end(),
                               [&](const auto& c) { return c.sme_org_id == p.org_id; });
  if (!own) return Status::Ok();
  TicketFilter open;
  open.status = "open";
  return DeskTile(p, "desk_open", open, false, h);
}

// The communities' tiles: what the caller's organisation must answer, only when there is.
Status HomeService::CommunityTiles(const Principal& p, Home& h) {
  RENKEI_ASSIGN_OR_RETURN(auto intros, community_.Introductions(p, true));
  if (!intros.empty()) {
    HomeTile t = Tile("community_introductions");
    t.count = static_cast<std::int64_t>(intros.size());
    for (const auto& i : intros) {
      if (t.lines.size() == kHomeLines) break;
      HomeLine l;
      l.id = i.id;
      l.title = i.need_mine ? i.seed_title : i.need_title;  // the other side's offer
      l.at = i.created_at;
      t.lines.push_back(std::move(l));
    }
    h.tiles.push_back(std::move(t));
  }
  RENKEI_ASSIGN_OR_RETURN(auto requests, community_.Requests(p, true));
  if (requests.empty()) return Status::Ok();
  HomeTile t = Tile("community_requests");
  t.count = static_cast<std::int64_t>(requests.size());
  for (const auto& r : requests) {
    if (t.lines.size() == kHomeLines) break;
    HomeLine l;
    l.id = r.id;
    l.title = r.target_name;
    l.org_name_ja = r.requester_org_name;
    l.at = r.created_at;
    t.lines.push_back(std::move(l));
  }
  h.tiles.push_back(std::move(t));
  return Status::Ok();
}

// A survey tile: the list /surveys opens with this filter (SurveyService::List, the one
// predicate), soonest close first; only when it is not empty.
Status HomeService::SurveyTile(const Principal& p, const char* key, SurveyFilter f, Home& h) {
  RENKEI_ASSIGN_OR_RETURN(auto list, survey_.List(p, f));
  if (list.empty()) return Status::Ok();
  HomeTile t = Tile(key);
  t.count = static_cast<std::int64_t>(list.size());
  std::stable_sort(list.begin(), list.end(), [](const SurveySummary& a, const SurveySummary& b) {
    return a.survey.closes_at < b.survey.closes_at;
  });
  for (const auto& x : list) {
    if (t.lines.size() == kHomeLines) break;
    HomeLine l;
    l.id = x.survey.id.value;
    l.title = x.survey.def.title_ja;
    l.title_en = x.survey.def.title_en;
    l.org_name_ja = x.survey.owner_name_ja;
    l.org_name_en = x.survey.owner_name_en;
    l.due_at = x.survey.closes_at;
    t.lines.push_back(std::move(l));
  }
  h.tiles.push_back(std::move(t));
  return Status::Ok();
}

Result<Home> HomeService::For(const Principal& p) {
  Home h;
  RENKEI_RETURN_IF_ERROR(ItemTiles(p, h));
  RENKEI_RETURN_IF_ERROR(ApprovalTile(p, h));
  RENKEI_RETURN_IF_ERROR(ExerciseTile(p, h));
  RENKEI_RETURN_IF_ERROR(DeskTiles(p, h));
  RENKEI_RETURN_IF_ERROR(CommunityTiles(p, h));
  RENKEI_RETURN_IF_ERROR(SurveyTile(p, "surveys_to_answer", {.to_answer = true}, h));
  if (p.has(Role::kHubAnalyst))
    RENKEI_RETURN_IF_ERROR(SurveyTile(p, "surveys_to_relay", {.to_relay = true}, h));
  if (p.has(Role::kMember)) {
    CaseFilter questions = Cases("mine");
    questions.open_questions_only = true;
    RENKEI_RETURN_IF_ERROR(CaseTile(p, "report_questions", questions, false, h));
    CaseFilter due = Cases("mine");
    due.due_only = true;
    RENKEI_RETURN_IF_ERROR(CaseTile(p, "report_deadlines", due, true, h));
  }
  const bool recipient = p.has(Role::kHubAnalyst) || p.has(Role::kMinistryOfficer) ||
                         p.has(Role::kNationalCentreOfficer);
  if (recipient) {
    CaseFilter fresh = Cases("queue");
    fresh.status = "open";
    RENKEI_RETURN_IF_ERROR(CaseTile(p, "queue_new", fresh, false, h));
    CaseFilter overdue = Cases("queue");
    overdue.overdue_only = true;
    RENKEI_RETURN_IF_ERROR(CaseTile(p, "queue_overdue", overdue, true, h));
    CaseFilter awaiting = Cases("queue");
    awaiting.open_questions_only = true;
    RENKEI_RETURN_IF_ERROR(CaseTile(p, "queue_awaiting", awaiting, false, h));
    RENKEI_RETURN_IF_ERROR(SentTile(p, h));
  }
  if (p.is_government()) {
    h.has_board = true;
    RENKEI_ASSIGN_OR_RETURN(h.board, reporting_.Tally(p, Cases("queue")));
    h.has_alert_rates = true;
    RENKEI_ASSIGN_OR_RETURN(h.alert_rates,
                            sharing_.SentRatesBySector(p, clock_.now_ms() - kSentWindow));
  }
  if (p.is_government() || p.has(Role::kSectorBodyOfficer)) {
    RENKEI_RETURN_IF_ERROR(PenetrationBoard(p, h));
  }
  RENKEI_RETURN_IF_ERROR(AssessmentTiles(p, h));
  if (p.is_admin()) RENKEI_RETURN_IF_ERROR(AdminTiles(p, h));
  return h;
}

}  // namespace renkei::domain
