#include "domain/sharing/mail_worker.h"

#include <map>

namespace renkei::domain {

Result<MailWorker::Pass> MailWorker::RunOnce() {
  const Millis now = clock_.now_ms();
  std::vector<OutboxEntry> claimed;
  RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(claimed,
                            s.sharing.ClaimOutbox(now, now - config_.lease_ms, config_.batch));
    return Status::Ok();
  }));
  // One message per row, except a user's digest rows, which go together.
  std::vector<std::vector<OutboxEntry>> messages;
  std::map<std::int64_t, size_t> digest_of_user;
  for (auto& e : claimed) {
    if (e.kind == "digest") {
      auto [it, added] = digest_of_user.emplace(e.user_id.value, messages.size());
      if (added) messages.emplace_back();
      messages[it->second].push_back(std::move(e));
    } else {
      messages.push_back({std::move(e)});
    }
  }
  Pass pass;
  for (const auto& entries : messages) {
    std::optional<User> user;
    std::vector<MailPart> parts;
    Status st = tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(user, s.directory.GetUser(entries.front().user_id));
      if (!user) return Status::NotFound("user");
      for (const auto& e : entries) {
        RENKEI_ASSIGN_OR_RETURN(auto item, s.sharing.LoadItem(e.item_id));
        RENKEI_ASSIGN_OR_RETURN(auto version, s.sharing.GetVersion(e.item_id, e.item_version));
        if (!item || !version) return Status::NotFound("item");
        item->content = version->content;
        parts.push_back(MailPart{e, std::move(*item)});
      }
      return Status::Ok();
    });
    if (st.ok() && !user->active) st = Status(Kind::kConflict, "inactive", "user is inactive");
    if (st.ok()) st = sender_.Send(RenderMail(*user, parts, config_.base_url, config_.id_domain));
    const Millis done = clock_.now_ms();
    Status mark = tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
      for (const auto& e : entries) {
        if (st.ok() || st.kind() == Kind::kConflict || st.kind() == Kind::kNotFound) {
          // Sent, or never sendable (deactivated user, vanished row): do not retry.
          RENKEI_RETURN_IF_ERROR(s.sharing.MarkSent(e.id, done));
        } else {
          const int shift = std::min(e.attempts - 1, 6);
          const Millis backoff = std::min<Millis>(Millis{15'000} << shift, 3'600'000);
          RENKEI_RETURN_IF_ERROR(s.sharing.MarkFailed(e.id, st.message(), done + backoff));
        }
      }
      return Status::Ok();
    });
    RENKEI_RETURN_IF_ERROR(mark);
    (st.ok() ? pass.sent : pass.failed) += 1;
  }
  return pass;
}

}  // namespace renkei::domain
