// Taking a connected registry away, in-process over a real AccessStore:
// delete refuses registries with children, with cleanup it removes the sync
// token and scope map and the ancestors' gateway actions, without it names what
// it leaves behind; the delete preview reports exactly what the delete then
// does and changes nothing; a shared scope map survives; deactivate makes a
// registry deployable again.

#include "apiharness.h"

using namespace ferry;
using testapi::Reply;
using testapi::strings;
using Verb = http::Verb;

class TestRegistryDeletion : public QObject {
    Q_OBJECT

    std::unique_ptr<testapi::Harness> h;

    Reply create(const QString& name, const QString& mode, const QString& parent,
                 const QStringList& repositories, QJsonObject extra = {}) {
        return testapi::createRegistry(*h, name, mode, parent, repositories, extra);
    }
    QStringList scopeMapActions(const QString& name) const {
        return testapi::scopeMapActions(*h, name);
    }
    static QStringList sorted(QStringList list) {
        list.sort();
        return list;
    }
    void buildFourLevels() { testapi::buildFourLevels(*h); }

private Q_SLOTS:
    void init() {
        h = std::make_unique<testapi::Harness>();
        testapi::addRegistryControllers(*h, QStringLiteral("registry.example.com:5000"));
    }
    void cleanup() { h.reset(); }

    void deleteRefusesParentsAndCleansUp() {
        buildFourLevels();
        const Reply refused = h->call(Verb::delete_, "connected-registries/charlie?cleanup=true");
        QCOMPARE(refused.status, 409u);
        QVERIFY(refused.errorMessage().contains("delta"));
        QVERIFY(h->state()->registry("charlie"));

        const Reply stale =
            h->call(Verb::delete_, "connected-registries/delta", {}, {{"If-Match", "\"1\""}});
        QCOMPARE(stale.status, 412u);
        const Reply cleaned = h->call(Verb::delete_, "connected-registries/delta?cleanup=true");
        QCOMPARE(cleaned.status, 200u);
        QCOMPARE(cleaned.json.value("deleted").toString(), QStringLiteral("delta"));
        const QJsonObject removed = cleaned.json.value("removed").toObject();
        QCOMPARE(strings(removed.value("tokens")), QStringList{"delta-sync-token"});
        QCOMPARE(strings(removed.value("scopeMaps")), QStringList{"delta-sync-scope-map"});
        const QJsonObject left = cleaned.json.value("leftBehind").toObject();
        QVERIFY(strings(left.value("tokens")).isEmpty() &&
                strings(left.value("scopeMaps")).isEmpty() &&
                strings(left.value("gatewayActions")).isEmpty());
        QVERIFY(!h->state()->registry("delta") && !h->state()->token("delta-sync-token") &&
                !h->state()->scopeMap("delta-sync-scope-map"));
        for (const char* map :
             {"alpha-sync-scope-map", "bravo-sync-scope-map", "charlie-sync-scope-map"}) {
            for (const QString& action : scopeMapActions(map))
                QVERIFY2(!action.startsWith("gateway/delta/"), qPrintable(action));
            // Repository actions granted for delta stay (DOMAIN.md strips only gateway actions).
            QVERIFY(scopeMapActions(map).contains("repositories/d/content/read"));
        }

        const Reply kept = h->call(Verb::delete_, "connected-registries/charlie?cleanup=false");
        QCOMPARE(kept.status, 200u);
        QVERIFY(strings(kept.json.value("removed").toObject().value("tokens")).isEmpty());
        const QJsonObject leftBehind = kept.json.value("leftBehind").toObject();
        QCOMPARE(strings(leftBehind.value("tokens")), QStringList{"charlie-sync-token"});
        QCOMPARE(strings(leftBehind.value("scopeMaps")), QStringList{"charlie-sync-scope-map"});
        QCOMPARE(sorted(strings(leftBehind.value("gatewayActions"))),
                 QStringList({"gateway/charlie/config/read", "gateway/charlie/config/write",
                              "gateway/charlie/message/read", "gateway/charlie/message/write"}));
        QVERIFY(h->state()->token("charlie-sync-token") &&
                h->state()->scopeMap("charlie-sync-scope-map"));
        QVERIFY(scopeMapActions("alpha-sync-scope-map").contains("gateway/charlie/config/read"));
        QCOMPARE(h->call(Verb::delete_, "connected-registries/charlie").status, 404u);
    }

