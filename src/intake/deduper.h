// Folds a batch's alerts with the same DedupeKey (device, signature, source, destination,
// window) into one whose count is their sum, before the batch goes to the desk — a flood of
// one alert is one row update, not thousands.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "domain/desk/alert.h"

namespace renkei::intake {

class Deduper {
 public:
  explicit Deduper(Millis window_ms) : window_ms_(window_ms) {}
  // The first alert of a key is kept (its raw line and time); later ones add their count
  // and raise its severity to theirs when higher.
  void Add(domain::AlertIn a);
  size_t size() const { return alerts_.size(); }
  // The folded alerts in the order their keys first came; the deduper is empty after.
  std::vector<domain::AlertIn> Take();

 private:
  Millis window_ms_;
  std::unordered_map<std::string, size_t> index_;
  std::vector<domain::AlertIn> alerts_;
};

}  // namespace renkei::intake
