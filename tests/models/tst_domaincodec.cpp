// JSON codec and whole-object validation: round trips, field names from
// DOMAIN.md, and decoding errors that name the field.

#include "domain/jsoncodec.h"
#include "domain/validation.h"

#include <QJsonDocument>
#include <QTest>

using namespace ferry;

namespace {

QDateTime utc(const char* iso) {
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

ConnectedRegistry sampleRegistry() {
    ConnectedRegistry r;
    r.name = QStringLiteral("edge01");
    r.mode = ConnectedRegistryMode::ReadOnly;
    r.parent = QStringLiteral("factory1");
    r.clientTokens = {QStringLiteral("client-a"), QStringLiteral("client-b")};
    r.sync = {QStringLiteral("edge01-sync-token"), QStringLiteral("0 2 * * MON-FRI"),
              QStringLiteral("PT4H"), QStringLiteral("P7D")};
    r.logging = {LogLevel::Warning, AuditLog::Enabled};
    r.notifications = {QStringLiteral("hello-world:*:*"), QStringLiteral("team/*:1.0:push")};
    r.garbageCollection = {true, QStringLiteral("0 3 * * *")};
    r.activation = Activation::Active;
    r.connectionState = ConnectionState::Syncing;
    r.lastSyncTime = utc("2024-05-01T12:00:00Z");
    r.lastActivityTime = utc("2024-05-01T12:03:04.250Z");
    r.version = QStringLiteral("0.1.0");
    r.statusDetails = {{QStringLiteral("storage"), QStringLiteral("DISK_STORAGE_FULL"),
                        QStringLiteral("The data disk is full."), utc("2024-05-01T11:00:00Z"),
                        QStringLiteral("c0ffee")}};
    r.loginServer = {QStringLiteral("edge01.local:8443"), TlsStatus::Enabled};
    return r;
}

Token sampleToken() {
    Token t;
    t.name = QStringLiteral("client-a");
    t.scopeMap = QStringLiteral("_repositories_pull");
    t.status = TokenStatus::Disabled;
    t.credentials.password2 =
        PasswordSlot{utc("2024-01-01T00:00:00Z"), utc("2025-01-01T00:00:00Z")};
    t.creationTime = utc("2023-12-31T23:59:59Z");
    return t;
}

} // namespace

class TestDomainCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void registryRoundTrip();
    void registryFieldNames();
    void registryDefaults();
    void historicalModeNames();
    void decodeErrors_data();
    void decodeErrors();
    void tokenRoundTrip();
    void tokenNeverCarriesAPassword();
    void scopeMapRoundTrip();
    void listDecodingNamesTheIndex();
    void rfc3339_data();
    void rfc3339();
    void enumStrings();
    void validateRegistry_data();
    void validateRegistry();
    void childMode();
    void validateTokenAndScopeMap();
};

void TestDomainCodec::registryRoundTrip() {
    const ConnectedRegistry r = sampleRegistry();
    const QByteArray bytes = QJsonDocument(toJson(r)).toJson();
    const auto decoded = connectedRegistryFromJson(QJsonDocument::fromJson(bytes).object());
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : qPrintable(decoded.error().message));
    QVERIFY(decoded.value() == r);
    QVERIFY(validateConnectedRegistry(r).ok());
}

