// The demo SME desk (お助け隊, issue 19), made through DirectoryService and DeskService on the
// demo clock, shaped like the pilot the seed describes (000_…): eight regional consortia
// with the seed's numbers of participating SMEs (111, 148, 112, 150, 120, 201, 112, 110 —
// 1,064 in all), each SME with one monitored UTM, and the seed's table of work over the
// last five months: 545 call-centre contacts (125 / 294 / 70 / 56 by category) and 74
// incidents (31 / 17 / 22 / 4), spread over the consortia by their size. The provider
// names, people and texts are invented (written by us).
//  - The 神奈川 consortium is run by サイバーセキュリティお助け隊 運営事務局, whose agents
//    agent@otasuketai.example and desk2@otasuketai.example work it: its queue holds open
//    tickets — unassigned, one past its first-response time, the agent's own, an engineer
//    on the way, and an alert ticket raised by the intake minutes before the load.
//  - 湘南精機株式会社 (owner@shonan-seiki.example) is one of its SMEs: a completed
//    consultation with the desk's answers, and that open alert ticket; its UTM
//    (FortiGate FGT60FTK23000123, sending from 100.64.24.1, and from 127.0.0.1 only by its serial)
//    is what the intake ties lines to.
//  - Every other consortium's tickets are completed, so the statistics (METI oversees them
//    all: officer@meti.example) have every column filled.
#include <algorithm>
#include <array>

#include "app/demo_load.h"
#include "core/error_codes.h"
#include "domain/desk/desk_service.h"
#include "domain/directory/directory_service.h"

