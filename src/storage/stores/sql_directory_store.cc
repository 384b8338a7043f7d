#include <map>

#include "core/error_codes.h"
#include "core/text.h"
#include "storage/stores/sql_rows.h"
#include "storage/stores/sql_stores.h"
#include "storage/stores/sql_text.h"

namespace renkei::storage {

using domain::Contact;
using domain::Hub;
using domain::Organisation;
using domain::Sector;
using domain::User;

namespace {

std::string SearchKey(const Organisation& o) { return FoldForSearch(o.name_ja + " " + o.name_en); }

constexpr Columns kOrgCols{{"o.id", "o.name_ja", "o.name_en", "o.kind", "o.prefecture",
                            "o.size_class", "o.business_class", "o.active", "o.created_at",
                            "o.updated_at", "o.sector_ids", "o.hub_ids", "o.requires_approval"}};

std::string OrgSelect() { return "SELECT " + kOrgCols.List() + " FROM organisations o "; }

std::string JoinIds(const std::vector<HubId>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i].value);
  }
  return out;
}

Organisation OrgFromRow(Row& r) {
  constexpr const auto& c = kOrgCols;
  Organisation o;
  o.id = OrgId(r.i64(c("id")));
  o.name_ja = r.take(c("name_ja"));
  o.name_en = r.take(c("name_en"));
  o.kind = r.take(c("kind"));
  o.prefecture = static_cast<int>(r.i64(c("prefecture")));
  o.size_class = r.take(c("size_class"));
  o.business_class = r.take(c("business_class"));
  o.active = r.i64(c("active")) != 0;
  o.requires_approval = r.i64(c("requires_approval")) != 0;
  o.created_at = r.i64(c("created_at"));
  o.updated_at = r.i64(c("updated_at"));
  o.sector_ids = Split(r.str(c("sector_ids")));
  for (const auto& h : Split(r.str(c("hub_ids")))) o.hub_ids.emplace_back(std::stoll(h));
  return o;
}

constexpr Columns kHubCols{{"h.id", "h.code", "h.kind", "h.name_ja", "h.name_en",
                            "h.secretariat_org_id", "o.name_ja", "o.name_en",
                            "h.emergency_contact_since", "h.handling_rules_since",
                            "h.communication_means", "h.info_shared_ja",
                            "(SELECT COUNT(*) FROM hub_members m WHERE m.hub_id = h.id) AS "
                            "member_count"}};

std::string HubSelect() {
  return "SELECT " + kHubCols.List() +
         " FROM hubs h JOIN organisations o ON o.id = h.secretariat_org_id ";
}

Hub HubFromRow(Row& r) {
  constexpr const auto& c = kHubCols;
  Hub h;
  h.id = HubId(r.i64(c("id")));
  h.code = r.take(c("code"));
  h.kind = r.take(c("kind"));
  h.name_ja = r.take(c("h.name_ja"));
  h.name_en = r.take(c("h.name_en"));
  h.secretariat_org_id = OrgId(r.i64(c("secretariat_org_id")));
  h.secretariat_name_ja = r.take(c("o.name_ja"));
  h.secretariat_name_en = r.take(c("o.name_en"));
  h.emergency_contact_since = r.take(c("emergency_contact_since"));
  h.handling_rules_since = r.take(c("handling_rules_since"));
  h.communication_means = Split(r.str(c("communication_means")));
  h.info_shared_ja = r.take(c("info_shared_ja"));
  h.member_count = r.i64(c("member_count"));
  return h;
}

constexpr Columns kUserCols{{"id", "org_id", "email", "display_name", "active", "locale",
                             "created_at", "updated_at", "last_sign_in_at", "roles"}};

}  // namespace

