// The Tokens page, offscreen in the real window against a real ferryd and a
// real Secret Service: one password slot of a token removed after a
// confirmation that offers only the slots that hold one (Cancel keeps both;
// the other slot keeps signing in; the keychain copy goes), and disabled
// tokens greyed out with "disabled" in words.

#include "../credentials/secretchecks.h"
#include "../models/consolehierarchy.h"
#include "consolesession.h"
#include "dimmedrowdelegate.h"
#include "mainwindow.h"
#include "tokenlistmodel.h"
#include "tokensview.h"
#include "workspacetabs.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace ferry::ui;
using ferry::TokenListModel;

namespace {
constexpr int kDeadlineMs = 20000;
QTemporaryDir g_home;
} // namespace

class TestTokenSlots : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void disabledTokensAreGreyedAndSaySo();
    void removesOnePasswordSlotAfterConfirmation();

private:
    int signIn(const QString& token, const QString& password) {
        HttpClient http(m_hierarchy.root().baseUrl());
        return accesskit::fetchToken(http, accesskit::basic(token, password),
                                     {QStringLiteral("repository:app:pull")})
            .reply.status;
    }
    QJsonObject credentialsOf(const QString& token) {
        return QJsonDocument::fromJson(
                   m_hierarchy.admin().call("GET", QStringLiteral("/api/v1/tokens/") + token).body)
            .object()
            .value(QStringLiteral("credentials"))
            .toObject();
    }
    bool hasSlot(const QString& token, int slot) {
        return !credentialsOf(token)
                    .value(QStringLiteral("password%1").arg(slot))
                    .toObject()
                    .isEmpty();
    }
    QMessageBox* openConfirmation();

    ConsoleHierarchy m_hierarchy;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    TokensView* m_view = nullptr;
    QStringList m_passwords;
};

void TestTokenSlots::initTestCase() {
    QVERIFY(m_hierarchy.start());
    QVERIFY(m_hierarchy.admin().putScopeMap(QStringLiteral("pullmap"),
                                            {QStringLiteral("repositories/app/content/read")}));
    const auto passwords =
        m_hierarchy.admin().createToken(QStringLiteral("twoslots"), QStringLiteral("pullmap"));
    QVERIFY(passwords && passwords->size() == 2);
    m_passwords = *passwords;
    QVERIFY(m_hierarchy.admin().createToken(QStringLiteral("sleeper"), QStringLiteral("pullmap")));
    QVERIFY(m_hierarchy.admin().setTokenStatus(QStringLiteral("sleeper"), false));
    m_session = std::make_unique<ConsoleSession>();
    m_session->setCredentials(QStringLiteral("admin"), m_hierarchy.adminPassword());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->connectTo(m_hierarchy.root().baseUrl());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionState(), MainWindow::ConnectionState::Connected,
                              kDeadlineMs);
    // The console's copy of password1 (keys are per server), as a regeneration would have left it.
    QCOMPARE(awaitJob(m_session->credentials()->write(
                          m_session->tokenKey(QStringLiteral("twoslots"), 1), m_passwords[0]))
                 .error,
             ferry::CredentialJob::Error::None);
    m_window->workspace()->pageActions().at(1)->trigger();
    m_view = m_window->workspace()->tokensView();
    QTRY_VERIFY_WITH_TIMEOUT(m_view->model()->rowOf(QStringLiteral("sleeper")) >= 0, kDeadlineMs);
}

void TestTokenSlots::disabledTokensAreGreyedAndSaySo() {
    TokenListModel* model = m_view->model();
    const int sleeper = model->rowOf(QStringLiteral("sleeper"));
    const int awake = model->rowOf(QStringLiteral("twoslots"));
    QVERIFY(model->index(sleeper, 0).data(TokenListModel::DisabledRole).toBool());
    QVERIFY(!model->index(awake, 0).data(TokenListModel::DisabledRole).toBool());
    // In words, not colour alone.
    QCOMPARE(model->index(sleeper, TokenListModel::StatusColumn).data().toString(),
             QStringLiteral("disabled"));
    QCOMPARE(model->index(awake, TokenListModel::StatusColumn).data().toString(),
             QStringLiteral("enabled"));
    // Greyed: the table paints the disabled row, every column, in the disabled text colour.
    QTableView* table = m_view->findChild<QTableView*>(QStringLiteral("tokenTable"));
    QVERIFY(table);
    auto* delegate = qobject_cast<DimmedRowDelegate*>(table->itemDelegate());
    QVERIFY(delegate);
    QPalette palette = table->palette();
    palette.setColor(QPalette::Active, QPalette::Text, Qt::black);
    palette.setColor(QPalette::Disabled, QPalette::Text, Qt::gray);
    for (int column = 0; column < TokenListModel::ColumnCount; ++column) {
        QCOMPARE(delegate->textColour(model->index(sleeper, column), palette), QColor(Qt::gray));
        QCOMPARE(delegate->textColour(model->index(awake, column), palette), QColor(Qt::black));
    }
}

