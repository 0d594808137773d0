#include "access/throttle.h"

#include "metrics/metrics.h"

#include <algorithm>

namespace ferry::access {

static std::string lowered(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return text;
}

static std::string keyOf(const std::string& address, const std::string& user) {
    return address + '\n' + lowered(user);
}

Throttle::Verdict Throttle::beforeHashing(const std::string& address) {
    std::lock_guard lock(m_mutex);
    auto it = m_addresses.find(address);
    if (it == m_addresses.end())
        return {};
    const auto now = std::chrono::steady_clock::now();
    if (now - it->second.first > kAddressWindow) {
        m_addresses.erase(it);
        return {};
    }
    Verdict verdict;
    if (int(it->second.names.size()) >= kAddressNames) {
        verdict.refused = true;
        verdict.retryAfter = std::chrono::duration_cast<std::chrono::seconds>(
                                 kAddressWindow - (now - it->second.first)) +
                             std::chrono::seconds(1);
    }
    return verdict;
}

Throttle::Verdict Throttle::before(const std::string& address, const std::string& user) {
    std::lock_guard lock(m_mutex);
    auto it = m_records.find(keyOf(address, user));
    if (it == m_records.end())
        return {};
    const auto now = std::chrono::steady_clock::now();
    if (now - it->second.first > kWindow) {
        m_records.erase(it);
        return {};
    }
    Verdict verdict;
    const int failures = it->second.failures;
    if (failures >= kFreeAttempts)
        metrics::global().recordThrottledSignIn(address);
    if (failures >= kHardLimit) {
        verdict.refused = true;
        verdict.retryAfter =
            std::chrono::duration_cast<std::chrono::seconds>(kWindow - (now - it->second.first)) +
            std::chrono::seconds(1);
        return verdict;
    }
    if (failures >= kFreeAttempts) {
        const int doublings = std::min(failures - kFreeAttempts, 5);
        verdict.delay = std::chrono::milliseconds(250) * (1 << doublings);
    }
    return verdict;
}

void Throttle::failed(const std::string& address, const std::string& user) {
    metrics::global().recordSignInFailure();
    std::lock_guard lock(m_mutex);
    // Bound memory under a spray of distinct names: forget everything rather
    // than grow without limit (the window would forget them anyway).
    if (m_records.size() > 100000)
        m_records.clear();
    auto& record = m_records[keyOf(address, user)];
    if (record.failures == 0)
        record.first = std::chrono::steady_clock::now();
    ++record.failures;
    if (m_addresses.size() > 100000)
        m_addresses.clear();
    auto& fromAddress = m_addresses[address];
    const auto now = std::chrono::steady_clock::now();
    if (!fromAddress.names.empty() && now - fromAddress.first > kAddressWindow)
        fromAddress.names.clear();
    if (fromAddress.names.empty())
        fromAddress.first = now;
    if (int(fromAddress.names.size()) < kAddressNames)
        fromAddress.names.insert(lowered(user));
}

void Throttle::succeeded(const std::string& address, const std::string& user) {
    std::lock_guard lock(m_mutex);
    m_records.erase(keyOf(address, user));
}

} // namespace ferry::access