void TestDomainCodec::registryFieldNames() {
    const QJsonObject json = toJson(sampleRegistry());
    for (const char* key :
         {"name", "mode", "parent", "clientTokens", "sync", "logging", "notifications",
          "garbageCollection", "activation", "connectionState", "lastSyncTime", "lastActivityTime",
          "version", "statusDetails", "loginServer"})
        QVERIFY2(json.contains(QLatin1StringView(key)), key);
    QCOMPARE(json[u"mode"].toString(), QStringLiteral("ReadOnly"));
    QCOMPARE(json[u"sync"][u"window"].toString(), QStringLiteral("PT4H"));
    QCOMPARE(json[u"sync"][u"messageTtl"].toString(), QStringLiteral("P7D"));
    QCOMPARE(json[u"logging"][u"auditLog"].toString(), QStringLiteral("Enabled"));
    QCOMPARE(json[u"garbageCollection"][u"enabled"].toBool(), true);
    QCOMPARE(json[u"lastSyncTime"].toString(), QStringLiteral("2024-05-01T12:00:00Z"));
    QCOMPARE(json[u"lastActivityTime"].toString(), QStringLiteral("2024-05-01T12:03:04.250Z"));
    QCOMPARE(json[u"statusDetails"][0][u"code"].toString(), QStringLiteral("DISK_STORAGE_FULL"));
    QCOMPARE(json[u"statusDetails"][0][u"correlationId"].toString(), QStringLiteral("c0ffee"));
    QCOMPARE(json[u"loginServer"][u"host"].toString(), QStringLiteral("edge01.local:8443"));

    ConnectedRegistry root = sampleRegistry();
    root.parent.clear();
    root.lastSyncTime = {};
    const QJsonObject rootJson = toJson(root);
    QVERIFY(rootJson[u"parent"].isNull());
    QVERIFY(rootJson[u"lastSyncTime"].isNull());
}

void TestDomainCodec::registryDefaults() {
    const auto decoded =
        connectedRegistryFromJson(QJsonObject{{"name", "edge02"}, {"mode", "ReadWrite"}});
    QVERIFY(decoded.ok());
    const ConnectedRegistry& r = decoded.value();
    QVERIFY(r.isRootChild());
    QCOMPARE(r.sync.schedule, QStringLiteral("* * * * *"));
    QCOMPARE(r.sync.messageTtl, QStringLiteral("P2D"));
    QVERIFY(r.logging.level == LogLevel::Information);
    QVERIFY(r.activation == Activation::Inactive);
    QVERIFY(!r.lastSyncTime.isValid());
    QVERIFY(validateConnectedRegistry(r).ok());
}

void TestDomainCodec::historicalModeNames() {
    const auto mirror =
        connectedRegistryFromJson(QJsonObject{{"name", "edge02"}, {"mode", "Mirror"}});
    QVERIFY(mirror.ok());
    QVERIFY(mirror->mode == ConnectedRegistryMode::ReadOnly);
    // Parsing accepts the old name; encoding always writes the current one.
    QCOMPARE(toJson(mirror.value())[u"mode"].toString(), QStringLiteral("ReadOnly"));
    QVERIFY(enumFromString<ConnectedRegistryMode>(u"registry") == ConnectedRegistryMode::ReadWrite);
}

void TestDomainCodec::decodeErrors_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing name") << QByteArray(R"({"mode":"ReadOnly"})") << "name"
                                  << "required";
    QTest::newRow("missing mode") << QByteArray(R"({"name":"edge01"})") << "mode"
                                  << "required";
    QTest::newRow("unknown mode") << QByteArray(R"({"name":"edge01","mode":"Hybrid"})") << "mode"
                                  << "ReadWrite, ReadOnly";
    QTest::newRow("name not string") << QByteArray(R"({"name":5,"mode":"ReadOnly"})") << "name"
                                     << "string";
    QTest::newRow("sync not object")
        << QByteArray(R"({"name":"edge01","mode":"ReadOnly","sync":"x"})") << "sync"
        << "object";
    QTest::newRow("window not string")
        << QByteArray(R"({"name":"edge01","mode":"ReadOnly","sync":{"window":3600}})")
        << "sync.window"
        << "string";
    QTest::newRow("unknown log level")
        << QByteArray(R"({"name":"edge01","mode":"ReadOnly","logging":{"level":"Verbose"}})")
        << "logging.level"
        << "Verbose";
    QTest::newRow("gc enabled not bool")
        << QByteArray(
               R"({"name":"edge01","mode":"ReadOnly","garbageCollection":{"enabled":"yes"}})")
        << "garbageCollection.enabled"
        << "true or false";
    QTest::newRow("client tokens not strings")
        << QByteArray(R"({"name":"edge01","mode":"ReadOnly","clientTokens":["a",1]})")
        << "clientTokens"
        << "array of strings";
    QTest::newRow("time without offset")
        << QByteArray(R"({"name":"edge01","mode":"ReadOnly","lastSyncTime":"2024-05-01T12:00:00"})")
        << "lastSyncTime"
        << "RFC 3339";
    QTest::newRow("bad status detail")
        << QByteArray(
               R"({"name":"edge01","mode":"ReadOnly","statusDetails":[{"code":"X"},{"timestamp":"now"}]})")
        << "statusDetails[1].timestamp"
        << "RFC 3339";
    QTest::newRow("unknown connection state")
        << QByteArray(R"({"name":"edge01","mode":"ReadOnly","connectionState":"Asleep"})")
        << "connectionState"
        << "Online, Offline, Syncing, Unhealthy";
}

