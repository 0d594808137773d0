#pragma once
// Persists AccessState in SQLite and publishes it as snapshots. Every change
// runs through mutate(): the change edits a private copy and names what it
// touched; the touched entities are written in one SQLite transaction; only
// then is the copy published. A change that fails (a rule violation, a full
// disk) leaves both the database and the published state exactly as before,
// so an operation is all or nothing, however many entities it touches.

#include "access/accessstate.h"
#include "domain/result.h"
#include "storage/sqlite.h"

#include <QDateTime>
#include <QSet>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace ferry::access {

// One audit record: who did what, from where, and how it ended. Never a secret.
struct AuditEvent {
    int64_t id = 0;
    QDateTime time;  // UTC
    QString actor;   // user or token name, or "-" when unknown
    QString address; // client address
    QString action;  // e.g. "token.create", "auth.failure"
    QString target;  // the resource, e.g. "tokens/ci-pull"
    QString outcome; // "success" or an error code
    QString detail;  // for a person
};

// A change in progress: the state to edit, and what to persist.
class Mutation {
public:
    explicit Mutation(AccessState state)
        : m_state(std::move(state)) {}
    AccessState& state() { return m_state; }

    // Mark an entity as changed (or removed, when it is gone from the state)
    // and give it the next revision.
    void touchToken(const QString& name);
    void touchScopeMap(const QString& name);
    void touchRegistry(const QString& name);
    // Admin and settings have no revision of their own: they advance the
    // state's, so an ETag derived from it changes with their content.
    void touchAdmin() {
        m_adminTouched = true;
        nextRevision();
    }
    void touchSettings() {
        m_settingsTouched = true;
        nextRevision();
    }
    void touchSelf() {
        m_selfTouched = true;
        nextRevision();
    }
    // Leases change with every activation; they do not advance the revision
    // (nothing an operator reads derives from them).
    void touchLease(const QString& registry) { m_leases.insert(registry); }
    // Recorded in the same transaction as the change.
    void audit(AuditEvent event) { m_audit.push_back(std::move(event)); }

private:
    friend class AccessStore;
    int64_t nextRevision() { return ++m_state.revision; }
    AccessState m_state;
    QSet<QString> m_tokens;
    QSet<QString> m_scopeMaps;
    QSet<QString> m_registries;
    bool m_adminTouched = false;
    bool m_settingsTouched = false;
    bool m_selfTouched = false;
    QSet<QString> m_leases;
    std::vector<AuditEvent> m_audit;
};

// Called after each published change with the old and new snapshot, outside
// the writer lock order guarantees (in commit order). The event stream hooks in here.
using ChangeListener =
    std::function<void(const AccessSnapshot& before, const AccessSnapshot& after)>;

class AccessStore {
public:
    explicit AccessStore(std::string databasePath);

    // Creates the schema, loads everything and adds the system scope maps.
    Status open();
    AccessSnapshot snapshot() const;

    // Applies `change` atomically (see the class comment). The change returns
    // an error to abandon everything it did.
    Status mutate(const std::function<Status(Mutation&)>& change);

    void setChangeListener(ChangeListener listener);
    // Blocks until a change after `revision` is published or `timeout` passes
    // (the gateway's config long poll). Returns the snapshot then current.
    AccessSnapshot waitForChange(int64_t revision, std::chrono::milliseconds timeout) const;

    // Audit records outside a mutation (authentication failures, a
    // connected registry's content writes). Dropped while the audit log is
    // off: a connected registry follows its `logging.auditLog` setting.
    void appendAudit(const AuditEvent& event);
    void setAuditEnabled(bool enabled) { m_auditEnabled = enabled; }
    bool auditEnabled() const { return m_auditEnabled; }
    // `targets`, when given, keeps only records about exactly those targets
    // ("connected-registries/edge1", "tokens/edge1-sync-token").
    QList<AuditEvent> auditEvents(int64_t afterId, int limit, const QString& actionPrefix = {},
                                  const QStringList& targets = {}) const;

private:
    void persist(sql::Connection& db, const Mutation& mutation, const AccessState& next);
    void writeAudit(sql::Connection& db, const AuditEvent& event);
    void load();

    mutable sql::Pool m_pool;
    mutable std::mutex m_snapshotMutex; // guards m_snapshot (a shared_ptr swap)
    AccessSnapshot m_snapshot;
    std::mutex m_writerMutex; // one mutation at a time
    ChangeListener m_listener;
    mutable std::condition_variable m_published; // with m_snapshotMutex
    std::atomic<bool> m_auditEnabled{true};
};

} // namespace ferry::access
