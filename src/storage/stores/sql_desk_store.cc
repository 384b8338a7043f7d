// The SME desk's store (migration 0016). kTicketVisible and kContractVisible are THE desk
// access rule (domain/desk/desk_service.h) in SQL: every read taking a DeskViewer ANDs one.
#include "core/text.h"
#include "storage/stores/attachment_rows.h"
#include "storage/stores/sql_rows.h"
#include "storage/stores/sql_stores.h"
#include "storage/stores/sql_text.h"

namespace renkei::storage {

using domain::Alert;
using domain::Consortium;
using domain::ConsortiumId;
using domain::Contract;
using domain::ContractId;
using domain::DeskViewer;
using domain::Device;
using domain::DeviceId;
using domain::Ticket;
using domain::TicketId;

namespace {

// A row of alias `t` (desk_tickets) or `k` (desk_contracts) is visible to the viewer whose
// organisation is bound at $1 and whose agent flag (1/0) at $2: the SME's own, or one of the
// consortia its organisation provides when it is a desk agent.
constexpr const char* kTicketVisible =
    "(t.sme_org_id = $1 OR ($2 = 1 AND t.consortium_id IN (SELECT id FROM desk_consortia WHERE "
    "provider_org_id = $1)))";
constexpr const char* kContractVisible =
    "(k.sme_org_id = $1 OR ($2 = 1 AND k.consortium_id IN (SELECT id FROM desk_consortia WHERE "
    "provider_org_id = $1)))";

// The rule's note clause for an entry of alias `e` on a ticket of alias `t`, with the viewer
// bound as for kTicketVisible: a note is seen only by the agents of the consortium's provider
// (the SME's people, even a desk agent of the SME itself, never).
constexpr const char* kEntryVisible =
    "(e.kind <> 'note' OR ($2 = 1 AND t.consortium_id IN (SELECT id FROM desk_consortia WHERE "
    "provider_org_id = $1)))";

Params ViewerParams(const DeskViewer& v) { return {v.org_id.value, std::int64_t{v.agent ? 1 : 0}}; }

constexpr Columns kConsortiumCols{{"c.id", "c.code", "c.name_ja", "c.name_en", "c.region_ja",
                                   "c.region_en", "c.prefectures", "c.provider_org_id",
                                   "c.overseer_org_id", "c.insurer", "c.mail_address",
                                   "c.response_urgent_min", "c.response_high_min",
                                   "c.response_normal_min", "c.response_low_min", "c.arrival_min"}};

Consortium ConsortiumFromRow(Row& r) {
  constexpr auto& k = kConsortiumCols;
  Consortium c;
  c.id = ConsortiumId(r.i64(k("id")));
  c.code = r.take(k("code"));
  c.name_ja = r.take(k("name_ja"));
  c.name_en = r.take(k("name_en"));
  c.region_ja = r.take(k("region_ja"));
  c.region_en = r.take(k("region_en"));
  for (const auto& p : Split(r.str(k("prefectures")))) c.prefectures.push_back(std::stoi(p));
  c.provider_org_id = OrgId(r.i64(k("provider_org_id")));
  c.overseer_org_id = OrgId(r.i64(k("overseer_org_id")));
  c.insurer = r.take(k("insurer"));
  c.mail_address = r.take(k("mail_address"));
  c.first_response_min[0] = static_cast<int>(r.i64(k("response_urgent_min")));
  c.first_response_min[1] = static_cast<int>(r.i64(k("response_high_min")));
  c.first_response_min[2] = static_cast<int>(r.i64(k("response_normal_min")));
  c.first_response_min[3] = static_cast<int>(r.i64(k("response_low_min")));
  c.arrival_min = static_cast<int>(r.i64(k("arrival_min")));
  return c;
}

std::string ConsortiumSelect() {
  return "SELECT " + kConsortiumCols.List() + " FROM desk_consortia c ";
}

constexpr Columns kContractCols{
    {"k.id", "k.consortium_id", "k.sme_org_id", "o.name_ja", "k.plan", "k.starts_at", "k.ends_at"}};

Contract ContractFromRow(Row& r) {
  constexpr auto& k = kContractCols;
  Contract c;
  c.id = ContractId(r.i64(k("id")));
  c.consortium_id = ConsortiumId(r.i64(k("consortium_id")));
  c.sme_org_id = OrgId(r.i64(k("sme_org_id")));
  c.sme_name = r.take(k("name_ja"));
  c.plan = r.take(k("plan"));
  c.starts_at = r.i64(k("starts_at"));
  c.ends_at = r.opt_i64(k("ends_at"));
  return c;
}

std::string ContractSelect() {
  return "SELECT " + kContractCols.List() +
         " FROM desk_contracts k JOIN organisations o ON o.id = k.sme_org_id ";
}

constexpr Columns kDeviceCols{
    {"d.id", "d.contract_id", "d.kind", "d.vendor", "d.model", "d.serial", "d.address", "d.label"}};

Device DeviceFromRow(Row& r) {
  constexpr auto& k = kDeviceCols;
  Device d;
  d.id = DeviceId(r.i64(k("id")));
  d.contract_id = ContractId(r.i64(k("contract_id")));
  d.kind = r.take(k("kind"));
  d.vendor = r.take(k("vendor"));
  d.model = r.take(k("model"));
  d.serial = r.take(k("serial"));
  d.address = r.take(k("address"));
  d.label = r.take(k("label"));
  return d;
}

constexpr Columns kTicketCols{
    {"t.id",
     "t.consortium_id",
     "t.sme_org_id",
     "o.name_ja",
     "t.channel",
     "t.kind",
     "t.category",
     "t.status",
     "t.priority",
     "t.subject",
     "t.caller",
     "t.assignee_id",
     "au.display_name",
     "t.opened_by",
     "t.opened_at",
     "t.updated_at",
     "t.first_response_due",
     "t.first_response_at",
     "t.arrival_due",
     "t.arrived_at",
     "t.resolved_at",
     "t.outcome",
     "t.damage_estimate_yen",
     "t.merged_into",
     "t.consent_at",
     "t.consent_by",
     "(SELECT COALESCE(SUM(a.count), 0) FROM desk_alerts a WHERE a.ticket_id = t.id) AS alerts"}};

Ticket TicketFromRow(Row& r) {
  constexpr auto& k = kTicketCols;
  Ticket t;
  t.id = TicketId(r.i64(k("id")));
  t.consortium_id = ConsortiumId(r.i64(k("consortium_id")));
  t.sme_org_id = OrgId(r.i64(k("sme_org_id")));
  t.sme_name = r.take(k("name_ja"));
  t.channel = r.take(k("channel"));
  t.kind = r.take(k("kind"));
  t.category = r.take(k("category"));
  t.status = r.take(k("status"));
  t.priority = r.take(k("priority"));
  t.subject = r.take(k("subject"));
  t.caller = r.take(k("caller"));
  t.assignee_id = UserId(r.i64(k("assignee_id")));
  t.assignee_name = r.take(k("display_name"));
  t.opened_by = UserId(r.i64(k("opened_by")));
  t.opened_at = r.i64(k("opened_at"));
  t.updated_at = r.i64(k("updated_at"));
  t.first_response_due = r.i64(k("first_response_due"));
  t.first_response_at = r.opt_i64(k("first_response_at"));
  t.arrival_due = r.opt_i64(k("arrival_due"));
  t.arrived_at = r.opt_i64(k("arrived_at"));
  t.resolved_at = r.opt_i64(k("resolved_at"));
  t.outcome = r.take(k("outcome"));
  t.damage_estimate_yen = r.opt_i64(k("damage_estimate_yen"));
  if (auto m = r.opt_i64(k("merged_into"))) t.merged_into = TicketId(*m);
  t.alert_count = r.i64(k("alerts"));
  t.consent_at = r.opt_i64(k("consent_at"));
  t.consent_by = UserId(r.i64(k("consent_by")));
  return t;
}

std::string TicketSelect() {
  return "SELECT " + kTicketCols.List() +
         " FROM desk_tickets t JOIN organisations o ON o.id = t.sme_org_id LEFT JOIN users au "
         "ON au.id = t.assignee_id ";
}

constexpr Columns kAlertCols{{"a.id", "a.device_id", "d.label", "a.ticket_id", "a.category",
                              "a.signature", "a.src", "a.dst", "a.action", "a.vendor", "a.severity",
                              "a.count", "a.first_at", "a.last_at", "a.raw"}};

Alert AlertFromRow(Row& r) {
  constexpr auto& k = kAlertCols;
  Alert a;
  a.id = r.i64(k("id"));
  a.device_id = DeviceId(r.i64(k("device_id")));
  a.device_label = r.take(k("label"));
  if (auto t = r.opt_i64(k("ticket_id"))) a.ticket_id = TicketId(*t);
  a.category = r.take(k("category"));
  a.signature = r.take(k("signature"));
  a.src = r.take(k("src"));
  a.dst = r.take(k("dst"));
  a.action = r.take(k("action"));
  a.vendor = r.take(k("vendor"));
  a.severity = static_cast<int>(r.i64(k("severity")));
  a.count = r.i64(k("count"));
  a.first_at = r.i64(k("first_at"));
  a.last_at = r.i64(k("last_at"));
  a.raw = r.take(k("raw"));
  return a;
}

std::string AlertSelect() {
  return "SELECT " + kAlertCols.List() +
         " FROM desk_alerts a JOIN desk_devices d ON d.id = a.device_id ";
}

Value OptId(std::int64_t v) { return v > 0 ? Value(v) : Value(nullptr); }

std::string TicketSearchKey(const Ticket& t) {
  return FoldForSearch(t.subject + " " + t.caller + " " + t.sme_name);
}

}  // namespace

Result<ConsortiumId> SqlDeskStore::CreateConsortium(const Consortium& c) {
  std::vector<std::string> prefs;
  for (int p : c.prefectures) prefs.push_back(std::to_string(p));
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO desk_consortia (code, name_ja, name_en, region_ja, region_en, "
               "prefectures, provider_org_id, overseer_org_id, insurer, mail_address, "
               "response_urgent_min, response_high_min, response_normal_min, response_low_min, "
               "arrival_min) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
               "$14, $15) RETURNING id",
               {c.code, c.name_ja, c.name_en, c.region_ja, c.region_en, Join(prefs),
                c.provider_org_id.value, OptId(c.overseer_org_id.value), c.insurer, c.mail_address,
                std::int64_t{c.first_response_min[0]}, std::int64_t{c.first_response_min[1]},
                std::int64_t{c.first_response_min[2]}, std::int64_t{c.first_response_min[3]},
                std::int64_t{c.arrival_min}}));
  return ConsortiumId(rows.at(0).i64(0));
}

