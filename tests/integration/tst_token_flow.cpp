// The Docker token flow against the real ferryd (docs/api.md "The registry's
// token flow"): GET /oauth2/token with Basic credentials and scopes, the POST
// password and refresh_token grants, the granted access as the intersection
// of what was asked and what the scope map allows (read from the JWT's
// "access" claim), revocation of already issued access tokens within a second
// of the change, rotating password1 while password2 keeps working, and the
// admin changing its own password.

#include "accesskit.h"
#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace accesskit;

class TestTokenFlow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void getGrantsTheIntersection();
    void adminWildcardScopeGetsEveryAction();
    void passwordGrantAndRefreshToken();
    void refreshTokenRefusedAfterPasswordRegenerated();
    void tokenCannotBuyAnotherToken();
    void revocationWithinOneSecond_data();
    void revocationWithinOneSecond();
    void password2KeepsWorkingWhilePassword1Rotates();
    void anonymousPullToken();
    void adminPasswordChangeVoidsOldCredentials();

private:
    HttpReply pull(const QByteArray& authorizationValue,
                   const QString& repository = QStringLiteral("flow/app")) {
        return m_http->get(QStringLiteral("/v2/%1/manifests/v1").arg(repository),
                           authorization(authorizationValue) +
                               HttpClient::Headers{{"Accept", ocitest::kOciManifest}});
    }
    QStringList newToken(const QString& name,
                         const QString& scopeMap = QStringLiteral("flow-app")) {
        const auto passwords = m_admin->createToken(name, scopeMap);
        return passwords ? *passwords : QStringList();
    }

    FerrydProcess m_ferryd;
    std::unique_ptr<AdminApi> m_admin;
    std::unique_ptr<HttpClient> m_http;
};

void TestTokenFlow::initTestCase() {
    m_ferryd.setAccessControl(true);
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    m_admin = std::make_unique<AdminApi>(m_ferryd);
    m_http = std::make_unique<HttpClient>(m_ferryd.baseUrl());
    HttpClient adminHttp(m_ferryd.baseUrl());
    adminHttp.setBasicAuth(QStringLiteral("admin"), m_ferryd.adminPassword());
    const ocitest::Image image = ocitest::makeImage(QStringLiteral("flow"));
    QVERIFY(ocitest::pushImage(adminHttp, QStringLiteral("flow/app"), QStringLiteral("v1"), image));
    QVERIFY(
        ocitest::pushImage(adminHttp, QStringLiteral("flow/other"), QStringLiteral("v1"), image));
    QVERIFY(m_admin->putScopeMap(QStringLiteral("flow-app"),
                                 {QStringLiteral("repositories/flow/app/content/read"),
                                  QStringLiteral("repositories/flow/app/content/write"),
                                  QStringLiteral("repositories/flow/app/metadata/read")}));
}

