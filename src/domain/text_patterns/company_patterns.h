// Companies named by their legal form, in Japanese and English, whether or not the
// directory knows them: 株式会社東和システム開発, マリンクレーン(株), ㈱ヘルシーフーズ東北,
// 有限会社 みどり電機, 医療法人社団緑風会, "ACME Grid K.K.", "Sakuragawa Water Co., Ltd.",
// "Nordlicht Automation GmbH". The name is the run of name characters on the other side
// of the legal form, without role words before it (協力会社, 委託先, ベンダー; "Contact",
// "The"). Product vendors with a legal form ("Microsoft Corp.") are public sources and
// are not matched (public_sources.h).
//
// Scans ASCII-folded text (FoldFullWidthAscii: （株） is read as (株)). It decides what a
// match is, not what to do with it.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "domain/text_patterns/aho_corasick.h"

namespace renkei::domain::text_patterns {

struct CompanyMatch {
  size_t begin = 0, end = 0;  // bytes of the scanned text
  // The legal form comes first (株式会社東和システム開発): where the name ends is a
  // guess, which a directory name inside the match may correct.
  bool form_first = false;
};

// The legal forms a company is found by (株式会社, ㈱, Co., Ltd., GmbH …).
WordList LegalForms();

// Appends the matches of `text` to `out`, in text order. `hits`: where LegalForms() occur
// in `text`, as a WordFinder over them reports them.
void ScanCompanies(std::string_view text, std::span<const WordHit> hits,
                   std::vector<CompanyMatch>& out);
// The same, finding the forms itself.
void ScanCompanies(std::string_view text, std::vector<CompanyMatch>& out);

}  // namespace renkei::domain::text_patterns
