#include "core/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>
#include <utility>

namespace ferry::log {
namespace {
std::atomic<int> g_level{int(Level::Info)};
std::mutex g_writeMutex;
constexpr const char* kNames[] = {"DEBUG", "INFO", "WARN", "ERROR"};
} // namespace

void setLevel(Level level) {
    g_level = int(level);
}
bool enabled(Level level) {
    return int(level) >= g_level.load(std::memory_order_relaxed);
}

bool parseLevel(std::string_view text, Level* level) {
    std::string lower(text);
    for (char& c : lower)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    static constexpr std::pair<const char*, Level> kAccepted[] = {
        {"debug", Level::Debug},  {"info", Level::Info},       {"information", Level::Info},
        {"warn", Level::Warning}, {"warning", Level::Warning}, {"error", Level::Error}};
    for (const auto& [name, value] : kAccepted)
        if (lower == name) {
            *level = value;
            return true;
        }
    return false;
}

void write(Level level, std::string_view message) {
    const auto now = std::chrono::system_clock::now();
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t seconds = std::time_t(ms / 1000);
    std::tm utc{};
#if defined(_WIN32)
    gmtime_s(&utc, &seconds); // the CRT's thread-safe gmtime, arguments swapped
#else
    gmtime_r(&seconds, &utc);
#endif
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
    std::lock_guard lock(g_writeMutex);
    std::fprintf(stderr, "%s.%03dZ %-5s %.*s\n", stamp, int(ms % 1000), kNames[int(level)],
                 int(message.size()), message.data());
    std::fflush(stderr);
}

} // namespace ferry::log
