// TokenListModel against a real ferryd with 250 tokens, read 100 at a time:
// the first page only at first, more as a view would ask (canFetchMore /
// fetchMore), the end reached exactly; events change, add and remove single
// rows. QAbstractItemModelTester watches throughout.

#include "consolehierarchy.h"
#include "hierarchyfeed.h"
#include "hierarchymodel.h"
#include "managementclient.h"
#include "tokenlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using ferry::TokenListModel;

class TestTokenListModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void loadsPageByPageAsAsked();
    void eventsTouchSingleRows();

private:
    ConsoleHierarchy m_hierarchy;
    ferry::ManagementClient m_client;
    std::unique_ptr<TokenListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestTokenListModel::initTestCase() {
    QVERIFY(m_hierarchy.start());
    for (int i = 0; i < 250; ++i) {
        const HttpReply reply = m_hierarchy.admin().call(
            "PUT", QStringLiteral("/api/v1/tokens/tok-%1").arg(i, 4, 10, QLatin1Char('0')),
            QJsonObject{{QStringLiteral("scopeMap"), QStringLiteral("_repositories_pull")}});
        QCOMPARE(reply.status, 201);
    }
    m_client.setBaseUrl(m_hierarchy.root().baseUrl());
    m_client.setCredentials(QStringLiteral("admin"), m_hierarchy.adminPassword());
    m_model = std::make_unique<TokenListModel>(&m_client);
    m_model->setPageSize(100);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestTokenListModel::loadsPageByPageAsAsked() {
    // QAbstractItemModelTester itself asks for more whenever canFetchMore()
    // says so, just as a scrolling view does: each page is one request.
    QList<int> rowsAtPage;
    connect(m_model.get(), &TokenListModel::pageLoaded, this, [&](int rows) {
        rowsAtPage << m_model->rowCount();
        QCOMPARE(rows, rowsAtPage.size() < 3 ? 100 : 50);
        // One page at a time: nothing more is asked while one is in flight.
        if (m_model->isLoading())
            QVERIFY(!m_model->canFetchMore({}));
    });
    m_model->reload();
    QVERIFY(m_model->isLoading());
    QCOMPARE(m_model->rowCount(), 0); // nothing read up front
    QTRY_COMPARE_WITH_TIMEOUT(rowsAtPage.size(), 1, 20000);
    QCOMPARE(rowsAtPage.first(), 100);
    while (m_model->canFetchMore({}) || m_model->isLoading()) {
        m_model->fetchMore({});
        QTest::qWait(20);
    }
    QCOMPARE(rowsAtPage, (QList<int>{100, 200, 250}));
    QCOMPARE(m_model->pagesLoaded(), 3);
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("tok-0000"));
    QCOMPARE(m_model->index(249, 0).data().toString(), QStringLiteral("tok-0249"));
    QVERIFY(!m_model->canFetchMore({})); // the server sent no Link: the end
    QCOMPARE(m_model->index(5, TokenListModel::ScopeMapColumn).data().toString(),
             QStringLiteral("_repositories_pull"));
    disconnect(m_model.get(), &TokenListModel::pageLoaded, this, nullptr);
}

void TestTokenListModel::eventsTouchSingleRows() {
    // The stream, as the console follows it.
    ferry::HierarchyModel hierarchy;
    ferry::HierarchyFeed feed(&m_client, &hierarchy);
    connect(&feed, &ferry::HierarchyFeed::eventReceived, m_model.get(),
            &TokenListModel::applyEvent);
    QSignalSpy loaded(&feed, &ferry::HierarchyFeed::loaded);
    feed.start();
    QVERIFY(loaded.wait(20000));
    QVERIFY(
        QTest::qWaitFor([&] { return feed.state() == ferry::HierarchyFeed::State::Live; }, 20000));

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_hierarchy.admin().setTokenStatus(QStringLiteral("tok-0042"), false));
    // The admin call waits in an event loop of its own, so the event may be in already.
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 20000);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 42);
    QCOMPARE(m_model->index(42, TokenListModel::StatusColumn).data().toString(),
             QStringLiteral("disabled"));

    QVERIFY(
        m_hierarchy.admin()
            .call("PUT", QStringLiteral("/api/v1/tokens/tok-0042a"),
                  QJsonObject{{QStringLiteral("scopeMap"), QStringLiteral("_repositories_pull")}})
            .status == 201);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 251, 20000);
    QCOMPARE(m_model->index(43, 0).data().toString(), QStringLiteral("tok-0042a"));
    QCOMPARE(m_hierarchy.admin().call("DELETE", QStringLiteral("/api/v1/tokens/tok-0007")).status,
             204);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 250, 20000);
    QCOMPARE(m_model->index(7, 0).data().toString(), QStringLiteral("tok-0008"));
}

QTEST_GUILESS_MAIN(TestTokenListModel)
#include "tst_tokenlistmodel.moc"
