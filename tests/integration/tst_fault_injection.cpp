// ferryd on a disk that fails: the fault-injection shim (tests/faultinject)
// is preloaded into the real ferryd and makes the Nth write, fsync, rename,
// open or ftruncate under the data folder fail (EIO, ENOSPC or a short write).
// N sweeps across a whole push (monolithic blob, chunked blob, manifest PUT
// with a tag) and across a garbage-collection run. After every fault ferryd
// answers an OCI error, stays up, serves everything it acknowledged, accepts
// the same push again once the fault is gone, and `ferryd fsck` finds the
// store consistent.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ocitest;

namespace {

const QString kRepo = QStringLiteral("faults/app");
// Every sweep stops by itself once N passes the number of calls a step
// makes; these bound it anyway, so a regression cannot hang the suite.
constexpr int kMaxSteps = 160;
// QtTest's watchdog ends a test function after 300 s.
constexpr qint64 kSweepBudgetMs = 200000;

const char* const kFailures[] = {"EIO", "ENOSPC", "SHORT"};

struct Acknowledged {
    QString tag;
    Image image;
};

} // namespace

class TestFaultInjection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void failedPatchKeepsOnlyAcknowledgedBytes();
    void pushSurvivesAFaultAtEveryStep();
    void garbageCollectionSurvivesAFaultAtEveryStep();

private:
    void setRule(const QByteArray& rule);
    void clearRule();
    bool fired() const;
    // One push as a client makes it: config monolithic, layer chunked
    // (POST, PATCH, PUT), manifest by tag. Returns the first refusal, or
    // status 201 when everything was accepted.
    HttpReply push(const Image& image, const QString& tag);
    void verifyAcknowledged();
    void verifyReply(const HttpReply& reply, const QByteArray& context);
    QString runFsck();

    QTemporaryDir m_control;
    void startFerryd();

    std::unique_ptr<FerrydProcess> m_ferryd;
    QList<Acknowledged> m_acknowledged;
};

void TestFaultInjection::initTestCase() {
    QVERIFY(m_control.isValid());
    startFerryd();
}

// A fresh ferryd with the shim preloaded, on a new data folder.
void TestFaultInjection::startFerryd() {
    m_ferryd = std::make_unique<FerrydProcess>();
    m_acknowledged.clear();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(FAULTINJECT_PATH));
    env.insert(QStringLiteral("FERRY_FAULT_CONTROL"), m_control.filePath(QStringLiteral("rule")));
    m_ferryd->setEnvironment(env);
    // A short idle timeout: the GC sweep stops and starts ferryd often, and a
    // graceful stop waits for idle keep-alive connections.
    m_ferryd->setExtraArgs({QStringLiteral("--gc-interval"), QStringLiteral("86400"),
                            QStringLiteral("--idle-timeout"), QStringLiteral("1")});
    QVERIFY2(m_ferryd->start(), qPrintable(m_ferryd->errorString()));
}

