// ferryd serving https with --tls-cert/--tls-key: a client that trusts the
// certificate gets the API, one that does not is refused by its own TLS check,
// skopeo pushes both with verification off and with the certificate in
// --dest-cert-dir, and plain http on the TLS port fails without hurting the
// server. The certificate comes from the openssl CLI for now.

#include "ferrydprocess.h"
#include "imagebuilder.h"
#include "toolrunner.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

struct TlsReply {
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QSslCertificate peer;
};

// GET over https, trusting only `trusted` when it is given (otherwise the
// system's CAs, which do not know our self-signed certificate).
TlsReply httpsGet(const QUrl& url, const QList<QSslCertificate>& trusted) {
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    if (!trusted.isEmpty()) {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setCaCertificates(trusted);
        request.setSslConfiguration(config);
    }
    QNetworkReply* reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    TlsReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.error = reply->isFinished() ? reply->error() : QNetworkReply::TimeoutError;
    result.errorString = reply->errorString();
    result.peer = reply->sslConfiguration().peerCertificate();
    reply->deleteLater();
    return result;
}

} // namespace

class TestTls : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void trustedClientGetsTheApiOverHttps();
    void untrustedClientIsRefused();
    void plainHttpOnTheTlsPortFailsCleanly();
    void skopeoPushesWithoutVerification();
    void skopeoPushesTrustingTheCertDir();
    void skopeoRefusesWithoutTheCertificate();

private:
    ToolRun skopeoCopy(const QStringList& tlsArgs, const QString& repository);
    void requireImage();

    QTemporaryDir m_work;
    QString m_certFile;
    QString m_keyFile;
    QString m_certDir;
    QSslCertificate m_cert;
    std::unique_ptr<FerrydProcess> m_ferryd;
    QString m_layout;
    QProcessEnvironment m_env;
};

void TestTls::initTestCase() {
    const QString openssl = findTool(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("the openssl CLI is not installed (CI installs it)");
    QVERIFY(m_work.isValid());
    m_certFile = m_work.filePath(QStringLiteral("cert.pem"));
    m_keyFile = m_work.filePath(QStringLiteral("key.pem"));
    const ToolRun generate =
        runTool(openssl,
                {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                 QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                 QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                 QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                 QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                 QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"),
                 m_keyFile, QStringLiteral("-out"), m_certFile},
                30000);
    QVERIFY2(generate.ok(), qPrintable(generate.describe()));
    const auto certs = QSslCertificate::fromPath(m_certFile);
    QCOMPARE(certs.size(), 1);
    m_cert = certs.first();
    // skopeo and podman look for <dir>/ca.crt.
    m_certDir = m_work.filePath(QStringLiteral("certs.d"));
    QVERIFY(QDir().mkpath(m_certDir));
    QVERIFY(QFile::copy(m_certFile, m_certDir + QStringLiteral("/ca.crt")));

    m_ferryd = std::make_unique<FerrydProcess>(QStringList{QStringLiteral("--tls-cert"), m_certFile,
                                                           QStringLiteral("--tls-key"), m_keyFile});
    QVERIFY2(m_ferryd->start(), qPrintable(m_ferryd->errorString()));
    QCOMPARE(m_ferryd->baseUrl().scheme(), QStringLiteral("https"));

    m_env = QProcessEnvironment::systemEnvironment();
    const QString authFile = m_work.filePath(QStringLiteral("auth.json"));
    QFile auth(authFile);
    QVERIFY(auth.open(QIODevice::WriteOnly) && auth.write("{\"auths\":{}}") > 0);
    m_env.insert(QStringLiteral("REGISTRY_AUTH_FILE"), authFile);
}

void TestTls::trustedClientGetsTheApiOverHttps() {
    const TlsReply reply =
        httpsGet(m_ferryd->baseUrl().resolved(QUrl(QStringLiteral("/v2/"))), {m_cert});
    QVERIFY2(reply.error == QNetworkReply::NoError, qPrintable(reply.errorString));
    QCOMPARE(reply.status, 200);
    QVERIFY(QJsonDocument::fromJson(reply.body).isObject());
    QCOMPARE(reply.peer, m_cert);
    const TlsReply missing = httpsGet(
        m_ferryd->baseUrl().resolved(QUrl(QStringLiteral("/v2/none/manifests/x"))), {m_cert});
    QCOMPARE(missing.status, 404);
}

void TestTls::untrustedClientIsRefused() {
    const TlsReply reply = httpsGet(m_ferryd->baseUrl().resolved(QUrl(QStringLiteral("/v2/"))), {});
    QCOMPARE(reply.status, 0);
    QCOMPARE(reply.error, QNetworkReply::SslHandshakeFailedError);
}

void TestTls::plainHttpOnTheTlsPortFailsCleanly() {
    for (int attempt = 0; attempt < 3; ++attempt) {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_ferryd->baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(5000));
        // ferryd must close the connection (a TLS alert at most), promptly,
        // and never answer plain HTTP.
        QByteArray received;
        QDeadlineTimer deadline(10000);
        while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
            socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
            received += socket.readAll();
        }
        received += socket.readAll();
        QVERIFY2(socket.state() != QAbstractSocket::ConnectedState,
                 "ferryd kept a plain-http connection open");
        QVERIFY2(!received.startsWith("HTTP/"), received.constData());
    }
    QCOMPARE(m_ferryd->process().state(), QProcess::Running);
    const TlsReply after =
        httpsGet(m_ferryd->baseUrl().resolved(QUrl(QStringLiteral("/v2/"))), {m_cert});
    QCOMPARE(after.status, 200);
}