namespace renkei::app::demo {
namespace {

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr Millis kJst = 9 * kHour;
constexpr std::uint64_t kSeed = 20191206;
constexpr int kHistoryDays = 150;

struct ConsortiumRecord {
  const char* code;
  const char* name_ja;
  const char* name_en;
  const char* region_ja;
  const char* region_en;
  std::array<int, 5> prefectures;  // 0-terminated
  const char* provider_key;        // "" = a provider made here
  const char* provider_ja;
  const char* provider_en;
  const char* domain;
  const char* insurer;
  int smes;
};

constexpr ConsortiumRecord kConsortia[] = {
    {"tohoku",
     "お助け隊 東北コンソーシアム",
     "Otasuketai Tohoku",
     "宮城県・岩手県・福島県",
     "Miyagi, Iwate, Fukushima",
     {4, 3, 7, 0, 0},
     "",
     "みちのくサイバーサポート株式会社",
     "Michinoku Cyber Support K.K.",
     "michinoku-cs.example",
     "あおば損害保険株式会社",
     111},
    {"niigata",
     "お助け隊 新潟コンソーシアム",
     "Otasuketai Niigata",
     "新潟県",
     "Niigata",
     {15, 0, 0, 0, 0},
     "",
     "越後ネットワークサービス株式会社",
     "Echigo Network Service K.K.",
     "echigo-ns.example",
     "日本海火災保険株式会社",
     148},
    {"kitakanto",
     "お助け隊 北関東・信越コンソーシアム",
     "Otasuketai North Kanto",
     "長野県・群馬県・栃木県・茨城県・埼玉県",
     "Nagano, Gunma, Tochigi, Ibaraki, Saitama",
     {20, 10, 9, 8, 11},
     "",
     "北関東ITソリューションズ株式会社",
     "Kita-Kanto IT Solutions K.K.",
     "kitakanto-its.example",
     "あおば損害保険株式会社",
     112},
    {"kanagawa",
     "お助け隊 神奈川コンソーシアム",
     "Otasuketai Kanagawa",
     "神奈川県",
     "Kanagawa",
     {14, 0, 0, 0, 0},
     "otasuketai",
     "",
     "",
     "otasuketai.example",
     "湘南海上火災保険株式会社",
     150},
    {"hokuriku",
     "お助け隊 北陸コンソーシアム",
     "Otasuketai Hokuriku",
     "石川県・富山県・福井県",
     "Ishikawa, Toyama, Fukui",
     {17, 16, 18, 0, 0},
     "",
     "北陸セキュリティサービス株式会社",
     "Hokuriku Security Service K.K.",
     "hokuriku-ss.example",
     "日本海火災保険株式会社",
     120},
    {"aichi",
     "お助け隊 愛知コンソーシアム",
     "Otasuketai Aichi",
     "愛知県",
     "Aichi",
     {23, 0, 0, 0, 0},
     "",
     "中部サイバーディフェンス株式会社",
     "Chubu Cyber Defense K.K.",
     "chubu-cd.example",
     "東海安心損害保険株式会社",
     201},
    {"kansai",
     "お助け隊 関西コンソーシアム",
     "Otasuketai Kansai",
     "大阪府・京都府・兵庫県",
     "Osaka, Kyoto, Hyogo",
     {27, 26, 28, 0, 0},
     "",
     "関西中小企業サイバー支援センター",
     "Kansai SME Cyber Support Center",
     "kansai-scs.example",
     "なにわ海上火災保険株式会社",
     112},
    {"chugoku",
     "お助け隊 中国コンソーシアム",
     "Otasuketai Chugoku",
     "広島県・山口県",
     "Hiroshima, Yamaguchi",
     {34, 35, 0, 0, 0},
     "",
     "瀬戸内ITサポート株式会社",
     "Setouchi IT Support K.K.",
     "setouchi-its.example",
     "あおば損害保険株式会社",
     110},
};
constexpr int kKanagawa = 3;

// The seed's table (12/6 時点): contacts and incidents by category.
constexpr int kContactCounts[4] = {125, 294, 70, 56};
constexpr int kIncidentCounts[4] = {31, 17, 22, 4};

// Invented SME names: a place or word, a trade, a legal form.
constexpr const char* kStems[] = {"相模", "湘南", "多摩", "北斗", "朝日", "青葉", "若葉", "光",
                                  "大和", "富士", "銀河", "緑",   "東和", "中央", "港",   "桜",
                                  "三協", "丸山", "山本", "田中", "高橋", "松原", "白石", "川口"};
constexpr const char* kTrades[] = {"精機",       "製作所", "工業", "商事",     "電機",
                                   "印刷",       "食品",   "運輸", "建設",     "設計事務所",
                                   "会計事務所", "化成",   "金型", "歯科医院", "不動産"};
constexpr const char* kStemsEn[] = {
    "Sagami", "Shonan",   "Tama",     "Hokuto", "Asahi",     "Aoba",      "Wakaba",    "Hikari",
    "Yamato", "Fuji",     "Ginga",    "Midori", "Towa",      "Chuo",      "Minato",    "Sakura",
    "Sankyo", "Maruyama", "Yamamoto", "Tanaka", "Takahashi", "Matsubara", "Shiraishi", "Kawaguchi"};
constexpr const char* kTradesEn[] = {
    "Seiki", "Works",         "Industries",   "Trading",       "Electric",          "Printing",
    "Foods", "Transport",     "Construction", "Design Office", "Accounting Office", "Chemicals",
    "Mold",  "Dental Clinic", "Realty"};

struct Vendor {
  const char* vendor;
  const char* model;
  const char* serial_prefix;
};
constexpr Vendor kVendors[] = {{"fortigate", "FortiGate 60F", "FGT60FTK"},
                               {"paloalto", "PA-440", "0240"},
                               {"checkpoint", "Quantum Spark 1570", "CP1570-"},
                               {"sophos", "XGS 107", "X1070"},
                               {"sonicwall", "TZ270", "2CB8ED"}};

struct Story {
  const char* subject;
  const char* body;
  const char* answer;   // the desk's message back
  const char* outcome;  // what was done
};

// Per category, in kContactCategories' / kIncidentCategories' order.
constexpr Story kContactStories[4][3] = {
    {{"実証参加の申込み手続きについて",
      "実証に参加したいのですが、申込書の書き方と必要書類を教えてください。",
      "申込書の記入例と必要書類の一覧をメールでお送りしました。ご不明点があればお電話ください。",
      "申込み手続きを案内。必要書類一覧を送付。"},
     {"参加費用と契約期間の確認", "実証期間終了後の費用と、途中で解約できるかを確認したいです。",
      "実証期間中は無償、終了後は月額1万円以下のプランをご案内しています。途中解約も可能です。",
      "費用と解約条件を説明。"},
     {"従業員への説明資料がほしい", "社内で参加を説明するための資料はありますか。",
      "従業員向けの説明資料（PDF）をお送りしました。", "説明資料を送付。"}},
    {{"UTMの設置場所について",
      "UTMはルーターの前と後ろのどちらに置けばよいですか。設置日の調整もお願いしたいです。",
      "ルーターの内側（社内LAN側）に設置します。設置日は来週火曜の午前でいかがでしょうか。",
      "設置構成を説明し、設置日を調整。"},
     {"UTM設置後にネットが遅くなった",
      "UTMを付けてからインターネットが少し遅く感じます。設定で改善できますか。",
      "リモートで設定を確認し、検査設定を調整しました。速度をご確認ください。",
      "リモートで検査設定を調整し、速度改善を確認。"},
     {"複合機のスキャン送信ができない",
      "UTM設置後、複合機からパソコンへのスキャン送信ができなくなりました。",
      "社内通信の許可設定を追加しました。もう一度お試しください。",
      "社内通信の許可ルールを追加し、送信を確認。"}},
    {{"不審なメールを開いてしまった",
      "取引先を名乗るメールの添付ファイルを開いてしまいました。どうすればよいですか。",
      "まずパソコンをLANから外してください。リモートで状況を確認します。",
      "端末をネットワークから切り離し、ウイルス検査で異常なしを確認。"},
     {"パスワードの管理方法について", "社員のパスワード管理をどうすればよいか相談したいです。",
      "推測されにくいパスワードと多要素認証の設定方法をご案内しました。",
      "パスワード管理と多要素認証の設定を案内。"},
     {"ホームページ改ざんの確認", "自社のホームページが改ざんされていないか心配です。",
      "公開ページを確認しましたが、改ざんの痕跡はありませんでした。",
      "公開ページを確認し、異常なし。"}},
    {{"セキュリティ研修の案内", "社員向けのセキュリティ研修は受けられますか。",
      "地域のセミナー日程をご案内しました。", "研修・セミナー日程を案内。"},
     {"補助金の対象になるか", "IT導入補助金でこのサービスの費用を賄えますか。",
      "セキュリティ対策推進枠の対象になります。申請の流れをご案内しました。",
      "補助金の対象と申請手順を案内。"},
     {"担当者の変更", "社内の担当者が変わりました。連絡先を変更してください。",
      "連絡先を変更しました。", "連絡先を更新。"}}};

constexpr Story kIncidentStories[4][3] = {
    {{"UTMアラート: ボットネットへの通信の疑い",
      "UTMが外部の不審なサーバーとの通信を検知しました。",
      "通信元の端末を特定し、リモートで隔離しました。ウイルス検査を実施してください。",
      "通信元端末を特定・隔離し、駆除を確認。"},
     {"ランサムウェアの警告画面が出た", "パソコンに「ファイルを暗号化した」という画面が出ました。",
      "すぐにLANケーブルを抜いてください。リモートで被害範囲を確認します。",
      "感染端末を隔離。共有フォルダへの被害なしを確認し、バックアップから復旧。"},
     {"不正ログインの疑い", "メールアカウントに覚えのない場所からのログイン通知が来ました。",
      "パスワードを変更し、多要素認証を設定しました。転送設定も確認済みです。",
      "パスワード変更と多要素認証を設定。不正な転送設定なし。"}},
    {{"社内LANで感染拡大の疑い", "複数のパソコンが同時に重くなり、UTMのアラートが続いています。",
      "技術者が伺います。到着まで該当端末の電源は切らずにLANから外してください。",
      "訪問して感染端末3台を特定・駆除。社内LANの通信を正常化。"},
     {"私物スマートフォンによる不審な通信",
      "UTMが社内の無線LANからボットネットへの通信を検知しました。原因がわかりません。",
      "技術者が伺い、通信元を調べます。",
      "従業員の私物スマートフォンが原因と特定し、無線LANから切り離した。放置した場合、社内PC全台へ"
      "の感染と業務停止が想定された。"},
     {"サーバーが起動しない", "ファイルサーバーが起動しなくなり、業務が止まっています。",
      "技術者が伺って状態を確認します。", "訪問してディスク障害を確認し、予備機へ切り替え。"}},
    {{"UTMの電源が入らない", "停電のあとUTMのランプが点かなくなりました。",
      "代替機を手配し、交換しました。", "代替機に交換し、監視を再開。"},
     {"UTMのアラートが大量に届く", "同じ内容の通知が毎分届きます。",
      "検知ルールを調整し、重複する通知を抑えました。", "検知ルールを調整。"},
     {"UTMの監視が途切れている", "管理画面でUTMがオフラインと表示されます。",
      "回線の設定変更が原因でした。設定を戻して監視を再開しました。",
      "回線設定を復旧し、監視を再開。"}},
    {{"取引先からウイルス付きメールが届いたと連絡",
      "取引先から、当社名でウイルス付きメールが届いたと連絡がありました。",
      "送信元を調べ、なりすましであることを確認しました。取引先への説明文案をお送りします。",
      "なりすましメールと確認し、取引先向け説明文を提供。"},
     {"USBメモリの紛失", "顧客情報が入ったUSBメモリを紛失しました。",
      "紛失時の対応手順と届出先をご案内しました。", "対応手順と届出先を案内。"},
     {"退職者のアカウントが残っていた", "退職者のアカウントで最近ログインがありました。",
      "アカウントを停止し、ログイン記録を確認しました。", "アカウント停止とログ確認。"}}};

constexpr const char* kEngineers[] = {"山口 健太", "佐藤 直樹", "小林 美咲",
                                      "伊藤 大輔", "加藤 優",   "吉田 誠"};
constexpr const char* kCallers[] = {"総務部 ご担当者様", "代表者様", "経理担当者様",
                                    "情報システム担当者様", "工場長様"};

Millis Between(Rng& rng, Millis lo, Millis hi) {
  return lo + static_cast<Millis>(rng.next() % static_cast<std::uint64_t>(hi - lo));
}

// A weekday working-hours instant (JST 9:00–17:30) on the day `days_ago` before `day`.
Millis WorkingTime(Rng& rng, Millis day, int days_ago) {
  Millis d = day - days_ago * kDay;
  // Saturday and Sunday move to the Friday before (the epoch day 0 was a Thursday).
  const Millis weekday = ((d + kJst) / kDay + 4) % 7;  // 0 = Sunday
  if (weekday == 0) d -= 2 * kDay;
  if (weekday == 6) d -= kDay;
  return d + 9 * kHour + Between(rng, 0, 8 * kHour + 30 * kMinute);
}

class DeskLoader {
 public:
  DeskLoader(Context& ctx, const DemoFile& file, const domain::CheckedPassword& password)
      : ctx_(ctx),
        file_(file),
        password_(password),
        dir_(ctx.tx, ctx.clock),
        sharing_(ctx.tx, ctx.clock),
        desk_(ctx.tx, ctx.clock, nullptr, &sharing_),
        rng_(kSeed) {}

