// The demo load as a whole (one transaction, the loader's principal, the embedded files)
// and its directory part, read from data/demo/directory.json.
#include "app/demo_data.h"

#include "domain/reporting/report_mail.h"

#include <map>
#include <optional>
#include <set>

#include "app/demo_load.h"
#include "core/error_codes.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/auth/auth_service.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_store.h"

namespace renkei::app {

extern const char* const kDemoFiles[];
extern const char* const kDemoFilesNames[];
extern const size_t kDemoFilesCount;

namespace demo {
namespace {

using domain::Role;

// Runs every service's work inside the one transaction that is already open, so the
// demo loads all or nothing, with one commit instead of some twenty thousand. The
// services run unchanged; a failing one returns its error, which ends the load and rolls
// the whole transaction back. (Nothing they do after a commit — live events, the mail
// doorbell — is wired for the load.)
class OpenTransaction final : public domain::Transactor {
 public:
  OpenTransaction(domain::Stores& stores, const char* engine) : stores_(stores), engine_(engine) {}
  Status Run(domain::TxMode mode, const std::function<Status(domain::Stores&)>& fn) override {
    // A rehearsal is undone at its end, which the one open transaction cannot do for a
    // part of it; the loader never rehearses.
    if (mode == domain::TxMode::kRehearse)
      return err::Internal().with_note("rehearsal in the demo load");
    return fn(stores_);
  }
  const char* engine_name() const override { return engine_; }

