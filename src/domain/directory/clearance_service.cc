#include "domain/directory/clearance_service.h"

#include <optional>

#include "core/error_codes.h"
#include "domain/audit/audit.h"
#include "domain/directory/directory_store.h"

namespace renkei::domain {

const ClearanceCode* ClearanceOf(int rank) {
  for (const ClearanceCode& c : kClearanceLevels)
    if (c.rank == rank) return &c;
  return nullptr;
}

std::optional<int> ParseClearance(std::string_view name) {
  for (const ClearanceCode& c : kClearanceLevels)
    if (name == c.name) return c.rank;
  return std::nullopt;
}

std::string ClearanceNameList() {
  std::string out;
  for (const ClearanceCode& c : kClearanceLevels)
    out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

int ClearedLevel(const std::optional<Clearance>& c, const std::optional<Certification>& cert,
                 Millis now) {
  if (!c || !cert || c->valid_until <= now || cert->valid_until <= now) return 0;
  return c->level;
}

Status ClearanceService::CheckManager(Stores& s, const Principal& p) {
  if (!p.is_admin()) return err::ClearanceAdminOnly();
  RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(p.org_id));
  if (!org || org->kind != "national_centre") return err::ClearanceAdminOnly();
  return Status::Ok();
}

Status ClearanceService::CheckValidity(Millis now, Millis valid_until) const {
  if (valid_until <= now || valid_until > now + kMaxClearanceValidity)
    return err::ClearanceValidUntil().with_field("valid_until");
  return Status::Ok();
}

Result<bool> ClearanceService::Manages(const Principal& p) {
  if (!p.is_admin()) return false;
  bool out = false;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    out = CheckManager(s, p).ok();
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Clearance>> ClearanceService::Clearances(const Principal& p) {
  std::vector<Clearance> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckManager(s, p));
    RENKEI_ASSIGN_OR_RETURN(out, s.directory.ListClearances());
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Certification>> ClearanceService::Certifications(const Principal& p) {
  std::vector<Certification> out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckManager(s, p));
    RENKEI_ASSIGN_OR_RETURN(out, s.directory.ListCertifications());
    return Status::Ok();
  }));
  return out;
}

Result<Clearance> ClearanceService::Grant(const Actor& actor, UserId user, const std::string& level,
                                          Millis valid_until) {
  const Millis now = clock_.now_ms();
  Clearance out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckManager(s, actor.principal));
    RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.GetUser(user));
    if (!u) return err::UserNotFound();
    const auto rank = ParseClearance(level);
    if (!rank) return err::ClearanceLevelUnknown(ClearanceNameList()).with_field("level");
    RENKEI_RETURN_IF_ERROR(CheckValidity(now, valid_until));
    RENKEI_ASSIGN_OR_RETURN(auto before, s.directory.GetClearance(user));
    Clearance c;
    c.user_id = user;
    c.level = *rank;
    c.valid_until = valid_until;
    c.granted_by = actor.principal.user_id;
    c.granted_at = now;
    RENKEI_RETURN_IF_ERROR(s.directory.PutClearance(c));
    RENKEI_RETURN_IF_ERROR(s.audit.Append(
        AuditOf(actor, now, before ? "clearance.renew" : "clearance.grant", "user", user.value,
                {{"level", level},
                 {"valid_until", valid_until},
                 {"org_id", u->org_id.value},
                 {"previous_level", before ? ClearanceOf(before->level)->name : ""}})));
    RENKEI_ASSIGN_OR_RETURN(auto stored, s.directory.GetClearance(user));
    out = std::move(*stored);
    return Status::Ok();
  }));
  return out;
}

Status ClearanceService::Revoke(const Actor& actor, UserId user) {
  const Millis now = clock_.now_ms();
  return tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckManager(s, actor.principal));
    RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.GetUser(user));
    if (!u) return err::UserNotFound();
    RENKEI_ASSIGN_OR_RETURN(auto before, s.directory.GetClearance(user));
    if (!before) return err::ClearanceNotFound();
    RENKEI_RETURN_IF_ERROR(s.directory.DeleteClearance(user).status());
    return s.audit.Append(
        AuditOf(actor, now, "clearance.revoke", "user", user.value,
                {{"level", ClearanceOf(before->level)->name}, {"org_id", u->org_id.value}}));
  });
}

Result<Certification> ClearanceService::Certify(const Actor& actor, OrgId org, Millis valid_until) {
  const Millis now = clock_.now_ms();
  Certification out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckManager(s, actor.principal));
    RENKEI_ASSIGN_OR_RETURN(auto o, s.directory.GetOrganisation(org));
    if (!o) return err::OrganisationNotFound();
    RENKEI_RETURN_IF_ERROR(CheckValidity(now, valid_until));
    RENKEI_ASSIGN_OR_RETURN(auto before, s.directory.GetCertification(org));
    Certification c;
    c.org_id = org;
    c.valid_until = valid_until;
    c.certified_by = actor.principal.user_id;
    c.certified_at = now;
    RENKEI_RETURN_IF_ERROR(s.directory.PutCertification(c));
    RENKEI_RETURN_IF_ERROR(
        s.audit.Append(AuditOf(actor, now, before ? "certification.renew" : "certification.grant",
                               "organisation", org.value, {{"valid_until", valid_until}})));
    RENKEI_ASSIGN_OR_RETURN(auto stored, s.directory.GetCertification(org));
    out = std::move(*stored);
    return Status::Ok();
  }));
  return out;
}

Status ClearanceService::Decertify(const Actor& actor, OrgId org) {
  const Millis now = clock_.now_ms();
  return tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_RETURN_IF_ERROR(CheckManager(s, actor.principal));
    RENKEI_ASSIGN_OR_RETURN(auto o, s.directory.GetOrganisation(org));
    if (!o) return err::OrganisationNotFound();
    RENKEI_ASSIGN_OR_RETURN(bool gone, s.directory.DeleteCertification(org));
    if (!gone) return err::CertificationNotFound();
    return s.audit.Append(
        AuditOf(actor, now, "certification.revoke", "organisation", org.value, {}));
  });
}

Result<MyClearance> ClearanceService::Mine(const Principal& p) {
  const Millis now = clock_.now_ms();
  MyClearance out;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(out.clearance, s.directory.GetClearance(p.user_id));
    RENKEI_ASSIGN_OR_RETURN(out.certification, s.directory.GetCertification(p.org_id));
    out.cleared_level = ClearedLevel(out.clearance, out.certification, now);
    return Status::Ok();
  }));
  return out;
}

}  // namespace renkei::domain
