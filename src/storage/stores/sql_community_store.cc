// The regional communities' store (migration 0022). kPostVisible, kRequestVisible,
// kIntroVisible, kOfferVisible, kPosterShown and kContactShown are THE community access
// rules (domain/community/community_service.h) in SQL: every read taking a CommunityViewer
// binds the viewer's organisation at $1 (and the person at $2) and ANDs or selects with one.
#include <map>

#include "core/text.h"
#include "domain/directory/directory.h"
#include "storage/stores/attachment_rows.h"
#include "storage/stores/sql_rows.h"
#include "storage/stores/sql_stores.h"
#include "storage/stores/sql_text.h"

namespace renkei::storage {

using domain::Community;
using domain::CommunityEvent;
using domain::CommunityId;
using domain::CommunityMember;
using domain::CommunityPost;
using domain::CommunityViewer;
using domain::Expert;
using domain::Introduction;
using domain::Offer;
using domain::Scheme;
using domain::SupportRequest;

namespace {

// A post of alias `p` in a community of alias `c`: public to everyone; members' to the
// people of a member organisation or of the secretariat; secretariat's to its people.
constexpr const char* kPostVisible =
    "(p.visibility = 'public' OR ($1 > 0 AND ((p.visibility = 'members' AND "
    "(c.secretariat_org_id = $1 OR EXISTS (SELECT 1 FROM community_members m WHERE "
    "m.community_id = p.community_id AND m.org_id = $1))) OR (p.visibility = 'secretariat' AND "
    "c.secretariat_org_id = $1))))";
// A request of alias `r`: the requesting organisation's and the target's people.
constexpr const char* kRequestVisible = "(r.requester_org_id = $1 OR r.target_org_id = $1)";
// An introduction of alias `i`: the people of the need's and of the seed's organisation.
constexpr const char* kIntroVisible = "(i.need_org_id = $1 OR i.seed_org_id = $1)";
// A need or seed of alias `o`: open ones to every signed-in person, withdrawn ones to the
// poster's organisation.
constexpr const char* kOfferVisible = "($1 > 0 AND (o.state = 'open' OR o.org_id = $1))";
// Who posted `o`: a seed's poster is public; a need's only to its own organisation and the
// seed side of an introduction both sides agreed to.
constexpr const char* kPosterShown =
    "(o.kind = 'seed' OR o.org_id = $1 OR EXISTS (SELECT 1 FROM community_introductions x "
    "WHERE x.need_id = o.id AND x.seed_org_id = $1 AND x.need_agreed = 1 AND x.seed_agreed = "
    "1))";
// The contact of `o`: its own organisation, and the other side of an agreed introduction.
constexpr const char* kContactShown =
    "(o.org_id = $1 OR EXISTS (SELECT 1 FROM community_introductions x WHERE ((x.need_id = o.id "
    "AND x.seed_org_id = $1) OR (x.seed_id = o.id AND x.need_org_id = $1)) AND x.need_agreed = "
    "1 AND x.seed_agreed = 1))";

Params ViewerParams(const CommunityViewer& v) { return {v.org_id.value, v.user_id.value}; }
Value OptMs(const std::optional<Millis>& v) { return v ? Value(*v) : Value(nullptr); }

std::string Bracketed(const std::vector<std::string>& v) { return "," + Join(v) + ","; }
std::vector<std::string> Unbracket(const std::string& s) {
  std::vector<std::string> out;
  for (auto& x : Split(s))
    if (!x.empty()) out.push_back(x);
  return out;
}
std::string PrefText(const std::vector<int>& v) {
  std::vector<std::string> s;
  for (int p : v) s.push_back(std::to_string(p));
  return Bracketed(s);
}
std::vector<int> PrefsOf(const std::string& s) {
  std::vector<int> out;
  for (const auto& x : Unbracket(s)) out.push_back(std::stoi(x));
  return out;
}
std::string PrefName(int p) { return p >= 1 && p <= 47 ? domain::kPrefectures[p - 1].name_ja : ""; }

constexpr Columns kCommunityCols{
    {"c.id", "c.prefecture", "c.name_ja", "c.name_en", "c.secretariat_org_id",
     "so.name_ja AS sec_ja", "so.name_en AS sec_en", "c.purpose", "c.activities", "c.frequency",
     "c.what_worked", "c.open_issues", "c.created_at", "c.updated_at"}};

Community CommunityFromRow(Row& r) {
  constexpr auto& k = kCommunityCols;
  Community c;
  c.id = CommunityId(r.i64(k("id")));
  c.prefecture = static_cast<int>(r.i64(k("prefecture")));
  c.name_ja = r.take(k("name_ja"));
  c.name_en = r.take(k("name_en"));
  c.secretariat_org_id = OrgId(r.i64(k("secretariat_org_id")));
  c.secretariat_name_ja = r.take(k("sec_ja"));
  c.secretariat_name_en = r.take(k("sec_en"));
  c.practices.purpose = r.take(k("purpose"));
  c.practices.activities = r.take(k("activities"));
  c.practices.frequency = r.take(k("frequency"));
  c.practices.what_worked = r.take(k("what_worked"));
  c.practices.open_issues = r.take(k("open_issues"));
  c.created_at = r.i64(k("created_at"));
  c.updated_at = r.i64(k("updated_at"));
  return c;
}

std::string CommunitySelect() {
  return "SELECT " + kCommunityCols.List() +
         " FROM communities c JOIN organisations so ON so.id = c.secretariat_org_id ";
}

std::string CommunityKey(const Community& c) {
  return FoldForSearch(c.name_ja + " " + c.name_en + " " + PrefName(c.prefecture) + " " +
                       c.practices.purpose + " " + c.practices.activities);
}

constexpr Columns kPostCols{{"p.id", "p.community_id", "p.author_id", "u.display_name",
                             "ao.name_ja", "p.visibility", "p.title", "p.body", "p.created_at"}};

CommunityPost PostFromRow(Row& r) {
  constexpr auto& k = kPostCols;
  CommunityPost p;
  p.id = r.i64(k("id"));
  p.community_id = CommunityId(r.i64(k("community_id")));
  p.author_id = UserId(r.i64(k("author_id")));
  p.author_name = r.take(k("display_name"));
  p.author_org_name = r.take(k("name_ja"));
  p.visibility = r.take(k("visibility"));
  p.title = r.take(k("title"));
  p.body = r.take(k("body"));
  p.created_at = r.i64(k("created_at"));
  return p;
}

std::string PostSelect() {
  return "SELECT " + kPostCols.List() +
         " FROM community_posts p JOIN communities c ON c.id = p.community_id JOIN users u ON "
         "u.id = p.author_id JOIN organisations ao ON ao.id = p.author_org_id ";
}

constexpr Columns kEventCols{
    {"e.id", "e.community_id", "c.name_ja", "c.prefecture", "e.title", "e.body", "e.place",
     "e.starts_at", "e.ends_at", "e.capacity", "e.registered",
     "(SELECT COUNT(*) FROM community_registrations g WHERE g.event_id = e.id AND g.user_id = "
     "$2) AS mine",
     "(SELECT COUNT(*) FROM community_registrations g WHERE g.event_id = e.id AND g.user_id = "
     "$2 AND g.attended = 1) AS attended_me",
     "(SELECT COUNT(*) FROM community_registrations g WHERE g.event_id = e.id AND g.user_id = "
     "$2 AND g.rating IS NOT NULL) AS feedback_me",
     "e.materials",
     // The feedback so far, for the secretariat's people only (NULL for anyone else).
     "CASE WHEN c.secretariat_org_id = $1 THEN (SELECT COUNT(g.rating) FROM "
     "community_registrations g WHERE g.event_id = e.id) END AS feedback_count",
     "CASE WHEN c.secretariat_org_id = $1 THEN (SELECT CAST(AVG(g.rating * 1.0) AS "
     "DOUBLE PRECISION) FROM community_registrations g WHERE g.event_id = e.id) END AS "
     "feedback_average"}};

CommunityEvent EventFromRow(Row& r) {
  constexpr auto& k = kEventCols;
  CommunityEvent e;
  e.id = r.i64(k("id"));
  e.community_id = CommunityId(r.i64(k("community_id")));
  e.community_name = r.take(k("name_ja"));
  e.prefecture = static_cast<int>(r.i64(k("prefecture")));
  e.title = r.take(k("title"));
  e.body = r.take(k("body"));
  e.place = r.take(k("place"));
  e.starts_at = r.i64(k("starts_at"));
  e.ends_at = r.i64(k("ends_at"));
  e.capacity = r.i64(k("capacity"));
  e.registered = r.i64(k("registered"));
  e.registered_me = r.i64(k("mine")) > 0;
  e.attended_me = r.i64(k("attended_me")) > 0;
  e.feedback_me = r.i64(k("feedback_me")) > 0;
  e.materials = r.take(k("materials"));
  e.feedback_count = r.opt_i64(k("feedback_count"));
  if (!r.is_null(k("feedback_average"))) e.feedback_average = r.f64(k("feedback_average"));
  return e;
}

std::string EventSelect() {
  return "SELECT " + kEventCols.List() +
         " FROM community_events e JOIN communities c ON c.id = e.community_id ";
}

constexpr Columns kExpertCols{{"x.id", "x.kind", "x.name", "x.affiliation", "x.owner_org_id",
                               "x.specialities", "x.prefectures", "x.languages", "x.availability",
                               "x.how_to_request", "x.created_at"}};

Expert ExpertFromRow(Row& r) {
  constexpr auto& k = kExpertCols;
  Expert e;
  e.id = r.i64(k("id"));
  e.kind = r.take(k("kind"));
  e.name = r.take(k("name"));
  e.affiliation = r.take(k("affiliation"));
  e.owner_org_id = OrgId(r.i64(k("owner_org_id")));
  e.specialities = Unbracket(r.str(k("specialities")));
  e.prefectures = PrefsOf(r.str(k("prefectures")));
  e.languages = r.take(k("languages"));
  e.availability = r.take(k("availability"));
  e.how_to_request = r.take(k("how_to_request"));
  e.created_at = r.i64(k("created_at"));
  return e;
}

constexpr Columns kSchemeCols{{"x.id", "x.name", "x.provider", "x.owner_org_id", "x.specialities",
                               "x.prefectures", "x.eligibility", "x.cost", "x.deadline",
                               "x.contact", "x.created_at"}};

Scheme SchemeFromRow(Row& r) {
  constexpr auto& k = kSchemeCols;
  Scheme s;
  s.id = r.i64(k("id"));
  s.name = r.take(k("name"));
  s.provider = r.take(k("provider"));
  s.owner_org_id = OrgId(r.i64(k("owner_org_id")));
  s.specialities = Unbracket(r.str(k("specialities")));
  s.prefectures = PrefsOf(r.str(k("prefectures")));
  s.eligibility = r.take(k("eligibility"));
  s.cost = r.take(k("cost"));
  s.deadline = r.opt_i64(k("deadline"));
  s.contact = r.take(k("contact"));
  s.created_at = r.i64(k("created_at"));
  return s;
}

// The WHERE of the expert and scheme searches (alias x); the folded query is already folded.
std::string CoverageWhere(const domain::ExpertFilter& f, Params& params) {
  auto bind = [&](Value val) {
    params.push_back(std::move(val));
    return "$" + std::to_string(params.size());
  };
  std::string sql = "WHERE 1 = 1";
  if (f.prefecture > 0)
    sql += " AND (x.prefectures LIKE '%,0,%' OR x.prefectures LIKE " +
           bind("%," + std::to_string(f.prefecture) + ",%") + ")";
  if (!f.speciality.empty())
    sql += " AND x.specialities LIKE " + bind("%," + LikeLiteral(f.speciality) + ",%") +
           " ESCAPE '\\'";
  if (!f.q.empty()) sql += " AND x.search_key LIKE " + bind(ContainsPattern(f.q)) + " ESCAPE '\\'";
  sql += " ORDER BY x.id LIMIT " + bind(std::int64_t{f.limit});
  return sql;
}

constexpr Columns kRequestCols{
    {"r.id", "r.target_kind", "r.target_id", "r.target_org_id", "r.requester_id",
     "r.requester_org_id", "ru.display_name", "ro.name_ja", "r.body", "r.status", "r.outcome",
     "r.created_at", "r.updated_at",
     "COALESCE((SELECT e.name FROM community_experts e WHERE r.target_kind = 'expert' AND e.id = "
     "r.target_id), (SELECT s.name FROM community_schemes s WHERE r.target_kind = 'scheme' AND "
     "s.id = r.target_id), '') AS target_name"}};

SupportRequest RequestFromRow(Row& r) {
  constexpr auto& k = kRequestCols;
  SupportRequest q;
  q.id = r.i64(k("id"));
  q.target_kind = r.take(k("target_kind"));
  q.target_id = r.i64(k("target_id"));
  q.target_org_id = OrgId(r.i64(k("target_org_id")));
  q.requester_id = UserId(r.i64(k("requester_id")));
  q.requester_org_id = OrgId(r.i64(k("requester_org_id")));
  q.requester_name = r.take(k("display_name"));
  q.requester_org_name = r.take(k("name_ja"));
  q.body = r.take(k("body"));
  q.status = r.take(k("status"));
  q.outcome = r.take(k("outcome"));
  q.created_at = r.i64(k("created_at"));
  q.updated_at = r.i64(k("updated_at"));
  q.target_name = r.take(k("target_name"));
  return q;
}

std::string RequestSelect() {
  return "SELECT " + kRequestCols.List() +
         " FROM community_requests r JOIN users ru ON ru.id = r.requester_id JOIN organisations "
         "ro ON ro.id = r.requester_org_id ";
}

// The offer's columns as `v` may see them: the poster and the contact under their rules.
std::string OfferCols() {
  return std::string("o.id, o.kind, CASE WHEN ") + kPosterShown +
         " THEN o.org_id ELSE 0 END AS org_id, CASE WHEN " + kPosterShown +
         " THEN oo.name_ja ELSE '' END AS org_name, o.user_id, o.title, o.body, o.sector, "
         "o.prefecture, o.tags, CASE WHEN " +
         kContactShown +
         " THEN o.contact ELSE '' END AS contact, o.state, o.created_at, CASE WHEN o.org_id = $1 "
         "THEN 1 ELSE 0 END AS mine, o.text_key";
}

Offer OfferFromRow(Row& r) {
  Offer o;
  o.id = r.i64(0);
  o.kind = r.take(1);
  o.org_id = OrgId(r.i64(2));
  o.org_name = r.take(3);
  o.user_id = UserId(r.i64(4));
  o.title = r.take(5);
  o.body = r.take(6);
  o.sector = r.take(7);
  o.prefecture = static_cast<int>(r.i64(8));
  o.tags = Unbracket(r.str(9));
  o.contact = r.take(10);
  o.state = r.take(11);
  o.created_at = r.i64(12);
  o.mine = r.i64(13) == 1;
  o.text_key = r.take(14);
  if (!o.mine && o.kind == "need") o.user_id = UserId();
  return o;
}

std::string OfferSelect() {
  return "SELECT " + OfferCols() +
         " FROM community_offers o JOIN organisations oo ON oo.id = o.org_id ";
}

std::string IntroSelect() {
  return "SELECT i.id, i.need_id, i.seed_id, n.title, sd.title, i.need_agreed, i.seed_agreed, "
         "i.state, i.outcome, CASE WHEN i.need_agreed = 1 AND i.seed_agreed = 1 THEN no.name_ja "
         "ELSE '' END, CASE WHEN i.need_agreed = 1 AND i.seed_agreed = 1 THEN n.contact ELSE '' "
         "END, CASE WHEN i.need_agreed = 1 AND i.seed_agreed = 1 THEN sdo.name_ja ELSE '' END, "
         "CASE WHEN i.need_agreed = 1 AND i.seed_agreed = 1 THEN sd.contact ELSE '' END, "
         "i.created_at, i.updated_at, CASE WHEN i.need_org_id = $1 THEN 1 ELSE 0 END, CASE WHEN "
         "i.seed_org_id = $1 THEN 1 ELSE 0 END FROM "
         "community_introductions i JOIN community_offers n ON "
         "n.id = i.need_id JOIN community_offers sd ON sd.id = i.seed_id JOIN organisations no "
         "ON no.id = n.org_id JOIN organisations sdo ON sdo.id = sd.org_id ";
}

Introduction IntroFromRow(Row& r) {
  Introduction i;
  i.id = r.i64(0);
  i.need_id = r.i64(1);
  i.seed_id = r.i64(2);
  i.need_title = r.take(3);
  i.seed_title = r.take(4);
  i.need_agreed = r.i64(5) == 1;
  i.seed_agreed = r.i64(6) == 1;
  i.state = r.take(7);
  i.outcome = r.take(8);
  i.need_org_name = r.take(9);
  i.need_contact = r.take(10);
  i.seed_org_name = r.take(11);
  i.seed_contact = r.take(12);
  i.created_at = r.i64(13);
  i.updated_at = r.i64(14);
  i.need_mine = r.i64(15) == 1;
  i.seed_mine = r.i64(16) == 1;
  return i;
}

}  // namespace

// ---- communities ----------------------------------------------------------------------

Result<CommunityId> SqlCommunityStore::CreateCommunity(const Community& c, UserId by) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO communities (prefecture, name_ja, name_en, secretariat_org_id, "
               "purpose, activities, frequency, what_worked, open_issues, search_key, created_by, "
               "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
               "$12, $12) RETURNING id",
               {std::int64_t{c.prefecture}, c.name_ja, c.name_en, c.secretariat_org_id.value,
                c.practices.purpose, c.practices.activities, c.practices.frequency,
                c.practices.what_worked, c.practices.open_issues, CommunityKey(c),
                by.valid() ? Value(by.value) : Value(nullptr), c.created_at}));
  return CommunityId(rows.at(0).i64(0));
}

