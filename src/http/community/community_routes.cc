// The regional communities' part of the route table (issue 20, docs/community.md): the
// public pages (communities, one community with its public posts and upcoming events, whom
// to approach, experts), registration for an event, a need's or seed's matches and an
// introduction. Access is CommunityService's rule.
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
      .Field("seed_contact", i.seed_contact);
  TimeField(w, "created_at", i.created_at);
  TimeField(w, "updated_at", i.updated_at);
  w.EndObject();
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
       [](Ctx& c) -> Result<Reply> {
         auto& svc = c.s.community;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<CommunityId>(c, 0, err::CommunityNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto d, svc.Get(nullptr, id));
         RENKEI_ASSIGN_OR_RETURN(auto posts, svc.Posts(nullptr, id));
         RENKEI_ASSIGN_OR_RETURN(auto events, svc.Events(nullptr, id, 0, true));
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
         for (const auto& p : posts) {
           w.BeginObject()
               .Field("id", p.id)
               .Field("visibility", p.visibility)
               .Field("title", p.title)
               .Field("body", p.body)
               .Field("author_org_name", p.author_org_name);
           TimeField(w, "created_at", p.created_at);
           w.EndObject();
         }
         w.EndArray().Key("events").BeginArray();
         for (const auto& e : events) WriteEvent(w, e);
         w.EndArray().EndObject();
         return JsonReply(w);
       }},
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
         domain::ExpertFilter f;
         RENKEI_ASSIGN_OR_RETURN(f.prefecture, PrefectureParam(c.req, false));
         f.speciality = QueryString(c.req, "speciality");
         f.q = QueryString(c.req, "q");
         RENKEI_ASSIGN_OR_RETURN(auto list, c.s.community.SearchExperts(f));
         return ItemsReply(list, [](JsonWriter& w, const domain::Expert& e) {
           w.BeginObject()
               .Field("id", e.id)
               .Field("kind", e.kind)
               .Field("name", e.name)
               .Field("affiliation", e.affiliation)
               .Key("specialities")
               .BeginArray();
           for (const auto& s : e.specialities) w.String(s);
           w.EndArray().Key("prefectures").BeginArray();
           for (int p : e.prefectures) w.Int(p);
           w.EndArray()
               .Field("languages", e.languages)
               .Field("availability", e.availability)
               .Field("how_to_request", e.how_to_request)
               .EndObject();
         });
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
  };
}

}  // namespace renkei::http