 private:
  domain::Stores& stores_;
  const char* engine_;
};

// The records of directory.json, as read (before any service sees them).
struct NamePart {
  std::string ja, en, form;  // form: company | plain | cooperative
};
struct Mailbox {
  std::string mailbox;
  Role role = Role::kMember;
  int one_in = 1;  // created for one organisation in this many (by the generator)
};
struct NamedMember {
  int index = 0;
  domain::Organisation org;
  std::string domain;
  std::vector<Mailbox> users;
};
struct HubRecord {
  domain::Hub hub;
  std::string secretariat_ja, secretariat_en;
  int members = 0;
  std::vector<NamePart> names;
  std::optional<std::pair<std::string, std::string>> prefectural;  // {en suffix, size class}
  std::vector<std::string> business_classes;
  std::string member_size_class;
  std::string includes_members_of;
  std::vector<NamedMember> named;
};
struct FixedOrg {
  std::string key, domain;
  domain::Organisation org;
};
struct SectorRecord {
  domain::Sector sector;
  std::string ministry;  // a FixedOrg key
};
struct UserRecord {
  std::string email, organisation;  // organisation: a FixedOrg key
  Role role = Role::kMember;
};
struct Directory {
  std::uint64_t seed = 0;
  Millis first_created_at = 0;
  std::vector<NamePart> stems;  // ja + romaji
  std::vector<std::string> surnames, given_names;
  std::string company, cooperative;
  domain::Contact contact;
  std::string contact_mailbox;
  std::vector<std::string> contact_hours;
  std::vector<FixedOrg> orgs;
  std::vector<SectorRecord> sectors;
  std::vector<std::pair<std::string, std::vector<std::string>>> org_sectors;
  std::vector<UserRecord> users;
  domain::Organisation secretariat;
  std::vector<Mailbox> secretariat_staff;
  domain::Organisation member;
  std::string member_domain;
  std::vector<std::pair<std::string, int>> sizes;  // size class, weight
  std::vector<Mailbox> member_users;
  std::vector<HubRecord> hubs;
  std::vector<DemoAccount> accounts;
};

std::string Str(http::JsonObject& o, const char* name, bool required = true) {
  return o.String(name, required).value_or("");
}
int Int(http::JsonObject& o, const char* name, bool required = true) {
  return static_cast<int>(o.Int(name, required).value_or(0));
}
std::vector<std::string> Strs(http::JsonObject& o, const char* name, bool required = true) {
  return o.Strings(name, required).value_or(std::vector<std::string>{});
}
std::vector<http::JsonObject> Objs(http::JsonObject& o, const char* name, bool required = true) {
  return o.Objects(name, required).value_or(std::vector<http::JsonObject>{});
}

// A role's stored name, refused like the API refuses an unknown role.
Result<Role> RoleOf(const std::string& name, const std::string& field) {
  auto role = domain::ParseRole(name);
  if (!role) return err::InvalidValue(domain::RoleNameList()).with_field(field);
  return *role;
}

Result<std::vector<Mailbox>> Mailboxes(std::vector<http::JsonObject> list, const std::string& at) {
  std::vector<Mailbox> out;
  for (size_t i = 0; i < list.size(); ++i) {
    auto& o = list[i];
    Mailbox m;
    m.mailbox = Str(o, "mailbox");
    const std::string role = Str(o, "role");
    m.one_in = static_cast<int>(o.Int("one_in", false).value_or(1));
    RENKEI_RETURN_IF_ERROR(o.Finish());
    RENKEI_ASSIGN_OR_RETURN(m.role, RoleOf(role, at + "[" + std::to_string(i) + "].role"));
    if (m.one_in < 1) return err::OutOfRange({.max = 1000, .min = 1}).with_field(at + ".one_in");
    out.push_back(std::move(m));
  }
  return out;
}

Result<std::vector<NamePart>> NameParts(std::vector<http::JsonObject> list, bool with_form) {
  std::vector<NamePart> out;
  for (auto& o : list) {
    NamePart p{Str(o, "ja"), Str(o, "en"), with_form ? Str(o, "form") : ""};
    RENKEI_RETURN_IF_ERROR(o.Finish());
    out.push_back(std::move(p));
  }
  return out;
}

Result<HubRecord> ReadHub(http::JsonObject& o, const std::string& at) {
  HubRecord h;
  h.hub.code = Str(o, "code");
  h.hub.kind = Str(o, "kind");
  h.hub.name_ja = Str(o, "name_ja");
  h.hub.name_en = Str(o, "name_en", false);
  h.hub.sector_ids = Strs(o, "sector_ids");
  h.hub.emergency_contact_since = Str(o, "emergency_contact_since", false);
  h.hub.handling_rules_since = Str(o, "handling_rules_since", false);
  h.hub.communication_means = Strs(o, "communication_means");
  h.hub.info_shared_ja = Str(o, "info_shared_ja", false);
  h.members = Int(o, "members");
  if (auto sec = o.Object("secretariat", true)) {
    h.secretariat_ja = Str(*sec, "name_ja");
    h.secretariat_en = Str(*sec, "name_en", false);
    RENKEI_RETURN_IF_ERROR(sec->Finish());
  }
  RENKEI_ASSIGN_OR_RETURN(h.names, NameParts(Objs(o, "member_names"), true));
  for (const auto& n : h.names) {
    if (n.form != "company" && n.form != "plain" && n.form != "cooperative")
      return err::InvalidValue("company, plain, cooperative").with_field(at + ".member_names");
  }
  if (h.names.empty()) return err::Required().with_field(at + ".member_names");
  if (auto pg = o.Object("prefectural_governments", false)) {
    h.prefectural.emplace(Str(*pg, "name_en_suffix"), Str(*pg, "size_class"));
    RENKEI_RETURN_IF_ERROR(pg->Finish());
  }
  h.business_classes = Strs(o, "member_business_classes", false);
  h.member_size_class = Str(o, "member_size_class", false);
  h.includes_members_of = Str(o, "includes_members_of", false);
  auto named = Objs(o, "named_members", false);
  for (size_t i = 0; i < named.size(); ++i) {
    auto& n = named[i];
    NamedMember m;
    m.index = Int(n, "index");
    m.org.name_ja = Str(n, "name_ja");
    m.org.name_en = Str(n, "name_en", false);
    m.org.prefecture = Int(n, "prefecture");
    m.org.size_class = Str(n, "size_class");
    m.domain = Str(n, "domain");
    RENKEI_ASSIGN_OR_RETURN(
        m.users,
        Mailboxes(Objs(n, "users"), at + ".named_members[" + std::to_string(i) + "].users"));
    RENKEI_RETURN_IF_ERROR(n.Finish());
    h.named.push_back(std::move(m));
  }
  RENKEI_RETURN_IF_ERROR(o.Finish());
  return h;
}

Result<Directory> ReadDirectory(const DemoFile& file) {
  RENKEI_ASSIGN_OR_RETURN(auto top, ParseFile(file));
  Directory d;
  auto read = [&]() -> Status {
    (void)top.String("$comment", false);
    d.seed = static_cast<std::uint64_t>(top.Int("seed", true).value_or(0));
    const std::string first = Str(top, "first_created_at");
    if (auto names = top.Object("names", true)) {
      RENKEI_ASSIGN_OR_RETURN(d.stems, NameParts(Objs(*names, "stems"), false));
      d.surnames = Strs(*names, "surnames");
      d.given_names = Strs(*names, "given_names");
      d.company = Str(*names, "company");
      d.cooperative = Str(*names, "cooperative");
      RENKEI_RETURN_IF_ERROR(names->Finish());
    }
    if (auto c = top.Object("contact", true)) {
      d.contact.kind = Str(*c, "kind");
      d.contact_mailbox = Str(*c, "mailbox");
      d.contact_hours = Strs(*c, "hours");
      RENKEI_RETURN_IF_ERROR(c->Finish());
    }
    for (auto& o : Objs(top, "organisations")) {
      FixedOrg f;
      f.key = Str(o, "key");
      f.domain = Str(o, "domain");
      f.org.name_ja = Str(o, "name_ja");
      f.org.name_en = Str(o, "name_en", false);
      f.org.kind = Str(o, "kind");
      f.org.prefecture = Int(o, "prefecture");
      f.org.size_class = Str(o, "size_class", false);
      f.org.requires_approval = o.Bool("requires_approval", false).value_or(false);
      RENKEI_RETURN_IF_ERROR(o.Finish());
      d.orgs.push_back(std::move(f));
    }
    int order = 0;
    for (auto& o : Objs(top, "sectors")) {
      SectorRecord s;
      s.sector.id = Str(o, "id");
      s.sector.name_ja = Str(o, "name_ja");
      s.sector.name_en = Str(o, "name_en", false);
      s.sector.sort_order = ++order;
      s.ministry = Str(o, "ministry");
      RENKEI_RETURN_IF_ERROR(o.Finish());
      d.sectors.push_back(std::move(s));
    }
    for (auto& o : Objs(top, "organisation_sectors", false)) {
      d.org_sectors.emplace_back(Str(o, "organisation"), Strs(o, "sector_ids"));
      RENKEI_RETURN_IF_ERROR(o.Finish());
    }
    auto users = Objs(top, "users");
    for (size_t i = 0; i < users.size(); ++i) {
      UserRecord u;
      u.email = Str(users[i], "email");
      u.organisation = Str(users[i], "organisation");
      const std::string role = Str(users[i], "role");
      RENKEI_RETURN_IF_ERROR(users[i].Finish());
      RENKEI_ASSIGN_OR_RETURN(u.role, RoleOf(role, "users[" + std::to_string(i) + "].role"));
      d.users.push_back(std::move(u));
    }
    if (auto s = top.Object("secretariats", true)) {
      d.secretariat.kind = Str(*s, "kind");
      d.secretariat.prefecture = Int(*s, "prefecture");
      d.secretariat.size_class = Str(*s, "size_class", false);
      RENKEI_ASSIGN_OR_RETURN(d.secretariat_staff,
                              Mailboxes(Objs(*s, "staff"), "secretariats.staff"));
      RENKEI_RETURN_IF_ERROR(s->Finish());
    }
    if (auto m = top.Object("members", true)) {
      d.member.kind = Str(*m, "kind");
      d.member_domain = Str(*m, "domain");
      for (auto& s : Objs(*m, "sizes")) {
        d.sizes.emplace_back(Str(s, "size_class"), Int(s, "weight"));
        RENKEI_RETURN_IF_ERROR(s.Finish());
      }
      RENKEI_ASSIGN_OR_RETURN(d.member_users, Mailboxes(Objs(*m, "users"), "members.users"));
      RENKEI_RETURN_IF_ERROR(m->Finish());
    }
    auto hubs = Objs(top, "hubs");
    for (size_t i = 0; i < hubs.size(); ++i) {
      RENKEI_ASSIGN_OR_RETURN(auto h, ReadHub(hubs[i], "hubs[" + std::to_string(i) + "]"));
      d.hubs.push_back(std::move(h));
    }
    for (auto& o : Objs(top, "demo_accounts")) {
      d.accounts.push_back({Str(o, "email"), Str(o, "role"), Str(o, "organisation_ja")});
      RENKEI_RETURN_IF_ERROR(o.Finish());
    }
    RENKEI_RETURN_IF_ERROR(top.Finish());
    auto at = ParseRfc3339(first);
    if (!at) return err::InvalidTime().with_field("first_created_at");
    d.first_created_at = *at;
    if (d.stems.empty() || d.surnames.empty() || d.given_names.empty() || d.contact_hours.empty() ||
        d.sizes.empty())
      return err::Required().with_field("names");
    return Status::Ok();
  };
  RENKEI_RETURN_IF_ERROR(InRecord(read(), file, ""));
  return d;
}

std::string Capitalise(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
  return s;
}

std::string Phone(Rng& rng) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0%d-%04d-%04d", 3 + rng.below(7), rng.below(10000),
                rng.below(10000));
  return buf;
}

// Creates the directory of `d` through DirectoryService, in the file's order.
class DirectoryLoader {
 public:
  DirectoryLoader(Context& ctx, const DemoFile& file, const Directory& d,
                  const domain::CheckedPassword& password, DemoStats& stats)
      : ctx_(ctx),
        file_(file),
        d_(d),
        password_(password),
        stats_(stats),
        dir_(ctx.tx, ctx.clock),
        rng_(d.seed) {}

