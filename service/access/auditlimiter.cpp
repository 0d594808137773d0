#include "access/auditlimiter.h"

namespace ferry::access {

AuditLimiter::Verdict AuditLimiter::admit(const std::string& address) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    if (now - m_global.start >= kWindow)
        m_global = Window{now, 0, 0};
    if (m_addresses.size() > 10000)
        m_addresses.clear(); // a spray of addresses; the global cap still holds
    Window& window = m_addresses[address];
    Verdict verdict;
    if (now - window.start >= kWindow) {
        verdict.suppressedBefore = window.dropped;
        window = Window{now, 0, 0};
    }
    if (window.written >= kPerAddress || m_global.written >= kGlobal) {
        ++window.dropped;
        verdict.suppressedBefore = 0;
        return verdict;
    }
    ++window.written;
    ++m_global.written;
    verdict.record = true;
    return verdict;
}

} // namespace ferry::access
