// The console's access pages offscreen, in the real window, against a real
// ferryd (and a real Secret Service, under dbus-run-session): a token made
// in the Tokens page, disabled there and refused at the registry's own token
// endpoint, given a password with an expiry through the one-click
// regeneration, and moved to another scope map; a scope map made and edited
// through the grid, the service's stored actions checked, a concurrent
// change refused inline; the audit log filtered by action and by time.

#include "../credentials/secretchecks.h"
#include "../models/consolehierarchy.h"
#include "auditlogmodel.h"
#include "auditview.h"
#include "consolesession.h"
#include "icons.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "onetimesecretdialog.h"
#include "passwordrotation.h"
#include "scopemapeditor.h"
#include "scopemapgridmodel.h"
#include "scopemaplistmodel.h"
#include "scopemapsview.h"
#include "tokendialog.h"
#include "tokenlistmodel.h"
#include "tokensview.h"
#include "workspacetabs.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace ferry::ui;
using ferry::ScopeMapGridModel;
using ferry::TokenListModel;

namespace {
constexpr int kDeadlineMs = 20000;
QTemporaryDir g_home;

QJsonObject getJson(accesskit::AdminApi& admin, const QString& path) {
    const HttpReply reply = admin.call("GET", path);
    return reply.status == 200 ? QJsonDocument::fromJson(reply.body).object() : QJsonObject();
}

QStringList sorted(QStringList list) {
    list.sort();
    return list;
}

} // namespace

class TestAccessViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void tokensPageCreatesAToken();
    void passwordWithAnExpiryThroughOneClickRegeneration();
    void disabledTokenIsRefusedAtTheTokenEndpoint();
    void scopeMapGridEditorSavesWhatTheServiceStores();
    void concurrentChangeIsRefusedInline();
    void tokenMovesToTheNewScopeMap();
    void deletesAfterConfirmationAndShowsRefusals();
    void auditPageFiltersByActionAndTime();
    void everyControlHasAnAccessibleName();
    void noSecretInSettingsOrFiles();

private:
    void showPage(int page);
    accesskit::TokenAnswer signIn(const QString& token, const QString& password);

    ConsoleHierarchy m_hierarchy;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    WorkspaceTabs* m_tabs = nullptr;
    QString m_password;
};

void TestAccessViews::initTestCase() {
    QVERIFY(m_hierarchy.start());
    m_session = std::make_unique<ConsoleSession>();
    m_session->setCredentials(QStringLiteral("admin"), m_hierarchy.adminPassword());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->connectTo(m_hierarchy.root().baseUrl());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionState(), MainWindow::ConnectionState::Connected,
                              kDeadlineMs);
    m_tabs = m_window->workspace();
    QVERIFY(m_tabs);
    QCOMPARE(m_tabs->count(), 4);
}

void TestAccessViews::showPage(int page) {
    // As the keyboard does it: View > Show the ... (Ctrl+1..4).
    m_tabs->pageActions().at(page)->trigger();
    QCOMPARE(m_tabs->currentIndex(), page);
}

accesskit::TokenAnswer TestAccessViews::signIn(const QString& token, const QString& password) {
    HttpClient http(m_hierarchy.root().baseUrl());
    return accesskit::fetchToken(http, accesskit::basic(token, password),
                                 {QStringLiteral("repository:app:pull")});
}

