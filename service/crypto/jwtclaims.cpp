#include "jwtclaims.h"

#include "jsonscan.h"

#include <charconv>

namespace ferry::crypto {

Result<std::optional<std::int64_t>> numericClaim(std::string_view payloadJson,
                                                 std::string_view name) {
    auto members = detail::scanTopLevelObject(payloadJson);
    if (!members)
        return std::move(members).takeError();
    const detail::JsonMember* member = detail::findMember(members.value(), name);
    if (member == nullptr)
        return std::optional<std::int64_t>{};
    if (member->kind != detail::JsonKind::Number)
        return Error{"claim \"" + std::string(name) + "\" is not a number"};
    std::int64_t value = 0;
    const std::string_view raw = member->raw;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (ec != std::errc{} || end != raw.data() + raw.size())
        return Error{"claim \"" + std::string(name) + "\" is not a whole number of seconds"};
    return std::optional<std::int64_t>{value};
}

Result<std::optional<std::string>> stringClaim(std::string_view payloadJson,
                                               std::string_view name) {
    auto members = detail::scanTopLevelObject(payloadJson);
    if (!members)
        return std::move(members).takeError();
    const detail::JsonMember* member = detail::findMember(members.value(), name);
    if (member == nullptr)
        return std::optional<std::string>{};
    if (member->kind != detail::JsonKind::String)
        return Error{"claim \"" + std::string(name) + "\" is not a string"};
    return std::optional<std::string>{member->stringValue};
}

} // namespace ferry::crypto
