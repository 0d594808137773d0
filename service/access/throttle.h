#pragma once
// Slows down password guessing: failures are counted per client address and
// user name; from the third failure in a window each further attempt waits
// longer (250 ms doubling up to 8 s), and past a hard limit attempts are
// refused outright until the window passes. A success clears the count.
// The same treatment applies whether the user exists or not.
// A spray of distinct user names from one address (each name failing once or
// twice) is counted per address as well: past kAddressNames distinct failing
// names in a window, that address gets 429 before any password is hashed.
// User names count ignoring case, as sign-in matches them.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace ferry::access {

class Throttle {
public:
    struct Verdict {
        std::chrono::milliseconds delay{0}; // wait this long before checking
        bool refused = false;               // too many failures: answer 429
        std::chrono::seconds retryAfter{0};
    };

    Verdict before(const std::string& address, const std::string& user);
    // The per-address verdict alone: checked after the credential cache
    // (a known-good password costs no hashing) and before any hashing.
    Verdict beforeHashing(const std::string& address);
    void failed(const std::string& address, const std::string& user);
    void succeeded(const std::string& address, const std::string& user);

    static constexpr int kFreeAttempts = 3;
    static constexpr int kHardLimit = 30;
    static constexpr std::chrono::minutes kWindow{15};
    static constexpr int kAddressNames = 64;
    static constexpr std::chrono::minutes kAddressWindow{1};

private:
    struct Record {
        int failures = 0;
        std::chrono::steady_clock::time_point first;
    };
    std::mutex m_mutex;
    struct AddressRecord {
        std::unordered_set<std::string> names; // distinct failing user names
        std::chrono::steady_clock::time_point first;
    };
    std::unordered_map<std::string, Record> m_records;
    std::unordered_map<std::string, AddressRecord> m_addresses;
};

} // namespace ferry::access
