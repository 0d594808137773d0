#pragma once
// ferryd's log: one line per event on stderr, with a UTC timestamp and a level.
// Callers never pass secrets here; request logging prints paths, not headers.

#include <sstream>
#include <string_view>

namespace ferry::log {

enum class Level { Debug = 0, Info = 1, Warning = 2, Error = 3 };

void setLevel(Level level);
bool enabled(Level level);
bool parseLevel(std::string_view text, Level* level);
void write(Level level, std::string_view message);

template <class... Parts> void emit(Level level, const Parts&... parts) {
    if (!enabled(level))
        return;
    std::ostringstream line;
    (line << ... << parts);
    write(level, line.str());
}

template <class... P> void debug(const P&... p) {
    emit(Level::Debug, p...);
}
template <class... P> void info(const P&... p) {
    emit(Level::Info, p...);
}
template <class... P> void warning(const P&... p) {
    emit(Level::Warning, p...);
}
template <class... P> void error(const P&... p) {
    emit(Level::Error, p...);
}

} // namespace ferry::log
