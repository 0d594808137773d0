// /api/v1/tokens through the real router and AccessStore: creation with and
// without passwords, passwords shown once and stored only as scrypt hashes
// that verify, rotation of one slot, expiry rules, ETag preconditions, the
// sync token rules (no delete while its registry exists; disabling it
// deactivates the registry) and audit records that never hold a secret.
// Passwords are never printed: the checks compare booleans.

#include "managementharness.h"

#include "crypto/passwordhash.h"
#include "crypto/random.h"
#include "domain/jsoncodec.h"

#include <QtTest>

using namespace ferry;
using namespace ferry::testing;
using Verb = http::Verb;

namespace {

// name -> value of each password in a response.
QHash<QString, std::string> passwordsOf(const Reply& reply)
{
    QHash<QString, std::string> out;
    for (const QJsonValue& item : reply.json.value("passwords").toArray())
        out.insert(item["name"].toString(), item["value"].toString().toStdString());
    return out;
}

bool mentions(const std::string& haystack, const std::string& secret)
{
    return !secret.empty() && haystack.find(secret) != std::string::npos;
}

} // namespace

class TestTokenController : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ManagementHarness> h;

    const access::TokenRecord* record(const QString& name) const { return h->state()->token(name); }

    // A connected registry whose sync token is `token`, as the connected
    // registry controller would store it.
    void addRegistry(const QString& name, const QString& token, Activation activation)
    {
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
    void init()
    {
        h = std::make_unique<ManagementHarness>();
        QVERIFY2(h->open(), qPrintable(h->error));
    }
    void cleanup() { h.reset(); }

    void createsWithoutPasswordsByDefault()
    {
        const Reply reply = h->call(Verb::put, "/api/v1/tokens/ci-pull", QJsonObject{{"scopeMap", "_Repositories_Pull"}});
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

    void scopeMapMustExist()
    {
        const Reply missing = h->call(Verb::put, "/api/v1/tokens/orphan-token", QJsonObject{{"scopeMap", "no-such-map"}});
        QCOMPARE(missing.status, 404u);
        QCOMPARE(missing.errorCode(), QStringLiteral("NOT_FOUND"));
        QCOMPARE(missing.errorField(), QStringLiteral("scopeMap"));
        QVERIFY(missing.errorMessage().contains(QStringLiteral("no-such-map")));
        QVERIFY(!record("orphan-token"));

        const Reply absent = h->call(Verb::put, "/api/v1/tokens/orphan-token", QJsonObject{{"status", "enabled"}});
        QCOMPARE(absent.status, 400u);
        QCOMPARE(absent.errorField(), QStringLiteral("scopeMap"));

        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/real-token", QJsonObject{{"scopeMap", "_repositories_pull"}}).status, 201u);
        const Reply patch = h->call(Verb::patch, "/api/v1/tokens/real-token", QJsonObject{{"scopeMap", "gone-map"}});
        QCOMPARE(patch.status, 404u);
        QCOMPARE(patch.errorField(), QStringLiteral("scopeMap"));
        QCOMPARE(record("real-token")->token.scopeMap, QStringLiteral("_repositories_pull"));
    }

    void validatesNamesAndFields()
    {
        const QJsonObject body{{"scopeMap", "_repositories_pull"}};
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/abcd", body).errorCode(), QStringLiteral("NAME_INVALID"));
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/under_score", body).errorCode(), QStringLiteral("NAME_INVALID"));
        const Reply status = h->call(Verb::put, "/api/v1/tokens/status-token",
                                     QJsonObject{{"scopeMap", "_repositories_pull"}, {"status", "paused"}});
        QCOMPARE(status.status, 400u);
        QCOMPARE(status.errorField(), QStringLiteral("status"));
        const Reply typo = h->call(Verb::put, "/api/v1/tokens/typo-token",
                                   QJsonObject{{"scopeMap", "_repositories_pull"}, {"generatePassword", true}});
        QCOMPARE(typo.status, 400u);
        QCOMPARE(typo.errorField(), QStringLiteral("generatePassword"));
        QVERIFY(h->state()->tokens.isEmpty());
    }

    void generatedPasswordsAreShownOnceAndHashed()
    {
        const Reply created = h->call(Verb::put, "/api/v1/tokens/edge-client",
                                      QJsonObject{{"scopeMap", "_repositories_push"}, {"generatePasswords", true}});
        QCOMPARE(created.status, 201u);
        QCOMPARE(created.json["username"].toString(), QStringLiteral("edge-client"));
        const QHash<QString, std::string> passwords = passwordsOf(created);
        QCOMPARE(passwords.size(), 2);
        const std::string& one = passwords.value("password1");
        const std::string& two = passwords.value("password2");
        QCOMPARE(one.size(), crypto::kPasswordLength);
        QCOMPARE(two.size(), crypto::kPasswordLength);
        QVERIFY(one != two);
        QVERIFY(!created.json["credentials"]["password1"]["creationTime"].toString().isEmpty());
        QVERIFY(created.json["credentials"]["password1"]["expiry"].isNull());

        const access::TokenRecord* stored = record("edge-client");
        QVERIFY(stored);
        QVERIFY(stored->hashes.password1.startsWith(QStringLiteral("$scrypt$")));
        const bool oneVerifies = crypto::verifyPassword(one, stored->hashes.password1.toStdString());
        const bool twoVerifies = crypto::verifyPassword(two, stored->hashes.password2.toStdString());
        const bool crossed = crypto::verifyPassword(one, stored->hashes.password2.toStdString());
        QVERIFY(oneVerifies);
        QVERIFY(twoVerifies);
        QVERIFY(!crossed);

        // Never readable again: not in GET, not in the list, not in the audit log.
        const Reply fetched = h->call(Verb::get, "/api/v1/tokens/edge-client");
        const Reply list = h->call(Verb::get, "/api/v1/tokens");
        for (const std::string& body : {fetched.body, list.body}) {
            const bool leaksOne = mentions(body, one);
            const bool leaksTwo = mentions(body, two);
            const bool leaksHash = body.find("$scrypt$") != std::string::npos;
            QVERIFY(!leaksOne && !leaksTwo && !leaksHash);
            QVERIFY(body.find("\"passwords\"") == std::string::npos);
            QVERIFY(body.find("\"value\"") == std::string::npos);
        }
        for (const access::AuditEvent& event : h->audit()) {
            const std::string text = (event.detail + event.target + event.action).toStdString();
            const bool leaks = mentions(text, one) || mentions(text, two);
            QVERIFY(!leaks);
        }
        // Nor on disk outside the hash columns.
        for (const QString& suffix : {QString(), QStringLiteral("-wal")}) {
            QFile database(QString::fromStdString(h->databasePath()) + suffix);
            if (!database.open(QIODevice::ReadOnly))
                continue;
            const std::string raw = database.readAll().toStdString();
            const bool onDisk = mentions(raw, one) || mentions(raw, two);
            QVERIFY(!onDisk);
        }
    }

    void regeneratingOneSlotInvalidatesOnlyThatPassword()
    {
        const Reply created = h->call(Verb::put, "/api/v1/tokens/rotate-me",
                                      QJsonObject{{"scopeMap", "_repositories_pull"}, {"generatePasswords", true}});
        const QHash<QString, std::string> first = passwordsOf(created);

        QDateTime now = QDateTime::currentDateTimeUtc();
        now = now.addMSecs(-now.time().msec()); // RFC 3339 round trip at whole seconds
        const QDateTime expiry = now.addDays(30);
        const Reply rotated = h->call(Verb::post, "/api/v1/tokens/rotate-me/generate-credentials",
                                      QJsonObject{{"name", "password1"}, {"expiry", formatRfc3339(expiry)}});
        QCOMPARE(rotated.status, 200u);
        QCOMPARE(rotated.json["username"].toString(), QStringLiteral("rotate-me"));
        const QJsonArray shown = rotated.json["passwords"].toArray();
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown[0]["name"].toString(), QStringLiteral("password1"));
        QCOMPARE(shown[0]["expiry"].toString(), formatRfc3339(expiry));
        const std::string fresh = shown[0]["value"].toString().toStdString();

        const access::TokenRecord* stored = record("rotate-me");
        const bool freshVerifies = crypto::verifyPassword(fresh, stored->hashes.password1.toStdString());
        const bool oldStillVerifies = crypto::verifyPassword(first.value("password1"), stored->hashes.password1.toStdString());
        const bool otherSlotKept = crypto::verifyPassword(first.value("password2"), stored->hashes.password2.toStdString());
        QVERIFY(freshVerifies);
        QVERIFY(!oldStillVerifies);
        QVERIFY(otherSlotKept);
        QCOMPARE(stored->token.credentials.password1->expiry, expiry);
        QVERIFY(!stored->token.credentials.password2->expiry.isValid());

        const Reply fetched = h->call(Verb::get, "/api/v1/tokens/rotate-me");
        QCOMPARE(fetched.json["credentials"]["password1"]["expiry"].toString(), formatRfc3339(expiry));
        QCOMPARE(fetched.etag(), rotated.etag());

        // Without a name, both slots are generated.
        const Reply both = h->call(Verb::post, "/api/v1/tokens/rotate-me/generate-credentials", QJsonObject{});
        QCOMPARE(both.status, 200u);
        QCOMPARE(passwordsOf(both).size(), 2);
        const bool bothNew = crypto::verifyPassword(passwordsOf(both).value("password2"),
                                                    record("rotate-me")->hashes.password2.toStdString());
        QVERIFY(bothNew);

        const QList<access::AuditEvent> events = h->audit("token.credentials.generate");
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].target, QStringLiteral("tokens/rotate-me"));
    }

    void credentialRequestsAreChecked()
    {
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/check-me", QJsonObject{{"scopeMap", "_repositories_pull"}}).status, 201u);
        const std::string path = "/api/v1/tokens/check-me/generate-credentials";
        const Reply past = h->call(Verb::post, path, QJsonObject{{"name", "password1"}, {"expiry", "2001-01-01T00:00:00Z"}});
        QCOMPARE(past.status, 400u);
        QCOMPARE(past.errorCode(), QStringLiteral("EXPIRY_INVALID"));
        const Reply garbled = h->call(Verb::post, path, QJsonObject{{"expiry", "next tuesday"}});
        QCOMPARE(garbled.status, 400u);
        QCOMPARE(garbled.errorField(), QStringLiteral("expiry"));
        const Reply slot = h->call(Verb::post, path, QJsonObject{{"name", "password3"}});
        QCOMPARE(slot.status, 400u);
        QCOMPARE(slot.errorField(), QStringLiteral("name"));
        QVERIFY(!record("check-me")->token.credentials.password1);
        QVERIFY(record("check-me")->hashes.password1.isEmpty());

        const Reply unknown = h->call(Verb::post, "/api/v1/tokens/nobody-here/generate-credentials", QJsonObject{});
        QCOMPARE(unknown.status, 404u);
        QCOMPARE(h->call(Verb::get, path).status, 405u);
        QCOMPARE(h->call(Verb::get, path).errorCode(), QStringLiteral("METHOD_NOT_ALLOWED"));
    }

    void deletingACredentialEmptiesTheSlot()
    {
        const Reply created = h->call(Verb::put, "/api/v1/tokens/slot-token",
                                      QJsonObject{{"scopeMap", "_repositories_pull"}, {"generatePasswords", true}});
        const std::string two = passwordsOf(created).value("password2");
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/slot-token/credentials/password1").status, 204u);
        QVERIFY(record("slot-token")->hashes.password1.isEmpty());
        QVERIFY(!record("slot-token")->token.credentials.password1);
        const bool twoKept = crypto::verifyPassword(two, record("slot-token")->hashes.password2.toStdString());
        QVERIFY(twoKept);
        const Reply fetched = h->call(Verb::get, "/api/v1/tokens/slot-token");
        QVERIFY(fetched.json["credentials"]["password1"].isNull());
        QVERIFY(fetched.json["credentials"]["password2"].isObject());
        // Deleting an empty slot again is fine and changes nothing.
        const int64_t revision = record("slot-token")->revision;
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/slot-token/credentials/password1").status, 204u);
        QCOMPARE(record("slot-token")->revision, revision);
        QCOMPARE(h->audit("token.credentials.delete").size(), 1);

        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/slot-token/credentials/password9").status, 404u);
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/not-a-token/credentials/password1").status, 404u);
        QCOMPARE(h->call(Verb::get, "/api/v1/tokens/slot-token/credentials/password2").status, 405u);
    }

    void patchChangesScopeMapAndStatus()
    {
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/patch-me", QJsonObject{{"scopeMap", "_repositories_pull"}}).status, 201u);
        const Reply patched = h->call(Verb::patch, "/api/v1/tokens/patch-me",
                                      QJsonObject{{"scopeMap", "_repositories_push"}, {"status", "Disabled"}});
        QCOMPARE(patched.status, 200u);
        QCOMPARE(patched.json["scopeMap"].toString(), QStringLiteral("_repositories_push"));
        QCOMPARE(patched.json["status"].toString(), QStringLiteral("disabled"));
        QVERIFY(record("patch-me")->token.status == TokenStatus::Disabled);

        // A PUT that leaves out status keeps the token disabled.
        const Reply put = h->call(Verb::put, "/api/v1/tokens/patch-me", QJsonObject{{"scopeMap", "_repositories_pull"}});
        QCOMPARE(put.status, 200u);
        QCOMPARE(put.json["status"].toString(), QStringLiteral("disabled"));

        const Reply same = h->call(Verb::patch, "/api/v1/tokens/patch-me", QJsonObject{{"status", "disabled"}});
        QCOMPARE(same.status, 200u);
        QCOMPARE(same.revision(), put.revision());
        QCOMPARE(h->call(Verb::patch, "/api/v1/tokens/nobody-home", QJsonObject{{"status", "enabled"}}).status, 404u);
    }

    void preconditionsAndCaseInsensitiveNames()
    {
        const Reply created = h->call(Verb::put, "/api/v1/tokens/Guarded-Token", QJsonObject{{"scopeMap", "_repositories_pull"}});
        QCOMPARE(created.status, 201u);
        const Reply twin = h->call(Verb::put, "/api/v1/tokens/guarded-token", QJsonObject{{"scopeMap", "_repositories_push"}},
                                   {{"If-None-Match", "*"}});
        QCOMPARE(twin.status, 409u);
        QCOMPARE(twin.errorCode(), QStringLiteral("ALREADY_EXISTS"));
        QCOMPARE(h->state()->tokens.size(), 1);
        QCOMPARE(h->call(Verb::get, "/api/v1/tokens/GUARDED-TOKEN").json["name"].toString(), QStringLiteral("Guarded-Token"));

        const std::string stale = "\"" + std::to_string(created.revision() + 100) + "\"";
        const Reply patch = h->call(Verb::patch, "/api/v1/tokens/Guarded-Token", QJsonObject{{"status", "disabled"}},
                                    {{"If-Match", stale}});
        QCOMPARE(patch.status, 412u);
        QCOMPARE(patch.errorCode(), QStringLiteral("PRECONDITION_FAILED"));
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/Guarded-Token", std::string(), {{"If-Match", stale}}).status, 412u);
        QCOMPARE(h->call(Verb::post, "/api/v1/tokens/Guarded-Token/generate-credentials", QJsonObject{},
                         {{"If-Match", stale}})
                     .status,
                 412u);
        QVERIFY(record("Guarded-Token")->hashes.password1.isEmpty());
        QVERIFY(record("Guarded-Token")->token.status == TokenStatus::Enabled);
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/Guarded-Token", std::string(), {{"If-Match", created.etag()}}).status,
                 204u);
        QVERIFY(h->state()->tokens.isEmpty());
    }

    void syncTokenRules()
    {
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/edge1-sync", QJsonObject{{"scopeMap", "_repositories_pull"}}).status, 201u);
        addRegistry(QStringLiteral("edge1"), QStringLiteral("edge1-sync"), Activation::Active);
        const int64_t registryRevision = h->state()->registry("edge1")->revision;

        const Reply refused = h->call(Verb::delete_, "/api/v1/tokens/edge1-sync");
        QCOMPARE(refused.status, 409u);
        QCOMPARE(refused.errorCode(), QStringLiteral("IN_USE"));
        QVERIFY(refused.errorMessage().contains(QStringLiteral("edge1")));
        QVERIFY(record("edge1-sync"));

        const Reply disabled = h->call(Verb::patch, "/api/v1/tokens/edge1-sync", QJsonObject{{"status", "disabled"}});
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
        QVERIFY(h->store().mutate([](access::Mutation& m) -> Status {
            m.state().registries.remove(QStringLiteral("edge1"));
            m.touchRegistry(QStringLiteral("edge1"));
            return {};
        }).ok());
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/edge1-sync").status, 204u);
    }

    void auditRecordsEveryChange()
    {
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/audit-token", QJsonObject{{"scopeMap", "_repositories_pull"}}).status, 201u);
        QCOMPARE(h->call(Verb::patch, "/api/v1/tokens/audit-token", QJsonObject{{"status", "disabled"}}).status, 200u);
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/audit-token").status, 204u);
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/audit-token").status, 404u); // refused: no record
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

    void wrongMethodsAndRoutes()
    {
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
