// The durability promise under SIGKILL: concurrent pushes (monolithic and
// chunked blob uploads, manifest PUTs by unique and moving tags) are cut off
// by kill -9 at random moments, round after round on the same data folder.
// Everything acknowledged before the kill must come back exactly; nothing
// unacknowledged may appear partially; every file in the blob store must hash
// to its name; and an upload session open at the kill must report a Range
// that is consistent with what was sent, and resume from it.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "imagebuilder.h"
#include "pushload.h"
#include "toolrunner.h"

#include <QDirIterator>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

namespace {

constexpr int kRounds = 5;
constexpr int kWorkers = 4;

// Every file in the blob store is named after its content's digest.
QStringList corruptBlobFiles(const QString& dataDir, int* checked) {
    QStringList corrupt;
    QDirIterator it(dataDir + QStringLiteral("/blobs/sha256"), QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const QString hex = info.fileName();
        ++*checked;
        if (info.dir().dirName() != hex.left(2) ||
            fileDigest(path) != QStringLiteral("sha256:") + hex)
            corrupt << path;
    }
    return corrupt;
}

// "0-<end>" from an upload status; -1 when malformed.
qsizetype rangeEnd(const QByteArray& range) {
    static const QRegularExpression form(QStringLiteral("^0-(\\d+)$"));
    const auto match = form.match(QString::fromLatin1(range));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

} // namespace

class TestCrashRecovery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void acknowledgedPushesSurviveSigkill();

private:
    void checkDataFolder(int round);
    void resumeOpenUploads(HttpClient& http, PushLedger& ledger, int round);
    QString startParkedUpload(HttpClient& http, PushLedger& ledger, int* blob);

    FerrydProcess m_ferryd;
};

void TestCrashRecovery::initTestCase() {
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
}

void TestCrashRecovery::checkDataFolder(int round) {
    int checked = 0;
    const QStringList corrupt = corruptBlobFiles(m_ferryd.dataDir(), &checked);
    QVERIFY2(
        corrupt.isEmpty(),
        qPrintable(QStringLiteral("round %1: blob files not matching their name:\n").arg(round) +
                   corrupt.join(QLatin1Char('\n'))));
    QVERIFY2(checked > 0 || round == 0, "the blob store is empty after a round of pushes");
    const QString sqlite = findTool(QStringLiteral("sqlite3"));
    if (sqlite.isEmpty())
        return; // the blob-level checks above still ran
    const ToolRun integrity = runTool(sqlite,
                                      {m_ferryd.dataDir() + QStringLiteral("/ferry.db"),
                                       QStringLiteral("PRAGMA integrity_check;")},
                                      30000);
    QVERIFY2(integrity.ok(), qPrintable(integrity.describe()));
    QCOMPARE(integrity.out.trimmed(), QByteArray("ok"));
}

// A session with one acknowledged chunk and nothing in flight: after the
// kill its Range must be exactly that chunk.
QString TestCrashRecovery::startParkedUpload(HttpClient& http, PushLedger& ledger, int* blob) {
    PushedBlob parked;
    parked.repository = QStringLiteral("crash/parked");
    parked.seed = QRandomGenerator::global()->generate64();
    parked.size = 600 * 1024;
    parked.digest = ociDigest(parked.content());
    const HttpReply started = http.post(QStringLiteral("/v2/crash/parked/blobs/uploads/"));
    if (started.status != 202)
        return {};
    const QString location = QString::fromLatin1(started.header("Location"));
    const qsizetype half = parked.size / 2;
    const HttpReply patched = http.patch(location, parked.content().left(half),
                                         {{"Content-Type", "application/octet-stream"},
                                          {"Content-Range", "0-" + QByteArray::number(half - 1)}});
    if (patched.status != 202)
        return {};
    ledger.blobs << parked;
    *blob = int(ledger.blobs.size() - 1);
    ledger.openUploads.insert(location, OpenUpload{parked.repository, location, *blob, half, half});
    return location;
}

