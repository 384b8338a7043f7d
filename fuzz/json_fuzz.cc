// libFuzzer target for the JSON body reader (src/http/json_input.*): any bytes must
// give a JsonObject or a 400 Status, never a crash, a hang or a deep recursion.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/json_input.h"

using renkei::http::JsonObject;

namespace {

// Reads fields the way the routes do, including nested objects and arrays of objects.
void Walk(JsonObject& in, int depth) {
  (void)in.String("title", false);
  (void)in.Int("limit", false);
  (void)in.Bool("urgent", false);
  (void)in.Strings("sector_ids", false);
  (void)in.Ints("org_ids", false);
  (void)in.StringMap("fields", false);
  if (depth < 4) {
    if (auto nested = in.Object("audience", false)) Walk(*nested, depth + 1);
    if (auto list = in.Objects("contacts", false)) {
      for (auto& e : *list) Walk(e, depth + 1);
    }
  }
  (void)in.Finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  auto parsed = JsonObject::Parse(body);
  if (parsed.ok()) Walk(*parsed, 0);
  return 0;
}
