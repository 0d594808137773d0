// Editing, deactivating and deleting a connected registry from the console's
// window, offscreen, against a real root ferryd (and a real connected ferryd
// for the deactivation), with a real keychain. Every outcome is read back
// from the service's API, not from the console.

#include "../credentials/secretchecks.h"
#include "../models/consolehierarchy.h"
#include "auditlogmodel.h"
#include "consolesession.h"
#include "detailspanel.h"
#include "editregistrydialog.h"
#include "hierarchydiagram.h"
#include "hierarchypanel.h"
#include "mainwindow.h"
#include "nodecard.h"
#include "registryactions.h"
#include "registryauditlist.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace ferry::ui;
using ferry::HierarchyModel;

namespace {
constexpr int kDeadlineMs = 30000;
QTemporaryDir g_home;

QStringList strings(const QJsonValue& value) {
    QStringList out;
    for (const QJsonValue& v : value.toArray())
        out << v.toString();
    return out;
}
} // namespace

class TestRegistryEdit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void contextMenusAndDetailsOfferTheCommands();
    void editValidatesAsTypedAndSavesEverySetting();
    void editRemovesARepository();
    void concurrentChangeIsRefusedInline();
    void detailsShowTheNodesAuditRecords();
    void deactivateAsksThenDeactivates();
    void deleteNamesWhatCleanupRemoves();

private:
    EditRegistryDialog* openEditor(const QString& name);
    QJsonObject permissions(const QString& name) {
        return QJsonDocument::fromJson(
                   m_hierarchy.admin()
                       .call(
                           "GET",
                           QStringLiteral("/api/v1/connected-registries/%1/permissions").arg(name))
                       .body)
            .object();
    }
    RegistryActions* actions() const { return m_window->registryActions(); }

    ConsoleHierarchy m_hierarchy;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestRegistryEdit::initTestCase() {
    QVERIFY(m_hierarchy.start());
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("edgeone"), QStringLiteral("ReadWrite")));
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("mirrortwo"), QStringLiteral("ReadOnly"),
                                       QStringLiteral("edgeone")));
    QVERIFY(m_hierarchy.createRegistry(QStringLiteral("edgethree"), QStringLiteral("ReadOnly")));
    QVERIFY(m_hierarchy.admin().putScopeMap(QStringLiteral("clientpull"),
                                            {QStringLiteral("repositories/app/content/read")}));
    QVERIFY(
        m_hierarchy.admin().createToken(QStringLiteral("clientone"), QStringLiteral("clientpull")));
    m_session = std::make_unique<ConsoleSession>();
    m_session->setCredentials(QStringLiteral("admin"), m_hierarchy.adminPassword());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->connectTo(m_hierarchy.root().baseUrl());
    QTRY_VERIFY_WITH_TIMEOUT(m_session->hierarchy()->indexOf(QStringLiteral("mirrortwo")).isValid(),
                             kDeadlineMs);
}

