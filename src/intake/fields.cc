#include "intake/fields.h"

#include <cstring>

namespace renkei::intake {

namespace {

bool KeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-' || c == '[' || c == ']';
}

// CEF's header field up to an unescaped '|'; unescapes \| and \\ into f.owned if needed.
IntakeError CefHeaderField(const char*& p, const char* end, Fields& f, std::string_view& out) {
  const char* s = p;
  bool escaped = false;
  while (p < end && *p != '|') {
    if (*p == '\\') {
      if (p + 1 >= end) return IntakeError::kBadEscape;
      if (p[1] != '|' && p[1] != '\\') return IntakeError::kBadEscape;
      escaped = true;
      p += 2;
      continue;
    }
    ++p;
  }
  if (p >= end) return IntakeError::kBadCef;
  std::string_view raw(s, static_cast<size_t>(p - s));
  ++p;  // the '|'
  if (!escaped) {
    out = raw;
    return IntakeError::kNone;
  }
  std::string v;
  v.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\') ++i;
    v.push_back(raw[i]);
  }
  out = f.Own(std::move(v));
  return IntakeError::kNone;
}

std::string_view Trim(std::string_view v) {
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  return v;
}

}  // namespace

size_t FindCef(std::string_view msg) {
  for (size_t at = msg.find("CEF:"); at != std::string_view::npos; at = msg.find("CEF:", at + 1))
    if (at == 0 || msg[at - 1] == ' ') return at;
  return std::string_view::npos;
}

IntakeError ParseCef(std::string_view cef, CefHeader& h, Fields& f) {
  if (cef.substr(0, 4) != "CEF:") return IntakeError::kBadCef;
  const char* p = cef.data() + 4;
  const char* end = cef.data() + cef.size();
  std::string_view version;
  std::string_view* parts[] = {&version,        &h.vendor, &h.product, &h.device_version,
                               &h.signature_id, &h.name,   &h.severity};
  for (std::string_view* part : parts)
    if (IntakeError e = CefHeaderField(p, end, f, *part); e != IntakeError::kNone) return e;
  if (version.empty() || version.size() > 2 || version[0] < '0' || version[0] > '9')
    return IntakeError::kBadCef;
  h.version = version[0] - '0';
  f.kv.emplace_back("cef.vendor", h.vendor);
  f.kv.emplace_back("cef.product", h.product);
  f.kv.emplace_back("cef.version", h.device_version);
  f.kv.emplace_back("cef.signature_id", h.signature_id);
  f.kv.emplace_back("cef.name", h.name);
  f.kv.emplace_back("cef.severity", h.severity);

  // Extension: the keys are the words right before each unescaped '='.
  std::string_view ext(p, static_cast<size_t>(end - p));
  std::vector<size_t> eqs;
  for (size_t i = 0; i < ext.size(); ++i) {
    if (ext[i] == '\\') {
      ++i;
      continue;
    }
    if (ext[i] == '=') eqs.push_back(i);
  }
  if (!ext.empty() && ext.back() == '\\') {
    // A trailing lone backslash (not an escaped one) escapes nothing.
    size_t n = 0;
    for (size_t i = ext.size(); i > 0 && ext[i - 1] == '\\'; --i) ++n;
    if (n % 2 == 1) return IntakeError::kBadEscape;
  }
  auto key_start = [&](size_t eq) {
    size_t k = eq;
    while (k > 0 && KeyChar(ext[k - 1])) --k;
    return k;
  };
  for (size_t j = 0; j < eqs.size(); ++j) {
    const size_t eq = eqs[j];
    const size_t ks = key_start(eq);
    if (ks == eq) {
      if (j == 0) return IntakeError::kBadCef;  // "=value" with no key
      continue;  // an unescaped '=' inside a value: part of the previous value
    }
    if (ks > 0 && ext[ks - 1] != ' ') continue;  // "a=b=c": part of a value
    std::string_view key = ext.substr(ks, eq - ks);
    // The value: up to the space before the next key, or the end.
    size_t vend = ext.size();
    for (size_t n = j + 1; n < eqs.size(); ++n) {
      const size_t nks = key_start(eqs[n]);
      if (nks < eqs[n] && nks > eq + 1 && ext[nks - 1] == ' ') {
        vend = nks - 1;
        break;
      }
    }
    std::string_view raw = ext.substr(eq + 1, vend - eq - 1);
    if (raw.find('\\') == std::string_view::npos) {
      f.kv.emplace_back(key, Trim(raw));
      continue;
    }
    std::string v;
    v.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '\\' || i + 1 >= raw.size()) {
        v.push_back(raw[i]);
        continue;
      }
      const char e = raw[++i];
      switch (e) {
        case '=':
          v.push_back('=');
          break;
        case '\\':
          v.push_back('\\');
          break;
        case 'n':
          v.push_back('\n');
          break;
        case 'r':
          v.push_back('\r');
          break;
        case '|':
          v.push_back('|');
          break;
        default:  // not a CEF escape: kept as written (Windows paths from careless senders)
          v.push_back('\\');
          v.push_back(e);
      }
    }
    f.kv.emplace_back(key, f.Own(std::string(Trim(v))));
  }
  return IntakeError::kNone;
}

