#include "sync/syncstatus.h"

#include <QUuid>

namespace ferry::sync {

void SyncStatus::changed() {
    m_dirty = true;
    m_changed.notify_all();
}

void SyncStatus::setState(ConnectionState state) {
    std::lock_guard lock(m_mutex);
    if (m_state == state)
        return;
    m_state = state;
    changed();
}

void SyncStatus::syncedNow() {
    std::lock_guard lock(m_mutex);
    m_lastSync = QDateTime::currentDateTimeUtc();
    m_lastActivity = m_lastSync;
    changed();
}

void SyncStatus::activityNow() {
    std::lock_guard lock(m_mutex);
    m_lastActivity = QDateTime::currentDateTimeUtc();
}

void SyncStatus::setDetail(const QString& code, const QString& description, const QString& type) {
    std::lock_guard lock(m_mutex);
    auto it = m_details.find(code);
    if (it != m_details.end() && it->second.description == description)
        return;
    StatusDetail detail;
    detail.type = type;
    detail.code = code;
    detail.description = description;
    detail.timestamp = QDateTime::currentDateTimeUtc();
    detail.correlationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_details[code] = detail;
    changed();
}

bool SyncStatus::clearDetail(const QString& code) {
    std::lock_guard lock(m_mutex);
    if (m_details.erase(code) == 0)
        return false;
    changed();
    return true;
}

void SyncStatus::addToTransfer(qint64 bytes, qint64 blobs) {
    std::lock_guard lock(m_mutex);
    m_progress.bytesTotal += bytes;
    m_progress.blobsTotal += blobs;
    changed();
}

void SyncStatus::transferred(qint64 bytes, qint64 blobs) {
    std::lock_guard lock(m_mutex);
    m_progress.bytesDone += bytes;
    m_progress.blobsDone += blobs;
    m_lastActivity = QDateTime::currentDateTimeUtc();
    // Progress alone is reported with the heartbeat, not on every piece.
    if (blobs > 0)
        changed();
}

void SyncStatus::transferFinished() {
    std::lock_guard lock(m_mutex);
    if (m_progress == SyncProgress{})
        return;
    m_progress = {};
    changed();
}

void SyncStatus::setStorage(const StorageUsage& storage) {
    std::lock_guard lock(m_mutex);
    m_storage = storage;
}

ConnectedRegistry SyncStatus::snapshot() const {
    std::lock_guard lock(m_mutex);
    ConnectedRegistry reported;
    reported.connectionState = m_details.empty() || m_state == ConnectionState::Syncing
                                   ? m_state
                                   : ConnectionState::Unhealthy;
    // Details that only inform (a resolved conflict) do not make it unhealthy.
    bool unhealthy = false;
    for (const auto& [code, detail] : m_details) {
        reported.statusDetails.push_back(detail);
        if (detail.type != QLatin1String("info"))
            unhealthy = true;
    }
    if (!unhealthy && reported.connectionState == ConnectionState::Unhealthy)
        reported.connectionState = m_state;
    reported.lastSyncTime = m_lastSync;
    reported.lastActivityTime = m_lastActivity;
    reported.syncProgress = m_progress;
    reported.storage = m_storage;
    reported.acknowledgedCommands = m_acknowledged;
    return reported;
}

void SyncStatus::setAcknowledgedCommands(const QStringList& ids) {
    std::lock_guard lock(m_mutex);
    if (ids == m_acknowledged)
        return;
    m_acknowledged = ids;
    changed();
}

void SyncStatus::waitForChange(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, timeout, [this] { return m_dirty; });
    m_dirty = false;
}

} // namespace ferry::sync
