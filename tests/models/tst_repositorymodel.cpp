// RepositoryModel on its own (checked by QAbstractItemModelTester at every
// change) and fed by a RegistryClient talking HTTP to a canned server, for what
// the real ferryd cannot be made to do on demand: odd pages, errors, bad JSON.

#include "registryclient.h"
#include "repositorymodel.h"

#include <QAbstractItemModelTester>
#include <QHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {

// Answers each GET with a canned response keyed by path and query, and keeps
// the request heads so a test can see what the client sent.
class CannedServer : public QObject {
public:
    struct Response {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    CannedServer() {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }

    QUrl url() const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    void route(const QByteArray& target, Response response) {
        m_routes[target] = std::move(response);
    }
    QList<QByteArray> requests;

private:
    void serve(QTcpSocket* socket) {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buffer.left(end);
        buffer.remove(0, end + 4);
        requests << head;
        const QByteArray target = head.split(' ').value(1);
        const Response response = m_routes.value(
            target, Response{404, R"({"errors":[{"code":"NOT_FOUND","message":"no route"}]})", {}});
        QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Canned\r\n";
        out += "Content-Type: application/json\r\nContent-Length: " +
               QByteArray::number(response.body.size()) + "\r\n";
        for (const auto& [name, value] : response.headers)
            out += name + ": " + value + "\r\n";
        out += "\r\n" + response.body;
        socket->write(out);
    }

    QTcpServer m_server;
    QHash<QByteArray, Response> m_routes;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

QStringList childrenOf(const QAbstractItemModel& model, const QModelIndex& parent) {
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names << model.index(row, 0, parent).data().toString();
    return names;
}

} // namespace

class TestRepositoryModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void repositoriesAreSortedAndDeduplicated();
    void rolesDescribeRepositoriesAndTags();
    void tagsAreFetchedLazilyOnce();
    void catalogUpdateKeepsSurvivingRepositories();
    void emptyTagListRemovesTheExpander();
    void tagsForAnUnknownRepositoryAreIgnored();
    void clientFollowsPaginationIntoTheModel();
    void clientSendsBasicCredentials();
    void clientReportsOciErrorBody();
    void clientReportsUnparsableAnswer();
    void clientReportsAChallengeAsARequestError();
    void clientReportsRefusedConnection();
    void clientDropsAnswersFromAPreviousServer();
};

void TestRepositoryModel::repositoriesAreSortedAndDeduplicated() {
    RepositoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRepositories({QStringLiteral("zeta"), QStringLiteral("alpha/app"),
                           QStringLiteral("beta"), QStringLiteral("alpha/app")});
    QCOMPARE(childrenOf(model, {}), (QStringList{"alpha/app", "beta", "zeta"}));
    QCOMPARE(model.repositories(), (QStringList{"alpha/app", "beta", "zeta"}));
    QCOMPARE(model.repositoryIndex(QStringLiteral("beta")).row(), 1);
    QVERIFY(!model.repositoryIndex(QStringLiteral("gamma")).isValid());
}

void TestRepositoryModel::rolesDescribeRepositoriesAndTags() {
    RepositoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRepositories({QStringLiteral("web")});
    model.setTags(QStringLiteral("web"), {QStringLiteral("2.0"), QStringLiteral("1.0")});

    const QModelIndex repository = model.index(0, 0);
    QCOMPARE(repository.data(RepositoryModel::KindRole).value<RepositoryModel::Kind>(),
             RepositoryModel::Kind::Repository);
    QCOMPARE(repository.data(RepositoryModel::RepositoryNameRole).toString(),
             QStringLiteral("web"));
    QVERIFY(!repository.data(RepositoryModel::TagRole).isValid());
    QCOMPARE(RepositoryModel::KindRole, Qt::UserRole);

    QCOMPARE(childrenOf(model, repository), (QStringList{"1.0", "2.0"}));
    const QModelIndex tag = model.index(1, 0, repository);
    QCOMPARE(tag.parent(), repository);
    QCOMPARE(tag.data(RepositoryModel::KindRole).value<RepositoryModel::Kind>(),
             RepositoryModel::Kind::Tag);
    QCOMPARE(tag.data(RepositoryModel::RepositoryNameRole).toString(), QStringLiteral("web"));
    QCOMPARE(tag.data(RepositoryModel::TagRole).toString(), QStringLiteral("2.0"));
    QCOMPARE(tag.data(Qt::ToolTipRole).toString(), QStringLiteral("web:2.0"));
    QCOMPARE(model.rowCount(tag), 0);
    QVERIFY(model.roleNames().value(RepositoryModel::TagRole) == "tag");
}

