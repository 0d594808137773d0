#include "consolesession.h"

#include "connectionprofiles.h"

namespace ferry::ui {

ConsoleSession::ConsoleSession(QObject* parent)
    : QObject(parent)
    , m_feed(&m_management, &m_hierarchy) {
    m_management.setTlsTrust(&m_trust);
    m_registry.setTlsTrust(&m_trust);
}

void ConsoleSession::setPinnedCertificate(const QByteArray& sha256) {
    m_trust.setPinned(sha256);
    m_management.dropConnections();
    m_registry.dropConnections();
}

void ConsoleSession::setCredentials(const QString& user, const QString& password) {
    m_user = user;
    m_management.setCredentials(user, password);
    m_registry.setCredentials(user, password);
    m_hasCredentials = true;
}

void ConsoleSession::setServer(const QUrl& url) {
    // The certificate pinned for this server by trust on first use, if any
    // profile names it; a server never trusted this way pins nothing.
    if (!ConnectionProfiles::sameServer(url, m_url) || m_trust.pinned().isEmpty())
        setPinnedCertificate(ConnectionProfiles().forServer(url).pinnedSha256);
    m_url = url;
    m_management.setBaseUrl(url);
    m_registry.setBaseUrl(url);
}

void ConsoleSession::connectTo(const QUrl& url) {
    setServer(url);
    m_feed.start();
}

void ConsoleSession::disconnectFromServer() {
    m_feed.stop();
    m_hierarchy.clear();
}

CredentialKey ConsoleSession::tokenKey(const QString& token, int slot) const {
    return {normalizeServer(m_url.toString()), CredentialKey::tokenAccount(token, slot)};
}

QString ConsoleSession::parentProtocol() const {
    return m_url.scheme() == QLatin1String("https") ? QStringLiteral("https")
                                                    : QStringLiteral("http");
}

CredentialKey ConsoleSession::adminKey() const {
    return {normalizeServer(m_url.toString()), m_user};
}

} // namespace ferry::ui
