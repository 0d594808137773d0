#pragma once
// The console's window: a server field, the sync tree (tree list + diagram)
// with the selected registry's details beside it, standard menus and
// shortcuts, a status bar, and an inline message bar for every error. It
// wires widgets to the ConsoleSession; the work happens in the session's
// models and in the panels.

#include <QMainWindow>
#include <QUrl>

class MessageBar;
class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QSystemTrayIcon;

namespace ferry::ui {

class ConnectionController;
class ConsoleSession;
class DetailsPanel;
class HierarchyPanel;
class RegistryActions;
class WorkspaceTabs;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class ConnectionState { Disconnected, StartingService, Connecting, Connected, Failed };
    Q_ENUM(ConnectionState)

    explicit MainWindow(ConsoleSession* session, QWidget* parent = nullptr);
    ~MainWindow() override;

    ConnectionState connectionState() const { return m_state; }
    HierarchyPanel* hierarchyPanel() const { return m_hierarchy; }
    DetailsPanel* detailsPanel() const { return m_details; }
    MessageBar* messageBar() const { return m_messageBar; }
    ConnectionController* connections() const { return m_connections; }
    RegistryActions* registryActions() const { return m_registryActions; }
    // Puts a bundled-service action (app/console wires it) beside "Start a local registry".
    void addLocalServiceAction(QAction* action);
    // Hierarchy | Tokens | Scope maps | Audit log.
    WorkspaceTabs* workspace() const { return m_workspace; }
    QString statusText() const;

public Q_SLOTS:
    void connectTo(const QUrl& url);
    void refresh();
    void showServiceStarting(const QString& dataDir);
    void showError(const QString& message);
    void showInformation(const QString& message);
    // Asks the keychain once; if none answers, says so and offers session memory.
    void checkKeychain();

Q_SIGNALS:
    void connectionStateChanged(ferry::ui::MainWindow::ConnectionState state);
    void startLocalRegistryRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void buildTray();
    void connectToTypedUrl();
    void setState(ConnectionState state, const QString& text);
    void updateStatus();
    void newRegistry();
    void exportDiagram(const QString& format);
    void showAbout();
    void nodeStateChanged(const QString& name, const QString& from, const QString& to);
    void restoreSettings();

    ConsoleSession* m_session;
    HierarchyPanel* m_hierarchy;
    DetailsPanel* m_details;
    QSplitter* m_splitter;
    WorkspaceTabs* m_workspace;
    MessageBar* m_messageBar;
    ConnectionController* m_connections;
    RegistryActions* m_registryActions;
    QLineEdit* m_urlEdit = nullptr;
    QLabel* m_statusLabel;
    QLabel* m_countLabel;
    QLabel* m_secretsLabel;
    QSystemTrayIcon* m_tray = nullptr;
    QAction* m_connectAction = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_exportPngAction = nullptr;
    QAction* m_exportSvgAction = nullptr;
    QAction* m_localAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_helpMenu = nullptr; // last in the menu bar: the system service's menu goes before it
    ConnectionState m_state = ConnectionState::Disconnected;
};

} // namespace ferry::ui