void TestRepositoryModel::tagsAreFetchedLazilyOnce() {
    RepositoryModel model;
    QSignalSpy needed(&model, &RepositoryModel::tagsNeeded);
    model.setRepositories({QStringLiteral("a"), QStringLiteral("b")});
    QCOMPARE(needed.count(), 0); // nothing is asked for before a view opens a repository

    const QModelIndex b = model.index(1, 0);
    QVERIFY(model.hasChildren(b));
    QVERIFY(model.canFetchMore(b));
    model.fetchMore(b);
    QCOMPARE(needed.count(), 1);
    QCOMPARE(needed.first().first().toString(), QStringLiteral("b"));
    QVERIFY(!model.canFetchMore(b));
    model.fetchMore(b);
    QCOMPARE(needed.count(), 1);
    QVERIFY(!model.canFetchMore({}));
}

void TestRepositoryModel::catalogUpdateKeepsSurvivingRepositories() {
    RepositoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRepositories({QStringLiteral("b"), QStringLiteral("d"), QStringLiteral("f")});
    model.setTags(QStringLiteral("d"), {QStringLiteral("v1"), QStringLiteral("v2")});
    const QPersistentModelIndex d = model.repositoryIndex(QStringLiteral("d"));
    const QPersistentModelIndex v2 = model.index(1, 0, d);

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy needed(&model, &RepositoryModel::tagsNeeded);
    model.setRepositories({QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("d")});

    QCOMPARE(childrenOf(model, {}), (QStringList{"a", "c", "d"}));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 2);  // b, then f
    QCOMPARE(inserted.count(), 2); // a, then c
    // The surviving repository moved from row 1 to row 2 and kept its tags.
    QVERIFY(d.isValid());
    QCOMPARE(d.row(), 2);
    QVERIFY(v2.isValid());
    QCOMPARE(v2.data().toString(), QStringLiteral("v2"));
    QCOMPARE(v2.parent(), QModelIndex(d));
    // Its tags had been read, so the refresh asks for them again. (The tester
    // itself opens the new repositories, which asks for theirs.)
    QStringList requested;
    for (const auto& arguments : needed)
        requested << arguments.first().toString();
    QCOMPARE(requested.count(QStringLiteral("d")), 1);
    QVERIFY(!requested.contains(QStringLiteral("b")));

    model.setTags(QStringLiteral("d"), {QStringLiteral("v2"), QStringLiteral("v3")});
    QCOMPARE(childrenOf(model, d), (QStringList{"v2", "v3"}));
    QCOMPARE(v2.row(), 0);
}

void TestRepositoryModel::emptyTagListRemovesTheExpander() {
    RepositoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRepositories({QStringLiteral("empty")});
    const QModelIndex repository = model.index(0, 0);
    QVERIFY(model.hasChildren(repository));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setTags(QStringLiteral("empty"), {});
    QVERIFY(!model.hasChildren(repository));
    QCOMPARE(changed.count(), 1);
}

void TestRepositoryModel::tagsForAnUnknownRepositoryAreIgnored() {
    RepositoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRepositories({QStringLiteral("a")});
    model.setTags(QStringLiteral("gone"), {QStringLiteral("v1")});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
}