namespace {
// Member counts by kind and upcoming events, for communities listed.
Status FillCounts(Connection& conn, std::vector<Community>& list, Millis now) {
  if (list.empty()) return Status::Ok();
  std::map<std::int64_t, Community*> by_id;
  for (auto& c : list) by_id[c.id.value] = &c;
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, conn.Query("SELECT community_id, kind, COUNT(*) FROM community_members GROUP BY "
                            "community_id, kind",
                            {}));
  for (Row& r : rows) {
    auto it = by_id.find(r.i64(0));
    if (it == by_id.end()) continue;
    const std::string kind = r.str(1);
    for (size_t i = 0; i < std::size(domain::kCommunityMemberKinds); ++i) {
      if (kind == domain::kCommunityMemberKinds[i]) it->second->member_counts[i] = r.i64(2);
    }
    it->second->member_count += r.i64(2);
  }
  RENKEI_ASSIGN_OR_RETURN(auto events,
                          conn.Query("SELECT community_id, COUNT(*) FROM community_events WHERE "
                                     "starts_at > $1 GROUP BY community_id",
                                     {now}));
  for (Row& r : events) {
    auto it = by_id.find(r.i64(0));
    if (it != by_id.end()) it->second->upcoming_events = r.i64(1);
  }
  return Status::Ok();
}
}  // namespace

