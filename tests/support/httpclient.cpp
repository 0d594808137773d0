#include "httpclient.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTimer>

QByteArray HttpReply::header(const QByteArray& name) const {
    for (const auto& [key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

QString HttpReply::errorCode() const {
    const auto errors =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("errors")).toArray();
    return errors.isEmpty() ? QString()
                            : errors.first().toObject().value(QStringLiteral("code")).toString();
}

void HttpClient::setBasicAuth(const QString& user, const QString& password) {
    m_authorization = "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

HttpReply HttpClient::send(const QByteArray& method, const QString& pathAndQuery,
                           const QByteArray& body, const Headers& headers) {
    QNetworkRequest request(m_base.resolved(QUrl(pathAndQuery)));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    for (const auto& [key, value] : headers)
        request.setRawHeader(key, value);
    // A custom "HEAD" makes Qt wait for a body that never comes; head() does not.
    QNetworkReply* reply =
        method == "HEAD" ? m_nam.head(request) : m_nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (!reply->isFinished())
        result.networkError = QStringLiteral("timed out");
    else if (result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

QString ociDigest(const QByteArray& data) {
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}
