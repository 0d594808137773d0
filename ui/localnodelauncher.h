#pragma once
// For a local test hierarchy: runs a selected connected registry on this
// computer. It asks get-settings for the registry's connection string with a
// new sync-token password (api.md "Connection string"), keeps that password
// in the keychain, and starts a further bundled ferryd in connected mode with
// its own per-user data folder and a free loopback port; the string reaches
// it through its environment only. Each such ferryd's log is shown in the
// "Local registries" window, and every one stops when the console exits.

#include <QHash>
#include <QObject>
#include <QUrl>

class LocalService;
class QAction;
class QDialog;
class QMessageBox;
class QPlainTextEdit;
class QTabWidget;
class QWidget;

namespace ferry::ui {

class ConsoleSession;

class LocalNodeLauncher : public QObject {
    Q_OBJECT
public:
    LocalNodeLauncher(ConsoleSession* session, QWidget* window);
    ~LocalNodeLauncher() override;

    QAction* startAction() const { return m_startAction; }
    // The registry the action applies to (the selection); the root cannot run here.
    void setSelectedRegistry(const QString& name, bool isRoot);
    // Asks first (a new password replaces the sync token's password1), then starts.
    void requestStart(const QString& name);
    // Without asking: the operator has agreed (or a test drives it).
    void start(const QString& name);
    void stop(const QString& name);

    // Where a registry's local ferryd keeps its data: per user, per registry.
    static QString dataDirFor(const QString& name);
    // The ferryd to run; the one installed beside the console unless set.
    void setProgram(const QString& path) { m_program = path; }
    LocalService* serviceFor(const QString& name) const { return m_services.value(name); }
    QDialog* logWindow() const { return m_logWindow; }
    QMessageBox* confirmation() const { return m_confirmation; }

Q_SIGNALS:
    void started(const QString& name, const QUrl& url);
    void message(const QString& text, bool error);

private:
    void launch(const QString& name, const QString& connectionString);
    QPlainTextEdit* logFor(const QString& name);
    void showLogWindow();

    ConsoleSession* m_session;
    QWidget* m_window;
    QAction* m_startAction;
    QString m_selected;
    QString m_program;
    QHash<QString, LocalService*> m_services;
    QDialog* m_logWindow = nullptr;
    QTabWidget* m_logs = nullptr;
    QMessageBox* m_confirmation = nullptr;
};

} // namespace ferry::ui