void TestAccessViews::tokensPageCreatesAToken() {
    showPage(1);
    TokensView* view = m_tabs->tokensView();
    // Shown for the first time: the first page is read now.
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->pagesLoaded() >= 1, kDeadlineMs);
    QCOMPARE(view->model()->rowCount(), 0);

    // New (Ctrl+N) on this page makes a token, not a registry.
    m_window->findChild<QAction*>(QStringLiteral("newAction"))->trigger();
    TokenDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = view->findChild<TokenDialog*>()) && dialog->isVisible());
    QVERIFY(!m_window->findChild<QWidget*>(QStringLiteral("createRegistryDialog")));
    QPushButton* create = dialog->buttons()->button(QDialogButtonBox::Ok);
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("ci"));
    QVERIFY(!create->isEnabled()); // too short, by the domain's rule
    QVERIFY(!dialog->problemLabel()->text().isEmpty());
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("-robot"));
    QVERIFY2(create->isEnabled(), qPrintable(dialog->problemLabel()->text()));
    create->click();
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOf(QStringLiteral("ci-robot")) >= 0, kDeadlineMs);
    QCOMPARE(view->currentToken(), QStringLiteral("ci-robot"));
    const QJsonObject stored =
        getJson(m_hierarchy.admin(), QStringLiteral("/api/v1/tokens/ci-robot"));
    QCOMPARE(stored.value(QStringLiteral("scopeMap")).toString(),
             QStringLiteral("_repositories_pull"));
    QCOMPARE(stored.value(QStringLiteral("status")).toString(), QStringLiteral("enabled"));

    // Creating it again is refused by the server, and the dialog says why.
    view->findChild<QPushButton*>(QStringLiteral("newToken"))->click();
    QTRY_VERIFY((dialog = view->findChild<TokenDialog*>()) && dialog->isVisible());
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("ci-robot"));
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog->problemLabel()->text().startsWith(QStringLiteral("The server refused")),
        kDeadlineMs);
    QVERIFY(dialog->isVisible());
    dialog->reject();
}

void TestAccessViews::passwordWithAnExpiryThroughOneClickRegeneration() {
    TokensView* view = m_tabs->tokensView();
    QVERIFY(view->selectToken(QStringLiteral("ci-robot")));
    view->findChild<QPushButton*>(QStringLiteral("tokenPassword"))->click();
    PasswordChoiceDialog* choice = nullptr;
    QTRY_VERIFY((choice = view->findChild<PasswordChoiceDialog*>()) && choice->isVisible());
    // A past expiry is refused as the service would.
    choice->setExpiry(QDateTime::currentDateTime().addDays(-1));
    QVERIFY(!choice->problemLabel()->text().isEmpty());
    const QDateTime expiry = QDateTime::currentDateTime().addDays(30);
    choice->setExpiry(expiry);
    choice->setSlot(1);
    QVERIFY(choice->problemLabel()->text().isEmpty());
    choice->accept();

    QTRY_VERIFY(view->lastRotation() && view->lastRotation()->confirmation());
    PasswordRotation* rotation = view->lastRotation();
    QSignalSpy finished(rotation, &PasswordRotation::finished);
    QMessageBox* confirm = rotation->confirmation();
    QTRY_VERIFY(confirm->isVisible());
    QVERIFY(confirm->informativeText().contains(QStringLiteral("stops working")));
    confirm->findChild<QPushButton*>(QStringLiteral("confirmRegenerate"))->click();
    QVERIFY(finished.wait(kDeadlineMs));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    OneTimeSecretDialog* shown = rotation->resultDialog();
    QVERIFY(shown);
    m_password = shown->findChild<QLineEdit*>(QStringLiteral("newPassword"))->text();
    QCOMPARE(m_password.size(), 43);
    shown->close();

    // The service holds the expiry; the page shows it.
    const QJsonObject slot = getJson(m_hierarchy.admin(), QStringLiteral("/api/v1/tokens/ci-robot"))
                                 .value(QStringLiteral("credentials"))
                                 .toObject()
                                 .value(QStringLiteral("password1"))
                                 .toObject();
    const QDateTime stored =
        QDateTime::fromString(slot.value(QStringLiteral("expiry")).toString(), Qt::ISODate);
    QVERIFY2(stored.isValid(), qPrintable(slot.value(QStringLiteral("expiry")).toString()));
    QVERIFY2(qAbs(stored.secsTo(expiry)) < 120, qPrintable(stored.toString(Qt::ISODate)));
    const int row = view->model()->rowOf(QStringLiteral("ci-robot"));
    QTRY_VERIFY_WITH_TIMEOUT(view->model()
                                 ->index(row, TokenListModel::Password1Column)
                                 .data()
                                 .toString()
                                 .contains(QStringLiteral("expires")),
                             kDeadlineMs);
    QCOMPARE(view->model()->index(row, TokenListModel::Password2Column).data().toString(),
             QStringLiteral("empty"));

    // In the keychain, and the password the registry accepts.
    ferry::CredentialStore keychain;
    const JobOutcome kept =
        awaitJob(keychain.read(m_session->tokenKey(QStringLiteral("ci-robot"), 1)), kDeadlineMs);
    QCOMPARE(kept.error, ferry::CredentialJob::Error::None);
    QCOMPARE(kept.secret, m_password);
    const accesskit::TokenAnswer answer = signIn(QStringLiteral("ci-robot"), m_password);
    QVERIFY2(answer.ok(), answer.reply.body.constData());
}

