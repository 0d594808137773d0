// Connected mode end to end (docs/sync-protocol.md): a four-level chain of
// real ferryd processes on loopback,
//   root -> edgea (ReadWrite, behind a proxy the test can cut)
//        -> edgeb (ReadWrite) -> mirrorc (ReadOnly)
// driven with plain HTTP clients and skopeo. Each case checks digests, not
// just status codes, and the root's view of every node's state.
#include "accesskit.h"
#include "cutproxy.h"
#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"
#include "toolrunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <memory>

using namespace ocitest;

namespace {

constexpr int kSyncDeadlineMs = 15000;
const QString kRepository = QStringLiteral("app");

// Incompressible bytes, so a layer's size is what crosses the link.
QByteArray randomBytes(qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(bytes.data()), size / 4);
    return bytes;
}

struct Node {
    QString name;
    QString stringFile; // the connection string, kept out of the command line
    std::unique_ptr<FerrydProcess> process;
};

} // namespace

class ConnectedModeTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pushAtRootReachesTheBottom();
    void pushAtMiddleReachesRootAndBottom();
    void clientTokenChangesReachTwoLevelsDown();
    void readOnlyRegistryRefusesPushes();
    void connectionStringErrorsNameTheField();
    void secondInstanceRefusedUntilDeactivated();
    void blobCutMidTransferResumes();
    void parentKilledMidSyncRecovers();
    void middleStopsBottomServesThenCatchesUp();
    void partitionConflictParentWins();
    void realClientPullsAtTheBottom();
    void notificationsReachTheRootEventStream();
    void cleanupTestCase();

private:
    bool createRegistry(const QString& name, const QString& mode, const QString& parent);
    std::unique_ptr<FerrydProcess> startNode(Node& node, const QString& parentOverride = {});
    QJsonObject registryAtRoot(const QString& name);
    std::unique_ptr<HttpClient> clientOf(const FerrydProcess& process);
    // The digest a node serves for app:<tag>, empty when it has none.
    QString tagDigest(const FerrydProcess& process, const QString& tag);
    bool waitForTag(const FerrydProcess& process, const QString& tag, const QString& digest,
                    int timeoutMs = kSyncDeadlineMs);
    bool waitForState(const QString& name, const QString& state, int timeoutMs);
    std::unique_ptr<HttpClient> rootAdmin();

    FerrydProcess m_root;
    std::unique_ptr<accesskit::AdminApi> m_admin;
    std::unique_ptr<CutProxy> m_proxy;
    QTemporaryDir m_work;
    std::map<QString, Node> m_nodes;
    QString m_clientPassword; // of the token "site-client", a client token of every node
};