  Status Run() {
    ctx_.clock.set(d_.first_created_at);
    // The fixed organisations first (sectors name their ministries), then the sectors,
    // then the fixed organisations' sectors (the link needs the sector).
    for (size_t i = 0; i < d_.orgs.size(); ++i) {
      const auto& f = d_.orgs[i];
      const std::string record = "organisations[" + std::to_string(i) + "] (" + f.key + ")";
      RENKEI_ASSIGN_OR_RETURN(OrgId id, AddOrg(f.org, record));
      fixed_[f.key] = id;
      ctx_.orgs[f.key] = id;
      RENKEI_RETURN_IF_ERROR(AddContact(id, f.domain, record));
    }
    for (size_t i = 0; i < d_.sectors.size(); ++i) {
      domain::Sector s = d_.sectors[i].sector;
      const std::string record = "sectors[" + std::to_string(i) + "] (" + s.id + ")";
      RENKEI_ASSIGN_OR_RETURN(s.ministry_org_id, Fixed(d_.sectors[i].ministry, record));
      RENKEI_RETURN_IF_ERROR(InRecord(dir_.CreateSector(ctx_.loader, s), file_, record));
      ++stats_.sectors;
    }
    for (size_t i = 0; i < d_.org_sectors.size(); ++i) {
      const auto& [key, sectors] = d_.org_sectors[i];
      const std::string record = "organisation_sectors[" + std::to_string(i) + "] (" + key + ")";
      RENKEI_ASSIGN_OR_RETURN(OrgId id, Fixed(key, record));
      domain::OrgPatch patch;
      patch.sector_ids = sectors;
      RENKEI_RETURN_IF_ERROR(
          InRecord(dir_.UpdateOrganisation(ctx_.loader, id, patch).status(), file_, record));
    }
    for (size_t i = 0; i < d_.users.size(); ++i) {
      const auto& u = d_.users[i];
      const std::string record = "users[" + std::to_string(i) + "] (" + u.email + ")";
      RENKEI_ASSIGN_OR_RETURN(OrgId org, Fixed(u.organisation, record));
      RENKEI_RETURN_IF_ERROR(AddUser(org, u.email, u.role, record));
    }
    for (size_t i = 0; i < d_.hubs.size(); ++i) {
      RENKEI_RETURN_IF_ERROR(
          AddHub(d_.hubs[i], "hubs[" + std::to_string(i) + "] (" + d_.hubs[i].hub.code + ")"));
    }
    return Status::Ok();
  }

