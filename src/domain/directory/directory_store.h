// DirectoryStore: persistence of the directory, declared here, implemented once in
// storage/ over the database seam. Methods run inside the caller's transaction (see
// domain/transactor.h); they do not check permissions — the DirectoryService does.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/directory/clearance.h"
#include "domain/directory/directory.h"

namespace renkei::domain {

class DirectoryStore {
 public:
  virtual ~DirectoryStore() = default;

  virtual Result<std::vector<Sector>> ListSectors() = 0;
  virtual Status UpsertSector(const Sector& s) = 0;

  virtual Result<std::vector<Hub>> ListHubs() = 0;
  virtual Result<std::optional<Hub>> GetHub(HubId id) = 0;
  virtual Result<HubId> CreateHub(const Hub& h) = 0;
  // Hubs whose secretariat is `org`.
  virtual Result<std::vector<HubId>> HubsRunBy(OrgId org) = 0;

  virtual Result<OrgPage> ListOrganisations(const OrgFilter& f) = 0;
  virtual Result<std::optional<Organisation>> GetOrganisation(OrgId id) = 0;
  // Inserts the organisation with its sectors and hub memberships; sets created/updated.
  virtual Result<OrgId> CreateOrganisation(const Organisation& o) = 0;
  // Replaces all fields, sectors and memberships of an existing organisation.
  virtual Status UpdateOrganisation(const Organisation& o) = 0;

  virtual Result<std::vector<Contact>> ListContacts(OrgId org) = 0;
  virtual Result<std::int64_t> AddContact(const Contact& c) = 0;
  virtual Status DeleteContacts(OrgId org) = 0;

  virtual Result<std::optional<User>> GetUser(UserId id) = 0;
  virtual Result<std::optional<User>> FindUserByEmail(const std::string& normalised_email) = 0;
  virtual Result<std::vector<User>> ListUsersOfOrg(OrgId org) = 0;
  // Users with id > `after_id` in id order, each with their organisation: everyone when
  // `org` is empty, else the users of `org` and of the member organisations of the hubs
  // whose secretariat `org` is. It only narrows a search; DirectoryService applies the rule.
  virtual Result<std::vector<std::pair<User, Organisation>>> ListUsersWithOrg(
      std::optional<OrgId> org, std::int64_t after_id) = 0;
  // Inserts a user with the given password hash (empty = cannot sign in yet).
  virtual Result<UserId> CreateUser(const User& u, const std::string& password_hash) = 0;
  virtual Status UpdateUser(const User& u) = 0;

  // Clearances and certified handlers (clearance.h). Put replaces the row (grant or
  // renew); Delete reports whether there was one. Lists in name order, joined.
  virtual Result<std::optional<Clearance>> GetClearance(UserId user) = 0;
  virtual Status PutClearance(const Clearance& c) = 0;
  virtual Result<bool> DeleteClearance(UserId user) = 0;
  virtual Result<std::vector<Clearance>> ListClearances() = 0;
  virtual Result<std::optional<Certification>> GetCertification(OrgId org) = 0;
  virtual Status PutCertification(const Certification& c) = 0;
  virtual Result<bool> DeleteCertification(OrgId org) = 0;
  virtual Result<std::vector<Certification>> ListCertifications() = 0;
};

}  // namespace renkei::domain
