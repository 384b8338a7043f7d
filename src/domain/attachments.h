// The attachment rules every area shares (items, reports): a plain file name, at most
// kMaxAttachmentBytes, and one of the allowed types whose content matches it (PDF, PNG,
// JPEG and ZIP-based files by their first bytes, text types as UTF-8).
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace renkei::domain {

inline constexpr std::int64_t kMaxAttachmentBytes = 10 * 1024 * 1024;

// 400 invalid_filename / empty_file / content_mismatch, 413 file_too_large,
// 415 unsupported_file_type.
Status CheckAttachment(const std::string& filename, const std::string& content_type,
                       const std::string& data);

}  // namespace renkei::domain
