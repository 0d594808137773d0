#pragma once
// Live change feed for the console and ferryctl: GET /api/v1/events as
// Server-Sent Events. EventHub owns the AccessStore's one change listener,
// turns each committed change into one event per touched connected registry,
// token or scope map, and keeps the most recent ones in a bounded ring so a
// client that reconnects with Last-Event-ID gets exactly what it missed.
// The ring is bounded twice, by events and by bytes: a token's event carries
// its whole resource (about 0.6-0.8 KB), so 10,000 of them would hold 8 MiB
// for good: under bench/soak.py heaptrack showed the ring as the largest
// allocation still growing after minute 5. A client further behind than the
// ring gets "reset".
//
// Event ids grow by one per event and start at the hub's creation time in
// microseconds, so ids from before a restart are always older than the ring
// and such a client is told to reload (event "reset") instead of silently
// missing changes.

#include "access/accessstore.h"
#include "management/apirequest.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ferry::management {

class EventHub {
public:
    static constexpr size_t kDefaultCapacity = 10000;
    static constexpr size_t kDefaultByteBudget = size_t(2) << 20;
    explicit EventHub(size_t capacity = kDefaultCapacity, size_t byteBudget = kDefaultByteBudget);

    // Installs the hub as `store`'s change listener. The listener keeps the
    // hub alive, so the store may outlive whoever created the hub.
    static std::shared_ptr<EventHub> attach(access::AccessStore& store,
                                            size_t capacity = kDefaultCapacity,
                                            size_t byteBudget = kDefaultByteBudget);

    // Derives events from a committed change (the AccessStore listener).
    void onChange(const access::AccessSnapshot& before, const access::AccessSnapshot& after);

    struct Batch {
        std::vector<std::string> frames; // complete SSE frames, oldest first
        int64_t lastId = 0;              // the id to continue after
        bool reset = false;              // events after the requested id are gone
    };
    // Every retained event after `afterId`. When some of them have already
    // left the ring (or the id is from the future) the batch says reset and
    // continues from the newest event instead.
    Batch eventsAfter(int64_t afterId) const;
    int64_t latestId() const;
    // The bytes of SSE frames retained, never more than the budget (except
    // for one event larger than the whole budget, kept alone).
    size_t retainedBytes() const;
    // A notification relayed up from a connected registry (an artifact that
    // matched one of its notification patterns): event "notification".
    void publishNotification(const QJsonObject& data) { publish("notification", data); }
    // Waits until an event after `afterId` exists or `timeout` passes.
    void waitForEventAfter(int64_t afterId, std::chrono::milliseconds timeout) const;

private:
    struct Event {
        int64_t id;
        std::string frame;
    };
    void publish(const char* type, const QJsonObject& data);

    const size_t m_capacity;
    const size_t m_byteBudget;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_arrived;
    std::deque<Event> m_ring;
    size_t m_ringBytes = 0; // sum of the retained frames' sizes
    int64_t m_nextId;
};

// GET /api/v1/events[?lastEventId=n] (or the Last-Event-ID header).
class EventStreamController final : public Controller {
public:
    explicit EventStreamController(std::shared_ptr<EventHub> hub,
                                   std::chrono::milliseconds keepAlive = std::chrono::seconds(15));
    QString area() const override { return QStringLiteral("events"); }
    http::Response handle(ApiRequest& request) override;

private:
    std::shared_ptr<EventHub> m_hub;
    std::chrono::milliseconds m_keepAlive;
};

} // namespace ferry::management
