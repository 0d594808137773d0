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
    parser.setApplicationDescription(QApplication::translate(
        "main", "Desktop console for Ferry container registries.\n"
                "Credentials come from FERRY_USERNAME (default admin) and FERRY_PASSWORD."));
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
    // From the environment, never the command line, where any user could read it.
    const QString password = qEnvironmentVariable("FERRY_PASSWORD");
    if (!password.isEmpty())
        client.setCredentials(qEnvironmentVariable("FERRY_USERNAME", QStringLiteral("admin")),
                              password);
    MainWindow window(&client);
    LocalService service;
    window.show();

    if (parser.isSet(urlOption)) {
        window.connectTo(QUrl::fromUserInput(parser.value(urlOption)));
    } else {
        if (parser.isSet(dataOption))
            service.setDataDir(parser.value(dataOption));
        QObject::connect(&service, &LocalService::ready, &window, [&](const QUrl& url) {
            // The bundled ferryd runs as this user, so its first-start admin
            // password in our own data folder is ours to use.
            const QString initial = service.initialAdminPassword();
            if (!client.hasCredentials() && !initial.isEmpty())
                client.setCredentials(QStringLiteral("admin"), initial);
            window.connectTo(url);
        });
        QObject::connect(&service, &LocalService::errorOccurred, &window, &MainWindow::showError);
        window.showServiceStarting(service.dataDir());
        service.start();
    }
    // LocalService's destructor terminates ferryd when the event loop ends.
    return app.exec();
}