void TestCrashRecovery::resumeOpenUploads(HttpClient& http, PushLedger& ledger, int round) {
    int resumed = 0;
    for (const OpenUpload& upload : ledger.openUploads) {
        const PushedBlob& blob = ledger.blobs[upload.blob];
        const QString where = QStringLiteral("round %1, upload %2").arg(round).arg(upload.location);
        const HttpReply status = http.get(upload.location);
        if (status.status == 404) {
            // Unknown after the restart: its final PUT may have been under way,
            // or its file was lost; either way the blob was checked above.
            QCOMPARE(status.errorCode(), QStringLiteral("BLOB_UPLOAD_UNKNOWN"));
            // Only the final PUT may have ended a session whose start was acknowledged.
            QVERIFY2(
                upload.acknowledged == blob.size,
                qPrintable(
                    where +
                    QStringLiteral(": an unfinished session vanished (%1 of %2 bytes acknowledged)")
                        .arg(upload.acknowledged)
                        .arg(blob.size)));
            continue;
        }
        QVERIFY2(status.status == 204,
                 qPrintable(where + QStringLiteral(": status %1").arg(status.status)));
        const qsizetype end = rangeEnd(status.header("Range"));
        QVERIFY2(end >= 0,
                 qPrintable(where + QStringLiteral(": Range '%1'")
                                        .arg(QString::fromLatin1(status.header("Range")))));
        // "0-0" means zero or one byte (distribution's convention).
        const bool ambiguous = end == 0;
        qsizetype received = ambiguous ? 0 : end + 1;
        QVERIFY2((ambiguous || received >= upload.acknowledged) && received <= upload.sent,
                 qPrintable(where +
                            QStringLiteral(": Range says %1 bytes; %2 were acknowledged, %3 sent")
                                .arg(received)
                                .arg(upload.acknowledged)
                                .arg(upload.sent)));
        QByteArray content = blob.content();
        auto patchFrom = [&](qsizetype offset) {
            return http.patch(upload.location, content.mid(offset),
                              {{"Content-Type", "application/octet-stream"},
                               {"Content-Range", QByteArray::number(offset) + '-' +
                                                     QByteArray::number(blob.size - 1)}});
        };
        // Everything may already be staged (the kill hit the final PUT); then
        // only the PUT remains, and an empty PATCH has no valid Content-Range.
        HttpReply patched;
        patched.status = 202;
        if (received < blob.size)
            patched = patchFrom(received);
        if (ambiguous && patched.status == 416)
            patched = patchFrom(received = 1);
        QVERIFY2(patched.status == 202,
                 qPrintable(where + QStringLiteral(": resuming at %1 got %2 %3")
                                        .arg(received)
                                        .arg(patched.status)
                                        .arg(QString::fromUtf8(patched.body))));
        const QString finish = upload.location + QStringLiteral("?digest=") + blob.digest;
        const HttpReply done = http.put(finish, {}, {{"Content-Type", "application/octet-stream"}});
        QVERIFY2(done.status == 201, qPrintable(where + QStringLiteral(": finishing got %1 %2")
                                                            .arg(done.status)
                                                            .arg(QString::fromUtf8(done.body))));
        const HttpReply served =
            http.get(QStringLiteral("/v2/%1/blobs/%2").arg(blob.repository, blob.digest));
        QCOMPARE(served.status, 200);
        QCOMPARE(ociDigest(served.body), blob.digest);
        ledger.blobs[upload.blob].acknowledged = true;
        ++resumed;
    }
    ledger.openUploads.clear();
    qInfo("round %d: %d upload sessions resumed after the kill", round, resumed);
}

void TestCrashRecovery::acknowledgedPushesSurviveSigkill() {
    PushLedger ledger;
    auto* random = QRandomGenerator::global();
    for (int round = 0; round < kRounds; ++round) {
        HttpClient setup(m_ferryd.baseUrl());
        int parkedBlob = -1;
        const QString parked = startParkedUpload(setup, ledger, &parkedBlob);
        QVERIFY2(!parked.isEmpty(), "could not open the parked upload session");

        const int killAfterMs = 50 + int(random->bounded(451));
        {
            PushLoad load(m_ferryd.baseUrl(), ledger, QStringLiteral("crash"), kWorkers);
            load.start();
            QEventLoop loop;
            QTimer::singleShot(killAfterMs, &loop, &QEventLoop::quit);
            loop.exec();
            // No event is processed between the timer and the kill, so every
            // acknowledgement in the ledger was seen before ferryd died.
            m_ferryd.kill();
            load.halt();
        }
        QVERIFY2(ledger.problems.isEmpty(), qPrintable(ledger.problems.join(QLatin1Char('\n'))));
        qInfo("round %d: killed after %d ms; %d of %lld manifests acknowledged so far, %lld "
              "uploads open",
              round, killAfterMs, ledger.acknowledgedManifests(),
              qlonglong(ledger.manifests.size()), qlonglong(ledger.openUploads.size()));

        checkDataFolder(round);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
        HttpClient http(m_ferryd.baseUrl());

        // The parked session stands exactly where its acknowledged chunk left it.
        const HttpReply status = http.get(parked);
        QCOMPARE(status.status, 204);
        QCOMPARE(status.header("Range"),
                 "0-" + QByteArray::number(ledger.blobs[parkedBlob].size / 2 - 1));

        QStringList failures;
        checkLedger(http, ledger, false, &failures);
        QVERIFY2(failures.isEmpty(), qPrintable(QStringLiteral("round %1:\n").arg(round) +
                                                failures.join(QLatin1Char('\n'))));
        resumeOpenUploads(http, ledger, round);
        if (QTest::currentTestFailed())
            return;
    }
    // The rounds must have exercised the promise, not just killed an idle server.
    QVERIFY2(ledger.acknowledgedManifests() >= kRounds,
             "too few manifests were acknowledged to prove anything");
    // A final restart with no load in between still serves everything.
    m_ferryd.kill();
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    HttpClient http(m_ferryd.baseUrl());
    QStringList failures;
    checkLedger(http, ledger, false, &failures);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crash_recovery.moc"
