// The console's read path against the real ferryd: images pushed over the OCI
// distribution API must come back through RegistryClient and RepositoryModel
// exactly, and LocalService must start and stop the real binary.

#include "ferrydprocess.h"
#include "httpclient.h"
#include "localservice.h"
#include "registryclient.h"
#include "repositorymodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

// What initTestCase pushes: repository -> tags. Two tags share one manifest,
// as a retag would.
const QMap<QString, QStringList> pushed{
    {QStringLiteral("alpha/web"), {QStringLiteral("1.0"), QStringLiteral("latest")}},
    {QStringLiteral("beta"), {QStringLiteral("v1")}},
    {QStringLiteral("gamma/tools/cli"),
     {QStringLiteral("2024.1"), QStringLiteral("edge"), QStringLiteral("stable")}},
};

QByteArray descriptor(const char* mediaType, const QByteArray& content) {
    return QJsonDocument(QJsonObject{{QStringLiteral("mediaType"), QLatin1String(mediaType)},
                                     {QStringLiteral("digest"), ociDigest(content)},
                                     {QStringLiteral("size"), qint64(content.size())}})
        .toJson(QJsonDocument::Compact);
}

QStringList sorted(QStringList names) {
    names.sort();
    return names;
}

} // namespace

class TestConsoleRegistry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void catalogListsExactlyThePushedRepositories();
    void catalogIsTheSameWhenPagedOneByOne();
    void tagsListExactlyThePushedTags();
    void modelMirrorsTheRegistry();
    void unknownRepositoryIsARequestError();
    void missingCredentialsAreARequestError();
    void localServiceStartsTheRealFerryd();
    void localServiceReportsAFerrydThatCannotStart();
    void localServiceReadsNoConfigurationFile();
    void stoppedServerIsAConnectionError();

private:
    bool pushBlob(HttpClient& http, const QString& repository, const QByteArray& content);
    QStringList fetchCatalog(RegistryClient& client);

    FerrydProcess m_ferryd;
};

bool TestConsoleRegistry::pushBlob(HttpClient& http, const QString& repository,
                                   const QByteArray& content) {
    const HttpReply reply = http.post(
        QStringLiteral("/v2/%1/blobs/uploads/?digest=%2").arg(repository, ociDigest(content)),
        content, {{"Content-Type", "application/octet-stream"}});
    if (reply.status != 201)
        qWarning() << "blob upload to" << repository << "got" << reply.status << reply.body
                   << reply.networkError;
    return reply.status == 201;
}

void TestConsoleRegistry::initTestCase() {
    // With access control, as the console meets ferryd outside tests.
    m_ferryd.setAccessControl(true);
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    HttpClient http(m_ferryd.baseUrl());
    http.setBasicAuth(QStringLiteral("admin"), m_ferryd.adminPassword());
    for (auto it = pushed.cbegin(); it != pushed.cend(); ++it) {
        const QString& repository = it.key();
        const QByteArray config =
            R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{"Labels":{"repo":")" +
            repository.toUtf8() + R"("}}})";
        const QByteArray layer = "layer of " + repository.toUtf8();
        QVERIFY(pushBlob(http, repository, config));
        QVERIFY(pushBlob(http, repository, layer));
        const QByteArray manifest =
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":)" +
            descriptor("application/vnd.oci.image.config.v1+json", config) + R"(,"layers":[)" +
            descriptor("application/vnd.oci.image.layer.v1.tar", layer) + "]}";
        for (const QString& tag : it.value()) {
            const HttpReply reply =
                http.put(QStringLiteral("/v2/%1/manifests/%2").arg(repository, tag), manifest,
                         {{"Content-Type", "application/vnd.oci.image.manifest.v1+json"}});
            QVERIFY2(reply.status == 201, reply.body.constData());
        }
    }
}

QStringList TestConsoleRegistry::fetchCatalog(RegistryClient& client) {
    QSignalSpy catalog(&client, &RegistryClient::catalogReceived);
    QSignalSpy errors(&client, &RegistryClient::errorOccurred);
    client.fetchCatalog();
    if (!catalog.wait(15000)) {
        qWarning() << "no catalog:" << (errors.isEmpty() ? QVariant() : errors.first().at(1));
        return {QStringLiteral("<no catalog>")};
    }
    return catalog.first().first().toStringList();
}

void TestConsoleRegistry::catalogListsExactlyThePushedRepositories() {
    RegistryClient client;
    client.setBaseUrl(m_ferryd.baseUrl());
    client.setCredentials(QStringLiteral("admin"), m_ferryd.adminPassword());
    // The catalog is in lexical order (distribution spec, "Listing Repositories").
    QCOMPARE(fetchCatalog(client), pushed.keys());
}

