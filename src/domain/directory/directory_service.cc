#include "domain/directory/directory_service.h"

#include <algorithm>
#include <set>

#include "core/crypto.h"
#include "core/error_codes.h"
#include "core/text.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth_service.h"
#include "domain/auth/auth_store.h"
#include "domain/directory/directory_store.h"
#include "domain/validation.h"

namespace renkei::domain {
namespace {

constexpr const char* kContactKinds[] = {"emergency", "primary"};
constexpr const char* kLocales[] = {"ja", "en"};
constexpr size_t kMaxContacts = 10;

bool CanManageOrg(const Principal& p, const Organisation& o) {
  if (p.is_admin()) return true;
  return std::any_of(o.hub_ids.begin(), o.hub_ids.end(), [&](HubId h) { return p.staffs(h); });
}

bool CanSeeContacts(const Principal& p, const Organisation& o) {
  return p.org_id == o.id || p.is_government() || CanManageOrg(p, o);
}

bool CanEditContacts(const Principal& p, const Organisation& o) {
  return p.org_id == o.id || CanManageOrg(p, o);
}

bool CanSeeUser(const Principal& p, const User& u, const Organisation& org) {
  return p.user_id == u.id || p.org_id == u.org_id || CanManageOrg(p, org);
}

AuditValue HubIds(const std::vector<HubId>& v) {
  std::vector<AuditValue> out;
  for (HubId h : v) out.emplace_back(h.value);
  return out;
}

// What an organisation row says after the change and, for what decides who receives
// what (kind, sectors, hubs) and how it sends (requires_approval), what it said before.
AuditFields OrgDetail(const Organisation& o, const Organisation* before = nullptr) {
  AuditFields out = {{"name_ja", o.name_ja},         {"kind", o.kind},
                     {"active", o.active},           {"sector_ids", o.sector_ids},
                     {"hub_ids", HubIds(o.hub_ids)}, {"requires_approval", o.requires_approval}};
  if (before) {
    AuditFields prev;
    if (before->kind != o.kind) prev.emplace_back("kind", before->kind);
    if (before->requires_approval != o.requires_approval)
      prev.emplace_back("requires_approval", before->requires_approval);
    if (before->sector_ids != o.sector_ids) prev.emplace_back("sector_ids", before->sector_ids);
    if (before->hub_ids != o.hub_ids) prev.emplace_back("hub_ids", HubIds(before->hub_ids));
    if (!prev.empty()) out.emplace_back("before", AuditValue::Object(std::move(prev)));
  }
  return out;
}

// The directory's write rule for what decides who receives what and how an organisation
// sends: an organisation's kind and whether its AMBER+STRICT and RED items need approval
// (決裁) are for administrators (hub staff add operators only, without it), and hub staff
// give or take only the sectors of the hubs their organisation runs (docs/security.md).
Status CheckOrgWrite(Stores& s, const Principal& p, const Organisation* before,
                     const Organisation& after) {
  if (p.is_admin()) return Status::Ok();
  if (after.requires_approval != (before && before->requires_approval)) {
    return err::ApprovalSettingAdminOnly().with_field("requires_approval");
  }
  if (before ? after.kind != before->kind : after.kind != "operator") {
    return err::KindAdminOnly().with_field("kind");
  }
  std::set<std::string> allowed;
  for (HubId h : p.secretariat_of) {
    RENKEI_ASSIGN_OR_RETURN(auto hub, s.directory.GetHub(h));
    if (hub) allowed.insert(hub->sector_ids.begin(), hub->sector_ids.end());
  }
  const std::vector<std::string> none;
  const auto& old_sectors = before ? before->sector_ids : none;
  auto outside = [&](const std::vector<std::string>& from, const std::vector<std::string>& to) {
    for (const auto& id : to) {
      if (!Contains(from, id) && !allowed.count(id)) return id;
    }
    return std::string();
  };
  std::string id = outside(old_sectors, after.sector_ids);
  if (id.empty()) id = outside(after.sector_ids, old_sectors);
  if (!id.empty()) {
    return err::SectorNotOfYourHub(id).with_field("sector_ids");
  }
  return Status::Ok();
}

AuditFields RolesDetail(const User& u) {
  std::vector<AuditValue> roles;
  for (Role r : u.roles) roles.emplace_back(RoleName(r));
  return {{"email", u.email}, {"roles", std::move(roles)}, {"active", u.active}};
}

// Hub staff may grant only `member`; administrators anything.
Status CheckRoleGrant(const Principal& p, const std::vector<Role>& roles) {
  if (roles.empty()) return err::RoleRequired().with_field("roles");
  if (p.is_admin()) return Status::Ok();
  for (Role r : roles) {
    if (r != Role::kMember) {
      return err::RoleAdminOnly(RoleName(r)).with_field("roles");
    }
  }
  return Status::Ok();
}

// A stable code: a lower-case letter, then lower-case letters, digits, '-' and '_'.
Status CheckCode(const std::string& code, const std::string& field) {
  constexpr size_t kMax = 40;
  const bool ok =
      !code.empty() && code.size() <= kMax && code[0] >= 'a' && code[0] <= 'z' &&
      code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
  return ok ? Status::Ok() : err::InvalidCode(kMax).with_field(field);
}

// "YYYY-MM" or "" (a hub's dates: since when it has run an emergency contact, its rules).
Status CheckMonth(const std::string& month, const std::string& field) {
  if (month.empty()) return Status::Ok();
  auto digit = [&](size_t i) { return month[i] >= '0' && month[i] <= '9'; };
  const bool shape = month.size() == 7 && month[4] == '-' && digit(0) && digit(1) && digit(2) &&
                     digit(3) && digit(5) && digit(6);
  const int mm = shape ? (month[5] - '0') * 10 + (month[6] - '0') : 0;
  if (mm < 1 || mm > 12) return err::InvalidMonth().with_field(field);
  return Status::Ok();
}

// `id` must name an organisation of `kind` (a sector's ministry, a hub's secretariat).
Status CheckOrgOfKind(Stores& s, OrgId id, const char* kind, const std::string& field) {
  RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(id));
  if (!org || !org->active) return err::UnknownOrganisation().with_field(field);
  if (org->kind != kind) return err::OrgOfWrongKind(kind).with_field(field);
  return Status::Ok();
}

}  // namespace

