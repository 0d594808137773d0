#include "management/eventstream.h"

#include "domain/jsoncodec.h"

#include <QJsonDocument>
#include <algorithm>
#include <limits>
#include <optional>

namespace ferry::management {

namespace {

using Clock = std::chrono::steady_clock;
// How often a waiting stream looks at BodyWriter::stopping(); bounds how
// long a server shutdown waits for open event streams.
constexpr std::chrono::milliseconds kStopPoll{200};

QJsonObject withRevision(QJsonObject json, int64_t revision) {
    json.insert(QStringLiteral("revision"), double(revision));
    return json;
}

struct Change {
    int64_t order; // the entity's revision; deletions sort after every upsert
    const char* type;
    QJsonObject data;
};

QJsonObject eventData(const char* kind, const QString& name, int64_t revision,
                      const QJsonValue& resource) {
    return {{QStringLiteral("kind"), QLatin1StringView(kind)},
            {QStringLiteral("name"), name},
            {QStringLiteral("revision"), double(revision)},
            {QStringLiteral("resource"), resource}};
}

// One shard of one map of the state: upserts are entities whose revision
// moved, deletions entities that are gone. Shards the change never wrote to
// still share their data with the old snapshot (access/shardedhash.h), so a
// change costs a look at the few shards it touched, not at the whole store.
template <class Shard, class Describe>
void diffShard(const Shard& before, const Shard& after, const char* kind, int64_t deletedRevision,
               Describe describe, std::vector<Change>& out) {
    if (before.isSharedWith(after))
        return;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        auto old = before.constFind(it.key());
        if (old != before.cend() && old->revision == it->revision)
            continue;
        const auto [name, json] = describe(it.value());
        out.push_back({it->revision, old == before.cend() ? "created" : "updated",
                       eventData(kind, name, it->revision, withRevision(json, it->revision))});
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (after.contains(it.key()))
            continue;
        out.push_back(
            {std::numeric_limits<int64_t>::max(), "deleted",
             eventData(kind, describe(it.value()).first, deletedRevision, QJsonValue::Null)});
    }
}

template <class Record, class Describe>
void diff(const access::ShardedHash<Record>& before, const access::ShardedHash<Record>& after,
          const char* kind, int64_t deletedRevision, Describe describe, std::vector<Change>& out) {
    for (int shard = 0; shard < access::ShardedHash<Record>::kShards; ++shard)
        diffShard(before.shard(shard), after.shard(shard), kind, deletedRevision, describe, out);
}

int64_t microsecondsSinceEpoch() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

EventHub::EventHub(size_t capacity, size_t byteBudget)
    : m_capacity(std::max<size_t>(capacity, 1))
    , m_byteBudget(byteBudget)
    , m_nextId(microsecondsSinceEpoch()) {}

std::shared_ptr<EventHub> EventHub::attach(access::AccessStore& store, size_t capacity,
                                           size_t byteBudget) {
    auto hub = std::make_shared<EventHub>(capacity, byteBudget);
    store.setChangeListener(
        [hub](const access::AccessSnapshot& before, const access::AccessSnapshot& after) {
            hub->onChange(before, after);
        });
    return hub;
}

void EventHub::onChange(const access::AccessSnapshot& before, const access::AccessSnapshot& after) {
    std::vector<Change> changes;
    const int64_t revision = after->revision;
    diff(
        before->registries, after->registries, "connectedRegistry", revision,
        [](const access::ConnectedRegistryRecord& r) {
            return std::pair(r.registry.name, toJson(r.registry));
        },
        changes);
    diff(
        before->tokens, after->tokens, "token", revision,
        [](const access::TokenRecord& r) { return std::pair(r.token.name, toJson(r.token)); },
        changes);
    diff(
        before->scopeMaps, after->scopeMaps, "scopeMap", revision,
        [](const access::ScopeMapRecord& r) {
            return std::pair(r.scopeMap.name, toJson(r.scopeMap));
        },
        changes);
    std::stable_sort(changes.begin(), changes.end(),
                     [](const Change& a, const Change& b) { return a.order < b.order; });
    for (const Change& change : changes)
        publish(change.type, change.data);
}

void EventHub::publish(const char* type, const QJsonObject& data) {
    const QByteArray json = QJsonDocument(data).toJson(QJsonDocument::Compact);
    {
        std::lock_guard lock(m_mutex);
        const int64_t id = m_nextId++;
        const std::string head = "id: " + std::to_string(id) + "\nevent: " + type + "\ndata: ";
        // Sized once: the ring holds thousands of frames, and a string grown
        // by appends keeps up to twice its length in capacity.
        std::string frame;
        frame.reserve(head.size() + size_t(json.size()) + 2);
        frame.append(head).append(json.constData(), size_t(json.size())).append("\n\n");
        m_ringBytes += frame.size();
        m_ring.push_back({id, std::move(frame)});
        while (m_ring.size() > m_capacity || (m_ringBytes > m_byteBudget && m_ring.size() > 1)) {
            m_ringBytes -= m_ring.front().frame.size();
            m_ring.pop_front();
        }
    }
    m_arrived.notify_all();
}

EventHub::Batch EventHub::eventsAfter(int64_t afterId) const {
    std::lock_guard lock(m_mutex);
    Batch batch;
    const int64_t latest = m_nextId - 1;
    const int64_t oldest = m_ring.empty() ? m_nextId : m_ring.front().id;
    if (afterId > latest || afterId < oldest - 1) {
        batch.reset = true;
        batch.lastId = latest;
        return batch;
    }
    // Ids are consecutive, so the first wanted event sits at a known offset.
    for (size_t i = size_t(afterId + 1 - oldest); i < m_ring.size(); ++i)
        batch.frames.push_back(m_ring[i].frame);
    batch.lastId = latest;
    return batch;
}

size_t EventHub::retainedBytes() const {
    std::lock_guard lock(m_mutex);
    return m_ringBytes;
}

int64_t EventHub::latestId() const {
    std::lock_guard lock(m_mutex);
    return m_nextId - 1;
}

void EventHub::waitForEventAfter(int64_t afterId, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    m_arrived.wait_for(lock, timeout, [&] { return m_nextId - 1 > afterId; });
}

EventStreamController::EventStreamController(std::shared_ptr<EventHub> hub,
                                             std::chrono::milliseconds keepAlive)
    : m_hub(std::move(hub))
    , m_keepAlive(keepAlive) {}

namespace {

std::optional<int64_t> parseEventId(std::string_view text) {
    if (text.empty())
        return std::nullopt;
    bool ok = false;
    const int64_t id = QByteArray(text.data(), qsizetype(text.size())).trimmed().toLongLong(&ok);
    return ok ? std::optional<int64_t>(id) : std::nullopt;
}

void runStream(const EventHub& hub, int64_t cursor, std::chrono::milliseconds keepAlive,
               http::BodyWriter& out) {
    // Tell EventSource clients to reconnect quickly after a dropped connection.
    if (!out.write("retry: 2000\n\n"))
        return;
    auto lastWrite = Clock::now();
    while (!out.stopping()) {
        EventHub::Batch batch = hub.eventsAfter(cursor);
        if (batch.reset) {
            const std::string frame =
                "id: " + std::to_string(batch.lastId) +
                "\nevent: reset\ndata: {\"lastEventId\":" + std::to_string(batch.lastId) + "}\n\n";
            if (!out.write(frame))
                return;
            lastWrite = Clock::now();
        }
        for (const std::string& frame : batch.frames) {
            if (!out.write(frame))
                return;
            lastWrite = Clock::now();
        }
        cursor = batch.lastId;
        // A comment line keeps proxies and the server's idle timeout from
        // closing a quiet stream, and finds a vanished client.
        if (Clock::now() - lastWrite >= keepAlive) {
            if (!out.write(": keep-alive\n\n"))
                return;
            lastWrite = Clock::now();
        }
        const auto untilKeepAlive = std::chrono::duration_cast<std::chrono::milliseconds>(
            keepAlive - (Clock::now() - lastWrite));
        hub.waitForEventAfter(cursor,
                              std::clamp(untilKeepAlive, std::chrono::milliseconds(1), kStopPoll));
    }
}

} // namespace

http::Response EventStreamController::handle(ApiRequest& request) {
    if (request.segments.size() != 1)
        return errorResponse(404, "NOT_FOUND", QStringLiteral("No such API route."));
    if (request.method != http::Verb::get)
        return errorResponse(405, "METHOD_NOT_ALLOWED",
                             QStringLiteral("The event stream only supports GET."));
    std::optional<int64_t> resumeAfter = parseEventId(request.exchange.header("Last-Event-ID"));
    if (!resumeAfter)
        resumeAfter = parseEventId(request.query.value("lastEventId"));
    // Without an id the client wants what happens from now on.
    const int64_t cursor = resumeAfter.value_or(m_hub->latestId());

    http::Response response;
    response.status = 200;
    response.header("Content-Type", "text/event-stream");
    response.header("Cache-Control", "no-store");
    response.header("X-Accel-Buffering", "no");
    response.stream = [hub = m_hub, cursor, keepAlive = m_keepAlive](http::BodyWriter& out) {
        runStream(*hub, cursor, keepAlive, out);
    };
    return response;
}

} // namespace ferry::management
