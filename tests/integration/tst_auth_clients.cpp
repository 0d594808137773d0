// Real clients through ferryd's token flow: skopeo pushes as the admin,
// pulls with a `_repositories_pull` token (the copy back is digest
// identical) and is refused a push with it; podman logs in with the token
// (password on stdin, a private auth file and storage), pulls, and is refused
// a push. No command line is ever printed: they carry passwords.

#include "accesskit.h"
#include "ferrydprocess.h"
#include "httpclient.h"
#include "imagebuilder.h"
#include "toolrunner.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace accesskit;

namespace {
constexpr int kToolTimeoutMs = 90000;
}

class TestAuthClients : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void skopeoPushesAsAdmin();
    void skopeoPullsWithPullToken();
    void skopeoPushWithPullTokenIsRefused();
    void podmanLoginPullAndRefusedPush();
    void cleanupTestCase();

private:
    SecretRun skopeo(const QStringList& args);
    QString remote(const QString& repositoryAndTag) const {
        return QStringLiteral("docker://") + m_ferryd.hostPort() + QLatin1Char('/') +
               repositoryAndTag;
    }
    QString describe(const SecretRun& run, const QString& program) const {
        return run.describe(program, m_secrets);
    }
    int manifestStatus(const QString& repository, const QString& reference);

    FerrydProcess m_ferryd;
    QTemporaryDir m_work;
    QString m_skopeo;
    QString m_layout;
    QProcessEnvironment m_env;
    OciLayoutImage m_image;
    QString m_pullPassword;
    QStringList m_secrets;
};

SecretRun TestAuthClients::skopeo(const QStringList& args) {
    return runWithInput(m_skopeo, QStringList{QStringLiteral("--insecure-policy")} + args, {},
                        kToolTimeoutMs, m_env);
}

int TestAuthClients::manifestStatus(const QString& repository, const QString& reference) {
    HttpClient http(m_ferryd.baseUrl());
    return http
        .head(QStringLiteral("/v2/%1/manifests/%2").arg(repository, reference),
              authorization(basic(QStringLiteral("admin"), m_ferryd.adminPassword())) +
                  HttpClient::Headers{{"Accept", "application/vnd.oci.image.manifest.v1+json"}})
        .status;
}

void TestAuthClients::initTestCase() {
    m_skopeo = findTool(QStringLiteral("skopeo"));
    if (m_skopeo.isEmpty())
        QSKIP("skopeo is not installed");
    if (findTool(QStringLiteral("umoci")).isEmpty())
        QSKIP("umoci is not installed (needed to build the test image)");
    QVERIFY(m_work.isValid());
    m_env = isolatedClientEnvironment(m_work.path());
    QVERIFY(!m_env.isEmpty());

    m_layout = m_work.filePath(QStringLiteral("layout"));
    QString error;
    auto image =
        ImageBuilder::buildAndRead(m_layout, QStringLiteral("v1"), 2, m_work.path(), &error);
    QVERIFY2(image, qPrintable(error));
    m_image = *image;

    m_ferryd.setAccessControl(true);
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    m_secrets << m_ferryd.adminPassword();
    AdminApi admin(m_ferryd);
    const auto passwords =
        admin.createToken(QStringLiteral("clients-pull"), QStringLiteral("_repositories_pull"));
    QVERIFY(passwords);
    m_secrets += *passwords;
    m_pullPassword = passwords->first();
}