Result<std::vector<Sector>> SqlDirectoryStore::ListSectors() {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT id, name_ja, name_en, sort_order, ministry_org_id FROM sectors ORDER BY "
               "sort_order, id",
               {}));
  std::vector<Sector> out;
  for (const Row& r : rows) {
    Sector s{r.str(0), r.str(1), r.str(2), static_cast<int>(r.i64(3)), std::nullopt};
    if (auto m = r.opt_i64(4)) s.ministry_org_id = OrgId(*m);
    out.push_back(std::move(s));
  }
  return out;
}

Status SqlDirectoryStore::UpsertSector(const Sector& s) {
  Value ministry = s.ministry_org_id ? Value(s.ministry_org_id->value) : Value(nullptr);
  return c_
      .Exec(
          "INSERT INTO sectors (id, name_ja, name_en, sort_order, ministry_org_id) VALUES ($1, $2, "
          "$3, $4, $5) ON CONFLICT (id) DO UPDATE SET name_ja = excluded.name_ja, name_en = "
          "excluded.name_en, sort_order = excluded.sort_order, ministry_org_id = "
          "excluded.ministry_org_id",
          {s.id, s.name_ja, s.name_en, std::int64_t{s.sort_order}, ministry})
      .status();
}

Result<std::vector<Hub>> SqlDirectoryStore::ListHubs() {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(HubSelect() + "ORDER BY h.id", {}));
  std::vector<Hub> out;
  std::map<std::int64_t, size_t> index;
  for (Row& r : rows) {
    out.push_back(HubFromRow(r));
    index[out.back().id.value] = out.size() - 1;
  }
  RENKEI_ASSIGN_OR_RETURN(
      auto sectors,
      c_.Query("SELECT hs.hub_id, hs.sector_id FROM hub_sectors hs JOIN sectors s ON s.id = "
               "hs.sector_id ORDER BY hs.hub_id, s.sort_order",
               {}));
  for (const Row& r : sectors) {
    auto it = index.find(r.i64(0));
    if (it != index.end()) out[it->second].sector_ids.push_back(r.str(1));
  }
  return out;
}

Result<std::optional<Hub>> SqlDirectoryStore::GetHub(HubId id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(HubSelect() + "WHERE h.id = $1", {id.value}));
  if (rows.empty()) return std::optional<Hub>();
  Hub h = HubFromRow(rows[0]);
  RENKEI_ASSIGN_OR_RETURN(
      auto sectors,
      c_.Query("SELECT hs.sector_id FROM hub_sectors hs JOIN sectors s ON s.id = hs.sector_id "
               "WHERE hs.hub_id = $1 ORDER BY s.sort_order",
               {id.value}));
  for (const Row& r : sectors) h.sector_ids.push_back(r.str(0));
  return std::optional<Hub>(std::move(h));
}

Result<HubId> SqlDirectoryStore::CreateHub(const Hub& h) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO hubs (code, kind, name_ja, name_en, secretariat_org_id, "
               "emergency_contact_since, handling_rules_since, communication_means, "
               "info_shared_ja) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
               {h.code, h.kind, h.name_ja, h.name_en, h.secretariat_org_id.value,
                h.emergency_contact_since, h.handling_rules_since, Join(h.communication_means),
                h.info_shared_ja}));
  const HubId id(rows.at(0).i64(0));
  for (const auto& s : h.sector_ids) {
    RENKEI_RETURN_IF_ERROR(
        c_.Exec("INSERT INTO hub_sectors (hub_id, sector_id) VALUES ($1, $2)", {id.value, s})
            .status());
  }
  return id;
}

Result<std::vector<HubId>> SqlDirectoryStore::HubsRunBy(OrgId org) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT id FROM hubs WHERE secretariat_org_id = $1 ORDER BY id", {org.value}));
  std::vector<HubId> out;
  for (const Row& r : rows) out.emplace_back(r.i64(0));
  return out;
}