void ConnectedModeTest::initTestCase() {
    m_root.setAccessControl(true);
    m_root.setExtraArgs({QStringLiteral("--sync-heartbeat"), QStringLiteral("1")});
    QVERIFY2(m_root.start(), qPrintable(m_root.errorString()));
    m_admin = std::make_unique<accesskit::AdminApi>(m_root);
    m_admin->setPassword(m_root.adminPassword());
    QVERIFY(m_work.isValid());

    // One client token for every site: pull, push and delete on app.
    QVERIFY(m_admin->putScopeMap(QStringLiteral("site-client-map"),
                                 {QStringLiteral("repositories/app/content/read"),
                                  QStringLiteral("repositories/app/content/write"),
                                  QStringLiteral("repositories/app/content/delete"),
                                  QStringLiteral("repositories/app/metadata/read")}));
    const auto passwords =
        m_admin->createToken(QStringLiteral("site-client"), QStringLiteral("site-client-map"));
    QVERIFY(passwords);
    m_clientPassword = passwords->at(0);

    QVERIFY(createRegistry(QStringLiteral("edgea"), QStringLiteral("ReadWrite"), {}));
    QVERIFY(createRegistry(QStringLiteral("edgeb"), QStringLiteral("ReadWrite"),
                           QStringLiteral("edgea")));
    QVERIFY(createRegistry(QStringLiteral("mirrorc"), QStringLiteral("ReadOnly"),
                           QStringLiteral("edgeb")));

    // edgea reaches the root through the proxy, so tests can cut that link.
    m_proxy = std::make_unique<CutProxy>(quint16(m_root.baseUrl().port()));
    QVERIFY(m_proxy->listen());
    for (const QString& name :
         {QStringLiteral("edgea"), QStringLiteral("edgeb"), QStringLiteral("mirrorc")}) {
        Node& node = m_nodes[name];
        node.name = name;
        // A parent that is itself connected learns its child's sync token
        // from its own config a moment after the root defined it; until then
        // it refuses the child, which exits. An operator starts it again.
        for (int attempt = 0; attempt < 5 && !node.process; ++attempt) {
            if (attempt)
                QTest::qWait(1000);
            node.process =
                startNode(node, name == QLatin1String("edgea") ? m_proxy->hostPort() : QString());
        }
        QVERIFY2(node.process, qPrintable(name + " did not start"));
        // The next level's parent endpoint is this node's reported login server.
        QVERIFY2(
            QTest::qWaitFor(
                [&] { return registryAtRoot(name).value("activation").toString() == "Active"; },
                kSyncDeadlineMs),
            qPrintable(name + " never became Active at the root"));
    }
}

bool ConnectedModeTest::createRegistry(const QString& name, const QString& mode,
                                       const QString& parent) {
    QJsonObject body{{"mode", mode},
                     {"repositories", QJsonArray{kRepository}},
                     {"clientTokens", QJsonArray{QStringLiteral("site-client")}}};
    if (!parent.isEmpty())
        body.insert("parent", parent);
    const HttpReply reply = m_admin->call("PUT", "/api/v1/connected-registries/" + name, body);
    if (reply.status != 201)
        qWarning() << "create" << name << reply.status << reply.body;
    return reply.status == 201;
}

std::unique_ptr<FerrydProcess> ConnectedModeTest::startNode(Node& node,
                                                            const QString& parentOverride) {
    if (node.stringFile.isEmpty()) {
        const HttpReply settings =
            m_admin->call("POST", "/api/v1/connected-registries/" + node.name + "/get-settings",
                          QJsonObject{{"parentProtocol", "http"}, {"generatePassword", 1}});
        QString text =
            QJsonDocument::fromJson(settings.body).object().value("connectionString").toString();
        if (!parentOverride.isEmpty())
            text.replace(QRegularExpression("ParentGatewayEndpoint=[^;]*"),
                         "ParentGatewayEndpoint=" + parentOverride);
        node.stringFile = m_work.filePath(node.name + ".connection");
        QFile file(node.stringFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0)
            return nullptr;
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    auto process = std::make_unique<FerrydProcess>();
    process->setAccessControl(true);
    process->setExtraArgs({QStringLiteral("--connection-string-file"), node.stringFile,
                           QStringLiteral("--sync-heartbeat"), QStringLiteral("1")});
    if (!process->start()) {
        qWarning() << node.name << process->errorString();
        return nullptr;
    }
    return process;
}

QJsonObject ConnectedModeTest::registryAtRoot(const QString& name) {
    return QJsonDocument::fromJson(
               m_admin->call("GET", "/api/v1/connected-registries/" + name).body)
        .object();
}

std::unique_ptr<HttpClient> ConnectedModeTest::clientOf(const FerrydProcess& process) {
    auto client = std::make_unique<HttpClient>(process.baseUrl());
    client->setBasicAuth(QStringLiteral("site-client"), m_clientPassword);
    return client;
}

std::unique_ptr<HttpClient> ConnectedModeTest::rootAdmin() {
    auto client = std::make_unique<HttpClient>(m_root.baseUrl());
    client->setBasicAuth(QStringLiteral("admin"), m_root.adminPassword());
    return client;
}

QString ConnectedModeTest::tagDigest(const FerrydProcess& process, const QString& tag) {
    const HttpReply reply =
        clientOf(process)->get("/v2/app/manifests/" + tag, {{"Accept", kOciManifest}});
    return reply.status == 200 ? ociDigest(reply.body) : QString();
}

bool ConnectedModeTest::waitForTag(const FerrydProcess& process, const QString& tag,
                                   const QString& digest, int timeoutMs) {
    return QTest::qWaitFor([&] { return tagDigest(process, tag) == digest; }, timeoutMs);
}

bool ConnectedModeTest::waitForState(const QString& name, const QString& state, int timeoutMs) {
    return QTest::qWaitFor(
        [&] { return registryAtRoot(name).value("connectionState").toString() == state; },
        timeoutMs);
}

void ConnectedModeTest::pushAtRootReachesTheBottom() {
    auto adminClient = rootAdmin();
    HttpClient& admin = *adminClient;
    const Image image = makeImage(QStringLiteral("from-root"));
    QVERIFY(pushImage(admin, kRepository, QStringLiteral("v1"), image));
    QElapsedTimer timer;
    timer.start();
    for (const QString& name :
         {QStringLiteral("edgea"), QStringLiteral("edgeb"), QStringLiteral("mirrorc")})
        QVERIFY2(waitForTag(*m_nodes[name].process, QStringLiteral("v1"), image.digest),
                 qPrintable(name));
    // Continuous mode: three levels down within 5 s (the bound).
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed()) + " ms"));
    // Every blob came along with the same bytes.
    auto bottomClient = clientOf(*m_nodes["mirrorc"].process);
    HttpClient& bottom = *bottomClient;
    for (const QByteArray& blob : {image.config, image.layer}) {
        const HttpReply reply = bottom.get("/v2/app/blobs/" + ociDigest(blob));
        QCOMPARE(reply.status, 200);
        QCOMPARE(ociDigest(reply.body), ociDigest(blob));
    }
}

