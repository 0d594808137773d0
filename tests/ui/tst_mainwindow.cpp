// MainWindow offscreen: the tree shows what the client reports, errors land in
// the inline message bar (never a modal dialog), and the status bar follows
// the connection.

#include "mainwindow.h"
#include "messagebar.h"
#include "registryclient.h"
#include "repositorymodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTreeView>

namespace {

struct Window {
    RegistryClient client;
    MainWindow window{&client};
    QLineEdit* url = window.findChild<QLineEdit*>(QStringLiteral("serverUrl"));
    QAction* connect = window.findChild<QAction*>(QStringLiteral("connectAction"));
    QTreeView* view = window.findChild<QTreeView*>(QStringLiteral("repositoryView"));
    MessageBar* messages = window.findChild<MessageBar*>(QStringLiteral("messageBar"));
    QLabel* status = window.findChild<QLabel*>(QStringLiteral("connectionStatus"));
};

QUrl closedPortUrl() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return {};
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort()));
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startsDisconnectedWithTheWidgetsInPlace();
    void treeShowsTheCatalogAndTags();
    void clientErrorShowsInlineNotModal();
    void refusedConnectionIsReported();
    void invalidAddressIsRejectedWithoutRequest();
    void answerClearsTheErrorAndRetryRefreshes();
    void serviceFailureIsShownInline();
};

void TestMainWindow::startsDisconnectedWithTheWidgetsInPlace() {
    Window w;
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(w.url && w.connect && w.view && w.messages && w.status);
    QCOMPARE(w.view->model(), w.window.model());
    QVERIFY(w.messages->isHidden());
    QCOMPARE(w.window.connectionState(), MainWindow::ConnectionState::Disconnected);
    QCOMPARE(w.status->text(), QStringLiteral("Not connected"));
    QCOMPARE(w.connect->text(), QStringLiteral("Connect"));
    QVERIFY(w.connect->isEnabled());
}

void TestMainWindow::treeShowsTheCatalogAndTags() {
    Window w;
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QSignalSpy wanted(w.window.model(), &RepositoryModel::tagsNeeded);
    Q_EMIT w.client.catalogReceived({QStringLiteral("web"), QStringLiteral("api")});
    QCOMPARE(w.view->model()->rowCount(), 2);
    QCOMPARE(w.view->model()->index(0, 0).data().toString(), QStringLiteral("api"));
    QCOMPARE(w.window.connectionState(), MainWindow::ConnectionState::Connected);
    QVERIFY2(w.status->text().contains(QStringLiteral("2 repositories")),
             qPrintable(w.status->text()));

    // Opening a repository in the view is what asks for its tags.
    const QModelIndex web = w.view->model()->index(1, 0);
    w.view->expand(web);
    QTRY_VERIFY(!wanted.isEmpty());
    QCOMPARE(wanted.last().first().toString(), QStringLiteral("web"));
    Q_EMIT w.client.tagsReceived(QStringLiteral("web"), {QStringLiteral("1.0")});
    QCOMPARE(w.view->model()->rowCount(web), 1);
    QVERIFY(w.view->isExpanded(web));
}

void TestMainWindow::clientErrorShowsInlineNotModal() {
    Window w;
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    Q_EMIT w.client.errorOccurred(RegistryClient::ErrorCategory::Tls,
                                  QStringLiteral("certificate expired"));
    QVERIFY(w.messages->isVisible());
    QCOMPARE(w.messages->type(), MessageBar::Type::Error);
    QCOMPARE(w.messages->text(), QStringLiteral("certificate expired"));
    QCOMPARE(w.window.connectionState(), MainWindow::ConnectionState::Failed);
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    // The bar sits inside the window, above the tree.
    QVERIFY(w.window.isAncestorOf(w.messages));
    QVERIFY(w.messages->geometry().bottom() < w.view->geometry().top());
}

void TestMainWindow::refusedConnectionIsReported() {
    Window w;
    const QUrl url = closedPortUrl();
    QVERIFY(url.isValid());
    QSignalSpy states(&w.window, &MainWindow::connectionStateChanged);
    w.url->setText(url.toString());
    w.connect->trigger();
    QCOMPARE(w.client.baseUrl(), url);
    QCOMPARE(w.window.connectionState(), MainWindow::ConnectionState::Connecting);
    QTRY_COMPARE(w.window.connectionState(), MainWindow::ConnectionState::Failed);
    QVERIFY(w.messages->isVisibleTo(&w.window));
    QVERIFY2(w.messages->text().contains(QString::number(url.port())),
             qPrintable(w.messages->text()));
    QVERIFY(w.status->text().startsWith(QStringLiteral("Not connected")));
    QCOMPARE(states.count(), 2); // Connecting, Failed
}

void TestMainWindow::invalidAddressIsRejectedWithoutRequest() {
    Window w;
    w.url->setText(QStringLiteral("ftp://example.invalid"));
    w.connect->trigger();
    QVERIFY(w.client.baseUrl().isEmpty());
    QCOMPARE(w.client.pendingRequests(), 0);
    QVERIFY(w.messages->isVisibleTo(&w.window));
    QCOMPARE(w.messages->type(), MessageBar::Type::Warning);
    QCOMPARE(w.window.connectionState(), MainWindow::ConnectionState::Disconnected);
}

void TestMainWindow::answerClearsTheErrorAndRetryRefreshes() {
    Window w;
    const QUrl url = closedPortUrl();
    w.window.connectTo(url);
    QCOMPARE(w.url->text(), url.toString());
    QTRY_COMPARE(w.window.connectionState(), MainWindow::ConnectionState::Failed);

    // Retry in the bar asks the same server again.
    auto* retry = w.messages->findChild<QAbstractButton*>(QStringLiteral("messageAction"));
    QVERIFY(retry && retry->isVisibleTo(w.messages));
    QCOMPARE(retry->text(), QStringLiteral("Retry"));
    QSignalSpy errors(&w.client, &RegistryClient::errorOccurred);
    retry->click();
    QCOMPARE(w.window.connectionState(), MainWindow::ConnectionState::Connecting);
    QVERIFY(errors.wait());

    Q_EMIT w.client.catalogReceived({});
    QVERIFY(!w.messages->isVisibleTo(&w.window));
    QCOMPARE(w.window.connectionState(), MainWindow::ConnectionState::Connected);
    QVERIFY2(w.status->text().contains(QStringLiteral("no repositories")),
             qPrintable(w.status->text()));
    QCOMPARE(w.connect->text(), QStringLiteral("Refresh"));
    w.url->setText(QStringLiteral("http://other.example:5000"));
    QCOMPARE(w.connect->text(), QStringLiteral("Connect"));
}

void TestMainWindow::serviceFailureIsShownInline() {
    Window w;
    w.window.showServiceStarting(QStringLiteral("/tmp/ferry-data"));
    QCOMPARE(w.window.connectionState(), MainWindow::ConnectionState::StartingService);
    QVERIFY(w.status->text().contains(QStringLiteral("/tmp/ferry-data")));
    QVERIFY(!w.connect->isEnabled());
    w.window.showError(QStringLiteral("The local ferryd exited with code 2."));
    QVERIFY(w.messages->isVisibleTo(&w.window));
    QCOMPARE(w.messages->text(), QStringLiteral("The local ferryd exited with code 2."));
    QCOMPARE(w.window.connectionState(), MainWindow::ConnectionState::Failed);
    QVERIFY(w.connect->isEnabled());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
