// Public sources: the bodies and vendors an incident text cites as the source of a
// warning or a product — NISC/NCO (国家サイバー統括室), IPA, JPCERT/CC, the ministries and
// agencies, NVD, CISA, the big product vendors. They never identify the reporter, so no
// detector's match over one of them is replaced, even where a facility rule (…センター)
// or a legal-form rule (Microsoft Corp.) would fire. The anonymiser decides that; this
// component only finds them.
#pragma once

#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/text_patterns/aho_corasick.h"

namespace renkei::domain::text_patterns {

// The names of the public sources.
WordList PublicSourceWords();

// Appends the byte ranges [first, second) of public sources in (ASCII-folded) text, in
// text order. ASCII names match whole words, case-insensitively. `hits`: where
// PublicSourceWords() occur in `text`, as a WordFinder over them reports them.
void FindPublicSources(std::string_view text, std::span<const WordHit> hits,
                       std::vector<std::pair<size_t, size_t>>& out);
// The same, finding the names itself.
void FindPublicSources(std::string_view text, std::vector<std::pair<size_t, size_t>>& out);

// Whether an English company name starts with a public product vendor ("Microsoft",
// "Palo Alto Networks"): such a company is a public source, not a party to the incident.
bool IsPublicVendor(std::string_view company);

}  // namespace renkei::domain::text_patterns
