// The connected registry API in-process over a real AccessStore: every
// hierarchy rule of DOMAIN.md, positive and negative; transactional create;
// ancestors' and descendants' sync scope maps; delete with and without
// the connection string byte for byte; filters; the hierarchy view.
// tst_registrydeletion.cpp covers delete, its preview and deactivate;
// tst_hierarchyscale.cpp checks the same at 1,000 registries.

#include "apiharness.h"
#include "crypto/passwordhash.h"
#include "crypto/random.h"
#include "management/connectedregistrycontroller.h"
#include "management/hierarchycontroller.h"

#include <QElapsedTimer>
#include <QJsonArray>

using namespace ferry;
using testapi::Reply;
using testapi::strings;
using Verb = http::Verb;

namespace {

const QString kLoginServer = QStringLiteral("registry.example.com:5000");

QStringList names(const QJsonValue& items) {
    QStringList out;
    for (const QJsonValue& item : items.toArray())
        out << item.toObject().value("name").toString();
    return out;
}

} // namespace

class TestConnectedRegistries : public QObject {
    Q_OBJECT

    std::unique_ptr<testapi::Harness> h;

    Reply create(const QString& name, const QString& mode, const QString& parent,
                 const QStringList& repositories, QJsonObject extra = {}) {
        return testapi::createRegistry(*h, name, mode, parent, repositories, extra);
    }
    QStringList scopeMapActions(const QString& name) const {
        return testapi::scopeMapActions(*h, name);
    }
    void buildFourLevels() { testapi::buildFourLevels(*h); }

private Q_SLOTS:
    void init() {
        h = std::make_unique<testapi::Harness>();
        testapi::addRegistryControllers(*h, kLoginServer);
    }
    void cleanup() { h.reset(); }

    void createGeneratesSyncTokenAndScopeMap() {
        const Reply reply = create("Edge1", "ReadWrite", {}, {"app", "team/*"});
        QCOMPARE(reply.status, 201u);
        QCOMPARE(reply.json.value("name").toString(), QStringLiteral("edge1"));
        QCOMPARE(reply.json.value("mode").toString(), QStringLiteral("ReadWrite"));
        QVERIFY(reply.json.value("parent").isNull());
        QCOMPARE(reply.json.value("sync").toObject().value("token").toString(),
                 QStringLiteral("edge1-sync-token"));
        QCOMPARE(reply.json.value("activation").toString(), QStringLiteral("Inactive"));
        QCOMPARE(reply.etag,
                 "\"" + std::to_string(reply.json.value("revision").toInteger()) + "\"");
        const auto* token = h->state()->token("edge1-sync-token");
        QVERIFY(token);
        QCOMPARE(token->token.scopeMap, QStringLiteral("edge1-sync-scope-map"));
        QVERIFY(!token->token.credentials.password1 && !token->token.credentials.password2);
        QCOMPARE(
            scopeMapActions("edge1-sync-scope-map"),
            QStringList({"repositories/app/content/read", "repositories/app/content/write",
                         "repositories/app/content/delete", "repositories/app/metadata/read",
                         "repositories/app/metadata/write", "repositories/team/*/content/read",
                         "repositories/team/*/content/write", "repositories/team/*/content/delete",
                         "repositories/team/*/metadata/read", "repositories/team/*/metadata/write",
                         "gateway/edge1/config/read", "gateway/edge1/config/write",
                         "gateway/edge1/message/read", "gateway/edge1/message/write"}));

        const Reply mirror = create("mirror1", "ReadOnly", "edge1", {"app"});
        QCOMPARE(mirror.status, 201u);
        QCOMPARE(scopeMapActions("mirror1-sync-scope-map"),
                 QStringList({"repositories/app/content/read", "repositories/app/metadata/read",
                              "gateway/mirror1/config/read", "gateway/mirror1/config/write",
                              "gateway/mirror1/message/read", "gateway/mirror1/message/write"}));
        const Reply got = h->call(Verb::get, "connected-registries/MIRROR1");
        QCOMPARE(got.status, 200u);
        QCOMPARE(got.json.value("parent").toString(), QStringLiteral("edge1"));
        QCOMPARE(got.etag, mirror.etag);
        QCOMPARE(h->call(Verb::get, "connected-registries/nosuch").status, 404u);
    }

