#include "domain/text_patterns/person_names.h"

#include <string>

#include "domain/text_patterns/ascii.h"

namespace renkei::domain::text_patterns {
namespace {

// clang-format off
constexpr std::string_view kGiven[] = {
    // English and European
    "aaron", "adam", "adrian", "aidan", "alan", "albert", "alex", "alexander", "alexandra",
    "alice", "alicia", "alison", "amanda", "amelia", "amy", "andrea", "andrew", "angela", "anna",
    "anne", "anthony", "antonio", "ashley", "barbara", "benjamin", "brandon", "brian", "bruce",
    "carlos", "carol", "caroline", "catherine", "charles", "charlotte", "chloe", "chris",
    "christian", "christina", "christine", "christopher", "claire", "craig", "daniel", "david",
    "deborah", "dennis", "diana", "donald", "douglas", "edward", "elena", "elizabeth", "ellen",
    "emily", "emma", "eric", "ethan", "eva", "fatima", "fernando", "francesca", "frank",
    "gary", "george", "giulia", "grace", "gregory", "hannah", "harry", "heather", "helen",
    "henry", "hugo", "ian", "isabella", "jack", "jacob", "james", "jane", "janet", "jason",
    "jennifer", "jeremy", "jessica", "joan", "joe", "john", "jonathan", "jose", "joseph",
    "joshua", "juan", "julia", "julie", "karen", "katherine", "kathleen", "kelly", "kevin",
    "kimberly", "laura", "lauren", "lisa", "louis", "lucas", "lucy", "luis", "lukas", "maria",
    "marco", "margaret", "maria", "marie", "martin", "mary", "matthew", "megan", "melissa",
    "michael", "michelle", "mohammed", "muhammad", "nancy", "natalie", "nathan", "nicholas",
    "nicole", "noah", "oliver", "olivia", "pablo", "patricia", "patrick", "paul", "peter",
    "philip", "pierre", "priya", "rachel", "rajesh", "raymond", "rebecca", "richard", "robert",
    "ronald", "ryan", "samuel", "sandra", "sarah", "scott", "sean", "sebastian", "sophia",
    "sophie", "stephanie", "stephen", "steven", "susan", "thomas", "timothy", "victoria",
    "vincent", "walter", "william", "zoe",
    // Japanese given names
    "aiko", "akane", "akemi", "akihiro", "akiko", "akira", "asuka", "atsushi", "ayaka", "ayako",
    "ayumi", "chie", "chihiro", "daichi", "daisuke", "emi", "eri", "fumiko", "haruka", "haruki",
    "haruto", "hayato", "hideki", "hideo", "hikari", "hiroaki", "hiroki", "hiroko", "hiromi",
    "hiroshi", "hiroto", "hiroyuki", "hisashi", "ichiro", "jiro", "jun", "junichi", "junko",
    "kana", "kanako", "ken", "takumi", "ren", "kaori", "kaoru", "katsuya", "kazuki", "kazuko", "kazuo", "kazuya", "keiko",
    "keisuke", "kenji", "kenichi", "kenta", "kentaro", "koji", "kota", "kumiko", "mai", "maki",
    "makoto", "mami", "mamoru", "mana", "mari", "mariko", "masahiro", "masaki", "masako",
    "masao", "masaru", "masashi", "masato", "mayumi", "megumi", "miho", "mika", "miki", "minoru",
    "misaki", "mitsuru", "miyuki", "momoko", "nana", "naoki", "naoko", "naomi", "naoto", "natsuki",
    "noriko", "nozomi", "osamu", "riku", "rina", "ryo", "ryoko", "ryota", "ryusuke", "sachiko",
    "saki", "satoru", "satoshi", "sayaka", "shigeru", "shinichi", "shinji", "sho", "shota",
    "shun", "sota", "takashi", "takeshi", "takuya", "taro", "tatsuya", "tetsuya", "tomoko",
    "tomoya", "toru", "toshiaki", "toshiko", "tsuyoshi", "yasuko", "yasushi", "yoko", "yoshiko",
    "yoshio", "yosuke", "yuichi", "yuji", "yuka", "yukari", "yuki", "yukiko", "yumi", "yumiko",
    "yusuke", "yuta", "yuto", "yutaka", "yuya"};

constexpr std::string_view kSurnames[] = {
    "abe", "aoki", "arai", "endo", "fujii", "fujita", "fujiwara", "fukuda", "goto", "hara",
    "harada", "hasegawa", "higa", "hashimoto", "hayashi", "hirano", "ikeda", "imai", "inoue", "ishida",
    "ishii", "ishikawa", "ito", "kaneko", "kato", "kikuchi", "kimura", "kobayashi", "kondo",
    "kudo", "maeda", "maruyama", "masuda", "matsuda", "matsui", "matsumoto", "miura", "miyamoto",
    "miyazaki", "mori", "morita", "murakami", "murata", "nakagawa", "nakajima", "nakamura",
    "nakano", "nakayama", "nishimura", "noguchi", "ogawa", "okada", "okamoto", "ono", "ota",
    "saito", "sakai", "sakamoto", "sasaki", "sato", "shibata", "shimizu", "sugiyama", "suzuki",
    "takada", "takagi", "takahashi", "takeda", "takeuchi", "tamura", "tanaka", "ueda", "ueno",
    "uchida", "wada", "watanabe", "yamada", "yamaguchi", "yamamoto", "yamashita", "yamazaki",
    "yasuda", "yokoyama", "yoshida", "yoshikawa"};
// clang-format on

// Whether the word, lower-cased, is in the (lower-case) list.
bool HasLower(const SortedWords& list, std::string_view w) {
  if (w.size() > 16) return false;
  char lower[16];
  for (size_t i = 0; i < w.size(); ++i)
    lower[i] = static_cast<char>(AsciiLower(static_cast<unsigned char>(w[i])));
  return list.Has(std::string_view(lower, w.size()));
}

}  // namespace

bool IsGivenName(std::string_view word) {
  static const SortedWords given(kGiven);
  return HasLower(given, word);
}

bool IsJapaneseSurname(std::string_view word) {
  static const SortedWords surnames(kSurnames);
  return HasLower(surnames, word);
}

}  // namespace renkei::domain::text_patterns
