#include "mainwindow.h"

#include "connectioncontroller.h"
#include "consolesession.h"
#include "createregistrydialog.h"
#include "detailspanel.h"
#include "hierarchydiagram.h"
#include "hierarchypanel.h"
#include "icons.h"
#include "languagemenu.h"
#include "messagebar.h"
#ifdef FERRY_HAS_SYSTEM_SERVICE
#include "servicestatus.h"
#endif
#include "version.h"
#include "workspacetabs.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QUrlQuery>
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
            [this](const QModelIndex& current) {
                m_details->showRegistry(current);
                m_deleteAction->setEnabled(current.isValid() &&
                                           !current.data(HierarchyModel::IsRootRole).toBool());
            });
    auto showPanelMessage = [this](const QString& text, bool error) {
        if (error)
            m_messageBar->showMessage(text, MessageBar::Type::Error);
        else
            statusBar()->showMessage(text, 8000);
    };
    connect(m_details, &DetailsPanel::message, this, showPanelMessage);
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
            setState(ConnectionState::Connecting,
                     tr("Connection to %1 lost; reconnecting…").arg(m_session->url().toDisplayString()));
        else if (state == HierarchyFeed::State::Live && m_session->hierarchy()->registryCount() > 0)
            setState(ConnectionState::Connected,
                     tr("Connected to %1").arg(m_session->url().toDisplayString()));
    });
    connect(m_messageBar, &MessageBar::actionTriggered, this, &MainWindow::refresh);
    // The access pages report results the way the details panel does.
    connect(m_workspace, &WorkspaceTabs::message, m_details, &DetailsPanel::message);
    connect(m_hierarchy->diagram(), &HierarchyDiagram::activated, this,
            [this] { m_details->tabs()->setFocus(); });
    connect(session->credentials(), &CredentialStore::backendChanged, this, &MainWindow::updateStatus);

    buildTray();
    setState(ConnectionState::Disconnected, tr("Not connected"));
    updateStatus();
    resize(1400, 860);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions() {
    auto make = [this](const QString& text, const QString& iconName, const QKeySequence& keys,
                       const QString& tip, const QString& name) {
        auto* action = new QAction(iconName.isEmpty() ? QIcon() : icon(iconName), text, this);
        action->setShortcut(keys);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        action->setObjectName(name);
        return action;
    };
    m_connectAction = make(tr("&Connect"), QStringLiteral("server"), QKeySequence(Qt::CTRL | Qt::Key_L),
                           tr("Connect to the server typed in the address field"), QStringLiteral("connectAction"));
    m_newAction = make(tr("&New registry…"), QStringLiteral("new"), QKeySequence::New,
                       tr("Create a connected registry under the selected one"), QStringLiteral("newAction"));
    m_deleteAction = make(tr("&Delete registry…"), QStringLiteral("delete"), QKeySequence::Delete,
                          tr("Delete the selected connected registry"), QStringLiteral("deleteAction"));
    m_refreshAction = make(tr("&Refresh"), QStringLiteral("refresh"), QKeySequence(Qt::Key_F5),
                           tr("Read the whole hierarchy again"), QStringLiteral("refreshAction"));
    m_findAction = make(tr("&Find…"), QStringLiteral("find"), QKeySequence::Find,
                        tr("Find a registry by name"), QStringLiteral("findAction"));
    m_zoomInAction = make(tr("Zoom &in"), QStringLiteral("zoom-in"), QKeySequence::ZoomIn,
                          tr("Zoom into the diagram"), QStringLiteral("zoomInAction"));
    m_zoomOutAction = make(tr("Zoom &out"), QStringLiteral("zoom-out"), QKeySequence::ZoomOut,
                           tr("Zoom out of the diagram"), QStringLiteral("zoomOutAction"));
    m_fitAction = make(tr("&Fit to window"), QStringLiteral("zoom-fit"), QKeySequence(Qt::CTRL | Qt::Key_0),
                       tr("Show the whole tree"), QStringLiteral("fitAction"));
    m_exportPngAction = make(tr("Export diagram as &PNG…"), QStringLiteral("export"), {},
                             tr("Save the diagram as a PNG picture"), QStringLiteral("exportPngAction"));
    m_exportSvgAction = make(tr("Export diagram as &SVG…"), QStringLiteral("export"), {},
                             tr("Save the diagram as an SVG drawing"), QStringLiteral("exportSvgAction"));
    m_localAction = make(tr("Start a &local registry"), QStringLiteral("server"), {},
                         tr("Run the bundled ferryd on this computer and connect to it"),
                         QStringLiteral("localAction"));
    m_quitAction = make(tr("&Quit"), {}, QKeySequence::Quit, tr("Quit the console"), QStringLiteral("quitAction"));
    m_aboutAction = make(tr("&About Ferry Console"), QStringLiteral("ferry"), {},
                         tr("Version and licence"), QStringLiteral("aboutAction"));
    m_deleteAction->setEnabled(false);
    // Delete in the search field deletes text, not a registry.
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_hierarchy->treeView()->addAction(m_deleteAction);
    m_hierarchy->diagram()->addAction(m_deleteAction);

    connect(m_connectAction, &QAction::triggered, this, &MainWindow::connectToTypedUrl);
    // New (Ctrl+N) makes what the page shows: a token, a scope map, else a registry.
    connect(m_newAction, &QAction::triggered, this, [this] {
        if (!m_workspace->newOnCurrentPage())
            newRegistry();
    });
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_workspace->setCurrentIndex(0); // the find field is the hierarchy's
        m_hierarchy->focusFind();
    });
    connect(m_zoomInAction, &QAction::triggered, m_hierarchy->diagram(), &HierarchyDiagram::zoomIn);
    connect(m_zoomOutAction, &QAction::triggered, m_hierarchy->diagram(), &HierarchyDiagram::zoomOut);
    connect(m_fitAction, &QAction::triggered, m_hierarchy->diagram(), &HierarchyDiagram::fitToWindow);
    connect(m_exportPngAction, &QAction::triggered, this, [this] { exportDiagram(QStringLiteral("png")); });
    connect(m_exportSvgAction, &QAction::triggered, this, [this] { exportDiagram(QStringLiteral("svg")); });
    connect(m_localAction, &QAction::triggered, this, &MainWindow::startLocalRegistryRequested);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_fileMenu = file;
    file->addAction(m_connectAction);
    file->addAction(m_connections->profilesAction());
    file->addAction(m_localAction);
    file->addSeparator();
    file->addAction(m_exportPngAction);
    file->addAction(m_exportSvgAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_newAction);
    edit->addAction(m_deleteAction);
    edit->addSeparator();
    edit->addAction(m_findAction);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refreshAction);
    view->addSeparator();
    view->addAction(m_zoomInAction);
    view->addAction(m_zoomOutAction);
    view->addAction(m_fitAction);
    view->addSeparator();
    view->addActions(m_workspace->pageActions());
    view->addSeparator();
    auto* language = new LanguageMenu(view);
    view->addMenu(language);
    connect(language, &LanguageMenu::languageChosen, this,
            [this](const QString&, const QString& notice) {
                m_messageBar->showMessage(notice, MessageBar::Type::Information);
            });
    m_helpMenu = menuBar()->addMenu(tr("&Help"));
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::buildToolBar() {
    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* label = new QLabel(tr("&Server:"), toolBar);
    label->setContentsMargins(4, 0, 4, 0);
    m_urlEdit = new QLineEdit(toolBar);
    m_urlEdit->setObjectName(QStringLiteral("serverUrl"));
    m_urlEdit->setPlaceholderText(tr("http://host:port"));
    m_urlEdit->setClearButtonEnabled(true);
    m_urlEdit->setAccessibleName(tr("Server address"));
    m_urlEdit->setToolTip(tr("The address of the root ferryd, e.g. https://registry.example:5000"));
    m_urlEdit->setMaximumWidth(360);
    for (QAction* action : m_urlEdit->actions()) {
        if (action->objectName() == QLatin1String("_q_qlineeditclearaction"))
            action->setText(tr("Clear server address"));
    }
    label->setBuddy(m_urlEdit);
    toolBar->addWidget(label);
    toolBar->addWidget(m_urlEdit);
    toolBar->addAction(m_connectAction);
    toolBar->addSeparator();
    toolBar->addAction(m_refreshAction);
    toolBar->addAction(m_newAction);
    toolBar->addAction(m_deleteAction);
    toolBar->addSeparator();
    toolBar->addAction(m_zoomInAction);
    toolBar->addAction(m_zoomOutAction);
    toolBar->addAction(m_fitAction);
    toolBar->addAction(m_exportPngAction);
    connect(m_urlEdit, &QLineEdit::returnPressed, this, &MainWindow::connectToTypedUrl);
    // A translation's "(&N)" mnemonic (the Japanese style) means nothing on a
    // tool button, which has no mnemonic: the button shows the words alone.
    static const QRegularExpression mnemonic(QStringLiteral("\\s*\\(&.\\)"));
    for (QAction* action : toolBar->actions())
        if (QString text = action->text(); text.contains(mnemonic))
            action->setIconText(
                text.remove(mnemonic).replace(QLatin1String("&&"), QLatin1String("&")));
}

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
        counts += QStringLiteral(" · ") +
                  tr("%n online", nullptr, states.value(QStringLiteral("Online")) +
                                               states.value(QStringLiteral("Syncing")));
        const int offline = states.value(QStringLiteral("Offline"));
        const int unhealthy = states.value(QStringLiteral("Unhealthy"));
        if (offline > 0)
            counts += QStringLiteral(" · ") + tr("%n offline", nullptr, offline);
        if (unhealthy > 0)
            counts += QStringLiteral(" · ") + tr("%n unhealthy", nullptr, unhealthy);
    }
    m_countLabel->setText(counts);
    const bool memory = m_session->credentials()->backend() == CredentialStore::Backend::SessionMemory;
    m_secretsLabel->setText(memory ? tr("Secrets: this session only") : tr("Secrets: keychain"));
    m_secretsLabel->setToolTip(memory ? tr("No keychain: passwords are kept in memory until the console quits")
                                      : tr("Passwords are kept in the operating system's keychain"));
    if (m_tray) {
        const int bad = states.value(QStringLiteral("Offline")) + states.value(QStringLiteral("Unhealthy"));
        m_tray->setIcon(icon(m_state != ConnectionState::Connected ? QStringLiteral("state-offline")
                             : states.value(QStringLiteral("Unhealthy")) > 0 ? QStringLiteral("state-unhealthy")
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

void MainWindow::deleteSelected() {
    const QString name = m_hierarchy->currentName();
    const QModelIndex index = m_session->hierarchy()->indexOf(name);
    if (!index.isValid() || index.data(HierarchyModel::IsRootRole).toBool())
        return;
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete %1?").arg(name),
                                tr("Delete the connected registry \"%1\"?").arg(name),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->setInformativeText(tr("Its ferryd stops syncing at once. \"Delete with cleanup\" also "
                               "removes its sync token and sync scope map and strips its gateway "
                               "actions from its ancestors."));
    QPushButton* plain = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    QPushButton* cleanup = box->addButton(tr("Delete with &cleanup"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, plain, cleanup, name] {
        if (box->clickedButton() != plain && box->clickedButton() != cleanup)
            return;
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("cleanup"),
                           box->clickedButton() == cleanup ? QStringLiteral("true") : QStringLiteral("false"));
        ManagementCall* call = m_session->management()->remove(
            QStringLiteral("connected-registries/%1").arg(ManagementClient::segment(name)), query);
        connect(call, &ManagementCall::finished, this, [this, call, name] {
            call->deleteLater();
            if (!call->response().ok())
                m_messageBar->showMessage(call->response().error->message, MessageBar::Type::Error);
            else
                statusBar()->showMessage(tr("Deleted %1.").arg(name), 8000);
        });
    });
    box->open();
}

void MainWindow::exportDiagram(const QString& format) {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    auto* dialog = new QFileDialog(this, tr("Export the diagram"), folder,
                                   format == QLatin1String("png") ? tr("PNG pictures (*.png)")
                                                                  : tr("SVG drawings (*.svg)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(format);
    dialog->selectFile(QStringLiteral("ferry-hierarchy.%1").arg(format));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, format](const QString& path) {
        QString error;
        const bool ok = format == QLatin1String("png")
                            ? m_hierarchy->diagram()->exportPng(path, &error)
                            : m_hierarchy->diagram()->exportSvg(path, &error);
        if (ok)
            statusBar()->showMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(path)), 8000);
        else
            m_messageBar->showMessage(error, MessageBar::Type::Error);
    });
    dialog->open();
}

void MainWindow::addLocalServiceAction(QAction* action) {
    const QList<QAction*> actions = m_fileMenu->actions();
    const qsizetype local = actions.indexOf(m_localAction);
    m_fileMenu->insertAction(local + 1 < actions.size() ? actions[local + 1] : nullptr, action);
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Ferry Console"),
                       tr("<h3>Ferry Console %1</h3><p>Manage hierarchies of container "
                          "registries at the edge: see the sync tree live, manage connected "
                          "registries, tokens and scope maps, rotate passwords in one click.</p>"
                          "<p>Built with Qt %2.</p>")
                           .arg(QString::fromLatin1(ferry::version()), QString::fromLatin1(qVersion())));
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
