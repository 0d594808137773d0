#pragma once
// The one place the console and ferryctl keep secrets: admin passwords, token
// passwords and sync-token passwords. Entries live in the OS keychain through
// QtKeychain (Secret Service or KWallet, the macOS Keychain, the Windows
// Credential Manager) under the service name "ferry".
//
// Every operation is asynchronous and reports through a CredentialJob, so a
// UI thread never waits on the keychain. When no keychain answers, a job
// fails with KeychainUnavailable; nothing is ever written to a file or to
// QSettings instead. The caller may then switch the store to session-only
// memory, an explicit choice the console shows to the person: secrets then
// live in this process only and are gone when it exits.

#include "credentialkey.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace ferry {

class CredentialJob : public QObject {
    Q_OBJECT
public:
    enum class Error {
        None,
        NotFound,            // no entry under that key
        KeychainUnavailable, // no keychain answered: offer session-only memory
        Failed,              // the keychain answered with an error (locked, denied, ...)
    };
    Q_ENUM(Error)

    using QObject::QObject;
    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    bool ok() const { return m_error == Error::None; }
    QString errorString() const { return m_errorString; }
    // The secret a read found; empty for writes, removals and failures.
    QString secret() const { return m_secret; }
    CredentialKey key() const { return m_key; }

Q_SIGNALS:
    // Emitted once, always from the event loop (never inside the call that
    // made the job), so a caller can connect after starting it.
    void finished(ferry::CredentialJob* job);

private:
    friend class CredentialStore;
    void finishLater(Error error, QString errorString, QString secret = {});

    CredentialKey m_key;
    Error m_error = Error::None;
    QString m_errorString;
    QString m_secret;
    bool m_finished = false;
};

class CredentialStore : public QObject {
    Q_OBJECT
public:
    enum class Backend { Keychain, SessionMemory };
    Q_ENUM(Backend)

    // service: the keychain's service name; "ferry" unless a test isolates itself.
    explicit CredentialStore(QObject* parent = nullptr,
                             const QString& service = QStringLiteral("ferry"));
    ~CredentialStore() override;

    Backend backend() const { return m_backend; }
    // The person chose to keep secrets in memory for this session only.
    // Entries already in memory stay; the keychain is not touched any more.
    void useSessionMemory();
    // Back to the keychain (a later probe found one). Memory entries are wiped.
    void useKeychain();

    // Each returns a job parented to the store that deletes itself after
    // finished() has been delivered.
    CredentialJob* read(const CredentialKey& key);
    CredentialJob* write(const CredentialKey& key, const QString& secret);
    // Succeeds when the entry is gone, including when there was none.
    CredentialJob* remove(const CredentialKey& key);
    // Asks the keychain for an entry that does not exist: NotFound means a
    // keychain answered (the job then reports None), KeychainUnavailable
    // that none did.
    CredentialJob* probe();

Q_SIGNALS:
    void backendChanged(ferry::CredentialStore::Backend backend);

private:
    enum class Operation { Read, Write, Remove, Probe };
    CredentialJob* start(Operation operation, const CredentialKey& key, const QString& secret);
    void runInMemory(CredentialJob* job, Operation operation, const QString& secret);
    void runInKeychain(CredentialJob* job, Operation operation, const QString& secret);
    void wipeMemory();

    QString m_service;
    Backend m_backend = Backend::Keychain;
    QHash<QString, QString> m_memory; // entryName -> secret, session-only mode
};

} // namespace ferry
