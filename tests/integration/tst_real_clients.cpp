// Real clients against the real ferryd: an image built by umoci (real tar+gzip
// layers) is pushed, inspected, listed, copied back and deleted with skopeo,
// and pulled, retagged and pushed with podman (in a private storage folder, so
// the machine's images are never touched). Round trips must be byte exact.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "imagebuilder.h"
#include "toolrunner.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr int kToolTimeoutMs = 90000;
}

class TestRealClients : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void skopeoInspectShowsThePushedDigests();
    void registryServesEveryBlobByItsDigest();
    void skopeoListTagsShowsEveryPushedTag();
    void skopeoCopyBackIsByteIdentical();
    void skopeoDeleteRemovesTheManifest();
    void podmanPullTagPushKeepsLayerDigests();

private:
    ToolRun skopeo(const QStringList& args);
    QString remote(const QString& repositoryAndTag) const {
        return QStringLiteral("docker://") + m_ferryd.hostPort() + QLatin1Char('/') +
               repositoryAndTag;
    }
    QJsonObject inspect(const QString& repositoryAndTag);

    FerrydProcess m_ferryd;
    QTemporaryDir m_work;
    QString m_skopeo;
    QString m_layout;
    QProcessEnvironment m_env;
    OciLayoutImage m_image;
};

ToolRun TestRealClients::skopeo(const QStringList& args) {
    return runTool(m_skopeo, QStringList{QStringLiteral("--insecure-policy")} + args,
                   kToolTimeoutMs, m_env);
}

QJsonObject TestRealClients::inspect(const QString& repositoryAndTag) {
    const ToolRun run = skopeo({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
                                remote(repositoryAndTag)});
    if (!run.ok()) {
        qWarning().noquote() << run.describe();
        return {};
    }
    return QJsonDocument::fromJson(run.out).object();
}

void TestRealClients::initTestCase() {
    // CI installs skopeo, podman and umoci; a machine without them cannot run this test.
    m_skopeo = findTool(QStringLiteral("skopeo"));
    if (m_skopeo.isEmpty())
        QSKIP("skopeo is not installed (CI installs it)");
    if (findTool(QStringLiteral("umoci")).isEmpty())
        QSKIP("umoci is not installed (CI installs it)");
    QVERIFY(m_work.isValid());
    m_env = isolatedClientEnvironment(m_work.path());
    QVERIFY(!m_env.isEmpty());

    m_layout = m_work.filePath(QStringLiteral("layout"));
    QString error;
    auto image =
        ImageBuilder::buildAndRead(m_layout, QStringLiteral("v1"), 3, m_work.path(), &error);
    QVERIFY2(image, qPrintable(error));
    m_image = *image;
    QCOMPARE(m_image.layerDigests.size(), 3);

    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    const QString source = QStringLiteral("oci:") + m_layout + QStringLiteral(":v1");
    for (const QString& tag : {QStringLiteral("v1"), QStringLiteral("stable")}) {
        const ToolRun push =
            skopeo({QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"), source,
                    remote(QStringLiteral("real/app:") + tag)});
        QVERIFY2(push.ok(), qPrintable(push.describe()));
    }
}

void TestRealClients::skopeoInspectShowsThePushedDigests() {
    const QJsonObject info = inspect(QStringLiteral("real/app:v1"));
    QCOMPARE(info.value(QStringLiteral("Digest")).toString(), m_image.manifestDigest);
    QStringList layers;
    for (const auto& layer : info.value(QStringLiteral("Layers")).toArray())
        layers << layer.toString();
    QCOMPARE(layers, m_image.layerDigests);

    const ToolRun raw =
        skopeo({QStringLiteral("inspect"), QStringLiteral("--raw"),
                QStringLiteral("--tls-verify=false"), remote(QStringLiteral("real/app:v1"))});
    QVERIFY2(raw.ok(), qPrintable(raw.describe()));
    QCOMPARE(raw.out, m_image.manifest);
}

void TestRealClients::registryServesEveryBlobByItsDigest() {
    HttpClient http(m_ferryd.baseUrl());
    for (const QString& digest : m_image.blobDigests()) {
        const HttpReply reply = http.get(QStringLiteral("/v2/real/app/blobs/") + digest);
        QCOMPARE(reply.status, 200);
        QCOMPARE(ociDigest(reply.body), digest);
        QCOMPARE(QString::fromLatin1(reply.header("Docker-Content-Digest")), digest);
    }
    const HttpReply manifest = http.get(QStringLiteral("/v2/real/app/manifests/v1"),
                                        {{"Accept", "application/vnd.oci.image.manifest.v1+json"}});
    QCOMPARE(manifest.status, 200);
    QCOMPARE(manifest.body, m_image.manifest);
}

void TestRealClients::skopeoListTagsShowsEveryPushedTag() {
    const ToolRun run = skopeo({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"),
                                remote(QStringLiteral("real/app"))});
    QVERIFY2(run.ok(), qPrintable(run.describe()));
    const QJsonObject listing = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(listing.value(QStringLiteral("Repository")).toString(),
             m_ferryd.hostPort() + QStringLiteral("/real/app"));
    QStringList tags;
    for (const auto& tag : listing.value(QStringLiteral("Tags")).toArray())
        tags << tag.toString();
    tags.sort();
    QCOMPARE(tags, (QStringList{QStringLiteral("stable"), QStringLiteral("v1")}));
}

