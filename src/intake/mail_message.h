// Inbound mail for the SME desk (issue 19): an RFC 5322 message with MIME (RFC 2045–2047)
// read into what a ticket needs — the sender, the subject, the first text/plain part as
// UTF-8, the Message-ID and the ids it replies to. Transfer encodings 7bit/8bit/binary,
// quoted-printable and base64; charsets through glibc's iconv (UTF-8, ISO-2022-JP — most
// Japanese mail —, Shift_JIS read as CP932, EUC-JP, ISO-8859-*, …), in bodies and in
// RFC 2047 encoded words (=?ISO-2022-JP?B?…?=). A message that cannot become a ticket is
// an error with its code: no_from, too_large, bad_mime (a multipart without its boundary or
// its closing line, nesting deeper than kMaxMimeDepth, broken base64), bad_charset (an
// unknown charset or bytes invalid in it), no_text (no text part), bad_header (no blank
// line before the body, a header over 64 KiB).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::intake {

inline constexpr size_t kMaxMailBytes = 2 * 1024 * 1024;  // the default of a mailbox's limit
inline constexpr int kMaxMimeDepth = 8;

struct InboundMail {
  std::string from_address;  // lower-cased ("soumu@sagami.example")
  std::string from_name;     // the display name, decoded ("相模 太郎"), "" if none
  std::string subject;       // decoded, unfolded, UTF-8
  std::string text;          // the first text/plain part (else text/html with its tags dropped)
  std::string message_id;    // without <>, "" if none
  std::vector<std::string> replies_to;  // In-Reply-To, then References (newest first), no <>
};

struct MailParse {
  std::optional<InboundMail> mail;
  std::string error;  // the code when `mail` is empty
};

MailParse ParseMail(std::string_view raw, size_t max_bytes = kMaxMailBytes);

// `bytes` in `charset` as UTF-8 (nullopt: unknown charset or invalid bytes). Charset names
// as mail writes them, case-insensitive; "" and us-ascii are read as UTF-8.
std::optional<std::string> ToUtf8(std::string_view bytes, std::string_view charset);
// An unstructured header's RFC 2047 encoded words decoded (whitespace between two encoded
// words dropped); a word that does not decode stays as written.
std::string DecodeWords(std::string_view header);
std::optional<std::string> DecodeQuotedPrintable(std::string_view s, bool header_form = false);

}  // namespace renkei::intake