  Result<int> Run() {
    day_ = (ctx_.now + kJst) / kDay * kDay - kJst;  // today 00:00 JST
    ctx_.clock.set(day_ - (kHistoryDays + 10) * kDay);
    for (size_t i = 0; i < std::size(kConsortia); ++i) RENKEI_RETURN_IF_ERROR(Consortium(i));
    RENKEI_RETURN_IF_ERROR(History());
    RENKEI_RETURN_IF_ERROR(OpenWork());
    return tickets_;
  }

 private:
  struct Made {
    domain::ConsortiumId id;
    std::vector<domain::Actor> agents;
    std::vector<OrgId> smes;
    std::vector<std::string> serials;
  };

  Status In(Status st, const std::string& record) { return InRecord(std::move(st), file_, record); }

  Result<domain::Actor> AddAgent(OrgId org, const std::string& email, const std::string& record) {
    domain::User u;
    u.org_id = org;
    u.email = email;
    u.display_name = std::string(kEngineers[rng_.below(static_cast<int>(std::size(kEngineers)))]);
    u.roles = {domain::Role::kDeskAgent};
    auto made = dir_.CreateUser(ctx_.loader, std::move(u), password_);
    if (!made.ok()) return In(made.status(), record);
    return ctx_.As(email, file_, record);
  }

