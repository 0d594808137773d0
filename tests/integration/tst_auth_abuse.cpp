// Hostile input to ferryd's authentication: forged and tampered access tokens
// (altered payload, flipped signature, changed header, alg "none", a token
// signed with another key by the openssl CLI), malformed Authorization
// headers, oversized headers, password guessing (growing delays, then 429
// with Retry-After), one answer for unknown users and wrong passwords, and no
// secret ever in ferryd's log or the management API's output.

#include "accesskit.h"
#include "ferrydprocess.h"
#include "httpclient.h"
#include "ocifixtures.h"
#include "toolrunner.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace accesskit;

namespace {

QByteArray b64url(const QByteArray& bytes) {
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray unb64url(const QByteArray& text) {
    return QByteArray::fromBase64(text,
                                  QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// An ECDSA DER signature (SEQUENCE { INTEGER r, INTEGER s }) as JWS wants it: r || s, 32 bytes
// each.
QByteArray derToRaw(const QByteArray& der) {
    auto integer = [&](int& at) -> QByteArray {
        if (at + 2 > der.size() || der[at] != 0x02)
            return {};
        const int length = quint8(der[at + 1]);
        QByteArray value = der.mid(at + 2, length);
        at += 2 + length;
        while (value.size() > 32 && value.startsWith('\0'))
            value.remove(0, 1);
        return QByteArray(32 - value.size(), '\0') + value;
    };
    int at = 2; // SEQUENCE tag and a one-byte length (P-256 signatures are short)
    const QByteArray r = integer(at);
    const QByteArray s = integer(at);
    return r.size() == 32 && s.size() == 32 ? r + s : QByteArray();
}

} // namespace

class TestAuthAbuse : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void forgedTokensAreRefused_data();
    void forgedTokensAreRefused();
    void malformedAuthorizationIsRefused_data();
    void malformedAuthorizationIsRefused();
    void oversizedHeadersGet431();
    void unknownUserAndWrongPasswordLookTheSame();
    void guessingIsDelayedThenRefused();
    void noSecretInLogsOrApiOutput();

private:
    HttpReply pull(const QByteArray& authorizationValue) {
        return m_http->get(QStringLiteral("/v2/abuse/app/manifests/v1"),
                           authorization(authorizationValue) +
                               HttpClient::Headers{{"Accept", ocitest::kOciManifest}});
    }
    void verifyStillServing();
    QByteArray signWithOtherKey(const QByteArray& signingInput);

    FerrydProcess m_ferryd;
    std::unique_ptr<AdminApi> m_admin;
    std::unique_ptr<HttpClient> m_http;
    QTemporaryDir m_work;
    QStringList m_secrets; // every password and token seen, to look for later
    QString m_realToken;   // a pull token of "abuse-pull"
};

void TestAuthAbuse::initTestCase() {
    QVERIFY(m_work.isValid());
    m_ferryd.setAccessControl(true);
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    m_admin = std::make_unique<AdminApi>(m_ferryd);
    m_http = std::make_unique<HttpClient>(m_ferryd.baseUrl());
    m_secrets << m_ferryd.adminPassword();
    HttpClient adminHttp(m_ferryd.baseUrl());
    adminHttp.setBasicAuth(QStringLiteral("admin"), m_ferryd.adminPassword());
    QVERIFY(ocitest::pushImage(adminHttp, QStringLiteral("abuse/app"), QStringLiteral("v1"),
                               ocitest::makeImage(QStringLiteral("abuse"))));
    QVERIFY(m_admin->putScopeMap(QStringLiteral("abuse-pull"),
                                 {QStringLiteral("repositories/abuse/app/content/read")}));
    for (const QString& name :
         {QStringLiteral("abuse-pull"), QStringLiteral("victim"), QStringLiteral("known-user")}) {
        const auto passwords = m_admin->createToken(name, QStringLiteral("abuse-pull"));
        QVERIFY(passwords);
        m_secrets += *passwords;
    }
    const TokenAnswer answer =
        fetchToken(*m_http, basic(QStringLiteral("abuse-pull"), m_secrets[1]),
                   {QStringLiteral("repository:abuse/app:pull")});
    QVERIFY(answer.ok());
    m_realToken = answer.token;
    m_secrets << m_realToken;
    QCOMPARE(pull(bearer(m_realToken)).status, 200);
}

void TestAuthAbuse::verifyStillServing() {
    QCOMPARE(m_ferryd.process().state(), QProcess::Running);
    QCOMPARE(pull(bearer(m_realToken)).status, 200);
}

QByteArray TestAuthAbuse::signWithOtherKey(const QByteArray& signingInput) {
    const QString openssl = findTool(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return {};
    const QString key = m_work.filePath(QStringLiteral("other-key.pem"));
    const QString input = m_work.filePath(QStringLiteral("signing-input"));
    const QString signature = m_work.filePath(QStringLiteral("signature.der"));
    if (!QFile::exists(key) &&
        !runTool(openssl,
                 {QStringLiteral("ecparam"), QStringLiteral("-name"), QStringLiteral("prime256v1"),
                  QStringLiteral("-genkey"), QStringLiteral("-noout"), QStringLiteral("-out"), key})
             .ok())
        return {};
    QFile file(input);
    if (!file.open(QIODevice::WriteOnly) || file.write(signingInput) != signingInput.size())
        return {};
    file.close();
    if (!runTool(openssl, {QStringLiteral("dgst"), QStringLiteral("-sha256"),
                           QStringLiteral("-sign"), key, QStringLiteral("-out"), signature, input})
             .ok())
        return {};
    QFile der(signature);
    if (!der.open(QIODevice::ReadOnly))
        return {};
    return derToRaw(der.readAll());
}

void TestAuthAbuse::forgedTokensAreRefused_data() {
    QTest::addColumn<QString>("forgery");
    for (const char* row :
         {"payload altered", "payload made admin", "signature flipped", "signature truncated",
          "header says HS256", "alg none", "alg none without signature", "signed by another key",
          "another key claims admin", "two segments", "garbage segments",
          "expired and re-signed elsewhere"})
        QTest::newRow(row) << QString::fromLatin1(row);
}

void TestAuthAbuse::forgedTokensAreRefused() {
    QFETCH(QString, forgery);
    const QList<QByteArray> parts = m_realToken.toLatin1().split('.');
    QCOMPARE(parts.size(), 3);
    QJsonObject claims = QJsonDocument::fromJson(unb64url(parts[1])).object();
    QVERIFY(!claims.isEmpty());
    auto encode = [](const QJsonObject& object) {
        return b64url(QJsonDocument(object).toJson(QJsonDocument::Compact));
    };
    QJsonObject asAdmin = claims;
    asAdmin.insert(QStringLiteral("kind"), QStringLiteral("admin"));
    asAdmin.insert(QStringLiteral("sub"), QStringLiteral("admin"));
    QJsonObject wider = claims;
    wider.insert(
        QStringLiteral("access"),
        QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("repository")},
                               {QStringLiteral("name"), QStringLiteral("abuse/app")},
                               {QStringLiteral("actions"), QJsonArray{QStringLiteral("*")}}}});
    QByteArray forged;
    if (forgery == QLatin1String("payload altered")) {
        forged = parts[0] + '.' + encode(wider) + '.' + parts[2];
    } else if (forgery == QLatin1String("payload made admin")) {
        forged = parts[0] + '.' + encode(asAdmin) + '.' + parts[2];
    } else if (forgery == QLatin1String("signature flipped")) {
        QByteArray signature = unb64url(parts[2]);
        signature[10] = char(signature[10] ^ 0x01);
        forged = parts[0] + '.' + parts[1] + '.' + b64url(signature);
    } else if (forgery == QLatin1String("signature truncated")) {
        forged = parts[0] + '.' + parts[1] + '.' + parts[2].left(parts[2].size() / 2);
    } else if (forgery == QLatin1String("header says HS256")) {
        forged = b64url(R"({"alg":"HS256","typ":"JWT"})") + '.' + parts[1] + '.' + parts[2];
    } else if (forgery == QLatin1String("alg none")) {
        forged = b64url(R"({"alg":"none","typ":"JWT"})") + '.' + encode(asAdmin) + '.';
    } else if (forgery == QLatin1String("alg none without signature")) {
        forged = b64url(R"({"alg":"none"})") + '.' + encode(asAdmin);
    } else if (forgery == QLatin1String("two segments")) {
        forged = parts[0] + '.' + parts[1];
    } else if (forgery == QLatin1String("garbage segments")) {
        forged = "!!!." + parts[1] + ".@@@";
    } else {
        QJsonObject payload = forgery == QLatin1String("signed by another key") ? claims : asAdmin;
        if (forgery.startsWith(QLatin1String("expired")))
            payload.insert(QStringLiteral("exp"), qint64(1));
        const QByteArray input = parts[0] + '.' + encode(payload);
        const QByteArray signature = signWithOtherKey(input);
        if (signature.isEmpty())
            QSKIP("the openssl CLI could not sign");
        forged = input + '.' + b64url(signature);
    }
    QVERIFY(forged != m_realToken.toLatin1());
    const HttpReply reply = pull("Bearer " + forged);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("UNAUTHORIZED"));
    QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer realm="));
    const HttpReply management =
        m_http->get(QStringLiteral("/api/v1/tokens"), authorization("Bearer " + forged));
    QCOMPARE(management.status, 401);
    QVERIFY(!management.body.contains("abuse-pull"));
    QCOMPARE(fetchToken(*m_http, "Bearer " + forged, {QStringLiteral("repository:abuse/app:pull")})
                 .reply.status,
             401);
    verifyStillServing();
}

