// Who reaches /api/v1 (docs/api.md "Authentication"): nobody without
// credentials (401 with a Basic challenge), no token however broad its scope
// map (403), the admin with Basic or with its bearer token from
// /oauth2/token. The audit log records every authentication failure and
// every management change with actor, address and time, and never a secret.

#include "accesskit.h"
#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace accesskit;

namespace {
QString managementCode(const HttpReply& reply) {
    return QJsonDocument::fromJson(reply.body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}
} // namespace

class TestManagementAuth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void noCredentialsGet401WithBasicChallenge();
    void tokensAreDenied_data();
    void tokensAreDenied();
    void adminBearerTokenIsAccepted();
    void auditRecordsFailuresAndChangesWithoutSecrets();

private:
    FerrydProcess m_ferryd;
    std::unique_ptr<AdminApi> m_admin;
    std::unique_ptr<HttpClient> m_http;
    QStringList m_secrets;
    QDateTime m_started;
};

void TestManagementAuth::initTestCase() {
    m_started = QDateTime::currentDateTimeUtc().addSecs(-1);
    m_ferryd.setAccessControl(true);
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    m_admin = std::make_unique<AdminApi>(m_ferryd);
    m_http = std::make_unique<HttpClient>(m_ferryd.baseUrl());
    m_secrets << m_ferryd.adminPassword();
    QVERIFY(m_admin->putScopeMap(QStringLiteral("everything"),
                                 {QStringLiteral("repositories/*/content/read"),
                                  QStringLiteral("repositories/*/content/write"),
                                  QStringLiteral("repositories/*/content/delete"),
                                  QStringLiteral("repositories/*/metadata/read"),
                                  QStringLiteral("repositories/*/metadata/write")}));
    for (const auto& [name, map] :
         {std::pair{QStringLiteral("mgmt-admin-like"), QStringLiteral("_repositories_admin")},
          std::pair{QStringLiteral("mgmt-everything"), QStringLiteral("everything")}}) {
        const auto passwords = m_admin->createToken(name, map);
        QVERIFY(passwords);
        m_secrets += *passwords;
    }
}

void TestManagementAuth::noCredentialsGet401WithBasicChallenge() {
    for (const QByteArray& method : {QByteArray("GET"), QByteArray("PUT"), QByteArray("PATCH"),
                                     QByteArray("POST"), QByteArray("DELETE")}) {
        for (const QString& path :
             {QStringLiteral("/api/v1/tokens"), QStringLiteral("/api/v1/settings"),
              QStringLiteral("/api/v1/admin/password"), QStringLiteral("/api/v1/scope-maps/x-y-z"),
              QStringLiteral("/api/v1/audit")}) {
            const HttpReply reply = m_http->send(
                method, path,
                method == "GET" || method == "DELETE" ? QByteArray() : QByteArray("{}"),
                {{"Content-Type", "application/json"}});
            QVERIFY2(reply.status == 401,
                     qPrintable(QString::fromLatin1(method) + QLatin1Char(' ') + path));
            QCOMPARE(reply.header("WWW-Authenticate"), QByteArray("Basic realm=\"ferry\""));
            QCOMPARE(managementCode(reply), QStringLiteral("UNAUTHORIZED"));
        }
    }
    // Nothing changed behind the refusals.
    const HttpReply settings = m_admin->call("GET", QStringLiteral("/api/v1/settings"));
    QCOMPARE(settings.status, 200);
    QCOMPARE(m_admin->call("GET", QStringLiteral("/api/v1/scope-maps/x-y-z")).status, 404);
}

void TestManagementAuth::tokensAreDenied_data() {
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("passwordIndex");
    QTest::addColumn<bool>("useBearer");
    QTest::newRow("_repositories_admin, Basic") << QStringLiteral("mgmt-admin-like") << 1 << false;
    QTest::newRow("_repositories_admin, bearer") << QStringLiteral("mgmt-admin-like") << 1 << true;
    QTest::newRow("repositories/*, Basic, password2")
        << QStringLiteral("mgmt-everything") << 4 << false;
    QTest::newRow("repositories/*, bearer") << QStringLiteral("mgmt-everything") << 3 << true;
}