Result<std::vector<Consortium>> SqlDeskStore::ConsortiaOf(OrgId org) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query(ConsortiumSelect() +
                              "WHERE c.provider_org_id = $1 OR c.overseer_org_id = $1 OR c.id IN "
                              "(SELECT consortium_id FROM desk_contracts WHERE sme_org_id = $1) "
                              "ORDER BY c.id",
                          {org.value}));
  std::vector<Consortium> out;
  for (Row& r : rows) out.push_back(ConsortiumFromRow(r));
  return out;
}

Result<std::optional<Consortium>> SqlDeskStore::GetConsortium(ConsortiumId id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(ConsortiumSelect() + "WHERE c.id = $1", {id.value}));
  if (rows.empty()) return std::optional<Consortium>();
  return std::optional<Consortium>(ConsortiumFromRow(rows[0]));
}

Result<std::vector<Consortium>> SqlDeskStore::AllConsortia() {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(ConsortiumSelect() + "ORDER BY c.id", {}));
  std::vector<Consortium> out;
  for (Row& r : rows) out.push_back(ConsortiumFromRow(r));
  return out;
}

Result<ContractId> SqlDeskStore::CreateContract(const Contract& c) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("INSERT INTO desk_contracts (consortium_id, sme_org_id, plan, starts_at, "
                          "ends_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                          {c.consortium_id.value, c.sme_org_id.value, c.plan, c.starts_at,
                           OptMillis(c.ends_at)}));
  return ContractId(rows.at(0).i64(0));
}

