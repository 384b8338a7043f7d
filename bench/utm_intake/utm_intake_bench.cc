// bench/utm_intake: the UTM alert intake's throughput.
//   1. In process, one core: lines/s parsed, normalised and deduplicated (target ≥ 200k),
//      against the ceiling of a plain memchr line split over the same buffer.
//   2. Over real sockets into the listener's sink: UDP and TCP (octet-counted), lines/s and
//      loss. The sink is swappable (Sink()): "count" here; the lead wires DeskService::Ingest.
//   3. Peak RSS under a UDP burst of 10× the queue's capacity with a slow sink.
//   4. End to end into durable storage: the demo dataset in a real SQLite file, the listener's
//      batches through the real DeskService::Ingest (alerts stored and deduplicated, tickets
//      raised), over TCP (target ≥ 20k lines/s, no loss: the stored counts add up to the lines
//      sent) and over UDP. With RENKEI_UTM_STREAM=<file> the TCP stream is also written there,
//      for run.sh to send the same bytes to rsyslogd; `e2e_tcp_lines_per_s=` is its ratio's base.
//   utm_intake_bench [--lines N] [--no-storage]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "app/catalogs.h"
#include "app/demo_data.h"
#include "domain/desk/desk_service.h"
#include "intake/deduper.h"
#include "intake/listener.h"
#include "intake/normalise.h"
#include "storage/migrations/migrations.h"
#include "storage/sql_transactor.h"
#include "support/intake_samples.h"

using namespace renkei;
using namespace renkei::intake;

namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

long RssKb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

// The samples with varied sources and signatures (1,000 distinct alerts), as a stream of lines.
std::vector<std::string> Lines(size_t n) {
  std::vector<std::string> out;
  out.reserve(n);
  const size_t kinds = std::size(test::kAllSamples);
  for (size_t i = 0; i < n; ++i) {
    std::string s = test::kAllSamples[i % kinds];
    const std::string octet = std::to_string(1 + (i / kinds) % 100);
    for (const char* from : {"203.0.113.45", "198.51.100.99", "203.0.113.21", "192.0.2.60"}) {
      const size_t at = s.find(from);
      if (at != std::string::npos) s.replace(at, std::strlen(from), "203.0.113." + octet);
    }
    out.push_back(std::move(s));
  }
  return out;
}

struct CountSink {
  std::atomic<std::int64_t> lines{0}, alerts{0}, batches{0};
  int delay_ms = 0;
  BatchSink Sink() {
    return [this](const std::vector<domain::AlertIn>& b, const std::vector<domain::SenderCount>&) {
      if (delay_ms) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      std::int64_t n = 0;
      for (const auto& a : b) n += a.count;
      lines += n;
      alerts += static_cast<std::int64_t>(b.size());
      ++batches;
      return Status();
    };
  }
};

sockaddr_in Local(int port) {
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return to;
}

ListenerConfig Config() {
  ListenerConfig c;
  c.bind = "127.0.0.1";
  c.udp_ports = {0};
  c.tcp_ports = {0};
  c.sources.push_back({"bench", {*Cidr::Parse("127.0.0.0/8")}});
  return c;
}

// FortiGate lines of the demo's 湘南精機 UTM (FGT60FTK23000123, the 神奈川 consortium's),
// 1,000 distinct alerts (source × signature), each line one occurrence.
std::vector<std::string> DeskLines(size_t n) {
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i)
    out.push_back(
        "<185>date=2026-12-01 time=10:15:02 devname=\"FGT60F-Shonan\" "
        "devid=\"FGT60FTK23000123\" logid=\"0419016384\" type=\"utm\" subtype=\"ips\" "
        "level=\"alert\" severity=\"critical\" srcip=203.0.113." +
        std::to_string(1 + i % 100) +
        " srcport=51432 dstip=192.0.2.10 dstport=445 attack=\"Bench.Sig." +
        std::to_string(i / 100 % 10) + "\" action=\"dropped\"");
  return out;
}

// The occurrences stored for the bench's device.
std::int64_t Stored(storage::SqlTransactor& tx) {
  std::int64_t n = -1;
  (void)tx.WithConnection([&](storage::Connection& c) -> Status {
    RENKEI_ASSIGN_OR_RETURN(
        auto rows, c.Query("SELECT COALESCE(SUM(a.count), 0) FROM desk_alerts a JOIN desk_devices "
                           "d ON d.id = a.device_id WHERE d.serial = 'FGT60FTK23000123'",
                           {}));
    n = rows.at(0).i64(0);
    return Status::Ok();
  });
  return n;
}