void TestDomainCodec::decodeErrors() {
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, mentions);
    const auto decoded = connectedRegistryFromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, QStringLiteral("JSON_INVALID"));
    QCOMPARE(decoded.error().field, field);
    QVERIFY2(decoded.error().message.contains(mentions), qPrintable(decoded.error().message));
}

void TestDomainCodec::tokenRoundTrip() {
    const Token t = sampleToken();
    const QJsonObject json = toJson(t);
    QCOMPARE(json[u"status"].toString(), QStringLiteral("disabled"));
    QVERIFY(json[u"credentials"][u"password1"].isNull());
    QCOMPARE(json[u"credentials"][u"password2"][u"expiry"].toString(),
             QStringLiteral("2025-01-01T00:00:00Z"));
    const auto decoded = tokenFromJson(json);
    QVERIFY(decoded.ok());
    QVERIFY(decoded.value() == t);
    QVERIFY(!decoded->credentials.password1.has_value());

    const auto missingMap = tokenFromJson(QJsonObject{{"name", "client-a"}});
    QVERIFY(!missingMap.ok());
    QCOMPARE(missingMap.error().field, QStringLiteral("scopeMap"));
    const auto badStatus =
        tokenFromJson(QJsonObject{{"name", "client-a"}, {"scopeMap", "m1234"}, {"status", "on"}});
    QCOMPARE(badStatus.error().field, QStringLiteral("status"));
}

void TestDomainCodec::tokenNeverCarriesAPassword() {
    QJsonObject json = toJson(sampleToken());
    QJsonObject credentials = json[u"credentials"].toObject();
    QJsonObject slot = credentials[u"password2"].toObject();
    slot[u"value"] = QStringLiteral("s3cret");
    credentials[u"password2"] = slot;
    json[u"credentials"] = credentials;
    const auto decoded = tokenFromJson(json);
    QVERIFY(decoded.ok());
    const QByteArray reencoded = QJsonDocument(toJson(decoded.value())).toJson();
    QVERIFY(!reencoded.contains("s3cret"));
    QVERIFY(!reencoded.contains("value"));
}

void TestDomainCodec::scopeMapRoundTrip() {
    ScopeMap m{QStringLiteral("team-pull"),
               QStringLiteral("Pull team images"),
               {QStringLiteral("repositories/team/*/content/read"),
                QStringLiteral("repositories/team/*/metadata/read")},
               ScopeMapType::UserDefined,
               utc("2024-02-02T02:02:02Z")};
    const QJsonObject json = toJson(m);
    QCOMPARE(json[u"type"].toString(), QStringLiteral("UserDefined"));
    QCOMPARE(json[u"actions"].toArray().size(), 2);
    const auto decoded = scopeMapFromJson(json);
    QVERIFY(decoded.ok());
    QVERIFY(decoded.value() == m);
    const auto badType = scopeMapFromJson(QJsonObject{{"name", "abcde"}, {"type", "Custom"}});
    QCOMPARE(badType.error().field, QStringLiteral("type"));
}