void TestManagementAuth::tokensAreDenied() {
    QFETCH(QString, token);
    QFETCH(int, passwordIndex);
    QFETCH(bool, useBearer);
    QByteArray credentials = basic(token, m_secrets[passwordIndex]);
    // The credentials are good: the registry takes them.
    QCOMPARE(m_http->get(QStringLiteral("/v2/"), authorization(credentials)).status, 200);
    if (useBearer) {
        const TokenAnswer answer =
            fetchToken(*m_http, credentials,
                       {QStringLiteral("repository:any:*"), QStringLiteral("registry:catalog:*")});
        QVERIFY(answer.ok());
        credentials = bearer(answer.token);
    }
    const int before = m_admin->audit().size();
    const QList<QPair<QByteArray, QString>> attempts{
        {"GET", QStringLiteral("/api/v1/tokens")},
        {"GET", QStringLiteral("/api/v1/audit")},
        {"PATCH", QStringLiteral("/api/v1/settings")},
        {"PUT", QStringLiteral("/api/v1/scope-maps/stolen-map")},
        {"POST", QStringLiteral("/api/v1/tokens/%1/generate-credentials").arg(token)},
        {"POST", QStringLiteral("/api/v1/admin/password")},
    };
    const QList<QByteArray> bodies{{},
                                   {},
                                   R"({"anonymousPullEnabled":true})",
                                   R"({"actions":["repositories/x/content/read"]})",
                                   R"({"name":"password1"})",
                                   R"({"password":"taken-over-by-a-token"})"};
    for (int i = 0; i < attempts.size(); ++i) {
        const HttpReply reply = m_http->send(
            attempts[i].first, attempts[i].second, bodies[i],
            authorization(credentials) + HttpClient::Headers{{"Content-Type", "application/json"}});
        QVERIFY2(reply.status == 403,
                 qPrintable(attempts[i].second + QStringLiteral(": %1").arg(reply.status)));
        QCOMPARE(managementCode(reply), QStringLiteral("DENIED"));
        QVERIFY(!reply.body.contains("\"passwords\""));
    }
    // None of it happened.
    const QJsonObject settings =
        QJsonDocument::fromJson(m_admin->call("GET", QStringLiteral("/api/v1/settings")).body)
            .object();
    QCOMPARE(settings.value(QStringLiteral("anonymousPullEnabled")).toBool(), false);
    QCOMPARE(m_admin->call("GET", QStringLiteral("/api/v1/scope-maps/stolen-map")).status, 404);
    QCOMPARE(
        m_http->get(QStringLiteral("/v2/"), authorization(basic(token, m_secrets[passwordIndex])))
            .status,
        200);
    QCOMPARE(m_http
                 ->get(QStringLiteral("/v2/"),
                       authorization(
                           basic(QStringLiteral("admin"), QStringLiteral("taken-over-by-a-token"))))
                 .status,
             401);
    QCOMPARE(m_admin->call("GET", QStringLiteral("/api/v1/settings")).status,
             200); // the admin's password is unchanged
    int changes = 0;
    const QJsonArray records = m_admin->audit();
    for (int i = before; i < records.size(); ++i) {
        // Refusals are audited too (auth.*, api.denied); only a change would count here.
        const QString action = records[i].toObject().value(QStringLiteral("action")).toString();
        if (!action.startsWith(QLatin1String("auth.")) && action != QLatin1String("api.denied"))
            ++changes;
    }
    QCOMPARE(changes, 0);
}

void TestManagementAuth::adminBearerTokenIsAccepted() {
    const TokenAnswer answer =
        fetchToken(*m_http, basic(QStringLiteral("admin"), m_ferryd.adminPassword()), {});
    QVERIFY(answer.ok());
    const HttpClient::Headers auth = authorization(bearer(answer.token)) +
                                     HttpClient::Headers{{"Content-Type", "application/json"}};
    const HttpReply tokens = m_http->get(QStringLiteral("/api/v1/tokens"), auth);
    QCOMPARE(tokens.status, 200);
    QVERIFY(tokens.body.contains("mgmt-admin-like"));
    QCOMPARE(m_http
                 ->put(QStringLiteral("/api/v1/scope-maps/by-bearer"),
                       R"({"actions":["repositories/b/content/read"]})", auth)
                 .status,
             201);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/audit?action=scopeMap."), auth).status, 200);
    // A tampered copy of the same token is not the admin.
    QString tampered = answer.token;
    tampered[tampered.size() - 3] =
        tampered[tampered.size() - 3] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    const HttpReply refused =
        m_http->get(QStringLiteral("/api/v1/tokens"), authorization(bearer(tampered)));
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.header("WWW-Authenticate"), QByteArray("Basic realm=\"ferry\""));
}

