#include "storage/stores/sql_stores.h"

#include <algorithm>
#include <map>

#include "core/crypto.h"
#include "core/error_codes.h"
#include "core/text.h"
#include "domain/sharing/access_policy.h"
#include "domain/sharing/mail.h"
#include "storage/stores/attachment_rows.h"
#include "storage/stores/sql_rows.h"
#include "storage/stores/sql_text.h"

namespace renkei::storage {

using domain::Item;
using domain::ItemId;
using domain::Tlp;

namespace {

// THE visibility rule (sharing::AccessPolicy documents it; this is its only
// implementation). Every query that takes a Viewer binds $1 = user id, $2 = the user's
// organisation, $3 = the user's role mask, and ANDs this predicate over `items i`.
// Published items: who sees what. `exercise`: the rule for exercise items, which is the
// same without "TLP:CLEAR is everyone's" — an exercise item reaches only the
// participants it was addressed to (ExerciseService never labels one CLEAR either).
std::string VisiblePublished(bool exercise) {
  return std::string("(i.author_user_id = $1") + (exercise ? "" : " OR i.tlp = 'CLEAR'") +
         " OR (i.tlp = 'RED' AND EXISTS (SELECT 1 FROM item_named_users n"
         " WHERE n.item_id = i.id AND n.user_id = $1))"
         " OR (i.tlp IN ('GREEN', 'AMBER', 'AMBER+STRICT') AND (i.sender_org_id = $2"
         " OR ((i.role_mask = 0 OR (i.role_mask & $3) <> 0) AND EXISTS (SELECT 1 FROM item_orgs r"
         " WHERE r.item_id = i.id AND r.org_id = $2)))))";
}

// The clearance clause (domain/directory/clearance.h): the person `user` of organisation
// `org` is cleared at instant `now` for the level `need` (0: nothing to clear) — a
// clearance of that level or higher and the organisation's certification, both valid
// after `now`. ANDed into kVisible over every item, drafts and exercises alike, and into
// the fan-out of an item that requires a clearance, so deliveries (and their mail notices)
// go only to people cleared when it is published.
std::string Cleared(const std::string& need, const char* user, const char* org, const char* now) {
  return "(" + need +
         " = 0 OR EXISTS (SELECT 1 FROM user_clearances uc JOIN certified_handlers ch ON "
         "ch.org_id = " +
         org + " WHERE uc.user_id = " + user + " AND uc.level >= " + need +
         " AND uc.valid_until > " + now + " AND ch.valid_until > " + now + "))";
}

// "A publisher of the sender organisation" for drafts (AccessPolicy::IsPublisher, from
// its tables): a publisher role in the viewer's mask ($3), or an organisation ($2) of a
// publishing kind; the clause also requires $2 to be the sender.
std::string PublisherOfSender() {
  const std::vector<domain::Role> roles(std::begin(domain::kPublisherRoles),
                                        std::end(domain::kPublisherRoles));
  std::string kinds;
  for (const char* k : domain::kPublisherOrgKinds)
    kinds += (kinds.empty() ? "'" : ", '") + std::string(k) + "'";
  return "(($3 & " + std::to_string(domain::RoleMask(roles)) +
         ") <> 0 OR EXISTS (SELECT 1 FROM organisations po WHERE po.id = $2 AND po.kind IN (" +
         kinds + ")))";
}

// THE visibility rule (AccessPolicy's header) over `items i` with $1 user, $2 organisation,
// $3 role mask (ViewerParams): a real item — published by the rule above; a draft by its
// author and, below RED, the sender organisation's publishers; an item awaiting approval
// (決裁待ち) by its author and the sender organisation's publishers, RED too (they approve
// it) —, or an exercise item (never a draft) by the exercise rule. This is what opening one
// item asks (get, versions, attachments, live events, SeenBy).
const std::string kVisible =
    "(" + Cleared("i.clearance", "$1", "$2", "$4") +
    " AND ((i.exercise_id IS NULL AND ((i.state = 'published' AND " + VisiblePublished(false) +
    ") OR (i.state <> 'published' AND (i.author_user_id = $1 OR ((i.tlp <> 'RED' OR "
    "i.state = 'pending_approval') AND i.sender_org_id = $2 AND " +
    PublisherOfSender() + "))))) OR (i.exercise_id IS NOT NULL AND i.state = 'published' AND " +
    VisiblePublished(true) + ")))";

// Exercise isolation (architecture invariant 7), the other half of the rule: every LIST of
// items — the inbox and every list scope, counts, search, the home tiles' lists and rates,
// the public page, exports — shows real items only; exercise items are listed only in
// their exercise's own view (ItemFilter::exercise_id), still under kVisible.
constexpr const char* kRealItemsOnly = " AND i.exercise_id IS NULL";

// What requires a clearance is never exported or served over TAXII (access_policy.h): the
// lists that carry bodies out (ItemFilter::with_body, the STIX list) and the TAXII feed.
constexpr const char* kUnclassifiedOnly = " AND i.clearance = 0";

// The list scopes over unpublished items (ListVisibleItems, CountAwaitingApproval): the
// drafts list holds the drafts the viewer sees and the viewer's own items awaiting
// approval; 決裁待ち (`pending`) the sender organisation's items awaiting approval that
// someone else wrote — with kVisible, those the viewer may approve.
constexpr const char* kDraftsScope =
    " AND (i.state = 'draft' OR (i.state = 'pending_approval' AND i.author_user_id = $1))";
constexpr const char* kPendingScope =
    " AND i.state = 'pending_approval' AND i.sender_org_id = $2 AND i.author_user_id <> $1";

// Who gets mail about an item (over `deliveries d JOIN users u JOIN items i`): everyone
// who has not turned mail off, and for urgent items everyone. Digest readers get
// non-urgent items in the morning digest.
constexpr const char* kWantsMail = "(u.notify_mode <> 'off' OR i.urgent = 1)";
constexpr const char* kDigestReader = "(u.notify_mode = 'digest' AND i.urgent = 0)";
constexpr const char* kRecipientsOf =
    " FROM deliveries d JOIN users u ON u.id = d.user_id JOIN items i ON i.id = d.item_id"
    " WHERE d.item_id = $1 AND ";

// Item columns; `body` is left out of lists (the list shows titles).
constexpr Columns kItemCols{{"i.id",
                             "i.kind",
                             "i.tlp",
                             "i.state",
                             "i.withdrawn",
                             "i.version",
                             "i.ack_version",
                             "cv.note AS revision_note",
                             "cv.added_file AS revision_file",
                             "cv.edited_at AS revised_at",
                             "i.author_user_id",
                             "au.display_name",
                             "i.sender_org_id",
                             "so.name_ja",
                             "so.name_en",
                             "i.is_public",
                             "i.urgent",
                             "i.mail_text",
                             "i.roles",
                             "i.title",
                             "i.body",
                             "i.action_requested",
                             "i.action_due_at",
                             "i.cve_ids",
                             "i.affected_products",
                             "i.detection",
                             "i.mitigation",
                             "i.published_at",
                             "i.updated_at",
                             "i.withdrawn_at",
                             "i.withdrawn_reason",
                             "i.return_reason",
                             "i.returned_at",
                             "i.relayed_from_item_id",
                             "i.relay_root_item_id",
                             "i.relay_depth",
                             "i.relay_note",
                             "i.exercise_id",
                             "i.clearance",
                             "d.delivered_at",
                             "d.read_at",
                             "d.acknowledged_at"}};

// `delivered_only`: start from the caller's deliveries (the inbox), so the query walks
// the deliveries_user index instead of every item.
std::string ItemSelect(bool with_body, bool delivered_only = false) {
  return "SELECT " + (with_body ? kItemCols.List() : kItemCols.List({"i.body"})) +
         (delivered_only ? " FROM deliveries d JOIN items i ON i.id = d.item_id AND d.user_id = $1 "
                         : " FROM items i LEFT JOIN deliveries d ON d.item_id = i.id AND "
                           "d.user_id = $1 ") +
         "JOIN users au ON au.id = i.author_user_id "
         "JOIN organisations so ON so.id = i.sender_org_id "
         "JOIN item_versions cv ON cv.item_id = i.id AND cv.version = i.version ";
}

// The eight content columns (title … mitigation), which items and item_versions both keep,
// read by name from either's select list.
template <const auto& kCols>
domain::ItemContent ContentFromRow(Row& r) {
  domain::ItemContent c;
  c.title = r.take(kCols("title"));
  c.body = r.take(kCols("body"));
  c.action_requested = r.take(kCols("action_requested"));
  c.action_due_at = r.opt_i64(kCols("action_due_at"));
  c.cve_ids = Split(r.str(kCols("cve_ids")));
  c.affected_products = Split(r.str(kCols("affected_products")), '\n');
  c.detection = r.take(kCols("detection"));
  c.mitigation = r.take(kCols("mitigation"));
  return c;
}

void AppendContent(Params& p, const domain::ItemContent& c) {
  for (Value v :
       {Value(c.title), Value(c.body), Value(c.action_requested), OptMillis(c.action_due_at),
        Value(Join(c.cve_ids)), Value(Join(c.affected_products, '\n')), Value(c.detection),
        Value(c.mitigation)}) {
    p.push_back(std::move(v));
  }
}

Item ItemFromRow(Row& r) {
  constexpr const auto& c = kItemCols;
  Item it;
  it.id = ItemId(r.i64(c("id")));
  it.kind = r.take(c("kind"));
  it.tlp = domain::ParseTlp(r.str(c("tlp"))).value_or(Tlp::kRed);
  it.state = domain::ParseItemState(r.str(c("state"))).value_or(domain::ItemState::kDraft);
  it.withdrawn = r.i64(c("withdrawn")) != 0;
  it.version = static_cast<int>(r.i64(c("version")));
  it.ack_version = static_cast<int>(r.i64(c("ack_version")));
  it.revision_note = r.take(c("revision_note"));
  it.revision_file = r.take(c("revision_file"));
  if (it.version > 1) it.revised_at = r.i64(c("revised_at"));
  it.author_id = UserId(r.i64(c("author_user_id")));
  it.author_name = r.take(c("display_name"));
  it.sender_org_id = OrgId(r.i64(c("sender_org_id")));
  it.sender_org_name_ja = r.take(c("name_ja"));
  it.sender_org_name_en = r.take(c("name_en"));
  it.is_public = r.i64(c("is_public")) != 0;
  it.urgent = r.i64(c("urgent")) != 0;
  it.mail_text = r.i64(c("mail_text")) != 0;
  it.audience.roles = RolesFromText(r.str(c("roles")));
  it.content = ContentFromRow<kItemCols>(r);
  it.published_at = r.i64(c("published_at"));
  it.updated_at = r.i64(c("updated_at"));
  it.withdrawn_at = r.opt_i64(c("withdrawn_at"));
  it.withdrawn_reason = r.take(c("withdrawn_reason"));
  it.return_reason = r.take(c("return_reason"));
  it.returned_at = r.opt_i64(c("returned_at"));
  if (auto from = r.opt_i64(c("relayed_from_item_id"))) it.relayed_from = ItemId(*from);
  if (auto root = r.opt_i64(c("relay_root_item_id"))) it.relay_root = ItemId(*root);
  it.relay_depth = static_cast<int>(r.i64(c("relay_depth")));
  it.relay_note = r.take(c("relay_note"));
  it.exercise_id = r.opt_i64(c("exercise_id")).value_or(0);
  it.clearance = static_cast<int>(r.i64(c("clearance")));
  it.my_delivered_at = r.opt_i64(c("delivered_at"));
  it.my_read_at = r.opt_i64(c("read_at"));
  it.my_acknowledged_at = r.opt_i64(c("acknowledged_at"));
  return it;
}

Params ViewerParams(const domain::Viewer& v) {
  return {v.user_id.value, v.org_id.value, v.role_mask, v.now};
}

std::string SearchKey(const domain::ItemContent& c) {
  return FoldForSearch(c.title + "\n" + c.body + "\n" + Join(c.cve_ids, ' ') + "\n" +
                       Join(c.affected_products, '\n') + "\n" + c.detection + "\n" + c.mitigation);
}

}  // namespace

namespace {
// Rows (item, value) into an audience table, many per statement: an exercise names 869
// organisations, and one statement each cost PostgreSQL a round trip apiece (bench/exercise).
// Statements of 256, 128, … 1 rows, so at most nine shapes reach the statement cache.
Status InsertItemRows(Connection& c, const char* table, const char* column, std::int64_t item,
                      const Params& values) {
  for (size_t i = 0; i < values.size();) {
    size_t k = 256;
    while (k > values.size() - i) k /= 2;
    std::string sql = std::string("INSERT INTO ") + table + " (item_id, " + column + ") VALUES ";
    Params p{item};
    for (size_t j = 0; j < k; ++j) {
      p.push_back(values[i + j]);
      sql += (j ? ", ($1, $" : "($1, $") + std::to_string(p.size()) + ")";
    }
    RENKEI_RETURN_IF_ERROR(c.Exec(sql, p).status());
    i += k;
  }
  return Status::Ok();
}
}  // namespace

Status SqlSharingStore::InsertAudience(ItemId id, const domain::Audience& a) {
  Params sectors, hubs, orgs, users;
  for (const auto& x : a.sector_ids) sectors.emplace_back(x);
  for (HubId x : a.hub_ids) hubs.emplace_back(x.value);
  for (OrgId x : a.org_ids) orgs.emplace_back(x.value);
  for (UserId x : a.user_ids) users.emplace_back(x.value);
  RENKEI_RETURN_IF_ERROR(InsertItemRows(c_, "item_sectors", "sector_id", id.value, sectors));
  RENKEI_RETURN_IF_ERROR(InsertItemRows(c_, "item_hubs", "hub_id", id.value, hubs));
  RENKEI_RETURN_IF_ERROR(InsertItemRows(c_, "item_target_orgs", "org_id", id.value, orgs));
  return InsertItemRows(c_, "item_named_users", "user_id", id.value, users);
}

Result<ItemId> SqlSharingStore::CreateItem(const Item& it) {
  Params p{it.kind,
           std::string(TlpName(it.tlp)),
           it.author_id.value,
           it.sender_org_id.value,
           std::int64_t{it.is_public},
           std::int64_t{it.urgent},
           std::int64_t{it.mail_text},
           domain::RoleMask(it.audience.roles),
           RolesText(it.audience.roles)};
  AppendContent(p, it.content);
  p.push_back(SearchKey(it.content));
  p.push_back(it.published_at);
  p.push_back(std::string(domain::ItemStateName(it.state)));
  p.push_back(OptMillis(it.relayed_from ? std::optional<std::int64_t>(it.relayed_from->value)
                                        : std::nullopt));
  p.push_back(
      OptMillis(it.relay_root ? std::optional<std::int64_t>(it.relay_root->value) : std::nullopt));
  p.push_back(std::int64_t{it.relay_depth});
  p.push_back(it.relay_note);
  p.push_back(it.exercise_id ? Value(it.exercise_id) : Value(nullptr));
  p.push_back(std::int64_t{it.clearance});
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("INSERT INTO items (kind, tlp, version, author_user_id, sender_org_id, is_public, "
               "urgent, mail_text, role_mask, roles, title, body, action_requested, "
               "action_due_at, cve_ids, affected_products, detection, mitigation, search_key, "
               "published_at, updated_at, state, relayed_from_item_id, relay_root_item_id, "
               "relay_depth, relay_note, exercise_id, clearance) VALUES ($1, $2, 1, $3, $4, $5, "
               "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $21, "
               "$22, $23, $24, $25, $26) "
               "RETURNING id",
               p));
  const ItemId id(rows.at(0).i64(0));
  RENKEI_RETURN_IF_ERROR(InsertAudience(id, it.audience));
  domain::ItemVersion v;
  v.version = 1;
  v.content = it.content;
  v.edited_by = it.author_id;
  RENKEI_RETURN_IF_ERROR(AddVersion(id, v, it.published_at));
  return id;
}