void TestAuthClients::skopeoPushesAsAdmin() {
    // Without credentials the push is refused...
    const QString source = QStringLiteral("oci:") + m_layout + QStringLiteral(":v1");
    const SecretRun anonymous =
        skopeo({QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"), source,
                remote(QStringLiteral("clients/app:v1"))});
    QVERIFY2(anonymous.started && !anonymous.timedOut && anonymous.exitCode != 0,
             qPrintable(describe(anonymous, QStringLiteral("skopeo"))));
    QCOMPARE(manifestStatus(QStringLiteral("clients/app"), QStringLiteral("v1")), 404);
    // ...and with the admin's it goes through.
    const SecretRun push =
        skopeo({QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
                QStringLiteral("--dest-creds"), QStringLiteral("admin:") + m_ferryd.adminPassword(),
                source, remote(QStringLiteral("clients/app:v1"))});
    QVERIFY2(push.ok(), qPrintable(describe(push, QStringLiteral("skopeo"))));
    QCOMPARE(manifestStatus(QStringLiteral("clients/app"), QStringLiteral("v1")), 200);
    QCOMPARE(manifestStatus(QStringLiteral("clients/app"), m_image.manifestDigest), 200);
}

void TestAuthClients::skopeoPullsWithPullToken() {
    const QString creds = QStringLiteral("clients-pull:") + m_pullPassword;
    const SecretRun info =
        skopeo({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
                QStringLiteral("--creds"), creds, remote(QStringLiteral("clients/app:v1"))});
    QVERIFY2(info.ok(), qPrintable(describe(info, QStringLiteral("skopeo"))));
    QCOMPARE(QJsonDocument::fromJson(info.out).object().value(QStringLiteral("Digest")).toString(),
             m_image.manifestDigest);

    const QString back = m_work.filePath(QStringLiteral("copied-back"));
    const SecretRun pull =
        skopeo({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"),
                QStringLiteral("--src-creds"), creds, remote(QStringLiteral("clients/app:v1")),
                QStringLiteral("oci:") + back + QStringLiteral(":v1")});
    QVERIFY2(pull.ok(), qPrintable(describe(pull, QStringLiteral("skopeo"))));
    QString error;
    const auto copy = readOciLayout(back, QStringLiteral("v1"), &error);
    QVERIFY2(copy, qPrintable(error));
    QCOMPARE(copy->manifestDigest, m_image.manifestDigest);
    QCOMPARE(copy->manifest, m_image.manifest);
    QCOMPARE(copy->blobDigests(), m_image.blobDigests());
    for (const QString& digest : copy->blobDigests())
        QCOMPARE(fileDigest(layoutBlobPath(back, digest)), digest);

    // A wrong password gets nothing.
    const SecretRun wrong = skopeo(
        {QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"), QStringLiteral("--creds"),
         QStringLiteral("clients-pull:wrong-password-0123456789abcdefghij"),
         remote(QStringLiteral("clients/app:v1"))});
    QVERIFY2(wrong.started && !wrong.timedOut && wrong.exitCode != 0,
             qPrintable(describe(wrong, QStringLiteral("skopeo"))));
}

void TestAuthClients::skopeoPushWithPullTokenIsRefused() {
    const SecretRun push =
        skopeo({QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
                QStringLiteral("--dest-creds"), QStringLiteral("clients-pull:") + m_pullPassword,
                QStringLiteral("oci:") + m_layout + QStringLiteral(":v1"),
                remote(QStringLiteral("clients/stolen:v1"))});
    QVERIFY2(push.started && !push.timedOut && push.exitCode != 0,
             qPrintable(describe(push, QStringLiteral("skopeo"))));
    QVERIFY2(push.err.toLower().contains("denied"),
             qPrintable(describe(push, QStringLiteral("skopeo"))));
    QCOMPARE(manifestStatus(QStringLiteral("clients/stolen"), QStringLiteral("v1")), 404);
    for (const QString& secret : m_secrets)
        QVERIFY(!push.err.contains(secret.toUtf8()) && !push.out.contains(secret.toUtf8()));
}

