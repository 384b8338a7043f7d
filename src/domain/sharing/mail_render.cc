#include <algorithm>

#include "core/error_codes.h"
#include "core/time_format.h"
#include "domain/directory/clearance.h"
#include "domain/sharing/mail.h"
#include "domain/sharing/sharing_store.h"

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
    {"supply_chain_notice", "取引先からの通知", "Notice from a supplier"},
};

struct Words {
  const char* KindWords::*kind;  // which of a kind's words
  const char* from;
  const char* title;
  const char* action;
  const char* due;
  const char* sealed;      // %s = label
  const char* classified;  // %s = the clearance level's name
  const char* marking;     // the subject's mark of what requires a clearance
  const char* open;
  const char* revised;
  const char* reason;     // of a revision
  const char* file;       // a revision that added a file
  const char* ask_again;  // a revision that changed the request
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
    "セキュリティクリアランス（%s）を要する情報が届いています。件名・内容はメールでは送りません。"
    "Renkei にサインインして確認してください（閲覧は記録されます）。",
    "【要クリアランス】",
    "Renkei で開く",
    "更新",
    "更新の理由",
    "追加されたファイル",
    "要請事項または期限が変わりました。あらためて受領確認をお願いします。",
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
    "Information that requires a security clearance (%s) has arrived. Its title and content are "
    "not sent by mail. Sign in to Renkei to read it (every read is recorded).",
    "[CLEARANCE REQUIRED] ",
    "Open in Renkei",
    "Revised",
    "Reason",
    "File added",
    "The requested action or its due time changed: please acknowledge again.",
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

// Whether the mail may say what the item is about: not for AMBER and above, and never for
// what requires a clearance (a notice without title, access_policy.h).
bool Sealed(const Item& it) {
  return it.clearance != 0 || (it.tlp != Tlp::kClear && it.tlp != Tlp::kGreen);
}

std::string Label(Tlp t) { return std::string("TLP:") + TlpName(t); }

// The item of one row, with the content of the version the row names.
Result<Item> ItemAtVersion(Stores& s, const OutboxRow& row) {
  const ItemId id(row.subject_id);
  RENKEI_ASSIGN_OR_RETURN(auto item, s.sharing.LoadItem(id));
  RENKEI_ASSIGN_OR_RETURN(auto version, s.sharing.GetVersion(id, row.subject_version));
  if (!item || !version) return err::ItemNotFound();
  item->content = std::move(version->content);
  item->revision_note = std::move(version->note);
  item->revision_file = std::move(version->added_file);
  return std::move(*item);
}

// What a revised mail adds: the reason and the added file (not for sealed labels: they
// can say what the item is about) and, when the version changed the request, that the
// acknowledgement is asked again.
Result<std::string> RevisionLines(Stores& s, const Words& w, const OutboxRow& row, const Item& it) {
  std::string out;
  if (!Sealed(it) && !it.revision_note.empty())
    out += std::string(w.reason) + ": " + it.revision_note + "\n";
  if (!Sealed(it) && !it.revision_file.empty())
    out += std::string(w.file) + ": " + it.revision_file + "\n";
  RENKEI_ASSIGN_OR_RETURN(auto before, s.sharing.GetVersion(it.id, row.subject_version - 1));
  if (before && ChangesTheRequest(before->content, it.content))
    out += std::string(w.ask_again) + "\n";
  return out;
}

// The lines describing one item (no label line).
std::string Describe(const Words& w, const Item& it, const std::string& base_url, bool with_text) {
  std::string out;
  out += std::string(w.from) + ": " + it.sender_org_name_ja + "\n";
  if (!Sealed(it)) {
    out += std::string(w.title) + ": " + it.content.title + "\n";
    if (!it.content.action_requested.empty()) {
      out += std::string(w.action) + ": " + it.content.action_requested + "\n";
    }
  }
  if (it.content.action_due_at)
    out += std::string(w.due) + ": " + FormatJstMinutes(*it.content.action_due_at) + "\n";
  if (it.clearance != 0) {
    const ClearanceCode* level = ClearanceOf(it.clearance);
    out += FillIn(w.classified,
                  level ? (w.kind == &KindWords::ja ? level->name_ja : level->name_en) : "") +
           "\n";
  } else if (Sealed(it)) {
    out += FillIn(w.sealed, Label(it.tlp)) + "\n";
  }
  out += std::string(w.open) + ": " + base_url + "/items/" + std::to_string(it.id.value) + "\n";
  if (with_text && !Sealed(it) && it.mail_text) {
    out += "\n----\n" + it.content.body + "\n----\n";
  }
  return out;
}

const Words& WordsOf(const User& to) { return to.locale == "en" ? kEn : kJa; }

MailMessage Head(const User& to, const char* id_prefix, const OutboxRow& first,
                 const MailContext& c) {
  MailMessage m;
  m.to = to.email;
  m.to_name = to.display_name;
  m.message_id = "<" + std::string(id_prefix) + std::to_string(first.id) + "@" + c.id_domain + ">";
  return m;
}

void Foot(const Words& w, MailMessage& m, const MailContext& c) {
  m.text += "\n" + std::string(w.settings) + ": " + c.base_url + "/settings\n";
}

// A mail about one item. `prefix` names what happened (none: published); `with_text`
// lets the body in (CLEAR/GREEN with mail_text); `with_reason` adds the withdrawal reason;
// `revision` the revision's lines; `live_only`: never sent once the item is withdrawn
// (a reminder asks for an action that no longer counts).
struct Single {
  const char* code;
  const char* Words::*prefix;
  bool with_text;
  bool with_reason;
  bool revision;
  bool live_only;
};

// `extra`: lines after the description (the revision's).
MailMessage RenderSingle(const Single& k, const User& to, const OutboxRow& row, const Item& it,
                         const MailContext& c, const std::string& extra = "") {
  const Words& w = WordsOf(to);
  MailMessage m = Head(to, "outbox-", row, c);
  std::string what = KindWord(w, it.kind);
  if (k.prefix) what = std::string(w.*k.prefix) + " — " + what;
  m.subject = "[" + Label(it.tlp) + "] " + (it.clearance != 0 ? w.marking : "") +
              (it.urgent ? w.urgent : "") + what;
  m.subject += Sealed(it) ? " #" + std::to_string(it.id.value) : ": " + it.content.title;
  m.text = Label(it.tlp) + "\n\n" + what + " #" + std::to_string(it.id.value) + "\n" + extra +
           Describe(w, it, c.base_url, k.with_text);
  if (k.with_reason && !Sealed(it) && !it.withdrawn_reason.empty()) {
    m.text += it.withdrawn_reason + "\n";
  }
  if (it.exercise_id != 0) {  // invariant 7: marked in the subject and the body
    m.subject = std::string(kExerciseMark) + " " + m.subject;
    m.text = std::string(kExerciseBanner) + "\n\n" + m.text;
  }
  Foot(w, m, c);
  return m;
}

// A user's digest rows as one message, led by the most restrictive label among them.
MailMessage RenderDigest(const User& to, const std::vector<OutboxRow>& rows,
                         const std::vector<Item>& items, const MailContext& c) {
  const Words& w = WordsOf(to);
  MailMessage m = Head(to, "digest-", rows.front(), c);
  Tlp top = Tlp::kClear;
  for (const auto& it : items) top = std::max(top, it.tlp);
  m.subject = "[" + Label(top) + "] " + w.digest + " (" + std::to_string(items.size()) + ")";
  m.text = Label(top) + "\n\n";
  bool exercise = false;
  for (const auto& it : items) {
    exercise = exercise || it.exercise_id != 0;
    m.text += std::string(it.exercise_id != 0 ? kExerciseMark : std::string_view()) + "[" +
              Label(it.tlp) + "] " + KindWord(w, it.kind) + " #" + std::to_string(it.id.value) +
              "\n" + Describe(w, it, c.base_url, false) + "\n";
  }
  if (exercise) {  // invariant 7: a digest holding an exercise item is marked too
    m.subject = std::string(kExerciseMark) + " " + m.subject;
    m.text = std::string(kExerciseBanner) + "\n\n" + m.text;
  }
  Foot(w, m, c);
  return m;
}

constexpr Single kSingles[] = {
    {kMailItemPublished, nullptr, true, false, false, false},
    {kMailItemRevised, &Words::revised, true, false, true, false},
    {kMailItemWithdrawn, &Words::withdrawn, false, true, false, false},
    {kMailItemReminder, &Words::reminder, false, false, false, true},
};

}  // namespace