void TestTls::requireImage() {
    if (findTool(QStringLiteral("skopeo")).isEmpty() || findTool(QStringLiteral("umoci")).isEmpty())
        QSKIP("skopeo or umoci is not installed (CI installs them)");
    if (!m_layout.isEmpty())
        return;
    const QString layout = m_work.filePath(QStringLiteral("layout"));
    QString error;
    QVERIFY2(ImageBuilder::build(layout, QStringLiteral("v1"), 2, m_work.path(), &error),
             qPrintable(error));
    m_layout = layout;
}

ToolRun TestTls::skopeoCopy(const QStringList& tlsArgs, const QString& repository) {
    QStringList args{QStringLiteral("--insecure-policy"), QStringLiteral("copy")};
    args += tlsArgs;
    args << QStringLiteral("oci:") + m_layout + QStringLiteral(":v1")
         << QStringLiteral("docker://%1/%2:v1").arg(m_ferryd->hostPort(), repository);
    return runTool(findTool(QStringLiteral("skopeo")), args, 90000, m_env);
}

void TestTls::skopeoPushesWithoutVerification() {
    requireImage();
    if (m_layout.isEmpty())
        return;
    const ToolRun push =
        skopeoCopy({QStringLiteral("--dest-tls-verify=false")}, QStringLiteral("tls/noverify"));
    QVERIFY2(push.ok(), qPrintable(push.describe()));
    QString error;
    const auto image = readOciLayout(m_layout, QStringLiteral("v1"), &error);
    QVERIFY2(image, qPrintable(error));
    const TlsReply manifest = httpsGet(
        m_ferryd->baseUrl().resolved(QUrl(QStringLiteral("/v2/tls/noverify/manifests/v1"))),
        {m_cert});
    QCOMPARE(manifest.status, 200);
    QCOMPARE(manifest.body, image->manifest);
}

void TestTls::skopeoPushesTrustingTheCertDir() {
    requireImage();
    if (m_layout.isEmpty())
        return;
    const ToolRun push = skopeoCopy(
        {QStringLiteral("--dest-tls-verify=true"), QStringLiteral("--dest-cert-dir"), m_certDir},
        QStringLiteral("tls/verified"));
    QVERIFY2(push.ok(), qPrintable(push.describe()));
    const ToolRun inspect =
        runTool(findTool(QStringLiteral("skopeo")),
                {QStringLiteral("inspect"), QStringLiteral("--cert-dir"), m_certDir,
                 QStringLiteral("docker://%1/tls/verified:v1").arg(m_ferryd->hostPort())},
                90000, m_env);
    QVERIFY2(inspect.ok(), qPrintable(inspect.describe()));
    QString error;
    const auto image = readOciLayout(m_layout, QStringLiteral("v1"), &error);
    QVERIFY2(image, qPrintable(error));
    QCOMPARE(
        QJsonDocument::fromJson(inspect.out).object().value(QStringLiteral("Digest")).toString(),
        image->manifestDigest);
}

void TestTls::skopeoRefusesWithoutTheCertificate() {
    requireImage();
    if (m_layout.isEmpty())
        return;
    // With verification on and no way to trust the certificate, the push must
    // fail: proof that the successful verified push really verified.
    const ToolRun push =
        skopeoCopy({QStringLiteral("--dest-tls-verify=true")}, QStringLiteral("tls/refused"));
    QVERIFY2(push.started && !push.timedOut && push.exitCode != 0, qPrintable(push.describe()));
    QVERIFY2(push.err.contains("certificate"), push.err.constData());
    const TlsReply tags = httpsGet(
        m_ferryd->baseUrl().resolved(QUrl(QStringLiteral("/v2/tls/refused/tags/list"))), {m_cert});
    QCOMPARE(tags.status, 404);
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