    void readOnlyParentTakesOnlyReadOnlyChildren() {
        QCOMPARE(create("mirror1", "ReadOnly", {}, {"app"}).status, 201u);
        const Reply refused = create("writer1", "ReadWrite", "mirror1", {"app"});
        QCOMPARE(refused.status, 409u);
        QCOMPARE(refused.errorCode(), QStringLiteral("RULE_VIOLATION"));
        QVERIFY2(refused.errorMessage().contains("ReadOnly"), qPrintable(refused.errorMessage()));
        QVERIFY(!h->state()->token("writer1-sync-token"));
        QVERIFY(!h->state()->scopeMap("writer1-sync-scope-map"));
        QCOMPARE(create("mirror2", "ReadOnly", "mirror1", {"app"}).status, 201u);
        QCOMPARE(create("writer2", "ReadWrite", {}, {"app"}).status, 201u);
        QCOMPARE(create("mirror3", "ReadOnly", "writer2", {"app"}).status, 201u);
        QCOMPARE(create("writer3", "ReadWrite", "writer2", {"app"}).status, 201u);
    }

    void namesAreUniqueAcrossTheHierarchy() {
        QCOMPARE(create("edge1", "ReadWrite", {}, {"app"}).status, 201u);
        QCOMPARE(create("child1", "ReadWrite", "edge1", {"app"}).status, 201u);
        for (const char* name : {"edge1", "EDGE1", "Child1"}) {
            const Reply again = create(name, "ReadWrite", {}, {"app"});
            QCOMPARE(again.status, 409u);
            QCOMPARE(again.errorCode(), QStringLiteral("ALREADY_EXISTS"));
        }
        // A re-PUT never changes the mode.
        QCOMPARE(create("edge1", "ReadOnly", {}, {"app"}).status, 409u);
        QCOMPARE(toString(h->state()->registry("edge1")->registry.mode),
                 toString(ConnectedRegistryMode::ReadWrite));

        h->addScopeMap("taken-sync-scope-map", {"repositories/x/content/read"});
        const Reply mapTaken = create("taken", "ReadWrite", {}, {"app"});
        QCOMPARE(mapTaken.status, 409u);
        QVERIFY(mapTaken.errorMessage().contains("taken-sync-scope-map"));
        h->addToken("other-sync-token", "taken-sync-scope-map");
        const Reply tokenTaken = create("other", "ReadWrite", {}, {"app"});
        QCOMPARE(tokenTaken.status, 409u);
        QVERIFY(tokenTaken.errorMessage().contains("other-sync-token"));
        QVERIFY(!h->state()->registry("taken") && !h->state()->registry("other"));
        QVERIFY(!h->state()->scopeMap("other-sync-scope-map"));

        const Reply badName = create("a-b", "ReadWrite", {}, {"app"});
        QCOMPARE(badName.status, 400u);
        QCOMPARE(badName.errorCode(), QStringLiteral("NAME_INVALID"));
        // 40 characters is a valid registry name, but the generated scope map
        // name would pass the 50-character limit.
        const Reply tooLong = create(QString(40, u'a'), "ReadWrite", {}, {"app"});
        QCOMPARE(tooLong.status, 400u);
        QVERIFY(tooLong.errorMessage().contains("sync.token"));
    }

    void parentMustExist() {
        const Reply reply = create("orphan", "ReadWrite", "nosuch", {"app"});
        QCOMPARE(reply.status, 400u);
        QCOMPARE(reply.errorCode(), QStringLiteral("PARENT_NOT_FOUND"));
        QCOMPARE(reply.errorField(), QStringLiteral("parent"));
        QVERIFY(!h->state()->token("orphan-sync-token"));
        QCOMPARE(create("rootkid", "ReadWrite", "root", {"app"}).status, 201u);
        QVERIFY(h->state()->registry("rootkid")->registry.parent.isEmpty());
    }

