// What the intake reads from data/intake/*.toml (embedded at build time): per UTM vendor how
// its lines are recognised and which of their fields give an alert's parts (VendorMapping),
// and the listener's ports, limits, allowed sources per consortium and ingest policy
// (listener.toml → ListenerConfig). docs in src/intake/README.md.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/desk/desk_service.h"
#include "intake/cidr.h"

namespace renkei::intake {

enum class Style { kCef, kKeyValue, kColonQuoted, kCsv };

// One condition a line's fields must meet for the mapping to read it: the field present,
// and (when given) its value one of `equals` (case-insensitive) or containing one of
// `contains`.
struct FieldTest {
  std::vector<std::string> fields;  // the first of these present is tested
  std::vector<std::string> equals, contains;
};

struct CategoryRule {
  std::string code;  // one of domain::kAlertCategories
  FieldTest test;
};

struct VendorMapping {
  std::string id, name, file;
  int priority = 100;  // lower is tried first
  Style style = Style::kKeyValue;
  std::vector<std::string> columns;  // kCsv: the name of each column
  std::vector<FieldTest> recognise;  // every one must hold
  // Each part: the first of these fields present in the line gives it.
  std::vector<std::string> serial, severity, signature, src, dst, src_port, dst_port, action, count,
      time;
  // src and dst hold "address:port[:interface]" (SonicWall): the port comes from there.
  bool address_port = false;
  std::map<std::string, int> severity_map;        // lower-cased value → 0–10
  bool severity_numeric = false;                  // a number 0–10 (CEF) is taken as it is
  std::map<std::string, std::string> action_map;  // lower-cased value → blocked|allowed|detected
  std::vector<CategoryRule> categories;           // the first that holds
  std::string default_category = "other";
};

// Every vendor mapping, in the order they are tried.
class MappingCatalog {
 public:
  struct File {
    std::string name, text;
  };
  // Refuses an unknown style or category, a mapping without id or recognise, with file and
  // line in the note.
  static Result<MappingCatalog> Parse(const std::vector<File>& files);
  // data/intake/*.toml as built in (listener.toml is not a mapping and is skipped).
  static Result<MappingCatalog> Embedded();
  const std::vector<VendorMapping>& vendors() const { return vendors_; }

 private:
  std::vector<VendorMapping> vendors_;
};

struct SourceRule {
  std::string consortium;  // a consortium's code ("kanagawa")
  std::vector<Cidr> cidrs;
};

struct ListenerConfig {
  std::string bind = "0.0.0.0";
  std::vector<int> udp_ports, tcp_ports;  // 0: any free port (tests)
  // Syslog over TLS (RFC 5425): these TCP ports speak TLS 1.2+ with the PEM certificate chain
  // and key below (framing as on TCP; RFC 5425 senders count octets).
  std::vector<int> tls_ports;
  std::string tls_cert, tls_key;
  size_t max_frame = 8192;
  size_t queue_capacity = 65536;  // lines between the readers and the writer
  size_t batch_max = 2000;        // lines per Ingest call at most
  int max_connections = 256;
  int utc_offset_minutes = 9 * 60;  // RFC 3164 timestamps' zone (JST)
  int retry_ms = 200;               // the first wait after a failed batch (doubling to 5 s)
  std::vector<SourceRule> sources;
  domain::IngestPolicy policy;

  // The consortium whose allowed sources hold `addr`, nullptr if none (refused).
  const std::string* ConsortiumOf(const IpAddress& addr) const;
};

Result<ListenerConfig> ParseListenerConfig(std::string_view file, std::string_view text);
// data/intake/listener.toml as built in.
Result<ListenerConfig> EmbeddedListenerConfig();

}  // namespace renkei::intake
