// ferry-console: connects the window to a ferryd, either one given with --url
// or the bundled one started on a loopback port.

#include "localservice.h"
#include "mainwindow.h"
#include "registryclient.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ferry-console"));
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setApplicationVersion(QString::fromLatin1(ferry::version()));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop console for Ferry container registries."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption urlOption(
        QStringLiteral("url"),
        QApplication::translate("main", "Connect to the ferryd at URL instead of starting one."),
        QStringLiteral("URL"));
    const QCommandLineOption dataOption(
        QStringLiteral("data"),
        QApplication::translate("main", "Data folder for the bundled ferryd (default: %1).")
            .arg(LocalService::defaultDataDir()),
        QStringLiteral("DIR"));
    parser.addOptions({urlOption, dataOption});
    parser.process(app);

    RegistryClient client;
    MainWindow window(&client);
    LocalService service;
    window.show();

    if (parser.isSet(urlOption)) {
        window.connectTo(QUrl::fromUserInput(parser.value(urlOption)));
    } else {
        if (parser.isSet(dataOption))
            service.setDataDir(parser.value(dataOption));
        QObject::connect(&service, &LocalService::ready, &window, &MainWindow::connectTo);
        QObject::connect(&service, &LocalService::errorOccurred, &window, &MainWindow::showError);
        window.showServiceStarting(service.dataDir());
        service.start();
    }
    // LocalService's destructor terminates ferryd when the event loop ends.
    return app.exec();
}