Status ValidateOrganisation(Stores& s, const Organisation& o) {
  RENKEI_RETURN_IF_ERROR(CheckText(o.name_ja, "name_ja", 200, true));
  RENKEI_RETURN_IF_ERROR(CheckText(o.name_en, "name_en", 200, false));
  RENKEI_RETURN_IF_ERROR(CheckOneOf(o.kind, "kind", kOrgKinds));
  if (o.prefecture < 0 || o.prefecture > 47) {
    return err::PrefectureOutOfRange().with_field("prefecture");
  }
  if (!o.size_class.empty())
    RENKEI_RETURN_IF_ERROR(CheckOneOf(o.size_class, "size_class", kSizeClasses));
  RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
  std::set<std::string> seen;
  for (const auto& id : o.sector_ids) {
    if (std::none_of(sectors.begin(), sectors.end(), [&](const Sector& x) { return x.id == id; })) {
      return err::UnknownSector(id).with_field("sector_ids");
    }
    if (!seen.insert(id).second) return err::Duplicate(id).with_field("sector_ids");
  }
  if (!o.business_class.empty()) {
    if (!Contains(o.sector_ids, std::string("electricity"))) {
      return err::NotApplicable().with_field("business_class");
    }
    RENKEI_RETURN_IF_ERROR(CheckOneOf(o.business_class, "business_class", kBusinessClasses));
  }
  std::set<std::int64_t> hubs_seen;
  for (HubId h : o.hub_ids) {
    RENKEI_ASSIGN_OR_RETURN(auto hub, s.directory.GetHub(h));
    if (!hub) return err::UnknownHub(h.value).with_field("hub_ids");
    if (!hubs_seen.insert(h.value).second) return err::Duplicate(h.value).with_field("hub_ids");
  }
  return Status::Ok();
}

