// Many transfers at once against the real ferryd, driven by curl processes
// (one connection each, so no client-side connection cap gets in the way):
// 64 blob uploads and 64 downloads proceed side by side without starving each
// other, and SIGTERM during 8 uploads lets them finish (or cuts them cleanly),
// exits 0 promptly, and keeps every acknowledged blob.
//
// The no-starvation criterion: every curl is rate limited, so each transfer
// lasts several seconds however fast the machine is. The test samples ferryd's
// staging folder (one file per upload, growing as the body arrives, renamed
// away when the upload completes) and the download targets (growing as bytes
// arrive) every 100 ms. At some instant all 128 transfers must be mid-flight:
// a server that capped concurrency, queued connections or serialised uploads
// behind a lock would never show that. It does not depend on how fast the
// machine is, only on the transfers overlapping, which the rate limit ensures.
// In addition the slowest transfer may take at most twice the median plus 5 s.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "imagebuilder.h"
#include "ocifixtures.h"
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

struct Transfer {
    bool upload = false;
    QString file; // upload source, or download target
    QString digest;
    qint64 size = 0;
    std::unique_ptr<QProcess> curl;
    QElapsedTimer clock;
    qint64 durationMs = -1; // set when curl exits
    int httpStatus = 0;
    QByteArray digestHeader; // uploads: Docker-Content-Digest of the answer
    QByteArray errors;

    bool finished() const { return durationMs >= 0; }
    QString describe() const
    {
        return QStringLiteral("%1 %2: HTTP %3, curl exit %4, %5 ms: %6")
            .arg(upload ? QStringLiteral("upload") : QStringLiteral("download"), digest)
            .arg(httpStatus)
            .arg(curl ? curl->exitCode() : -1)
            .arg(durationMs)
            .arg(QString::fromUtf8(errors.trimmed()));
    }
};

// Starts curl for the transfer, limited to rateKiB KiB/s.
void launch(Transfer& transfer, const QString& curlPath, const QUrl& url, int rateKiB)
{
    QStringList args{QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("55"),
                     QStringLiteral("--limit-rate"), QStringLiteral("%1K").arg(rateKiB),
                     QStringLiteral("-w"), QStringLiteral("\n%{http_code}")};
    if (transfer.upload) {
        // Expect: none, so the body follows the headers at once.
        args << QStringLiteral("-X") << QStringLiteral("POST") << QStringLiteral("--data-binary")
             << QLatin1Char('@') + transfer.file << QStringLiteral("-H")
             << QStringLiteral("Content-Type: application/octet-stream") << QStringLiteral("-H")
             << QStringLiteral("Expect:") << QStringLiteral("-D") << QStringLiteral("-") << QStringLiteral("-o")
             << QStringLiteral("/dev/null");
    } else {
        args << QStringLiteral("-o") << transfer.file;
    }
    args << url.toString();
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

// Runs the event loop until every transfer finished (and `also`, if given,
// holds) or timeoutMs passed; calls sample() every 100 ms meanwhile.
bool waitFor(std::vector<Transfer>& transfers, int timeoutMs, const std::function<void()>& sample,
             const std::function<bool()>& also = {})
{
    QEventLoop loop;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&] {
        if (sample)
            sample();
        const bool done = std::all_of(transfers.begin(), transfers.end(), [](const Transfer& t) { return t.finished(); });
        if (done && (!also || also()))
            loop.quit();
    });
    ticker.start(100);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return std::all_of(transfers.begin(), transfers.end(), [](const Transfer& t) { return t.finished(); });
}

