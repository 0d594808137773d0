#pragma once
// Slows down password guessing: failures are counted per client address and
// user name; from the third failure in a window each further attempt waits
// longer (250 ms doubling up to 8 s), and past a hard limit attempts are
// refused outright until the window passes. A success clears the count.
// The same treatment applies whether the user exists or not.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ferry::access {

class Throttle {
public:
    struct Verdict {
        std::chrono::milliseconds delay{0}; // wait this long before checking
        bool refused = false;               // too many failures: answer 429
        std::chrono::seconds retryAfter{0};
    };

    Verdict before(const std::string& address, const std::string& user);
    void failed(const std::string& address, const std::string& user);
    void succeeded(const std::string& address, const std::string& user);

    static constexpr int kFreeAttempts = 3;
    static constexpr int kHardLimit = 30;
    static constexpr std::chrono::minutes kWindow{15};

private:
    struct Record {
        int failures = 0;
        std::chrono::steady_clock::time_point first;
    };
    std::mutex m_mutex;
    std::unordered_map<std::string, Record> m_records;
};

} // namespace ferry::access
