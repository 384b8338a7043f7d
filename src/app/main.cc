// renkei: the composition root. Parses the command line, wires storage -> domain ->
// http, and runs one subcommand: serve, migrate, demo-data, user add|passwd, version.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/catalogs.h"
#include "app/config.h"
#include "app/demo_data.h"
#include "app/exercise_loop.h"
#include "app/intake_loop.h"
#include "app/mail_loop.h"
#include "app/platform.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/error_codes.h"
#include "core/text.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth_service.h"
#include "domain/auth/auth_store.h"
#include "domain/directory/directory_service.h"
#include "domain/directory/directory_store.h"
#include "http/server.h"
#include "nlp/mecab_tagger.h"
#include "storage/migrations/migrations.h"
#include "storage/sql_transactor.h"

namespace {

using namespace renkei;

int Fail(const Status& st) {
  std::fprintf(stderr, "renkei: %s\n", st.Describe().c_str());
  return st.kind() == Kind::kInvalidArgument || st.kind() == Kind::kConflict ? 2 : 1;
}

Result<std::unique_ptr<storage::SqlTransactor>> OpenAndMigrate(const app::Config& c, bool quiet) {
  RENKEI_ASSIGN_OR_RETURN(auto db, storage::OpenDatabase(c.db));
  // Connections for the HTTP threads, the event hub, the mail loop and its lanes.
  auto tx = std::make_unique<storage::SqlTransactor>(
      std::move(db), static_cast<size_t>(c.threads + 2 + c.mail_connections));
  int applied = 0;
  RENKEI_RETURN_IF_ERROR(tx->WithConnection([&](storage::Connection& conn) -> Status {
    RENKEI_ASSIGN_OR_RETURN(applied, storage::Migrate(conn));
    return Status::Ok();
  }));
  if (!quiet && applied > 0) std::fprintf(stderr, "renkei: applied %d migration(s)\n", applied);
  return tx;
}

// Reads a password from standard input: one line, without echo when it is a terminal.
Result<std::string> ReadPassword(const char* prompt) {
  if (isatty(STDIN_FILENO)) std::fprintf(stderr, "%s", prompt);
  std::string line;
  if (!std::getline(std::cin, line)) {
    return err::NoPasswordInput().with_field("password");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Actions by the command line are audited as the "cli" actor.
domain::AuditEntry CliAudit(std::string action, std::int64_t user_id) {
  domain::AuditEntry e;
  e.at = SystemClock().now_ms();
  e.actor_label = "cli";
  e.action = std::move(action);
  e.target_type = "user";
  e.target_id = std::to_string(user_id);
  return e;
}

}  // namespace

int main(int argc, char** argv) {
  if (!InitCrypto()) {
    std::fprintf(stderr, "renkei: libsodium failed to initialise\n");
    return 1;
  }
  CLI::App cli{"Renkei 連携 — public–private cyber coordination platform"};
  cli.require_subcommand(1);
  app::Config config;
  std::string config_path;
  std::string db_flag, listen_flag, web_root_flag, intake_flag, mail_intake_flag;
  int threads_flag = 0;
  bool cookie_secure_flag = false;
  auto add_common = [&](CLI::App* sub) {
    sub->add_option("--config", config_path, "TOML configuration file")->envname("RENKEI_CONFIG");
    sub->add_option("--db", db_flag,
                    "sqlite:PATH or postgresql://… (default sqlite:data/renkei.db)");
  };

  auto* serve = cli.add_subcommand("serve", "Serve the API (and the web app when built)");
  add_common(serve);
  serve->add_option("--listen", listen_flag, "HOST:PORT (default 127.0.0.1:8080)");
  serve->add_option("--threads", threads_flag, "worker threads (default 2)")
      ->check(CLI::Range(1, 64));
  serve->add_option("--web-root", web_root_flag, "folder of the built web app");
  serve->add_flag("--cookie-secure", cookie_secure_flag, "mark cookies Secure (behind HTTPS)");
  serve->add_option("--intake", intake_flag,
                    "UTM alert listener: off (default), on (data/intake/listener.toml's ports) "
                    "or HOST:PORT (UDP and TCP)");
  serve->add_option("--mail-intake", mail_intake_flag,
                    "the desk's mailboxes: off (default), on (data/intake/mail.toml's Maildirs) "
                    "or the path of a file like it");

  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations");
  add_common(migrate);

  auto* demo = cli.add_subcommand("demo-data", "Load the demo dataset, or list its accounts");
  add_common(demo);
  std::string demo_password;
  demo->add_option("--password", demo_password, "password for every demo account");
  auto* accounts = demo->add_subcommand("accounts", "Print one demo account per role");
  bool accounts_json = false;
  accounts->add_flag("--json", accounts_json, "as JSON");

  auto* user = cli.add_subcommand("user", "Administer users (password read from standard input)");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add a user");
  add_common(user_add);
  std::string email, name, role_names = "member";
  std::int64_t org_id = 0;
  user_add->add_option("--email", email, "e-mail address")->required();
  user_add->add_option("--name", name, "display name")->required();
  user_add->add_option("--org", org_id, "organisation id")->required();
  user_add->add_option("--roles", role_names, "comma-separated roles (default member)");
  auto* user_passwd = user->add_subcommand("passwd", "Set a user's password");
  add_common(user_passwd);
  user_passwd->add_option("--email", email, "e-mail address")->required();

  cli.add_subcommand("version", "Print the version");
  cli.add_subcommand("openapi", "Print the OpenAPI 3.1 document (generated from the route table)");

  CLI11_PARSE(cli, argc, argv);

  if (cli.got_subcommand("version")) {
    std::printf("renkei %s\n", RENKEI_VERSION);
    return 0;
  }
  if (cli.got_subcommand("openapi")) {
    if (!http::OpenApiBuild().ok()) {
      std::fprintf(stderr, "renkei: %s\n", http::OpenApiBuild().status().Describe().c_str());
      return 1;
    }
    std::printf("%s\n", http::OpenApiDocument().c_str());
    return 0;
  }
  if (accounts->parsed()) {
    const auto list = app::DemoAccounts();
    if (accounts_json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& a : list) {
        out.push_back({{"email", a.email}, {"role", a.role}, {"organisation", a.organisation_ja}});
      }
      std::printf("%s\n", out.dump(2, ' ', false).c_str());
    } else {
      for (const auto& a : list) {
        std::printf("%-28s %-24s %s\n", a.email.c_str(), a.role.c_str(), a.organisation_ja.c_str());
      }
    }
    return 0;
  }

  if (Status st = app::LoadConfig(config_path, config); !st.ok()) return Fail(st);
  if (!db_flag.empty()) config.db = db_flag;
  if (!listen_flag.empty()) config.listen = listen_flag;
  if (!web_root_flag.empty()) config.web_root = web_root_flag;
  if (threads_flag > 0) config.threads = threads_flag;
  if (cookie_secure_flag) config.cookie_secure = true;
  if (!intake_flag.empty()) config.intake = intake_flag;
  if (!mail_intake_flag.empty()) config.mail_intake = mail_intake_flag;

  auto tx = OpenAndMigrate(config, false);
  if (!tx.ok()) return Fail(tx.status());
  storage::SqlTransactor& transactor = **tx;

  if (migrate->parsed()) {
    int version = 0;
    Status st = transactor.WithConnection([&](storage::Connection& conn) -> Status {
      RENKEI_ASSIGN_OR_RETURN(version, storage::SchemaVersion(conn));
      return Status::Ok();
    });
    if (!st.ok()) return Fail(st);
    std::printf("schema version %d (%s)\n", version, transactor.engine_name());
    return 0;
  }

  // The catalogues, parsed once for the commands below; a broken one stops here with the
  // file and the reason.
  auto catalogs = app::LoadCatalogs();
  if (!catalogs.ok()) return Fail(catalogs.status());

  if (demo->parsed()) {
    const bool generated = demo_password.empty();
    if (generated) demo_password = RandomToken(12);
    if (Status st = domain::CheckPasswordRules(demo_password, "password"); !st.ok())
      return Fail(st);
    auto stats = app::LoadDemoData(transactor, *catalogs, demo_password);
    if (!stats.ok()) return Fail(stats.status());
    std::printf(
        "loaded %d sectors, %d hubs, %d organisations, %d users, %d reports, %d self-assessments, "
        "%d shared items, %d exercises, %d desk tickets, %d surveys into %s\n",
        stats->sectors, stats->hubs, stats->organisations, stats->users, stats->reports,
        stats->assessments, stats->items, stats->exercises, stats->desk_tickets, stats->surveys,
        transactor.engine_name());
    std::printf("demo accounts (password %s):\n",
                generated ? ("\"" + demo_password + "\" — shown only now").c_str()
                          : "as given with --password");
    for (const auto& a : app::DemoAccounts()) {
      std::printf("  %-28s %-24s %s\n", a.email.c_str(), a.role.c_str(), a.organisation_ja.c_str());
    }
    return 0;
  }

  if (user_add->parsed() || user_passwd->parsed()) {
    auto password = ReadPassword("password: ");
    if (!password.ok()) return Fail(password.status());
    if (Status st = domain::CheckPasswordRules(*password, "password"); !st.ok()) return Fail(st);
    const std::string hash = HashPassword(*password);
    const std::string norm = NormaliseEmail(email);
    Status st = transactor.Run(domain::TxMode::kWrite, [&](domain::Stores& s) -> Status {
      if (user_passwd->parsed()) {
        RENKEI_ASSIGN_OR_RETURN(auto u, s.directory.FindUserByEmail(norm));
        if (!u) return err::UserNotFound().with_note(norm);
        RENKEI_RETURN_IF_ERROR(s.auth.SetPasswordHash(u->id, hash));
        RENKEI_RETURN_IF_ERROR(s.auth.DeleteSessionsOfUser(u->id));
        RENKEI_RETURN_IF_ERROR(s.auth.RevokeTokensOfUser(u->id, SystemClock().now_ms()).status());
        RENKEI_RETURN_IF_ERROR(s.auth.ClearAttempts(Sha256Hex(norm)));
        return s.audit.Append(CliAudit("user.password_reset", u->id.value));
      }
      domain::User u;
      u.org_id = OrgId(org_id);
      u.email = norm;
      u.display_name = name;
      size_t start = 0;
      while (start <= role_names.size()) {
        size_t end = role_names.find(',', start);
        if (end == std::string::npos) end = role_names.size();
        auto role = domain::ParseRole(role_names.substr(start, end - start));
        if (!role) return err::InvalidValue(domain::RoleNameList()).with_field("roles");
        u.roles.push_back(*role);
        start = end + 1;
      }
      RENKEI_RETURN_IF_ERROR(domain::ValidateUser(u));
      RENKEI_ASSIGN_OR_RETURN(auto org, s.directory.GetOrganisation(u.org_id));
      if (!org)
        return err::UnknownOrganisation().with_field("org").with_note(std::to_string(org_id));
      u.created_at = u.updated_at = SystemClock().now_ms();
      RENKEI_ASSIGN_OR_RETURN(u.id, s.directory.CreateUser(u, hash));
      std::printf("added user %lld <%s>\n", static_cast<long long>(u.id.value), u.email.c_str());
      return s.audit.Append(CliAudit("user.create", u.id.value));
    });
    if (!st.ok()) return Fail(st);
    if (user_passwd->parsed()) std::printf("password changed for %s\n", norm.c_str());
    return 0;
  }

  // serve
  std::string host;
  unsigned short port = 0;
  if (Status st = app::ParseListen(config.listen, host, port); !st.ok()) return Fail(st);
  SystemClock clock;
  app::PlatformOptions options;
  options.auth.ip_attempts = static_cast<int>(config.signin_ip_limit);
  options.api.max_body_bytes = static_cast<size_t>(config.max_body_bytes);
  // Secure cookies whenever people reach the platform over HTTPS, not only on a flag.
  options.api.cookie_secure = app::CookieSecure(config);
  options.api.web_root = config.web_root;
  // The anonymiser's Japanese name tagger; without MeCab's dictionary the anonymiser
  // still finds directory names and patterns, and says so at start-up.
  auto tagger = nlp::MecabTagger::Open();
  if (!tagger.ok()) std::fprintf(stderr, "renkei: %s\n", tagger.status().Describe().c_str());
  options.tagger = tagger.ok() ? tagger.value().get() : nullptr;
  app::Platform platform(transactor, clock, *catalogs, options);
  // Mail: a worker thread drains the outbox (woken after each commit that queued mail,
  // and every few seconds for digests, reminders, retries and other processes' mail).
  app::MailLoop mail_loop(transactor, platform.sharing, platform.doorbell, platform.mail_kinds,
                          clock, config);
  // Exercises: the clock's ticker fires the injects that fell due, every second.
  app::ExerciseLoop exercise_loop(platform.exercises);
  // The SME desk's UTM alert listener (syslog/CEF over UDP and TCP), when configured.
  auto intake = app::StartIntake(config.intake, platform.desk, clock);
  if (!intake.ok()) {
    exercise_loop.Stop();
    mail_loop.Stop();
    return Fail(intake.status());
  }
  // The desk's mailboxes (a Maildir per consortium), when configured.
  auto mail_intake = app::StartMailIntake(config.mail_intake, platform.desk, clock);
  if (!mail_intake.ok()) {
    if (*intake) (*intake)->Stop();
    exercise_loop.Stop();
    mail_loop.Stop();
    return Fail(mail_intake.status());
  }
  http::ServerConfig server_config;
  server_config.host = host;
  server_config.port = port;
  server_config.threads = static_cast<size_t>(config.threads);
  Status st = http::Serve(platform.api, server_config, [&] {
    std::fprintf(stderr, "renkei %s serving http://%s:%u (%s)\n", RENKEI_VERSION, host.c_str(),
                 port, transactor.engine_name());
  });
  if (*intake) (*intake)->Stop();
  if (*mail_intake) (*mail_intake)->Stop();
  exercise_loop.Stop();
  mail_loop.Stop();
  if (!st.ok()) return Fail(st);
  std::fprintf(stderr, "renkei: stopped\n");
  return 0;
}