QMessageBox* TestTokenSlots::openConfirmation() {
    if (!m_view->selectToken(QStringLiteral("twoslots")))
        return nullptr;
    auto* remove = m_view->findChild<QPushButton*>(QStringLiteral("removeTokenPassword"));
    if (!remove || !remove->isEnabled())
        return nullptr;
    remove->click();
    QMessageBox* box = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        box = m_view->findChild<QMessageBox*>(QStringLiteral("confirmRemovePassword"));
        return box && box->isVisible();
    });
    return shown ? box : nullptr;
}

void TestTokenSlots::removesOnePasswordSlotAfterConfirmation() {
    QCOMPARE(signIn(QStringLiteral("twoslots"), m_passwords[0]), 200);
    QCOMPARE(signIn(QStringLiteral("twoslots"), m_passwords[1]), 200);

    // Cancel (the default) removes nothing.
    QMessageBox* box = openConfirmation();
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QStringLiteral("refused at once")));
    QVERIFY(box->findChild<QPushButton*>(QStringLiteral("removePassword1")));
    QVERIFY(box->findChild<QPushButton*>(QStringLiteral("removePassword2")));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!m_view->findChild<QMessageBox*>(QStringLiteral("confirmRemovePassword")));
    QVERIFY(hasSlot(QStringLiteral("twoslots"), 1));

    // password1 goes; password2 keeps signing in.
    box = openConfirmation();
    QVERIFY(box);
    QSignalSpy messages(m_view, &ListPage::message);
    box->findChild<QPushButton*>(QStringLiteral("removePassword1"))->click();
    QVERIFY(messages.wait(kDeadlineMs));
    QVERIFY2(!messages.first().at(1).toBool(), qPrintable(messages.first().at(0).toString()));
    QTRY_VERIFY_WITH_TIMEOUT(!hasSlot(QStringLiteral("twoslots"), 1), kDeadlineMs);
    QVERIFY(hasSlot(QStringLiteral("twoslots"), 2));
    QCOMPARE(signIn(QStringLiteral("twoslots"), m_passwords[0]), 401);
    QCOMPARE(signIn(QStringLiteral("twoslots"), m_passwords[1]), 200);
    // The keychain no longer holds the dead password.
    QTRY_COMPARE_WITH_TIMEOUT(
        awaitJob(m_session->credentials()->read(m_session->tokenKey(QStringLiteral("twoslots"), 1)))
            .error,
        ferry::CredentialJob::Error::NotFound, kDeadlineMs);
    // The row shows it, with the new revision (so the next change is not refused).
    TokenListModel* model = m_view->model();
    QTRY_COMPARE_WITH_TIMEOUT(
        model->index(model->rowOf(QStringLiteral("twoslots")), TokenListModel::Password1Column)
            .data()
            .toString(),
        QStringLiteral("empty"), kDeadlineMs);

    // Now only password2 can be offered; removing it works on the new revision.
    box = openConfirmation();
    QVERIFY(box);
    QVERIFY(!box->findChild<QPushButton*>(QStringLiteral("removePassword1")));
    box->findChild<QPushButton*>(QStringLiteral("removePassword2"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!hasSlot(QStringLiteral("twoslots"), 1) &&
                                 !hasSlot(QStringLiteral("twoslots"), 2),
                             kDeadlineMs);
    QCOMPARE(signIn(QStringLiteral("twoslots"), m_passwords[1]), 401);
    // Nothing left to remove.
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_view->findChild<QPushButton*>(QStringLiteral("removeTokenPassword"))->isEnabled(),
        kDeadlineMs);
}

int main(int argc, char** argv) {
    useHomeFolders(g_home);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setApplicationName(QStringLiteral("tst_tokenslots"));
    TestTokenSlots test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tokenslots.moc"