void TestRealClients::skopeoCopyBackIsByteIdentical() {
    const QString fresh = m_work.filePath(QStringLiteral("copied-back"));
    const ToolRun pull = skopeo({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"),
                                 remote(QStringLiteral("real/app:v1")),
                                 QStringLiteral("oci:") + fresh + QStringLiteral(":v1")});
    QVERIFY2(pull.ok(), qPrintable(pull.describe()));
    QString error;
    const auto copy = readOciLayout(fresh, QStringLiteral("v1"), &error);
    QVERIFY2(copy, qPrintable(error));
    QCOMPARE(copy->manifestDigest, m_image.manifestDigest);
    QCOMPARE(copy->manifest, m_image.manifest);
    QCOMPARE(copy->blobDigests(), m_image.blobDigests());
    for (const QString& digest : copy->blobDigests() + QStringList{copy->manifestDigest}) {
        // Each copied blob is the original's bytes: it hashes to its name,
        // and so does the original.
        QCOMPARE(fileDigest(layoutBlobPath(fresh, digest)), digest);
        QCOMPARE(fileDigest(layoutBlobPath(m_layout, digest)), digest);
        QCOMPARE(QFileInfo(layoutBlobPath(fresh, digest)).size(),
                 QFileInfo(layoutBlobPath(m_layout, digest)).size());
    }
}

void TestRealClients::skopeoDeleteRemovesTheManifest() {
    const QString source = QStringLiteral("oci:") + m_layout + QStringLiteral(":v1");
    const ToolRun push = skopeo({QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
                                 source, remote(QStringLiteral("real/doomed:v1"))});
    QVERIFY2(push.ok(), qPrintable(push.describe()));
    QCOMPARE(inspect(QStringLiteral("real/doomed:v1")).value(QStringLiteral("Digest")).toString(),
             m_image.manifestDigest);

    const ToolRun removal = skopeo({QStringLiteral("delete"), QStringLiteral("--tls-verify=false"),
                                    remote(QStringLiteral("real/doomed:v1"))});
    QVERIFY2(removal.ok(), qPrintable(removal.describe()));
    const ToolRun after = skopeo({QStringLiteral("inspect"), QStringLiteral("--tls-verify=false"),
                                  remote(QStringLiteral("real/doomed:v1"))});
    QVERIFY2(after.started && !after.timedOut && after.exitCode != 0, qPrintable(after.describe()));
    HttpClient http(m_ferryd.baseUrl());
    QCOMPARE(http.get(QStringLiteral("/v2/real/doomed/manifests/") + m_image.manifestDigest).status,
             404);
    // Deleting in one repository leaves the others alone.
    QCOMPARE(inspect(QStringLiteral("real/app:v1")).value(QStringLiteral("Digest")).toString(),
             m_image.manifestDigest);
}

void TestRealClients::podmanPullTagPushKeepsLayerDigests() {
    const QString podmanPath = findTool(QStringLiteral("podman"));
    if (podmanPath.isEmpty())
        QSKIP("podman is not installed (CI installs it)");
    // A private store: its own root, runroot and the vfs driver (no overlay
    // mounts needed), so the machine's containers and images are untouched.
    // podman refuses a runroot longer than 50 characters, hence a short path.
    QTemporaryDir store(QStringLiteral("/tmp/fpod-XXXXXX"));
    QVERIFY(store.isValid());
    const QStringList storage{
        QStringLiteral("--root"),           store.filePath(QStringLiteral("root")),
        QStringLiteral("--runroot"),        store.filePath(QStringLiteral("run")),
        QStringLiteral("--storage-driver"), QStringLiteral("vfs"),
        QStringLiteral("--events-backend"), QStringLiteral("file"),
        QStringLiteral("--cgroup-manager"), QStringLiteral("cgroupfs")};
    auto podman = [&](const QStringList& args) {
        return runTool(podmanPath, storage + args, kToolTimeoutMs, m_env);
    };
    const QString pulled = m_ferryd.hostPort() + QStringLiteral("/real/app:v1");
    const QString retagged = m_ferryd.hostPort() + QStringLiteral("/real/podman-copy:v1");

    const ToolRun pull =
        podman({QStringLiteral("pull"), QStringLiteral("--tls-verify=false"), pulled});
    QVERIFY2(pull.ok(), qPrintable(pull.describe()));
    const ToolRun tag = podman({QStringLiteral("tag"), pulled, retagged});
    QVERIFY2(tag.ok(), qPrintable(tag.describe()));
    const ToolRun push =
        podman({QStringLiteral("push"), QStringLiteral("--tls-verify=false"), retagged});
    QVERIFY2(push.ok(), qPrintable(push.describe()));

    const QJsonObject info = inspect(QStringLiteral("real/podman-copy:v1"));
    QStringList layers;
    for (const auto& layer : info.value(QStringLiteral("Layers")).toArray())
        layers << layer.toString();
    QCOMPARE(layers, m_image.layerDigests);
    HttpClient http(m_ferryd.baseUrl());
    for (const QString& digest : layers) {
        const HttpReply blob = http.get(QStringLiteral("/v2/real/podman-copy/blobs/") + digest);
        QCOMPARE(blob.status, 200);
        QCOMPARE(ociDigest(blob.body), digest);
    }
    podman({QStringLiteral("rmi"), QStringLiteral("--all"), QStringLiteral("--force")});
}

QTEST_GUILESS_MAIN(TestRealClients)
#include "tst_real_clients.moc"