    void windowRequiredUnlessContinuous() {
        const QJsonObject scheduled{{"sync", QJsonObject{{"schedule", "0 2 * * *"}}}};
        const Reply missing = create("nightly", "ReadOnly", {}, {"app"}, scheduled);
        QCOMPARE(missing.status, 409u);
        QCOMPARE(missing.errorField(), QStringLiteral("sync.window"));
        const Reply tooShort =
            create("nightly", "ReadOnly", {}, {"app"},
                   {{"sync", QJsonObject{{"schedule", "0 2 * * *"}, {"window", "PT30M"}}}});
        QCOMPARE(tooShort.status, 400u);
        QVERIFY(!h->state()->token("nightly-sync-token"));
        const Reply ok =
            create("nightly", "ReadOnly", {}, {"app"},
                   {{"sync", QJsonObject{{"schedule", "0 2 * * *"}, {"window", "PT3H"}}}});
        QCOMPARE(ok.status, 201u);
        QCOMPARE(ok.json.value("sync").toObject().value("window").toString(),
                 QStringLiteral("PT3H"));
        QCOMPARE(create("always", "ReadOnly", {}, {"app"}).status, 201u);
    }

    void clientTokensMustExistAndAreLimited() {
        h->addScopeMap("pull-map", {"repositories/app/content/read"});
        for (int i = 0; i < 21; ++i)
            h->addToken(QStringLiteral("client%1").arg(i, 2, 10, QChar(u'0')), "pull-map");
        const Reply missing = create("edge1", "ReadWrite", {}, {"app"},
                                     {{"clientTokens", QJsonArray{"client00", "ghost"}}});
        QCOMPARE(missing.status, 400u);
        QCOMPARE(missing.errorCode(), QStringLiteral("TOKEN_NOT_FOUND"));
        QCOMPARE(missing.errorField(), QStringLiteral("clientTokens[1]"));
        QJsonArray all;
        for (int i = 0; i < 21; ++i)
            all.append(QStringLiteral("client%1").arg(i, 2, 10, QChar(u'0')));
        const Reply tooMany = create("edge1", "ReadWrite", {}, {"app"}, {{"clientTokens", all}});
        QCOMPARE(tooMany.status, 409u);
        QCOMPARE(tooMany.errorCode(), QStringLiteral("RULE_VIOLATION"));
        QVERIFY(tooMany.errorMessage().contains("20"));
        all.removeLast();
        const Reply twenty = create("edge1", "ReadWrite", {}, {"app"}, {{"clientTokens", all}});
        QCOMPARE(twenty.status, 201u);
        QCOMPARE(strings(twenty.json.value("clientTokens")).size(), 20);

        const Reply listed = h->call(Verb::get, "connected-registries/edge1/client-tokens");
        QCOMPARE(listed.status, 200u);
        QCOMPARE(names(listed.json.value("items")).size(), 20);
        QCOMPARE(names(listed.json.value("items")).first(), QStringLiteral("client00"));
        QCOMPARE(
            listed.json.value("items").toArray().first().toObject().value("scopeMap").toString(),
            QStringLiteral("pull-map"));
    }

