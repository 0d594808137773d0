// Every /v2/ route against every kind of caller, with access control on: the
// admin, a token whose scope map matches (password1 and password2), a
// disabled token, an expired password, a wrong password, a regenerated
// password, a token whose scope map names another repository, a `team/*`
// wildcard, and anonymous callers with and without anonymous pull. Each
// caller is tried with Basic credentials on /v2/ and with a bearer token
// from /oauth2/token. Expected: 200/201/202 when the scope map holds the
// action, 401 UNAUTHORIZED with a Bearer challenge for unknown callers, 403
// DENIED naming the missing action otherwise (DOMAIN.md "Scope maps").

#include "accesskit.h"
#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

using namespace accesskit;

namespace {

enum class Need { Pull, Push, Delete, Metadata, Catalog, Base };
enum class Outcome { Allowed, Unauthorized, Denied };

struct RouteSpec {
    const char* name;
    Need need;
};

constexpr RouteSpec kRoutes[] = {
    {"GET manifest", Need::Pull},      {"HEAD manifest", Need::Pull},
    {"GET blob", Need::Pull},          {"HEAD blob", Need::Pull},
    {"PUT manifest", Need::Push},      {"POST upload", Need::Push},
    {"PATCH upload", Need::Push},      {"PUT upload", Need::Push},
    {"DELETE manifest", Need::Delete}, {"DELETE tag", Need::Delete},
    {"DELETE blob", Need::Delete},     {"GET tags", Need::Metadata},
    {"GET referrers", Need::Metadata}, {"GET catalog", Need::Catalog},
    {"GET /v2/", Need::Base},
};
constexpr int kRouteCount = int(sizeof kRoutes / sizeof kRoutes[0]);

const QStringList kAllRepositories{QStringLiteral("mx/app"), QStringLiteral("other"),
                                   QStringLiteral("team"), QStringLiteral("team/a"),
                                   QStringLiteral("team/a/b")};
const QStringList kFullActions{QStringLiteral("content/read"), QStringLiteral("content/write"),
                               QStringLiteral("content/delete"), QStringLiteral("metadata/read"),
                               QStringLiteral("metadata/write")};

QStringList actionsOn(const QString& repository) {
    QStringList actions;
    for (const QString& action : kFullActions)
        actions << QStringLiteral("repositories/%1/%2").arg(repository, action);
    return actions;
}

// The scope the Bearer challenge names for a need (tokenaccess.cpp).
QString challengeScope(Need need, const QString& repository) {
    switch (need) {
    case Need::Pull:
    case Need::Metadata:
        return QStringLiteral("repository:%1:pull").arg(repository);
    case Need::Push:
        return QStringLiteral("repository:%1:pull,push").arg(repository);
    case Need::Delete:
        return QStringLiteral("repository:%1:delete").arg(repository);
    case Need::Catalog:
        return QStringLiteral("registry:catalog:*");
    case Need::Base:
        return {};
    }
    return {};
}

QString actionName(Need need) {
    switch (need) {
    case Need::Pull:
        return QStringLiteral("content/read");
    case Need::Push:
        return QStringLiteral("content/write");
    case Need::Delete:
        return QStringLiteral("content/delete");
    default:
        return QStringLiteral("metadata/read");
    }
}

// A caller: how it authenticates in each mode, and what it may do.
struct Caller {
    QList<Credentials> basicPool; // failing credentials rotate so throttling never starts
    int basicUses = 0;
    bool failing = false;
    bool anonymous = false;
    QHash<QString, QString> bearer; // repository (or "catalog") -> access token
    std::function<Outcome(Need, const QString&)> expect;
    QStringList catalog; // what GET /v2/_catalog lists when allowed
};

struct Request {
    QByteArray method;
    QString path;
    QByteArray body;
    HttpClient::Headers headers;
    int success = 200;
    QString stillThere;  // for refused deletes: this path must still answer 200
    QString stillAbsent; // for refused pushes: this path must still answer 404
};

} // namespace