Status ValidateContact(const Contact& c, size_t index) {
  const std::string at = "contacts[" + std::to_string(index) + "].";
  RENKEI_RETURN_IF_ERROR(CheckOneOf(c.kind, at + "kind", kContactKinds));
  RENKEI_RETURN_IF_ERROR(CheckText(c.name, at + "name", 100, true));
  RENKEI_RETURN_IF_ERROR(CheckText(c.hours, at + "hours", 100, false));
  if (c.phone.size() > 30 || c.phone.find_first_not_of("0123456789+-() ") != std::string::npos) {
    return err::InvalidPhone().with_field(at + "phone");
  }
  if (!c.email.empty() && !LooksLikeEmail(c.email)) {
    return err::InvalidEmail().with_field(at + "email");
  }
  if (c.phone.empty() && c.email.empty()) {
    return err::ContactNeedsPhoneOrEmail().with_field(at + "phone");
  }
  return Status::Ok();
}

Status ValidateUser(const User& u) {
  if (!LooksLikeEmail(u.email)) {
    return err::InvalidEmail().with_field("email");
  }
  RENKEI_RETURN_IF_ERROR(CheckText(u.display_name, "display_name", 100, true));
  RENKEI_RETURN_IF_ERROR(CheckOneOf(u.locale, "locale", kLocales));
  if (u.roles.empty()) return err::RoleRequired().with_field("roles");
  return Status::Ok();
}

Result<std::vector<Sector>> DirectoryService::ListSectors(const Principal&) {
  std::vector<Sector> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.directory.ListSectors());
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Hub>> DirectoryService::ListHubs(const Principal&) {
  std::vector<Hub> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.directory.ListHubs());
    return Status::Ok();
  }));
  return out;
}

Result<Hub> DirectoryService::GetHub(const Principal&, HubId id) {
  std::optional<Hub> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.directory.GetHub(id));
    return Status::Ok();
  }));
  if (!out) return err::HubNotFound();
  return std::move(*out);
}

Result<OrgPage> DirectoryService::ListOrganisations(const Principal& p, OrgFilter filter) {
  filter.limit = std::clamp(filter.limit, 1, 200);
  // Deactivated organisations are listed only for administrators (hub staff still open
  // their own deactivated members by id).
  if (!p.is_admin()) filter.active = true;
  OrgPage out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out, s.directory.ListOrganisations(filter));
    return Status::Ok();
  }));
  return out;
}

Result<OrgView> DirectoryService::GetOrganisation(const Principal& p, OrgId id) {
  OrgView view;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(id));
    if (!org) return err::OrganisationNotFound();
    view.can_edit = CanManageOrg(p, *org);
    view.can_edit_contacts = CanEditContacts(p, *org);
    if (!org->active && !view.can_edit) return err::OrganisationNotFound();
    if (CanSeeContacts(p, *org)) {
      RENKEI_ASSIGN_OR_RETURN(view.contacts, s.directory.ListContacts(id));
    }
    view.org = std::move(*org);
    return Status::Ok();
  }));
  return view;
}

Result<OrgView> DirectoryService::CreateOrganisation(const Actor& actor, Organisation org) {
  const Principal& p = actor.principal;
  if (!p.is_admin()) {
    if (!p.has(Role::kHubAnalyst) || p.secretariat_of.empty()) {
      return err::AddOrgForbidden();
    }
    if (org.hub_ids.empty()) {
      return err::HubRequired().with_field("hub_ids");
    }
    for (HubId h : org.hub_ids) {
      if (!p.staffs(h)) {
        return err::AddOrgHubForbidden().with_field("hub_ids");
      }
    }
  }
  const Millis now = clock_.now_ms();
  org.created_at = org.updated_at = now;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(ValidateOrganisation(s, org));
    RENKEI_RETURN_IF_ERROR(CheckOrgWrite(s, p, nullptr, org));
    RENKEI_ASSIGN_OR_RETURN(org.id, s.directory.CreateOrganisation(org));
    return s.audit.Append(
        AuditOf(actor, now, "organisation.create", "organisation", org.id.value, OrgDetail(org)));
  }));
  return GetOrganisation(p, org.id);
}

