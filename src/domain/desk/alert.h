// A UTM's alert as the intake (src/intake) hands it to the desk: one syslog/CEF line parsed
// and normalised by its vendor's mapping (data/intake/*.toml), not yet tied to a device.
// DeskService::Ingest ties it to an SME's device (by serial, else by sender address),
// deduplicates it by DedupeKey within its window and raises or updates a ticket above the
// severity threshold.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace renkei::domain {

// What kind of thing an alert says happened, in the words an SME reads (AlertWordsJa).
// Stored as these codes; a vendor mapping names one per signature pattern.
inline constexpr const char* kAlertCategories[] = {"c2",  "malware", "intrusion", "scan",
                                                   "web", "policy",  "device",    "other"};

struct AlertIn {
  std::string sender;              // the address the line came from ("192.0.2.10")
  std::string consortium;          // the code of the consortium whose allowed sources hold sender
  std::string device_serial;       // from the line (FortiGate devid=, Palo Alto serial), "" if none
  std::string vendor;              // the mapping that read it ("fortigate")
  Millis at = 0;                   // the event's time: the line's timestamp, else when received
  int severity = 0;                // 0–10 (CEF's scale), as the vendor mapping normalised it
  std::string category = "other";  // one of kAlertCategories
  std::string signature;           // what was detected ("Botnet C&C communication", an IPS rule)
  std::string src, dst;            // addresses as written ("203.0.113.5"), "" if none
  int src_port = 0, dst_port = 0;
  std::string action;      // what the device did: "blocked", "allowed", "detected", ""
  std::int64_t count = 1;  // occurrences this alert stands for (in-memory dedupe adds up)
  std::string raw;         // the line as received, cut to kMaxRawBytes
};

inline constexpr size_t kMaxRawBytes = 8192;

// The start of the window `at` falls in (windows of `window_ms` from the epoch).
inline Millis BucketOf(Millis at, Millis window_ms) {
  if (window_ms <= 0) return at;
  const Millis r = at % window_ms;
  return at - (r < 0 ? r + window_ms : r);
}

// Alerts with the same key are one alert counted several times: the device (its serial, or
// the sender when the line names none), signature, source, destination and window.
std::string DedupeKey(const AlertIn& a, Millis window_ms);

// The sentence an SME reads for an alert of `category` ("不審な通信を検知しました。").
const char* AlertWordsJa(std::string_view category);
const char* AlertWordsEn(std::string_view category);

}  // namespace renkei::domain
