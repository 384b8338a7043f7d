// The shared environment of the API tests (api_test.cc defines it): one `renkei serve`
// on a fresh database with the demo dataset, and helpers to sign in and check problems.
#pragma once

#include <memory>
#include <string>

#include "support/http_client.h"
#include "support/server_process.h"

namespace renkei::testing {

inline constexpr const char* kDemoPassword = "demo-password-for-tests";

struct Shared {
  std::string db_url;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<HttpClient> http;
};
extern Shared* g;

const HttpClient& Http();
// Signs in as a demo account (expects success).
Session As(const std::string& email);
// Asserts a problem+json answer with this status, code and (if given) field.
void ExpectProblem(const HttpResult& r, long status, const std::string& code,
                   const std::string& field = "");
// The id of the first organisation matching a query, seen by `s`.
std::int64_t FindOrg(const Session& s, const std::string& query);

}  // namespace renkei::testing
