// The anonymiser (匿名化): proposes the redactions that turn a report into a shareable
// summary. It composes the text-pattern components (domain/text_patterns/): the full-width
// fold (１９２．１６８… is read as an IP address; offsets always refer to the original
// text), the pattern scanner (IP addresses, hostnames, e-mail addresses, phone numbers and
// extensions, URLs, dates and times in every common form, quantities, accounts and host
// naming conventions, English names), the place detector (facilities with their proper
// noun, municipalities and street addresses), the company detector (legal forms in
// Japanese and English) and an Aho–Corasick dictionary over the directory's organisation
// and person names (with their variants without legal forms) and the prefectures; a
// NameTagger (MeCab: person and organisation names in Japanese text) adds names. Public
// sources (NISC, IPA, JPCERT/CC, ministries, product vendors) are never replaced, whatever
// fired on them. The replacement policy (replacement_policy.h) turns dates into the week,
// times into the hour, quantities into a range, prefectures into the region, and gives the
// rest a placeholder that is the same for the same original everywhere in one text
// ("組織A", "施設A", "IP-1").
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::domain {

// Finding kinds.
inline constexpr const char* kFindingKinds[] = {
    "organisation", "person", "ip",         "hostname", "email",   "phone",  "url",
    "date",         "number", "prefecture", "facility", "address", "account"};

struct NameSpan {
  size_t begin = 0, end = 0;  // bytes of the text
  std::string kind;           // "person" | "organisation"
};

// Byte ranges [first, second) of the text already found by patterns and the directory,
// sorted by start.
using KnownSpans = std::vector<std::pair<size_t, size_t>>;

// Finds person and organisation names in (Japanese) text. `known` lets an implementation
// skip what is already explained. Implementations must be safe to call from several
// threads at once.
class NameTagger {
 public:
  virtual ~NameTagger() = default;
  virtual void Tag(std::string_view text, const KnownSpans& known,
                   std::vector<NameSpan>& out) const = 0;
};

struct DictionaryEntry {
  std::string text;
  std::string kind;  // "organisation" | "person"
};

struct Finding {
  size_t begin = 0, end = 0;  // bytes of the original text
  std::string kind;           // kFindingKinds
  std::string source;         // "directory" | "pattern" | "tagger"
  std::string original;
  std::string replacement;
};

class Anonymiser {
 public:
  // Organisation name variants without legal forms (株式会社, Co., Ltd.) are added.
  Anonymiser(const std::vector<DictionaryEntry>& dictionary, const NameTagger* tagger);
  ~Anonymiser();
  Anonymiser(const Anonymiser&) = delete;
  Anonymiser& operator=(const Anonymiser&) = delete;

  // Non-overlapping findings in text order.
  std::vector<Finding> Propose(std::string_view text) const;
  size_t dictionary_size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The text with each finding replaced by its replacement (findings sorted, disjoint).
std::string ApplyFindings(std::string_view text, const std::vector<Finding>& findings);

}  // namespace renkei::domain