class TestAuthorizationMatrix : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void route_data();
    void route();
    void tokenEndpointRefusesEveryFailingCredential();

private:
    void addCaller(const QString& key, const QStringList& repositories, bool basic, bool bearer);
    Request prepare(int route, const QString& repository);
    QByteArray authorizationFor(Caller& caller, bool bearer, Need need, const QString& repository);
    // A token per credential, all on `scopeMap`; returns their credentials.
    QList<Credentials> makePool(const QString& prefix, const QString& scopeMap, int size);

    FerrydProcess m_ferryd;
    std::unique_ptr<AdminApi> m_admin;
    std::unique_ptr<HttpClient> m_adminHttp; // /v2/ as the admin, for fixtures
    std::unique_ptr<HttpClient> m_http;      // the callers under test
    QHash<QString, Caller> m_callers;
    ocitest::Image m_seed;
    int m_serial = 0;
    bool m_anonymousPull = false;
};

QList<Credentials> TestAuthorizationMatrix::makePool(const QString& prefix, const QString& scopeMap,
                                                     int size) {
    QList<Credentials> pool;
    for (int i = 0; i < size; ++i) {
        const QString name = QStringLiteral("%1-%2").arg(prefix).arg(i);
        const auto passwords = m_admin->createToken(name, scopeMap);
        if (!passwords)
            return {};
        pool.append({name, passwords->first()});
    }
    return pool;
}