Result<MailMessage> RenderItemMail(std::string_view code, const User& to, const OutboxRow& row,
                                   const Item& item, const MailContext& c) {
  for (const Single& k : kSingles) {
    if (code == k.code) return RenderSingle(k, to, row, item, c);
  }
  return err::Internal().with_note("not a single-item mail kind: " + std::string(code));
}

void RegisterItemMail(MailKinds& kinds) {
  for (const Single& k : kSingles) {
    kinds.Register({k.code,
                    kItemSubject,
                    false,
                    [k](Stores& s, const User& to, const std::vector<OutboxRow>& rows,
                        const MailContext& c) -> Result<MailMessage> {
                      RENKEI_ASSIGN_OR_RETURN(auto item, ItemAtVersion(s, rows.front()));
                      if (k.live_only && item.withdrawn) return err::Withdrawn();
                      std::string extra;
                      if (k.revision) {
                        RENKEI_ASSIGN_OR_RETURN(extra,
                                                RevisionLines(s, WordsOf(to), rows.front(), item));
                      }
                      return RenderSingle(k, to, rows.front(), item, c, extra);
                    },
                    {}});
  }
  kinds.Register({kMailItemDigest,
                  kItemSubject,
                  true,
                  [](Stores& s, const User& to, const std::vector<OutboxRow>& rows,
                     const MailContext& c) -> Result<MailMessage> {
                    std::vector<Item> items;
                    for (const auto& row : rows) {
                      RENKEI_ASSIGN_OR_RETURN(auto item, ItemAtVersion(s, row));
                      items.push_back(std::move(item));
                    }
                    return RenderDigest(to, rows, items, c);
                  },
                  {}});
}

}  // namespace renkei::domain