Status SqlSharingStore::ReplaceDraft(const Item& it) {
  Params p{it.id.value,
           it.kind,
           std::string(TlpName(it.tlp)),
           std::int64_t{it.is_public},
           std::int64_t{it.urgent},
           std::int64_t{it.mail_text},
           domain::RoleMask(it.audience.roles),
           RolesText(it.audience.roles)};
  AppendContent(p, it.content);
  p.push_back(SearchKey(it.content));
  p.push_back(it.updated_at);
  p.push_back(std::int64_t{it.clearance});
  RENKEI_ASSIGN_OR_RETURN(
      auto changed,
      c_.Exec("UPDATE items SET kind = $2, tlp = $3, is_public = $4, urgent = $5, mail_text = $6, "
              "role_mask = $7, roles = $8, title = $9, body = $10, action_requested = $11, "
              "action_due_at = $12, cve_ids = $13, affected_products = $14, detection = $15, "
              "mitigation = $16, search_key = $17, updated_at = $18, clearance = $19 "
              "WHERE id = $1 AND state <> 'published'",
              p));
  if (changed == 0) return err::ItemNotFound();
  for (const char* table : {"item_sectors", "item_hubs", "item_target_orgs", "item_named_users"}) {
    RENKEI_RETURN_IF_ERROR(
        c_.Exec(std::string("DELETE FROM ") + table + " WHERE item_id = $1", {it.id.value})
            .status());
  }
  RENKEI_RETURN_IF_ERROR(InsertAudience(it.id, it.audience));
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("DELETE FROM item_versions WHERE item_id = $1 AND version = 1", {it.id.value})
          .status());
  domain::ItemVersion v;
  v.version = 1;
  v.content = it.content;
  v.edited_by = it.author_id;
  return AddVersion(it.id, v, it.updated_at);
}

