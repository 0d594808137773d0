// The console's window offscreen, against a real root ferryd and a real
// connected ferryd, with a real Secret Service (CTest runs it under
// dbus-run-session with a throwaway gnome-keyring). It shows the live
// hierarchy in the tree list and the diagram, shares one selection between
// them, follows a state change without laying the tree out again, rotates a
// token's password in one click into the keychain, exports the diagram, and
// leaves no secret in its settings or anywhere under its folders.

#include "../credentials/secretchecks.h"
#include "../models/consolehierarchy.h"
#include "consolesession.h"
#include "detailspanel.h"
#include "hierarchydiagram.h"
#include "hierarchypanel.h"
#include "icons.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "nodecard.h"
#include "onetimesecretdialog.h"
#include "passwordrotation.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDirIterator>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace ferry::ui;
using ferry::HierarchyModel;

namespace {
constexpr int kDeadlineMs = 20000;
QTemporaryDir g_home; // XDG config, data and cache of this process

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void connectsAndCountsWithPlurals();
    void showsTheLiveHierarchyInListAndDiagram();
    void oneSelectionForListDiagramAndDetails();
    void stateChangeDoesNotRelayout();
    void filterHidesAndDims();
    void everyControlHasAnAccessibleName();
    void regeneratesAPasswordIntoTheKeychain();
    void exportsPngAndSvg();
    void createDialogValidatesAsYouType();
    void noSecretInSettingsOrFiles();

private:
    ConsoleHierarchy m_hierarchy;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    QString m_tokenPassword;
};

void TestMainWindow::initTestCase() {
    QVERIFY(m_hierarchy.start());
    m_session = std::make_unique<ConsoleSession>();
    m_session->setCredentials(QStringLiteral("admin"), m_hierarchy.adminPassword());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::connectsAndCountsWithPlurals() {
    QCOMPARE(m_window->connectionState(), MainWindow::ConnectionState::Disconnected);
    m_window->connectTo(m_hierarchy.root().baseUrl());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionState(), MainWindow::ConnectionState::Connected,
                              kDeadlineMs);
    // Just the root: one registry, singular.
    QVERIFY2(m_window->statusText().contains(QStringLiteral("1 registry ")) ||
                 m_window->statusText().endsWith(QStringLiteral("1 registry · 1 online")),
             qPrintable(m_window->statusText()));
    QVERIFY(!m_window->statusText().contains(QStringLiteral("1 registries")));
}

void TestMainWindow::showsTheLiveHierarchyInListAndDiagram() {
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("edgea"), QStringLiteral("ReadWrite")));
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("edgeb"), QStringLiteral("ReadWrite")));
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("mirrora"), QStringLiteral("ReadOnly"),
                                       QStringLiteral("edgea")));
    HierarchyDiagram* diagram = m_window->hierarchyPanel()->diagram();
    QTRY_COMPARE_WITH_TIMEOUT(diagram->cardCount(), 4, kDeadlineMs);
    QVERIFY2(m_window->statusText().contains(QStringLiteral("4 registries")),
             qPrintable(m_window->statusText()));
    QTreeView* tree = m_window->hierarchyPanel()->treeView();
    const QModelIndex mirror = m_session->hierarchy()->indexOf(QStringLiteral("mirrora"));
    QVERIFY(mirror.isValid());
    QVERIFY(!tree->isRowHidden(mirror.row(), mirror.parent()));
    // The diagram puts a child below its parent, and the root on top.
    const NodeCard* root = diagram->cardFor(QStringLiteral("root"));
    const NodeCard* edgea = diagram->cardFor(QStringLiteral("edgea"));
    const NodeCard* mirrorCard = diagram->cardFor(QStringLiteral("mirrora"));
    QVERIFY(root && edgea && mirrorCard);
    QVERIFY(root->pos().y() < edgea->pos().y());
    QVERIFY(edgea->pos().y() < mirrorCard->pos().y());
    // Deterministic: the same tree, laid out again, lands on the same spots.
    const QPointF before = mirrorCard->pos();
    const auto again = ferry::ui::layoutTree(*m_session->hierarchy());
    QCOMPARE(again.value(QPersistentModelIndex(mirror)), before);
}

void TestMainWindow::oneSelectionForListDiagramAndDetails() {
    HierarchyPanel* panel = m_window->hierarchyPanel();
    panel->treeView()->setCurrentIndex(m_session->hierarchy()->indexOf(QStringLiteral("mirrora")));
    QVERIFY(panel->diagram()->cardFor(QStringLiteral("mirrora"))->isCurrent());
    QCOMPARE(m_window->detailsPanel()->registryName(), QStringLiteral("mirrora"));
    auto* name = m_window->detailsPanel()->findChild<QLabel*>(QStringLiteral("name"));
    QCOMPARE(name->text(), QStringLiteral("mirrora"));
    // Up in the diagram walks to the parent, and the list follows.
    panel->diagram()->setFocus();
    QTest::keyClick(panel->diagram(), Qt::Key_Up);
    QCOMPARE(panel->currentName(), QStringLiteral("edgea"));
    QCOMPARE(panel->treeView()->currentIndex().siblingAtColumn(0),
             m_session->hierarchy()->indexOf(QStringLiteral("edgea")));
    QVERIFY(!panel->diagram()->cardFor(QStringLiteral("mirrora"))->isCurrent());
    QVERIFY(panel->diagram()->accessibleDescription().contains(QStringLiteral("edgea")));
}

