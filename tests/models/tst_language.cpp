// ferry::chooseLanguage's order: an explicit choice (--lang), FERRY_LANG,
// the "language" setting, then the system locale; "system" or empty in any
// of them passes the choice on. English needs no translator.

#include "translation.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestLanguage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { qunsetenv("FERRY_LANG"); }
    void cleanup() { qunsetenv("FERRY_LANG"); }
    void explicitChoiceComesFirst();
    void environmentBeatsTheSetting();
    void settingBeatsTheSystem();
    void systemMeansAskTheNext();
    void englishLoadsNothing();
    void languageArgumentTakesTheLastOne();

private:
    QSettings* settingsWith(const QString& language);
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
};

QSettings* TestLanguage::settingsWith(const QString& language) {
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                             QSettings::IniFormat);
    m_settings->setValue(QStringLiteral("language"), language);
    return m_settings.get();
}

void TestLanguage::explicitChoiceComesFirst() {
    qputenv("FERRY_LANG", "de");
    QCOMPARE(ferry::chooseLanguage(QStringLiteral("ja"), settingsWith(QStringLiteral("fr"))),
             QStringLiteral("ja"));
}

void TestLanguage::environmentBeatsTheSetting() {
    qputenv("FERRY_LANG", "ja");
    QCOMPARE(ferry::chooseLanguage({}, settingsWith(QStringLiteral("en"))), QStringLiteral("ja"));
}

void TestLanguage::settingBeatsTheSystem() {
    QCOMPARE(ferry::chooseLanguage({}, settingsWith(QStringLiteral("ja"))), QStringLiteral("ja"));
}

void TestLanguage::systemMeansAskTheNext() {
    qputenv("FERRY_LANG", "system");
    const QString fromSystem = QLocale::system().uiLanguages().value(0, QLocale::system().name());
    QCOMPARE(
        ferry::chooseLanguage(QStringLiteral("system"), settingsWith(QStringLiteral("system"))),
        fromSystem);
    QCOMPARE(ferry::chooseLanguage({}, nullptr), fromSystem);
}

void TestLanguage::englishLoadsNothing() {
    QVERIFY(!ferry::installTranslations(QCoreApplication::instance(), QStringLiteral("en")));
    QVERIFY(!ferry::installTranslations(QCoreApplication::instance(), QStringLiteral("C")));
    // This test program embeds no .qm: an unknown language stays English.
    QVERIFY(!ferry::installTranslations(QCoreApplication::instance(), QStringLiteral("ja")));
}

void TestLanguage::languageArgumentTakesTheLastOne() {
    const auto args = [](std::initializer_list<const char*> list) {
        QStringList result;
        for (const char* arg : list)
            result << QString::fromLatin1(arg);
        return result;
    };
    QCOMPARE(ferry::languageArgument(args({"ferry-console", "--lang", "ja"})),
             QStringLiteral("ja"));
    QCOMPARE(ferry::languageArgument(
                 args({"ferry-console", "--lang=ja", "--url", "http://x", "--lang", "en"})),
             QStringLiteral("en"));
    QCOMPARE(ferry::languageArgument(args({"ferry-console", "--url", "http://x"})), QString());
    QCOMPARE(ferry::languageArgument(args({"ferry-console", "--lang"})),
             QString()); // no value: the parser says so
}

QTEST_GUILESS_MAIN(TestLanguage)
#include "tst_language.moc"
