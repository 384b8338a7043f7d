// The words of exported files: what the CSV and .xlsx say is what the screen says, read from
// the web's language files (http/export.h). Every word a file asks for and every audit action
// the code writes must be there in Japanese and English, or a file (and the audit log on
// screen, labels.ts) would show a key or a code instead of words.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "http/export.h"

namespace renkei::testing {
namespace {

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every C++ file under src/<dir>, concatenated.
std::string SourceText(const std::string& dir) {
  std::string all;
  for (const auto& e : std::filesystem::recursive_directory_iterator(
           std::string(RENKEI_SOURCE_DIR) + "/src/" + dir)) {
    const auto ext = e.path().extension();
    if (ext == ".cc" || ext == ".h") all += Read(e.path()) + '\n';
  }
  return all;
}

std::set<std::string> Matches(const std::string& text, const std::regex& re) {
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
    out.insert((*it)[1].str());
  return out;
}

TEST(ExportWords, EveryHeaderAndWordAFileUsesIsInBothLanguages) {
  // The keys the export code names: its "exports.…" and "names.…" literals.
  const auto keys =
      Matches(SourceText("http"), std::regex(R"re("((?:exports|names)\.[A-Za-z_.]*[A-Za-z_])")re"));
  ASSERT_GT(keys.size(), 20u);
  for (const auto& key : keys) {
    for (Lang lang : {Lang::kJa, Lang::kEn}) {
      EXPECT_NE(http::Words(lang, key), key) << key << " is missing from web/src/i18n/"
                                             << (lang == Lang::kJa ? "ja" : "en") << ".json";
    }
  }
  EXPECT_EQ(http::Words(Lang::kJa, "exports.deliveries.org"), "組織");
  EXPECT_EQ(http::Words(Lang::kEn, "exports.deliveries.org"), "Organisation");
}

// Fails first on main: assessment.read and report.read had no words, so the audit log showed
// the codes.
TEST(ExportWords, Issue16_EveryAuditActionTheCodeWritesHasWords) {
  const std::string src = SourceText("domain") + SourceText("app");
  // Actions are "<target>.<verb>" literals; exports are "export.<list>".
  auto actions = Matches(
      src,
      std::regex(
          R"re("((?:assessment|community|desk|hub|item|organisation|report|sector|session|token|user)\.[a-z_]+)")re"));
  // A literal ending in '_' is a prefix the code completes: the desk writes these from a
  // prefix and a step or an entry kind.
  std::erase_if(actions, [](const std::string& a) { return a.ends_with('_'); });
  for (const char* a : {"desk.dispatch_left", "desk.dispatch_arrived", "desk.dispatch_finished",
                        "desk.ticket_note", "desk.ticket_message"})
    actions.insert(a);
  for (const auto& list :
       Matches(src, std::regex(R"re(ExportAuditOf\(\s*[a-z_.]+,\s*[a-z_]+,\s*"([a-z_]+)")re")))
    actions.insert("export." + list);
  ASSERT_GT(actions.size(), 30u);
  EXPECT_TRUE(actions.count("export.deliveries") && actions.count("export.audit") &&
              actions.count("export.sector_status"));
  for (const auto& a : actions) {
    for (Lang lang : {Lang::kJa, Lang::kEn}) {
      EXPECT_NE(http::CodeWord(lang, "auditActions", a), a)
          << a << " has no words in names.auditActions of web/src/i18n/"
          << (lang == Lang::kJa ? "ja" : "en") << ".json";
    }
  }
  for (const char* t : {"desk_ticket", "desk_consortium"}) {
    for (Lang lang : {Lang::kJa, Lang::kEn}) EXPECT_NE(http::CodeWord(lang, "targets", t), t);
  }
  EXPECT_EQ(http::CodeWord(Lang::kJa, "auditActions", "item.publish"), "情報の発信");
  EXPECT_EQ(http::CodeWord(Lang::kJa, "auditActions", "no.such"), "no.such")
      << "an unknown code shows as itself, as labels.ts does";
}

}  // namespace
}  // namespace renkei::testing