void TestMainWindow::stateChangeDoesNotRelayout() {
    HierarchyDiagram* diagram = m_window->hierarchyPanel()->diagram();
    const int layouts = diagram->layoutCount();
    QVERIFY(m_hierarchy.startChild(QStringLiteral("edgea")));
    const QModelIndex state = m_session->hierarchy()
                                  ->indexOf(QStringLiteral("edgea"))
                                  .siblingAtColumn(HierarchyModel::StateColumn);
    QTRY_COMPARE_WITH_TIMEOUT(state.data().toString(), QStringLiteral("Online"), kDeadlineMs);
    QCOMPARE(diagram->layoutCount(), layouts);
    QVERIFY2(m_window->statusText().contains(QStringLiteral("2 online")),
             qPrintable(m_window->statusText()));
}

void TestMainWindow::filterHidesAndDims() {
    HierarchyPanel* panel = m_window->hierarchyPanel();
    QTest::keyClicks(panel->findField(), QStringLiteral("mirror"));
    const HierarchyModel* model = m_session->hierarchy();
    const QModelIndex edgeb = model->indexOf(QStringLiteral("edgeb"));
    const QModelIndex edgea = model->indexOf(QStringLiteral("edgea"));
    QVERIFY(panel->treeView()->isRowHidden(edgeb.row(), edgeb.parent()));
    QVERIFY(!panel->treeView()->isRowHidden(edgea.row(), edgea.parent())); // on the path
    QVERIFY(panel->diagram()->cardFor(QStringLiteral("edgeb"))->isDimmed());
    QVERIFY(!panel->diagram()->cardFor(QStringLiteral("mirrora"))->isDimmed());
    panel->findField()->clear();
    QVERIFY(!panel->treeView()->isRowHidden(edgeb.row(), edgeb.parent()));
    QVERIFY(!panel->diagram()->cardFor(QStringLiteral("edgeb"))->isDimmed());
}

void TestMainWindow::everyControlHasAnAccessibleName() {
    QStringList unnamed;
    for (QWidget* widget : m_window->findChildren<QWidget*>()) {
        if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus)
            continue;
        QAccessibleInterface* face = QAccessible::queryAccessibleInterface(widget);
        if (!face)
            continue;
        // A labelled field takes its name from its buddy label; anything else needs one.
        const QString name = face->text(QAccessible::Name);
        if (name.trimmed().isEmpty())
            unnamed << QStringLiteral("%1 (%2) in %3 (%4)")
                           .arg(widget->objectName(), widget->metaObject()->className(),
                                widget->parentWidget() ? widget->parentWidget()->objectName()
                                                       : QString(),
                                widget->parentWidget()
                                    ? widget->parentWidget()->metaObject()->className()
                                    : "");
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    // The tree list reads out each node's name, mode and state.
    const QModelIndex mirror = m_session->hierarchy()->indexOf(QStringLiteral("mirrora"));
    QCOMPARE(mirror.data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("mirrora, ReadOnly, Offline, inactive"));
    auto* close = m_window->messageBar()->findChild<QToolButton*>(QStringLiteral("messageClose"));
    QVERIFY(close && !close->accessibleName().isEmpty());
    for (QAction* menu : m_window->menuBar()->actions())
        QVERIFY(!menu->text().isEmpty());
}