Result<std::vector<Community>> SqlCommunityStore::ListCommunities(int prefecture,
                                                                  const std::string& q,
                                                                  Millis now) {
  Params params;
  std::string sql = CommunitySelect() + "WHERE 1 = 1";
  if (prefecture > 0) {
    params.push_back(std::int64_t{prefecture});
    sql += " AND c.prefecture = $" + std::to_string(params.size());
  }
  if (!q.empty()) {
    params.push_back(ContainsPattern(q));
    sql += " AND c.search_key LIKE $" + std::to_string(params.size()) + " ESCAPE '\\'";
  }
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql + " ORDER BY c.prefecture, c.id", params));
  std::vector<Community> out;
  for (Row& r : rows) out.push_back(CommunityFromRow(r));
  RENKEI_RETURN_IF_ERROR(FillCounts(c_, out, now));
  return out;
}

Result<std::optional<Community>> SqlCommunityStore::GetCommunity(CommunityId id, Millis now) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(CommunitySelect() + "WHERE c.id = $1", {id.value}));
  if (rows.empty()) return std::optional<Community>();
  std::vector<Community> one{CommunityFromRow(rows[0])};
  RENKEI_RETURN_IF_ERROR(FillCounts(c_, one, now));
  return std::optional<Community>(std::move(one[0]));
}

