// Validation of STIX 2.1 JSON against the OASIS schemas in tests/data/stix2-json-schemas
// (valijson), for the unit and API tests of the STIX export.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace renkei::testing {

// "" when `object` is valid against the schema of its "type" (sdos/<type>.json,
// sros/relationship.json, common/marking-definition.json, common/extension-definition.json);
// else what failed, with the paths valijson names. An unknown type is an error too.
std::string StixObjectErrors(const nlohmann::json& object);
// The same for a bundle (common/bundle.json) and each of its objects by its own type.
std::string StixBundleErrors(const nlohmann::json& bundle);

}  // namespace renkei::testing