    // delete-preview answers what DELETE would, without changing anything,
    // and names the gateway actions cleanup strips from each ancestor.
    void deletePreviewMatchesTheDelete() {
        buildFourLevels();
        const int64_t revision = h->state()->revision;
        const Reply preview =
            h->call(Verb::get, "connected-registries/delta/delete-preview?cleanup=true");
        QCOMPARE(preview.status, 200u);
        QCOMPARE(h->state()->revision, revision);
        QVERIFY(h->state()->registry("delta") && h->state()->token("delta-sync-token"));
        QVERIFY(scopeMapActions("alpha-sync-scope-map").contains("gateway/delta/config/read"));
        const QJsonObject removed = preview.json.value("removed").toObject();
        QCOMPARE(strings(removed.value("tokens")), QStringList{"delta-sync-token"});
        QCOMPARE(strings(removed.value("scopeMaps")), QStringList{"delta-sync-scope-map"});
        QStringList gateway;
        for (const QJsonValue& v : removed.value("gatewayActions").toArray())
            gateway << v["scopeMap"].toString() + ' ' + v["action"].toString();
        QCOMPARE(gateway.size(), 12); // four actions from each of three ancestors
        for (const char* map :
             {"alpha-sync-scope-map", "bravo-sync-scope-map", "charlie-sync-scope-map"})
            QVERIFY2(gateway.contains(QString::fromLatin1(map) + " gateway/delta/message/write"),
                     map);

        const Reply plain =
            h->call(Verb::get, "connected-registries/delta/delete-preview?cleanup=false");
        QCOMPARE(strings(plain.json.value("leftBehind").toObject().value("tokens")),
                 QStringList{"delta-sync-token"});
        QVERIFY(plain.json.value("removed").toObject().value("gatewayActions").toArray().isEmpty());
        QCOMPARE(h->call(Verb::get, "connected-registries/charlie/delete-preview").status, 409u);
        QCOMPARE(h->call(Verb::get, "connected-registries/nobody1/delete-preview").status, 404u);
        QCOMPARE(h->call(Verb::get, "connected-registries/delta/delete-preview?cleanup=yes").status,
                 400u);
        QCOMPARE(h->call(Verb::delete_, "connected-registries/delta/delete-preview").status, 405u);

        const Reply deleted = h->call(Verb::delete_, "connected-registries/delta?cleanup=true");
        QCOMPARE(deleted.status, 200u);
        QCOMPARE(deleted.json, preview.json);
    }

    void deleteKeepsASharedScopeMap() {
        h->addScopeMap("shared-map",
                       {"repositories/app/content/read", "repositories/app/metadata/read",
                        "gateway/edge1/config/read", "gateway/edge1/config/write",
                        "gateway/edge1/message/read", "gateway/edge1/message/write"});
        h->addToken("edge1-token", "shared-map");
        h->addToken("somebody", "shared-map");
        QCOMPARE(
            create("edge1", "ReadOnly", {}, {}, {{"sync", QJsonObject{{"token", "edge1-token"}}}})
                .status,
            201u);
        const Reply reply = h->call(Verb::delete_, "connected-registries/edge1?cleanup=true");
        QCOMPARE(reply.status, 200u);
        QCOMPARE(strings(reply.json.value("removed").toObject().value("tokens")),
                 QStringList{"edge1-token"});
        QCOMPARE(strings(reply.json.value("leftBehind").toObject().value("scopeMaps")),
                 QStringList{"shared-map"});
        QVERIFY(h->state()->scopeMap("shared-map") && h->state()->token("somebody"));
    }

    void deactivateMakesItDeployable() {
        QCOMPARE(create("edge1", "ReadWrite", {}, {"app"}).status, 201u);
        QVERIFY(h->store().mutate([](access::Mutation& m) -> Status {
            m.state().registries["edge1"].registry.activation = Activation::Active;
            m.touchRegistry("edge1");
            return {};
        }));
        QCOMPARE(toString(h->state()->registry("edge1")->registry.activation),
                 toString(Activation::Active));
        const Reply reply = h->call(Verb::post, "connected-registries/edge1/deactivate");
        QCOMPARE(reply.status, 200u);
        QCOMPARE(reply.json.value("activation").toString(), QStringLiteral("Inactive"));
        QCOMPARE(toString(h->state()->registry("edge1")->registry.activation),
                 toString(Activation::Inactive));
        QCOMPARE(h->call(Verb::get, "connected-registries/edge1/deactivate").status, 405u);
    }
};

QTEST_GUILESS_MAIN(TestRegistryDeletion)
#include "tst_registrydeletion.moc"