    void existingSyncTokenMustCarryTheModesActions() {
        h->addScopeMap("weak-map",
                       {"repositories/app/content/read", "repositories/app/metadata/read",
                        "gateway/edge1/config/read", "gateway/edge1/config/write",
                        "gateway/edge1/message/read", "gateway/edge1/message/write"});
        h->addToken("weak-token", "weak-map");
        const QJsonObject adopt{{"sync", QJsonObject{{"token", "weak-token"}}}};
        const Reply weak = create("edge1", "ReadWrite", {}, {}, adopt);
        QCOMPARE(weak.status, 400u);
        QCOMPARE(weak.errorCode(), QStringLiteral("SYNC_TOKEN_INSUFFICIENT"));
        QVERIFY2(weak.errorMessage().contains("repositories/app/content/write") &&
                     weak.errorMessage().contains("repositories/app/metadata/write"),
                 qPrintable(weak.errorMessage()));
        // Enough for a ReadOnly registry of that name.
        const Reply mirror = create("edge1", "ReadOnly", {}, {}, adopt);
        QCOMPARE(mirror.status, 201u);
        QCOMPARE(mirror.json.value("sync").toObject().value("token").toString(),
                 QStringLiteral("weak-token"));
        // The gateway actions are the registry's own.
        const Reply other =
            create("edge2", "ReadOnly", {}, {}, {{"sync", QJsonObject{{"token", "weak-token"}}}});
        QCOMPARE(other.status, 409u); // already edge1's sync token
        h->addToken("weak-token2", "weak-map");
        const Reply wrongGateway =
            create("edge2", "ReadOnly", {}, {}, {{"sync", QJsonObject{{"token", "weak-token2"}}}});
        QCOMPARE(wrongGateway.status, 400u);
        QVERIFY(wrongGateway.errorMessage().contains("gateway/edge2/config/read"));
        const Reply ghost =
            create("edge3", "ReadOnly", {}, {}, {{"sync", QJsonObject{{"token", "ghost-token"}}}});
        QCOMPARE(ghost.status, 400u);
        QCOMPARE(ghost.errorCode(), QStringLiteral("TOKEN_NOT_FOUND"));

        // Neither, or both.
        QJsonObject neither{{"mode", "ReadOnly"}};
        QCOMPARE(h->call(Verb::put, "connected-registries/edge4", neither).status, 400u);
        QJsonObject both{{"mode", "ReadOnly"},
                         {"repositories", QJsonArray{"app"}},
                         {"sync", QJsonObject{{"token", "weak-token2"}}}};
        QCOMPARE(h->call(Verb::put, "connected-registries/edge4", both).status, 400u);
        QVERIFY(!h->state()->registry("edge4"));
    }

    void ancestorsGainEveryDescendantsActions() {
        buildFourLevels();
        const QStringList alpha = scopeMapActions("alpha-sync-scope-map");
        for (const char* expected :
             {"repositories/app/content/write", "repositories/b/content/write",
              "repositories/b/metadata/write", "repositories/c/content/read",
              "repositories/c/metadata/read", "repositories/d/content/read",
              "gateway/bravo/message/write", "gateway/charlie/config/read",
              "gateway/delta/config/write"})
            QVERIFY2(alpha.contains(expected), expected);
        // A ReadOnly child only needs reads from above.
        QVERIFY(!alpha.contains("repositories/c/content/write"));
        const QStringList bravo = scopeMapActions("bravo-sync-scope-map");
        QVERIFY(bravo.contains("gateway/delta/message/read") &&
                bravo.contains("gateway/charlie/message/read"));
        QVERIFY(!bravo.contains("repositories/app/content/read"));
        const QStringList delta = scopeMapActions("delta-sync-scope-map");
        QCOMPARE(delta.size(), 6);
    }

