// Name validators against DOMAIN.md's limits and the OCI grammars.

#include "domain/names.h"

#include <QTest>

using namespace ferry;

class TestNames : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void connectedRegistryName_data();
    void connectedRegistryName();
    void tokenName_data();
    void tokenName();
    void scopeMapName_data();
    void scopeMapName();
    void userScopeMapNameRejectsSystemNames();
    void description();
    void repositoryName_data();
    void repositoryName();
    void tag_data();
    void tag();
    void digest_data();
    void digest();
    void errorMessageNamesTheRule();
};

void TestNames::connectedRegistryName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("five") << "edge1" << true;
    QTest::newRow("forty") << QString(40, u'a') << true;
    QTest::newRow("mixed case") << "MyEdge01" << true;
    QTest::newRow("four") << "edge" << false;
    QTest::newRow("forty-one") << QString(41, u'a') << false;
    QTest::newRow("starts with digit") << "1edge" << false;
    QTest::newRow("hyphen") << "my-edge" << false;
    QTest::newRow("underscore") << "my_edge" << false;
    QTest::newRow("non-ascii letter") << QStringLiteral("edgé1") << false;
    QTest::newRow("empty") << "" << false;
}

void TestNames::connectedRegistryName() {
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const auto status = names::validateConnectedRegistryName(name);
    QCOMPARE(status.ok(), valid);
    if (!valid)
        QCOMPARE(status.error().code, QStringLiteral("NAME_INVALID"));
}

void TestNames::tokenName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << "token" << true;
    QTest::newRow("hyphens") << "my-client-01" << true;
    QTest::newRow("leading hyphen") << "-abcde" << true;
    QTest::newRow("fifty") << QString(50, u'x') << true;
    QTest::newRow("fifty-one") << QString(51, u'x') << false;
    QTest::newRow("four") << "tokn" << false;
    QTest::newRow("underscore") << "my_token" << false;
    QTest::newRow("dot") << "my.token" << false;
}

void TestNames::tokenName() {
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(names::validateTokenName(name).ok(), valid);
}

void TestNames::scopeMapName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("underscore and hyphen") << "my_scope-map" << true;
    QTest::newRow("system") << "_repositories_admin" << true;
    QTest::newRow("fifty") << QString(50, u'm') << true;
    QTest::newRow("fifty-one") << QString(51, u'm') << false;
    QTest::newRow("four") << "maps" << false;
    QTest::newRow("slash") << "team/map" << false;
    QTest::newRow("space") << "team map" << false;
}

void TestNames::scopeMapName() {
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(names::validateScopeMapName(name).ok(), valid);
}

void TestNames::userScopeMapNameRejectsSystemNames() {
    const auto status = names::validateUserScopeMapName(QStringLiteral("_Repositories_Pull"));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("RULE_VIOLATION"));
    QVERIFY(names::validateUserScopeMapName(QStringLiteral("_repositories_other")).ok());
}

void TestNames::description() {
    QVERIFY(names::validateScopeMapDescription(QString()).ok());
    QVERIFY(names::validateScopeMapDescription(QString(256, u'd')).ok());
    const auto status = names::validateScopeMapDescription(QString(257, u'd'));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("DESCRIPTION_INVALID"));
    QVERIFY(status.error().message.contains(QStringLiteral("256")));
}

void TestNames::repositoryName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << "hello-world" << true;
    QTest::newRow("nested") << "team/app/api" << true;
    QTest::newRow("dots") << "a.b.c" << true;
    QTest::newRow("single underscore") << "a_b" << true;
    QTest::newRow("double underscore") << "a__b" << true;
    QTest::newRow("many hyphens") << "a---b" << true;
    QTest::newRow("255") << QString(255, u'a') << true;
    QTest::newRow("256") << QString(256, u'a') << false;
    QTest::newRow("triple underscore") << "a___b" << false;
    QTest::newRow("upper case") << "Hello" << false;
    QTest::newRow("leading separator") << "-abc" << false;
    QTest::newRow("trailing separator") << "abc." << false;
    QTest::newRow("double dot") << "a..b" << false;
    QTest::newRow("empty component") << "team//app" << false;
    QTest::newRow("trailing slash") << "team/" << false;
    QTest::newRow("leading slash") << "/team" << false;
    QTest::newRow("mixed separators") << "a._b" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("colon") << "app:1.0" << false;
}

void TestNames::repositoryName() {
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const auto status = names::validateRepositoryName(name);
    QCOMPARE(status.ok(), valid);
    if (!valid)
        QCOMPARE(status.error().code, QStringLiteral("REPOSITORY_INVALID"));
}

void TestNames::tag_data() {
    QTest::addColumn<QString>("tag");
    QTest::addColumn<bool>("valid");
    QTest::newRow("latest") << "latest" << true;
    QTest::newRow("semver") << "v1.2.3-rc.1" << true;
    QTest::newRow("leading underscore") << "_build" << true;
    QTest::newRow("upper case") << "Release" << true;
    QTest::newRow("128") << QString(128, u't') << true;
    QTest::newRow("129") << QString(129, u't') << false;
    QTest::newRow("leading dot") << ".hidden" << false;
    QTest::newRow("leading hyphen") << "-x" << false;
    QTest::newRow("plus") << "1.0+build" << false;
    QTest::newRow("empty") << "" << false;
}

void TestNames::tag() {
    QFETCH(QString, tag);
    QFETCH(bool, valid);
    QCOMPARE(names::validateTag(tag).ok(), valid);
}

void TestNames::digest_data() {
    QTest::addColumn<QString>("digest");
    QTest::addColumn<bool>("valid");
    const QString hex64 = QString(64, u'a');
    QTest::newRow("sha256") << "sha256:" + hex64 << true;
    QTest::newRow("sha512") << "sha512:" + QString(128, u'0') << true;
    QTest::newRow("other algorithm")
        << "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8" << true;
    QTest::newRow("sha256 short") << "sha256:abc" << false;
    QTest::newRow("sha256 upper hex") << "sha256:" + QString(64, u'A') << false;
    QTest::newRow("no algorithm") << hex64 << false;
    QTest::newRow("empty encoded") << "sha256:" << false;
}

void TestNames::digest() {
    QFETCH(QString, digest);
    QFETCH(bool, valid);
    QCOMPARE(names::validateDigest(digest).ok(), valid);
}

void TestNames::errorMessageNamesTheRule() {
    const auto tooShort = names::validateTokenName(QStringLiteral("abc"));
    QVERIFY(tooShort.error().message.contains(QStringLiteral("5 to 50")));
    const auto badChar = names::validateConnectedRegistryName(QStringLiteral("edge_01"));
    QVERIFY(badChar.error().message.contains(QStringLiteral("'_'")));
    const auto digitFirst = names::validateConnectedRegistryName(QStringLiteral("9edge"));
    QVERIFY(digitFirst.error().message.contains(QStringLiteral("start with a letter")));
}

QTEST_GUILESS_MAIN(TestNames)
#include "tst_names.moc"
