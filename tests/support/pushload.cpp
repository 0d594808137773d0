#include "pushload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRandomGenerator>

namespace {

constexpr char kManifestType[] = "application/vnd.oci.image.manifest.v1+json";

QJsonObject descriptor(const char* mediaType, const PushedBlob& blob) {
    return QJsonObject{{QStringLiteral("mediaType"), QLatin1String(mediaType)},
                       {QStringLiteral("digest"), blob.digest},
                       {QStringLiteral("size"), qint64(blob.size)}};
}

QString withDigest(const QString& location, const QString& digest) {
    return location + (location.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
           QStringLiteral("digest=") + digest;
}

} // namespace

QByteArray seededContent(quint64 seed, qsizetype size) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(quint32(seed) ^ quint32(seed >> 32));
    generator.fillRange(reinterpret_cast<quint32*>(data.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i)
        data[i] = char(generator.generate());
    return data;
}

QByteArray PushedBlob::content() const {
    return seededContent(seed, size);
}

int PushLedger::acknowledgedManifests() const {
    return int(std::count_if(manifests.begin(), manifests.end(),
                             [](const auto& m) { return m.acknowledged; }));
}

struct PushLoad::Worker {
    int index = 0;
    int iteration = 0;
    QString repository;
};

PushLoad::PushLoad(QUrl base, PushLedger& ledger, QString repositoryPrefix, int workers)
    : m_base(std::move(base))
    , m_ledger(ledger)
    , m_prefix(std::move(repositoryPrefix))
    , m_nam(std::make_unique<QNetworkAccessManager>()) {
    for (int i = 0; i < workers; ++i) {
        auto worker = std::make_unique<Worker>();
        worker->index = i;
        worker->repository = m_prefix + QStringLiteral("/w%1").arg(i);
        m_workers.push_back(std::move(worker));
    }
}

PushLoad::~PushLoad() {
    halt();
}

void PushLoad::start() {
    for (auto& worker : m_workers)
        iterate(*worker);
}

void PushLoad::halt() {
    m_halted = true;
    // Deleting the manager aborts every reply; their handlers see m_halted.
    // Later, not now: halt() may run inside one of those replies' handlers.
    if (m_nam)
        m_nam.release()->deleteLater();
}

void PushLoad::problem(const QString& what) {
    if (m_halted)
        return;
    m_ledger.problems << what;
    if (m_ledger.problems.size() >= 100)
        halt(); // a server that fails everything would otherwise spin the workers
}

int PushLoad::addBlob(const QString& repository, qsizetype size) {
    PushedBlob blob;
    blob.repository = repository;
    blob.seed = QRandomGenerator::global()->generate64();
    blob.size = size;
    blob.digest = ociDigest(blob.content());
    m_ledger.blobs << blob;
    return int(m_ledger.blobs.size() - 1);
}

void PushLoad::send(const QByteArray& method, const QUrl& url, const QByteArray& body,
                    const QList<QPair<QByteArray, QByteArray>>& headers,
                    std::function<void(int, const QByteArray&, QNetworkReply*)> onReply) {
    if (m_halted)
        return;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = m_nam->sendCustomRequest(request, method, body);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, method, url, onReply = std::move(onReply)] {
                reply->deleteLater();
                if (m_halted)
                    return;
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 0) {
                    problem(QStringLiteral("%1 %2: %3")
                                .arg(QString::fromLatin1(method), url.toString(),
                                     reply->errorString()));
                    return;
                }
                onReply(status, reply->readAll(), reply);
            });
}

void PushLoad::iterate(Worker& worker) {
    if (m_halted)
        return;
    ++worker.iteration;
    auto* random = QRandomGenerator::global();
    const int config = addBlob(worker.repository, 200 + random->bounded(2000));
    const int layer = addBlob(worker.repository, 4 * (16 * 1024 + random->bounded(300 * 1024)));
    pushMonolithic(worker, config, [this, &worker, config, layer] {
        Done afterLayer = [this, &worker, config, layer] {
            PushedManifest manifest;
            manifest.repository = worker.repository;
            manifest.tag =
                QStringLiteral("i%1-%2")
                    .arg(worker.iteration)
                    .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
            manifest.bytes =
                QJsonDocument(QJsonObject{
                                  {QStringLiteral("schemaVersion"), 2},
                                  {QStringLiteral("mediaType"), QLatin1String(kManifestType)},
                                  {QStringLiteral("config"),
                                   descriptor("application/vnd.oci.image.config.v1+json",
                                              m_ledger.blobs[config])},
                                  {QStringLiteral("layers"),
                                   QJsonArray{descriptor("application/vnd.oci.image.layer.v1.tar",
                                                         m_ledger.blobs[layer])}},
                              })
                    .toJson(QJsonDocument::Compact);
            manifest.digest = ociDigest(manifest.bytes);
            manifest.blobs = {m_ledger.blobs[config].digest, m_ledger.blobs[layer].digest};
            m_ledger.manifests << manifest;
            pushManifest(worker, int(m_ledger.manifests.size() - 1),
                         [this, &worker] { iterate(worker); });
        };
        if (worker.iteration % 2)
            pushChunked(worker, layer, afterLayer);
        else
            pushMonolithic(worker, layer, afterLayer);
    });
}