void TestAccessViews::disabledTokenIsRefusedAtTheTokenEndpoint() {
    TokensView* view = m_tabs->tokensView();
    QVERIFY(view->selectToken(QStringLiteral("ci-robot")));
    auto* toggle = view->findChild<QPushButton*>(QStringLiteral("toggleToken"));
    QCOMPARE(toggle->accessibleName(), QStringLiteral("Disable"));
    // One confirmation that says what stops working; Cancel changes nothing.
    toggle->click();
    QMessageBox* confirm = nullptr;
    QTRY_VERIFY((confirm = view->findChild<QMessageBox*>(QStringLiteral("confirmDisableToken"))) &&
                confirm->isVisible());
    QVERIFY(confirm->informativeText().contains(QStringLiteral("stop signing in")));
    confirm->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!view->findChild<QMessageBox*>(QStringLiteral("confirmDisableToken")));
    QVERIFY(signIn(QStringLiteral("ci-robot"), m_password).ok());
    toggle->click();
    QTRY_VERIFY((confirm = view->findChild<QMessageBox*>(QStringLiteral("confirmDisableToken"))) &&
                confirm->isVisible());
    confirm->findChild<QPushButton*>(QStringLiteral("confirmDisableTokenButton"))->click();
    const int row = view->model()->rowOf(QStringLiteral("ci-robot"));
    QTRY_COMPARE_WITH_TIMEOUT(
        view->model()->index(row, TokenListModel::StatusColumn).data().toString(),
        QStringLiteral("disabled"), kDeadlineMs);
    QCOMPARE(getJson(m_hierarchy.admin(), QStringLiteral("/api/v1/tokens/ci-robot"))
                 .value(QStringLiteral("status")),
             QStringLiteral("disabled"));
    const accesskit::TokenAnswer refused = signIn(QStringLiteral("ci-robot"), m_password);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.reply.status, 401);

    // Enabled again, the same password signs in again: the refusal was the status.
    QTRY_COMPARE(toggle->accessibleName(), QStringLiteral("Enable"));
    toggle->click();
    QTRY_COMPARE_WITH_TIMEOUT(
        view->model()->index(row, TokenListModel::StatusColumn).data().toString(),
        QStringLiteral("enabled"), kDeadlineMs);
    QVERIFY(signIn(QStringLiteral("ci-robot"), m_password).ok());
}

