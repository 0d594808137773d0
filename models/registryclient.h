#pragma once
// The console's one transport to a ferryd: asynchronous OCI Distribution reads
// (catalog, tag lists) over QNetworkAccessManager, reported as typed signals
// plus a single categorised error signal.

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <memory>

class QNetworkReply;

namespace ferry {
class TlsTrust;
}

class RegistryClient : public QObject {
    Q_OBJECT
public:
    enum class ErrorCategory { Connection, Request, Parsing, Tls };
    Q_ENUM(ErrorCategory)

    explicit RegistryClient(QObject* parent = nullptr);
    ~RegistryClient() override;

    // Changing the URL drops every request still in flight against the old one,
    // so a late answer from the previous server never lands in the model.
    void setBaseUrl(const QUrl& url);
    QUrl baseUrl() const { return m_baseUrl; }

    // Sent pre-emptively as HTTP Basic. Only the encoded header is kept.
    void setCredentials(const QString& user, const QString& password);
    void clearCredentials();
    bool hasCredentials() const { return !m_authorization.isEmpty(); }

    // Trust on first use, shared with the management client. Not owned.
    void setTlsTrust(ferry::TlsTrust* trust) { m_trust = trust; }
    void dropConnections() { m_network.clearConnectionCache(); }

    // Page size asked for with ?n=; 0 leaves it to the server.
    void setPageSize(int entries) { m_pageSize = entries; }
    int pageSize() const { return m_pageSize; }

    // Milliseconds without progress before a request counts as a lost connection.
    void setTimeout(int ms) { m_timeoutMs = ms; }

    void fetchCatalog();
    void fetchTags(const QString& repository);

    // Requests sent and not yet answered.
    int pendingRequests() const { return int(m_inFlight.size()); }

Q_SIGNALS:
    // Every page has been read; the list is the whole catalog.
    void catalogReceived(const QStringList& repositories);
    void tagsReceived(const QString& repository, const QStringList& tags);
    void errorOccurred(RegistryClient::ErrorCategory category, const QString& message);

private:
    struct Paging;
    void requestPage(std::shared_ptr<Paging> paging, const QUrl& url);
    void handlePage(std::shared_ptr<Paging> paging, QNetworkReply* reply);
    QUrl endpoint(const QString& path) const;
    void abortInFlight();

    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    QByteArray m_authorization;
    ferry::TlsTrust* m_trust = nullptr;
    int m_pageSize = 0;
    int m_timeoutMs = 30000;
    quint64 m_generation = 0;
    QSet<QNetworkReply*> m_inFlight;
};
