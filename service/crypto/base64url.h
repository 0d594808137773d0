#pragma once

// Unpadded base64 in the two alphabets Ferry needs: base64url (RFC 4648 §5)
// for JWS (RFC 7515 §2 forbids padding), and the standard alphabet without
// padding for PHC password-hash strings. Decoders are strict: they refuse
// padding, whitespace, impossible lengths and non-zero trailing bits, so every
// byte string has exactly one accepted encoding.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::crypto {

// A string's bytes as the unsigned bytes OpenSSL and the encoders take.
inline std::span<const unsigned char> asBytes(std::string_view text) {
    return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

std::string base64UrlEncode(std::span<const unsigned char> bytes);
std::string base64UrlEncode(std::string_view bytes);
std::optional<std::vector<unsigned char>> base64UrlDecode(std::string_view text);

// Standard alphabet (+ and /), no '=' padding: the "B64" of the PHC format.
std::string base64UnpaddedEncode(std::span<const unsigned char> bytes);
std::optional<std::vector<unsigned char>> base64UnpaddedDecode(std::string_view text);

} // namespace ferry::crypto