Result<OrgView> DirectoryService::UpdateOrganisation(const Actor& actor, OrgId id,
                                                     const OrgPatch& patch) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto found, s.directory.GetOrganisation(id));
    if (!found) return err::OrganisationNotFound();
    const Organisation before = *found;
    Organisation org = std::move(*found);
    if (!CanManageOrg(p, org)) {
      if (!org.active) return err::OrganisationNotFound();
      return err::OrgChangeForbidden();
    }
    if (patch.hub_ids && !p.is_admin()) {
      // Hub staff change memberships of their own hubs only.
      std::set<std::int64_t> before, after;
      for (HubId h : org.hub_ids) before.insert(h.value);
      for (HubId h : *patch.hub_ids) after.insert(h.value);
      for (std::int64_t h : before) {
        if (!after.count(h) && !p.staffs(HubId(h)))
          return err::MembershipForbidden().with_field("hub_ids");
      }
      for (std::int64_t h : after) {
        if (!before.count(h) && !p.staffs(HubId(h)))
          return err::MembershipForbidden().with_field("hub_ids");
      }
    }
    if (patch.name_ja) org.name_ja = *patch.name_ja;
    if (patch.name_en) org.name_en = *patch.name_en;
    if (patch.kind) org.kind = *patch.kind;
    if (patch.size_class) org.size_class = *patch.size_class;
    if (patch.business_class) org.business_class = *patch.business_class;
    if (patch.sector_ids) org.sector_ids = *patch.sector_ids;
    if (patch.prefecture) org.prefecture = *patch.prefecture;
    if (patch.hub_ids) org.hub_ids = *patch.hub_ids;
    if (patch.active) org.active = *patch.active;
    if (patch.requires_approval) org.requires_approval = *patch.requires_approval;
    org.updated_at = now;
    RENKEI_RETURN_IF_ERROR(ValidateOrganisation(s, org));
    RENKEI_RETURN_IF_ERROR(CheckOrgWrite(s, p, &before, org));
    RENKEI_RETURN_IF_ERROR(s.directory.UpdateOrganisation(org));
    return s.audit.Append(AuditOf(actor, now, "organisation.update", "organisation", id.value,
                                  OrgDetail(org, &before)));
  }));
  return GetOrganisation(p, id);
}

Result<OrgView> DirectoryService::ReplaceContacts(const Actor& actor, OrgId id,
                                                  std::vector<Contact> contacts) {
  const Principal& p = actor.principal;
  if (contacts.size() > kMaxContacts) {
    return err::TooMany(kMaxContacts).with_field("contacts");
  }
  for (size_t i = 0; i < contacts.size(); ++i) {
    contacts[i].email = NormaliseEmail(contacts[i].email);
    contacts[i].org_id = id;
    RENKEI_RETURN_IF_ERROR(ValidateContact(contacts[i], i));
  }
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(id));
    if (!org || (!org->active && !CanManageOrg(p, *org))) return err::OrganisationNotFound();
    if (!CanEditContacts(p, *org)) {
      return err::ContactsForbidden();
    }
    RENKEI_RETURN_IF_ERROR(s.directory.DeleteContacts(id));
    for (const auto& c : contacts) RENKEI_RETURN_IF_ERROR(s.directory.AddContact(c).status());
    return s.audit.Append(AuditOf(actor, now, "organisation.contacts", "organisation", id.value,
                                  {{"contacts", contacts.size()}}));
  }));
  return GetOrganisation(p, id);
}

Result<User> DirectoryService::GetUser(const Principal& p, UserId id) {
  std::optional<User> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto user, s.directory.GetUser(id));
    if (!user) return err::UserNotFound();
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(user->org_id));
    if (!org || !CanSeeUser(p, *user, *org)) return err::UserNotFound();
    out = std::move(user);
    return Status::Ok();
  }));
  return std::move(*out);
}

