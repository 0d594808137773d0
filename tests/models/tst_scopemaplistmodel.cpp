// ScopeMapListModel against a real ferryd with 40 user scope maps and the
// three system ones, read 10 at a time as a view asks (the same PagedListModel
// as the tokens), and a scope map event changing one row.

#include "consolehierarchy.h"
#include "hierarchyfeed.h"
#include "hierarchymodel.h"
#include "managementclient.h"
#include "scopemaplistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using ferry::ScopeMapListModel;

namespace {
constexpr int kDeadlineMs = 20000;
}

class TestScopeMapListModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void loadsPageByPage();
    void eventsTouchSingleRows();

private:
    ConsoleHierarchy m_hierarchy;
    ferry::ManagementClient m_client;
    std::unique_ptr<ScopeMapListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestScopeMapListModel::initTestCase() {
    QVERIFY(m_hierarchy.start());
    for (int i = 0; i < 40; ++i)
        QVERIFY(m_hierarchy.admin().putScopeMap(
            QStringLiteral("map-%1").arg(i, 3, 10, QLatin1Char('0')),
            {QStringLiteral("repositories/app/content/read")}));
    m_client.setBaseUrl(m_hierarchy.root().baseUrl());
    m_client.setCredentials(QStringLiteral("admin"), m_hierarchy.adminPassword());
    m_model = std::make_unique<ScopeMapListModel>(&m_client);
    m_model->setPageSize(10);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestScopeMapListModel::loadsPageByPage() {
    m_model->reload();
    QTRY_COMPARE_WITH_TIMEOUT(m_model->pagesLoaded(), 1, kDeadlineMs);
    QCOMPARE(m_model->rowCount(), 10);
    QVERIFY(m_model->canFetchMore({}));
    QVERIFY(QTest::qWaitFor(
        [&] {
            if (m_model->canFetchMore({}))
                m_model->fetchMore({});
            return !m_model->isLoading() && !m_model->canFetchMore({});
        },
        kDeadlineMs));
    QCOMPARE(m_model->rowCount(), 43);
    QCOMPARE(m_model->pagesLoaded(), 5);
    // Sorted by name as the server sends them: the system maps' "_" first.
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("_repositories_admin"));
    QCOMPARE(m_model->index(0, ScopeMapListModel::TypeColumn).data().toString(),
             QStringLiteral("system"));
    QCOMPARE(m_model->index(3, 0).data().toString(), QStringLiteral("map-000"));
    QCOMPARE(m_model->index(3, ScopeMapListModel::TypeColumn).data().toString(),
             QStringLiteral("user"));
    // (The plural form comes with the console's English translation; the view test reads it.)
    QVERIFY(m_model->index(3, ScopeMapListModel::ActionsColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("1 action")));
    QVERIFY(m_model->index(0, ScopeMapListModel::ActionsColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("5 action")));
}

void TestScopeMapListModel::eventsTouchSingleRows() {
    ferry::HierarchyModel hierarchy;
    ferry::HierarchyFeed feed(&m_client, &hierarchy);
    connect(&feed, &ferry::HierarchyFeed::eventReceived, m_model.get(),
            &ScopeMapListModel::applyEvent);
    QSignalSpy loaded(&feed, &ferry::HierarchyFeed::loaded);
    feed.start();
    QVERIFY(loaded.wait(kDeadlineMs));
    QVERIFY(QTest::qWaitFor([&] { return feed.state() == ferry::HierarchyFeed::State::Live; },
                            kDeadlineMs));

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_hierarchy.admin().putScopeMap(QStringLiteral("map-007"),
                                            {QStringLiteral("repositories/app/content/read"),
                                             QStringLiteral("repositories/b/content/read")}));
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, kDeadlineMs);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 10);
    QVERIFY(m_model->index(10, ScopeMapListModel::ActionsColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("2 action")));
    QCOMPARE(
        m_hierarchy.admin().call("DELETE", QStringLiteral("/api/v1/scope-maps/map-008")).status,
        204);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 42, kDeadlineMs);
    QCOMPARE(m_model->index(11, 0).data().toString(), QStringLiteral("map-009"));
}

QTEST_GUILESS_MAIN(TestScopeMapListModel)
#include "tst_scopemaplistmodel.moc"
