// The administrator's read-only lists behind the home tiles: accounts locked out now
// and the mail outbox (backlog and errors). Administrators only; others get 403, as for
// the audit log.
#include "domain/outbox/outbox_service.h"
#include "http/route_helpers.h"

namespace renkei::http {

std::vector<Route> AdminRoutes() {
  using A = Access;
  return {
      {"GET",
       "/api/v1/admin/locked-accounts",
       A::kSignedIn,
       {.tag = "admin",
        .summary = "Accounts locked out now by repeated wrong passwords, latest lock first "
                   "(administrators)",
        .query = {"limit", "cursor"},
        .response = "LockedAccountPage",
        .errors = {403}},
       [](Ctx& c) -> Result<Reply> {
         RENKEI_ASSIGN_OR_RETURN(auto limit, QueryInt(c.req, "limit", 50, 1, 200));
         RENKEI_ASSIGN_OR_RETURN(auto from, DecodeCursor(QueryString(c.req, "cursor")));
         RENKEI_ASSIGN_OR_RETURN(auto all, c.s.auth.LockedAccounts(*c.principal));
         // The list is small and made in memory: the cursor is the position of the next row.
         const size_t begin = std::min(all.size(), static_cast<size_t>(from));
         const size_t end = std::min(all.size(), begin + static_cast<size_t>(limit));
         std::vector<domain::LockedAccount> page(all.begin() + static_cast<std::ptrdiff_t>(begin),
                                                 all.begin() + static_cast<std::ptrdiff_t>(end));
         return ItemsReply(
             page,
             [](JsonWriter& w, const domain::LockedAccount& a) {
               w.BeginObject()
                   .Field("user_id", a.account.user_id.value)
                   .Field("display_name", a.account.display_name)
                   .Field("email", a.account.email)
                   .Field("org_name_ja", a.account.org_name_ja)
                   .Field("org_name_en", a.account.org_name_en);
               TimeField(w, "locked_until", a.locked_until);
               w.Field("everywhere", a.everywhere)
                   .Field("addresses", std::int64_t{a.addresses})
                   .Field("failures", std::int64_t{a.failures})
                   .EndObject();
             },
             true, end < all.size() ? EncodeCursor(static_cast<std::int64_t>(end)) : "");
       }},
      {"GET",
       "/api/v1/admin/outbox",
       A::kSignedIn,
       {.tag = "admin",
        .summary = "The mail outbox, newest first: state=due the rows due and not sent yet, "
                   "state=failed the rows whose last try failed or that were given up in the "
                   "last 7 days, each error as its code only (administrators)",
        .query = {"state", "limit", "cursor"},
        .response = "OutboxPage",
        .errors = {400, 403}},
       [](Ctx& c) -> Result<Reply> {
         domain::OutboxFilter f;
         f.state = QueryString(c.req, "state");
         if (f.state.empty()) f.state = "due";
         if (f.state != "due" && f.state != "failed") {
           return err::InvalidValue("due, failed").with_field("state");
         }
         RENKEI_ASSIGN_OR_RETURN(auto limit, QueryInt(c.req, "limit", 50, 1, 200));
         f.limit = static_cast<int>(limit);
         RENKEI_ASSIGN_OR_RETURN(f.before_id, DecodeCursor(QueryString(c.req, "cursor")));
         RENKEI_ASSIGN_OR_RETURN(auto rows, c.s.outbox.List(*c.principal, f));
         const bool more = rows.size() == static_cast<size_t>(f.limit) && !rows.empty();
         return ItemsReply(
             rows,
             [](JsonWriter& w, const domain::OutboxEntry& e) {
               w.BeginObject()
                   .Field("id", e.row.id)
                   .Field("kind", e.row.kind)
                   .Field("subject_kind", e.row.subject_kind)
                   .Field("subject_id", e.row.subject_id)
                   .Field("recipient_user_id", e.row.user_id.value)
                   .Field("recipient_name", e.recipient_name)
                   .Field("recipient_email", e.recipient_email);
               TimeField(w, "created_at", e.row.created_at);
               TimeField(w, "not_before", e.row.not_before);
               w.Field("attempts", std::int64_t{e.row.attempts});
               TimeField(w, "given_up_at", e.sent_at);
               w.FieldOrNull("error_code", e.error_code).EndObject();
             },
             true, more ? EncodeCursor(rows.back().row.id) : "");
       }},
  };
}

}  // namespace renkei::http
