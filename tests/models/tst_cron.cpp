// CronSchedule: the 5-field grammar, its errors, and nextAfter() including the
// day-of-month / day-of-week "either matches" rule.

#include "domain/cron.h"

#include <QTest>

using namespace ferry;

namespace {
QDateTime utc(const char* iso) {
    QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}
} // namespace

class TestCron : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void invalid_data();
    void invalid();
    void nextAfter_data();
    void nextAfter();
    void continuous();
    void matches();
    void neverFires();
    void leapDay();
    void normalisesWhitespace();
};

void TestCron::invalid_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("mentions"); // the field and the value the message must name
    QTest::newRow("four fields") << "* * * *"
                                 << "5 fields";
    QTest::newRow("six fields") << "* * * * * *"
                                << "5 fields";
    QTest::newRow("empty") << ""
                           << "5 fields";
    QTest::newRow("minute 60") << "60 * * * *"
                               << "minute";
    QTest::newRow("hour 24") << "0 24 * * *"
                             << "'24'";
    QTest::newRow("dom 0") << "0 0 0 * *"
                           << "day-of-month";
    QTest::newRow("dom 32") << "0 0 32 * *"
                            << "day-of-month";
    QTest::newRow("month 13") << "0 0 1 13 *"
                              << "month";
    QTest::newRow("dow 8") << "0 0 * * 8"
                           << "day-of-week";
    QTest::newRow("bad month name") << "0 0 1 JANUARY *"
                                    << "JANUARY";
    QTest::newRow("day name in month") << "0 0 1 MON *"
                                       << "month";
    QTest::newRow("month name in dow") << "0 0 * * JAN"
                                       << "day-of-week";
    QTest::newRow("backwards range") << "0 0 * * 5-1"
                                     << "backwards";
    QTest::newRow("step zero") << "*/0 * * * *"
                               << "step";
    QTest::newRow("step too big") << "*/61 * * * *"
                                  << "step";
    QTest::newRow("step on single value") << "5/10 * * * *"
                                          << "5/10";
    QTest::newRow("empty list element") << "1,,2 * * * *"
                                        << "empty";
    QTest::newRow("negative") << "-1 * * * *"
                              << "minute";
    QTest::newRow("garbage") << "x * * * *"
                             << "'x'";
    QTest::newRow("question mark") << "0 0 ? * *"
                                   << "day-of-month";
    QTest::newRow("open range") << "0 0 * * 1-"
                                << "day-of-week";
}

void TestCron::invalid() {
    QFETCH(QString, expression);
    QFETCH(QString, mentions);
    const auto parsed = CronSchedule::parse(expression);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, QStringLiteral("CRON_INVALID"));
    QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
}

