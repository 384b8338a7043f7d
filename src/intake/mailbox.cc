#include "intake/mailbox.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error_codes.h"
#include "domain/toml_fields.h"

namespace renkei::intake {

// Generated from data/intake/*.toml (cmake/embed_texts.cmake).
extern const char* const kIntakeFiles[];
extern const char* const kIntakeFilesNames[];
extern const size_t kIntakeFilesCount;

namespace fs = std::filesystem;

namespace {

Status Bad(std::string_view file, int line, const std::string& what) {
  return err::Internal().with_note(std::string(file) + ":" + std::to_string(line) + ": " + what);
}

int LineOf(const toml::node* n) { return n ? static_cast<int>(n->source().begin.line) : 1; }

// The Maildir name's unique part (before ":2,flags").
std::string UniqueOf(const std::string& name) { return name.substr(0, name.find(':')); }

// The name in cur/: the unique part with the Seen flag.
std::string SeenName(const std::string& name) { return UniqueOf(name) + ":2,S"; }

// Moves `from` to `dir`/`name`, making `dir` if needed.
bool MoveTo(const fs::path& from, const fs::path& dir, const std::string& name) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  fs::rename(from, dir / name, ec);
  return !ec;
}

}  // namespace

Result<MailIntakeConfig> ParseMailConfig(std::string_view file, std::string_view text) {
  toml::table parsed;
  try {
    parsed = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return Bad(file, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  const toml::table& root = parsed;
  MailIntakeConfig c;
  if (const toml::table* m = root["mail"].as_table()) {
    const auto poll = (*m)["poll_ms"].value_or(std::int64_t{c.poll_ms});
    if (poll < 10 || poll > 3'600'000) return Bad(file, LineOf(m), "poll_ms must be 10 to 3600000");
    c.poll_ms = static_cast<int>(poll);
    const auto max = (*m)["max_bytes"].value_or(static_cast<std::int64_t>(c.max_bytes));
    if (max < 1024 || max > (std::int64_t{1} << 30))
      return Bad(file, LineOf(m), "max_bytes must be 1024 to 1073741824");
    c.max_bytes = static_cast<size_t>(max);
  }
  const auto boxes = domain::Tables(root["mailboxes"]);
  if (!boxes) return Bad(file, 1, "mailboxes must be an array of tables ([[mailboxes]])");
  for (const toml::table* t : *boxes) {
    MailboxConfig b;
    b.consortium = domain::Str(*t, "consortium");
    b.address = domain::Str(*t, "address");
    b.maildir = domain::Str(*t, "maildir");
    if (b.consortium.empty() || b.maildir.empty())
      return Bad(file, LineOf(t), "a mailbox needs its consortium code and its maildir");
    if (b.address.empty()) b.address = b.consortium;
    for (const auto& other : c.mailboxes)
      if (other.maildir == b.maildir)
        return Bad(file, LineOf(t), "maildir '" + b.maildir + "' named twice");
    c.mailboxes.push_back(std::move(b));
  }
  return c;
}

Result<MailIntakeConfig> EmbeddedMailConfig() {
  for (size_t i = 0; i < kIntakeFilesCount; ++i)
    if (std::string_view(kIntakeFilesNames[i]) == "mail.toml")
      return ParseMailConfig("data/intake/mail.toml", kIntakeFiles[i]);
  return Bad("data/intake/mail.toml", 1, "not built in");
}

Result<MailIntakeConfig> LoadMailConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Bad(path, 1, "cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseMailConfig(path, ss.str());
}

MailboxReader::MailboxReader(MailIntakeConfig config, MailSink sink, MailCountSink counts,
                             const Clock& clock)
    : config_(std::move(config)),
      sink_(std::move(sink)),
      counts_sink_(std::move(counts)),
      clock_(clock) {}

MailboxReader::~MailboxReader() { Stop(); }

Status MailboxReader::Prepare() {
  for (const auto& box : config_.mailboxes) {
    for (const char* sub : {"new", "cur", "tmp"}) {
      std::error_code ec;
      fs::create_directories(fs::path(box.maildir) / sub, ec);
      if (ec) return err::Internal().with_note("maildir " + box.maildir + ": " + ec.message());
    }
  }
  return Status::Ok();
}

Status MailboxReader::Start() {
  RENKEI_RETURN_IF_ERROR(Prepare());
  thread_ = std::thread([this] { Run(); });
  return Status::Ok();
}

void MailboxReader::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

MailboxTotals MailboxReader::totals() const {
  std::lock_guard lock(mu_);
  return totals_;
}

void MailboxReader::Run() {
  for (;;) {
    PollOnce();
    std::unique_lock lock(mu_);
    if (cv_.wait_for(lock, std::chrono::milliseconds(config_.poll_ms),
                     [this] { return stopping_; }))
      return;
  }
}

void MailboxReader::Count(const MailboxConfig& box, bool malformed, const std::string& error,
                          const std::string& sample) {
  domain::SenderCount& c = pending_[CounterName(box)];
  c.sender = CounterName(box);
  (malformed ? c.malformed : c.accepted) += 1;
  c.last_at = clock_.now_ms();
  if (malformed) {
    c.error = error;
    c.sample = sample;
  }
}

void MailboxReader::PollOnce() {
  for (const auto& box : config_.mailboxes) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) break;
    }
    Read(box);
  }
  if (pending_.empty() || !counts_sink_) return;
  std::vector<domain::SenderCount> rows;
  for (auto& [name, row] : pending_) rows.push_back(row);
  // Kept until stored: a failed write adds them to the next poll's.
  if (counts_sink_(rows).ok()) pending_.clear();
}

