// The report channel of the sync agent (docs/sync-protocol.md "Status up"
// and "Notifications"): this registry's state, its subtree's as its own store
// has it, and the notification events waiting to go up.
#include "sync/syncagent.h"

#include "sync/backoff.h"

#include "core/log.h"
#include "domain/jsoncodec.h"
#include "domain/notification.h"
#include "platform/file.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ferry::sync {

QJsonObject SyncAgent::buildReport() {
    StorageUsage storage;
    if (const auto available = platform::availableBytes(m_options.dataDirectory)) {
        storage.availableBytes = qint64(*available);
        storage.usedBytes = m_metadata.storedBytes();
        if (storage.availableBytes < (64ll << 20))
            m_status.setDetail(QStringLiteral("DISK_STORAGE_FULL"),
                               QStringLiteral("Less than 64 MiB free in the data folder."),
                               QStringLiteral("storage"));
        else
            m_status.clearDetail(QStringLiteral("DISK_STORAGE_FULL"));
    }
    m_status.setStorage(storage);
    const ConnectedRegistry own = m_status.snapshot();
    QJsonObject report = toJson(own);
    for (const char* desired : {"name", "mode", "parent", "clientTokens", "sync", "logging",
                                "notifications", "garbageCollection", "activation"})
        report.remove(QLatin1String(desired));
    report.insert(QStringLiteral("version"), QStringLiteral(FERRY_VERSION));
    report.insert(
        QStringLiteral("loginServer"),
        QJsonObject{{QStringLiteral("host"), QString::fromStdString(m_options.loginServer)},
                    {QStringLiteral("tls"),
                     m_options.tls ? QStringLiteral("Enabled") : QStringLiteral("Disabled")}});
    // Everything below, as this registry knows it: that is how state
    // reaches the root one level at a time.
    QJsonArray descendants;
    const access::AccessSnapshot state = m_store.snapshot();
    for (const auto& record : state->registries) {
        QJsonObject entry = toJson(record.registry);
        entry.insert(QStringLiteral("epoch"),
                     qint64(state->leases.value(record.registry.name).epoch));
        descendants.push_back(entry);
    }
    report.insert(QStringLiteral("descendants"), descendants);
    return report;
}

QJsonArray SyncAgent::ownNotifications(int64_t* examinedUpTo) {
    QJsonArray events;
    const auto cursor = m_metadata.syncValue("notify.cursor");
    if (!cursor) { // first start: notify from now on, not about history
        *examinedUpTo = m_metadata.latestChange();
        return events;
    }
    *examinedUpTo = std::stoll(*cursor);
    const auto self = m_store.snapshot()->self;
    QList<NotificationPattern> patterns;
    if (self) {
        for (const QString& text : self->registry.notifications) {
            if (auto pattern = NotificationPattern::parse(text))
                patterns.push_back(pattern.value());
        }
    }
    for (const Change& change : m_metadata.changesAfter(*examinedUpTo, 500)) {
        *examinedUpTo = change.seq;
        const NotificationAction action =
            change.deleted ? NotificationAction::Delete : NotificationAction::Push;
        const QString repository = QString::fromStdString(change.repository);
        const QString tag = QString::fromStdString(change.tag);
        const QString digest = QString::fromStdString(change.digest);
        if (patterns.isEmpty() ||
            !anyNotificationMatches(patterns, repository, tag, digest, action))
            continue;
        QJsonObject event{{QStringLiteral("registry"), self->registry.name},
                          {QStringLiteral("repository"), repository},
                          {QStringLiteral("digest"), digest},
                          {QStringLiteral("action"), toString(action)},
                          {QStringLiteral("time"), formatRfc3339(QDateTime::currentDateTimeUtc())}};
        if (!tag.isEmpty())
            event.insert(QStringLiteral("tag"), tag);
        events.push_back(event);
    }
    return events;
}

void SyncAgent::reportLoop() {
    Backoff backoff;
    while (!m_stopping) {
        if (m_active && !m_deactivated) {
            QJsonObject report = buildReport();
            int64_t notifiedUpTo = 0;
            QJsonArray events = ownNotifications(&notifiedUpTo);
            const QJsonArray relayed = m_notifications.pending(1000);
            for (const QJsonValue& event : relayed)
                events.push_back(event);
            report.insert(QStringLiteral("events"), events);
            ParentClient client(m_credentials.endpoint, m_credentials.user, m_credentials.password);
            const InFlight inFlight(*this, [&client] { client.cancel(); });
            auto reply = client.send(
                Verb::post, gatewayPath("status"),
                QJsonDocument(report).toJson(QJsonDocument::Compact).toStdString(),
                [this] {
                    Headers headers = gatewayHeaders();
                    headers.emplace_back("Content-Type", "application/json");
                    return headers;
                }(),
                std::chrono::seconds(15));
            if (reply && reply.value().status == 200) {
                parentReached();
                m_metadata.setSyncValue("notify.cursor", std::to_string(notifiedUpTo));
                m_notifications.acknowledge(size_t(relayed.size()));
                backoff.reset();
            } else if (reply) {
                handleRefusal(reply.value(), "status report");
            }
        }
        // The next report: at the heartbeat, or at once when something
        // changed (a state change travels up without waiting).
        m_status.waitForChange(m_options.heartbeat);
        if (m_stopping)
            break;
        // Never more than four reports a second.
        sleepFor(std::chrono::milliseconds(250));
    }
}

} // namespace ferry::sync