void TestAuthAbuse::malformedAuthorizationIsRefused_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>(
        "status"); // 401 from the authenticator; 400 when HTTP itself forbids the bytes
    QTest::newRow("Basic !!!") << QByteArray("Basic !!!") << 401;
    QTest::newRow("Basic without colon")
        << QByteArray("Basic " + QByteArray("admin-no-colon").toBase64()) << 401;
    QTest::newRow("Basic empty user")
        << QByteArray("Basic " + QByteArray(":secret").toBase64()) << 401;
    QTest::newRow("Basic alone") << QByteArray("Basic") << 401;
    QTest::newRow("Bearer empty") << QByteArray("Bearer ") << 401;
    QTest::newRow("Bearer alone") << QByteArray("Bearer") << 401;
    QTest::newRow("unknown scheme") << QByteArray("Digest username=\"admin\"") << 401;
    QTest::newRow("10 KiB bearer") << QByteArray("Bearer " + QByteArray(10 * 1024, 'A')) << 401;
    QTest::newRow("10 KiB basic")
        << QByteArray("Basic " + (QByteArray("admin:") + QByteArray(10 * 1024, 'x')).toBase64())
        << 401;
    QTest::newRow("control bytes") << QByteArray("Bearer \x01\x02\x03") << 400;
}