void TestRepositoryModel::clientFollowsPaginationIntoTheModel() {
    CannedServer server;
    // An absolute next link first, then a relative one, as servers differ.
    server.route("/v2/_catalog?n=2", {200,
                                      R"({"repositories":["alpha","beta"]})",
                                      {{"Link", "<" + server.url().toEncoded() +
                                                    "/v2/_catalog?last=beta&n=2>; rel=\"next\""}}});
    server.route("/v2/_catalog?last=beta&n=2",
                 {200,
                  R"({"repositories":["gamma","delta"]})",
                  {{"Link", R"(</v2/_catalog?last=gamma&n=2>; type="x"; rel="next")"}}});
    server.route("/v2/_catalog?last=gamma&n=2", {200, R"({"repositories":["omega"]})", {}});
    server.route("/v2/team/web/tags/list?n=2",
                 {200,
                  R"({"name":"team/web","tags":["b","a"]})",
                  {{"Link", R"(</v2/team/web/tags/list?last=b&n=2>; rel="next")"}}});
    server.route("/v2/team/web/tags/list?last=b&n=2",
                 {200, R"({"name":"team/web","tags":["c"]})", {}});

    RegistryClient client;
    client.setBaseUrl(server.url());
    client.setPageSize(2);
    RepositoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.connectClient(&client);
    QSignalSpy catalog(&client, &RegistryClient::catalogReceived);
    QSignalSpy errors(&client, &RegistryClient::errorOccurred);

    client.fetchCatalog();
    QVERIFY(catalog.wait());
    QCOMPARE(errors.count(), 0);
    QCOMPARE(catalog.count(), 1); // one signal for the whole catalog, not one per page
    QCOMPARE(catalog.first().first().toStringList(),
             (QStringList{"alpha", "beta", "gamma", "delta", "omega"}));
    QCOMPARE(model.repositories(), (QStringList{"alpha", "beta", "delta", "gamma", "omega"}));
    QCOMPARE(server.requests.size(), 3);

    QSignalSpy tags(&client, &RegistryClient::tagsReceived);
    client.fetchTags(QStringLiteral("team/web"));
    QVERIFY(tags.wait());
    QCOMPARE(tags.first().at(0).toString(), QStringLiteral("team/web"));
    QCOMPARE(tags.first().at(1).toStringList(), (QStringList{"b", "a", "c"}));
    QCOMPARE(client.pendingRequests(), 0);
}

void TestRepositoryModel::clientSendsBasicCredentials() {
    CannedServer server;
    server.route("/v2/_catalog", {200, R"({"repositories":[]})", {}});
    RegistryClient client;
    client.setBaseUrl(server.url());
    client.setCredentials(QStringLiteral("reader-token"), QStringLiteral("s3cret:pass"));
    QSignalSpy catalog(&client, &RegistryClient::catalogReceived);
    client.fetchCatalog();
    QVERIFY(catalog.wait());
    QCOMPARE(catalog.first().first().toStringList(), QStringList());
    QVERIFY2(server.requests.first().contains("Authorization: Basic " +
                                              QByteArray("reader-token:s3cret:pass").toBase64()),
             server.requests.first().constData());

    client.clearCredentials();
    client.fetchCatalog();
    QVERIFY(catalog.wait());
    QVERIFY(!server.requests.last().contains("Authorization"));
}

void TestRepositoryModel::clientReportsOciErrorBody() {
    CannedServer server;
    server.route(
        "/v2/secret/tags/list",
        {403,
         R"({"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]})",
         {}});
    RegistryClient client;
    client.setBaseUrl(server.url());
    QSignalSpy errors(&client, &RegistryClient::errorOccurred);
    QSignalSpy tags(&client, &RegistryClient::tagsReceived);
    client.fetchTags(QStringLiteral("secret"));
    QVERIFY(errors.wait());
    QCOMPARE(tags.count(), 0);
    QCOMPARE(errors.first().at(0).value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Request);
    const QString message = errors.first().at(1).toString();
    QVERIFY2(
        message.contains(QStringLiteral("requested access to the resource is denied (DENIED)")),
        qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("403")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("secret")), qPrintable(message));
}

