// Many transfers at once against the real ferryd: 64 blob uploads (curl
// processes, one connection each, so no client-side connection cap gets in
// the way) and 64 downloads (paced sockets, see paceddownload.h) proceed side
// by side without starving each other; SIGTERM during 8 uploads lets them
// finish (or cuts them cleanly), exits 0 promptly, and keeps every
// acknowledged blob.
//
// The no-starvation criterion: every transfer is rate limited (curl
// --limit-rate for uploads, a paced reader for downloads), so each lasts
// several seconds however fast the machine is. Every 100 ms the test samples
// ferryd's staging folder (one file per upload, growing as the body arrives,
// renamed away when the upload completes) and the downloads' progress. At some
// instant all 128 transfers must be mid-flight: a server that capped
// concurrency, queued connections or serialised uploads behind a lock never
// shows that. It depends only on the transfers overlapping, which the pacing
// ensures, not on how fast the machine is. In addition the slowest transfer
// may take at most twice the median plus 5 s.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"
#include "paceddownload.h"
#include "pushload.h"
#include "toolrunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr int kTransfersEach = 64;

// One curl upload (monolithic POST ?digest=).
struct Transfer {
    QString file; // what curl sends
    QString digest;
    qint64 size = 0;
    std::unique_ptr<QProcess> curl;
    QElapsedTimer clock;
    qint64 durationMs = -1; // set when curl exits
    int httpStatus = 0;
    QByteArray digestHeader; // uploads: Docker-Content-Digest of the answer
    QByteArray errors;

    bool finished() const { return durationMs >= 0; }
    QString describe() const {
        return QStringLiteral("upload %1: HTTP %2, curl exit %3, %4 ms: %5")
            .arg(digest)
            .arg(httpStatus)
            .arg(curl ? curl->exitCode() : -1)
            .arg(durationMs)
            .arg(QString::fromUtf8(errors.trimmed()));
    }
};

// Starts curl for the transfer, limited to rateKiB KiB/s.
void launch(Transfer& transfer, const QString& curlPath, const QUrl& url, int rateKiB) {
    // Expect: none, so the body follows the headers at once.
    const QStringList args{QStringLiteral("-sS"),
                           QStringLiteral("--max-time"),
                           QStringLiteral("55"),
                           QStringLiteral("--limit-rate"),
                           QStringLiteral("%1K").arg(rateKiB),
                           QStringLiteral("-w"),
                           QStringLiteral("\n%{http_code}"),
                           QStringLiteral("-X"),
                           QStringLiteral("POST"),
                           QStringLiteral("--data-binary"),
                           QLatin1Char('@') + transfer.file,
                           QStringLiteral("-H"),
                           QStringLiteral("Content-Type: application/octet-stream"),
                           QStringLiteral("-H"),
                           QStringLiteral("Expect:"),
                           QStringLiteral("-D"),
                           QStringLiteral("-"),
                           QStringLiteral("-o"),
                           QStringLiteral("/dev/null"),
                           url.toString()};
    transfer.curl = std::make_unique<QProcess>();
    QProcess* curl = transfer.curl.get();
    QObject::connect(curl, &QProcess::finished, curl, [&transfer, curl] {
        transfer.durationMs = transfer.clock.elapsed();
        const QList<QByteArray> lines = curl->readAllStandardOutput().split('\n');
        transfer.httpStatus = lines.isEmpty() ? 0 : lines.last().trimmed().toInt();
        for (const QByteArray& line : lines)
            if (line.toLower().startsWith("docker-content-digest:"))
                transfer.digestHeader = line.mid(line.indexOf(':') + 1).trimmed();
        transfer.errors = curl->readAllStandardError();
    });
    transfer.clock.start();
    curl->start(curlPath, args);
}

bool allFinished(const std::vector<Transfer>& transfers) {
    return std::all_of(transfers.begin(), transfers.end(),
                       [](const Transfer& t) { return t.finished(); });
}

// Runs the event loop until done() holds or timeoutMs passed, calling
// sample() every 100 ms meanwhile; returns done().
bool waitUntil(const std::function<bool()>& done, int timeoutMs,
               const std::function<void()>& sample = {}) {
    QEventLoop loop;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&] {
        if (sample)
            sample();
        if (done())
            loop.quit();
    });
    ticker.start(100);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

