#include "languagemenu.h"

#include <QActionGroup>
#include <QLocale>
#include <QSettings>

namespace ferry::ui {
namespace {

const QString kSettingKey = QStringLiteral("language");

QString savedChoice() {
    const QString saved = QSettings().value(kSettingKey).toString();
    return saved.isEmpty() ? QStringLiteral("system") : saved;
}

} // namespace

LanguageMenu::LanguageMenu(QWidget* parent)
    : QMenu(tr("&Language"), parent)
    , m_group(new QActionGroup(this)) {
    setObjectName(QStringLiteral("languageMenu"));
    // Each language is named in itself, so a reader of neither finds theirs.
    const QList<QPair<QString, QString>> languages{
        {QStringLiteral("system"), tr("&System language")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("ja"), QLocale(QLocale::Japanese).nativeLanguageName()},
    };
    const QString saved = savedChoice();
    for (const auto& [code, name] : languages) {
        QAction* action = addAction(name);
        action->setObjectName(QStringLiteral("language_%1").arg(code));
        action->setData(code);
        action->setCheckable(true);
        action->setChecked(code == saved);
        m_group->addAction(action);
    }
    connect(m_group, &QActionGroup::triggered, this,
            [this](QAction* action) { choose(action->data().toString()); });
}

QString LanguageMenu::choice() const {
    return savedChoice();
}

void LanguageMenu::choose(const QString& language) {
    if (language == savedChoice())
        return;
    QSettings().setValue(kSettingKey, language);
    QString notice = tr("The console will use the new language the next time it starts.");
    // FERRY_LANG outranks the setting (ferry::chooseLanguage).
    if (const QString forced = qEnvironmentVariable("FERRY_LANG");
        !forced.isEmpty() && forced != u"system")
        notice += QLatin1Char(' ') +
                  tr("While FERRY_LANG is set (now \"%1\"), it decides instead.").arg(forced);
    Q_EMIT languageChosen(language, notice);
}

} // namespace ferry::ui