void TestMainWindow::regeneratesAPasswordIntoTheKeychain() {
    QVERIFY(m_hierarchy.admin().putScopeMap(QStringLiteral("ci-pull-map"),
                                            {QStringLiteral("repositories/app/content/read")}));
    QVERIFY(
        m_hierarchy.admin().createToken(QStringLiteral("ci-pull"), QStringLiteral("ci-pull-map")));
    OneTimeSecretDialog::setClipboardClearDelay(400);

    m_window->hierarchyPanel()->selectName(QStringLiteral("root"));
    PasswordRotation* rotation = m_window->detailsPanel()->regenerate(QStringLiteral("ci-pull"), 1);
    QSignalSpy finished(rotation, &PasswordRotation::finished);
    QMessageBox* confirm = rotation->confirmation();
    QVERIFY(confirm);
    QTRY_VERIFY(confirm->isVisible());
    // It says what stops working before anything changes.
    QVERIFY(confirm->informativeText().contains(QStringLiteral("stops working")));
    auto* go = confirm->findChild<QPushButton*>(QStringLiteral("confirmRegenerate"));
    QVERIFY(go);
    go->click();

    QVERIFY(finished.wait(kDeadlineMs));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("Stored in the keychain."));
    OneTimeSecretDialog* shown = rotation->resultDialog();
    QVERIFY(shown && shown->isVisible());
    m_tokenPassword = shown->findChild<QLineEdit*>(QStringLiteral("newPassword"))->text();
    QCOMPARE(m_tokenPassword.size(), 43);

    // In the keychain, under this server and the token's slot.
    ferry::CredentialStore keychain;
    const JobOutcome stored =
        awaitJob(keychain.read(m_session->tokenKey(QStringLiteral("ci-pull"), 1)), kDeadlineMs);
    QCOMPARE(stored.error, ferry::CredentialJob::Error::None);
    QCOMPARE(stored.secret, m_tokenPassword);

    // And it is the password the server now accepts.
    HttpClient http(m_hierarchy.root().baseUrl());
    const accesskit::TokenAnswer answer =
        accesskit::fetchToken(http, accesskit::basic(QStringLiteral("ci-pull"), m_tokenPassword),
                              {QStringLiteral("repository:app:pull")});
    QVERIFY2(answer.ok(), answer.reply.body.constData());

    // Copy, then the clipboard is cleared after the delay.
    shown->findChild<QToolButton*>(QStringLiteral("copyPassword"))->click();
    QCOMPARE(QApplication::clipboard()->text(), m_tokenPassword);
    QTRY_VERIFY_WITH_TIMEOUT(QApplication::clipboard()->text().isEmpty(), 5000);
    shown->close();
}

void TestMainWindow::exportsPngAndSvg() {
    QTemporaryDir out;
    HierarchyDiagram* diagram = m_window->hierarchyPanel()->diagram();
    QVERIFY(diagram->exportPng(out.filePath(QStringLiteral("tree.png"))));
    QVERIFY(diagram->exportSvg(out.filePath(QStringLiteral("tree.svg"))));
    const QImage image(out.filePath(QStringLiteral("tree.png")));
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 400 && image.height() > 200);
    QFile svg(out.filePath(QStringLiteral("tree.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("mirrora"));
    QVERIFY(text.contains("Online"));
}

void TestMainWindow::createDialogValidatesAsYouType() {
    m_window->hierarchyPanel()->selectName(QStringLiteral("mirrora"));
    auto* newAction = m_window->findChild<QAction*>(QStringLiteral("newAction"));
    QVERIFY(newAction && newAction->isEnabled());
    newAction->trigger();
    QWidget* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QWidget*>(QStringLiteral("createRegistryDialog"))));
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("registryName"));
    auto* repositories = dialog->findChild<QLineEdit*>(QStringLiteral("registryRepositories"));
    auto* problem = dialog->findChild<QLabel*>(QStringLiteral("registryProblem"));
    auto* create = dialog->findChild<QPushButton*>(QStringLiteral("createRegistry"));
    QTest::keyClicks(name, QStringLiteral("ab"));
    QVERIFY(!create->isEnabled());
    QVERIFY(!problem->text().isEmpty());
    QTest::keyClicks(name, QStringLiteral("cdef"));
    QTest::keyClicks(repositories, QStringLiteral("app"));
    // A ReadWrite child under the ReadOnly mirror breaks a rule the domain knows.
    QVERIFY(!create->isEnabled());
    QVERIFY2(problem->text().contains(QStringLiteral("ReadOnly")), qPrintable(problem->text()));
    auto* parent = dialog->findChild<QComboBox*>(QStringLiteral("registryParent"));
    parent->setCurrentIndex(parent->findData(QStringLiteral("edgeb")));
    QVERIFY2(create->isEnabled(), qPrintable(problem->text()));
    create->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_session->hierarchy()->indexOf(QStringLiteral("abcdef")).isValid(),
                             kDeadlineMs);
    QCOMPARE(m_session->hierarchy()->indexOf(QStringLiteral("abcdef")).parent(),
             m_session->hierarchy()->indexOf(QStringLiteral("edgeb")));
}

void TestMainWindow::noSecretInSettingsOrFiles() {
    m_window->close(); // writes the window's settings
    QVERIFY(!filesContaining(g_home.path(), QByteArrayLiteral("lastServer")).isEmpty());
    QCOMPARE(filesContaining(g_home.path(), m_hierarchy.adminPassword().toUtf8()), QStringList());
    QVERIFY(!m_tokenPassword.isEmpty());
    QCOMPARE(filesContaining(g_home.path(), m_tokenPassword.toUtf8()), QStringList());
}

int main(int argc, char* argv[]) {
    useHomeFolders(g_home);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    ferry::ui::installTranslations();
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindow.moc"
