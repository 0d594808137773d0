#include "connectioncontroller.h"

#include "certificatetrustdialog.h"
#include "connectionprofilesdialog.h"
#include "consolesession.h"
#include "icons.h"
#include "mainwindow.h"

#include <QAction>

namespace ferry::ui {

ConnectionController::ConnectionController(ConsoleSession* session, MainWindow* window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
    , m_profilesAction(
          new QAction(icon(QStringLiteral("server")), tr("Connection &profiles…"), this)) {
    m_profilesAction->setObjectName(QStringLiteral("profilesAction"));
    m_profilesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    const QString tip = tr("Manage saved servers and connect to one");
    m_profilesAction->setToolTip(tip);
    m_profilesAction->setStatusTip(tip);
    connect(m_profilesAction, &QAction::triggered, this, &ConnectionController::showProfiles);
    connect(session->tlsTrust(), &TlsTrust::decisionNeeded, this,
            &ConnectionController::askToTrust);
    connect(session->tlsTrust(), &TlsTrust::fingerprintChanged, this,
            &ConnectionController::warnChanged);
}

CertificateTrustDialog* ConnectionController::openTrustDialog() const {
    return m_trustDialog.data();
}

void ConnectionController::showProfiles() {
    auto* dialog = new ConnectionProfilesDialog(m_session, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectionProfilesDialog::connectRequested, this,
            &ConnectionController::connectWith);
    dialog->open();
}

void ConnectionController::connectWith(const ConnectionProfile& profile) {
    ConnectionProfiles().setLastUsed(profile.name);
    m_session->disconnectFromServer();
    m_session->setPinnedCertificate(profile.pinnedSha256);
    const CredentialKey key{normalizeServer(profile.url.toString()), profile.user};
    CredentialJob* job = m_session->credentials()->read(key);
    connect(job, &CredentialJob::finished, m_window, [this, profile](CredentialJob* done) {
        if (done->ok())
            m_session->setCredentials(profile.user, done->secret());
        else if (done->error() == CredentialJob::Error::NotFound)
            m_window->showInformation(
                tr("No password is stored for %1 on %2; the server may refuse. "
                   "Type one in Connection profiles to keep it in the keychain.")
                    .arg(profile.user, profile.url.toDisplayString()));
        m_window->connectTo(profile.url);
    });
}

bool ConnectionController::connectLastProfile() {
    const ConnectionProfiles profiles;
    const ConnectionProfile last = profiles.find(profiles.lastUsed());
    if (!last.isValid())
        return false;
    connectWith(last);
    return true;
}

void ConnectionController::askToTrust(const CertificateSummary& certificate) {
    if (m_trustDialog)
        return; // one question at a time; TlsTrust asks again after an answer
    auto* dialog = new CertificateTrustDialog(CertificateTrustDialog::Purpose::FirstUse,
                                              m_session->url(), certificate, {}, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_trustDialog = dialog;
    connect(dialog, &QDialog::finished, this, [this, certificate](int result) {
        if (result == QDialog::Accepted) {
            pin(certificate);
            m_window->connectTo(m_session->url());
            return;
        }
        m_session->tlsTrust()->decline(certificate.sha256);
        m_session->disconnectFromServer();
        m_window->showError(
            tr("Not connected: you did not trust the certificate of %1 (SHA-256 %2).")
                .arg(m_session->url().toDisplayString(), certificate.fingerprintText()));
    });
    dialog->open();
}

void ConnectionController::warnChanged(const CertificateSummary& certificate,
                                       const QByteArray& pinned) {
    // Stop retrying against a server that is refused anyway; the operator
    // decides what to do (Forget certificate in the profile, deliberately).
    m_session->disconnectFromServer();
    m_window->showError(
        tr("Refused: %1 now presents a different certificate (SHA-256 %2) from the "
           "trusted one. Connect again only after checking the change.")
            .arg(m_session->url().toDisplayString(), certificate.fingerprintText()));
    if (m_trustDialog)
        return;
    auto* dialog = new CertificateTrustDialog(CertificateTrustDialog::Purpose::Changed,
                                              m_session->url(), certificate, pinned, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_trustDialog = dialog;
    dialog->open();
}

// The pin goes into the profile for this server, or a new one named after
// the server: a typed address keeps its trust too.
void ConnectionController::pin(const CertificateSummary& certificate) {
    ConnectionProfiles profiles;
    const QUrl url = m_session->url();
    ConnectionProfile profile = profiles.forServer(url);
    if (profile.name.isEmpty()) {
        profile.name =
            url.toDisplayString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo);
        profile.url = url;
        profile.user = m_session->user();
    }
    profile.pinnedSha256 = certificate.sha256;
    profile.pinnedSubject = certificate.subject;
    profiles.save(profile);
    profiles.setLastUsed(profile.name);
    m_session->setPinnedCertificate(certificate.sha256);
}

} // namespace ferry::ui
