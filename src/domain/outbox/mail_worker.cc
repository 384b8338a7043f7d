#include "domain/outbox/mail_worker.h"
#include "domain/directory/directory_store.h"
#include "domain/outbox/outbox_store.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "core/error_codes.h"

namespace renkei::domain {
namespace {

// One message: a row, or a user's rows of a grouped kind.
struct Message {
  const MailKind* kind = nullptr;
  std::vector<OutboxRow> rows;
};

// Every row of messages[from…].
std::vector<OutboxRow> RowsFrom(const std::vector<Message>& messages, size_t from) {
  std::vector<OutboxRow> out;
  for (size_t j = from; j < messages.size(); ++j)
    out.insert(out.end(), messages[j].rows.begin(), messages[j].rows.end());
  return out;
}

std::vector<Message> Group(const MailKinds& kinds, std::vector<OutboxRow> claimed) {
  std::vector<Message> out;
  std::map<std::pair<std::string, std::int64_t>, size_t> group_of;  // (kind, user) -> message
  for (auto& row : claimed) {
    const MailKind* kind = kinds.Find(row.kind);
    if (kind && kind->grouped) {
      auto [it, added] = group_of.emplace(std::make_pair(row.kind, row.user_id.value), out.size());
      if (added) out.push_back({kind, {}});
      out[it->second].rows.push_back(std::move(row));
    } else {
      out.push_back({kind, {}});
      out.back().rows.push_back(std::move(row));
    }
  }
  return out;
}

// Sent, or never sendable: do not retry.
bool Final(const Status& st) {
  return st.ok() || st.kind() == Kind::kConflict || st.kind() == Kind::kNotFound;
}

Millis Backoff(int attempts) {
  const int shift = std::clamp(attempts - 1, 0, 6);
  return std::min<Millis>(Millis{15'000} << shift, 3'600'000);
}

}  // namespace

struct MailWorker::Shared {
  std::mutex mu;
  Pass pass;
  Status error = Status::Ok();
  std::atomic<bool> stop{false};
};

Status MailWorker::Lane(Shared& shared) {
  const std::vector<std::string> codes = kinds_.codes();
  while (!shared.stop) {
    const Millis now = clock_.now_ms();
    std::vector<OutboxRow> claimed;
    RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
      RENKEI_ASSIGN_OR_RETURN(claimed,
                              s.outbox.Claim(now, now - config_.lease_ms, config_.batch, codes));
      return Status::Ok();
    }));
    if (claimed.empty()) return Status::Ok();
    std::vector<Message> messages = Group(kinds_, std::move(claimed));
    // Render the whole claim in one read transaction; each message keeps its own result.
    std::vector<Result<MailMessage>> rendered;
    rendered.reserve(messages.size());
    MailContext context = config_.context;
    context.now = now;
    Status read = tx_.Run(TxMode::kRead, [&](Stores& s) -> Status {
      for (const auto& m : messages) {
        rendered.push_back([&]() -> Result<MailMessage> {
          if (!m.kind) return err::MailKindNotFound(m.rows.front().kind);
          RENKEI_ASSIGN_OR_RETURN(auto user, s.directory.GetUser(m.rows.front().user_id));
          if (!user) return err::UserNotFound();
          if (!user->active) return err::UserInactive();
          return m.kind->render(s, *user, m.rows, context);
        }());
      }
      return Status::Ok();
    });
    if (!read.ok()) {
      // Nothing was tried: give the claim back for the next pass.
      (void)tx_.Run(TxMode::kWrite,
                    [&](Stores& s) { return s.outbox.Release(RowsFrom(messages, 0)); });
      return read;
    }
    for (size_t i = 0; i < messages.size(); ++i) {
      const Message& m = messages[i];
      // Stop (and give back what is left) when the pass stops or the claim grows old.
      if (shared.stop || clock_.now_ms() - now >= config_.lease_ms / 2) {
        RENKEI_RETURN_IF_ERROR(tx_.Run(
            TxMode::kWrite, [&](Stores& s) { return s.outbox.Release(RowsFrom(messages, i)); }));
        break;
      }
      Status st = rendered[i].status();
      if (st.ok()) st = sender_.Send(*rendered[i]);
      const Millis done = clock_.now_ms();
      RENKEI_RETURN_IF_ERROR(tx_.Run(TxMode::kWrite, [&](Stores& s) -> Status {
        if (!Final(st)) {
          return s.outbox.MarkFailed(m.rows, st.Describe(),
                                     done + Backoff(m.rows.front().attempts));
        }
        RENKEI_RETURN_IF_ERROR(s.outbox.MarkDone(m.rows, done, st.ok() ? "" : st.Describe()));
        if (m.kind && m.kind->done) return m.kind->done(s, m.rows, st.ok(), done);
        return Status::Ok();
      }));
      std::lock_guard lock(shared.mu);
      if (st.ok()) {
        ++shared.pass.sent;
      } else if (Final(st)) {
        ++shared.pass.dropped;
      } else {
        ++shared.pass.failed;
        shared.stop = true;  // the relay refuses: the rest waits for the next pass
      }
    }
  }
  return Status::Ok();
}

Result<MailWorker::Pass> MailWorker::RunOnce() {
  Shared shared;
  auto lane = [&] {
    Status st = Lane(shared);
    if (!st.ok()) {
      std::lock_guard lock(shared.mu);
      if (shared.error.ok()) shared.error = st;
      shared.stop = true;
    }
  };
  std::vector<std::thread> others;
  for (int i = 1; i < std::max(1, config_.connections); ++i) others.emplace_back(lane);
  lane();
  for (auto& t : others) t.join();
  if (!shared.error.ok()) return shared.error;
  return shared.pass;
}

}  // namespace renkei::domain
