// DirectoryService: reads and writes of the directory with the permission rules.
//
// Who may do what (docs/security.md has the same table):
// - Every signed-in user reads sectors, hubs and organisations (the community directory).
// - An organisation's contacts are shown to its own staff, hub staff of its hubs,
//   ministry and national-centre officers, and administrators; others get the
//   organisation without contacts.
// - A user record is visible to the user, colleagues in the same organisation, hub
//   staff of the organisation's hubs and administrators; to anyone else it does not
//   exist (404).
// - An organisation's contacts are maintained by its own staff, its hub staff and
//   administrators (at most 10; each with a kind, a name and a phone or an e-mail).
// - Administrators change anything. Hub staff (hub analysts of a secretariat) create
//   operators in their hubs, edit those organisations and their users, give or take
//   only the sectors of the hubs they run, never change an organisation's kind, grant
//   only the `member` role and reset only members' passwords (by a mailed link).
//   Everyone else gets 403 on writes to things they can see.
// Every write appends an audit row in the same transaction.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_store.h"
#include "domain/principal.h"
#include "domain/transactor.h"

namespace renkei::domain {

struct OrgView {
  Organisation org;
  std::optional<std::vector<Contact>> contacts;  // empty when the caller may not see them
  bool can_edit = false;
  bool can_edit_contacts = false;
};

struct OrgPatch {
  std::optional<std::string> name_ja, name_en, kind, size_class, business_class;
  std::optional<std::vector<std::string>> sector_ids;
  std::optional<int> prefecture;
  std::optional<std::vector<HubId>> hub_ids;
  std::optional<bool> active;
  std::optional<bool> requires_approval;
};

struct UserPatch {
  std::optional<std::string> display_name, locale;
  std::optional<std::vector<Role>> roles;
  std::optional<bool> active;
};

// A user found by SearchUsers, with their organisation.
struct UserHit {
  User user;
  Organisation org;
};
struct UserSearch {
  std::string query_folded;  // FoldForSearch of the text asked for; empty: everyone
  std::optional<std::int64_t> after_id;
  int limit = 50;
};
struct UserHitPage {
  std::vector<UserHit> items;
  std::optional<std::int64_t> next_after_id;  // set when more rows follow
};

struct NewUser {
  User user;
  // Set when the creator gave no password: the new user was mailed a one-time link (24 h)
  // to set one, queued in the creating transaction; no password is ever shown to anyone.
  bool password_link_mailed = false;
};

// A password that passed the rules, hashed once (Argon2id): creating many accounts that
// share one password (the demo dataset) costs one hash, not one per account.
class CheckedPassword {
 public:
  static Result<CheckedPassword> Of(const std::string& password);
  const std::string& hash() const { return hash_; }

 private:
  explicit CheckedPassword(std::string hash) : hash_(std::move(hash)) {}
  std::string hash_;
};

class DirectoryService {
 public:
  DirectoryService(Transactor& tx, const Clock& clock) : tx_(tx), clock_(clock) {}

  Result<std::vector<Sector>> ListSectors(const Principal& p);
  Result<std::vector<Hub>> ListHubs(const Principal& p);
  Result<Hub> GetHub(const Principal& p, HubId id);
  Result<OrgPage> ListOrganisations(const Principal& p, OrgFilter filter);
  Result<OrgView> GetOrganisation(const Principal& p, OrgId id);
  Result<OrgView> CreateOrganisation(const Actor& actor, Organisation org);
  Result<OrgView> UpdateOrganisation(const Actor& actor, OrgId id, const OrgPatch& patch);

  // Replaces the organisation's contact list.
  Result<OrgView> ReplaceContacts(const Actor& actor, OrgId id, std::vector<Contact> contacts);

  Result<User> GetUser(const Principal& p, UserId id);
  Result<std::vector<User>> ListUsersOfOrg(const Principal& p, OrgId org);
  // Users across organisations whose name, e-mail or organisation's name contains the
  // text (folded: full/half width and case; spaces ignored, so 「東北太郎」 finds
  // 「東北 太郎」), in id order, paged. Exactly the users the one visibility rule lets the
  // caller see: administrators everyone, hub staff the users of their hubs' member
  // organisations, everyone their own organisation's.
  Result<UserHitPage> SearchUsers(const Principal& p, const UserSearch& q);
  // `password` empty: the account starts with an unusable password and the user is mailed
  // a one-time set-password link (the reset-by-mail machinery, QueuePasswordReset).
  Result<NewUser> CreateUser(const Actor& actor, User user, const std::string& password);
  // The same, with a password checked and hashed beforehand.
  Result<User> CreateUser(const Actor& actor, User user, const CheckedPassword& password);
  Result<User> UpdateUser(const Actor& actor, UserId id, const UserPatch& patch);
  // Ends the user's password, sessions and tokens and mails the user a one-time link to
  // set a new one; the caller never sees a secret. Hub staff reset only users whose
  // roles they could grant (members); administrators give a reason (audited).
  Status ResetPassword(const Actor& actor, UserId id, const std::string& reason);

  // The directory's skeleton, administrators only (no API route yet: the demo dataset and
  // a platform's set-up create them). A sector's id and a hub's code are stable codes
  // (lower-case letters, digits, '-' and '_'); a sector's ministry is an organisation of
  // the kind ministry; a hub's secretariat one of the kind hub_secretariat.
  Status CreateSector(const Actor& actor, const Sector& sector);
  Result<Hub> CreateHub(const Actor& actor, Hub hub);

 private:
  // The one way a user is created: validated, `check_password` (after the user's own
  // fields), the caller's right to add it checked before the costly `hash`, the e-mail
  // unique, audited; `mail_link`: the new user is mailed a set-password link in the same
  // transaction (the hash is then an unusable one).
  Result<User> AddUser(const Actor& actor, User user, const std::function<Status()>& check_password,
                       const std::function<std::string()>& hash, bool mail_link = false);

  Transactor& tx_;
  const Clock& clock_;
};

// Validation shared by the service and the command line (`renkei user add`).
Status ValidateOrganisation(Stores& s, const Organisation& o);
Status ValidateUser(const User& u);
// `index` names the entry in errors ("contacts[2].phone").
Status ValidateContact(const Contact& c, size_t index);

}  // namespace renkei::domain
