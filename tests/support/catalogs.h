// The embedded catalogues for tests, parsed once per test binary as the composition root
// parses them at start-up. A broken catalogue fails each test that asks for it with the
// reason (the bad_variant_access after the failed expectation ends that test only).
#pragma once

#include <gtest/gtest.h>

#include "app/catalogs.h"

namespace renkei::testing {

inline const app::Catalogs& TestCatalogs() {
  static const Result<app::Catalogs> catalogs = app::LoadCatalogs();
  EXPECT_TRUE(catalogs.ok()) << catalogs.status().Describe();
  return catalogs.value();
}

}  // namespace renkei::testing
