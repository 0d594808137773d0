#include "access/passwordgate.h"

#include <algorithm>
#include <thread>
#include <utility>

namespace ferry::access {

PasswordCheckGate::PasswordCheckGate(Limits limits)
    : m_limits(limits) {
    if (m_limits.running <= 0)
        m_limits.running = int(std::clamp(std::thread::hardware_concurrency(), 1u, 64u));
    if (m_limits.waiting <= 0)
        m_limits.waiting = 2 * m_limits.running;
    if (m_limits.perAddress <= 0)
        m_limits.perAddress = m_limits.running;
}

PasswordCheckGate::Pass::Pass(Pass&& other) noexcept
    : m_gate(std::exchange(other.m_gate, nullptr))
    , m_address(std::move(other.m_address)) {}

PasswordCheckGate::Pass::~Pass() {
    if (m_gate)
        m_gate->leave(m_address);
}

PasswordCheckGate::Pass PasswordCheckGate::enter(const std::string& address) {
    std::unique_lock lock(m_mutex);
    int& fromAddress = m_perAddress[address];
    // One address may not hold the whole queue: the others still get in.
    if (fromAddress >= m_limits.perAddress)
        return {};
    if (m_running < m_limits.running && m_queue.empty()) {
        ++fromAddress;
        ++m_running;
        return Pass(this, address);
    }
    if (int(m_queue.size()) >= m_limits.waiting) {
        if (fromAddress == 0)
            m_perAddress.erase(address);
        return {};
    }
    // First come, first served: a flood that keeps arriving cannot take
    // every freed slot ahead of a client that was already waiting.
    const uint64_t ticket = ++m_lastTicket;
    m_queue.push_back(ticket);
    ++fromAddress;
    const bool admitted = m_freed.wait_for(lock, m_limits.maxWait, [this, ticket] {
        return m_queue.front() == ticket && m_running < m_limits.running;
    });
    m_queue.erase(std::find(m_queue.begin(), m_queue.end(), ticket));
    // Whoever is first now may be able to run too.
    m_freed.notify_all();
    if (!admitted) {
        // The element may have been rehashed while waiting: look it up again.
        if (--m_perAddress[address] == 0)
            m_perAddress.erase(address);
        return {};
    }
    ++m_running;
    return Pass(this, address);
}

void PasswordCheckGate::leave(const std::string& address) {
    {
        std::lock_guard lock(m_mutex);
        --m_running;
        auto it = m_perAddress.find(address);
        if (it != m_perAddress.end() && --it->second <= 0)
            m_perAddress.erase(it);
    }
    m_freed.notify_all();
}

int PasswordCheckGate::running() const {
    std::lock_guard lock(m_mutex);
    return m_running;
}

} // namespace ferry::access