void TestAccessViews::scopeMapGridEditorSavesWhatTheServiceStores() {
    showPage(2);
    ScopeMapsView* view = m_tabs->scopeMapsView();
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() == 3, kDeadlineMs); // the system maps
    QCOMPARE(view->model()->index(0, ferry::ScopeMapListModel::ActionsColumn).data().toString(),
             QStringLiteral("5 actions")); // the plural from the console's translation

    view->findChild<QPushButton*>(QStringLiteral("newScopeMap"))->click();
    QTRY_VERIFY(view->editor() && view->editor()->isVisible());
    ScopeMapEditor* editor = view->editor();
    QTest::keyClicks(editor->nameEdit(), QStringLiteral("app-team"));
    QTest::keyClicks(editor->descriptionEdit(), QStringLiteral("The app team"));

    // A row typed as the operator types it: Add, the name, Enter.
    QTableView* table = editor->repositoryTable();
    editor->addRepositoryRow();
    QTRY_VERIFY(QApplication::focusWidget() &&
                QApplication::focusWidget()->parentWidget() == table->viewport());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("team*"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    ScopeMapGridModel* grid = editor->repositoryGrid();
    QTRY_COMPARE(grid->index(0, 0).data().toString(),
                 QStringLiteral("team*")); // committed on the next turn
    // The domain's rule, at once: a wildcard only as "/*" or "*".
    QVERIFY(!editor->saveButton()->isEnabled());
    QVERIFY2(editor->problemLabel()->text().contains(QStringLiteral("team*")),
             qPrintable(editor->problemLabel()->text()));
    table->setCurrentIndex(grid->index(0, 0));
    QTest::keyClick(table, Qt::Key_F2);
    QLineEdit* cell = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY(cell);
    cell->selectAll();
    QTest::keyClicks(cell, QStringLiteral("team/*"));
    QTest::keyClick(cell, Qt::Key_Return);
    QTRY_COMPARE(grid->index(0, 0).data().toString(), QStringLiteral("team/*"));
    // Named, nothing ticked yet: Save waits rather than drop the row.
    QVERIFY2(editor->problemLabel()->text().contains(QStringLiteral("Tick at least one")),
             qPrintable(editor->problemLabel()->text()));
    QVERIFY(!editor->saveButton()->isEnabled());

    // Space ticks the current cell, as a keyboard user does.
    const auto tick = [&](ScopeMapGridModel* model, QTableView* gridView, int row,
                          const char* permission) {
        gridView->setFocus();
        gridView->setCurrentIndex(model->index(row, model->columnOf(QLatin1String(permission))));
        QTest::keyClick(gridView, Qt::Key_Space);
    };
    tick(grid, table, 0, "content/read");
    QVERIFY2(editor->problemLabel()->text().isEmpty(), qPrintable(editor->problemLabel()->text()));
    tick(grid, table, 0, "content/write");
    editor->addRepositoryRow();
    QTRY_VERIFY(QApplication::focusWidget() &&
                QApplication::focusWidget()->parentWidget() == table->viewport());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("app"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_COMPARE(grid->index(1, 0).data().toString(), QStringLiteral("app"));
    tick(grid, table, 1, "content/read");
    tick(grid, table, 1, "metadata/read");
    QVERIFY2(editor->saveButton()->isEnabled(), qPrintable(editor->problemLabel()->text()));
    QSignalSpy saved(editor, &ScopeMapEditor::saved);
    editor->saveButton()->click();
    QVERIFY(saved.wait(kDeadlineMs));

    const QJsonObject stored =
        getJson(m_hierarchy.admin(), QStringLiteral("/api/v1/scope-maps/app-team"));
    QCOMPARE(stored.value(QStringLiteral("description")).toString(),
             QStringLiteral("The app team"));
    QStringList actions;
    for (const QJsonValue& action : stored.value(QStringLiteral("actions")).toArray())
        actions << action.toString();
    QCOMPARE(sorted(actions), sorted({QStringLiteral("repositories/team/*/content/read"),
                                      QStringLiteral("repositories/team/*/content/write"),
                                      QStringLiteral("repositories/app/content/read"),
                                      QStringLiteral("repositories/app/metadata/read")}));
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOf(QStringLiteral("app-team")) >= 0, kDeadlineMs);

    // Opened again: the grid shows what is stored; untick one, add a gateway row.
    QVERIFY(view->selectScopeMap(QStringLiteral("app-team")));
    view->findChild<QPushButton*>(QStringLiteral("editScopeMap"))->click();
    QTRY_VERIFY(view->editor() && view->editor() != editor);
    editor = view->editor();
    QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), kDeadlineMs);
    grid = editor->repositoryGrid();
    QCOMPARE(grid->rowCount(), 2);
    QCOMPARE(grid->index(0, 0).data().toString(), QStringLiteral("team/*"));
    tick(grid, editor->repositoryTable(), 0, "content/write");
    ScopeMapGridModel* gateway = editor->gatewayGrid();
    gateway->setData(gateway->index(gateway->appendRow(QStringLiteral("edgeone")), 1), Qt::Checked,
                     Qt::CheckStateRole);
    QSignalSpy savedAgain(editor, &ScopeMapEditor::saved);
    editor->saveButton()->click();
    QVERIFY(savedAgain.wait(kDeadlineMs));
    actions.clear();
    for (const QJsonValue& action :
         getJson(m_hierarchy.admin(), QStringLiteral("/api/v1/scope-maps/app-team"))
             .value(QStringLiteral("actions"))
             .toArray())
        actions << action.toString();
    QCOMPARE(sorted(actions), sorted({QStringLiteral("repositories/team/*/content/read"),
                                      QStringLiteral("repositories/app/content/read"),
                                      QStringLiteral("repositories/app/metadata/read"),
                                      QStringLiteral("gateway/edgeone/config/read")}));
}