Status SqlCommunityStore::UpdatePractices(CommunityId id, const domain::Practices& p, Millis now) {
  RENKEI_ASSIGN_OR_RETURN(auto c, GetCommunity(id, now));
  if (!c) return Status::Ok();
  c->practices = p;
  return c_
      .Exec(
          "UPDATE communities SET purpose = $2, activities = $3, frequency = $4, what_worked = "
          "$5, open_issues = $6, search_key = $7, updated_at = $8 WHERE id = $1",
          {id.value, p.purpose, p.activities, p.frequency, p.what_worked, p.open_issues,
           CommunityKey(*c), now})
      .status();
}

Result<std::vector<CommunityMember>> SqlCommunityStore::Members(CommunityId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT m.org_id, o.name_ja, o.name_en, m.kind, m.added_at FROM "
                          "community_members m JOIN organisations o ON o.id = m.org_id WHERE "
                          "m.community_id = $1 ORDER BY m.kind, o.name_ja, m.org_id",
                          {id.value}));
  std::vector<CommunityMember> out;
  for (Row& r : rows) out.push_back({OrgId(r.i64(0)), r.take(1), r.take(2), r.take(3), r.i64(4)});
  return out;
}

Result<bool> SqlCommunityStore::AddMember(CommunityId id, OrgId org, const std::string& kind,
                                          Millis now) {
  RENKEI_ASSIGN_OR_RETURN(
      auto n, c_.Exec("INSERT INTO community_members (community_id, org_id, kind, added_at) "
                      "VALUES ($1, $2, $3, $4) ON CONFLICT (community_id, org_id) DO NOTHING",
                      {id.value, org.value, kind, now}));
  return n == 1;
}

Result<bool> SqlCommunityStore::RemoveMember(CommunityId id, OrgId org) {
  RENKEI_ASSIGN_OR_RETURN(
      auto n, c_.Exec("DELETE FROM community_members WHERE community_id = $1 AND org_id = $2",
                      {id.value, org.value}));
  return n == 1;
}

