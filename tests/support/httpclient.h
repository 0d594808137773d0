#pragma once
// A small synchronous HTTP client for tests, over QNetworkAccessManager. It
// waits in a local event loop so a test reads top to bottom.

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QUrl>

struct HttpReply {
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError;
    QByteArray header(const QByteArray& name) const;
    // The OCI error code of the first entry in {"errors":[...]}, or empty.
    QString errorCode() const;
};

class HttpClient {
public:
    explicit HttpClient(QUrl base)
        : m_base(std::move(base)) {}
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    HttpReply send(const QByteArray& method, const QString& pathAndQuery,
                   const QByteArray& body = {}, const Headers& headers = {});
    HttpReply get(const QString& path, const Headers& h = {}) { return send("GET", path, {}, h); }
    HttpReply head(const QString& path, const Headers& h = {}) { return send("HEAD", path, {}, h); }
    HttpReply put(const QString& path, const QByteArray& body, const Headers& h = {}) {
        return send("PUT", path, body, h);
    }
    HttpReply post(const QString& path, const QByteArray& body = {}, const Headers& h = {}) {
        return send("POST", path, body, h);
    }
    HttpReply patch(const QString& path, const QByteArray& body, const Headers& h = {}) {
        return send("PATCH", path, body, h);
    }
    HttpReply del(const QString& path, const Headers& h = {}) {
        return send("DELETE", path, {}, h);
    }

    QUrl base() const { return m_base; }
    void setBasicAuth(const QString& user, const QString& password);

private:
    QUrl m_base;
    QByteArray m_authorization;
    QNetworkAccessManager m_nam;
};

// sha256:<hex> of data, as OCI writes digests.
QString ociDigest(const QByteArray& data);
