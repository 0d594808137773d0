// /api/v1/tokens through the real router and AccessStore: creation (without
// passwords by default), scope maps that must exist, validation, PATCH, ETag
// preconditions, case-insensitive names, the sync token rules (no delete
// while its registry exists; disabling it deactivates the registry) and audit
// records. Password routes: tst_tokencredentials.

#include "managementharness.h"

#include <QtTest>

using namespace ferry;
using namespace ferry::testing;
using Verb = http::Verb;

class TestTokenController : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ManagementHarness> h;

    const access::TokenRecord* record(const QString& name) const { return h->state()->token(name); }

    // A connected registry whose sync token is `token`, as the connected
    // registry controller would store it.
    void addRegistry(const QString& name, const QString& token, Activation activation) {
        const Status status = h->store().mutate([&](access::Mutation& m) -> Status {
            access::ConnectedRegistryRecord registry;
            registry.registry.name = name;
            registry.registry.sync.token = token;
            registry.registry.activation = activation;
            m.state().registries.insert(name, registry);
            m.touchRegistry(name);
            return {};
        });
        QVERIFY(status.ok());
    }

private Q_SLOTS:
    void init() {
        h = std::make_unique<ManagementHarness>();
        QVERIFY2(h->open(), qPrintable(h->error));
    }
    void cleanup() { h.reset(); }

    void createsWithoutPasswordsByDefault() {
        const Reply reply = h->call(Verb::put, "/api/v1/tokens/ci-pull",
                                    QJsonObject{{"scopeMap", "_Repositories_Pull"}});
        QCOMPARE(reply.status, 201u);
        QCOMPARE(reply.json["name"].toString(), QStringLiteral("ci-pull"));
        QCOMPARE(reply.json["scopeMap"].toString(), QStringLiteral("_repositories_pull"));
        QCOMPARE(reply.json["status"].toString(), QStringLiteral("enabled"));
        QVERIFY(reply.json["credentials"]["password1"].isNull());
        QVERIFY(reply.json["credentials"]["password2"].isNull());
        QVERIFY(!reply.json.contains("passwords"));
        QCOMPARE(reply.etag(), "\"" + std::to_string(reply.revision()) + "\"");
        QCOMPARE(reply.header("Location"), std::string("/api/v1/tokens/ci-pull"));
        QVERIFY(record("ci-pull"));
        QVERIFY(record("ci-pull")->hashes.password1.isEmpty());
        QVERIFY(record("ci-pull")->hashes.password2.isEmpty());

        const Reply fetched = h->call(Verb::get, "/api/v1/tokens/ci-pull");
        QCOMPARE(fetched.status, 200u);
        QCOMPARE(fetched.json, reply.json);
        const Reply list = h->call(Verb::get, "/api/v1/tokens");
        QCOMPARE(list.items().size(), 1);
        QCOMPARE(list.items()[0]["name"].toString(), QStringLiteral("ci-pull"));
    }

    void scopeMapMustExist() {
        const Reply missing = h->call(Verb::put, "/api/v1/tokens/orphan-token",
                                      QJsonObject{{"scopeMap", "no-such-map"}});
        QCOMPARE(missing.status, 404u);
        QCOMPARE(missing.errorCode(), QStringLiteral("NOT_FOUND"));
        QCOMPARE(missing.errorField(), QStringLiteral("scopeMap"));
        QVERIFY(missing.errorMessage().contains(QStringLiteral("no-such-map")));
        QVERIFY(!record("orphan-token"));

        const Reply absent =
            h->call(Verb::put, "/api/v1/tokens/orphan-token", QJsonObject{{"status", "enabled"}});
        QCOMPARE(absent.status, 400u);
        QCOMPARE(absent.errorField(), QStringLiteral("scopeMap"));

        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/real-token",
                         QJsonObject{{"scopeMap", "_repositories_pull"}})
                     .status,
                 201u);
        const Reply patch = h->call(Verb::patch, "/api/v1/tokens/real-token",
                                    QJsonObject{{"scopeMap", "gone-map"}});
        QCOMPARE(patch.status, 404u);
        QCOMPARE(patch.errorField(), QStringLiteral("scopeMap"));
        QCOMPARE(record("real-token")->token.scopeMap, QStringLiteral("_repositories_pull"));
    }

    void validatesNamesAndFields() {
        const QJsonObject body{{"scopeMap", "_repositories_pull"}};
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/abcd", body).errorCode(),
                 QStringLiteral("NAME_INVALID"));
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/under_score", body).errorCode(),
                 QStringLiteral("NAME_INVALID"));
        const Reply status =
            h->call(Verb::put, "/api/v1/tokens/status-token",
                    QJsonObject{{"scopeMap", "_repositories_pull"}, {"status", "paused"}});
        QCOMPARE(status.status, 400u);
        QCOMPARE(status.errorField(), QStringLiteral("status"));
        const Reply typo =
            h->call(Verb::put, "/api/v1/tokens/typo-token",
                    QJsonObject{{"scopeMap", "_repositories_pull"}, {"generatePassword", true}});
        QCOMPARE(typo.status, 400u);
        QCOMPARE(typo.errorField(), QStringLiteral("generatePassword"));
        QVERIFY(h->state()->tokens.isEmpty());
    }

    void patchChangesScopeMapAndStatus() {
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/patch-me",
                         QJsonObject{{"scopeMap", "_repositories_pull"}})
                     .status,
                 201u);
        const Reply patched =
            h->call(Verb::patch, "/api/v1/tokens/patch-me",
                    QJsonObject{{"scopeMap", "_repositories_push"}, {"status", "Disabled"}});
        QCOMPARE(patched.status, 200u);
        QCOMPARE(patched.json["scopeMap"].toString(), QStringLiteral("_repositories_push"));
        QCOMPARE(patched.json["status"].toString(), QStringLiteral("disabled"));
        QVERIFY(record("patch-me")->token.status == TokenStatus::Disabled);

        // A PUT that leaves out status keeps the token disabled.
        const Reply put = h->call(Verb::put, "/api/v1/tokens/patch-me",
                                  QJsonObject{{"scopeMap", "_repositories_pull"}});
        QCOMPARE(put.status, 200u);
        QCOMPARE(put.json["status"].toString(), QStringLiteral("disabled"));

        const Reply same =
            h->call(Verb::patch, "/api/v1/tokens/patch-me", QJsonObject{{"status", "disabled"}});
        QCOMPARE(same.status, 200u);
        QCOMPARE(same.revision(), put.revision());
        QCOMPARE(
            h->call(Verb::patch, "/api/v1/tokens/nobody-home", QJsonObject{{"status", "enabled"}})
                .status,
            404u);
    }

    void preconditionsAndCaseInsensitiveNames() {
        const Reply created = h->call(Verb::put, "/api/v1/tokens/Guarded-Token",
                                      QJsonObject{{"scopeMap", "_repositories_pull"}});
        QCOMPARE(created.status, 201u);
        const Reply twin =
            h->call(Verb::put, "/api/v1/tokens/guarded-token",
                    QJsonObject{{"scopeMap", "_repositories_push"}}, {{"If-None-Match", "*"}});
        QCOMPARE(twin.status, 409u);
        QCOMPARE(twin.errorCode(), QStringLiteral("ALREADY_EXISTS"));
        QCOMPARE(h->state()->tokens.size(), 1);
        QCOMPARE(h->call(Verb::get, "/api/v1/tokens/GUARDED-TOKEN").json["name"].toString(),
                 QStringLiteral("Guarded-Token"));

        const std::string stale = "\"" + std::to_string(created.revision() + 100) + "\"";
        const Reply patch = h->call(Verb::patch, "/api/v1/tokens/Guarded-Token",
                                    QJsonObject{{"status", "disabled"}}, {{"If-Match", stale}});
        QCOMPARE(patch.status, 412u);
        QCOMPARE(patch.errorCode(), QStringLiteral("PRECONDITION_FAILED"));
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/Guarded-Token", std::string(),
                         {{"If-Match", stale}})
                     .status,
                 412u);
        QCOMPARE(h->call(Verb::post, "/api/v1/tokens/Guarded-Token/generate-credentials",
                         QJsonObject{}, {{"If-Match", stale}})
                     .status,
                 412u);
        QVERIFY(record("Guarded-Token")->hashes.password1.isEmpty());
        QVERIFY(record("Guarded-Token")->token.status == TokenStatus::Enabled);
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/Guarded-Token", std::string(),
                         {{"If-Match", created.etag()}})
                     .status,
                 204u);
        QVERIFY(h->state()->tokens.isEmpty());
    }

    void syncTokenRules() {
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/edge1-sync",
                         QJsonObject{{"scopeMap", "_repositories_pull"}})
                     .status,
                 201u);
        addRegistry(QStringLiteral("edge1"), QStringLiteral("edge1-sync"), Activation::Active);
        const int64_t registryRevision = h->state()->registry("edge1")->revision;

        const Reply refused = h->call(Verb::delete_, "/api/v1/tokens/edge1-sync");
        QCOMPARE(refused.status, 409u);
        QCOMPARE(refused.errorCode(), QStringLiteral("IN_USE"));
        QVERIFY(refused.errorMessage().contains(QStringLiteral("edge1")));
        QVERIFY(record("edge1-sync"));

        const Reply disabled =
            h->call(Verb::patch, "/api/v1/tokens/edge1-sync", QJsonObject{{"status", "disabled"}});
        QCOMPARE(disabled.status, 200u);
        const access::ConnectedRegistryRecord* registry = h->state()->registry("edge1");
        QVERIFY(registry->registry.activation == Activation::Inactive);
        QVERIFY(registry->revision > registryRevision);
        const QList<access::AuditEvent> events = h->audit("connectedRegistry.deactivate");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].target, QStringLiteral("connected-registries/edge1"));

        // Survives a restart: both changes were one stored mutation.
        QVERIFY2(h->reopen(), qPrintable(h->error));
        QVERIFY(h->state()->registry("edge1")->registry.activation == Activation::Inactive);
        QVERIFY(record("edge1-sync")->token.status == TokenStatus::Disabled);

        // Once the registry is gone the token can go too.
        QVERIFY(h->store()
                    .mutate([](access::Mutation& m) -> Status {
                        m.state().registries.remove(QStringLiteral("edge1"));
                        m.touchRegistry(QStringLiteral("edge1"));
                        return {};
                    })
                    .ok());
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/edge1-sync").status, 204u);
    }

    void auditRecordsEveryChange() {
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/audit-token",
                         QJsonObject{{"scopeMap", "_repositories_pull"}})
                     .status,
                 201u);
        QCOMPARE(
            h->call(Verb::patch, "/api/v1/tokens/audit-token", QJsonObject{{"status", "disabled"}})
                .status,
            200u);
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/audit-token").status, 204u);
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/audit-token").status,
                 404u); // refused: no record
        const QList<access::AuditEvent> events = h->audit("token.");
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[0].action, QStringLiteral("token.create"));
        QCOMPARE(events[1].action, QStringLiteral("token.update"));
        QCOMPARE(events[2].action, QStringLiteral("token.delete"));
        for (const access::AuditEvent& event : events) {
            QCOMPARE(event.target, QStringLiteral("tokens/audit-token"));
            QCOMPARE(event.actor, QStringLiteral("admin"));
        }
    }

    void wrongMethodsAndRoutes() {
        const Reply post = h->call(Verb::post, "/api/v1/tokens", QJsonObject{});
        QCOMPARE(post.status, 405u);
        QCOMPARE(post.errorCode(), QStringLiteral("METHOD_NOT_ALLOWED"));
        QCOMPARE(h->call(Verb::post, "/api/v1/tokens/some-token", QJsonObject{}).status, 405u);
        QCOMPARE(h->call(Verb::get, "/api/v1/tokens/some-token/other").status, 404u);
        QCOMPARE(h->call(Verb::get, "/api/v1/tokens/some-token").status, 404u);
    }
};

QTEST_GUILESS_MAIN(TestTokenController)
#include "tst_tokencontroller.moc"