  Status Consortium(size_t index) {
    const ConsortiumRecord& r = kConsortia[index];
    const std::string record = std::string("consortium ") + r.code;
    Made m;
    OrgId provider;
    if (*r.provider_key) {
      auto it = ctx_.orgs.find(r.provider_key);
      if (it == ctx_.orgs.end()) return In(err::DemoReference(r.provider_key), record);
      provider = it->second;
      RENKEI_ASSIGN_OR_RETURN(auto a, ctx_.As("agent@otasuketai.example", file_, record));
      RENKEI_ASSIGN_OR_RETURN(auto b, ctx_.As("desk2@otasuketai.example", file_, record));
      m.agents = {a, b};
    } else {
      domain::Organisation o;
      o.name_ja = r.provider_ja;
      o.name_en = r.provider_en;
      o.kind = "support_provider";
      o.prefecture = r.prefectures[0];
      o.size_class = "medium";
      auto view = dir_.CreateOrganisation(ctx_.loader, o);
      if (!view.ok()) return In(view.status(), record);
      provider = view.value().org.id;
      RENKEI_ASSIGN_OR_RETURN(auto a, AddAgent(provider, std::string("desk@") + r.domain, record));
      m.agents = {a};
    }
    domain::Consortium c;
    c.code = r.code;
    c.name_ja = r.name_ja;
    c.name_en = r.name_en;
    c.region_ja = r.region_ja;
    c.region_en = r.region_en;
    for (int p : r.prefectures)
      if (p) c.prefectures.push_back(p);
    c.provider_org_id = provider;
    c.overseer_org_id = ctx_.orgs.at("meti");
    c.insurer = r.insurer;
    c.mail_address = std::string("soudan-") + r.code + "@otasuketai-desk.example";
    auto id = desk_.CreateConsortium(ctx_.loader, c);
    if (!id.ok()) return In(id.status(), record);
    m.id = id.value();
    // The SMEs, enrolled when the pilot began, each with its UTM.
    ctx_.clock.advance(kHour);
    for (int n = 0; n < r.smes; ++n) {
      OrgId sme;
      const bool shonan = index == kKanagawa && n == 0;
      if (shonan) {
        sme = ctx_.orgs.at("sme-shonan");
      } else {
        domain::Organisation o;
        // Every (place, trade) pair once per consortium: 7 is prime to the 24 × 15 pairs.
        const int pair = (n * 7 + static_cast<int>(index) * 31) %
                         static_cast<int>(std::size(kStems) * std::size(kTrades));
        const int stem = pair % static_cast<int>(std::size(kStems));
        const int trade = pair / static_cast<int>(std::size(kStems));
        const std::string trade_ja = kTrades[trade];
        const bool office = trade_ja.find("医院") != std::string::npos ||
                            trade_ja.find("事務所") != std::string::npos;
        o.name_ja = (office ? "" : "株式会社") + std::string(kStems[stem]) + trade_ja;
        if (n % 3 == 0 && !office) o.name_ja = std::string(kStems[stem]) + trade_ja + "株式会社";
        o.name_en = std::string(kStemsEn[stem]) + " " + kTradesEn[trade] + (office ? "" : " K.K.");
        o.kind = "sme";
        int prefs = 0;
        while (prefs < 5 && r.prefectures[prefs]) ++prefs;
        o.prefecture = r.prefectures[rng_.below(prefs)];
        o.size_class = "small";
        auto view = dir_.CreateOrganisation(ctx_.loader, o);
        if (!view.ok()) return In(view.status(), record);
        sme = view.value().org.id;
      }
      const Vendor& v =
          shonan ? kVendors[0] : kVendors[rng_.below(static_cast<int>(std::size(kVendors)))];
      domain::Contract k;
      k.consortium_id = m.id;
      k.sme_org_id = sme;
      k.plan = rng_.below(10) == 0 ? "endpoint" : "network";
      k.starts_at = ctx_.clock.now_ms();
      domain::Device d;
      d.kind = "utm";
      d.vendor = v.vendor;
      d.model = v.model;
      char serial[32];
      std::snprintf(serial, sizeof serial, "%s%02zu%06d", v.serial_prefix, index + 1, n + 100);
      d.serial = shonan ? "FGT60FTK23000123" : serial;
      d.address = shonan ? "100.64.24.1"
                         : "100.64." + std::to_string(index * 8 + n / 250) + "." +
                               std::to_string(n % 250 + 1);
      d.label = "本社 UTM";
      k.devices = {d};
      if (shonan) {
        // It supplies parts to 東北発電 (the demo's electricity member): its customer.
        RENKEI_ASSIGN_OR_RETURN(auto op, ctx_.As("member@denryoku.example", file_, record));
        k.customers.push_back({op.principal.org_id, "", ""});
      }
      auto contract = desk_.Enrol(ctx_.loader, k);
      if (!contract.ok()) return In(contract.status(), record);
      m.smes.push_back(sme);
      m.serials.push_back(d.serial);
    }
    made_.push_back(std::move(m));
    return Status::Ok();
  }