 private:
  Result<OrgId> Fixed(const std::string& key, const std::string& record) {
    auto it = fixed_.find(key);
    if (it == fixed_.end()) return InRecord(err::DemoReference(key), file_, record);
    return it->second;
  }

  Result<OrgId> AddOrg(domain::Organisation o, const std::string& record) {
    auto view = dir_.CreateOrganisation(ctx_.loader, std::move(o));
    if (!view.ok()) return InRecord(view.status(), file_, record);
    ctx_.clock.advance(1000);
    ++stats_.organisations;
    return view.value().org.id;
  }

  // "surname given-name"; the given name is drawn first, as the dataset always had it.
  std::string PersonName() {
    const auto& given = d_.given_names[static_cast<size_t>(rng_.below(Count(d_.given_names)))];
    const auto& surname = d_.surnames[static_cast<size_t>(rng_.below(Count(d_.surnames)))];
    return surname + " " + given;
  }

  Status AddUser(OrgId org, const std::string& email, Role role, const std::string& record) {
    domain::User u;
    u.org_id = org;
    u.email = email;
    u.display_name = PersonName();
    u.roles = {role};
    RENKEI_RETURN_IF_ERROR(
        InRecord(dir_.CreateUser(ctx_.loader, std::move(u), password_).status(), file_, record));
    ++stats_.users;
    return Status::Ok();
  }

