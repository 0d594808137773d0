#include "mainwindow.h"

#include "connectioncontroller.h"
#include "consolesession.h"
#include "createregistrydialog.h"
#include "detailspanel.h"
#include "hierarchydiagram.h"
#include "hierarchypanel.h"
#include "icons.h"
#include "messagebar.h"
#include "registryactions.h"
#ifdef FERRY_HAS_SYSTEM_SERVICE
#include "servicestatus.h"
#endif
#include "workspacetabs.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QVBoxLayout>

namespace ferry::ui {

MainWindow::MainWindow(ConsoleSession* session, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_hierarchy(new HierarchyPanel(session->hierarchy(), this))
    , m_details(new DetailsPanel(session, this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_workspace(new WorkspaceTabs(session, m_splitter, this))
    , m_messageBar(new MessageBar(this))
    , m_connections(new ConnectionController(session, this))
    , m_registryActions(new RegistryActions(session, m_hierarchy, this))
    , m_statusLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_secretsLabel(new QLabel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Ferry Console"));
    setWindowIcon(icon(QStringLiteral("ferry")));
    buildActions();
    buildMenus();
    buildToolBar();

    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_hierarchy);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setSizes({1000, 500}); // room for the details' tabs in Japanese too

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_workspace, 1);
    setCentralWidget(central);

    m_statusLabel->setObjectName(QStringLiteral("connectionStatus"));
    m_statusLabel->setAccessibleName(tr("Connection"));
    m_countLabel->setObjectName(QStringLiteral("registryCount"));
    m_countLabel->setAccessibleName(tr("Registries"));
    m_secretsLabel->setObjectName(QStringLiteral("secretStorage"));
    m_secretsLabel->setAccessibleName(tr("Where secrets are kept"));
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_secretsLabel);

    HierarchyModel* model = session->hierarchy();
    connect(model, &QAbstractItemModel::modelReset, this, &MainWindow::updateStatus);
    connect(model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateStatus);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateStatus);
    connect(model, &QAbstractItemModel::dataChanged, this, &MainWindow::updateStatus);
    connect(model, &HierarchyModel::connectionStateChanged, this, &MainWindow::nodeStateChanged);
    connect(m_hierarchy->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { m_details->showRegistry(current); });
    auto showPanelMessage = [this](const QString& text, bool error) {
        if (error)
            m_messageBar->showMessage(text, MessageBar::Type::Error);
        else
            statusBar()->showMessage(text, 8000);
    };
    connect(m_details, &DetailsPanel::message, this, showPanelMessage);
    connect(m_registryActions, &RegistryActions::message, this, showPanelMessage);
    m_details->addRegistryActions(
        {m_registryActions->editAction(), m_registryActions->deactivateAction()});
#ifdef FERRY_HAS_SYSTEM_SERVICE
    auto* systemService = new ServiceStatus(SystemService::forThisMachine(), this);
    statusBar()->addPermanentWidget(systemService);
    menuBar()->insertMenu(m_helpMenu->menuAction(), systemService->serviceMenu());
    connect(systemService, &ServiceStatus::message, this, showPanelMessage);
#endif
    HierarchyFeed* feed = session->feed();
    connect(feed, &HierarchyFeed::eventReceived, m_details, &DetailsPanel::recordEvent);
    connect(feed, &HierarchyFeed::loaded, this, [this] {
        if (m_messageBar->type() == MessageBar::Type::Error)
            m_messageBar->dismiss();
        setState(ConnectionState::Connected,
                 tr("Connected to %1").arg(m_session->url().toDisplayString()));
        if (!m_hierarchy->selectionModel()->currentIndex().isValid())
            m_hierarchy->selectName(QStringLiteral("root"));
    });
    connect(feed, &HierarchyFeed::errorOccurred, this, [this](const QString& text) {
        m_messageBar->showMessage(text, MessageBar::Type::Error, tr("Retry"));
        if (m_state != ConnectionState::Connected)
            setState(ConnectionState::Failed,
                     tr("Not connected to %1").arg(m_session->url().toDisplayString()));
    });
    connect(feed, &HierarchyFeed::stateChanged, this, [this](HierarchyFeed::State state) {
        if (state == HierarchyFeed::State::Reconnecting)
            setState(
                ConnectionState::Connecting,
                tr("Connection to %1 lost; reconnecting…").arg(m_session->url().toDisplayString()));
        else if (state == HierarchyFeed::State::Live && m_session->hierarchy()->registryCount() > 0)
            setState(ConnectionState::Connected,
                     tr("Connected to %1").arg(m_session->url().toDisplayString()));
        // The feed stops when the session disconnects (a profile switch, a
        // declined certificate) or the server refuses the credentials: the
        // window must not go on claiming a connection it no longer has. A
        // new connection passes through Idle too, but from Connecting.
        else if (state == HierarchyFeed::State::Idle && m_state == ConnectionState::Connected)
            setState(ConnectionState::Disconnected, tr("Not connected"));
    });
    connect(m_messageBar, &MessageBar::actionTriggered, this, &MainWindow::refresh);
    // The access pages report results the way the details panel does.
    connect(m_workspace, &WorkspaceTabs::message, m_details, &DetailsPanel::message);
    connect(m_hierarchy->diagram(), &HierarchyDiagram::activated, this,
            [this] { m_details->tabs()->setFocus(); });
    connect(session->credentials(), &CredentialStore::backendChanged, this,
            &MainWindow::updateStatus);