  // A completed ticket: opened at `at`, answered, perhaps dispatched, completed.
  Status Completed(const Made& m, bool incident, int category, Millis at, int sme_index,
                   const std::string& record) {
    const auto& stories = incident ? kIncidentStories[category] : kContactStories[category];
    const Story& st = stories[rng_.below(3)];
    const domain::Actor& agent =
        m.agents[static_cast<size_t>(rng_.below(static_cast<int>(m.agents.size())))];
    const OrgId sme = m.smes[static_cast<size_t>(sme_index)];
    ctx_.clock.set(at);
    std::optional<domain::TicketId> id;
    if (incident && category == 0 && rng_.below(3) != 0) {
      // An alert the intake raised a ticket for.
      RENKEI_ASSIGN_OR_RETURN(id, AlertTicket(m, sme_index, at, "c2", 8, record));
    }
    if (!id) {
      domain::NewTicket t;
      const int channel = rng_.below(10);
      t.sme = sme;
      t.channel = channel < 6 ? "phone" : "mail";
      t.kind = incident ? "incident" : "contact";
      t.category =
          incident ? domain::kIncidentCategories[category] : domain::kContactCategories[category];
      // A visit is recorded by the dispatch; the call comes in as a remote case first.
      if (incident && t.category == std::string("onsite")) t.category = "remote";
      t.priority = incident ? (rng_.below(3) == 0 ? "urgent" : "high") : "normal";
      t.subject = st.subject;
      t.body = st.body;
      t.caller = kCallers[rng_.below(static_cast<int>(std::size(kCallers)))];
      auto opened = desk_.Open(agent, t);
      if (!opened.ok()) return In(opened.status(), record);
      id = opened.value().ticket.id;
    }
    // The first answer: a phone call is answered as it is taken; mail within hours.
    ctx_.clock.advance(Between(rng_, 4 * kMinute, 150 * kMinute));
    RENKEI_RETURN_IF_ERROR(In(desk_.AddEntry(agent, *id, "message", st.answer).status(), record));
    if (incident && domain::kIncidentCategories[category] == std::string("onsite")) {
      ctx_.clock.advance(Between(rng_, 10 * kMinute, 60 * kMinute));
      const std::string engineer = kEngineers[rng_.below(static_cast<int>(std::size(kEngineers)))];
      auto d = desk_.RequestDispatch(agent, *id, engineer, "");
      if (!d.ok()) return In(d.status(), record);
      const std::int64_t dispatch = d.value().dispatches.back().id;
      ctx_.clock.advance(Between(rng_, 10 * kMinute, 40 * kMinute));
      RENKEI_RETURN_IF_ERROR(In(
          desk_.StepDispatch(agent, *id, dispatch, domain::DispatchStep::kLeft).status(), record));
      ctx_.clock.advance(Between(rng_, 30 * kMinute, 180 * kMinute));
      RENKEI_RETURN_IF_ERROR(
          In(desk_.StepDispatch(agent, *id, dispatch, domain::DispatchStep::kArrived).status(),
             record));
      ctx_.clock.advance(Between(rng_, kHour, 4 * kHour));
      RENKEI_RETURN_IF_ERROR(
          In(desk_.StepDispatch(agent, *id, dispatch, domain::DispatchStep::kFinished).status(),
             record));
    }
    ctx_.clock.advance(Between(rng_, 30 * kMinute, 2 * kDay));
    domain::TicketChange done;
    done.status = "resolved";
    done.outcome = st.outcome;
    if (incident && category < 2 && rng_.below(2) == 0) {
      // The insurer's estimate of what it would have cost (the seed's example: 約4,925万円).
      done.damage_estimate_yen =
          std::string(st.subject).find("私物スマートフォン") != std::string::npos
              ? 49'250'000
              : (1 + rng_.below(300)) * 100'000;
    }
    done.assignee = agent.principal.user_id;
    if (incident) done.category = domain::kIncidentCategories[category];
    RENKEI_RETURN_IF_ERROR(In(desk_.Change(agent, *id, done).status(), record));
    ++tickets_;
    return Status::Ok();
  }

