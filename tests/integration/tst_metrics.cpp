// GET /metrics (docs/api.md): the admin's by default, anyone's with
// --metrics-public; every family the documentation lists is there, and the
// counters move while real traffic runs: a rate-limited curl upload is seen
// in flight mid-body, then counted by route class and status, in bytes and
// in the latency histogram; a download adds to the bytes sent; a wrong
// password counts as a failed sign-in; garbage-collection runs are counted.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ocitest;

namespace {

// The value of the sample whose name and labels are exactly `series`, or -1.
double sampleValue(const QByteArray& text, const QByteArray& series) {
    for (const QByteArray& line : text.split('\n')) {
        if (line.startsWith(series + ' '))
            return line.mid(series.size() + 1).toDouble();
    }
    return -1;
}

const QList<QByteArray> kFamilies = {
    "ferry_http_requests_total",
    "ferry_http_request_duration_seconds",
    "ferry_http_received_bytes_total",
    "ferry_http_sent_bytes_total",
    "ferry_uploads_in_flight",
    "ferry_storage_bytes",
    "ferry_blobs",
    "ferry_gc_runs_total",
    "ferry_gc_removed_blobs_total",
    "ferry_gc_removed_bytes_total",
    "ferry_gc_removed_uploads_total",
    "ferry_sign_in_failures_total",
    "ferry_sign_in_throttled_total",
    "ferry_sign_in_throttled_addresses",
    "ferry_connected_registry_last_report_timestamp_seconds",
    "ferry_connected_registry_sync_lag_seconds",
};
// Only once the online scrub has run (--scrub-interval).
const QList<QByteArray> kScrubFamilies = {
    "ferry_scrub_runs_total",
    "ferry_scrub_last_finished_timestamp_seconds",
    "ferry_scrub_checked_blobs",
    "ferry_scrub_findings",
};

} // namespace

class MetricsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void adminOnlyByDefault() {
        FerrydProcess ferryd;
        ferryd.setAccessControl(true);
        QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
        HttpClient anonymous(ferryd.baseUrl());
        QCOMPARE(anonymous.get(QStringLiteral("/metrics")).status, 401);

        HttpClient wrong(ferryd.baseUrl());
        wrong.setBasicAuth(QStringLiteral("admin"), QStringLiteral("not-the-password"));
        QCOMPARE(wrong.get(QStringLiteral("/metrics")).status, 401);