// Upload staging files of ferryd that hold bytes: uploads mid-body.
int uploadsMidBody(const QString& dataDir)
{
    const auto files = QDir(dataDir + QStringLiteral("/uploads")).entryInfoList(QDir::Files);
    return int(std::count_if(files.begin(), files.end(), [](const QFileInfo& file) { return file.size() > 0; }));
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

qint64 median(std::vector<qint64> values)
{
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

void TestConcurrency::initTestCase()
{
    m_curl = findTool(QStringLiteral("curl"));
    if (m_curl.isEmpty())
        QSKIP("curl is not installed (CI installs it)");
    QVERIFY(m_work.isValid());
}

void TestConcurrency::manyUploadsAndDownloadsProceedTogether()
{
    FerrydProcess ferryd;
    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    HttpClient http(ferryd.baseUrl());
    const QByteArray shared = seededContent(4242, 4 * kMiB);
    QVERIFY(ocitest::pushBlob(http, QStringLiteral("many/shared"), shared));
    const QString sharedDigest = ociDigest(shared);

    std::vector<Transfer> transfers(2 * kTransfersEach);
    for (int i = 0; i < kTransfersEach; ++i) {
        Transfer& up = transfers[size_t(i)];
        up.upload = true;
        const QByteArray content = seededContent(quint64(1000 + i), 3 * kMiB + i * 16 * 1024);
        up.size = content.size();
        up.digest = ociDigest(content);
        up.file = m_work.filePath(QStringLiteral("up-%1").arg(i));
        QVERIFY(writeFile(up.file, content));
        Transfer& down = transfers[size_t(kTransfersEach + i)];
        down.size = shared.size();
        down.digest = sharedDigest;
        down.file = m_work.filePath(QStringLiteral("down-%1").arg(i));
    }
    // All uploads go to one repository: a per-repository lock held while a
    // body streams would serialise them.
    const QUrl base = ferryd.baseUrl();
    for (Transfer& transfer : transfers) {
        const QString path = transfer.upload
                                 ? QStringLiteral("/v2/many/up/blobs/uploads/?digest=") + transfer.digest
                                 : QStringLiteral("/v2/many/shared/blobs/") + sharedDigest;
        launch(transfer, m_curl, base.resolved(QUrl(path)), 384);
    }
    int mostInFlight = 0;
    int mostUploads = 0;
    int mostDownloads = 0;
    const QString dataDir = ferryd.dataDir();
    auto sample = [&] {
        const int uploads = uploadsMidBody(dataDir);
        int downloads = 0;
        for (const Transfer& transfer : transfers) {
            if (transfer.upload)
                continue;
            const qint64 size = QFileInfo(transfer.file).size();
            downloads += size > 0 && size < transfer.size ? 1 : 0;
        }
        mostUploads = std::max(mostUploads, uploads);
        mostDownloads = std::max(mostDownloads, downloads);
        mostInFlight = std::max(mostInFlight, uploads + downloads);
    };
    const bool allDone = waitFor(transfers, 55000, sample);
    QVERIFY2(allDone, "some transfers did not finish within 55 s");
    qInfo("most in flight at one instant: %d (uploads %d, downloads %d)", mostInFlight, mostUploads, mostDownloads);

    std::vector<qint64> durations;
    for (const Transfer& transfer : transfers) {
        durations.push_back(transfer.durationMs);
        QVERIFY2(transfer.curl->exitCode() == 0, qPrintable(transfer.describe()));
        if (transfer.upload) {
            QVERIFY2(transfer.httpStatus == 201, qPrintable(transfer.describe()));
            QCOMPARE(QString::fromLatin1(transfer.digestHeader), transfer.digest);
        } else {
            QVERIFY2(transfer.httpStatus == 200, qPrintable(transfer.describe()));
            QCOMPARE(fileDigest(transfer.file), transfer.digest);
        }
    }
    // What the uploads acknowledged is stored: sizes for all, bytes for some.
    for (int i = 0; i < kTransfersEach; ++i) {
        const Transfer& up = transfers[size_t(i)];
        const HttpReply head = ocitest::head(base, QStringLiteral("/v2/many/up/blobs/") + up.digest);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("Content-Length").toLongLong(), up.size);
        if (i % 16 == 0)
            QCOMPARE(ociDigest(http.get(QStringLiteral("/v2/many/up/blobs/") + up.digest).body), up.digest);
    }
    QCOMPARE(mostInFlight, 2 * kTransfersEach);
    const qint64 slowest = *std::max_element(durations.begin(), durations.end());
    const qint64 typical = median(durations);
    qInfo("transfer times: median %lld ms, slowest %lld ms", typical, slowest);
    QVERIFY2(slowest <= 2 * typical + 5000,
             qPrintable(QStringLiteral("slowest %1 ms vs median %2 ms").arg(slowest).arg(typical)));
}

void TestConcurrency::sigtermLetsUploadsInFlightFinish()
{
    FerrydProcess ferryd;
    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    constexpr int kUploads = 8;
    std::vector<Transfer> transfers(kUploads);
    for (int i = 0; i < kUploads; ++i) {
        Transfer& up = transfers[size_t(i)];
        up.upload = true;
        const QByteArray content = seededContent(quint64(5000 + i), 4 * kMiB);
        up.size = content.size();
        up.digest = ociDigest(content);
        up.file = m_work.filePath(QStringLiteral("term-%1").arg(i));
        QVERIFY(writeFile(up.file, content));
        launch(up, m_curl, ferryd.baseUrl().resolved(QUrl(QStringLiteral("/v2/term/up/blobs/uploads/?digest=") + up.digest)),
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
    waitFor(transfers, 30000, {}, [&] { return exitedAfterMs >= 0; });
    QVERIFY2(exitedAfterMs >= 0, "ferryd did not exit within 30 s of SIGTERM");
    QVERIFY2(exitedAfterMs <= 10000, qPrintable(QStringLiteral("ferryd took %1 ms to exit").arg(exitedAfterMs)));
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
    qInfo("%d of %d uploads in flight completed; ferryd exited %lld ms after SIGTERM", acknowledged, kUploads,
          exitedAfterMs);

    QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
    HttpClient http(ferryd.baseUrl());
    for (const Transfer& up : transfers) {
        const HttpReply blob = http.get(QStringLiteral("/v2/term/up/blobs/") + up.digest);
        if (up.httpStatus == 201) {
            QCOMPARE(blob.status, 200);
            QCOMPARE(ociDigest(blob.body), up.digest);
        } else {
            // Absent, or (if ferryd stored it but the answer was lost) exact.
            QVERIFY2(blob.status == 404 || (blob.status == 200 && ociDigest(blob.body) == up.digest),
                     qPrintable(up.describe()));
        }
    }
}

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