Result<DeviceId> SqlDeskStore::AddDevice(const Device& d) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO desk_devices (contract_id, kind, vendor, model, serial, "
               "address, label) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
               {d.contract_id.value, d.kind, d.vendor, d.model, d.serial, d.address, d.label}));
  return DeviceId(rows.at(0).i64(0));
}

Status SqlDeskStore::LoadParts(std::vector<Contract>& contracts) {
  for (Contract& c : contracts) {
    RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT " + kDeviceCols.List() +
                                                    " FROM desk_devices d WHERE d.contract_id = "
                                                    "$1 ORDER BY d.id",
                                                {c.id.value}));
    for (Row& r : rows) c.devices.push_back(DeviceFromRow(r));
    RENKEI_ASSIGN_OR_RETURN(
        auto customers,
        c_.Query("SELECT o.id, o.name_ja, o.name_en FROM desk_contract_customers x JOIN "
                 "organisations o ON o.id = x.org_id WHERE x.contract_id = $1 ORDER BY o.id",
                 {c.id.value}));
    for (Row& r : customers) c.customers.push_back({OrgId(r.i64(0)), r.take(1), r.take(2)});
  }
  return Status::Ok();
}

Result<std::optional<Contract>> SqlDeskStore::VisibleContract(const DeskViewer& v, ContractId id) {
  Params params = ViewerParams(v);
  params.push_back(id.value);
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query(ContractSelect() + "WHERE k.id = $3 AND " + kContractVisible, params));
  if (rows.empty()) return std::optional<Contract>();
  std::vector<Contract> one{ContractFromRow(rows[0])};
  RENKEI_RETURN_IF_ERROR(LoadParts(one));
  return std::optional<Contract>(std::move(one[0]));
}