Result<std::vector<User>> DirectoryService::ListUsersOfOrg(const Principal& p, OrgId org_id) {
  std::vector<User> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(org_id));
    if (!org) return err::OrganisationNotFound();
    if (p.org_id != org_id && !CanManageOrg(p, *org)) {
      if (!org->active) return err::OrganisationNotFound();
      return err::UsersListForbidden();
    }
    RENKEI_ASSIGN_OR_RETURN(out, s.directory.ListUsersOfOrg(org_id));
    return Status::Ok();
  }));
  return out;
}

namespace {

std::string WithoutSpaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

// Whether the folded, space-free `needle` is in one of the user's searchable texts.
bool UserMatches(const User& u, const Organisation& org, const std::string& needle) {
  for (const std::string* text : {&u.display_name, &u.email, &org.name_ja, &org.name_en}) {
    if (WithoutSpaces(FoldForSearch(*text)).find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Result<UserHitPage> DirectoryService::SearchUsers(const Principal& p, const UserSearch& q) {
  UserHitPage out;
  const std::string needle = WithoutSpaces(q.query_folded);
  const size_t limit = static_cast<size_t>(std::max(q.limit, 1));
  // The store narrows to the rows the rule could allow; the rule itself decides each one.
  std::optional<OrgId> scope;
  if (!p.is_admin()) scope = p.org_id;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto rows, s.directory.ListUsersWithOrg(scope, q.after_id.value_or(0)));
    for (auto& row : rows) {
      if (!CanSeeUser(p, row.first, row.second)) continue;
      if (!needle.empty() && !UserMatches(row.first, row.second, needle)) continue;
      if (out.items.size() == limit) {
        out.next_after_id = out.items.back().user.id.value;
        break;
      }
      out.items.push_back({std::move(row.first), std::move(row.second)});
    }
    return Status::Ok();
  }));
  return out;
}

Result<CheckedPassword> CheckedPassword::Of(const std::string& password) {
  RENKEI_RETURN_IF_ERROR(CheckPasswordRules(password, "password"));
  std::string hash = HashPassword(password);
  if (hash.empty()) return err::Internal().with_note("could not hash a password");
  return CheckedPassword(std::move(hash));
}

Result<NewUser> DirectoryService::CreateUser(const Actor& actor, User user,
                                             const std::string& password) {
  NewUser out;
  if (password.empty()) {
    // Nobody but the new user ever learns a password: they set one with the mailed link.
    RENKEI_ASSIGN_OR_RETURN(out.user, AddUser(
                                          actor, std::move(user), [] { return Status::Ok(); },
                                          [] { return HashPassword(RandomToken(32)); }, true));
    out.password_link_mailed = true;
    return out;
  }
  RENKEI_ASSIGN_OR_RETURN(out.user, AddUser(
                                        actor, std::move(user),
                                        [&] { return CheckPasswordRules(password, "password"); },
                                        [&] { return HashPassword(password); }));
  return out;
}

Result<User> DirectoryService::CreateUser(const Actor& actor, User user,
                                          const CheckedPassword& password) {
  return AddUser(
      actor, std::move(user), [] { return Status::Ok(); }, [&] { return password.hash(); });
}

Result<User> DirectoryService::AddUser(const Actor& actor, User user,
                                       const std::function<Status()>& check_password,
                                       const std::function<std::string()>& hash_password,
                                       bool mail_link) {
  const Principal& p = actor.principal;
  user.email = NormaliseEmail(user.email);
  RENKEI_RETURN_IF_ERROR(ValidateUser(user));
  RENKEI_RETURN_IF_ERROR(check_password());
  const Millis now = clock_.now_ms();
  user.created_at = user.updated_at = now;
  // Check permission before the expensive hash so a forbidden caller costs little.
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(user.org_id));
    if (!org) return err::UnknownOrganisation().with_field("org_id");
    if (!CanManageOrg(p, *org)) {
      return err::AddUserForbidden().with_field("org_id");
    }
    return CheckRoleGrant(p, user.roles);
  }));
  const std::string hash = hash_password();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto existing, s.directory.FindUserByEmail(user.email));
    if (existing) {
      return err::EmailTaken().with_field("email");
    }
    RENKEI_ASSIGN_OR_RETURN(user.id, s.directory.CreateUser(user, hash));
    AuditFields detail = RolesDetail(user);
    if (mail_link) {
      RENKEI_RETURN_IF_ERROR(QueuePasswordReset(s, user, p.user_id, kNewAccountReason, now, hash));
      detail.emplace_back("password_link_mailed_to", user.email);
    }
    return s.audit.Append(AuditOf(actor, now, "user.create", "user", user.id.value, detail));
  }));
  return user;
}

