#include "translation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace ferry {
namespace {

bool isChoice(const QString& value) {
    return !value.isEmpty() && value.compare(QLatin1String("system"), Qt::CaseInsensitive) != 0;
}

} // namespace

QString chooseLanguage(const QString& explicitChoice, const QSettings* settings) {
    if (isChoice(explicitChoice))
        return explicitChoice;
    if (const QString fromEnvironment = qEnvironmentVariable("FERRY_LANG");
        isChoice(fromEnvironment))
        return fromEnvironment;
    if (settings) {
        if (const QString setting = settings->value(QStringLiteral("language")).toString();
            isChoice(setting))
            return setting;
    }
    // QLocale::system() reads LC_ALL, LC_MESSAGES and LANG; the first of
    // uiLanguages() also honours LANGUAGE, as gettext programs do.
    const QStringList preferred = QLocale::system().uiLanguages();
    return preferred.isEmpty() ? QLocale::system().name() : preferred.first();
}

QString languageArgument(const QStringList& arguments) {
    QString language;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--lang") && i + 1 < arguments.size())
            language = arguments.at(i + 1);
        else if (arguments.at(i).startsWith(QLatin1String("--lang=")))
            language = arguments.at(i).mid(7);
    }
    return language;
}

bool installTranslations(QCoreApplication* app, const QString& language) {
    const QLocale locale(language);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return false;
    // Owned by the application, which outlives every string lookup.
    auto* ferryTranslator = new QTranslator(app);
    if (!ferryTranslator->load(locale, QStringLiteral("ferry"), QStringLiteral("_"),
                               QStringLiteral(":/i18n"))) {
        delete ferryTranslator;
        return false;
    }
    QCoreApplication::installTranslator(ferryTranslator);
    // Dates, numbers and data sizes (QLocale()) in the same language as the
    // words around them, whatever the system locale says.
    QLocale::setDefault(locale);
    // Qt's own strings (standard buttons, QCommandLineParser's help) when
    // qt6-translations-l10n is installed; without it they stay English.
    auto* qtTranslator = new QTranslator(app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;
    return true;
}

} // namespace ferry