Status SqlSharingStore::MarkPublished(ItemId id, Millis at) {
  RENKEI_ASSIGN_OR_RETURN(auto changed,
                          c_.Exec("UPDATE items SET state = 'published', published_at = $2, "
                                  "updated_at = $2, return_reason = '', returned_at = NULL "
                                  "WHERE id = $1 AND state <> 'published'",
                                  {id.value, at}));
  if (changed == 0) return err::ItemNotFound();
  return c_
      .Exec("UPDATE item_versions SET edited_at = $2 WHERE item_id = $1 AND version = 1",
            {id.value, at})
      .status();
}

Status SqlSharingStore::SubmitForApproval(ItemId id, Millis at) {
  RENKEI_ASSIGN_OR_RETURN(auto changed,
                          c_.Exec("UPDATE items SET state = 'pending_approval', updated_at = $2, "
                                  "return_reason = '', returned_at = NULL "
                                  "WHERE id = $1 AND state = 'draft'",
                                  {id.value, at}));
  return changed == 0 ? err::ItemNotFound() : Status::Ok();
}

Status SqlSharingStore::BackToDraft(ItemId id, Millis at,
                                    const std::optional<std::string>& return_reason) {
  Params p{id.value, at, return_reason.value_or("")};
  p.push_back(return_reason ? Value(at) : Value());
  RENKEI_ASSIGN_OR_RETURN(auto changed,
                          c_.Exec("UPDATE items SET state = 'draft', updated_at = $2, "
                                  "return_reason = $3, returned_at = $4 "
                                  "WHERE id = $1 AND state = 'pending_approval'",
                                  p));
  return changed == 0 ? err::ItemNotFound() : Status::Ok();
}

Result<std::int64_t> SqlSharingStore::CountAwaitingApproval(const domain::Viewer& v) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT COUNT(*) FROM items i WHERE ") +
                                                  kVisible + kPendingScope,
                                              ViewerParams(v)));
  return rows.at(0).i64(0);
}

