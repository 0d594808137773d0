#pragma once
// Notification events on their way to the root (docs/sync-protocol.md
// "Notifications"): a connected registry reports the pushes and deletes that
// match its notification patterns, and every level passes its children's
// events on in its own next report. At the root they become "notification"
// events on the management event stream. The queue is bounded: when a parent
// stays unreachable for long, the oldest events are dropped first and the
// count of dropped events travels with the next report.

#include <QJsonArray>
#include <QJsonObject>

#include <deque>
#include <functional>
#include <mutex>

namespace ferry::gateway {

class NotificationRelay {
public:
    explicit NotificationRelay(size_t capacity = 10000)
        : m_capacity(capacity) {}

    // At the root: where events end up. Elsewhere unset: events wait for the
    // next report up.
    void setPublisher(std::function<void(const QJsonObject&)> publish);
    void deliver(const QJsonObject& event);

    // Events waiting to go up, oldest first (at most `limit`); they stay
    // queued until acknowledged, so a failed report loses nothing.
    QJsonArray pending(size_t limit) const;
    void acknowledge(size_t count);

private:
    const size_t m_capacity;
    mutable std::mutex m_mutex;
    std::function<void(const QJsonObject&)> m_publish;
    std::deque<QJsonObject> m_queue;
};

} // namespace ferry::gateway
