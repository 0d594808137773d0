#pragma once
// What a connected registry knows about its own sync, shared by the sync
// loops and the status reporter: the state it reports up, progress counters
// of the run in flight, and the status details that explain a problem
// (DOMAIN.md statusDetails). Thread-safe; every change wakes the reporter so
// a state change travels up at once instead of at the next heartbeat.

#include "domain/types.h"

#include <condition_variable>
#include <map>
#include <mutex>

namespace ferry::sync {

class SyncStatus {
public:
    void setState(ConnectionState state);
    void syncedNow(); // a run finished with nothing left to do
    void activityNow();
    void setDetail(const QString& code, const QString& description,
                   const QString& type = QStringLiteral("sync"));
    bool clearDetail(const QString& code); // true when it was set

    void addToTransfer(qint64 bytes, qint64 blobs);
    void transferred(qint64 bytes, qint64 blobs);
    void transferFinished();

    void setStorage(const StorageUsage& storage);
    // The pending commands carried out, reported until the parent drops them.
    void setAcknowledgedCommands(const QStringList& ids);

    // A copy of the reported fields, as ConnectedRegistry holds them.
    ConnectedRegistry snapshot() const;
    // Waits until something changed since the last call, or `timeout` passes.
    void waitForChange(std::chrono::milliseconds timeout);

private:
    void changed(); // with m_mutex held

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_dirty = false;
    ConnectionState m_state = ConnectionState::Syncing;
    QDateTime m_lastSync;
    QDateTime m_lastActivity;
    std::map<QString, StatusDetail> m_details;
    SyncProgress m_progress;
    StorageUsage m_storage;
    QStringList m_acknowledged;
};

} // namespace ferry::sync