void TestAccessViews::concurrentChangeIsRefusedInline() {
    ScopeMapsView* view = m_tabs->scopeMapsView();
    QVERIFY(view->selectScopeMap(QStringLiteral("app-team")));
    view->editScopeMap();
    QTRY_VERIFY(view->editor() && view->editor()->isVisible());
    ScopeMapEditor* editor = view->editor();
    QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), kDeadlineMs);
    // Someone else changes it meanwhile.
    QVERIFY(m_hierarchy.admin().putScopeMap(QStringLiteral("app-team"),
                                            {QStringLiteral("repositories/other/content/read")}));
    ScopeMapGridModel* grid = editor->repositoryGrid();
    grid->setData(grid->index(grid->appendRow(QStringLiteral("web")), 1), Qt::Checked,
                  Qt::CheckStateRole);
    editor->save();
    QTRY_VERIFY_WITH_TIMEOUT(editor->problemLabel()->text().contains(QStringLiteral("changed")),
                             kDeadlineMs);
    QVERIFY(editor->isVisible());
    // Nothing of this editor reached the service.
    const QJsonArray stored =
        getJson(m_hierarchy.admin(), QStringLiteral("/api/v1/scope-maps/app-team"))
            .value(QStringLiteral("actions"))
            .toArray();
    QCOMPARE(stored, QJsonArray{QStringLiteral("repositories/other/content/read")});
    editor->reject();

    // A system map opens read-only.
    QVERIFY(view->selectScopeMap(QStringLiteral("_repositories_pull")));
    view->editScopeMap();
    QTRY_VERIFY(view->editor() && view->editor() != editor);
    editor = view->editor();
    QTRY_VERIFY_WITH_TIMEOUT(editor->isLoaded(), kDeadlineMs);
    QCOMPARE(editor->repositoryGrid()->rowCount(), 1);
    QVERIFY(!editor->saveButton()->isEnabled());
    QVERIFY(!(editor->repositoryGrid()->flags(editor->repositoryGrid()->index(0, 1)) &
              Qt::ItemIsUserCheckable));
    editor->reject();
}

void TestAccessViews::tokenMovesToTheNewScopeMap() {
    showPage(1);
    TokensView* view = m_tabs->tokensView();
    QVERIFY(view->selectToken(QStringLiteral("ci-robot")));
    view->findChild<QPushButton*>(QStringLiteral("tokenScopeMapButton"))->click();
    TokenDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = view->findChild<TokenDialog*>()) && dialog->isVisible());
    QVERIFY(dialog->nameEdit()->isReadOnly());
    QCOMPARE(dialog->scopeMapBox()->currentText(), QStringLiteral("_repositories_pull"));
    // The scope maps page in behind the box; pick the new one from it.
    QTRY_VERIFY_WITH_TIMEOUT(dialog->scopeMapBox()->findText(QStringLiteral("app-team")) >= 0,
                             kDeadlineMs);
    dialog->scopeMapBox()->setCurrentIndex(
        dialog->scopeMapBox()->findText(QStringLiteral("app-team")));
    QPointer<TokenDialog> open = dialog;
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY2_WITH_TIMEOUT(!open || !open->isVisible(),
                              qPrintable(open ? open->problemLabel()->text() : QString()),
                              kDeadlineMs);
    const int row = view->model()->rowOf(QStringLiteral("ci-robot"));
    QTRY_COMPARE_WITH_TIMEOUT(
        view->model()->index(row, TokenListModel::ScopeMapColumn).data().toString(),
        QStringLiteral("app-team"), kDeadlineMs);
    QCOMPARE(getJson(m_hierarchy.admin(), QStringLiteral("/api/v1/tokens/ci-robot"))
                 .value(QStringLiteral("scopeMap")),
             QStringLiteral("app-team"));
    // The map allows "other" only now (the concurrent change above): no pull on app.
    HttpClient http(m_hierarchy.root().baseUrl());
    const accesskit::TokenAnswer answer =
        accesskit::fetchToken(http, accesskit::basic(QStringLiteral("ci-robot"), m_password),
                              {QStringLiteral("repository:other:pull")});
    QVERIFY2(answer.ok(), answer.reply.body.constData());
    QCOMPARE(accesskit::accessClaim(answer.token).value(QStringLiteral("repository:other")),
             QStringList{QStringLiteral("pull")});
    const accesskit::TokenAnswer app =
        accesskit::fetchToken(http, accesskit::basic(QStringLiteral("ci-robot"), m_password),
                              {QStringLiteral("repository:app:pull")});
    QVERIFY(accesskit::accessClaim(app.token).value(QStringLiteral("repository:app")).isEmpty());
}