  // The intake's lines for the SME's UTM at `at`: a ticket is raised above the threshold.
  Result<std::optional<domain::TicketId>> AlertTicket(const Made& m, int sme_index, Millis at,
                                                      const char* category, int severity,
                                                      const std::string& record) {
    ctx_.clock.set(at);
    domain::AlertIn a;
    a.device_serial = m.serials[static_cast<size_t>(sme_index)];
    a.vendor = "fortigate";
    a.at = at - 2 * kMinute;
    a.severity = severity;
    a.category = category;
    a.signature = std::string(category) == "c2" ? "Botnet C&C communication" : "Malware download";
    a.src = "192.168.1." + std::to_string(20 + rng_.below(200));
    a.dst = "203.0.113." + std::to_string(1 + rng_.below(250));
    a.dst_port = 443;
    a.action = "blocked";
    a.count = 1 + rng_.below(6);
    a.raw = "<185>date=... devid=" + a.device_serial + " subtype=ips attack=\"" + a.signature +
            "\" srcip=" + a.src + " dstip=" + a.dst + " action=blocked";
    auto res = desk_.Ingest({a}, {}, {});
    if (!res.ok()) return In(res.status(), record);
    // The ticket the intake opened (the SME's newest alert ticket).
    domain::TicketFilter f;
    f.sme = m.smes[static_cast<size_t>(sme_index)];
    f.limit = 1;
    auto page = desk_.List(m.agents[0].principal, f);
    if (!page.ok() || page.value().tickets.empty())
      return In(err::DemoReference("alert ticket"), record);
    return std::optional<domain::TicketId>(page.value().tickets[0].id);
  }

  // The seed's table, spread over the consortia by their size and over the history.
  Status History() {
    int total_smes = 0;
    for (const auto& r : kConsortia) total_smes += r.smes;
    struct Job {
      Millis at;
      size_t consortium;
      bool incident;
      int category;
    };
    std::vector<Job> jobs;
    for (int kind = 0; kind < 2; ++kind) {
      for (int cat = 0; cat < 4; ++cat) {
        const int n = kind ? kIncidentCounts[cat] : kContactCounts[cat];
        for (int i = 0; i < n; ++i) {
          // Consortium by size: the i-th ticket goes where the cumulative share falls.
          int pick = rng_.below(total_smes);
          size_t c = 0;
          while (pick >= kConsortia[c].smes) pick -= kConsortia[c++].smes;
          jobs.push_back(
              {WorkingTime(rng_, day_, 3 + rng_.below(kHistoryDays - 3)), c, kind == 1, cat});
        }
      }
    }
    std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) {
      return std::tie(a.at, a.consortium, a.category) < std::tie(b.at, b.consortium, b.category);
    });
    for (size_t i = 0; i < jobs.size(); ++i) {
      const Job& j = jobs[i];
      const Made& m = made_[j.consortium];
      // The demo SME (index 0 of 神奈川) has its own story below.
      int sme = rng_.below(static_cast<int>(m.smes.size()));
      if (j.consortium == kKanagawa && sme == 0) sme = 1;
      RENKEI_RETURN_IF_ERROR(
          Completed(m, j.incident, j.category, j.at, sme, "ticket " + std::to_string(i + 1)));
    }
    // Background: scans and web blocks below the threshold, stored without tickets.
    for (size_t c = 0; c < made_.size(); ++c) {
      for (int i = 0; i < 40; ++i) {
        const Made& m = made_[c];
        const int sme = rng_.below(static_cast<int>(m.smes.size()));
        domain::AlertIn a;
        a.device_serial = m.serials[static_cast<size_t>(sme)];
        a.at = WorkingTime(rng_, day_, 1 + rng_.below(60));
        a.severity = 3 + rng_.below(3);
        a.category = rng_.below(2) ? "scan" : "web";
        a.signature = a.category == "scan" ? "Port scan detected" : "Malicious URL blocked";
        a.src = "198.51.100." + std::to_string(1 + rng_.below(250));
        a.dst = "192.168.1." + std::to_string(2 + rng_.below(200));
        a.action = "blocked";
        a.count = 1 + rng_.below(30);
        ctx_.clock.set(a.at + kMinute);
        auto res = desk_.Ingest({a}, {}, {});
        if (!res.ok()) return In(res.status(), "background alerts");
      }
    }
    return Status::Ok();
  }