void TestTokenFlow::getGrantsTheIntersection() {
    const QStringList passwords = newToken(QStringLiteral("flow-get"));
    QCOMPARE(passwords.size(), 2);
    const TokenAnswer answer = fetchToken(*m_http, basic(QStringLiteral("flow-get"), passwords[0]),
                                          {QStringLiteral("repository:flow/app:pull,push,delete"),
                                           QStringLiteral("repository:flow/other:pull"),
                                           QStringLiteral("registry:catalog:*")});
    QCOMPARE(answer.reply.status, 200);
    const QJsonObject body = QJsonDocument::fromJson(answer.reply.body).object();
    QVERIFY(!answer.token.isEmpty());
    QCOMPARE(body.value(QStringLiteral("access_token")).toString(), answer.token);
    QCOMPARE(body.value(QStringLiteral("expires_in")).toInt(), 300);
    QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QVERIFY(QDateTime::fromString(body.value(QStringLiteral("issued_at")).toString(), Qt::ISODate)
                .isValid());
    QVERIFY(!body.contains(QStringLiteral("refresh_token")));
    QCOMPARE(answer.reply.header("Cache-Control"), QByteArray("no-store"));

    const QMap<QString, QStringList> expected{
        {QStringLiteral("repository:flow/app"), {QStringLiteral("pull"), QStringLiteral("push")}},
        {QStringLiteral("repository:flow/other"), {}},
        {QStringLiteral("registry:catalog"), {QStringLiteral("*")}}};
    QCOMPARE(accessClaim(answer.token), expected);
    const QJsonObject claims = jwtPayload(answer.token);
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("flow-get"));
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() -
                 claims.value(QStringLiteral("iat")).toInteger(),
             300);
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(), m_ferryd.hostPort());

    // The token does what its claim says, and nothing more.
    QCOMPARE(pull(bearer(answer.token)).status, 200);
    QCOMPARE(m_http
                 ->post(QStringLiteral("/v2/flow/app/blobs/uploads/"), {},
                        authorization(bearer(answer.token)))
                 .status,
             202);
    const HttpReply del = m_http->del(QStringLiteral("/v2/flow/app/manifests/v1"),
                                      authorization(bearer(answer.token)));
    QCOMPARE(del.status, 403);
    QCOMPARE(del.errorCode(), QStringLiteral("DENIED"));
    QVERIFY(del.body.contains("content/delete"));
    const HttpReply other = pull(bearer(answer.token), QStringLiteral("flow/other"));
    QCOMPARE(other.status, 403);
    QVERIFY(other.body.contains("content/read"));
    // A narrower request gets a narrower token: push is refused with a challenge.
    const TokenAnswer pullOnly =
        fetchToken(*m_http, basic(QStringLiteral("flow-get"), passwords[0]),
                   {QStringLiteral("repository:flow/app:pull")});
    QCOMPARE(accessClaim(pullOnly.token),
             (QMap<QString, QStringList>{
                 {QStringLiteral("repository:flow/app"), {QStringLiteral("pull")}}}));
    const HttpReply push = m_http->post(QStringLiteral("/v2/flow/app/blobs/uploads/"), {},
                                        authorization(bearer(pullOnly.token)));
    QCOMPARE(push.status, 401);
    QVERIFY(push.header("WWW-Authenticate").contains("scope=\"repository:flow/app:pull,push\""));
}

void TestTokenFlow::adminWildcardScopeGetsEveryAction() {
    const TokenAnswer answer =
        fetchToken(*m_http, basic(QStringLiteral("admin"), m_ferryd.adminPassword()),
                   {QStringLiteral("repository:flow/app:*")});
    QCOMPARE(answer.reply.status, 200);
    QCOMPARE(accessClaim(answer.token),
             (QMap<QString, QStringList>{
                 {QStringLiteral("repository:flow/app"),
                  {QStringLiteral("delete"), QStringLiteral("pull"), QStringLiteral("push")}}}));
    QCOMPARE(jwtPayload(answer.token).value(QStringLiteral("kind")).toString(),
             QStringLiteral("admin"));
}

