// /api/v1/scope-maps through the real router and AccessStore: lower-case
// names and actions, validation codes, ETag preconditions, system maps that
// can't be changed, maps in use that can't be deleted, audit records written
// with each change (and only with a change), and durability across reopen.

#include "managementharness.h"

#include <QtTest>

using namespace ferry;
using namespace ferry::testing;
using Verb = http::Verb;

namespace {

QJsonObject mapBody(const char* description, std::initializer_list<const char*> actions) {
    return {{"description", QString::fromUtf8(description)}, {"actions", strings(actions)}};
}

QStringList actionsOf(const Reply& reply) {
    QStringList out;
    for (const QJsonValue& value : reply.json.value("actions").toArray())
        out.push_back(value.toString());
    return out;
}

} // namespace

class TestScopeMapController : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ManagementHarness> h;

    void createMap(const std::string& name, std::initializer_list<const char*> actions) {
        const Reply reply = h->call(Verb::put, "/api/v1/scope-maps/" + name, mapBody("", actions));
        QCOMPARE(reply.status, 201u);
    }

private Q_SLOTS:
    void init() {
        h = std::make_unique<ManagementHarness>();
        QVERIFY2(h->open(), qPrintable(h->error));
    }
    void cleanup() { h.reset(); }

    void listShowsSystemMaps() {
        const Reply reply = h->call(Verb::get, "/api/v1/scope-maps");
        QCOMPARE(reply.status, 200u);
        QStringList names;
        for (const QJsonValue& item : reply.items()) {
            names.push_back(item["name"].toString());
            QCOMPARE(item["type"].toString(), QStringLiteral("SystemDefined"));
            QVERIFY(item["revision"].toInteger() > 0);
        }
        QCOMPARE(names,
                 QStringList({"_repositories_admin", "_repositories_pull", "_repositories_push"}));
    }

    void putCreatesInLowerCase() {
        const Reply created = h->call(
            Verb::put, "/api/v1/scope-maps/App-Pull",
            mapBody("Pull app", {"Repositories/App/Content/Read", "repositories/app/content/read",
                                 "repositories/app/metadata/read"}));
        QCOMPARE(created.status, 201u);
        QCOMPARE(created.json["name"].toString(), QStringLiteral("app-pull"));
        QCOMPARE(actionsOf(created),
                 QStringList({"repositories/app/content/read", "repositories/app/metadata/read"}));
        QCOMPARE(created.json["type"].toString(), QStringLiteral("UserDefined"));
        QVERIFY(!created.json["creationTime"].toString().isEmpty());
        QCOMPARE(created.etag(), "\"" + std::to_string(created.revision()) + "\"");
        QCOMPARE(created.header("Location"), std::string("/api/v1/scope-maps/app-pull"));

        const Reply fetched = h->call(Verb::get, "/api/v1/scope-maps/APP-PULL");
        QCOMPARE(fetched.status, 200u);
        QCOMPARE(fetched.json, created.json);
        QCOMPARE(fetched.etag(), created.etag());

        // The parsed form the matcher uses follows the stored strings.
        const access::ScopeMapRecord* record = h->state()->scopeMap("app-pull");
        QVERIFY(record);
        QVERIFY(grantsRepository(record->actions, u"app", RepositoryPermission::ContentRead));
        QVERIFY(!grantsRepository(record->actions, u"app", RepositoryPermission::ContentWrite));
    }

    void putReplacesAndKeepsCreationTime() {
        const Reply first = h->call(Verb::put, "/api/v1/scope-maps/team-maps",
                                    mapBody("one", {"repositories/a/content/read"}));
        QCOMPARE(first.status, 201u);
        const Reply second = h->call(Verb::put, "/api/v1/scope-maps/team-maps",
                                     mapBody("two", {"repositories/b/*/content/write"}));
        QCOMPARE(second.status, 200u);
        QCOMPARE(second.json["description"].toString(), QStringLiteral("two"));
        QCOMPARE(actionsOf(second), QStringList({"repositories/b/*/content/write"}));
        QCOMPARE(second.json["creationTime"], first.json["creationTime"]);
        QVERIFY(second.revision() > first.revision());
        QVERIFY(second.header("Location").empty());
    }

    void createOnlyRefusesAnExistingMap() {
        createMap("only-once", {"repositories/a/content/read"});
        const Reply again =
            h->call(Verb::put, "/api/v1/scope-maps/ONLY-once",
                    mapBody("", {"repositories/z/content/read"}), {{"If-None-Match", "*"}});
        QCOMPARE(again.status, 409u);
        QCOMPARE(again.errorCode(), QStringLiteral("ALREADY_EXISTS"));
        QCOMPARE(h->state()->scopeMap("only-once")->scopeMap.actions,
                 QStringList({"repositories/a/content/read"}));
    }

    void ifMatchGuardsEveryChange() {
        const Reply created = h->call(Verb::put, "/api/v1/scope-maps/guarded",
                                      mapBody("", {"repositories/a/content/read"}));
        const std::string stale = "\"" + std::to_string(created.revision() - 1) + "\"";
        const std::string path = "/api/v1/scope-maps/guarded";

        const Reply put = h->call(Verb::put, path, mapBody("", {"repositories/b/content/read"}),
                                  {{"If-Match", stale}});
        QCOMPARE(put.status, 412u);
        QCOMPARE(put.errorCode(), QStringLiteral("PRECONDITION_FAILED"));
        const Reply patch =
            h->call(Verb::patch, path, QJsonObject{{"description", "x"}}, {{"If-Match", stale}});
        QCOMPARE(patch.status, 412u);
        const Reply remove = h->call(Verb::delete_, path, std::string(), {{"If-Match", stale}});
        QCOMPARE(remove.status, 412u);
        QVERIFY(h->state()->scopeMap("guarded"));
        QCOMPARE(h->state()->scopeMap("guarded")->revision, created.revision());

        const Reply current = h->call(Verb::patch, path, QJsonObject{{"description", "now"}},
                                      {{"If-Match", created.etag()}});
        QCOMPARE(current.status, 200u);
        QVERIFY(current.etag() != created.etag());
        // The old ETag is stale now.
        const Reply late =
            h->call(Verb::delete_, path, std::string(), {{"If-Match", created.etag()}});
        QCOMPARE(late.status, 412u);
        QCOMPARE(h->call(Verb::delete_, path, std::string(), {{"If-Match", current.etag()}}).status,
                 204u);
        // If-Match on something that does not exist can't match.
        const Reply missing = h->call(Verb::put, "/api/v1/scope-maps/never-made", mapBody("", {}),
                                      {{"If-Match", "*"}});
        QCOMPARE(missing.status, 412u);
        QVERIFY(!h->state()->scopeMap("never-made"));
    }

    void patchAddsRemovesAndDescribes() {
        createMap("patched", {"repositories/a/content/read", "repositories/a/metadata/read"});
        const Reply reply = h->call(
            Verb::patch, "/api/v1/scope-maps/patched",
            QJsonObject{{"description", "new words"},
                        {"addActions",
                         strings({"Repositories/B/Content/Write", "repositories/a/content/read"})},
                        {"removeActions", strings({"repositories/a/metadata/read",
                                                   "repositories/q/content/read"})}});
        QCOMPARE(reply.status, 200u);
        QCOMPARE(reply.json["description"].toString(), QStringLiteral("new words"));
        QCOMPARE(actionsOf(reply),
                 QStringList({"repositories/a/content/read", "repositories/b/content/write"}));

        const Reply replaced =
            h->call(Verb::patch, "/api/v1/scope-maps/patched",
                    QJsonObject{{"actions", strings({"gateway/edge1/config/read"})}});
        QCOMPARE(replaced.status, 200u);
        QCOMPARE(actionsOf(replaced), QStringList({"gateway/edge1/config/read"}));
        QCOMPARE(replaced.json["description"].toString(), QStringLiteral("new words"));

        // A PATCH that changes nothing keeps the revision and writes no audit record.
        const qsizetype audited = h->audit("scopeMap.").size();
        const Reply same =
            h->call(Verb::patch, "/api/v1/scope-maps/patched",
                    QJsonObject{{"addActions", strings({"gateway/edge1/config/read"})}});
        QCOMPARE(same.status, 200u);
        QCOMPARE(same.revision(), replaced.revision());
        QCOMPARE(h->audit("scopeMap.").size(), audited);

        const Reply both =
            h->call(Verb::patch, "/api/v1/scope-maps/patched",
                    QJsonObject{{"actions", strings({})},
                                {"addActions", strings({"repositories/a/content/read"})}});
        QCOMPARE(both.status, 400u);
        QCOMPARE(both.errorCode(), QStringLiteral("JSON_INVALID"));

        const Reply missing =
            h->call(Verb::patch, "/api/v1/scope-maps/not-there", QJsonObject{{"description", "x"}});
        QCOMPARE(missing.status, 404u);
        QCOMPARE(missing.errorCode(), QStringLiteral("NOT_FOUND"));
    }

    void validationUsesDomainCodes() {
        const Reply shortName = h->call(Verb::put, "/api/v1/scope-maps/abc", mapBody("", {}));
        QCOMPARE(shortName.status, 400u);
        QCOMPARE(shortName.errorCode(), QStringLiteral("NAME_INVALID"));
        QCOMPARE(shortName.errorField(), QStringLiteral("name"));

        const Reply badChar = h->call(Verb::put, "/api/v1/scope-maps/has.dot", mapBody("", {}));
        QCOMPARE(badChar.errorCode(), QStringLiteral("NAME_INVALID"));

        const Reply badAction =
            h->call(Verb::put, "/api/v1/scope-maps/bad-action",
                    mapBody("", {"repositories/a/content/read", "repositories/a/content/fly"}));
        QCOMPARE(badAction.status, 400u);
        QCOMPARE(badAction.errorCode(), QStringLiteral("ACTION_INVALID"));
        QCOMPARE(badAction.errorField(), QStringLiteral("actions[1]"));

        const Reply badAdd = h->call(Verb::patch, "/api/v1/scope-maps/_nope_nope", QJsonObject{});
        QCOMPARE(badAdd.status, 404u);

        const Reply longDescription =
            h->call(Verb::put, "/api/v1/scope-maps/wordy-map",
                    QJsonObject{{"description", QString(257, u'x')}, {"actions", strings({})}});
        QCOMPARE(longDescription.status, 400u);
        QCOMPARE(longDescription.errorCode(), QStringLiteral("DESCRIPTION_INVALID"));

        const Reply noActions =
            h->call(Verb::put, "/api/v1/scope-maps/no-actions", QJsonObject{{"description", "x"}});
        QCOMPARE(noActions.status, 400u);
        QCOMPARE(noActions.errorCode(), QStringLiteral("JSON_INVALID"));
        QCOMPARE(noActions.errorField(), QStringLiteral("actions"));

        const Reply typo = h->call(Verb::patch, "/api/v1/scope-maps/no-actions",
                                   QJsonObject{{"addAction", strings({})}});
        QCOMPARE(typo.status, 400u);
        QCOMPARE(typo.errorField(), QStringLiteral("addAction"));

        const Reply notJson =
            h->call(Verb::put, "/api/v1/scope-maps/no-json", std::string("[1, 2"));
        QCOMPARE(notJson.status, 400u);
        QCOMPARE(notJson.errorCode(), QStringLiteral("JSON_INVALID"));

        const Reply wrongType = h->call(Verb::put, "/api/v1/scope-maps/wrong-type",
                                        QJsonObject{{"actions", "repositories/a/content/read"}});
        QCOMPARE(wrongType.errorCode(), QStringLiteral("JSON_INVALID"));

        // Nothing above created anything.
        QCOMPARE(h->state()->scopeMaps.size(), 3);
    }

    void actionLimitIs500() {
        QJsonArray actions;
        for (int i = 0; i < 500; ++i)
            actions.append(QStringLiteral("repositories/repo%1/content/read").arg(i));
        const Reply full =
            h->call(Verb::put, "/api/v1/scope-maps/big-map", QJsonObject{{"actions", actions}});
        QCOMPARE(full.status, 201u);
        QCOMPARE(full.json["actions"].toArray().size(), 500);

        const Reply over =
            h->call(Verb::patch, "/api/v1/scope-maps/big-map",
                    QJsonObject{{"addActions", strings({"repositories/one-more/content/read"})}});
        QCOMPARE(over.status, 400u);
        QCOMPARE(over.errorCode(), QStringLiteral("ACTION_LIMIT_EXCEEDED"));
        QCOMPARE(h->state()->scopeMap("big-map")->scopeMap.actions.size(), 500);

        actions.append(QStringLiteral("repositories/one-more/content/read"));
        const Reply tooMany =
            h->call(Verb::put, "/api/v1/scope-maps/huge-map", QJsonObject{{"actions", actions}});
        QCOMPARE(tooMany.status, 400u);
        QCOMPARE(tooMany.errorCode(), QStringLiteral("ACTION_LIMIT_EXCEEDED"));
        QVERIFY(!h->state()->scopeMap("huge-map"));
    }

    void systemMapsCannotChange() {
        for (const std::string name :
             {"_repositories_admin", "_repositories_pull", "_Repositories_Push"}) {
            const std::string path = "/api/v1/scope-maps/" + name;
            QCOMPARE(h->call(Verb::get, path).status, 200u);
            const Reply put =
                h->call(Verb::put, path, mapBody("", {"repositories/a/content/read"}));
            QCOMPARE(put.status, 409u);
            QCOMPARE(put.errorCode(), QStringLiteral("RULE_VIOLATION"));
            const Reply patch = h->call(Verb::patch, path, QJsonObject{{"description", "mine"}});
            QCOMPARE(patch.status, 409u);
            QCOMPARE(patch.errorCode(), QStringLiteral("RULE_VIOLATION"));
            const Reply remove = h->call(Verb::delete_, path);
            QCOMPARE(remove.status, 409u);
            QCOMPARE(remove.errorCode(), QStringLiteral("RULE_VIOLATION"));
        }
        const access::ScopeMapRecord* pull = h->state()->scopeMap("_repositories_pull");
        QVERIFY(pull);
        QCOMPARE(pull->scopeMap.actions,
                 formatActions(systemScopeMapActions(u"_repositories_pull")));
        QVERIFY(h->audit("scopeMap.").isEmpty());
    }

    void deleteRefusedWhileATokenUsesTheMap() {
        createMap("shared-map", {"repositories/a/content/read"});
        QCOMPARE(
            h->call(Verb::put, "/api/v1/tokens/user-one", QJsonObject{{"scopeMap", "Shared-Map"}})
                .status,
            201u);
        QCOMPARE(
            h->call(Verb::put, "/api/v1/tokens/user-two", QJsonObject{{"scopeMap", "shared-map"}})
                .status,
            201u);

        const Reply refused = h->call(Verb::delete_, "/api/v1/scope-maps/shared-map");
        QCOMPARE(refused.status, 409u);
        QCOMPARE(refused.errorCode(), QStringLiteral("IN_USE"));
        QVERIFY(refused.errorMessage().contains(QStringLiteral("user-one")));
        QVERIFY(refused.errorMessage().contains(QStringLiteral("user-two")));
        QVERIFY(h->state()->scopeMap("shared-map"));

        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/user-one").status, 204u);
        QCOMPARE(h->call(Verb::patch, "/api/v1/tokens/user-two",
                         QJsonObject{{"scopeMap", "_repositories_pull"}})
                     .status,
                 200u);
        QCOMPARE(h->call(Verb::delete_, "/api/v1/scope-maps/shared-map").status, 204u);
        QCOMPARE(h->call(Verb::get, "/api/v1/scope-maps/shared-map").status, 404u);
        QCOMPARE(h->call(Verb::delete_, "/api/v1/scope-maps/shared-map").status, 404u);
    }

    void wrongMethodsAndRoutes() {
        const Reply postList = h->call(Verb::post, "/api/v1/scope-maps", QJsonObject{});
        QCOMPARE(postList.status, 405u);
        QCOMPARE(postList.errorCode(), QStringLiteral("METHOD_NOT_ALLOWED"));
        QCOMPARE(postList.header("Allow"), std::string("GET"));
        const Reply postOne = h->call(Verb::post, "/api/v1/scope-maps/some-map", QJsonObject{});
        QCOMPARE(postOne.status, 405u);
        QCOMPARE(postOne.errorCode(), QStringLiteral("METHOD_NOT_ALLOWED"));
        QCOMPARE(h->call(Verb::get, "/api/v1/scope-maps/some-map/extra").status, 404u);
    }

    void everyChangeIsAuditedOnce() {
        createMap("audited-map", {"repositories/a/content/read"});
        QCOMPARE(h->call(Verb::patch, "/api/v1/scope-maps/audited-map",
                         QJsonObject{{"description", "d"}})
                     .status,
                 200u);
        QCOMPARE(h->call(Verb::put, "/api/v1/scope-maps/audited-map", mapBody("", {}),
                         {{"If-None-Match", "*"}})
                     .status,
                 409u); // refused: no record
        QCOMPARE(h->call(Verb::delete_, "/api/v1/scope-maps/audited-map").status, 204u);

        const QList<access::AuditEvent> events = h->audit("scopeMap.");
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[0].action, QStringLiteral("scopeMap.create"));
        QCOMPARE(events[1].action, QStringLiteral("scopeMap.update"));
        QCOMPARE(events[2].action, QStringLiteral("scopeMap.delete"));
        for (const access::AuditEvent& event : events) {
            QCOMPARE(event.actor, QStringLiteral("admin"));
            QCOMPARE(event.address, QStringLiteral("192.0.2.10"));
            QCOMPARE(event.target, QStringLiteral("scope-maps/audited-map"));
            QCOMPARE(event.outcome, QStringLiteral("success"));
        }
    }

    void changesSurviveAReopen() {
        createMap("durable-map", {"Repositories/Keep/content/read"});
        const Reply before = h->call(Verb::get, "/api/v1/scope-maps/durable-map");
        QVERIFY2(h->reopen(), qPrintable(h->error));
        const Reply after = h->call(Verb::get, "/api/v1/scope-maps/durable-map");
        QCOMPARE(after.status, 200u);
        QCOMPARE(after.json, before.json);
        QCOMPARE(after.etag(), before.etag());
        QVERIFY(grantsRepository(h->state()->scopeMap("durable-map")->actions, u"keep",
                                 RepositoryPermission::ContentRead));
    }
};

QTEST_GUILESS_MAIN(TestScopeMapController)
#include "tst_scopemapcontroller.moc"