void MailboxReader::Read(const MailboxConfig& box) {
  const fs::path dir(box.maildir);
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir / "new", ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    names.push_back(name);
  }
  // Maildir names begin with the delivery time: oldest first.
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
    }
    const fs::path file = dir / "new" / name;
    auto quarantine = [&](const std::string& error) {
      MoveTo(file, dir / ".Quarantine" / "cur", SeenName(name));
      Count(box, true, error, SafeSample(name + ": " + error));
      std::lock_guard lock(mu_);
      ++totals_.quarantined;
    };
    struct stat st {};
    if (stat(file.c_str(), &st) != 0) continue;  // taken by someone else meanwhile
    if (static_cast<size_t>(st.st_size) > config_.max_bytes) {
      quarantine("too_large");
      continue;
    }
    std::string raw;
    {
      std::ifstream in(file, std::ios::binary);
      if (!in) continue;
      std::stringstream ss;
      ss << in.rdbuf();
      raw = ss.str();
    }
    MailParse parsed = ParseMail(raw, config_.max_bytes);
    if (!parsed.mail) {
      quarantine(parsed.error);
      continue;
    }
    domain::MailIn in;
    in.consortium = box.consortium;
    in.key =
        parsed.mail->message_id.empty() ? "maildir:" + UniqueOf(name) : parsed.mail->message_id;
    in.from_address = std::move(parsed.mail->from_address);
    in.from_name = std::move(parsed.mail->from_name);
    in.subject = std::move(parsed.mail->subject);
    in.text = std::move(parsed.mail->text);
    in.replies_to = std::move(parsed.mail->replies_to);
    auto res = sink_(in);
    if (!res.ok()) {
      // Left in new/ for the next poll (the database may be back by then).
      std::fprintf(stderr, "renkei mail intake: %s/new/%s: %s\n", box.maildir.c_str(), name.c_str(),
                   res.status().Describe().c_str());
      std::lock_guard lock(mu_);
      ++totals_.failed;
      continue;
    }
    MoveTo(file, dir / "cur", SeenName(name));
    if (!res->duplicate) Count(box, false, "", "");
    std::lock_guard lock(mu_);
    ++(res->duplicate ? totals_.duplicates : res->reply ? totals_.replies : totals_.tickets);
  }
}

}  // namespace renkei::intake
