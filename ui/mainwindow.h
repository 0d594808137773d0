#pragma once
// The console's window: where to connect, the registry's repositories and
// tags, and the connection state. It only wires widgets to the client and the
// model; the work happens in those.

#include "registryclient.h"

#include <QMainWindow>
#include <QUrl>

class MessageBar;
class QAction;
class QLabel;
class QLineEdit;
class QTreeView;
class RepositoryModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class ConnectionState { Disconnected, StartingService, Connecting, Connected, Failed };
    Q_ENUM(ConnectionState)

    explicit MainWindow(RegistryClient* client, QWidget* parent = nullptr);

    ConnectionState connectionState() const { return m_state; }
    RepositoryModel* model() const { return m_model; }

public Q_SLOTS:
    void connectTo(const QUrl& url);
    void refresh();
    // For the bundled ferryd: nothing to connect to until it reports its URL.
    void showServiceStarting(const QString& dataDir);
    void showError(const QString& message);

Q_SIGNALS:
    void connectionStateChanged(MainWindow::ConnectionState state);

private:
    void buildToolBar();
    void connectToTypedUrl();
    void updateConnectAction();
    void catalogReceived(const QStringList& repositories);
    void clientFailed(RegistryClient::ErrorCategory category, const QString& message);
    void setState(ConnectionState state, const QString& text);

    RegistryClient* m_client;
    RepositoryModel* m_model;
    QLineEdit* m_urlEdit = nullptr;
    QAction* m_connectAction = nullptr;
    QTreeView* m_view;
    MessageBar* m_messageBar;
    QLabel* m_statusLabel;
    ConnectionState m_state = ConnectionState::Disconnected;
};
