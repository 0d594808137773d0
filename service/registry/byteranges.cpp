#include "registry/byteranges.h"

#include <charconv>

namespace ferry::oci {

std::optional<ByteRange> parseRange(std::string_view header, uint64_t size, bool* valid) {
    *valid = false;
    if (!header.starts_with("bytes="))
        return std::nullopt;
    header.remove_prefix(6);
    if (header.find(',') != std::string_view::npos)
        return std::nullopt;
    const size_t dash = header.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    auto number = [](std::string_view text, uint64_t* out) {
        if (text.empty())
            return false;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
        return ec == std::errc() && end == text.data() + text.size();
    };
    uint64_t first = 0;
    uint64_t last = 0;
    const std::string_view a = header.substr(0, dash);
    const std::string_view b = header.substr(dash + 1);
    if (a.empty()) {
        uint64_t suffix = 0;
        if (!number(b, &suffix) || suffix == 0 || size == 0)
            return std::nullopt;
        first = suffix >= size ? 0 : size - suffix;
        last = size - 1;
    } else {
        if (!number(a, &first) || (!b.empty() && !number(b, &last)))
            return std::nullopt;
        if (b.empty() || last >= size)
            last = size - 1;
        if (first > last || first >= size)
            return std::nullopt;
    }
    *valid = true;
    return ByteRange{first, last};
}

bool parseContentRange(std::string_view text, uint64_t* start, uint64_t* end) {
    if (text.starts_with("bytes "))
        text.remove_prefix(6);
    text = text.substr(0, text.find('/'));
    const size_t dash = text.find('-');
    if (dash == std::string_view::npos)
        return false;
    auto parse = [](std::string_view digits, uint64_t* out) {
        auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *out);
        return !digits.empty() && ec == std::errc() && ptr == digits.data() + digits.size();
    };
    return parse(text.substr(0, dash), start) && parse(text.substr(dash + 1), end) &&
           *end >= *start;
}

} // namespace ferry::oci
