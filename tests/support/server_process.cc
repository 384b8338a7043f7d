#include "support/server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "support/http_client.h"
#include "support/test_db.h"

#ifndef RENKEI_BINARY
#define RENKEI_BINARY "renkei"
#endif

namespace renkei::testing {

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

namespace {
pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env, int out_fd,
            int in_fd) {
  pid_t pid = fork();
  if (pid == 0) {
    // A server outlives a crashed test otherwise, holding ctest's output pipe open: the crash
    // then shows only as a timeout ten minutes later (stop 30's CI).
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (in_fd >= 0) dup2(in_fd, STDIN_FILENO);
    if (out_fd >= 0) {
      dup2(out_fd, STDOUT_FILENO);
      dup2(out_fd, STDERR_FILENO);
    }
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> argv;
    std::string bin = RENKEI_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}
}  // namespace

int RunRenkei(const std::vector<std::string>& args, std::string* output,
              const std::string& stdin_text) {
  int out_pipe[2], in_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(in_pipe) != 0) return -1;
  pid_t pid = Spawn(args, {}, out_pipe[1], in_pipe[0]);
  close(out_pipe[1]);
  close(in_pipe[0]);
  if (!stdin_text.empty()) {
    ssize_t n = write(in_pipe[1], stdin_text.data(), stdin_text.size());
    (void)n;
  }
  close(in_pipe[1]);
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = read(out_pipe[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  close(out_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string DemoDatabaseUrl(const std::string& password) {
  static std::map<std::string, std::string> templates;  // password -> template file
  static std::mutex mu;
  std::lock_guard lock(mu);
  auto& path = templates[password];
  if (path.empty()) {
    const std::string url = FreshDatabaseUrl("sqlite");
    std::string out;
    if (RunRenkei({"demo-data", "--db", url, "--password", password}, &out) != 0) {
      ADD_FAILURE() << "renkei demo-data failed:\n" << out;
      templates.erase(password);
      return url;
    }
    path = url.substr(std::string("sqlite:").size());
  }
  const std::string url = FreshDatabaseUrl("sqlite");
  const std::string copy = url.substr(std::string("sqlite:").size());
  // The loader has closed the database, so its write-ahead log is checkpointed into the
  // file; a log left behind is copied with it all the same.
  for (const char* suffix : {"", "-wal"})
    if (std::filesystem::exists(path + suffix))
      std::filesystem::copy_file(path + suffix, copy + suffix);
  return url;
}

ServerProcess::ServerProcess(const std::string& db_url, const std::vector<std::string>& env) {
  const int port = FreePort();
  base_url_ = "http://127.0.0.1:" + std::to_string(port);
  pid_ = Spawn({"serve", "--db", db_url, "--listen", "127.0.0.1:" + std::to_string(port)}, env, -1,
               -1);
  HttpClient http(base_url_);
  for (int i = 0; i < 200 && !ready_; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ready_ = http.Send("GET", "/api/v1/health").status == 200;
  }
}

bool ServerProcess::Stop() {
  if (pid_ <= 0) return false;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop();
}

}  // namespace renkei::testing
