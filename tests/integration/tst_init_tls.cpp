// `ferryd init-tls` end to end: the fingerprint it prints is the one openssl
// computes, the key is private (0600), the certificate is ECDSA P-256 with the
// requested SANs, and `ferryd --tls` serves https with it: Qt clients that
// trust only that certificate connect by IP and by name (and one asking for
// another name is refused), and skopeo pushes with verification on, trusting
// the certificate through --dest-cert-dir. Missing arguments exit 2.

#include "ferrydprocess.h"
#include "imagebuilder.h"
#include "toolrunner.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/stat.h>

namespace {

// GET over https trusting only `trusted`; the status, or 0 and the error.
QPair<int, QString> httpsGet(const QUrl& url, const QSslCertificate& trusted) {
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates({trusted});
    request.setSslConfiguration(config);
    QNetworkReply* reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString error = reply->isFinished() ? reply->errorString() : QStringLiteral("timed out");
    delete reply;
    return {status, error};
}

} // namespace

class TestInitTls : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fingerprintMatchesOpenssl();
    void keyIsPrivateAndMatchesTheCertificate();
    void certificateIsP256WithTheSans();
    void servesHttpsToClientsTrustingTheCertificate();
    void skopeoPushesWithVerification();
    void missingArgumentsExitTwo();

private:
    QString openssl(const QStringList& args);

    QTemporaryDir m_data;
    QTemporaryDir m_work;
    QString m_certFile;
    QString m_keyFile;
    QString m_printedFingerprint;
    QSslCertificate m_cert;
    std::unique_ptr<FerrydProcess> m_ferryd;
};

QString TestInitTls::openssl(const QStringList& args) {
    const ToolRun run = runTool(findTool(QStringLiteral("openssl")), args, 30000);
    if (!run.ok())
        qWarning("%s", qPrintable(run.describe()));
    return run.ok() ? QString::fromUtf8(run.out) : QString();
}

void TestInitTls::initTestCase() {
    if (findTool(QStringLiteral("openssl")).isEmpty())
        QSKIP("the openssl CLI is not installed (CI installs it)");
    QVERIFY(m_data.isValid() && m_work.isValid());
    const ToolRun init =
        runTool(ferrydPath(),
                {QStringLiteral("init-tls"), QStringLiteral("--data"), m_data.path(),
                 QStringLiteral("--host"), QStringLiteral("localhost"), QStringLiteral("--ip"),
                 QStringLiteral("127.0.0.1")},
                30000);
    QVERIFY2(init.ok(), qPrintable(init.describe()));
    m_certFile = m_data.filePath(QStringLiteral("tls/cert.pem"));
    m_keyFile = m_data.filePath(QStringLiteral("tls/key.pem"));
    static const QRegularExpression printed(QStringLiteral("SHA-256 fingerprint: ([0-9A-Fa-f:]+)"));
    const auto match = printed.match(QString::fromUtf8(init.out));
    QVERIFY2(match.hasMatch(), init.out.constData());
    m_printedFingerprint = match.captured(1);
    const auto certs = QSslCertificate::fromPath(m_certFile);
    QCOMPARE(certs.size(), 1);
    m_cert = certs.first();
}

void TestInitTls::fingerprintMatchesOpenssl() {
    const QString out = openssl({QStringLiteral("x509"), QStringLiteral("-in"), m_certFile,
                                 QStringLiteral("-noout"), QStringLiteral("-fingerprint"),
                                 QStringLiteral("-sha256")});
    // "sha256 Fingerprint=AB:CD:..." (the label's case differs between versions)
    const qsizetype equals = out.indexOf(QLatin1Char('='));
    QVERIFY2(equals > 0, qPrintable(out));
    QCOMPARE(m_printedFingerprint, out.mid(equals + 1).trimmed());
    QCOMPARE(m_printedFingerprint.count(QLatin1Char(':')), 31);
    QCOMPARE(m_printedFingerprint.remove(QLatin1Char(':')).toLower(),
             QString::fromLatin1(m_cert.digest(QCryptographicHash::Sha256).toHex()));
}

void TestInitTls::keyIsPrivateAndMatchesTheCertificate() {
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(m_keyFile).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 07777), 0600);
    // The key is the certificate's: both yield the same public key.
    const QString fromKey = openssl(
        {QStringLiteral("pkey"), QStringLiteral("-in"), m_keyFile, QStringLiteral("-pubout")});
    const QString fromCert = openssl({QStringLiteral("x509"), QStringLiteral("-in"), m_certFile,
                                      QStringLiteral("-noout"), QStringLiteral("-pubkey")});
    QVERIFY(fromKey.contains(QStringLiteral("BEGIN PUBLIC KEY")));
    QCOMPARE(fromKey, fromCert);
}

void TestInitTls::certificateIsP256WithTheSans() {
    const auto sans = m_cert.subjectAlternativeNames();
    QVERIFY2(sans.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")),
             qPrintable(m_cert.toText()));
    QVERIFY2(sans.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")),
             qPrintable(m_cert.toText()));
    QCOMPARE(m_cert.publicKey().algorithm(), QSsl::Ec);
    QCOMPARE(m_cert.publicKey().length(), 256);
    const QString text = openssl({QStringLiteral("x509"), QStringLiteral("-in"), m_certFile,
                                  QStringLiteral("-noout"), QStringLiteral("-text")});
    QVERIFY2(text.contains(QStringLiteral("id-ecPublicKey")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("prime256v1")) || text.contains(QStringLiteral("P-256")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("ecdsa-with-SHA256")), qPrintable(text));
    QVERIFY(m_cert.expiryDate() > QDateTime::currentDateTimeUtc());
}