void TestAuthAbuse::malformedAuthorizationIsRefused() {
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    // Raw, so the header goes out exactly as written.
    const auto exchange = [&](const QByteArray& target) {
        return ocitest::rawExchange(
            m_ferryd.baseUrl(),
            ocitest::rawRequest("GET", target, {}, {{"Authorization", header}}));
    };
    const ocitest::RawReply registry = exchange("/v2/abuse/app/manifests/v1");
    QCOMPARE(registry.status, status);
    const ocitest::RawReply base = exchange("/v2/");
    QCOMPARE(base.status, status);
    const ocitest::RawReply token = exchange("/oauth2/token?scope=repository:abuse/app:pull");
    QCOMPARE(token.status, status);
    QVERIFY(!token.body.contains("\"token\""));
    const ocitest::RawReply management = exchange("/api/v1/settings");
    QCOMPARE(management.status, status);
    if (status == 401) {
        QCOMPARE(registry.errorCode(), QStringLiteral("UNAUTHORIZED"));
        QVERIFY(registry.header("WWW-Authenticate").startsWith("Bearer realm="));
        QCOMPARE(management.header("WWW-Authenticate"), QByteArray("Basic realm=\"ferry\""));
    }
    verifyStillServing();
}

void TestAuthAbuse::oversizedHeadersGet431() {
    const QByteArray big(70 * 1024, 'h');
    for (const QByteArray& name : {QByteArray("X-Padding"), QByteArray("Authorization")}) {
        const QByteArray value = name == "Authorization" ? "Bearer " + big : big;
        const ocitest::RawReply reply = ocitest::rawExchange(
            m_ferryd.baseUrl(),
            ocitest::rawRequest("GET", "/v2/abuse/app/manifests/v1", {}, {{name, value}}), 15000);
        QCOMPARE(reply.status, 431);
        verifyStillServing();
    }
    // Many headers that add up past the limit.
    QList<QPair<QByteArray, QByteArray>> many;
    for (int i = 0; i < 200; ++i)
        many.append({"X-Many-" + QByteArray::number(i), QByteArray(400, 'm')});
    QCOMPARE(ocitest::rawExchange(m_ferryd.baseUrl(), ocitest::rawRequest("GET", "/v2/", {}, many),
                                  15000)
                 .status,
             431);
    verifyStillServing();
}

