// The demo regional communities (issue 20), made through DirectoryService and
// CommunityService as their people would: three prefectures' communities (宮城県, 神奈川県,
// 大阪府 — invented organisations, our own wording), their members by kind, a board with
// each label, practices in the common format, an upcoming and a past event, experts and
// support schemes (an expert dispatch and a speaker scheme described in our own words), a
// request, needs and seeds with one introduction waiting for 湘南精機's answer. Fixed content
// and instants relative to the load, so the same load gives the same history.
#include "app/demo_load.h"
#include "core/error_codes.h"
#include "domain/community/community_service.h"
#include "domain/directory/directory_service.h"

namespace renkei::app::demo {
namespace {

constexpr Millis kDay = 24LL * 3600 * 1000;
constexpr Millis kHour = 3600LL * 1000;

class CommunityLoader {
 public:
  CommunityLoader(Context& ctx, const DemoFile& file, const domain::CheckedPassword& password)
      : ctx_(ctx),
        file_(file),
        password_(password),
        dir_(ctx.tx, ctx.clock),
        svc_(ctx.tx, ctx.clock) {}

  Result<int> Run() {
    const Millis day = (ctx_.now + 9 * kHour) / kDay * kDay - 9 * kHour;  // today 00:00 JST
    ctx_.clock.set(day - 40 * kDay);
    RENKEI_ASSIGN_OR_RETURN(
        auto miyagi_pref, Person("宮城県庁 総務部", "Miyagi Prefectural Government",
                                 "local_government", 4, "cyber@pref.miyagi.example", "宮城 県子"));
    RENKEI_ASSIGN_OR_RETURN(
        auto kanagawa_pref,
        Person("神奈川県庁 産業労働局", "Kanagawa Prefectural Government", "local_government", 14,
               "cyber@pref.kanagawa.example", "神奈川 県太"));
    RENKEI_ASSIGN_OR_RETURN(
        auto osaka_pref, Person("大阪府庁 商工労働部", "Osaka Prefectural Government",
                                "local_government", 27, "cyber@pref.osaka.example", "大阪 府子"));
    // 岩手県 has no community yet: its person lands on whom to approach and may start one.
    RENKEI_RETURN_IF_ERROR(Person("岩手県庁 ふるさと振興部", "Iwate Prefectural Government",
                                  "local_government", 3, "cyber@pref.iwate.example", "岩手 県介")
                               .status());
    RENKEI_ASSIGN_OR_RETURN(
        auto police, Person("宮城県警察本部 サイバー犯罪対策課", "Miyagi Prefectural Police",
                            "local_government", 4, "cyber@police.miyagi.example", "警察 一郎"));
    RENKEI_ASSIGN_OR_RETURN(auto nct, Person("杜の都工業高等専門学校", "Morinomiyako NCT", "vendor",
                                             4, "prof@morinomiyako-nct.example", "高専 教授"));
    RENKEI_ASSIGN_OR_RETURN(
        auto vendor, Person("株式会社杜の都セキュリティ", "Morinomiyako Security", "vendor", 4,
                            "sales@morinomiyako-sec.example", "営業 次郎"));
    RENKEI_ASSIGN_OR_RETURN(auto chamber,
                            Person("仙台みらい商工会", "Sendai Mirai Chamber", "sector_body", 4,
                                   "info@sendai-mirai.example", "商工 三郎"));
    RENKEI_ASSIGN_OR_RETURN(auto denryoku, ctx_.As("member@denryoku.example", file_, "community"));
    RENKEI_ASSIGN_OR_RETURN(auto shonan, ctx_.As("owner@shonan-seiki.example", file_, "community"));
    RENKEI_ASSIGN_OR_RETURN(auto meti, ctx_.As("officer@meti.example", file_, "community"));

    // Communities.
    domain::NewCommunity m;
    m.prefecture = 4;
    m.name_ja = "宮城県サイバーセキュリティ協議会";
    m.name_en = "Miyagi Cyber Security Council";
    m.practices = {
        "県内の中小企業・自治体・重要インフラ事業者が、被害の未然防止と早期回復のための"
        "情報と人を共有する。",
        "事例共有会、県警と高専による合同勉強会、机上演習、会員向け注意喚起",
        "四半期ごとに全体会、毎月勉強会",
        "県警の最新手口の紹介と高専の演習環境を組み合わせた勉強会は参加率が高い。",
        "沿岸部の中小企業の参加が少ない。専門家派遣の予算が年度後半に不足する。"};
    RENKEI_ASSIGN_OR_RETURN(auto miyagi, svc_.Create(miyagi_pref, m));
    const auto mc = miyagi.community.id;
    RENKEI_RETURN_IF_ERROR(Member(miyagi_pref, mc, police, "police"));
    RENKEI_RETURN_IF_ERROR(Member(miyagi_pref, mc, nct, "academia"));
    RENKEI_RETURN_IF_ERROR(Member(miyagi_pref, mc, vendor, "vendor"));
    RENKEI_RETURN_IF_ERROR(Member(miyagi_pref, mc, chamber, "chamber"));
    RENKEI_RETURN_IF_ERROR(Member(miyagi_pref, mc, meti, "bureau"));
    RENKEI_RETURN_IF_ERROR(Member(miyagi_pref, mc, denryoku, "enterprise"));
    domain::NewCommunity k;
    k.prefecture = 14;
    k.name_ja = "神奈川県中小企業サイバー連携会議";
    k.name_en = "Kanagawa SME Cyber Liaison";
    k.practices = {"ものづくり中小企業のサプライチェーン対策",
                   "取引先向け説明会、セキュリティ診断の共同調達", "年4回",
                   "大手取引先と一緒に説明会を開くと参加が増える。",
                   "診断後の改善を続ける仕組みがない。"};
    RENKEI_ASSIGN_OR_RETURN(auto kanagawa, svc_.Create(kanagawa_pref, k));
    RENKEI_RETURN_IF_ERROR(Member(kanagawa_pref, kanagawa.community.id, shonan, "enterprise"));
    domain::NewCommunity o;
    o.prefecture = 27;
    o.name_ja = "大阪府サイバーセキュリティ連絡会";
    o.name_en = "Osaka Cyber Security Liaison";
    o.practices = {"府内の事業者と支援機関の連絡網", "メーリングリスト、年次セミナー", "年1回", "",
                   "会員の名簿が表計算ファイルに分散している。"};
    RENKEI_ASSIGN_OR_RETURN(auto osaka, svc_.Create(osaka_pref, o));
    (void)osaka;

    // The board, one post per label.
    RENKEI_RETURN_IF_ERROR(svc_.Post(nct, mc, "public", "公開勉強会「工場ネットワークの守り方」",
                                     "どなたでも参加できます。申込みはイベント欄から。")
                               .status());
    RENKEI_RETURN_IF_ERROR(svc_.Post(police, mc, "members",
                                     "会員向け: 県内で確認された請求書詐欺メール",
                                     "件名と送信元の特徴を会員限定で共有します。")
                               .status());
    RENKEI_RETURN_IF_ERROR(svc_.Post(miyagi_pref, mc, "secretariat", "事務局: 来年度予算の要求",
                                     "専門家派遣の枠を年6回に増やす案。")
                               .status());

    // A past event (made 40 days ago for 20 days ago) and an upcoming one.
    domain::NewEvent past;
    past.title = "第3回 事例共有会";
    past.place = "仙台市（会場は会員に通知）";
    past.starts_at = day - 20 * kDay + 14 * kHour;
    past.ends_at = past.starts_at + 2 * kHour;
    past.capacity = 60;
    RENKEI_ASSIGN_OR_RETURN(auto pe, svc_.CreateEvent(miyagi_pref, mc, past));
    RENKEI_RETURN_IF_ERROR(svc_.Register(denryoku, pe.id).status());
    RENKEI_RETURN_IF_ERROR(svc_.Register(vendor, pe.id).status());
    ctx_.clock.set(ctx_.now);
    RENKEI_RETURN_IF_ERROR(
        svc_.MarkAttended(miyagi_pref, pe.id, denryoku.principal.user_id, true).status());
    domain::NewEvent next;
    next.title = "中小企業向けセキュリティセミナー（ランサムウェア対策）";
    next.body = "県警・高専・地元ベンダーが、被害の実例と初動を解説します。";
    next.place = "仙台市情報・産業プラザ";
    next.starts_at = day + 10 * kDay + 13 * kHour + 30 * 60 * 1000;
    next.ends_at = next.starts_at + 2 * kHour;
    next.capacity = 40;
    RENKEI_ASSIGN_OR_RETURN(auto ne, svc_.CreateEvent(miyagi_pref, mc, next));
    RENKEI_RETURN_IF_ERROR(svc_.Register(vendor, ne.id).status());
    domain::NewEvent kev = next;
    kev.title = "取引先と学ぶサプライチェーン対策説明会";
    kev.body = "";
    kev.place = "横浜市";
    kev.starts_at = day + 17 * kDay + 15 * kHour;
    kev.ends_at = kev.starts_at + 90 * 60 * 1000;
    kev.capacity = 30;
    RENKEI_RETURN_IF_ERROR(svc_.CreateEvent(kanagawa_pref, kanagawa.community.id, kev).status());

    // Experts and schemes.
    domain::Expert e;
    e.kind = "person";
    e.name = "高専 教授";
    e.affiliation = "杜の都工業高等専門学校";
    e.specialities = {"ot", "training"};
    e.prefectures = {2, 3, 4, 5, 6, 7};
    e.languages = "日本語";
    e.availability = "平日（授業期間外は随時）";
    e.how_to_request = "宮城県サイバーセキュリティ協議会の事務局へ依頼してください。";
    RENKEI_RETURN_IF_ERROR(svc_.AddExpert(miyagi_pref, e).status());
    domain::Expert f;
    f.kind = "organisation";
    f.name = "株式会社杜の都セキュリティ インシデント対応チーム";
    f.affiliation = "株式会社杜の都セキュリティ";
    f.specialities = {"incident_response", "forensics"};
    f.prefectures = {4, 7};
    f.languages = "日本語, English";
    f.availability = "24時間（有償）";
    f.how_to_request = "電話 022-000-0000 または ir@morinomiyako-sec.example";
    RENKEI_RETURN_IF_ERROR(svc_.AddExpert(miyagi_pref, f).status());
    domain::Scheme dispatch;
    dispatch.name = "宮城県 中小企業セキュリティ専門家派遣";
    dispatch.provider = "宮城県";
    dispatch.specialities = {"incident_response", "training"};
    dispatch.prefectures = {4};
    dispatch.eligibility = "県内に事業所がある中小企業・小規模事業者";
    dispatch.cost = "無料（1社年3回まで）";
    dispatch.deadline = day + 120 * kDay;
    dispatch.contact = "cyber@pref.miyagi.example";
    RENKEI_ASSIGN_OR_RETURN(auto ds, svc_.AddScheme(miyagi_pref, dispatch));
    domain::Scheme speaker;
    speaker.name = "セキュリティ講師の派遣（国の支援制度）";
    speaker.provider = "国の機関（講師派遣制度）";
    speaker.specialities = {"awareness", "training"};
    speaker.prefectures = {0};
    speaker.eligibility = "地域の団体・自治体が開くセミナー（参加者の人数などの条件あり）";
    speaker.cost = "講師料・旅費は制度が負担";
    speaker.contact = "各地方経済産業局の窓口";
    RENKEI_RETURN_IF_ERROR(svc_.AddScheme(meti, speaker).status());
    RENKEI_RETURN_IF_ERROR(
        svc_.Request(denryoku, "scheme", ds.id, "協力会社向けの研修に専門家を派遣してほしい。")
            .status());

    // Needs and seeds, and one introduction waiting for 湘南精機.
    RENKEI_ASSIGN_OR_RETURN(
        auto need, Offer(shonan, "need", "工場の制御システムのセキュリティ診断",
                         "生産ラインのPLCと工場ネットワークを診断し、対策の優先順位を知りたい。",
                         {"OT", "診断", "工場"}, 14, "manufacturing"));
    RENKEI_RETURN_IF_ERROR(Offer(denryoku, "need", "協力会社向けの標的型メール訓練",
                                 "協力会社50社を対象に訓練と結果の説明会を行いたい。",
                                 {"訓練", "メール"}, 4, "electricity")
                               .status());
    RENKEI_ASSIGN_OR_RETURN(
        auto seed, Offer(vendor, "seed", "制御システムのセキュリティ診断サービス",
                         "PLCと工場ネットワークを停止せずに診断し、改善計画まで支援します。",
                         {"OT", "診断"}, 4, "manufacturing"));
    RENKEI_RETURN_IF_ERROR(Offer(nct, "seed", "高専の演習環境を使った訓練",
                                 "学生と教員が作った模擬工場で、インシデント対応を体験できます。",
                                 {"訓練", "OT"}, 4, "")
                               .status());
    RENKEI_RETURN_IF_ERROR(svc_.Introduce(vendor, need.id, seed.id).status());
    return 3;
  }