        HttpClient admin(ferryd.baseUrl());
        admin.setBasicAuth(QStringLiteral("admin"), ferryd.adminPassword());
        const HttpReply reply = admin.get(QStringLiteral("/metrics"));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        for (const QByteArray& family : kFamilies)
            QVERIFY2(reply.body.contains("# TYPE " + family + ' '), family.constData());
        QVERIFY(sampleValue(reply.body, "ferry_sign_in_failures_total") >= 1);
        // The refused scrapes were requests too.
        QVERIFY(sampleValue(reply.body,
                            "ferry_http_requests_total{route=\"metrics\",status=\"401\"}") >= 2);
        QCOMPARE(admin.send("POST", QStringLiteral("/metrics")).status, 405);
    }

    void countersMoveUnderTraffic() {
        const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
        QVERIFY2(!curl.isEmpty(), "curl is needed (scripts/setup.sh installs it)");
        FerrydProcess ferryd({QStringLiteral("--metrics-public"), QStringLiteral("--gc-interval"),
                              QStringLiteral("1")});
        QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
        HttpClient client(ferryd.baseUrl());
        const QByteArray before = client.get(QStringLiteral("/metrics")).body;
        QCOMPARE(sampleValue(before, "ferry_uploads_in_flight"), 0.0);

        // 4 MiB at 1 MiB/s: about four seconds mid-body.
        QTemporaryDir dir;
        QByteArray blob(4 << 20, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(blob.data()),
                                              blob.size() / 4);
        const QString digest = ociDigest(blob);
        const QString file = dir.filePath(QStringLiteral("blob"));
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly) && out.write(blob) == blob.size());
        }
        QProcess upload;
        upload.start(
            curl, {QStringLiteral("-sS"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                   QStringLiteral("-w"), QStringLiteral("%{http_code}"),
                   QStringLiteral("--limit-rate"), QStringLiteral("1M"), QStringLiteral("-H"),
                   QStringLiteral("Expect:"), QStringLiteral("-H"),
                   QStringLiteral("Content-Type: application/octet-stream"), QStringLiteral("-X"),
                   QStringLiteral("POST"), QStringLiteral("--data-binary"), QLatin1Char('@') + file,
                   ferryd.baseUrl().toString() +
                       QStringLiteral("/v2/metrics/test/blobs/uploads/?digest=") + digest});
        bool seenInFlight = false;
        QElapsedTimer clock;
        clock.start();
        // waitForFinished() is false for a process that already finished
        // (the scrape's event loop may have seen it end), so ask the state.
        while (upload.state() != QProcess::NotRunning && clock.elapsed() < 60000) {
            upload.waitForFinished(50);
            const QByteArray scrape = client.get(QStringLiteral("/metrics")).body;
            seenInFlight = seenInFlight || sampleValue(scrape, "ferry_uploads_in_flight") == 1;
        }
        QCOMPARE(upload.readAllStandardOutput(), QByteArray("201"));
        QVERIFY2(seenInFlight, "no scrape saw the upload in flight");

        QCOMPARE(client.get(QStringLiteral("/v2/metrics/test/blobs/") + digest).body, blob);
        const QByteArray after = client.get(QStringLiteral("/metrics")).body;
        QCOMPARE(sampleValue(after, "ferry_uploads_in_flight"), 0.0);
        QCOMPARE(sampleValue(after, "ferry_http_requests_total{route=\"upload\",status=\"201\"}"),
                 1.0);
        QCOMPARE(sampleValue(after, "ferry_http_requests_total{route=\"blob\",status=\"200\"}"),
                 1.0);
        QCOMPARE(sampleValue(after, "ferry_http_request_duration_seconds_count{route=\"upload\"}"),
                 1.0);
        QCOMPARE(
            sampleValue(after,
                        "ferry_http_request_duration_seconds_bucket{route=\"upload\",le=\"+Inf\"}"),
            1.0);
        // The upload took seconds: it is not in the 1 s bucket.
        QCOMPARE(
            sampleValue(after,
                        "ferry_http_request_duration_seconds_bucket{route=\"upload\",le=\"1\"}"),
            0.0);
        QVERIFY(sampleValue(after, "ferry_http_received_bytes_total") -
                    sampleValue(before, "ferry_http_received_bytes_total") >=
                blob.size());
        QVERIFY(sampleValue(after, "ferry_http_sent_bytes_total") -
                    sampleValue(before, "ferry_http_sent_bytes_total") >=
                blob.size());
        QVERIFY(sampleValue(after, "ferry_http_requests_total{route=\"metrics\",status=\"200\"}") >=
                2);
        // The blob has no manifest yet: unreferenced, and counted in storage.
        QCOMPARE(sampleValue(after, "ferry_blobs{state=\"unreferenced\"}"), 1.0);
        QCOMPARE(sampleValue(after, "ferry_blobs{state=\"referenced\"}"), 0.0);
        QVERIFY(sampleValue(after, "ferry_storage_bytes") >= blob.size());

        // Collection runs every second here; its runs are counted.
        QByteArray later;
        for (int i = 0; i < 50 && sampleValue(later, "ferry_gc_runs_total") < 1; ++i) {
            QTest::qWait(100);
            later = client.get(QStringLiteral("/metrics")).body;
        }
        QVERIFY(sampleValue(later, "ferry_gc_runs_total") >= 1);
    }

    // The online scrub (--scrub-interval) shows its runs and findings: clean
    // after a push, a serious finding once a layer's file is corrupted on
    // disk (and in the log), clean again once the file is right.
    void scrubFindingsAreShown() {
        FerrydProcess ferryd({QStringLiteral("--metrics-public"),
                              QStringLiteral("--scrub-interval"), QStringLiteral("1")});
        QVERIFY2(ferryd.start(), qPrintable(ferryd.errorString()));
        HttpClient client(ferryd.baseUrl());
        const Image image = makeImage(QStringLiteral("scrub-me"));
        QVERIFY(pushImage(client, QStringLiteral("metrics/scrub"), QStringLiteral("v1"), image));
        const auto scrape = [&] { return client.get(QStringLiteral("/metrics")).body; };
        // A scrub that started after the push finished.
        const double runsAfterPush = sampleValue(scrape(), "ferry_scrub_runs_total");
        QVERIFY(QTest::qWaitFor(
            [&] { return sampleValue(scrape(), "ferry_scrub_runs_total") >= runsAfterPush + 2; },
            20000));
        QByteArray clean = scrape();
        QCOMPARE(sampleValue(clean, "ferry_scrub_findings{kind=\"serious\"}"), 0.0);
        for (const QByteArray& family : kScrubFamilies)
            QVERIFY2(clean.contains("# TYPE " + family + ' '), family.constData());
        QVERIFY(sampleValue(clean, "ferry_scrub_checked_blobs") >= 2); // the config and the layer
        QVERIFY(sampleValue(clean, "ferry_scrub_last_finished_timestamp_seconds") > 1.7e9);

        const QString hex = ociDigest(image.layer).section(u':', 1);
        QString layerPath;
        QDirIterator it(ferryd.dataDir(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (QFileInfo(path).fileName() == hex)
                layerPath = path;
        }
        QVERIFY2(!layerPath.isEmpty(), "the layer's file was not found");
        QFile file(layerPath);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.write(QByteArray(int(image.layer.size()), 'x')) == image.layer.size());
        file.close();
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return sampleValue(scrape(), "ferry_scrub_findings{kind=\"serious\"}") >=
                                1;
                     },
                     20000),
                 "the scrub did not report the corrupted layer");
        QVERIFY(ferryd.stderrLog().contains("scrub: ") &&
                ferryd.stderrLog().contains(hex.toUtf8()));

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(file.write(image.layer) == image.layer.size());
        file.close();
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return sampleValue(scrape(), "ferry_scrub_findings{kind=\"serious\"}") ==
                                0;
                     },
                     20000),
                 "a clean scrub did not clear the finding");
    }
};

QTEST_GUILESS_MAIN(MetricsTest)
#include "tst_metrics.moc"