IntakeError ParseKeyValues(std::string_view msg, Fields& f) {
  const char* p = msg.data();
  const char* end = p + msg.size();
  while (p < end) {
    while (p < end && (*p == ' ' || *p == ',' || *p == ';' || *p == '\t')) ++p;
    if (p >= end) break;
    const char* ks = p;
    while (p < end && KeyChar(*p)) ++p;
    if (p >= end || *p != '=' || p == ks) {
      // Not a pair: skip the word (a vendor's prefix such as "CheckPoint 12345 -").
      while (p < end && *p != ' ') ++p;
      continue;
    }
    std::string_view key(ks, static_cast<size_t>(p - ks));
    ++p;  // '='
    if (p < end && *p == '"') {
      ++p;
      const char* vs = p;
      bool escaped = false;
      while (p < end && *p != '"') {
        if (*p == '\\' && p + 1 < end) {
          escaped = true;
          ++p;
        }
        ++p;
      }
      if (p >= end) return IntakeError::kTruncated;  // an unterminated quote
      std::string_view raw(vs, static_cast<size_t>(p - vs));
      ++p;
      if (!escaped) {
        f.kv.emplace_back(key, raw);
      } else {
        std::string v;
        for (size_t i = 0; i < raw.size(); ++i) {
          if (raw[i] == '\\' && i + 1 < raw.size() && (raw[i + 1] == '"' || raw[i + 1] == '\\'))
            ++i;
          v.push_back(raw[i]);
        }
        f.kv.emplace_back(key, f.Own(std::move(v)));
      }
    } else {
      const char* vs = p;
      while (p < end && *p != ' ' && *p != ',') ++p;
      f.kv.emplace_back(key, std::string_view(vs, static_cast<size_t>(p - vs)));
    }
  }
  return IntakeError::kNone;
}

IntakeError ParseColonQuoted(std::string_view msg, Fields& f) {
  if (msg.empty()) return IntakeError::kNone;  // (memchr on an empty view's null data is UB)
  const char* p = msg.data();
  const char* end = p + msg.size();
  const void* br = std::memchr(p, '[', msg.size());
  if (br) p = static_cast<const char*>(br) + 1;
  while (p < end) {
    while (p < end && (*p == ' ' || *p == ';' || *p == ']' || *p == '\t')) ++p;
    if (p >= end) break;
    const char* ks = p;
    while (p < end && KeyChar(*p) && *p != ']' && *p != '[') ++p;
    if (p >= end || *p != ':' || p == ks || p + 1 >= end || p[1] != '"') {
      while (p < end && *p != ' ' && *p != ';') ++p;
      continue;
    }
    std::string_view key(ks, static_cast<size_t>(p - ks));
    p += 2;
    const char* vs = p;
    bool escaped = false;
    while (p < end && *p != '"') {
      if (*p == '\\' && p + 1 < end) {
        escaped = true;
        ++p;
      }
      ++p;
    }
    if (p >= end) return IntakeError::kTruncated;
    std::string_view raw(vs, static_cast<size_t>(p - vs));
    ++p;
    if (!escaped) {
      f.kv.emplace_back(key, raw);
    } else {
      std::string v;
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
        v.push_back(raw[i]);
      }
      f.kv.emplace_back(key, f.Own(std::move(v)));
    }
  }
  return IntakeError::kNone;
}

IntakeError ParseCsv(std::string_view msg, Fields& f) {
  size_t i = 0;
  for (;;) {
    if (i < msg.size() && msg[i] == '"') {
      std::string v;
      ++i;
      bool closed = false;
      while (i < msg.size()) {
        if (msg[i] == '"') {
          if (i + 1 < msg.size() && msg[i + 1] == '"') {
            v.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        v.push_back(msg[i++]);
      }
      if (!closed) return IntakeError::kTruncated;
      f.columns.push_back(f.Own(std::move(v)));
    } else {
      const size_t comma = msg.find(',', i);
      const size_t stop = comma == std::string_view::npos ? msg.size() : comma;
      f.columns.push_back(msg.substr(i, stop - i));
      i = stop;
    }
    if (i >= msg.size()) break;
    if (msg[i] != ',') return IntakeError::kBadHeader;  // text after a closing quote
    ++i;
    if (i == msg.size()) {
      f.columns.emplace_back();
      break;
    }
  }
  return IntakeError::kNone;
}

}  // namespace renkei::intake