void PushLoad::pushMonolithic(Worker& worker, int blob, Done done) {
    const PushedBlob& b = m_ledger.blobs[blob];
    const QUrl url = m_base.resolved(
        QUrl(QStringLiteral("/v2/%1/blobs/uploads/?digest=%2").arg(b.repository, b.digest)));
    send("POST", url, b.content(), {{"Content-Type", "application/octet-stream"}},
         [this, &worker, blob, done](int status, const QByteArray& body, QNetworkReply*) {
             if (status != 201) {
                 problem(QStringLiteral("monolithic upload got %1: %2")
                             .arg(status)
                             .arg(QString::fromUtf8(body)));
                 return iterate(worker);
             }
             m_ledger.blobs[blob].acknowledged = true;
             done();
         });
}

void PushLoad::pushChunked(Worker& worker, int blob, Done done) {
    const QString repository = m_ledger.blobs[blob].repository;
    const QUrl url = m_base.resolved(QUrl(QStringLiteral("/v2/%1/blobs/uploads/").arg(repository)));
    send("POST", url, {}, {},
         [this, &worker, blob, repository, done](int status, const QByteArray& body,
                                                 QNetworkReply* reply) {
             const QString location = QString::fromLatin1(reply->rawHeader("Location"));
             if (status != 202 || location.isEmpty()) {
                 problem(QStringLiteral("upload start got %1: %2")
                             .arg(status)
                             .arg(QString::fromUtf8(body)));
                 return iterate(worker);
             }
             m_ledger.openUploads.insert(location, OpenUpload{repository, location, blob, 0, 0});
             const qsizetype half = m_ledger.blobs[blob].size / 2;
             patchChunk(
                 worker, location, blob, 0, half, [this, &worker, location, blob, half, done] {
                     patchChunk(
                         worker, location, blob, half, m_ledger.blobs[blob].size,
                         [this, &worker, location, blob, done] {
                             const QUrl finish = m_base.resolved(
                                 QUrl(withDigest(location, m_ledger.blobs[blob].digest)));
                             send("PUT", finish, {}, {{"Content-Type", "application/octet-stream"}},
                                  [this, &worker, location, blob,
                                   done](int finished, const QByteArray& answer, QNetworkReply*) {
                                      if (finished != 201) {
                                          problem(QStringLiteral("upload finish got %1: %2")
                                                      .arg(finished)
                                                      .arg(QString::fromUtf8(answer)));
                                          return iterate(worker);
                                      }
                                      m_ledger.openUploads.remove(location);
                                      m_ledger.blobs[blob].acknowledged = true;
                                      done();
                                  });
                         });
                 });
         });
}

void PushLoad::patchChunk(Worker& worker, const QString& location, int blob, qsizetype from,
                          qsizetype to, Done done) {
    const QByteArray chunk = m_ledger.blobs[blob].content().mid(from, to - from);
    m_ledger.openUploads[location].sent = to;
    const QByteArray range = QByteArray::number(from) + '-' + QByteArray::number(to - 1);
    send("PATCH", m_base.resolved(QUrl(location)), chunk,
         {{"Content-Type", "application/octet-stream"}, {"Content-Range", range}},
         [this, &worker, location, to, range, done](int status, const QByteArray& body,
                                                    QNetworkReply* reply) {
             if (status != 202) {
                 problem(QStringLiteral("PATCH %1 got %2: %3")
                             .arg(QString::fromLatin1(range))
                             .arg(status)
                             .arg(QString::fromUtf8(body)));
                 return iterate(worker);
             }
             if (reply->rawHeader("Range") != "0-" + QByteArray::number(to - 1))
                 problem(QStringLiteral("PATCH %1 answered Range %2")
                             .arg(QString::fromLatin1(range),
                                  QString::fromLatin1(reply->rawHeader("Range"))));
             m_ledger.openUploads[location].acknowledged = to;
             done();
         });
}

void PushLoad::pushManifest(Worker& worker, int manifest, Done done) {
    const PushedManifest& m = m_ledger.manifests[manifest];
    const QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", kManifestType}};
    auto put = [this, &worker, manifest, headers](const QString& tag,
                                                  std::function<void()> onCreated) {
        const PushedManifest& stored = m_ledger.manifests[manifest];
        const QUrl url = m_base.resolved(
            QUrl(QStringLiteral("/v2/%1/manifests/%2").arg(stored.repository, tag)));
        send("PUT", url, stored.bytes, headers,
             [this, &worker, onCreated](int status, const QByteArray& body, QNetworkReply* reply) {
                 if (status == 201 && reply->rawHeader("Docker-Content-Digest").isEmpty())
                     problem(
                         QStringLiteral("manifest PUT answered 201 without Docker-Content-Digest"));
                 if (status == 201)
                     return onCreated();
                 const bool clean = m_tolerateMissingBlobs && status == 400 &&
                                    body.contains("MANIFEST_BLOB_UNKNOWN");
                 if (!clean)
                     problem(QStringLiteral("manifest PUT got %1: %2")
                                 .arg(status)
                                 .arg(QString::fromUtf8(body)));
                 iterate(worker);
             });
    };
    const QString moving = m.repository + QStringLiteral(":latest");
    put(m.tag, [this, put, manifest, moving, done] {
        m_ledger.manifests[manifest].acknowledged = true;
        const QString digest = m_ledger.manifests[manifest].digest;
        m_ledger.movingTags[moving].insert(digest);
        put(QStringLiteral("latest"), [this, moving, digest, done] {
            m_ledger.movingTags[moving] = {digest};
            m_ledger.acknowledgedMovingTags.insert(moving);
            done();
        });
    });
}

