#include "domain/text_patterns/place_patterns.h"

#include <algorithm>
#include <span>
#include <string>

#include "domain/text_patterns/aho_corasick.h"
#include "domain/text_patterns/ascii.h"
#include "domain/text_patterns/japanese_chars.h"

namespace renkei::domain::text_patterns {
namespace {

// Words that end a facility's name.
constexpr std::string_view kFacilityWords[] = {
    "発電所", "変電所",     "開閉所",   "変換所", "整圧所", "製油所",   "製作所", "事業所",
    "営業所", "出張所",     "研究所",   "事務所", "事務室", "指令所",   "制御所", "浄水場",
    "配水場", "処理場",     "ポンプ場", "工場",   "支店",   "本店",     "支社",   "センター",
    "病院",   "クリニック", "診療所",   "医院",   "駅",     "空港",     "港",     "埠頭",
    "ふ頭",   "ターミナル", "ヤード",   "倉庫",   "運転区", "車両基地", "中継局", "放送所",
    "送信所", "苑",         "ダム",     "油槽所", "貯蔵所", "配水池",   "浄水池", "オフィス"};
// Words that end a municipality or ward; 〒 starts a postal code.
constexpr std::string_view kUnitWords[] = {"市", "区", "町", "村", "郡"};
constexpr std::string_view kPostalMark = "〒";

// Words that say what kind of facility it is, not which one: a name made only of these
// (and ordinals) is generic (監視センター, 中央給電指令所, 旅客ターミナル, 同工場).
constexpr std::string_view kGenericWords[] = {
    "ネットワーク", "オペレーション", "セキュリティ", "カスタマー", "テクニカル", "コンタクト",
    "バックアップ", "サイバー",       "サポート",     "サービス",   "システム",   "コンテナ",
    "データ",       "コール",         "メイン",       "テスト",     "サブ",       "サテライト",
    "シェアード",   "ガス",           "中継",         "改札",       "中央",       "給電",
    "指令",         "監視",           "運用",         "配送",       "物流",       "貨物",
    "介護",         "総合",           "供給",         "内科",       "外科",       "歯科",
    "小児科",       "旅客",           "自動",         "技術",       "研究",       "開発",
    "研修",         "情報",           "本番",         "予備",       "災害対策",   "運転",
    "保守",         "管理",           "制御",         "防災",       "統合",       "集中",
    "配電",         "変電",           "発電",         "送電",       "浄水",       "配水",
    "下水",         "処理",           "営業",         "事業",       "製造",       "生産",
    "工事",         "整備",           "検査",         "支援",       "受付",       "顧客",
    "地域",         "広域",           "臨時",         "仮設",       "主要",       "一部",
    "複数",         "既設",           "既存",         "新設",       "新規",       "大型",
    "小型",         "大規模",         "小規模",       "国内",       "海外",       "市内",
    "県内",         "都内",           "管内",         "構内",       "社内",       "近隣",
    "周辺",         "該当",           "対象",         "関係",       "関連",       "当該",
    "被災",         "被害",           "火力",         "原子力",     "水力",       "風力",
    "地熱",         "太陽光",         "無人",         "有人",       "地下",       "屋内",
    "屋外",         "一次",           "二次",         "超高圧",     "高圧",       "低圧",
    "基幹",         "系統",           "受電",         "特高",       "一般",       "化学",
    "製鉄",         "自動車",         "食品",         "製薬",       "半導体",     "部品",
    "組立",         "製紙",           "本社",         "当社",       "弊社",       "自社",
    "同社",         "他社",           "各社",         "県立",       "市立",       "町立",
    "村立",         "国立",           "公立",         "私立",       "都立",       "府立",
    "道立"};
// One-character words that make a name generic at its start (同工場, 各変電所, 本センター).
constexpr std::string_view kGenericLeads[] = {"当", "同", "各", "全", "他", "本",
                                              "両", "旧", "新", "元", "大", "小"};
// What is generic only as the whole name left (関西支社, 日本支社, 東工場).
constexpr std::string_view kGenericWholes[] = {"日本", "関西", "関東", "東日本", "西日本", "首都圏",
                                               "全国", "東",   "西",   "南",     "北",     "中",
                                               "東部", "西部", "南部", "北部",   "中部",   "第"};
// Words that end a company's name (潮騒化学 鹿嶋事業所: the company before the facility).
constexpr std::string_view kBusinessWords[] = {
    "鉄道", "電鉄", "銀行", "信用金庫",   "信金",           "化学",      "電力", "発電",
    "送電", "ガス", "石油", "運輸",       "交通",           "通信",      "電機", "電気",
    "工業", "重工", "建設", "物流",       "港湾",           "航空",      "精機", "商事",
    "産業", "水道", "製薬", "エネルギー", "ロジスティクス", "エアライン"};

// Municipality names that are generic words (政令市, 近隣市, 卸売市場).
constexpr std::string_view kGenericCityNames[] = {
    "政令", "政令指定都", "近隣", "周辺",   "隣接", "中核",   "特例", "指定",
    "該当", "対象",       "関係", "地方都", "大都", "主要都", "城下", "門前",
    "株式", "証券",       "卸売", "青果",   "見本", "各都"};
// The wards of Tokyo, the only wards named without their city.
constexpr std::string_view kTokyoWards[] = {"千代田", "中央", "港",   "新宿", "文京",  "台東",
                                            "墨田",   "江東", "品川", "目黒", "大田",  "世田谷",
                                            "渋谷",   "中野", "杉並", "豊島", "北",    "荒川",
                                            "板橋",   "練馬", "足立", "葛飾", "江戸川"};

enum class Word { kFacility, kUnit, kPostal };

// The words of PlaceWords(): facility words, then unit words, then the postal mark.
struct Table {
  std::vector<std::string_view> words;
  std::vector<Word> kinds;
  Table() {
    for (std::string_view w : kFacilityWords) Add(w, Word::kFacility);
    for (std::string_view w : kUnitWords) Add(w, Word::kUnit);
    Add(kPostalMark, Word::kPostal);
  }
  void Add(std::string_view w, Word kind) {
    words.push_back(w);
    kinds.push_back(kind);
  }
};

const Table& Words() {
  static const Table t;
  return t;
}

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

template <size_t N>
bool OneOf(std::string_view s, const std::string_view (&list)[N]) {
  for (std::string_view w : list)
    if (s == w) return true;
  return false;
}

// Whether the name before a facility word says only what kind of facility it is.
bool GenericName(std::string_view h) {
  for (bool again = true; again && !h.empty();) {
    again = false;
    // Ordinals and numbers at the end: 第二, 第2, 2.
    size_t e = h.size();
    while (e > 0 && IsAsciiDigit(CharBefore(h, e).cp)) --e;
    if (e > 0 && CharBefore(h, e).cp == U'第') {
      e -= CharBefore(h, e).len;
    } else {
      size_t k = e;
      while (k > 0 && IsKanjiNumeral(CharBefore(h, k).cp)) k -= 3;
      if (k < e && k > 0 && CharBefore(h, k).cp == U'第') e = k - 3;
    }
    if (e < h.size()) {
      h = h.substr(0, e);
      again = true;
      continue;
    }
    for (std::string_view g : kGenericWords) {
      if (h.size() >= g.size() && h.substr(0, g.size()) == g) {
        h.remove_prefix(g.size());
        again = true;
        break;
      }
      if (EndsWith(h, g)) {
        h.remove_suffix(g.size());
        again = true;
        break;
      }
    }
    if (again) continue;
    for (std::string_view g : kGenericLeads) {
      if (h.size() > g.size() && h.substr(0, g.size()) == g) {
        h.remove_prefix(g.size());
        again = true;
        break;
      }
      if (h == g) return true;
    }
  }
  return h.empty() || OneOf(h, kGenericWholes);
}

void Facility(std::string_view t, size_t sb, size_t se, std::vector<PlaceMatch>& out) {
  // One-character words start other words when a kanji follows (駅務, 港湾).
  if (se - sb == 3 && IsKanji(CharAt(t, se).cp)) return;
  const size_t hb = NameStartBefore(t, sb, 12);
  if (hb == sb || GenericName(t.substr(hb, sb - hb))) return;
  size_t begin = hb;
  // A company and a space before it: みなと第一銀行 港南支店.
  const Char sp = CharBefore(t, hb);
  if (IsSpace(sp.cp)) {
    const size_t ob = NameStartBefore(t, hb - sp.len, 12);
    std::string_view company = t.substr(ob, hb - sp.len - ob);
    for (std::string_view w : kBusinessWords)
      if (company.size() > w.size() && EndsWith(company, w)) begin = ob;
  }
  out.push_back({begin, se, PlaceKind::kFacility});
}

// The start of a municipality's name ending at byte u (its 市, 区 …), stopping after a
// prefecture (宮城県|仙台市); npos when the kanji run goes on beyond five characters.
struct CityName {
  size_t begin = std::string_view::npos;
  int chars = 0;
  bool after_prefecture = false;
};
CityName NameOfCity(std::string_view t, size_t u) {
  CityName n;
  size_t i = u;
  while (true) {
    const Char c = CharBefore(t, i);
    if (!IsKanji(c.cp)) break;
    if (n.chars == 0 && (c.cp == U'県' || c.cp == U'府')) return CityName{};  // 千葉県|市原市
    if (n.chars > 0) {
      const std::string_view before = t.substr(0, i - c.len);
      const Char a = CharBefore(before, before.size());
      const Char b = CharBefore(before, before.size() - a.len);
      if (((c.cp == U'県' || c.cp == U'府') && IsKanji(a.cp) && IsKanji(b.cp)) ||
          (c.cp == U'都' && EndsWith(before, "東京")) ||
          (c.cp == U'道' && EndsWith(before, "北海"))) {
        n.after_prefecture = true;
        break;
      }
    }
    if (n.chars == 5) return CityName{};
    i -= c.len;
    ++n.chars;
  }
  if (n.chars == 0) {  // さいたま市, いわき市
    size_t j = i;
    int k = 0;
    while (IsHiragana(CharBefore(t, j).cp)) {
      j -= CharBefore(t, j).len;
      ++k;
    }
    if (k < 3 || IsParticleEnd(CharBefore(t, i).cp) || k > 5) return CityName{};
    n.chars = k;
    i = j;
  }
  n.begin = i;
  return n;
}

// Wards, towns and blocks after a municipality: 青葉区, 一番町 (a kanji run ending in one).
size_t Units(std::string_view t, size_t end) {
  for (int units = 0; units < 3; ++units) {
    size_t k = end;
    bool found = false;
    for (int n = 0; n < 6; ++n) {
      const Char c = CharAt(t, k);
      if (!IsKanji(c.cp) && !IsKatakana(c.cp)) break;
      if (c.cp == U'区' || c.cp == U'町' || c.cp == U'村') {
        if (n > 0) {
          end = k + c.len;
          found = true;
        }
        break;
      }
      k += c.len;
    }
    if (!found) break;
  }
  return end;
}

// Block numbers: 1-2-3, 二丁目5番地12号, 梅田3丁目4番5号, 北1条西2丁目1番地.
size_t Blocks(std::string_view t, size_t pos) {
  size_t p = pos, best = pos;
  bool unit = false;
  int dashed = 0;
  for (int step = 0; step < 10; ++step) {
    // A district name before the number (丸の内, 霞が関, 五井海岸), then digits; or, where
    // no digits follow, a kanji number (二丁目).
    auto district = [&](bool numerals) {
      size_t r = p;
      for (int n = 0; n < 6; ++n) {
        const Char c = CharAt(t, r);
        const bool joiner = (c.cp == U'の' || c.cp == U'が' || c.cp == U'ノ' || c.cp == U'ケ') &&
                            n > 0 && IsKanji(CharAt(t, r + c.len).cp);
        if (!((IsKanji(c.cp) && (numerals || !IsKanjiNumeral(c.cp))) || IsKatakana(c.cp) || joiner))
          break;
        r += c.len;
      }
      return r;
    };
    size_t r = district(true);
    if (r >= t.size() || !IsDigit(static_cast<unsigned char>(t[r]))) r = district(false);
    size_t q = r;
    bool kanji_number = false;
    while (q < t.size() && IsDigit(static_cast<unsigned char>(t[q]))) ++q;
    if (q == r) {
      while (IsKanjiNumeral(CharAt(t, q).cp)) {
        q += 3;
        kanji_number = true;
      }
    }
    if (q == r) break;
    const std::string_view rest = t.substr(q);
    size_t u = 0;
    for (std::string_view w : {"丁目", "番地", "番", "号", "条"})
      if (StartsWith(rest, w)) {
        u = w.size();
        break;
      }
    if (u) {
      p = q + u;
      best = p;
      unit = true;
      continue;
    }
    if (kanji_number) break;
    if (!rest.empty() && rest[0] == '-') {
      ++dashed;
      if (dashed >= 2 || unit) best = q;
      p = q + 1;
      continue;
    }
    if (p > pos && t[p - 1] == '-' && (dashed >= 1)) best = q;
    break;
  }
  return unit || dashed >= 2 ? best : pos;
}

// A building and floor after the block: テストビル5階, サンプルタワー21F.
size_t Building(std::string_view t, size_t pos) {
  size_t p = pos;
  if (IsSpace(CharAt(t, p).cp)) p += CharAt(t, p).len;
  size_t r = p;
  int n = 0;
  for (; n < 15; ++n) {
    const Char c = CharAt(t, r);
    if (!(IsKanji(c.cp) || IsKatakana(c.cp) || (c.cp < 0x80 && IsAlpha(c.cp)))) break;
    r += c.len;
  }
  const std::string_view name = t.substr(p, r - p);
  size_t q = r;
  while (q < t.size() && IsDigit(static_cast<unsigned char>(t[q]))) ++q;
  if (q > r)
    for (std::string_view w : {"階", "F", "号室", "号館"})
      if (StartsWith(t.substr(q), w)) return q + w.size();
  for (std::string_view w : {"ビル", "ビルディング", "タワー", "プラザ", "館", "ハイツ",
                             "マンション", "荘", "棟", "スクエア", "ヒルズ"})
    if (n >= 3 && EndsWith(name, w)) return r;
  return pos;
}

// A municipality (and what follows it) ending in the unit at [ub, ue); its end or 0.
void Address(std::string_view t, size_t ub, size_t ue, std::vector<PlaceMatch>& out) {
  const CityName name = NameOfCity(t, ub);
  if (name.begin == std::string_view::npos) return;
  const std::string_view unit = t.substr(ub, ue - ub);
  const std::string_view n = t.substr(name.begin, ub - name.begin);
  if (unit == "市") {
    if (name.chars < 2 && !name.after_prefecture) return;
    if (OneOf(n, kGenericCityNames)) return;
    const std::string_view after = t.substr(ue);
    for (std::string_view w : {"場", "販", "況", "町村"})
      if (StartsWith(after, w)) return;
  } else if (unit == "区") {
    if (!OneOf(n, kTokyoWards) &&
        !(name.after_prefecture && EndsWith(t.substr(0, name.begin), "都")))
      return;
  } else if (!name.after_prefecture) {  // 郡, 町, 村 only right after the prefecture
    return;
  }
  size_t end = Units(t, ue);
  const size_t blocks = Blocks(t, end);
  if (blocks > end) end = Building(t, blocks);
  out.push_back({name.begin, end, PlaceKind::kAddress});
}

void Postal(std::string_view t, size_t mb, size_t me, std::vector<PlaceMatch>& out) {
  size_t p = me;
  if (IsSpace(CharAt(t, p).cp)) p += CharAt(t, p).len;
  auto digits = [&](size_t at, size_t n) {
    for (size_t k = 0; k < n; ++k)
      if (at + k >= t.size() || !IsDigit(static_cast<unsigned char>(t[at + k]))) return false;
    return true;
  };
  if (digits(p, 3) && p + 3 < t.size() && t[p + 3] == '-' && digits(p + 4, 4) &&
      !(p + 8 < t.size() && IsDigit(static_cast<unsigned char>(t[p + 8]))))
    out.push_back({mb, p + 8, PlaceKind::kAddress});
}

// ---- English: "Tohoku No.2 Power Station", "Aoba-ku, Sendai 980-0811" ----------------

// The last word of a facility's name in English.
constexpr std::string_view kFacilityNounsEn[] = {
    "Station", "Substation", "Plant",    "Refinery", "Works",  "Factory",   "Hospital",
    "Clinic",  "Airport",    "Terminal", "Centre",   "Center", "Warehouse", "Depot",
    "Yard",    "Dam",        "Port",     "Mill",     "Office", "Branch"};
// Words that say what kind of facility it is (Security Operations Center, Our Data Centre).
constexpr std::string_view kGenericEn[] = {"Power",
                                           "Thermal",
                                           "Nuclear",
                                           "Hydro",
                                           "Wind",
                                           "Solar",
                                           "Water",
                                           "Purification",
                                           "Treatment",
                                           "Pumping",
                                           "Pump",
                                           "Governor",
                                           "Switching",
                                           "Converter",
                                           "Container",
                                           "Cargo",
                                           "Distribution",
                                           "Data",
                                           "Operations",
                                           "Operation",
                                           "Control",
                                           "Central",
                                           "Main",
                                           "General",
                                           "Internal",
                                           "Medicine",
                                           "Medical",
                                           "Regional",
                                           "Coastal",
                                           "Security",
                                           "Information",
                                           "Network",
                                           "Monitoring",
                                           "Call",
                                           "Service",
                                           "Services",
                                           "Support",
                                           "Customer",
                                           "Test",
                                           "Backup",
                                           "Head",
                                           "Branch",
                                           "Sales",
                                           "Logistics",
                                           "Parking",
                                           "Train",
                                           "Bus",
                                           "Railway",
                                           "Rail",
                                           "Gas",
                                           "Oil",
                                           "Fuel",
                                           "Chemical",
                                           "North",
                                           "South",
                                           "East",
                                           "West",
                                           "New",
                                           "Old",
                                           "Terminal",
                                           "Station",
                                           "Plant",
                                           "Center",
                                           "Centre",
                                           "Airport",
                                           "Japan",
                                           "Japanese",
                                           "Global",
                                           "International",
                                           "National",
                                           "City",
                                           "Prefectural",
                                           "Municipal",
                                           "Public",
                                           "Private",
                                           "University",
                                           "The",
                                           "Our",
                                           "A",
                                           "An",
                                           "This",
                                           "That",
                                           "Each",
                                           "Every",
                                           "Some",
                                           "Any",
                                           "At",
                                           "In",
                                           "On",
                                           "Of",
                                           "From",
                                           "Per",
                                           "To",
                                           "By",
                                           "For",
                                           "And",
                                           "With",
                                           "Its",
                                           "Their",
                                           "His",
                                           "Her",
                                           "Near",
                                           "Both",
                                           "All",
                                           "Remote",
                                           "Local",
                                           "Primary",
                                           "Secondary",
                                           "Disaster",
                                           "Recovery",
                                           "Emergency",
                                           "Training",
                                           "Development",
                                           "Research",
                                           "Engineering",
                                           "Maintenance",
                                           "Production",
                                           "Manufacturing",
                                           "Assembly",
                                           "Storage",
                                           "Shipping",
                                           "Delivery",
                                           "Postal",
                                           "Ward",
                                           "Office",
                                           "Affairs",
                                           "Help",
                                           "Desk",
                                           "IT",
                                           "SOC",
                                           "NOC",
                                           "Cyber",
                                           "Incident",
                                           "Response",
                                           "Operations",
                                           "Fire",
                                           "Police",
                                           "Health"};
// Municipalities and prefectures in romanisation, for addresses written in English.
constexpr std::string_view kPlacesEn[] = {
    "Hokkaido",   "Aomori",     "Iwate",     "Miyagi",      "Akita",     "Yamagata",  "Fukushima",
    "Ibaraki",    "Tochigi",    "Gunma",     "Saitama",     "Chiba",     "Tokyo",     "Kanagawa",
    "Niigata",    "Toyama",     "Ishikawa",  "Fukui",       "Yamanashi", "Nagano",    "Gifu",
    "Shizuoka",   "Aichi",      "Mie",       "Shiga",       "Kyoto",     "Osaka",     "Hyogo",
    "Nara",       "Wakayama",   "Tottori",   "Shimane",     "Okayama",   "Hiroshima", "Yamaguchi",
    "Tokushima",  "Kagawa",     "Ehime",     "Kochi",       "Fukuoka",   "Saga",      "Nagasaki",
    "Kumamoto",   "Oita",       "Miyazaki",  "Kagoshima",   "Okinawa",   "Sapporo",   "Hakodate",
    "Asahikawa",  "Kushiro",    "Obihiro",   "Tomakomai",   "Otaru",     "Hachinohe", "Morioka",
    "Sendai",     "Ishinomaki", "Kesennuma", "Natori",      "Tagajo",    "Shiogama",  "Iwanuma",
    "Osaki",      "Sakata",     "Tsuruoka",  "Koriyama",    "Iwaki",     "Mito",      "Tsukuba",
    "Kamisu",     "Utsunomiya", "Maebashi",  "Takasaki",    "Kawaguchi", "Kawagoe",   "Tokorozawa",
    "Funabashi",  "Ichihara",   "Kashiwa",   "Narita",      "Kisarazu",  "Yokohama",  "Kawasaki",
    "Sagamihara", "Yokosuka",   "Fujisawa",  "Hachioji",    "Machida",   "Kanazawa",  "Kofu",
    "Matsumoto",  "Hamamatsu",  "Nagoya",    "Tsu",         "Otsu",      "Sakai",     "Kobe",
    "Himeji",     "Kurashiki",  "Fukuyama",  "Shimonoseki", "Takamatsu", "Matsuyama", "Kitakyushu",
    "Naha",       "Matsue",     "Kanazawa"};

bool EnglishIn(std::string_view w, const SortedWords& list) {
  if (w.empty() || !(w[0] >= 'A' && w[0] <= 'Z')) return false;  // all the lists are capitalised
  return list.Has(w);
}

struct EnWord {
  size_t b, e;
};

void EnglishPlaces(std::string_view t, std::vector<PlaceMatch>& out) {
  std::vector<EnWord> w;
  w.reserve(t.size() / 4);
  for (size_t i = 0; i < t.size();) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (!IsAlnum(c)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < t.size() &&
           (IsAlnum(static_cast<unsigned char>(t[j])) || t[j] == '-' ||
            (t[j] == '.' && j + 1 < t.size() && IsDigit(static_cast<unsigned char>(t[j + 1])))))
      ++j;
    while (j > i && t[j - 1] == '-') --j;
    w.push_back({i, j});
    i = j + (j == i);
  }
  auto word = [&](size_t k) { return t.substr(w[k].b, w[k].e - w[k].b); };
  auto sep = [&](size_t k) { return t.substr(w[k].e, w[k + 1].b - w[k].e); };  // after k
  auto capital = [&](size_t k) {
    const auto c = static_cast<unsigned char>(t[w[k].b]);
    return c >= 'A' && c <= 'Z';
  };
  auto numbered = [&](size_t k) {  // No.2, 3
    std::string_view x = word(k);
    if (x.substr(0, 3) == "No." && x.size() > 3) return true;
    return std::all_of(x.begin(), x.end(), [](char ch) { return IsDigit(ch); });
  };
  static const SortedWords nouns(kFacilityNounsEn), generic(kGenericEn), places(kPlacesEn);
  // Facilities.
  for (size_t k = 0; k < w.size(); ++k) {
    if (!EnglishIn(word(k), nouns)) continue;
    size_t first = k;
    bool proper = false;
    while (first > 0 && k - first < 5 && sep(first - 1) == " " &&
           (capital(first - 1) || numbered(first - 1)))
      --first;
    while (first < k && EnglishIn(word(first), generic) &&
           (word(first) == "The" || word(first) == "Our" || word(first) == "A" ||
            word(first) == "At" || word(first) == "In" || word(first) == "This"))
      ++first;
    for (size_t x = first; x < k; ++x)
      proper = proper || (!numbered(x) && !EnglishIn(word(x), generic));
    if (!proper) continue;
    size_t last = k;
    if (k + 1 < w.size() && sep(k) == " " && numbered(k + 1)) last = k + 1;  // Terminal 2
    out.push_back({w[first].b, w[last].e, PlaceKind::kFacility});
  }
  // Addresses: streets, wards, cities, prefectures and postal codes joined by commas.
  enum Piece { kNone, kStreet, kPlace, kPostal };
  auto piece = [&](size_t k, size_t& last) -> Piece {
    std::string_view x = word(k);
    last = k;
    if (x.size() == 8 && x[3] == '-' &&
        std::count_if(x.begin(), x.end(), [](char ch) { return IsDigit(ch); }) == 7)
      return kPostal;
    if (capital(k) && x.size() > 4 && x.substr(x.size() - 3) == "-ku") return kPlace;
    if (capital(k) && k + 1 < w.size() && sep(k) == " " &&
        (word(k + 1) == "City" || word(k + 1) == "Prefecture")) {
      last = k + 1;
      return kPlace;
    }
    if (EnglishIn(x, places)) {
      if (k + 1 < w.size() && sep(k) == " " && word(k + 1) == "Prefecture") last = k + 1;
      return kPlace;
    }
    // 1-2-3 Ichibancho, 7-1 Honcho 1-chome, 2-1-1 Kita 1-jo Nishi.
    if (IsDigit(static_cast<unsigned char>(x[0])) && x.find('-') != std::string_view::npos &&
        std::all_of(x.begin(), x.end(), [](char ch) { return IsDigit(ch) || ch == '-'; }) &&
        k + 1 < w.size() && sep(k) == " " && capital(k + 1)) {
      last = k + 1;
      while (last + 1 < w.size() && sep(last) == " " &&
             (word(last + 1).find("-chome") != std::string_view::npos ||
              word(last + 1).find("-jo") != std::string_view::npos || word(last + 1) == "Nishi" ||
              word(last + 1) == "Higashi" || word(last + 1) == "Kita" ||
              word(last + 1) == "Minami"))
        ++last;
      return kStreet;
    }
    return kNone;
  };
  for (size_t k = 0; k < w.size();) {
    size_t last = k;
    Piece p = piece(k, last);
    if (p == kNone || p == kPostal) {
      ++k;
      continue;
    }
    bool place = p == kPlace;
    size_t end = last;
    while (end + 1 < w.size()) {
      const std::string_view s = sep(end);
      size_t l2 = end + 1;
      const Piece q = piece(end + 1, l2);
      if (q == kNone || !(s == ", " || (s == " " && q == kPostal))) break;
      place = place || q == kPlace;
      end = l2;
    }
    if (place) out.push_back({w[k].b, w[end].e, PlaceKind::kAddress});
    k = end + 1;
  }
}

}  // namespace

