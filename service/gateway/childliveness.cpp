#include "gateway/childliveness.h"

#include "core/log.h"

namespace ferry::gateway {

ChildLiveness::ChildLiveness(access::AccessStore& store, std::chrono::seconds offlineAfter)
    : m_store(store)
    , m_offlineAfter(offlineAfter)
    , m_thread([this] { watch(); }) {}

ChildLiveness::~ChildLiveness() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void ChildLiveness::heard(const QString& child) {
    std::lock_guard lock(m_mutex);
    m_lastHeard[child.toStdString()] = std::chrono::steady_clock::now();
}

double ChildLiveness::secondsSinceHeard(const QString& child) const {
    std::lock_guard lock(m_mutex);
    auto it = m_lastHeard.find(child.toStdString());
    if (it == m_lastHeard.end())
        return -1;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second).count();
}

void ChildLiveness::watch() {
    std::unique_lock lock(m_mutex);
    const auto tick =
        std::max<std::chrono::milliseconds>(std::chrono::milliseconds(250), m_offlineAfter / 8);
    while (!m_wake.wait_for(lock, tick, [this] { return m_stopping; })) {
        lock.unlock();
        try {
            markSilentChildrenOffline();
        } catch (const std::exception& failure) {
            log::error("liveness check failed: ", failure.what());
        }
        lock.lock();
    }
}

void ChildLiveness::markSilentChildrenOffline() {
    const access::AccessSnapshot state = m_store.snapshot();
    const QString self = state->self ? state->self->registry.name : QString();
    const auto now = std::chrono::steady_clock::now();
    QStringList silent;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& record : state->registries) {
            if (record.registry.parent != self ||
                record.registry.connectionState == ConnectionState::Offline)
                continue;
            auto it = m_lastHeard.find(record.registry.name.toStdString());
            // A child not heard since this ferryd started gets one full period.
            const auto last = it == m_lastHeard.end() ? m_started : it->second;
            if (now - last > m_offlineAfter)
                silent.push_back(record.registry.name);
        }
    }
    if (silent.isEmpty())
        return;
    const Status status = m_store.mutate([&](access::Mutation& m) -> Status {
        QStringList frontier = silent;
        while (!frontier.isEmpty()) {
            const QString name = frontier.takeFirst();
            auto it = m.state().registries.find(name);
            if (it == m.state().registries.end())
                continue;
            if (it->registry.connectionState != ConnectionState::Offline) {
                it->registry.connectionState = ConnectionState::Offline;
                it->registry.syncProgress = {};
                m.touchRegistry(name);
            }
            for (const auto& record : std::as_const(m.state().registries)) {
                if (record.registry.parent == name)
                    frontier.push_back(record.registry.name);
            }
        }
        return {};
    });
    if (!status)
        log::warning("cannot mark silent connected registries offline: ",
                     status.error().message.toStdString());
    else
        log::info("connected registry ", silent.join(QStringLiteral(", ")).toStdString(),
                  " went silent: Offline");
}

} // namespace ferry::gateway