Status SqlDeskStore::SetCustomers(ContractId id, const std::vector<OrgId>& orgs) {
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("DELETE FROM desk_contract_customers WHERE contract_id = $1", {id.value}).status());
  for (OrgId org : orgs) {
    RENKEI_RETURN_IF_ERROR(
        c_.Exec("INSERT INTO desk_contract_customers (contract_id, org_id) VALUES ($1, $2)",
                {id.value, org.value})
            .status());
  }
  return Status::Ok();
}

Result<std::vector<Contract>> SqlDeskStore::Contracts(const DeskViewer& v,
                                                      std::optional<ConsortiumId> consortium,
                                                      const std::string& q, int limit) {
  std::string sql = ContractSelect() + "WHERE " + kContractVisible;
  Params params = ViewerParams(v);
  auto bind = [&](Value val) {
    params.push_back(std::move(val));
    return "$" + std::to_string(params.size());
  };
  if (consortium) sql += " AND k.consortium_id = " + bind(consortium->value);
  if (!q.empty())
    sql += " AND o.search_key LIKE " + bind(ContainsPattern(FoldForSearch(q))) + " ESCAPE '\\'";
  sql += " ORDER BY k.id LIMIT " + bind(std::int64_t{limit});
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<Contract> out;
  for (Row& r : rows) out.push_back(ContractFromRow(r));
  RENKEI_RETURN_IF_ERROR(LoadParts(out));
  return out;
}

Result<std::optional<Contract>> SqlDeskStore::ContractInForce(OrgId sme, Millis now,
                                                              OrgId provider) {
  Params params{sme.value, now};
  std::string sql = ContractSelect() +
                    "WHERE k.sme_org_id = $1 AND k.starts_at <= $2 AND (k.ends_at IS NULL OR "
                    "k.ends_at > $2)";
  if (provider.valid()) {
    params.push_back(provider.value);
    sql += " AND k.consortium_id IN (SELECT id FROM desk_consortia WHERE provider_org_id = $3)";
  }
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql + " ORDER BY k.id DESC LIMIT 1", params));
  if (rows.empty()) return std::optional<Contract>();
  std::vector<Contract> one{ContractFromRow(rows[0])};
  RENKEI_RETURN_IF_ERROR(LoadParts(one));
  return std::optional<Contract>(std::move(one[0]));
}

Result<bool> SqlDeskStore::SeesContractOf(const DeskViewer& v, OrgId sme) {
  Params params = ViewerParams(v);
  params.push_back(sme.value);
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query(std::string("SELECT k.id FROM desk_contracts k WHERE k.sme_org_id = $3 "
                                      "AND ") +
                              kContractVisible + " LIMIT 1",
                          params));
  return !rows.empty();
}

Result<std::optional<Contract>> SqlDeskStore::GetContract(ContractId id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(ContractSelect() + "WHERE k.id = $1", {id.value}));
  if (rows.empty()) return std::optional<Contract>();
  std::vector<Contract> one{ContractFromRow(rows[0])};
  RENKEI_RETURN_IF_ERROR(LoadParts(one));
  return std::optional<Contract>(std::move(one[0]));
}

Result<std::optional<Device>> SqlDeskStore::DeviceOf(const std::string& serial,
                                                     const std::string& address, Millis now) {
  const std::string in_force =
      " AND d.contract_id IN (SELECT id FROM desk_contracts WHERE starts_at <= $2 AND (ends_at IS "
      "NULL OR ends_at > $2))";
  const std::string select = "SELECT " + kDeviceCols.List() + " FROM desk_devices d ";
  if (!serial.empty()) {
    RENKEI_ASSIGN_OR_RETURN(auto rows,
                            c_.Query(select + "WHERE d.serial = $1" + in_force, {serial, now}));
    if (!rows.empty()) return std::optional<Device>(DeviceFromRow(rows[0]));
  }
  if (address.empty()) return std::optional<Device>();
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query(select + "WHERE d.address = $1" + in_force + " ORDER BY d.id LIMIT 1",
                          {address, now}));
  if (rows.empty()) return std::optional<Device>();
  return std::optional<Device>(DeviceFromRow(rows[0]));
}

