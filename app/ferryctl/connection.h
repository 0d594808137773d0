#pragma once
// Where ferryctl finds its server and admin credentials, and the one place
// that touches secrets. QSettings records only the server, the username and
// TLS choices of the saved login; the password lives in the OS keychain
// through the credential store ferryctl shares with the console
// (models/credentials: service "ferry", key "ferry:<server>:<username>"), and
// there is deliberately no plain-file fallback.

#include "credentialkey.h"
#include "domain/result.h"

#include <QString>
#include <QUrl>

namespace ferryctl {

struct SavedLogin {
    QString server; // normalized, see normalizeServer()
    QString username;
    QString caFile;
    bool insecure = false;
    bool isEmpty() const { return server.isEmpty(); }
};

SavedLogin loadSavedLogin();
void saveLogin(const SavedLogin& login);
void forgetSavedLogin();

using ferry::normalizeServer;
inline ferry::CredentialKey keychainKey(const QString& server, const QString& username) {
    return ferry::CredentialKey{server, username};
}

// The store is asynchronous; a command line has nothing else to do meanwhile,
// so these run the job and wait for it on a local event loop.
ferry::Result<QString> readKeychainPassword(const ferry::CredentialKey& key);
ferry::Status writeKeychainPassword(const ferry::CredentialKey& key, const QString& password);
// Succeeds when the entry is gone, including when it never existed.
ferry::Status deleteKeychainPassword(const ferry::CredentialKey& key);

// Reads the whole of stdin and drops the final line break: `--password-stdin`.
QString readPasswordFromStdin();

} // namespace ferryctl