namespace {

// GET a blob; "" when it is served and hashes to its digest, else why not.
QString blobState(HttpClient& http, const QString& repository, const QString& digest,
                  qsizetype size, int* status) {
    const HttpReply reply = http.get(QStringLiteral("/v2/%1/blobs/%2").arg(repository, digest));
    *status = reply.status;
    if (reply.status != 200)
        return QStringLiteral("status %1 %2").arg(reply.status).arg(reply.networkError);
    if (ociDigest(reply.body) != digest || reply.body.size() != size)
        return QStringLiteral("served %1 bytes hashing to %2")
            .arg(reply.body.size())
            .arg(ociDigest(reply.body));
    return {};
}

} // namespace

void checkLedger(HttpClient& http, PushLedger& ledger, bool blobsMayBeCollected,
                 QStringList* failures) {
    QSet<QString> namedByStoredManifest;
    for (const PushedManifest& m : ledger.manifests) {
        const QString where = m.repository + QLatin1Char('@') + m.digest;
        const HttpReply byDigest =
            http.get(QStringLiteral("/v2/%1/manifests/%2").arg(m.repository, m.digest));
        if (byDigest.status == 200 && byDigest.body != m.bytes)
            *failures << where + QStringLiteral(": served different bytes");
        if (byDigest.status != 200 && byDigest.status != 404)
            *failures << where + QStringLiteral(": status %1 %2")
                                     .arg(byDigest.status)
                                     .arg(byDigest.networkError);
        if (m.acknowledged && byDigest.status != 200)
            *failures << where + QStringLiteral(": acknowledged manifest is gone (%1)")
                                     .arg(byDigest.status);
        const HttpReply byTag =
            http.get(QStringLiteral("/v2/%1/manifests/%2").arg(m.repository, m.tag));
        if (m.acknowledged && (byTag.status != 200 || byTag.body != m.bytes))
            *failures << where + QStringLiteral(": acknowledged tag %1 answers %2")
                                     .arg(m.tag)
                                     .arg(byTag.status);
        if (byTag.status == 200 && byTag.body != m.bytes)
            *failures << where + QStringLiteral(": tag %1 serves other bytes").arg(m.tag);
        if (byDigest.status != 200)
            continue;
        // A stored manifest never points at a hole.
        for (const QString& blob : m.blobs) {
            namedByStoredManifest.insert(m.repository + QLatin1Char('@') + blob);
            const auto it = std::find_if(ledger.blobs.begin(), ledger.blobs.end(),
                                         [&](const PushedBlob& b) { return b.digest == blob; });
            int status = 0;
            const QString state = blobState(http, m.repository, blob,
                                            it == ledger.blobs.end() ? -1 : it->size, &status);
            if (!state.isEmpty())
                *failures << where + QStringLiteral(" names blob %1: %2").arg(blob, state);
        }
    }
    for (const PushedBlob& b : ledger.blobs) {
        const QString where = b.repository + QLatin1Char('@') + b.digest;
        int status = 0;
        const QString state = blobState(http, b.repository, b.digest, b.size, &status);
        const bool mayBeAbsent =
            !b.acknowledged || (blobsMayBeCollected && !namedByStoredManifest.contains(where));
        if (state.isEmpty() || (status == 404 && mayBeAbsent))
            continue;
        *failures << where +
                         (b.acknowledged ? QStringLiteral(" (acknowledged): ")
                                         : QStringLiteral(" (unacknowledged): ")) +
                         state;
    }
    for (auto it = ledger.movingTags.begin(); it != ledger.movingTags.end(); ++it) {
        const QString repository = it.key().section(QLatin1Char(':'), 0, 0);
        // GET, not HEAD: HttpClient sends every method as a custom request,
        // and Qt then waits for a body a HEAD answer never has.
        const HttpReply reply = http.get(QStringLiteral("/v2/%1/manifests/latest").arg(repository),
                                         {{"Accept", kManifestType}});
        const QString served = QString::fromLatin1(reply.header("Docker-Content-Digest"));
        if (reply.status == 404 && !ledger.acknowledgedMovingTags.contains(it.key()))
            continue; // none of its PUTs was acknowledged yet
        if (reply.status != 200 || !it.value().contains(served)) {
            *failures << it.key() +
                             QStringLiteral(" points at %1 (status %2), allowed: %3")
                                 .arg(served)
                                 .arg(reply.status)
                                 .arg(QStringList(it.value().values()).join(QLatin1Char(' ')));
            continue;
        }
        it.value() = {served};
    }
}
