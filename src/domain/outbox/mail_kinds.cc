#include "domain/outbox/mail_kinds.h"

#include <cstdio>
#include <cstdlib>

namespace renkei::domain {

void MailKinds::Register(MailKind kind) {
  if (kind.code.empty() || !kind.render || kinds_.count(kind.code) > 0) {
    std::fprintf(stderr, "renkei: mail kind '%s' registered twice or without a renderer\n",
                 kind.code.c_str());
    std::abort();
  }
  std::string code = kind.code;
  kinds_.emplace(std::move(code), std::move(kind));
}

const MailKind* MailKinds::Find(std::string_view code) const {
  auto it = kinds_.find(code);
  return it == kinds_.end() ? nullptr : &it->second;
}

std::vector<std::string> MailKinds::codes() const {
  std::vector<std::string> out;
  for (const auto& [code, kind] : kinds_) out.push_back(code);
  return out;
}

}  // namespace renkei::domain
