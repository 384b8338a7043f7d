#include "intake/mapping.h"

#include <algorithm>
#include <cctype>

#include "core/error_codes.h"
#include "domain/desk/alert.h"
#include "domain/toml_fields.h"

namespace renkei::intake {

// Generated from data/intake/*.toml (cmake/embed_texts.cmake).
extern const char* const kIntakeFiles[];
extern const char* const kIntakeFilesNames[];
extern const size_t kIntakeFilesCount;

namespace {

using domain::Str;
using domain::Strs;

Status Bad(std::string_view file, int line, const std::string& what) {
  return err::Internal().with_note(std::string(file) + ":" + std::to_string(line) + ": " + what);
}

int LineOf(const toml::node* n) { return n ? static_cast<int>(n->source().begin.line) : 1; }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A string or an array of strings.
std::vector<std::string> Names(const toml::table& t, std::string_view key) {
  if (auto s = t[key].value<std::string>()) return {*s};
  return Strs(t[key]);
}

std::vector<std::string> LowerAll(std::vector<std::string> v) {
  for (auto& s : v) s = Lower(std::move(s));
  return v;
}

Result<FieldTest> TestOf(std::string_view file, const toml::table& t) {
  FieldTest ft;
  ft.fields = Names(t, "field");
  if (ft.fields.empty()) return Bad(file, LineOf(&t), "a test needs field = \"…\"");
  ft.equals = LowerAll(Names(t, "equals"));
  ft.contains = LowerAll(Names(t, "contains"));
  return ft;
}

bool IsCategory(const std::string& c) {
  for (const char* k : domain::kAlertCategories)
    if (c == k) return true;
  return false;
}

Result<VendorMapping> ParseVendor(std::string_view file, std::string_view text) {
  toml::table parsed;
  try {
    parsed = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return Bad(file, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  const toml::table& root = parsed;
  VendorMapping m;
  m.file = std::string(file);
  m.id = Str(root, "id");
  m.name = Str(root, "name");
  if (m.id.empty() || m.name.empty()) return Bad(file, 1, "id and name are required");
  m.priority = static_cast<int>(root["priority"].value_or(std::int64_t{100}));
  const std::string style = Str(root, "style");
  if (style == "cef") {
    m.style = Style::kCef;
  } else if (style == "kv") {
    m.style = Style::kKeyValue;
  } else if (style == "colon_quoted") {
    m.style = Style::kColonQuoted;
  } else if (style == "csv") {
    m.style = Style::kCsv;
  } else {
    return Bad(file, LineOf(root["style"].node()),
               "style must be cef, kv, colon_quoted or csv, not '" + style + "'");
  }
  m.columns = Strs(root["columns"]);
  if (m.style == Style::kCsv && m.columns.empty())
    return Bad(file, 1, "a csv mapping needs columns = [...]");
  const auto rec = domain::Tables(root["recognise"]);
  if (!rec) return Bad(file, 1, "recognise must be an array of tables ([[recognise]])");
  for (const toml::table* t : *rec) {
    auto ft = TestOf(file, *t);
    if (!ft.ok()) return ft.status();
    m.recognise.push_back(std::move(*ft));
  }
  if (m.recognise.empty() && m.style != Style::kCef)
    return Bad(file, 1, "a mapping needs at least one [[recognise]]");
  if (const toml::table* f = root["fields"].as_table()) {
    m.serial = Names(*f, "serial");
    m.severity = Names(*f, "severity");
    m.signature = Names(*f, "signature");
    m.src = Names(*f, "src");
    m.dst = Names(*f, "dst");
    m.src_port = Names(*f, "src_port");
    m.dst_port = Names(*f, "dst_port");
    m.action = Names(*f, "action");
    m.count = Names(*f, "count");
    m.time = Names(*f, "time");
    m.address_port = (*f)["address_port"].value_or(false);
  }
  if (m.signature.empty()) return Bad(file, 1, "[fields] needs signature");
  if (const toml::table* s = root["severity"].as_table()) {
    for (const auto& [k, v] : *s) {
      if (k.str() == "numeric") {
        m.severity_numeric = v.value_or(false);
        continue;
      }
      const auto n = v.value<std::int64_t>();
      if (!n || *n < 0 || *n > 10)
        return Bad(file, LineOf(&v), "severity '" + std::string(k.str()) + "' must be 0 to 10");
      m.severity_map[Lower(std::string(k.str()))] = static_cast<int>(*n);
    }
  }
  if (const toml::table* a = root["action"].as_table()) {
    for (const auto& [k, v] : *a) {
      const std::string to = v.value_or(std::string());
      if (to != "blocked" && to != "allowed" && to != "detected")
        return Bad(
            file, LineOf(&v),
            "action '" + std::string(k.str()) + "' must map to blocked, allowed or detected");
      m.action_map[Lower(std::string(k.str()))] = to;
    }
  }
  const auto cats = domain::Tables(root["category"]);
  if (!cats) return Bad(file, 1, "category must be an array of tables ([[category]])");
  for (const toml::table* t : *cats) {
    CategoryRule r;
    r.code = Str(*t, "code");
    if (!IsCategory(r.code)) return Bad(file, LineOf(t), "unknown category '" + r.code + "'");
    auto ft = TestOf(file, *t);
    if (!ft.ok()) return ft.status();
    r.test = std::move(*ft);
    m.categories.push_back(std::move(r));
  }
  m.default_category = root["default_category"].value_or(std::string("other"));
  if (!IsCategory(m.default_category))
    return Bad(file, 1, "unknown default_category '" + m.default_category + "'");
  return m;
}

}  // namespace

Result<MappingCatalog> MappingCatalog::Parse(const std::vector<File>& files) {
  MappingCatalog c;
  for (const File& f : files) {
    if (f.name == "listener.toml" || f.name.ends_with("/listener.toml")) continue;
    if (f.name == "mail.toml" || f.name.ends_with("/mail.toml")) continue;  // mailbox.h
    auto m = ParseVendor(f.name, f.text);
    if (!m.ok()) return m.status();
    for (const auto& other : c.vendors_)
      if (other.id == m->id) return Bad(f.name, 1, "vendor id '" + m->id + "' used twice");
    c.vendors_.push_back(std::move(*m));
  }
  std::stable_sort(
      c.vendors_.begin(), c.vendors_.end(),
      [](const VendorMapping& a, const VendorMapping& b) { return a.priority < b.priority; });
  return c;
}

Result<MappingCatalog> MappingCatalog::Embedded() {
  std::vector<File> files;
  for (size_t i = 0; i < kIntakeFilesCount; ++i)
    files.push_back({std::string("data/intake/") + kIntakeFilesNames[i], kIntakeFiles[i]});
  return Parse(files);
}

const std::string* ListenerConfig::ConsortiumOf(const IpAddress& addr) const {
  for (const SourceRule& r : sources)
    for (const Cidr& c : r.cidrs)
      if (c.Contains(addr)) return &r.consortium;
  return nullptr;
}

Result<ListenerConfig> ParseListenerConfig(std::string_view file, std::string_view text) {
  toml::table parsed;
  try {
    parsed = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return Bad(file, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  const toml::table& root = parsed;
  ListenerConfig c;
  auto ports = [&](const toml::table& t, std::string_view key, std::vector<int>& out) -> Status {
    if (const auto* a = t[key].as_array()) {
      for (const auto& e : *a) {
        const auto n = e.value<std::int64_t>();
        if (!n || *n < 0 || *n > 65535)
          return Bad(file, LineOf(&e), std::string(key) + " must hold ports 0 to 65535");
        out.push_back(static_cast<int>(*n));
      }
    }
    return Status();
  };
  if (const toml::table* l = root["listener"].as_table()) {
    c.bind = l->get("bind") ? Str(*l, "bind") : c.bind;
    if (Status s = ports(*l, "udp_ports", c.udp_ports); !s.ok()) return s;
    if (Status s = ports(*l, "tcp_ports", c.tcp_ports); !s.ok()) return s;
    if (Status s = ports(*l, "tls_ports", c.tls_ports); !s.ok()) return s;
    c.tls_cert = Str(*l, "tls_cert");
    c.tls_key = Str(*l, "tls_key");
    if (!c.tls_ports.empty() && (c.tls_cert.empty() || c.tls_key.empty()))
      return Bad(file, LineOf(l), "tls_ports need tls_cert and tls_key");
    auto size = [&](std::string_view key, size_t& out, std::int64_t lo, std::int64_t hi) {
      if (auto n = (*l)[key].value<std::int64_t>()) {
        if (*n < lo || *n > hi)
          return Bad(
              file, LineOf((*l)[key].node()),
              std::string(key) + " must be " + std::to_string(lo) + " to " + std::to_string(hi));
        out = static_cast<size_t>(*n);
      }
      return Status();
    };
    size_t conns = static_cast<size_t>(c.max_connections), retry = static_cast<size_t>(c.retry_ms);
    for (auto [key, out, lo, hi] :
         {std::tuple<std::string_view, size_t*, std::int64_t, std::int64_t>{
              "max_frame_bytes", &c.max_frame, 480, 1 << 20},
          {"queue_capacity", &c.queue_capacity, 1, 1 << 24},
          {"batch_max", &c.batch_max, 1, 1 << 20},
          {"max_connections", &conns, 1, 65536},
          {"retry_ms", &retry, 1, 60000}})
      if (Status s = size(key, *out, lo, hi); !s.ok()) return s;
    c.max_connections = static_cast<int>(conns);
    c.retry_ms = static_cast<int>(retry);
    c.utc_offset_minutes = static_cast<int>(
        (*l)["bsd_utc_offset_minutes"].value_or(std::int64_t{c.utc_offset_minutes}));
  }
  if (const toml::table* p = root["policy"].as_table()) {
    const auto th = (*p)["ticket_threshold"].value_or(std::int64_t{c.policy.ticket_threshold});
    if (th < 0 || th > 10) return Bad(file, LineOf(p), "ticket_threshold must be 0 to 10");
    c.policy.ticket_threshold = static_cast<int>(th);
    const auto w = (*p)["window_minutes"].value_or(std::int64_t{c.policy.window_ms / 60000});
    if (w < 1 || w > 7 * 24 * 60) return Bad(file, LineOf(p), "window_minutes must be 1 to 10080");
    c.policy.window_ms = w * 60000;
  }
  const auto srcs = domain::Tables(root["sources"]);
  if (!srcs) return Bad(file, 1, "sources must be an array of tables ([[sources]])");
  for (const toml::table* t : *srcs) {
    SourceRule r;
    r.consortium = Str(*t, "consortium");
    if (r.consortium.empty()) return Bad(file, LineOf(t), "a source needs its consortium code");
    for (const std::string& s : Strs((*t)["cidrs"])) {
      const auto cidr = Cidr::Parse(s);
      if (!cidr) return Bad(file, LineOf(t), "'" + s + "' is not an address or CIDR block");
      r.cidrs.push_back(*cidr);
    }
    c.sources.push_back(std::move(r));
  }
  return c;
}

Result<ListenerConfig> EmbeddedListenerConfig() {
  for (size_t i = 0; i < kIntakeFilesCount; ++i)
    if (std::string_view(kIntakeFilesNames[i]) == "listener.toml")
      return ParseListenerConfig("data/intake/listener.toml", kIntakeFiles[i]);
  return Bad("data/intake/listener.toml", 1, "not built in");
}

}  // namespace renkei::intake
