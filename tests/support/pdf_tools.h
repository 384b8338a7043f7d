// Reading a generated PDF back with the real poppler tools (poppler-utils, installed by
// scripts/install-deps.sh --test): the file is written to a fresh temporary directory and
// pdfinfo / pdftotext / pdftoppm run on it, as a person's viewer would open it.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace renkei::testing {

struct ToolOutput {
  int status = -1;  // the exit status, -1 when it could not run
  std::string out;  // stdout (stderr is discarded)
};

inline ToolOutput RunTool(const std::string& command) {
  ToolOutput r;
  FILE* p = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// A PDF written to its own temporary directory, removed with it.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes, const std::string& name = "doc") {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("renkei-pdf-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::create_directories(dir_);
    path_ = dir_ / (name + ".pdf");
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~PdfFile() {
    std::error_code ec;
    if (!keep_) std::filesystem::remove_all(dir_, ec);
  }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const std::filesystem::path& dir() const { return dir_; }
  void keep() { keep_ = true; }

  // Dates as ISO 8601 with the file's own offset, whatever the machine's zone.
  ToolOutput Info() const { return RunTool("pdfinfo -isodates '" + path_.string() + "'"); }
  // pdftotext -layout of one page (0: all pages).
  ToolOutput Text(int page = 0) const {
    std::string range;
    if (page > 0) range = " -f " + std::to_string(page) + " -l " + std::to_string(page);
    return RunTool("pdftotext -layout" + range + " '" + path_.string() + "' -");
  }
  ToolOutput Bbox() const { return RunTool("pdftotext -bbox '" + path_.string() + "' -"); }

 private:
  std::filesystem::path dir_, path_;
  bool keep_ = false;
};

// The value of "Key:" in pdfinfo's output, without surrounding spaces.
inline std::string InfoField(const std::string& info, const std::string& key) {
  std::istringstream in(info);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) != 0) continue;
    std::string v = line.substr(key.size() + 1);
    const size_t b = v.find_first_not_of(' ');
    return b == std::string::npos ? "" : v.substr(b);
  }
  return "";
}

// The words of `pdftotext -bbox`, with their page (1-based) and box in PDF points from the
// page's top left.
struct BboxWord {
  int page = 0;
  double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
  std::string text;
};

inline std::vector<BboxWord> ParseBbox(const std::string& html) {
  std::vector<BboxWord> words;
  int page = 0;
  size_t pos = 0;
  auto attr = [&](size_t from, const char* name) {
    const size_t at = html.find(std::string(name) + "=\"", from);
    return std::stod(html.substr(at + std::strlen(name) + 2));
  };
  while (true) {
    const size_t next_page = html.find("<page ", pos);
    const size_t next_word = html.find("<word ", pos);
    if (next_word == std::string::npos) break;
    if (next_page != std::string::npos && next_page < next_word) {
      ++page;
      pos = next_page + 1;
      continue;
    }
    BboxWord w;
    w.page = page;
    w.x_min = attr(next_word, "xMin");
    w.y_min = attr(next_word, "yMin");
    w.x_max = attr(next_word, "xMax");
    w.y_max = attr(next_word, "yMax");
    const size_t open = html.find('>', next_word) + 1;
    w.text = html.substr(open, html.find("</word>", open) - open);
    words.push_back(std::move(w));
    pos = open;
  }
  return words;
}

}  // namespace renkei::testing
