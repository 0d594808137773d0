// Commands down the tree (gateway/registrycommands.h): issued with the
// registry's message TTL, no longer live once it passes, and settled at the
// root by acknowledgements.
#include "gateway/registrycommands.h"

#include <QtTest>

using namespace ferry;

class RegistryCommandsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void issuedWithTheMessageTtl();
    void expiredCommandsAreNotLive();
    void acknowledgementsSettleAtTheRoot();
    void aBadTtlIsRefused();
};

namespace {
const QDateTime kNow = QDateTime::fromString(QStringLiteral("2026-12-02T10:00:00Z"), Qt::ISODate);
}

void RegistryCommandsTest::issuedWithTheMessageTtl() {
    ConnectedRegistry registry;
    registry.sync.messageTtl = QStringLiteral("P2D");
    auto first = gateway::issueCommand(registry, QStringLiteral("resync"), kNow);
    auto second = gateway::issueCommand(registry, QStringLiteral("resync"), kNow);
    QVERIFY(first && second);
    QCOMPARE(first.value().type, QStringLiteral("resync"));
    QCOMPARE(first.value().issued, kNow);
    QCOMPARE(first.value().expires, kNow.addDays(2));
    QVERIFY(first.value().id.size() >= 20);
    QVERIFY(first.value().id != second.value().id);
}

void RegistryCommandsTest::expiredCommandsAreNotLive() {
    RegistryCommand soon{QStringLiteral("a"), QStringLiteral("resync"), kNow, kNow.addSecs(60)};
    RegistryCommand later{QStringLiteral("b"), QStringLiteral("resync"), kNow, kNow.addDays(1)};
    QCOMPARE(gateway::liveCommands({soon, later}, kNow).size(), 2);
    const auto live = gateway::liveCommands({soon, later}, kNow.addSecs(60));
    QCOMPARE(live.size(), 1);
    QCOMPARE(live.at(0).id, QStringLiteral("b"));
}

void RegistryCommandsTest::acknowledgementsSettleAtTheRoot() {
    ConnectedRegistry registry;
    registry.commands = {{QStringLiteral("a"), QStringLiteral("resync"), kNow, kNow.addDays(1)},
                         {QStringLiteral("b"), QStringLiteral("resync"), kNow, kNow.addDays(1)},
                         {QStringLiteral("c"), QStringLiteral("resync"), kNow, kNow.addSecs(10)}};
    QVERIFY(!gateway::settleCommands(registry, kNow)); // nothing acknowledged, nothing expired
    registry.acknowledgedCommands = {QStringLiteral("a"), QStringLiteral("gone")};
    QVERIFY(gateway::settleCommands(registry, kNow.addSecs(20)));
    QCOMPARE(registry.commands.size(), 1);
    QCOMPARE(registry.commands.at(0).id, QStringLiteral("b"));
    QVERIFY(registry.acknowledgedCommands.isEmpty());
    QVERIFY(!gateway::settleCommands(registry, kNow.addSecs(20)));
}

void RegistryCommandsTest::aBadTtlIsRefused() {
    ConnectedRegistry registry;
    registry.sync.messageTtl = QStringLiteral("two days");
    QVERIFY(!gateway::issueCommand(registry, QStringLiteral("resync"), kNow));
}

QTEST_GUILESS_MAIN(RegistryCommandsTest)
#include "tst_registrycommands.moc"