  Status AddContact(OrgId org, const std::string& domain, const std::string& record) {
    domain::Contact c = d_.contact;
    c.name = PersonName();
    c.phone = Phone(rng_);
    c.email = d_.contact_mailbox + "@" + domain;
    c.hours = d_.contact_hours[static_cast<size_t>(rng_.below(Count(d_.contact_hours)))];
    return InRecord(dir_.ReplaceContacts(ctx_.loader, org, {c}).status(), file_, record);
  }

  Status AddHub(const HubRecord& h, const std::string& record) {
    domain::Organisation sec = d_.secretariat;
    sec.name_ja = h.secretariat_ja;
    sec.name_en = h.secretariat_en;
    sec.sector_ids = h.hub.sector_ids;
    RENKEI_ASSIGN_OR_RETURN(OrgId sec_id, AddOrg(sec, record + ".secretariat"));
    const std::string sec_domain = h.hub.code + ".example";
    RENKEI_RETURN_IF_ERROR(AddContact(sec_id, sec_domain, record + ".secretariat"));
    domain::Hub hub = h.hub;
    hub.secretariat_org_id = sec_id;
    auto created = dir_.CreateHub(ctx_.loader, hub);
    if (!created.ok()) return InRecord(created.status(), file_, record);
    const HubId hub_id = created.value().id;
    ctx_.hubs[h.hub.code] = hub_id;
    ++stats_.hubs;
    for (const auto& m : d_.secretariat_staff) {
      RENKEI_RETURN_IF_ERROR(AddUser(sec_id, m.mailbox + "@" + sec_domain, m.role, record));
    }

    int generated = 0;
    if (!h.includes_members_of.empty()) {
      // This hub's members include those of another hub (the ISAC and the CEPTOAR).
      auto of = members_.find(h.includes_members_of);
      if (of == members_.end())
        return InRecord(err::DemoReference(h.includes_members_of), file_, record);
      for (OrgId id : of->second) {
        RENKEI_ASSIGN_OR_RETURN(auto view, dir_.GetOrganisation(ctx_.loader.principal, id));
        domain::OrgPatch patch;
        patch.hub_ids = view.org.hub_ids;
        patch.hub_ids->push_back(hub_id);
        RENKEI_RETURN_IF_ERROR(
            InRecord(dir_.UpdateOrganisation(ctx_.loader, id, patch).status(), file_, record));
        ++generated;
      }
    }
    for (int i = 0; generated < h.members; ++i, ++generated) {
      RENKEI_RETURN_IF_ERROR(AddMember(h, hub_id, i, record));
    }
    return Status::Ok();
  }