size_t NameStartBefore(std::string_view t, size_t at, size_t max_chars) {
  size_t i = at, n = 0;
  while (n < max_chars) {
    const Char c = CharBefore(t, i);
    if (c.len == 0) break;
    if (IsKanji(c.cp) || IsKatakana(c.cp) || IsAsciiDigit(c.cp) || c.cp == U'・') {
      i -= c.len;
      ++n;
      continue;
    }
    if (!IsHiragana(c.cp)) break;
    // A hiragana run: a name when long enough and not ending in a particle.
    size_t j = i, k = 0;
    while (IsHiragana(CharBefore(t, j).cp)) {
      j -= CharBefore(t, j).len;
      ++k;
    }
    const char32_t first = CharAt(t, j).cp;
    bool dropped = false;
    if (IsParticleEnd(first) || first == U'と' || first == U'も' || first == U'や') {
      j += 3;  // a particle before the name: は|しらかし, に|あけぼの
      --k;
      dropped = true;
    }
    // Verb and adjective endings (している, である, 新しい) are not a name either; a run
    // ending in の is one only when long and without て, で, に, と (あけぼの, not ついての).
    const bool inflected = c.cp == U'る' || c.cp == U'た' || c.cp == U'て' || c.cp == U'い' ||
                           c.cp == U'す' || c.cp == U'う' || c.cp == U'ず';
    bool no_ending = c.cp == U'の' && k >= 4;
    for (size_t x = j; x + 3 < i && no_ending; x += 3) {
      const char32_t h = CharAt(t, x).cp;
      no_ending = h != U'て' && h != U'で' && h != U'に' && h != U'と';
    }
    if (k < 3 || inflected || (IsParticleEnd(c.cp) && !no_ending)) break;
    i = j;
    n += k;
    if (dropped) break;
  }
  return i;
}

WordList PlaceWords() { return Words().words; }

void ScanPlaces(std::string_view text, std::span<const WordHit> hits,
                std::vector<PlaceMatch>& out) {
  EnglishPlaces(text, out);
  const Table& w = Words();
  size_t address_end = 0;
  for (const WordHit& h : hits) {
    switch (w.kinds[static_cast<size_t>(h.id)]) {
      case Word::kFacility:
        Facility(text, h.begin, h.end, out);
        break;
      case Word::kPostal:
        Postal(text, h.begin, h.end, out);
        break;
      case Word::kUnit:
        if (h.begin < address_end) break;
        {
          const size_t before = out.size();
          Address(text, h.begin, h.end, out);
          if (out.size() > before) address_end = out.back().end;
        }
        break;
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const PlaceMatch& a, const PlaceMatch& b) { return a.begin < b.begin; });
}

void ScanPlaces(std::string_view text, std::vector<PlaceMatch>& out) {
  static const WordFinder finder(PlaceWords());
  std::vector<WordHit> hits;
  finder.Find(text, hits);
  ScanPlaces(text, hits, out);
}

}  // namespace renkei::domain::text_patterns
