// ShardedHash, the map behind the access store's snapshots: a copy shares
// every shard, a write detaches only the shard it lands in, iteration and
// erase walk every shard, and a lookup ignoring case finds the stored name.

#include "access/shardedhash.h"

#include <QSet>
#include <QtTest>

using namespace ferry::access;

namespace {

using Map = ShardedHash<int>;

int sharedShards(const Map& a, const Map& b) {
    int shared = 0;
    for (int i = 0; i < Map::kShards; ++i)
        shared += a.shard(i).isSharedWith(b.shard(i)) ? 1 : 0;
    return shared;
}

Map filled(int count) {
    Map map;
    for (int i = 0; i < count; ++i)
        map.insert(QStringLiteral("name%1").arg(i), i);
    return map;
}

} // namespace

class TestShardedHash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aWriteDetachesOneShard() {
        const Map before = filled(5000);
        Map after = before;
        QCOMPARE(sharedShards(before, after), Map::kShards);
        after.insert(QStringLiteral("newcomer"), -1);
        QCOMPARE(sharedShards(before, after), Map::kShards - 1);
        // The old version is untouched.
        QVERIFY(!before.contains(QStringLiteral("newcomer")));
        QCOMPARE(before.size(), 5000);
        QCOMPARE(after.size(), 5001);
    }

    void lookupsAndRemovalsOfAbsentKeysDetachNothing() {
        const Map before = filled(1000);
        Map after = before;
        QVERIFY(after.find(QStringLiteral("absent")) == after.end());
        QVERIFY(!after.remove(QStringLiteral("absent")));
        QCOMPARE(sharedShards(before, after), Map::kShards);
        auto it = after.find(QStringLiteral("name7"));
        QVERIFY(it != after.end());
        *it = 700;
        QCOMPARE(sharedShards(before, after), Map::kShards - 1);
        QCOMPARE(before.value(QStringLiteral("name7")), 7);
        QCOMPARE(after.value(QStringLiteral("name7")), 700);
    }

    void iterationVisitsEveryRecordOnce() {
        const Map map = filled(3000);
        QSet<QString> seen;
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            QCOMPARE(it.value(), it.key().mid(4).toInt());
            seen.insert(it.key());
        }
        QCOMPARE(seen.size(), 3000);
        int sum = 0;
        for (int value : map)
            sum += value;
        QCOMPARE(sum, 3000 * 2999 / 2);
        QVERIFY(Map().cbegin() == Map().cend());
        QVERIFY(Map().isEmpty());
    }

    void eraseWhileIteratingKeepsTheRest() {
        Map map = filled(2000);
        for (auto it = map.begin(); it != map.end();) {
            if (it.value() % 2)
                it = map.erase(it);
            else
                ++it;
        }
        QCOMPARE(map.size(), 1000);
        for (int value : std::as_const(map))
            QCOMPARE(value % 2, 0);
    }

    void lookupIgnoringCaseFindsTheStoredName() {
        Map map = filled(4000);
        map.insert(QStringLiteral("Build-Agent"), 1);
        QCOMPARE(map.keyIgnoringCase(QStringLiteral("build-agent")), QStringLiteral("Build-Agent"));
        QCOMPARE(map.keyIgnoringCase(QStringLiteral("BUILD-AGENT")), QStringLiteral("Build-Agent"));
        QCOMPARE(map.keyIgnoringCase(QStringLiteral("NAME123")), QStringLiteral("name123"));
        QCOMPARE(map.keyIgnoringCase(QStringLiteral("nobody")), QString());
        QCOMPARE(Map::shardOf(QStringLiteral("Build-Agent")),
                 Map::shardOf(QStringLiteral("bUILD-aGENT")));
    }
};

QTEST_GUILESS_MAIN(TestShardedHash)
#include "tst_shardedhash.moc"
