// The error registry (data/errors/*.json → core/error_codes.h): every entry has both
// texts, every entry is used by the source and every code the source answers with is in
// the registry; problem+json speaks the caller's language.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "core/error_codes.h"
#include "http/api.h"
#include "http/body_guard.h"
#include "http/problem.h"

namespace renkei {
namespace {

std::set<std::string> Placeholders(std::string_view text) {
  std::set<std::string> out;
  static const std::regex kPlaceholder("\\{([a-z_]+)\\}");
  const std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), kPlaceholder);
       it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

// "password_too_long" → "PasswordTooLong", the factory's name.
std::string FactoryName(std::string_view id) {
  std::string out;
  bool up = true;
  for (char c : id) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

// Every C++ file under src/, concatenated.
std::string SourceText() {
  std::string all;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(std::string(RENKEI_SOURCE_DIR) + "/src")) {
    const auto ext = e.path().extension();
    if (ext != ".cc" && ext != ".h") continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    all += text.str();
    all += '\n';
  }
  return all;
}

// Whether `src` calls (or names) the factory err::<name>.
bool Uses(const std::string& src, const std::string& name) {
  const std::string needle = "err::" + name;
  for (size_t at = src.find(needle); at != std::string::npos; at = src.find(needle, at + 1)) {
    const size_t end = at + needle.size();
    if (end == src.size() ||
        !(std::isalnum(static_cast<unsigned char>(src[end])) || src[end] == '_'))
      return true;
  }
  return false;
}

TEST(ErrorRegistry, EveryEntryHasBothTextsWithTheSamePlaceholders) {
  ASSERT_GT(ErrorRegistry().size(), 100u);
  for (const ErrorMessage& m : ErrorRegistry()) {
    EXPECT_FALSE(std::string_view(m.en).empty()) << m.id;
    EXPECT_FALSE(std::string_view(m.ja).empty()) << m.id;
    EXPECT_EQ(Placeholders(m.en), Placeholders(m.ja)) << m.id;
    // The Japanese text is Japanese: it has at least one character outside ASCII.
    EXPECT_TRUE(std::any_of(m.ja, m.ja + std::strlen(m.ja),
                            [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
        << m.id << ": " << m.ja;
  }
}

TEST(ErrorRegistry, EachCodeHasOneDefiningEntryAndOneKind) {
  std::map<std::string, Kind> kinds;
  for (const ErrorMessage& m : ErrorRegistry()) {
    if (std::string_view(m.id) == m.code) kinds[m.code] = m.kind;
  }
  for (const ErrorMessage& m : ErrorRegistry()) {
    ASSERT_TRUE(kinds.count(m.code)) << m.id << " answers with the undefined code " << m.code;
    EXPECT_EQ(m.kind, kinds[m.code]) << m.id;
    EXPECT_NE(m.kind, Kind::kOk) << m.id;
    const int status = http::HttpStatusFor(m.kind);
    EXPECT_TRUE(status >= 400 && status <= 599) << m.id;
  }
}

// A factory nobody calls is an error nobody can get: the registry and the source drift
// apart. An entry that defines a code may go unused when entries answering with its code
// are used (its text then says what the code means).
TEST(ErrorRegistry, EveryEntryIsUsedByTheSource) {
  const std::string src = SourceText();
  std::set<std::string> used_codes;
  std::vector<const ErrorMessage*> unused;
  for (const ErrorMessage& m : ErrorRegistry()) {
    if (Uses(src, FactoryName(m.id))) {
      used_codes.insert(m.code);
    } else {
      unused.push_back(&m);
    }
  }
  for (const ErrorMessage* m : unused) {
    EXPECT_TRUE(std::string_view(m->id) == m->code && used_codes.count(m->code))
        << "no source file calls err::" << FactoryName(m->id) << " (" << m->module
        << ".json: " << m->id << ")";
  }
}

// The route summaries name codes ("409 already_submitted", "400 too_many_parts,
// too_many_sheets"): each must be a registered code, so a renamed code cannot linger in
// the OpenAPI document (nor in the web copy its types are generated from).
TEST(ErrorRegistry, EveryCodeTheOpenApiDocumentNamesIsRegistered) {
  std::set<std::string> codes;
  for (const ErrorMessage& m : ErrorRegistry()) codes.insert(m.code);
  const std::string doc = http::OpenApiDocument();
  static const std::regex kNamed(
      "\\b[45][0-9][0-9] ([a-z][a-z_]*(?:(?:, | or | and )[a-z][a-z_]*)*)");
  static const std::regex kSeparator(", | or | and ");
  int checked = 0;
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), kNamed); it != std::sregex_iterator();
       ++it) {
    const std::string list = (*it)[1];
    for (auto w = std::sregex_token_iterator(list.begin(), list.end(), kSeparator, -1);
         w != std::sregex_token_iterator(); ++w) {
      const std::string word = *w;
      // Prose ("404 unless …") has no underscore; one-word codes ("incomplete") are
      // skipped with it.
      if (word.find('_') == std::string::npos) continue;
      ++checked;
      EXPECT_TRUE(codes.count(word)) << "the OpenAPI document names the unregistered code " << word;
    }
  }
  EXPECT_GT(checked, 5);
}

// Statuses are made only by the registry's factories: no code is made up at a call site.
TEST(ErrorRegistry, NoStatusIsBuiltByHand) {
  const std::string src = SourceText();
  for (const char* by_hand : {"Status(Kind::", "Status::Invalid(", "Status::NotFound(",
                              "Status::Denied(", "Status::Internal("}) {
    EXPECT_EQ(src.find(by_hand), std::string::npos) << by_hand;
  }
}

TEST(ErrorRegistry, FillsPlaceholdersPerLanguage) {
  Status st = err::TooLong(200).with_field("title");
  EXPECT_EQ(st.code(), "too_long");
  EXPECT_EQ(st.kind(), Kind::kInvalidArgument);
  EXPECT_EQ(st.message(Lang::kEn), "Use at most 200 characters.");
  EXPECT_EQ(st.message(Lang::kJa), "200文字以内で入力してください。");
  EXPECT_EQ(st.Describe(), "too_long: Use at most 200 characters. [title]");
  // Words given in both languages are filled in each language.
  Status unchanged = err::Unchanged(LocalText{"closed", "完了"});
  EXPECT_EQ(unchanged.message(Lang::kEn), "The report is already closed.");
  EXPECT_EQ(unchanged.message(Lang::kJa), "報告はすでに「完了」です。");
  // An entry answers with its code, with its own text.
  Status password = err::PasswordTooLong(256);
  EXPECT_EQ(password.code(), "too_long");
  EXPECT_EQ(password.message(Lang::kEn), "Use at most 256 bytes.");
}

TEST(Problem, DetailIsJapaneseUnlessTheCallerPrefersEnglish) {
  EXPECT_EQ(http::PreferredLang(""), Lang::kJa);
  EXPECT_EQ(http::PreferredLang("ja"), Lang::kJa);
  EXPECT_EQ(http::PreferredLang("en"), Lang::kEn);
  EXPECT_EQ(http::PreferredLang("en-US,en;q=0.9"), Lang::kEn);
  EXPECT_EQ(http::PreferredLang("ja,en-US;q=0.9,en;q=0.8"), Lang::kJa);
  EXPECT_EQ(http::PreferredLang("en-GB;q=0.8, ja;q=0.9"), Lang::kJa);
  EXPECT_EQ(http::PreferredLang("EN;q=0.9, ja;q=0.5"), Lang::kEn);
  EXPECT_EQ(http::PreferredLang("fr, de"), Lang::kJa) << "neither: Japanese";
  EXPECT_EQ(http::PreferredLang("en;q=0"), Lang::kJa) << "q=0 means not English";
  EXPECT_EQ(http::PreferredLang("*"), Lang::kJa);

  const Status st = err::TooLong(200).with_field("title");
  auto ja = nlohmann::json::parse(http::ProblemResponse(st, Lang::kJa).body);
  EXPECT_EQ(ja["detail"], "200文字以内で入力してください。");
  EXPECT_EQ(ja["code"], "too_long");
  EXPECT_EQ(ja["field"], "title");
  EXPECT_EQ(ja["type"], "urn:renkei:problem:too_long");
  auto en = nlohmann::json::parse(http::ProblemResponse(st, Lang::kEn).body);
  EXPECT_EQ(en["detail"], "Use at most 200 characters.");
  EXPECT_EQ(en["code"], "too_long");
}

TEST(Problem, AnInternalErrorSaysNothingInternalInEitherLanguage) {
  const Status st = err::MigrationEdited("0003_secret").with_note("sqlite: secret detail");
  for (Lang lang : {Lang::kJa, Lang::kEn}) {
    http::Response r = http::ProblemResponse(st, lang);
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << r.body;
    auto body = nlohmann::json::parse(r.body);
    EXPECT_EQ(body["detail"], err::Internal().message(lang));
    EXPECT_EQ(body["code"], "internal");
  }
}

// A body refused from its head alone (413) is answered in the language the head asks for.
TEST(BodyGuard, KeepsTheRefusedRequestsLanguage) {
  const http::BodyGuard::Limit limit = [](std::string_view, std::string_view) {
    return std::uint64_t{10};
  };
  http::BodyBudget budget(1 << 20);
  http::BodyGuard g(&limit, &budget);
  EXPECT_EQ(g.Feed("POST /a HTTP/1.1\r\nAccept-Language: en-US,en;q=0.9\r\n"
                   "Content-Length: 11\r\n\r\n"),
            http::BodyGuard::Verdict::kTooLarge);
  EXPECT_EQ(http::PreferredLang(g.refused_accept_language()), Lang::kEn);
}

}  // namespace
}  // namespace renkei
