// The console's language choice: View > Language saves the "language"
// setting and says the choice applies at the next start (and that FERRY_LANG
// wins while it is set); the real ferry-console binary then speaks what
// --lang, FERRY_LANG, that setting and the system locale ask for, in that
// order. Its --help shows it: translated text built before any window.

#include "languagemenu.h"

#include <QAction>
#include <QApplication>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using ferry::ui::LanguageMenu;

namespace {
QTemporaryDir g_home; // XDG_CONFIG_HOME of this process and of the consoles it starts

const QString kEnglishHelp = QStringLiteral("Desktop console for Ferry container registries.");
const QString kJapaneseHelp =
    QStringLiteral("Ferry コンテナー レジストリのデスクトップ コンソールです。");

QString consoleSettingsFile() {
    return g_home.filePath(QStringLiteral("config/Ferry/ferry-console.conf"));
}
} // namespace

class TestLanguageChoice : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void menuSavesTheChoiceForTheNextStart();
    void menuSaysWhenFerryLangWins();
    void consoleFollowsArgumentEnvironmentSettingAndSystem_data();
    void consoleFollowsArgumentEnvironmentSettingAndSystem();

private:
    QAction* action(LanguageMenu& menu, const QString& language);
};

void TestLanguageChoice::init() {
    qunsetenv("FERRY_LANG");
    QSettings().remove(QStringLiteral("language"));
}

QAction* TestLanguageChoice::action(LanguageMenu& menu, const QString& language) {
    return menu.findChild<QAction*>(QStringLiteral("language_") + language);
}

void TestLanguageChoice::menuSavesTheChoiceForTheNextStart() {
    LanguageMenu menu;
    QCOMPARE(menu.choice(), QStringLiteral("system"));
    QVERIFY(action(menu, QStringLiteral("system"))->isChecked());
    QCOMPARE(action(menu, QStringLiteral("ja"))->text(),
             QStringLiteral("日本語")); // named in itself
    QSignalSpy chosen(&menu, &LanguageMenu::languageChosen);

    action(menu, QStringLiteral("ja"))->trigger();
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().at(0).toString(), QStringLiteral("ja"));
    QCOMPARE(chosen.first().at(1).toString(),
             QStringLiteral("The console will use the new language the next time it starts."));
    QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("ja"));
    QVERIFY(action(menu, QStringLiteral("ja"))->isChecked());
    QVERIFY(!action(menu, QStringLiteral("system"))->isChecked());

    // The same choice again is no news; a new menu shows the saved one.
    action(menu, QStringLiteral("ja"))->trigger();
    QCOMPARE(chosen.count(), 1);
    LanguageMenu next;
    QVERIFY(action(next, QStringLiteral("ja"))->isChecked());
    action(next, QStringLiteral("system"))->trigger();
    QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("system"));
}

void TestLanguageChoice::menuSaysWhenFerryLangWins() {
    qputenv("FERRY_LANG", "en");
    LanguageMenu menu;
    QSignalSpy chosen(&menu, &LanguageMenu::languageChosen);
    action(menu, QStringLiteral("ja"))->trigger();
    QCOMPARE(chosen.count(), 1);
    const QString notice = chosen.first().at(1).toString();
    QVERIFY2(
        notice.contains(QLatin1String("While FERRY_LANG is set (now \"en\"), it decides instead.")),
        qPrintable(notice));
}

void TestLanguageChoice::consoleFollowsArgumentEnvironmentSettingAndSystem_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("ferryLang");
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("lang"); // LANG
    QTest::addColumn<bool>("japanese");
    const QStringList none;
    const QStringList ja{QStringLiteral("--lang"), QStringLiteral("ja")};
    const QStringList en{QStringLiteral("--lang=en")};
    const QString c = QStringLiteral("C.UTF-8");
    const QString jaJP = QStringLiteral("ja_JP.UTF-8");
    QTest::newRow("nothing set: English") << none << QString() << QString() << c << false;
    QTest::newRow("--lang ja") << ja << QString() << QString() << c << true;
    QTest::newRow("--lang beats FERRY_LANG")
        << en << QStringLiteral("ja") << QString() << c << false;
    QTest::newRow("FERRY_LANG=ja") << none << QStringLiteral("ja") << QString() << c << true;
    QTest::newRow("FERRY_LANG beats the setting")
        << none << QStringLiteral("en") << QStringLiteral("ja") << c << false;
    QTest::newRow("the setting") << none << QString() << QStringLiteral("ja") << c << true;
    QTest::newRow("the setting beats the system")
        << none << QString() << QStringLiteral("en") << jaJP << false;
    QTest::newRow("the system locale") << none << QString() << QString() << jaJP << true;
    QTest::newRow("system setting asks the system")
        << none << QString() << QStringLiteral("system") << jaJP << true;
}

void TestLanguageChoice::consoleFollowsArgumentEnvironmentSettingAndSystem() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, ferryLang);
    QFETCH(QString, setting);
    QFETCH(QString, lang);
    QFETCH(bool, japanese);
    {
        QSettings console(consoleSettingsFile(), QSettings::NativeFormat);
        console.remove(QStringLiteral("language"));
        if (!setting.isEmpty())
            console.setValue(QStringLiteral("language"), setting);
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"FERRY_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"})
        env.remove(QString::fromLatin1(name));
    if (!ferryLang.isEmpty())
        env.insert(QStringLiteral("FERRY_LANG"), ferryLang);
    env.insert(QStringLiteral("LANG"), lang);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), g_home.filePath(QStringLiteral("config")));
    QProcess console;
    console.setProcessEnvironment(env);
    console.start(QStringLiteral(FERRY_CONSOLE_PATH), arguments << QStringLiteral("--help"));
    QVERIFY(console.waitForFinished(30000));
    QCOMPARE(console.exitCode(), 0);
    const QString help = QString::fromUtf8(console.readAllStandardOutput());
    QVERIFY2(help.contains(japanese ? kJapaneseHelp : kEnglishHelp), qPrintable(help));
    QVERIFY2(!help.contains(japanese ? kEnglishHelp : kJapaneseHelp), qPrintable(help));
}

int main(int argc, char* argv[]) {
    // Before anything reads it: QSettings caches its paths on first use.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(g_home.filePath(QStringLiteral("config"))));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setApplicationName(QStringLiteral("tst_languagechoice"));
    TestLanguageChoice test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_languagechoice.moc"