void ConnectedModeTest::pushAtMiddleReachesRootAndBottom() {
    auto middleClient = clientOf(*m_nodes["edgeb"].process);
    HttpClient& middle = *middleClient;
    const Image image = makeImage(QStringLiteral("from-edgeb"));
    QVERIFY(pushImage(middle, kRepository, QStringLiteral("from-b"), image));
    QVERIFY(waitForTag(m_root, QStringLiteral("from-b"), image.digest));
    QVERIFY(waitForTag(*m_nodes["edgea"].process, QStringLiteral("from-b"), image.digest));
    QVERIFY(waitForTag(*m_nodes["mirrorc"].process, QStringLiteral("from-b"), image.digest));
    // A delete at the middle replicates up and down too.
    QCOMPARE(middle.del("/v2/app/manifests/from-b").status, 202);
    QVERIFY(waitForTag(m_root, QStringLiteral("from-b"), QString()));
    QVERIFY(waitForTag(*m_nodes["mirrorc"].process, QStringLiteral("from-b"), QString()));
}

void ConnectedModeTest::clientTokenChangesReachTwoLevelsDown() {
    QVERIFY(m_admin->putScopeMap(QStringLiteral("late-map"),
                                 {QStringLiteral("repositories/app/content/read"),
                                  QStringLiteral("repositories/app/metadata/read")}));
    const auto passwords =
        m_admin->createToken(QStringLiteral("late-client"), QStringLiteral("late-map"));
    QVERIFY(passwords);
    QCOMPARE(m_admin
                 ->call("PATCH", "/api/v1/connected-registries/mirrorc",
                        QJsonObject{{"addClientTokens", QJsonArray{"late-client"}}})
                 .status,
             200);
    HttpClient bottom(m_nodes["mirrorc"].process->baseUrl());
    bottom.setBasicAuth(QStringLiteral("late-client"), passwords->at(0));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(QTest::qWaitFor([&] { return bottom.get("/v2/app/tags/list").status == 200; }, 5000));
    const qint64 created = timer.elapsed();
    // A token the bottom does not accept stays refused there.
    HttpClient middle(m_nodes["edgeb"].process->baseUrl());
    middle.setBasicAuth(QStringLiteral("late-client"), passwords->at(0));
    QCOMPARE(middle.get("/v2/app/tags/list").status, 401);
    // Disabled at the root: refused at the bottom within 5 s.
    timer.restart();
    QVERIFY(m_admin->setTokenStatus(QStringLiteral("late-client"), false));
    QVERIFY(QTest::qWaitFor([&] { return bottom.get("/v2/app/tags/list").status == 401; }, 5000));
    qInfo("client token usable two levels down after %lld ms, disabled after %lld ms", created,
          timer.elapsed());
}