void TestDomainCodec::listDecodingNamesTheIndex() {
    const QJsonArray array{toJson(sampleToken()), QJsonObject{{"name", "x"}}};
    const auto decoded = listFromJson<Token>(array, &tokenFromJson);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().field, QStringLiteral("[1].scopeMap"));
    const auto good = listFromJson<Token>(QJsonArray{toJson(sampleToken())}, &tokenFromJson);
    QVERIFY(good.ok());
    QCOMPARE(good->size(), 1);
    QVERIFY(toJsonArray(good.value()) == QJsonArray{toJson(sampleToken())});
}

void TestDomainCodec::rfc3339_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("utc"); // empty: rejected
    QTest::newRow("Z") << "2024-05-01T12:00:00Z"
                       << "2024-05-01T12:00:00Z";
    QTest::newRow("lower-case z") << "2024-05-01t12:00:00z"
                                  << "2024-05-01T12:00:00Z";
    QTest::newRow("offset") << "2024-05-01T14:00:00+02:00"
                            << "2024-05-01T12:00:00Z";
    QTest::newRow("millis") << "2024-05-01T12:00:00.5Z"
                            << "2024-05-01T12:00:00.500Z";
    QTest::newRow("no offset") << "2024-05-01T12:00:00"
                               << "";
    QTest::newRow("no seconds") << "2024-05-01T12:00Z"
                                << "";
    QTest::newRow("date only") << "2024-05-01"
                               << "";
    QTest::newRow("invalid date") << "2024-02-30T12:00:00Z"
                                  << "";
    QTest::newRow("garbage") << "yesterday"
                             << "";
}

void TestDomainCodec::rfc3339() {
    QFETCH(QString, text);
    QFETCH(QString, utc);
    const auto parsed = parseRfc3339(text);
    QCOMPARE(parsed.ok(), !utc.isEmpty());
    if (parsed.ok()) {
        QCOMPARE(parsed->timeSpec(), Qt::UTC);
        QCOMPARE(formatRfc3339(parsed.value()), utc);
    }
}

void TestDomainCodec::enumStrings() {
    QCOMPARE(toString(ConnectionState::Unhealthy), QStringLiteral("Unhealthy"));
    QCOMPARE(toString(LogLevel::None), QStringLiteral("None"));
    QVERIFY(enumFromString<LogLevel>(u"information") == LogLevel::Information);
    QVERIFY(!enumFromString<LogLevel>(u"Info").has_value());
    QCOMPARE(enumSpellings<ConnectedRegistryMode>(), QStringList({"ReadWrite", "ReadOnly"}));
    QVERIFY(enumFromString<TokenStatus>(u"Enabled") == TokenStatus::Enabled);
}

void TestDomainCodec::validateRegistry_data() {
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("field"); // empty: valid
    QTest::addColumn<QString>("code");
    QTest::newRow("sample") << ""
                            << ""
                            << "";
    QTest::newRow("bad name") << "name"
                              << "name"
                              << "NAME_INVALID";
    QTest::newRow("own parent") << "ownParent"
                                << "parent"
                                << "RULE_VIOLATION";
    QTest::newRow("bad client token") << "clientToken"
                                      << "clientTokens[1]"
                                      << "NAME_INVALID";
    QTest::newRow("bad schedule") << "schedule"
                                  << "sync.schedule"
                                  << "CRON_INVALID";
    QTest::newRow("missing window") << "noWindow"
                                    << "sync.window"
                                    << "RULE_VIOLATION";
    QTest::newRow("continuous ignores window") << "continuous"
                                               << ""
                                               << "";
    QTest::newRow("window too long") << "longWindow"
                                     << "sync.window"
                                     << "DURATION_OUT_OF_RANGE";
    QTest::newRow("ttl too long") << "longTtl"
                                  << "sync.messageTtl"
                                  << "DURATION_OUT_OF_RANGE";
    QTest::newRow("bad notification") << "notification"
                                      << "notifications[0]"
                                      << "NOTIFICATION_INVALID";
    QTest::newRow("bad gc schedule") << "gc"
                                     << "garbageCollection.schedule"
                                     << "CRON_INVALID";
}