void TestAuthorizationMatrix::initTestCase() {
    m_ferryd.setAccessControl(true);
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    m_admin = std::make_unique<AdminApi>(m_ferryd);
    m_adminHttp = std::make_unique<HttpClient>(m_ferryd.baseUrl());
    m_adminHttp->setBasicAuth(QStringLiteral("admin"), m_ferryd.adminPassword());
    m_http = std::make_unique<HttpClient>(m_ferryd.baseUrl());

    m_seed = ocitest::makeImage(QStringLiteral("matrix-seed"));
    for (const QString& repository : kAllRepositories)
        QVERIFY(ocitest::pushImage(*m_adminHttp, repository, QStringLiteral("v1"), m_seed));

    QVERIFY(m_admin->putScopeMap(QStringLiteral("mx-full"), actionsOn(QStringLiteral("mx/app"))));
    QVERIFY(m_admin->putScopeMap(QStringLiteral("team-wild"), actionsOn(QStringLiteral("team/*"))));
    // content/read on "other" but no metadata/read: it must stay out of the catalog.
    QVERIFY(m_admin->putScopeMap(QStringLiteral("elsewhere"),
                                 {QStringLiteral("repositories/other/content/read")}));

    const auto full = m_admin->createToken(QStringLiteral("mx-full"), QStringLiteral("mx-full"));
    QVERIFY(full);
    const auto wild =
        m_admin->createToken(QStringLiteral("team-wild"), QStringLiteral("team-wild"));
    QVERIFY(wild);
    const auto none =
        m_admin->createToken(QStringLiteral("elsewhere"), QStringLiteral("elsewhere"));
    QVERIFY(none);
    const QList<Credentials> disabled =
        makePool(QStringLiteral("disabled"), QStringLiteral("mx-full"), 6);
    const QList<Credentials> regenerated =
        makePool(QStringLiteral("regen"), QStringLiteral("mx-full"), 6);
    QList<Credentials> wrong = makePool(QStringLiteral("wrongpw"), QStringLiteral("mx-full"), 6);
    QList<Credentials> expired = makePool(QStringLiteral("expiring"), QStringLiteral("mx-full"), 6);
    QVERIFY(disabled.size() == 6 && regenerated.size() == 6 && wrong.size() == 6 &&
            expired.size() == 6);

    // Far enough ahead to fetch bearer tokens with these first, even on a loaded machine.
    const QDateTime expiry = QDateTime::currentDateTimeUtc().addSecs(8);
    for (Credentials& c : expired) {
        c.password = m_admin->generatePassword(c.user, QStringLiteral("password1"), expiry);
        QVERIFY(!c.password.isEmpty());
    }

    auto allowAll = [](Need, const QString&) { return Outcome::Allowed; };
    auto refuseAll = [](Need, const QString&) { return Outcome::Unauthorized; };
    auto onlyOn = [](const QStringList& mine) {
        return [mine](Need need, const QString& repository) {
            if (need == Need::Base || need == Need::Catalog || mine.contains(repository))
                return Outcome::Allowed;
            return Outcome::Denied;
        };
    };
    m_callers[QStringLiteral("admin")] =
        Caller{{{QStringLiteral("admin"), m_ferryd.adminPassword()}},
               0,
               false,
               false,
               {},
               allowAll,
               kAllRepositories};
    m_callers[QStringLiteral("token-password1")] =
        Caller{{{QStringLiteral("mx-full"), full->at(0)}},
               0,
               false,
               false,
               {},
               onlyOn({QStringLiteral("mx/app")}),
               {QStringLiteral("mx/app")}};
    m_callers[QStringLiteral("token-password2")] =
        Caller{{{QStringLiteral("mx-full"), full->at(1)}},
               0,
               false,
               false,
               {},
               onlyOn({QStringLiteral("mx/app")}),
               {QStringLiteral("mx/app")}};
    m_callers[QStringLiteral("no-matching-scope")] =
        Caller{{{QStringLiteral("elsewhere"), none->at(0)}}, 0, false, false, {}, onlyOn({}), {}};
    m_callers[QStringLiteral("wildcard")] =
        Caller{{{QStringLiteral("team-wild"), wild->at(0)}},
               0,
               false,
               false,
               {},
               onlyOn({QStringLiteral("team/a"), QStringLiteral("team/a/b")}),
               {QStringLiteral("team/a"), QStringLiteral("team/a/b")}};
    m_callers[QStringLiteral("disabled")] = Caller{disabled, 0, true, false, {}, refuseAll, {}};
    m_callers[QStringLiteral("expired")] = Caller{expired, 0, true, false, {}, refuseAll, {}};
    m_callers[QStringLiteral("regenerated")] =
        Caller{regenerated, 0, true, false, {}, refuseAll, {}};
    for (Credentials& c : wrong)
        c.password = QStringLiteral("not-the-password-0123456789abcdefghijklmn");
    m_callers[QStringLiteral("wrong-password")] = Caller{wrong, 0, true, false, {}, refuseAll, {}};
    m_callers[QStringLiteral("anonymous")] = Caller{{}, 0, false, true, {}, refuseAll, {}};
    m_callers[QStringLiteral("anonymous-pull")] =
        Caller{{},
               0,
               false,
               true,
               {},
               [](Need need, const QString&) {
                   return need == Need::Push || need == Need::Delete ? Outcome::Unauthorized
                                                                     : Outcome::Allowed;
               },
               kAllRepositories};

    // Bearer tokens, fetched while every credential is still good.
    for (const QString& key : m_callers.keys()) {
        Caller& caller = m_callers[key];
        if (caller.anonymous || key == QStringLiteral("wrong-password"))
            continue;
        const QByteArray basicAuth = basic(caller.basicPool.first());
        for (const QString& repository : kAllRepositories) {
            const TokenAnswer answer =
                fetchToken(*m_http, basicAuth,
                           {QStringLiteral("repository:%1:pull,push,delete").arg(repository)});
            QVERIFY2(
                answer.ok(),
                qPrintable(
                    key + QStringLiteral(": token endpoint answered %1").arg(answer.reply.status)));
            caller.bearer[repository] = answer.token;
        }
        const TokenAnswer catalog =
            fetchToken(*m_http, basicAuth, {QStringLiteral("registry:catalog:*")});
        QVERIFY(catalog.ok());
        caller.bearer[QStringLiteral("catalog")] = catalog.token;
        // Good now: the failing callers below fail because of the change, not by accident.
        QCOMPARE(m_http
                     ->get(QStringLiteral("/v2/mx/app/manifests/v1"),
                           authorization(bearer(caller.bearer[QStringLiteral("mx/app")])))
                     .status,
                 caller.expect(Need::Pull, QStringLiteral("mx/app")) == Outcome::Allowed ||
                         caller.failing
                     ? 200
                     : 403);
    }

    for (const Credentials& c : disabled)
        QVERIFY(m_admin->setTokenStatus(c.user, false));
    for (const Credentials& c : regenerated)
        QVERIFY(!m_admin->generatePassword(c.user, QStringLiteral("password1")).isEmpty());
    const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(expiry) + 1100;
    if (wait > 0)
        QThread::msleep(quint64(wait));
}

