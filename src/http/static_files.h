// Serves the built web app (web/dist): files by path with their content type, hashed
// assets (/assets/…) cached for a year, index.html never cached, and every path without a
// file extension answered with index.html so client-side routes survive a reload.
// Paths with "..", backslashes or hidden segments are refused (404).
#pragma once

#include <string>

#include "http/message.h"

namespace renkei::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // False when there is no built app (no index.html under the root).
  bool available() const;
  Response Serve(const Request& req) const;

 private:
  std::string root_;
};

// Content type for a file name by its extension ("application/octet-stream" if unknown).
const char* ContentTypeFor(const std::string& path);

}  // namespace renkei::http