Result<TicketId> SqlDeskStore::CreateTicket(const Ticket& t) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO desk_tickets (consortium_id, sme_org_id, channel, kind, category, "
               "status, priority, subject, caller, search_key, assignee_id, opened_by, opened_at, "
               "updated_at, first_response_due) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
               "$11, $12, $13, $13, $14) RETURNING id",
               {t.consortium_id.value, t.sme_org_id.value, t.channel, t.kind, t.category, t.status,
                t.priority, t.subject, t.caller, TicketSearchKey(t), OptId(t.assignee_id.value),
                OptId(t.opened_by.value), t.opened_at, t.first_response_due}));
  return TicketId(rows.at(0).i64(0));
}

Result<std::optional<Ticket>> SqlDeskStore::GetTicket(const DeskViewer& v, TicketId id) {
  Params params = ViewerParams(v);
  params.push_back(id.value);
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query(TicketSelect() + "WHERE t.id = $3 AND " + kTicketVisible, params));
  if (rows.empty()) return std::optional<Ticket>();
  return std::optional<Ticket>(TicketFromRow(rows[0]));
}

namespace {
// The WHERE of ListTickets and CountTickets (one, so a tile's count is its list's rows).
std::string TicketWhere(const domain::TicketFilter& f, Millis now, Params& params) {
  auto bind = [&](Value val) {
    params.push_back(std::move(val));
    return "$" + std::to_string(params.size());
  };
  std::string sql = std::string("WHERE ") + kTicketVisible;
  if (f.status == "open")
    sql += " AND t.status NOT IN ('resolved', 'merged')";
  else if (!f.status.empty())
    sql += " AND t.status = " + bind(f.status);
  if (f.consortium) sql += " AND t.consortium_id = " + bind(f.consortium->value);
  if (f.sme) sql += " AND t.sme_org_id = " + bind(f.sme->value);
  if (!f.kind.empty()) sql += " AND t.kind = " + bind(f.kind);
  if (f.assignee) sql += " AND t.assignee_id = " + bind(f.assignee->value);
  if (f.unassigned) sql += " AND t.assignee_id IS NULL";
  if (f.response_overdue)
    sql +=
        " AND t.first_response_at IS NULL AND t.status NOT IN ('resolved', 'merged') AND "
        "t.first_response_due < " +
        bind(now);
  if (!f.q.empty())
    sql += " AND t.search_key LIKE " + bind(ContainsPattern(FoldForSearch(f.q))) + " ESCAPE '\\'";
  if (f.before_id > 0) sql += " AND t.id < " + bind(f.before_id);
  return sql;
}
}  // namespace

Result<domain::TicketPage> SqlDeskStore::ListTickets(const DeskViewer& v,
                                                     const domain::TicketFilter& f, Millis now) {
  Params params = ViewerParams(v);
  std::string sql = TicketSelect() + TicketWhere(f, now, params);
  params.push_back(PageLimit(f.limit));
  sql += " ORDER BY t.id DESC LIMIT $" + std::to_string(params.size());
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  domain::TicketPage page;
  TakePage(rows, f.limit, TicketFromRow, page.tickets, page.next);
  return page;
}

Result<std::int64_t> SqlDeskStore::CountTickets(const DeskViewer& v, const domain::TicketFilter& f,
                                                Millis now) {
  Params params = ViewerParams(v);
  const std::string sql =
      "SELECT COUNT(*) FROM desk_tickets t JOIN organisations o ON o.id = "
      "t.sme_org_id " +
      TicketWhere(f, now, params);
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  return rows.at(0).i64(0);
}

Status SqlDeskStore::UpdateTicket(const Ticket& t) {
  return c_
      .Exec(
          "UPDATE desk_tickets SET kind = $2, category = $3, status = $4, priority = $5, "
          "assignee_id = $6, updated_at = $7, first_response_at = $8, arrival_due = $9, "
          "arrived_at = $10, resolved_at = $11, outcome = $12, damage_estimate_yen = $13, "
          "merged_into = $14, first_response_due = $15, consent_at = $16, consent_by = $17 WHERE "
          "id = "
          "$1",
          {t.id.value, t.kind, t.category, t.status, t.priority, OptId(t.assignee_id.value),
           t.updated_at, OptMillis(t.first_response_at), OptMillis(t.arrival_due),
           OptMillis(t.arrived_at), OptMillis(t.resolved_at), t.outcome,
           OptMillis(t.damage_estimate_yen),
           t.merged_into ? Value(t.merged_into->value) : Value(nullptr), t.first_response_due,
           OptMillis(t.consent_at), OptId(t.consent_by.value)})
      .status();
}