void TestDomainCodec::validateRegistry() {
    QFETCH(QString, change);
    QFETCH(QString, field);
    QFETCH(QString, code);
    ConnectedRegistry r = sampleRegistry();
    if (change == u"name")
        r.name = QStringLiteral("1edge");
    else if (change == u"ownParent")
        r.parent = QStringLiteral("EDGE01");
    else if (change == u"clientToken")
        r.clientTokens[1] = QStringLiteral("bad_token");
    else if (change == u"schedule")
        r.sync.schedule = QStringLiteral("0 25 * * *");
    else if (change == u"noWindow")
        r.sync.window.clear();
    else if (change == u"continuous") {
        r.sync.schedule = QStringLiteral("* * * * *");
        r.sync.window = QStringLiteral("nonsense");
    } else if (change == u"longWindow")
        r.sync.window = QStringLiteral("P8D");
    else if (change == u"longTtl")
        r.sync.messageTtl = QStringLiteral("P91D");
    else if (change == u"notification")
        r.notifications[0] = QStringLiteral("hello-world");
    else if (change == u"gc")
        r.garbageCollection.schedule = QStringLiteral("daily");
    const auto status = validateConnectedRegistry(r);
    QCOMPARE(status.ok(), field.isEmpty());
    if (!status.ok()) {
        QCOMPARE(status.error().field, field);
        QCOMPARE(status.error().code, code);
    }
}

void TestDomainCodec::childMode() {
    using M = ConnectedRegistryMode;
    QVERIFY(validateChildMode(M::ReadWrite, M::ReadWrite).ok());
    QVERIFY(validateChildMode(M::ReadWrite, M::ReadOnly).ok());
    QVERIFY(validateChildMode(M::ReadOnly, M::ReadOnly).ok());
    const auto status = validateChildMode(M::ReadOnly, M::ReadWrite);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("RULE_VIOLATION"));
}

void TestDomainCodec::validateTokenAndScopeMap() {
    QVERIFY(validateToken(sampleToken()).ok());
    Token expiredEarly = sampleToken();
    expiredEarly.credentials.password2->expiry = utc("2023-01-01T00:00:00Z");
    QCOMPARE(validateToken(expiredEarly).error().field, QStringLiteral("credentials.password2"));

    ScopeMap system{QStringLiteral("_repositories_pull"), {}, {}, ScopeMapType::SystemDefined, {}};
    QVERIFY(validateScopeMap(system).ok());
    ScopeMap impostor = system;
    impostor.type = ScopeMapType::UserDefined;
    QCOMPARE(validateScopeMap(impostor).error().code, QStringLiteral("RULE_VIOLATION"));
    ScopeMap badAction{QStringLiteral("mymap"),
                       {},
                       {QStringLiteral("repositories/a/content/pull")},
                       ScopeMapType::UserDefined,
                       {}};
    QCOMPARE(validateScopeMap(badAction).error().field, QStringLiteral("actions"));
    const PasswordSlot expiring{utc("2024-01-01T00:00:00Z"), utc("2024-02-01T00:00:00Z")};
    QVERIFY(expiring.isExpiredAt(utc("2024-02-01T00:00:00Z")));
    QVERIFY(!expiring.isExpiredAt(utc("2024-01-31T23:59:59Z")));
    const PasswordSlot forever{utc("2024-01-01T00:00:00Z"), {}};
    QVERIFY(!forever.isExpiredAt(utc("2099-01-01T00:00:00Z")));
}

QTEST_GUILESS_MAIN(TestDomainCodec)
#include "tst_domaincodec.moc"