Result<domain::FanOutCounts> SqlSharingStore::FanOut(ItemId id, Millis now, Millis digest_at) {
  RENKEI_ASSIGN_OR_RETURN(
      auto head, c_.Query("SELECT tlp, roles, author_user_id, clearance FROM items WHERE id = $1",
                          {id.value}));
  if (head.empty()) return err::ItemNotFound();
  const bool red = head[0].str(0) == TlpName(Tlp::kRed);
  const auto roles = RolesFromText(head[0].str(1));
  const std::int64_t author = head[0].i64(2);
  // An item that requires a clearance reaches only the people cleared now (kVisible's clause).
  const std::string cleared =
      head[0].i64(3) == 0
          ? ""
          : " AND " + Cleared("(SELECT ci.clearance FROM items ci WHERE ci.id = $1)", "u.id",
                              "u.org_id", "$2");
  domain::FanOutCounts n;
  if (!red) {
    // Recipient organisations: members of the named sectors, of the named hubs (and the
    // hubs' secretariats), and the named organisations; active ones only.
    RENKEI_ASSIGN_OR_RETURN(
        n.organisations,
        c_.Exec("INSERT INTO item_orgs (item_id, org_id) SELECT $1, o.id FROM organisations o "
                "WHERE o.active = 1 AND (o.id IN (SELECT os.org_id FROM organisation_sectors os "
                "JOIN item_sectors s ON s.sector_id = os.sector_id WHERE s.item_id = $1) "
                "OR o.id IN (SELECT hm.org_id FROM hub_members hm JOIN item_hubs h ON "
                "h.hub_id = hm.hub_id WHERE h.item_id = $1) "
                "OR o.id IN (SELECT hb.secretariat_org_id FROM hubs hb JOIN item_hubs h ON "
                "h.hub_id = hb.id WHERE h.item_id = $1) "
                "OR o.id IN (SELECT t.org_id FROM item_target_orgs t WHERE t.item_id = $1))",
                {id.value}));
    // People of those organisations; when the audience names roles, only holders of one
    // of them (one bound name per audience role: a shape per count, prepared once).
    Params p{id.value, now, author};
    std::string sql =
        "INSERT INTO deliveries (item_id, user_id, org_id, delivered_at) "
        "SELECT $1, u.id, u.org_id, $2 FROM users u JOIN item_orgs r ON r.org_id = "
        "u.org_id AND r.item_id = $1 WHERE u.active = 1 AND u.id <> $3" +
        cleared;
    if (!roles.empty()) {
      sql += " AND EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.role IN (";
      for (size_t i = 0; i < roles.size(); ++i) {
        p.emplace_back(std::string(domain::RoleName(roles[i])));
        sql += (i ? ", $" : "$") + std::to_string(p.size());
      }
      sql += "))";
    }
    RENKEI_ASSIGN_OR_RETURN(n.deliveries, c_.Exec(sql, p));
  } else {
    RENKEI_ASSIGN_OR_RETURN(
        n.deliveries,
        c_.Exec("INSERT INTO deliveries (item_id, user_id, org_id, delivered_at) "
                "SELECT $1, u.id, u.org_id, $2 FROM users u JOIN item_named_users n ON "
                "n.user_id = u.id AND n.item_id = $1 WHERE u.active = 1 AND u.id <> $3" +
                    cleared,
                {id.value, now, author}));
  }
  // Mail: now, or at the next digest for digest readers.
  RENKEI_ASSIGN_OR_RETURN(
      n.mails,
      c_.Exec(std::string("INSERT INTO outbox (subject_kind, subject_id, subject_version, kind, "
                          "user_id, created_at, not_before) SELECT $4, $1, i.version, CASE WHEN ") +
                  kDigestReader + " THEN $5 ELSE $6 END, d.user_id, $2, CASE WHEN " +
                  kDigestReader + " THEN $3 ELSE $2 END" + kRecipientsOf + kWantsMail,
              {id.value, now, digest_at, std::string(domain::kItemSubject),
               std::string(domain::kMailItemDigest), std::string(domain::kMailItemPublished)}));
  return n;
}

Status SqlSharingStore::LoadAudience(Item& it) {
  const Params p{it.id.value};
  RENKEI_ASSIGN_OR_RETURN(
      auto s,
      c_.Query("SELECT sector_id FROM item_sectors WHERE item_id = $1 ORDER BY sector_id", p));
  for (Row& r : s) it.audience.sector_ids.push_back(r.take(0));
  RENKEI_ASSIGN_OR_RETURN(
      auto h, c_.Query("SELECT hub_id FROM item_hubs WHERE item_id = $1 ORDER BY hub_id", p));
  for (Row& r : h) it.audience.hub_ids.emplace_back(r.i64(0));
  RENKEI_ASSIGN_OR_RETURN(
      auto o,
      c_.Query("SELECT org_id FROM item_target_orgs WHERE item_id = $1 ORDER BY org_id", p));
  for (Row& r : o) it.audience.org_ids.emplace_back(r.i64(0));
  RENKEI_ASSIGN_OR_RETURN(
      auto u,
      c_.Query("SELECT user_id FROM item_named_users WHERE item_id = $1 ORDER BY user_id", p));
  for (Row& r : u) it.audience.user_ids.emplace_back(r.i64(0));
  return Status::Ok();
}

Result<std::optional<Item>> SqlSharingStore::GetVisibleItem(ItemId id, const domain::Viewer& v) {
  Params p = ViewerParams(v);
  p.push_back(id.value);
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query(ItemSelect(true) + "WHERE i.id = $5 AND " + kVisible, p));
  if (rows.empty()) return std::optional<Item>();
  Item it = ItemFromRow(rows[0]);
  RENKEI_RETURN_IF_ERROR(LoadAudience(it));
  return std::optional<Item>(std::move(it));
}

Result<std::optional<Item>> SqlSharingStore::LoadItem(ItemId id) {
  // No viewer: $1 = 0 joins no delivery row.
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query(ItemSelect(true) + "WHERE i.id = $2", {std::int64_t{0}, id.value}));
  if (rows.empty()) return std::optional<Item>();
  Item it = ItemFromRow(rows[0]);
  RENKEI_RETURN_IF_ERROR(LoadAudience(it));
  return std::optional<Item>(std::move(it));
}

Result<domain::ItemPage> SqlSharingStore::ListVisibleItems(const domain::ItemFilter& f,
                                                           const domain::Viewer& v) {
  // Fixed fragments joined for the filters that are set; every value is bound.
  Params params = ViewerParams(v);
  auto bind = [&](Value val) {
    params.push_back(std::move(val));
    return "$" + std::to_string(params.size());
  };
  const bool delivered_only = f.scope == "inbox" || f.unread_only || f.action_outstanding;
  std::string sql = ItemSelect(f.with_body, delivered_only) + "WHERE " + kVisible;
  sql += f.exercise_id == 0 ? kRealItemsOnly : " AND i.exercise_id = " + bind(f.exercise_id);
  if (f.scope == "sent") sql += " AND i.sender_org_id = $2";
  // Drafts and items awaiting approval only in their own lists; the others list what was
  // published.
  sql += f.scope == "drafts"    ? kDraftsScope
         : f.scope == "pending" ? kPendingScope
                                : " AND i.state = 'published'";
  if (f.unread_only) sql += " AND d.read_at IS NULL";
  if (f.action_outstanding) {
    sql += " AND d.acknowledged_at IS NULL AND i.action_requested <> '' AND i.withdrawn = 0";
  }
  if (!f.kind.empty()) sql += " AND i.kind = " + bind(f.kind);
  if (f.tlp) sql += " AND i.tlp = " + bind(std::string(TlpName(*f.tlp)));
  if (!f.sector_id.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM item_sectors s WHERE s.item_id = i.id AND s.sector_id = " +
           bind(f.sector_id) + ")";
  }
  if (f.since) sql += " AND i.published_at >= " + bind(*f.since);
  if (f.until) sql += " AND i.published_at < " + bind(*f.until);
  if (!f.query_folded.empty()) {
    // A search never matches inside what requires a clearance: a hit would tell its words
    // without the audited read (access_policy.h).
    sql += std::string(kUnclassifiedOnly) + " AND i.search_key LIKE " +
           bind(ContainsPattern(f.query_folded)) + " ESCAPE '\\'";
  }
  if (f.with_body) sql += kUnclassifiedOnly;
  if (f.public_only) sql += " AND i.is_public = 1";
  if (f.before_id > 0) {
    sql += std::string(delivered_only ? " AND d.item_id < " : " AND i.id < ") + bind(f.before_id);
  }
  sql += std::string(delivered_only ? " ORDER BY d.item_id DESC" : " ORDER BY i.id DESC") +
         " LIMIT " + bind(PageLimit(f.limit));
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  domain::ItemPage page;
  TakePage(rows, f.limit, ItemFromRow, page.items, page.next_before_id);
  // Lists carry no content of an item that requires a clearance, its title included: only
  // the opened item, whose every read is audited, shows it.
  for (Item& it : page.items)
    if (it.clearance != 0) it.content = domain::ItemContent{};
  return page;
}

