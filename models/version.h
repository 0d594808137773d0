#pragma once
// The product version, one place for every executable and the API.
namespace ferry {
inline constexpr const char* version() {
    return FERRY_VERSION;
}
} // namespace ferry
