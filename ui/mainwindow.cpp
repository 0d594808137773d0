#include "mainwindow.h"

#include "messagebar.h"
#include "repositorymodel.h"

#include <QAction>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

MainWindow::MainWindow(RegistryClient* client, QWidget* parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_model(new RepositoryModel(this))
    , m_view(new QTreeView(this))
    , m_messageBar(new MessageBar(this))
    , m_statusLabel(new QLabel(this)) {
    setWindowTitle(tr("Ferry Console"));
    m_model->connectClient(m_client);
    buildToolBar();

    m_view->setObjectName(QStringLiteral("repositoryView"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(true);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    m_statusLabel->setObjectName(QStringLiteral("connectionStatus"));
    statusBar()->addWidget(m_statusLabel, 1);

    connect(m_client, &RegistryClient::catalogReceived, this, &MainWindow::catalogReceived);
    connect(m_client, &RegistryClient::errorOccurred, this, &MainWindow::clientFailed);
    connect(m_messageBar, &MessageBar::actionTriggered, this, &MainWindow::refresh);

    setState(ConnectionState::Disconnected, tr("Not connected"));
    resize(900, 600);
}

void MainWindow::buildToolBar() {
    QToolBar* toolBar = addToolBar(tr("Server"));
    toolBar->setObjectName(QStringLiteral("serverToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto* label = new QLabel(tr("Server:"), toolBar);
    label->setContentsMargins(4, 0, 4, 0);
    m_urlEdit = new QLineEdit(toolBar);
    m_urlEdit->setObjectName(QStringLiteral("serverUrl"));
    m_urlEdit->setPlaceholderText(tr("http://host:port"));
    m_urlEdit->setClearButtonEnabled(true);
    label->setBuddy(m_urlEdit);
    toolBar->addWidget(label);
    toolBar->addWidget(m_urlEdit);

    m_connectAction =
        toolBar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Connect"));
    m_connectAction->setObjectName(QStringLiteral("connectAction"));
    m_connectAction->setShortcut(QKeySequence::Refresh);

    connect(m_urlEdit, &QLineEdit::returnPressed, this, &MainWindow::connectToTypedUrl);
    connect(m_urlEdit, &QLineEdit::textChanged, this, &MainWindow::updateConnectAction);
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::connectToTypedUrl);
}

void MainWindow::connectToTypedUrl() {
    const QString typed = m_urlEdit->text().trimmed();
    const QUrl url = QUrl::fromUserInput(typed);
    if (typed.isEmpty() || !url.isValid() || url.host().isEmpty() ||
        (url.scheme() != u"http" && url.scheme() != u"https")) {
        m_messageBar->showMessage(
            tr("\"%1\" is not a server address. Type one like http://127.0.0.1:5000.").arg(typed),
            MessageBar::Type::Warning);
        return;
    }
    if (url == m_client->baseUrl())
        refresh();
    else
        connectTo(url);
}

void MainWindow::connectTo(const QUrl& url) {
    if (url != m_client->baseUrl())
        m_model->clear(); // another server's repositories would mislead
    m_urlEdit->setText(url.toString());
    m_client->setBaseUrl(url);
    refresh();
}

void MainWindow::refresh() {
    if (m_client->baseUrl().isEmpty()) {
        connectToTypedUrl();
        return;
    }
    setState(ConnectionState::Connecting,
             tr("Connecting to %1…").arg(m_client->baseUrl().toDisplayString()));
    m_client->fetchCatalog();
}

void MainWindow::showServiceStarting(const QString& dataDir) {
    setState(ConnectionState::StartingService,
             tr("Starting the local ferryd (data in %1)…").arg(QDir::toNativeSeparators(dataDir)));
}

void MainWindow::showError(const QString& message) {
    m_messageBar->showMessage(message, MessageBar::Type::Error);
    setState(ConnectionState::Failed, tr("Not connected"));
}

void MainWindow::catalogReceived(const QStringList& repositories) {
    // A message about an earlier failure is stale once the server answers.
    if (m_messageBar->type() == MessageBar::Type::Error)
        m_messageBar->dismiss();
    const QString server = m_client->baseUrl().toDisplayString();
    setState(ConnectionState::Connected,
             repositories.isEmpty()
                 ? tr("Connected to %1 · no repositories yet").arg(server)
                 : tr("Connected to %1 · %n repositories", nullptr, int(repositories.size()))
                       .arg(server));
}

void MainWindow::clientFailed(RegistryClient::ErrorCategory category, const QString& message) {
    m_messageBar->showMessage(message, MessageBar::Type::Error, tr("Retry"));
    // A refused request or an odd answer still means the server is there.
    const bool lostServer = category == RegistryClient::ErrorCategory::Connection ||
                            category == RegistryClient::ErrorCategory::Tls;
    if (lostServer || m_state != ConnectionState::Connected)
        setState(ConnectionState::Failed,
                 tr("Not connected to %1").arg(m_client->baseUrl().toDisplayString()));
}

void MainWindow::setState(ConnectionState state, const QString& text) {
    m_statusLabel->setText(text);
    const bool changed = state != m_state;
    m_state = state;
    updateConnectAction();
    if (changed)
        Q_EMIT connectionStateChanged(state);
}

void MainWindow::updateConnectAction() {
    const bool sameServer = !m_client->baseUrl().isEmpty() &&
                            QUrl::fromUserInput(m_urlEdit->text().trimmed()) == m_client->baseUrl();
    const bool reachable = m_state == ConnectionState::Connected && sameServer;
    m_connectAction->setText(reachable ? tr("Refresh") : tr("Connect"));
    m_connectAction->setEnabled(m_state != ConnectionState::StartingService);
}
