// Starts `renkei serve` as a child process on a free loopback port and stops it
// (SIGTERM) on destruction. Waits until /api/v1/health answers.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace renkei::testing {

// Runs the renkei binary with arguments to completion; returns its exit code and output.
int RunRenkei(const std::vector<std::string>& args, std::string* output = nullptr,
              const std::string& stdin_text = "");

// A fresh SQLite database holding the demo dataset with every demo account's password set
// to `password`: `renkei demo-data` runs once per test process into a template file, which
// each call copies (loading the demo goes through the services and takes seconds, minutes
// under ASan; a suite of tests that each want a fresh demo should not pay it every time).
std::string DemoDatabaseUrl(const std::string& password);

class ServerProcess {
 public:
  ServerProcess(const std::string& db_url, const std::vector<std::string>& env = {});
  ~ServerProcess();
  bool ready() const { return ready_; }
  const std::string& base_url() const { return base_url_; }
  // Stops with SIGTERM and reports whether it exited cleanly (code 0).
  bool Stop();
  // Kills with SIGKILL: a crash, no clean-up.
  void Kill();

 private:
  pid_t pid_ = -1;
  bool ready_ = false;
  std::string base_url_;
};

int FreePort();

}  // namespace renkei::testing
