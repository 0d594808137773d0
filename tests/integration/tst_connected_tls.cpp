// Connected mode over https: a root with a self-signed certificate
// (ferryd init-tls) and a connected registry that must be told to trust it.
#include "accesskit.h"
#include "ferrydprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QtTest>

class ConnectedTlsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void httpsParentWithItsCertificate();
};

// An https parent with a self-signed certificate: the child trusts exactly
// that certificate (--parent-ca); without it the handshake is refused and
// the child stays offline, serving what it has.
void ConnectedTlsTest::httpsParentWithItsCertificate() {
    QTemporaryDir work;
    FerrydProcess root;
    QProcess init;
    init.start(ferrydPath(), {"init-tls", "--data", root.dataDir(), "--ip", "127.0.0.1"});
    QVERIFY(init.waitForFinished(30000) && init.exitCode() == 0);
    root.setAccessControl(true);
    root.setExtraArgs({"--tls", "--sync-heartbeat", "1"});
    QVERIFY2(root.start(), qPrintable(root.errorString()));
    QCOMPARE(root.baseUrl().scheme(), QStringLiteral("https"));
    const QString certificate = root.dataDir() + "/tls/cert.pem";

    // Manage it over https, trusting its certificate.
    QNetworkAccessManager nam;
    auto call = [&](const QByteArray& verb, const QString& path, const QJsonObject& body) {
        QNetworkRequest request(root.baseUrl().resolved(QUrl(path)));
        request.setRawHeader("Authorization",
                             accesskit::basic(QStringLiteral("admin"), root.adminPassword()));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(certificate));
        request.setSslConfiguration(tls);
        std::unique_ptr<QNetworkReply> reply(nam.sendCustomRequest(
            request, verb, QJsonDocument(body).toJson(QJsonDocument::Compact)));
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        return QJsonDocument::fromJson(reply->readAll()).object();
    };
    QVERIFY(!call("PUT", "/api/v1/connected-registries/tlsedge",
                  {{"mode", "ReadOnly"}, {"repositories", QJsonArray{"app"}}})
                 .isEmpty());
    const QString text = call("POST", "/api/v1/connected-registries/tlsedge/get-settings",
                              {{"parentProtocol", "https"}, {"generatePassword", 1}})
                             .value("connectionString")
                             .toString();
    QVERIFY(text.contains("ParentEndpointProtocol=https"));
    const QString file = work.filePath("tlsedge.connection");
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(text.toUtf8());
    out.close();

    // Without the certificate: it starts, but the parent is not trusted.
    FerrydProcess untrusting;
    untrusting.setAccessControl(true);
    untrusting.setExtraArgs({"--connection-string-file", file});
    QVERIFY2(untrusting.start(), qPrintable(untrusting.errorString()));
    QVERIFY(QTest::qWaitFor(
        [&] { return untrusting.stderrLog().contains("certificate verify failed"); }, 10000));
    QCOMPARE(call("GET", "/api/v1/connected-registries/tlsedge", {}).value("activation").toString(),
             QStringLiteral("Inactive"));
    untrusting.stop();

    // With it: activates and reports.
    FerrydProcess trusting;
    trusting.setAccessControl(true);
    trusting.setExtraArgs(
        {"--connection-string-file", file, "--parent-ca", certificate, "--sync-heartbeat", "1"});
    QVERIFY2(trusting.start(), qPrintable(trusting.errorString()));
    QVERIFY(QTest::qWaitFor(
        [&] {
            return call("GET", "/api/v1/connected-registries/tlsedge", {})
                       .value("connectionState")
                       .toString() == "Online";
        },
        15000));
}

QTEST_GUILESS_MAIN(ConnectedTlsTest)
#include "tst_connected_tls.moc"
