#pragma once
// Asynchronous client for ferryd's management REST API (/api/v1/). One
// ManagementClient owns the transport (base URL, admin credentials, TLS
// trust); every request returns a ManagementCall that emits finished() once,
// carrying either the JSON body or an ApiError with a category. The console
// connects to finished(); ferryctl waits for it on a local event loop.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

class QNetworkReply;
class QNetworkRequest;

namespace ferry {

class TlsTrust;

struct ApiError {
    // Connection: nothing answered. Tls: the handshake or certificate failed.
    // Request: the server answered with an error body. Parsing: the answer
    // was not the JSON the contract promises.
    enum class Category { Connection, Tls, Request, Parsing };
    Category category = Category::Request;
    int httpStatus = 0; // 0 when the server never answered
    QString code; // the server's stable code, or CONNECTION_ERROR / TLS_ERROR / INVALID_RESPONSE
    QString message;
    QString field; // dotted path of the offending field when the server named one
};

struct ApiResponse {
    int httpStatus = 0;
    QJsonObject body; // empty for 204 and for errors
    QByteArray etag;  // the resource revision, for If-Match
    QByteArray link;  // a paged list's Link header (rel="next"), empty on its last page
    std::optional<ApiError> error;

    bool ok() const { return !error.has_value(); }
};

class ManagementCall : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    bool isFinished() const { return m_finished; }
    const ApiResponse& response() const { return m_response; }

Q_SIGNALS:
    void finished();

private:
    friend class ManagementClient;
    void finish(ApiResponse response);

    ApiResponse m_response;
    bool m_finished = false;
};

class ManagementClient : public QObject {
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit ManagementClient(QObject* parent = nullptr);

    // The server root, e.g. https://registry.example:5000; /api/v1/ is added.
    void setBaseUrl(const QUrl& url) { m_baseUrl = url; }
    QUrl baseUrl() const { return m_baseUrl; }
    // Sent pre-emptively as HTTP Basic. Only the encoded header is kept.
    void setCredentials(const QString& user, const QString& password);
    // Extra certificates to trust besides the system store (a self-signed server).
    void addCaCertificates(const QList<QSslCertificate>& certificates);
    // Skip certificate verification entirely; for tests and first contact only.
    void setInsecure(bool insecure) { m_insecure = insecure; }
    // Trust on first use (the console): every reply, the event stream's
    // included, is checked against the pinned certificate. Not owned.
    void setTlsTrust(TlsTrust* trust) { m_trust = trust; }
    // Forgets open connections, so the next request shakes hands afresh
    // (after the operator changed what is trusted).
    void dropConnections() { m_network.clearConnectionCache(); }
    void setTimeout(int ms) { m_timeoutMs = ms; }

    // path is below /api/v1/, with each name already a single segment: use
    // segment() to encode names. The call is parented to this client.
    ManagementCall* send(const QByteArray& method, const QString& path, const QUrlQuery& query = {},
                         const QJsonObject* body = nullptr, const Headers& headers = {});
    ManagementCall* get(const QString& path, const QUrlQuery& query = {}) {
        return send("GET", path, query);
    }
    ManagementCall* put(const QString& path, const QJsonObject& body, const Headers& h = {}) {
        return send("PUT", path, {}, &body, h);
    }
    ManagementCall* patch(const QString& path, const QJsonObject& body, const Headers& h = {}) {
        return send("PATCH", path, {}, &body, h);
    }
    ManagementCall* post(const QString& path, const QJsonObject& body = {}) {
        return send("POST", path, {}, &body);
    }
    ManagementCall* remove(const QString& path, const QUrlQuery& query = {}) {
        return send("DELETE", path, query);
    }

    // A long-lived GET (the text/event-stream of `events`) with the same
    // credentials and TLS trust. The caller reads it on readyRead, as it
    // arrives, and deletes it. A transfer idle for idleTimeoutMs aborts, so a
    // silently dead connection is noticed; keep-alives reset the clock.
    QNetworkReply* openStream(const QString& path, const Headers& headers, int idleTimeoutMs);
    // What a finished reply that was not read (an error status, a failed
    // connection) means, in the same terms a ManagementCall reports.
    ApiResponse responseOf(QNetworkReply* reply) const;

    // Percent-encodes one path segment so a name can never escape its place.
    static QString segment(const QString& name);

private:
    QNetworkRequest makeRequest(const QString& path, const QUrlQuery& query,
                                const Headers& headers) const;

    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    QByteArray m_authorization;
    QList<QSslCertificate> m_extraCas;
    bool m_insecure = false;
    TlsTrust* m_trust = nullptr;
    int m_timeoutMs = 60000;
};

} // namespace ferry
