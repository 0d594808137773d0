// Online garbage collection is safe: blobs no manifest names disappear (404
// and file gone) while every blob a manifest names stays; `ferryd gc
// --dry-run` reports and removes nothing; pushes racing GC cycles with no
// grace period succeed or fail cleanly and never leave a manifest pointing at
// a missing blob; abandoned upload sessions and stray staging files go.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "imagebuilder.h"
#include "pushload.h"
#include "toolrunner.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

namespace {

struct PushedImage {
    QString manifestDigest;
    QStringList blobs; // config, layers
};

QByteArray randomBytes(qsizetype size) {
    return seededContent(QRandomGenerator::global()->generate64(), size);
}

QString uploadBlob(HttpClient& http, const QString& repository, const QByteArray& content) {
    const QString digest = ociDigest(content);
    const HttpReply reply =
        http.post(QStringLiteral("/v2/%1/blobs/uploads/?digest=%2").arg(repository, digest),
                  content, {{"Content-Type", "application/octet-stream"}});
    return reply.status == 201 ? digest : QString();
}

QJsonObject descriptorFor(const char* mediaType, const QString& digest, qsizetype size) {
    return {{QStringLiteral("mediaType"), QLatin1String(mediaType)},
            {QStringLiteral("digest"), digest},
            {QStringLiteral("size"), qint64(size)}};
}

// A config and two layers, then the manifest by tag; empty on failure.
PushedImage pushImage(HttpClient& http, const QString& repository, const QString& tag) {
    PushedImage image;
    QJsonArray layers;
    const QByteArray config =
        R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
    image.blobs << uploadBlob(http, repository, config);
    for (int i = 0; i < 2; ++i) {
        const QByteArray layer = randomBytes(64 * 1024 * (i + 1));
        image.blobs << uploadBlob(http, repository, layer);
        layers << descriptorFor("application/vnd.oci.image.layer.v1.tar+gzip", image.blobs.last(),
                                layer.size());
    }
    if (image.blobs.contains(QString()))
        return {};
    const QByteArray manifest =
        QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                  {QStringLiteral("mediaType"),
                                   QStringLiteral("application/vnd.oci.image.manifest.v1+json")},
                                  {QStringLiteral("config"),
                                   descriptorFor("application/vnd.oci.image.config.v1+json",
                                                 image.blobs.first(), config.size())},
                                  {QStringLiteral("layers"), layers}})
            .toJson(QJsonDocument::Compact);
    const HttpReply put =
        http.put(QStringLiteral("/v2/%1/manifests/%2").arg(repository, tag), manifest,
                 {{"Content-Type", "application/vnd.oci.image.manifest.v1+json"}});
    if (put.status != 201)
        return {};
    image.manifestDigest = ociDigest(manifest);
    return image;
}

QString blobFile(const FerrydProcess& ferryd, const QString& digest) {
    const QString hex = digest.section(QLatin1Char(':'), 1);
    return ferryd.dataDir() + QStringLiteral("/blobs/sha256/") + hex.left(2) + QLatin1Char('/') +
           hex;
}

ToolRun ferrydGc(const FerrydProcess& ferryd, bool dryRun) {
    QStringList args{QStringLiteral("gc")};
    if (dryRun)
        args << QStringLiteral("--dry-run");
    args << QStringLiteral("--data") << ferryd.dataDir() << QStringLiteral("--grace")
         << QStringLiteral("0");
    return runTool(ferrydPath(), args, 60000);
}

// The digests listed under the summary line of `ferryd gc`.
QStringList listedDigests(const QByteArray& output) {
    QStringList digests;
    for (const QByteArray& line : output.split('\n'))
        if (line.startsWith("  sha256:"))
            digests << QString::fromLatin1(line.trimmed());
    digests.sort();
    return digests;
}

} // namespace

class TestGc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void dryRunReportsAndRemovesNothing();
    void gcCommandRemovesOnlyUnreferencedBlobsWhileServing();
    void serverLoopCollectsUnreferencedAndDeletedBlobs();
    void pushesRacingGcCyclesNeverLeaveHoles();
    void abandonedUploadsAndStrayFilesAreRemoved();

private:
    void checkReferencedBlobsServed(FerrydProcess& ferryd, const QString& repository,
                                    const PushedImage& image);

    FerrydProcess m_ferryd; // default GC schedule: only `ferryd gc` collects
    PushedImage m_image;
    QStringList m_unreferenced;
};

void TestGc::initTestCase() {
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    HttpClient http(m_ferryd.baseUrl());
    m_image = pushImage(http, QStringLiteral("gc/app"), QStringLiteral("v1"));
    QVERIFY(!m_image.manifestDigest.isEmpty());
    for (int i = 0; i < 3; ++i) {
        const QString digest =
            uploadBlob(http, QStringLiteral("gc/app"), randomBytes(32 * 1024 + i * 4));
        QVERIFY(!digest.isEmpty());
        m_unreferenced << digest;
    }
    m_unreferenced.sort();
    // Grace 0 still spares blobs touched in the current second.
    QTest::qWait(1100);
}

