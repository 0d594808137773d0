// Commands down the tree and local settings from config
// (docs/sync-protocol.md "Commands"): a three-level chain of real ferryd
// processes on loopback,
//   root -> edge (ReadWrite) -> mirror (ReadOnly)
// where "resync now" is issued at the root for the mirror two levels down,
// while it runs and while it is offline, and the edge's audit log follows
// its logging.auditLog setting.
#include "accesskit.h"
#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <memory>

using namespace ocitest;

namespace {

constexpr int kDeadlineMs = 20000;
const QString kRepository = QStringLiteral("app");

struct Node {
    QString stringFile;
    std::unique_ptr<FerrydProcess> process;
};

} // namespace

class ConnectedCommandsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resyncRepairsARegistryTwoLevelsDown();
    void resyncWaitsForAnOfflineRegistry();
    void auditFollowsTheRegistrysSetting();
    void rootMetricsShowEachRegistry();

private:
    bool createRegistry(const QString& name, const QString& mode, const QString& parent);
    bool startNode(const QString& name);
    QJsonObject registryAtRoot(const QString& name);
    HttpReply resync(const QString& name);
    std::unique_ptr<HttpClient> clientOf(const FerrydProcess& process);
    // Removes the blob file with this digest from a stopped node's data
    // folder, as a failing disk or an fsck quarantine would.
    bool removeBlobFile(const FerrydProcess& process, const QString& digest);
    bool servesBlob(const FerrydProcess& process, const QByteArray& blob);
    bool waitForNoCommands(const QString& name);

    FerrydProcess m_root;
    std::unique_ptr<accesskit::AdminApi> m_admin;
    QTemporaryDir m_work;
    std::map<QString, Node> m_nodes;
    QString m_clientPassword;
};

void ConnectedCommandsTest::initTestCase() {
    QVERIFY(m_work.isValid());
    m_root.setAccessControl(true);
    m_root.setExtraArgs({QStringLiteral("--sync-heartbeat"), QStringLiteral("1")});
    QVERIFY2(m_root.start(), qPrintable(m_root.errorString()));
    m_admin = std::make_unique<accesskit::AdminApi>(m_root);
    m_admin->setPassword(m_root.adminPassword());
    QVERIFY(m_admin->putScopeMap(QStringLiteral("client-map"),
                                 {QStringLiteral("repositories/app/content/read"),
                                  QStringLiteral("repositories/app/content/write"),
                                  QStringLiteral("repositories/app/metadata/read")}));
    const auto passwords =
        m_admin->createToken(QStringLiteral("client"), QStringLiteral("client-map"));
    QVERIFY(passwords);
    m_clientPassword = passwords->at(0);
    QVERIFY(createRegistry(QStringLiteral("siteedge"), QStringLiteral("ReadWrite"), {}));
    QVERIFY(createRegistry(QStringLiteral("sitemirror"), QStringLiteral("ReadOnly"),
                           QStringLiteral("siteedge")));
    for (const QString& name : {QStringLiteral("siteedge"), QStringLiteral("sitemirror")}) {
        // The edge learns the mirror's sync token from its own config a
        // moment after the root defined it; until then it refuses the mirror.
        bool started = false;
        for (int attempt = 0; attempt < 5 && !started; ++attempt) {
            if (attempt)
                QTest::qWait(1000);
            started = startNode(name);
        }
        QVERIFY2(started, qPrintable(name + " did not start"));
        QVERIFY2(
            QTest::qWaitFor(
                [&] { return registryAtRoot(name).value("activation").toString() == "Active"; },
                kDeadlineMs),
            qPrintable(name + " never became Active"));
    }
}

bool ConnectedCommandsTest::createRegistry(const QString& name, const QString& mode,
                                           const QString& parent) {
    QJsonObject body{{"mode", mode},
                     {"repositories", QJsonArray{kRepository}},
                     {"clientTokens", QJsonArray{QStringLiteral("client")}}};
    if (!parent.isEmpty())
        body.insert("parent", parent);
    const HttpReply reply = m_admin->call("PUT", "/api/v1/connected-registries/" + name, body);
    if (reply.status != 201)
        qWarning() << "create" << name << reply.status << reply.body;
    return reply.status == 201;
}

bool ConnectedCommandsTest::startNode(const QString& name) {
    Node& node = m_nodes[name];
    const HttpReply settings =
        m_admin->call("POST", "/api/v1/connected-registries/" + name + "/get-settings",
                      QJsonObject{{"parentProtocol", "http"}, {"generatePassword", 1}});
    const QString text =
        QJsonDocument::fromJson(settings.body).object().value("connectionString").toString();
    node.stringFile = m_work.filePath(name + ".connection");
    QFile file(node.stringFile);
    if (text.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0)
        return false;
    file.close();
    node.process = std::make_unique<FerrydProcess>();
    node.process->setAccessControl(true);
    // The online scrub every second: its findings travel up in the status.
    node.process->setExtraArgs({QStringLiteral("--connection-string-file"), node.stringFile,
                                QStringLiteral("--sync-heartbeat"), QStringLiteral("1"),
                                QStringLiteral("--scrub-interval"), QStringLiteral("1")});
    return node.process->start();
}