  // The hub's `i`th own member: a prefectural government, a named member or a name made
  // from the hub's member names; an emergency contact, the named member's users and
  // the generator's.
  Status AddMember(const HubRecord& h, HubId hub_id, int i, const std::string& record) {
    domain::Organisation o = d_.member;
    o.sector_ids = h.hub.sector_ids;
    o.hub_ids = {hub_id};
    o.prefecture = 1 + rng_.below(47);
    o.size_class = SizeClass(rng_.below(TotalWeight()));
    const NamedMember* named = nullptr;
    for (const auto& n : h.named) {
      if (n.index == i) named = &n;
    }
    if (h.prefectural && i < 47) {
      const auto& p = domain::kPrefectures[i];
      o.prefecture = i + 1;
      o.name_ja = p.name_ja;
      o.name_en = std::string(p.name_en) + h.prefectural->first;
      o.size_class = h.prefectural->second;
    } else {
      MemberName(h, i, o);
      if (!h.business_classes.empty())
        o.business_class = h.business_classes[static_cast<size_t>(i) % h.business_classes.size()];
      if (!h.member_size_class.empty()) o.size_class = h.member_size_class;
    }
    std::string domain = Replace(d_.member_domain, "{n}", std::to_string(stats_.organisations + 1));
    if (named) {
      o.name_ja = named->org.name_ja;
      o.name_en = named->org.name_en;
      o.prefecture = named->org.prefecture;
      o.size_class = named->org.size_class;
      domain = named->domain;
    }
    const std::string at = record + " member " + std::to_string(i) + " (" + o.name_ja + ")";
    RENKEI_ASSIGN_OR_RETURN(OrgId id, AddOrg(o, at));
    members_[h.hub.code].push_back(id);
    RENKEI_RETURN_IF_ERROR(AddContact(id, domain, at));
    if (named) {
      for (const auto& m : named->users)
        RENKEI_RETURN_IF_ERROR(AddUser(id, m.mailbox + "@" + domain, m.role, at));
    }
    for (const auto& m : d_.member_users) {
      if (m.one_in > 1 && rng_.below(m.one_in) != 0) continue;
      RENKEI_RETURN_IF_ERROR(AddUser(id, m.mailbox + "@" + domain, m.role, at));
    }
    return Status::Ok();
  }

  // Names are unique: a stem of two parts (stepping through all pairs) with the hub's
  // member name in turn; after many clashes the prefecture is put in front.
  void MemberName(const HubRecord& h, int i, domain::Organisation& o) {
    const NamePart& part = h.names[static_cast<size_t>(i) % h.names.size()];
    const size_t n = d_.stems.size();
    for (int attempt = 0;; ++attempt) {
      const NamePart& a = d_.stems[(static_cast<size_t>(stem_cursor_) / n) % n];
      const NamePart& b = d_.stems[static_cast<size_t>(stem_cursor_) % n];
      stem_cursor_ = (stem_cursor_ + 7) % static_cast<int>(n * n);
      const std::string stem_ja = a.ja + b.ja;
      const std::string stem_en = Capitalise(a.en + b.en);
      std::string ja, en;
      if (part.form == "cooperative") {
        ja = d_.cooperative + stem_ja;
        en = d_.cooperative + " " + stem_en;
      } else if (part.form == "plain") {
        ja = stem_ja + part.ja;
        en = stem_en + " " + part.en;
      } else {
        // 株式会社 before and after the name in turn, as real company names have it.
        ja = i % 2 == 0 ? d_.company + stem_ja + part.ja : stem_ja + part.ja + d_.company;
        en = stem_en + " " + part.en;
      }
      if (attempt > 40) {
        const auto& p = domain::kPrefectures[o.prefecture - 1];
        ja = std::string(p.name_ja) + ja;
        en = std::string(p.name_en) + " " + en;
      }
      if (used_names_.insert(ja).second) {
        o.name_ja = ja;
        o.name_en = en;
        return;
      }
    }
  }

