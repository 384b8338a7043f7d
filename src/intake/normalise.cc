#include "intake/normalise.h"

#include <charconv>

namespace renkei::intake {

namespace {

bool EqualsFold(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

bool ContainsFold(std::string_view hay, std::string_view lower) {
  if (lower.empty()) return true;
  if (hay.size() < lower.size()) return false;
  for (size_t i = 0; i + lower.size() <= hay.size(); ++i)
    if (EqualsFold(hay.substr(i, lower.size()), lower)) return true;
  return false;
}

// The first of `names` present in `f` (present: a field of that name, even empty).
const std::string_view* First(const Fields& f, const std::vector<std::string>& names) {
  for (const std::string& n : names)
    for (const auto& kv : f.kv)
      if (kv.first == n) return &kv.second;
  return nullptr;
}

std::string_view FirstValue(const Fields& f, const std::vector<std::string>& names) {
  for (const std::string& n : names)
    for (const auto& [k, v] : f.kv)
      if (k == n && !v.empty()) return v;
  return {};
}

bool Holds(const FieldTest& t, const Fields& f) {
  const std::string_view* v = First(f, t.fields);
  if (!v) return false;
  if (t.equals.empty() && t.contains.empty()) return true;
  for (const std::string& e : t.equals)
    if (EqualsFold(*v, e)) return true;
  for (const std::string& c : t.contains)
    if (ContainsFold(*v, c)) return true;
  return false;
}

std::int64_t Number(std::string_view v, std::int64_t fallback) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  return ec == std::errc() && end == v.data() + v.size() ? n : fallback;
}

// Epoch seconds, milliseconds, microseconds or nanoseconds, told by magnitude.
Millis EpochAuto(std::int64_t n) {
  if (n <= 0) return 0;
  if (n < 100'000'000'000LL) return n * 1000;          // seconds (before 5138)
  if (n < 100'000'000'000'000LL) return n;             // ms
  if (n < 100'000'000'000'000'000LL) return n / 1000;  // µs
  return n / 1'000'000;                                // ns
}

// The syslog severity (0 emergency … 7 debug) on CEF's 0–10.
int FromSyslogSeverity(int s) {
  static constexpr int kMap[] = {10, 9, 8, 7, 5, 3, 2, 0};
  return s >= 0 && s < 8 ? kMap[s] : 0;
}

}  // namespace

std::string_view CutUtf8(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xc0) == 0x80) --n;
  return s.substr(0, n);
}

bool Normaliser::Recognises(const VendorMapping& m, const Fields& f) const {
  for (const FieldTest& t : m.recognise)
    if (!Holds(t, f)) return false;
  return true;
}

void Normaliser::Fill(const VendorMapping& m, const Fields& f, domain::AlertIn& out) const {
  out.vendor = m.id;
  out.device_serial = std::string(FirstValue(f, m.serial));
  out.signature = std::string(CutUtf8(FirstValue(f, m.signature), 512));
  out.src = std::string(CutUtf8(FirstValue(f, m.src), 64));
  out.dst = std::string(CutUtf8(FirstValue(f, m.dst), 64));
  out.src_port = static_cast<int>(Number(FirstValue(f, m.src_port), 0));
  out.dst_port = static_cast<int>(Number(FirstValue(f, m.dst_port), 0));
  if (m.address_port) {
    // "198.51.100.99:54012:X1" → the address and the port.
    for (auto [addr, port] : {std::pair{&out.src, &out.src_port}, {&out.dst, &out.dst_port}}) {
      const size_t colon = addr->find(':');
      if (colon == std::string::npos || addr->find(':', colon + 1) == colon + 1) continue;
      const size_t next = addr->find(':', colon + 1);
      const std::string port_text =
          addr->substr(colon + 1, next == std::string::npos ? std::string::npos : next - colon - 1);
      if (*port == 0) *port = static_cast<int>(Number(port_text, 0));
      addr->resize(colon);
    }
  }
  if (out.src_port < 0 || out.src_port > 65535) out.src_port = 0;
  if (out.dst_port < 0 || out.dst_port > 65535) out.dst_port = 0;
  const std::int64_t count = Number(FirstValue(f, m.count), 1);
  out.count = count >= 1 && count <= 1'000'000'000 ? count : 1;

  out.severity = FromSyslogSeverity(syslog_.msg.severity());
  if (const std::string_view sv = FirstValue(f, m.severity); !sv.empty()) {
    std::string lower(sv);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (auto it = m.severity_map.find(lower); it != m.severity_map.end()) {
      out.severity = it->second;
    } else if (m.severity_numeric) {
      const std::int64_t n = Number(sv, -1);
      if (n >= 0 && n <= 10) out.severity = static_cast<int>(n);
    }
  }

  out.action.clear();
  if (const std::string_view av = FirstValue(f, m.action); !av.empty()) {
    std::string lower(av);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (auto it = m.action_map.find(lower); it != m.action_map.end()) out.action = it->second;
  }

  out.category = m.default_category;
  for (const CategoryRule& r : m.categories)
    if (Holds(r.test, f)) {
      out.category = r.code;
      break;
    }

  if (const std::string_view tv = FirstValue(f, m.time); !tv.empty())
    if (const Millis t = EpochAuto(Number(tv, 0)); t > 0) out.at = t;
}

IntakeError Normaliser::Normalise(std::string_view line, std::string_view sender,
                                  std::string_view consortium, Millis received_at,
                                  domain::AlertIn& out) {
  opt_.now = received_at;
  ParseSyslog(line, opt_, syslog_);
  if (!syslog_.ok()) return syslog_.error;
  const std::string_view msg = syslog_.msg.msg;
  if (msg.empty()) return IntakeError::kUnknownFormat;

  out.sender.assign(sender);
  out.consortium.assign(consortium);
  out.at = syslog_.msg.has_time ? syslog_.msg.at : received_at;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  out.raw.assign(CutUtf8(line, domain::kMaxRawBytes));

  const size_t cef_at = FindCef(msg);
  if (cef_at != std::string_view::npos) {
    cef_.Clear();
    CefHeader h;
    if (IntakeError e = ParseCef(msg.substr(cef_at), h, cef_); e != IntakeError::kNone) return e;
    for (const VendorMapping& m : catalog_.vendors()) {
      if (m.style != Style::kCef || !Recognises(m, cef_)) continue;
      Fill(m, cef_, out);
      return IntakeError::kNone;
    }
    return IntakeError::kUnknownFormat;
  }

  bool kv_done = false, colon_done = false, csv_done = false;
  for (const VendorMapping& m : catalog_.vendors()) {
    const Fields* f = nullptr;
    switch (m.style) {
      case Style::kCef:
        continue;
      case Style::kKeyValue:
        if (!kv_done) {
          kv_.Clear();
          kv_done = true;
          if (ParseKeyValues(msg, kv_) != IntakeError::kNone) kv_.kv.clear();
          // RFC 5424 structured data's parameters are fields too.
          for (const SdElement& e : syslog_.msg.sd)
            for (const SdParam& p : e.params) kv_.kv.emplace_back(p.name, p.value);
        }
        f = &kv_;
        break;
      case Style::kColonQuoted:
        if (!colon_done) {
          colon_.Clear();
          colon_done = true;
          if (ParseColonQuoted(msg, colon_) != IntakeError::kNone) colon_.kv.clear();
        }
        f = &colon_;
        break;
      case Style::kCsv:
        if (!csv_done) {
          csv_.Clear();
          csv_done = true;
          if (ParseCsv(msg, csv_) != IntakeError::kNone) csv_.columns.clear();
        }
        named_.kv.clear();
        for (size_t i = 0; i < m.columns.size() && i < csv_.columns.size(); ++i)
          named_.kv.emplace_back(m.columns[i], csv_.columns[i]);
        f = &named_;
        break;
    }
    if (f->kv.empty() || !Recognises(m, *f)) continue;
    Fill(m, *f, out);
    return IntakeError::kNone;
  }
  return IntakeError::kUnknownFormat;
}

}  // namespace renkei::intake