Result<bool> SqlCommunityStore::IsMemberOrSecretariat(CommunityId id, OrgId org) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT 1 FROM communities c WHERE c.id = $1 AND (c.secretariat_org_id = $2 OR "
               "EXISTS (SELECT 1 FROM community_members m WHERE m.community_id = c.id AND "
               "m.org_id = $2))",
               {id.value, org.value}));
  return !rows.empty();
}

// ---- the board ------------------------------------------------------------------------

Result<std::int64_t> SqlCommunityStore::AddPost(const CommunityPost& p, OrgId author_org) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO community_posts (community_id, author_id, author_org_id, visibility, "
               "title, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
               {p.community_id.value, p.author_id.value, author_org.value, p.visibility, p.title,
                p.body, p.created_at}));
  return rows.at(0).i64(0);
}

Result<std::vector<CommunityPost>> SqlCommunityStore::Posts(const CommunityViewer& v,
                                                            CommunityId id, int limit) {
  Params params = ViewerParams(v);
  params.push_back(id.value);
  params.push_back(std::int64_t{limit});
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(PostSelect() + "WHERE p.community_id = $3 AND " +
                                                  kPostVisible + " ORDER BY p.id DESC LIMIT $4",
                                              params));
  std::vector<CommunityPost> out;
  for (Row& r : rows) out.push_back(PostFromRow(r));
  return out;
}

Result<std::optional<CommunityPost>> SqlCommunityStore::GetPost(const CommunityViewer& v,
                                                                std::int64_t id) {
  Params params = ViewerParams(v);
  params.push_back(id);
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query(PostSelect() + "WHERE p.id = $3 AND " + kPostVisible, params));
  if (rows.empty()) return std::optional<CommunityPost>();
  return std::optional<CommunityPost>(PostFromRow(rows[0]));
}

// ---- events ---------------------------------------------------------------------------

Result<std::int64_t> SqlCommunityStore::CreateEvent(const CommunityEvent& e, UserId by,
                                                    Millis now) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO community_events (community_id, title, body, place, starts_at, "
               "ends_at, capacity, created_by, created_at, search_key) VALUES ($1, $2, $3, $4, "
               "$5, $6, $7, $8, $9, $10) RETURNING id",
               {e.community_id.value, e.title, e.body, e.place, e.starts_at, e.ends_at, e.capacity,
                by.value, now, FoldForSearch(e.title + " " + e.body + " " + e.place)}));
  return rows.at(0).i64(0);
}

Result<std::vector<CommunityEvent>> SqlCommunityStore::Events(const CommunityViewer& v,
                                                              std::optional<CommunityId> community,
                                                              int prefecture, bool upcoming,
                                                              Millis now, int limit,
                                                              const std::string& q) {
  Params params = ViewerParams(v);
  auto bind = [&](Value val) {
    params.push_back(std::move(val));
    return "$" + std::to_string(params.size());
  };
  std::string sql = EventSelect() + "WHERE 1 = 1";
  if (community) sql += " AND e.community_id = " + bind(community->value);
  if (prefecture > 0) sql += " AND c.prefecture = " + bind(std::int64_t{prefecture});
  // q is folded already: the event's own text or its community's name.
  if (!q.empty()) {
    const std::string pattern = bind(ContainsPattern(q));
    sql += " AND (e.search_key LIKE " + pattern + " ESCAPE '\\' OR c.search_key LIKE " + pattern +
           " ESCAPE '\\')";
  }
  if (upcoming) {
    sql += " AND e.starts_at > " + bind(now) + " ORDER BY e.starts_at, e.id";
  } else {
    sql += " AND e.starts_at <= " + bind(now) + " ORDER BY e.starts_at DESC, e.id DESC";
  }
  sql += " LIMIT " + bind(std::int64_t{limit});
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<CommunityEvent> out;
  for (Row& r : rows) out.push_back(EventFromRow(r));
  return out;
}

Result<std::optional<CommunityEvent>> SqlCommunityStore::GetEvent(const CommunityViewer& v,
                                                                  std::int64_t id) {
  Params params = ViewerParams(v);
  params.push_back(id);
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(EventSelect() + "WHERE e.id = $3", params));
  if (rows.empty()) return std::optional<CommunityEvent>();
  return std::optional<CommunityEvent>(EventFromRow(rows[0]));
}

Result<bool> SqlCommunityStore::TakeSeat(std::int64_t event) {
  RENKEI_ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE community_events SET registered = registered "
                                          "+ 1 WHERE id = $1 AND registered < capacity",
                                          {event}));
  return n == 1;
}

Status SqlCommunityStore::ReleaseSeat(std::int64_t event) {
  return c_
      .Exec(
          "UPDATE community_events SET registered = registered - 1 WHERE id = $1 AND "
          "registered > 0",
          {event})
      .status();
}

Result<bool> SqlCommunityStore::AddRegistration(std::int64_t event, UserId user, Millis now) {
  RENKEI_ASSIGN_OR_RETURN(
      auto n, c_.Exec("INSERT INTO community_registrations (event_id, user_id, registered_at) "
                      "VALUES ($1, $2, $3) ON CONFLICT (event_id, user_id) DO NOTHING",
                      {event, user.value, now}));
  return n == 1;
}

Result<bool> SqlCommunityStore::RemoveRegistration(std::int64_t event, UserId user) {
  RENKEI_ASSIGN_OR_RETURN(
      auto n, c_.Exec("DELETE FROM community_registrations WHERE event_id = $1 AND user_id = $2",
                      {event, user.value}));
  return n == 1;
}

