#include "support/anonymiser_corpus.h"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace renkei::testing {
namespace {

std::vector<std::pair<size_t, size_t>> Occurrences(const std::string& text,
                                                   const std::string& span) {
  std::vector<std::pair<size_t, size_t>> out;
  if (span.empty()) return out;
  for (size_t at = text.find(span); at != std::string::npos; at = text.find(span, at + 1))
    out.emplace_back(at, at + span.size());
  return out;
}

// Whitespace bytes: ASCII blanks and the three bytes of the ideographic space.
std::vector<bool> Blank(const std::string& text) {
  std::vector<bool> blank(text.size(), false);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') blank[i] = true;
    if (text.compare(i, 3, "\u3000") == 0) blank[i] = blank[i + 1] = blank[i + 2] = true;
  }
  return blank;
}

}  // namespace

std::optional<Corpus> LoadCorpus(const std::string& dir, std::string& error) {
  Corpus c;
  std::ifstream lines(dir + "/corpus.jsonl", std::ios::binary);
  if (!lines) return error = "cannot open " + dir + "/corpus.jsonl", std::nullopt;
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (line.empty()) continue;
    try {
      const auto j = nlohmann::json::parse(line);
      CorpusText t;
      t.id = j.at("id").get<std::string>();
      t.lang = j.at("lang").get<std::string>();
      t.text = j.at("text").get<std::string>();
      for (const auto& s : j.at("replace"))
        t.replace.push_back({s.at("text").get<std::string>(), s.at("kind").get<std::string>()});
      for (const auto& s : j.at("keep"))
        t.keep.push_back({s.at("text").get<std::string>(), s.at("kind").get<std::string>()});
      c.texts.push_back(std::move(t));
    } catch (const std::exception& e) {
      error = "corpus.jsonl line " + std::to_string(n) + ": " + e.what();
      return std::nullopt;
    }
  }
  std::ifstream dfile(dir + "/directory.json", std::ios::binary);
  if (!dfile) return error = "cannot open " + dir + "/directory.json", std::nullopt;
  try {
    const auto d = nlohmann::json::parse(dfile);
    for (const auto& o : d.at("organisations"))
      c.directory.push_back({o.get<std::string>(), "organisation"});
    for (const auto& p : d.at("persons")) c.directory.push_back({p.get<std::string>(), "person"});
  } catch (const std::exception& e) {
    error = std::string("directory.json: ") + e.what();
    return std::nullopt;
  }
  return c;
}

CorpusScore ScoreCorpus(const Corpus& corpus, const domain::Anonymiser& anonymiser) {
  CorpusScore score;
  for (const auto& t : corpus.texts) {
    const auto findings = anonymiser.Propose(t.text);
    std::vector<bool> covered(t.text.size(), false);
    for (const auto& f : findings)
      for (size_t i = f.begin; i < f.end && i < covered.size(); ++i) covered[i] = true;
    const auto blank = Blank(t.text);
    for (const auto& s : t.replace) {
      Ratio& r = score.recall[s.kind];
      ++r.total;
      bool all = true;
      for (auto [b, e] : Occurrences(t.text, s.text))
        for (size_t i = b; i < e; ++i) all = all && (covered[i] || blank[i]);
      if (all) {
        ++r.good;
      } else {
        score.missed.push_back(t.id + " " + s.kind + " 「" + s.text + "」");
      }
    }
    for (const auto& s : t.keep) {
      ++score.keep.total;
      std::string by;
      for (auto [b, e] : Occurrences(t.text, s.text))
        for (const auto& f : findings)
          if (f.begin < e && b < f.end && by.empty()) by = f.kind + " 「" + f.original + "」";
      if (by.empty()) {
        ++score.keep.good;
      } else {
        score.wrongly_replaced.push_back(t.id + " " + s.kind + " 「" + s.text + "」 ← " + by);
      }
    }
  }
  return score;
}

std::vector<std::string> SecondPassFindings(const Corpus& corpus,
                                            const domain::Anonymiser& anonymiser) {
  std::vector<std::string> out;
  for (const auto& t : corpus.texts) {
    const std::string redacted = domain::ApplyFindings(t.text, anonymiser.Propose(t.text));
    for (const auto& f : anonymiser.Propose(redacted))
      if (f.kind != "date" && f.kind != "number" && f.kind != "ip" && f.kind != "prefecture")
        out.push_back(t.id + " " + f.kind + " 「" + f.original + "」 in 「" + redacted + "」");
  }
  return out;
}

std::string FormatScore(const CorpusScore& score) {
  std::ostringstream out;
  char line[160];
  for (const auto& [kind, r] : score.recall) {
    std::snprintf(line, sizeof line, "  recall %-13s %.3f (%zu/%zu)\n", kind.c_str(), r.value(),
                  r.good, r.total);
    out << line;
  }
  std::snprintf(line, sizeof line, "  keep precision     %.3f (%zu/%zu)\n", score.keep.value(),
                score.keep.good, score.keep.total);
  out << line;
  return out.str();
}

}  // namespace renkei::testing
