// Scope map actions: grammar, lower-casing, limits, the wildcard matcher and
// the generated system and sync maps (DOMAIN.md "Scope maps", "Sync tokens").

#include "domain/actions.h"

#include <QTest>

using namespace ferry;

class TestActions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void lowerCases();
    void parseActionsDeduplicatesAndLimits();
    void grants_data();
    void grants();
    void gatewayGrant();
    void readOnlyKeepsReads();
    void systemMaps();
    void syncScopeMap_data();
    void syncScopeMap();
    void missingActions();
    void cleanupStripsGatewayActions();
};

void TestActions::parse_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("content/read") << "repositories/hello-world/content/read" << true
                                  << "repositories/hello-world/content/read";
    QTest::newRow("content/delete nested")
        << "repositories/team/app/content/delete" << true << "repositories/team/app/content/delete";
    QTest::newRow("metadata/write")
        << "repositories/a/metadata/write" << true << "repositories/a/metadata/write";
    QTest::newRow("wildcard suffix")
        << "repositories/team/*/content/write" << true << "repositories/team/*/content/write";
    QTest::newRow("wildcard all") << "repositories/*/metadata/read" << true
                                  << "repositories/*/metadata/read";
    QTest::newRow("gateway") << "gateway/edge01/message/write" << true
                             << "gateway/edge01/message/write";
    QTest::newRow("metadata/delete") << "repositories/a/metadata/delete" << false << "";
    QTest::newRow("content only") << "repositories/a/content" << false << "";
    QTest::newRow("gateway content") << "gateway/edge01/content/read" << false << "";
    QTest::newRow("gateway bad name") << "gateway/1edge/config/read" << false << "";
    QTest::newRow("gateway nested name") << "gateway/edge01/x/config/read" << false << "";
    QTest::newRow("wildcard in middle") << "repositories/a/*/b/content/read" << false << "";
    QTest::newRow("prefix wildcard") << "repositories/team*/content/read" << false << "";
    QTest::newRow("empty repo") << "repositories//content/read" << false << "";
    QTest::newRow("bad repo") << "repositories/a__-b/content/read" << false << "";
    QTest::newRow("unknown kind") << "registry/catalog/content/read" << false << "";
    QTest::newRow("empty") << "" << false << "";
}

void TestActions::parse() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, canonical);
    const auto parsed = ScopeAction::parse(text);
    QCOMPARE(parsed.ok(), valid);
    if (valid)
        QCOMPARE(parsed->toString(), canonical);
    else
        QCOMPARE(parsed.error().code, QStringLiteral("ACTION_INVALID"));
}

void TestActions::lowerCases() {
    const auto parsed = ScopeAction::parse(QStringLiteral("Repositories/Team/App/Content/READ"));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->toString(), QStringLiteral("repositories/team/app/content/read"));
    QCOMPARE(parsed->resource(), QStringLiteral("team/app"));
    QVERIFY(parsed->repositoryPermission() == RepositoryPermission::ContentRead);

    const auto gateway = ScopeAction::parse(QStringLiteral("GATEWAY/EdgeOne/Config/Write"));
    QVERIFY(gateway.ok());
    QCOMPARE(gateway->toString(), QStringLiteral("gateway/edgeone/config/write"));
    QVERIFY(gateway->kind() == ScopeAction::Kind::Gateway);
}

void TestActions::parseActionsDeduplicatesAndLimits() {
    const auto deduped = parseActions({QStringLiteral("repositories/a/content/read"),
                                       QStringLiteral("REPOSITORIES/A/CONTENT/READ"),
                                       QStringLiteral("repositories/a/metadata/read")});
    QVERIFY(deduped.ok());
    QCOMPARE(formatActions(deduped.value()),
             QStringList({QStringLiteral("repositories/a/content/read"),
                          QStringLiteral("repositories/a/metadata/read")}));

    QStringList many;
    for (int i = 0; i < kMaxActionsPerScopeMap; ++i)
        many << QStringLiteral("repositories/r%1/content/read").arg(i);
    QVERIFY(parseActions(many).ok());
    many << many.first(); // a duplicate does not count against the limit
    QVERIFY(parseActions(many).ok());
    many << QStringLiteral("repositories/one-more/content/read");
    const auto tooMany = parseActions(many);
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error().code, QStringLiteral("ACTION_LIMIT_EXCEEDED"));
    QVERIFY(tooMany.error().message.contains(QStringLiteral("500")));

    const auto bad =
        parseActions({QStringLiteral("repositories/a/content/read"), QStringLiteral("nope")});
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QStringLiteral("'nope'")));
}