Result<domain::OrgPage> SqlDirectoryStore::ListOrganisations(const domain::OrgFilter& f) {
  // Only the conditions a filter sets go into the statement, so each combination gets
  // its own plan (a sector filter starts from organisation_sectors instead of testing
  // every organisation). The SQL is built from fixed fragments; values are always bound.
  std::string sql = OrgSelect() + "WHERE o.id > $1";
  Params params{f.after_id};
  auto bind = [&](Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (!f.query_folded.empty()) {
    sql += " AND o.search_key LIKE " + bind(ContainsPattern(f.query_folded)) + " ESCAPE '\\'";
  }
  if (!f.sector_id.empty()) {
    sql += " AND o.id IN (SELECT org_id FROM organisation_sectors WHERE sector_id = " +
           bind(f.sector_id) + ")";
  }
  if (!f.kind.empty()) sql += " AND o.kind = " + bind(f.kind);
  if (f.prefecture != 0) sql += " AND o.prefecture = " + bind(std::int64_t{f.prefecture});
  if (f.hub_id.valid()) {
    sql +=
        " AND o.id IN (SELECT org_id FROM hub_members WHERE hub_id = " + bind(f.hub_id.value) + ")";
  }
  if (f.active) sql += " AND o.active = " + bind(std::int64_t{*f.active ? 1 : 0});
  sql += " ORDER BY o.id LIMIT " + bind(PageLimit(f.limit));
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  domain::OrgPage page;
  TakePage(rows, f.limit, OrgFromRow, page.items, page.next_after_id);
  return page;
}

Result<std::optional<Organisation>> SqlDirectoryStore::GetOrganisation(OrgId id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(OrgSelect() + "WHERE o.id = $1", {id.value}));
  if (rows.empty()) return std::optional<Organisation>();
  return std::optional<Organisation>(OrgFromRow(rows[0]));
}

Status SqlDirectoryStore::WriteOrgLinks(const Organisation& o) {
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("UPDATE organisations SET sector_ids = $2, hub_ids = $3 WHERE id = $1",
              {o.id.value, Join(o.sector_ids), JoinIds(o.hub_ids)})
          .status());
  for (const auto& s : o.sector_ids) {
    RENKEI_RETURN_IF_ERROR(
        c_.Exec("INSERT INTO organisation_sectors (org_id, sector_id) VALUES ($1, $2)",
                {o.id.value, s})
            .status());
  }
  for (HubId h : o.hub_ids) {
    RENKEI_RETURN_IF_ERROR(
        c_.Exec("INSERT INTO hub_members (hub_id, org_id) VALUES ($1, $2)", {h.value, o.id.value})
            .status());
  }
  return Status::Ok();
}

Result<OrgId> SqlDirectoryStore::CreateOrganisation(const Organisation& o) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(
          "INSERT INTO organisations (name_ja, name_en, kind, prefecture, size_class, "
          "business_class, active, search_key, created_at, updated_at) VALUES ($1, $2, $3, "
          "$4, $5, $6, $7, $8, $9, $10) RETURNING id",
          {o.name_ja, o.name_en, o.kind, std::int64_t{o.prefecture}, o.size_class, o.business_class,
           std::int64_t{o.active ? 1 : 0}, SearchKey(o), o.created_at, o.updated_at}));
  Organisation copy = o;
  copy.id = OrgId(rows.at(0).i64(0));
  // 決裁 (0012) only when set: the column's default is off, and the migration tests seed
  // their directory on the schema before it.
  if (o.requires_approval) {
    RENKEI_RETURN_IF_ERROR(
        c_.Exec("UPDATE organisations SET requires_approval = 1 WHERE id = $1", {copy.id.value})
            .status());
  }
  RENKEI_RETURN_IF_ERROR(WriteOrgLinks(copy));
  return copy.id;
}

