// The objects a TAXII 2.1 collection serves (docs/taxii.md), and the pure selection of one
// page of them: filters (added_after, match[id|type|version|spec_version]) and the cursor on
// (date_added, id). No HTTP here: the routes are http/taxii/taxii_routes.cc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/stix/stix_mapping.h"

namespace renkei::domain::stix {

// One object of a collection with the time the caller could first see this version: the
// item's latest event (publication, revision or withdrawal). The TLP markings and their
// extension-definition are served too, added at their own creation time.
struct FeedEntry {
  Millis date_added = 0;
  Object object;
  bool marking = false;  // one of the fixed TLP objects (kTlpMarkings / the extension)
  std::string marking_id;
};

// The collection: every object of `items`, oldest date_added first, ties by id; an object
// several items name (the sender identity) once, at its earliest date_added.
std::vector<FeedEntry> FeedOf(const std::vector<ItemExport>& items);

// The largest page a caller may ask for, and the page size when none is asked for.
inline constexpr int kMaxTaxiiPage = 1000;
inline constexpr int kDefaultTaxiiPage = 100;

struct FeedQuery {
  std::optional<Millis> added_after;       // date_added > this
  std::vector<std::string> ids, types;     // match[id], match[type]; empty = any
  std::vector<std::string> versions;       // "last" (default), "first", "all", or timestamps
  std::vector<std::string> spec_versions;  // "2.1" matches; others match nothing
  std::optional<std::pair<Millis, std::string>> after;  // the cursor: (date_added, id) >
  int limit = kDefaultTaxiiPage;
};

struct FeedPage {
  std::vector<const FeedEntry*> entries;
  bool more = false;
  std::optional<std::pair<Millis, std::string>> next;  // the last entry's key when more
};

// The objects' `modified` (created for an object without one) as the version string.
Millis VersionOf(const FeedEntry& e);

// The page of `feed` that `q` selects. Every version kept is the current one, so "first",
// "last" and "all" select the same objects; a timestamp selects an object of that version.
FeedPage SelectPage(const std::vector<FeedEntry>& feed, const FeedQuery& q);

}  // namespace renkei::domain::stix