Result<std::optional<Ticket>> SqlDeskStore::OpenAlertTicket(OrgId sme, ConsortiumId consortium) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(TicketSelect() + "WHERE t.sme_org_id = $1 AND t.consortium_id = $2 AND t.channel = "
                                "'alert' AND t.status NOT IN ('resolved', 'merged') ORDER BY t.id "
                                "DESC LIMIT 1",
               {sme.value, consortium.value}));
  if (rows.empty()) return std::optional<Ticket>();
  return std::optional<Ticket>(TicketFromRow(rows[0]));
}

Result<std::vector<TicketId>> SqlDeskStore::MergedFrom(TicketId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT id FROM desk_tickets WHERE merged_into = $1 ORDER BY id", {id.value}));
  std::vector<TicketId> out;
  for (const Row& r : rows) out.emplace_back(r.i64(0));
  return out;
}

Result<std::int64_t> SqlDeskStore::AddEntry(TicketId id, const domain::TicketEntry& e) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("INSERT INTO desk_ticket_entries (ticket_id, at, kind, author_id, "
                          "from_sme, body) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                          {id.value, e.at, e.kind, OptId(e.author_id.value),
                           std::int64_t{e.from_sme ? 1 : 0}, e.body}));
  return rows.at(0).i64(0);
}

Result<std::vector<domain::TicketEntry>> SqlDeskStore::Entries(TicketId id, bool with_notes) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(std::string("SELECT e.id, e.at, e.kind, e.author_id, u.display_name, e.from_sme, "
                           "e.body FROM desk_ticket_entries e LEFT JOIN users u ON u.id = "
                           "e.author_id WHERE e.ticket_id = $1") +
                   (with_notes ? "" : " AND e.kind <> 'note'") + " ORDER BY e.id",
               {id.value}));
  std::vector<domain::TicketEntry> out;
  for (Row& r : rows) {
    domain::TicketEntry e;
    e.id = r.i64(0);
    e.at = r.i64(1);
    e.kind = r.take(2);
    e.author_id = UserId(r.i64(3));
    e.author_name = r.take(4);
    e.from_sme = r.i64(5) != 0;
    e.body = r.take(6);
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::int64_t> SqlDeskStore::AddDispatch(TicketId id, const domain::Dispatch& d) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("INSERT INTO desk_dispatches (ticket_id, engineer, requested_at, note) "
                          "VALUES ($1, $2, $3, $4) RETURNING id",
                          {id.value, d.engineer, d.requested_at, d.note}));
  return rows.at(0).i64(0);
}

Status SqlDeskStore::UpdateDispatch(TicketId id, const domain::Dispatch& d) {
  return c_
      .Exec(
          "UPDATE desk_dispatches SET left_at = $3, arrived_at = $4, finished_at = $5 WHERE id "
          "= $2 AND ticket_id = $1",
          {id.value, d.id, OptMillis(d.left_at), OptMillis(d.arrived_at), OptMillis(d.finished_at)})
      .status();
}

Result<std::vector<domain::Dispatch>> SqlDeskStore::Dispatches(TicketId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT id, engineer, requested_at, left_at, arrived_at, finished_at, "
                          "note FROM desk_dispatches WHERE ticket_id = $1 ORDER BY id",
                          {id.value}));
  std::vector<domain::Dispatch> out;
  for (Row& r : rows) {
    domain::Dispatch d;
    d.id = r.i64(0);
    d.engineer = r.take(1);
    d.requested_at = r.i64(2);
    d.left_at = r.opt_i64(3);
    d.arrived_at = r.opt_i64(4);
    d.finished_at = r.opt_i64(5);
    d.note = r.take(6);
    out.push_back(std::move(d));
  }
  return out;
}

Result<domain::AlertUpsert> SqlDeskStore::UpsertAlert(DeviceId device, const std::string& key,
                                                      const domain::AlertIn& a) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("UPDATE desk_alerts SET count = count + $3, last_at = CASE WHEN last_at "
                          "< $4 THEN $4 ELSE last_at END, severity = CASE WHEN severity < $5 THEN "
                          "$5 ELSE severity END WHERE device_id = $1 AND dedupe_key = $2 "
                          "RETURNING id, ticket_id",
                          {device.value, key, a.count, a.at, std::int64_t{a.severity}}));
  domain::AlertUpsert out;
  if (!rows.empty()) {
    out.alert_id = rows[0].i64(0);
    if (auto t = rows[0].opt_i64(1)) out.ticket_id = TicketId(*t);
    return out;
  }
  RENKEI_ASSIGN_OR_RETURN(
      auto made,
      c_.Query("INSERT INTO desk_alerts (device_id, dedupe_key, vendor, category, severity, "
               "signature, src, dst, action, count, first_at, last_at, raw) VALUES ($1, $2, $3, "
               "$4, $5, $6, $7, $8, $9, $10, $11, $11, $12) RETURNING id",
               {device.value, key, a.vendor, a.category, std::int64_t{a.severity}, a.signature,
                a.src, a.dst, a.action, a.count, a.at, a.raw}));
  out.alert_id = made.at(0).i64(0);
  out.created = true;
  return out;
}

