// The regional communities' part of the route table (issue 20, docs/community.md): the
// public pages (communities, one community with its public posts and events, whom to
// approach, experts, schemes, the calendar, the map), and for signed-in people the community
// as they may see it, its secretariat's work (practices, members, posts, events, attendance,
// materials), registration and feedback, experts and schemes with requests, needs and seeds
// with matches and introductions. Access is CommunityService's rule.
#include "core/error_codes.h"
#include "domain/community/community_service.h"
#include "http/route_helpers.h"

namespace renkei::http {
namespace {

using A = Access;
using domain::CommunityId;

Result<int> PrefectureParam(const Request& req, bool required) {
  const std::string v = QueryString(req, "prefecture");
  if (v.empty()) {
    if (required) return err::Required().with_field("prefecture");
    return 0;
  }
  RENKEI_ASSIGN_OR_RETURN(auto n, QueryInt(req, "prefecture", 0, 0, 47));
  return static_cast<int>(n);
}

void WritePractices(JsonWriter& w, const domain::Practices& p) {
  w.Key("practices")
      .BeginObject()
      .Field("purpose", p.purpose)
      .Field("activities", p.activities)
      .Field("frequency", p.frequency)
      .Field("what_worked", p.what_worked)
      .Field("open_issues", p.open_issues)
      .EndObject();
}

void WriteCommunity(JsonWriter& w, const domain::Community& c) {
  w.BeginObject()
      .Field("id", c.id.value)
      .Field("prefecture", c.prefecture)
      .Field("name_ja", c.name_ja)
      .Field("name_en", c.name_en)
      .Field("secretariat_org_id", c.secretariat_org_id.value)
      .Field("secretariat_name_ja", c.secretariat_name_ja)
      .Field("secretariat_name_en", c.secretariat_name_en);
  WritePractices(w, c.practices);
  w.Field("member_count", c.member_count).Key("members_by_kind").BeginObject();
  for (size_t i = 0; i < std::size(domain::kCommunityMemberKinds); ++i)
    w.Field(domain::kCommunityMemberKinds[i], c.member_counts[i]);
  w.EndObject().Field("upcoming_events", c.upcoming_events);
  TimeField(w, "updated_at", c.updated_at);
  w.EndObject();
}

void WriteEvent(JsonWriter& w, const domain::CommunityEvent& e) {
  w.BeginObject()
      .Field("id", e.id)
      .Field("community_id", e.community_id.value)
      .Field("community_name", e.community_name)
      .Field("prefecture", e.prefecture)
      .Field("title", e.title)
      .Field("body", e.body)
      .Field("place", e.place);
  TimeField(w, "starts_at", e.starts_at);
  TimeField(w, "ends_at", e.ends_at);
  w.Field("capacity", e.capacity)
      .Field("registered", e.registered)
      .Field("registered_me", e.registered_me)
      .Field("attended_me", e.attended_me)
      .Field("feedback_me", e.feedback_me)
      .Field("materials", e.materials)
      .FieldOrNull("feedback_count", e.feedback_count)
      .Key("feedback_average");
  if (e.feedback_average) {
    w.Number(*e.feedback_average);
  } else {
    w.Null();
  }
  w.EndObject();
}

// `mine`: the caller wrote it (the author may attach files to it, as the secretariat may).
void WritePost(JsonWriter& w, const domain::CommunityPost& p, UserId viewer) {
  w.BeginObject()
      .Field("id", p.id)
      .Field("community_id", p.community_id.value)
      .Field("visibility", p.visibility)
      .Field("title", p.title)
      .Field("body", p.body)
      .Field("author_name", p.author_name)
      .Field("author_org_name", p.author_org_name)
      .Field("mine", viewer.valid() && p.author_id == viewer);
  TimeField(w, "created_at", p.created_at);
  w.Key("files").BeginArray();
  for (const auto& f : p.files) WriteAttachment(w, f);
  w.EndArray().EndObject();
}

void WritePrefectures(JsonWriter& w, const std::vector<int>& prefs) {
  w.Key("prefectures").BeginArray();
  for (int p : prefs) w.Int(p);
  w.EndArray();
}

void WriteExpert(JsonWriter& w, const domain::Expert& e, OrgId viewer) {
  w.BeginObject()
      .Field("id", e.id)
      .Field("kind", e.kind)
      .Field("name", e.name)
      .Field("affiliation", e.affiliation)
      .Field("specialities", e.specialities);
  WritePrefectures(w, e.prefectures);
  w.Field("languages", e.languages)
      .Field("availability", e.availability)
      .Field("how_to_request", e.how_to_request)
      .Field("mine", viewer.valid() && e.owner_org_id == viewer)
      .EndObject();
}

void WriteScheme(JsonWriter& w, const domain::Scheme& s, OrgId viewer) {
  w.BeginObject()
      .Field("id", s.id)
      .Field("name", s.name)
      .Field("provider", s.provider)
      .Field("specialities", s.specialities);
  WritePrefectures(w, s.prefectures);
  w.Field("eligibility", s.eligibility).Field("cost", s.cost).Field("contact", s.contact);
  TimeField(w, "deadline", s.deadline);
  w.Field("mine", viewer.valid() && s.owner_org_id == viewer).EndObject();
}

void WriteRequest(JsonWriter& w, const domain::SupportRequest& r, OrgId viewer) {
  w.BeginObject()
      .Field("id", r.id)
      .Field("target_kind", r.target_kind)
      .Field("target_id", r.target_id)
      .Field("target_name", r.target_name)
      .Field("requester_name", r.requester_name)
      .Field("requester_org_name", r.requester_org_name)
      .Field("body", r.body)
      .Field("status", r.status)
      .Field("outcome", r.outcome)
      .Field("mine_to_answer", domain::AwaitsAnswer(r, viewer));
  TimeField(w, "created_at", r.created_at);
  TimeField(w, "updated_at", r.updated_at);
  w.EndObject();
}

void WriteRegistration(JsonWriter& w, const domain::Registration& g) {
  w.BeginObject()
      .Field("user_id", g.user_id.value)
      .Field("display_name", g.display_name)
      .Field("org_name", g.org_name);
  TimeField(w, "registered_at", g.registered_at);
  w.Field("attended", g.attended)
      .FieldOrNull("feedback_rating",
                   g.rating ? std::optional<std::int64_t>(*g.rating) : std::nullopt)
      .Field("feedback_comment", g.comment)
      .EndObject();
}

void WriteOffer(JsonWriter& w, const domain::Offer& o) {
  w.BeginObject().Field("id", o.id).Field("kind", o.kind);
  if (o.org_id.valid()) {
    w.Field("org_id", o.org_id.value);
  } else {
    w.Key("org_id").Null();
  }
  w.Field("org_name", o.org_name)
      .Field("title", o.title)
      .Field("body", o.body)
      .Field("sector", o.sector)
      .Field("prefecture", o.prefecture)
      .Key("tags")
      .BeginArray();
  for (const auto& t : o.tags) w.String(t);
  w.EndArray().Field("contact", o.contact).Field("state", o.state).Field("mine", o.mine);
  TimeField(w, "created_at", o.created_at);
  w.EndObject();
}

void WriteIntroduction(JsonWriter& w, const domain::Introduction& i) {
  w.BeginObject()
      .Field("id", i.id)
      .Field("need_id", i.need_id)
      .Field("seed_id", i.seed_id)
      .Field("need_title", i.need_title)
      .Field("seed_title", i.seed_title)
      .Field("need_agreed", i.need_agreed)
      .Field("seed_agreed", i.seed_agreed)
      .Field("state", i.state)
      .Field("outcome", i.outcome)
      .Field("need_org_name", i.need_org_name)
      .Field("need_contact", i.need_contact)
      .Field("seed_org_name", i.seed_org_name)
      .Field("seed_contact", i.seed_contact)
      .Field("my_side", i.need_mine ? "need" : "seed")
      // The side that has not agreed yet answers, while the introduction is asked.
      .Field("can_answer", domain::AwaitsAnswer(i));
  TimeField(w, "created_at", i.created_at);
  TimeField(w, "updated_at", i.updated_at);
  w.EndObject();
}

// The community page: what the caller may see of it (the public one when p is null).
Result<Reply> CommunityReply(Ctx& c, const domain::Principal* p) {
  auto& svc = c.s.community;
  RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityNotFound));
  RENKEI_ASSIGN_OR_RETURN(auto d, svc.Get(p, id));
  RENKEI_ASSIGN_OR_RETURN(auto posts, svc.Posts(p, id));
  RENKEI_ASSIGN_OR_RETURN(auto events, svc.Events(p, id, 0, true));
  RENKEI_ASSIGN_OR_RETURN(auto past, svc.Events(p, id, 0, false));
  JsonWriter w;
  w.BeginObject().Key("community");
  WriteCommunity(w, d.community);
  w.Key("members").BeginArray();
  for (const auto& m : d.members) {
    w.BeginObject()
        .Field("org_id", m.org_id.value)
        .Field("name_ja", m.org_name_ja)
        .Field("name_en", m.org_name_en)
        .Field("kind", m.kind)
        .EndObject();
  }
  w.EndArray().Key("posts").BeginArray();
  for (const auto& x : posts) WritePost(w, x, p ? p->user_id : UserId());
  w.EndArray().Key("events").BeginArray();
  for (const auto& e : events) WriteEvent(w, e);
  w.EndArray().Key("past_events").BeginArray();
  for (const auto& e : past) WriteEvent(w, e);
  w.EndArray();
  if (p) {
    w.Field("is_member", d.is_member)
        .Field("is_secretariat", d.is_secretariat)
        .Field("can_manage", d.is_secretariat);
  }
  w.EndObject();
  return JsonReply(w, c.req.method == "POST" ? 201 : 200);
}