void TestActions::grants_data() {
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("repository");
    QTest::addColumn<bool>("granted");
    QTest::newRow("exact") << "repositories/team/a/content/read"
                           << "team/a" << true;
    QTest::newRow("exact, other repo") << "repositories/team/a/content/read"
                                       << "team/b" << false;
    QTest::newRow("exact is not prefix") << "repositories/team/content/read"
                                         << "team/a" << false;
    QTest::newRow("wildcard child") << "repositories/team/*/content/read"
                                    << "team/a" << true;
    QTest::newRow("wildcard grandchild") << "repositories/team/*/content/read"
                                         << "team/a/b" << true;
    QTest::newRow("wildcard not itself") << "repositories/team/*/content/read"
                                         << "team" << false;
    QTest::newRow("wildcard not sibling prefix") << "repositories/team/*/content/read"
                                                 << "teams/a" << false;
    QTest::newRow("star everything") << "repositories/*/content/read"
                                     << "x/y/z" << true;
    QTest::newRow("other permission") << "repositories/*/content/write"
                                      << "x" << false;
}

void TestActions::grants() {
    QFETCH(QString, action);
    QFETCH(QString, repository);
    QFETCH(bool, granted);
    const auto actions = parseActions({action});
    QVERIFY(actions.ok());
    QCOMPARE(grantsRepository(actions.value(), repository, RepositoryPermission::ContentRead),
             granted);
}

void TestActions::gatewayGrant() {
    const auto actions = gatewayActions(QStringLiteral("Edge01"));
    QCOMPARE(actions.size(), 4);
    QVERIFY(grantsGateway(actions, u"edge01", GatewayPermission::MessageWrite));
    QVERIFY(grantsGateway(actions, u"EDGE01", GatewayPermission::ConfigRead));
    QVERIFY(!grantsGateway(actions, u"edge02", GatewayPermission::ConfigRead));
    QVERIFY(!grantsRepository(actions, u"edge01", RepositoryPermission::ContentRead));
}

void TestActions::readOnlyKeepsReads() {
    const auto admin = systemScopeMapActions(u"_repositories_admin");
    const auto reads = readActionsOnly(admin);
    QCOMPARE(formatActions(reads), QStringList({QStringLiteral("repositories/*/content/read"),
                                                QStringLiteral("repositories/*/metadata/read")}));
    QVERIFY(!grantsRepository(reads, u"a", RepositoryPermission::ContentWrite));
}

void TestActions::systemMaps() {
    QCOMPARE(systemScopeMapNames().size(), 3);
    QVERIFY(isSystemScopeMapName(u"_REPOSITORIES_PUSH"));
    QVERIFY(!isSystemScopeMapName(u"repositories_push"));
    QVERIFY(systemScopeMapActions(u"mymap1").isEmpty());

    const auto admin = systemScopeMapActions(u"_repositories_admin");
    const auto pull = systemScopeMapActions(u"_repositories_pull");
    const auto push = systemScopeMapActions(u"_repositories_push");
    QCOMPARE(admin.size(), 5);
    QCOMPARE(pull.size(), 2);
    QCOMPARE(push.size(), 3);
    for (auto p : {RepositoryPermission::ContentRead, RepositoryPermission::ContentWrite,
                   RepositoryPermission::ContentDelete, RepositoryPermission::MetadataRead,
                   RepositoryPermission::MetadataWrite})
        QVERIFY(grantsRepository(admin, u"any/repo", p));
    QVERIFY(grantsRepository(pull, u"any/repo", RepositoryPermission::MetadataRead));
    QVERIFY(!grantsRepository(pull, u"any/repo", RepositoryPermission::ContentWrite));
    QVERIFY(grantsRepository(push, u"any/repo", RepositoryPermission::ContentWrite));
    QVERIFY(!grantsRepository(push, u"any/repo", RepositoryPermission::ContentDelete));
}