    void failingCreateLeavesNothingBehind() {
        // Fill alpha's sync scope map to 494 actions, so a child's 5 + 4 more
        // actions break the 500 limit in the ancestor, after the child's own
        // token and scope map were already generated in the same mutation.
        QStringList repositories;
        for (int i = 0; i < 98; ++i)
            repositories << QStringLiteral("repo%1").arg(i);
        QCOMPARE(create("alpha", "ReadWrite", {}, repositories).status, 201u);
        QCOMPARE(scopeMapActions("alpha-sync-scope-map").size(), 98 * 5 + 4);
        const auto before = h->state();
        const Reply reply = create("bravo", "ReadWrite", "alpha", {"other"});
        QCOMPARE(reply.status, 400u);
        QCOMPARE(reply.errorCode(), QStringLiteral("ACTION_LIMIT_EXCEEDED"));
        QVERIFY(reply.errorMessage().contains("alpha-sync-scope-map"));
        const auto after = h->state();
        QCOMPARE(after->revision, before->revision);
        QVERIFY(!after->registry("bravo"));
        QVERIFY(!after->token("bravo-sync-token"));
        QVERIFY(!after->scopeMap("bravo-sync-scope-map"));
        QCOMPARE(after->scopeMap("alpha-sync-scope-map")->revision,
                 before->scopeMap("alpha-sync-scope-map")->revision);
        // And nothing reached the database either: read it afresh.
        access::AccessStore reopened(h->databasePath());
        QVERIFY(reopened.open().ok());
        QVERIFY(!reopened.snapshot()->token("bravo-sync-token"));
        QVERIFY(!reopened.snapshot()->scopeMap("bravo-sync-scope-map"));
        QVERIFY(reopened.snapshot()->token("alpha-sync-token"));
    }

    void patchRules() {
        h->addScopeMap("pull-map", {"repositories/app/content/read"});
        h->addToken("client-a", "pull-map");
        h->addToken("client-b", "pull-map");
        const Reply created =
            create("edge1", "ReadWrite", {}, {"app"}, {{"clientTokens", QJsonArray{"client-a"}}});
        QCOMPARE(created.status, 201u);
        const std::string path = "connected-registries/edge1";

        const Reply mode = h->call(Verb::patch, path, {{"mode", "ReadOnly"}});
        QCOMPARE(mode.status, 409u);
        QCOMPARE(mode.errorCode(), QStringLiteral("RULE_VIOLATION"));
        QCOMPARE(mode.errorMessage(),
                 QStringLiteral("The mode of a connected registry cannot change."));
        const Reply ambiguous = h->call(Verb::patch, path,
                                        {{"addClientTokens", QJsonArray{"client-b"}},
                                         {"removeClientTokens", QJsonArray{"client-b"}}});
        QCOMPARE(ambiguous.status, 400u);
        QCOMPARE(ambiguous.errorCode(), QStringLiteral("UPDATE_AMBIGUITY"));
        const Reply ghost = h->call(Verb::patch, path, {{"addClientTokens", QJsonArray{"ghost"}}});
        QCOMPARE(ghost.status, 400u);
        QCOMPARE(ghost.errorCode(), QStringLiteral("TOKEN_NOT_FOUND"));
        const Reply ghostRemove =
            h->call(Verb::patch, path, {{"removeClientTokens", QJsonArray{"ghost"}}});
        QCOMPARE(ghostRemove.status, 400u);
        const Reply stale =
            h->call(Verb::patch, path, {{"logging", QJsonObject{{"level", "Debug"}}}},
                    {{"If-Match", "\"1\""}});
        QCOMPARE(stale.status, 412u);
        const Reply window =
            h->call(Verb::patch, path, {{"sync", QJsonObject{{"schedule", "0 * * * *"}}}});
        QCOMPARE(window.status, 409u);
        QCOMPARE(window.errorField(), QStringLiteral("sync.window"));
        QCOMPARE(h->state()->registry("edge1")->revision,
                 created.json.value("revision").toInteger());

        const Reply ok = h->call(
            Verb::patch, path,
            {{"addClientTokens", QJsonArray{"client-b"}},
             {"removeClientTokens", QJsonArray{"client-a"}},
             {"sync",
              QJsonObject{{"schedule", "0 * * * *"}, {"window", "PT2H"}, {"messageTtl", "P7D"}}},
             {"logging", QJsonObject{{"level", "Debug"}, {"auditLog", "Enabled"}}},
             {"addNotifications", QJsonArray{"app:*:push", "team/*:1.0:*"}},
             {"garbageCollection", QJsonObject{{"enabled", true}}}},
            {{"If-Match", created.etag}});
        QCOMPARE(ok.status, 200u);
        const ConnectedRegistry r = h->state()->registry("edge1")->registry;
        QCOMPARE(r.clientTokens, QStringList{"client-b"});
        QCOMPARE(r.sync.schedule, QStringLiteral("0 * * * *"));
        QCOMPARE(r.sync.window, QStringLiteral("PT2H"));
        QCOMPARE(r.sync.messageTtl, QStringLiteral("P7D"));
        QCOMPARE(r.sync.token, QStringLiteral("edge1-sync-token"));
        QCOMPARE(toString(r.logging.level), toString(LogLevel::Debug));
        QCOMPARE(toString(r.logging.auditLog), toString(AuditLog::Enabled));
        QCOMPARE(r.notifications, QStringList({"app:*:push", "team/*:1.0:*"}));
        QVERIFY(r.garbageCollection.enabled);
        QCOMPARE(toString(r.mode), toString(ConnectedRegistryMode::ReadWrite));
        QCOMPARE(ok.etag, "\"" + std::to_string(h->state()->registry("edge1")->revision) + "\"");

        const Reply notes = h->call(
            Verb::patch, path,
            {{"removeNotifications", QJsonArray{"app:*:push"}}, {"clientTokens", QJsonArray{}}});
        QCOMPARE(notes.status, 200u);
        QCOMPARE(strings(notes.json.value("notifications")), QStringList{"team/*:1.0:*"});
        QVERIFY(strings(notes.json.value("clientTokens")).isEmpty());
        const Reply badPattern =
            h->call(Verb::patch, path, {{"notifications", QJsonArray{"app:1.0:pull"}}});
        QCOMPARE(badPattern.status, 400u);
        QCOMPARE(h->call(Verb::patch, "connected-registries/nosuch", {{"logging", QJsonObject{}}})
                     .status,
                 404u);
    }

