// SIGHUP on the real ferryd: an open keep-alive TLS connection keeps working
// across a reload, a new handshake gets the new certificate, the log level
// follows the configuration file, and a broken certificate on reload keeps
// the previous one in service instead of taking https down.

#include "ferrydprocess.h"
#include "toolrunner.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

bool writeFile(const QString& path, const QByteArray& content) {
    // Write beside, then rename: ferryd never reads half a file.
    QFile file(path + QStringLiteral(".new"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(content) != content.size())
        return false;
    file.close();
    QFile::remove(path);
    return QFile::rename(path + QStringLiteral(".new"), path);
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One GET /v2/ on an open connection; returns the status (0: no answer).
int keepAliveGet(QSslSocket& socket) {
    socket.write("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray received;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        const qsizetype headEnd = received.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const QByteArray head = received.left(headEnd).toLower();
            const qsizetype lengthAt = head.indexOf("content-length:");
            const int length =
                lengthAt < 0 ? 0
                             : head.mid(lengthAt + 15, head.indexOf('\r', lengthAt) - lengthAt - 15)
                                   .trimmed()
                                   .toInt();
            if (received.size() >= headEnd + 4 + length)
                return received.mid(9, 3).toInt();
        }
        if (!socket.waitForReadyRead(int(deadline.remainingTime())) &&
            socket.state() != QAbstractSocket::ConnectedState)
            return 0;
        received += socket.readAll();
    }
    return 0;
}

bool connectTls(QSslSocket& socket, quint16 port) {
    socket.setPeerVerifyMode(QSslSocket::VerifyNone); // the test compares the certificate itself
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    return socket.waitForEncrypted(10000);
}

} // namespace

class TestFerrydReload : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void keepAliveConnectionSurvivesAndNewHandshakesSeeTheNewCertificate();
    void brokenCertificateOnReloadKeepsThePreviousOne();

private:
    // A fresh self-signed pair from ferryd init-tls, as PEM.
    void makePair(const QString& name, QByteArray* cert, QByteArray* key);
    bool hangUpAndWaitFor(const QByteArray& logLine);

    QTemporaryDir m_work;
    QString m_certFile;
    QString m_keyFile;
    QString m_configFile;
    std::unique_ptr<FerrydProcess> m_ferryd;
    QSslCertificate m_first;
    QSslCertificate m_second;
};

void TestFerrydReload::makePair(const QString& name, QByteArray* cert, QByteArray* key) {
    const QString folder = m_work.filePath(name);
    const ToolRun run =
        runTool(ferrydPath(), {QStringLiteral("init-tls"), QStringLiteral("--data"), folder,
                               QStringLiteral("--ip"), QStringLiteral("127.0.0.1")});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    *cert = readAll(folder + QStringLiteral("/tls/cert.pem"));
    *key = readAll(folder + QStringLiteral("/tls/key.pem"));
    QVERIFY(!cert->isEmpty() && !key->isEmpty());
}

bool TestFerrydReload::hangUpAndWaitFor(const QByteArray& logLine) {
    const qsizetype before = m_ferryd->stderrLog().size();
    ::kill(pid_t(m_ferryd->process().processId()), SIGHUP);
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        QTest::qWait(50);
        if (m_ferryd->stderrLog().mid(before).contains(logLine))
            return true;
    }
    return false;
}

void TestFerrydReload::initTestCase() {
    QVERIFY(m_work.isValid());
    QByteArray cert, key;
    makePair(QStringLiteral("first"), &cert, &key);
    m_first = QSslCertificate(cert);
    m_certFile = m_work.filePath(QStringLiteral("cert.pem"));
    m_keyFile = m_work.filePath(QStringLiteral("key.pem"));
    QVERIFY(writeFile(m_certFile, cert) && writeFile(m_keyFile, key));
    m_configFile = m_work.filePath(QStringLiteral("ferryd.conf"));
    const QByteArray config =
        "tls-cert = " + m_certFile.toUtf8() + "\ntls-key = " + m_keyFile.toUtf8() + "\n";
    QVERIFY(writeFile(m_configFile, config + "log-level = info\n"));
    m_ferryd =
        std::make_unique<FerrydProcess>(QStringList{QStringLiteral("--config"), m_configFile});
    QVERIFY2(m_ferryd->start(), qPrintable(m_ferryd->errorString()));
    QCOMPARE(m_ferryd->baseUrl().scheme(), QStringLiteral("https"));

    makePair(QStringLiteral("second"), &cert, &key);
    m_second = QSslCertificate(cert);
    QVERIFY(m_first != m_second);
}

void TestFerrydReload::keepAliveConnectionSurvivesAndNewHandshakesSeeTheNewCertificate() {
    const quint16 port = quint16(m_ferryd->baseUrl().port());
    QSslSocket open;
    QVERIFY2(connectTls(open, port), qPrintable(open.errorString()));
    QCOMPARE(open.peerCertificate(), m_first);
    QCOMPARE(keepAliveGet(open), 200);
    QVERIFY(!m_ferryd->stderrLog().contains(" DEBUG "));

    // The operator renews the certificate and turns on debug logging.
    QByteArray cert = readAll(m_work.filePath(QStringLiteral("second/tls/cert.pem")));
    QByteArray key = readAll(m_work.filePath(QStringLiteral("second/tls/key.pem")));
    QVERIFY(writeFile(m_certFile, cert) && writeFile(m_keyFile, key));
    QVERIFY(writeFile(m_configFile, "tls-cert = " + m_certFile.toUtf8() + "\ntls-key = " +
                                        m_keyFile.toUtf8() + "\nlog-level = debug\n"));
    QVERIFY2(hangUpAndWaitFor("SIGHUP: reloaded"), m_ferryd->stderrLog().constData());

    // The connection opened before the reload still answers, on the same socket.
    QCOMPARE(open.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(keepAliveGet(open), 200);
    QCOMPARE(keepAliveGet(open), 200);
    QTRY_VERIFY_WITH_TIMEOUT(m_ferryd->stderrLog().contains(" DEBUG "), 5000);

    QSslSocket fresh;
    QVERIFY2(connectTls(fresh, port), qPrintable(fresh.errorString()));
    QCOMPARE(fresh.peerCertificate(), m_second);
    QCOMPARE(keepAliveGet(fresh), 200);
    QCOMPARE(m_ferryd->process().state(), QProcess::Running);
}

void TestFerrydReload::brokenCertificateOnReloadKeepsThePreviousOne() {
    QVERIFY(
        writeFile(m_certFile, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n"));
    QVERIFY2(hangUpAndWaitFor("still serving the previous certificate"),
             m_ferryd->stderrLog().constData());
    QSslSocket fresh;
    QVERIFY2(connectTls(fresh, quint16(m_ferryd->baseUrl().port())),
             qPrintable(fresh.errorString()));
    QCOMPARE(fresh.peerCertificate(), m_second);
    QCOMPARE(keepAliveGet(fresh), 200);

    // A key from another pair is refused the same way.
    QVERIFY(writeFile(m_certFile, readAll(m_work.filePath(QStringLiteral("first/tls/cert.pem")))));
    QVERIFY2(hangUpAndWaitFor("cannot load TLS key"), m_ferryd->stderrLog().constData());
    QSslSocket again;
    QVERIFY2(connectTls(again, quint16(m_ferryd->baseUrl().port())),
             qPrintable(again.errorString()));
    QCOMPARE(again.peerCertificate(), m_second);
}

QTEST_GUILESS_MAIN(TestFerrydReload)
#include "tst_ferryd_reload.moc"
