#include "http/static_files.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace renkei::http {
namespace {

bool ReadFile(const std::string& path, std::string* out) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

bool SafePath(const std::string& path) {
  if (path.empty() || path[0] != '/' || path.find('\\') != std::string::npos) return false;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string seg = path.substr(start, end - start);
    if (!seg.empty() && seg[0] == '.') return false;  // "..", ".git", dotfiles
    start = end + 1;
  }
  return true;
}

bool HasExtension(const std::string& path) {
  const size_t slash = path.rfind('/');
  return path.find('.', slash == std::string::npos ? 0 : slash) != std::string::npos;
}

Response NotFound() {
  Response r;
  r.status = 404;
  r.set("Content-Type", "text/plain; charset=utf-8");
  r.body = "404 Not Found\n";
  return r;
}

}  // namespace

const char* ContentTypeFor(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
  };
  for (const auto& [ext, type] : kTypes) {
    const std::string e(ext);
    if (path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0) {
      return type;
    }
  }
  return "application/octet-stream";
}

bool StaticFiles::available() const {
  struct stat st {};
  return !root_.empty() && stat((root_ + "/index.html").c_str(), &st) == 0;
}

Response StaticFiles::Serve(const Request& req) const {
  if ((req.method != "GET" && req.method != "HEAD") || !SafePath(req.path)) return NotFound();
  Response r;
  std::string file = req.path == "/" ? "/index.html" : req.path;
  if (!ReadFile(root_ + file, &r.body)) {
    // Client-side routes (no extension) get the app; missing files stay 404.
    if (HasExtension(req.path) || !ReadFile(root_ + "/index.html", &r.body)) return NotFound();
    file = "/index.html";
  }
  r.set("Content-Type", ContentTypeFor(file));
  if (file.rfind("/assets/", 0) == 0) {
    r.set("Cache-Control", "public, max-age=31536000, immutable");  // names carry a hash
  } else {
    r.set("Cache-Control", "no-cache");
  }
  if (file == "/index.html") {
    r.set("Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
          "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
          "form-action 'self'");
  }
  return r;
}

}  // namespace renkei::http