// Upload staging files of ferryd that hold bytes: uploads mid-body.
int uploadsMidBody(const QString& dataDir) {
    const auto files = QDir(dataDir + QStringLiteral("/uploads")).entryInfoList(QDir::Files);
    return int(std::count_if(files.begin(), files.end(),
                             [](const QFileInfo& file) { return file.size() > 0; }));
}

bool writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

qint64 median(std::vector<qint64> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

} // namespace

class TestConcurrency : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void manyUploadsAndDownloadsProceedTogether();
    void sigtermLetsUploadsInFlightFinish();

private:
    QTemporaryDir m_work;
    QString m_curl;
};

void TestConcurrency::initTestCase() {
    m_curl = findTool(QStringLiteral("curl"));
    if (m_curl.isEmpty())
        QSKIP("curl is not installed (CI installs it)");
    QVERIFY(m_work.isValid());
}

void TestConcurrency::manyUploadsAndDownloadsProceedTogether() {
    FerrydProcess ferryd;
    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    HttpClient http(ferryd.baseUrl());
    const QByteArray shared = seededContent(4242, 4 * kMiB);
    QVERIFY(ocitest::pushBlob(http, QStringLiteral("many/shared"), shared));
    const QString sharedDigest = ociDigest(shared);

    std::vector<Transfer> uploads(kTransfersEach);
    for (int i = 0; i < kTransfersEach; ++i) {
        Transfer& up = uploads[size_t(i)];
        const QByteArray content = seededContent(quint64(1000 + i), 3 * kMiB + i * 16 * 1024);
        up.size = content.size();
        up.digest = ociDigest(content);
        up.file = m_work.filePath(QStringLiteral("up-%1").arg(i));
        QVERIFY(writeFile(up.file, content));
    }
    // All uploads go to one repository: a per-repository lock held while a
    // body streams would serialise them.
    const QUrl base = ferryd.baseUrl();
    std::vector<std::unique_ptr<PacedDownload>> downloads;
    for (int i = 0; i < kTransfersEach; ++i) {
        launch(uploads[size_t(i)], m_curl,
               base.resolved(QUrl(QStringLiteral("/v2/many/up/blobs/uploads/?digest=") +
                                  uploads[size_t(i)].digest)),
               384);
        downloads.push_back(std::make_unique<PacedDownload>(
            base, QStringLiteral("/v2/many/shared/blobs/") + sharedDigest, 384 * 1024));
        downloads.back()->start();
    }
    int mostInFlight = 0;
    int mostUploads = 0;
    int mostDownloads = 0;
    const QString dataDir = ferryd.dataDir();
    auto sample = [&] {
        const int midUploads = uploadsMidBody(dataDir);
        const int midDownloads =
            int(std::count_if(downloads.begin(), downloads.end(),
                              [](const auto& download) { return download->midBody(); }));
        mostUploads = std::max(mostUploads, midUploads);
        mostDownloads = std::max(mostDownloads, midDownloads);
        mostInFlight = std::max(mostInFlight, midUploads + midDownloads);
    };
    auto allDone = [&] {
        return allFinished(uploads) &&
               std::all_of(downloads.begin(), downloads.end(),
                           [](const auto& download) { return download->finished(); });
    };
    QVERIFY2(waitUntil(allDone, 55000, sample), "some transfers did not finish within 55 s");
    qInfo("most in flight at one instant: %d (uploads %d, downloads %d)", mostInFlight, mostUploads,
          mostDownloads);

    std::vector<qint64> durations;
    for (const Transfer& up : uploads) {
        durations.push_back(up.durationMs);
        QVERIFY2(up.curl->exitCode() == 0 && up.httpStatus == 201, qPrintable(up.describe()));
        QCOMPARE(QString::fromLatin1(up.digestHeader), up.digest);
    }
    for (const auto& download : downloads) {
        durations.push_back(download->durationMs());
        QVERIFY2(download->succeeded(), qPrintable(download->error()));
        QCOMPARE(download->digest(), sharedDigest);
    }
    // What the uploads acknowledged is stored: sizes for all, bytes for some.
    for (int i = 0; i < kTransfersEach; ++i) {
        const Transfer& up = uploads[size_t(i)];
        const HttpReply head =
            ocitest::head(base, QStringLiteral("/v2/many/up/blobs/") + up.digest);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("Content-Length").toLongLong(), up.size);
        if (i % 16 == 0)
            QCOMPARE(ociDigest(http.get(QStringLiteral("/v2/many/up/blobs/") + up.digest).body),
                     up.digest);
    }
    QCOMPARE(mostInFlight, 2 * kTransfersEach);
    const qint64 slowest = *std::max_element(durations.begin(), durations.end());
    const qint64 typical = median(durations);
    qInfo("transfer times: median %lld ms, slowest %lld ms", typical, slowest);
    QVERIFY2(slowest <= 2 * typical + 5000,
             qPrintable(QStringLiteral("slowest %1 ms vs median %2 ms").arg(slowest).arg(typical)));
}