void TestAuthorizationMatrix::addCaller(const QString& key, const QStringList& repositories,
                                        bool basicMode, bool bearerMode) {
    for (int mode = 0; mode < 2; ++mode) {
        if ((mode == 0 && !basicMode) || (mode == 1 && !bearerMode))
            continue;
        const bool isBearer = mode == 1;
        for (int route = 0; route < kRouteCount; ++route) {
            const bool global =
                kRoutes[route].need == Need::Catalog || kRoutes[route].need == Need::Base;
            for (const QString& repository : global ? QStringList{QString()} : repositories) {
                const QString label =
                    QStringLiteral("%1 %2 %3 %4")
                        .arg(key, isBearer ? QStringLiteral("bearer") : QStringLiteral("basic"),
                             QLatin1String(kRoutes[route].name), repository);
                QTest::newRow(qPrintable(label.trimmed()))
                    << key << isBearer << route << repository;
            }
        }
    }
}

void TestAuthorizationMatrix::route_data() {
    QTest::addColumn<QString>("caller");
    QTest::addColumn<bool>("useBearer");
    QTest::addColumn<int>("route");
    QTest::addColumn<QString>("repository");
    const QStringList main{QStringLiteral("mx/app")};
    for (const char* key : {"admin", "token-password1", "token-password2", "no-matching-scope",
                            "disabled", "expired", "regenerated"})
        addCaller(QLatin1String(key), main, true, true);
    addCaller(QStringLiteral("wrong-password"), main, true, false);
    addCaller(QStringLiteral("wildcard"),
              {QStringLiteral("team/a"), QStringLiteral("team/a/b"), QStringLiteral("team"),
               QStringLiteral("other")},
              true, true);
    addCaller(QStringLiteral("anonymous"), main, true, false);
    addCaller(QStringLiteral("anonymous-pull"), main + QStringList{QStringLiteral("team/a")}, true,
              false);
}