void TestTokenFlow::passwordGrantAndRefreshToken() {
    const QStringList passwords = newToken(QStringLiteral("flow-post"));
    QCOMPARE(passwords.size(), 2);
    const QList<QPair<QString, QString>> grant{
        {QStringLiteral("grant_type"), QStringLiteral("password")},
        {QStringLiteral("username"), QStringLiteral("flow-post")},
        {QStringLiteral("password"), passwords[1]},
        {QStringLiteral("service"), m_ferryd.hostPort()},
        {QStringLiteral("scope"),
         QStringLiteral("repository:flow/app:pull repository:flow/other:pull")}};
    const TokenAnswer online = postToken(*m_http, grant);
    QCOMPARE(online.reply.status, 200);
    QVERIFY(online.refreshToken.isEmpty());
    QCOMPARE(accessClaim(online.token),
             (QMap<QString, QStringList>{
                 {QStringLiteral("repository:flow/app"), {QStringLiteral("pull")}},
                 {QStringLiteral("repository:flow/other"), {}}}));

    const TokenAnswer offline =
        postToken(*m_http, grant + QList<QPair<QString, QString>>{
                                       {QStringLiteral("access_type"), QStringLiteral("offline")}});
    QCOMPARE(offline.reply.status, 200);
    QVERIFY(!offline.refreshToken.isEmpty());
    QCOMPARE(pull(bearer(offline.token)).status, 200);
    // A refresh token is not an access token.
    QCOMPARE(pull(bearer(offline.refreshToken)).status, 401);

    const TokenAnswer refreshed = postToken(
        *m_http, {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                  {QStringLiteral("refresh_token"), offline.refreshToken},
                  {QStringLiteral("scope"), QStringLiteral("repository:flow/app:pull,push")}});
    QCOMPARE(refreshed.reply.status, 200);
    QCOMPARE(accessClaim(refreshed.token),
             (QMap<QString, QStringList>{{QStringLiteral("repository:flow/app"),
                                          {QStringLiteral("pull"), QStringLiteral("push")}}}));
    QCOMPARE(pull(bearer(refreshed.token)).status, 200);
    // An access token is not a refresh token.
    QCOMPARE(postToken(*m_http, {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                 {QStringLiteral("refresh_token"), offline.token}})
                 .reply.status,
             401);
    // GET with offline_token=true also hands out a refresh token.
    const TokenAnswer viaGet = fetchToken(*m_http, basic(QStringLiteral("flow-post"), passwords[1]),
                                          {QStringLiteral("repository:flow/app:pull")}, true);
    QCOMPARE(viaGet.reply.status, 200);
    QVERIFY(!viaGet.refreshToken.isEmpty());

    const TokenAnswer unknownGrant =
        postToken(*m_http, {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}});
    QCOMPARE(unknownGrant.reply.status, 400);
    QCOMPARE(QJsonDocument::fromJson(unknownGrant.reply.body)
                 .object()
                 .value(QStringLiteral("error"))
                 .toString(),
             QStringLiteral("invalid_request"));
}

