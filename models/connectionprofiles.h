#pragma once
// The servers an operator connects to, by name: each profile is a server URL,
// a user, and the certificate fingerprint pinned by trust on first use. Kept
// in QSettings (group "profiles"); a password is never among them: it lives in
// the keychain under the profile's server and user (CredentialKey).

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <memory>

class QSettings;

namespace ferry {

struct ConnectionProfile {
    QString name;
    QUrl url;
    QString user = QStringLiteral("admin");
    QByteArray pinnedSha256; // raw SHA-256 of the trusted certificate; empty: none pinned
    QString pinnedSubject;   // the trusted certificate's subject, to show beside it

    bool isValid() const {
        return !name.trimmed().isEmpty() && url.isValid() && !url.host().isEmpty();
    }
    // Why the profile cannot be saved, for a person; empty when it can.
    QString problem() const;
};

class ConnectionProfiles {
public:
    // Reads and writes `settings`, or the application's default QSettings.
    explicit ConnectionProfiles(QSettings* settings = nullptr);
    ~ConnectionProfiles();

    QList<ConnectionProfile> all() const;
    // The profile called name; an invalid profile when there is none.
    ConnectionProfile find(const QString& name) const;
    // The first profile for this server (scheme, host, port), if any: what a
    // --url start or a typed address uses for its pinned certificate.
    ConnectionProfile forServer(const QUrl& url) const;
    // Adds or replaces (by name). Returns false for an invalid profile.
    bool save(const ConnectionProfile& profile);
    void remove(const QString& name);

    QString lastUsed() const;
    void setLastUsed(const QString& name);

    static bool sameServer(const QUrl& a, const QUrl& b);

private:
    std::unique_ptr<QSettings> m_own;
    QSettings* m_settings;
};

} // namespace ferry