void TestAuthAbuse::unknownUserAndWrongPasswordLookTheSame() {
    const QString wrong = QStringLiteral("definitely-not-it-0123456789abcdefghijklmno");
    const HttpReply unknown = pull(basic(QStringLiteral("nobody-here"), wrong));
    const HttpReply known = pull(basic(QStringLiteral("known-user"), wrong));
    const HttpReply admin = pull(basic(QStringLiteral("admin"), wrong));
    for (const HttpReply* reply : {&unknown, &known, &admin}) {
        QCOMPARE(reply->status, 401);
        QCOMPARE(reply->body, unknown.body);
        QCOMPARE(reply->header("WWW-Authenticate"), unknown.header("WWW-Authenticate"));
    }
    const auto post = [&](const QString& user) {
        return postToken(*m_http, {{QStringLiteral("grant_type"), QStringLiteral("password")},
                                   {QStringLiteral("username"), user},
                                   {QStringLiteral("password"), wrong}})
            .reply;
    };
    const HttpReply unknownPost = post(QStringLiteral("nobody-here"));
    const HttpReply knownPost = post(QStringLiteral("known-user"));
    QCOMPARE(unknownPost.status, 401);
    QCOMPARE(knownPost.status, 401);
    QCOMPARE(knownPost.body, unknownPost.body);
    const HttpReply unknownApi =
        m_http->get(QStringLiteral("/api/v1/settings"),
                    authorization(basic(QStringLiteral("nobody-two"), wrong)));
    const HttpReply knownApi = m_http->get(QStringLiteral("/api/v1/settings"),
                                           authorization(basic(QStringLiteral("admin"), wrong)));
    QCOMPARE(unknownApi.status, 401);
    QCOMPARE(knownApi.body, unknownApi.body);
}

