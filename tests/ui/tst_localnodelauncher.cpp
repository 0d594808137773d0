// Running a selected connected registry on this computer, against a real
// root ferryd and the real event stream: the launcher asks get-settings for a
// new sync password, keeps it in the keychain (a real Secret Service), starts
// a further bundled ferryd in connected mode with its own data folder, with
// the connection string in its environment and never on its command line,
// shows its log, and the node then reports Online through the event stream.
// Stopping it (or the console ending) stops that ferryd.

#include "../credentials/secretchecks.h"
#include "../models/consolehierarchy.h"
#include "consolesession.h"
#include "ferrydprocess.h"
#include "localnodelauncher.h"
#include "localservice.h"

#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace ferry::ui;
using ferry::HierarchyModel;

namespace {
constexpr int kDeadlineMs = 30000;
QTemporaryDir g_home;
const QString kNode = QStringLiteral("edgelocal");
} // namespace

class TestLocalNodeLauncher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rootCannotRunHere();
    void runsTheSelectedRegistryUntilItIsOnline();
    void stopEndsTheLocalFerryd();
    void noSecretOnDisk();

private:
    QString stateOf(const QString& name) const {
        return m_session->hierarchy()
            ->indexOf(name)
            .data(HierarchyModel::ConnectionStateRole)
            .toString();
    }

    ConsoleHierarchy m_hierarchy;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<QWidget> m_window;
    LocalNodeLauncher* m_launcher = nullptr;
    QString m_syncPassword;
};

void TestLocalNodeLauncher::initTestCase() {
    QVERIFY(m_hierarchy.start());
    QVERIFY(m_hierarchy.createRegistry(kNode, QStringLiteral("ReadWrite")));
    m_session = std::make_unique<ConsoleSession>();
    m_session->setCredentials(QStringLiteral("admin"), m_hierarchy.adminPassword());
    m_session->connectTo(m_hierarchy.root().baseUrl());
    QTRY_VERIFY_WITH_TIMEOUT(m_session->hierarchy()->indexOf(kNode).isValid(), kDeadlineMs);
    QCOMPARE(stateOf(kNode), QStringLiteral("Offline"));
    m_window = std::make_unique<QWidget>();
    m_launcher = new LocalNodeLauncher(m_session.get(), m_window.get());
    m_launcher->setProgram(ferrydPath());
    m_window->show();
}

void TestLocalNodeLauncher::rootCannotRunHere() {
    m_launcher->setSelectedRegistry(QStringLiteral("root"), true);
    QVERIFY(!m_launcher->startAction()->isEnabled());
    m_launcher->setSelectedRegistry(kNode, false);
    QVERIFY(m_launcher->startAction()->isEnabled());
}

void TestLocalNodeLauncher::runsTheSelectedRegistryUntilItIsOnline() {
    QSignalSpy started(m_launcher, &LocalNodeLauncher::started);
    m_launcher->startAction()->trigger();
    QTRY_VERIFY(m_launcher->confirmation() != nullptr);
    QVERIFY(m_launcher->confirmation()->informativeText().contains(QStringLiteral("password1")));
    m_launcher->confirmation()->findChild<QPushButton*>(QStringLiteral("runButton"))->click();

    QSignalSpy messages(m_launcher, &LocalNodeLauncher::message);
    QVERIFY2(started.wait(kDeadlineMs),
             messages.isEmpty() ? "no message" : qPrintable(messages.first().first().toString()));
    const QUrl url = started.first().at(1).toUrl();
    QVERIFY(url.isValid() && url != m_hierarchy.root().baseUrl());
    LocalService* service = m_launcher->serviceFor(kNode);
    QVERIFY(service && service->isRunning());
    QCOMPARE(service->dataDir(), LocalNodeLauncher::dataDirFor(kNode));
    QVERIFY(service->dataDir().startsWith(g_home.path()));

    // Online, as the root's event stream tells the console.
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(kNode), QStringLiteral("Online"), kDeadlineMs);

    // The new password is in the keychain under the sync token's slot 1...
    const QString token = m_session->hierarchy()
                              ->indexOf(kNode)
                              .data(HierarchyModel::ResourceRole)
                              .toJsonObject()
                              .value(QStringLiteral("sync"))
                              .toObject()
                              .value(QStringLiteral("token"))
                              .toString();
    QVERIFY(!token.isEmpty());
    const JobOutcome stored =
        awaitJob(m_session->credentials()->read(m_session->tokenKey(token, 1)));
    QCOMPARE(stored.error, ferry::CredentialJob::Error::None);
    QCOMPARE(stored.secret.size(), 43);
    m_syncPassword = stored.secret;
    // ...and not on the local ferryd's command line.
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(service->processId()));
    QVERIFY(cmdline.open(QIODevice::ReadOnly));
    const QByteArray args = cmdline.readAll();
    QVERIFY(args.contains("--data"));
    QVERIFY(!args.contains(m_syncPassword.toUtf8()));
    QVERIFY(!args.contains("SyncTokenPassword"));

    // Its log is shown.
    QVERIFY(m_launcher->logWindow() && m_launcher->logWindow()->isVisible());
    auto* log = m_launcher->logWindow()->findChild<QPlainTextEdit*>(QStringLiteral("log-") + kNode);
    QVERIFY(log);
    QTRY_VERIFY(log->toPlainText().contains(QStringLiteral("ready: listening on")));
    QVERIFY(!log->toPlainText().contains(m_syncPassword));
    QVERIFY(!m_launcher->startAction()->isEnabled()); // it runs already
}

void TestLocalNodeLauncher::stopEndsTheLocalFerryd() {
    LocalService* service = m_launcher->serviceFor(kNode);
    QVERIFY(service);
    m_launcher->logWindow()->findChild<QPushButton*>(QStringLiteral("stopLocalRegistry"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!service->isRunning(), kDeadlineMs);
    QVERIFY(m_launcher->startAction()->isEnabled());
    // The root notices in its own time (a missed heartbeat); not waited for here.
}

void TestLocalNodeLauncher::noSecretOnDisk() {
    QVERIFY(!m_syncPassword.isEmpty());
    QCOMPARE(filesContaining(g_home.path(), m_syncPassword.toUtf8()), QStringList());
}

int main(int argc, char* argv[]) {
    useHomeFolders(g_home);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setApplicationName(QStringLiteral("tst_localnodelauncher"));
    TestLocalNodeLauncher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_localnodelauncher.moc"
