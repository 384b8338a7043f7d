// What a summary still tells about its reporter (the k-anonymity check, 匿名性の確認).
// The sector of a summary is always known (it goes to the sector); on top of it a text may
// name the reporter's region or prefecture, its size class or its business class, each of
// which narrows the group of operators it could come from — or it may still name the
// reporter outright: an organisation, a person, a facility (発電所 …), a municipality or
// street address, a contact. The check lists the words that narrow the group, so the
// analyst knows what to remove, and counts the operators left (CountPeers).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/reporting/anonymiser.h"

namespace renkei::domain {

// The reporter's quasi-identifiers, as the directory has them.
struct ReporterProfile {
  std::string region;          // region code of its prefecture ("tohoku"), "" if none
  int prefecture = 0;          // 1–47, 0 if none
  std::string size_class;      // "" | small | medium | large
  std::string business_class;  // electricity only; "" otherwise
};

struct Disclosed {
  bool region = false;             // its region, or a prefecture of that region
  bool prefecture = false;         // its own prefecture
  bool size = false;               // its size class (大手, 中小 …)
  bool business_class = false;     // its business class (発電事業者 …)
  std::vector<std::string> words;  // as written in the text, each once, in text order
};

// Which of the reporter's quasi-identifiers the text discloses.
Disclosed DetectDisclosed(std::string_view text, const ReporterProfile& reporter);

// Findings of a proposal over a text about to be published that still identify someone
// outright: every kind but dates, quantities, IP addresses (shared as indicators) and
// prefectures (the region rule above). A directory name among them stops publication.
bool Identifies(const Finding& f);

}  // namespace renkei::domain
