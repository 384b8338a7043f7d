#include "support/smtp_server.h"

#include <arpa/inet.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/crypto.h"
#include "support/server_process.h"

namespace renkei::testing {
namespace {

bool Listening(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// "=?UTF-8?B?…?=" words (possibly folded) back to UTF-8.
std::string DecodeWords(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = s.find("=?UTF-8?B?", i);
    if (start == std::string::npos) {
      out += s.substr(i);
      break;
    }
    std::string between = s.substr(i, start - i);
    if (between.find_first_not_of(" \t\r\n") != std::string::npos) out += between;
    const size_t end = s.find("?=", start + 10);
    if (end == std::string::npos) break;
    out += Base64Decode(s.substr(start + 10, end - start - 10)).value_or("?");
    i = end + 2;
  }
  return out;
}

ReceivedMail Parse(const std::string& raw) {
  ReceivedMail m;
  m.raw = raw;
  const size_t split = raw.find("\n\n");
  std::string head = raw.substr(0, split);
  std::string body = split == std::string::npos ? "" : raw.substr(split + 2);
  // Unfold continuation lines.
  std::string unfolded;
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\n' && i + 1 < head.size() && (head[i + 1] == ' ' || head[i + 1] == '\t')) {
      continue;
    }
    unfolded += head[i];
  }
  std::istringstream lines(unfolded);
  std::string line;
  bool base64 = false;
  while (std::getline(lines, line)) {
    auto value = [&](const char* name) -> std::optional<std::string> {
      const std::string n = std::string(name) + ": ";
      if (line.rfind(n, 0) != 0) return std::nullopt;
      return line.substr(n.size());
    };
    if (auto v = value("Subject")) m.subject = DecodeWords(*v);
    if (auto v = value("Message-ID")) m.message_id = *v;
    if (auto v = value("To")) {
      const size_t lt = v->find('<'), gt = v->find('>');
      m.to =
          lt != std::string::npos && gt != std::string::npos ? v->substr(lt + 1, gt - lt - 1) : *v;
    }
    if (auto v = value("Content-Transfer-Encoding")) base64 = *v == "base64";
  }
  if (base64) {
    std::string compact;
    for (char c : body)
      if (c != '\n' && c != '\r') compact += c;
    m.text = Base64Decode(compact).value_or("<undecodable>");
  } else {
    m.text = body;
  }
  return m;
}

}  // namespace

SmtpServer::SmtpServer(int port) {
  port_ = port ? port : FreePort();
  char tmpl[] = "/tmp/renkei-smtp-XXXXXX";
  dir_ = mkdtemp(tmpl);
  const std::string listen = "127.0.0.1:" + std::to_string(port_);
  const std::string maildir = dir_ + "/mail";
  pid_ = fork();
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive a crashed test (see server_process.cc)
    // Debian's interpreter, where python3-aiosmtpd is installed (not a pyenv one).
    execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
          "aiosmtpd.handlers.Mailbox", maildir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200 && !ready_; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ready_ = Listening(port_);
  }
}

SmtpServer::~SmtpServer() {
  Stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void SmtpServer::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  ready_ = false;
}

std::vector<ReceivedMail> SmtpServer::Messages() const {
  std::vector<ReceivedMail> out;
  const std::filesystem::path dir = dir_ + "/mail/new";
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return out;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::ifstream f(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    out.push_back(Parse(ss.str()));
  }
  return out;
}

std::vector<ReceivedMail> SmtpServer::WaitFor(size_t n, int seconds) const {
  for (int i = 0; i < seconds * 10; ++i) {
    auto m = Messages();
    if (m.size() >= n) return m;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Messages();
}

}  // namespace renkei::testing