void TestConcurrency::sigtermLetsUploadsInFlightFinish() {
    FerrydProcess ferryd;
    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    constexpr int kUploads = 8;
    std::vector<Transfer> transfers(kUploads);
    for (int i = 0; i < kUploads; ++i) {
        Transfer& up = transfers[size_t(i)];
        const QByteArray content = seededContent(quint64(5000 + i), 4 * kMiB);
        up.size = content.size();
        up.digest = ociDigest(content);
        up.file = m_work.filePath(QStringLiteral("term-%1").arg(i));
        QVERIFY(writeFile(up.file, content));
        launch(up, m_curl,
               ferryd.baseUrl().resolved(
                   QUrl(QStringLiteral("/v2/term/up/blobs/uploads/?digest=") + up.digest)),
               1024);
    }
    // Wait until every upload is mid-body on the server, then SIGTERM.
    QElapsedTimer waiting;
    waiting.start();
    while (uploadsMidBody(ferryd.dataDir()) < kUploads && waiting.elapsed() < 15000)
        QTest::qWait(20);
    QCOMPARE(uploadsMidBody(ferryd.dataDir()), kUploads);
    for (const Transfer& up : transfers)
        QVERIFY2(!up.finished(), qPrintable(up.describe()));

    QElapsedTimer stopping;
    stopping.start();
    qint64 exitedAfterMs = -1;
    QObject::connect(&ferryd.process(), &QProcess::finished, &ferryd.process(),
                     [&] { exitedAfterMs = stopping.elapsed(); });
    ferryd.process().terminate();
    waitUntil([&] { return allFinished(transfers) && exitedAfterMs >= 0; }, 30000);
    QVERIFY2(exitedAfterMs >= 0, "ferryd did not exit within 30 s of SIGTERM");
    QVERIFY2(exitedAfterMs <= 10000,
             qPrintable(QStringLiteral("ferryd took %1 ms to exit").arg(exitedAfterMs)));
    QCOMPARE(ferryd.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(ferryd.process().exitCode(), 0);

    // Each upload either completed with 201 and its digest, or was cut with
    // no HTTP answer at all; never an error status or a wrong digest.
    int acknowledged = 0;
    for (const Transfer& up : transfers) {
        QVERIFY2(up.finished(), qPrintable(up.describe()));
        if (up.httpStatus == 201) {
            QCOMPARE(QString::fromLatin1(up.digestHeader), up.digest);
            ++acknowledged;
        } else {
            QVERIFY2(up.httpStatus == 0 && up.curl->exitCode() != 0, qPrintable(up.describe()));
        }
    }
    qInfo("%d of %d uploads in flight completed; ferryd exited %lld ms after SIGTERM", acknowledged,
          kUploads, exitedAfterMs);

    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    HttpClient http(ferryd.baseUrl());
    for (const Transfer& up : transfers) {
        const HttpReply blob = http.get(QStringLiteral("/v2/term/up/blobs/") + up.digest);
        if (up.httpStatus == 201) {
            QCOMPARE(blob.status, 200);
            QCOMPARE(ociDigest(blob.body), up.digest);
        } else {
            // Absent, or (if ferryd stored it but the answer was lost) exact.
            QVERIFY2(blob.status == 404 ||
                         (blob.status == 200 && ociDigest(blob.body) == up.digest),
                     qPrintable(up.describe()));
        }
    }
}

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
