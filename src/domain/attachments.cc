#include "domain/attachments.h"

#include "core/ascii.h"
#include "core/crypto.h"
#include "core/error_codes.h"
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
  return ToAsciiLower(std::string_view(filename).substr(dot + 1));
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

}  // namespace

Status CheckAttachment(const std::string& filename, const std::string& content_type,
                       const std::string& data) {
  // Hidden characters first: a name that reads differently from what it is ("invoice", U+202E,
  // "fdp.exe" shows as "invoiceexe.pdf") is refused for what it is, not as malformed text.
  if (auto cp = FirstHiddenCharacter(filename)) {
    if (IsBidiControl(*cp))
      return err::FilenameBidiControl(CodePointName(*cp)).with_field("filename");
    return err::FilenameHiddenCharacter(CodePointName(*cp)).with_field("filename");
  }
  RENKEI_RETURN_IF_ERROR(CheckText(filename, "filename", 200, true));
  if (filename.find_first_of("/\\") != std::string::npos || filename == "." || filename == "..")
    return err::FilenameWithPath().with_field("filename");
  if (data.empty()) return err::EmptyFile().with_field("body");
  if (static_cast<std::int64_t>(data.size()) > kMaxAttachmentBytes) {
    return err::FileTooLarge(ByteSizeText(kMaxAttachmentBytes));
  }
  for (const auto& t : kFileTypes) {
    if (content_type != t.content_type) continue;
    const bool ok = t.magic_len == 0 ? IsCleanUtf8(data, true)
                                     : data.compare(0, t.magic_len, t.magic, t.magic_len) == 0;
    if (!ok) {
      return err::ContentMismatch(content_type).with_field("content_type");
    }
    const std::string ext = ExtensionOf(filename);
    if (!FitsExtensions(ext, t.extensions)) {
      std::string want = ".";
      for (const char* e = t.extensions; *e; ++e)
        want += *e == ' ' ? std::string(", .") : std::string(1, *e);
      if (ext.empty())
        return err::FilenameNoExtension({.type = content_type, .want = want})
            .with_field("filename");
      return err::FilenameExtension({.ext = ext, .type = content_type, .want = want})
          .with_field("filename");
    }
    return Status::Ok();
  }
  return err::UnsupportedFileType(content_type);
}

Result<Attachment> NewAttachment(std::string filename, std::string content_type, std::string data,
                                 size_t existing, UserId by, Millis at) {
  RENKEI_RETURN_IF_ERROR(CheckAttachment(filename, content_type, data));
  if (existing >= kMaxAttachments) {
    return err::TooManyAttachments(kMaxAttachments);
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
