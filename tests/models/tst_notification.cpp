// NotificationPattern: parsing "artifact:action" (the digest's own ':' makes
// this non-trivial) and matching events with '*' anywhere.

#include "domain/notification.h"

#include <QTest>

using namespace ferry;

namespace {
const QString kDigest = QStringLiteral("sha256:") + QString(64, u'a');
const QString kOtherDigest = QStringLiteral("sha256:") + QString(64, u'b');
} // namespace

class TestNotification : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void invalid_data();
    void invalid();
    void matches_data();
    void matches();
    void anyMatches();
};

void TestNotification::parse_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("repository");
    QTest::addColumn<QString>("tag");    // "<none>" when left out
    QTest::addColumn<QString>("digest"); // "<none>" when left out
    QTest::addColumn<QString>("action");
    const QString none = QStringLiteral("<none>");
    QTest::newRow("all wildcard") << "hello-world:*:*"
                                  << "hello-world"
                                  << "*" << none << "*";
    QTest::newRow("repo wildcard with tag") << "team/*:1.0:push"
                                            << "team/*"
                                            << "1.0" << none << "push";
    QTest::newRow("digest") << "app@" + kDigest + ":delete"
                            << "app" << none << kDigest << "delete";
    QTest::newRow("tag and digest") << "app:v1@" + kDigest + ":push"
                                    << "app"
                                    << "v1" << kDigest << "push";
    QTest::newRow("repo only") << "hello-world:push"
                               << "hello-world" << none << none << "push";
    QTest::newRow("digest wildcard") << "app@sha256:*:*"
                                     << "app" << none << "sha256:*"
                                     << "*";
    QTest::newRow("everything") << "*:*"
                                << "*" << none << none << "*";
    QTest::newRow("action case") << "app:latest:PUSH"
                                 << "app"
                                 << "latest" << none << "push";
}

void TestNotification::parse() {
    QFETCH(QString, text);
    QFETCH(QString, repository);
    QFETCH(QString, tag);
    QFETCH(QString, digest);
    QFETCH(QString, action);
    const auto parsed = NotificationPattern::parse(text);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->repository(), repository);
    QCOMPARE(parsed->tag().value_or(QStringLiteral("<none>")), tag);
    QCOMPARE(parsed->digest().value_or(QStringLiteral("<none>")), digest);
    QCOMPARE(parsed->action() ? toString(*parsed->action()) : QStringLiteral("*"), action);
    // The canonical text parses back to the same pattern.
    const auto again = NotificationPattern::parse(parsed->toString());
    QVERIFY(again.ok());
    QVERIFY(again.value() == parsed.value());
}

void TestNotification::invalid_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no action") << "hello-world"
                               << "push, delete";
    QTest::newRow("bad action") << "hello-world:latest:pull"
                                << "'pull'";
    QTest::newRow("empty action") << "hello-world:"
                                  << "push, delete";
    QTest::newRow("empty repo") << ":push"
                                << "repository";
    QTest::newRow("upper-case repo") << "Hello:push"
                                     << "Hello";
    QTest::newRow("bad tag") << "app:.bad:push"
                             << ".bad";
    QTest::newRow("empty tag") << "app::push"
                               << "tag";
    QTest::newRow("short digest") << "app@sha256:abc:delete"
                                  << "64";
    QTest::newRow("empty digest") << "app@:delete"
                                  << "digest";
    QTest::newRow("bad char with wildcard") << "team/*!:push"
                                            << "repository";
    QTest::newRow("empty") << ""
                           << "artifact:action";
}

void TestNotification::invalid() {
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const auto parsed = NotificationPattern::parse(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, QStringLiteral("NOTIFICATION_INVALID"));
    QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
}

void TestNotification::matches_data() {
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("repository");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("digest");
    QTest::addColumn<bool>("push");
    QTest::addColumn<bool>("expected");
    QTest::newRow("any tag, any action") << "hello-world:*:*"
                                         << "hello-world"
                                         << "v2" << kDigest << false << true;
    QTest::newRow("other repo") << "hello-world:*:*"
                                << "hello-world2"
                                << "v2" << kDigest << true << false;
    QTest::newRow("star matches no tag") << "hello-world:*:*"
                                         << "hello-world"
                                         << "" << kDigest << true << true;
    QTest::newRow("team child") << "team/*:1.0:push"
                                << "team/api"
                                << "1.0" << kDigest << true << true;
    QTest::newRow("team grandchild") << "team/*:1.0:push"
                                     << "team/a/b"
                                     << "1.0" << kDigest << true << true;
    QTest::newRow("team itself") << "team/*:1.0:push"
                                 << "team"
                                 << "1.0" << kDigest << true << false;
    QTest::newRow("wrong tag") << "team/*:1.0:push"
                               << "team/api"
                               << "1.1" << kDigest << true << false;
    QTest::newRow("wrong action") << "team/*:1.0:push"
                                  << "team/api"
                                  << "1.0" << kDigest << false << false;
    QTest::newRow("tag prefix") << "app:v1.*:push"
                                << "app"
                                << "v1.4" << kDigest << true << true;
    QTest::newRow("tag prefix miss") << "app:v1.*:push"
                                     << "app"
                                     << "v2.0" << kDigest << true << false;
    QTest::newRow("exact tag needs a tag") << "app:latest:push"
                                           << "app"
                                           << "" << kDigest << true << false;
    QTest::newRow("digest delete") << "app@" + kDigest + ":delete"
                                   << "app"
                                   << "" << kDigest << false << true;
    QTest::newRow("other digest") << "app@" + kDigest + ":delete"
                                  << "app"
                                  << "" << kOtherDigest << false << false;
    QTest::newRow("repo only any tag") << "app:push"
                                       << "app"
                                       << "anything" << kOtherDigest << true << true;
    QTest::newRow("middle wildcard") << "team/*/api:*:*"
                                     << "team/x/api"
                                     << "t" << kDigest << true << true;
    QTest::newRow("middle wildcard miss") << "team/*/api:*:*"
                                          << "team/x/web"
                                          << "t" << kDigest << true << false;
}

void TestNotification::matches() {
    QFETCH(QString, pattern);
    QFETCH(QString, repository);
    QFETCH(QString, tag);
    QFETCH(QString, digest);
    QFETCH(bool, push);
    QFETCH(bool, expected);
    const auto parsed = NotificationPattern::parse(pattern);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    const auto action = push ? NotificationAction::Push : NotificationAction::Delete;
    QCOMPARE(parsed->matches(repository, tag, digest, action), expected);
}

void TestNotification::anyMatches() {
    const QList<NotificationPattern> patterns{NotificationPattern::parse(u"a:push").value(),
                                              NotificationPattern::parse(u"b:*:delete").value()};
    QVERIFY(anyNotificationMatches(patterns, u"a", u"x", kDigest, NotificationAction::Push));
    QVERIFY(anyNotificationMatches(patterns, u"b", u"x", kDigest, NotificationAction::Delete));
    QVERIFY(!anyNotificationMatches(patterns, u"b", u"x", kDigest, NotificationAction::Push));
    QVERIFY(!anyNotificationMatches({}, u"a", u"x", kDigest, NotificationAction::Push));
}

QTEST_GUILESS_MAIN(TestNotification)
#include "tst_notification.moc"
