// ferryctl: the command-line client for ferryd's management API. Everything
// lives in cli.cpp and the per-area command files; main only provides the
// application object that Qt Network and QtKeychain need.

#include "cli.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ferry"));
    QCoreApplication::setApplicationName(QStringLiteral("ferryctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    return ferryctl::run(app.arguments().mid(1));
}