void TestManagementAuth::auditRecordsFailuresAndChangesWithoutSecrets() {
    const int before = m_admin->audit().size();
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-1);
    const QString wrong = QStringLiteral("audit-wrong-password-0123456789abcdef");
    // Failures at every door.
    QCOMPARE(m_http
                 ->get(QStringLiteral("/v2/"),
                       authorization(basic(QStringLiteral("audit-probe-v2"), wrong)))
                 .status,
             401);
    QCOMPARE(
        fetchToken(*m_http, basic(QStringLiteral("audit-probe-token"), wrong), {}).reply.status,
        401);
    QCOMPARE(postToken(*m_http, {{QStringLiteral("grant_type"), QStringLiteral("password")},
                                 {QStringLiteral("username"), QStringLiteral("audit-probe-post")},
                                 {QStringLiteral("password"), wrong}})
                 .reply.status,
             401);
    QCOMPARE(m_http
                 ->get(QStringLiteral("/api/v1/tokens"),
                       authorization(basic(QStringLiteral("admin"), wrong)))
                 .status,
             401);
    // Changes.
    QVERIFY(m_admin->putScopeMap(QStringLiteral("audited-map"),
                                 {QStringLiteral("repositories/audited/content/read")}));
    const auto passwords =
        m_admin->createToken(QStringLiteral("audited-token"), QStringLiteral("audited-map"));
    QVERIFY(passwords);
    m_secrets += *passwords;
    const QString regenerated =
        m_admin->generatePassword(QStringLiteral("audited-token"), QStringLiteral("password2"));
    QVERIFY(!regenerated.isEmpty());
    m_secrets << regenerated;
    QVERIFY(m_admin->setTokenStatus(QStringLiteral("audited-token"), false));
    QVERIFY(m_admin->deletePassword(QStringLiteral("audited-token"), QStringLiteral("password1")));
    QVERIFY(m_admin->setAnonymousPull(true));
    QVERIFY(m_admin->setAnonymousPull(false));
    QCOMPARE(m_admin->call("DELETE", QStringLiteral("/api/v1/tokens/audited-token")).status, 204);

    const QJsonArray all = m_admin->audit();
    QJsonArray records;
    for (int i = before; i < all.size(); ++i)
        records.append(all[i]);
    const QDateTime end = QDateTime::currentDateTimeUtc().addSecs(1);
    auto find = [&](const QString& action, const QString& actor,
                    const QString& target = {}) -> QJsonObject {
        for (const QJsonValue& value : records) {
            const QJsonObject record = value.toObject();
            if (record.value(QStringLiteral("action")).toString() == action &&
                record.value(QStringLiteral("actor")).toString() == actor &&
                (target.isEmpty() || record.value(QStringLiteral("target")).toString() == target))
                return record;
        }
        return {};
    };
    const QList<std::tuple<QString, QString, QString>> expected{
        {QStringLiteral("auth.failure"), QStringLiteral("audit-probe-v2"), {}},
        {QStringLiteral("auth.failure"), QStringLiteral("audit-probe-token"), {}},
        {QStringLiteral("auth.failure"), QStringLiteral("audit-probe-post"), {}},
        {QStringLiteral("auth.failure"), QStringLiteral("admin"), {}},
        {QStringLiteral("scopeMap.create"), QStringLiteral("admin"),
         QStringLiteral("scope-maps/audited-map")},
        {QStringLiteral("token.create"), QStringLiteral("admin"),
         QStringLiteral("tokens/audited-token")},
        {QStringLiteral("token.credentials.generate"), QStringLiteral("admin"),
         QStringLiteral("tokens/audited-token")},
        {QStringLiteral("token.update"), QStringLiteral("admin"),
         QStringLiteral("tokens/audited-token")},
        {QStringLiteral("token.credentials.delete"), QStringLiteral("admin"),
         QStringLiteral("tokens/audited-token")},
        {QStringLiteral("settings.update"), QStringLiteral("admin"), {}},
        {QStringLiteral("token.delete"), QStringLiteral("admin"),
         QStringLiteral("tokens/audited-token")},
    };
    for (const auto& [action, actor, target] : expected) {
        const QJsonObject record = find(action, actor, target);
        QVERIFY2(!record.isEmpty(),
                 qPrintable(action + QLatin1Char(' ') + actor + QLatin1Char(' ') + target));
        QCOMPARE(record.value(QStringLiteral("address")).toString(), QStringLiteral("127.0.0.1"));
        const QDateTime time = QDateTime::fromString(
            record.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        QVERIFY2(time.isValid() && time >= start && time <= end,
                 qPrintable(record.value(QStringLiteral("time")).toString()));
        QVERIFY(record.value(QStringLiteral("id")).toInteger() > 0);
    }
    const QByteArray everything =
        m_admin->call("GET", QStringLiteral("/api/v1/audit?limit=1000")).body;
    for (const QString& secret : m_secrets)
        QVERIFY(!everything.contains(secret.toUtf8()));
    QVERIFY(!everything.contains(wrong.toUtf8()));
    QVERIFY(!everything.contains("$scrypt$"));
    QVERIFY(!m_ferryd.stderrLog().contains(wrong.toUtf8()));
    for (const QString& secret : m_secrets)
        QVERIFY(!m_ferryd.stderrLog().contains(secret.toUtf8()));
}

QTEST_GUILESS_MAIN(TestManagementAuth)
#include "tst_management_auth.moc"