 private:
  Result<domain::Actor> Person(const char* org_ja, const char* org_en, const char* kind, int pref,
                               const std::string& email, const char* name) {
    domain::Organisation o;
    o.name_ja = org_ja;
    o.name_en = org_en;
    o.kind = kind;
    o.prefecture = pref;
    auto view = dir_.CreateOrganisation(ctx_.loader, o);
    if (!view.ok()) return InRecord(view.status(), file_, email);
    domain::User u;
    u.org_id = view.value().org.id;
    u.email = email;
    u.display_name = name;
    u.roles = {domain::Role::kMember};
    auto made = dir_.CreateUser(ctx_.loader, std::move(u), password_);
    if (!made.ok()) return InRecord(made.status(), file_, email);
    return ctx_.As(email, file_, email);
  }

  Status Member(const domain::Actor& sec, domain::CommunityId c, const domain::Actor& who,
                const char* kind) {
    return svc_.AddMember(sec, c, who.principal.org_id, kind).status();
  }

  Result<domain::Offer> Offer(const domain::Actor& who, const char* kind, const char* title,
                              const char* body, std::vector<std::string> tags, int pref,
                              const char* sector) {
    domain::OfferIn in;
    in.kind = kind;
    in.title = title;
    in.body = body;
    in.tags = std::move(tags);
    in.prefecture = pref;
    in.sector = sector;
    in.contact = who.principal.display_name + " <" + who.principal.email + ">";
    return svc_.Post(who, in);
  }

  Context& ctx_;
  const DemoFile& file_;
  const domain::CheckedPassword& password_;
  domain::DirectoryService dir_;
  domain::CommunityService svc_;
};

}  // namespace

Result<int> LoadCommunities(Context& ctx, const DemoFile& file,
                            const domain::CheckedPassword& password) {
  return CommunityLoader(ctx, file, password).Run();
}

}  // namespace renkei::app::demo
