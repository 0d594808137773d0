#include "managementclient.h"

#include "tlstrust.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>

namespace ferry {

void ManagementCall::finish(ApiResponse response) {
    if (m_finished)
        return;
    m_response = std::move(response);
    m_finished = true;
    Q_EMIT finished();
}

ManagementClient::ManagementClient(QObject* parent)
    : QObject(parent) {
    // Management calls are small and must not linger in a shared cache or be
    // redirected to a place the credentials were not meant for.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void ManagementClient::setCredentials(const QString& user, const QString& password) {
    m_authorization = "Basic " + (user + u':' + password).toUtf8().toBase64();
}

void ManagementClient::addCaCertificates(const QList<QSslCertificate>& certificates) {
    m_extraCas += certificates;
}

QString ManagementClient::segment(const QString& name) {
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

QNetworkRequest ManagementClient::makeRequest(const QString& path, const QUrlQuery& query,
                                              const Headers& headers) const {
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    // The path is already encoded segment by segment; keep it as it is.
    url.setPath(basePath + QStringLiteral("/api/v1/") + path, QUrl::TolerantMode);
    url.setQuery(query);

    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_extraCas.isEmpty())
            tls.addCaCertificates(m_extraCas);
        if (m_insecure)
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(tls);
    }
    return request;
}

ManagementCall* ManagementClient::send(const QByteArray& method, const QString& path,
                                       const QUrlQuery& query, const QJsonObject* body,
                                       const Headers& headers) {
    QNetworkRequest request = makeRequest(path, query, headers);
    QByteArray payload;
    if (body) {
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    }
    auto* call = new ManagementCall(this);
    QNetworkReply* reply = body ? m_network.sendCustomRequest(request, method, payload)
                                : m_network.sendCustomRequest(request, method);
    if (m_trust)
        m_trust->watch(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, call] {
        reply->deleteLater();
        call->finish(responseOf(reply));
    });
    return call;
}

QNetworkReply* ManagementClient::openStream(const QString& path, const Headers& headers,
                                            int idleTimeoutMs) {
    Headers all{{"Accept", "text/event-stream"}};
    all += headers;
    QNetworkRequest request = makeRequest(path, {}, all);
    request.setTransferTimeout(idleTimeoutMs);
    // Every byte must reach the reader as it arrives, not after a cache.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    QNetworkReply* reply = m_network.get(request);
    if (m_trust)
        m_trust->watch(reply);
    return reply;
}

ApiResponse ManagementClient::responseOf(QNetworkReply* reply) const {
    ApiResponse response;
    response.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.etag = reply->rawHeader("ETag");
    response.link = reply->rawHeader("Link");
    const QByteArray data = reply->readAll();

    if (response.httpStatus == 0) {
        const QString refusal = TlsTrust::refusalOf(reply);
        const bool tls =
            reply->error() == QNetworkReply::SslHandshakeFailedError || !refusal.isEmpty();
        ApiError error;
        error.category = tls ? ApiError::Category::Tls : ApiError::Category::Connection;
        error.code = tls ? QStringLiteral("TLS_ERROR") : QStringLiteral("CONNECTION_ERROR");
        error.message = !refusal.isEmpty() ? refusal
                        : tls ? QStringLiteral("TLS with %1 failed: %2 (use --ca-file to trust a "
                                               "self-signed certificate)")
                                    .arg(m_baseUrl.toString(), reply->errorString())
                              : QStringLiteral("Can't reach %1: %2")
                                    .arg(m_baseUrl.toString(), reply->errorString());
        response.error = error;
        return response;
    }

    QJsonObject object;
    if (!data.isEmpty()) {
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            ApiError error;
            error.category = ApiError::Category::Parsing;
            error.httpStatus = response.httpStatus;
            error.code = QStringLiteral("INVALID_RESPONSE");
            error.message = QStringLiteral("The server answered HTTP %1 with a body that is not "
                                           "a JSON object.")
                                .arg(response.httpStatus);
            response.error = error;
            return response;
        }
        object = document.object();
    }

    if (response.httpStatus >= 300) {
        ApiError error;
        error.category = ApiError::Category::Request;
        error.httpStatus = response.httpStatus;
        const QJsonObject inner = object.value(QLatin1StringView("error")).toObject();
        error.code = inner.value(QLatin1StringView("code")).toString();
        error.message = inner.value(QLatin1StringView("message")).toString();
        error.field = inner.value(QLatin1StringView("field")).toString();
        // A proxy or an older server may answer without the error shape;
        // still give the person something to act on.
        if (error.code.isEmpty()) {
            error.code = response.httpStatus == 401
                             ? QStringLiteral("UNAUTHORIZED")
                             : QStringLiteral("HTTP_%1").arg(response.httpStatus);
        }
        if (error.message.isEmpty()) {
            error.message =
                response.httpStatus == 401
                    ? QStringLiteral("The server refused the credentials.")
                    : reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        }
        response.error = error;
        return response;
    }
    response.body = object;
    return response;
}

} // namespace ferry
