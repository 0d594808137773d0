#pragma once
// Everything the console holds for one connected ferryd: the management
// client, the registry client for content, the credential store, and the
// live sync tree (model + feed). Widgets get it and ask it; they never own
// a transport of their own.

#include "credentialstore.h"
#include "hierarchyfeed.h"
#include "hierarchymodel.h"
#include "managementclient.h"
#include "registryclient.h"
#include "tlstrust.h"

#include <QObject>
#include <QUrl>

namespace ferry::ui {

class ConsoleSession : public QObject {
    Q_OBJECT
public:
    explicit ConsoleSession(QObject* parent = nullptr);

    ManagementClient* management() { return &m_management; }
    RegistryClient* registry() { return &m_registry; }
    CredentialStore* credentials() { return &m_credentials; }
    HierarchyModel* hierarchy() { return &m_hierarchy; }
    HierarchyFeed* feed() { return &m_feed; }
    // Trust on first use for every transport of the session.
    TlsTrust* tlsTrust() { return &m_trust; }
    // Pins a certificate (empty: none) and drops open connections, so every
    // later request is checked against the new pin.
    void setPinnedCertificate(const QByteArray& sha256);

    // Username and password for both clients. Kept only inside them (as an
    // encoded header); never written anywhere.
    void setCredentials(const QString& user, const QString& password);
    bool hasCredentials() const { return m_hasCredentials; }
    QString user() const { return m_user; }
    // Points both clients at url (and scopes keychain keys by it).
    void setServer(const QUrl& url);
    // setServer(), then starts following the server's hierarchy.
    void connectTo(const QUrl& url);
    void disconnectFromServer();
    QUrl url() const { return m_url; }
    // The keychain entry of a token's password slot on this server.
    CredentialKey tokenKey(const QString& token, int slot) const;
    CredentialKey adminKey() const;
    // "https" or "http": how a child of this server reaches it (get-settings).
    QString parentProtocol() const;

private:
    TlsTrust m_trust;
    ManagementClient m_management;
    RegistryClient m_registry;
    CredentialStore m_credentials;
    HierarchyModel m_hierarchy;
    HierarchyFeed m_feed;
    QUrl m_url;
    QString m_user = QStringLiteral("admin");
    bool m_hasCredentials = false;
};

} // namespace ferry::ui