Request TestAuthorizationMatrix::prepare(int route, const QString& repo) {
    const QString n = QString::number(++m_serial);
    const QString base = QStringLiteral("/v2/") + repo;
    auto startUpload = [&] {
        const HttpReply started = m_adminHttp->post(base + QStringLiteral("/blobs/uploads/"));
        return QString::fromLatin1(started.header("Location"));
    };
    Request r;
    r.method = "GET";
    switch (route) {
    case 0:
    case 1:
        r.method = route == 0 ? "GET" : "HEAD";
        r.path = base + QStringLiteral("/manifests/v1");
        r.headers = {{"Accept", ocitest::kOciManifest}};
        break;
    case 2:
    case 3:
        r.method = route == 2 ? "GET" : "HEAD";
        r.path = base + QStringLiteral("/blobs/") + ociDigest(m_seed.layer);
        break;
    case 4: {
        const ocitest::Image image = ocitest::makeImage(QStringLiteral("put-") + n);
        ocitest::pushBlob(*m_adminHttp, repo, image.config);
        ocitest::pushBlob(*m_adminHttp, repo, image.layer);
        r.method = "PUT";
        r.path = base + QStringLiteral("/manifests/put-") + n;
        r.body = image.manifest;
        r.headers = {{"Content-Type", ocitest::kOciManifest}};
        r.success = 201;
        r.stillAbsent = r.path;
        break;
    }
    case 5:
        r.method = "POST";
        r.path = base + QStringLiteral("/blobs/uploads/");
        r.success = 202;
        break;
    case 6:
        r.method = "PATCH";
        r.path = startUpload();
        r.body = "chunk " + n.toLatin1();
        r.headers = {{"Content-Type", "application/octet-stream"}};
        r.success = 202;
        break;
    case 7: {
        r.method = "PUT";
        const QByteArray content = "whole blob " + n.toLatin1();
        const QString location = startUpload();
        r.path = location +
                 (location.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?")) +
                 QStringLiteral("digest=") + ociDigest(content);
        r.body = content;
        r.headers = {{"Content-Type", "application/octet-stream"}};
        r.success = 201;
        r.stillAbsent = base + QStringLiteral("/blobs/") + ociDigest(content);
        break;
    }
    case 8:
    case 9: {
        const ocitest::Image image = ocitest::makeImage(QStringLiteral("doomed-") + n);
        const QString tag = QStringLiteral("doomed-") + n;
        ocitest::pushImage(*m_adminHttp, repo, tag, image);
        r.method = "DELETE";
        r.path = base + QStringLiteral("/manifests/") + (route == 8 ? image.digest : tag);
        r.success = 202;
        r.stillThere = base + QStringLiteral("/manifests/") + tag;
        break;
    }
    case 10: {
        const QByteArray content = "doomed blob " + n.toLatin1();
        ocitest::pushBlob(*m_adminHttp, repo, content);
        r.method = "DELETE";
        r.path = base + QStringLiteral("/blobs/") + ociDigest(content);
        r.success = 202;
        r.stillThere = r.path;
        break;
    }
    case 11:
        r.path = base + QStringLiteral("/tags/list");
        break;
    case 12:
        r.path = base + QStringLiteral("/referrers/") + m_seed.digest;
        break;
    case 13:
        r.path = QStringLiteral("/v2/_catalog");
        break;
    default:
        r.path = QStringLiteral("/v2/");
        break;
    }
    return r;
}

QByteArray TestAuthorizationMatrix::authorizationFor(Caller& caller, bool useBearer, Need need,
                                                     const QString& repository) {
    if (caller.anonymous)
        return {};
    if (useBearer) {
        const QString key =
            need == Need::Catalog || need == Need::Base ? QStringLiteral("catalog") : repository;
        return bearer(caller.bearer.value(key));
    }
    // Three uses per failing credential: the throttle delays from the fourth failure.
    const int index =
        caller.failing ? qMin(caller.basicUses++ / 3, int(caller.basicPool.size()) - 1) : 0;
    return basic(caller.basicPool.at(index));
}

void TestAuthorizationMatrix::route() {
    QFETCH(QString, caller);
    QFETCH(bool, useBearer);
    QFETCH(int, route);
    QFETCH(QString, repository);
    Caller& who = m_callers[caller];
    const bool wantAnonymousPull = caller == QStringLiteral("anonymous-pull");
    if (wantAnonymousPull != m_anonymousPull) {
        QVERIFY(m_admin->setAnonymousPull(wantAnonymousPull));
        m_anonymousPull = wantAnonymousPull;
    }
    const Need need = kRoutes[route].need;
    const Outcome expected = who.expect(need, repository);
    const Request request = prepare(route, repository);
    QVERIFY(!request.path.isEmpty());
    HttpClient::Headers headers =
        request.headers + authorization(authorizationFor(who, useBearer, need, repository));
    const HttpReply reply = m_http->send(request.method, request.path, request.body, headers);
    const QByteArray context = reply.body.left(300);

    switch (expected) {
    case Outcome::Allowed:
        QVERIFY2(
            reply.status == request.success,
            qPrintable(QStringLiteral("%1: %2").arg(reply.status).arg(QString::fromUtf8(context))));
        if (need == Need::Catalog) {
            QStringList listed;
            for (const QJsonValue& name : QJsonDocument::fromJson(reply.body)
                                              .object()
                                              .value(QStringLiteral("repositories"))
                                              .toArray())
                listed << name.toString();
            QCOMPARE(listed, who.catalog);
        }
        if (route == 0)
            QCOMPARE(reply.body, m_seed.manifest);
        return;
    case Outcome::Unauthorized: {
        QVERIFY2(
            reply.status == 401,
            qPrintable(QStringLiteral("%1: %2").arg(reply.status).arg(QString::fromUtf8(context))));
        if (request.method != "HEAD")
            QCOMPARE(reply.errorCode(), QStringLiteral("UNAUTHORIZED"));
        const QString challenge = QString::fromLatin1(reply.header("WWW-Authenticate"));
        QVERIFY2(challenge.startsWith(QStringLiteral("Bearer ")), qPrintable(challenge));
        const QString authority = m_ferryd.hostPort();
        QVERIFY2(
            challenge.contains(QStringLiteral("realm=\"http://%1/oauth2/token\"").arg(authority)),
            qPrintable(challenge));
        QVERIFY2(challenge.contains(QStringLiteral("service=\"%1\"").arg(authority)),
                 qPrintable(challenge));
        const QString scope = challengeScope(need, repository);
        if (scope.isEmpty())
            QVERIFY2(!challenge.contains(QStringLiteral("scope=")), qPrintable(challenge));
        else
            QVERIFY2(challenge.contains(QStringLiteral("scope=\"%1\"").arg(scope)),
                     qPrintable(challenge));
        break;
    }
    case Outcome::Denied:
        QVERIFY2(
            reply.status == 403,
            qPrintable(QStringLiteral("%1: %2").arg(reply.status).arg(QString::fromUtf8(context))));
        if (request.method != "HEAD") {
            QCOMPARE(reply.errorCode(), QStringLiteral("DENIED"));
            const QString message = QString::fromUtf8(reply.body);
            QVERIFY2(message.contains(actionName(need)) &&
                         message.contains(QStringLiteral("'%1'").arg(repository)),
                     qPrintable(message));
        }
        break;
    }
    // Refused: nothing changed.
    if (!request.stillThere.isEmpty())
        QCOMPARE(m_adminHttp->head(request.stillThere, {{"Accept", ocitest::kOciManifest}}).status,
                 200);
    if (!request.stillAbsent.isEmpty())
        QCOMPARE(m_adminHttp->head(request.stillAbsent, {{"Accept", ocitest::kOciManifest}}).status,
                 404);
}

void TestAuthorizationMatrix::tokenEndpointRefusesEveryFailingCredential() {
    for (const char* key : {"disabled", "expired", "regenerated", "wrong-password"}) {
        Caller& caller = m_callers[QLatin1String(key)];
        const Credentials& c = caller.basicPool.last();
        const TokenAnswer viaGet =
            fetchToken(*m_http, basic(c), {QStringLiteral("repository:mx/app:pull")});
        QVERIFY2(viaGet.reply.status == 401, key);
        QVERIFY(viaGet.token.isEmpty());
        const TokenAnswer viaPost = postToken(
            *m_http, {{QStringLiteral("grant_type"), QStringLiteral("password")},
                      {QStringLiteral("username"), c.user},
                      {QStringLiteral("password"), c.password},
                      {QStringLiteral("scope"), QStringLiteral("repository:mx/app:pull")}});
        QVERIFY2(viaPost.reply.status == 401, key);
        QVERIFY(viaPost.token.isEmpty());
    }
    // Anonymous without anonymous pull gets no token either.
    QVERIFY(m_admin->setAnonymousPull(false));
    m_anonymousPull = false;
    QCOMPARE(fetchToken(*m_http, {}, {QStringLiteral("repository:mx/app:pull")}).reply.status, 401);
    // ferryd is still up.
    QCOMPARE(m_http
                 ->get(QStringLiteral("/v2/"),
                       authorization(basic(QStringLiteral("admin"), m_ferryd.adminPassword())))
                 .status,
             200);
}

QTEST_GUILESS_MAIN(TestAuthorizationMatrix)
#include "tst_authorization_matrix.moc"