void TestAuthClients::podmanLoginPullAndRefusedPush() {
    const QString podmanPath = findTool(QStringLiteral("podman"));
    if (podmanPath.isEmpty())
        QSKIP("podman is not installed");
    const QString authFile = m_work.filePath(QStringLiteral("podman-auth.json"));
    // podman refuses a runroot longer than 50 characters: keep it short.
    QTemporaryDir runRoot(QStringLiteral("/tmp/fpr-XXXXXX"));
    QVERIFY(runRoot.isValid());
    const QStringList storage{
        QStringLiteral("--root"),           m_work.filePath(QStringLiteral("podman-root")),
        QStringLiteral("--runroot"),        runRoot.path(),
        QStringLiteral("--storage-driver"), QStringLiteral("vfs"),
        QStringLiteral("--events-backend"), QStringLiteral("file"),
        QStringLiteral("--cgroup-manager"), QStringLiteral("cgroupfs")};
    auto podman = [&](const QStringList& args, const QByteArray& input = {}) {
        return runWithInput(podmanPath, storage + args, input, kToolTimeoutMs, m_env);
    };
    const QString host = m_ferryd.hostPort();
    // A wrong password is refused at login.
    const SecretRun badLogin =
        podman({QStringLiteral("login"), QStringLiteral("--tls-verify=false"),
                QStringLiteral("--authfile"), authFile, QStringLiteral("-u"),
                QStringLiteral("clients-pull"), QStringLiteral("--password-stdin"), host},
               "wrong-password-0123456789abcdefghij\n");
    QVERIFY2(badLogin.started && !badLogin.timedOut && badLogin.exitCode != 0,
             qPrintable(describe(badLogin, QStringLiteral("podman"))));
    // Refused by ferryd, not by some local setup problem.
    QVERIFY2(badLogin.err.contains("invalid username/password") ||
                 badLogin.err.toLower().contains("unauthorized"),
             qPrintable(describe(badLogin, QStringLiteral("podman"))));

    const SecretRun login =
        podman({QStringLiteral("login"), QStringLiteral("--tls-verify=false"),
                QStringLiteral("--authfile"), authFile, QStringLiteral("-u"),
                QStringLiteral("clients-pull"), QStringLiteral("--password-stdin"), host},
               m_pullPassword.toUtf8() + '\n');
    QVERIFY2(login.ok(), qPrintable(describe(login, QStringLiteral("podman"))));
    QVERIFY(!login.out.contains(m_pullPassword.toUtf8()) &&
            !login.err.contains(m_pullPassword.toUtf8()));

    const QString pulled = host + QStringLiteral("/clients/app:v1");
    const SecretRun pull = podman({QStringLiteral("pull"), QStringLiteral("--tls-verify=false"),
                                   QStringLiteral("--authfile"), authFile, pulled});
    QVERIFY2(pull.ok(), qPrintable(describe(pull, QStringLiteral("podman"))));
    const SecretRun digest =
        podman({QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
                QStringLiteral("{{.Digest}}"), pulled});
    QVERIFY2(digest.ok(), qPrintable(describe(digest, QStringLiteral("podman"))));
    QCOMPARE(QString::fromUtf8(digest.out).trimmed(), m_image.manifestDigest);

    const QString target = host + QStringLiteral("/clients/podman-copy:v1");
    const SecretRun tag = podman({QStringLiteral("tag"), pulled, target});
    QVERIFY2(tag.ok(), qPrintable(describe(tag, QStringLiteral("podman"))));
    const SecretRun push = podman({QStringLiteral("push"), QStringLiteral("--tls-verify=false"),
                                   QStringLiteral("--authfile"), authFile, target});
    QVERIFY2(push.started && !push.timedOut && push.exitCode != 0,
             qPrintable(describe(push, QStringLiteral("podman"))));
    QVERIFY2(push.err.toLower().contains("denied"),
             qPrintable(describe(push, QStringLiteral("podman"))));
    QCOMPARE(manifestStatus(QStringLiteral("clients/podman-copy"), QStringLiteral("v1")), 404);
    podman({QStringLiteral("rmi"), QStringLiteral("--all"), QStringLiteral("--force")});
}

void TestAuthClients::cleanupTestCase() {
    m_ferryd.stop();
    for (const QString& secret : m_secrets)
        QVERIFY(!m_ferryd.stderrLog().contains(secret.toUtf8()));
}

QTEST_GUILESS_MAIN(TestAuthClients)
#include "tst_auth_clients.moc"
