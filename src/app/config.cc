#include "app/config.h"

#include <toml++/toml.h>
#include <cstdlib>

#include "core/error_codes.h"

namespace renkei::app {
namespace {

Status ParseBool(const std::string& field, const std::string& v, bool& out) {
  if (v == "true" || v == "1" || v == "yes") {
    out = true;
  } else if (v == "false" || v == "0" || v == "no") {
    out = false;
  } else {
    return err::ConfigNotBoolean(v).with_field(field);
  }
  return Status::Ok();
}

Status ParseLong(const std::string& field, const std::string& v, long min, long max, long& out) {
  char* end = nullptr;
  const long n = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || n < min || n > max) {
    return err::ConfigOutOfRange({.max = max, .min = min, .value = v}).with_field(field);
  }
  out = n;
  return Status::Ok();
}

}  // namespace

Status LoadConfig(const std::string& path, Config& c) {
  if (!path.empty()) {
    toml::table t;
    try {
      t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      return err::ConfigUnreadable({.path = path, .reason = std::string(e.description())})
          .with_field("config");
    }
    for (const auto& [key, node] : t) {
      const std::string k(key.str());
      if (k == "db" && node.is_string()) {
        c.db = *node.value<std::string>();
      } else if (k == "listen" && node.is_string()) {
        c.listen = *node.value<std::string>();
      } else if (k == "threads" && node.is_integer()) {
        c.threads = static_cast<int>(*node.value<std::int64_t>());
      } else if (k == "cookie_secure" && node.is_boolean()) {
        c.cookie_secure = *node.value<bool>();
      } else if (k == "web_root" && node.is_string()) {
        c.web_root = *node.value<std::string>();
      } else if (k == "signin_ip_limit" && node.is_integer()) {
        c.signin_ip_limit = static_cast<long>(*node.value<std::int64_t>());
      } else if (k == "smtp_url" && node.is_string()) {
        c.smtp_url = *node.value<std::string>();
      } else if (k == "mail_from" && node.is_string()) {
        c.mail_from = *node.value<std::string>();
      } else if (k == "mail_connections" && node.is_integer()) {
        c.mail_connections = static_cast<long>(*node.value<std::int64_t>());
      } else if (k == "mail_lease_seconds" && node.is_integer()) {
        c.mail_lease_seconds = static_cast<long>(*node.value<std::int64_t>());
      } else if (k == "intake" && node.is_string()) {
        c.intake = *node.value<std::string>();
      } else if (k == "mail_intake" && node.is_string()) {
        c.mail_intake = *node.value<std::string>();
      } else if (k == "base_url" && node.is_string()) {
        c.base_url = *node.value<std::string>();
      } else if (k == "max_body_bytes" && node.is_integer()) {
        c.max_body_bytes = static_cast<long>(*node.value<std::int64_t>());
      } else {
        return err::ConfigUnknownKey({.key = k, .path = path}).with_field(k);
      }
    }
  }
  auto env = [](const char* name) -> const char* { return std::getenv(name); };
  if (const char* v = env("RENKEI_DB")) c.db = v;
  if (const char* v = env("RENKEI_LISTEN")) c.listen = v;
  if (const char* v = env("RENKEI_WEB_ROOT")) c.web_root = v;
  if (const char* v = env("RENKEI_SMTP_URL")) c.smtp_url = v;
  if (const char* v = env("RENKEI_MAIL_FROM")) c.mail_from = v;
  if (const char* v = env("RENKEI_BASE_URL")) c.base_url = v;
  if (const char* v = env("RENKEI_INTAKE")) c.intake = v;
  if (const char* v = env("RENKEI_MAIL_INTAKE")) c.mail_intake = v;
  if (const char* v = env("RENKEI_THREADS")) {
    long n;
    RENKEI_RETURN_IF_ERROR(ParseLong("RENKEI_THREADS", v, 1, 64, n));
    c.threads = static_cast<int>(n);
  }
  if (const char* v = env("RENKEI_COOKIE_SECURE")) {
    RENKEI_RETURN_IF_ERROR(ParseBool("RENKEI_COOKIE_SECURE", v, c.cookie_secure));
  }
  if (const char* v = env("RENKEI_MAX_BODY_BYTES")) {
    RENKEI_RETURN_IF_ERROR(
        ParseLong("RENKEI_MAX_BODY_BYTES", v, 1024, 64L << 20, c.max_body_bytes));
  }
  if (const char* v = env("RENKEI_SIGNIN_IP_LIMIT")) {
    RENKEI_RETURN_IF_ERROR(ParseLong("RENKEI_SIGNIN_IP_LIMIT", v, 1, 1000000, c.signin_ip_limit));
  }
  if (const char* v = env("RENKEI_MAIL_CONNECTIONS")) {
    RENKEI_RETURN_IF_ERROR(ParseLong("RENKEI_MAIL_CONNECTIONS", v, 1, 32, c.mail_connections));
  }
  if (const char* v = env("RENKEI_MAIL_LEASE_SECONDS")) {
    RENKEI_RETURN_IF_ERROR(
        ParseLong("RENKEI_MAIL_LEASE_SECONDS", v, 2, 86400, c.mail_lease_seconds));
  }
  if (c.threads < 1 || c.threads > 64) {
    return err::ConfigOutOfRange({.max = 64, .min = 1, .value = c.threads}).with_field("threads");
  }
  if (c.mail_connections < 1 || c.mail_connections > 32) {
    return err::ConfigOutOfRange({.max = 32, .min = 1, .value = c.mail_connections})
        .with_field("mail_connections");
  }
  if (c.mail_lease_seconds < 2 || c.mail_lease_seconds > 86400) {
    return err::ConfigOutOfRange({.max = 86400, .min = 2, .value = c.mail_lease_seconds})
        .with_field("mail_lease_seconds");
  }
  if (!c.smtp_url.empty() && c.smtp_url.rfind("smtp://", 0) != 0 &&
      c.smtp_url.rfind("smtps://", 0) != 0) {
    return err::ConfigSmtpUrl().with_field("smtp_url");
  }
  while (!c.base_url.empty() && c.base_url.back() == '/') c.base_url.pop_back();
  return Status::Ok();
}

bool CookieSecure(const Config& config) {
  return config.cookie_secure || config.base_url.rfind("https://", 0) == 0;
}

Status ParseListen(const std::string& listen, std::string& host, unsigned short& port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return err::ConfigListen().with_field("listen");
  }
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  long p;
  RENKEI_RETURN_IF_ERROR(ParseLong("listen", listen.substr(colon + 1), 0, 65535, p));
  port = static_cast<unsigned short>(p);
  return Status::Ok();
}

}  // namespace renkei::app
