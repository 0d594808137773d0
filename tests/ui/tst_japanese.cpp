// The console in Japanese: with ferry_ja.qm installed (as ferry-console does
// for FERRY_LANG=ja), every text a person reads in the main window (menus,
// actions and their tips, labels, buttons, tabs, column headers, placeholders,
// accessible names, the status bar) and in the New registry and one-time
// password dialogs is Japanese. Allowed in English: API values Azure's
// Japanese documentation keeps (ReadWrite, password1, audit action prefixes
// such as token.), language autonyms, and text without letters. A string that skips tr(), or a
// translation that is missing from the .qm, fails here by name.

#include "consolesession.h"
#include "createregistrydialog.h"
#include "editregistrydialog.h"
#include "mainwindow.h"
#include "onetimesecretdialog.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

using namespace ferry::ui;

namespace {

// Kana, CJK ideographs, full-width forms.
bool hasJapanese(const QString& text) {
    static const QRegularExpression japanese(
        QStringLiteral("[\\x{3040}-\\x{30ff}\\x{4e00}-\\x{9fff}\\x{ff00}-\\x{ffef}]"));
    return text.contains(japanese);
}

// What may stay as it is: values of the API and names of languages.
bool allowedAsIs(const QString& text) {
    static const QStringList allowed{
        QStringLiteral("English"),   QStringLiteral("ReadWrite"), QStringLiteral("ReadOnly"),
        QStringLiteral("password1"), QStringLiteral("password2"), QStringLiteral("app, team/*"),
    };
    QString plain = text;
    plain.remove(QRegularExpression(QStringLiteral("<[^>]*>"))); // rich text markup
    static const QRegularExpression letters(QStringLiteral("[A-Za-z]"));
    // Audit log action prefixes such as "token." or "scopeMap." (the API's).
    static const QRegularExpression actionPrefix(QStringLiteral("^([a-z][A-Za-z]*\\.)+$"));
    return allowed.contains(plain) || !plain.contains(letters) ||
           actionPrefix.match(plain).hasMatch();
}

} // namespace

class TestJapanese : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mainWindowIsJapanese();
    void newRegistryDialogIsJapanese();
    void validationMessagesAreJapanese();
    void editRegistryDialogIsJapanese();
    void oneTimePasswordDialogIsJapanese();

private:
    // "where: text" for every text under root that is not Japanese.
    QStringList englishLeftIn(QWidget* root);
    QTranslator m_translator;
    QTranslator m_qtTranslator;
};

void TestJapanese::initTestCase() {
    QVERIFY2(m_translator.load(QStringLiteral(FERRY_JA_QM)), FERRY_JA_QM);
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
    // Qt's own words (Cancel, Close), as ferry::installTranslations loads them.
    QVERIFY2(m_qtTranslator.load(QLocale(QLocale::Japanese), QStringLiteral("qtbase"),
                                 QStringLiteral("_"),
                                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)),
             "no qtbase_ja.qm: install qt6-translations-l10n");
    QVERIFY(QCoreApplication::installTranslator(&m_qtTranslator));
    QLocale::setDefault(QLocale(QLocale::Japanese));
}

QStringList TestJapanese::englishLeftIn(QWidget* root) {
    QStringList left;
    auto check = [&left](const QObject* owner, const char* what, const QString& text) {
        if (text.isEmpty() || hasJapanese(text) || allowedAsIs(text))
            return;
        left << QStringLiteral("%1 %2 %3: %4")
                    .arg(QString::fromLatin1(owner->metaObject()->className()), owner->objectName(),
                         QString::fromLatin1(what), text);
    };
    auto isQtInternal = [](const QObject* object) {
        return object->objectName().startsWith(QLatin1String("qt_")) ||
               object->objectName().startsWith(QLatin1String("_q_"));
    };
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* widget : widgets) {
        if (isQtInternal(widget))
            continue;
        check(widget, "accessible name", widget->accessibleName());
        check(widget, "tooltip", widget->toolTip());
        check(widget, "window title", widget->isWindow() ? widget->windowTitle() : QString());
        if (auto* label = qobject_cast<QLabel*>(widget))
            check(label, "text", label->text());
        if (auto* button = qobject_cast<QAbstractButton*>(widget))
            check(button, "text", button->text());
        if (auto* edit = qobject_cast<QLineEdit*>(widget))
            check(edit, "placeholder", edit->placeholderText());
        if (auto* menu = qobject_cast<QMenu*>(widget))
            check(menu, "title", menu->title());
        if (auto* tabs = qobject_cast<QTabWidget*>(widget))
            for (int i = 0; i < tabs->count(); ++i)
                check(tabs, "tab", tabs->tabText(i));
        if (auto* combo = qobject_cast<QComboBox*>(widget))
            for (int i = 0; i < combo->count(); ++i)
                check(combo, "item", combo->itemText(i));
        if (auto* view = qobject_cast<QAbstractItemView*>(widget); view && view->model())
            for (int c = 0; c < view->model()->columnCount(); ++c)
                check(view, "column", view->model()->headerData(c, Qt::Horizontal).toString());
        for (QAction* action : widget->actions()) {
            if (isQtInternal(action) || action->isSeparator())
                continue;
            check(action, "action", action->text());
            check(action, "action tip", action->toolTip());
            check(action, "status tip", action->statusTip());
        }
    }
    left.removeDuplicates();
    return left;
}