void TestAccessViews::deletesAfterConfirmationAndShowsRefusals() {
    // A scope map a token uses is not deleted: the server names the token.
    showPage(2);
    ScopeMapsView* maps = m_tabs->scopeMapsView();
    QVERIFY(maps->selectScopeMap(QStringLiteral("app-team")));
    // The Delete key, on the list that has the keyboard.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    maps->table()->setFocus();
    QTRY_VERIFY(maps->table()->hasFocus());
    QTest::keyClick(maps->table(), Qt::Key_Delete);
    QMessageBox* confirm = nullptr;
    QTRY_VERIFY(
        (confirm = maps->findChild<QMessageBox*>(QStringLiteral("confirmDeleteScopeMap"))) &&
        confirm->isVisible());
    confirm->findChild<QPushButton*>(QStringLiteral("confirmDeleteScopeMapButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(maps->messageBar()->isVisible(), kDeadlineMs);
    QVERIFY2(maps->messageBar()->text().contains(QStringLiteral("ci-robot")),
             qPrintable(maps->messageBar()->text()));
    QCOMPARE(m_hierarchy.admin().call("GET", QStringLiteral("/api/v1/scope-maps/app-team")).status,
             200);

    // A token: Cancel keeps it, Delete removes it from the service and the list.
    showPage(1);
    QVERIFY(m_hierarchy.admin().createToken(QStringLiteral("short-lived"),
                                            QStringLiteral("_repositories_pull")));
    TokensView* view = m_tabs->tokensView();
    QTRY_VERIFY_WITH_TIMEOUT(view->selectToken(QStringLiteral("short-lived")),
                             kDeadlineMs); // from the stream
    m_window->activateWindow();            // back from the message box
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    view->table()->setFocus();
    QTRY_VERIFY(view->table()->hasFocus());
    QTest::keyClick(view->table(), Qt::Key_Delete);
    QTRY_VERIFY((confirm = view->findChild<QMessageBox*>(QStringLiteral("confirmDeleteToken"))) &&
                confirm->isVisible());
    QVERIFY(confirm->informativeText().contains(QStringLiteral("stop working")));
    confirm->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!view->findChild<QMessageBox*>(QStringLiteral("confirmDeleteToken")));
    QCOMPARE(m_hierarchy.admin().call("GET", QStringLiteral("/api/v1/tokens/short-lived")).status,
             200);
    view->findChild<QPushButton*>(QStringLiteral("deleteToken"))->click();
    QTRY_VERIFY((confirm = view->findChild<QMessageBox*>(QStringLiteral("confirmDeleteToken"))) &&
                confirm->isVisible());
    confirm->findChild<QPushButton*>(QStringLiteral("confirmDeleteTokenButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOf(QStringLiteral("short-lived")) < 0, kDeadlineMs);
    QCOMPARE(m_hierarchy.admin().call("GET", QStringLiteral("/api/v1/tokens/short-lived")).status,
             404);
}

void TestAccessViews::auditPageFiltersByActionAndTime() {
    showPage(3);
    AuditView* view = m_tabs->auditView();
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->pagesLoaded() >= 1 && !view->model()->isLoading(),
                             kDeadlineMs);
    QVERIFY(view->model()->rowCount() > 0);

    view->actionFilter()->setEditText(QStringLiteral("token.update"));
    QTest::keyClick(view->actionFilter()->lineEdit(), Qt::Key_Return);
    const int expected = int(m_hierarchy.admin().audit(QStringLiteral("token.update")).size());
    QCOMPARE(expected, 3); // disabled, enabled, moved to app-team
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), expected, kDeadlineMs);
    for (int row = 0; row < expected; ++row) {
        QCOMPARE(view->model()->index(row, ferry::AuditLogModel::ActionColumn).data().toString(),
                 QStringLiteral("token.update"));
        QCOMPARE(view->model()->index(row, ferry::AuditLogModel::TargetColumn).data().toString(),
                 QStringLiteral("tokens/ci-robot"));
    }
    QTRY_VERIFY(view->findChild<QLabel*>(QStringLiteral("auditCount"))->text() ==
                QStringLiteral("3 records"));

    // A time range after everything: nothing.
    view->fromBox()->setChecked(true);
    view->fromEdit()->setDateTime(QDateTime::currentDateTime().addSecs(3600));
    view->findChild<QPushButton*>(QStringLiteral("auditApply"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!view->model()->isLoading() && view->model()->pagesLoaded() >= 1,
                             kDeadlineMs);
    QCOMPARE(view->model()->rowCount(), 0);
    // From an hour ago to an hour ahead, all actions: everything this test did.
    view->fromEdit()->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    view->toBox()->setChecked(true);
    view->toEdit()->setDateTime(QDateTime::currentDateTime().addSecs(3600));
    view->actionFilter()->setCurrentIndex(0); // All actions
    view->findChild<QPushButton*>(QStringLiteral("auditApply"))->click();
    const int all = int(m_hierarchy.admin().audit().size());
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), all, kDeadlineMs);
}

