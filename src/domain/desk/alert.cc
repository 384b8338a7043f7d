#include "domain/desk/alert.h"

namespace renkei::domain {

std::string DedupeKey(const AlertIn& a, Millis window_ms) {
  // The device as the line names it: its serial, else the sender's address.
  std::string key = a.device_serial.empty() ? "@" + a.sender : a.device_serial;
  for (const std::string* part : {&a.signature, &a.src, &a.dst}) {
    key += '\x1f';
    key += *part;
  }
  key += '\x1f';
  key += std::to_string(BucketOf(a.at, window_ms));
  return key;
}

namespace {
struct Words {
  const char* code;
  const char* ja;
  const char* en;
};
constexpr Words kWords[] = {
    {"c2", "不審な通信（外部の攻撃者のサーバーとの通信の疑い）を検知しました。対応中です。",
     "Suspicious traffic to an attacker's server was detected. We are on it."},
    {"malware", "ウイルス（マルウェア）を検知しました。対応中です。",
     "Malware was detected. We are on it."},
    {"intrusion", "外部からの侵入の試みを検知しました。対応中です。",
     "An attempt to break in from outside was detected. We are on it."},
    {"scan", "外部からの調査目的のアクセス（スキャン）を検知しました。",
     "Someone outside probed your network (a scan)."},
    {"web", "危険なウェブサイトへのアクセスを検知しました。",
     "Access to a dangerous website was detected."},
    {"policy", "社内のルールに反する通信を検知しました。",
     "Traffic against your own rules was detected."},
    {"device", "監視機器に異常を検知しました。確認しています。",
     "Something is wrong with a monitoring device. We are checking."},
    {"other", "注意が必要な通信を検知しました。確認しています。",
     "Traffic that needs attention was detected. We are checking."},
};
const Words& WordsOf(std::string_view category) {
  for (const auto& w : kWords)
    if (category == w.code) return w;
  return kWords[sizeof kWords / sizeof kWords[0] - 1];
}
}  // namespace

const char* AlertWordsJa(std::string_view category) { return WordsOf(category).ja; }
const char* AlertWordsEn(std::string_view category) { return WordsOf(category).en; }

}  // namespace renkei::domain
