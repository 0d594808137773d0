#pragma once
// One-click password regeneration for a token or a registry's sync token:
// one confirmation that says what stops working, the server generates the
// password, the console stores it in the keychain (scoped by server and
// token slot), and shows it once (OneTimeSecretDialog). For a sync token it
// also shows the new connection string. Each step is asynchronous; errors
// are reported with the server's own message.

#include "onetimesecretdialog.h"

#include <QDateTime>
#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QString>

namespace ferry::ui {

class ConsoleSession;

class PasswordRotation : public QObject {
    Q_OBJECT
public:
    struct Target {
        QString token;    // the token whose slot changes
        QString registry; // set for a sync token: get-settings makes its connection string
        int slot = 1;     // 1 or 2
        QDateTime expiry; // a token's new password expires then; invalid: never
    };

    PasswordRotation(ConsoleSession* session, Target target, QWidget* parentWindow);

    // Shows the confirmation; the rest follows on its answer.
    void start();
    QMessageBox* confirmation() const { return m_confirmation; }
    OneTimeSecretDialog* resultDialog() const { return m_result; }

Q_SIGNALS:
    // ok: the server made a new password (whether or not the keychain took it).
    void finished(bool ok, const QString& message);

private:
    void regenerate();
    void generated(const QString& password, const QString& connectionString);
    void fail(const QString& message);

    ConsoleSession* m_session;
    Target m_target;
    QPointer<QWidget> m_window;
    QPointer<QMessageBox> m_confirmation;
    QPointer<OneTimeSecretDialog> m_result;
};

} // namespace ferry::ui