void TestGc::checkReferencedBlobsServed(FerrydProcess& ferryd, const QString& repository,
                                        const PushedImage& image) {
    HttpClient http(ferryd.baseUrl());
    for (const QString& digest : image.blobs + QStringList{image.manifestDigest}) {
        const HttpReply reply = http.get(QStringLiteral("/v2/%1/blobs/%2").arg(repository, digest));
        QVERIFY2(reply.status == 200,
                 qPrintable(digest + QStringLiteral(" answers %1").arg(reply.status)));
        QCOMPARE(ociDigest(reply.body), digest);
        QVERIFY2(QFileInfo::exists(blobFile(ferryd, digest)), qPrintable(digest));
    }
}

void TestGc::dryRunReportsAndRemovesNothing() {
    const ToolRun run = ferrydGc(m_ferryd, true);
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith("would remove 3 blobs"), run.out.constData());
    QCOMPARE(listedDigests(run.out), m_unreferenced);
    HttpClient http(m_ferryd.baseUrl());
    for (const QString& digest : m_unreferenced) {
        QCOMPARE(http.get(QStringLiteral("/v2/gc/app/blobs/") + digest).status, 200);
        QVERIFY(QFileInfo::exists(blobFile(m_ferryd, digest)));
    }
    checkReferencedBlobsServed(m_ferryd, QStringLiteral("gc/app"), m_image);
}

void TestGc::gcCommandRemovesOnlyUnreferencedBlobsWhileServing() {
    const ToolRun run = ferrydGc(m_ferryd, false);
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith("removed 3 blobs"), run.out.constData());
    QCOMPARE(listedDigests(run.out), m_unreferenced);
    HttpClient http(m_ferryd.baseUrl());
    for (const QString& digest : m_unreferenced) {
        QCOMPARE(http.get(QStringLiteral("/v2/gc/app/blobs/") + digest).status, 404);
        QVERIFY2(!QFileInfo::exists(blobFile(m_ferryd, digest)), qPrintable(digest));
    }
    checkReferencedBlobsServed(m_ferryd, QStringLiteral("gc/app"), m_image);
    QCOMPARE(http.get(QStringLiteral("/v2/gc/app/manifests/v1")).status, 200);
    // Nothing left to do: a second run removes nothing.
    const ToolRun again = ferrydGc(m_ferryd, false);
    QVERIFY2(again.out.startsWith("removed 0 blobs"), again.out.constData());
}

void TestGc::serverLoopCollectsUnreferencedAndDeletedBlobs() {
    FerrydProcess ferryd({QStringLiteral("--gc-grace"), QStringLiteral("0"),
                          QStringLiteral("--gc-interval"), QStringLiteral("1")});
    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    HttpClient http(ferryd.baseUrl());
    // With no grace a GC cycle may take the blobs before the manifest PUT
    // (a clean MANIFEST_BLOB_UNKNOWN); a client then pushes again.
    auto pushRetrying = [&](const QString& repository) {
        PushedImage image;
        for (int attempt = 0; attempt < 5 && image.manifestDigest.isEmpty(); ++attempt)
            image = pushImage(http, repository, QStringLiteral("v1"));
        return image;
    };
    const PushedImage kept = pushRetrying(QStringLiteral("loop/kept"));
    const PushedImage doomed = pushRetrying(QStringLiteral("loop/doomed"));
    QVERIFY(!kept.manifestDigest.isEmpty() && !doomed.manifestDigest.isEmpty());
    const QString loose = uploadBlob(http, QStringLiteral("loop/kept"), randomBytes(8192));
    QVERIFY(!loose.isEmpty());
    QCOMPARE(http.del(QStringLiteral("/v2/loop/doomed/manifests/") + doomed.manifestDigest).status,
             202);

    // The loose blob, the deleted manifest and the blobs only it named go;
    // the config is shared by both images (same bytes) and must stay.
    QStringList gone{loose, doomed.manifestDigest};
    for (const QString& digest : doomed.blobs)
        if (!kept.blobs.contains(digest))
            gone << digest;
    QCOMPARE(gone.size(), 4);
    QDeadlineTimer deadline(15000);
    auto allGone = [&] {
        return std::all_of(gone.begin(), gone.end(), [&](const QString& d) {
            return !QFileInfo::exists(blobFile(ferryd, d));
        });
    };
    while (!allGone() && !deadline.hasExpired())
        QTest::qWait(200);
    QVERIFY2(allGone(), "the GC loop did not remove unreferenced blobs within 15 s");
    for (const QString& digest : gone) {
        QCOMPARE(http.get(QStringLiteral("/v2/loop/kept/blobs/") + digest).status, 404);
        QCOMPARE(http.get(QStringLiteral("/v2/loop/doomed/blobs/") + digest).status, 404);
    }
    checkReferencedBlobsServed(ferryd, QStringLiteral("loop/kept"), kept);
    QVERIFY(ferryd.stderrLog().contains("garbage collection"));
}