Result<std::vector<domain::Registration>> SqlCommunityStore::Registrations(std::int64_t event) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT g.user_id, u.display_name, o.name_ja, g.registered_at, g.attended, "
               "g.rating, g.comment FROM "
               "community_registrations g JOIN users u ON u.id = g.user_id JOIN organisations o "
               "ON o.id = u.org_id WHERE g.event_id = $1 ORDER BY g.registered_at, g.user_id",
               {event}));
  std::vector<domain::Registration> out;
  for (Row& r : rows) {
    domain::Registration g;
    g.user_id = UserId(r.i64(0));
    g.display_name = r.take(1);
    g.org_name = r.take(2);
    g.registered_at = r.i64(3);
    g.attended = r.i64(4) == 1;
    if (auto rating = r.opt_i64(5)) g.rating = static_cast<int>(*rating);
    g.comment = r.take(6);
    out.push_back(std::move(g));
  }
  return out;
}

namespace {
constexpr AttachmentTable kPostFiles{"community_post_files", "post_id"};
// kAttachmentCols' order (AttachmentFromRow reads by it), then the post.
constexpr Columns kPostFileCols{{"a.id", "a.filename", "a.content_type", "a.size", "a.sha256",
                                 "a.uploaded_by", "a.uploaded_at", "a.data_base64", "a.post_id"}};
// The files the viewer at $1, $2 sees: those of the posts it sees.
std::string PostFileSelect(bool with_data) {
  return "SELECT " + (with_data ? kPostFileCols.List() : kPostFileCols.List({"a.data_base64"})) +
         " FROM community_post_files a JOIN community_posts p ON p.id = a.post_id JOIN "
         "communities c ON c.id = p.community_id WHERE " +
         kPostVisible;
}
}  // namespace

Result<domain::AttachmentId> SqlCommunityStore::AddPostFile(std::int64_t post,
                                                            const domain::Attachment& a) {
  return InsertAttachment(c_, kPostFiles, post, a);
}

Result<std::int64_t> SqlCommunityStore::CountPostFiles(std::int64_t post) {
  return CountAttachmentRows(c_, kPostFiles, post);
}

Result<std::vector<std::pair<std::int64_t, domain::Attachment>>> SqlCommunityStore::PostFiles(
    const CommunityViewer& v, CommunityId community) {
  Params params = ViewerParams(v);
  params.push_back(community.value);
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(PostFileSelect(false) + " AND p.community_id = $3 ORDER BY a.id", params));
  std::vector<std::pair<std::int64_t, domain::Attachment>> out;
  for (Row& r : rows) {
    const std::int64_t post = r.i64(kPostFileCols("post_id"));
    out.emplace_back(post, AttachmentFromRow(r));
  }
  return out;
}

Result<std::optional<domain::Attachment>> SqlCommunityStore::GetPostFile(const CommunityViewer& v,
                                                                         domain::AttachmentId id) {
  Params params = ViewerParams(v);
  params.push_back(id.value);
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(PostFileSelect(true) + " AND a.id = $3", params));
  if (rows.empty()) return std::optional<domain::Attachment>();
  RENKEI_ASSIGN_OR_RETURN(auto a, AttachmentWithData(rows[0], kPostFileCols("data_base64")));
  return std::optional<domain::Attachment>(std::move(a));
}

Status SqlCommunityStore::SetMaterials(std::int64_t event, const std::string& materials) {
  return c_.Exec("UPDATE community_events SET materials = $2 WHERE id = $1", {event, materials})
      .status();
}

Result<bool> SqlCommunityStore::SetFeedback(std::int64_t event, UserId user, int rating,
                                            const std::string& comment, Millis now) {
  RENKEI_ASSIGN_OR_RETURN(
      auto n, c_.Exec("UPDATE community_registrations SET rating = $3, comment = $4, feedback_at "
                      "= $5 WHERE event_id = $1 AND user_id = $2 AND attended = 1 AND rating IS "
                      "NULL",
                      {event, user.value, std::int64_t{rating}, comment, now}));
  return n == 1;
}

Result<domain::CommunityMap> SqlCommunityStore::MapCounts(Millis now) {
  domain::CommunityMap m;
  for (int p = 1; p <= 47; ++p) {
    domain::MapCell cell;
    cell.prefecture = p;
    cell.open_needs = 0;
    m.cells.push_back(cell);
  }
  auto tally = [&](const std::string& sql, const Params& params, auto field) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
    for (Row& r : rows) {
      const auto p = r.i64(0);
      if (p >= 1 && p <= 47) field(m.cells[static_cast<size_t>(p - 1)]) = r.i64(1);
    }
    return Status::Ok();
  };
  RENKEI_RETURN_IF_ERROR(tally("SELECT prefecture, COUNT(*) FROM communities GROUP BY prefecture",
                               {},
                               [](domain::MapCell& c) -> std::int64_t& { return c.communities; }));
  RENKEI_RETURN_IF_ERROR(
      tally("SELECT c.prefecture, COUNT(*) FROM community_events e JOIN communities c ON c.id = "
            "e.community_id WHERE e.starts_at > $1 GROUP BY c.prefecture",
            {now}, [](domain::MapCell& c) -> std::int64_t& { return c.upcoming_events; }));
  RENKEI_RETURN_IF_ERROR(tally(
      "SELECT prefecture, COUNT(*) FROM community_offers WHERE kind = 'need' AND state = 'open' "
      "GROUP BY prefecture",
      {}, [](domain::MapCell& c) -> std::int64_t& { return *c.open_needs; }));
  // An expert's prefectures are one bracketed list (",4,7,"): counted here, nationwide apart.
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT prefectures FROM community_experts", {}));
  for (Row& r : rows) {
    for (int p : PrefsOf(r.str(0))) {
      if (p == 0) {
        ++m.nationwide_experts;
      } else if (p >= 1 && p <= 47) {
        ++m.cells[static_cast<size_t>(p - 1)].experts;
      }
    }
  }
  return m;
}