QJsonObject ConnectedCommandsTest::registryAtRoot(const QString& name) {
    return QJsonDocument::fromJson(
               m_admin->call("GET", "/api/v1/connected-registries/" + name).body)
        .object();
}

HttpReply ConnectedCommandsTest::resync(const QString& name) {
    return m_admin->call("POST", "/api/v1/connected-registries/" + name + "/resync", QJsonObject{});
}

std::unique_ptr<HttpClient> ConnectedCommandsTest::clientOf(const FerrydProcess& process) {
    auto client = std::make_unique<HttpClient>(process.baseUrl());
    client->setBasicAuth(QStringLiteral("client"), m_clientPassword);
    return client;
}

bool ConnectedCommandsTest::removeBlobFile(const FerrydProcess& process, const QString& digest) {
    const QString hex = digest.section(u':', 1);
    bool removed = false;
    QDirIterator it(process.dataDir(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).fileName() == hex)
            removed = QFile::remove(path) || removed;
    }
    return removed;
}

bool ConnectedCommandsTest::servesBlob(const FerrydProcess& process, const QByteArray& blob) {
    const HttpReply reply = clientOf(process)->get("/v2/app/blobs/" + ociDigest(blob));
    return reply.status == 200 && reply.body == blob;
}

bool ConnectedCommandsTest::waitForNoCommands(const QString& name) {
    return QTest::qWaitFor(
        [&] {
            const QJsonObject registry = registryAtRoot(name);
            return registry.contains("commands") && registry.value("commands").toArray().isEmpty();
        },
        kDeadlineMs);
}

// A mirror lost a layer's file (a bad disk, or fsck moved it aside). A
// resync issued at the root reaches it through the edge, makes it check
// everything again and fetch what is missing; its acknowledgement travels
// back up and the command is gone from the root.
void ConnectedCommandsTest::resyncRepairsARegistryTwoLevelsDown() {
    HttpClient admin(m_root.baseUrl());
    admin.setBasicAuth(QStringLiteral("admin"), m_root.adminPassword());
    const Image image = makeImage(QStringLiteral("repair-me"));
    QVERIFY(pushImage(admin, kRepository, QStringLiteral("r1"), image));
    FerrydProcess& mirror = *m_nodes["sitemirror"].process;
    QVERIFY(QTest::qWaitFor([&] { return servesBlob(mirror, image.layer); }, kDeadlineMs));

    mirror.stop();
    QVERIFY(removeBlobFile(mirror, ociDigest(image.layer)));
    QVERIFY2(mirror.start(), qPrintable(mirror.errorString()));
    QVERIFY(!servesBlob(mirror, image.layer));
    // The mirror's scrub finds the hole, and the root, two levels up, sees
    // it in the mirror's status details.
    const auto storeDetail = [&] {
        for (const QJsonValue detail :
             registryAtRoot(QStringLiteral("sitemirror")).value("statusDetails").toArray()) {
            if (detail.toObject().value("code").toString() == QLatin1String("STORE_INCONSISTENT"))
                return detail.toObject();
        }
        return QJsonObject();
    };
    QVERIFY2(QTest::qWaitFor([&] { return !storeDetail().isEmpty(); }, kDeadlineMs),
             "the scrub's finding never reached the root");
    QVERIFY(storeDetail().value("description").toString().contains(ociDigest(image.layer)));
    QVERIFY(QTest::qWaitFor(
        [&] {
            return registryAtRoot(QStringLiteral("sitemirror"))
                       .value("connectionState")
                       .toString() == QLatin1String("Unhealthy");
        },
        kDeadlineMs));
    // Nothing new at the parent: an ordinary sync leaves the hole.
    QVERIFY(!servesBlob(mirror, image.layer));

    const HttpReply issued = resync(QStringLiteral("sitemirror"));
    QCOMPARE(issued.status, 202);
    const QJsonArray commands =
        QJsonDocument::fromJson(issued.body).object().value("commands").toArray();
    QCOMPARE(commands.size(), 1);
    QCOMPARE(commands.at(0).toObject().value("type").toString(), QStringLiteral("resync"));
    QVERIFY(commands.at(0).toObject().value("expires").toString() >
            commands.at(0).toObject().value("issued").toString());

    QVERIFY2(QTest::qWaitFor([&] { return servesBlob(mirror, image.layer); }, kDeadlineMs),
             "the resync did not restore the layer");
    QVERIFY2(waitForNoCommands(QStringLiteral("sitemirror")),
             "the acknowledgement never reached the root");
    QVERIFY(mirror.stderrLog().contains("resync finished"));
    QVERIFY2(QTest::qWaitFor([&] { return storeDetail().isEmpty(); }, kDeadlineMs),
             "a clean scrub did not clear the finding");
    // The config blob was never lost and is served as before.
    QVERIFY(servesBlob(mirror, image.config));
}

