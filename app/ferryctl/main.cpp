// ferryctl: the command-line client for ferryd's management API. Everything
// lives in cli.cpp and the per-area command files; main only provides the
// application object that Qt Network and QtKeychain need, and the language.

#include "cli.h"
#include "translation.h"

#include <QCoreApplication>
#include <QSettings>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ferry"));
    QCoreApplication::setApplicationName(QStringLiteral("ferryctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    const QStringList arguments = app.arguments().mid(1);
    // --lang is read here, before anything is printed; the parser accepts it
    // as a global option and ignores it.
    const QSettings settings;
    ferry::installTranslations(
        &app, ferry::chooseLanguage(ferry::languageArgument(arguments), &settings));
    return ferryctl::run(arguments);
}