void TestAccessViews::everyControlHasAnAccessibleName() {
    QStringList unnamed;
    for (int page = 1; page < m_tabs->count(); ++page) {
        showPage(page);
        for (QWidget* widget : m_tabs->widget(page)->findChildren<QWidget*>()) {
            if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus)
                continue;
            QAccessibleInterface* face = QAccessible::queryAccessibleInterface(widget);
            if (face && face->text(QAccessible::Name).trimmed().isEmpty())
                unnamed << QStringLiteral("%1 (%2)").arg(widget->objectName(),
                                                         widget->metaObject()->className());
        }
    }
    // The dialogs too.
    auto* editor = new ScopeMapEditor(m_session.get(), {}, m_window.get());
    auto* tokenDialog = new TokenDialog(m_session.get(), {}, m_window.get());
    auto* choice = new PasswordChoiceDialog(QStringLiteral("ci-robot"), m_window.get());
    for (QDialog* dialog : std::initializer_list<QDialog*>{editor, tokenDialog, choice}) {
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        for (QWidget* widget : dialog->findChildren<QWidget*>()) {
            if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus)
                continue;
            QAccessibleInterface* face = QAccessible::queryAccessibleInterface(widget);
            if (face && face->text(QAccessible::Name).trimmed().isEmpty())
                unnamed << QStringLiteral("%1 (%2) in %3")
                               .arg(widget->objectName(), widget->metaObject()->className(),
                                    dialog->objectName());
        }
        delete dialog;
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void TestAccessViews::noSecretInSettingsOrFiles() {
    // The page comes back with the next window.
    showPage(3);
    {
        MainWindow again(m_session.get());
        QCOMPARE(again.workspace()->currentIndex(), 3);
    }
    m_window->close();
    QVERIFY(!m_password.isEmpty());
    QCOMPARE(filesContaining(g_home.path(), m_password.toUtf8()), QStringList());
    QCOMPARE(filesContaining(g_home.path(), m_hierarchy.adminPassword().toUtf8()), QStringList());
}

int main(int argc, char* argv[]) {
    useHomeFolders(g_home);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setApplicationName(QStringLiteral("tst_accessviews"));
    ferry::ui::installTranslations();
    TestAccessViews test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_accessviews.moc"