Status SqlDirectoryStore::UpdateOrganisation(const Organisation& o) {
  RENKEI_ASSIGN_OR_RETURN(
      auto changed,
      c_.Exec("UPDATE organisations SET name_ja = $2, name_en = $3, kind = $4, prefecture = $5, "
              "size_class = $6, business_class = $7, active = $8, search_key = $9, updated_at = "
              "$10, requires_approval = $11 WHERE id = $1",
              {o.id.value, o.name_ja, o.name_en, o.kind, std::int64_t{o.prefecture}, o.size_class,
               o.business_class, std::int64_t{o.active ? 1 : 0}, SearchKey(o), o.updated_at,
               std::int64_t{o.requires_approval ? 1 : 0}}));
  if (changed == 0) return err::OrganisationNotFound();
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("DELETE FROM organisation_sectors WHERE org_id = $1", {o.id.value}).status());
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("DELETE FROM hub_members WHERE org_id = $1", {o.id.value}).status());
  return WriteOrgLinks(o);
}

Result<std::vector<Contact>> SqlDirectoryStore::ListContacts(OrgId org) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT id, org_id, kind, name, phone, email, hours FROM contacts WHERE "
                          "org_id = $1 ORDER BY kind, id",
                          {org.value}));
  std::vector<Contact> out;
  for (const Row& r : rows) {
    out.push_back(
        Contact{r.i64(0), OrgId(r.i64(1)), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6)});
  }
  return out;
}

Result<std::int64_t> SqlDirectoryStore::AddContact(const Contact& c) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("INSERT INTO contacts (org_id, kind, name, phone, email, hours) VALUES "
                          "($1, $2, $3, $4, $5, $6) RETURNING id",
                          {c.org_id.value, c.kind, c.name, c.phone, c.email, c.hours}));
  return rows.at(0).i64(0);
}

Result<std::vector<User>> SqlDirectoryStore::QueryUsers(std::string_view where,
                                                        const Params& params) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT " + kUserCols.List() + " FROM users " + std::string(where), params));
  constexpr const auto& c = kUserCols;
  std::vector<User> out;
  for (Row& r : rows) {
    User u;
    u.id = UserId(r.i64(c("id")));
    u.org_id = OrgId(r.i64(c("org_id")));
    u.email = r.take(c("email"));
    u.display_name = r.take(c("display_name"));
    u.active = r.i64(c("active")) != 0;
    u.locale = r.take(c("locale"));
    u.created_at = r.i64(c("created_at"));
    u.updated_at = r.i64(c("updated_at"));
    u.last_sign_in_at = r.opt_i64(c("last_sign_in_at"));
    u.roles = RolesFromText(r.str(c("roles")));
    out.push_back(std::move(u));
  }
  return out;
}

Status SqlDirectoryStore::DeleteContacts(OrgId org) {
  return c_.Exec("DELETE FROM contacts WHERE org_id = $1", {org.value}).status();
}

Result<std::optional<User>> SqlDirectoryStore::GetUser(UserId id) {
  RENKEI_ASSIGN_OR_RETURN(auto users, QueryUsers("WHERE id = $1", {id.value}));
  if (users.empty()) return std::optional<User>();
  return std::optional<User>(std::move(users[0]));
}

Result<std::optional<User>> SqlDirectoryStore::FindUserByEmail(const std::string& email) {
  RENKEI_ASSIGN_OR_RETURN(auto users, QueryUsers("WHERE email = $1", {email}));
  if (users.empty()) return std::optional<User>();
  return std::optional<User>(std::move(users[0]));
}

Result<std::vector<User>> SqlDirectoryStore::ListUsersOfOrg(OrgId org) {
  return QueryUsers("WHERE org_id = $1 ORDER BY id", {org.value});
}

