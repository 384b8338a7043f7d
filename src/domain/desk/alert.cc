#include "domain/desk/alert.h"

namespace renkei::domain {

namespace {

// Each part of the key as written, with the separator and the escape character escaped,
// so two different tuples never make the same key ("a|b","c" vs "a","b|c").
void AppendPart(std::string& out, std::string_view part) {
  for (char c : part) {
    if (c == '|' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('|');
}

struct Words {
  const char* code;
  const char* ja;
  const char* en;
};

// What an SME reads on its own page: plain words, no vendor jargon, and that the desk is on it.
constexpr Words kWords[] = {
    {"c2", "不審な通信を検知しました。対応中です。",
     "Suspicious communication was detected. We are looking into it."},
    {"malware", "ウイルス（不正なプログラム）を検知しました。対応中です。",
     "A virus (malicious program) was detected. We are looking into it."},
    {"intrusion", "外部からの不正な侵入の試みを検知しました。対応中です。",
     "An attempt to break in from outside was detected. We are looking into it."},
    {"scan", "外部から機器の弱点を探る通信を検知しました。対応中です。",
     "Traffic probing your equipment for weaknesses was detected. We are looking into it."},
    {"web", "危険なウェブサイトへの接続を検知しました。対応中です。",
     "A connection to a dangerous website was detected. We are looking into it."},
    {"policy", "社内の利用ルールで禁止されている通信を検知しました。対応中です。",
     "Traffic your company's rules forbid was detected. We are looking into it."},
    {"device", "セキュリティ機器の動作に異常がありました。対応中です。",
     "Your security device reported a fault. We are looking into it."},
    {"other", "セキュリティ機器が注意の必要な出来事を検知しました。対応中です。",
     "Your security device detected something that needs attention. We are looking into it."},
};

const Words& WordsOf(std::string_view category) {
  for (const Words& w : kWords)
    if (category == w.code) return w;
  return kWords[std::size(kWords) - 1];
}

}  // namespace

std::string DedupeKey(const AlertIn& a, Millis window_ms) {
  std::string key;
  key.reserve(a.signature.size() + a.src.size() + a.dst.size() + 48);
  // The device: its serial when the line names one, else the address it came from.
  if (!a.device_serial.empty()) {
    key += "s:";
    AppendPart(key, a.device_serial);
  } else {
    key += "a:";
    AppendPart(key, a.sender);
  }
  AppendPart(key, a.signature);
  AppendPart(key, a.src);
  AppendPart(key, a.dst);
  key += std::to_string(BucketOf(a.at, window_ms));
  return key;
}

const char* AlertWordsJa(std::string_view category) { return WordsOf(category).ja; }
const char* AlertWordsEn(std::string_view category) { return WordsOf(category).en; }

}  // namespace renkei::domain
