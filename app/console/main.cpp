// ferry-console: connects the window to a ferryd, either one given with --url
// (credentials from FERRY_USERNAME and FERRY_PASSWORD, or the keychain) or
// the bundled one started on a loopback port, whose first-start admin
// password moves into the keychain and off the disk.

#include "connectioncontroller.h"
#include "consolesession.h"
#include "hierarchypanel.h"
#include "icons.h"
#include "localnodelauncher.h"
#include "localservice.h"
#include "localservicecontroller.h"
#include "mainwindow.h"
#include "translation.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QItemSelectionModel>
#include <QSettings>

using ferry::CredentialJob;
using ferry::ui::ConsoleSession;
using ferry::ui::MainWindow;

namespace {

// With the environment's password, or the keychain's for this server and user.
void connectWithStoredCredentials(ConsoleSession& session, MainWindow& window, const QUrl& url) {
    if (session.hasCredentials()) {
        window.connectTo(url);
        return;
    }
    session.setServer(url); // the server the key is scoped by
    CredentialJob* job = session.credentials()->read(session.adminKey());
    QObject::connect(job, &CredentialJob::finished, &window,
                     [&session, &window, url](CredentialJob* done) {
                         if (done->ok())
                             session.setCredentials(session.user(), done->secret());
                         window.connectTo(url);
                     });
}

// The bundled ferryd is ready: take its first-start admin password into the
// keychain, delete the file, and connect.
void adoptLocalService(ConsoleSession& session, MainWindow& window, LocalService& service,
                       const QUrl& url) {
    session.setServer(url);
    const QString initial = service.initialAdminPassword();
    if (session.hasCredentials() || initial.isEmpty()) {
        connectWithStoredCredentials(session, window, url);
        return;
    }
    session.setCredentials(QStringLiteral("admin"), initial);
    CredentialJob* job = session.credentials()->write(session.adminKey(), initial);
    QObject::connect(
        job, &CredentialJob::finished, &window, [&window, &service, url](CredentialJob* done) {
            if (done->ok() && service.removeInitialAdminPasswordFile())
                window.showInformation(
                    QObject::tr("The local registry's admin password is now in the "
                                "keychain; its file was deleted."));
            else if (!done->ok())
                window.showError(
                    QObject::tr("The admin password could not be stored (%1); it stays in "
                                "the data folder's initial-admin-password file.")
                        .arg(done->errorString()));
            window.connectTo(url);
        });
}

} // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ferry-console"));
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setApplicationVersion(QString::fromLatin1(ferry::version()));
    ferry::ui::installTranslations(); // English plural forms
    // The language before any translated text exists, the options' help
    // included: --lang, FERRY_LANG, View > Language's setting, the system.
    // Installed last, Japanese is asked before the English plurals.
    const QString language = ferry::languageArgument(app.arguments());
    const QSettings settings;
    ferry::installTranslations(&app, ferry::chooseLanguage(language, &settings));
    QApplication::setStyle(QStringLiteral("Fusion")); // follows the system's light or dark palette

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Desktop console for Ferry container registries.\n"
                "Credentials come from FERRY_USERNAME (default admin) and FERRY_PASSWORD, "
                "else from the OS keychain."));
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
    // Read above already; declared so that the parser accepts and lists it.
    const QCommandLineOption languageOption(
        QStringLiteral("lang"),
        QApplication::translate("main",
                                "Language of the console: ja, en or system (default: the saved "
                                "choice, else the system's)."),
        QStringLiteral("LANG"));
    parser.addOptions({urlOption, dataOption, languageOption});
    parser.process(app);

    ConsoleSession session;
    // From the environment, never the command line, where any user could read it.
    const QString password = qEnvironmentVariable("FERRY_PASSWORD");
    if (!password.isEmpty())
        session.setCredentials(qEnvironmentVariable("FERRY_USERNAME", QStringLiteral("admin")),
                               password);
    MainWindow window(&session);
    LocalService service;
    // Asks before ferryd stops, on quit or on request.
    auto* serviceControl = new ferry::ui::LocalServiceController(&service, &window);
    window.addLocalServiceAction(serviceControl->stopAction());
    QObject::connect(serviceControl, &ferry::ui::LocalServiceController::aboutToStop, &window, [&] {
        if (session.url() == service.url())
            session
                .disconnectFromServer(); // ferryd lets an open event stream finish before it exits
    });
    // A selected connected registry can run here too, for a local test hierarchy.
    auto* nodes = new ferry::ui::LocalNodeLauncher(&session, &window);
    window.addLocalServiceAction(nodes->startAction());
    QObject::connect(
        window.hierarchyPanel()->selectionModel(), &QItemSelectionModel::currentChanged, nodes,
        [nodes](const QModelIndex& current) {
            nodes->setSelectedRegistry(current.data(ferry::HierarchyModel::NameRole).toString(),
                                       current.data(ferry::HierarchyModel::IsRootRole).toBool());
        });
    QObject::connect(nodes, &ferry::ui::LocalNodeLauncher::message, &window,
                     [&window](const QString& text, bool error) {
                         if (error)
                             window.showError(text);
                         else
                             window.showInformation(text);
                     });
    window.show();
    window.checkKeychain();

    auto startLocal = [&] {
        if (service.isRunning())
            return;
        if (parser.isSet(dataOption))
            service.setDataDir(parser.value(dataOption));
        window.showServiceStarting(service.dataDir());
        service.start();
    };
    QObject::connect(&service, &LocalService::ready, &window,
                     [&](const QUrl& url) { adoptLocalService(session, window, service, url); });
    QObject::connect(&service, &LocalService::errorOccurred, &window, &MainWindow::showError);
    QObject::connect(&window, &MainWindow::startLocalRegistryRequested, &window, startLocal);

    if (parser.isSet(urlOption))
        connectWithStoredCredentials(session, window, QUrl::fromUserInput(parser.value(urlOption)));
    else if (!window.connections()->connectLastProfile())
        startLocal();
    // LocalService's destructor terminates ferryd when the event loop ends.
    return app.exec();
}