void TestRegistryEdit::contextMenusAndDetailsOfferTheCommands() {
    HierarchyPanel* panel = m_window->hierarchyPanel();
    for (QWidget* view :
         {static_cast<QWidget*>(panel->treeView()), static_cast<QWidget*>(panel->diagram())}) {
        QCOMPARE(view->contextMenuPolicy(), Qt::ActionsContextMenu);
        QVERIFY(view->actions().contains(actions()->editAction()));
        QVERIFY(view->actions().contains(actions()->deactivateAction()));
        QVERIFY(view->actions().contains(actions()->deleteAction()));
    }
    // The root can't be edited, deactivated or deleted.
    panel->selectName(QStringLiteral("root"));
    QVERIFY(!actions()->editAction()->isEnabled());
    QVERIFY(!actions()->deleteAction()->isEnabled());
    // A right click on a card selects it, so its context menu acts on it.
    HierarchyDiagram* diagram = panel->diagram();
    diagram->fitToWindow();
    const QPoint at = diagram->mapFromScene(
        diagram->cardFor(QStringLiteral("edgeone"))->sceneBoundingRect().center());
    QTest::mousePress(diagram->viewport(), Qt::RightButton, {}, at);
    QTest::mouseRelease(diagram->viewport(), Qt::RightButton, {}, at);
    QCOMPARE(panel->currentName(), QStringLiteral("edgeone"));
    QVERIFY(actions()->editAction()->isEnabled());
    // Never activated: there is nothing to deactivate.
    QVERIFY(!actions()->deactivateAction()->isEnabled());
    // The details panel carries the same commands.
    auto* edit = m_window->detailsPanel()->findChild<QToolButton*>(
        QStringLiteral("editRegistryActionButton"));
    QVERIFY(edit && edit->defaultAction() == actions()->editAction());
    QVERIFY(m_window->detailsPanel()->findChild<QToolButton*>(
        QStringLiteral("deactivateActionButton")));
    edit->click();
    QTRY_VERIFY(actions()->editDialog() && actions()->editDialog()->isVisible());
    QCOMPARE(actions()->editDialog()->registryName(), QStringLiteral("edgeone"));
    actions()->editDialog()->reject();
}

EditRegistryDialog* TestRegistryEdit::openEditor(const QString& name) {
    m_window->hierarchyPanel()->selectName(name);
    actions()->editAction()->trigger();
    EditRegistryDialog* dialog = actions()->editDialog();
    if (!dialog)
        return nullptr;
    // The repositories arrive from the permissions API.
    if (!QTest::qWaitFor(
            [dialog] {
                return dialog->findChild<QLineEdit*>(QStringLiteral("editRepositories"))
                    ->isEnabled();
            },
            kDeadlineMs))
        return nullptr;
    return dialog;
}