void TestFaultInjection::setRule(const QByteArray& rule) {
    QFile::remove(m_control.filePath(QStringLiteral("rule.fired")));
    QFile file(m_control.filePath(QStringLiteral("rule.new")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(rule + '\n');
    file.close();
    // Atomic: the shim never reads half a rule.
    QFile::remove(m_control.filePath(QStringLiteral("rule")));
    QVERIFY(file.rename(m_control.filePath(QStringLiteral("rule"))));
}

void TestFaultInjection::clearRule() {
    QFile::remove(m_control.filePath(QStringLiteral("rule")));
}

bool TestFaultInjection::fired() const {
    return QFile::exists(m_control.filePath(QStringLiteral("rule.fired")));
}

void TestFaultInjection::verifyReply(const HttpReply& reply, const QByteArray& context) {
    // A refusal is a spec error: a status and an OCI error body, never a
    // dropped connection (which would mean a crash or a hang).
    QVERIFY2(reply.status != 0, context + " got no response: " + reply.networkError.toUtf8());
    if (reply.status >= 400) {
        QVERIFY2(!reply.errorCode().isEmpty(),
                 context + " refused without an OCI error: " + reply.body);
    }
}

HttpReply TestFaultInjection::push(const Image& image, const QString& tag) {
    HttpClient http(m_ferryd->baseUrl());
    HttpReply reply = http.post(
        QStringLiteral("/v2/%1/blobs/uploads/?digest=%2").arg(kRepo, ociDigest(image.config)),
        image.config, {{"Content-Type", "application/octet-stream"}});
    if (reply.status != 201)
        return reply;
    reply = http.post(QStringLiteral("/v2/%1/blobs/uploads/").arg(kRepo));
    if (reply.status != 202)
        return reply;
    QString location = QString::fromUtf8(reply.header("Location"));
    const qsizetype half = image.layer.size() / 2;
    reply = http.patch(location, image.layer.left(half),
                       {{"Content-Type", "application/octet-stream"},
                        {"Content-Range", "0-" + QByteArray::number(half - 1)}});
    if (reply.status != 202)
        return reply;
    location = QString::fromUtf8(reply.header("Location"));
    reply = http.put(location + QStringLiteral("?digest=") + ociDigest(image.layer),
                     image.layer.mid(half), {{"Content-Type", "application/octet-stream"}});
    if (reply.status != 201)
        return reply;
    return putManifest(http, kRepo, tag, image.manifest, kOciManifest);
}

void TestFaultInjection::verifyAcknowledged() {
    HttpClient http(m_ferryd->baseUrl());
    for (const Acknowledged& item : std::as_const(m_acknowledged)) {
        const HttpReply manifest = http.get(
            QStringLiteral("/v2/%1/manifests/%2").arg(kRepo, item.tag), {{"Accept", kOciManifest}});
        QVERIFY2(manifest.status == 200, qPrintable(item.tag));
        QCOMPARE(manifest.body, item.image.manifest);
        const HttpReply layer =
            http.get(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, ociDigest(item.image.layer)));
        QVERIFY2(layer.status == 200, qPrintable(item.tag));
        QCOMPARE(layer.body, item.image.layer);
    }
}

QString TestFaultInjection::runFsck() {
    QProcess fsck;
    fsck.start(ferrydPath(),
               {QStringLiteral("fsck"), QStringLiteral("--data"), m_ferryd->dataDir()});
    if (!fsck.waitForFinished(120000)) {
        fsck.kill();
        fsck.waitForFinished(5000);
        return QStringLiteral("fsck did not finish");
    }
    if (fsck.exitStatus() != QProcess::NormalExit || fsck.exitCode() != 0)
        return QStringLiteral("fsck exit %1: %2%3")
            .arg(fsck.exitCode())
            .arg(QString::fromUtf8(fsck.readAllStandardOutput()),
                 QString::fromUtf8(fsck.readAllStandardError()));
    return {};
}

void TestFaultInjection::failedPatchKeepsOnlyAcknowledgedBytes() {
    HttpClient http(m_ferryd->baseUrl());
    const QByteArray content = QByteArray("patch consistency ") + QByteArray(4000, 'p');
    HttpReply reply = http.post(QStringLiteral("/v2/%1/blobs/uploads/").arg(kRepo));
    QCOMPARE(reply.status, 202);
    QString location = QString::fromUtf8(reply.header("Location"));
    reply = http.patch(location, content.left(1000), {{"Content-Range", "0-999"}});
    QCOMPARE(reply.status, 202);
    // SQLite skips an UPDATE that changes nothing: let the session's
    // "updated" second move on, so the next PATCH must write metadata.
    QTest::qWait(1100);

    // The chunk's bytes reach the staging file, then the metadata update
    // fails: the chunk is refused, so the session must not keep it.
    setRule("ops=write,fsync path=ferry.db repeat");
    reply = http.patch(location, content.mid(1000, 1000), {{"Content-Range", "1000-1999"}});
    clearRule();
    QVERIFY2(fired(), "the metadata write was never attempted");
    QVERIFY2(reply.status >= 500, reply.body.constData());
    verifyReply(reply, "failed PATCH");

    reply = http.get(location);
    QCOMPARE(reply.status, 204);
    QCOMPARE(reply.header("Range"), QByteArray("0-999"));
    const QString id = location.section(QLatin1Char('/'), -1);
    QCOMPARE(QFileInfo(m_ferryd->dataDir() + QStringLiteral("/uploads/") + id).size(), 1000);

    // The retry of the refused chunk continues cleanly.
    reply = http.patch(location, content.mid(1000, 1000), {{"Content-Range", "1000-1999"}});
    QCOMPARE(reply.status, 202);
    reply = http.put(location + QStringLiteral("?digest=") + ociDigest(content), content.mid(2000));
    QCOMPARE(reply.status, 201);
    QCOMPARE(http.get(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, ociDigest(content))).body,
             content);
}