void TestConsoleRegistry::catalogIsTheSameWhenPagedOneByOne() {
    // ferryd must really page at n=1, or this test would not exercise the Link header.
    HttpClient http(m_ferryd.baseUrl());
    http.setBasicAuth(QStringLiteral("admin"), m_ferryd.adminPassword());
    const HttpReply first = http.get(QStringLiteral("/v2/_catalog?n=1"));
    QCOMPARE(first.status, 200);
    QVERIFY2(first.header("Link").contains("rel=\"next\""), first.body.constData());

    RegistryClient client;
    client.setBaseUrl(m_ferryd.baseUrl());
    client.setCredentials(QStringLiteral("admin"), m_ferryd.adminPassword());
    client.setPageSize(1);
    QCOMPARE(fetchCatalog(client), pushed.keys());
}

void TestConsoleRegistry::tagsListExactlyThePushedTags() {
    for (int pageSize : {0, 1}) {
        RegistryClient client;
        client.setBaseUrl(m_ferryd.baseUrl());
        client.setCredentials(QStringLiteral("admin"), m_ferryd.adminPassword());
        client.setPageSize(pageSize);
        QSignalSpy tags(&client, &RegistryClient::tagsReceived);
        QSignalSpy errors(&client, &RegistryClient::errorOccurred);
        for (const QString& repository : pushed.keys())
            client.fetchTags(repository);
        QTRY_COMPARE_WITH_TIMEOUT(tags.count() + errors.count(), pushed.size(), 15000);
        QCOMPARE(errors.count(), 0);
        QMap<QString, QStringList> received;
        for (const auto& arguments : tags)
            received.insert(arguments.at(0).toString(), sorted(arguments.at(1).toStringList()));
        QCOMPARE(received, pushed);
    }
}

void TestConsoleRegistry::modelMirrorsTheRegistry() {
    RegistryClient client;
    client.setBaseUrl(m_ferryd.baseUrl());
    client.setCredentials(QStringLiteral("admin"), m_ferryd.adminPassword());
    RepositoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.connectClient(&client);
    QSignalSpy tags(&client, &RegistryClient::tagsReceived);

    QCOMPARE(fetchCatalog(client), pushed.keys());
    QCOMPARE(model.repositories(), pushed.keys());
    // Open every repository as a view would; the model asks the client for tags.
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.canFetchMore(model.index(row, 0)))
            model.fetchMore(model.index(row, 0));
    QTRY_COMPARE_WITH_TIMEOUT(tags.count(), pushed.size(), 15000);

    QMap<QString, QStringList> shown;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex repository = model.index(row, 0);
        QStringList names;
        for (int tag = 0; tag < model.rowCount(repository); ++tag)
            names << model.index(tag, 0, repository).data(RepositoryModel::TagRole).toString();
        shown.insert(repository.data(RepositoryModel::RepositoryNameRole).toString(), names);
    }
    QCOMPARE(shown, pushed);
}

void TestConsoleRegistry::unknownRepositoryIsARequestError() {
    RegistryClient client;
    client.setBaseUrl(m_ferryd.baseUrl());
    client.setCredentials(QStringLiteral("admin"), m_ferryd.adminPassword());
    QSignalSpy errors(&client, &RegistryClient::errorOccurred);
    QSignalSpy tags(&client, &RegistryClient::tagsReceived);
    client.fetchTags(QStringLiteral("never/pushed"));
    QVERIFY(errors.wait(15000));
    QCOMPARE(tags.count(), 0);
    QCOMPARE(errors.first().at(0).value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Request);
    // The OCI error code from ferryd's body reaches the person.
    QVERIFY2(errors.first().at(1).toString().contains(QStringLiteral("NAME_UNKNOWN")),
             qPrintable(errors.first().at(1).toString()));
}

void TestConsoleRegistry::missingCredentialsAreARequestError() {
    RegistryClient client;
    client.setBaseUrl(m_ferryd.baseUrl());
    QSignalSpy errors(&client, &RegistryClient::errorOccurred);
    QSignalSpy catalog(&client, &RegistryClient::catalogReceived);
    client.fetchCatalog();
    QVERIFY(errors.wait(15000));
    QCOMPARE(catalog.count(), 0);
    QCOMPARE(errors.first().at(0).value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Request);
    const QString message = errors.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("401")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("UNAUTHORIZED")), qPrintable(message));
    QVERIFY2(!message.contains(m_ferryd.adminPassword()), qPrintable(message));

    client.setCredentials(QStringLiteral("admin"), QStringLiteral("not the password"));
    client.fetchCatalog();
    QVERIFY(errors.wait(15000));
    QCOMPARE(catalog.count(), 0);
}