void TestCron::nextAfter_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QDateTime>("after");
    QTest::addColumn<QDateTime>("expected");
    // 2024-01-01 is a Monday.
    QTest::newRow("every minute") << "* * * * *" << utc("2024-01-01T10:15:30")
                                  << utc("2024-01-01T10:16:00");
    QTest::newRow("strictly after")
        << "15 10 * * *" << utc("2024-01-01T10:15:00") << utc("2024-01-02T10:15:00");
    QTest::newRow("hourly at :00")
        << "0 * * * *" << utc("2024-01-01T23:59:00") << utc("2024-01-02T00:00:00");
    QTest::newRow("step minutes") << "*/15 * * * *" << utc("2024-01-01T10:16:00")
                                  << utc("2024-01-01T10:30:00");
    QTest::newRow("range with step")
        << "10-50/20 * * * *" << utc("2024-01-01T10:31:00") << utc("2024-01-01T10:50:00");
    QTest::newRow("list") << "0 1,13,22 * * *" << utc("2024-01-01T13:00:00")
                          << utc("2024-01-01T22:00:00");
    QTest::newRow("range hours") << "30 9-17 * * *" << utc("2024-01-01T17:31:00")
                                 << utc("2024-01-02T09:30:00");
    QTest::newRow("year rollover")
        << "0 0 1 1 *" << utc("2024-06-01T00:00:00") << utc("2025-01-01T00:00:00");
    QTest::newRow("month name") << "0 0 1 mar *" << utc("2024-01-15T00:00:00")
                                << utc("2024-03-01T00:00:00");
    QTest::newRow("month name range")
        << "0 0 1 OCT-dec *" << utc("2024-01-15T00:00:00") << utc("2024-10-01T00:00:00");
    QTest::newRow("weekday name") << "0 21 * * sat" << utc("2024-01-01T00:00:00")
                                  << utc("2024-01-06T21:00:00");
    QTest::newRow("weekday range")
        << "0 8 * * MON-FRI" << utc("2024-01-05T09:00:00") << utc("2024-01-08T08:00:00");
    QTest::newRow("sunday as 0") << "0 0 * * 0" << utc("2024-01-01T00:00:00")
                                 << utc("2024-01-07T00:00:00");
    QTest::newRow("sunday as 7") << "0 0 * * 7" << utc("2024-01-01T00:00:00")
                                 << utc("2024-01-07T00:00:00");
    QTest::newRow("5-7 reaches sunday")
        << "0 0 * * 6-7" << utc("2024-01-06T00:00:00") << utc("2024-01-07T00:00:00");
    QTest::newRow("dom only") << "0 0 15 * *" << utc("2024-01-16T00:00:00")
                              << utc("2024-02-15T00:00:00");
    // Both day fields restricted: either one matching is enough. The 13th of
    // January 2024 is a Saturday; the first Friday after the 1st is the 5th.
    QTest::newRow("dom or dow") << "0 0 13 * 5" << utc("2024-01-01T00:00:00")
                                << utc("2024-01-05T00:00:00");
    QTest::newRow("dom or dow, dom first")
        << "0 0 13 * 5" << utc("2024-01-12T00:00:00") << utc("2024-01-13T00:00:00");
    // A day field starting with '*' is unrestricted, so the other one alone
    // decides (AND semantics), as in Vixie cron.
    QTest::newRow("star step dom with dow")
        << "0 0 */2 * 1" << utc("2024-01-01T00:00:00") << utc("2024-01-15T00:00:00");
    QTest::newRow("31st skips short months")
        << "0 0 31 * *" << utc("2024-01-31T00:00:00") << utc("2024-03-31T00:00:00");
    QTest::newRow("seconds truncated")
        << "30 10 * * *" << utc("2024-01-01T10:29:59") << utc("2024-01-01T10:30:00");
}

void TestCron::nextAfter() {
    QFETCH(QString, expression);
    QFETCH(QDateTime, after);
    QFETCH(QDateTime, expected);
    const auto parsed = CronSchedule::parse(expression);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    const auto next = parsed->nextAfter(after);
    QVERIFY(next.has_value());
    QCOMPARE(*next, expected);
    QCOMPARE(next->timeSpec(), Qt::UTC);
    QVERIFY(parsed->matches(*next));
}

void TestCron::continuous() {
    QVERIFY(CronSchedule().isContinuous());
    QVERIFY(CronSchedule::parse(u"*  *\t* * *")->isContinuous());
    QVERIFY(!CronSchedule::parse(u"*/1 * * * *")->isContinuous());
    QVERIFY(!CronSchedule::parse(u"0 * * * *")->isContinuous());
}

void TestCron::matches() {
    const auto s = CronSchedule::parse(u"0 9 * * MON").value();
    QVERIFY(s.matches(utc("2024-01-08T09:00:45")));
    QVERIFY(!s.matches(utc("2024-01-09T09:00:00")));
    QVERIFY(!s.matches(utc("2024-01-08T09:01:00")));
    // A non-UTC input is compared in UTC: 10:00+01:00 is 09:00Z.
    QVERIFY(
        s.matches(QDateTime::fromString(QStringLiteral("2024-01-08T10:00:00+01:00"), Qt::ISODate)));
}

void TestCron::neverFires() {
    const auto feb30 = CronSchedule::parse(u"0 0 30 2 *");
    QVERIFY(feb30.ok());
    QVERIFY(!feb30->nextAfter(utc("2024-01-01T00:00:00")).has_value());
}

void TestCron::leapDay() {
    const auto s = CronSchedule::parse(u"0 12 29 FEB *").value();
    QCOMPARE(*s.nextAfter(utc("2024-03-01T00:00:00")), utc("2028-02-29T12:00:00"));
    // 2100 is not a leap year: eight years between 2096 and 2104.
    QCOMPARE(*s.nextAfter(utc("2096-03-01T00:00:00")), utc("2104-02-29T12:00:00"));
}

void TestCron::normalisesWhitespace() {
    QCOMPARE(CronSchedule::parse(u"  0   3 * *  SUN ")->toString(), QStringLiteral("0 3 * * SUN"));
}

QTEST_GUILESS_MAIN(TestCron)
#include "tst_cron.moc"