void TestRegistryEdit::editValidatesAsTypedAndSavesEverySetting() {
    EditRegistryDialog* dialog = openEditor(QStringLiteral("edgeone"));
    QVERIFY(dialog);
    auto field = [dialog](const char* name) {
        return dialog->findChild<QLineEdit*>(QLatin1String(name));
    };
    auto* save = dialog->findChild<QPushButton*>(QStringLiteral("saveRegistry"));
    auto* problem = dialog->findChild<QLabel*>(QStringLiteral("editProblem"));
    QCOMPARE(field("editRepositories")->text(), QStringLiteral("app"));
    QVERIFY(!save->isEnabled()); // nothing changed yet

    // The service's rules, as typed: a scheduled sync needs a window...
    field("editSchedule")->setText(QStringLiteral("0 */2 * * *"));
    QVERIFY(!save->isEnabled());
    QVERIFY2(problem->text().contains(QStringLiteral("window")), qPrintable(problem->text()));
    // ...of 1 hour to 7 days,
    field("editWindow")->setText(QStringLiteral("PT10M"));
    QVERIFY(!save->isEnabled());
    field("editWindow")->setText(QStringLiteral("PT2H"));
    QVERIFY2(save->isEnabled(), qPrintable(problem->text()));
    // a TTL of 1 to 90 days, repository patterns, notification patterns.
    field("editMessageTtl")->setText(QStringLiteral("P365D"));
    QVERIFY(!save->isEnabled());
    field("editMessageTtl")->setText(QStringLiteral("P3D"));
    field("editRepositories")->setText(QStringLiteral("app, team*"));
    QVERIFY(!save->isEnabled());
    field("editRepositories")->setText(QStringLiteral("app, team/*"));
    field("editNotifications")->setText(QStringLiteral("app:nonsense"));
    QVERIFY(!save->isEnabled());
    field("editNotifications")->setText(QStringLiteral("app:push"));
    field("editClientTokens")->setText(QStringLiteral("clientone"));
    auto* level = dialog->findChild<QComboBox*>(QStringLiteral("editLogLevel"));
    level->setCurrentIndex(level->findData(QStringLiteral("Warning")));
    dialog->findChild<QCheckBox*>(QStringLiteral("editAuditLog"))->setChecked(true);
    // Garbage collection: off by default, its schedule edited only once it is on.
    auto* gc = dialog->findChild<QCheckBox*>(QStringLiteral("editGcEnabled"));
    QVERIFY(!gc->isChecked());
    QCOMPARE(field("editGcSchedule")->text(), QStringLiteral("0 1 * * *"));
    QVERIFY(!field("editGcSchedule")->isEnabled());
    gc->setChecked(true);
    QVERIFY(field("editGcSchedule")->isEnabled());
    field("editGcSchedule")->setText(QStringLiteral("0 25 * * *"));
    QVERIFY(!save->isEnabled());
    QVERIFY2(problem->text().startsWith(QStringLiteral("Garbage collection schedule: ")),
             qPrintable(problem->text()));
    field("editGcSchedule")->setText(QStringLiteral("30 3 * * 0"));
    QVERIFY2(save->isEnabled(), qPrintable(problem->text()));
    QCOMPARE(dialog->changes().value(QStringLiteral("garbageCollection")).toObject(),
             (QJsonObject{{QStringLiteral("enabled"), true},
                          {QStringLiteral("schedule"), QStringLiteral("30 3 * * 0")}}));
    QCOMPARE(dialog->addedRepositories(), QStringList{QStringLiteral("team/*")});

    QSignalSpy saved(dialog, &EditRegistryDialog::saved);
    save->click();
    // Saved, the dialog closes and goes: QVERIFY2 evaluates its message
    // either way, so read the label only while it is there.
    const QPointer<QLabel> shown(problem);
    QVERIFY2(saved.wait(kDeadlineMs),
             qPrintable(shown ? shown->text() : QStringLiteral("(closed)")));

    const QJsonObject stored = m_hierarchy.registry(QStringLiteral("edgeone"));
    const QJsonObject sync = stored.value(QStringLiteral("sync")).toObject();
    QCOMPARE(sync.value(QStringLiteral("schedule")).toString(), QStringLiteral("0 */2 * * *"));
    QCOMPARE(sync.value(QStringLiteral("window")).toString(), QStringLiteral("PT2H"));
    QCOMPARE(sync.value(QStringLiteral("messageTtl")).toString(), QStringLiteral("P3D"));
    QCOMPARE(stored.value(QStringLiteral("logging"))
                 .toObject()
                 .value(QStringLiteral("level"))
                 .toString(),
             QStringLiteral("Warning"));
    QCOMPARE(stored.value(QStringLiteral("logging"))
                 .toObject()
                 .value(QStringLiteral("auditLog"))
                 .toString(),
             QStringLiteral("Enabled"));
    QCOMPARE(strings(stored.value(QStringLiteral("notifications"))),
             QStringList{QStringLiteral("app:push")});
    QCOMPARE(stored.value(QStringLiteral("garbageCollection")).toObject(),
             (QJsonObject{{QStringLiteral("enabled"), true},
                          {QStringLiteral("schedule"), QStringLiteral("30 3 * * 0")}}));
    QCOMPARE(strings(stored.value(QStringLiteral("clientTokens"))),
             QStringList{QStringLiteral("clientone")});
    QCOMPARE(strings(permissions(QStringLiteral("edgeone")).value(QStringLiteral("repositories"))),
             (QStringList{QStringLiteral("app"), QStringLiteral("team/*")}));
    // The event stream brings the new revision to the row the console shows.
    QTRY_COMPARE_WITH_TIMEOUT(m_session->hierarchy()
                                  ->indexOf(QStringLiteral("edgeone"))
                                  .data(HierarchyModel::RevisionRole)
                                  .toLongLong(),
                              qint64(stored.value(QStringLiteral("revision")).toDouble()),
                              kDeadlineMs);
    // And the details panel's Sync tab says how the registry collects garbage.
    auto* summary = m_window->detailsPanel()->findChild<QLabel*>(QStringLiteral("syncSummary"));
    QVERIFY(summary);
    QTRY_VERIFY_WITH_TIMEOUT(
        summary->text().contains(QStringLiteral("Garbage collection: on, 30 3 * * 0 (UTC)")),
        kDeadlineMs);
}