Result<domain::ItemCounts> SqlSharingStore::CountVisibleItems(const domain::Viewer& v) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(std::string("SELECT COUNT(*), COALESCE(SUM(CASE WHEN d.read_at IS NULL THEN 1 "
                           "ELSE 0 END), 0), COALESCE(SUM(CASE WHEN i.action_requested <> '' "
                           "AND d.acknowledged_at IS NULL AND i.withdrawn = 0 THEN 1 ELSE 0 "
                           "END), 0) FROM deliveries d JOIN items i ON i.id = d.item_id "
                           "WHERE d.user_id = $1 AND ") +
                   kVisible + kRealItemsOnly,
               ViewerParams(v)));
  domain::ItemCounts c;
  c.inbox = rows.at(0).i64(0);
  c.unread = rows.at(0).i64(1);
  c.action_outstanding = rows.at(0).i64(2);
  return c;
}

Result<std::vector<bool>> SqlSharingStore::SeenBy(ItemId id,
                                                  const std::vector<domain::Viewer>& viewers) {
  std::vector<bool> out;
  out.reserve(viewers.size());
  for (const auto& v : viewers) {
    Params p = ViewerParams(v);
    p.push_back(id.value);
    RENKEI_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(std::string("SELECT 1 FROM items i WHERE i.id = $5 AND ") + kVisible, p));
    out.push_back(!rows.empty());
  }
  return out;
}

Status SqlSharingStore::AddVersion(ItemId id, const domain::ItemVersion& v, Millis at) {
  // $1 item, $2 version, $3–$10 the content, then per statement.
  Params p{id.value, std::int64_t{v.version}};
  AppendContent(p, v.content);
  Params insert = p;
  insert.insert(insert.end(), {v.edited_by.value, at, v.note, v.added_file});
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("INSERT INTO item_versions (item_id, version, title, body, action_requested, "
              "action_due_at, cve_ids, affected_products, detection, mitigation, edited_by, "
              "edited_at, note, added_file) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
              "$11, $12, $13, $14)",
              insert)
          .status());
  if (v.version == 1) return Status::Ok();
  p.insert(p.end(), {SearchKey(v.content), at});
  RENKEI_ASSIGN_OR_RETURN(
      auto changed,
      c_.Exec("UPDATE items SET version = $2, title = $3, body = $4, action_requested = $5, "
              "action_due_at = $6, cve_ids = $7, affected_products = $8, detection = $9, "
              "mitigation = $10, search_key = $11, updated_at = $12 WHERE id = $1",
              p));
  if (changed == 0) return err::ItemNotFound();
  return Status::Ok();
}

Result<std::int64_t> SqlSharingStore::MarkUnread(ItemId id) {
  return c_.Exec("UPDATE deliveries SET read_at = NULL WHERE item_id = $1 AND read_at IS NOT NULL",
                 {id.value});
}

Status SqlSharingStore::AskAcknowledgementAgain(ItemId id, int version) {
  RENKEI_ASSIGN_OR_RETURN(auto changed,
                          c_.Exec("UPDATE items SET ack_version = $2, reminded_at = NULL "
                                  "WHERE id = $1",
                                  {id.value, std::int64_t{version}}));
  if (changed == 0) return err::ItemNotFound();
  return c_
      .Exec(
          "UPDATE deliveries SET acknowledged_at = NULL WHERE item_id = $1 AND "
          "acknowledged_at IS NOT NULL",
          {id.value})
      .status();
}

namespace {
constexpr Columns kVersionCols{{"v.version", "v.title", "v.body", "v.action_requested",
                                "v.action_due_at", "v.cve_ids", "v.affected_products",
                                "v.detection", "v.mitigation", "v.edited_by", "u.display_name",
                                "v.edited_at", "v.note", "v.added_file"}};

std::string VersionSelect() {
  return "SELECT " + kVersionCols.List() +
         " FROM item_versions v JOIN users u ON u.id = v.edited_by WHERE v.item_id = $1 ";
}

domain::ItemVersion VersionFromRow(Row& r) {
  constexpr const auto& c = kVersionCols;
  domain::ItemVersion v;
  v.version = static_cast<int>(r.i64(c("version")));
  v.content = ContentFromRow<kVersionCols>(r);
  v.edited_by = UserId(r.i64(c("edited_by")));
  v.edited_by_name = r.take(c("display_name"));
  v.edited_at = r.i64(c("edited_at"));
  v.note = r.take(c("note"));
  v.added_file = r.take(c("added_file"));
  return v;
}
}  // namespace

Result<std::vector<domain::ItemVersion>> SqlSharingStore::ListVersions(ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query(VersionSelect() + "ORDER BY v.version DESC", {id.value}));
  std::vector<domain::ItemVersion> out;
  for (Row& r : rows) out.push_back(VersionFromRow(r));
  return out;
}

Result<std::optional<domain::ItemVersion>> SqlSharingStore::GetVersion(ItemId id, int version) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(VersionSelect() + "AND v.version = $2",
                                              {id.value, std::int64_t{version}}));
  if (rows.empty()) return std::optional<domain::ItemVersion>();
  return std::optional<domain::ItemVersion>(VersionFromRow(rows[0]));
}

Status SqlSharingStore::Withdraw(ItemId id, Millis at, const std::string& reason) {
  RENKEI_ASSIGN_OR_RETURN(auto changed,
                          c_.Exec("UPDATE items SET withdrawn = 1, withdrawn_at = $2, "
                                  "withdrawn_reason = $3, updated_at = $2 WHERE id = $1",
                                  {id.value, at, reason}));
  if (changed == 0) return err::ItemNotFound();
  return Status::Ok();
}

