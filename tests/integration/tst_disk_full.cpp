// ferryd on a full disk: its data folder sits on a 24 MiB tmpfs. A blob larger
// than the free space (monolithic POST, and a PATCH chunk) is refused with 507
// and an OCI error body, leaves no blob and no staged bytes behind, and a
// chunked upload resumes from where it stood. A manifest PUT on a disk filled
// to the last byte fails cleanly; once space is freed it succeeds, and
// everything acknowledged before is served with identical digests, also after
// a restart. Needs root (mount); skips with the reason otherwise.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"
#include "pushload.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace {

constexpr qint64 kMiB = 1024 * 1024;

// A tmpfs mounted on a temporary folder, unmounted on destruction (also when
// a test fails), before QTemporaryDir removes the folder.
struct TmpfsMount {
    QTemporaryDir dir;
    bool mounted = false;
    QString error;

    bool mount(const QByteArray& options) {
        if (!dir.isValid()) {
            error = QStringLiteral("cannot create a temporary folder");
            return false;
        }
        if (::mount("tmpfs", QFile::encodeName(dir.path()).constData(), "tmpfs", 0,
                    options.constData()) != 0) {
            error = QStringLiteral("mount -t tmpfs -o %1 tmpfs %2 failed: %3")
                        .arg(QString::fromLatin1(options), dir.path(),
                             QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        mounted = true;
        return true;
    }
    ~TmpfsMount() {
        if (mounted && ::umount2(QFile::encodeName(dir.path()).constData(), 0) != 0)
            ::umount2(QFile::encodeName(dir.path()).constData(), MNT_DETACH);
    }
};

qint64 freeBytes(const QString& path) {
    struct statvfs info {};
    if (::statvfs(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return qint64(info.f_bavail) * qint64(info.f_frsize);
}

QFileInfoList stagingFiles(const QString& dataDir) {
    return QDir(dataDir + QStringLiteral("/uploads")).entryInfoList(QDir::Files | QDir::Hidden);
}

// Bytes in the staging folder: what failed uploads might have left behind.
qint64 stagedBytes(const QString& dataDir) {
    qint64 total = 0;
    const auto files = stagingFiles(dataDir);
    for (const QFileInfo& file : files)
        total += file.size();
    return total;
}

QString errorMessage(const QByteArray& body) {
    const auto errors =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("errors")).toArray();
    return errors.isEmpty() ? QString()
                            : errors.first().toObject().value(QStringLiteral("message")).toString();
}

struct StoredBlob {
    QString repository;
    QString digest;
};
struct StoredManifest {
    QString repository;
    QString tag;
    QString digest;
};

} // namespace

class TestDiskFull : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void oversizedMonolithicUploadIsRefused();
    void oversizedChunkIsRefusedAndTheUploadResumes();
    void manifestPutOnAFullDiskFailsCleanly();
    void acknowledgedContentSurvivesARestart();

private:
    void expectDiskFull(const ocitest::RawReply& reply);
    void verifyAcknowledged();
    bool pushAcknowledged(const QString& repository, const QByteArray& content);

    TmpfsMount m_mount; // declared first: destroyed after ferryd stopped
    std::unique_ptr<FerrydProcess> m_ferryd;
    std::unique_ptr<HttpClient> m_http;
    QList<StoredBlob> m_blobs;
    QList<StoredManifest> m_manifests;
};

bool TestDiskFull::pushAcknowledged(const QString& repository, const QByteArray& content) {
    if (!ocitest::pushBlob(*m_http, repository, content))
        return false;
    m_blobs.append({repository, ociDigest(content)});
    return true;
}

void TestDiskFull::initTestCase() {
    if (!m_mount.mount("size=24m"))
        QSKIP(qPrintable(m_mount.error +
                         QStringLiteral(" (the test needs root; CI runs it as root)")));
    m_ferryd =
        std::make_unique<FerrydProcess>(QStringList{QStringLiteral("--data"), m_mount.dir.path()});
    QVERIFY2(m_ferryd->start(), qPrintable(m_ferryd->errorString()));
    m_http = std::make_unique<HttpClient>(m_ferryd->baseUrl());
    for (int i = 0; i < 3; ++i)
        QVERIFY(pushAcknowledged(QStringLiteral("full/small"), seededContent(100 + i, 64 * 1024)));
    const ocitest::Image image = ocitest::makeImage(QStringLiteral("before-full"));
    QVERIFY(ocitest::pushImage(*m_http, QStringLiteral("full/app"), QStringLiteral("v1"), image));
    m_blobs.append({QStringLiteral("full/app"), ociDigest(image.config)});
    m_blobs.append({QStringLiteral("full/app"), ociDigest(image.layer)});
    m_manifests.append({QStringLiteral("full/app"), QStringLiteral("v1"), image.digest});
    verifyAcknowledged();
}

void TestDiskFull::expectDiskFull(const ocitest::RawReply& reply) {
    QVERIFY2(reply.status == 507,
             qPrintable(QStringLiteral("status %1, body %2, ferryd said:\n%3")
                            .arg(reply.status)
                            .arg(QString::fromUtf8(reply.body),
                                 QString::fromUtf8(m_ferryd->stderrLog().right(2000)))));
    QCOMPARE(reply.errorCode(), QStringLiteral("BLOB_UPLOAD_INVALID"));
    QVERIFY2(errorMessage(reply.body).contains(QStringLiteral("disk is full")),
             reply.body.constData());
    QCOMPARE(m_ferryd->process().state(), QProcess::Running);
}

void TestDiskFull::verifyAcknowledged() {
    for (const StoredBlob& blob : std::as_const(m_blobs)) {
        const HttpReply reply =
            m_http->get(QStringLiteral("/v2/%1/blobs/%2").arg(blob.repository, blob.digest));
        QVERIFY2(reply.status == 200,
                 qPrintable(blob.digest + QStringLiteral(": ") + QString::number(reply.status)));
        QCOMPARE(ociDigest(reply.body), blob.digest);
    }
    for (const StoredManifest& manifest : std::as_const(m_manifests)) {
        const HttpReply reply = m_http->get(
            QStringLiteral("/v2/%1/manifests/%2").arg(manifest.repository, manifest.tag),
            {{"Accept", ocitest::kOciManifest}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(ociDigest(reply.body), manifest.digest);
        QCOMPARE(QString::fromLatin1(reply.header("Docker-Content-Digest")), manifest.digest);
    }
}

void TestDiskFull::oversizedMonolithicUploadIsRefused() {
    const qint64 before = freeBytes(m_mount.dir.path());
    QVERIFY(before > 4 * kMiB);
    const QByteArray big = seededContent(1, before + 4 * kMiB);
    const QString digest = ociDigest(big);
    const QByteArray target = "/v2/full/big/blobs/uploads/?digest=" + digest.toLatin1();
    expectDiskFull(ocitest::rawExchange(
        m_ferryd->baseUrl(),
        ocitest::rawRequest("POST", target, big, {{"Content-Type", "application/octet-stream"}}),
        60000));
    // No blob appears, and the staged bytes are gone: the space is back.
    QCOMPARE(
        ocitest::head(m_ferryd->baseUrl(), QStringLiteral("/v2/full/big/blobs/") + digest).status,
        404);
    QCOMPARE(stagedBytes(m_mount.dir.path()), 0);
    const qint64 after = freeBytes(m_mount.dir.path());
    QVERIFY2(after >= before - kMiB,
             qPrintable(QStringLiteral("free before %1, after %2").arg(before).arg(after)));
    QVERIFY(pushAcknowledged(QStringLiteral("full/after"), seededContent(2, 2 * kMiB)));

    // The same through QNetworkAccessManager, which stops reading once the
    // answer comes: it must see the 507, not a reset connection.
    const HttpReply viaQt = m_http->post(QString::fromLatin1(target), big,
                                         {{"Content-Type", "application/octet-stream"}});
    QVERIFY2(viaQt.status == 507,
             qPrintable(QStringLiteral("%1 %2").arg(viaQt.status).arg(viaQt.networkError)));
    QCOMPARE(viaQt.errorCode(), QStringLiteral("BLOB_UPLOAD_INVALID"));
    QCOMPARE(stagedBytes(m_mount.dir.path()), 0);
    verifyAcknowledged();
}

void TestDiskFull::oversizedChunkIsRefusedAndTheUploadResumes() {
    const HttpReply started = m_http->post(QStringLiteral("/v2/full/chunked/blobs/uploads/"));
    QCOMPARE(started.status, 202);
    const QString location = QString::fromLatin1(started.header("Location"));
    const QByteArray head = seededContent(3, 100 * 1024);
    const HttpReply first =
        m_http->patch(location, head,
                      {{"Content-Type", "application/octet-stream"},
                       {"Content-Range", "0-" + QByteArray::number(head.size() - 1)}});
    QCOMPARE(first.status, 202);

    const qint64 before = freeBytes(m_mount.dir.path());
    const QByteArray big = seededContent(4, before + 4 * kMiB);
    const QByteArray range =
        QByteArray::number(head.size()) + '-' + QByteArray::number(head.size() + big.size() - 1);
    expectDiskFull(
        ocitest::rawExchange(m_ferryd->baseUrl(),
                             ocitest::rawRequest("PATCH", location.toLatin1(), big,
                                                 {{"Content-Type", "application/octet-stream"},
                                                  {"Content-Range", range}}),
                             60000));
    // The chunk was cut back to where it started; the earlier chunk stays.
    const HttpReply status = m_http->get(location);
    QCOMPARE(status.status, 204);
    QCOMPARE(status.header("Range"), "0-" + QByteArray::number(head.size() - 1));
    QCOMPARE(stagedBytes(m_mount.dir.path()), qint64(head.size()));
    const qint64 after = freeBytes(m_mount.dir.path());
    QVERIFY2(after >= before - kMiB,
             qPrintable(QStringLiteral("free before %1, after %2").arg(before).arg(after)));

    // The client retries with a chunk that fits and finishes the upload.
    const QByteArray tail = seededContent(5, 1536 * 1024);
    const QByteArray tailRange =
        QByteArray::number(head.size()) + '-' + QByteArray::number(head.size() + tail.size() - 1);
    const HttpReply second =
        m_http->patch(location, tail,
                      {{"Content-Type", "application/octet-stream"}, {"Content-Range", tailRange}});
    QCOMPARE(second.status, 202);
    const QString digest = ociDigest(head + tail);
    const HttpReply done = m_http->put(location + QStringLiteral("?digest=") + digest, {});
    QVERIFY2(done.status == 201, done.body.constData());
    m_blobs.append({QStringLiteral("full/chunked"), digest});
    QCOMPARE(stagedBytes(m_mount.dir.path()), 0);
    verifyAcknowledged();
}

void TestDiskFull::manifestPutOnAFullDiskFailsCleanly() {
    // The manifest's blobs go in while there is room.
    const ocitest::Image image = ocitest::makeImage(QStringLiteral("while-full"));
    QVERIFY(pushAcknowledged(QStringLiteral("full/late"), image.config));
    QVERIFY(pushAcknowledged(QStringLiteral("full/late"), image.layer));

    // Fill the disk to the last byte with a file ferryd knows nothing of.
    const QString fillerPath = m_mount.dir.filePath(QStringLiteral("filler"));
    // Also on failure: the restart test that follows needs the space back.
    auto freeSpace = qScopeGuard([&fillerPath] { QFile::remove(fillerPath); });
    const int fd = ::open(QFile::encodeName(fillerPath).constData(),
                          O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    QVERIFY(fd >= 0);
    const QByteArray chunk(int(kMiB), 'f');
    qint64 chunkSize = chunk.size();
    int lastErrno = 0;
    while (chunkSize > 0) {
        const ssize_t n = ::write(fd, chunk.constData(), size_t(chunkSize));
        if (n < 0) {
            lastErrno = errno;
            if (lastErrno != ENOSPC)
                break;
            chunkSize /= 2; // tmpfs may still take a partial page's worth
        }
    }
    ::close(fd);
    QCOMPARE(lastErrno, ENOSPC);
    QCOMPARE(freeBytes(m_mount.dir.path()), 0);

    const HttpReply refused =
        ocitest::putManifest(*m_http, QStringLiteral("full/late"), QStringLiteral("v1"),
                             image.manifest, ocitest::kOciManifest);
    QVERIFY2(refused.status >= 500 && refused.status < 600,
             qPrintable(
                 QStringLiteral("%1 %2").arg(refused.status).arg(QString::fromUtf8(refused.body))));
    QVERIFY2(!refused.errorCode().isEmpty(), refused.body.constData());
    qInfo("manifest PUT on the full disk: %d %s", refused.status, refused.body.constData());
    QCOMPARE(m_ferryd->process().state(), QProcess::Running);
    // Blob uploads on the full disk are refused the same way, and leave no
    // staging file behind (a client retrying in a loop would pile them up).
    const QByteArray small = seededContent(6, 256 * 1024);
    for (int attempt = 0; attempt < 3; ++attempt) {
        expectDiskFull(ocitest::rawExchange(
            m_ferryd->baseUrl(),
            ocitest::rawRequest(
                "POST", "/v2/full/late/blobs/uploads/?digest=" + ociDigest(small).toLatin1(), small,
                {{"Content-Type", "application/octet-stream"}}),
            30000));
        const HttpReply start = m_http->post(QStringLiteral("/v2/full/late/blobs/uploads/"));
        QVERIFY2(start.status == 507, start.body.constData());
        QCOMPARE(start.errorCode(), QStringLiteral("BLOB_UPLOAD_INVALID"));
    }
    QCOMPARE(stagingFiles(m_mount.dir.path()).size(), 0);
    // Nothing half-stored, and reads still work on the full disk.
    QCOMPARE(m_http->get(QStringLiteral("/v2/full/late/manifests/v1")).status, 404);
    QCOMPARE(m_http->get(QStringLiteral("/v2/full/late/manifests/") + image.digest).status, 404);
    verifyAcknowledged();

    QVERIFY(QFile::remove(fillerPath));
    freeSpace.dismiss();
    const HttpReply stored =
        ocitest::putManifest(*m_http, QStringLiteral("full/late"), QStringLiteral("v1"),
                             image.manifest, ocitest::kOciManifest);
    QVERIFY2(stored.status == 201, stored.body.constData());
    m_manifests.append({QStringLiteral("full/late"), QStringLiteral("v1"), image.digest});
    QVERIFY(pushAcknowledged(QStringLiteral("full/late"), small));
    verifyAcknowledged();
}

void TestDiskFull::acknowledgedContentSurvivesARestart() {
    m_ferryd->stop();
    QCOMPARE(m_ferryd->process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_ferryd->process().exitCode(), 0);
    QVERIFY2(m_ferryd->start(), qPrintable(m_ferryd->errorString()));
    verifyAcknowledged();
    QVERIFY(pushAcknowledged(QStringLiteral("full/restarted"), seededContent(7, kMiB)));
    verifyAcknowledged();
}

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_disk_full.moc"