  int TotalWeight() const {
    int total = 0;
    for (const auto& s : d_.sizes) total += s.second;
    return total;
  }
  std::string SizeClass(int roll) const {
    for (const auto& [size, weight] : d_.sizes) {
      if (roll < weight) return size;
      roll -= weight;
    }
    return d_.sizes.back().first;
  }

  static int Count(const std::vector<std::string>& v) { return static_cast<int>(v.size()); }
  static std::string Replace(std::string s, const std::string& from, const std::string& to) {
    if (auto at = s.find(from); at != std::string::npos) s.replace(at, from.size(), to);
    return s;
  }

  Context& ctx_;
  const DemoFile& file_;
  const Directory& d_;
  const domain::CheckedPassword& password_;
  DemoStats& stats_;
  domain::DirectoryService dir_;
  Rng rng_;
  std::map<std::string, OrgId> fixed_;
  std::map<std::string, std::vector<OrgId>> members_;  // by hub code, own members only
  std::set<std::string> used_names_;
  int stem_cursor_ = 0;
};

// Every demo account exists with its role in its organisation (the file lists them for
// `renkei demo-data accounts`; a list that drifts from the records is the file's error).
Status CheckAccounts(Context& ctx, const DemoFile& file, const std::vector<DemoAccount>& accounts) {
  domain::DirectoryService dir(ctx.tx, ctx.clock);
  for (size_t i = 0; i < accounts.size(); ++i) {
    const auto& a = accounts[i];
    const std::string record = "demo_accounts[" + std::to_string(i) + "] (" + a.email + ")";
    RENKEI_ASSIGN_OR_RETURN(auto p, ctx.As(a.email, file, record));
    RENKEI_ASSIGN_OR_RETURN(auto org, dir.GetOrganisation(p.principal, p.principal.org_id));
    auto role = domain::ParseRole(a.role);
    if (!role || !p.principal.has(*role)) return InRecord(err::DemoReference(a.role), file, record);
    if (org.org.name_ja != a.organisation_ja)
      return InRecord(err::DemoReference(a.organisation_ja), file, record);
  }
  return Status::Ok();
}

}  // namespace

Status InRecord(Status st, const DemoFile& file, const std::string& record) {
  if (st.ok()) return st;
  std::string where = file.name;
  if (!record.empty()) where += " " + record;
  if (!st.note().empty()) where += ": " + st.note();
  return std::move(st).with_note(where);
}

Result<http::JsonObject> ParseFile(const DemoFile& file) {
  auto top = http::JsonObject::Parse(file.text);
  if (!top.ok()) return InRecord(top.status(), file, "");
  return std::move(top).value();
}

Result<domain::Actor> Context::As(const std::string& email, const DemoFile& file,
                                  const std::string& record) {
  std::optional<domain::Principal> p;
  RENKEI_RETURN_IF_ERROR(tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.FindUserByEmail(NormaliseEmail(email)));
    if (!u) return Status::Ok();
    RENKEI_ASSIGN_OR_RETURN(p, domain::LoadPrincipal(s, u->id));
    return Status::Ok();
  }));
  if (!p) return InRecord(err::DemoReference(email), file, record);
  return domain::Actor{std::move(*p), ""};
}

Status LoadDirectory(Context& ctx, const DemoFile& file, const domain::CheckedPassword& password,
                     DemoStats& stats) {
  RENKEI_ASSIGN_OR_RETURN(auto d, ReadDirectory(file));
  RENKEI_RETURN_IF_ERROR(DirectoryLoader(ctx, file, d, password, stats).Run());
  for (const auto& a : d.accounts) ctx.demo_accounts.push_back(a.email);
  return CheckAccounts(ctx, file, d.accounts);
}

}  // namespace demo

