#pragma once
// Test content for the OCI integration tests: blobs, image manifests and
// indexes built as exact bytes (so their digests are known), pushes that
// report what went wrong, and a raw HTTP/1.1 exchange over QTcpSocket for the
// requests QNetworkAccessManager would tidy up (dot segments, garbage bytes,
// truncated bodies, oversized headers).

#include "httpclient.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace ocitest {

inline constexpr char kOciManifest[] = "application/vnd.oci.image.manifest.v1+json";
inline constexpr char kOciIndex[] = "application/vnd.oci.image.index.v1+json";
inline constexpr char kDockerManifest[] = "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr char kDockerManifestList[] =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr char kOciConfig[] = "application/vnd.oci.image.config.v1+json";
inline constexpr char kOciLayer[] = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr char kDockerConfig[] = "application/vnd.docker.container.image.v1+json";
inline constexpr char kDockerLayer[] = "application/vnd.docker.image.rootfs.diff.tar.gzip";
inline constexpr char kEmptyType[] = "application/vnd.oci.empty.v1+json";

// {"mediaType":..,"digest":..,"size":..} for content.
QJsonObject descriptor(const QString& mediaType, const QByteArray& content);
QByteArray compact(const QJsonObject& object);

// An image manifest (OCI or Docker schema 2) over config and layers; `extra`
// adds top-level fields (subject, artifactType, annotations).
QByteArray imageManifest(const QString& mediaType, const QByteArray& config,
                         const QList<QByteArray>& layers, const QJsonObject& extra = {});
// An index (OCI index or Docker manifest list) over child manifests, each
// given as (its media type, its bytes).
QByteArray indexManifest(const QString& mediaType,
                         const QList<QPair<QString, QByteArray>>& children,
                         const QJsonObject& extra = {});

// A config blob unique to `seed`.
QByteArray configFor(const QString& seed);

// Monolithic blob upload (POST ?digest=); true on 201, warns otherwise.
bool pushBlob(HttpClient& http, const QString& repository, const QByteArray& content);
HttpReply putManifest(HttpClient& http, const QString& repository, const QString& reference,
                      const QByteArray& body, const QByteArray& mediaType);

// A one-off HEAD against base, for tests that hold no HttpClient.
HttpReply head(const QUrl& base, const QString& path, const HttpClient::Headers& headers = {});

// A simple image: its config, one layer and the OCI manifest over them.
struct Image {
    QByteArray config;
    QByteArray layer;
    QByteArray manifest;
    QString digest; // of manifest
};
Image makeImage(const QString& seed, const QJsonObject& extra = {});
// Pushes both blobs and the manifest under `reference`; true when all succeed.
bool pushImage(HttpClient& http, const QString& repository, const QString& reference,
               const Image& image);

// A response read off a raw socket.
struct RawReply {
    int status = 0; // 0: no (parsable) response at all
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool closedByServer = false; // the server closed the connection before the timeout
    QByteArray header(const QByteArray& name) const;
    QString errorCode() const;
};

// "METHOD target HTTP/1.1" with Host, Connection: close, the given headers
// and, when body is not null, Content-Length.
QByteArray rawRequest(const QByteArray& method, const QByteArray& target,
                      const QByteArray& body = {},
                      const QList<QPair<QByteArray, QByteArray>>& headers = {});
// Connects to base, writes `bytes` as they are, then reads until the server
// closes the connection or timeoutMs passes. Parses the first response.
// With closeAfterWrite the client closes its sending side right after writing.
RawReply rawExchange(const QUrl& base, const QByteArray& bytes, int timeoutMs = 10000,
                     bool closeAfterWrite = false);

} // namespace ocitest