void ConnectedModeTest::readOnlyRegistryRefusesPushes() {
    auto bottomClient = clientOf(*m_nodes["mirrorc"].process);
    HttpClient& bottom = *bottomClient;
    const HttpReply reply = bottom.post("/v2/app/blobs/uploads/");
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("DENIED"));
    QVERIFY(reply.body.contains("This operation is not allowed on this registry."));
    // Its local management API is read-only, and says so.
    HttpClient anyone(m_nodes["mirrorc"].process->baseUrl());
    const HttpReply management = anyone.get("/api/v1/tokens");
    QCOMPARE(management.status, 403);
    QVERIFY(management.body.contains("READ_ONLY"));
}

void ConnectedModeTest::connectionStringErrorsNameTheField() {
    const QList<QPair<QString, QString>> cases{
        {"ConnectedRegistryName=edgea;SyncTokenName=edgea-sync-token;ParentGatewayEndpoint=127.0.0."
         "1:1;"
         "ParentEndpointProtocol=http",
         "SyncTokenPassword"},
        {"ConnectedRegistryName=edgea;SyncTokenName=edgea-sync-token;SyncTokenPassword=x;"
         "ParentGatewayEndpoint=127.0.0.1:1;ParentEndpointProtocol=ftp",
         "ParentEndpointProtocol"},
        {"ConnectedRegistryName=1bad;SyncTokenName=edgea-sync-token;SyncTokenPassword=x;"
         "ParentGatewayEndpoint=127.0.0.1:1;ParentEndpointProtocol=http",
         "ConnectedRegistryName"},
        {"Nonsense=1", "Nonsense"},
    };
    for (const auto& [text, field] : cases) {
        QTemporaryDir data;
        QProcess ferryd;
        ferryd.start(ferrydPath(), {"--data", data.path(), "--listen", "127.0.0.1:0",
                                    "--connection-string", text});
        QVERIFY(ferryd.waitForFinished(10000));
        QVERIFY(ferryd.exitCode() != 0);
        const QString message = QString::fromUtf8(ferryd.readAllStandardError());
        QVERIFY2(message.contains(field), qPrintable(message));
        QVERIFY2(!message.contains("SyncTokenPassword=x"), "the password must not be echoed");
    }
    // A parent that refuses the credentials stops the start too.
    Node wrong{QStringLiteral("edgea"), m_work.filePath("wrong.connection"), nullptr};
    QFile file(wrong.stringFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(("ConnectedRegistryName=edgea;SyncTokenName=edgea-sync-token;SyncTokenPassword=not-"
                "the-password;"
                "ParentGatewayEndpoint=" +
                m_root.hostPort() + ";ParentEndpointProtocol=http")
                   .toUtf8());
    file.close();
    QVERIFY(!startNode(wrong));
}

void ConnectedModeTest::secondInstanceRefusedUntilDeactivated() {
    QVERIFY(createRegistry(QStringLiteral("spare1"), QStringLiteral("ReadOnly"), {}));
    Node first{QStringLiteral("spare1"), {}, nullptr};
    first.process = startNode(first);
    QVERIFY(first.process);
    // Same string, another data folder: another instance.
    Node second{QStringLiteral("spare1"), first.stringFile, nullptr};
    FerrydProcess probe;
    probe.setAccessControl(true);
    probe.setExtraArgs({"--connection-string-file", first.stringFile});
    QVERIFY(!probe.start());
    QVERIFY2(probe.stderrLog().contains("already active"), probe.stderrLog().constData());
    // The running instance keeps working until an operator deactivates it.
    QCOMPARE(m_admin->call("POST", "/api/v1/connected-registries/spare1/deactivate").status, 200);
    second.process = startNode(second);
    QVERIFY(second.process);
    QVERIFY(QTest::qWaitFor(
        [&] { return registryAtRoot("spare1").value("activation").toString() == "Active"; },
        kSyncDeadlineMs));
    // The deactivated first instance stopped syncing and says why in its log.
    QVERIFY(QTest::qWaitFor([&] { return first.process->stderrLog().contains("deactivated"); },
                            kSyncDeadlineMs));
}

void ConnectedModeTest::blobCutMidTransferResumes() {
    auto adminClient = rootAdmin();
    HttpClient& admin = *adminClient;
    const QByteArray layer = randomBytes(8 << 20);
    const QByteArray config = configFor(QStringLiteral("cut"));
    const QByteArray manifest = imageManifest(QLatin1String(kOciManifest), config, {layer});
    QVERIFY(pushBlob(admin, kRepository, config));
    QVERIFY(pushBlob(admin, kRepository, layer));
    const qint64 before = m_proxy->bytesDown();
    m_proxy->cutOnceAfter(3 << 20);
    QCOMPARE(putManifest(admin, kRepository, QStringLiteral("cut"), manifest, kOciManifest).status,
             201);
    QVERIFY(
        waitForTag(*m_nodes["edgea"].process, QStringLiteral("cut"), ociDigest(manifest), 30000));
    QVERIFY2(m_proxy->cutHappened(), "the proxy never cut the transfer");
    const HttpReply blob =
        clientOf(*m_nodes["edgea"].process)->get("/v2/app/blobs/" + ociDigest(layer));
    QCOMPARE(ociDigest(blob.body), ociDigest(layer));
    // Resumed with Range, not started over: well under 1.5 blobs crossed the link.
    const qint64 crossed = m_proxy->bytesDown() - before;
    QVERIFY2(crossed < layer.size() * 3 / 2, qPrintable(QString::number(crossed)));
    QVERIFY(
        waitForTag(*m_nodes["mirrorc"].process, QStringLiteral("cut"), ociDigest(manifest), 30000));
}

void ConnectedModeTest::parentKilledMidSyncRecovers() {
    auto adminClient = rootAdmin();
    HttpClient& admin = *adminClient;
    const QByteArray layer = randomBytes(16 << 20);
    const QByteArray config = configFor(QStringLiteral("parent-killed"));
    const QByteArray manifest = imageManifest(QLatin1String(kOciManifest), config, {layer});
    QVERIFY(pushBlob(admin, kRepository, config));
    QVERIFY(pushBlob(admin, kRepository, layer));
    QCOMPARE(
        putManifest(admin, kRepository, QStringLiteral("parent-killed"), manifest, kOciManifest)
            .status,
        201);
    // Kill the root as soon as edgea starts pulling, then bring it back.
    const qint64 before = m_proxy->bytesDown();
    (void)QTest::qWaitFor([&] { return m_proxy->bytesDown() - before > (1 << 20); }, 10000);
    m_root.kill();
    QVERIFY2(m_root.restart(), qPrintable(m_root.errorString()));
    QVERIFY(waitForTag(*m_nodes["edgea"].process, QStringLiteral("parent-killed"),
                       ociDigest(manifest), 40000));
    const HttpReply blob =
        clientOf(*m_nodes["edgea"].process)->get("/v2/app/blobs/" + ociDigest(layer));
    QCOMPARE(ociDigest(blob.body), ociDigest(layer));
    // And a child killed mid-sync: edgeb restarts and completes.
    m_nodes["edgeb"].process->kill();
    QVERIFY(m_nodes["edgeb"].process->restart());
    QVERIFY(waitForTag(*m_nodes["mirrorc"].process, QStringLiteral("parent-killed"),
                       ociDigest(manifest), 40000));
}

void ConnectedModeTest::middleStopsBottomServesThenCatchesUp() {
    const QString before = tagDigest(*m_nodes["mirrorc"].process, QStringLiteral("v1"));
    QVERIFY(!before.isEmpty());
    m_nodes["edgea"].process->kill();
    // The root sees edgea and everything below it go Offline within the
    // documented bound (3 missed reports + 5 s, at 1 s reports: 8 s).
    QVERIFY(waitForState(QStringLiteral("edgea"), QStringLiteral("Offline"), 12000));
    QVERIFY(waitForState(QStringLiteral("mirrorc"), QStringLiteral("Offline"), 2000));
    // The bottom keeps serving its clients.
    QCOMPARE(tagDigest(*m_nodes["mirrorc"].process, QStringLiteral("v1")), before);
    auto adminClient = rootAdmin();
    HttpClient& admin = *adminClient;
    const Image image = makeImage(QStringLiteral("while-down"));
    QVERIFY(pushImage(admin, kRepository, QStringLiteral("while-down"), image));
    QVERIFY(m_nodes["edgea"].process->restart());
    QVERIFY(
        waitForTag(*m_nodes["mirrorc"].process, QStringLiteral("while-down"), image.digest, 30000));
    for (const QString& name :
         {QStringLiteral("edgea"), QStringLiteral("edgeb"), QStringLiteral("mirrorc")}) {
        QVERIFY2(waitForState(name, QStringLiteral("Online"), kSyncDeadlineMs), qPrintable(name));
        const QDateTime lastSync = QDateTime::fromString(
            registryAtRoot(name).value("lastSyncTime").toString(), Qt::ISODateWithMs);
        QVERIFY2(lastSync.secsTo(QDateTime::currentDateTimeUtc()) < 60, qPrintable(name));
    }
}

void ConnectedModeTest::partitionConflictParentWins() {
    m_proxy->setPartitioned(true);
    QVERIFY(waitForState(QStringLiteral("edgea"), QStringLiteral("Offline"), 12000));
    // Cut off, edgea retries with backoff: its sync loops once retried a
    // refused connection at once (a full core, thousands of connections a
    // second). Its reporter tries at most every 250 ms, the loops at most every 0.5 s.
    const int refusedBefore = m_proxy->refused();
    QTest::qWait(5000);
    const int retries = m_proxy->refused() - refusedBefore;
    QVERIFY2(retries > 0 && retries <= 60, qPrintable(QString::number(retries)));
    auto edgeClient = clientOf(*m_nodes["edgea"].process);
    HttpClient& edge = *edgeClient;
    auto adminClient = rootAdmin();
    HttpClient& admin = *adminClient;
    const Image local = makeImage(QStringLiteral("conflict-local"));
    const Image parent = makeImage(QStringLiteral("conflict-parent"));
    QVERIFY(pushImage(edge, kRepository, QStringLiteral("conflict"), local));
    QVERIFY(pushImage(admin, kRepository, QStringLiteral("conflict"), parent));
    m_proxy->setPartitioned(false);
    // The documented rule: the parent wins, everywhere, with nobody's help.
    QVERIFY(
        waitForTag(*m_nodes["edgea"].process, QStringLiteral("conflict"), parent.digest, 30000));
    QVERIFY(
        waitForTag(*m_nodes["mirrorc"].process, QStringLiteral("conflict"), parent.digest, 30000));
    QCOMPARE(tagDigest(m_root, QStringLiteral("conflict")), parent.digest);
    // Nothing acknowledged is lost: the losing manifest reached the root by digest.
    QVERIFY(QTest::qWaitFor(
        [&] {
            return rootAdmin()
                       ->get("/v2/app/manifests/" + local.digest, {{"Accept", kOciManifest}})
                       .status == 200;
        },
        kSyncDeadlineMs));
    // And the tag stays put afterwards (no ping-pong).
    QTest::qWait(2000);
    QCOMPARE(tagDigest(m_root, QStringLiteral("conflict")), parent.digest);
    QCOMPARE(tagDigest(*m_nodes["edgea"].process, QStringLiteral("conflict")), parent.digest);
}

void ConnectedModeTest::realClientPullsAtTheBottom() {
    QTemporaryDir work;
    // runTool never prints its arguments, which carry the password here.
    const ToolRun run = runTool(QStringLiteral("skopeo"),
                                {"inspect", "--raw", "--tls-verify=false", "--creds",
                                 "site-client:" + m_clientPassword,
                                 "docker://" + m_nodes["mirrorc"].process->hostPort() + "/app:v1"},
                                120000, isolatedClientEnvironment(work.path()));
    QVERIFY2(run.ok(),
             qPrintable(QString::fromUtf8(run.err.left(500)).replace(m_clientPassword, "***")));
    // The bytes skopeo got three levels down are the manifest pushed at the root.
    QCOMPARE(ociDigest(run.out), tagDigest(m_root, QStringLiteral("v1")));
}

void ConnectedModeTest::notificationsReachTheRootEventStream() {
    QCOMPARE(m_admin
                 ->call("PATCH", "/api/v1/connected-registries/mirrorc",
                        QJsonObject{{"notifications", QJsonArray{"app:notify*:push"}}})
                 .status,
             200);
    // Follow the root's event stream from now on.
    QNetworkAccessManager nam;
    QNetworkRequest request(m_root.baseUrl().resolved(QUrl("/api/v1/events")));
    request.setRawHeader("Authorization",
                         accesskit::basic(QStringLiteral("admin"), m_root.adminPassword()));
    std::unique_ptr<QNetworkReply> stream(nam.get(request));
    QByteArray seen;
    QObject::connect(stream.get(), &QNetworkReply::readyRead, [&] { seen += stream->readAll(); });
    auto adminClient = rootAdmin();
    QVERIFY(pushImage(*adminClient, kRepository, QStringLiteral("quiet1"),
                      makeImage(QStringLiteral("quiet"))));
    // The pattern reaches mirrorc with its next config; from then on every
    // matching arrival is an event. Push until one comes back up.
    QMap<QString, QString> pushed; // tag -> digest
    QElapsedTimer timer;
    timer.start();
    while (!seen.contains("event: notification") && timer.elapsed() < 30000) {
        const QString tag = QStringLiteral("notify%1").arg(pushed.size() + 1);
        const Image image = makeImage(tag);
        QVERIFY(pushImage(*adminClient, kRepository, tag, image));
        pushed.insert(tag, image.digest);
        (void)QTest::qWaitFor([&] { return seen.contains("event: notification"); }, 3000);
    }
    QVERIFY2(seen.contains("event: notification"), seen.right(2000).constData());
    const qsizetype at = seen.indexOf("event: notification");
    const QJsonObject event =
        QJsonDocument::fromJson(seen.mid(seen.indexOf("data: ", at) + 6).split('\n').first())
            .object();
    QCOMPARE(event.value("registry").toString(), QStringLiteral("mirrorc"));
    QVERIFY2(pushed.contains(event.value("tag").toString()),
             qPrintable(event.value("tag").toString()));
    QCOMPARE(event.value("digest").toString(), pushed.value(event.value("tag").toString()));
    QCOMPARE(event.value("action").toString(), QStringLiteral("push"));
    // A tag outside the pattern raised nothing.
    QVERIFY(!seen.contains("quiet1"));
}

void ConnectedModeTest::cleanupTestCase() {
    for (auto& [name, node] : m_nodes) {
        if (node.process)
            node.process->stop();
    }
}

QTEST_GUILESS_MAIN(ConnectedModeTest)
#include "tst_connected_mode.moc"
