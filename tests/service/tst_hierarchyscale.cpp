// Correctness at the size the reference product allows: 1,000 connected
// registries three levels deep (plus one at depth 4) and 20,000 tokens. The
// timings it prints are for a person; bench/hierarchy-bench.sh measures them.

#include "apiharness.h"
#include "management/connectedregistrycontroller.h"
#include "management/hierarchycontroller.h"

#include <QElapsedTimer>
#include <QJsonArray>

using namespace ferry;
using testapi::Reply;
using Verb = http::Verb;

class TestHierarchyScale : public QObject {
    Q_OBJECT

    std::unique_ptr<testapi::Harness> h;

    QStringList scopeMapActions(const QString& name) const {
        const auto* map = h->state()->scopeMap(name);
        return map ? map->scopeMap.actions : QStringList{QStringLiteral("<missing>")};
    }

private Q_SLOTS:
    void init() {
        h = std::make_unique<testapi::Harness>();
        const std::function<std::string()> login = [] {
            return std::string("registry.example.com:5000");
        };
        h->api().addController(
            std::make_unique<management::ConnectedRegistryController>(h->store(), login));
        h->api().addController(
            std::make_unique<management::HierarchyController>(h->store(), login));
    }

    void thousandRegistriesAndTwentyThousandTokens() {
        // 20,000 tokens over 20 scope maps, written in one mutation.
        QVERIFY(h->store().mutate([](access::Mutation& m) -> Status {
            for (int i = 0; i < 20; ++i) {
                access::ScopeMapRecord map;
                map.scopeMap.name = QStringLiteral("bulk-map-%1").arg(i);
                map.scopeMap.actions = {QStringLiteral("repositories/bulk%1/content/read").arg(i)};
                m.state().scopeMaps.insert(map.scopeMap.name, map);
                m.touchScopeMap(map.scopeMap.name);
            }
            for (int i = 0; i < 20000; ++i) {
                access::TokenRecord token;
                token.token.name = QStringLiteral("bulk-token-%1").arg(i);
                token.token.scopeMap = QStringLiteral("bulk-map-%1").arg(i % 20);
                m.state().tokens.insert(token.token.name, token);
                m.touchToken(token.token.name);
            }
            return {};
        }));
        // 1,000 registries: 100 under the root, 3 under each, 2 under each of those.
        QElapsedTimer timer;
        timer.start();
        int made = 0;
        for (int a = 0; a < 100; ++a) {
            const QString top = QStringLiteral("site%1").arg(a);
            QCOMPARE(testapi::createRegistry(*h, top, "ReadWrite", {}, {"app"}).status, 201u);
            ++made;
            for (int b = 0; b < 3; ++b) {
                const QString mid = QStringLiteral("%1mid%2").arg(top).arg(b);
                QCOMPARE(testapi::createRegistry(*h, mid, "ReadWrite", top, {"app"}).status, 201u);
                ++made;
                for (int c = 0; c < 2; ++c) {
                    QCOMPARE(testapi::createRegistry(
                                 *h, QStringLiteral("%1leaf%2").arg(mid).arg(c), "ReadOnly", mid,
                                 {"app"},
                                 {{"clientTokens",
                                   QJsonArray{QStringLiteral("bulk-token-%1").arg(made)}}})
                                 .status,
                             201u);
                    ++made;
                }
            }
        }
        const qint64 buildMs = timer.elapsed();
        QCOMPARE(h->state()->registries.size(), 1000);
        QCOMPARE(h->state()->tokens.size(), 21000);

        timer.restart();
        const Reply hierarchy = h->call(Verb::get, "hierarchy");
        const qint64 hierarchyMs = timer.elapsed();
        QCOMPARE(hierarchy.status, 200u);
        QCOMPARE(hierarchy.json.value("children").toArray().size(), 100);
        // Once more after one registry changed: the rest comes from the serialised cache.
        QVERIFY(h->call(Verb::post, "connected-registries/site3/deactivate").status == 200);
        timer.restart();
        const Reply warm = h->call(Verb::get, "hierarchy");
        const qint64 warmMs = timer.elapsed();
        QCOMPARE(warm.response.body.size(), hierarchy.response.body.size());
        QVERIFY(warm.etag != hierarchy.etag);
        timer.restart();
        const Reply list = h->call(Verb::get, "connected-registries");
        const qint64 listMs = timer.elapsed();
        QCOMPARE(list.json.value("items").toArray().size(), 1000);
        timer.restart();
        const Reply subtree =
            h->call(Verb::get, "connected-registries?parent=site7&descendants=true&mode=ReadOnly");
        const qint64 subtreeMs = timer.elapsed();
        QCOMPARE(subtree.json.value("items").toArray().size(), 6);
        timer.restart();
        const Reply deep =
            testapi::createRegistry(*h, "deepleaf", "ReadOnly", "site42mid1leaf1", {"deep"});
        const qint64 deepMs = timer.elapsed();
        QCOMPARE(deep.status, 201u);
        for (const char* map : {"site42-sync-scope-map", "site42mid1-sync-scope-map",
                                "site42mid1leaf1-sync-scope-map"})
            QVERIFY(scopeMapActions(map).contains("gateway/deepleaf/config/read"));
        qDebug("1,000 registries + 20,000 tokens: built in %lld ms (%.1f ms per create); GET "
               "hierarchy %lld ms "
               "first, %lld ms next (%zu bytes); GET list %lld ms; filtered subtree %lld ms; "
               "create at depth 4 %lld ms",
               buildMs, double(buildMs) / 1000.0, hierarchyMs, warmMs,
               hierarchy.response.body.size(), listMs, subtreeMs, deepMs);
    }
};

QTEST_GUILESS_MAIN(TestHierarchyScale)
#include "tst_hierarchyscale.moc"