Result<User> DirectoryService::UpdateUser(const Actor& actor, UserId id, const UserPatch& patch) {
  const Principal& p = actor.principal;
  const Millis now = clock_.now_ms();
  std::optional<User> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto user, s.directory.GetUser(id));
    if (!user) return err::UserNotFound();
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(user->org_id));
    if (!org || !CanSeeUser(p, *user, *org)) return err::UserNotFound();
    const bool self = p.user_id == id;
    const bool manager = CanManageOrg(p, *org);
    // People edit their own name and language; roles and activation need a manager.
    if (!manager && (!self || patch.roles || patch.active)) {
      return err::UserChangeForbidden();
    }
    if (patch.roles) {
      RENKEI_RETURN_IF_ERROR(CheckRoleGrant(p, *patch.roles));
      // Hub staff may not take roles away that they could not have granted.
      if (!p.is_admin() && std::any_of(user->roles.begin(), user->roles.end(),
                                       [](Role r) { return r != Role::kMember; })) {
        return err::RolesChangeAdminOnly().with_field("roles");
      }
      user->roles = *patch.roles;
    }
    if (patch.active) {
      if (self && !*patch.active) {
        return err::CannotDeactivateSelf().with_field("active");
      }
      user->active = *patch.active;
    }
    if (patch.display_name) user->display_name = *patch.display_name;
    if (patch.locale) user->locale = *patch.locale;
    user->updated_at = now;
    RENKEI_RETURN_IF_ERROR(ValidateUser(*user));
    RENKEI_RETURN_IF_ERROR(s.directory.UpdateUser(*user));
    if (!user->active) RENKEI_RETURN_IF_ERROR(s.auth.DeleteSessionsOfUser(id));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, "user.update", "user", id.value, RolesDetail(*user))));
    out = std::move(user);
    return Status::Ok();
  }));
  return std::move(*out);
}

Status DirectoryService::ResetPassword(const Actor& actor, UserId id, const std::string& reason) {
  const Principal& p = actor.principal;
  if (p.is_admin() && reason.empty()) {
    return err::ResetReasonRequired().with_field("reason");
  }
  RENKEI_RETURN_IF_ERROR(CheckText(reason, "reason", 500, false));
  const Millis now = clock_.now_ms();
  // The user as the caller may see it, and its organisation (404 otherwise).
  auto find = [&](Stores& s) -> Result<std::pair<User, Organisation>> {
    RENKEI_ASSIGN_OR_RETURN(auto user, s.directory.GetUser(id));
    if (!user) return err::UserNotFound();
    RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(user->org_id));
    if (!org || !CanSeeUser(p, *user, *org)) return err::UserNotFound();
    return std::make_pair(std::move(*user), std::move(*org));
  };
  // Look before the expensive hash, so an unknown user costs little; the write looks
  // again in its own transaction.
  RENKEI_RETURN_IF_ERROR(
      tx_.Run(TxMode::kRead, [&](Stores& s) -> Status { return find(s).status(); }));
  const std::string unusable = HashPassword(RandomToken(32));
  return tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto found, find(s));
    const auto& [user, org] = found;
    if (!CanManageOrg(p, org)) return err::ResetForbidden();
    // Resetting someone is taking over their account for a moment: only for accounts
    // whose roles the caller could have granted.
    if (Status grant = CheckRoleGrant(p, user.roles); !grant.ok()) {
      return err::ResetNeedsAdmin();
    }
    if (!user.active) {
      return err::UserInactive();
    }
    RENKEI_RETURN_IF_ERROR(QueuePasswordReset(s, user, p.user_id, reason, now, unusable));
    return s.audit.Append(AuditOf(actor, now, "user.password_reset", "user", id.value,
                                  {{"reason", reason}, {"mailed_to", user.email}}));
  });
}