void TestRegistryEdit::editRemovesARepository() {
    EditRegistryDialog* dialog = openEditor(QStringLiteral("edgeone"));
    QVERIFY(dialog);
    auto* repositories = dialog->findChild<QLineEdit*>(QStringLiteral("editRepositories"));
    QCOMPARE(repositories->text(), QStringLiteral("app, team/*"));
    repositories->setText(QStringLiteral("team/*"));
    QCOMPARE(dialog->removedRepositories(), QStringList{QStringLiteral("app")});
    QVERIFY(dialog->changes().isEmpty()); // only the permissions change
    QSignalSpy saved(dialog, &EditRegistryDialog::saved);
    dialog->findChild<QPushButton*>(QStringLiteral("saveRegistry"))->click();
    QVERIFY(saved.wait(kDeadlineMs));
    QCOMPARE(strings(permissions(QStringLiteral("edgeone")).value(QStringLiteral("repositories"))),
             QStringList{QStringLiteral("team/*")});
}

void TestRegistryEdit::concurrentChangeIsRefusedInline() {
    EditRegistryDialog* dialog = openEditor(QStringLiteral("edgeone"));
    QVERIFY(dialog);
    // Someone else changes the registry while the dialog is open.
    QCOMPARE(
        m_hierarchy.admin()
            .call("PATCH", QStringLiteral("/api/v1/connected-registries/edgeone"),
                  QJsonObject{{QStringLiteral("logging"),
                               QJsonObject{{QStringLiteral("level"), QStringLiteral("Error")}}}})
            .status,
        200);
    dialog->findChild<QLineEdit*>(QStringLiteral("editMessageTtl"))->setText(QStringLiteral("P9D"));
    auto* save = dialog->findChild<QPushButton*>(QStringLiteral("saveRegistry"));
    auto* problem = dialog->findChild<QLabel*>(QStringLiteral("editProblem"));
    auto* reload = dialog->findChild<QPushButton*>(QStringLiteral("editReload"));
    QVERIFY(!reload->isVisible()); // offered only once a save is refused
    QVERIFY(save->isEnabled());
    save->click();
    QTRY_VERIFY_WITH_TIMEOUT(problem->text().contains(QStringLiteral("changed meanwhile")),
                             kDeadlineMs);
    QVERIFY(dialog->isVisible()); // still open, what was typed still there
    QVERIFY(reload->isVisible());
    // Nothing was written; the other change stands.
    const QJsonObject stored = m_hierarchy.registry(QStringLiteral("edgeone"));
    QCOMPARE(stored.value(QStringLiteral("sync"))
                 .toObject()
                 .value(QStringLiteral("messageTtl"))
                 .toString(),
             QStringLiteral("P3D"));
    QCOMPARE(stored.value(QStringLiteral("logging"))
                 .toObject()
                 .value(QStringLiteral("level"))
                 .toString(),
             QStringLiteral("Error"));
    // Reload reads the registry from the service (not waiting for the event
    // stream) and shows the other change; the edit then goes through.
    reload->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        !reload->isVisible() &&
            dialog->findChild<QLineEdit*>(QStringLiteral("editRepositories"))->isEnabled(),
        kDeadlineMs);
    QCOMPARE(
        dialog->findChild<QComboBox*>(QStringLiteral("editLogLevel"))->currentData().toString(),
        QStringLiteral("Error"));
    dialog->findChild<QLineEdit*>(QStringLiteral("editMessageTtl"))->setText(QStringLiteral("P9D"));
    QSignalSpy saved(dialog, &EditRegistryDialog::saved);
    save->click();
    // Saved, the dialog closes and goes: QVERIFY2 evaluates its message
    // either way, so read the label only while it is there.
    const QPointer<QLabel> shown(problem);
    QVERIFY2(saved.wait(kDeadlineMs),
             qPrintable(shown ? shown->text() : QStringLiteral("(closed)")));
    QCOMPARE(m_hierarchy.registry(QStringLiteral("edgeone"))
                 .value(QStringLiteral("sync"))
                 .toObject()
                 .value(QStringLiteral("messageTtl"))
                 .toString(),
             QStringLiteral("P9D"));
}

