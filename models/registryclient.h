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
    // HEAD of the tag's manifest: its digest (Docker-Content-Digest).
    void fetchDigest(const QString& repository, const QString& tag);
    // OCI Distribution v1.1 "Deleting tags": removes the tag only; the
    // manifest stays, reachable by digest and by any other tag.
    void deleteTag(const QString& repository, const QString& tag);
    // "Deleting manifests": removes the manifest and, with it, every tag
    // that points at it.
    void deleteManifest(const QString& repository, const QString& digest);

    // Requests sent and not yet answered.
    int pendingRequests() const { return int(m_inFlight.size()); }

Q_SIGNALS:
    // Every page has been read; the list is the whole catalog.
    void catalogReceived(const QStringList& repositories);
    void tagsReceived(const QString& repository, const QStringList& tags);
    void digestReceived(const QString& repository, const QString& tag, const QString& digest);
    void tagDeleted(const QString& repository, const QString& tag);
    void manifestDeleted(const QString& repository, const QString& digest);
    void errorOccurred(RegistryClient::ErrorCategory category, const QString& message);

private:
    struct Paging;
    void requestPage(std::shared_ptr<Paging> paging, const QUrl& url);
    void handlePage(std::shared_ptr<Paging> paging, QNetworkReply* reply);
    // One request that is not paged; `done` runs on a 2xx answer only, every
    // failure is reported through errorOccurred in the words of `action`.
    void sendOne(const QByteArray& method, const QString& path, const QString& action,
                 std::function<void(QNetworkReply*)> done);
    // Reports a failed reply through errorOccurred and returns true; false
    // when the reply succeeded (2xx).
    bool reportFailure(QNetworkReply* reply, const QString& action, const QStringList& tlsErrors);
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
