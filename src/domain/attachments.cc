#include "domain/attachments.h"

#include "core/crypto.h"
#include "domain/validation.h"

namespace renkei::domain {

namespace {

// Allowed attachment types, the bytes their files start with ("" = text, checked as UTF-8
// instead) and the extensions a file of the type may have (space-separated, lower case).
struct FileType {
  const char* content_type;
  const char* magic;
  size_t magic_len;
  const char* extensions;
};
constexpr FileType kFileTypes[] = {
    {"application/pdf", "%PDF-", 5, "pdf"},
    {"image/png", "\x89PNG\r\n\x1a\n", 8, "png"},
    {"image/jpeg", "\xff\xd8\xff", 3, "jpg jpeg"},
    {"application/zip", "PK\x03\x04", 4, "zip"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04", 4, "xlsx"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04", 4,
     "docx"},
    {"text/plain", "", 0, "txt log text"},
    {"text/csv", "", 0, "csv"},
    {"application/json", "", 0, "json"},
};

// The name's extension, lower-cased ("" without a dot).
std::string ExtensionOf(const std::string& filename) {
  const size_t dot = filename.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = filename.substr(dot + 1);
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext;
}

bool FitsExtensions(const std::string& ext, std::string_view list) {
  while (!list.empty()) {
    const size_t sp = list.find(' ');
    if (list.substr(0, sp) == ext) return true;
    if (sp == std::string_view::npos) break;
    list.remove_prefix(sp + 1);
  }
  return false;
}

bool IsBidiControl(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

Status BadName(const std::string& message) {
  return Status::Invalid("filename", "invalid_filename", message);
}

}  // namespace

Status CheckAttachment(const std::string& filename, const std::string& content_type,
                       const std::string& data) {
  // Hidden characters first: a name that reads differently from what it is ("invoice", U+202E,
  // "fdp.exe" shows as "invoiceexe.pdf") is refused for what it is, not as malformed text.
  if (auto cp = FirstHiddenCharacter(filename)) {
    if (IsBidiControl(*cp))
      return BadName("filename contains the bidirectional control character " + CodePointName(*cp) +
                     ", which makes a name display differently from what it is; rename the file");
    return BadName("filename contains the invisible or control character " + CodePointName(*cp) +
                   "; rename the file");
  }
  RENKEI_RETURN_IF_ERROR(CheckText(filename, "filename", 200, true));
  if (filename.find_first_of("/\\") != std::string::npos || filename == "." || filename == "..")
    return BadName("filename must be a plain file name without / or \\");
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
    const std::string ext = ExtensionOf(filename);
    if (!FitsExtensions(ext, t.extensions)) {
      std::string want = ".";
      for (const char* e = t.extensions; *e; ++e)
        want += *e == ' ' ? std::string(", .") : std::string(1, *e);
      return BadName(
          "a " + content_type + " file's name must end in " + want +
          (ext.empty() ? std::string(" (it has no extension)") : " (it ends in ." + ext + ")") +
          "; rename the file or send its real type");
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
