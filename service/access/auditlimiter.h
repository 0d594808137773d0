#pragma once
// Rate limits the audit records that unauthenticated traffic can cause
// (failed sign-ins, forged, expired or revoked bearer tokens, 403s on the
// management API), so a flood cannot fill the disk through the audit log.
// Each address may write kPerAddress records of each kind per window (the
// caller makes the key: address and kind); past that, records
// from it are dropped and one "suppressed" count is reported when the window
// turns over. A global cap bounds many addresses together.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ferry::access {

class AuditLimiter {
public:
    static constexpr int kPerAddress = 20;
    static constexpr int kGlobal = 600;
    static constexpr std::chrono::seconds kWindow{60};

    struct Verdict {
        bool record = false;
        // Records from this address dropped in its previous window, to be
        // mentioned in this record (0: none).
        uint64_t suppressedBefore = 0;
    };
    Verdict admit(const std::string& address);

private:
    struct Window {
        std::chrono::steady_clock::time_point start;
        int written = 0;
        uint64_t dropped = 0;
    };
    std::mutex m_mutex;
    std::unordered_map<std::string, Window> m_addresses;
    Window m_global;
};

} // namespace ferry::access