    void connectionStringByteForByte() {
        QCOMPARE(create("edge1", "ReadWrite", {}, {"app"}).status, 201u);
        QCOMPARE(create("child1", "ReadOnly", "edge1", {"app"}).status, 201u);
        const Reply plain = h->call(Verb::post, "connected-registries/edge1/get-settings",
                                    {{"parentProtocol", "https"}});
        QCOMPARE(plain.status, 200u);
        QCOMPARE(
            plain.json.value("connectionString").toString(),
            QStringLiteral(
                "ConnectedRegistryName=edge1;SyncTokenName=edge1-sync-token;"
                "SyncTokenPassword=<Use --generate-password to generate a password>;"
                "ParentGatewayEndpoint=registry.example.com:5000;ParentEndpointProtocol=https"));
        QCOMPARE(plain.json.value("loginServer").toString(), kLoginServer);
        QCOMPARE(plain.json.value("passwordGenerated").toBool(), false);
        QVERIFY(!h->state()->token("edge1-sync-token")->token.credentials.password1);

        const Reply nested = h->call(Verb::post, "connected-registries/child1/get-settings",
                                     {{"parentProtocol", "http"}});
        QCOMPARE(
            nested.json.value("connectionString").toString(),
            QStringLiteral(
                "ConnectedRegistryName=child1;SyncTokenName=child1-sync-token;"
                "SyncTokenPassword=<Use --generate-password to generate a password>;"
                "ParentGatewayEndpoint=edge1.registry.example.com;ParentEndpointProtocol=http"));
        QVERIFY(h->store().mutate([](access::Mutation& m) -> Status {
            m.state().registries["edge1"].registry.loginServer.host =
                QStringLiteral("10.0.0.7:8443");
            m.touchRegistry("edge1");
            return {};
        }));
        const Reply reported = h->call(Verb::post, "connected-registries/child1/get-settings",
                                       {{"parentProtocol", "https"}});
        QVERIFY(reported.json.value("connectionString")
                    .toString()
                    .endsWith(";ParentGatewayEndpoint=10.0.0.7:8443;ParentEndpointProtocol=https"));

        const Reply generated = h->call(Verb::post, "connected-registries/edge1/get-settings",
                                        {{"parentProtocol", "https"}, {"generatePassword", 2}});
        QCOMPARE(generated.status, 200u);
        QVERIFY(generated.json.value("passwordGenerated").toBool());
        const QString text = generated.json.value("connectionString").toString();
        const QString prefix = QStringLiteral(
            "ConnectedRegistryName=edge1;SyncTokenName=edge1-sync-token;SyncTokenPassword=");
        const QString suffix = QStringLiteral(
            ";ParentGatewayEndpoint=registry.example.com:5000;ParentEndpointProtocol=https");
        QVERIFY(text.startsWith(prefix) && text.endsWith(suffix));
        const std::string password =
            text.mid(prefix.size(), text.size() - prefix.size() - suffix.size()).toStdString();
        QCOMPARE(password.size(), crypto::kPasswordLength);
        QVERIFY(password.find_first_not_of(crypto::kBase62Alphabet) == std::string::npos);
        const auto* token = h->state()->token("edge1-sync-token");
        QVERIFY(token->token.credentials.password2 && !token->token.credentials.password1);
        QVERIFY(crypto::verifyPassword(password, token->hashes.password2.toStdString()));
        QVERIFY(token->hashes.password1.isEmpty());
        // Regenerating replaces the slot: the old password stops working.
        const Reply again = h->call(Verb::post, "connected-registries/edge1/get-settings",
                                    {{"parentProtocol", "https"}, {"generatePassword", 2}});
        QCOMPARE(again.status, 200u);
        QVERIFY(!crypto::verifyPassword(
            password, h->state()->token("edge1-sync-token")->hashes.password2.toStdString()));
        // The audit record names the action, never the password.
        const auto audit = h->store().auditEvents(0, 1000, "connectedRegistry.generatePassword");
        QCOMPARE(audit.size(), 2);
        QVERIFY(!audit.first().detail.contains(QString::fromStdString(password)));

        QCOMPARE(h->call(Verb::post, "connected-registries/edge1/get-settings",
                         {{"parentProtocol", "ftp"}})
                     .status,
                 400u);
        QCOMPARE(h->call(Verb::post, "connected-registries/edge1/get-settings",
                         {{"parentProtocol", "http"}, {"generatePassword", 3}})
                     .status,
                 400u);
    }

