// Connection profiles and trust on first use in the window, offscreen,
// against the real ferryd serving its `init-tls` certificate and a real
// Secret Service: a profile made in the dialog keeps its password in the
// keychain; the unknown certificate brings up the question with the
// fingerprint ferryd printed; trusting it pins it in the profile and the
// window connects; a new certificate on the same URL is refused with a
// warning that offers no way to accept it; no secret reaches the settings.

#include "../credentials/secretchecks.h"
#include "certificatetrustdialog.h"
#include "connectioncontroller.h"
#include "connectionprofiles.h"
#include "connectionprofilesdialog.h"
#include "consolesession.h"
#include "ferrydprocess.h"
#include "mainwindow.h"
#include "messagebar.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTest>

using namespace ferry::ui;
using ferry::ConnectionProfiles;

namespace {
constexpr int kDeadlineMs = 20000;
QTemporaryDir g_home;
const QString kProfile = QStringLiteral("Plant 1");

QString fingerprintText(const QByteArray& sha256) {
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}
} // namespace

class TestConnectionProfiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void profileDialogStoresThePasswordInTheKeychain();
    void unknownCertificateAsksAndTrustingPinsAndConnects();
    void changedCertificateIsRefusedWithAWarning();
    void noSecretInSettingsOrFiles();

private:
    FerrydProcess m_ferryd{{QStringLiteral("--tls")}};
    QByteArray m_first;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestConnectionProfiles::initTestCase() {
    m_ferryd.setAccessControl(true);
    QString error;
    m_first = m_ferryd.initTls(&error);
    QVERIFY2(!m_first.isEmpty(), qPrintable(error));
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));
    m_session = std::make_unique<ConsoleSession>();
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestConnectionProfiles::profileDialogStoresThePasswordInTheKeychain() {
    m_window->connections()->showProfiles();
    ConnectionProfilesDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ConnectionProfilesDialog*>()) != nullptr);
    auto field = [dialog](const char* name) {
        return dialog->findChild<QLineEdit*>(QLatin1String(name));
    };
    field("profileName")->setText(kProfile);
    field("profileUrl")->setText(m_ferryd.baseUrl().toString());
    field("profileUser")->setText(QStringLiteral("admin"));
    field("profilePassword")->setText(m_ferryd.adminPassword());
    const QPointer<ConnectionProfilesDialog> open = dialog;
    dialog->findChild<QPushButton*>(QStringLiteral("connectProfile"))->click();
    // It closes once the keychain has the password, and the window connects.
    QTRY_VERIFY_WITH_TIMEOUT(open.isNull() || !open->isVisible(), kDeadlineMs);

    // The password went to the keychain under the server and user...
    const ferry::CredentialKey key{ferry::normalizeServer(m_ferryd.baseUrl().toString()),
                                   QStringLiteral("admin")};
    const JobOutcome stored = awaitJob(m_session->credentials()->read(key));
    QCOMPARE(stored.error, ferry::CredentialJob::Error::None);
    QCOMPARE(stored.secret, m_ferryd.adminPassword());
    // ...and the profile, with no password, to the settings; it is the last one used.
    const ConnectionProfiles profiles;
    QCOMPARE(profiles.find(kProfile).url, m_ferryd.baseUrl());
    QCOMPARE(profiles.lastUsed(), kProfile);
    QVERIFY(profiles.find(kProfile).pinnedSha256.isEmpty());
}

void TestConnectionProfiles::unknownCertificateAsksAndTrustingPinsAndConnects() {
    ConnectionController* controller = m_window->connections();
    QTRY_VERIFY_WITH_TIMEOUT(controller->openTrustDialog() != nullptr, kDeadlineMs);
    CertificateTrustDialog* dialog = controller->openTrustDialog();
    QCOMPARE(dialog->objectName(), QStringLiteral("trustCertificateDialog"));
    QCOMPARE(dialog->certificate().sha256, m_first);
    const QString shown =
        dialog->findChild<QLabel*>(QStringLiteral("certificateFingerprint"))->text();
    QCOMPARE(QString(shown).replace(u'\n', u':'), fingerprintText(m_first));
    QVERIFY(!dialog->findChild<QLabel*>(QStringLiteral("certificateSubject"))->text().isEmpty());
    QVERIFY(m_window->connectionState() != MainWindow::ConnectionState::Connected);
    // Enter does not trust: the default is to refuse.
    QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("dontTrustButton"))->isDefault());

    dialog->trustButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionState(), MainWindow::ConnectionState::Connected,
                              kDeadlineMs);
    QCOMPARE(ConnectionProfiles().find(kProfile).pinnedSha256, m_first);
    QCOMPARE(m_session->tlsTrust()->pinned(), m_first);
    QVERIFY(m_session->hierarchy()->registryCount() >= 1);
}

void TestConnectionProfiles::changedCertificateIsRefusedWithAWarning() {
    // Closes the event stream first: ferryd lets open requests finish before it exits.
    m_session->disconnectFromServer();
    // The window says so at once: a request of another view may meet the new
    // certificate before the reconnection below starts.
    QCOMPARE(m_window->connectionState(), MainWindow::ConnectionState::Disconnected);
    m_ferryd.stop();
    QString error;
    const QByteArray second = m_ferryd.initTls(&error);
    QVERIFY2(!second.isEmpty(), qPrintable(error));
    QVERIFY2(m_ferryd.start(), qPrintable(m_ferryd.errorString()));

    // A fresh start with the remembered profile, as the console does at launch.
    QVERIFY(m_window->connections()->connectLastProfile());
    ConnectionController* controller = m_window->connections();
    QTRY_VERIFY_WITH_TIMEOUT(controller->openTrustDialog() != nullptr, kDeadlineMs);
    CertificateTrustDialog* dialog = controller->openTrustDialog();
    QCOMPARE(dialog->objectName(), QStringLiteral("certificateChangedDialog"));
    QCOMPARE(dialog->certificate().sha256, second);
    QVERIFY(dialog->trustButton() == nullptr);
    QCOMPARE(QString(dialog->findChild<QLabel*>(QStringLiteral("pinnedFingerprint"))->text())
                 .replace(u'\n', u':'),
             fingerprintText(m_first));
    QVERIFY2(m_window->messageBar()->text().contains(fingerprintText(second)),
             qPrintable(m_window->messageBar()->text()));
    QVERIFY(m_window->connectionState() != MainWindow::ConnectionState::Connected);
    // The pin stays what the operator accepted.
    QCOMPARE(ConnectionProfiles().find(kProfile).pinnedSha256, m_first);
    dialog->reject();
    QTest::qWait(1500); // retries would bring the dialog back; none may come
    QVERIFY(controller->openTrustDialog() == nullptr);
    QVERIFY(m_window->connectionState() != MainWindow::ConnectionState::Connected);
}

void TestConnectionProfiles::noSecretInSettingsOrFiles() {
    m_window->close();
    QVERIFY(!filesContaining(g_home.path(), kProfile.toUtf8()).isEmpty());
    QCOMPARE(filesContaining(g_home.path(), m_ferryd.adminPassword().toUtf8()), QStringList());
}

int main(int argc, char* argv[]) {
    useHomeFolders(g_home);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setApplicationName(QStringLiteral("tst_connectionprofiles"));
    TestConnectionProfiles test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_connectionprofiles.moc"