DemoFiles EmbeddedDemoFiles() {
  DemoFiles out;
  for (size_t i = 0; i < kDemoFilesCount; ++i) {
    const std::string name = kDemoFilesNames[i];
    DemoFile f{"data/demo/" + name, kDemoFiles[i]};
    if (name == "directory.json") out.directory = f;
    if (name == "reports.json") out.reports = f;
    if (name == "assessments.json") out.assessments = f;
    if (name == "items.json") out.items = f;
  }
  return out;
}

std::vector<DemoAccount> DemoAccounts() {
  auto d = demo::ReadDirectory(EmbeddedDemoFiles().directory);
  return d.ok() ? d.value().accounts : std::vector<DemoAccount>{};
}

Result<DemoStats> LoadDemoData(domain::Transactor& tx, const Catalogs& catalogs,
                               const std::string& password, const DemoFiles& files) {
  RENKEI_ASSIGN_OR_RETURN(auto checked, domain::CheckedPassword::Of(password));
  const Millis now = SystemClock().now_ms();
  DemoStats stats;
  Status st = tx.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
    domain::OrgFilter any;
    any.limit = 1;
    RENKEI_ASSIGN_OR_RETURN(auto existing, s.directory.ListOrganisations(any));
    if (!existing.items.empty()) return err::NotEmpty();
    demo::OpenTransaction open(s, tx.engine_name());
    ManualClock clock(now);
    // The directory's author: an administrator that is no account (audited as demo-data).
    domain::Principal loader;
    loader.email = "demo-data";
    loader.display_name = "demo-data";
    loader.roles = {domain::Role::kAdmin};
    demo::Context ctx{open, clock, catalogs, {loader, ""}, now, {}, {}, {}};
    RENKEI_RETURN_IF_ERROR(demo::LoadDirectory(ctx, files.directory, checked, stats));
    RENKEI_ASSIGN_OR_RETURN(stats.reports, demo::LoadReports(ctx, files.reports));
    RENKEI_ASSIGN_OR_RETURN(stats.assessments, demo::LoadAssessments(ctx, files.assessments));
    RENKEI_ASSIGN_OR_RETURN(stats.items, demo::LoadItems(ctx, files.items));
    RENKEI_ASSIGN_OR_RETURN(stats.exercises,
                            demo::LoadExercises(ctx, DemoFile{"src/app/demo_exercises.cc", ""}));
    RENKEI_ASSIGN_OR_RETURN(stats.desk_tickets,
                            demo::LoadDesk(ctx, DemoFile{"src/app/demo_desk.cc", ""}, checked));
    RENKEI_ASSIGN_OR_RETURN(int classified,
                            demo::LoadClearances(ctx, DemoFile{"src/app/demo_clearance.cc", ""}));
    stats.items += classified;
    RENKEI_ASSIGN_OR_RETURN(stats.surveys,
                            demo::LoadSurveys(ctx, DemoFile{"src/app/demo_survey.cc", ""}));
    RENKEI_ASSIGN_OR_RETURN(
        stats.communities,
        demo::LoadCommunities(ctx, DemoFile{"src/app/demo_community.cc", ""}, checked));
    // The mail the demo's history queued went out back then (nobody is mailed at load);
    // what falls due later — a deadline still ahead, the next morning's digest — stays
    // queued.
    std::vector<std::string> kinds(std::begin(domain::kReportMailCodes),
                                   std::end(domain::kReportMailCodes));
    kinds.insert(kinds.end(), std::begin(domain::kItemMailCodes), std::end(domain::kItemMailCodes));
    RENKEI_ASSIGN_OR_RETURN(auto history, s.outbox.Claim(now, now, 1'000'000, kinds));
    RENKEI_RETURN_IF_ERROR(s.outbox.MarkDone(history, now, ""));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return stats;
}

}  // namespace renkei::app
