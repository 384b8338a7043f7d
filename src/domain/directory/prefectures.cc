#include "domain/directory/directory.h"

namespace renkei::domain {

// clang-format off
const Prefecture kPrefectures[47] = {
    {"北海道", "Hokkaido", "hokkaido"},   {"青森県", "Aomori", "tohoku"},
    {"岩手県", "Iwate", "tohoku"},        {"宮城県", "Miyagi", "tohoku"},
    {"秋田県", "Akita", "tohoku"},        {"山形県", "Yamagata", "tohoku"},
    {"福島県", "Fukushima", "tohoku"},    {"茨城県", "Ibaraki", "kanto"},
    {"栃木県", "Tochigi", "kanto"},       {"群馬県", "Gunma", "kanto"},
    {"埼玉県", "Saitama", "kanto"},       {"千葉県", "Chiba", "kanto"},
    {"東京都", "Tokyo", "kanto"},         {"神奈川県", "Kanagawa", "kanto"},
    {"新潟県", "Niigata", "chubu"},       {"富山県", "Toyama", "chubu"},
    {"石川県", "Ishikawa", "chubu"},      {"福井県", "Fukui", "chubu"},
    {"山梨県", "Yamanashi", "chubu"},     {"長野県", "Nagano", "chubu"},
    {"岐阜県", "Gifu", "chubu"},          {"静岡県", "Shizuoka", "chubu"},
    {"愛知県", "Aichi", "chubu"},         {"三重県", "Mie", "kinki"},
    {"滋賀県", "Shiga", "kinki"},         {"京都府", "Kyoto", "kinki"},
    {"大阪府", "Osaka", "kinki"},         {"兵庫県", "Hyogo", "kinki"},
    {"奈良県", "Nara", "kinki"},          {"和歌山県", "Wakayama", "kinki"},
    {"鳥取県", "Tottori", "chugoku"},     {"島根県", "Shimane", "chugoku"},
    {"岡山県", "Okayama", "chugoku"},     {"広島県", "Hiroshima", "chugoku"},
    {"山口県", "Yamaguchi", "chugoku"},   {"徳島県", "Tokushima", "shikoku"},
    {"香川県", "Kagawa", "shikoku"},      {"愛媛県", "Ehime", "shikoku"},
    {"高知県", "Kochi", "shikoku"},       {"福岡県", "Fukuoka", "kyushu"},
    {"佐賀県", "Saga", "kyushu"},         {"長崎県", "Nagasaki", "kyushu"},
    {"熊本県", "Kumamoto", "kyushu"},     {"大分県", "Oita", "kyushu"},
    {"宮崎県", "Miyazaki", "kyushu"},     {"鹿児島県", "Kagoshima", "kyushu"},
    {"沖縄県", "Okinawa", "okinawa"},
};
// clang-format on

namespace {

struct Region {
  const char* code;
  const char* name_ja;
  const char* name_en;
};
constexpr Region kRegions[] = {
    {"hokkaido", "北海道地方", "Hokkaido region"}, {"tohoku", "東北地方", "Tohoku region"},
    {"kanto", "関東地方", "Kanto region"},         {"chubu", "中部地方", "Chubu region"},
    {"kinki", "近畿地方", "Kinki region"},         {"chugoku", "中国地方", "Chugoku region"},
    {"shikoku", "四国地方", "Shikoku region"},     {"kyushu", "九州地方", "Kyushu region"},
    {"okinawa", "沖縄地方", "Okinawa region"}};

const Region* FindRegion(std::string_view code) {
  for (const auto& r : kRegions)
    if (code == r.code) return &r;
  return nullptr;
}

}  // namespace

const char* RegionNameJa(std::string_view region) {
  const Region* r = FindRegion(region);
  return r ? r->name_ja : "";
}

const char* RegionNameEn(std::string_view region) {
  const Region* r = FindRegion(region);
  return r ? r->name_en : "";
}

}  // namespace renkei::domain
