// The demo's security clearances (issue 21). The national centre's administrator
// (admin@nco.example) has certified the national centre and 東北発電 as handlers
// (適合事業者) and granted officer@nco.example a secret and member@denryoku.example a
// confidential clearance; cyber@nco.example's confidential clearance lapsed a month ago.
// The national centre then sent the electricity sector one AMBER item that requires a
// confidential clearance: member@denryoku.example reads it (every read audited);
// analyst@jeisac.example, whose secretariat is not certified, does not see it at all.
#include "app/demo_load.h"
#include "core/error_codes.h"
#include "domain/directory/clearance_service.h"
#include "domain/sharing/sharing_service.h"

namespace renkei::app::demo {

namespace {
constexpr Millis kDay = 24LL * 3600 * 1000;
}  // namespace

Result<int> LoadClearances(Context& ctx, const DemoFile& file) {
  domain::ClearanceService clearances(ctx.tx, ctx.clock);
  domain::SharingService sharing(ctx.tx, ctx.clock);
  auto in = [&](Status st, const char* record) { return InRecord(std::move(st), file, record); };
  // Granted a year ago, for five (officers) or three years; the lapsed one for eleven months.
  ctx.clock.set(ctx.now - 365 * kDay);
  RENKEI_ASSIGN_OR_RETURN(auto admin, ctx.As("admin@nco.example", file, "administrator"));
  RENKEI_ASSIGN_OR_RETURN(auto officer, ctx.As("officer@nco.example", file, "officer"));
  RENKEI_ASSIGN_OR_RETURN(auto cyber, ctx.As("cyber@nco.example", file, "cyber"));
  RENKEI_ASSIGN_OR_RETURN(auto member, ctx.As("member@denryoku.example", file, "member"));
  const Millis now = ctx.clock.now_ms();
  for (OrgId org : {officer.principal.org_id, member.principal.org_id}) {
    RENKEI_RETURN_IF_ERROR(
        in(clearances.Certify(admin, org, now + 3 * 365 * kDay).status(), "certification"));
  }
  RENKEI_RETURN_IF_ERROR(in(
      clearances.Grant(admin, officer.principal.user_id, "secret", now + 5 * 365 * kDay).status(),
      "officer's clearance"));
  RENKEI_RETURN_IF_ERROR(
      in(clearances.Grant(admin, member.principal.user_id, "confidential", now + 3 * 365 * kDay)
             .status(),
         "member's clearance"));
  RENKEI_RETURN_IF_ERROR(in(
      clearances.Grant(admin, cyber.principal.user_id, "confidential", now + 335 * kDay).status(),
      "lapsed clearance"));

  // Three days ago, the national centre's alert.
  ctx.clock.set(ctx.now - 3 * kDay);
  domain::NewItem item;
  item.kind = "alert";
  item.tlp = domain::Tlp::kAmber;
  item.clearance = *domain::ParseClearance("confidential");
  item.audience.sector_ids = {"electricity"};
  item.content.title = "電力制御系を狙う国家支援型攻撃グループの偵察活動について";
  item.content.body =
      "## 概要\n"
      "政府機関が入手した情報により、国家の支援を受けているとみられる攻撃グループが、"
      "国内の電力事業者の制御系ネットワークに対する偵察活動を行っていることが判明しました。"
      "本情報は重要経済安保情報に該当するため、クリアランスを保有する方のみ閲覧できます。"
      "再配布・展開・エクスポートはできません。\n\n"
      "## 確認されている手口\n"
      "- 保守用リモート接続装置の認証画面への総当たり\n"
      "- 委託先の保守担当者を装った電話による接続情報の聞き出し\n\n"
      "## お願い\n"
      "保守用リモート接続の接続元制限と、委託先からの問い合わせの本人確認手順を点検し、"
      "結果を受領確認でお知らせください。詳細な接続元情報は対面説明会（クリアランス保有者限定）で"
      "提供します。";
  item.content.action_requested = "保守用リモート接続の接続元制限と委託先の本人確認手順を点検する";
  item.content.action_due_at = ctx.now + 4 * kDay;
  RENKEI_ASSIGN_OR_RETURN(auto sent, sharing.Publish(officer, item));
  // member@denryoku has opened it (an audited read).
  ctx.clock.set(ctx.now - 2 * kDay);
  RENKEI_RETURN_IF_ERROR(in(sharing.Get(member, sent.view.item.id).status(), "read"));
  return 1;
}

}  // namespace renkei::app::demo