void TestJapanese::mainWindowIsJapanese() {
    ConsoleSession session;
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Ferry コンソール"));
    // The system service item has had its answer (here: not installed).
    auto* service = window.findChild<QToolButton*>(QStringLiteral("systemServiceStatus"));
    QVERIFY(service);
    QTRY_VERIFY_WITH_TIMEOUT(service->text() != QStringLiteral("システム サービス: 確認中…"),
                             15000);
    const QStringList left = englishLeftIn(&window);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(u'\n')));
    // The check can fail: an untranslated string in the window is caught.
    auto* probe = new QLabel(QStringLiteral("Not translated"), &window);
    QCOMPARE(englishLeftIn(&window).size(), 1);
    delete probe;
}

void TestJapanese::newRegistryDialogIsJapanese() {
    ConsoleSession session;
    CreateRegistryDialog dialog(&session, QStringLiteral("root"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QStringList left = englishLeftIn(&dialog);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(u'\n')));
}

// The rules the dialog checks as the operator types are the service's own
// (models/domain); their messages are translated in the console, though
// ferryd answers its API in English.
void TestJapanese::validationMessagesAreJapanese() {
    ConsoleSession session;
    CreateRegistryDialog dialog(&session, QStringLiteral("root"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* name = dialog.findChild<QLineEdit*>(QStringLiteral("registryName"));
    auto* repositories = dialog.findChild<QLineEdit*>(QStringLiteral("registryRepositories"));
    auto* problem = dialog.findChild<QLabel*>(QStringLiteral("registryProblem"));
    QVERIFY(name && repositories && problem);
    const QString tooShort = QStringLiteral("edge");
    name->setText(tooShort);
    QCOMPARE(problem->text(),
             QStringLiteral(
                 "接続済みレジストリ名 'edge' は 5～40 文字でなければなりません (現在 4 文字)。"));
    name->setText(QStringLiteral("9edge"));
    QCOMPARE(problem->text(),
             QStringLiteral("接続済みレジストリ名 '9edge' は英字で始まる必要があります。"));
    name->setText(QStringLiteral("edge1"));
    repositories->setText(QStringLiteral("Team/App"));
    QVERIFY2(hasJapanese(problem->text()) &&
                 problem->text().startsWith(QStringLiteral("リポジトリ名 'Team/App' は無効です")),
             qPrintable(problem->text()));
}

void TestJapanese::editRegistryDialogIsJapanese() {
    ConsoleSession session;
    EditRegistryDialog dialog(&session, QStringLiteral("edge1"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.windowTitle(), QStringLiteral("edge1 の編集"));
    // The log levels in words, sent as the API spells them.
    auto* level = dialog.findChild<QComboBox*>(QStringLiteral("editLogLevel"));
    QCOMPARE(level->itemText(level->findData(QStringLiteral("Information"))),
             QStringLiteral("情報"));
    const QStringList left = englishLeftIn(&dialog);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(u'\n')));
}

void TestJapanese::oneTimePasswordDialogIsJapanese() {
    OneTimeSecretDialog dialog(QStringLiteral("トークン \"site-pull\" (password1)"),
                               QStringLiteral("site-pull"), QStringLiteral("not-a-real-password"),
                               QString());
    dialog.setStorageNote(
        QCoreApplication::translate("ferry::ui::PasswordRotation", "Stored in the keychain."),
        true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QStringList left = englishLeftIn(&dialog);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(u'\n')));
}

QTEST_MAIN(TestJapanese)
#include "tst_japanese.moc"