void TestRegistryEdit::detailsShowTheNodesAuditRecords() {
    // A record about edgeone's sync token, and one about another registry.
    QVERIFY(
        !m_hierarchy.admin()
             .generatePassword(QStringLiteral("edgeone-sync-token"), QStringLiteral("password2"))
             .isEmpty());
    QCOMPARE(m_hierarchy.admin()
                 .call("PATCH", QStringLiteral("/api/v1/connected-registries/edgethree"),
                       QJsonObject{{QStringLiteral("notifications"),
                                    QJsonArray{QStringLiteral("app:push")}}})
                 .status,
             200);
    RegistryAuditList* audit = m_window->detailsPanel()->audit();
    ferry::AuditLogModel* model = audit->model();
    // Small pages: a registry's records are read to the end all the same.
    model->setPageSize(2);
    m_window->hierarchyPanel()->selectName(QStringLiteral("root"));
    m_window->hierarchyPanel()->selectName(QStringLiteral("edgeone"));
    // The sync scope map is read from the token, not guessed.
    QTRY_COMPARE_WITH_TIMEOUT(model->targets(),
                              (QStringList{QStringLiteral("connected-registries/edgeone"),
                                           QStringLiteral("tokens/edgeone-sync-token"),
                                           QStringLiteral("scope-maps/edgeone-sync-scope-map")}),
                              kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        !model->isLoading() && !model->canFetchMore({}) && model->rowCount() > 2, kDeadlineMs);
    QStringList actionsSeen;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString target =
            model->index(row, ferry::AuditLogModel::TargetColumn).data().toString();
        QVERIFY2(model->targets().contains(target), qPrintable(target));
        actionsSeen << model->index(row, ferry::AuditLogModel::ActionColumn).data().toString();
    }
    // Exactly the server's records about those targets: the creation, the
    // edits made above, and the sync token's new password.
    const QJsonArray all = m_hierarchy.admin().audit();
    int expected = 0;
    for (const QJsonValue& v : all)
        expected += model->targets().contains(v[QStringLiteral("target")].toString()) ? 1 : 0;
    QCOMPARE(model->rowCount(), expected);
    QVERIFY(actionsSeen.contains(QStringLiteral("connectedRegistry.create")));
    QVERIFY(actionsSeen.contains(QStringLiteral("connectedRegistry.update")));
    QVERIFY(actionsSeen.contains(QStringLiteral("connectedRegistry.permissions")));
    QVERIFY(actionsSeen.contains(QStringLiteral("token.credentials.generate")));
    QVERIFY(m_window->detailsPanel()->tabs()->indexOf(audit) >= 0);
}

void TestRegistryEdit::deactivateAsksThenDeactivates() {
    // A deployed registry: its ferryd activates it.
    QVERIFY(m_hierarchy.startChild(QStringLiteral("edgethree")));
    const QModelIndex index = m_session->hierarchy()->indexOf(QStringLiteral("edgethree"));
    QTRY_COMPARE_WITH_TIMEOUT(index.data(HierarchyModel::ActivationRole).toString(),
                              QStringLiteral("Active"), kDeadlineMs);
    m_window->hierarchyPanel()->selectName(QStringLiteral("edgethree"));
    QTRY_VERIFY(actions()->deactivateAction()->isEnabled());

    // Cancel changes nothing.
    actions()->deactivateAction()->trigger();
    QMessageBox* box = actions()->confirmation();
    QVERIFY(box && box->objectName() == QStringLiteral("confirmDeactivate"));
    QVERIFY(box->informativeText().contains(QStringLiteral("stops syncing")));
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(300);
    QCOMPARE(m_hierarchy.registry(QStringLiteral("edgethree"))
                 .value(QStringLiteral("activation"))
                 .toString(),
             QStringLiteral("Active"));

    actions()->deactivateAction()->trigger();
    box = actions()->confirmation();
    QVERIFY(box);
    box->findChild<QPushButton*>(QStringLiteral("deactivateButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_hierarchy.registry(QStringLiteral("edgethree"))
                                  .value(QStringLiteral("activation"))
                                  .toString(),
                              QStringLiteral("Inactive"), kDeadlineMs);
    // The row follows through the event stream, and there is nothing more to deactivate.
    QTRY_COMPARE_WITH_TIMEOUT(index.data(HierarchyModel::ActivationRole).toString(),
                              QStringLiteral("Inactive"), kDeadlineMs);
    QVERIFY(!actions()->deactivateAction()->isEnabled());
    const QJsonArray audit =
        m_hierarchy.admin().audit(QStringLiteral("connectedRegistry.deactivate"));
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().toObject().value(QStringLiteral("target")).toString(),
             QStringLiteral("connected-registries/edgethree"));
}