void TestTokenFlow::refreshTokenRefusedAfterPasswordRegenerated() {
    const QStringList passwords = newToken(QStringLiteral("flow-refresh"));
    QCOMPARE(passwords.size(), 2);
    const TokenAnswer offline =
        postToken(*m_http, {{QStringLiteral("grant_type"), QStringLiteral("password")},
                            {QStringLiteral("username"), QStringLiteral("flow-refresh")},
                            {QStringLiteral("password"), passwords[0]},
                            {QStringLiteral("access_type"), QStringLiteral("offline")},
                            {QStringLiteral("scope"), QStringLiteral("repository:flow/app:pull")}});
    QVERIFY(offline.ok() && !offline.refreshToken.isEmpty());
    const QList<QPair<QString, QString>> refresh{
        {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
        {QStringLiteral("refresh_token"), offline.refreshToken},
        {QStringLiteral("scope"), QStringLiteral("repository:flow/app:pull")}};
    QCOMPARE(postToken(*m_http, refresh).reply.status, 200);
    QVERIFY(!m_admin->generatePassword(QStringLiteral("flow-refresh"), QStringLiteral("password1"))
                 .isEmpty());
    const TokenAnswer refused = postToken(*m_http, refresh);
    QCOMPARE(refused.reply.status, 401);
    QVERIFY(refused.token.isEmpty());
    QCOMPARE(QJsonDocument::fromJson(refused.reply.body)
                 .object()
                 .value(QStringLiteral("error"))
                 .toString(),
             QStringLiteral("invalid_grant"));
    QCOMPARE(pull(bearer(offline.token)).status, 401);
}

void TestTokenFlow::tokenCannotBuyAnotherToken() {
    const TokenAnswer admin =
        fetchToken(*m_http, basic(QStringLiteral("admin"), m_ferryd.adminPassword()),
                   {QStringLiteral("repository:flow/app:pull")});
    QVERIFY(admin.ok());
    QCOMPARE(fetchToken(*m_http, bearer(admin.token), {QStringLiteral("repository:flow/app:*")})
                 .reply.status,
             400);
}

void TestTokenFlow::revocationWithinOneSecond_data() {
    QTest::addColumn<QString>("change");
    QTest::addColumn<int>("expectedStatus");
    QTest::newRow("token disabled") << QStringLiteral("disable") << 401;
    QTest::newRow("password deleted") << QStringLiteral("delete") << 401;
    QTest::newRow("password regenerated") << QStringLiteral("regenerate") << 401;
    QTest::newRow("scope map loses content/read") << QStringLiteral("scope") << 403;
}

void TestTokenFlow::revocationWithinOneSecond() {
    QFETCH(QString, change);
    QFETCH(int, expectedStatus);
    const QString name = QStringLiteral("revoke-") + change;
    const QString map = QStringLiteral("map-") + name;
    QVERIFY(m_admin->putScopeMap(map, {QStringLiteral("repositories/flow/app/content/read")}));
    const QStringList passwords = newToken(name, map);
    QCOMPARE(passwords.size(), 2);
    const TokenAnswer answer = fetchToken(*m_http, basic(name, passwords[0]),
                                          {QStringLiteral("repository:flow/app:pull")});
    QVERIFY(answer.ok());
    QCOMPARE(pull(bearer(answer.token)).status, 200);
    QCOMPARE(pull(basic(name, passwords[0])).status, 200); // now cached by ferryd

    HttpReply changed;
    if (change == QLatin1String("disable"))
        changed = m_admin->call("PATCH", QStringLiteral("/api/v1/tokens/") + name,
                                {{QStringLiteral("status"), QStringLiteral("disabled")}});
    else if (change == QLatin1String("delete"))
        changed = m_admin->call(
            "DELETE", QStringLiteral("/api/v1/tokens/%1/credentials/password1").arg(name));
    else if (change == QLatin1String("regenerate"))
        changed = m_admin->call("POST",
                                QStringLiteral("/api/v1/tokens/%1/generate-credentials").arg(name),
                                {{QStringLiteral("name"), QStringLiteral("password1")}});
    else
        changed =
            m_admin->call("PATCH", QStringLiteral("/api/v1/scope-maps/") + map,
                          {{QStringLiteral("removeActions"),
                            QJsonArray{QStringLiteral("repositories/flow/app/content/read")}}});
    QElapsedTimer sinceChange;
    sinceChange.start();
    QVERIFY2(changed.status == 200 || changed.status == 204,
             qPrintable(QString::number(changed.status)));

    const HttpReply withBearer = pull(bearer(answer.token));
    const qint64 elapsed = sinceChange.elapsed();
    QCOMPARE(withBearer.status, expectedStatus);
    QVERIFY2(elapsed < 1000, qPrintable(QStringLiteral("refused only after %1 ms").arg(elapsed)));
    // The Basic credentials ferryd had cached are refused too.
    QCOMPARE(pull(basic(name, passwords[0])).status, expectedStatus);
    QVERIFY2(sinceChange.elapsed() < 1000,
             qPrintable(QStringLiteral("%1 ms").arg(sinceChange.elapsed())));
}

void TestTokenFlow::password2KeepsWorkingWhilePassword1Rotates() {
    const QStringList passwords = newToken(QStringLiteral("flow-rotate"));
    QCOMPARE(passwords.size(), 2);
    const QStringList pullScope{QStringLiteral("repository:flow/app:pull")};
    const TokenAnswer first =
        fetchToken(*m_http, basic(QStringLiteral("flow-rotate"), passwords[0]), pullScope);
    const TokenAnswer second =
        fetchToken(*m_http, basic(QStringLiteral("flow-rotate"), passwords[1]), pullScope);
    QVERIFY(first.ok() && second.ok());
    QCOMPARE(pull(bearer(first.token)).status, 200);

    const QString fresh =
        m_admin->generatePassword(QStringLiteral("flow-rotate"), QStringLiteral("password1"));
    QVERIFY(!fresh.isEmpty());
    QVERIFY(fresh != passwords[0]);
    QCOMPARE(pull(bearer(first.token)).status, 401);
    QCOMPARE(pull(basic(QStringLiteral("flow-rotate"), passwords[0])).status, 401);
    QCOMPARE(pull(bearer(second.token)).status, 200);
    QCOMPARE(pull(basic(QStringLiteral("flow-rotate"), passwords[1])).status, 200);
    QCOMPARE(pull(basic(QStringLiteral("flow-rotate"), fresh)).status, 200);
    const TokenAnswer renewed =
        fetchToken(*m_http, basic(QStringLiteral("flow-rotate"), fresh), pullScope);
    QVERIFY(renewed.ok());
    QCOMPARE(pull(bearer(renewed.token)).status, 200);
}

void TestTokenFlow::anonymousPullToken() {
    QCOMPARE(fetchToken(*m_http, {}, {QStringLiteral("repository:flow/app:pull")}).reply.status,
             401);
    QCOMPARE(pull({}).status, 401);
    QVERIFY(m_admin->setAnonymousPull(true));
    QCOMPARE(pull({}).status, 200);
    const TokenAnswer answer =
        fetchToken(*m_http, {}, {QStringLiteral("repository:flow/app:pull,push")});
    QCOMPARE(answer.reply.status, 200);
    QCOMPARE(accessClaim(answer.token),
             (QMap<QString, QStringList>{
                 {QStringLiteral("repository:flow/app"), {QStringLiteral("pull")}}}));
    QCOMPARE(pull(bearer(answer.token)).status, 200);
    QCOMPARE(m_http
                 ->post(QStringLiteral("/v2/flow/app/blobs/uploads/"), {},
                        authorization(bearer(answer.token)))
                 .status,
             401);
    QVERIFY(m_admin->setAnonymousPull(false));
    // Turning anonymous pull off voids what anonymous callers were given.
    QCOMPARE(pull(bearer(answer.token)).status, 401);
    QCOMPARE(pull({}).status, 401);
}

void TestTokenFlow::adminPasswordChangeVoidsOldCredentials() {
    const QString oldPassword = m_ferryd.adminPassword();
    const TokenAnswer oldBearer = fetchToken(*m_http, basic(QStringLiteral("admin"), oldPassword),
                                             {QStringLiteral("repository:flow/app:pull")});
    QVERIFY(oldBearer.ok());
    QCOMPARE(pull(bearer(oldBearer.token)).status, 200);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/settings"), authorization(bearer(oldBearer.token)))
                 .status,
             200);

    const QString newPassword =
        QStringLiteral("rotated-admin-") + QString::number(QDateTime::currentMSecsSinceEpoch());
    const HttpReply changed = m_admin->call("POST", QStringLiteral("/api/v1/admin/password"),
                                            {{QStringLiteral("password"), newPassword}});
    QCOMPARE(changed.status, 200);
    QVERIFY(!changed.body.contains(newPassword.toUtf8()));
    m_admin->setPassword(newPassword);

    QCOMPARE(pull(bearer(oldBearer.token)).status, 401);
    QCOMPARE(pull(basic(QStringLiteral("admin"), oldPassword)).status, 401);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/settings"), authorization(bearer(oldBearer.token)))
                 .status,
             401);
    QCOMPARE(m_http
                 ->get(QStringLiteral("/api/v1/settings"),
                       authorization(basic(QStringLiteral("admin"), oldPassword)))
                 .status,
             401);
    QCOMPARE(pull(basic(QStringLiteral("admin"), newPassword)).status, 200);
    QCOMPARE(m_http
                 ->get(QStringLiteral("/api/v1/settings"),
                       authorization(basic(QStringLiteral("admin"), newPassword)))
                 .status,
             200);

    // {} generates one and shows it once.
    const HttpReply generated =
        m_admin->call("POST", QStringLiteral("/api/v1/admin/password"), QJsonObject{});
    QCOMPARE(generated.status, 200);
    const QString fresh = QJsonDocument::fromJson(generated.body)
                              .object()
                              .value(QStringLiteral("password"))
                              .toString();
    QVERIFY(fresh.size() >= 12);
    QCOMPARE(pull(basic(QStringLiteral("admin"), newPassword)).status, 401);
    QCOMPARE(pull(basic(QStringLiteral("admin"), fresh)).status, 200);
    QVERIFY(!m_ferryd.stderrLog().contains(fresh.toUtf8()));
    QVERIFY(!m_ferryd.stderrLog().contains(newPassword.toUtf8()));
}

QTEST_GUILESS_MAIN(TestTokenFlow)
#include "tst_token_flow.moc"