void TestFaultInjection::pushSurvivesAFaultAtEveryStep() {
    QElapsedTimer budget;
    budget.start();
    const QByteArray data = QFile::encodeName(m_ferryd->dataDir());
    int step = 1;
    int refusals = 0;
    for (; step <= kMaxSteps; ++step) {
        QVERIFY2(budget.elapsed() < kSweepBudgetMs, "the sweep ran out of time");
        const QByteArray failure = kFailures[step % 3];
        const Image image = makeImage(QStringLiteral("sweep-%1").arg(step));
        const QString tag = QStringLiteral("v%1").arg(step);
        setRule("ops=write,fsync,rename,open,ftruncate nth=" + QByteArray::number(step) +
                " error=" + failure + " path=" + data);
        const HttpReply attempt = push(image, tag);
        clearRule();
        const QByteArray context = "step " + QByteArray::number(step) + " (" + failure + ")";
        verifyReply(attempt, context);
        QVERIFY2(m_ferryd->process().state() == QProcess::Running, context + ": ferryd exited");
        const bool faulted = fired();
        if (attempt.status != 201)
            ++refusals;
        // A retry of the same push succeeds once the fault is gone.
        const HttpReply retry = push(image, tag);
        QVERIFY2(retry.status == 201, context + " retry: " + retry.body);
        m_acknowledged.append({tag, image});
        if (step % 10 == 0 || !faulted)
            verifyAcknowledged();
        if (!faulted)
            break; // N passed the last call a push makes
    }
    QVERIFY2(step > 10, "the push made suspiciously few storage calls");
    QVERIFY2(step <= kMaxSteps, "the sweep never reached the end of a push");
    QVERIFY2(refusals > 0, "no injected fault was ever refused: is the shim loaded?");
    qInfo("push sweep: %d steps, %d refused", step, refusals);
    m_ferryd->stop();
    const QString problems = runFsck();
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY2(m_ferryd->restart(), qPrintable(m_ferryd->errorString()));
    verifyAcknowledged();
}

void TestFaultInjection::garbageCollectionSurvivesAFaultAtEveryStep() {
    // A small store of its own: the number of calls a collection makes
    // grows with the store, and so would this sweep.
    m_ferryd->stop();
    startFerryd();
    for (int i = 0; i < 3; ++i) {
        const Image image = makeImage(QStringLiteral("kept-%1").arg(i));
        QCOMPARE(push(image, QStringLiteral("kept%1").arg(i)).status, 201);
        m_acknowledged.append({QStringLiteral("kept%1").arg(i), image});
    }
    QElapsedTimer budget;
    budget.start();
    const QByteArray data = QFile::encodeName(m_ferryd->dataDir());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(FAULTINJECT_PATH));
    env.insert(QStringLiteral("FERRY_FAULT_CONTROL"), m_control.filePath(QStringLiteral("rule")));
    int step = 1;
    for (; step <= kMaxSteps; ++step) {
        QVERIFY2(budget.elapsed() < kSweepBudgetMs, "the sweep ran out of time");
        // Garbage for this round: an image pushed, then its manifest deleted.
        const Image garbage = makeImage(QStringLiteral("garbage-%1").arg(step));
        QCOMPARE(push(garbage, QStringLiteral("gone")).status, 201);
        HttpClient http(m_ferryd->baseUrl());
        QCOMPARE(http.del(QStringLiteral("/v2/%1/manifests/%2").arg(kRepo, garbage.digest)).status,
                 202);
        m_ferryd->stop();

        const QByteArray failure = kFailures[step % 3];
        const QByteArray context = "gc step " + QByteArray::number(step) + " (" + failure + ")";
        setRule("ops=write,fsync,rename,open,ftruncate nth=" + QByteArray::number(step) +
                " error=" + failure + " path=" + data);
        QProcess gc;
        gc.setProcessEnvironment(env);
        gc.start(ferrydPath(), {QStringLiteral("gc"), QStringLiteral("--data"), m_ferryd->dataDir(),
                                QStringLiteral("--grace"), QStringLiteral("0")});
        const bool finished = gc.waitForFinished(60000);
        clearRule();
        if (!finished) {
            gc.kill();
            gc.waitForFinished(5000);
        }
        QVERIFY2(finished, context + ": gc hung");
        QVERIFY2(gc.exitStatus() == QProcess::NormalExit, context + ": gc crashed");
        const bool faulted = fired();

        // Whatever the fault did, the store is consistent (stray files
        // aside), a collection without the fault finishes the job, and
        // what was acknowledged is intact.
        const QString problems = runFsck();
        QVERIFY2(problems.isEmpty(), qPrintable(context + ": " + problems));
        QProcess again;
        again.start(ferrydPath(),
                    {QStringLiteral("gc"), QStringLiteral("--data"), m_ferryd->dataDir(),
                     QStringLiteral("--grace"), QStringLiteral("0")});
        QVERIFY2(again.waitForFinished(60000) && again.exitCode() == 0,
                 context + ": gc retry failed");
        QVERIFY2(m_ferryd->restart(), qPrintable(m_ferryd->errorString()));
        if (step % 5 == 0 || !faulted)
            verifyAcknowledged();
        qInfo("gc step %d: %s, %lld ms so far", step, faulted ? "fault injected" : "no fault left",
              budget.elapsed());
        if (!faulted)
            break;
    }
    QVERIFY2(step > 3, "garbage collection made suspiciously few storage calls");
    QVERIFY2(step <= kMaxSteps, "the sweep never reached the end of a collection");
    qInfo("gc sweep: %d steps", step);
    verifyAcknowledged();
}

QTEST_GUILESS_MAIN(TestFaultInjection)
#include "tst_fault_injection.moc"