void TestGc::pushesRacingGcCyclesNeverLeaveHoles() {
    FerrydProcess ferryd({QStringLiteral("--gc-grace"), QStringLiteral("0"),
                          QStringLiteral("--gc-interval"), QStringLiteral("1")});
    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    PushLedger ledger;
    {
        PushLoad load(ferryd.baseUrl(), ledger, QStringLiteral("race"), 4);
        load.setTolerateMissingBlobs(true);
        load.start();
        // Several GC cycles, and `ferryd gc` from outside, during the pushes.
        QTest::qWait(2500);
        const ToolRun outside = ferrydGc(ferryd, false);
        QVERIFY2(outside.ok(), qPrintable(outside.describe()));
        QTest::qWait(3500);
        load.halt();
    }
    QVERIFY2(ledger.problems.isEmpty(), qPrintable(ledger.problems.join(QLatin1Char('\n'))));
    qInfo("%d of %lld manifests acknowledged while GC ran", ledger.acknowledgedManifests(),
          qlonglong(ledger.manifests.size()));
    QVERIFY2(ledger.acknowledgedManifests() > 0, "no push succeeded while GC ran");
    // Let a few more cycles run over what was pushed, then check for holes.
    QTest::qWait(2200);
    HttpClient http(ferryd.baseUrl());
    QStringList failures;
    checkLedger(http, ledger, true, &failures);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    // And the same after a restart, from disk.
    ferryd.stop();
    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    HttpClient again(ferryd.baseUrl());
    checkLedger(again, ledger, true, &failures);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
}

void TestGc::abandonedUploadsAndStrayFilesAreRemoved() {
    const QString sqlite = findTool(QStringLiteral("sqlite3"));
    if (sqlite.isEmpty())
        QSKIP("sqlite3 is needed to age an upload session past the 24 h TTL (CI installs it)");
    HttpClient http(m_ferryd.baseUrl());
    auto openSession = [&] {
        const HttpReply started = http.post(QStringLiteral("/v2/gc/app/blobs/uploads/"));
        const QString location = QString::fromLatin1(started.header("Location"));
        const HttpReply patched =
            http.patch(location, randomBytes(4096), {{"Content-Range", "0-4095"}});
        return patched.status == 202 ? location : QString();
    };
    const QString abandoned = openSession();
    const QString fresh = openSession();
    QVERIFY(!abandoned.isEmpty() && !fresh.isEmpty());
    const QString abandonedId = abandoned.section(QLatin1Char('/'), -1);
    const QString staged = m_ferryd.dataDir() + QStringLiteral("/uploads/") + abandonedId;
    QVERIFY(QFileInfo::exists(staged));
    // A staging file no session knows, as a crash mid-manifest-PUT leaves.
    const QString stray = m_ferryd.dataDir() + QStringLiteral("/uploads/put-stray-1");
    QFile strayFile(stray);
    QVERIFY(strayFile.open(QIODevice::WriteOnly) && strayFile.write("partial") == 7);
    strayFile.close();
    QTest::qWait(1100);

    m_ferryd.stop();
    const ToolRun age =
        runTool(sqlite,
                {m_ferryd.dataDir() + QStringLiteral("/ferry.db"),
                 QStringLiteral("UPDATE uploads SET created = 0, updated = 0 WHERE id = '%1';")
                     .arg(abandonedId)},
                30000);
    QVERIFY2(age.ok(), qPrintable(age.describe()));

    const ToolRun dry = ferrydGc(m_ferryd, true);
    QVERIFY2(dry.out.contains(", 1 abandoned uploads, 1 stray files"), dry.out.constData());
    QVERIFY(QFileInfo::exists(staged) && QFileInfo::exists(stray));
    const ToolRun run = ferrydGc(m_ferryd, false);
    QVERIFY2(run.out.contains(", 1 abandoned uploads, 1 stray files"), run.out.constData());
    QVERIFY(!QFileInfo::exists(staged));
    QVERIFY(!QFileInfo::exists(stray));

    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    HttpClient after(m_ferryd.baseUrl());
    const HttpReply gone = after.get(abandoned);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.errorCode(), QStringLiteral("BLOB_UPLOAD_UNKNOWN"));
    const HttpReply kept = after.get(fresh);
    QCOMPARE(kept.status, 204);
    QCOMPARE(kept.header("Range"), QByteArray("0-4095"));
    checkReferencedBlobsServed(m_ferryd, QStringLiteral("gc/app"), m_image);
}

QTEST_GUILESS_MAIN(TestGc)
#include "tst_gc.moc"
