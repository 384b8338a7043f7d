// OutboxService: the administrator's read of the outbox — the backlog (rows due and not
// sent) and the mail errors (the last try failed, or given up in the last 7 days). Others
// get 403 outbox_admins_only, as for the audit log. Count is the length of List's pages
// with the same filter (the home tiles count the lists they open with it).
//
// A row's error is shown as its registry code only ("smtp_failed", "invalid_address", …):
// the stored text after it may carry the relay's words, curl's message or an address.
#pragma once

#include <cctype>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error_codes.h"
#include "domain/outbox/outbox_store.h"
#include "domain/principal.h"
#include "domain/transactor.h"

namespace renkei::domain {

// The registry code a stored error starts with ("<code>: …"); "unknown" for text that
// does not start with one, "" for none.
inline std::string OutboxErrorCode(const std::string& stored) {
  if (stored.empty()) return "";
  const size_t colon = stored.find(':');
  if (colon == std::string::npos || colon > 64 ||
      !std::islower(static_cast<unsigned char>(stored[0]))) {
    return "unknown";
  }
  for (size_t i = 0; i < colon; ++i) {
    const unsigned char ch = static_cast<unsigned char>(stored[i]);
    if (!std::islower(ch) && !std::isdigit(ch) && ch != '_') return "unknown";
  }
  return stored.substr(0, colon);
}

class OutboxService {
 public:
  OutboxService(Transactor& tx, const Clock& clock) : tx_(tx), clock_(clock) {}

  // `state` is "due" or "failed" (the route checks it); `now` is filled in here.
  Result<std::vector<OutboxEntry>> List(const Principal& p, OutboxFilter f) {
    if (!p.is_admin()) return err::OutboxAdminsOnly();
    f.now = clock_.now_ms();
    f.limit = f.limit < 1 ? 1 : (f.limit > 200 ? 200 : f.limit);
    std::vector<OutboxEntry> out;
    RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(out, s.outbox.List(f));
      return Status::Ok();
    }));
    for (auto& e : out) {
      e.error_code = OutboxErrorCode(e.last_error);
      e.last_error.clear();
    }
    return out;
  }

  Result<std::int64_t> Count(const Principal& p, OutboxFilter f) {
    if (!p.is_admin()) return err::OutboxAdminsOnly();
    f.now = clock_.now_ms();
    std::int64_t n = 0;
    RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(n, s.outbox.Count(f));
      return Status::Ok();
    }));
    return n;
  }

 private:
  Transactor& tx_;
  const Clock& clock_;
};

}  // namespace renkei::domain