Result<Reply> PostFileReply(Ctx& c) {
  RENKEI_ASSIGN_OR_RETURN(auto id, PathId<domain::AttachmentId>(c, 0, err::AttachmentNotFound));
  RENKEI_ASSIGN_OR_RETURN(auto a, c.s.community.GetPostFile(c.principal, id));
  return FileReply(a);
}

Result<Reply> MapReply(Ctx& c) {
  RENKEI_ASSIGN_OR_RETURN(auto m, c.s.community.Map(c.principal));
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& x : m.cells) {
    w.BeginObject()
        .Field("prefecture", x.prefecture)
        .Field("communities", x.communities)
        .Field("experts", x.experts)
        .Field("upcoming_events", x.upcoming_events)
        .FieldOrNull("open_needs", x.open_needs)
        .EndObject();
  }
  w.EndArray().Field("nationwide_experts", m.nationwide_experts).EndObject();
  return JsonReply(w);
}

Result<domain::ExpertFilter> ReadExpertFilter(const Request& req) {
  domain::ExpertFilter f;
  RENKEI_ASSIGN_OR_RETURN(f.prefecture, PrefectureParam(req, false));
  f.speciality = QueryString(req, "speciality");
  f.q = QueryString(req, "q");
  return f;
}

// The calendar's filter: prefecture, region, community, upcoming or past.
Result<Reply> EventsReply(Ctx& c) {
  RENKEI_ASSIGN_OR_RETURN(int pref, PrefectureParam(c.req, false));
  std::optional<CommunityId> community;
  if (!QueryString(c.req, "community").empty()) {
    RENKEI_ASSIGN_OR_RETURN(auto n, QueryInt(c.req, "community", 0, 1, INT64_MAX));
    community = CommunityId(n);
  }
  const std::string when = QueryString(c.req, "when");
  const bool mine = when == "mine" && c.principal;
  if (!when.empty() && when != "upcoming" && when != "past" && !mine)
    return err::InvalidValue(c.principal ? "upcoming, past, mine" : "upcoming, past")
        .with_field("when");
  const std::string q = QueryString(c.req, "q");
  RENKEI_ASSIGN_OR_RETURN(auto list,
                          c.s.community.Events(c.principal, community, pref, when != "past", q));
  if (mine) {
    // Those the caller registered for: the upcoming ones soonest first, then the past ones.
    RENKEI_ASSIGN_OR_RETURN(auto past,
                            c.s.community.Events(c.principal, community, pref, false, q));
    list.insert(list.end(), past.begin(), past.end());
    std::erase_if(list, [](const domain::CommunityEvent& e) { return !e.registered_me; });
  }
  return ItemsReply(list, WriteEvent);
}

