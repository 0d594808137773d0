#pragma once
// The one assertion of the Qt-free drivers in tests/windows/, which build
// with MinGW-w64 and run under Wine as well as natively: no test framework,
// every failed check prints a line, and main() reports the counts.

#include <cstdio>
#include <string>

inline int g_passed = 0;
inline int g_failed = 0;

inline void check(bool ok, const std::string& what) {
    if (ok) {
        ++g_passed;
        return;
    }
    ++g_failed;
    std::printf("FAILED: %s\n", what.c_str());
}