void TestRepositoryModel::clientReportsAChallengeAsARequestError() {
    // ferryd's answer to a caller without credentials (Docker token flow).
    CannedServer server;
    server.route("/v2/_catalog",
                 {401,
                  R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
                  {{"WWW-Authenticate", R"(Bearer realm="http://x/oauth2/token",service="x")"}}});
    server.route("/v2/basic/tags/list",
                 {401,
                  R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
                  {{"WWW-Authenticate", R"(Basic realm="ferry")"}}});
    RegistryClient client;
    client.setBaseUrl(server.url());
    client.setTimeout(5000);
    QSignalSpy errors(&client, &RegistryClient::errorOccurred);
    client.fetchCatalog();
    QVERIFY(errors.wait());
    QCOMPARE(errors.last().at(0).value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Request);
    QVERIFY2(errors.last().at(1).toString().contains(QStringLiteral("UNAUTHORIZED")),
             qPrintable(errors.last().at(1).toString()));
    client.fetchTags(QStringLiteral("basic"));
    QVERIFY(errors.wait());
    QCOMPARE(errors.last().at(0).value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Request);
    QVERIFY2(errors.last().at(1).toString().contains(QStringLiteral("401")),
             qPrintable(errors.last().at(1).toString()));
}

void TestRepositoryModel::clientReportsUnparsableAnswer() {
    CannedServer server;
    server.route("/v2/_catalog", {200, "<html>proxy login</html>", {}});
    server.route("/v2/x/tags/list", {200, R"({"name":"x","tags":[1,2]})", {}});
    RegistryClient client;
    client.setBaseUrl(server.url());
    QSignalSpy errors(&client, &RegistryClient::errorOccurred);
    QSignalSpy catalog(&client, &RegistryClient::catalogReceived);
    client.fetchCatalog();
    QVERIFY(errors.wait());
    QCOMPARE(errors.last().at(0).value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Parsing);
    client.fetchTags(QStringLiteral("x"));
    QVERIFY(errors.wait());
    QCOMPARE(errors.last().at(0).value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Parsing);
    QCOMPARE(catalog.count(), 0);
}

void TestRepositoryModel::clientReportsRefusedConnection() {
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    RegistryClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort)));
    QSignalSpy errors(&client, &RegistryClient::errorOccurred);
    client.fetchCatalog();
    QVERIFY(errors.wait());
    QCOMPARE(errors.first().at(0).value<RegistryClient::ErrorCategory>(),
             RegistryClient::ErrorCategory::Connection);
    QVERIFY(errors.first().at(1).toString().contains(QString::number(closedPort)));
}

void TestRepositoryModel::clientDropsAnswersFromAPreviousServer() {
    CannedServer first;
    first.route("/v2/_catalog", {200, R"({"repositories":["old"]})", {}});
    CannedServer second;
    second.route("/v2/_catalog", {200, R"({"repositories":["new"]})", {}});
    RegistryClient client;
    QSignalSpy catalog(&client, &RegistryClient::catalogReceived);
    client.setBaseUrl(first.url());
    client.fetchCatalog();
    client.setBaseUrl(second.url()); // before the first server could answer
    QCOMPARE(client.pendingRequests(), 0);
    client.fetchCatalog();
    QVERIFY(catalog.wait());
    QTest::qWait(100); // room for a stray answer from the first server
    QCOMPARE(catalog.count(), 1);
    QCOMPARE(catalog.first().first().toStringList(), QStringList{"new"});
}

QTEST_GUILESS_MAIN(TestRepositoryModel)
#include "tst_repositorymodel.moc"