Result<bool> SqlCommunityStore::MarkAttended(std::int64_t event, UserId user, bool attended) {
  RENKEI_ASSIGN_OR_RETURN(auto n, c_.Exec("UPDATE community_registrations SET attended = $3 "
                                          "WHERE event_id = $1 AND user_id = $2",
                                          {event, user.value, std::int64_t{attended ? 1 : 0}}));
  return n == 1;
}

// ---- experts and schemes --------------------------------------------------------------

Result<std::int64_t> SqlCommunityStore::CreateExpert(const Expert& e) {
  const std::string key =
      FoldForSearch(e.name + " " + e.affiliation + " " + e.languages + " " + e.availability + " " +
                    e.how_to_request + " " + Join(e.specialities, ' '));
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO community_experts (kind, name, affiliation, owner_org_id, "
               "specialities, prefectures, languages, availability, how_to_request, search_key, "
               "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
               {e.kind, e.name, e.affiliation, e.owner_org_id.value, Bracketed(e.specialities),
                PrefText(e.prefectures), e.languages, e.availability, e.how_to_request, key,
                e.created_at}));
  return rows.at(0).i64(0);
}

Result<std::int64_t> SqlCommunityStore::CreateScheme(const Scheme& s) {
  const std::string key = FoldForSearch(s.name + " " + s.provider + " " + s.eligibility + " " +
                                        s.cost + " " + Join(s.specialities, ' '));
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO community_schemes (name, provider, owner_org_id, specialities, "
               "prefectures, eligibility, cost, deadline, contact, search_key, created_at) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
               {s.name, s.provider, s.owner_org_id.value, Bracketed(s.specialities),
                PrefText(s.prefectures), s.eligibility, s.cost, OptMs(s.deadline), s.contact, key,
                s.created_at}));
  return rows.at(0).i64(0);
}

Result<std::vector<Expert>> SqlCommunityStore::SearchExperts(const domain::ExpertFilter& f) {
  Params params;
  const std::string where = CoverageWhere(f, params);
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + kExpertCols.List() + " FROM community_experts x " + where, params));
  std::vector<Expert> out;
  for (Row& r : rows) out.push_back(ExpertFromRow(r));
  return out;
}

Result<std::vector<Scheme>> SqlCommunityStore::SearchSchemes(const domain::ExpertFilter& f) {
  Params params;
  const std::string where = CoverageWhere(f, params);
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + kSchemeCols.List() + " FROM community_schemes x " + where, params));
  std::vector<Scheme> out;
  for (Row& r : rows) out.push_back(SchemeFromRow(r));
  return out;
}

Result<std::optional<Expert>> SqlCommunityStore::GetExpert(std::int64_t id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + kExpertCols.List() + " FROM community_experts x WHERE x.id = $1", {id}));
  if (rows.empty()) return std::optional<Expert>();
  return std::optional<Expert>(ExpertFromRow(rows[0]));
}

Result<std::optional<Scheme>> SqlCommunityStore::GetScheme(std::int64_t id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + kSchemeCols.List() + " FROM community_schemes x WHERE x.id = $1", {id}));
  if (rows.empty()) return std::optional<Scheme>();
  return std::optional<Scheme>(SchemeFromRow(rows[0]));
}

// ---- requests -------------------------------------------------------------------------

Result<std::int64_t> SqlCommunityStore::CreateRequest(const SupportRequest& r) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO community_requests (target_kind, target_id, target_org_id, "
               "requester_id, requester_org_id, body, status, outcome, created_at, updated_at) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, '', $8, $8) RETURNING id",
               {r.target_kind, r.target_id, r.target_org_id.value, r.requester_id.value,
                r.requester_org_id.value, r.body, r.status, r.created_at}));
  return rows.at(0).i64(0);
}

Result<std::vector<SupportRequest>> SqlCommunityStore::Requests(const CommunityViewer& v,
                                                                int limit) {
  Params params = ViewerParams(v);
  params.push_back(std::int64_t{limit});
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(RequestSelect() + "WHERE $2 > 0 AND " +
                                                  kRequestVisible + " ORDER BY r.id DESC LIMIT $3",
                                              params));
  std::vector<SupportRequest> out;
  for (Row& r : rows) out.push_back(RequestFromRow(r));
  return out;
}

Result<std::optional<SupportRequest>> SqlCommunityStore::GetRequest(const CommunityViewer& v,
                                                                    std::int64_t id) {
  Params params = ViewerParams(v);
  params.push_back(id);
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(RequestSelect() + "WHERE r.id = $3 AND $2 > 0 AND " + kRequestVisible, params));
  if (rows.empty()) return std::optional<SupportRequest>();
  return std::optional<SupportRequest>(RequestFromRow(rows[0]));
}

Status SqlCommunityStore::UpdateRequest(std::int64_t id, const std::string& status,
                                        const std::string& outcome, Millis now) {
  return c_
      .Exec(
          "UPDATE community_requests SET status = $2, outcome = $3, updated_at = $4 WHERE id "
          "= $1",
          {id, status, outcome, now})
      .status();
}

// ---- needs and seeds ------------------------------------------------------------------

Result<std::int64_t> SqlCommunityStore::CreateOffer(const Offer& o, Millis now) {
  const std::string key = FoldForSearch(o.title + " " + o.body + " " + Join(o.tags, ' ') + " " +
                                        o.sector + " " + PrefName(o.prefecture));
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(
          "INSERT INTO community_offers (kind, org_id, user_id, title, body, sector, "
          "prefecture, tags, contact, state, search_key, text_key, created_at) VALUES ($1, $2, "
          "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
          {o.kind, o.org_id.value, o.user_id.value, o.title, o.body, o.sector,
           std::int64_t{o.prefecture}, Bracketed(o.tags), o.contact, o.state, key,
           FoldForSearch(o.title + " " + o.body), now}));
  return rows.at(0).i64(0);
}