    void permissionsPropagate() {
        buildFourLevels();
        const Reply read = h->call(Verb::get, "connected-registries/charlie/permissions");
        QCOMPARE(read.status, 200u);
        QCOMPARE(strings(read.json.value("repositories")), QStringList({"c", "d"}));
        QVERIFY(strings(read.json.value("actions")).contains("gateway/charlie/config/read"));

        const Reply added = h->call(Verb::patch, "connected-registries/charlie/permissions",
                                    {{"add", QJsonArray{"new/*"}}});
        QCOMPARE(added.status, 200u);
        QVERIFY(strings(added.json.value("repositories")).contains("new/*"));
        for (const char* map :
             {"alpha-sync-scope-map", "bravo-sync-scope-map", "charlie-sync-scope-map"}) {
            QVERIFY2(scopeMapActions(map).contains("repositories/new/*/content/read"), map);
            QVERIFY2(!scopeMapActions(map).contains("repositories/new/*/content/write"), map);
        }
        QVERIFY(
            !scopeMapActions("delta-sync-scope-map").contains("repositories/new/*/content/read"));

        h->call(Verb::patch, "connected-registries/delta/permissions",
                {{"add", QJsonArray{"new/*"}}});
        const Reply removed = h->call(Verb::patch, "connected-registries/bravo/permissions",
                                      {{"remove", QJsonArray{"new/*", "c"}}});
        QCOMPARE(removed.status, 200u);
        for (const char* map :
             {"bravo-sync-scope-map", "charlie-sync-scope-map", "delta-sync-scope-map"}) {
            for (const QString& action : scopeMapActions(map))
                QVERIFY2(!action.startsWith("repositories/new/") &&
                             !action.startsWith("repositories/c/"),
                         qPrintable(action));
        }
        // Removal never travels up.
        QVERIFY(
            scopeMapActions("alpha-sync-scope-map").contains("repositories/new/*/content/read"));

        const Reply ambiguous = h->call(Verb::patch, "connected-registries/bravo/permissions",
                                        {{"add", QJsonArray{"x"}}, {"remove", QJsonArray{"x"}}});
        QCOMPARE(ambiguous.errorCode(), QStringLiteral("UPDATE_AMBIGUITY"));
        const Reply invalid = h->call(Verb::patch, "connected-registries/bravo/permissions",
                                      {{"add", QJsonArray{"Bad Repo"}}});
        QCOMPARE(invalid.status, 400u);
        QCOMPARE(invalid.errorCode(), QStringLiteral("REPOSITORY_INVALID"));
    }

