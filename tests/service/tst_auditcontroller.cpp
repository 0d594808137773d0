// /api/v1/audit and /api/v1/settings through the real router and store:
// audit paging by id, the action prefix filter, parameter checks; settings
// read and changed with an ETag that moves with every change.

#include "managementharness.h"

#include "domain/jsoncodec.h"

#include <QtTest>

using namespace ferry;
using namespace ferry::testing;
using Verb = http::Verb;

class TestAuditController : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ManagementHarness> h;

private Q_SLOTS:
    void init() {
        h = std::make_unique<ManagementHarness>();
        QVERIFY2(h->open(), qPrintable(h->error));
    }
    void cleanup() { h.reset(); }

    void auditPagesAndFilters() {
        for (const char* name : {"page-token1", "page-token2", "page-token3"})
            QCOMPARE(h->call(Verb::put, std::string("/api/v1/tokens/") + name,
                             QJsonObject{{"scopeMap", "_repositories_pull"}})
                         .status,
                     201u);
        QCOMPARE(
            h->call(Verb::put, "/api/v1/scope-maps/page-map", QJsonObject{{"actions", strings({})}})
                .status,
            201u);

        const Reply all = h->call(Verb::get, "/api/v1/audit");
        QCOMPARE(all.status, 200u);
        QCOMPARE(all.items().size(), 4);
        const QJsonObject first = all.items()[0].toObject();
        QCOMPARE(first["action"].toString(), QStringLiteral("token.create"));
        QCOMPARE(first["target"].toString(), QStringLiteral("tokens/page-token1"));
        QCOMPARE(first["actor"].toString(), QStringLiteral("admin"));
        QCOMPARE(first["address"].toString(), QStringLiteral("192.0.2.10"));
        QCOMPARE(first["outcome"].toString(), QStringLiteral("success"));
        QVERIFY(parseRfc3339(first["time"].toString()).ok());
        QVERIFY(first.contains("detail"));

        const Reply page = h->call(Verb::get, "/api/v1/audit?limit=2");
        QCOMPARE(page.items().size(), 2);
        const qint64 last = page.items()[1]["id"].toInteger();
        const Reply next =
            h->call(Verb::get, "/api/v1/audit?limit=2&after=" + std::to_string(last));
        QCOMPARE(next.items().size(), 2);
        QVERIFY(next.items()[0]["id"].toInteger() > last);
        QCOMPARE(next.items()[1]["target"].toString(), QStringLiteral("scope-maps/page-map"));

        const Reply filtered = h->call(Verb::get, "/api/v1/audit?action=scopeMap.");
        QCOMPARE(filtered.items().size(), 1);
        QCOMPARE(filtered.items()[0]["action"].toString(), QStringLiteral("scopeMap.create"));
    }

    // A registry's details ask for the records about it, its sync token and
    // its sync scope map: `target` repeats, and matches exactly.
    void auditFiltersByTargets() {
        for (const char* name : {"page-token1", "page-token10", "page-token2"})
            QCOMPARE(h->call(Verb::put, std::string("/api/v1/tokens/") + name,
                             QJsonObject{{"scopeMap", "_repositories_pull"}})
                         .status,
                     201u);
        QCOMPARE(
            h->call(Verb::put, "/api/v1/scope-maps/page-map", QJsonObject{{"actions", strings({})}})
                .status,
            201u);
        const Reply one = h->call(Verb::get, "/api/v1/audit?target=tokens/page-token1");
        QCOMPARE(one.status, 200u);
        QCOMPARE(one.items().size(), 1); // not page-token10
        QCOMPARE(one.items()[0]["target"].toString(), QStringLiteral("tokens/page-token1"));
        const Reply two = h->call(
            Verb::get,
            "/api/v1/audit?target=tokens%2Fpage-token2&target=scope-maps/page-map&action=token.");
        QCOMPARE(two.items().size(), 1); // the action filter still applies
        QCOMPARE(two.items()[0]["target"].toString(), QStringLiteral("tokens/page-token2"));
        const Reply both = h->call(
            Verb::get, "/api/v1/audit?target=tokens/page-token2&target=scope-maps/page-map");
        QCOMPARE(both.items().size(), 2);
        QCOMPARE(h->call(Verb::get, "/api/v1/audit?target=tokens/nobody").items().size(), 0);
        // Bounded, and never empty.
        std::string many = "/api/v1/audit?target=a";
        for (int i = 0; i < 20; ++i)
            many += "&target=a";
        QCOMPARE(h->call(Verb::get, many).errorCode(), QStringLiteral("PARAMETER_INVALID"));
        QCOMPARE(h->call(Verb::get, "/api/v1/audit?target=").errorCode(),
                 QStringLiteral("PARAMETER_INVALID"));
    }

    void auditParametersAreChecked() {
        for (const char* query : {"?limit=0", "?limit=1001", "?limit=ten", "?after=-1"}) {
            const Reply reply = h->call(Verb::get, std::string("/api/v1/audit") + query);
            QCOMPARE(reply.status, 400u);
            QCOMPARE(reply.errorCode(), QStringLiteral("PARAMETER_INVALID"));
        }
        const Reply post = h->call(Verb::post, "/api/v1/audit", QJsonObject{});
        QCOMPARE(post.status, 405u);
        QCOMPARE(post.errorCode(), QStringLiteral("METHOD_NOT_ALLOWED"));
    }

    void settingsReadAndChange() {
        const Reply initial = h->call(Verb::get, "/api/v1/settings");
        QCOMPARE(initial.status, 200u);
        QCOMPARE(initial.json["anonymousPullEnabled"].toBool(true), false);
        QVERIFY(!initial.etag().empty());

        const Reply enabled =
            h->call(Verb::patch, "/api/v1/settings", QJsonObject{{"anonymousPullEnabled", true}},
                    {{"If-Match", initial.etag()}});
        QCOMPARE(enabled.status, 200u);
        QCOMPARE(enabled.json["anonymousPullEnabled"].toBool(), true);
        QVERIFY(enabled.etag() != initial.etag());
        QVERIFY(h->state()->settings.anonymousPull);

        const Reply stale =
            h->call(Verb::patch, "/api/v1/settings", QJsonObject{{"anonymousPullEnabled", false}},
                    {{"If-Match", initial.etag()}});
        QCOMPARE(stale.status, 412u);
        QCOMPARE(stale.errorCode(), QStringLiteral("PRECONDITION_FAILED"));
        QVERIFY(h->state()->settings.anonymousPull);

        const Reply wrongType =
            h->call(Verb::patch, "/api/v1/settings", QJsonObject{{"anonymousPullEnabled", "yes"}});
        QCOMPARE(wrongType.status, 400u);
        QCOMPARE(wrongType.errorCode(), QStringLiteral("JSON_INVALID"));
        QCOMPARE(h->call(Verb::put, "/api/v1/settings", QJsonObject{}).status, 405u);

        QCOMPARE(h->audit("settings.").size(), 1);
        QVERIFY2(h->reopen(), qPrintable(h->error));
        QVERIFY(h->state()->settings.anonymousPull);
        const Reply reread = h->call(Verb::get, "/api/v1/settings");
        QCOMPARE(reread.etag(), enabled.etag());
    }
};

QTEST_GUILESS_MAIN(TestAuditController)
#include "tst_auditcontroller.moc"
