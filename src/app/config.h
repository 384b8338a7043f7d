// Configuration: built-in defaults, then an optional TOML file, then RENKEI_*
// environment variables, then command-line flags (each later source wins).
//
//   db              RENKEI_DB               --db            sqlite:data/renkei.db
//   listen          RENKEI_LISTEN           --listen        127.0.0.1:8080
//   threads         RENKEI_THREADS          --threads       2
//   cookie_secure   RENKEI_COOKIE_SECURE    --cookie-secure false
//   web_root        RENKEI_WEB_ROOT         --web-root      web/dist
//   max_body_bytes  RENKEI_MAX_BODY_BYTES                   262144
//   signin_ip_limit RENKEI_SIGNIN_IP_LIMIT                  30 sign-ins per IP per 5 minutes
//   smtp_url        RENKEI_SMTP_URL                         "" (no mail; the outbox keeps it)
//   mail_from       RENKEI_MAIL_FROM                        renkei@localhost
//   base_url        RENKEI_BASE_URL                         http://127.0.0.1:8080 (links in mail)
//   intake          RENKEI_INTAKE           --intake        off: no UTM alert listener; on: the
//                   ports of data/intake/listener.toml; HOST:PORT: syslog on that UDP and
//                   TCP port (0: any free port, printed at start)
//   mail_intake     RENKEI_MAIL_INTAKE      --mail-intake   off: no mailboxes read; on: the
//                   Maildirs of data/intake/mail.toml; a path: a file of that form
//   mail_connections   RENKEI_MAIL_CONNECTIONS              4 parallel connections to the relay
//   mail_lease_seconds RENKEI_MAIL_LEASE_SECONDS            300: a claimed mail whose sender
//                      died is taken again after this long (keep it above the SMTP timeout)
// The TOML file is named by --config or RENKEI_CONFIG.
#pragma once

#include <string>

#include "core/status.h"

namespace renkei::app {

struct Config {
  std::string db = "sqlite:data/renkei.db";
  std::string listen = "127.0.0.1:8080";
  int threads = 2;
  bool cookie_secure = false;
  std::string web_root = "web/dist";
  long max_body_bytes = 256 * 1024;
  long signin_ip_limit = 30;
  std::string smtp_url;
  std::string mail_from = "renkei@localhost";
  std::string base_url = "http://127.0.0.1:8080";
  long mail_connections = 4;
  long mail_lease_seconds = 300;
  std::string intake = "off";
  std::string mail_intake = "off";  // off | on (data/intake/mail.toml) | a file of that form
};

// Applies the TOML file (if `path` is non-empty) and then the environment.
Status LoadConfig(const std::string& path, Config& config);
// Whether session cookies get `Secure`: on the flag, and always when the public URL
// people reach the platform at (base_url) is https.
bool CookieSecure(const Config& config);
// Splits "host:port"; "[::1]:8080" for IPv6.
Status ParseListen(const std::string& listen, std::string& host, unsigned short& port);

}  // namespace renkei::app