Status SqlDeskStore::LinkAlert(std::int64_t alert_id, TicketId ticket) {
  return c_.Exec("UPDATE desk_alerts SET ticket_id = $2 WHERE id = $1", {alert_id, ticket.value})
      .status();
}

Status SqlDeskStore::MoveAlerts(TicketId from, TicketId to) {
  return c_
      .Exec("UPDATE desk_alerts SET ticket_id = $2 WHERE ticket_id = $1", {from.value, to.value})
      .status();
}

Result<std::vector<Alert>> SqlDeskStore::AlertsOf(TicketId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query(AlertSelect() +
                              "WHERE a.ticket_id = $1 ORDER BY a.last_at DESC, a.id DESC LIMIT 200",
                          {id.value}));
  std::vector<Alert> out;
  for (Row& r : rows) out.push_back(AlertFromRow(r));
  return out;
}

Result<std::vector<Alert>> SqlDeskStore::RecentAlerts(const DeskViewer& v, OrgId sme, int limit) {
  Params params = ViewerParams(v);
  params.push_back(sme.value);
  params.push_back(std::int64_t{limit});
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(AlertSelect() +
                   "WHERE a.device_id IN (SELECT dd.id FROM desk_devices dd JOIN desk_contracts "
                   "k ON k.id = dd.contract_id WHERE k.sme_org_id = $3 AND " +
                   kContractVisible + ") ORDER BY a.last_at DESC, a.id DESC LIMIT $4",
               params));
  std::vector<Alert> out;
  for (Row& r : rows) out.push_back(AlertFromRow(r));
  return out;
}

Status SqlDeskStore::AddSenderCounts(const domain::SenderCount& c) {
  RENKEI_ASSIGN_OR_RETURN(
      auto n,
      c_.Exec("UPDATE desk_intake_senders SET accepted = accepted + $2, malformed = malformed + "
              "$3, refused = refused + $4, dropped = dropped + $5, unknown = unknown + $6, "
              "last_at = CASE WHEN last_at < $7 THEN $7 ELSE last_at END, sample = CASE WHEN $8 "
              "= '' THEN sample ELSE $8 END, error = CASE WHEN $9 = '' THEN error ELSE $9 END "
              "WHERE sender = $1",
              {c.sender, c.accepted, c.malformed, c.refused, c.dropped, c.unknown, c.last_at,
               c.sample, c.error}));
  if (n == 1) return Status::Ok();
  return c_
      .Exec(
          "INSERT INTO desk_intake_senders (sender, accepted, malformed, refused, dropped, "
          "unknown, last_at, sample, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
          {c.sender, c.accepted, c.malformed, c.refused, c.dropped, c.unknown, c.last_at, c.sample,
           c.error})
      .status();
}

Result<std::vector<domain::SenderCount>> SqlDeskStore::SenderCounts() {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT sender, accepted, malformed, refused, dropped, unknown, last_at, sample, "
               "error FROM desk_intake_senders ORDER BY malformed + refused + dropped + unknown "
               "DESC, sender LIMIT 500",
               {}));
  std::vector<domain::SenderCount> out;
  for (Row& r : rows) {
    domain::SenderCount c;
    c.sender = r.take(0);
    c.accepted = r.i64(1);
    c.malformed = r.i64(2);
    c.refused = r.i64(3);
    c.dropped = r.i64(4);
    c.unknown = r.i64(5);
    c.last_at = r.i64(6);
    c.sample = r.take(7);
    c.error = r.take(8);
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<domain::TicketFacts>> SqlDeskStore::Facts(
    const std::vector<ConsortiumId>& consortia, Millis from, Millis to) {
  std::vector<domain::TicketFacts> out;
  for (ConsortiumId c : consortia) {
    RENKEI_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query("SELECT t.kind, t.category, t.channel, t.opened_at, t.first_response_at, "
                 "(SELECT COUNT(*) FROM desk_dispatches d WHERE d.ticket_id = t.id), (SELECT "
                 "MIN(d.requested_at) FROM desk_dispatches d WHERE d.ticket_id = t.id), (SELECT "
                 "MIN(d.arrived_at) FROM desk_dispatches d WHERE d.ticket_id = t.id), "
                 "t.damage_estimate_yen FROM desk_tickets t WHERE t.consortium_id = $1 AND "
                 "t.opened_at >= $2 AND t.opened_at < $3 AND t.status <> 'merged'",
                 {c.value, from, to}));
    for (Row& r : rows) {
      domain::TicketFacts f;
      f.consortium_id = c;
      f.kind = r.take(0);
      f.category = r.take(1);
      f.channel = r.take(2);
      f.opened_at = r.i64(3);
      f.first_response_at = r.opt_i64(4);
      f.dispatches = r.i64(5);
      f.first_requested_at = r.opt_i64(6);
      f.first_arrived_at = r.opt_i64(7);
      f.damage_estimate_yen = r.opt_i64(8);
      out.push_back(std::move(f));
    }
  }
  return out;
}