    void listFilters() {
        buildFourLevels();
        QCOMPARE(create("echo1", "ReadOnly", {}, {"e"}).status, 201u);
        QVERIFY(h->store().mutate([](access::Mutation& m) -> Status {
            m.state().registries["bravo"].registry.connectionState = ConnectionState::Online;
            m.touchRegistry("bravo");
            return {};
        }));
        const auto list = [this](const std::string& query) {
            const Reply reply = h->call(Verb::get, "connected-registries" + query);
            return reply.status == 200 ? names(reply.json.value("items"))
                                       : QStringList{QString::number(reply.status)};
        };
        QCOMPARE(list(""), QStringList({"alpha", "bravo", "charlie", "delta", "echo1"}));
        QCOMPARE(list("?parent=root"), QStringList({"alpha", "echo1"}));
        QCOMPARE(list("?parent=alpha"), QStringList({"bravo"}));
        QCOMPARE(list("?parent=alpha&descendants=true"),
                 QStringList({"bravo", "charlie", "delta"}));
        QCOMPARE(list("?parent=root&descendants=true&mode=ReadOnly"),
                 QStringList({"echo1", "charlie", "delta"}));
        QCOMPARE(list("?mode=ReadWrite"), QStringList({"alpha", "bravo"}));
        QCOMPARE(list("?connectionState=Online"), QStringList({"bravo"}));
        QCOMPARE(list("?connectionState=Offline&parent=bravo"), QStringList({"charlie"}));
        QCOMPARE(list("?parent=nosuch"), QStringList{"404"});
        QCOMPARE(list("?mode=Sideways"), QStringList{"400"});
        const Reply one = h->call(Verb::get, "connected-registries?parent=root");
        QVERIFY(one.json.value("items").toArray().first().toObject().contains("revision"));
    }

    void hierarchyOfFourLevels() {
        buildFourLevels();
        QCOMPARE(create("echo1", "ReadWrite", "alpha", {"e"}).status, 201u);
        const Reply reply = h->call(Verb::get, "hierarchy");
        QCOMPARE(reply.status, 200u);
        QCOMPARE(reply.json.value("name").toString(), QStringLiteral("root"));
        QCOMPARE(reply.json.value("loginServer").toString(), kLoginServer);
        const QJsonArray top = reply.json.value("children").toArray();
        QCOMPARE(names(top), QStringList{"alpha"});
        const QJsonObject alpha = top.first().toObject();
        QVERIFY(alpha.contains("revision") && alpha.contains("sync"));
        QCOMPARE(names(alpha.value("children")), QStringList({"bravo", "echo1"}));
        const QJsonObject bravo = alpha.value("children").toArray().first().toObject();
        const QJsonObject charlie = bravo.value("children").toArray().first().toObject();
        QCOMPARE(charlie.value("name").toString(), QStringLiteral("charlie"));
        const QJsonObject delta = charlie.value("children").toArray().first().toObject();
        QCOMPARE(delta.value("name").toString(), QStringLiteral("delta"));
        QCOMPARE(delta.value("mode").toString(), QStringLiteral("ReadOnly"));
        QVERIFY(delta.value("children").toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestConnectedRegistries)
#include "tst_connectedregistries.moc"