Result<bool> SqlSharingStore::MarkRead(ItemId id, UserId user, Millis at) {
  RENKEI_ASSIGN_OR_RETURN(auto changed,
                          c_.Exec("UPDATE deliveries SET read_at = $3 WHERE item_id = $1 AND "
                                  "user_id = $2 AND read_at IS NULL",
                                  {id.value, user.value, at}));
  return changed > 0;
}

Result<bool> SqlSharingStore::Acknowledge(ItemId id, UserId user, Millis at) {
  RENKEI_ASSIGN_OR_RETURN(
      auto changed,
      c_.Exec("UPDATE deliveries SET acknowledged_at = $3, read_at = COALESCE(read_at, $3) "
              "WHERE item_id = $1 AND user_id = $2 AND acknowledged_at IS NULL",
              {id.value, user.value, at}));
  if (changed == 0) return false;
  RENKEI_RETURN_IF_ERROR(
      c_.Exec("INSERT INTO item_acknowledgements (item_id, user_id, version, acknowledged_at) "
              "SELECT id, $2, version, $3 FROM items WHERE id = $1",
              {id.value, user.value, at})
          .status());
  return true;
}

namespace {
constexpr Columns kDeliveryCols{{"d.user_id", "u.display_name", "u.email", "d.org_id", "o.name_ja",
                                 "o.name_en", "d.delivered_at", "d.read_at", "d.acknowledged_at",
                                 "h.version AS last_acknowledged_version",
                                 "h.acknowledged_at AS last_acknowledged_at"}};
// What an organisation sent since a time that asks for an action and still stands: the items
// of the sent-rates tile and of its acknowledgements per sector ($1 sender, $2 since).
const std::string kSentWhere =
    "WHERE i.sender_org_id = $1 AND i.published_at >= $2 AND i.withdrawn = 0 AND "
    "i.state = 'published' AND i.action_requested <> '' AND i.exercise_id IS NULL ";
}  // namespace

Result<std::vector<domain::SentRate>> SqlSharingStore::ListSentRates(OrgId sender, Millis since) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      // No title of what requires a clearance (the lists' rule, access_policy.h).
      c_.Query("SELECT i.id, i.tlp, i.author_user_id, CASE WHEN i.clearance = 0 THEN i.title "
               "ELSE '' END, i.action_due_at, i.published_at, "
               "COUNT(d.user_id), COALESCE(SUM(CASE WHEN d.acknowledged_at IS NULL THEN 0 ELSE 1 "
               "END), 0), i.clearance FROM items i LEFT JOIN deliveries d ON d.item_id = i.id " +
                   kSentWhere +
                   "GROUP BY i.id, i.tlp, i.author_user_id, i.title, "
                   "i.action_due_at, i.published_at, i.clearance ORDER BY i.id DESC",
               {sender.value, since}));
  std::vector<domain::SentRate> out;
  out.reserve(rows.size());
  for (Row& r : rows) {
    domain::SentRate s;
    s.item.id = ItemId(r.i64(0));
    s.item.tlp = domain::ParseTlp(r.take(1)).value_or(domain::Tlp::kRed);
    s.item.author_id = UserId(r.i64(2));
    s.item.sender_org_id = sender;
    s.item.content.title = r.take(3);
    s.item.content.action_due_at = r.opt_i64(4);
    s.item.published_at = r.i64(5);
    s.people = r.i64(6);
    s.acknowledged = r.i64(7);
    s.item.clearance = static_cast<int>(r.i64(8));
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<domain::DeliveryCounts>> SqlSharingStore::CountDeliveries(
    const std::vector<ItemId>& ids) {
  std::vector<domain::DeliveryCounts> out(ids.size());
  if (ids.empty()) return out;
  // One bound id per item of the page (at most 200: the list's limit).
  std::string sql =
      "SELECT d.item_id, COUNT(*), COALESCE(SUM(CASE WHEN d.read_at IS NULL THEN 0 ELSE 1 END), "
      "0), COALESCE(SUM(CASE WHEN d.acknowledged_at IS NULL THEN 0 ELSE 1 END), 0) FROM "
      "deliveries d WHERE d.item_id IN (";
  Params params;
  for (size_t i = 0; i < ids.size(); ++i) {
    params.push_back(ids[i].value);
    sql += (i ? ", $" : "$") + std::to_string(i + 1);
  }
  sql += ") GROUP BY d.item_id";
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::map<std::int64_t, size_t> at;
  for (size_t i = 0; i < ids.size(); ++i) at.emplace(ids[i].value, i);
  for (const Row& r : rows) {
    auto it = at.find(r.i64(0));
    if (it == at.end()) continue;
    out[it->second] = {r.i64(1), r.i64(2), r.i64(3)};
  }
  return out;
}

Result<std::vector<domain::SentSectorCount>> SqlSharingStore::ListSentBySector(OrgId sender,
                                                                               Millis since) {
  // The items of ListSentRates (same WHERE), their deliveries by the recipient's sectors.
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT i.id, i.tlp, i.author_user_id, s.sector_id, COUNT(*), "
                          "COALESCE(SUM(CASE WHEN d.acknowledged_at IS NULL THEN 0 ELSE 1 END), 0) "
                          "FROM items i JOIN deliveries d ON d.item_id = i.id "
                          "JOIN organisation_sectors s ON s.org_id = d.org_id " +
                              kSentWhere +
                              "GROUP BY i.id, i.tlp, i.author_user_id, s.sector_id "
                              "ORDER BY i.id, s.sector_id",
                          {sender.value, since}));
  std::vector<domain::SentSectorCount> out;
  out.reserve(rows.size());
  for (Row& r : rows) {
    domain::SentSectorCount c;
    c.item_id = ItemId(r.i64(0));
    c.tlp = domain::ParseTlp(r.take(1)).value_or(domain::Tlp::kRed);
    c.author_id = UserId(r.i64(2));
    c.sector_id = r.take(3);
    c.people = r.i64(4);
    c.acknowledged = r.i64(5);
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<domain::DeliveryRow>> SqlSharingStore::ListDeliveries(
    ItemId id, const domain::DeliveryFilter& f) {
  // Fixed fragments for the filters that are set, every value bound (invariant 8).
  std::string sql = "SELECT " + kDeliveryCols.List() +
                    " FROM deliveries d JOIN users u ON u.id = d.user_id "
                    "JOIN organisations o ON o.id = d.org_id "
                    // The person's latest acknowledgement, counted or not.
                    "LEFT JOIN item_acknowledgements h ON h.item_id = d.item_id AND "
                    "h.user_id = d.user_id AND h.version = (SELECT MAX(x.version) "
                    "FROM item_acknowledgements x WHERE x.item_id = d.item_id AND "
                    "x.user_id = d.user_id) WHERE d.item_id = $1";
  Params params{id.value};
  auto bind = [&](Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (f.pending == domain::DeliveryPending::kUnread) sql += " AND d.read_at IS NULL";
  if (f.pending == domain::DeliveryPending::kUnacknowledged) {
    sql += " AND d.acknowledged_at IS NULL";
  }
  if (!f.sector_id.empty()) {
    sql += " AND d.org_id IN (SELECT org_id FROM organisation_sectors WHERE sector_id = " +
           bind(f.sector_id) + ")";
  }
  if (!f.org_query_folded.empty()) {
    sql += " AND o.search_key LIKE " + bind(ContainsPattern(f.org_query_folded)) + " ESCAPE '\\'";
  }
  const char* dir = f.descending ? " DESC" : "";
  // Who has not read or acknowledged sorts last whichever the direction (both engines).
  switch (f.sort) {
    case domain::DeliverySort::kOrganisation:
      sql += std::string(" ORDER BY o.name_ja") + dir + ", d.org_id" + dir + ", u.display_name";
      break;
    case domain::DeliverySort::kPerson:
      sql += std::string(" ORDER BY u.display_name") + dir + ", d.user_id" + dir + ", o.name_ja";
      break;
    case domain::DeliverySort::kReadAt:
      sql += std::string(" ORDER BY CASE WHEN d.read_at IS NULL THEN 1 ELSE 0 END, d.read_at") +
             dir + ", o.name_ja, u.display_name";
      break;
    case domain::DeliverySort::kAcknowledgedAt:
      sql += std::string(
                 " ORDER BY CASE WHEN d.acknowledged_at IS NULL THEN 1 ELSE 0 END, "
                 "d.acknowledged_at") +
             dir + ", o.name_ja, u.display_name";
      break;
  }
  sql += ", d.user_id";
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  constexpr const auto& c = kDeliveryCols;
  std::vector<domain::DeliveryRow> out;
  out.reserve(rows.size());
  for (Row& r : rows) {
    domain::DeliveryRow d;
    d.user_id = UserId(r.i64(c("user_id")));
    d.user_name = r.take(c("display_name"));
    d.email = r.take(c("email"));
    d.org_id = OrgId(r.i64(c("org_id")));
    d.org_name_ja = r.take(c("name_ja"));
    d.org_name_en = r.take(c("name_en"));
    d.delivered_at = r.i64(c("delivered_at"));
    d.read_at = r.opt_i64(c("read_at"));
    d.acknowledged_at = r.opt_i64(c("acknowledged_at"));
    if (auto v = r.opt_i64(c("last_acknowledged_version"))) {
      d.last_acknowledged_version = static_cast<int>(*v);
    }
    d.last_acknowledged_at = r.opt_i64(c("last_acknowledged_at"));
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::int64_t> SqlSharingStore::EnqueueToRecipients(ItemId id, const std::string& kind,
                                                          Millis now) {
  const std::int64_t reminder = kind == domain::kMailItemReminder ? 1 : 0;
  return c_.Exec(
      std::string("INSERT INTO outbox (subject_kind, subject_id, subject_version, kind, user_id, "
                  "created_at, not_before) SELECT $5, $1, i.version, $2, d.user_id, $3, $3") +
          kRecipientsOf + kWantsMail +
          " AND u.active = 1 AND ($4 = 0 OR d.acknowledged_at IS NULL) AND " +
          // A revision's, withdrawal's or reminder's notice of what requires a clearance only
          // to the recipients still cleared for it.
          Cleared("i.clearance", "u.id", "u.org_id", "$3"),
      {id.value, kind, now, reminder, std::string(domain::kItemSubject)});
}

Result<domain::Reach> SqlSharingStore::CountReach(ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT COUNT(*), COUNT(DISTINCT org_id) FROM deliveries WHERE item_id = $1",
               {id.value}));
  domain::Reach r;
  r.people = rows.at(0).i64(0);
  r.organisations = rows.at(0).i64(1);
  return r;
}

Result<domain::Reach> SqlSharingStore::CountQueued(ItemId id, const std::string& kind, Millis at) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT COUNT(*), COUNT(DISTINCT u.org_id) FROM outbox o JOIN users u ON u.id = "
               "o.user_id WHERE o.subject_kind = $1 AND o.subject_id = $2 AND o.kind = $3 AND "
               "o.created_at = $4",
               {std::string(domain::kItemSubject), id.value, kind, at}));
  domain::Reach r;
  r.people = r.mails = rows.at(0).i64(0);
  r.organisations = rows.at(0).i64(1);
  return r;
}