void TestActions::syncScopeMap_data() {
    QTest::addColumn<ConnectedRegistryMode>("mode");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("ReadOnly") << ConnectedRegistryMode::ReadOnly
                              << QStringList{"repositories/hello/content/read",
                                             "repositories/hello/metadata/read",
                                             "gateway/edge01/config/read",
                                             "gateway/edge01/config/write",
                                             "gateway/edge01/message/read",
                                             "gateway/edge01/message/write"};
    QTest::newRow("ReadWrite")
        << ConnectedRegistryMode::ReadWrite
        << QStringList{"repositories/hello/content/read",   "repositories/hello/content/write",
                       "repositories/hello/content/delete", "repositories/hello/metadata/read",
                       "repositories/hello/metadata/write", "gateway/edge01/config/read",
                       "gateway/edge01/config/write",       "gateway/edge01/message/read",
                       "gateway/edge01/message/write"};
}

void TestActions::syncScopeMap() {
    QFETCH(ConnectedRegistryMode, mode);
    QFETCH(QStringList, expected);
    const auto actions =
        syncScopeMapActions(mode, QStringLiteral("Edge01"), {QStringLiteral("hello")});
    QCOMPARE(formatActions(actions), expected);
}

void TestActions::missingActions() {
    const auto required =
        syncScopeMapActions(ConnectedRegistryMode::ReadOnly, QStringLiteral("edge01"),
                            {QStringLiteral("team/a"), QStringLiteral("team/*")});
    // A wildcard held covers a concrete name and a narrower wildcard alike.
    auto held = parseActions({QStringLiteral("repositories/team/*/content/read"),
                              QStringLiteral("repositories/*/metadata/read")})
                    .value();
    held << gatewayActions(QStringLiteral("edge01"));
    QVERIFY(ferry::missingActions(held, required).isEmpty());

    // team/a/* can't stand in for team/*: it misses team/b.
    auto narrow = parseActions({QStringLiteral("repositories/team/a/*/content/read"),
                                QStringLiteral("repositories/*/metadata/read")})
                      .value();
    narrow << gatewayActions(QStringLiteral("edge01"));
    const auto missing = ferry::missingActions(narrow, required);
    QCOMPARE(formatActions(missing),
             QStringList({QStringLiteral("repositories/team/a/content/read"),
                          QStringLiteral("repositories/team/*/content/read")}));

    // Another registry's gateway actions don't count.
    QCOMPARE(ferry::missingActions(gatewayActions(QStringLiteral("edge02")),
                                   gatewayActions(QStringLiteral("edge01")))
                 .size(),
             4);
}

void TestActions::cleanupStripsGatewayActions() {
    auto actions = syncScopeMapActions(ConnectedRegistryMode::ReadWrite, QStringLiteral("parent1"),
                                       {QStringLiteral("hello")});
    actions << gatewayActions(QStringLiteral("child01"));
    const auto stripped = withoutGatewayActions(actions, u"CHILD01");
    QCOMPARE(stripped.size(), actions.size() - 4);
    QVERIFY(grantsGateway(stripped, u"parent1", GatewayPermission::MessageRead));
    QVERIFY(!grantsGateway(stripped, u"child01", GatewayPermission::MessageRead));
    QVERIFY(grantsRepository(stripped, u"hello", RepositoryPermission::ContentDelete));
}

QTEST_GUILESS_MAIN(TestActions)
#include "tst_actions.moc"