// Issued while the registry is down, the command waits at the root (for
// its message TTL) and is carried out when the registry comes back.
void ConnectedCommandsTest::resyncWaitsForAnOfflineRegistry() {
    HttpClient admin(m_root.baseUrl());
    admin.setBasicAuth(QStringLiteral("admin"), m_root.adminPassword());
    const Image image = makeImage(QStringLiteral("while-away"));
    QVERIFY(pushImage(admin, kRepository, QStringLiteral("r2"), image));
    FerrydProcess& mirror = *m_nodes["sitemirror"].process;
    QVERIFY(QTest::qWaitFor([&] { return servesBlob(mirror, image.layer); }, kDeadlineMs));

    mirror.stop();
    QVERIFY(removeBlobFile(mirror, ociDigest(image.layer)));
    QCOMPARE(resync(QStringLiteral("sitemirror")).status, 202);
    QTest::qWait(2500);
    QCOMPARE(registryAtRoot(QStringLiteral("sitemirror")).value("commands").toArray().size(), 1);

    QVERIFY2(mirror.start(), qPrintable(mirror.errorString()));
    QVERIFY2(QTest::qWaitFor([&] { return servesBlob(mirror, image.layer); }, kDeadlineMs),
             "the waiting resync was not carried out");
    QVERIFY(waitForNoCommands(QStringLiteral("sitemirror")));

    // Unknown registries and other verbs are refused with the API's errors.
    QCOMPARE(resync(QStringLiteral("nosuch")).status, 404);
    QCOMPARE(m_admin->call("GET", "/api/v1/connected-registries/sitemirror/resync").status, 405);
}

// The edge writes audit records for its clients' pushes only while its
// logging.auditLog setting, decided at the root, says Enabled.
void ConnectedCommandsTest::auditFollowsTheRegistrysSetting() {
    FerrydProcess& edge = *m_nodes["siteedge"].process;
    auto client = clientOf(edge);
    const auto setAudit = [&](const char* value) {
        return m_admin
                   ->call("PATCH", "/api/v1/connected-registries/siteedge",
                          QJsonObject{{"logging", QJsonObject{{"auditLog", value}}}})
                   .status == 200;
    };
    QVERIFY(setAudit("Enabled"));
    // The setting arrives with the next config (a long poll, so promptly).
    QVERIFY(QTest::qWaitFor(
        [&] {
            return registryAtRoot("siteedge").value("logging").toObject().value("auditLog") ==
                   "Enabled";
        },
        kDeadlineMs));
    const Image audited = makeImage(QStringLiteral("audited"));
    QVERIFY(QTest::qWaitFor(
        [&] {
            pushImage(*client, kRepository, QStringLiteral("audited"), audited);
            return edge.stderrLog().contains("audit: registry.push app:audited by client");
        },
        kDeadlineMs));

    QVERIFY(setAudit("Disabled"));
    QTest::qWait(3000); // the config long poll answers within a second or two
    const Image quiet = makeImage(QStringLiteral("quiet"));
    QVERIFY(pushImage(*client, kRepository, QStringLiteral("quiet"), quiet));
    QVERIFY(!edge.stderrLog().contains("app:quiet"));
    // Passwords never reach the log.
    QVERIFY(!edge.stderrLog().contains(m_clientPassword.toUtf8()));
}

// The root's /metrics carries the direct child's last report time, and the
// sync lag of every registry below it, relayed in the reports.
void ConnectedCommandsTest::rootMetricsShowEachRegistry() {
    HttpClient admin(m_root.baseUrl());
    admin.setBasicAuth(QStringLiteral("admin"), m_root.adminPassword());
    QByteArray text;
    QVERIFY(QTest::qWaitFor(
        [&] {
            const HttpReply reply = admin.get("/metrics");
            text = reply.body;
            return reply.status == 200 &&
                   text.contains(
                       "ferry_connected_registry_sync_lag_seconds{registry=\"sitemirror\"}");
        },
        kDeadlineMs));
    const QRegularExpression report(
        QStringLiteral("ferry_connected_registry_last_report_timestamp_seconds\\{registry="
                       "\"siteedge\"\\} ([0-9.e+]+)"));
    const auto match = report.match(QString::fromUtf8(text));
    QVERIFY2(match.hasMatch(), text.constData());
    const double reported = match.captured(1).toDouble();
    const double now = double(QDateTime::currentSecsSinceEpoch());
    QVERIFY2(reported > now - 10 && reported <= now + 1, qPrintable(match.captured(1)));
    // The mirror under the edge keeps up: its last complete sync is recent.
    const QRegularExpression lag(QStringLiteral(
        "ferry_connected_registry_sync_lag_seconds\\{registry=\"sitemirror\"\\} ([0-9.e+]+)"));
    const auto lagMatch = lag.match(QString::fromUtf8(text));
    QVERIFY(lagMatch.hasMatch());
    QVERIFY2(lagMatch.captured(1).toDouble() < 60, qPrintable(lagMatch.captured(1)));
}

QTEST_GUILESS_MAIN(ConnectedCommandsTest)
#include "tst_connected_commands.moc"
