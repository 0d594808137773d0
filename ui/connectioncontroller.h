#pragma once
// Connection profiles and certificate trust for the main window: the
// "Connection profiles…" action and its dialog, connecting with a profile
// (its password from the keychain), and the operator's decisions when the
// session's TlsTrust meets an unknown or a changed certificate. The window
// only adds the action to its menu.

#include "connectionprofiles.h"
#include "tlstrust.h"

#include <QObject>
#include <QPointer>

class QAction;

namespace ferry::ui {

class CertificateTrustDialog;
class ConsoleSession;
class MainWindow;

class ConnectionController : public QObject {
    Q_OBJECT
public:
    ConnectionController(ConsoleSession* session, MainWindow* window);

    QAction* profilesAction() const { return m_profilesAction; }
    void showProfiles();
    // Connects with the profile: pins its certificate, reads its password
    // from the keychain, remembers it as the last one.
    void connectWith(const ConnectionProfile& profile);
    // The last profile used, if there is one; false when there is none.
    bool connectLastProfile();
    // The dialog on screen for the certificate being decided, if any (tests).
    CertificateTrustDialog* openTrustDialog() const;

private:
    void askToTrust(const CertificateSummary& certificate);
    void warnChanged(const CertificateSummary& certificate, const QByteArray& pinned);
    void pin(const CertificateSummary& certificate);

    ConsoleSession* m_session;
    MainWindow* m_window;
    QAction* m_profilesAction;
    QPointer<CertificateTrustDialog> m_trustDialog;
};

} // namespace ferry::ui
