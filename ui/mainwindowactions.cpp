// MainWindow's actions, menus and tool bar: which commands exist, their
// shortcuts and tips, and where each appears. What the selected registry's
// commands do lives in RegistryActions; the window's layout and status in
// mainwindow.cpp.

#include "mainwindow.h"

#include "connectioncontroller.h"
#include "hierarchydiagram.h"
#include "hierarchypanel.h"
#include "icons.h"
#include "languagemenu.h"
#include "messagebar.h"
#include "registryactions.h"
#include "version.h"
#include "workspacetabs.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>

namespace ferry::ui {

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
    m_connectAction = make(
        tr("&Connect"), QStringLiteral("server"), QKeySequence(Qt::CTRL | Qt::Key_L),
        tr("Connect to the server typed in the address field"), QStringLiteral("connectAction"));
    m_newAction =
        make(tr("&New registry…"), QStringLiteral("new"), QKeySequence::New,
             tr("Create a connected registry under the selected one"), QStringLiteral("newAction"));
    m_refreshAction = make(tr("&Refresh"), QStringLiteral("refresh"), QKeySequence(Qt::Key_F5),
                           tr("Read the whole hierarchy again"), QStringLiteral("refreshAction"));
    m_findAction = make(tr("&Find…"), QStringLiteral("find"), QKeySequence::Find,
                        tr("Find a registry by name"), QStringLiteral("findAction"));
    m_zoomInAction = make(tr("Zoom &in"), QStringLiteral("zoom-in"), QKeySequence::ZoomIn,
                          tr("Zoom into the diagram"), QStringLiteral("zoomInAction"));
    m_zoomOutAction = make(tr("Zoom &out"), QStringLiteral("zoom-out"), QKeySequence::ZoomOut,
                           tr("Zoom out of the diagram"), QStringLiteral("zoomOutAction"));
    m_fitAction =
        make(tr("&Fit to window"), QStringLiteral("zoom-fit"), QKeySequence(Qt::CTRL | Qt::Key_0),
             tr("Show the whole tree"), QStringLiteral("fitAction"));
    m_exportPngAction =
        make(tr("Export diagram as &PNG…"), QStringLiteral("export"), {},
             tr("Save the diagram as a PNG picture"), QStringLiteral("exportPngAction"));
    m_exportSvgAction =
        make(tr("Export diagram as &SVG…"), QStringLiteral("export"), {},
             tr("Save the diagram as an SVG drawing"), QStringLiteral("exportSvgAction"));
    m_localAction = make(tr("Start a &local registry"), QStringLiteral("server"), {},
                         tr("Run the bundled ferryd on this computer and connect to it"),
                         QStringLiteral("localAction"));
    m_quitAction = make(tr("&Quit"), {}, QKeySequence::Quit, tr("Quit the console"),
                        QStringLiteral("quitAction"));
    m_aboutAction = make(tr("&About Ferry Console"), QStringLiteral("ferry"), {},
                         tr("Version and licence"), QStringLiteral("aboutAction"));

    connect(m_connectAction, &QAction::triggered, this, &MainWindow::connectToTypedUrl);
    // New (Ctrl+N) makes what the page shows: a token, a scope map, else a registry.
    connect(m_newAction, &QAction::triggered, this, [this] {
        if (!m_workspace->newOnCurrentPage())
            newRegistry();
    });
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_workspace->setCurrentIndex(0); // the find field is the hierarchy's
        m_hierarchy->focusFind();
    });
    connect(m_zoomInAction, &QAction::triggered, m_hierarchy->diagram(), &HierarchyDiagram::zoomIn);
    connect(m_zoomOutAction, &QAction::triggered, m_hierarchy->diagram(),
            &HierarchyDiagram::zoomOut);
    connect(m_fitAction, &QAction::triggered, m_hierarchy->diagram(),
            &HierarchyDiagram::fitToWindow);
    connect(m_exportPngAction, &QAction::triggered, this,
            [this] { exportDiagram(QStringLiteral("png")); });
    connect(m_exportSvgAction, &QAction::triggered, this,
            [this] { exportDiagram(QStringLiteral("svg")); });
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
    edit->addAction(m_registryActions->editAction());
    edit->addAction(m_registryActions->deactivateAction());
    edit->addAction(m_registryActions->deleteAction());
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
    toolBar->addAction(m_registryActions->editAction());
    toolBar->addAction(m_registryActions->deleteAction());
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
    QMessageBox::about(
        this, tr("About Ferry Console"),
        tr("<h3>Ferry Console %1</h3><p>Manage hierarchies of container "
           "registries at the edge: see the sync tree live, manage connected "
           "registries, tokens and scope maps, rotate passwords in one click.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QString::fromLatin1(ferry::version()), QString::fromLatin1(qVersion())));
}

} // namespace ferry::ui
