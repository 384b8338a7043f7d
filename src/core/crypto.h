// Passwords, tokens and randomness, all through libsodium.
// Call InitCrypto() once at start-up before any other function here (thread-safe after that).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace renkei {

bool InitCrypto();

// Argon2id (libsodium's crypto_pwhash_str, "interactive" limits): returns the encoded
// hash including its salt and parameters; empty on out-of-memory.
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);

// `bytes` random bytes as unpadded base64url (for session ids, tokens, CSRF tokens).
std::string RandomToken(size_t bytes = 32);
// Hex SHA-256 of a secret; what is stored for session ids and API tokens, so a copy of
// the database does not hand out working credentials.
std::string Sha256Hex(std::string_view data);
// Constant-time comparison of equal-length strings (false when lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Standard base64 with padding (attachments in the database, MIME parts in mail).
std::string Base64Encode(std::string_view bytes);
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace renkei