void TestAuthAbuse::guessingIsDelayedThenRefused() {
    const QString wrong = QStringLiteral("guess-0123456789abcdefghijklmnopqrstuvwxyz");
    const QByteArray guess = basic(QStringLiteral("victim"), wrong);
    // Sequential guesses: free at first, then 250 ms doubling.
    QList<qint64> took;
    for (int i = 0; i < 6; ++i) {
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(pull(guess).status, 401);
        took << timer.elapsed();
    }
    // The first three carry no delay (only scrypt's time, which a loaded machine stretches).
    const qint64 freeMax = qMax(took[0], qMax(took[1], took[2]));
    QVERIFY2(freeMax + 500 < took[5],
             qPrintable(QStringLiteral("%1 then %2").arg(freeMax).arg(took[5])));
    QVERIFY2(took[3] >= 250 && took[4] >= 500 && took[5] >= 1000,
             qPrintable(QStringLiteral("%1 %2 %3").arg(took[3]).arg(took[4]).arg(took[5])));
    QVERIFY(took[5] > took[4] && took[4] > took[3]);

    // A burst up to the hard limit (30 failures), in parallel so it takes seconds, not minutes.
    const QByteArray request =
        ocitest::rawRequest("GET", "/v2/abuse/app/manifests/v1", {}, {{"Authorization", guess}});
    QList<QThread*> threads;
    QList<int> statuses(26, 0);
    for (int i = 0; i < statuses.size(); ++i) {
        threads << QThread::create([&, i] {
            statuses[i] = ocitest::rawExchange(m_ferryd.baseUrl(), request, 30000).status;
        });
        threads.last()->start();
    }
    for (QThread* thread : threads) {
        thread->wait();
        delete thread;
    }
    for (int status : statuses)
        QVERIFY2(status == 401 || status == 429, qPrintable(QString::number(status)));

    const HttpReply refused = pull(guess);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.errorCode(), QStringLiteral("TOOMANYREQUESTS"));
    const int retryAfter = refused.header("Retry-After").toInt();
    QVERIFY2(retryAfter > 0 && retryAfter <= 15 * 60 + 1,
             refused.header("Retry-After").constData());
    // Locked out even with the right password, on every door; other users are not.
    QCOMPARE(pull(basic(QStringLiteral("victim"), m_secrets[3])).status, 429);
    const TokenAnswer viaToken =
        postToken(*m_http, {{QStringLiteral("grant_type"), QStringLiteral("password")},
                            {QStringLiteral("username"), QStringLiteral("victim")},
                            {QStringLiteral("password"), m_secrets[3]}});
    QCOMPARE(viaToken.reply.status, 429);
    QVERIFY(!viaToken.reply.header("Retry-After").isEmpty());
    QCOMPARE(pull(basic(QStringLiteral("abuse-pull"), m_secrets[1])).status, 200);
    verifyStillServing();
}

void TestAuthAbuse::noSecretInLogsOrApiOutput() {
    const HttpReply tokens = m_admin->call("GET", QStringLiteral("/api/v1/tokens"));
    QCOMPARE(tokens.status, 200);
    const HttpReply one = m_admin->call("GET", QStringLiteral("/api/v1/tokens/abuse-pull"));
    QCOMPARE(one.status, 200);
    const HttpReply audit = m_admin->call("GET", QStringLiteral("/api/v1/audit?limit=1000"));
    QCOMPARE(audit.status, 200);
    QVERIFY(audit.body.contains("auth.failure"));
    const HttpReply settings = m_admin->call("GET", QStringLiteral("/api/v1/settings"));
    m_ferryd.stop(); // flush everything it logged
    const QByteArray log = m_ferryd.stderrLog();
    QVERIFY(!log.isEmpty());
    const QList<QByteArray> outputs{log, tokens.body, one.body, audit.body, settings.body};
    for (const QByteArray& output : outputs) {
        for (const QString& secret : m_secrets)
            QVERIFY(!output.contains(secret.toUtf8()));
        QVERIFY(!output.contains("$scrypt$"));
        QVERIFY(!output.contains("guess-0123456789"));
        QVERIFY(!output.contains("definitely-not-it"));
        QVERIFY(!output.contains("PRIVATE KEY"));
    }
}

QTEST_GUILESS_MAIN(TestAuthAbuse)
#include "tst_auth_abuse.moc"