int EndToEnd(const MappingCatalog& catalog, size_t n) {
  namespace fs = std::filesystem;
  const fs::path file =
      fs::temp_directory_path() / ("renkei-utm-e2e-" + std::to_string(getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
  auto db = storage::OpenDatabase("sqlite:" + file.string());
  if (!db.ok()) return 1;
  storage::SqlTransactor tx(std::move(db).value(), 2);
  if (!tx.WithConnection([](storage::Connection& c) { return storage::Migrate(c).status(); }).ok())
    return 1;
  double t0 = Now();
  auto catalogs = app::LoadCatalogs();
  if (!catalogs.ok() || !app::LoadDemoData(tx, *catalogs, "bench-password-123").ok()) {
    std::fprintf(stderr, "utm_intake_bench: the demo dataset did not load\n");
    return 1;
  }
  std::printf(
      "  end to end into durable storage: SQLite file (WAL, synchronous=NORMAL), the demo "
      "dataset (loaded in %.1f s), DeskService::Ingest per batch\n",
      Now() - t0);
  static SystemClock clock;
  domain::DeskService desk(tx, clock);
  auto file_cfg = EmbeddedListenerConfig();
  if (!file_cfg.ok()) return 1;
  ListenerConfig cfg = Config();
  cfg.sources = {{"kanagawa", {*Cidr::Parse("127.0.0.0/8")}}};
  cfg.policy = file_cfg->policy;
  BatchSink sink = [&](const std::vector<domain::AlertIn>& b,
                       const std::vector<domain::SenderCount>& c) {
    return desk.Ingest(b, c, cfg.policy).status();
  };
  const std::vector<std::string> lines = DeskLines(n);
  {
    std::string stream;
    for (const auto& l : lines) stream += std::to_string(l.size()) + " " + l;
    if (const char* out = std::getenv("RENKEI_UTM_STREAM"))
      std::ofstream(out, std::ios::binary) << stream;
    const std::int64_t before = Stored(tx);
    Listener l(cfg, catalog, sink, clock);
    if (!l.Start().ok()) return 1;
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in to = Local(l.tcp_ports()[0]);
    if (connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) return 1;
    t0 = Now();
    for (size_t off = 0; off < stream.size();) {
      const ssize_t k = send(fd, stream.data() + off, stream.size() - off, 0);
      if (k <= 0) break;
      off += k;
    }
    close(fd);
    const std::int64_t want = static_cast<std::int64_t>(n);
    while (l.totals().accepted + l.totals().malformed < want && Now() - t0 < 120)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    l.Stop();  // what is queued reaches the sink: every accepted line committed
    const double dt = Now() - t0;
    const auto t = l.totals();
    const std::int64_t stored = Stored(tx) - before;
    std::printf(
        "  TCP (octet-counted, 1 connection) into SQLite:  %10.0f lines/s  accepted %lld "
        "of %zu, stored %lld (lost %lld), %lld batches  target >= 20k: %s\n",
        stored / dt, (long long)t.accepted, n, (long long)stored, (long long)(want - stored),
        (long long)t.batches, stored / dt >= 20000 && stored == want ? "met" : "NOT met");
    std::printf("e2e_tcp_lines_per_s=%.0f\n", stored / dt);
  }
  {
    const std::int64_t before = Stored(tx);
    Listener l(cfg, catalog, sink, clock);
    if (!l.Start().ok()) return 1;
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    const sockaddr_in to = Local(l.udp_ports()[0]);
    t0 = Now();
    for (size_t i = 0; i < n; ++i) {
      sendto(fd, lines[i].data(), lines[i].size(), 0, reinterpret_cast<const sockaddr*>(&to),
             sizeof to);
      if (i % 64 == 63) std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    close(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    l.Stop();
    const double dt = Now() - t0;
    const auto t = l.totals();
    const std::int64_t stored = Stored(tx) - before;
    std::printf(
        "  UDP (paced sender) into SQLite:                  %10.0f lines/s  accepted %lld "
        "of %zu, stored %lld, dropped (queue) %lld, lost in the kernel %lld\n",
        stored / dt, (long long)t.accepted, n, (long long)stored, (long long)t.dropped,
        (long long)(static_cast<std::int64_t>(n) - t.accepted - t.dropped - t.malformed));
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = 1'000'000;
  bool storage = true;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--lines" && i + 1 < argc) n = std::stoul(argv[i + 1]);
    if (std::string(argv[i]) == "--no-storage") storage = false;
  }
  const auto catalog = MappingCatalog::Embedded();
  if (!catalog.ok()) {
    std::fprintf(stderr, "%s\n", catalog.status().note().c_str());
    return 1;
  }
  const std::vector<std::string> lines = Lines(n);
  std::string buffer;
  for (const auto& l : lines) buffer += l + "\n";

  // 1. In process.
  double t0 = Now();
  size_t split = 0, bytes = 0;
  for (int rep = 0; rep < 5; ++rep) {
    const char* p = buffer.data();
    const char* end = p + buffer.size();
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
      bytes += nl - p;
      ++split;
      p = nl + 1;
    }
  }
  const double ceiling = split / (Now() - t0);
  SyslogOptions opt;
  Normaliser norm(*catalog, opt);
  Deduper dedupe(10 * 60 * 1000);
  size_t ok = 0, bad = 0, alerts = 0;
  t0 = Now();
  {
    const char* p = buffer.data();
    const char* end = p + buffer.size();
    domain::AlertIn a;
    size_t in_batch = 0;
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
      if (norm.Normalise(std::string_view(p, nl - p), "192.0.2.1", "bench", 1777600000000, a) ==
          IntakeError::kNone) {
        ++ok;
        dedupe.Add(a);
      } else {
        ++bad;
      }
      if (++in_batch == 2000) {
        alerts += dedupe.Take().size();
        in_batch = 0;
      }
      p = nl + 1;
    }
    alerts += dedupe.Take().size();
  }
  const double rate = n / (Now() - t0);
  std::printf("utm_intake: %zu lines (%zu vendors' styles, %.0f bytes/line)\n", n,
              std::size(test::kAllSamples), double(bytes) / split);
  std::printf(
      "  in process, one core: parse+normalise+dedupe %10.0f lines/s (%zu ok, %zu refused, "
      "%zu alerts after dedupe per 2,000-line batch)\n",
      rate, ok, bad, alerts);
  std::printf("  ceiling, memchr line split     %10.0f lines/s   ratio %.3f   target >= 200k: %s\n",
              ceiling, rate / ceiling, rate >= 200000 ? "met" : "NOT met");

  // 2. Over sockets into the sink.
  const size_t net_n = std::min<size_t>(n, 200'000);
  {
    CountSink sink;
    Listener l(Config(), *catalog, sink.Sink(), *new SystemClock);
    if (!l.Start().ok()) return 1;
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in to = Local(l.tcp_ports()[0]);
    if (connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) return 1;
    std::string stream;
    for (size_t i = 0; i < net_n; ++i) stream += std::to_string(lines[i].size()) + " " + lines[i];
    t0 = Now();
    for (size_t off = 0; off < stream.size();) {
      const ssize_t k = send(fd, stream.data() + off, stream.size() - off, 0);
      if (k <= 0) break;
      off += k;
    }
    close(fd);
    const std::int64_t want = static_cast<std::int64_t>(net_n);
    while (l.totals().accepted + l.totals().malformed < want && Now() - t0 < 60)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const double dt = Now() - t0;
    const auto t = l.totals();
    l.Stop();
    std::printf(
        "  TCP (octet-counted, 1 connection) into the sink: %10.0f lines/s  accepted %lld of "
        "%zu, lost %lld, %lld batches\n",
        t.accepted / dt, (long long)t.accepted, net_n, (long long)(want - t.accepted - t.malformed),
        (long long)t.batches);
  }
  {
    CountSink sink;
    Listener l(Config(), *catalog, sink.Sink(), *new SystemClock);
    if (!l.Start().ok()) return 1;
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    const sockaddr_in to = Local(l.udp_ports()[0]);
    t0 = Now();
    for (size_t i = 0; i < net_n; ++i) {
      sendto(fd, lines[i].data(), lines[i].size(), 0, reinterpret_cast<const sockaddr*>(&to),
             sizeof to);
      // Paced to what one reader can take (a UTM fleet, not a single blaster).
      if (i % 64 == 63) std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    close(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const double dt = Now() - t0 - 0.3;
    const auto t = l.totals();
    l.Stop();
    std::printf(
        "  UDP (paced sender) into the sink:              %10.0f lines/s  accepted %lld of "
        "%zu, dropped (queue) %lld, lost in the kernel %lld\n",
        t.accepted / dt, (long long)t.accepted, net_n, (long long)t.dropped,
        (long long)(net_n - t.accepted - t.dropped - t.malformed));
  }

  // 3. A burst of 10× the queue's capacity with a slow sink.
  {
    CountSink sink;
    sink.delay_ms = 20;
    ListenerConfig cfg = Config();
    cfg.queue_capacity = 20000;
    Listener l(cfg, *catalog, sink.Sink(), *new SystemClock);
    if (!l.Start().ok()) return 1;
    const long before = RssKb();
    std::atomic<long> peak{before};
    std::atomic<bool> sampling{true};
    std::thread sampler([&] {
      while (sampling) {
        peak = std::max(peak.load(), RssKb());
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    const sockaddr_in to = Local(l.udp_ports()[0]);
    const size_t burst = cfg.queue_capacity * 10;
    for (size_t i = 0; i < burst; ++i) {
      const std::string& s = lines[i % lines.size()];
      sendto(fd, s.data(), s.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
      if (i % 64 == 63) std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
    close(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto t = l.totals();
    l.Stop();
    sampling = false;
    sampler.join();
    const long after = peak;
    std::printf(
        "  burst of %zu datagrams (10x a queue of %zu), sink 20 ms/batch: accepted %lld, "
        "dropped %lld, queue peak %lld; RSS %ld KiB before, peak %ld KiB during (+%ld KiB)\n",
        burst, cfg.queue_capacity, (long long)t.accepted, (long long)t.dropped,
        (long long)t.queue_peak, before, after, after - before);
  }
  // 4. End to end into durable storage.
  if (storage && EndToEnd(*catalog, std::min<size_t>(n, 200'000)) != 0) return 1;
  return 0;
}