Result<std::int64_t> SqlDeskStore::Participants(ConsortiumId c, Millis from, Millis to) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT COUNT(DISTINCT sme_org_id) FROM desk_contracts WHERE consortium_id = $1 "
               "AND starts_at < $3 AND (ends_at IS NULL OR ends_at > $2)",
               {c.value, from, to}));
  return rows.at(0).i64(0);
}

namespace {
constexpr AttachmentTable kDeskFiles{"desk_attachments", "entry_id"};
// kAttachmentCols' order (AttachmentFromRow reads by it), then the entry.
constexpr Columns kDeskFileCols{{"a.id", "a.filename", "a.content_type", "a.size", "a.sha256",
                                 "a.uploaded_by", "a.uploaded_at", "a.data_base64", "a.entry_id"}};
// The files of the ticket at $3 that the viewer at $1, $2 sees.
std::string DeskFileSelect(bool with_data) {
  return "SELECT " + (with_data ? kDeskFileCols.List() : kDeskFileCols.List({"a.data_base64"})) +
         " FROM desk_attachments a JOIN desk_ticket_entries e ON e.id = a.entry_id JOIN "
         "desk_tickets t ON t.id = e.ticket_id WHERE t.id = $3 AND " +
         kTicketVisible + " AND " + kEntryVisible;
}
}  // namespace

Result<domain::AttachmentId> SqlDeskStore::AddEntryAttachment(std::int64_t entry_id,
                                                              const domain::Attachment& a) {
  return InsertAttachment(c_, kDeskFiles, entry_id, a);
}

Result<std::int64_t> SqlDeskStore::CountEntryAttachments(std::int64_t entry_id) {
  return CountAttachmentRows(c_, kDeskFiles, entry_id);
}

Result<std::vector<std::pair<std::int64_t, domain::Attachment>>> SqlDeskStore::EntryAttachments(
    const DeskViewer& v, TicketId id) {
  Params params = ViewerParams(v);
  params.push_back(id.value);
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(DeskFileSelect(false) + " ORDER BY a.id", params));
  std::vector<std::pair<std::int64_t, domain::Attachment>> out;
  for (Row& r : rows) {
    const std::int64_t entry = r.i64(kDeskFileCols("entry_id"));
    out.emplace_back(entry, AttachmentFromRow(r));
  }
  return out;
}

Result<std::optional<domain::Attachment>> SqlDeskStore::GetEntryAttachment(
    const DeskViewer& v, TicketId id, domain::AttachmentId att) {
  Params params = ViewerParams(v);
  params.push_back(id.value);
  params.push_back(att.value);
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(DeskFileSelect(true) + " AND a.id = $4", params));
  if (rows.empty()) return std::optional<domain::Attachment>();
  RENKEI_ASSIGN_OR_RETURN(auto a, AttachmentWithData(rows[0], kDeskFileCols("data_base64")));
  return std::optional<domain::Attachment>(std::move(a));
}

Result<std::optional<domain::TicketId>> SqlDeskStore::MailTicket(ConsortiumId c,
                                                                 const std::string& message_key) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT ticket_id FROM desk_mail_messages WHERE "
                                              "consortium_id = $1 AND message_key = $2",
                                              {c.value, message_key}));
  if (rows.empty()) return std::optional<domain::TicketId>();
  return std::optional<domain::TicketId>(domain::TicketId(rows.at(0).i64(0)));
}

Status SqlDeskStore::AddMailMessage(ConsortiumId c, const std::string& message_key,
                                    domain::TicketId ticket, Millis at) {
  return c_
      .Exec(
          "INSERT INTO desk_mail_messages (consortium_id, message_key, ticket_id, at) VALUES "
          "($1, $2, $3, $4)",
          {c.value, message_key, ticket.value, at})
      .status();
}

}  // namespace renkei::storage