Status DirectoryService::CreateSector(const Actor& actor, const Sector& sector) {
  const Principal& p = actor.principal;
  if (!p.is_admin()) return err::DirectoryAdminOnly();
  RENKEI_RETURN_IF_ERROR(CheckCode(sector.id, "id"));
  RENKEI_RETURN_IF_ERROR(CheckText(sector.name_ja, "name_ja", 100, true));
  RENKEI_RETURN_IF_ERROR(CheckText(sector.name_en, "name_en", 100, false));
  const Millis now = clock_.now_ms();
  return tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
    for (const Sector& x : sectors) {
      if (x.id == sector.id) return err::SectorExists(sector.id).with_field("id");
    }
    if (sector.ministry_org_id) {
      RENKEI_RETURN_IF_ERROR(
          CheckOrgOfKind(s, *sector.ministry_org_id, "ministry", "ministry_org_id"));
    }
    RENKEI_RETURN_IF_ERROR(s.directory.UpsertSector(sector));
    AuditFields detail = {{"id", sector.id}, {"name_ja", sector.name_ja}};
    if (sector.ministry_org_id)
      detail.emplace_back("ministry_org_id", sector.ministry_org_id->value);
    AuditEntry entry = AuditOf(actor, now, "sector.create", "sector", 0, std::move(detail));
    entry.target_id = sector.id;  // a sector is named by its code
    return s.audit.Append(entry);
  });
}

Result<Hub> DirectoryService::CreateHub(const Actor& actor, Hub hub) {
  const Principal& p = actor.principal;
  if (!p.is_admin()) return err::DirectoryAdminOnly();
  RENKEI_RETURN_IF_ERROR(CheckCode(hub.code, "code"));
  RENKEI_RETURN_IF_ERROR(CheckOneOf(hub.kind, "kind", kHubKinds));
  RENKEI_RETURN_IF_ERROR(CheckText(hub.name_ja, "name_ja", 200, true));
  RENKEI_RETURN_IF_ERROR(CheckText(hub.name_en, "name_en", 200, false));
  RENKEI_RETURN_IF_ERROR(CheckMonth(hub.emergency_contact_since, "emergency_contact_since"));
  RENKEI_RETURN_IF_ERROR(CheckMonth(hub.handling_rules_since, "handling_rules_since"));
  RENKEI_RETURN_IF_ERROR(CheckText(hub.info_shared_ja, "info_shared_ja", 200, false));
  std::set<std::string> means;
  for (const auto& m : hub.communication_means) {
    RENKEI_RETURN_IF_ERROR(CheckOneOf(m, "communication_means", kCommunicationMeans));
    if (!means.insert(m).second) return err::Duplicate(m).with_field("communication_means");
  }
  const Millis now = clock_.now_ms();
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto hubs, s.directory.ListHubs());
    for (const Hub& h : hubs) {
      if (h.code == hub.code) return err::HubCodeTaken(hub.code).with_field("code");
    }
    RENKEI_ASSIGN_OR_RETURN(auto sectors, s.directory.ListSectors());
    std::set<std::string> seen;
    for (const auto& id : hub.sector_ids) {
      if (std::none_of(sectors.begin(), sectors.end(), [&](const Sector& x) { return x.id == id; }))
        return err::UnknownSector(id).with_field("sector_ids");
      if (!seen.insert(id).second) return err::Duplicate(id).with_field("sector_ids");
    }
    if (hub.sector_ids.empty()) return err::Required().with_field("sector_ids");
    RENKEI_RETURN_IF_ERROR(
        CheckOrgOfKind(s, hub.secretariat_org_id, "hub_secretariat", "secretariat_org_id"));
    RENKEI_ASSIGN_OR_RETURN(hub.id, s.directory.CreateHub(hub));
    return s.audit.Append(AuditOf(actor, now, "hub.create", "hub", hub.id.value,
                                  {{"code", hub.code},
                                   {"sector_ids", hub.sector_ids},
                                   {"secretariat_org_id", hub.secretariat_org_id.value}}));
  }));
  return hub;
}

}  // namespace renkei::domain