void TestInitTls::servesHttpsToClientsTrustingTheCertificate() {
    m_ferryd = std::make_unique<FerrydProcess>(
        QStringList{QStringLiteral("--data"), m_data.path(), QStringLiteral("--tls")});
    QVERIFY2(m_ferryd->start(), qPrintable(m_ferryd->errorString()));
    QCOMPARE(m_ferryd->baseUrl().scheme(), QStringLiteral("https")); // from the ready line
    const int port = m_ferryd->baseUrl().port();
    for (const QString& host : {QStringLiteral("127.0.0.1"), QStringLiteral("localhost")}) {
        const auto [status, error] =
            httpsGet(QUrl(QStringLiteral("https://%1:%2/v2/").arg(host).arg(port)), m_cert);
        QVERIFY2(status == 200, qPrintable(host + QStringLiteral(": ") + error));
    }
    // A raw QSslSocket sees exactly that certificate; asking for a name the
    // certificate lacks fails verification, so the checks above really checked.
    for (const QString& name : {QStringLiteral("localhost"), QStringLiteral("registry.invalid")}) {
        QSslSocket socket;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setCaCertificates({m_cert});
        socket.setSslConfiguration(config);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), quint16(port), name);
        const bool encrypted = socket.waitForEncrypted(15000);
        if (name == QLatin1String("localhost")) {
            QVERIFY2(encrypted, qPrintable(socket.errorString()));
            QCOMPARE(socket.peerCertificate(), m_cert);
        } else {
            QVERIFY(!encrypted);
            bool mismatch = false;
            for (const QSslError& error : socket.sslHandshakeErrors())
                mismatch = mismatch || error.error() == QSslError::HostNameMismatch;
            QVERIFY2(mismatch, qPrintable(socket.errorString()));
        }
    }
}

void TestInitTls::skopeoPushesWithVerification() {
    if (!m_ferryd)
        QSKIP("ferryd is not serving (see the previous test)");
    if (findTool(QStringLiteral("skopeo")).isEmpty() || findTool(QStringLiteral("umoci")).isEmpty())
        QSKIP("skopeo or umoci is not installed (CI installs them)");
    const QString layout = m_work.filePath(QStringLiteral("layout"));
    QString error;
    QVERIFY2(ImageBuilder::build(layout, QStringLiteral("v1"), 1, m_work.path(), &error),
             qPrintable(error));
    const QString certDir = m_work.filePath(QStringLiteral("certs.d"));
    const QString emptyCertDir = m_work.filePath(QStringLiteral("no-certs.d"));
    QVERIFY(QDir().mkpath(certDir) && QDir().mkpath(emptyCertDir));
    QVERIFY(QFile::copy(m_certFile, certDir + QStringLiteral("/ca.crt")));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString authFile = m_work.filePath(QStringLiteral("auth.json"));
    QFile auth(authFile);
    QVERIFY(auth.open(QIODevice::WriteOnly) && auth.write("{\"auths\":{}}") > 0);
    auth.close();
    env.insert(QStringLiteral("REGISTRY_AUTH_FILE"), authFile);
    auto push = [&](const QString& dir, const QString& repository) {
        return runTool(findTool(QStringLiteral("skopeo")),
                       {QStringLiteral("--insecure-policy"), QStringLiteral("copy"),
                        QStringLiteral("--dest-tls-verify=true"), QStringLiteral("--dest-cert-dir"),
                        dir, QStringLiteral("oci:") + layout + QStringLiteral(":v1"),
                        QStringLiteral("docker://localhost:%1/%2:v1")
                            .arg(m_ferryd->baseUrl().port())
                            .arg(repository)},
                       90000, env);
    };
    const ToolRun trusted = push(certDir, QStringLiteral("inittls/app"));
    QVERIFY2(trusted.ok(), qPrintable(trusted.describe()));
    const auto image = readOciLayout(layout, QStringLiteral("v1"), &error);
    QVERIFY2(image, qPrintable(error));
    const QUrl manifest(QStringLiteral("https://localhost:%1/v2/inittls/app/manifests/%2")
                            .arg(m_ferryd->baseUrl().port())
                            .arg(image->manifestDigest));
    QCOMPARE(httpsGet(manifest, m_cert).first, 200);
    // Without the certificate the same push must fail: verification was on.
    const ToolRun untrusted = push(emptyCertDir, QStringLiteral("inittls/refused"));
    QVERIFY2(untrusted.started && !untrusted.timedOut && untrusted.exitCode != 0,
             qPrintable(untrusted.describe()));
    QVERIFY2(untrusted.err.contains("certificate"), untrusted.err.constData());
}

void TestInitTls::missingArgumentsExitTwo() {
    QTemporaryDir data;
    QVERIFY(data.isValid());
    const ToolRun bare = runTool(
        ferrydPath(), {QStringLiteral("init-tls"), QStringLiteral("--data"), data.path()}, 30000);
    QVERIFY2(bare.started && !bare.timedOut, qPrintable(bare.describe()));
    QCOMPARE(bare.exitCode, 2);
    QVERIFY2(bare.err.contains("--host") && bare.err.contains("--ip"), bare.err.constData());
    const ToolRun noValue = runTool(ferrydPath(),
                                    {QStringLiteral("init-tls"), QStringLiteral("--data"),
                                     data.path(), QStringLiteral("--host")},
                                    30000);
    QCOMPARE(noValue.exitCode, 2);
    QVERIFY2(noValue.err.contains("--host"), noValue.err.constData());
    // Nothing was written on the way to refusing.
    QVERIFY(!QFile::exists(data.filePath(QStringLiteral("tls/cert.pem"))));
    QVERIFY(!QFile::exists(data.filePath(QStringLiteral("tls/key.pem"))));
}

QTEST_GUILESS_MAIN(TestInitTls)
#include "tst_init_tls.moc"
