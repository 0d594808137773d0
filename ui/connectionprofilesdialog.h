#pragma once
// Manages the connection profiles (name, server, user, pinned certificate)
// and connects with one. A password typed here goes straight to the
// keychain under the profile's server and user; the dialog never shows a
// stored one and nothing secret reaches QSettings.

#include "connectionprofiles.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace ferry::ui {

class ConsoleSession;

class ConnectionProfilesDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionProfilesDialog(ConsoleSession* session, QWidget* parent = nullptr);

    QListWidget* list() const { return m_list; }

Q_SIGNALS:
    void connectRequested(const ferry::ConnectionProfile& profile);

private:
    void reload(const QString& select);
    void showProfile(const QString& name);
    void newProfile();
    // Saves the form (and the password, if one was typed); then runs `then`
    // with the saved profile. Problems are shown inline.
    void save(std::function<void(const ConnectionProfile&)> then = {});
    void removeProfile();
    void forgetCertificate();
    ConnectionProfile formProfile() const;

    ConsoleSession* m_session;
    ConnectionProfiles m_profiles;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLineEdit* m_url;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QLabel* m_certificate;
    QPushButton* m_forget;
    QLabel* m_problem;
    QByteArray m_pinned; // of the profile shown
    QString m_pinnedSubject;
};

} // namespace ferry::ui
