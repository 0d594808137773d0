#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>

namespace ferry::sync {

// Capped, jittered exponential backoff: 1 s, 2 s, 4 s ... 30 s, each between
// half and the whole of its step, so children of a restarted parent do not
// all come back in the same second.
class Backoff {
public:
    std::chrono::milliseconds next() {
        const int64_t cap = 30'000;
        const int64_t step = std::min<int64_t>(cap, int64_t(1000) << std::min(m_failures, 5));
        ++m_failures;
        std::uniform_int_distribution<int64_t> jitter(step / 2, step);
        return std::chrono::milliseconds(jitter(m_random));
    }
    void reset() { m_failures = 0; }

private:
    int m_failures = 0;
    std::mt19937_64 m_random{std::random_device{}()};
};

} // namespace ferry::sync
