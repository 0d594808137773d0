#pragma once
// Where ferryctl finds its server and admin credentials, and the one place
// that touches secrets. QSettings records only the server, the username and
// TLS choices of the saved login; the password lives in the OS keychain
// (QtKeychain, service "ferry", key "ferryctl:<server>:<username>") and there
// is deliberately no plain-file fallback.

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

// "host:port" becomes "https://host:port"; a trailing slash is dropped so the
// keychain key is the same however the user typed it. Empty when unusable.
QString normalizeServer(const QString& text);
QString keychainKey(const QString& server, const QString& username);

// QtKeychain is asynchronous; these run the job and wait on a local event loop.
ferry::Result<QString> readKeychainPassword(const QString& key);
ferry::Status writeKeychainPassword(const QString& key, const QString& password);
// Succeeds when the entry is gone, including when it never existed.
ferry::Status deleteKeychainPassword(const QString& key);

// Reads the whole of stdin and drops the final line break: `--password-stdin`.
QString readPasswordFromStdin();

} // namespace ferryctl
