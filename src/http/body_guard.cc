#include "http/body_guard.h"

#include <algorithm>
#include <charconv>

#include "core/ascii.h"

namespace renkei::http {
namespace {

constexpr size_t kMaxHead = 64 * 1024;  // longer heads: the parser refuses them itself

bool HeaderIs(std::string_view line, std::string_view lower_name, std::string_view& value) {
  if (line.size() <= lower_name.size() || line[lower_name.size()] != ':') return false;
  if (!EqualsIgnoringAsciiCase(line.substr(0, lower_name.size()), lower_name)) return false;
  value = TrimSpaceTab(line.substr(lower_name.size() + 1));
  return true;
}

}  // namespace

bool BodyBudget::Reserve(std::uint64_t n) {
  std::uint64_t held = held_.load();
  do {
    if (held + n > limit_) return false;
  } while (!held_.compare_exchange_weak(held, held + n));
  return true;
}

void BodyGuard::Release() {
  if (reserved_ && budget_) budget_->Release(reserved_);
  reserved_ = 0;
}

BodyGuard::Verdict BodyGuard::Feed(std::string_view bytes) {
  while (!bytes.empty()) {
    switch (state_) {
      case State::kOff:
        return Verdict::kPass;
      case State::kBody: {
        const auto take = static_cast<size_t>(std::min<std::uint64_t>(remaining_, bytes.size()));
        remaining_ -= take;
        bytes.remove_prefix(take);
        if (remaining_ == 0) {
          Release();
          state_ = State::kHead;
        }
        break;
      }
      case State::kHead: {
        // Blank lines between requests are allowed before a request line.
        if (head_.empty()) {
          while (!bytes.empty() && (bytes.front() == '\r' || bytes.front() == '\n'))
            bytes.remove_prefix(1);
          if (bytes.empty()) break;
        }
        const size_t before = head_.size();
        head_.append(bytes.substr(0, kMaxHead + 4 - std::min(before, kMaxHead)));
        const size_t end = head_.find("\r\n\r\n", before < 3 ? 0 : before - 3);
        if (end == std::string::npos) {
          if (head_.size() > kMaxHead) state_ = State::kOff;
          bytes = {};
          break;
        }
        bytes.remove_prefix(end + 4 - before);
        head_.resize(end);
        const Verdict v = EndOfHead();
        head_.clear();
        if (v != Verdict::kPass) return v;
        break;
      }
    }
  }
  return Verdict::kPass;
}

BodyGuard::Verdict BodyGuard::EndOfHead() {
  const std::string_view head(head_);
  const size_t line_end = head.find("\r\n");
  const std::string_view request_line = head.substr(0, line_end);
  const size_t sp1 = request_line.find(' ');
  const size_t sp2 = request_line.find(' ', sp1 == std::string_view::npos ? sp1 : sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos) {
    state_ = State::kOff;  // not HTTP as we know it: the parser answers
    return Verdict::kPass;
  }
  const std::string_view method = request_line.substr(0, sp1);
  const std::string_view target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::uint64_t length = 0;
  bool chunked = false;
  std::string_view accept_language;
  size_t pos = line_end == std::string_view::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    size_t next = head.find("\r\n", pos);
    if (next == std::string_view::npos) next = head.size();
    const std::string_view line = head.substr(pos, next - pos);
    std::string_view value;
    if (HeaderIs(line, "content-length", value)) {
      std::uint64_t n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size()) {
        state_ = State::kOff;  // malformed: the parser refuses it
        return Verdict::kPass;
      }
      length = n;
    } else if (HeaderIs(line, "transfer-encoding", value)) {
      chunked = true;
    } else if (HeaderIs(line, "accept-language", value)) {
      accept_language = value;
    }
    pos = next + 2;
  }
  if (chunked) {
    state_ = State::kOff;  // no length up front: the parser's hard limit applies
    return Verdict::kPass;
  }
  if (length == 0) return Verdict::kPass;
  const std::uint64_t limit = limit_ ? (*limit_)(method, target) : length;
  if (length > limit) {
    refused_limit_ = limit;
    refused_accept_language_ = accept_language;
    refused_target_ = std::string(target);
    return Verdict::kTooLarge;
  }
  if (budget_ && !budget_->Reserve(length)) {
    refused_accept_language_ = accept_language;
    refused_target_ = std::string(target);
    return Verdict::kBusy;
  }
  reserved_ = budget_ ? length : 0;
  remaining_ = length;
  state_ = State::kBody;
  return Verdict::kPass;
}

}  // namespace renkei::http
