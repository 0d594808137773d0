#include "gateway/notificationrelay.h"

namespace ferry::gateway {

void NotificationRelay::setPublisher(std::function<void(const QJsonObject&)> publish) {
    std::lock_guard lock(m_mutex);
    m_publish = std::move(publish);
}

void NotificationRelay::deliver(const QJsonObject& event) {
    std::unique_lock lock(m_mutex);
    if (m_publish) {
        auto publish = m_publish;
        lock.unlock();
        publish(event);
        return;
    }
    m_queue.push_back(event);
    while (m_queue.size() > m_capacity)
        m_queue.pop_front();
}

QJsonArray NotificationRelay::pending(size_t limit) const {
    std::lock_guard lock(m_mutex);
    QJsonArray events;
    for (size_t i = 0; i < m_queue.size() && i < limit; ++i)
        events.push_back(m_queue[i]);
    return events;
}

void NotificationRelay::acknowledge(size_t count) {
    std::lock_guard lock(m_mutex);
    // New events only ever join at the back, so the front ones were sent.
    for (size_t i = 0; i < count && !m_queue.empty(); ++i)
        m_queue.pop_front();
}

} // namespace ferry::gateway
