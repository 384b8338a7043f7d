// The SME support desk (お助け隊, issue 19): the model. A consortium (a region's provider,
// its insurer and partners) serves the SMEs enrolled with it by contracts; each contract
// lists the SME's monitored devices (UTMs with their serials). Tickets (相談・対応) are the
// desk's work: opened by phone, mail, the SME's own form or a device's alert, worked
// through statuses with SLA clocks, internal notes and messages to the SME, dispatches
// (駆付け) and an outcome. docs/desk.md tells the whole story.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "domain/attachments.h"

namespace renkei::domain {

using ConsortiumId = Id<struct ConsortiumTag>;
using ContractId = Id<struct ContractTag>;
using DeviceId = Id<struct DeviceTag>;
using TicketId = Id<struct TicketTag>;

// The stored codes (migration 0016's CHECKs list the same).
// How a ticket came in.
inline constexpr const char* kTicketChannels[] = {"phone", "mail", "web", "alert"};
// コールセンター対応 (a consultation) or インシデント等対応 (an incident), as the pilot's
// statistics count them; each with its four categories exactly as the seed names them.
inline constexpr const char* kTicketKinds[] = {"contact", "incident"};
inline constexpr const char* kContactCategories[] = {
    "participation",  // 実証参加に関する問い合わせ
    "installation",   // セキュリティ機器設置等の問い合わせ
    "security",       // セキュリティ対応の相談
    "other"};         // その他
inline constexpr const char* kIncidentCategories[] = {"remote",  // 電話およびリモートによる対応
                                                      "onsite",  // 訪問による対応（駆けつけ）
                                                      "device_trouble",  // 機器設置等のトラブル対応
                                                      "other"};  // その他
// 受付 → 一次切り分け → リモート対応 / 駆付け対応 → 保険連携 → 対応完了; merged: folded
// into another ticket (a duplicate).
inline constexpr const char* kTicketStatuses[] = {"received",  "triage",   "remote", "onsite",
                                                  "insurance", "resolved", "merged"};
inline constexpr const char* kTicketPriorities[] = {"low", "normal", "high", "urgent"};
inline constexpr const char* kContractPlans[] = {"network", "endpoint", "combined"};
inline constexpr const char* kDeviceKinds[] = {"utm", "edr", "router", "other"};
// note: internal, the desk's only; message: to or from the SME; event: what the platform
// recorded (status, assignment, dispatch, alert), shown to both.
inline constexpr const char* kEntryKinds[] = {"note", "message", "event"};

bool TicketIsOpen(const std::string& status);  // not resolved, not merged

struct Consortium {
  ConsortiumId id;
  std::string code;  // "kanagawa": data/intake/*.toml names its allowed senders by it
  std::string name_ja, name_en;
  std::string region_ja, region_en;  // 「神奈川県」
  std::vector<int> prefectures;      // JIS codes served
  OrgId provider_org_id;             // its desk agents work its tickets
  OrgId overseer_org_id;             // the programme's ministry: sees its statistics
  std::string insurer;               // 簡易サイバー保険 の引受保険会社
  std::string mail_address;          // inbound mail to it becomes tickets
  // The service terms: minutes to the first response per priority (urgent, high, normal,
  // low) and to arriving on site once a dispatch is requested.
  int first_response_min[4] = {30, 60, 240, 480};
  int arrival_min = 240;
};

struct Device {
  DeviceId id;
  ContractId contract_id;
  std::string kind = "utm";
  std::string vendor, model, serial;
  std::string address;  // the address its syslog comes from, "" if it names its serial
  std::string label;    // where it is (「本社 1F」)
};

// An operator an SME supplies, by name (never a bare id on a page).
struct Customer {
  OrgId org_id;
  std::string name_ja, name_en;
};

struct Contract {
  ContractId id;
  ConsortiumId consortium_id;
  OrgId sme_org_id;
  std::string sme_name;  // the organisation's name (read with the contract)
  std::string plan = "network";
  Millis starts_at = 0;
  std::optional<Millis> ends_at;
  std::vector<Device> devices;
  // The critical-infrastructure operators the SME supplies (取引先): whom its tickets may be
  // shared with (DeskService::Share).
  std::vector<Customer> customers;
};

struct TicketEntry {
  std::int64_t id = 0;
  Millis at = 0;
  std::string kind = "message";
  UserId author_id;  // none for the platform's own events and inbound mail
  std::string author_name;
  bool from_sme = false;
  std::string body;
  // Its files (migration 0018; no bytes): a note's only for those who see notes.
  std::vector<Attachment> attachments;
};

struct Dispatch {
  std::int64_t id = 0;
  std::string engineer;  // who goes
  Millis requested_at = 0;
  std::optional<Millis> left_at, arrived_at, finished_at;
  std::string note;
};

struct Alert {
  std::int64_t id = 0;
  DeviceId device_id;
  std::string device_label;
  std::optional<TicketId> ticket_id;
  std::string category, signature, src, dst, action, vendor;
  int severity = 0;
  std::int64_t count = 0;
  Millis first_at = 0, last_at = 0;
  std::string raw;  // the first line as received (the desk only)
};

struct Ticket {
  TicketId id;
  ConsortiumId consortium_id;
  OrgId sme_org_id;
  std::string sme_name;
  std::string channel = "phone";
  std::string kind = "contact";
  std::string category = "other";
  std::string status = "received";
  std::string priority = "normal";
  std::string subject;
  std::string caller;  // who called or wrote, as recorded ("総務 山田様 03-…")
  UserId assignee_id;
  std::string assignee_name;
  UserId opened_by;  // none for mail and alerts
  Millis opened_at = 0, updated_at = 0;
  Millis first_response_due = 0;
  std::optional<Millis> first_response_at;
  std::optional<Millis> arrival_due;  // once a dispatch is requested
  std::optional<Millis> arrived_at;
  std::optional<Millis> resolved_at;
  std::string outcome;
  std::optional<std::int64_t> damage_estimate_yen;  // 被害想定額
  std::optional<TicketId> merged_into;
  std::int64_t alert_count = 0;
  // The SME's consent (同意) to its desk sharing this ticket with its customers on its behalf.
  std::optional<Millis> consent_at;
  UserId consent_by;
};

// A ticket with what belongs to it, as the caller may see it (an SME: no notes, no raw
// lines).
struct TicketDetail {
  Ticket ticket;
  std::vector<TicketEntry> entries;
  std::vector<Dispatch> dispatches;
  std::vector<Alert> alerts;
  std::vector<TicketId> merged_from;
  bool desk_view = false;  // the caller works the ticket (notes and raw lines shown)
};

}  // namespace renkei::domain