void TestConsoleRegistry::localServiceStartsTheRealFerryd() {
    QTemporaryDir data;
    LocalService service;
    service.setProgram(ferrydPath());
    service.setDataDir(data.filePath(QStringLiteral("nested/ferry")));
    QSignalSpy ready(&service, &LocalService::ready);
    QSignalSpy failed(&service, &LocalService::errorOccurred);
    service.start();
    QVERIFY(ready.wait(15000) || !failed.isEmpty());
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    const QUrl url = ready.first().first().toUrl();
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(url.port() > 0);
    QCOMPARE(service.url(), url);
    QVERIFY(QFileInfo(service.dataDir()).isDir()); // created for ferryd

    // The console signs in to its own ferryd with the first-start admin password.
    const QString initial = service.initialAdminPassword();
    QVERIFY(!initial.isEmpty());
    RegistryClient client;
    client.setBaseUrl(url);
    client.setCredentials(QStringLiteral("admin"), initial);
    QCOMPARE(fetchCatalog(client), QStringList()); // a fresh data folder is empty

    service.stop();
    QVERIFY(!service.isRunning());
    QCOMPARE(failed.count(), 0); // a requested stop is not a failure
}

void TestConsoleRegistry::localServiceReportsAFerrydThatCannotStart() {
    QTemporaryDir data;
    LocalService missing;
    missing.setProgram(data.filePath(QStringLiteral("no-such-ferryd")));
    missing.setDataDir(data.path());
    QSignalSpy failed(&missing, &LocalService::errorOccurred);
    missing.start();
    QVERIFY(!failed.isEmpty() || failed.wait(5000));
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("no-such-ferryd")),
             qPrintable(failed.first().first().toString()));

    // A server that dies before its ready line: the person is told how it
    // ended and what it last said.
    const QString script = data.filePath(QStringLiteral("dying-ferryd"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\necho 'opening database' >&2\necho 'fatal: disk is full' >&2\nexit 3\n");
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    LocalService dying;
    dying.setProgram(script);
    dying.setDataDir(data.path());
    QSignalSpy dyingFailed(&dying, &LocalService::errorOccurred);
    QSignalSpy dyingReady(&dying, &LocalService::ready);
    dying.start();
    QVERIFY(dyingFailed.wait(15000));
    const QString message = dyingFailed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("exited with code 3")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("fatal: disk is full")), qPrintable(message));
    QCOMPARE(dyingReady.count(), 0);
}

void TestConsoleRegistry::localServiceReadsNoConfigurationFile() {
    // FERRY_CONFIG names a file ferryd cannot read, the way a system
    // service's root-only /etc/ferry/ferryd.conf would be: the console's own
    // ferryd is started with --config /dev/null and must not read it.
    QTemporaryDir data;
    const QByteArray unreadable = data.filePath(QStringLiteral("system/ferryd.conf")).toUtf8();
    qputenv("FERRY_CONFIG", unreadable);
    const auto restore = qScopeGuard([] { qunsetenv("FERRY_CONFIG"); });
    // ferryd itself refuses that file, so the check below can fail.
    QProcess direct;
    direct.start(ferrydPath(), {QStringLiteral("--data"), data.filePath(QStringLiteral("direct")),
                                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QVERIFY(direct.waitForFinished(15000));
    const QByteArray said = direct.readAllStandardError();
    QVERIFY2(said.contains("cannot read the configuration file " + unreadable), said.constData());

    LocalService service;
    service.setProgram(ferrydPath());
    service.setDataDir(data.filePath(QStringLiteral("bundled")));
    QSignalSpy ready(&service, &LocalService::ready);
    QSignalSpy failed(&service, &LocalService::errorOccurred);
    service.start();
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 15000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    service.stop();
}

void TestConsoleRegistry::stoppedServerIsAConnectionError() {
    const QUrl url = m_ferryd.baseUrl();
    m_ferryd.stop();
    RegistryClient client;
    client.setBaseUrl(url);
    QSignalSpy errors(&client, &RegistryClient::errorOccurred);
    client.fetchCatalog();
    QVERIFY(errors.wait(15000));
    QCOMPARE(errors.first().at(0).value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Connection);
}

QTEST_GUILESS_MAIN(TestConsoleRegistry)
#include "tst_console_registry.moc"
