// Token passwords through the real router and AccessStore: shown once, in
// the response that generated them, and stored only as scrypt hashes that
// verify; one slot rotates without touching the other; expiry rules; an
// emptied slot. Never readable again through GET, the list, the audit log or
// the database file. Passwords are never printed: the checks compare booleans.

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
QHash<QString, std::string> passwordsOf(const Reply& reply) {
    QHash<QString, std::string> out;
    for (const QJsonValue& item : reply.json.value("passwords").toArray())
        out.insert(item["name"].toString(), item["value"].toString().toStdString());
    return out;
}

bool mentions(const std::string& haystack, const std::string& secret) {
    return !secret.empty() && haystack.find(secret) != std::string::npos;
}

} // namespace

class TestTokenCredentials : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ManagementHarness> h;

    const access::TokenRecord* record(const QString& name) const { return h->state()->token(name); }

private Q_SLOTS:
    void init() {
        h = std::make_unique<ManagementHarness>();
        QVERIFY2(h->open(), qPrintable(h->error));
    }
    void cleanup() { h.reset(); }

    void generatedPasswordsAreShownOnceAndHashed() {
        const Reply created =
            h->call(Verb::put, "/api/v1/tokens/edge-client",
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
        const bool oneVerifies =
            crypto::verifyPassword(one, stored->hashes.password1.toStdString());
        const bool twoVerifies =
            crypto::verifyPassword(two, stored->hashes.password2.toStdString());
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

    void regeneratingOneSlotInvalidatesOnlyThatPassword() {
        const Reply created =
            h->call(Verb::put, "/api/v1/tokens/rotate-me",
                    QJsonObject{{"scopeMap", "_repositories_pull"}, {"generatePasswords", true}});
        const QHash<QString, std::string> first = passwordsOf(created);

        QDateTime now = QDateTime::currentDateTimeUtc();
        now = now.addMSecs(-now.time().msec()); // RFC 3339 round trip at whole seconds
        const QDateTime expiry = now.addDays(30);
        const Reply rotated =
            h->call(Verb::post, "/api/v1/tokens/rotate-me/generate-credentials",
                    QJsonObject{{"name", "password1"}, {"expiry", formatRfc3339(expiry)}});
        QCOMPARE(rotated.status, 200u);
        QCOMPARE(rotated.json["username"].toString(), QStringLiteral("rotate-me"));
        const QJsonArray shown = rotated.json["passwords"].toArray();
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown[0]["name"].toString(), QStringLiteral("password1"));
        QCOMPARE(shown[0]["expiry"].toString(), formatRfc3339(expiry));
        const std::string fresh = shown[0]["value"].toString().toStdString();

        const access::TokenRecord* stored = record("rotate-me");
        const bool freshVerifies =
            crypto::verifyPassword(fresh, stored->hashes.password1.toStdString());
        const bool oldStillVerifies = crypto::verifyPassword(
            first.value("password1"), stored->hashes.password1.toStdString());
        const bool otherSlotKept = crypto::verifyPassword(first.value("password2"),
                                                          stored->hashes.password2.toStdString());
        QVERIFY(freshVerifies);
        QVERIFY(!oldStillVerifies);
        QVERIFY(otherSlotKept);
        QCOMPARE(stored->token.credentials.password1->expiry, expiry);
        QVERIFY(!stored->token.credentials.password2->expiry.isValid());

        const Reply fetched = h->call(Verb::get, "/api/v1/tokens/rotate-me");
        QCOMPARE(fetched.json["credentials"]["password1"]["expiry"].toString(),
                 formatRfc3339(expiry));
        QCOMPARE(fetched.etag(), rotated.etag());

        // Without a name, both slots are generated.
        const Reply both =
            h->call(Verb::post, "/api/v1/tokens/rotate-me/generate-credentials", QJsonObject{});
        QCOMPARE(both.status, 200u);
        QCOMPARE(passwordsOf(both).size(), 2);
        const bool bothNew =
            crypto::verifyPassword(passwordsOf(both).value("password2"),
                                   record("rotate-me")->hashes.password2.toStdString());
        QVERIFY(bothNew);

        const QList<access::AuditEvent> events = h->audit("token.credentials.generate");
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].target, QStringLiteral("tokens/rotate-me"));
    }

    void credentialRequestsAreChecked() {
        QCOMPARE(h->call(Verb::put, "/api/v1/tokens/check-me",
                         QJsonObject{{"scopeMap", "_repositories_pull"}})
                     .status,
                 201u);
        const std::string path = "/api/v1/tokens/check-me/generate-credentials";
        const Reply past =
            h->call(Verb::post, path,
                    QJsonObject{{"name", "password1"}, {"expiry", "2001-01-01T00:00:00Z"}});
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

        const Reply unknown =
            h->call(Verb::post, "/api/v1/tokens/nobody-here/generate-credentials", QJsonObject{});
        QCOMPARE(unknown.status, 404u);
        QCOMPARE(h->call(Verb::get, path).status, 405u);
        QCOMPARE(h->call(Verb::get, path).errorCode(), QStringLiteral("METHOD_NOT_ALLOWED"));
    }

    void deletingACredentialEmptiesTheSlot() {
        const Reply created =
            h->call(Verb::put, "/api/v1/tokens/slot-token",
                    QJsonObject{{"scopeMap", "_repositories_pull"}, {"generatePasswords", true}});
        const std::string two = passwordsOf(created).value("password2");
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/slot-token/credentials/password1").status,
                 204u);
        QVERIFY(record("slot-token")->hashes.password1.isEmpty());
        QVERIFY(!record("slot-token")->token.credentials.password1);
        const bool twoKept =
            crypto::verifyPassword(two, record("slot-token")->hashes.password2.toStdString());
        QVERIFY(twoKept);
        const Reply fetched = h->call(Verb::get, "/api/v1/tokens/slot-token");
        QVERIFY(fetched.json["credentials"]["password1"].isNull());
        QVERIFY(fetched.json["credentials"]["password2"].isObject());
        // Deleting an empty slot again is fine and changes nothing.
        const int64_t revision = record("slot-token")->revision;
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/slot-token/credentials/password1").status,
                 204u);
        QCOMPARE(record("slot-token")->revision, revision);
        QCOMPARE(h->audit("token.credentials.delete").size(), 1);

        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/slot-token/credentials/password9").status,
                 404u);
        QCOMPARE(h->call(Verb::delete_, "/api/v1/tokens/not-a-token/credentials/password1").status,
                 404u);
        QCOMPARE(h->call(Verb::get, "/api/v1/tokens/slot-token/credentials/password2").status,
                 405u);
    }
};

QTEST_GUILESS_MAIN(TestTokenCredentials)
#include "tst_tokencredentials.moc"
