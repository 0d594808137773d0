#include "base64url.h"

#include <array>
#include <cstdint>

namespace ferry::crypto {
namespace {

constexpr std::string_view kUrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kStandardAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::uint8_t kInvalid = 0xff;

constexpr std::array<std::uint8_t, 256> reverseTable(std::string_view alphabet) {
    std::array<std::uint8_t, 256> table{};
    table.fill(kInvalid);
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
    return table;
}

constexpr auto kUrlReverse = reverseTable(kUrlAlphabet);
constexpr auto kStandardReverse = reverseTable(kStandardAlphabet);

std::string encode(std::span<const unsigned char> bytes, std::string_view alphabet) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t group =
            (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
        out += alphabet[(group >> 18) & 0x3f];
        out += alphabet[(group >> 12) & 0x3f];
        out += alphabet[(group >> 6) & 0x3f];
        out += alphabet[group & 0x3f];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const std::uint32_t group = std::uint32_t{bytes[i]} << 16;
        out += alphabet[(group >> 18) & 0x3f];
        out += alphabet[(group >> 12) & 0x3f];
    } else if (rest == 2) {
        const std::uint32_t group =
            (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8);
        out += alphabet[(group >> 18) & 0x3f];
        out += alphabet[(group >> 12) & 0x3f];
        out += alphabet[(group >> 6) & 0x3f];
    }
    return out;
}

std::optional<std::vector<unsigned char>> decode(std::string_view text,
                                                 const std::array<std::uint8_t, 256>& reverse) {
    // One leftover character would carry only 6 bits: never a whole byte.
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::vector<unsigned char> out;
    out.reserve(text.size() / 4 * 3 + 2);
    std::uint32_t accumulator = 0;
    int bits = 0;
    for (const char c : text) {
        const std::uint8_t value = reverse[static_cast<unsigned char>(c)];
        if (value == kInvalid)
            return std::nullopt;
        accumulator = (accumulator << 6) | value;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<unsigned char>((accumulator >> bits) & 0xff));
        }
    }
    // Non-zero leftover bits would let two strings decode to the same bytes,
    // which makes a signed token malleable without touching its signature.
    if (bits > 0 && (accumulator & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

} // namespace

std::string base64UrlEncode(std::span<const unsigned char> bytes) {
    return encode(bytes, kUrlAlphabet);
}

std::string base64UrlEncode(std::string_view bytes) {
    return encode(asBytes(bytes), kUrlAlphabet);
}

std::optional<std::vector<unsigned char>> base64UrlDecode(std::string_view text) {
    return decode(text, kUrlReverse);
}

std::string base64UnpaddedEncode(std::span<const unsigned char> bytes) {
    return encode(bytes, kStandardAlphabet);
}

std::optional<std::vector<unsigned char>> base64UnpaddedDecode(std::string_view text) {
    return decode(text, kStandardReverse);
}

} // namespace ferry::crypto