Result<std::vector<ItemId>> SqlSharingStore::TakeDueForReminder(Millis now) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query("UPDATE items SET reminded_at = $1 WHERE reminded_at IS NULL AND "
                          "state = 'published' AND withdrawn = 0 AND action_requested <> '' AND "
                          "action_due_at <= $1 "
                          "RETURNING id",
                          {now}));
  std::vector<ItemId> out;
  for (const Row& r : rows) out.emplace_back(r.i64(0));
  return out;
}

// Item attachments: the table `attachments`, owned by item_id (attachment_rows.h).
constexpr AttachmentTable kItemFiles{"attachments", "item_id"};

Result<domain::AttachmentId> SqlSharingStore::AddAttachment(const domain::Attachment& a) {
  return InsertAttachment(c_, kItemFiles, a.item_id.value, a);
}

Result<std::vector<domain::Attachment>> SqlSharingStore::ListAttachments(ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(auto list, ListAttachmentRows(c_, kItemFiles, id.value));
  for (auto& a : list) a.item_id = id;
  return list;
}

Result<std::optional<domain::Attachment>> SqlSharingStore::GetAttachment(ItemId id,
                                                                         domain::AttachmentId att) {
  RENKEI_ASSIGN_OR_RETURN(auto a, GetAttachmentRow(c_, kItemFiles, id.value, att));
  if (a) a->item_id = id;
  return a;
}

Status SqlSharingStore::AddIndicators(ItemId id, const std::vector<domain::Indicator>& list) {
  for (size_t i = 0; i < list.size(); ++i) {
    RENKEI_RETURN_IF_ERROR(
        c_.Exec("INSERT INTO item_indicators (item_id, position, kind, value, "
                "note) VALUES ($1, $2, $3, $4, $5)",
                {id.value, static_cast<std::int64_t>(i), list[i].kind, list[i].value, list[i].note})
            .status());
  }
  return Status::Ok();
}

Result<std::vector<domain::Indicator>> SqlSharingStore::ListIndicators(ItemId id) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT kind, value, note FROM item_indicators "
                                              "WHERE item_id = $1 ORDER BY position",
                                              {id.value}));
  std::vector<domain::Indicator> out;
  for (auto& r : rows) out.push_back({r.take(0), r.take(1), r.take(2)});
  return out;
}

