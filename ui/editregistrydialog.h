#pragma once
// "Edit connected registry": its repositories (the sync scope map), client
// tokens, sync schedule, window and message TTL, log level and audit log,
// notifications, and its garbage collection (on or off, and when). Checked
// as the person types with the service's own rules (models/domain
// validateConnectedRegistry), and sent as one PATCH with If-Match on the
// revision the console showed, so a change someone else made meanwhile is
// refused (412) and said inline instead of being overwritten.
// Repositories changed go after it as a PATCH of the registry's permissions.

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ferry::ui {

class ConsoleSession;

class EditRegistryDialog : public QDialog {
    Q_OBJECT
public:
    // `name` must be a connected registry the session's hierarchy holds.
    EditRegistryDialog(ConsoleSession* session, const QString& name, QWidget* parent = nullptr);

    // The first problem with what is typed, or empty when it is acceptable.
    QString problem() const;
    // The PATCH body for what changed (empty when nothing did).
    QJsonObject changes() const;
    QStringList addedRepositories() const;
    QStringList removedRepositories() const;
    QString registryName() const { return m_name; }

Q_SIGNALS:
    void saved(const QString& name);

private:
    // Fills the fields from the registry as the service sent it, at `revision` (an ETag).
    void fill(const QJsonObject& registry, const QByteArray& revision);
    void reloadFromServer();
    void loadRepositories();
    void validate();
    void submit();
    void submitRepositories();
    void finishWith(const QString& error);

    ConsoleSession* m_session;
    QString m_name;
    QJsonObject m_original; // the registry as the console showed it
    QByteArray m_revision;  // its ETag, for If-Match
    QStringList m_originalRepositories;
    bool m_repositoriesLoaded = false;

    QLabel* m_summary;
    QLineEdit* m_repositories;
    QLineEdit* m_clientTokens;
    QLineEdit* m_schedule;
    QLineEdit* m_window;
    QLineEdit* m_messageTtl;
    QComboBox* m_logLevel;
    QCheckBox* m_auditLog;
    QLineEdit* m_notifications;
    QCheckBox* m_gcEnabled;
    QLineEdit* m_gcSchedule;
    QLabel* m_problem;
    QPushButton* m_reload;
    QPushButton* m_save;
    QDialogButtonBox* m_buttons;
};

} // namespace ferry::ui