Result<std::int64_t> EventParam(const Ctx& c) {
  RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityEventNotFound));
  return id.value;
}

Result<std::vector<int>> ReadPrefectures(JsonObject& in) {
  std::vector<int> out;
  for (auto p : in.Ints("prefectures", true).value_or(std::vector<std::int64_t>{})) {
    if (p < 0 || p > 47) return err::OutOfRange({.max = 47, .min = 0}).with_field("prefectures");
    out.push_back(static_cast<int>(p));
  }
  return out;
}

Result<domain::Practices> ReadPractices(JsonObject& in) {
  domain::Practices p;
  p.purpose = in.String("purpose", false).value_or("");
  p.activities = in.String("activities", false).value_or("");
  p.frequency = in.String("frequency", false).value_or("");
  p.what_worked = in.String("what_worked", false).value_or("");
  p.open_issues = in.String("open_issues", false).value_or("");
  return p;
}

}  // namespace

std::vector<Route> CommunityRoutes() {
  return {
      {"GET",
       "/api/v1/public/communities",
       A::kPublic,
       {.tag = "community",
        .summary = "Regional security communities with their practices, for the comparison and "
                   "the map (no sign-in)",
        .query = {"prefecture", "q"},
        .response = "CommunityList"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(int pref, PrefectureParam(c.req, false));
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.community.List(pref, QueryString(c.req, "q")));
         return ItemsReply(list, WriteCommunity);
       }},
      {"GET",
       "/api/v1/public/communities/{id}",
       A::kPublic,
       {.tag = "community",
        .summary = "One community: members by kind, practices, public posts, upcoming events "
                   "(no sign-in)",
        .response = "CommunityPublic"},
       [](Ctx& c) -> Result<Reply> { return CommunityReply(c, nullptr); }},
      {"GET",
       "/api/v1/public/community-approach",
       A::kPublic,
       {.tag = "community",
        .summary = "Whom to approach in a prefecture without a community, and the nearest "
                   "communities' practices (no sign-in)",
        .query = {"prefecture"},
        .response = "CommunityApproach"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(int pref, PrefectureParam(c.req, true));
         RENKEI_ASSIGN_OR_RETURN(auto a, c.s.community.Approach(pref));
         JsonWriter w;
         w.BeginObject().Field("prefecture", a.prefecture).Key("communities_here").BeginArray();
         for (const auto& x : a.communities_here) WriteCommunity(w, x);
         w.EndArray().Key("bodies").BeginArray();
         for (const auto& o : a.bodies) {
           w.BeginObject()
               .Field("id", o.id.value)
               .Field("name_ja", o.name_ja)
               .Field("name_en", o.name_en)
               .Field("kind", o.kind)
               .EndObject();
         }
         w.EndArray().Key("nearest").BeginArray();
         for (const auto& x : a.nearest) WriteCommunity(w, x);
         w.EndArray().EndObject();
         return JsonReply(w);
       }},
      {"GET",
       "/api/v1/public/experts",
       A::kPublic,
       {.tag = "community",
        .summary = "Experts who can be dispatched, by prefecture, speciality and text (no "
                   "sign-in)",
        .query = {"prefecture", "speciality", "q"},
        .response = "ExpertList"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto f, ReadExpertFilter(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.community.SearchExperts(f));
         return ItemsReply(
             list, [](JsonWriter& w, const domain::Expert& e) { WriteExpert(w, e, OrgId()); });
       }},
      {"POST",
       "/api/v1/community-events/{id}/registration",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Register for an event (409 community_event_full, "
                   "community_already_registered, community_event_past)",
        .status = 201,
        .response = "CommunityEvent",
        .errors = {404, 409},
        .description = "the event with the caller registered"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityEventNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto e, c.s.community.Register(c.actor(), id.value));
         return ValueReply(WriteEvent, e, 201);
       }},
      {"GET",
       "/api/v1/community-offers/{id}/matches",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Suggested matches of a need or seed, best first, with why each is suggested",
        .response = "OfferMatchList",
        .errors = {404, 409}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityOfferNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.community.Matches(*c.principal, id.value));
         return ItemsReply(list, [](JsonWriter& w, const domain::OfferMatch& m) {
           w.BeginObject().Key("offer");
           WriteOffer(w, m.offer);
           w.Field("score", m.score).Key("shared_tags").BeginArray();
           for (const auto& t : m.shared_tags) w.String(t);
           w.EndArray()
               .Field("same_prefecture", m.same_prefecture)
               .Field("same_region", m.same_region)
               .Field("same_sector", m.same_sector)
               .Field("text_similarity", m.text_similarity)
               .EndObject();
         });
       }},
      {"POST",
       "/api/v1/community-introductions",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Ask to be introduced: a need and a seed, one of them the caller's "
                   "organisation's (400 community_intro_self, 409 community_intro_twice, "
                   "community_offer_withdrawn)",
        .request = "IntroductionInput",
        .status = 201,
        .response = "Introduction",
        .errors = {403, 404, 409},
        .description = "the introduction as the caller sees it"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto need = in.Int("need_id", true).value_or(0);
         const auto seed = in.Int("seed_id", true).value_or(0);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto i, c.s.community.Introduce(c.actor(), need, seed));
         return ValueReply(WriteIntroduction, i, 201);
       }},
      // ---- public: schemes, the calendar, the map ----
      {"GET",
       "/api/v1/public/support-schemes",
       A::kPublic,
       {.tag = "community",
        .summary = "Support schemes (expert dispatch, speaker schemes …) by prefecture, "
                   "speciality and text (no sign-in)",
        .query = {"prefecture", "speciality", "q"},
        .response = "SchemeList"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto f, ReadExpertFilter(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.community.SearchSchemes(f));
         return ItemsReply(
             list, [](JsonWriter& w, const domain::Scheme& x) { WriteScheme(w, x, OrgId()); });
       }},
      {"GET",
       "/api/v1/public/community-events",
       A::kPublic,
       {.tag = "community",
        .summary = "The events calendar: upcoming (soonest first) or past (latest first, with "
                   "their materials), by prefecture or community (no sign-in)",
        .query = {"prefecture", "community", "when", "q"},
        .response = "CommunityEventList"},
       EventsReply},
      {"GET",
       "/api/v1/public/community-files/{id}",
       A::kPublic,
       {.tag = "community",
        .summary = "Download a file of a public post (no sign-in; anything else 404)",
        .media = {"*/*"},
        .description = "the file"},
       [](Ctx& c) -> Result<Reply> { return PostFileReply(c); }},
      {"GET",
       "/api/v1/public/community-map",
       A::kPublic,
       {.tag = "community",
        .summary = "The map of Japan: communities, experts and upcoming events per prefecture "
                   "(no sign-in; open needs are null)",
        .response = "CommunityMap"},
       MapReply},
      // ---- signed in ----
      {"GET",
       "/api/v1/community-map",
       A::kSignedIn,
       {.tag = "community",
        .summary = "The map of Japan with the open needs per prefecture",
        .response = "CommunityMap"},
       MapReply},
      {"GET",
       "/api/v1/me/community-rights",
       A::kSignedIn,
       {.tag = "community",
        .summary = "What the caller may start: a community (for which prefectures), an expert "
                   "or a support scheme",
        .response = "CommunityRights"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto r, c.s.community.Rights(*c.principal));
         JsonWriter w;
         w.BeginObject().Field("can_create", r.can_create);
         WritePrefectures(w, r.prefectures);
         w.Field("can_list", r.can_list).Field("is_admin", r.is_admin).EndObject();
         return JsonReply(w);
       }},
      {"POST",
       "/api/v1/communities",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Create a community: an administrator (naming the secretariat), a local "
                   "government (its own prefecture) or a ministry (any prefecture)",
        .request = "CommunityInput",
        .status = 201,
        .response = "CommunityDetail",
        .errors = {403, 404},
        .description = "the new community as its secretariat sees it"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::NewCommunity n;
         n.prefecture = static_cast<int>(in.Int("prefecture", true).value_or(0));
         n.name_ja = in.String("name_ja", true).value_or("");
         n.name_en = in.String("name_en", false).value_or("");
         if (auto sec = in.Int("secretariat_org_id", false)) n.secretariat = OrgId(*sec);
         if (auto pr = in.Object("practices", false)) {
           RENKEI_ASSIGN_OR_RETURN(n.practices, ReadPractices(*pr));
           RENKEI_RETURN_IF_ERROR(pr->Finish());
         }
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto d, c.s.community.Create(c.actor(), n));
         c.params = {std::to_string(d.community.id.value)};
         return CommunityReply(c, c.principal);
       }},
      {"GET",
       "/api/v1/communities/{id}",
       A::kSignedIn,
       {.tag = "community",
        .summary = "One community as the caller may see it: members, practices, the posts "
                   "the caller may read, events, and whether the caller is a member or runs it",
        .response = "CommunityDetail"},
       [](Ctx& c) -> Result<Reply> { return CommunityReply(c, c.principal); }},
      {"PUT",
       "/api/v1/communities/{id}/practices",
       A::kSignedIn,
       {.tag = "community",
        .summary = "The practices in the common format (the secretariat)",
        .request = "Practices",
        .response = "CommunityDetail",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto pr, ReadPractices(in));
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_RETURN_IF_ERROR(c.s.community.SetPractices(c.actor(), id, pr).status());
         return CommunityReply(c, c.principal);
       }},
      {"PUT",
       "/api/v1/communities/{id}/members/{org_id}",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Add a member organisation with its kind (the secretariat; 409 when it is "
                   "a member already)",
        .request = "CommunityMemberInput",
        .response = "CommunityDetail",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto org, PathId<OrgId>(c, 1, err::CommunityOrgNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const std::string kind = in.String("kind", true).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_RETURN_IF_ERROR(c.s.community.AddMember(c.actor(), id, org, kind).status());
         c.params.resize(1);
         return CommunityReply(c, c.principal);
       }},
      {"DELETE",
       "/api/v1/communities/{id}/members/{org_id}",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Remove a member organisation (the secretariat)",
        .response = "CommunityDetail",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto org, PathId<OrgId>(c, 1, err::CommunityOrgNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_RETURN_IF_ERROR(c.s.community.RemoveMember(c.actor(), id, org).status());
         c.params.resize(1);
         return CommunityReply(c, c.principal);
       }},
      {"POST",
       "/api/v1/communities/{id}/posts",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Post on the board: public or members (members and the secretariat), "
                   "secretariat (the secretariat only)",
        .request = "CommunityPostInput",
        .status = 201,
        .response = "CommunityPost",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto vis = in.String("visibility", true).value_or("");
         const auto title = in.String("title", true).value_or("");
         const auto body = in.String("body", true).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto post, c.s.community.Post(c.actor(), id, vis, title, body));
         JsonWriter w;
         WritePost(w, post, c.principal->user_id);
         return JsonReply(w, 201);
       }},
      {"POST",
       "/api/v1/community-posts/{id}/files",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Attach a file to a post: its author or the secretariat (raw body with its "
                   "Content-Type, ?filename=; the attachment rules every area shares: PDF, PNG, "
                   "JPEG, ZIP, XLSX, DOCX, text, CSV, JSON up to 10 MiB, at most 20). The file "
                   "is seen by whoever sees the post.",
        .query = {"filename"},
        .status = 201,
        .response = "Attachment",
        .errors = {403, 409, 413, 415}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityPostNotFound));
         RENKEI_ASSIGN_OR_RETURN(
             auto a, c.s.community.AttachToPost(c.actor(), id.value, QueryString(c.req, "filename"),
                                                UploadType(c.req), c.req.body));
         return ValueReply(WriteAttachment, a, 201);
       },
       BodyKind::kUpload},
      {"GET",
       "/api/v1/community-files/{id}",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Download a file of a post the caller sees (kPostVisible; anything else 404)",
        .media = {"*/*"},
        .description = "the file"},
       [](Ctx& c) -> Result<Reply> { return PostFileReply(c); }},
      {"POST",
       "/api/v1/communities/{id}/events",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Create an event (the secretariat; 400 community_event_times for a start in "
                   "the past or an end before the start)",
        .request = "CommunityEventInput",
        .status = 201,
        .response = "CommunityEvent",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::NewEvent e;
         e.title = in.String("title", true).value_or("");
         e.body = in.String("body", false).value_or("");
         e.place = in.String("place", false).value_or("");
         const auto starts = in.String("starts_at", true);
         const auto ends = in.String("ends_at", true);
         e.capacity = in.Int("capacity", true).value_or(0);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(e.starts_at, TimeValue("starts_at", starts.value_or("")));
         RENKEI_ASSIGN_OR_RETURN(e.ends_at, TimeValue("ends_at", ends.value_or("")));
         RENKEI_ASSIGN_OR_RETURN(auto ev, c.s.community.CreateEvent(c.actor(), id, e));
         return ValueReply(WriteEvent, ev, 201);
       }},
      {"GET",
       "/api/v1/community-events",
       A::kSignedIn,
       {.tag = "community",
        .summary = "The events calendar with the caller's registrations, attendance and "
                   "feedback; when=mine: the events the caller registered for",
        .query = {"prefecture", "community", "when", "q"},
        .response = "CommunityEventList"},
       EventsReply},
      {"GET",
       "/api/v1/community-events/{id}",
       A::kSignedIn,
       {.tag = "community", .summary = "One event", .response = "CommunityEvent"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, EventParam(c));
         RENKEI_ASSIGN_OR_RETURN(auto e, c.s.community.GetEvent(c.principal, id));
         return ValueReply(WriteEvent, e);
       }},
      {"DELETE",
       "/api/v1/community-events/{id}/registration",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Cancel one's registration before the start (the seat is freed; the "
                   "reminder is not sent)",
        .response = "CommunityEvent",
        .errors = {409}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, EventParam(c));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto e, c.s.community.Unregister(c.actor(), id));
         return ValueReply(WriteEvent, e);
       }},
      {"GET",
       "/api/v1/community-events/{id}/registrations",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Who registered, attended and what they answered (the secretariat)",
        .response = "RegistrationList",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, EventParam(c));
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.community.Registrations(*c.principal, id));
         return ItemsReply(list, WriteRegistration);
       }},
      {"PUT",
       "/api/v1/community-events/{id}/registrations/{user_id}",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Mark a registered person as attended or not (the secretariat)",
        .request = "AttendanceInput",
        .response = "RegistrationList",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, EventParam(c));
         RENKEI_ASSIGN_OR_RETURN(auto user, PathId<UserId>(c, 1, err::CommunityNotRegistered));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const bool attended = in.Bool("attended", true).value_or(false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto list,
                                 c.s.community.MarkAttended(c.actor(), id, user, attended));
         return ItemsReply(list, WriteRegistration);
       }},
      {"PUT",
       "/api/v1/community-events/{id}/materials",
       A::kSignedIn,
       {.tag = "community",
        .summary = "The event's materials: links and notes (the secretariat)",
        .request = "MaterialsInput",
        .response = "CommunityEvent",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, EventParam(c));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto materials = in.String("materials", true).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto e, c.s.community.SetMaterials(c.actor(), id, materials));
         return ValueReply(WriteEvent, e);
       }},
      {"POST",
       "/api/v1/community-events/{id}/feedback",
       A::kSignedIn,
       {.tag = "community",
        .summary = "The short survey after an event: a rating 1–5 and a comment, once, by an "
                   "attendee (409 community_event_not_held, community_not_attended, "
                   "community_feedback_twice)",
        .request = "FeedbackInput",
        .status = 201,
        .response = "CommunityEvent",
        .errors = {409}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, EventParam(c));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto rating = in.Int("rating", true).value_or(0);
         const auto comment = in.String("comment", false).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         if (rating < 1 || rating > 5)
           return err::OutOfRange({.max = 5, .min = 1}).with_field("rating");
         RENKEI_ASSIGN_OR_RETURN(
             auto e, c.s.community.Feedback(c.actor(), id, static_cast<int>(rating), comment));
         return ValueReply(WriteEvent, e, 201);
       }},
      // ---- experts, schemes, requests ----
      {"POST",
       "/api/v1/community-experts",
       A::kSignedIn,
       {.tag = "community",
        .summary = "List an expert who can be dispatched (administrators, ministries, local "
                   "governments, community secretariats)",
        .request = "ExpertInput",
        .status = 201,
        .response = "Expert",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::Expert e;
         e.kind = in.String("kind", true).value_or("");
         e.name = in.String("name", true).value_or("");
         e.affiliation = in.String("affiliation", false).value_or("");
         e.specialities = in.Strings("specialities", true).value_or(std::vector<std::string>{});
         RENKEI_ASSIGN_OR_RETURN(e.prefectures, ReadPrefectures(in));
         e.languages = in.String("languages", false).value_or("");
         e.availability = in.String("availability", false).value_or("");
         e.how_to_request = in.String("how_to_request", false).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto out, c.s.community.AddExpert(c.actor(), e));
         JsonWriter w;
         WriteExpert(w, out, c.principal->org_id);
         return JsonReply(w, 201);
       }},
      {"POST",
       "/api/v1/support-schemes",
       A::kSignedIn,
       {.tag = "community",
        .summary = "List a support scheme (the same people as experts)",
        .request = "SchemeInput",
        .status = 201,
        .response = "Scheme",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::Scheme x;
         x.name = in.String("name", true).value_or("");
         x.provider = in.String("provider", true).value_or("");
         x.specialities = in.Strings("specialities", true).value_or(std::vector<std::string>{});
         RENKEI_ASSIGN_OR_RETURN(x.prefectures, ReadPrefectures(in));
         x.eligibility = in.String("eligibility", false).value_or("");
         x.cost = in.String("cost", false).value_or("");
         x.contact = in.String("contact", false).value_or("");
         const auto deadline = in.String("deadline", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         if (deadline && !deadline->empty()) {
           RENKEI_ASSIGN_OR_RETURN(auto d, TimeValue("deadline", *deadline));
           x.deadline = d;
         }
         RENKEI_ASSIGN_OR_RETURN(auto out, c.s.community.AddScheme(c.actor(), x));
         JsonWriter w;
         WriteScheme(w, out, c.principal->org_id);
         return JsonReply(w, 201);
       }},
      {"POST",
       "/api/v1/support-requests",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Ask an expert or a scheme for support; tracked to its outcome",
        .request = "SupportRequestInput",
        .status = 201,
        .response = "SupportRequest",
        .errors = {404}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto kind = in.String("target_kind", true).value_or("");
         const auto target = in.Int("target_id", true).value_or(0);
         const auto body = in.String("body", true).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto r, c.s.community.Request(c.actor(), kind, target, body));
         JsonWriter w;
         WriteRequest(w, r, c.principal->org_id);
         return JsonReply(w, 201);
       }},
      {"GET",
       "/api/v1/support-requests",
       A::kSignedIn,
       {.tag = "community",
        .summary = "The requests of the caller's organisation and those it must answer; "
                   "waiting=true: only those still to answer (the home tile's list)",
        .query = {"waiting"},
        .response = "SupportRequestList"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto waiting, QueryBool(c.req, "waiting"));
         RENKEI_ASSIGN_OR_RETURN(auto list,
                                 c.s.community.Requests(*c.principal, waiting.value_or(false)));
         const OrgId me = c.principal->org_id;
         return ItemsReply(list, [me](JsonWriter& w, const domain::SupportRequest& r) {
           WriteRequest(w, r, me);
         });
       }},
      {"GET",
       "/api/v1/support-requests/{id}",
       A::kSignedIn,
       {.tag = "community", .summary = "One request", .response = "SupportRequest"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityRequestNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto r, c.s.community.GetRequest(*c.principal, id.value));
         JsonWriter w;
         WriteRequest(w, r, c.principal->org_id);
         return JsonReply(w);
       }},
      {"PUT",
       "/api/v1/support-requests/{id}",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Answer a request: accepted, declined or done with its outcome (the "
                   "organisation that listed the expert or scheme)",
        .request = "SupportAnswerInput",
        .response = "SupportRequest",
        .errors = {400, 403, 409}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityRequestNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto status = in.String("status", true).value_or("");
         const auto outcome = in.String("outcome", false).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto r,
                                 c.s.community.Answer(c.actor(), id.value, status, outcome));
         JsonWriter w;
         WriteRequest(w, r, c.principal->org_id);
         return JsonReply(w);
       }},
      // ---- needs and seeds ----
      {"GET",
       "/api/v1/community-offers",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Open needs and seeds by kind, prefecture and text; mine=true for the "
                   "caller's organisation's (withdrawn ones too)",
        .query = {"kind", "prefecture", "q", "mine"},
        .response = "OfferList"},
       [](Ctx& c) -> Result<Reply> {
         domain::OfferFilter f;
         f.kind = QueryString(c.req, "kind");
         RENKEI_ASSIGN_OR_RETURN(f.prefecture, PrefectureParam(c.req, false));
         f.q = QueryString(c.req, "q");
         RENKEI_ASSIGN_OR_RETURN(auto mine, QueryBool(c.req, "mine"));
         f.mine = mine.value_or(false);
         f.open_only = !f.mine;
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.community.Offers(*c.principal, f));
         return ItemsReply(list, WriteOffer);
       }},
      {"POST",
       "/api/v1/community-offers",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Post a need or a seed; its contact is shown to the other side only once "
                   "both agreed to an introduction",
        .request = "OfferInput",
        .status = 201,
        .response = "Offer"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::OfferIn o;
         o.kind = in.String("kind", true).value_or("");
         o.title = in.String("title", true).value_or("");
         o.body = in.String("body", true).value_or("");
         o.sector = in.String("sector", false).value_or("");
         o.prefecture = static_cast<int>(in.Int("prefecture", false).value_or(0));
         o.tags = in.Strings("tags", false).value_or(std::vector<std::string>{});
         o.contact = in.String("contact", true).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto out, c.s.community.Post(c.actor(), o));
         return ValueReply(WriteOffer, out, 201);
       }},
      {"GET",
       "/api/v1/community-offers/{id}",
       A::kSignedIn,
       {.tag = "community", .summary = "One need or seed", .response = "Offer"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityOfferNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto o, c.s.community.GetOffer(*c.principal, id.value));
         return ValueReply(WriteOffer, o);
       }},
      {"POST",
       "/api/v1/community-offers/{id}/withdrawal",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Withdraw one's own need or seed (no more matches or introductions)",
        .response = "Offer",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityOfferNotFound));
         RENKEI_RETURN_IF_ERROR(NoBody(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto o, c.s.community.Withdraw(c.actor(), id.value));
         return ValueReply(WriteOffer, o);
       }},
      {"GET",
       "/api/v1/community-introductions",
       A::kSignedIn,
       {.tag = "community",
        .summary = "The introductions of the caller's organisation, either side; "
                   "waiting=true: only those the caller's side must answer (the home tile's list)",
        .query = {"waiting"},
        .response = "IntroductionList"},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto waiting, QueryBool(c.req, "waiting"));
         RENKEI_ASSIGN_OR_RETURN(
             auto list, c.s.community.Introductions(*c.principal, waiting.value_or(false)));
         return ItemsReply(list, WriteIntroduction);
       }},
      {"POST",
       "/api/v1/community-introductions/{id}/answer",
       A::kSignedIn,
       {.tag = "community",
        .summary = "The other side accepts (contacts are exchanged) or declines",
        .request = "IntroductionAnswerInput",
        .response = "Introduction",
        .errors = {403, 409}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityIntroNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const bool accept = in.Bool("accept", true).value_or(false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto i,
                                 c.s.community.AnswerIntroduction(c.actor(), id.value, accept));
         return ValueReply(WriteIntroduction, i);
       }},
      {"PUT",
       "/api/v1/community-introductions/{id}/outcome",
       A::kSignedIn,
       {.tag = "community",
        .summary = "Record what came of an agreed introduction: meeting, joint_project, "
                   "contract",
        .request = "IntroductionOutcomeInput",
        .response = "Introduction",
        .errors = {409}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityIntroNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         const auto outcome = in.String("outcome", true).value_or("");
         RENKEI_RETURN_IF_ERROR(in.Finish());
         RENKEI_ASSIGN_OR_RETURN(auto i, c.s.community.RecordOutcome(c.actor(), id.value, outcome));
         return ValueReply(WriteIntroduction, i);
       }},
  };
}

}  // namespace renkei::http
