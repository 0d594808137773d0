#include "ocifixtures.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimer>
#include <QtDebug>
#include <sys/socket.h>

namespace ocitest {

QJsonObject descriptor(const QString& mediaType, const QByteArray& content) {
    return QJsonObject{{QStringLiteral("mediaType"), mediaType},
                       {QStringLiteral("digest"), ociDigest(content)},
                       {QStringLiteral("size"), qint64(content.size())}};
}

QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray imageManifest(const QString& mediaType, const QByteArray& config,
                         const QList<QByteArray>& layers, const QJsonObject& extra) {
    const bool docker = mediaType == QLatin1String(kDockerManifest);
    QJsonArray layerArray;
    for (const QByteArray& layer : layers)
        layerArray.append(descriptor(QLatin1String(docker ? kDockerLayer : kOciLayer), layer));
    QJsonObject root = extra;
    root.insert(QStringLiteral("schemaVersion"), 2);
    root.insert(QStringLiteral("mediaType"), mediaType);
    if (!root.contains(QStringLiteral("config")))
        root.insert(QStringLiteral("config"),
                    descriptor(QLatin1String(docker ? kDockerConfig : kOciConfig), config));
    root.insert(QStringLiteral("layers"), layerArray);
    return compact(root);
}

QByteArray indexManifest(const QString& mediaType,
                         const QList<QPair<QString, QByteArray>>& children,
                         const QJsonObject& extra) {
    QJsonArray manifests;
    for (const auto& [childType, bytes] : children) {
        QJsonObject entry = descriptor(childType, bytes);
        entry.insert(QStringLiteral("platform"),
                     QJsonObject{{QStringLiteral("architecture"), QStringLiteral("amd64")},
                                 {QStringLiteral("os"), QStringLiteral("linux")}});
        manifests.append(entry);
    }
    QJsonObject root = extra;
    root.insert(QStringLiteral("schemaVersion"), 2);
    root.insert(QStringLiteral("mediaType"), mediaType);
    root.insert(QStringLiteral("manifests"), manifests);
    return compact(root);
}

QByteArray configFor(const QString& seed) {
    return compact(QJsonObject{
        {QStringLiteral("architecture"), QStringLiteral("amd64")},
        {QStringLiteral("os"), QStringLiteral("linux")},
        {QStringLiteral("config"),
         QJsonObject{{QStringLiteral("Labels"), QJsonObject{{QStringLiteral("seed"), seed}}}}},
        {QStringLiteral("rootfs"), QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")},
                                               {QStringLiteral("diff_ids"), QJsonArray()}}}});
}

bool pushBlob(HttpClient& http, const QString& repository, const QByteArray& content) {
    const HttpReply reply = http.post(
        QStringLiteral("/v2/%1/blobs/uploads/?digest=%2").arg(repository, ociDigest(content)),
        content, {{"Content-Type", "application/octet-stream"}});
    if (reply.status != 201)
        qWarning() << "blob upload to" << repository << "got" << reply.status << reply.body
                   << reply.networkError;
    return reply.status == 201;
}

HttpReply putManifest(HttpClient& http, const QString& repository, const QString& reference,
                      const QByteArray& body, const QByteArray& mediaType) {
    return http.put(QStringLiteral("/v2/%1/manifests/%2").arg(repository, reference), body,
                    {{"Content-Type", mediaType}});
}

HttpReply head(const QUrl& base, const QString& path, const HttpClient::Headers& headers) {
    HttpClient http(base);
    return http.head(path, headers);
}

Image makeImage(const QString& seed, const QJsonObject& extra) {
    Image image;
    image.config = configFor(seed);
    image.layer = "layer bytes of " + seed.toUtf8() + QByteArray(300, 'x');
    image.manifest = imageManifest(QLatin1String(kOciManifest), image.config, {image.layer}, extra);
    image.digest = ociDigest(image.manifest);
    return image;
}

bool pushImage(HttpClient& http, const QString& repository, const QString& reference,
               const Image& image) {
    if (!pushBlob(http, repository, image.config) || !pushBlob(http, repository, image.layer))
        return false;
    const HttpReply reply = putManifest(http, repository, reference, image.manifest, kOciManifest);
    if (reply.status != 201)
        qWarning() << "manifest PUT to" << repository << reference << "got" << reply.status
                   << reply.body;
    return reply.status == 201;
}

QByteArray RawReply::header(const QByteArray& name) const {
    for (const auto& [key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

QString RawReply::errorCode() const {
    HttpReply reply;
    reply.body = body;
    return reply.errorCode();
}

QByteArray rawRequest(const QByteArray& method, const QByteArray& target, const QByteArray& body,
                      const QList<QPair<QByteArray, QByteArray>>& headers) {
    QByteArray request =
        method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto& [key, value] : headers)
        request += key + ": " + value + "\r\n";
    if (!body.isNull())
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return request + "\r\n" + body;
}

static RawReply parseResponse(const QByteArray& data) {
    RawReply reply;
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0)
        return reply;
    const QList<QByteArray> lines = data.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2 || !statusLine.first().startsWith("HTTP/1."))
        return reply;
    reply.status = statusLine.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            reply.headers.append(
                {lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
    }
    reply.body = data.mid(end + 4);
    return reply;
}

RawReply rawExchange(const QUrl& base, const QByteArray& bytes, int timeoutMs,
                     bool closeAfterWrite) {
    QTcpSocket socket;
    socket.connectToHost(base.host(), quint16(base.port()));
    if (!socket.waitForConnected(timeoutMs)) {
        qWarning() << "raw connect failed:" << socket.errorString();
        return {};
    }
    QDeadlineTimer deadline(timeoutMs);
    socket.write(bytes);
    while (socket.bytesToWrite() > 0 && socket.state() == QAbstractSocket::ConnectedState &&
           !deadline.hasExpired())
        socket.waitForBytesWritten(int(qMax<qint64>(1, deadline.remainingTime())));
    if (closeAfterWrite)
        ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
    QByteArray received;
    bool closed = false;
    while (!deadline.hasExpired()) {
        if (socket.state() != QAbstractSocket::ConnectedState) {
            closed = true;
            break;
        }
        if (!socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            closed = socket.state() != QAbstractSocket::ConnectedState;
            received += socket.readAll();
            if (closed)
                break;
            continue;
        }
        received += socket.readAll();
    }
    received += socket.readAll();
    RawReply reply = parseResponse(received);
    reply.closedByServer = closed;
    return reply;
}

} // namespace ocitest