  // What the 神奈川 desk and 湘南精機 find open at the load.
  Status OpenWork() {
    const Made& m = made_[kKanagawa];
    const domain::Actor& agent = m.agents[0];
    const std::string record = "open work (kanagawa)";
    // 湘南精機: a completed consultation with the desk's answer, weeks ago.
    RENKEI_ASSIGN_OR_RETURN(auto owner, ctx_.As("owner@shonan-seiki.example", file_, record));
    ctx_.clock.set(WorkingTime(rng_, day_, 21));
    domain::NewTicket mine;
    mine.kind = "contact";
    mine.category = "installation";
    mine.subject = "UTMのランプが橙色に点灯しています";
    mine.body = "今朝からUTMのランプが橙色です。何か設定が必要でしょうか。";
    auto opened = desk_.Open(owner, mine);
    if (!opened.ok()) return In(opened.status(), record);
    const auto shonan_first = opened.value().ticket.id;
    ctx_.clock.advance(35 * kMinute);
    RENKEI_RETURN_IF_ERROR(In(desk_
                                  .AddEntry(agent, shonan_first, "note",
                                            "ファームウェア更新の通知ランプ。夜間に自動更新予定。")
                                  .status(),
                              record));
    RENKEI_RETURN_IF_ERROR(In(desk_
                                  .AddEntry(agent, shonan_first, "message",
                                            "ファームウェア更新のお知らせのランプです。今夜自動で更"
                                            "新されますので、そのままお使いください。")
                                  .status(),
                              record));
    ctx_.clock.advance(kDay);
    domain::TicketChange done;
    done.status = "resolved";
    done.outcome = "ファームウェア更新の通知と説明。夜間に自動更新を確認。";
    done.assignee = agent.principal.user_id;
    RENKEI_RETURN_IF_ERROR(In(desk_.Change(agent, shonan_first, done).status(), record));
    ++tickets_;
    // 湘南精機 again, days later: mail pretending to come from it reached its customer; it
    // consented, and the desk warned 東北発電 (a supply-chain notice, TLP:AMBER).
    ctx_.clock.set(WorkingTime(rng_, day_, 14));
    domain::NewTicket spoof;
    spoof.kind = "contact";
    spoof.category = "security";
    spoof.subject = "当社を装った請求書メールが取引先に届いたようです";
    spoof.body =
        "取引先の東北発電様から、当社名義の請求書メールが届いたが本物かと問い合わせがありました。"
        "当社からは送っていません。";
    auto spoofed = desk_.Open(owner, spoof);
    if (!spoofed.ok()) return In(spoofed.status(), record);
    const auto spoof_id = spoofed.value().ticket.id;
    ctx_.clock.advance(20 * kMinute);
    RENKEI_RETURN_IF_ERROR(
        In(desk_
               .AddEntry(agent, spoof_id, "message",
                         "なりすましメールの可能性が高いです。取引先様への注意"
                         "喚起をこちらから代行できますので、同意をお願いします。")
               .status(),
           record));
    ctx_.clock.advance(40 * kMinute);
    RENKEI_RETURN_IF_ERROR(In(desk_.Consent(owner, spoof_id).status(), record));
    ctx_.clock.advance(15 * kMinute);
    RENKEI_ASSIGN_OR_RETURN(auto op, ctx_.As("member@denryoku.example", file_, record));
    domain::TicketShare notice;
    notice.operators = {op.principal.org_id};
    notice.tlp = domain::Tlp::kAmber;
    notice.title = "取引先（湘南精機株式会社）を装った請求書メールにご注意ください";
    notice.body =
        "湘南精機株式会社の名義で、請求書を装ったメールが送られています。同社は送信していません。"
        "\n\n- 件名: 【至急】請求書送付のご案内\n- 添付: 請求書.zip（パスワード付き）\n\n"
        "添付ファイルを開かず、社内で共有のうえ削除してください。";
    notice.action_requested = "社内への注意喚起と、受信していないかの確認をお願いします。";
    RENKEI_RETURN_IF_ERROR(In(desk_.Share(agent, spoof_id, notice).status(), record));
    domain::TicketChange closed;
    closed.status = "resolved";
    closed.outcome = "なりすましメールと判断。同意を得て取引先（東北発電）へ注意喚起を共有。";
    closed.assignee = agent.principal.user_id;
    ctx_.clock.advance(kHour);
    RENKEI_RETURN_IF_ERROR(In(desk_.Change(agent, spoof_id, closed).status(), record));
    ++tickets_;
    // Unassigned: a mail and a form from the last hours (one past its first response).
    const struct {
      int sme;
      const char* channel;
      const char* category;
      const char* subject;
      const char* body;
      Millis ago;
    } waiting[] = {
        {5, "mail", "installation", "UTMの管理画面に入れない",
         "管理画面のパスワードを忘れてしまいました。再設定の方法を教えてください。", 5 * kHour},
        {9, "web", "security", "取引先を装ったメールが届いた",
         "請求書の支払先変更を求めるメールが届きました。本物か確認したいです。", 50 * kMinute},
        {14, "mail", "participation", "来年度の継続について", "来年度も継続して利用できますか。",
         20 * kMinute},
    };
    for (const auto& w : waiting) {
      ctx_.clock.set(ctx_.now - w.ago);
      domain::NewTicket t;
      t.kind = "contact";
      t.category = w.category;
      t.subject = w.subject;
      t.body = w.body;
      if (std::string(w.channel) == "web") {
        // The SME's own form: as its person would send it (a user is made for it).
        RENKEI_ASSIGN_OR_RETURN(auto person,
                                AddSmePerson(m.smes[static_cast<size_t>(w.sme)], record));
        auto made = desk_.Open(person, t);
        if (!made.ok()) return In(made.status(), record);
      } else {
        t.sme = m.smes[static_cast<size_t>(w.sme)];
        t.channel = "mail";
        t.caller = "メール受付";
        auto made = desk_.Open(agent, t);
        if (!made.ok()) return In(made.status(), record);
      }
      ++tickets_;
    }
    // The agent's own: a call this morning, being worked remotely.
    ctx_.clock.set(ctx_.now - 3 * kHour);
    domain::NewTicket call;
    call.sme = m.smes[22];
    call.channel = "phone";
    call.kind = "incident";
    call.category = "remote";
    call.priority = "high";
    call.subject = "共有フォルダのファイル名が変わっている";
    call.body = "共有フォルダのファイルの拡張子が見慣れないものに変わっています。";
    call.caller = "総務部 ご担当者様";
    auto worked = desk_.Open(agent, call);
    if (!worked.ok()) return In(worked.status(), record);
    ctx_.clock.advance(10 * kMinute);
    domain::TicketChange remote;
    remote.status = "remote";
    RENKEI_RETURN_IF_ERROR(
        In(desk_.Change(agent, worked.value().ticket.id, remote).status(), record));
    RENKEI_RETURN_IF_ERROR(
        In(desk_
               .AddEntry(agent, worked.value().ticket.id, "note",
                         "暗号化の疑い。該当PCはLANから切り離し済み。ログ確認中。")
               .status(),
           record));
    ++tickets_;
    // An engineer on the way (left, not yet arrived).
    ctx_.clock.set(ctx_.now - 2 * kHour);
    domain::NewTicket visit;
    visit.sme = m.smes[31];
    visit.channel = "phone";
    visit.kind = "incident";
    visit.category = "remote";
    visit.priority = "urgent";
    visit.subject = "複数のパソコンでウイルス警告";
    visit.body = "事務所のパソコン4台で同時にウイルス警告が出ています。";
    visit.caller = "代表者様";
    auto v = desk_.Open(m.agents[1], visit);
    if (!v.ok()) return In(v.status(), record);
    ctx_.clock.advance(20 * kMinute);
    auto d =
        desk_.RequestDispatch(m.agents[1], v.value().ticket.id, "山口 健太", "工具と代替PCを持参");
    if (!d.ok()) return In(d.status(), record);
    ctx_.clock.advance(25 * kMinute);
    RENKEI_RETURN_IF_ERROR(
        In(desk_
               .StepDispatch(m.agents[1], v.value().ticket.id, d.value().dispatches.back().id,
                             domain::DispatchStep::kLeft)
               .status(),
           record));
    ++tickets_;
    // 湘南精機's UTM raised an alert minutes ago: the intake opened a ticket, nobody has it.
    RENKEI_ASSIGN_OR_RETURN(auto alert,
                            AlertTicket(m, 0, ctx_.now - 12 * kMinute, "c2", 9, record));
    (void)alert;
    ++tickets_;
    ctx_.clock.set(ctx_.now);
    return Status::Ok();
  }

  Result<domain::Actor> AddSmePerson(OrgId sme, const std::string& record) {
    const std::string email = "staff" + std::to_string(sme.value) + "@sme.example";
    domain::User u;
    u.org_id = sme;
    u.email = email;
    u.display_name = "中小 花子";
    u.roles = {domain::Role::kMember};
    auto made = dir_.CreateUser(ctx_.loader, std::move(u), password_);
    if (!made.ok()) return In(made.status(), record);
    return ctx_.As(email, file_, record);
  }

  Context& ctx_;
  const DemoFile& file_;
  const domain::CheckedPassword& password_;
  domain::DirectoryService dir_;
  domain::SharingService sharing_;
  domain::DeskService desk_;
  Rng rng_;
  Millis day_ = 0;
  std::vector<Made> made_;
  int tickets_ = 0;
};

}  // namespace

Result<int> LoadDesk(Context& ctx, const DemoFile& file, const domain::CheckedPassword& password) {
  return DeskLoader(ctx, file, password).Run();
}

}  // namespace renkei::app::demo
