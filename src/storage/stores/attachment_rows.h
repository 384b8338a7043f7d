// Attachment rows, shared by the tables that hold files (items' `attachments`, cases'
// `report_attachments`): the same columns, an owner column, the bytes as base64 text so a
// file commits or rolls back with its owner. Table and column names are fixed fragments
// chosen in code; every value is bound.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "core/error_codes.h"
#include "domain/sharing/sharing.h"
#include "storage/database.h"
#include "storage/stores/sql_rows.h"

namespace renkei::storage {

struct AttachmentTable {
  const char* table;
  const char* owner_column;
};

// The bytes are read only for one file; lists select '' in their place.
inline constexpr Columns kAttachmentCols{{"id", "filename", "content_type", "size", "sha256",
                                          "uploaded_by", "uploaded_at", "data_base64"}};

inline domain::Attachment AttachmentFromRow(Row& r) {
  constexpr const auto& c = kAttachmentCols;
  domain::Attachment a;
  a.id = domain::AttachmentId(r.i64(c("id")));
  a.filename = r.take(c("filename"));
  a.content_type = r.take(c("content_type"));
  a.size = r.i64(c("size"));
  a.sha256 = r.take(c("sha256"));
  a.uploaded_by = UserId(r.i64(c("uploaded_by")));
  a.uploaded_at = r.i64(c("uploaded_at"));
  return a;
}

// A file row with its bytes: kAttachmentCols' order, the base64 text at `data_col`.
inline Result<domain::Attachment> AttachmentWithData(Row& r, size_t data_col) {
  domain::Attachment a = AttachmentFromRow(r);
  auto data = Base64Decode(r.str(data_col));
  if (!data)
    return err::Internal().with_note("attachment " + std::to_string(a.id.value) + " is corrupt");
  a.data = std::move(*data);
  return a;
}

inline std::string AttachmentSelect(const AttachmentTable& t, bool with_data) {
  return "SELECT " + (with_data ? kAttachmentCols.List() : kAttachmentCols.List({"data_base64"})) +
         " FROM " + t.table + " WHERE " + t.owner_column + " = $1";
}

inline Result<domain::AttachmentId> InsertAttachment(Connection& c, const AttachmentTable& t,
                                                     std::int64_t owner,
                                                     const domain::Attachment& a) {
  RENKEI_ASSIGN_OR_RETURN(
      auto rows, c.Query(std::string("INSERT INTO ") + t.table + " (" + t.owner_column +
                             ", filename, content_type, size, sha256, data_base64, uploaded_by, "
                             "uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                         {owner, a.filename, a.content_type, a.size, a.sha256, Base64Encode(a.data),
                          a.uploaded_by.value, a.uploaded_at}));
  return domain::AttachmentId(rows.at(0).i64(0));
}

// How many files an owner holds already (NewAttachment's `existing`).
inline Result<std::int64_t> CountAttachmentRows(Connection& c, const AttachmentTable& t,
                                                std::int64_t owner) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT COUNT(*) FROM ") + t.table +
                                                 " WHERE " + t.owner_column + " = $1",
                                             {owner}));
  return rows.at(0).i64(0);
}

inline Result<std::vector<domain::Attachment>> ListAttachmentRows(Connection& c,
                                                                  const AttachmentTable& t,
                                                                  std::int64_t owner) {
  RENKEI_ASSIGN_OR_RETURN(auto rows, c.Query(AttachmentSelect(t, false) + " ORDER BY id", {owner}));
  std::vector<domain::Attachment> out;
  for (Row& r : rows) out.push_back(AttachmentFromRow(r));
  return out;
}

inline Result<std::optional<domain::Attachment>> GetAttachmentRow(Connection& c,
                                                                  const AttachmentTable& t,
                                                                  std::int64_t owner,
                                                                  domain::AttachmentId att) {
  RENKEI_ASSIGN_OR_RETURN(auto rows,
                          c.Query(AttachmentSelect(t, true) + " AND id = $2", {owner, att.value}));
  if (rows.empty()) return std::optional<domain::Attachment>();
  RENKEI_ASSIGN_OR_RETURN(auto a, AttachmentWithData(rows[0], kAttachmentCols("data_base64")));
  return std::optional<domain::Attachment>(std::move(a));
}

}  // namespace renkei::storage
