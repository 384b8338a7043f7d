#include "domain/attachments.h"

#include "core/crypto.h"
#include "domain/validation.h"

namespace renkei::domain {

namespace {

// Allowed attachment types and the bytes their files start with ("" = text, checked
// as UTF-8 instead).
struct FileType {
  const char* content_type;
  const char* magic;
  size_t magic_len;
};
constexpr FileType kFileTypes[] = {
    {"application/pdf", "%PDF-", 5},
    {"image/png", "\x89PNG\r\n\x1a\n", 8},
    {"image/jpeg", "\xff\xd8\xff", 3},
    {"application/zip", "PK\x03\x04", 4},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04", 4},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04", 4},
    {"text/plain", "", 0},
    {"text/csv", "", 0},
    {"application/json", "", 0},
};

}  // namespace

Status CheckAttachment(const std::string& filename, const std::string& content_type,
                       const std::string& data) {
  RENKEI_RETURN_IF_ERROR(CheckText(filename, "filename", 200, true));
  if (filename.find_first_of("/\\") != std::string::npos || filename == "." || filename == "..") {
    return Status::Invalid("filename", "invalid_filename",
                           "filename must be a plain file name without / or \\");
  }
  if (data.empty()) return Status::Invalid("body", "empty_file", "the file is empty");
  if (static_cast<std::int64_t>(data.size()) > kMaxAttachmentBytes) {
    return Status(Kind::kTooLarge, "file_too_large", "attachments are limited to 10 MiB");
  }
  for (const auto& t : kFileTypes) {
    if (content_type != t.content_type) continue;
    const bool ok = t.magic_len == 0 ? IsCleanUtf8(data, true)
                                     : data.compare(0, t.magic_len, t.magic, t.magic_len) == 0;
    if (!ok) {
      return Status::Invalid("content_type", "content_mismatch",
                             "the file's content is not " + content_type);
    }
    return Status::Ok();
  }
  return Status(
      Kind::kUnsupportedMedia, "unsupported_file_type",
      "attachments may be PDF, PNG, JPEG, ZIP, XLSX, DOCX, plain text, CSV or JSON; got " +
          content_type);
}

Result<Attachment> NewAttachment(std::string filename, std::string content_type, std::string data,
                                 size_t existing, const char* owner, UserId by, Millis at) {
  RENKEI_RETURN_IF_ERROR(CheckAttachment(filename, content_type, data));
  if (existing >= kMaxAttachments) {
    return Status(
        Kind::kConflict, "too_many_attachments",
        std::string(owner) + " has at most " + std::to_string(kMaxAttachments) + " attachments");
  }
  Attachment a;
  a.filename = std::move(filename);
  a.content_type = std::move(content_type);
  a.size = static_cast<std::int64_t>(data.size());
  a.sha256 = Sha256Hex(data);
  a.data = std::move(data);
  a.uploaded_by = by;
  a.uploaded_at = at;
  return a;
}

}  // namespace renkei::domain
