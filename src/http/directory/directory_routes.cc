// The directory: sectors, prefectures, hubs, organisations with their contacts, users.
#include "http/route_helpers.h"

namespace renkei::http {
namespace {

void WriteSector(JsonWriter& w, const domain::Sector& s) {
  w.BeginObject().Field("id", s.id).Field("name_ja", s.name_ja).Field("name_en", s.name_en);
  w.FieldOrNull("ministry_org_id", s.ministry_org_id
                                       ? std::optional<std::int64_t>(s.ministry_org_id->value)
                                       : std::nullopt);
  w.EndObject();
}

void WriteHub(JsonWriter& w, const domain::Hub& h) {
  w.BeginObject()
      .Field("id", h.id.value)
      .Field("code", h.code)
      .Field("kind", h.kind)
      .Field("name_ja", h.name_ja)
      .Field("name_en", h.name_en)
      .Field("sector_ids", h.sector_ids);
  w.Key("secretariat")
      .BeginObject()
      .Field("id", h.secretariat_org_id.value)
      .Field("name_ja", h.secretariat_name_ja)
      .Field("name_en", h.secretariat_name_en)
      .EndObject();
  w.Field("member_count", h.member_count)
      .FieldOrNull("emergency_contact_since", h.emergency_contact_since)
      .FieldOrNull("handling_rules_since", h.handling_rules_since)
      .Field("communication_means", h.communication_means)
      .Field("info_shared_ja", h.info_shared_ja)
      .EndObject();
}

// Writes the organisation's fields into an object the caller has opened.
void WriteOrgFields(JsonWriter& w, const domain::Organisation& o) {
  w.Field("id", o.id.value)
      .Field("name_ja", o.name_ja)
      .Field("name_en", o.name_en)
      .Field("kind", o.kind)
      .Field("sector_ids", o.sector_ids);
  w.Key("prefecture");
  if (o.prefecture >= 1 && o.prefecture <= 47) {
    const auto& p = domain::kPrefectures[o.prefecture - 1];
    w.BeginObject()
        .Field("code", o.prefecture)
        .Field("name_ja", p.name_ja)
        .Field("name_en", p.name_en)
        .EndObject();
  } else {
    w.Null();
  }
  w.FieldOrNull("size_class", o.size_class).FieldOrNull("business_class", o.business_class);
  WriteIds(w, "hub_ids", o.hub_ids);
  w.Field("active", o.active).Field("requires_approval", o.requires_approval);
  TimeField(w, "created_at", o.created_at);
  TimeField(w, "updated_at", o.updated_at);
}

void WriteOrgView(JsonWriter& w, const domain::OrgView& v) {
  w.BeginObject();
  WriteOrgFields(w, v.org);
  if (v.contacts) {
    w.Key("contacts").BeginArray();
    for (const auto& c : *v.contacts) {
      w.BeginObject()
          .Field("id", c.id)
          .Field("kind", c.kind)
          .Field("name", c.name)
          .Field("phone", c.phone)
          .Field("email", c.email)
          .Field("hours", c.hours)
          .EndObject();
    }
    w.EndArray();
  }
  w.Field("can_edit", v.can_edit).Field("can_edit_contacts", v.can_edit_contacts).EndObject();
}

// Writes the user's fields into an object the caller has opened.
void WriteUserFields(JsonWriter& w, const domain::User& u) {
  w.Field("id", u.id.value)
      .Field("org_id", u.org_id.value)
      .Field("email", u.email)
      .Field("display_name", u.display_name);
  WriteRoles(w, "roles", u.roles);
  w.Field("active", u.active).Field("locale", u.locale);
  TimeField(w, "created_at", u.created_at);
  TimeField(w, "last_sign_in_at", u.last_sign_in_at);
}

Result<domain::OrgPatch> ReadOrgPatch(JsonObject& in, domain::Organisation* full) {
  // `full` set: creating (name_ja and kind required). Otherwise a partial update.
  const bool create = full != nullptr;
  domain::OrgPatch p;
  p.name_ja = in.String("name_ja", create);
  p.name_en = in.String("name_en", false);
  p.kind = in.String("kind", create);
  p.sector_ids = in.Strings("sector_ids", false);
  auto pref = in.Int("prefecture", false);
  if (pref) {
    if (*pref < 0 || *pref > 47) {
      return err::PrefectureOutOfRange().with_field("prefecture");
    }
    p.prefecture = static_cast<int>(*pref);
  }
  p.size_class = in.String("size_class", false);
  p.business_class = in.String("business_class", false);
  if (auto hubs = in.Ints("hub_ids", false)) {
    p.hub_ids.emplace();
    for (auto h : *hubs) p.hub_ids->emplace_back(h);
  }
  p.active = in.Bool("active", false);
  p.requires_approval = in.Bool("requires_approval", false);
  RENKEI_RETURN_IF_ERROR(in.Finish());
  if (!create && !p.name_ja && !p.name_en && !p.kind && !p.sector_ids && !p.prefecture &&
      !p.size_class && !p.business_class && !p.hub_ids && !p.active && !p.requires_approval) {
    return err::EmptyPatch();
  }
  if (full) {
    full->name_ja = *p.name_ja;
    full->name_en = p.name_en.value_or("");
    full->kind = *p.kind;
    full->sector_ids = p.sector_ids.value_or(std::vector<std::string>{});
    full->prefecture = p.prefecture.value_or(0);
    full->size_class = p.size_class.value_or("");
    full->business_class = p.business_class.value_or("");
    full->hub_ids = p.hub_ids.value_or(std::vector<HubId>{});
    full->active = p.active.value_or(true);
    full->requires_approval = p.requires_approval.value_or(false);
  }
  return p;
}

}  // namespace

std::vector<Route> DirectoryRoutes() {
  using A = Access;
  return {
      // Directory reads.
      {"GET",
       "/api/v1/sectors",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "The 15 critical-infrastructure sectors",
        .response = "SectorList"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto sectors, dir.ListSectors(*c.principal));
         return ItemsReply(sectors, WriteSector);
       }},
      {"GET",
       "/api/v1/prefectures",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "The 47 prefectures (JIS X 0401 codes) with their regions",
        .response = "PrefectureList"},
       [](Ctx&) -> Result<Reply> {
         JsonWriter w;
         w.BeginObject().Key("items").BeginArray();
         for (int code = 1; code <= 47; ++code) {
           const auto& p = domain::kPrefectures[code - 1];
           w.BeginObject()
               .Field("code", code)
               .Field("name_ja", p.name_ja)
               .Field("name_en", p.name_en)
               .Field("region", p.region)
               .EndObject();
         }
         w.EndArray().EndObject();
         return JsonReply(w);
       }},
      {"GET",
       "/api/v1/hubs",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "All hubs (CEPTOARs and ISACs) with the hub-map fields",
        .response = "HubList"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto hubs, dir.ListHubs(*c.principal));
         return ItemsReply(hubs, WriteHub);
       }},
      {"GET",
       "/api/v1/hubs/{id}",
       A::kSignedIn,
       {.tag = "directory", .summary = "One hub", .response = "Hub"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<HubId>(c, 0, err::HubNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto hub, dir.GetHub(*c.principal, id));
         return ValueReply(WriteHub, hub);
       }},
      {"GET",
       "/api/v1/organisations",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "Organisations, filtered, in id order with cursor paging",
        .query = {"q", "sector", "kind", "prefecture", "hub", "active", "limit", "cursor"},
        .response = "OrganisationPage"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         domain::OrgFilter f;
         RENKEI_ASSIGN_OR_RETURN(f.query_folded, QuerySearch(c.req));
         f.sector_id = QueryString(c.req, "sector");
         f.kind = QueryString(c.req, "kind");
         RENKEI_ASSIGN_OR_RETURN(auto pref, QueryInt(c.req, "prefecture", 0, 0, 47));
         f.prefecture = static_cast<int>(pref);
         RENKEI_ASSIGN_OR_RETURN(auto hub, QueryInt(c.req, "hub", 0, 0, INT64_MAX));
         f.hub_id = HubId(hub);
         RENKEI_ASSIGN_OR_RETURN(f.active, QueryBool(c.req, "active"));
         RENKEI_ASSIGN_OR_RETURN(auto limit, QueryInt(c.req, "limit", 50, 1, 200));
         f.limit = static_cast<int>(limit);
         RENKEI_ASSIGN_OR_RETURN(f.after_id, DecodeCursor(QueryString(c.req, "cursor")));
         RENKEI_ASSIGN_OR_RETURN(auto page, dir.ListOrganisations(*c.principal, f));
         return ItemsReply(
             page.items,
             [](JsonWriter& w, const domain::Organisation& o) {
               w.BeginObject();
               WriteOrgFields(w, o);
               w.EndObject();
             },
             true, page.next_after_id ? EncodeCursor(*page.next_after_id) : "");
       }},
      {"GET",
       "/api/v1/organisations/{id}",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "One organisation; contacts for those allowed to see them",
        .response = "OrganisationDetail"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, err::OrganisationNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto view, dir.GetOrganisation(*c.principal, id));
         return ValueReply(WriteOrgView, view);
       }},
      {"GET",
       "/api/v1/organisations/{id}/users",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "Users of an organisation (its staff, its hub staff, administrators)",
        .response = "UserList",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, err::OrganisationNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto users, dir.ListUsersOfOrg(*c.principal, id));
         return ItemsReply(users, [](JsonWriter& w, const domain::User& u) {
           w.BeginObject();
           WriteUserFields(w, u);
           w.EndObject();
         });
       }},
      {"PUT",
       "/api/v1/organisations/{id}/contacts",
       A::kSignedIn,
       {.tag = "directory",
        .summary =
            "Replace an organisation's contacts (its own staff, its hub staff, administrators)",
        .request = "ContactsInput",
        .response = "OrganisationDetail"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, err::OrganisationNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto entries = in.Objects("contacts", true);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         std::vector<domain::Contact> contacts;
         for (auto& e : *entries) {
           domain::Contact ct;
           ct.kind = e.String("kind", false).value_or("emergency");
           ct.name = e.String("name", true).value_or("");
           ct.phone = e.String("phone", false).value_or("");
           ct.email = e.String("email", false).value_or("");
           ct.hours = e.String("hours", false).value_or("");
           RENKEI_RETURN_IF_ERROR(e.Finish());
           contacts.push_back(std::move(ct));
         }
         RENKEI_ASSIGN_OR_RETURN(auto view,
                                 dir.ReplaceContacts(c.actor(), id, std::move(contacts)));
         return ValueReply(WriteOrgView, view);
       }},
      {"GET",
       "/api/v1/users",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "Search users across organisations (only those the caller may see), in id "
                   "order with cursor paging",
        .query = {"q", "limit", "cursor"},
        .response = "UserHitPage"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         domain::UserSearch q;
         RENKEI_ASSIGN_OR_RETURN(q.query_folded, QuerySearch(c.req));
         RENKEI_ASSIGN_OR_RETURN(auto limit, QueryInt(c.req, "limit", 50, 1, 200));
         q.limit = static_cast<int>(limit);
         RENKEI_ASSIGN_OR_RETURN(q.after_id, DecodeCursor(QueryString(c.req, "cursor")));
         RENKEI_ASSIGN_OR_RETURN(auto page, dir.SearchUsers(*c.principal, q));
         return ItemsReply(
             page.items,
             [](JsonWriter& w, const domain::UserHit& h) {
               w.BeginObject();
               WriteUserFields(w, h.user);
               w.Key("organisation")
                   .BeginObject()
                   .Field("id", h.org.id.value)
                   .Field("name_ja", h.org.name_ja)
                   .Field("name_en", h.org.name_en)
                   .EndObject();
               w.EndObject();
             },
             true, page.next_after_id ? EncodeCursor(*page.next_after_id) : "");
       }},
      {"GET",
       "/api/v1/users/{id}",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "One user (404 unless the caller may see them)",
        .response = "User"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<UserId>(c, 0, err::UserNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto user, dir.GetUser(*c.principal, id));
         JsonWriter w;
         w.BeginObject();
         WriteUserFields(w, user);
         w.EndObject();
         return JsonReply(w);
       }},

      // Directory writes.
      {"POST",
       "/api/v1/organisations",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "Add an organisation (administrators; hub staff into their hubs)",
        .request = "OrganisationInput",
        .status = 201,
        .response = "OrganisationDetail",
        .description = "Created"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::Organisation org;
         RENKEI_RETURN_IF_ERROR(ReadOrgPatch(in, &org).status());
         RENKEI_ASSIGN_OR_RETURN(auto view, dir.CreateOrganisation(c.actor(), org));
         return ValueReply(WriteOrgView, view, 201);
       }},
      {"PATCH",
       "/api/v1/organisations/{id}",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "Change an organisation",
        .request = "OrganisationInput",
        .response = "OrganisationDetail"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<OrgId>(c, 0, err::OrganisationNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         RENKEI_ASSIGN_OR_RETURN(auto patch, ReadOrgPatch(in, nullptr));
         RENKEI_ASSIGN_OR_RETURN(auto view, dir.UpdateOrganisation(c.actor(), id, patch));
         return ValueReply(WriteOrgView, view);
       }},
      {"POST",
       "/api/v1/users",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "Add a user (without a password: a one-time set-password link is mailed)",
        .request = "UserInput",
        .status = 201,
        .response = "NewUser",
        .errors = {409},
        .description = "Created"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         auto org_id = in.Int("org_id", true);
         auto email = in.String("email", true);
         auto name = in.String("display_name", true);
         auto roles = in.Strings("roles", true);
         auto locale = in.String("locale", false);
         auto password = in.String("password", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         domain::User u;
         u.org_id = OrgId(*org_id);
         u.email = *email;
         u.display_name = *name;
         RENKEI_ASSIGN_OR_RETURN(u.roles, ParseRoles(*roles));
         u.locale = locale.value_or("ja");
         RENKEI_ASSIGN_OR_RETURN(auto created, dir.CreateUser(c.actor(), u, password.value_or("")));
         JsonWriter w;
         w.BeginObject();
         WriteUserFields(w, created.user);
         w.Field("password_link_mailed", created.password_link_mailed);
         w.EndObject();
         return JsonReply(w, 201);
       }},
      {"PATCH",
       "/api/v1/users/{id}",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "Change a user's name, language, roles or active flag",
        .request = "UserPatch",
        .response = "User"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<UserId>(c, 0, err::UserNotFound));
         RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
         domain::UserPatch p;
         p.display_name = in.String("display_name", false);
         p.locale = in.String("locale", false);
         if (auto roles = in.Strings("roles", false)) {
           RENKEI_ASSIGN_OR_RETURN(p.roles, ParseRoles(*roles));
         }
         p.active = in.Bool("active", false);
         RENKEI_RETURN_IF_ERROR(in.Finish());
         if (!p.display_name && !p.locale && !p.roles && !p.active) {
           return err::EmptyPatch();
         }
         RENKEI_ASSIGN_OR_RETURN(auto user, dir.UpdateUser(c.actor(), id, p));
         JsonWriter w;
         w.BeginObject();
         WriteUserFields(w, user);
         w.EndObject();
         return JsonReply(w);
       }},
      {"POST",
       "/api/v1/users/{id}/password-reset",
       A::kSignedIn,
       {.tag = "directory",
        .summary = "Reset a user's password: ends their password, sessions and tokens and mails "
                   "them a one-time link (24 h)",
        .request = "UserPasswordResetInput",
        .request_optional = true,
        .status = 202,
        .response = "PasswordReset",
        .errors = {409},
        .description = "The link is on its way to the user"},
       [](Ctx& c) -> Result<Reply> {
         auto& dir = c.s.directory;
         RENKEI_ASSIGN_OR_RETURN(auto id, PathId<UserId>(c, 0, err::UserNotFound));
         std::string reason;
         if (!c.req.body.empty()) {
           RENKEI_ASSIGN_OR_RETURN(auto in, JsonObject::Parse(c.req.body));
           reason = in.String("reason", false).value_or("");
           RENKEI_RETURN_IF_ERROR(in.Finish());
         }
         RENKEI_RETURN_IF_ERROR(dir.ResetPassword(c.actor(), id, reason));
         // The link goes to the user by mail; the caller learns only that it is on its way.
         JsonWriter w;
         w.BeginObject().Field("mailed", true).EndObject();
         return JsonReply(w, 202);
       }},
  };
}

}  // namespace renkei::http
