// Demo report cases for the reporting window, filed through the services (so routing,
// clocks, timelines and audit rows are what real use produces) on a clock that starts
// three days ago: an overdue legal report from a gas utility, a near miss and a legal
// ransomware report from the electricity demo member with questions back, and a draft.
#include "app/demo_data.h"
#include "core/error_codes.h"
#include "core/time_format.h"
#include "domain/auth/auth_service.h"
#include "domain/directory/directory_store.h"
#include "domain/reporting/reporting_service.h"

namespace renkei::app {

namespace {

constexpr Millis kHour = 3'600'000;

}  // namespace

Result<domain::Principal> PrincipalByEmail(domain::Transactor& tx, const std::string& email) {
  std::optional<domain::Principal> p;
  RENKEI_RETURN_IF_ERROR(tx.Run(domain::TxMode::kRead, [&](domain::Stores& s) -> Status {
    RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.FindUserByEmail(email));
    if (!u) return err::UserNotFound().with_note(email);
    RENKEI_ASSIGN_OR_RETURN(p, domain::LoadPrincipal(s, u->id));
    return Status::Ok();
  }));
  if (!p) return err::UserNotFound().with_note(email);
  return *p;
}

Result<int> LoadDemoReports(domain::Transactor& tx, const Catalogs& catalogs, Millis now) {
  ManualClock clock(now - 72 * kHour);
  domain::SharingService sharing(tx, clock);
  domain::ReportingService reporting(tx, clock, sharing, catalogs.reporting, nullptr);
  RENKEI_ASSIGN_OR_RETURN(auto denryoku, PrincipalByEmail(tx, "member@denryoku.example"));
  RENKEI_ASSIGN_OR_RETURN(auto gas, PrincipalByEmail(tx, "member@gas.example"));
  RENKEI_ASSIGN_OR_RETURN(auto meti, PrincipalByEmail(tx, "officer@meti.example"));
  RENKEI_ASSIGN_OR_RETURN(auto analyst, PrincipalByEmail(tx, "analyst@jeisac.example"));
  const std::string ip = "127.0.0.1";
  int filed = 0;
  auto file = [&](const domain::Principal& p, domain::ReportInput in,
                  bool submit) -> Result<domain::CaseId> {
    RENKEI_ASSIGN_OR_RETURN(auto c, reporting.Create({p, ip}, in));
    if (submit) RENKEI_RETURN_IF_ERROR(reporting.Submit({p, ip}, c.c.id, "initial").status());
    ++filed;
    return c.c.id;
  };

  // A gas utility's legal report: initial sent, the 72-hour notification is overdue now.
  domain::ReportInput g;
  g.report_class = "legal";
  g.fields = {{"title", "ガス製造所の制御端末でマルウェアを検知"},
              {"aware_at", FormatRfc3339Jst(clock.now_ms() - 2 * kHour)},
              {"detected_at", FormatRfc3339Jst(clock.now_ms() - 3 * kHour)},
              {"summary",
               "製造所の保守用端末でウイルス対策ソフトが不審なファイルを検知した。"
               "制御系ネットワークとの接続を遮断し、調査中。"},
              {"systems", "ot"},
              {"service_disrupted", "no"},
              {"cause", "cyber_suspected"},
              {"attack_type", "malicious-code"}};
  g.indicators = {{"sha256", std::string(64, 'a'), "検知されたファイル"}};
  RENKEI_RETURN_IF_ERROR(file(gas, g, true).status());

  // The electricity member's near miss, with a question from the ISAC.
  clock.advance(24 * kHour);
  domain::ReportInput n;
  n.report_class = "near_miss";
  n.fields = {{"title", "取引先を装った標的型メールの受信"},
              {"aware_at", FormatRfc3339Jst(clock.now_ms() - kHour)},
              {"summary",
               "東北発電株式会社の資材部宛てに、取引先を装ったメールが12通届いた。"
               "添付ファイルは開かれておらず、送信元 203.0.113.45 を遮断した。"
               "問い合わせ先: 資材部 03-5555-0123。"},
              {"cause", "cyber_suspected"},
              {"attack_type", "fraud"},
              {"actions_taken", "送信元の遮断と全社への注意喚起"}};
  n.indicators = {{"ipv4", "203.0.113.45", "送信元"}, {"domain", "invoice-check.example", "URL"}};
  RENKEI_ASSIGN_OR_RETURN(auto near, file(denryoku, n, true));
  clock.advance(2 * kHour);
  RENKEI_RETURN_IF_ERROR(
      reporting.Ask({analyst, ip}, near, "添付ファイルのハッシュ値を共有いただけますか。")
          .status());

  // The electricity member's legal ransomware report; METI asks; a follow-up is drafted.
  clock.advance(20 * kHour);
  domain::ReportInput r;
  r.report_class = "legal";
  r.fields = {{"title", "発電所の監視端末でランサムウェア感染の疑い"},
              {"aware_at", FormatRfc3339Jst(clock.now_ms() - 3 * kHour)},
              {"summary",
               "宮城県内の火力発電所で、監視用端末2台の画面に脅迫文が表示された。"
               "発電設備の運転は継続している。"},
              {"service_disrupted", "no"},
              {"systems", "it_ot"},
              {"cause", "cyber_suspected"},
              {"attack_type", "malicious-code"},
              {"form", "ransomware"},
              {"ransom_note", "ファイルを暗号化したとの表示、連絡先としてTorサイトのURL"},
              {"backup_status", "intact"},
              {"data_exfiltration", "unknown"}};
  RENKEI_ASSIGN_OR_RETURN(auto ransom, file(denryoku, r, true));
  clock.advance(3 * kHour);
  RENKEI_RETURN_IF_ERROR(
      reporting
          .Ask({meti, ip}, ransom, "制御系ネットワークへの影響の有無を続報で報告してください。")
          .status());
  clock.advance(2 * kHour);
  r.fields["summary"] += "\n制御系ネットワークへの影響は確認されていない。";
  RENKEI_RETURN_IF_ERROR(reporting.SaveDraft({denryoku, ip}, ransom, r).status());

  // A draft the member has not sent yet.
  domain::ReportInput d;
  d.report_class = "other";
  d.fields = {{"title", "VPN装置へのログイン試行の増加"},
              {"summary", "深夜帯にVPN装置への認証失敗が通常の10倍程度発生している。"}};
  RENKEI_RETURN_IF_ERROR(file(denryoku, d, false).status());
  return filed;
}

}  // namespace renkei::app