Result<std::vector<std::pair<User, Organisation>>> SqlDirectoryStore::ListUsersWithOrg(
    std::optional<OrgId> org, std::int64_t after_id) {
  // The organisations whose hubs `org` runs the secretariat of: their members.
  constexpr const char* kRunBy =
      "(SELECT m.org_id FROM hub_members m JOIN hubs h ON h.id = m.hub_id "
      "WHERE h.secretariat_org_id = $1)";
  std::vector<User> users;
  std::vector<Row> org_rows;
  if (org) {
    RENKEI_ASSIGN_OR_RETURN(users, QueryUsers(std::string("WHERE (org_id = $1 OR org_id IN ") +
                                                  kRunBy + ") AND id > $2 ORDER BY id",
                                              {org->value, after_id}));
    RENKEI_ASSIGN_OR_RETURN(
        org_rows, c_.Query(OrgSelect() + "WHERE o.id = $1 OR o.id IN " + kRunBy, {org->value}));
  } else {
    RENKEI_ASSIGN_OR_RETURN(users, QueryUsers("WHERE id > $1 ORDER BY id", {after_id}));
    RENKEI_ASSIGN_OR_RETURN(org_rows, c_.Query(OrgSelect(), {}));
  }
  std::map<std::int64_t, Organisation> orgs;
  for (Row& r : org_rows) {
    Organisation o = OrgFromRow(r);
    orgs.emplace(o.id.value, std::move(o));
  }
  std::vector<std::pair<User, Organisation>> out;
  out.reserve(users.size());
  for (User& u : users) {
    auto it = orgs.find(u.org_id.value);
    if (it == orgs.end()) continue;
    out.emplace_back(std::move(u), it->second);
  }
  return out;
}

Status SqlDirectoryStore::WriteRoles(const User& u) {
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("UPDATE users SET roles = $2 WHERE id = $1", {u.id.value, RolesText(u.roles)})
          .status());
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("DELETE FROM user_roles WHERE user_id = $1", {u.id.value}).status());
  for (domain::Role r : u.roles) {
    RENKEI_RETURN_IF_ERROR(c_.Exec("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)",
                                   {u.id.value, std::string(domain::RoleName(r))})
                               .status());
  }
  return Status::Ok();
}

Result<UserId> SqlDirectoryStore::CreateUser(const User& u, const std::string& password_hash) {
  auto rows = c_.Query(
      "INSERT INTO users (org_id, email, display_name, active, locale, password_hash, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {u.org_id.value, u.email, u.display_name, std::int64_t{u.active ? 1 : 0}, u.locale,
       password_hash, u.created_at, u.updated_at});
  if (!rows.ok()) {
    if (rows.status().kind() == Kind::kConflict) {
      return err::EmailTaken().with_field("email");
    }
    return rows.status();
  }
  User copy = u;
  copy.id = UserId(rows->at(0).i64(0));
  RENKEI_RETURN_IF_ERROR(WriteRoles(copy));
  return copy.id;
}

Status SqlDirectoryStore::UpdateUser(const User& u) {
  RENKEI_ASSIGN_OR_RETURN(
      auto changed, c_.Exec("UPDATE users SET display_name = $2, active = $3, locale = $4, "
                            "updated_at = $5 WHERE id = $1",
                            {u.id.value, u.display_name, std::int64_t{u.active ? 1 : 0}, u.locale,
                             u.updated_at}));
  if (changed == 0) return err::UserNotFound();
  return WriteRoles(u);
}

namespace {
constexpr Columns kClearanceCols{{"c.user_id", "c.level", "c.valid_until", "c.granted_by",
                                  "c.granted_at", "u.display_name", "u.email", "u.org_id",
                                  "o.name_ja", "o.name_en"}};
constexpr const char* kClearanceFrom =
    " FROM user_clearances c JOIN users u ON u.id = c.user_id"
    " JOIN organisations o ON o.id = u.org_id ";

domain::Clearance ClearanceFromRow(Row& r) {
  constexpr const auto& c = kClearanceCols;
  domain::Clearance out;
  out.user_id = UserId(r.i64(c("user_id")));
  out.level = static_cast<int>(r.i64(c("level")));
  out.valid_until = r.i64(c("valid_until"));
  out.granted_by = UserId(r.i64(c("granted_by")));
  out.granted_at = r.i64(c("granted_at"));
  out.user_name = r.take(c("display_name"));
  out.user_email = r.take(c("email"));
  out.org_id = OrgId(r.i64(c("org_id")));
  out.org_name_ja = r.take(c("name_ja"));
  out.org_name_en = r.take(c("name_en"));
  return out;
}

constexpr Columns kCertificationCols{
    {"h.org_id", "h.valid_until", "h.certified_by", "h.certified_at", "o.name_ja", "o.name_en"}};
constexpr const char* kCertificationFrom =
    " FROM certified_handlers h JOIN organisations o ON o.id = h.org_id ";

domain::Certification CertificationFromRow(Row& r) {
  constexpr const auto& c = kCertificationCols;
  domain::Certification out;
  out.org_id = OrgId(r.i64(c("org_id")));
  out.valid_until = r.i64(c("valid_until"));
  out.certified_by = UserId(r.i64(c("certified_by")));
  out.certified_at = r.i64(c("certified_at"));
  out.org_name_ja = r.take(c("name_ja"));
  out.org_name_en = r.take(c("name_en"));
  return out;
}
}  // namespace