Result<std::vector<domain::FeedItem>> SqlSharingStore::ListFeedItems(const domain::Viewer& v,
                                                                     bool sent_only, int limit) {
  Params params = ViewerParams(v);
  const std::string where = std::string("WHERE ") + kVisible + kRealItemsOnly + kUnclassifiedOnly +
                            " AND i.state = 'published'" +
                            (sent_only ? " AND i.sender_org_id = $2" : "");
  params.push_back(static_cast<std::int64_t>(limit) + 1);
  const std::string limit_param = "$" + std::to_string(params.size());
  RENKEI_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(ItemSelect(true) + where + " ORDER BY i.id DESC LIMIT " + limit_param, params));
  std::vector<domain::FeedItem> out;
  out.reserve(rows.size());
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) out.push_back({ItemFromRow(*it), {}});
  if (out.empty()) return out;
  // The indicators of the same items in one query: the same predicate, the same cut.
  RENKEI_ASSIGN_OR_RETURN(
      auto inds,
      c_.Query("SELECT ind.item_id, ind.kind, ind.value, ind.note FROM item_indicators ind WHERE "
               "ind.item_id IN (SELECT i.id FROM items i " +
                   where + " ORDER BY i.id DESC LIMIT " + limit_param +
                   ") ORDER BY ind.item_id, ind.position",
               params));
  size_t at = 0;
  for (auto& r : inds) {
    const std::int64_t id = r.i64(0);
    while (at < out.size() && out[at].item.id.value < id) ++at;
    if (at == out.size()) break;
    if (out[at].item.id.value == id)
      out[at].indicators.push_back({r.take(1), r.take(2), r.take(3)});
  }
  return out;
}

Result<std::string> SqlSharingStore::GetNotifyMode(UserId user) {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT notify_mode FROM users WHERE id = $1", {user.value}));
  if (rows.empty()) return err::UserNotFound();
  return rows[0].str(0);
}

Status SqlSharingStore::SetNotifyMode(UserId user, const std::string& mode) {
  RENKEI_ASSIGN_OR_RETURN(
      auto changed, c_.Exec("UPDATE users SET notify_mode = $2 WHERE id = $1", {user.value, mode}));
  if (changed == 0) return err::UserNotFound();
  return Status::Ok();
}

Result<std::optional<Millis>> SqlSharingStore::ClaimManualReminder(domain::ItemId id, Millis now,
                                                                   Millis earliest) {
  RENKEI_ASSIGN_OR_RETURN(auto changed, c_.Exec("UPDATE items SET last_reminded_at = $2 "
                                                "WHERE id = $1 AND (last_reminded_at IS NULL "
                                                "OR last_reminded_at < $3)",
                                                {id.value, now, earliest}));
  if (changed > 0) return std::optional<Millis>();
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c_.Query("SELECT last_reminded_at FROM items WHERE id = $1", {id.value}));
  return std::optional<Millis>(rows.empty() ? now : rows[0].opt_i64(0).value_or(now));
}

namespace {
// A chain's items as RelayLink rows: the item, its sender organisation and its author.
constexpr const char* kRelayLinkSelect =
    "SELECT i.id, i.relayed_from_item_id, i.sender_org_id, so.name_ja, so.name_en, i.tlp, "
    "i.author_user_id, au.display_name, i.published_at, i.relay_depth FROM items i "
    "JOIN organisations so ON so.id = i.sender_org_id "
    "JOIN users au ON au.id = i.author_user_id ";

domain::RelayLink RelayLinkFromRow(Row& r) {
  domain::RelayLink l;
  l.item_id = ItemId(r.i64(0));
  if (auto from = r.opt_i64(1)) l.relayed_from = ItemId(*from);
  l.sender_org_id = OrgId(r.i64(2));
  l.sender_name_ja = r.take(3);
  l.sender_name_en = r.take(4);
  l.tlp = domain::ParseTlp(r.str(5)).value_or(Tlp::kRed);
  l.author_id = UserId(r.i64(6));
  l.author_name = r.take(7);
  l.published_at = r.i64(8);
  l.depth = static_cast<int>(r.i64(9));
  return l;
}
}  // namespace

Result<std::vector<domain::RelayLink>> SqlSharingStore::RelayChain(ItemId id) {
  // Up the chain one item at a time: a chain is a few hops (its depth bounds the walk).
  std::vector<domain::RelayLink> out;
  std::optional<ItemId> at = id;
  while (at && out.size() <= domain::kMaxRelayDepth) {
    RENKEI_ASSIGN_OR_RETURN(
        auto rows, c_.Query(std::string(kRelayLinkSelect) + "WHERE i.id = $1", {at->value}));
    if (rows.empty()) break;
    out.push_back(RelayLinkFromRow(rows[0]));
    at = out.back().relayed_from;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Result<std::vector<domain::RelayLink>> SqlSharingStore::ListRelayTree(ItemId root) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c_.Query(std::string(kRelayLinkSelect) +
                              "WHERE (i.id = $1 OR i.relay_root_item_id = $1) AND "
                              "i.state = 'published' ORDER BY i.relay_depth, i.published_at, i.id",
                          {root.value}));
  std::vector<domain::RelayLink> out;
  out.reserve(rows.size());
  for (Row& r : rows) out.push_back(RelayLinkFromRow(r));
  return out;
}

Result<std::vector<domain::HopCounts>> SqlSharingStore::CountHops(ItemId root, Millis root_at) {
  // One grouped pass over the deliveries of every item of the chain: each hop's windows
  // count from that hop's own publication (i.published_at), the day from the root's ($2).
  std::string sql =
      "SELECT d.item_id, COUNT(DISTINCT d.org_id), COUNT(*), "
      "COALESCE(SUM(CASE WHEN d.read_at IS NULL THEN 0 ELSE 1 END), 0), "
      "COALESCE(SUM(CASE WHEN d.acknowledged_at IS NULL THEN 0 ELSE 1 END), 0)";
  Params p{root.value, root_at};
  for (const char* col : {"d.read_at", "d.acknowledged_at"}) {
    for (Millis w : domain::kRateWindows) {
      p.push_back(w);
      sql += std::string(", COALESCE(SUM(CASE WHEN ") + col + " - i.published_at <= $" +
             std::to_string(p.size()) + " THEN 1 ELSE 0 END), 0)";
    }
  }
  p.push_back(domain::kRateWindows[2]);
  sql += ", COALESCE(SUM(CASE WHEN d.acknowledged_at - $2 <= $" + std::to_string(p.size()) +
         " THEN 1 ELSE 0 END), 0), MAX(d.acknowledged_at) "
         "FROM deliveries d JOIN items i ON i.id = d.item_id "
         "WHERE (i.id = $1 OR i.relay_root_item_id = $1) AND i.state = 'published' "
         "GROUP BY d.item_id";
  RENKEI_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, p));
  std::vector<domain::HopCounts> out;
  out.reserve(rows.size());
  for (Row& r : rows) {
    domain::HopCounts h;
    h.item_id = ItemId(r.i64(0));
    h.organisations = r.i64(1);
    h.people = r.i64(2);
    h.read = r.i64(3);
    h.acknowledged = r.i64(4);
    for (int w = 0; w < 3; ++w) h.read_within[w] = r.i64(5 + w);
    for (int w = 0; w < 3; ++w) h.acknowledged_within[w] = r.i64(8 + w);
    h.acknowledged_within_day_of_root = r.i64(11);
    h.last_acknowledged_at = r.opt_i64(12);
    out.push_back(h);
  }
  return out;
}

}  // namespace renkei::storage