void TestRegistryEdit::deleteNamesWhatCleanupRemoves() {
    QSignalSpy messages(actions(), &RegistryActions::message);
    // A registry with children: the service's refusal, and no question.
    m_window->hierarchyPanel()->selectName(QStringLiteral("edgeone"));
    actions()->deleteAction()->trigger();
    // (A message of the deactivation above may still arrive: look for the refusal.)
    const auto refusal = [&messages] {
        for (const QList<QVariant>& m : messages)
            if (m.at(1).toBool() && m.at(0).toString().contains(QStringLiteral("mirrortwo")))
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(refusal(), kDeadlineMs);
    QVERIFY(!actions()->confirmation() || !actions()->confirmation()->isVisible() ||
            actions()->confirmation()->objectName() != QStringLiteral("confirmDelete"));

    // The leaf: the question names its token, its scope map and the gateway
    // actions cleanup takes out of its parent's scope map.
    const QStringList parentActionsBefore =
        strings(permissions(QStringLiteral("edgeone")).value(QStringLiteral("actions")));
    QVERIFY(parentActionsBefore.contains(QStringLiteral("gateway/mirrortwo/config/read")));
    m_window->hierarchyPanel()->selectName(QStringLiteral("mirrortwo"));
    actions()->deleteAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(actions()->confirmation() && actions()->confirmation()->objectName() ==
                                                              QStringLiteral("confirmDelete"),
                             kDeadlineMs);
    QMessageBox* box = actions()->confirmation();
    const QString text = box->informativeText();
    for (const char* named :
         {"mirrortwo-sync-token", "mirrortwo-sync-scope-map", "gateway/mirrortwo/config/read",
          "gateway/mirrortwo/config/write", "gateway/mirrortwo/message/read",
          "gateway/mirrortwo/message/write", "edgeone-sync-scope-map"})
        QVERIFY2(text.contains(QLatin1String(named)), named);
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    box->findChild<QPushButton*>(QStringLiteral("deleteWithCleanup"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_session->hierarchy()->indexOf(QStringLiteral("mirrortwo")).isValid(), kDeadlineMs);
    // Exactly what it named is gone.
    QCOMPARE(m_hierarchy.admin()
                 .call("GET", QStringLiteral("/api/v1/tokens/mirrortwo-sync-token"))
                 .status,
             404);
    QCOMPARE(m_hierarchy.admin()
                 .call("GET", QStringLiteral("/api/v1/scope-maps/mirrortwo-sync-scope-map"))
                 .status,
             404);
    for (const QString& action :
         strings(permissions(QStringLiteral("edgeone")).value(QStringLiteral("actions"))))
        QVERIFY2(!action.startsWith(QStringLiteral("gateway/mirrortwo/")), qPrintable(action));
}

int main(int argc, char** argv) {
    useHomeFolders(g_home);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setApplicationName(QStringLiteral("tst_registryedit"));
    TestRegistryEdit test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_registryedit.moc"