Result<std::optional<domain::Clearance>> SqlDirectoryStore::GetClearance(UserId user) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + kClearanceCols.List() + kClearanceFrom +
                                                  "WHERE c.user_id = $1",
                                              {user.value}));
  if (rows.empty()) return std::optional<domain::Clearance>();
  return std::optional<domain::Clearance>(ClearanceFromRow(rows[0]));
}

Status SqlDirectoryStore::PutClearance(const domain::Clearance& c) {
  return c_
      .Exec(
          "INSERT INTO user_clearances (user_id, level, valid_until, granted_by, granted_at) "
          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO UPDATE SET level = $2, "
          "valid_until = $3, granted_by = $4, granted_at = $5",
          {c.user_id.value, std::int64_t{c.level}, c.valid_until, c.granted_by.value, c.granted_at})
      .status();
}

Result<bool> SqlDirectoryStore::DeleteClearance(UserId user) {
  RENKEI_ASSIGN_OR_RETURN(auto n,
                          c_.Exec("DELETE FROM user_clearances WHERE user_id = $1", {user.value}));
  return n > 0;
}

Result<std::vector<domain::Clearance>> SqlDirectoryStore::ListClearances() {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + kClearanceCols.List() + kClearanceFrom +
                                                  "ORDER BY o.name_ja, u.display_name, c.user_id",
                                              {}));
  std::vector<domain::Clearance> out;
  for (Row& r : rows) out.push_back(ClearanceFromRow(r));
  return out;
}

Result<std::optional<domain::Certification>> SqlDirectoryStore::GetCertification(OrgId org) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + kCertificationCols.List() +
                                                  kCertificationFrom + "WHERE h.org_id = $1",
                                              {org.value}));
  if (rows.empty()) return std::optional<domain::Certification>();
  return std::optional<domain::Certification>(CertificationFromRow(rows[0]));
}

Status SqlDirectoryStore::PutCertification(const domain::Certification& c) {
  return c_
      .Exec(
          "INSERT INTO certified_handlers (org_id, valid_until, certified_by, certified_at) "
          "VALUES ($1, $2, $3, $4) ON CONFLICT (org_id) DO UPDATE SET valid_until = $2, "
          "certified_by = $3, certified_at = $4",
          {c.org_id.value, c.valid_until, c.certified_by.value, c.certified_at})
      .status();
}

Result<bool> SqlDirectoryStore::DeleteCertification(OrgId org) {
  RENKEI_ASSIGN_OR_RETURN(auto n,
                          c_.Exec("DELETE FROM certified_handlers WHERE org_id = $1", {org.value}));
  return n > 0;
}

Result<std::vector<domain::Certification>> SqlDirectoryStore::ListCertifications() {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT " + kCertificationCols.List() + kCertificationFrom +
                                       "ORDER BY o.name_ja, h.org_id",
                                   {}));
  std::vector<domain::Certification> out;
  for (Row& r : rows) out.push_back(CertificationFromRow(r));
  return out;
}

}  // namespace renkei::storage
