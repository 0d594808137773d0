// IsoDuration: the accepted ISO 8601 subset, canonical formatting, and the
// sync window / message TTL ranges of DOMAIN.md.

#include "domain/duration.h"

#include <QTest>

using namespace ferry;

class TestDuration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void yearsAndMonthsExplainThemselves();
    void syncWindow_data();
    void syncWindow();
    void messageTtl_data();
    void messageTtl();
    void ordering();
};

void TestDuration::valid_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("milliseconds");
    QTest::addColumn<QString>("canonical");
    constexpr qint64 s = 1000, m = 60 * s, h = 60 * m, d = 24 * h;
    QTest::newRow("P2D") << "P2D" << 2 * d << "P2D";
    QTest::newRow("PT1H") << "PT1H" << h << "PT1H";
    QTest::newRow("P1DT2H") << "P1DT2H" << d + 2 * h << "P1DT2H";
    QTest::newRow("PT0S") << "PT0S" << qint64(0) << "PT0S";
    QTest::newRow("P0D") << "P0D" << qint64(0) << "PT0S";
    QTest::newRow("P7D") << "P7D" << 7 * d << "P7D";
    QTest::newRow("P1W") << "P1W" << 7 * d << "P7D";
    QTest::newRow("P1W2D") << "P1W2D" << 9 * d << "P9D";
    QTest::newRow("PT90M") << "PT90M" << 90 * m << "PT1H30M";
    QTest::newRow("PT36H") << "PT36H" << 36 * h << "P1DT12H";
    QTest::newRow("PT0.5S") << "PT0.5S" << qint64(500) << "PT0.5S";
    QTest::newRow("comma fraction") << "PT1,25S" << qint64(1250) << "PT1.25S";
    QTest::newRow("full time") << "P1DT1H1M1.001S" << d + h + m + s + 1 << "P1DT1H1M1.001S";
    QTest::newRow("lower case") << "pt1h30m" << 90 * m << "PT1H30M";
    QTest::newRow("minutes vs months") << "PT1M" << m << "PT1M";
    QTest::newRow("surrounding space") << " P2D " << 2 * d << "P2D";
}

void TestDuration::valid() {
    QFETCH(QString, text);
    QFETCH(qint64, milliseconds);
    QFETCH(QString, canonical);
    const auto parsed = IsoDuration::parse(text);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->totalMilliseconds(), milliseconds);
    QCOMPARE(parsed->toString(), canonical);
    // The canonical form reads back to the same value.
    QCOMPARE(IsoDuration::parse(canonical)->totalMilliseconds(), milliseconds);
}

void TestDuration::invalid_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("P") << "P";
    QTest::newRow("PT") << "PT";
    QTest::newRow("P1DT") << "P1DT";
    QTest::newRow("H without T") << "P1H";
    QTest::newRow("S without T") << "P30S";
    QTest::newRow("negative") << "-P1D";
    QTest::newRow("negative component") << "P-1D";
    QTest::newRow("no P") << "1D";
    QTest::newRow("no designator") << "PT5";
    QTest::newRow("garbage") << "two days";
    QTest::newRow("out of order") << "PT1M1H";
    QTest::newRow("date out of order") << "P1D1W";
    QTest::newRow("repeated") << "P1D1D";
    QTest::newRow("double T") << "PT1HT1M";
    QTest::newRow("fraction on hours") << "PT1.5H";
    QTest::newRow("fraction too fine") << "PT0.0001S";
    QTest::newRow("empty fraction") << "PT1.S";
    QTest::newRow("years") << "P1Y";
    QTest::newRow("months") << "P1M";
    QTest::newRow("W after T") << "PT1W";
    QTest::newRow("huge") << "P99999999999999999999D";
    // Below the digit limit, but weeks or days times it overflowed qint64
    // (fuzz_grammars; the input is also in tests/fuzz/corpus/grammars).
    QTest::newRow("huge weeks") << "P3W11111111111116D";
    QTest::newRow("huge weeks alone") << "P3000000000000W";
    QTest::newRow("over 100 years in hours") << "PT900000H";
    QTest::newRow("trailing junk") << "P1Dx";
}

void TestDuration::invalid() {
    QFETCH(QString, text);
    const auto parsed = IsoDuration::parse(text);
    QVERIFY2(!parsed.ok(), qPrintable(text));
    QCOMPARE(parsed.error().code, QStringLiteral("DURATION_INVALID"));
    QVERIFY(!parsed.error().message.isEmpty());
}

void TestDuration::yearsAndMonthsExplainThemselves() {
    const auto months = IsoDuration::parse(u"P1M");
    QVERIFY(months.error().message.contains(QStringLiteral("months")));
    QVERIFY(months.error().message.contains(QStringLiteral("P30D")));
    const auto hours = IsoDuration::parse(u"P1H");
    QVERIFY(hours.error().message.contains(QStringLiteral("'T'")));
}

void TestDuration::syncWindow_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code"); // empty: accepted
    QTest::newRow("1 hour") << "PT1H"
                            << "";
    QTest::newRow("7 days") << "P7D"
                            << "";
    QTest::newRow("1 week") << "P1W"
                            << "";
    QTest::newRow("59 minutes") << "PT59M"
                                << "DURATION_OUT_OF_RANGE";
    QTest::newRow("just over 7 days") << "P7DT0.001S"
                                      << "DURATION_OUT_OF_RANGE";
    QTest::newRow("zero") << "PT0S"
                          << "DURATION_OUT_OF_RANGE";
    QTest::newRow("malformed") << "P1H"
                               << "DURATION_INVALID";
}

void TestDuration::syncWindow() {
    QFETCH(QString, text);
    QFETCH(QString, code);
    const auto parsed = parseSyncWindow(text);
    QCOMPARE(parsed.ok(), code.isEmpty());
    if (!parsed.ok()) {
        QCOMPARE(parsed.error().code, code);
        if (code == u"DURATION_OUT_OF_RANGE") {
            QVERIFY(parsed.error().message.contains(QStringLiteral("PT1H")));
            QVERIFY(parsed.error().message.contains(QStringLiteral("P7D")));
        }
    }
}

void TestDuration::messageTtl_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("default when empty") << "" << true << qint64(2 * 86400);
    QTest::newRow("1 day") << "P1D" << true << qint64(86400);
    QTest::newRow("24 hours") << "PT24H" << true << qint64(86400);
    QTest::newRow("90 days") << "P90D" << true << qint64(90 * 86400);
    QTest::newRow("23 hours") << "PT23H" << false << qint64(0);
    QTest::newRow("91 days") << "P91D" << false << qint64(0);
}

void TestDuration::messageTtl() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, seconds);
    const auto parsed = parseMessageTtl(text);
    QCOMPARE(parsed.ok(), valid);
    if (valid)
        QCOMPARE(parsed->totalSeconds(), seconds);
    QCOMPARE(defaultMessageTtl().toString(), QStringLiteral("P2D"));
}

void TestDuration::ordering() {
    QVERIFY(IsoDuration::parse(u"PT90M").value() > IsoDuration::parse(u"PT1H").value());
    QVERIFY(IsoDuration::parse(u"P1W").value() == IsoDuration::parse(u"P7D").value());
    QCOMPARE(IsoDuration::fromSeconds(3600).toString(), QStringLiteral("PT1H"));
    QCOMPARE(IsoDuration::fromMilliseconds(-5).totalMilliseconds(), qint64(0));
}

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
