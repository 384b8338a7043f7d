// The attachment rules every area shares (items, reports): a plain file name, at most
// kMaxAttachmentBytes, and one of the allowed types whose content matches it (PDF, PNG,
// JPEG and ZIP-based files by their first bytes, text types as UTF-8) and whose name has
// an extension of that type (a PDF ends in .pdf, a JPEG in .jpg or .jpeg, plain text in
// .txt, .log or .text). A name with a bidirectional control (U+202A–U+202E, U+2066–U+2069,
// U+200E/U+200F, U+061C), a zero-width character (U+200B–U+200D, U+FEFF) or any other
// control or format character is refused: it would show people a name it is not.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "core/status.h"

namespace renkei::domain {

using AttachmentId = Id<struct AttachmentTag>;

inline constexpr std::int64_t kMaxAttachmentBytes = 10 * 1024 * 1024;
inline constexpr size_t kMaxAttachments = 20;  // per item or report

struct Attachment {
  AttachmentId id;
  Id<struct ItemTag> item_id;  // items only
  std::string filename;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;
  std::string data;  // bytes; only filled when downloading
  UserId uploaded_by;
  Millis uploaded_at = 0;
};

// 400 invalid_filename (field "filename": hidden characters, a path, an extension that
// does not fit the type) / empty_file / content_mismatch, 413 file_too_large,
// 415 unsupported_file_type.
Status CheckAttachment(const std::string& filename, const std::string& content_type,
                       const std::string& data);

// A checked attachment ready to store, with its size and SHA-256; `existing` files on its
// owner already (409 too_many_attachments at kMaxAttachments).
Result<Attachment> NewAttachment(std::string filename, std::string content_type, std::string data,
                                 size_t existing, UserId by, Millis at);

}  // namespace renkei::domain
