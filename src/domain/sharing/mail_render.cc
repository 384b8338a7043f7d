#include <algorithm>

#include "core/time_format.h"
#include "domain/sharing/mail.h"

namespace renkei::domain {
namespace {

// What a mail calls each item kind, keyed by the kind's code (kItemKinds).
struct KindWords {
  const char* kind;
  const char* ja;
  const char* en;
};
constexpr KindWords kKindWords[] = {
    {"alert", "注意喚起", "Alert"},
    {"advisory", "脆弱性情報", "Vulnerability advisory"},
    {"analysis", "分析レポート", "Analysis report"},
    {"incident_summary", "インシデント概要", "Incident summary"},
    {"near_miss_summary", "予兆・ヒヤリハット概要", "Near-miss summary"},
};

struct Words {
  const char* KindWords::*kind;  // which of a kind's words
  const char* from;
  const char* title;
  const char* action;
  const char* due;
  const char* sealed;  // %s = label
  const char* open;
  const char* revised;
  const char* withdrawn;
  const char* reminder;
  const char* digest;
  const char* urgent;
  const char* settings;
};

constexpr Words kJa = {
    &KindWords::ja,
    "送信元",
    "件名",
    "要請事項",
    "期限",
    "この情報は %s のため、内容はメールでは送りません。Renkei にサインインして確認してください。",
    "Renkei で開く",
    "更新",
    "取り下げ",
    "受領確認のお願い",
    "Renkei 日次ダイジェスト",
    "【緊急】",
    "メール配信の設定",
};

constexpr Words kEn = {
    &KindWords::en,
    "From",
    "Title",
    "Requested action",
    "Due",
    "This information is %s, so its content is not sent by mail. Sign in to Renkei to read it.",
    "Open in Renkei",
    "Revised",
    "Withdrawn",
    "Please acknowledge",
    "Renkei daily digest",
    "[URGENT] ",
    "Mail settings",
};

const char* KindWord(const Words& w, const std::string& kind) {
  for (const KindWords& k : kKindWords) {
    if (kind == k.kind) return k.*w.kind;
  }
  return kKindWords[0].*w.kind;
}

bool Sealed(Tlp t) { return t != Tlp::kClear && t != Tlp::kGreen; }

std::string Label(Tlp t) { return std::string("TLP:") + TlpName(t); }

std::string Jst(Millis ms) {
  std::string s = FormatRfc3339Jst(ms);  // 2026-11-23T17:00:00+09:00
  return s.substr(0, 10) + " " + s.substr(11, 5) + " JST";
}

std::string Replace(const char* pattern, const std::string& value) {
  std::string s = pattern;
  auto at = s.find("%s");
  if (at != std::string::npos) s.replace(at, 2, value);
  return s;
}

// The lines describing one item (no label line).
std::string Describe(const Words& w, const MailPart& p, const std::string& base_url,
                     bool with_text) {
  const Item& it = p.item;
  std::string out;
  out += std::string(w.from) + ": " + it.sender_org_name_ja + "\n";
  if (!Sealed(it.tlp)) {
    out += std::string(w.title) + ": " + it.content.title + "\n";
    if (!it.content.action_requested.empty()) {
      out += std::string(w.action) + ": " + it.content.action_requested + "\n";
    }
  }
  if (it.content.action_due_at)
    out += std::string(w.due) + ": " + Jst(*it.content.action_due_at) + "\n";
  if (Sealed(it.tlp)) out += Replace(w.sealed, Label(it.tlp)) + "\n";
  out += std::string(w.open) + ": " + base_url + "/items/" + std::to_string(it.id.value) + "\n";
  if (with_text && !Sealed(it.tlp) && it.mail_text) {
    out += "\n----\n" + it.content.body + "\n----\n";
  }
  return out;
}

}  // namespace

MailMessage RenderMail(const User& to, const std::vector<MailPart>& parts,
                       const std::string& base_url, const std::string& id_domain) {
  const Words& w = to.locale == "en" ? kEn : kJa;
  MailMessage m;
  m.to = to.email;
  m.to_name = to.display_name;
  const MailPart& first = parts.front();
  const bool digest = first.entry.kind == "digest";
  m.message_id = "<" + std::string(digest ? "digest-" : "outbox-") +
                 std::to_string(first.entry.id) + "@" + id_domain + ">";
  if (digest) {
    // The most restrictive label of the digest leads.
    Tlp top = Tlp::kClear;
    for (const auto& p : parts) top = std::max(top, p.item.tlp);
    m.subject = "[" + Label(top) + "] " + w.digest + " (" + std::to_string(parts.size()) + ")";
    m.text = Label(top) + "\n\n";
    for (const auto& p : parts) {
      m.text += "[" + Label(p.item.tlp) + "] " + KindWord(w, p.item.kind) + " #" +
                std::to_string(p.item.id.value) + "\n" + Describe(w, p, base_url, false) + "\n";
    }
  } else {
    const Item& it = first.item;
    std::string what = KindWord(w, it.kind);
    const std::string& kind = first.entry.kind;
    if (kind == "revised") what = std::string(w.revised) + " — " + what;
    if (kind == "withdrawn") what = std::string(w.withdrawn) + " — " + what;
    if (kind == "reminder") what = std::string(w.reminder) + " — " + what;
    m.subject = "[" + Label(it.tlp) + "] " + (it.urgent ? w.urgent : "") + what;
    m.subject += Sealed(it.tlp) ? " #" + std::to_string(it.id.value) : ": " + it.content.title;
    m.text = Label(it.tlp) + "\n\n" + what + " #" + std::to_string(it.id.value) + "\n" +
             Describe(w, first, base_url, kind == "item" || kind == "revised");
    if (kind == "withdrawn" && !Sealed(it.tlp) && !it.withdrawn_reason.empty()) {
      m.text += it.withdrawn_reason + "\n";
    }
  }
  m.text += "\n" + std::string(w.settings) + ": " + base_url + "/settings\n";
  return m;
}

}  // namespace renkei::domain
