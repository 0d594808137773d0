// ferryctl speaks the system's language, Japanese included, and the choice
// can be overridden: --lang beats FERRY_LANG, which beats the locale.
// Runs the real ferryctl; its messages come from the embedded ferry_ja.qm.

#include <QProcess>
#include <QTest>

namespace {

struct Output {
    int exitCode = -1;
    QString out;
    QString err;
};

Output ferryctl(const QStringList& args, const QMap<QString, QString>& environment) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name :
         {QStringLiteral("LANGUAGE"), QStringLiteral("LC_ALL"), QStringLiteral("LC_MESSAGES"),
          QStringLiteral("LANG"), QStringLiteral("FERRY_LANG")})
        env.remove(name);
    for (auto it = environment.begin(); it != environment.end(); ++it)
        env.insert(it.key(), it.value());
    // A settings folder of its own: no saved "language" from the user's.
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QStringLiteral("/nonexistent-ferry-test-config"));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(FERRYCTL_PATH), args);
    Output output;
    if (!process.waitForFinished(30000))
        return output;
    output.exitCode = process.exitCode();
    output.out = QString::fromUtf8(process.readAllStandardOutput());
    output.err = QString::fromUtf8(process.readAllStandardError());
    return output;
}

const QString kJapaneseHeading = QStringLiteral("コマンド:");
const QString kEnglishHeading = QStringLiteral("Commands:");

} // namespace

class TestFerryctlLanguage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void followsTheSystemLocale();
    void englishLocaleStaysEnglish();
    void ferryLangBeatsTheLocale();
    void langOptionBeatsFerryLang();
    void errorsAreTranslatedToo();
};

void TestFerryctlLanguage::followsTheSystemLocale() {
    const Output help = ferryctl({QStringLiteral("--help")},
                                 {{QStringLiteral("LANG"), QStringLiteral("ja_JP.UTF-8")}});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains(kJapaneseHeading), qPrintable(help.out));
    QVERIFY(help.out.contains(QStringLiteral("接続済みレジストリ")));
    QVERIFY(!help.out.contains(kEnglishHeading));
}

void TestFerryctlLanguage::englishLocaleStaysEnglish() {
    const Output help =
        ferryctl({QStringLiteral("--help")}, {{QStringLiteral("LANG"), QStringLiteral("C.UTF-8")}});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains(kEnglishHeading), qPrintable(help.out));
    QVERIFY(!help.out.contains(kJapaneseHeading));
}

void TestFerryctlLanguage::ferryLangBeatsTheLocale() {
    const Output english = ferryctl({QStringLiteral("--help")},
                                    {{QStringLiteral("LANG"), QStringLiteral("ja_JP.UTF-8")},
                                     {QStringLiteral("FERRY_LANG"), QStringLiteral("en")}});
    QVERIFY2(english.out.contains(kEnglishHeading), qPrintable(english.out));
    const Output japanese = ferryctl({QStringLiteral("--help")},
                                     {{QStringLiteral("LANG"), QStringLiteral("C.UTF-8")},
                                      {QStringLiteral("FERRY_LANG"), QStringLiteral("ja")}});
    QVERIFY2(japanese.out.contains(kJapaneseHeading), qPrintable(japanese.out));
}

void TestFerryctlLanguage::langOptionBeatsFerryLang() {
    const Output english =
        ferryctl({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--help"),
                  QStringLiteral("--lang"), QStringLiteral("en")},
                 {{QStringLiteral("FERRY_LANG"), QStringLiteral("ja")}});
    QVERIFY2(english.out.contains(QStringLiteral("List tokens.")), qPrintable(english.out));
    const Output japanese = ferryctl({QStringLiteral("token"), QStringLiteral("list"),
                                      QStringLiteral("--help"), QStringLiteral("--lang=ja")},
                                     {{QStringLiteral("FERRY_LANG"), QStringLiteral("en")}});
    QVERIFY2(japanese.out.contains(QStringLiteral("トークンを一覧表示します。")),
             qPrintable(japanese.out));
}

void TestFerryctlLanguage::errorsAreTranslatedToo() {
    const Output wrong = ferryctl({QStringLiteral("no-such-command")},
                                  {{QStringLiteral("FERRY_LANG"), QStringLiteral("ja")}});
    QVERIFY(wrong.exitCode != 0);
    QVERIFY2(wrong.err.contains(QStringLiteral("エラー: 不明なコマンド 'no-such-command' です")),
             qPrintable(wrong.err));
    QVERIFY(wrong.err.contains(QStringLiteral("ヒント:")));
}

QTEST_GUILESS_MAIN(TestFerryctlLanguage)
#include "tst_ferryctl_language.moc"
