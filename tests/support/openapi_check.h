// Every response an API test receives is checked against the OpenAPI document the
// server serves (built from the same route table and schema parts): its status must be
// documented for the route, and a JSON body must validate against the documented schema
// (JSON Schema, with valijson). A drifting document fails the test that saw the drift.
#pragma once

#include <string>

namespace renkei::testing {

// Returns "" when the response matches the document, else what is wrong. Requests
// outside /api/v1 and non-JSON bodies of documented statuses pass.
std::string CheckResponseAgainstOpenApi(const std::string& method, const std::string& target,
                                        long status, const std::string& content_type,
                                        const std::string& body);

}  // namespace renkei::testing