Result<std::vector<Offer>> SqlCommunityStore::Offers(const CommunityViewer& v,
                                                     const domain::OfferFilter& f) {
  Params params = ViewerParams(v);
  auto bind = [&](Value val) {
    params.push_back(std::move(val));
    return "$" + std::to_string(params.size());
  };
  std::string sql = OfferSelect() + "WHERE " + kOfferVisible;
  if (!f.kind.empty()) sql += " AND o.kind = " + bind(f.kind);
  if (f.prefecture > 0) sql += " AND o.prefecture = " + bind(std::int64_t{f.prefecture});
  if (f.open_only) sql += " AND o.state = 'open'";
  if (f.mine) sql += " AND o.org_id = $1";
  if (!f.q.empty()) sql += " AND o.search_key LIKE " + bind(ContainsPattern(f.q)) + " ESCAPE '\\'";
  sql += " ORDER BY o.id DESC LIMIT " + bind(std::int64_t{f.limit});
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<Offer> out;
  for (Row& r : rows) out.push_back(OfferFromRow(r));
  return out;
}

Result<std::optional<Offer>> SqlCommunityStore::GetOffer(const CommunityViewer& v,
                                                         std::int64_t id) {
  Params params = ViewerParams(v);
  params.push_back(id);
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query(OfferSelect() + "WHERE o.id = $3 AND " + kOfferVisible, params));
  if (rows.empty()) return std::optional<Offer>();
  return std::optional<Offer>(OfferFromRow(rows[0]));
}

Result<std::optional<Offer>> SqlCommunityStore::GetOfferRaw(std::int64_t id) {
  // The poster's own view: every column shown (the service decides what leaves).
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT o.id, o.kind, o.org_id, oo.name_ja, o.user_id, "
                          "o.title, o.body, o.sector, o.prefecture, o.tags, o.contact, "
                          "o.state, o.created_at, 1, o.text_key FROM community_offers o JOIN "
                          "organisations oo ON oo.id = o.org_id WHERE o.id = $1",
                          {id}));
  if (rows.empty()) return std::optional<Offer>();
  return std::optional<Offer>(OfferFromRow(rows[0]));
}

Status SqlCommunityStore::WithdrawOffer(std::int64_t id) {
  return c_.Exec("UPDATE community_offers SET state = 'withdrawn' WHERE id = $1", {id}).status();
}

Result<std::vector<Offer>> SqlCommunityStore::OpenOffers(const CommunityViewer& v,
                                                         const std::string& kind) {
  Params params = ViewerParams(v);
  params.push_back(kind);
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(OfferSelect() +
                                                  "WHERE o.kind = $3 AND o.state = "
                                                  "'open' AND " +
                                                  kOfferVisible + " ORDER BY o.id",
                                              params));
  std::vector<Offer> out;
  out.reserve(rows.size());
  for (Row& r : rows) out.push_back(OfferFromRow(r));
  return out;
}

// ---- introductions --------------------------------------------------------------------

Result<std::optional<std::int64_t>> SqlCommunityStore::CreateIntroduction(
    const Offer& need, const Offer& seed, UserId by, bool need_agreed, bool seed_agreed,
    Millis now) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO community_introductions (need_id, seed_id, need_org_id, seed_org_id, "
               "requested_by, need_agreed, seed_agreed, state, outcome, created_at, updated_at) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', '', $8, $8) ON CONFLICT "
               "(need_id, seed_id) DO NOTHING RETURNING id",
               {need.id, seed.id, need.org_id.value, seed.org_id.value, by.value,
                std::int64_t{need_agreed ? 1 : 0}, std::int64_t{seed_agreed ? 1 : 0}, now}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows[0].i64(0));
}

Result<std::vector<Introduction>> SqlCommunityStore::Introductions(const CommunityViewer& v) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(IntroSelect() + "WHERE " + kIntroVisible +
                                                  " ORDER BY i.id DESC LIMIT 200",
                                              {v.org_id.value}));
  std::vector<Introduction> out;
  for (Row& r : rows) out.push_back(IntroFromRow(r));
  return out;
}

Result<std::optional<Introduction>> SqlCommunityStore::GetIntroduction(const CommunityViewer& v,
                                                                       std::int64_t id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(IntroSelect() + "WHERE i.id = $2 AND " + kIntroVisible, {v.org_id.value, id}));
  if (rows.empty()) return std::optional<Introduction>();
  return std::optional<Introduction>(IntroFromRow(rows[0]));
}

Result<std::pair<OrgId, OrgId>> SqlCommunityStore::IntroductionOrgs(std::int64_t id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT need_org_id, seed_org_id FROM community_introductions WHERE id "
                          "= $1",
                          {id}));
  if (rows.empty()) return std::pair<OrgId, OrgId>();
  return std::pair<OrgId, OrgId>(OrgId(rows[0].i64(0)), OrgId(rows[0].i64(1)));
}

Status SqlCommunityStore::UpdateIntroduction(std::int64_t id, bool need_agreed, bool seed_agreed,
                                             const std::string& state, const std::string& outcome,
                                             Millis now) {
  return c_
      .Exec(
          "UPDATE community_introductions SET need_agreed = $2, seed_agreed = $3, state = $4, "
          "outcome = $5, updated_at = $6 WHERE id = $1",
          {id, std::int64_t{need_agreed ? 1 : 0}, std::int64_t{seed_agreed ? 1 : 0}, state, outcome,
           now})
      .status();
}

}  // namespace renkei::storage