    buildTray();
    setState(ConnectionState::Disconnected, tr("Not connected"));
    updateStatus();
    resize(1400, 860);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildTray() {
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(icon(QStringLiteral("ferry")), this);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    m_tray->show();
}

QString MainWindow::statusText() const {
    return m_statusLabel->text() + QStringLiteral(" · ") + m_countLabel->text();
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
    connectTo(url);
}

void MainWindow::connectTo(const QUrl& url) {
    m_urlEdit->setText(url.toString());
    QSettings().setValue(QStringLiteral("connection/lastServer"), url.toString());
    setState(ConnectionState::Connecting, tr("Connecting to %1…").arg(url.toDisplayString()));
    m_session->connectTo(url);
}

void MainWindow::refresh() {
    if (m_session->url().isEmpty()) {
        connectToTypedUrl();
        return;
    }
    if (m_session->feed()->state() == HierarchyFeed::State::Idle)
        m_session->connectTo(m_session->url());
    else
        m_session->feed()->reload();
}

void MainWindow::showServiceStarting(const QString& dataDir) {
    setState(ConnectionState::StartingService,
             tr("Starting the local ferryd (data in %1)…").arg(QDir::toNativeSeparators(dataDir)));
}

void MainWindow::showError(const QString& message) {
    m_messageBar->showMessage(message, MessageBar::Type::Error);
    if (m_state != ConnectionState::Connected)
        setState(ConnectionState::Failed, tr("Not connected"));
}

void MainWindow::showInformation(const QString& message) {
    m_messageBar->showMessage(message, MessageBar::Type::Information);
}

void MainWindow::checkKeychain() {
    CredentialJob* probe = m_session->credentials()->probe();
    connect(probe, &CredentialJob::finished, this, [this](CredentialJob* job) {
        if (job->ok())
            return;
        m_messageBar->showMessage(
            tr("No keychain answered (%1). Passwords can't be saved; the console can keep them "
               "in memory for this session only, never on disk.")
                .arg(job->errorString()),
            MessageBar::Type::Warning, tr("Keep in memory for this session"));
        // One use: the action bar's button switches the store, then goes back to Retry.
        QMetaObject::Connection* once = new QMetaObject::Connection;
        *once = connect(m_messageBar, &MessageBar::actionTriggered, this, [this, once] {
            disconnect(*once);
            delete once;
            m_session->credentials()->useSessionMemory();
            m_messageBar->dismiss();
        });
    });
}

void MainWindow::setState(ConnectionState state, const QString& text) {
    m_statusLabel->setText(text);
    const bool changed = state != m_state;
    m_state = state;
    m_refreshAction->setEnabled(state != ConnectionState::StartingService);
    m_newAction->setEnabled(state == ConnectionState::Connected);
    updateStatus();
    if (changed)
        Q_EMIT connectionStateChanged(state);
}

void MainWindow::updateStatus() {
    const HierarchyModel* model = m_session->hierarchy();
    const int registries = model->registryCount();
    const QHash<QString, int> states = model->stateCounts();
    QString counts = tr("%n registries", nullptr, registries);
    if (registries > 0) {
        counts += QStringLiteral(" · ") + tr("%n online", nullptr,
                                             states.value(QStringLiteral("Online")) +
                                                 states.value(QStringLiteral("Syncing")));
        const int offline = states.value(QStringLiteral("Offline"));
        const int unhealthy = states.value(QStringLiteral("Unhealthy"));
        if (offline > 0)
            counts += QStringLiteral(" · ") + tr("%n offline", nullptr, offline);
        if (unhealthy > 0)
            counts += QStringLiteral(" · ") + tr("%n unhealthy", nullptr, unhealthy);
    }
    m_countLabel->setText(counts);
    const bool memory =
        m_session->credentials()->backend() == CredentialStore::Backend::SessionMemory;
    m_secretsLabel->setText(memory ? tr("Secrets: this session only") : tr("Secrets: keychain"));
    m_secretsLabel->setToolTip(
        memory ? tr("No keychain: passwords are kept in memory until the console quits")
               : tr("Passwords are kept in the operating system's keychain"));
    if (m_tray) {
        const int bad =
            states.value(QStringLiteral("Offline")) + states.value(QStringLiteral("Unhealthy"));
        m_tray->setIcon(icon(m_state != ConnectionState::Connected ? QStringLiteral("state-offline")
                             : states.value(QStringLiteral("Unhealthy")) > 0
                                 ? QStringLiteral("state-unhealthy")
                             : bad > 0 ? QStringLiteral("state-offline")
                                       : QStringLiteral("state-online")));
        m_tray->setToolTip(tr("Ferry: %1").arg(counts));
    }
}

void MainWindow::nodeStateChanged(const QString& name, const QString&, const QString& to) {
    if (m_tray && (to == QLatin1String("Offline") || to == QLatin1String("Unhealthy")))
        m_tray->showMessage(tr("Registry %1 is %2").arg(name, stateLook(to).text),
                            tr("The connected registry %1 went %2.").arg(name, stateLook(to).text),
                            QSystemTrayIcon::Warning);
}

void MainWindow::newRegistry() {
    auto* dialog = new CreateRegistryDialog(m_session, m_hierarchy->currentName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateRegistryDialog::created, this, [this](const QString& name) {
        statusBar()->showMessage(tr("Created %1.").arg(name), 8000);
        // The event stream adds the row; select it once it is there.
        QTimer::singleShot(0, this, [this, name] { m_hierarchy->selectName(name); });
    });
    dialog->open();
}

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    const QString last = settings.value(QStringLiteral("connection/lastServer")).toString();
    if (m_urlEdit->text().isEmpty())
        m_urlEdit->setText(last);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    // Layout and the last server only; never a secret.
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace ferry::ui
